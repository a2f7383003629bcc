/**
 * The call that just ended, and who ended it.
 * Layer: browser (React).
 */
import './Ended.css';
import type { EndedCall } from '../../state.ts';

export function Ended({ ended, onClose }: { ended: EndedCall; onClose: () => void }) {
  const by = { kiosk: 'Người dân đã kết thúc cuộc gọi.', volunteer: 'Bạn đã kết thúc cuộc gọi.', timeout: 'Cuộc gọi đã ngắt vì mất kết nối quá lâu.', unknown: 'Cuộc gọi đã kết thúc.' }[ended.by];
  return (
    <section className="card ended" data-testid="ended" data-by={ended.by}>
      <h2>Cuộc gọi đã kết thúc</h2>
      <p>
        {by} ({ended.kioskName})
      </p>
      <button className="secondary" data-testid="ended-close" onClick={onClose}>
        Đóng
      </button>
    </section>
  );
}
