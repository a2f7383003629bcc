/**
 * "Thêm kiosk" (docs/fleet.md "Enrolment"): staff type the pairing code a new kiosk shows on its
 * screen, see which kiosk is asking (its id and name), and confirm it for their ward; the kiosk
 * collects its device secret on its next poll and appears in the list when it connects.
 * "Cho phép đăng ký lại" on a device page lets an enrolled kiosk id pair again (a lost secret, a
 * replaced machine). Bodies are checked with the hub-console contract before they are sent, and
 * answers when they arrive; the hub's refusals come with a Vietnamese message, shown as is.
 */
import './AddKiosk.css';
import { useState, type FormEvent } from 'react';
import { PairingApproveRequest, PairingApproveResponse, PairingLookupRequest, PairingView, ReenrolResponse } from '../../../../common/contract/hub-console.ts';
import { api, ApiError } from '../../api.ts';
import { timeVi } from '../../logic.ts';

/** What staff typed, as the hub reads it: upper case, spaces and dashes dropped ("k7qm 2xpd" → "K7QM2XPD"). */
export function normalizePairingCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]+/g, '');
}

function messageOf(e: unknown, fallback: string): string {
  // The pairing routes refuse with a Vietnamese message (hub/fleet/pairing.ts).
  if (e instanceof ApiError && [403, 404, 409, 429].includes(e.status)) return e.message;
  if (e instanceof ApiError && e.status === 401) return 'Phiên đăng nhập đã hết. Xin đăng nhập lại.';
  return fallback;
}

export function AddKiosk({ ward }: { ward: string }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [wardInput, setWardInput] = useState(ward);
  const [found, setFound] = useState<PairingView | null>(null);
  const [done, setDone] = useState<PairingApproveResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setTyped('');
    setFound(null);
    setError(null);
  };

  const lookup = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setDone(null);
    const body = PairingLookupRequest.safeParse({ pairingCode: normalizePairingCode(typed) });
    if (!body.success) {
      setError('Mã gồm 8 ký tự (chữ và số, không có 0, O, 1, I). Xin xem lại mã trên màn hình kiosk.');
      return;
    }
    setBusy(true);
    try {
      setFound(PairingView.parse(await api('/api/kiosks/pairing/lookup', { body: body.data })));
      setError(null);
    } catch (err) {
      setFound(null);
      setError(messageOf(err, 'Không tra được mã. Xin thử lại.'));
    } finally {
      setBusy(false);
    }
  };

  const approve = async () => {
    if (busy || !found) return;
    const body = PairingApproveRequest.safeParse({ pairingCode: normalizePairingCode(typed), ward: wardInput.trim() });
    if (!body.success) {
      setError('Mã phường không hợp lệ.');
      return;
    }
    setBusy(true);
    try {
      setDone(PairingApproveResponse.parse(await api('/api/kiosks/pairing/approve', { body: body.data })));
      reset();
      setOpen(false);
    } catch (err) {
      setError(messageOf(err, 'Không xác nhận được. Xin thử lại.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section data-testid="add-kiosk">
      <h2>Thêm kiosk</h2>
      {!open ? (
        <div className="row">
          <button
            className="primary"
            data-testid="add-kiosk-open"
            onClick={() => {
              setOpen(true);
              setDone(null);
              reset();
            }}
          >
            Thêm kiosk
          </button>
          <span className="muted">Máy kiosk mới hiện một mã ghép nối trên màn hình; nhập mã đó ở đây.</span>
        </div>
      ) : (
        <>
          <form className="row" onSubmit={lookup}>
            <label>
              Mã ghép nối trên màn hình kiosk{' '}
              <input
                className="pairing-input"
                data-testid="pairing-code-input"
                value={typed}
                maxLength={12}
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                placeholder="ABCD EFGH"
                onChange={(e) => {
                  setTyped(e.target.value.toUpperCase());
                  setFound(null);
                }}
              />
            </label>
            {!ward && (
              <label>
                Phường <input data-testid="pairing-ward" value={wardInput} onChange={(e) => setWardInput(e.target.value)} />
              </label>
            )}
            <button className="secondary" type="submit" data-testid="pairing-lookup" disabled={busy}>
              Tìm kiosk
            </button>
            <button
              className="secondary"
              type="button"
              onClick={() => {
                setOpen(false);
                reset();
              }}
            >
              Huỷ
            </button>
          </form>
          {found && (
            <div className="pairing-found" data-testid="pairing-found" data-kiosk={found.kioskId}>
              <p>
                Kiosk đang chờ thêm: <strong data-testid="pairing-found-name">{found.name}</strong> (mã máy <code>{found.kioskId}</code>), yêu cầu lúc {timeVi(found.requestedAt)}; mã hết hạn lúc{' '}
                {timeVi(found.expiresAt)}.
              </p>
              {found.reenrol && (
                <p className="error">
                  Máy này đã được đăng ký{found.enrolledWard ? ` (phường ${found.enrolledWard})` : ''}. Xác nhận sẽ thay khoá của máy cũ: máy cũ bị ngắt kết nối.
                </p>
              )}
              <div className="row">
                <button className="primary" data-testid="pairing-approve" onClick={() => void approve()} disabled={busy}>
                  Xác nhận thêm vào phường {wardInput || '…'}
                </button>
              </div>
            </div>
          )}
        </>
      )}
      {error && (
        <p className="error" role="alert" data-testid="pairing-error">
          {error}
        </p>
      )}
      {done && (
        <p className="ok-text" role="status" data-testid="pairing-done">
          Đã thêm {done.name} ({done.kioskId}) vào phường {done.ward}. Máy sẽ hiện trong danh sách khi kết nối (vài giây).
        </p>
      )}
    </section>
  );
}

/** On a device page: let this kiosk id pair again for 30 minutes (audited on the hub). */
export function ReenrolButton({ kioskId }: { kioskId: string }) {
  const [until, setUntil] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const allow = async () => {
    try {
      setUntil(ReenrolResponse.parse(await api(`/api/kiosks/${encodeURIComponent(kioskId)}/reenrol`, { body: {} })).until);
      setError(null);
    } catch (err) {
      setError(messageOf(err, 'Không thực hiện được.'));
    }
  };
  return (
    <div className="row">
      <button className="secondary" data-testid="reenrol" onClick={() => void allow()}>
        Cho phép đăng ký lại
      </button>
      {until ? (
        <span className="muted" data-testid="reenrol-until">
          Máy có mã {kioskId} được ghép nối lại đến {timeVi(until)}: trên máy mới (hoặc máy đã mất khoá) sẽ hiện mã ghép nối; nhập mã đó ở “Thêm kiosk”.
        </span>
      ) : (
        <span className="muted">Dùng khi máy bị mất khoá hoặc được thay máy mới.</span>
      )}
      {error && <span className="error">{error}</span>}
    </div>
  );
}
