/**
 * The volunteer console's state: a pure reducer over what the hub sends
 * (common/contract/hub-console.ts) and what the volunteer does. No DOM, no
 * timers, no sockets — the React app feeds it and renders the result, the
 * unit tests drive it directly.
 *
 *  - `ring` adds a ringing request (with ringMs = our clock − the hub's `at`);
 *    `ring.cancel` (taken by someone else, cancelled, timed out…) removes it
 *    at once, as does an `already_taken` / `not_found` refusal of our accept.
 *  - `call.started` opens the call; `chat`, `control.state`, `peer` update it;
 *    `call.ended` closes it (kept as `ended` for the summary).
 *  - `status` with `reason: 'no_answer'`: the hub moved us to Tạm vắng (`away`)
 *    because a ring went unanswered; every ring is withdrawn (the bell stops)
 *    and `awayNoAnswer()` says to show the "bấm Sẵn sàng khi quay lại" banner.
 *  - `snapshot` (after every (re)connect) is the truth: it replaces status,
 *    ringing and the call, keeping the local history of the same call (chat).
 * Layer: browser-free TypeScript (imports only contract types).
 */
import type { Party } from '../../common/contract/hub-common.ts';
import type { ConsoleCallView, HubToConsole, RingView, StatusReason, UserView, VolunteerStatus } from '../../common/contract/hub-console.ts';

export type Link = 'connecting' | 'online' | 'offline' | 'replaced';

export interface RingEntry {
  ring: RingView;
  /** Our clock when it arrived. */
  receivedAt: number;
  /** now − the hub's send time; null when we learnt of it from a snapshot. */
  ringMs: number | null;
}

export interface ChatLine {
  from: Party;
  text: string;
  at: number;
}

export interface CallState {
  view: ConsoleCallView;
  chat: ChatLine[];
  controlGranted: boolean;
  peerOnline: boolean;
}

export interface EndedCall {
  callId: string;
  by: 'kiosk' | 'volunteer' | 'timeout' | 'unknown';
  at: number;
  kioskName: string;
}

export interface Notice {
  kind: 'taken' | 'cancelled' | 'timeout' | 'callback' | 'error';
  text: string;
  at: number;
}

export interface ConsoleState {
  link: Link;
  user: UserView | null;
  status: VolunteerStatus;
  /** Why the hub set `status` (null: our own choice). */
  statusReason: StatusReason | null;
  ringing: RingEntry[];
  /** The request we asked to accept (until call.started or a refusal). */
  accepting: string | null;
  call: CallState | null;
  ended: EndedCall | null;
  notice: Notice | null;
}

export type Action =
  | { kind: 'hub'; msg: HubToConsole; now: number }
  | { kind: 'link'; link: Link }
  | { kind: 'accept'; requestId: string }
  | { kind: 'decline'; requestId: string }
  | { kind: 'dismiss-ended' }
  | { kind: 'dismiss-notice' };

export const MAX_CHAT_LINES = 500;

export function initialState(): ConsoleState {
  return { link: 'connecting', user: null, status: 'busy', statusReason: null, ringing: [], accepting: null, call: null, ended: null, notice: null };
}

const CANCEL_TEXT: Record<string, { kind: Notice['kind']; text: string } | null> = {
  taken: { kind: 'taken', text: 'Một tình nguyện viên khác đã nhận cuộc gọi.' },
  cancelled: { kind: 'cancelled', text: 'Người dân đã huỷ yêu cầu hỗ trợ.' },
  timeout: { kind: 'timeout', text: 'Cuộc gọi đã hết thời gian đổ chuông.' },
  callback: { kind: 'callback', text: 'Người dân đã để lại số điện thoại để gọi lại.' },
  declined: null,
  busy: null,
  no_answer: null, // the Tạm vắng banner says it
};

/** The Vietnamese names of the statuses. */
export const STATUS_LABEL: Record<VolunteerStatus, string> = { available: 'Sẵn sàng', busy: 'Bận', away: 'Tạm vắng' };

