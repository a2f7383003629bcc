/**
 * The staff console (Vietnamese): fleet with live status, device page,
 * alerts, config/catalogue editor with publish and rollback, applications
 * inbox, statistics (Chart.js) with CSV export, audit log.
 * Pure logic lives in logic.ts; HTTP and the socket in api.ts.
 */
import { ApplicationReader } from './applications/ApplicationReader.tsx';
import type { ChartConfiguration } from 'chart.js';
import { useCallback, useEffect, useMemo, useReducer, useState, type FormEvent } from 'react';
import type { AlertView, ApplicationView, CommandView, HubToConsole, UserView } from '../../common/contract/hub-console.ts';
import type { ApplicationStatus, CommandKind, KioskHealth, KioskLogLine } from '../../common/contract/hub-kiosk.ts';
import type { StatsReport } from '../../common/stats/report.ts';
import { AddKiosk, ReenrolButton } from './AddKiosk.tsx';
import { RetireKiosk } from './RetireKiosk.tsx';
import { api, ApiError, connectLive } from './api.ts';
import { ChartView } from './Charts.tsx';
import { ALERT_VI, checkEditor, COMMAND_VI, EMPTY, lastDays, printerVi, reduce, RESULT_VI, scannerVi, sortedKiosks, STATUS_VI, timeVi, uptimeVi, type LiveAction, type LiveState } from './logic.ts';
import { ScreenshotView } from './ScreenshotView.tsx';
import { AccountsPage } from '../accounts/AccountsPage.tsx';
import { PasswordChange } from '../accounts/PasswordChange.tsx';

const LEVEL_VI: Record<KioskLogLine['level'], string> = { info: 'Thông tin', warn: 'Cảnh báo', error: 'Lỗi' };

type Tab = 'fleet' | 'alerts' | 'config' | 'inbox' | 'stats' | 'audit' | 'accounts';
const TABS: [Tab, string][] = [
  ['fleet', 'Máy kiosk'],
  ['alerts', 'Cảnh báo'],
  ['config', 'Cấu hình & danh mục'],
  ['inbox', 'Hồ sơ'],
  ['stats', 'Thống kê'],
  ['audit', 'Nhật ký'],
  ['accounts', 'Tài khoản'],
];

export function App() {
  const [user, setUser] = useState<UserView | null | undefined>(undefined);
  const [mustChange, setMustChange] = useState(false); // a new or reset password (issue 17)
  const signIn = (u: UserView | null, must?: boolean) => {
    setUser(u);
    setMustChange(!!must);
  };
  useEffect(() => {
    api<{ user: UserView; mustChangePassword?: boolean }>('/api/me')
      .then((r) => signIn(r.user, r.mustChangePassword))
      .catch(() => setUser(null));
  }, []);
  if (user === undefined) return <p className="muted">Đang tải…</p>;
  if (!user || (user.role !== 'staff' && user.role !== 'admin')) return <Login onUser={signIn} notStaff={user ? user.role : null} />;
  if (mustChange) return <PasswordChange user={user} onDone={() => setMustChange(false)} onLogout={() => signIn(null)} />;
  return <Console user={user} onLogout={() => setUser(null)} />;
}

function Login({ onUser, notStaff }: { onUser: (u: UserView, mustChange?: boolean) => void; notStaff: string | null }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(notStaff ? 'Tài khoản này không phải cán bộ phường.' : null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const r = await api<{ user: UserView; mustChangePassword?: boolean }>('/api/login', { body: { username, password } });
      if (r.user.role !== 'staff' && r.user.role !== 'admin') {
        setError('Tài khoản này không phải cán bộ phường.');
        await api('/api/logout', { body: {} });
        return;
      }
      onUser(r.user, r.mustChangePassword);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 429 ? 'Sai quá nhiều lần; vui lòng chờ một phút.' : 'Sai tên đăng nhập hoặc mật khẩu.');
    }
  };
  return (
    <main>
      <section className="login">
        <h2>Đăng nhập cán bộ phường</h2>
        <form onSubmit={submit}>
          <label>
            Tên đăng nhập
            <input data-testid="login-username" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" />
          </label>
          <label>
            Mật khẩu
            <input data-testid="login-password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
          </label>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button className="primary" data-testid="login-submit" type="submit">
            Đăng nhập
          </button>
        </form>
      </section>
    </main>
  );
}

