/**
 * Log in (ward staff and admins only; a volunteer is told this is not their console).
 * Layer: browser (React).
 */
import './Login.css';
import { useState, type FormEvent } from 'react';
import type { UserView } from '../../../../common/contract/hub-console.ts';
import { api, ApiError } from '../../api.ts';

export function Login({ onUser, notStaff }: { onUser: (u: UserView, mustChange?: boolean) => void; notStaff: string | null }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(notStaff ? 'Tài khoản này không phải cán bộ phường.' : null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const r = await api<{ user: UserView; mustChangePassword?: boolean }>('/api/login', { body: { username, password } });
      if (r.user.role !== 'staff' && r.user.role !== 'admin') {
        setError('Tài khoản này không phải cán bộ phường.');
        await api('/api/logout', { body: {} });
        return;
      }
      onUser(r.user, r.mustChangePassword);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 429 ? 'Sai quá nhiều lần; vui lòng chờ một phút.' : 'Sai tên đăng nhập hoặc mật khẩu.');
    }
  };
  return (
    <main>
      <section className="login">
        <h2>Đăng nhập cán bộ phường</h2>
        <form onSubmit={submit}>
          <label>
            Tên đăng nhập
            <input data-testid="login-username" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" />
          </label>
          <label>
            Mật khẩu
            <input data-testid="login-password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
          </label>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button className="primary" data-testid="login-submit" type="submit">
            Đăng nhập
          </button>
        </form>
      </section>
    </main>
  );
}
