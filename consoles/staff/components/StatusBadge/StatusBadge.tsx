/**
 * A kiosk online / offline.
 * Layer: browser (React).
 */


export function StatusBadge({ online }: { online: boolean }) {
  return <span className={`badge ${online ? 'ok' : 'bad'}`}>{online ? 'Trực tuyến' : 'Mất kết nối'}</span>;
}
