/**
 * Sẵn sàng / Bận / Tạm vắng (off while the link is down or in a call).
 * Layer: browser (React).
 */
import './StatusToggle.css';
import type { VolunteerStatus } from '../../../../common/contract/hub-console.ts';
import { STATUS_LABEL, type ConsoleState } from '../../state.ts';

const STATUS_CHOICES: { status: VolunteerStatus; on: string }[] = [
  { status: 'available', on: 'on ok' },
  { status: 'busy', on: 'on busy' },
  { status: 'away', on: 'on away' },
];

export function StatusToggle({ state, onSet }: { state: ConsoleState; onSet: (s: VolunteerStatus) => void }) {
  const off = state.link !== 'online' || !!state.call;
  return (
    <div className="toggle" role="group" aria-label="Trạng thái" data-testid="status-current" data-status={state.status}>
      {STATUS_CHOICES.map(({ status, on }) => (
        <button key={status} className={state.status === status ? on : ''} aria-pressed={state.status === status} disabled={off} data-testid={`status-${status}`} onClick={() => onSet(status)}>
          {STATUS_LABEL[status]}
        </button>
      ))}
    </div>
  );
}
