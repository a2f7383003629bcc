/**
 * The console's top bar: who is logged in, the link, the status toggle, log out.
 * Layer: browser (React).
 */
import './Header.css';
import type { VolunteerStatus } from '../../../../common/contract/hub-console.ts';
import type { ConsoleState } from '../../state.ts';
import { LinkBadge } from '../LinkBadge/LinkBadge.tsx';
import { StatusToggle } from '../StatusToggle/StatusToggle.tsx';

export function Header({ name, state, onSet, onLogout }: { name: string; state: ConsoleState; onSet: (s: VolunteerStatus) => void; onLogout: () => void }) {
  return (
    <header className="top">
      <div className="brand">
        <strong>Hỗ trợ kiosk</strong>
        <span className="who" data-testid="who">
          {name}
        </span>
      </div>
      <LinkBadge link={state.link} />
      <StatusToggle state={state} onSet={onSet} />
      <button className="ghost" data-testid="logout" onClick={onLogout}>
        Đăng xuất
      </button>
    </header>
  );
}
