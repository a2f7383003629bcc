/**
 * "Tài khoản" — the staff console's account page (issue 17): ward staff create, disable and reset the
 * volunteer accounts of their own ward; admins do the same for staff (always with a ward) and
 * volunteers of any ward. A new or reset account gets a one-time password, shown here once, which
 * its owner must change at first login. The hub decides who may manage whom and audits every change
 * (hub/security/accounts.ts); this page only offers what the hub would allow.
 * Layer: browser (React).
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { AccountListResponse, AccountPasswordResponse, AccountView, type UserView } from '../../common/contract/hub-console.ts';
import type { HubLang, Role } from '../../common/contract/hub-common.ts';
import { AccountApiError, accountCall } from './http.ts';
import { accountErrorVi, accountStateVi, ROLE_VI, USERNAME_RULE_VI } from './logic.ts';
import './accounts.css';

const AccountResponse = z.object({ account: AccountView }).strict();
type Pending = { kind: 'reset' | 'disable' | 'enable'; account: AccountView };

function errorText(e: unknown): string {
  return e instanceof AccountApiError ? accountErrorVi(e.status, e.code, e.issues, e.messageVi) : 'Không kết nối được máy chủ.';
}

export function AccountsPage({ user }: { user: UserView }) {
  const admin = user.role === 'admin';
  const [accounts, setAccounts] = useState<AccountView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [issued, setIssued] = useState<{ username: string; password: string; why: 'create' | 'reset' } | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // The state is set when the answer comes (in the promise's callbacks), never during the effect that asks.
  const load = useCallback(
    () =>
      accountCall(AccountListResponse, '/api/accounts').then(
        (r) => setAccounts(r.accounts),
        (e: unknown) => setError(errorText(e)),
      ),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const confirm = async () => {
    if (!pending) return;
    const { kind, account } = pending;
    setPending(null);
    setError(null);
    setNotice(null);
    try {
      if (kind === 'reset') {
        const r = await accountCall(AccountPasswordResponse, `/api/accounts/${encodeURIComponent(account.username)}/reset-password`, {});
        setIssued({ username: r.account.username, password: r.temporaryPassword, why: 'reset' });
      } else {
        await accountCall(AccountResponse, `/api/accounts/${encodeURIComponent(account.username)}/disable`, { disabled: kind === 'disable' });
        setIssued(null);
        setNotice(kind === 'disable' ? `Đã khoá tài khoản ${account.username}; người đó đã bị đăng xuất.` : `Đã mở khoá tài khoản ${account.username}.`);
      }
    } catch (e) {
      setError(errorText(e));
    }
    await load();
  };

  return (
    <div className="acc-page" data-testid="accounts-page">
      <CreateAccount
        user={user}
        onCreated={(username, password) => {
          setNotice(null);
          setIssued({ username, password, why: 'create' });
          void load();
        }}
      />
      {issued && (
        <section className="acc-issued" role="status" data-testid="issued-password">
          <h3>{issued.why === 'create' ? `Đã tạo tài khoản ${issued.username}` : `Đã đặt lại mật khẩu của ${issued.username}`}</h3>
          <p>
            Mật khẩu một lần: <span className="acc-secret" data-testid="issued-secret">{issued.password}</span>
          </p>
          <p className="acc-hint">Chỉ hiện một lần. Hãy trao trực tiếp cho người dùng; họ phải đổi mật khẩu khi đăng nhập lần đầu.</p>
          <button className="secondary" onClick={() => setIssued(null)} data-testid="issued-close">
            Đã ghi lại, ẩn mật khẩu
          </button>
        </section>
      )}
      <section>
        <h2>{admin ? 'Tài khoản cán bộ và tình nguyện viên' : `Tình nguyện viên của phường ${user.ward ?? ''}`}</h2>
        {notice && (
          <p className="ok-text" role="status" data-testid="accounts-notice">
            {notice}
          </p>
        )}
        {error && (
          <p className="acc-error" role="alert" data-testid="accounts-error">
            {error}
          </p>
        )}
        {pending && (
          <div className="confirm" data-testid="account-confirm">
            <h3>
              {pending.kind === 'reset' ? 'Đặt lại mật khẩu' : pending.kind === 'disable' ? 'Khoá tài khoản' : 'Mở khoá tài khoản'} {pending.account.username} ({pending.account.displayName})?
            </h3>
            <p>
              {pending.kind === 'reset'
                ? 'Mật khẩu cũ hết hiệu lực ngay, người đó bị đăng xuất khỏi mọi thiết bị và phải đổi mật khẩu một lần khi đăng nhập lại.'
                : pending.kind === 'disable'
                  ? 'Người đó bị đăng xuất ngay và không đăng nhập được cho đến khi được mở khoá.'
                  : 'Người đó đăng nhập lại được bằng mật khẩu đang có.'}
            </p>
            <div className="row">
              <button className={pending.kind === 'enable' ? 'primary' : 'danger'} data-testid="account-confirm-yes" onClick={() => void confirm()}>
                Đồng ý
              </button>
              <button className="secondary" onClick={() => setPending(null)}>
                Huỷ
              </button>
            </div>
          </div>
        )}
        {accounts === null ? (
          <p className="muted">Đang tải…</p>
        ) : accounts.length === 0 ? (
          <p className="muted">Chưa có tài khoản nào.</p>
        ) : (
          <table data-testid="accounts-table">
            <thead>
              <tr>
                <th>Tên đăng nhập</th>
                <th>Họ tên</th>
                <th>Vai trò</th>
                {admin && <th>Phường/xã</th>}
                <th>Trạng thái</th>
                <th>Thao tác</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => {
                const st = accountStateVi(a);
                return (
                  <tr key={a.username} data-testid={`account-${a.username}`} data-state={a.disabled ? 'disabled' : a.mustChangePassword ? 'must-change' : 'active'}>
                    <td>
                      <strong>{a.username}</strong>
                    </td>
                    <td>{a.displayName}</td>
                    <td>{ROLE_VI[a.role]}</td>
                    {admin && <td>{a.ward ?? '—'}</td>}
                    <td>
                      <span className={`badge ${st.tone}`}>{st.text}</span>
                    </td>
                    <td className="acc-row-actions">
                      <button className="secondary" data-testid="account-reset" onClick={() => setPending({ kind: 'reset', account: a })}>
                        Đặt lại mật khẩu
                      </button>
                      {a.disabled ? (
                        <button className="secondary" data-testid="account-enable" onClick={() => setPending({ kind: 'enable', account: a })}>
                          Mở khoá
                        </button>
                      ) : (
                        <button className="danger" data-testid="account-disable" onClick={() => setPending({ kind: 'disable', account: a })}>
                          Khoá
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function CreateAccount({ user, onCreated }: { user: UserView; onCreated: (username: string, password: string) => void }) {
  const admin = user.role === 'admin';
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('volunteer');
  const [ward, setWard] = useState(user.ward ?? '');
  const [langs, setLangs] = useState<HubLang[]>(['vi']);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const toggle = (l: HubLang) => setLangs((ls) => (ls.includes(l) ? ls.filter((x) => x !== l) : [...ls, l]));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const name = username.trim().toLowerCase();
    if (!/^[a-z0-9][a-z0-9._-]{1,31}$/.test(name)) return setError(USERNAME_RULE_VI);
    if (!displayName.trim()) return setError('Vui lòng nhập họ tên.');
    if (langs.length === 0) return setError('Chọn ít nhất một ngôn ngữ.');
    if (!ward.trim()) return setError('Cần mã phường/xã: tài khoản cán bộ và tình nguyện viên luôn thuộc một phường/xã.');
    setBusy(true);
    setError(null);
    try {
      const r = await accountCall(AccountPasswordResponse, '/api/accounts', { username: name, displayName: displayName.trim(), role: admin ? role : 'volunteer', ward: admin ? ward.trim() : user.ward, languages: langs });
      setUsername('');
      setDisplayName('');
      onCreated(r.account.username, r.temporaryPassword);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section>
      <h2>{admin ? 'Thêm tài khoản' : 'Thêm tình nguyện viên'}</h2>
      <form className="acc-form" onSubmit={submit} data-testid="account-create">
        <label>
          Tên đăng nhập
          <input data-testid="account-username" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" autoCapitalize="none" maxLength={32} />
        </label>
        <label>
          Họ tên
          <input data-testid="account-display-name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoComplete="off" maxLength={80} />
        </label>
        {admin && (
          <label>
            Vai trò
            <select data-testid="account-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              <option value="volunteer">{ROLE_VI.volunteer}</option>
              <option value="staff">{ROLE_VI.staff}</option>
            </select>
          </label>
        )}
        {admin ? (
          <label>
            Mã phường/xã
            <input data-testid="account-ward" value={ward} onChange={(e) => setWard(e.target.value)} autoComplete="off" maxLength={40} placeholder="vd. 000.00.12.H29" />
          </label>
        ) : (
          <p className="muted">Phường/xã: {user.ward}</p>
        )}
        <fieldset>
          <legend>Ngôn ngữ hỗ trợ</legend>
          <label className="acc-check">
            <input type="checkbox" checked={langs.includes('vi')} onChange={() => toggle('vi')} /> Tiếng Việt
          </label>
          <label className="acc-check">
            <input type="checkbox" data-testid="account-lang-en" checked={langs.includes('en')} onChange={() => toggle('en')} /> Tiếng Anh
          </label>
        </fieldset>
        {error && (
          <p className="acc-error" role="alert" data-testid="account-create-error">
            {error}
          </p>
        )}
        <button className="primary" data-testid="account-create-submit" type="submit" disabled={busy}>
          Tạo tài khoản
        </button>
      </form>
    </section>
  );
}