function Console({ user, onLogout }: { user: UserView; onLogout: () => void }) {
  const ward = user.ward ?? '';
  const [state, dispatch] = useReducer(reduce, EMPTY);
  const [tab, setTab] = useState<Tab>(ward ? 'fleet' : 'accounts'); // an admin without a ward: accounts only
  const [device, setDevice] = useState<string | null>(null);
  const [connected, setConnected] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const openDevice = (id: string) => {
    setNotice(null);
    setDevice(id);
  };

  const reload = useCallback(async () => {
    if (!ward) return;
    const q = `ward=${encodeURIComponent(ward)}`;
    const [k, a, apps] = await Promise.all([api(`/api/fleet/kiosks?${q}`), api(`/api/fleet/alerts?${q}`), api(`/api/fleet/applications?${q}`)]);
    dispatch({ type: 'kiosks.load', kiosks: k.kiosks });
    dispatch({ type: 'alerts.load', alerts: a.alerts });
    dispatch({ type: 'applications.load', applications: apps.applications });
  }, [ward]);

  useEffect(() => {
    const stop = connectLive(
      (m: HubToConsole) => {
        if (m.type === 'snapshot') void reload();
        else if (m.type === 'fleet.kiosks') dispatch({ type: 'fleet.kiosks', kiosks: m.kiosks });
        else if (m.type === 'fleet.alert') dispatch({ type: 'fleet.alert', alert: m.alert });
        else if (m.type === 'fleet.application') dispatch({ type: 'fleet.application', application: m.application });
        else if (m.type === 'fleet.command') dispatch({ type: 'fleet.command', command: m.command });
        else if (m.type === 'fleet.config') dispatch({ type: 'fleet.config' });
        else if (m.type === 'fleet.screenshot') dispatch({ type: 'fleet.screenshot' });
        else if (m.type === 'fleet.logs') dispatch({ type: 'fleet.logs' });
        else if (m.type === 'fleet.kioskRetired') {
          dispatch({ type: 'fleet.kioskRetired', kioskId: m.kioskId, by: m.by });
          void reload(); // its open alerts were resolved at the hub
        }
      },
      setConnected,
    );
    return stop;
  }, [reload]);

  const logout = async () => {
    await api('/api/logout', { body: {} }).catch(() => undefined);
    onLogout();
  };
  const openAlerts = state.alerts.filter((a) => a.state === 'open').length;

  return (
    <>
      <header>
        <h1>Quản lý kiosk — {ward ? `phường ${ward}` : 'quản trị tài khoản'}</h1>
        <nav aria-label="Chức năng">
          {TABS.filter(([t]) => ward || t === 'accounts').map(([t, label]) => (
            <button
              key={t}
              data-testid={`tab-${t}`}
              aria-current={tab === t ? 'page' : undefined}
              onClick={() => {
                setTab(t);
                setDevice(null);
              }}
            >
              {label}
              {t === 'alerts' && openAlerts > 0 ? ` (${openAlerts})` : ''}
            </button>
          ))}
        </nav>
        <span className="who">
          <span className={`live${connected ? ' on' : ''}`} data-testid="live-state">
            {connected ? 'Trực tiếp' : 'Mất kết nối'}
          </span>{' '}
          {user.displayName}{' '}
          <button className="secondary" onClick={logout}>
            Đăng xuất
          </button>
        </span>
      </header>
      <main>
        {tab === 'fleet' && !device && notice && (
          <p className="ok-text" role="status" data-testid="notice">
            {notice}
          </p>
        )}
        {tab === 'fleet' && !device && <Fleet state={state} ward={ward} onOpen={openDevice} />}
        {tab === 'fleet' && device && (
          <Device
            id={device}
            state={state}
            dispatch={dispatch}
            onBack={() => setDevice(null)}
            onRetired={(text) => {
              setNotice(text);
              setDevice(null);
            }}
          />
        )}
        {tab === 'alerts' && <Alerts alerts={state.alerts} />}
        {tab === 'config' && <Config ward={ward} tick={state.configTick} />}
        {tab === 'inbox' && <Inbox applications={state.applications} />}
        {tab === 'stats' && <Stats ward={ward} />}
        {tab === 'audit' && <Audit ward={ward} />}
        {tab === 'accounts' && <AccountsPage user={user} />}
      </main>
    </>
  );
}

// ------------------------------------------------------------------ fleet

function StatusBadge({ online }: { online: boolean }) {
  return <span className={`badge ${online ? 'ok' : 'bad'}`}>{online ? 'Trực tuyến' : 'Mất kết nối'}</span>;
}

