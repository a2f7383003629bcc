/**
 * The alerts, open and resolved.
 * Layer: browser (React).
 */
import type { AlertView } from '../../../../common/contract/hub-console.ts';
import { ALERT_VI, timeVi } from '../../logic.ts';

export function Alerts({ alerts }: { alerts: AlertView[] }) {
  return (
    <section>
      <h2>Cảnh báo</h2>
      <table data-testid="alert-list">
        <thead>
          <tr>
            <th>Máy</th>
            <th>Loại</th>
            <th>Trạng thái</th>
            <th>Bắt đầu</th>
            <th>Kết thúc</th>
            <th>Thư</th>
          </tr>
        </thead>
        <tbody>
          {alerts.map((a) => (
            <tr key={a.id} data-testid={`alert-${a.kind}`} data-state={a.state}>
              <td>{a.kioskId}</td>
              <td>
                {ALERT_VI[a.kind]}
                {a.detail ? <span className="muted"> ({a.detail})</span> : null}
              </td>
              <td>
                <span className={`badge ${a.state === 'open' ? 'bad' : 'ok'}`}>{a.state === 'open' ? 'Đang xảy ra' : 'Đã khắc phục'}</span>
              </td>
              <td>{timeVi(a.openedAt)}</td>
              <td>{timeVi(a.resolvedAt)}</td>
              <td>{a.mailedAt ? 'Đã gửi' : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