export const AWAY_NO_ANSWER_TEXT = 'Bạn đã được chuyển sang Tạm vắng vì chưa trả lời cuộc gọi. Bấm Sẵn sàng khi bạn quay lại.';

const ERROR_TEXT: Partial<Record<string, string>> = {
  already_taken: 'Một tình nguyện viên khác đã nhận cuộc gọi này.',
  not_found: 'Yêu cầu này không còn nữa.',
  not_available: 'Bạn đang trong một cuộc gọi khác.',
  forbidden: 'Không được phép.',
  rate_limited: 'Thao tác quá nhanh, xin thử lại.',
  bad_message: 'Tin nhắn không hợp lệ.',
  internal: 'Máy chủ gặp lỗi, xin thử lại.',
};

function withoutRing(s: ConsoleState, requestId: string): RingEntry[] {
  return s.ringing.filter((r) => r.ring.requestId !== requestId);
}

function applySnapshot(s: ConsoleState, snap: Extract<HubToConsole, { type: 'snapshot' }>, now: number): ConsoleState {
  const known = new Map(s.ringing.map((r) => [r.ring.requestId, r]));
  const ringing = snap.ringing.map((ring) => {
    const k = known.get(ring.requestId);
    return k ? { ...k, ring } : { ring, receivedAt: now, ringMs: null };
  });
  let call: CallState | null = null;
  let ended = s.ended;
  if (snap.call) {
    const same = s.call && s.call.view.callId === snap.call.callId;
    call = {
      view: snap.call,
      chat: same ? s.call!.chat : [],
      controlGranted: snap.call.controlGranted,
      peerOnline: snap.call.peerOnline,
    };
  } else if (s.call) {
    // The call ended while we were away (its call.ended was not replayable any more).
    ended = { callId: s.call.view.callId, by: 'unknown', at: now, kioskName: s.call.view.kioskName };
  }
  const accepting = s.accepting && (snap.call?.callId === s.accepting || ringing.some((r) => r.ring.requestId === s.accepting)) ? s.accepting : null;
  return { ...s, user: snap.user, status: snap.status, statusReason: snap.statusReason ?? null, ringing: call ? [] : ringing, call, ended, accepting: call ? null : accepting };
}

/** The pure transition function. */
export function reduce(s: ConsoleState, a: Action): ConsoleState {
  switch (a.kind) {
    case 'link':
      return s.link === a.link ? s : { ...s, link: a.link };
    case 'accept':
      return { ...s, accepting: a.requestId };
    case 'decline':
      return { ...s, ringing: withoutRing(s, a.requestId), accepting: s.accepting === a.requestId ? null : s.accepting };
    case 'dismiss-ended':
      return { ...s, ended: null };
    case 'dismiss-notice':
      return { ...s, notice: null };
    case 'hub':
      return onHub(s, a.msg, a.now);
  }
}

