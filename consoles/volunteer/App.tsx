/**
 * The volunteer console (Vietnamese, phone and laptop): log in, Sẵn sàng /
 * Bận / Tạm vắng (the hub moves an unanswering volunteer to Tạm vắng), ring with sound, accept / decline, the call (audio, optional camera,
 * mute, timer, connection in words), chat, the kiosk's live view with
 * pointing and — only when the resident allows it — typing, end with a note,
 * history of one's own calls. State lives in Controller (controller.ts); one
 * folder per component in components/ (its .tsx and .css).
 * Layer: browser (React).
 */
import { useEffect, useState } from 'react';
import type { UserView } from '../../common/contract/hub-console.ts';
import { PasswordChange } from '../accounts/PasswordChange.tsx';
import * as api from './api.ts';
// Styles join the page in this order: the shared ones, the login's, then the console's components'.
import './styles.css';
import { Login } from './components/Login/Login.tsx';
import { Console } from './components/Console/Console.tsx';

export function App() {
  const [user, setUser] = useState<UserView | null>(null);
  const [checked, setChecked] = useState(false);
  const [mustChange, setMustChange] = useState(false); // a new or reset password (issue 17)
  const signIn = (u: UserView | null, must?: boolean) => {
    setUser(u);
    setMustChange(!!must);
  };
  useEffect(() => {
    api
      .me()
      .then((r) => signIn(r.user, r.mustChangePassword))
      .catch(() => setUser(null))
      .finally(() => setChecked(true));
  }, []);
  if (!checked) return <div className="boot">Đang tải…</div>;
  if (!user) return <Login onIn={signIn} />;
  if (mustChange) return <PasswordChange user={user} className="vol" onDone={() => setMustChange(false)} onLogout={() => signIn(null)} />;
  return <Console user={user} onOut={() => setUser(null)} />;
}