function PrinterBadge({ h }: { h: KioskHealth | null }) {
  const bad = h?.printer.state === 'paper-out' || h?.printer.state === 'error' || h?.printer.state === 'offline';
  const warn = !bad && h?.printer.paperNearEnd;
  return <span className={`badge ${bad ? 'bad' : warn ? 'warn' : h ? 'ok' : ''}`}>{printerVi(h)}</span>;
}

function Fleet({ state, ward, onOpen }: { state: LiveState; ward: string; onOpen: (id: string) => void }) {
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

interface DeviceDetail {
  kiosk: LiveState['kiosks'][string];
  history: { at: number; online: boolean; health: KioskHealth | null }[];
  events: { at: number; kind: string; detail: string | null }[];
  commands: CommandView[];
  alerts: AlertView[];
  screenshot: { at: number; format: string } | null;
}

function Device({
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
  const load = useCallback(async () => {
    const d = await api<DeviceDetail>(`/api/fleet/kiosks/${id}`);
    setDetail(d);
    dispatch({ type: 'commands.load', commands: d.commands });
  }, [id, dispatch]);
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

// ------------------------------------------------------------------ alerts

function Alerts({ alerts }: { alerts: AlertView[] }) {
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

// ------------------------------------------------------------------ config

interface ConfigState {
  current: { version: number; config: unknown; catalogue: unknown; publishedAt: number; publishedBy: string } | null;
  versions: { version: number; publishedBy: string; publishedAt: number; note: string | null; rollbackOf: number | null }[];
}

function Config({ ward, tick }: { ward: string; tick: number }) {
  const [data, setData] = useState<ConfigState | null>(null);
  const [configText, setConfigText] = useState('');
  const [catalogueText, setCatalogueText] = useState('');
  const [note, setNote] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [serverIssues, setServerIssues] = useState<{ part: string; path: string; message: string }[]>([]);
  const load = useCallback(
    async (fill: boolean) => {
      const d = await api<ConfigState>(`/api/fleet/config?ward=${encodeURIComponent(ward)}`);
      setData(d);
      if (fill && d.current) {
        setConfigText(JSON.stringify(d.current.config, null, 2));
        setCatalogueText(JSON.stringify(d.current.catalogue, null, 2));
      }
    },
    [ward],
  );
  useEffect(() => {
    void load(true);
  }, [load]);
  useEffect(() => {
    if (tick > 0) void load(false);
  }, [tick, load]);
  const check = useMemo(() => (configText || catalogueText ? checkEditor(configText, catalogueText, ward) : null), [configText, catalogueText, ward]);
  const publish = async () => {
    try {
      const r = await api<{ version: number }>('/api/fleet/config/publish', { body: { ward, config: JSON.parse(configText), catalogue: JSON.parse(catalogueText), note: note || null } });
      setResult({ ok: true, text: `Đã phát hành phiên bản ${r.version}; các máy đang kết nối sẽ áp dụng sau phiên hiện tại.` });
      setServerIssues([]);
      await load(false);
    } catch (e) {
      setResult({ ok: false, text: 'Không phát hành được: cấu hình chưa hợp lệ.' });
      if (e instanceof ApiError) setServerIssues(e.issues as typeof serverIssues);
    }
  };
  const rollback = async () => {
    try {
      const r = await api<{ version: number; contentOf: number }>('/api/fleet/config/rollback', { body: { ward } });
      setResult({ ok: true, text: `Đã quay lại nội dung phiên bản ${r.contentOf} (phát hành thành phiên bản ${r.version}).` });
      await load(true);
    } catch {
      setResult({ ok: false, text: 'Không có phiên bản trước để quay lại.' });
    }
  };
  const issues = serverIssues.length ? serverIssues : (check?.issues ?? []);
  return (
    <>
      <section>
        <h2>Cấu hình phường và danh mục thủ tục</h2>
        <p className="muted">
          Cấu hình chung của phường (không gồm mã máy, địa chỉ trạm và thiết bị — những mục riêng của từng máy). Hiện đang phát hành: <strong data-testid="current-version">{data?.current ? `phiên bản ${data.current.version}` : 'chưa có'}</strong>
        </p>
        <div className="grid2">
          <label>
            Cấu hình (JSON)
            <textarea className="json" data-testid="config-editor" spellCheck={false} value={configText} onChange={(e) => (setConfigText(e.target.value), setServerIssues([]))} />
          </label>
          <label>
            Danh mục thủ tục (JSON)
            <textarea className="json" data-testid="catalogue-editor" spellCheck={false} value={catalogueText} onChange={(e) => (setCatalogueText(e.target.value), setServerIssues([]))} />
          </label>
        </div>
        <div className="issues" data-testid="config-issues" aria-live="polite">
          {check?.syntax.map((s, i) => (
            <p key={`s${i}`}>
              {s.part === 'config' ? 'Cấu hình' : 'Danh mục'}: {s.message}
            </p>
          ))}
          {issues.length > 0 && (
            <ul>
              {issues.slice(0, 50).map((i, n) => (
                <li key={n} data-testid="config-issue">
                  {i.part === 'config' ? 'Cấu hình' : 'Danh mục'} <code>{i.path}</code>: {i.message}
                </li>
              ))}
            </ul>
          )}
          {check?.ok && <p className="ok-text">Hợp lệ theo lược đồ.</p>}
        </div>
        <div className="row">
          <label>
            Ghi chú <input value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} />
          </label>
          <button className="primary" data-testid="publish" disabled={!check?.ok} onClick={publish}>
            Phát hành phiên bản mới
          </button>
          <button className="danger" data-testid="rollback" disabled={(data?.versions.length ?? 0) < 2} onClick={rollback}>
            Quay lại phiên bản trước
          </button>
        </div>
        {result && (
          <p className={result.ok ? 'ok-text' : 'error'} data-testid="publish-result" role="status">
            {result.text}
          </p>
        )}
      </section>
      <section>
        <h2>Các phiên bản</h2>
        <table data-testid="version-list">
          <thead>
            <tr>
              <th>Phiên bản</th>
              <th>Người phát hành</th>
              <th>Lúc</th>
              <th>Ghi chú</th>
            </tr>
          </thead>
          <tbody>
            {(data?.versions ?? []).map((v) => (
              <tr key={v.version}>
                <td>{v.version}</td>
                <td>{v.publishedBy}</td>
                <td>{timeVi(v.publishedAt)}</td>
                <td>{v.rollbackOf !== null ? `Quay lại nội dung phiên bản ${v.rollbackOf}` : (v.note ?? '')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

// ------------------------------------------------------------------ inbox

function Inbox({ applications }: { applications: ApplicationView[] }) {
  const [filter, setFilter] = useState<ApplicationStatus | ''>('');
  const list = filter ? applications.filter((a) => a.status === filter) : applications;
  return (
    <section>
      <h2>Hồ sơ nhận từ kiosk</h2>
      <div className="row">
        <label>
          Lọc theo trạng thái{' '}
          <select value={filter} onChange={(e) => setFilter(e.target.value as ApplicationStatus | '')}>
            <option value="">Tất cả</option>
            {Object.entries(STATUS_VI).map(([s, l]) => (
              <option key={s} value={s}>
                {l}
              </option>
            ))}
          </select>
        </label>
      </div>
      <table data-testid="inbox">
        <thead>
          <tr>
            <th>Mã hồ sơ</th>
            <th>Thủ tục</th>
            <th>Máy</th>
            <th>Nhận lúc</th>
            <th>Trạng thái</th>
            <th>Cập nhật</th>
          </tr>
        </thead>
        <tbody>
          {list.map((a) => (
            <InboxRow key={a.id} a={a} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function InboxRow({ a }: { a: ApplicationView }) {
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

// ------------------------------------------------------------------ statistics

function Stats({ ward }: { ward: string }) {
  const [range, setRange] = useState(() => lastDays(7));
  const [report, setReport] = useState<StatsReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<StatsReport>(`/api/fleet/stats?ward=${encodeURIComponent(ward)}&from=${range.from}&to=${range.to}`)
      .then((r) => (setReport(r), setError(null)))
      .catch(() => setError('Khoảng ngày không hợp lệ.'));
  }, [ward, range]);
  const charts = useMemo(() => {
    if (!report) return null;
    const labels = report.days.map((d) => d.day.slice(5));
    const sessions: ChartConfiguration = {
      type: 'bar',
      data: { labels, datasets: [{ label: 'Phiên', data: report.days.map((d) => d.sessions), backgroundColor: '#0b4f8a' }, { label: 'Hoàn thành', data: report.days.map((d) => d.completed), backgroundColor: '#1b7f3b' }] },
    };
    const services: ChartConfiguration = {
      type: 'bar',
      data: { labels: report.services.slice(0, 10).map((s) => s.code), datasets: [{ label: 'Lượt sử dụng', data: report.services.slice(0, 10).map((s) => s.sessions), backgroundColor: '#6b4d00' }] },
      options: { indexAxis: 'y' },
    };
    const satisfaction: ChartConfiguration = {
      type: 'bar',
      data: { labels: ['1 sao', '2 sao', '3 sao', '4 sao', '5 sao'], datasets: [{ label: 'Số đánh giá', data: report.totals.ratings, backgroundColor: '#8a1010' }] },
    };
    const help: ChartConfiguration = {
      type: 'line',
      data: { labels, datasets: [{ label: 'Cuộc gọi hỗ trợ', data: report.days.map((d) => d.helpCalls), borderColor: '#0b4f8a' }, { label: 'Được trả lời', data: report.days.map((d) => d.helpAnswered), borderColor: '#1b7f3b' }] },
    };
    return { sessions, services, satisfaction, help };
  }, [report]);
  const t = report?.totals;
  return (
    <>
      <section>
        <h2>Thống kê</h2>
        <div className="row">
          <label>
            Từ ngày <input type="date" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} />
          </label>
          <label>
            Đến ngày <input type="date" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} />
          </label>
          <a className="secondary" data-testid="csv-export" href={`/api/fleet/stats.csv?ward=${encodeURIComponent(ward)}&from=${range.from}&to=${range.to}`} download>
            Xuất CSV
          </a>
          {error && <span className="error">{error}</span>}
        </div>
        {t && (
          <div className="kv" data-testid="stats-totals">
            <span>Phiên sử dụng</span>
            <span>{t.sessions}</span>
            <span>Tỷ lệ hoàn thành</span>
            <span>{Math.round(t.completionRate * 100)}%</span>
            <span>Biên nhận đã in</span>
            <span>{t.receipts}</span>
            <span>Cuộc gọi hỗ trợ</span>
            <span>
              {t.helpCalls} (trả lời {t.helpAnswered}
              {t.helpWaitSec !== null ? `, chờ trung bình ${t.helpWaitSec} giây` : ''})
            </span>
            <span>Mức hài lòng</span>
            <span>{t.satisfaction === null ? '—' : `${t.satisfaction.toFixed(2)} / 5`}</span>
            <span>Hồ sơ nhận</span>
            <span>{t.applications}</span>
          </div>
        )}
      </section>
      {charts && (
        <div className="grid2">
          <section>
            <ChartView config={charts.sessions} label="Phiên sử dụng theo ngày" testId="chart-sessions" />
          </section>
          <section>
            <ChartView config={charts.services} label="Thủ tục được dùng nhiều" testId="chart-services" />
          </section>
          <section>
            <ChartView config={charts.satisfaction} label="Mức hài lòng" testId="chart-satisfaction" />
          </section>
          <section>
            <ChartView config={charts.help} label="Cuộc gọi hỗ trợ" testId="chart-help" />
          </section>
        </div>
      )}
      {report && (
        <section>
          <h2>Theo máy</h2>
          <table>
            <thead>
              <tr>
                <th>Máy</th>
                <th>Phiên</th>
                <th>Hoàn thành</th>
                <th>Biên nhận</th>
              </tr>
            </thead>
            <tbody>
              {report.perKiosk.map((k) => (
                <tr key={k.kioskId}>
                  <td>{k.kioskId}</td>
                  <td>{k.sessions}</td>
                  <td>{k.completed}</td>
                  <td>{k.receipts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}

// ------------------------------------------------------------------ audit

function Audit({ ward }: { ward: string }) {
  const [rows, setRows] = useState<{ id: number; at: number; actor: string; action: string; target: string | null; detail: string | null }[]>([]);
  useEffect(() => {
    void api(`/api/fleet/audit?ward=${encodeURIComponent(ward)}`).then((r) => setRows(r.audit));
  }, [ward]);
  return (
    <section>
      <h2>Nhật ký thao tác</h2>
      <table data-testid="audit-log">
        <thead>
          <tr>
            <th>Lúc</th>
            <th>Ai</th>
            <th>Thao tác</th>
            <th>Đối tượng</th>
            <th>Chi tiết</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{timeVi(r.at)}</td>
              <td>{r.actor}</td>
              <td>{r.action}</td>
              <td>{r.target}</td>
              <td className="muted">{r.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
