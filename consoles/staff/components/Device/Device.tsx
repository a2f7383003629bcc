/**
 * One kiosk: health and history, commands, screenshot, logs, re-enrol and retire.
 * Layer: browser (React).
 */
import { useCallback, useEffect, useState } from 'react';
import type { AlertView, CommandView } from '../../../../common/contract/hub-console.ts';
import type { CommandKind, KioskHealth, KioskLogLine } from '../../../../common/contract/hub-kiosk.ts';
import { ReenrolButton } from '../AddKiosk/AddKiosk.tsx';
import { RetireKiosk } from '../RetireKiosk/RetireKiosk.tsx';
import { api, ApiError } from '../../api.ts';
import { COMMAND_VI, printerVi, RESULT_VI, scannerVi, timeVi, uptimeVi, type LiveAction, type LiveState } from '../../logic.ts';
import { ScreenshotView } from '../ScreenshotView/ScreenshotView.tsx';
import { StatusBadge } from '../StatusBadge/StatusBadge.tsx';
import { PrinterBadge } from '../PrinterBadge/PrinterBadge.tsx';

const LEVEL_VI: Record<KioskLogLine['level'], string> = { info: 'Thông tin', warn: 'Cảnh báo', error: 'Lỗi' };

interface DeviceDetail {
  kiosk: LiveState['kiosks'][string];
  history: { at: number; online: boolean; health: KioskHealth | null }[];
  events: { at: number; kind: string; detail: string | null }[];
  commands: CommandView[];
  alerts: AlertView[];
  screenshot: { at: number; format: string } | null;
}

