/**
 * The volunteer's own calls.
 * Layer: browser (React).
 */
import './History.css';
import type { CallHistoryEntry } from '../../api.ts';
import { formatDuration, LANG_NAME } from '../../state.ts';

const STATE_TEXT: Record<string, string> = {
  ended: 'Đã xong',
  accepted: 'Đang gọi',
  cancelled: 'Đã huỷ',
  callback: 'Gọi lại',
  unanswered: 'Không ai nhận',
  waiting: 'Đang chờ',
  ringing: 'Đang đổ chuông',
};

export function History({ calls, onReload }: { calls: CallHistoryEntry[] | null; onReload: () => void }) {
  const fmt = (t: number) => new Date(t).toLocaleString('vi-VN', { hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit' });
  return (
    <section className="card history" data-testid="history">
      <div className="row">
        <h2>Các cuộc gọi của bạn</h2>
        <button className="ghost small" onClick={onReload}>
          Làm mới
        </button>
      </div>
      {calls === null ? (
        <p className="muted">Đang tải…</p>
      ) : calls.length === 0 ? (
        <p className="muted">Bạn chưa nhận cuộc gọi nào.</p>
      ) : (
        <ul className="hist">
          {calls.map((h) => (
            <li key={h.callId} data-testid="history-item">
              <div className="hist-main">
                <strong>{h.kioskId}</strong>
                <span className="muted small">
                  {fmt(h.acceptedAt ?? h.createdAt)} · {LANG_NAME[h.lang] ?? h.lang}
                  {h.acceptedAt && h.endedAt ? ` · ${formatDuration(h.endedAt - h.acceptedAt)}` : ''}
                </span>
              </div>
              <span className="badge">{STATE_TEXT[h.state] ?? h.state}</span>
              {h.note && <p className="note">{h.note}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
