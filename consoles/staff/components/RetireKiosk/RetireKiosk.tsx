/**
 * "Gỡ kiosk khỏi hệ thống" on a device page: a machine that is sold, broken beyond repair or moved
 * to storage leaves the fleet. Two steps — the button opens what will happen, a second button
 * does it — and the request repeats the kiosk id (the hub refuses a retire whose confirmation
 * names another kiosk). The hub audits it (`kiosk.retired`); the kiosk forgets its device secret
 * and shows the enrolment screen; its history, applications and statistics stay.
 */
import { useState } from 'react';
import { RetireResponse, type KioskStatusView } from '../../../../common/contract/hub-console.ts';
import { api, ApiError } from '../../api.ts';

export function RetireKiosk({ kiosk, onRetired }: { kiosk: KioskStatusView; onRetired: (notice: string) => void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const retire = async () => {
    setBusy(true);
    try {
      RetireResponse.parse(await api(`/api/fleet/kiosks/${encodeURIComponent(kiosk.kioskId)}/retire`, { body: { confirm: kiosk.kioskId } }));
      onRetired(`Đã gỡ ${kiosk.name} (${kiosk.kioskId}) khỏi hệ thống. Muốn dùng lại máy này, hãy thêm nó như một kiosk mới.`);
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 403
          ? 'Không có quyền với máy của phường khác.'
          : e instanceof ApiError && e.status === 401
            ? 'Phiên đăng nhập đã hết. Xin đăng nhập lại.'
            : 'Không gỡ được máy. Xin thử lại.',
      );
      setBusy(false);
    }
  };
  if (!open)
    return (
      <div className="row">
        <button className="danger" data-testid="retire-open" onClick={() => setOpen(true)}>
          Gỡ kiosk khỏi hệ thống…
        </button>
        <span className="muted">Khi máy được thanh lý, hỏng hẳn hoặc đưa vào kho.</span>
      </div>
    );
  return (
    <div className="confirm" role="alertdialog" aria-labelledby="retire-title" data-testid="retire-panel">
      <h3 id="retire-title">
        Gỡ {kiosk.name} ({kiosk.kioskId})?
      </h3>
      <ul>
        <li>Máy bị ngắt khỏi hub ngay và không nhận lệnh, cấu hình hay cuộc gọi hỗ trợ nữa.</li>
        <li>Trên máy sẽ hiện màn hình ghép nối; muốn dùng lại, hãy thêm nó như một kiosk mới.</li>
        <li>Hồ sơ đã nhận, thống kê, lịch sử và nhật ký kiểm tra vẫn được giữ.</li>
        <li>Hồ sơ còn nằm trên máy (chưa gửi lên hub) vẫn ở trên máy và sẽ được gửi khi máy được ghép nối lại.</li>
      </ul>
      {kiosk.online && <p className="warning">Máy đang hoạt động: nếu có người dân đang dùng, họ vẫn làm xong được lượt của mình.</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button className="danger" data-testid="retire-confirm" disabled={busy} onClick={() => void retire()}>
          Gỡ máy {kiosk.kioskId}
        </button>
        <button className="secondary" data-testid="retire-cancel" disabled={busy} onClick={() => setOpen(false)}>
          Huỷ
        </button>
      </div>
    </div>
  );
}
