/**
 * Log in (the volunteer's user name and password).
 * Layer: browser (React).
 */
import './Login.css';
import { useState, type FormEvent } from 'react';
import type { UserView } from '../../../../common/contract/hub-console.ts';
import * as api from '../../api.ts';

export function Login({ onIn }: { onIn: (u: UserView, mustChange?: boolean) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await api.login(username.trim().toLowerCase(), password);
      onIn(r.user, r.mustChangePassword);
    } catch (err) {
      setError(api.loginErrorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login">
      <form onSubmit={submit} className="card login-card" data-testid="login-form">
        <h1>Hỗ trợ người dân tại kiosk</h1>
        <p className="muted">Dành cho tình nguyện viên Đoàn Thanh niên</p>
        <label>
          Tên đăng nhập
          <input data-testid="login-username" autoComplete="username" autoCapitalize="none" value={username} onChange={(e) => setUsername(e.target.value)} required maxLength={32} />
        </label>
        <label>
          Mật khẩu
          <input data-testid="login-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required maxLength={256} />
        </label>
        {error && (
          <p className="error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button className="big primary" data-testid="login-submit" disabled={busy}>
          {busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
        </button>
      </form>
    </main>
  );
}