export function Device({
  id,
  state,
  dispatch,
  onBack,
  onRetired,
}: {
  id: string;
  state: LiveState;
  dispatch: (a: LiveAction) => void;
  onBack: () => void;
  onRetired: (notice: string) => void;
}) {
  const [detail, setDetail] = useState<DeviceDetail | null>(null);
  const [shot, setShot] = useState<{ format: string; data: string } | null>(null);
  const [logs, setLogs] = useState<{ at: number; lines: KioskLogLine[] } | null>(null);
  const [message, setMessage] = useState('');
  const [instead, setInstead] = useState('');
  const [error, setError] = useState<string | null>(null);
  // The state is set when the answer comes (in the promise's callback), never during the effect that asks.
  const load = useCallback(
    () =>
      api<DeviceDetail>(`/api/fleet/kiosks/${id}`).then((d) => {
        setDetail(d);
        dispatch({ type: 'commands.load', commands: d.commands });
      }),
    [id, dispatch],
  );
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (state.screenshotTick === 0) return;
    void api<{ screenshot: { format: string; data: string } | null }>(`/api/fleet/kiosks/${id}/screenshot`).then((r) => setShot(r.screenshot));
  }, [id, state.screenshotTick]);
  useEffect(() => {
    void api<{ logs: { at: number; lines: KioskLogLine[] } | null }>(`/api/fleet/kiosks/${id}/logs`).then((r) => setLogs(r.logs));
  }, [id, state.logsTick]);
  const k = state.kiosks[id] ?? detail?.kiosk;
  const commands = Object.values(state.commands)
    .filter((c) => c.kioskId === id)
    .sort((a, b) => b.issuedAt - a.issuedAt);
  const run = async (kind: CommandKind, maintenance: { active: boolean; message: string | null; instead: string | null } | null = null) => {
    try {
      const r = await api<{ command: CommandView }>(`/api/fleet/kiosks/${id}/commands`, { body: { kind, maintenance } });
      dispatch({ type: 'fleet.command', command: r.command });
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 403 ? 'Không có quyền với máy của phường khác.' : 'Không gửi được lệnh.');
    }
  };
  const retiredBy = state.retired[id];
  if (retiredBy !== undefined)
    return (
      <section>
        <p className="error" role="alert" data-testid="device-retired">
          Máy {id} đã được {retiredBy} gỡ khỏi hệ thống.
        </p>
        <button className="secondary" onClick={onBack}>
          ← Danh sách máy
        </button>
      </section>
    );
  if (!k) return <p className="muted">Đang tải…</p>;
  const h = k.health;
  return (
    <>
      <section>
        <div className="row">
          <button className="secondary" onClick={onBack}>
            ← Danh sách máy
          </button>
          <h2 data-testid="device-title">
            {k.name} ({k.kioskId})
          </h2>
          <StatusBadge online={k.online} />
        </div>
        <div className="kv">
          <span>Lần cuối</span>
          <span>{timeVi(k.lastHeartbeatAt)}</span>
          <span>Máy in</span>
          <span data-testid="device-printer">
            <PrinterBadge h={h} />
          </span>
          <span>Máy quét</span>
          <span>{scannerVi(h)}</span>
          <span>Ứng dụng</span>
          <span>{h?.appVersion ?? '—'}</span>
          <span>Cấu hình đang chạy</span>
          <span>
            {h?.configVersion ?? 'tệp cục bộ'} (đã phát hành: {k.publishedVersion ?? '—'})
          </span>
          <span>Thời gian chạy</span>
          <span>{h ? uptimeVi(h.uptimeSec) : '—'}</span>
          <span>Dung lượng trống</span>
          <span>{h ? `${(h.diskFreeMb / 1024).toFixed(1)} GB` : '—'}</span>
          <span>Màn hình hiện tại</span>
          <span data-testid="device-screen">{h?.screen ?? '—'}</span>
        </div>
        <ReenrolButton kioskId={k.kioskId} />
        <RetireKiosk kiosk={k} onRetired={onRetired} />
      </section>
      <section>
        <h2>Lệnh từ xa</h2>
        <div className="row">
          {(['restart', 'reload-catalogue', 'print-test', 'clear-print-queue', 'screenshot', 'send-logs'] as CommandKind[]).map((kind) => (
            <button key={kind} className="secondary" data-testid={`cmd-${kind}`} onClick={() => run(kind)}>
              {COMMAND_VI[kind]}
            </button>
          ))}
        </div>
        <div className="row">
          <label>
            Thông báo bảo trì <input data-testid="maint-message" value={message} maxLength={200} onChange={(e) => setMessage(e.target.value)} />
          </label>
          <label>
            Nơi thay thế <input data-testid="maint-instead" value={instead} maxLength={200} onChange={(e) => setInstead(e.target.value)} />
          </label>
          <button className="danger" data-testid="cmd-maintenance-on" onClick={() => run('maintenance', { active: true, message: message || null, instead: instead || null })}>
            Bật bảo trì (Tạm ngưng phục vụ)
          </button>
          <button className="secondary" data-testid="cmd-maintenance-off" onClick={() => run('maintenance', { active: false, message: null, instead: null })}>
            Tắt bảo trì
          </button>
        </div>
        {error && <p className="error">{error}</p>}
        <table data-testid="command-list">
          <thead>
            <tr>
              <th>Lệnh</th>
              <th>Người gửi</th>
              <th>Lúc</th>
              <th>Kết quả</th>
            </tr>
          </thead>
          <tbody>
            {commands.map((c) => (
              <tr key={c.id} data-testid={`command-${c.kind}`} data-result={c.result ?? 'pending'}>
                <td>{COMMAND_VI[c.kind]}</td>
                <td>{c.issuedBy}</td>
                <td>{timeVi(c.issuedAt)}</td>
                <td>{c.result ? `${RESULT_VI[c.result]} (${timeVi(c.ackedAt)})${c.detail ? ` — ${c.detail}` : ''}` : 'Đang chờ máy xác nhận…'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <div className="grid2">
        <section>
          <h2>Ảnh màn hình</h2>
          {shot?.format === 'png' ? (
            <img className="screenshot" alt="Ảnh màn hình kiosk (đã che thông tin cá nhân)" src={`data:image/png;base64,${shot.data}`} />
          ) : shot?.format === 'rrweb' ? (
            <ScreenshotView data={shot.data} />
          ) : (
            <div className="placeholder" data-testid="screenshot-placeholder">
              {shot ? 'Ảnh màn hình ở dạng không hiển thị được.' : 'Chưa có ảnh màn hình. Bấm “Chụp màn hình” để yêu cầu máy gửi ảnh (thông tin cá nhân được che).'}
            </div>
          )}
        </section>
        <section>
          <h2>Sự kiện gần đây</h2>
          <table>
            <tbody>
              {(detail?.events ?? []).map((e, i) => (
                <tr key={i}>
                  <td>{timeVi(e.at)}</td>
                  <td>{e.kind}</td>
                  <td className="muted">{e.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <section data-testid="kiosk-logs">
        <h2>Nhật ký máy {logs ? <span className="muted">(gửi lúc {timeVi(logs.at)})</span> : null}</h2>
        {logs ? (
          <table>
            <thead>
              <tr>
                <th>Lúc</th>
                <th>Mức</th>
                <th>Sự việc</th>
                <th>Chi tiết</th>
              </tr>
            </thead>
            <tbody>
              {[...logs.lines].reverse().map((l, i) => (
                <tr key={i} data-testid="kiosk-log-line" data-level={l.level}>
                  <td>{timeVi(Date.parse(l.at))}</td>
                  <td>{LEVEL_VI[l.level]}</td>
                  <td>
                    {l.scope}: {l.event}
                  </td>
                  <td className="muted">{Object.entries(l.fields).map(([k2, v]) => `${k2}=${String(v)}`).join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">Chưa có nhật ký. Bấm “Lấy nhật ký máy” để máy gửi những dòng gần đây (không có thông tin cá nhân).</p>
        )}
      </section>
      <section>
        <h2>Lịch sử tình trạng</h2>
        <table>
          <thead>
            <tr>
              <th>Lúc</th>
              <th>Kết nối</th>
              <th>Máy in</th>
              <th>Máy quét</th>
              <th>Cấu hình</th>
              <th>Trống</th>
            </tr>
          </thead>
          <tbody>
            {(detail?.history ?? []).map((s, i) => (
              <tr key={i}>
                <td>{timeVi(s.at)}</td>
                <td>
                  <StatusBadge online={s.online} />
                </td>
                <td>{printerVi(s.health)}</td>
                <td>{scannerVi(s.health)}</td>
                <td>{s.health?.configVersion ?? '—'}</td>
                <td>{s.health ? `${s.health.diskFreeMb} MB` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
