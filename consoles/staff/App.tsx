/**
 * The staff console (Vietnamese): fleet with live status, device page,
 * alerts, config/catalogue editor with publish and rollback, applications
 * inbox, statistics (Chart.js) with CSV export, audit log.
 * Pure logic lives in logic.ts; HTTP and the socket in api.ts; one folder per
 * component in components/ (its .tsx and, where it has one, its .css).
 */
import { useEffect, useState } from 'react';
import type { UserView } from '../../common/contract/hub-console.ts';
import { api } from './api.ts';
import { PasswordChange } from '../accounts/PasswordChange.tsx';
// The console's shared styles first, then each component's own (the cascade follows the import order).
import './styles.css';
import { Login } from './components/Login/Login.tsx';
import { Console } from './components/Console/Console.tsx';

export function App() {
  const [user, setUser] = useState<UserView | null | undefined>(undefined);
  const [mustChange, setMustChange] = useState(false); // a new or reset password (issue 17)
  const signIn = (u: UserView | null, must?: boolean) => {
    setUser(u);
    setMustChange(!!must);
  };
  useEffect(() => {
    api<{ user: UserView; mustChangePassword?: boolean }>('/api/me')
      .then((r) => signIn(r.user, r.mustChangePassword))
      .catch(() => setUser(null));
  }, []);
  if (user === undefined) return <p className="muted">Đang tải…</p>;
  if (!user || (user.role !== 'staff' && user.role !== 'admin')) return <Login onUser={signIn} notStaff={user ? user.role : null} />;
  if (mustChange) return <PasswordChange user={user} onDone={() => setMustChange(false)} onLogout={() => signIn(null)} />;
  return <Console user={user} onLogout={() => setUser(null)} />;
}