function onHub(s: ConsoleState, m: HubToConsole, now: number): ConsoleState {
  switch (m.type) {
    case 'snapshot':
      return applySnapshot(s, m, now);
    case 'status': {
      const statusReason = m.reason ?? null;
      // Away for no answer: the hub withdrew every ring (ring.cancel no_answer); stop the bell even if one is late.
      if (m.status === 'away' && statusReason === 'no_answer') return { ...s, status: m.status, statusReason, ringing: [], accepting: null };
      return { ...s, status: m.status, statusReason };
    }
    case 'ring': {
      if (s.call) return s; // one call at a time (the hub does not ring us then)
      const entry: RingEntry = { ring: m.ring, receivedAt: now, ringMs: Math.max(0, now - m.at) };
      const i = s.ringing.findIndex((r) => r.ring.requestId === m.ring.requestId);
      const ringing = i < 0 ? [...s.ringing, entry] : s.ringing.map((r, j) => (j === i ? { ...entry, ringMs: r.ringMs } : r));
      return { ...s, ringing };
    }
    case 'ring.cancel': {
      if (!s.ringing.some((r) => r.ring.requestId === m.requestId)) return s;
      const t = CANCEL_TEXT[m.reason];
      return {
        ...s,
        ringing: withoutRing(s, m.requestId),
        accepting: s.accepting === m.requestId ? null : s.accepting,
        notice: t ? { ...t, at: now } : s.notice,
      };
    }
    case 'call.started':
      return {
        ...s,
        ringing: [],
        accepting: null,
        ended: null,
        notice: null,
        call: { view: m.call, chat: [], controlGranted: m.call.controlGranted, peerOnline: m.call.peerOnline },
      };
    case 'chat': {
      if (!s.call || s.call.view.callId !== m.callId) return s;
      const line: ChatLine = { from: m.from, text: m.text, at: m.at };
      const dup = s.call.chat.some((l) => l.at === line.at && l.from === line.from && l.text === line.text);
      if (dup) return s;
      // In time order: after a reconnect through another hub instance the missed lines come again, late.
      let i = s.call.chat.length;
      while (i > 0 && s.call.chat[i - 1]!.at > line.at) i--;
      return { ...s, call: { ...s.call, chat: [...s.call.chat.slice(0, i), line, ...s.call.chat.slice(i)].slice(-MAX_CHAT_LINES) } };
    }
    case 'control.state':
      if (!s.call || s.call.view.callId !== m.callId) return s;
      return { ...s, call: { ...s.call, controlGranted: m.granted } };
    case 'peer':
      if (!s.call || s.call.view.callId !== m.callId) return s;
      return { ...s, call: { ...s.call, peerOnline: m.online } };
    case 'call.ended':
      if (!s.call || s.call.view.callId !== m.callId) return s;
      return { ...s, call: null, ended: { callId: m.callId, by: m.by, at: now, kioskName: s.call.view.kioskName } };
    case 'error': {
      const refusedAccept = m.refType === 'ring.accept' && (m.code === 'already_taken' || m.code === 'not_found' || m.code === 'forbidden' || m.code === 'conflict');
      const text = ERROR_TEXT[m.code] ?? 'Có lỗi xảy ra.';
      // An accept that crossed the hub's no-answer withdrawal: the Tạm vắng banner already explains.
      if (m.refType === 'ring.accept' && awayNoAnswer(s)) return { ...s, accepting: null };
      if (refusedAccept && s.accepting) {
        return { ...s, ringing: withoutRing(s, s.accepting), accepting: null, notice: { kind: 'taken', text, at: now } };
      }
      if (m.code === 'already_taken' || m.code === 'not_available' || m.code === 'forbidden' || m.code === 'rate_limited' || m.code === 'internal') {
        return { ...s, accepting: null, notice: { kind: 'error', text, at: now } };
      }
      return s;
    }
    default:
      return s; // welcome, pong, liveview and rtc.* are handled outside the reducer
  }
}

/** Show the "Tạm vắng vì chưa trả lời" banner: the hub moved us to away, and we have not chosen otherwise since. */
export function awayNoAnswer(s: ConsoleState): boolean {
  return s.status === 'away' && s.statusReason === 'no_answer';
}

/** Should the bell ring? Rings waiting, and not already in a call or accepting one. */
export function shouldRing(s: ConsoleState): boolean {
  return s.ringing.length > 0 && !s.call && !s.accepting;
}

export const LANG_NAME: Record<string, string> = { vi: 'Tiếng Việt', en: 'Tiếng Anh' };

/** A screen name such as "form:1.000894" in words. */
export function screenLabel(screen: string): string {
  const [kind, rest] = screen.split(':', 2) as [string, string | undefined];
  const names: Record<string, string> = {
    home: 'Trang chủ',
    welcome: 'Màn hình chào',
    search: 'Tìm dịch vụ',
    service: 'Thông tin thủ tục',
    form: 'Điền tờ khai',
    review: 'Kiểm tra tờ khai',
    receipt: 'Phiếu hẹn',
    idcard: 'Quét CCCD',
    track: 'Tra cứu hồ sơ',
  };
  const name = names[kind] ?? kind;
  return rest ? `${name} (${rest})` : name;
}

/** m:ss or h:mm:ss. */
export function formatDuration(ms: number): string {
  const t = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = String(t % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
