/**
 * "Đổi mật khẩu" — shown by both consoles in place of everything else while the hub says the
 * account must change its password (a new account's or a reset one-time password: issue 17). The
 * person types the one-time password and a new one twice; the rule (length, not the user name, not
 * the old one) is checked here and again at the hub, which answers in Vietnamese too.
 * Layer: browser (React).
 */
import { useState, type FormEvent } from 'react';
import { PasswordChangeResponse, type UserView } from '../../common/contract/hub-console.ts';
import { AccountApiError, accountCall } from './http.ts';
import { accountErrorVi, newPasswordProblem, PASSWORD_MIN } from './logic.ts';
import './accounts.css';

export function PasswordChange(props: { user: UserView; onDone: () => void; onLogout: () => void; className?: string }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = current ? newPasswordProblem(props.user.username, next, repeat, current) : 'Vui lòng nhập mật khẩu hiện tại (mật khẩu một lần được cấp).';
    setError(problem);
    if (problem) return;
    setBusy(true);
    try {
      await accountCall(PasswordChangeResponse, '/api/password', { currentPassword: current, newPassword: next });
      props.onDone();
    } catch (err) {
      if (err instanceof AccountApiError && err.status === 403 && err.code === 'forbidden') setError('Mật khẩu hiện tại không đúng.');
      else if (err instanceof AccountApiError) setError(accountErrorVi(err.status, err.code, err.issues, err.messageVi));
      else setError('Không kết nối được máy chủ.');
    } finally {
      setBusy(false);
    }
  };
  const logout = async () => {
    await fetch('/api/logout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', credentials: 'same-origin' }).catch(() => undefined);
    props.onLogout();
  };
  return (
    <main className={`acc-password ${props.className ?? ''}`}>
      <form onSubmit={submit} data-testid="password-change" aria-labelledby="acc-password-title">
        <h2 id="acc-password-title">Đổi mật khẩu</h2>
        <p>
          Xin chào {props.user.displayName}. Tài khoản <strong>{props.user.username}</strong> đang dùng mật khẩu một lần; vui lòng chọn mật khẩu của riêng bạn trước khi làm việc.
        </p>
        <label>
          Mật khẩu hiện tại (mật khẩu một lần)
          <input data-testid="password-current" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} maxLength={256} />
        </label>
        <label>
          Mật khẩu mới
          <input data-testid="password-new" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} maxLength={256} />
        </label>
        <label>
          Nhập lại mật khẩu mới
          <input data-testid="password-repeat" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} maxLength={256} />
        </label>
        <p className="acc-hint">Ít nhất {PASSWORD_MIN} ký tự, không chứa tên đăng nhập. Có thể dùng một câu dễ nhớ, có dấu.</p>
        {error && (
          <p className="acc-error" role="alert" data-testid="password-error">
            {error}
          </p>
        )}
        <div className="acc-actions">
          <button className="primary big" data-testid="password-submit" type="submit" disabled={busy}>
            Lưu mật khẩu mới
          </button>
          <button className="secondary" type="button" onClick={logout}>
            Đăng xuất
          </button>
        </div>
      </form>
    </main>
  );
}
