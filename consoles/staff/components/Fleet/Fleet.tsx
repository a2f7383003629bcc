/**
 * The ward's kiosks: add one (pairing code or one-time enrolment code), the live table of kiosks.
 * Layer: browser (React).
 */
import './Fleet.css';
import { useState } from 'react';
import type { AlertView } from '../../../../common/contract/hub-console.ts';
import { AddKiosk } from '../AddKiosk/AddKiosk.tsx';
import { api } from '../../api.ts';
import { ALERT_VI, scannerVi, sortedKiosks, timeVi, type LiveState } from '../../logic.ts';
import { StatusBadge } from '../StatusBadge/StatusBadge.tsx';
import { PrinterBadge } from '../PrinterBadge/PrinterBadge.tsx';

export function Fleet({ state, ward, onOpen }: { state: LiveState; ward: string; onOpen: (id: string) => void }) {
  const [code, setCode] = useState<{ code: string; expiresAt: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const kiosks = sortedKiosks(state);
  const makeCode = async () => {
    try {
      setCode(await api('/api/enrolment-codes', { body: { ward, ttlMinutes: 30 } }));
      setError(null);
    } catch {
      setError('Không tạo được mã.');
    }
  };
  return (
    <>
      <AddKiosk ward={ward} />
      <section>
        <h2>Cách khác: tạo mã để nhập trên máy kiosk</h2>
        <div className="row">
          <button className="secondary" data-testid="make-code" onClick={makeCode}>
            Tạo mã đăng ký một lần
          </button>
          {code && (
            <>
              <span className="code" data-testid="enrol-code">
                {code.code}
              </span>
              <span className="muted">Nhập mã này trên màn hình của máy kiosk mới; hết hạn lúc {timeVi(code.expiresAt)}.</span>
            </>
          )}
          {error && <span className="error">{error}</span>}
        </div>
      </section>
      <section>
        <h2>
          Máy kiosk ({kiosks.filter((k) => k.online).length}/{kiosks.length} trực tuyến)
        </h2>
        {kiosks.length === 0 ? (
          <p className="muted">Chưa có máy nào.</p>
        ) : (
          <table data-testid="fleet-table">
            <thead>
              <tr>
                <th>Máy</th>
                <th>Trạng thái</th>
                <th>Máy in</th>
                <th>Máy quét</th>
                <th>Phiên bản</th>
                <th>Cấu hình</th>
                <th>Màn hình</th>
                <th>Cảnh báo</th>
              </tr>
            </thead>
            <tbody>
              {kiosks.map((k) => (
                <tr key={k.kioskId} className="clickable" data-testid={`kiosk-${k.kioskId}`} data-online={String(k.online)} onClick={() => onOpen(k.kioskId)}>
                  <td>
                    <strong>{k.name}</strong>
                    <div className="muted">{k.kioskId}</div>
                  </td>
                  <td data-testid="kiosk-status">
                    <StatusBadge online={k.online} />
                    <div className="muted">{timeVi(k.lastHeartbeatAt)}</div>
                  </td>
                  <td data-testid="kiosk-printer">
                    <PrinterBadge h={k.health} />
                  </td>
                  <td>{scannerVi(k.health)}</td>
                  <td>{k.health?.appVersion ?? '—'}</td>
                  <td data-testid="kiosk-config">
                    {k.health?.configVersion ?? 'tệp cục bộ'}
                    {k.publishedVersion && k.health?.configVersion !== k.publishedVersion ? <div className="muted">đã phát hành: {k.publishedVersion}</div> : null}
                  </td>
                  <td>{k.health?.screen ?? '—'}</td>
                  <td>
                    {k.openAlerts.map((a) => (
                      <span key={a} className="badge bad">
                        {ALERT_VI[a as AlertView['kind']] ?? a}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
