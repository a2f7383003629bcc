/**
 * Waiting for a call: what the volunteer's status means, and the way back to Sẵn sàng.
 * Layer: browser (React).
 */
import './Idle.css';
import type { VolunteerStatus } from '../../../../common/contract/hub-console.ts';
import type { ConsoleState } from '../../state.ts';

export function Idle({ state, onSet }: { state: ConsoleState; onSet: (s: VolunteerStatus) => void }) {
  return (
    <section className="card idle" data-testid="idle">
      {state.status === 'away' ? (
        <>
          <h2>Bạn đang tạm vắng</h2>
          <p>Bạn sẽ không nhận cuộc gọi. Bấm “Sẵn sàng” khi bạn quay lại.</p>
          <button className="big ok" data-testid="go-available" disabled={state.link !== 'online'} onClick={() => onSet('available')}>
            Sẵn sàng nhận cuộc gọi
          </button>
        </>
      ) : state.status === 'available' ? (
        <>
          <h2>Bạn đang sẵn sàng</h2>
          <p>Khi có người dân cần hỗ trợ, chuông sẽ reo và cuộc gọi hiện ở đây. Hãy giữ trang này mở.</p>
          <button className="big secondary" disabled={state.link !== 'online'} onClick={() => onSet('busy')}>
            Tạm nghỉ (Bận)
          </button>
        </>
      ) : (
        <>
          <h2>Bạn đang bận</h2>
          <p>Bạn sẽ không nhận cuộc gọi. Bấm “Sẵn sàng” khi có thể hỗ trợ người dân.</p>
          <button className="big ok" data-testid="go-available" disabled={state.link !== 'online'} onClick={() => onSet('available')}>
            Sẵn sàng nhận cuộc gọi
          </button>
        </>
      )}
    </section>
  );
}
