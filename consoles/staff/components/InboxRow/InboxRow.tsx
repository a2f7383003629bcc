/**
 * One application: read it, change its status with an internal note.
 * Layer: browser (React).
 */
import { ApplicationReader } from '../ApplicationReader/ApplicationReader.tsx';
import { useState } from 'react';
import type { ApplicationView } from '../../../../common/contract/hub-console.ts';
import type { ApplicationStatus } from '../../../../common/contract/hub-kiosk.ts';
import { api } from '../../api.ts';
import { STATUS_VI, timeVi } from '../../logic.ts';

export function InboxRow({ a }: { a: ApplicationView }) {
  const [reading, setReading] = useState(false);
  const [status, setStatus] = useState<ApplicationStatus>(a.status);
  const [note, setNote] = useState('');
  const [error, setError] = useState(false);
  const save = async () => {
    try {
      await api(`/api/fleet/applications/${a.id}/status`, { body: { status, note: note || null } });
      setError(false);
      setNote('');
    } catch {
      setError(true);
    }
  };
  return (
    <tr data-testid={`application-${a.code}`} data-status={a.status}>
      <td>
        {a.code}{' '}
        <button data-testid={`read-${a.code}`} onClick={() => setReading(true)}>
          Xem hồ sơ
        </button>
        {reading ? <ApplicationReader id={a.id} onClose={() => setReading(false)} /> : null}
      </td>
      <td>{a.serviceCode}</td>
      <td>{a.kioskId}</td>
      <td>{timeVi(a.receivedAt)}</td>
      <td>
        <span className="badge">{STATUS_VI[a.status]}</span>
        {a.note ? <div className="muted">{a.note}</div> : null}
      </td>
      <td>
        <div className="row">
          <select aria-label="Trạng thái mới" data-testid="status-select" value={status} onChange={(e) => setStatus(e.target.value as ApplicationStatus)}>
            {Object.entries(STATUS_VI).map(([s, l]) => (
              <option key={s} value={s}>
                {l}
              </option>
            ))}
          </select>
          <input aria-label="Ghi chú nội bộ (không hiện trên kiosk)" placeholder="Ghi chú nội bộ" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
          <button className="primary" data-testid="status-save" onClick={save}>
            Lưu
          </button>
          {error && <span className="error">Không lưu được.</span>}
        </div>
      </td>
    </tr>
  );
}
