/**
 * The volunteer console (Vietnamese, phone and laptop): log in, Sẵn sàng /
 * Bận / Tạm vắng (the hub moves an unanswering volunteer to Tạm vắng), ring with sound, accept / decline, the call (audio, optional camera,
 * mute, timer, connection in words), chat, the kiosk's live view with
 * pointing and — only when the resident allows it — typing, end with a note,
 * history of one's own calls. State lives in Controller (controller.ts).
 * Layer: browser (React).
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type FormEvent } from 'react';
import type { UserView, VolunteerStatus } from '../../common/contract/hub-console.ts';
import * as api from './api.ts';
import type { CallHistoryEntry } from './api.ts';
import { Controller } from './controller.ts';
import { PasswordChange } from '../accounts/PasswordChange.tsx';
import { LiveView } from './liveview.ts';
import { describeIce } from './rtc.ts';
import {
  AWAY_NO_ANSWER_TEXT,
  awayNoAnswer,
  formatDuration,
  LANG_NAME,
  screenLabel,
  STATUS_LABEL,
  type CallState,
  type ConsoleState,
  type EndedCall,
  type RingEntry,
} from './state.ts';

const NOTE_MAX = 280;

export function App() {
  const [user, setUser] = useState<UserView | null>(null);
  const [checked, setChecked] = useState(false);
  const [mustChange, setMustChange] = useState(false); // a new or reset password (issue 17)
  const signIn = (u: UserView | null, must?: boolean) => {
    setUser(u);
    setMustChange(!!must);
  };
  useEffect(() => {
    api
      .me()
      .then((r) => signIn(r.user, r.mustChangePassword))
      .catch(() => setUser(null))
      .finally(() => setChecked(true));
  }, []);
  if (!checked) return <div className="boot">Đang tải…</div>;
  if (!user) return <Login onIn={signIn} />;
  if (mustChange) return <PasswordChange user={user} className="vol" onDone={() => setMustChange(false)} onLogout={() => signIn(null)} />;
  return <Console user={user} onOut={() => setUser(null)} />;
}

function Login({ onIn }: { onIn: (u: UserView, mustChange?: boolean) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await api.login(username.trim().toLowerCase(), password);
      onIn(r.user, r.mustChangePassword);
    } catch (err) {
      setError(api.loginErrorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login">
      <form onSubmit={submit} className="card login-card" data-testid="login-form">
        <h1>Hỗ trợ người dân tại kiosk</h1>
        <p className="muted">Dành cho tình nguyện viên Đoàn Thanh niên</p>
        <label>
          Tên đăng nhập
          <input data-testid="login-username" autoComplete="username" autoCapitalize="none" value={username} onChange={(e) => setUsername(e.target.value)} required maxLength={32} />
        </label>
        <label>
          Mật khẩu
          <input data-testid="login-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required maxLength={256} />
        </label>
        {error && (
          <p className="error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button className="big primary" data-testid="login-submit" disabled={busy}>
          {busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
        </button>
      </form>
    </main>
  );
}

function useController(onOut: () => void): Controller {
  const c = useMemo(() => new Controller(), []);
  useEffect(() => {
    c.onSessionLost = onOut;
    c.start();
    return () => c.stop();
  }, [c, onOut]);
  return c;
}

function Console({ user, onOut }: { user: UserView; onOut: () => void }) {
  const c = useController(onOut);
  const state = useSyncExternalStore(c.subscribe, c.getState);
  // Media state changes without a reducer change: re-render on every emit.
  const [, force] = useState(0);
  useEffect(() => c.subscribe(() => force((n) => n + 1)), [c]);
  const [history, setHistory] = useState<CallHistoryEntry[] | null>(null);
  const loadHistory = useCallback(() => {
    api
      .myCalls()
      .then((r) => setHistory(r.calls))
      .catch(() => setHistory((h) => h ?? []));
  }, []);
  useEffect(() => {
    loadHistory();
    c.onCallEnded = () => setTimeout(loadHistory, 300);
  }, [c, loadHistory]);

  const logout = async () => {
    c.goBusy();
    await new Promise((r) => setTimeout(r, 150));
    c.stop();
    await api.logout().catch(() => undefined);
    onOut();
  };

  const name = state.user?.displayName ?? user.displayName;
  return (
    <div className="app" data-testid="console" data-link={state.link} data-status={state.status} data-ringing={state.ringing.length > 0 && !state.call ? 'true' : 'false'}>
      <header className="top">
        <div className="brand">
          <strong>Hỗ trợ kiosk</strong>
          <span className="who" data-testid="who">
            {name}
          </span>
        </div>
        <LinkBadge link={state.link} />
        <StatusToggle state={state} onSet={(s) => c.setStatus(s)} />
        <button className="ghost" data-testid="logout" onClick={() => void logout()}>
          Đăng xuất
        </button>
      </header>
      {state.link === 'replaced' && (
        <div className="banner warn" data-testid="replaced">
          Bàn hỗ trợ đang được mở ở thiết bị hoặc thẻ khác.{' '}
          <button className="primary" onClick={() => c.reconnect()}>
            Dùng ở đây
          </button>
        </div>
      )}
      {awayNoAnswer(state) && !state.call && (
        <div className="banner away" data-testid="away-banner" role="alert">
          {AWAY_NO_ANSWER_TEXT}
        </div>
      )}
      {state.notice && (
        <div className={`banner ${state.notice.kind === 'error' ? 'warn' : 'info'}`} data-testid="notice" role="status">
          {state.notice.text}
          <button className="ghost small" onClick={() => c.dismissNotice()} aria-label="Đóng thông báo">
            ✕
          </button>
        </div>
      )}
      <main className="main">
        {!state.call && state.ringing.length > 0 && <Rings rings={state.ringing} accepting={state.accepting} soundBlocked={c.soundBlocked} c={c} />}
        {state.call ? (
          <CallView call={state.call} c={c} />
        ) : (
          <>
            {state.ended && <Ended ended={state.ended} onClose={() => c.dismissEnded()} />}
            {state.ringing.length === 0 && <Idle state={state} onSet={(s) => c.setStatus(s)} />}
            <History calls={history} onReload={loadHistory} />
          </>
        )}
      </main>
    </div>
  );
}

function LinkBadge({ link }: { link: ConsoleState['link'] }) {
  const text = { connecting: 'Đang kết nối…', online: 'Đã kết nối', offline: 'Mất kết nối — đang thử lại…', replaced: 'Đang mở nơi khác' }[link];
  return (
    <span className={`badge link-${link}`} data-testid="link-state" role="status">
      {text}
    </span>
  );
}

const STATUS_CHOICES: { status: VolunteerStatus; on: string }[] = [
  { status: 'available', on: 'on ok' },
  { status: 'busy', on: 'on busy' },
  { status: 'away', on: 'on away' },
];

function StatusToggle({ state, onSet }: { state: ConsoleState; onSet: (s: VolunteerStatus) => void }) {
  const off = state.link !== 'online' || !!state.call;
  return (
    <div className="toggle" role="group" aria-label="Trạng thái" data-testid="status-current" data-status={state.status}>
      {STATUS_CHOICES.map(({ status, on }) => (
        <button key={status} className={state.status === status ? on : ''} aria-pressed={state.status === status} disabled={off} data-testid={`status-${status}`} onClick={() => onSet(status)}>
          {STATUS_LABEL[status]}
        </button>
      ))}
    </div>
  );
}

function Idle({ state, onSet }: { state: ConsoleState; onSet: (s: VolunteerStatus) => void }) {
  return (
    <section className="card idle" data-testid="idle">
      {state.status === 'away' ? (
        <>
          <h2>Bạn đang tạm vắng</h2>
          <p>Bạn sẽ không nhận cuộc gọi. Bấm “Sẵn sàng” khi bạn quay lại.</p>
          <button className="big ok" data-testid="go-available" disabled={state.link !== 'online'} onClick={() => onSet('available')}>
            Sẵn sàng nhận cuộc gọi
          </button>
        </>
      ) : state.status === 'available' ? (
        <>
          <h2>Bạn đang sẵn sàng</h2>
          <p>Khi có người dân cần hỗ trợ, chuông sẽ reo và cuộc gọi hiện ở đây. Hãy giữ trang này mở.</p>
          <button className="big secondary" disabled={state.link !== 'online'} onClick={() => onSet('busy')}>
            Tạm nghỉ (Bận)
          </button>
        </>
      ) : (
        <>
          <h2>Bạn đang bận</h2>
          <p>Bạn sẽ không nhận cuộc gọi. Bấm “Sẵn sàng” khi có thể hỗ trợ người dân.</p>
          <button className="big ok" data-testid="go-available" disabled={state.link !== 'online'} onClick={() => onSet('available')}>
            Sẵn sàng nhận cuộc gọi
          </button>
        </>
      )}
    </section>
  );
}

function Rings({ rings, accepting, soundBlocked, c }: { rings: RingEntry[]; accepting: string | null; soundBlocked: boolean; c: Controller }) {
  return (
    <section className="rings" aria-live="assertive">
      {soundBlocked && (
        <button className="banner warn sound" onClick={() => c.unlockSound()} data-testid="sound-unlock">
          🔔 Bấm vào đây để bật tiếng chuông
        </button>
      )}
      {rings.map((r) => (
        <article key={r.ring.requestId} className="card ring" data-testid="ring-panel" data-request-id={r.ring.requestId} data-ring-ms={r.ringMs ?? ''}>
          <p className="ring-title">
            <span className="bell" aria-hidden="true">
              🔔
            </span>{' '}
            Người dân cần hỗ trợ
          </p>
          <dl className="facts">
            <dt>Kiosk</dt>
            <dd data-testid="ring-kiosk">{r.ring.kioskName || r.ring.kioskId}</dd>
            <dt>Phường</dt>
            <dd>{r.ring.ward}</dd>
            <dt>Ngôn ngữ</dt>
            <dd data-testid="ring-lang">{LANG_NAME[r.ring.lang] ?? r.ring.lang}</dd>
            <dt>Đang ở màn hình</dt>
            <dd data-testid="ring-screen">{screenLabel(r.ring.screen)}</dd>
          </dl>
          <div className="actions">
            <button className="big ok" data-testid="ring-accept" disabled={accepting !== null} onClick={() => c.accept(r.ring.requestId)}>
              {accepting === r.ring.requestId ? 'Đang nhận…' : 'Nhận cuộc gọi'}
            </button>
            <button className="big danger-outline" data-testid="ring-decline" disabled={accepting !== null} onClick={() => c.decline(r.ring.requestId)}>
              Từ chối
            </button>
          </div>
        </article>
      ))}
    </section>
  );
}

function useNow(active: boolean, ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [active, ms]);
  return now;
}

function MediaSink({ stream, kind, className, muted }: { stream: MediaStream | null; kind: 'audio' | 'video'; className?: string; muted?: boolean }) {
  const ref = useRef<HTMLMediaElement | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (el.srcObject !== stream) el.srcObject = stream;
    if (stream) void el.play().catch(() => undefined);
  }, [stream]);
  return kind === 'audio' ? (
    <audio ref={(el) => void (ref.current = el)} autoPlay data-testid="remote-audio" />
  ) : (
    <video ref={(el) => void (ref.current = el)} autoPlay playsInline muted={muted ?? true} className={className} />
  );
}

function CallView({ call, c }: { call: CallState; c: Controller }) {
  const now = useNow(true);
  const media = c.media;
  const [muted, setMuted] = useState(false);
  const [camera, setCamera] = useState(false);
  const [camError, setCamError] = useState(false);
  const [ending, setEnding] = useState(false);
  const [note, setNote] = useState('');
  const [target, setTarget] = useState<string | null>(null);
  const v = call.view;
  const conn = media ? describeIce(media.ice, media.hasRemoteAudio) : 'Đang chuẩn bị âm thanh…';
  const ice = media?.ice ?? 'none';
  return (
    <section className="call" data-testid="call-panel" data-call-id={v.callId} data-ice={ice} data-connect-ms={media?.connectMs ?? ''}>
      <div className="card call-bar">
        <div className="call-who">
          <strong data-testid="call-kiosk">{v.kioskName || v.kioskId}</strong>
          <span className="muted">
            {v.ward} · {LANG_NAME[v.lang] ?? v.lang} · {screenLabel(v.screen)}
          </span>
        </div>
        <span className="timer" data-testid="call-timer" aria-label="Thời gian gọi">
          {formatDuration(now - v.acceptedAt)}
        </span>
        <span className={`badge ice-${ice}`} data-testid="call-conn" role="status">
          {conn}
        </span>
        {!call.peerOnline && (
          <span className="badge link-offline" data-testid="peer-offline">
            Kiosk mất kết nối — đang chờ…
          </span>
        )}
        {media && !media.micOk && <span className="badge link-offline">Không mở được micrô</span>}
        <div className="call-controls">
          <button
            className={`ctl ${muted ? 'on' : ''}`}
            aria-pressed={muted}
            data-testid="mute"
            onClick={() => {
              c.setMuted(!muted);
              setMuted(!muted);
            }}
          >
            {muted ? '🔇 Bật micrô' : '🎙️ Tắt micrô'}
          </button>
          <button
            className={`ctl ${camera ? 'on' : ''}`}
            aria-pressed={camera}
            data-testid="camera"
            onClick={() => {
              const next = !camera;
              void c.setCamera(next).then((ok) => {
                setCamError(!ok);
                if (ok) setCamera(next);
              });
            }}
          >
            {camera ? '📷 Tắt camera' : '📷 Bật camera'}
          </button>
          <button className="ctl end" data-testid="end-open" onClick={() => setEnding(true)}>
            Kết thúc
          </button>
        </div>
        {camError && <p className="error">Không mở được camera.</p>}
        {ending && (
          <form
            className="end-form"
            data-testid="end-form"
            onSubmit={(e) => {
              e.preventDefault();
              c.endCall(note);
            }}
          >
            <label>
              Ghi chú ngắn (không bắt buộc, không ghi thông tin cá nhân của người dân)
              <textarea data-testid="end-note" maxLength={NOTE_MAX} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
            </label>
            <span className="muted small">
              {note.length}/{NOTE_MAX}
            </span>
            <div className="actions">
              <button className="big danger" data-testid="end-confirm">
                Kết thúc cuộc gọi
              </button>
              <button type="button" className="big secondary" onClick={() => setEnding(false)}>
                Quay lại
              </button>
            </div>
          </form>
        )}
        <MediaSink stream={c.remoteStream} kind="audio" />
        {media?.hasRemoteVideo && <MediaSink stream={c.remoteStream} kind="video" className="remote-video" />}
        {c.localVideo && <MediaSink stream={c.localVideo} kind="video" className="self-video" />}
      </div>
      <div className="call-body">
        <LivePanel c={c} onTarget={setTarget} />
        <div className="side">
          <Chat call={call} c={c} />
          <Control call={call} c={c} target={target} />
        </div>
      </div>
    </section>
  );
}

function LivePanel({ c, onTarget }: { c: Controller; onTarget: (sel: string | null) => void }) {
  const panel = useRef<HTMLDivElement | null>(null);
  const stage = useRef<HTMLDivElement | null>(null);
  const root = useRef<HTMLDivElement | null>(null);
  const view = useRef<LiveView | null>(null);
  const [hasScreen, setHasScreen] = useState(false);
  const [mark, setMark] = useState<{ x: number; y: number; key: number } | null>(null);
  useEffect(() => {
    if (!panel.current || !stage.current || !root.current) return;
    const lv = new LiveView(panel.current, stage.current, root.current, setHasScreen);
    view.current = lv;
    c.attachLive(lv);
    return () => {
      c.attachLive(null);
      lv.destroy();
      view.current = null;
    };
  }, [c]);
  useEffect(() => {
    if (!mark) return;
    const t = setTimeout(() => setMark(null), 2500);
    return () => clearTimeout(t);
  }, [mark]);
  const point = (clientX: number, clientY: number) => {
    const lv = view.current;
    const p = lv?.pointAt(clientX, clientY);
    if (!lv || !p) return;
    c.pointer(p.x, p.y, p.selector);
    setMark({ x: p.x, y: p.y, key: Date.now() });
    onTarget(p.selector && lv.isTextField(p.selector) ? p.selector : null);
  };
  return (
    <div className="card live" data-testid="liveview" data-has-screen={hasScreen ? 'true' : 'false'}>
      <div className="live-head">
        <strong>Màn hình kiosk</strong>
        <span className="muted small">Chạm vào màn hình để chỉ cho người dân. Thông tin cá nhân đã được che.</span>
      </div>
      <div className="live-panel" ref={panel}>
        {!hasScreen && <p className="live-wait">Đang chờ hình ảnh màn hình từ kiosk…</p>}
        <div
          className="live-stage"
          ref={stage}
          data-testid="liveview-stage"
          onClick={(e) => point(e.clientX, e.clientY)}
          role="button"
          tabIndex={-1}
          aria-label="Chỉ vào màn hình kiosk"
        >
          <div className="live-root" ref={root} />
          {mark && <span key={mark.key} className="pointer-mark" data-testid="pointer-mark" style={{ left: `${mark.x * 100}%`, top: `${mark.y * 100}%` }} />}
        </div>
      </div>
    </div>
  );
}

function Chat({ call, c }: { call: CallState; c: Controller }) {
  const [text, setText] = useState('');
  const log = useRef<HTMLOListElement | null>(null);
  useEffect(() => {
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [call.chat.length]);
  const quick = ['Chào bác, cháu là tình nguyện viên, cháu nghe đây ạ.', 'Bác nghe rõ cháu nói không ạ?', 'Bác bấm vào chỗ đang sáng trên màn hình ạ.'];
  const send = (t: string) => {
    if (!t.trim()) return;
    c.chat(t);
    setText('');
  };
  return (
    <div className="card chat">
      <strong>Tin nhắn</strong>
      <ol className="chat-log" ref={log} data-testid="chat-log" aria-live="polite">
        {call.chat.length === 0 && <li className="muted small">Chưa có tin nhắn. Nếu không nghe được, hãy nhắn tin.</li>}
        {call.chat.map((l, i) => (
          <li key={`${l.at}-${i}`} className={`line ${l.from}`}>
            <span className="from">{l.from === 'kiosk' ? 'Người dân' : 'Bạn'}</span> {l.text}
          </li>
        ))}
      </ol>
      <div className="quick">
        {quick.map((q) => (
          <button key={q} className="chip" onClick={() => send(q)}>
            {q}
          </button>
        ))}
      </div>
      <form
        className="chat-form"
        onSubmit={(e) => {
          e.preventDefault();
          send(text);
        }}
      >
        <input data-testid="chat-input" value={text} onChange={(e) => setText(e.target.value)} maxLength={1000} placeholder="Nhập tin nhắn…" aria-label="Tin nhắn" />
        <button className="primary" data-testid="chat-send" disabled={!text.trim()}>
          Gửi
        </button>
      </form>
    </div>
  );
}

function Control({ call, c, target }: { call: CallState; c: Controller; target: string | null }) {
  const [text, setText] = useState('');
  const can = call.controlGranted && !!target;
  return (
    <div className={`card control ${call.controlGranted ? 'granted' : ''}`} data-testid="control" data-granted={call.controlGranted ? 'true' : 'false'}>
      <strong data-testid="control-state">{call.controlGranted ? 'Người dân đã cho phép điều khiển' : 'Chưa được phép nhập thay người dân'}</strong>
      <p className="muted small">
        {call.controlGranted
          ? target
            ? `Ô đã chọn: ${target}`
            : 'Chạm vào ô cần nhập trên màn hình kiosk, rồi gõ nội dung ở đây.'
          : 'Người dân có thể cho phép trên màn hình kiosk và rút lại bất cứ lúc nào.'}
      </p>
      <form
        className="chat-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (can && target) {
            c.controlInput(target, text);
            setText('');
          }
        }}
      >
        <input data-testid="control-input" value={text} onChange={(e) => setText(e.target.value)} maxLength={500} disabled={!call.controlGranted} aria-label="Nội dung nhập vào kiosk" />
        <button className="primary" data-testid="control-send" disabled={!can}>
          Nhập
        </button>
      </form>
    </div>
  );
}

function Ended({ ended, onClose }: { ended: EndedCall; onClose: () => void }) {
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

const STATE_TEXT: Record<string, string> = {
  ended: 'Đã xong',
  accepted: 'Đang gọi',
  cancelled: 'Đã huỷ',
  callback: 'Gọi lại',
  unanswered: 'Không ai nhận',
  waiting: 'Đang chờ',
  ringing: 'Đang đổ chuông',
};

function History({ calls, onReload }: { calls: CallHistoryEntry[] | null; onReload: () => void }) {
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
