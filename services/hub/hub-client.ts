/**
 * The kiosk's connection to the hub (help calls now; fleet with its issue).
 * Layer: node. Speaks common/contract/hub-kiosk.ts over one WebSocket:
 *
 *  - authenticates with `hello` (kiosk id + device secret from enrolment);
 *  - numbers what it sends (`seq`), keeps what the hub has not confirmed and
 *    resends it after a reconnect (the hub drops what it already processed);
 *  - skips hub messages it already has (by the hub's seq) and takes the
 *    hub's `snapshot` as the truth after every (re)connect;
 *  - reconnects with the kiosk's back-off (common/backoff.ts: full jitter, a kiosk with nothing
 *    urgent spread over 5 s so a crowd dropped by an instance's death comes back paced; with an
 *    open help request or call within 250 ms); a help action while waiting connects at once;
 *    pings to notice dead links.
 */
import WebSocket from 'ws';
import { CLOSE_KIOSK_RETIRED, CLOSE_UNAUTHORIZED, HUB_KIOSK_WS_PATH, MAX_HUB_MESSAGE_BYTES, type Unsequenced } from '../../common/contract/hub-common.ts';
import { EnrolResponse, HubToKiosk, type KioskRequestView, type KioskToHub } from '../../common/contract/hub-kiosk.ts';
import { TurnResponse } from '../../common/contract/hub-console.ts';
import { KIOSK_RECONNECT, reconnectDelay } from '../../common/backoff.ts';
import type { Logger } from '../log.ts';

export type HubState = 'connecting' | 'connected';

export interface HubClientOptions {
  /** The hub's base URL (http://… or https://…). */
  url: string;
  kioskId: string;
  secret: string;
  onMessage: (msg: HubToKiosk) => void;
  onState: (state: HubState) => void;
  /** Ward staff retired this kiosk (close code CLOSE_KIOSK_RETIRED): the client has stopped; the secret is dead. */
  onRetired?: () => void;
  log: Logger;
  /** Back-off bounds (ms): the urgent first window, the cap, the spread of a non-urgent reconnect (common/backoff.ts). */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  spreadMs?: number;
  /** The back-off's random source (tests). */
  random?: () => number;
  pingMs?: number;
}

/**
 * Messages worth resending after a reconnect (live view frames are not: they are stale by then).
 * Heartbeats, outbox deliveries, track questions and stats are the fleet agent's: it sends them
 * again itself after each connect (services/fleet/agent.ts), with a fresh seq.
 */
const FLEET_OWN = new Set<string>(['heartbeat', 'outbox.deliver', 'track', 'stats']);
const RESEND = (m: KioskToHub) => m.type !== 'liveview' && m.type !== 'ping' && m.type !== 'hello' && !FLEET_OWN.has(m.type);
const MAX_UNCONFIRMED = 500;

export class HubClient {
  private ws: WebSocket | null = null;
  private state: HubState = 'connecting';
  private stopped = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  /** Our counter: starts at the clock so it keeps rising across kiosk restarts. */
  private seq = Date.now();
  private epoch: string | null = null;
  private lastServerSeq = 0;
  private ready = false;
  private unconfirmed: KioskToHub[] = [];
  /** Written while no hub session was open: nobody processed them; sent after the next welcome with fresh seqs. */
  private unsent: Unsequenced<KioskToHub>[] = [];
  /** The resident's help request, written but not yet answered (queued, or refused): resent if a fresh hub session does not know it. */
  private pendingHelp: Unsequenced<KioskToHub> | null = null;
  /** A fresh session (another instance, a restart) opened: the next snapshot decides whether `pendingHelp` is resent. */
  private checkHelpOnSnapshot = false;
  private lastRequest: KioskRequestView | null = null;
  private turn: { servers: TurnResponse['iceServers']; until: number } | null = null;

  constructor(private readonly opts: HubClientOptions) {}

  get connection(): HubState {
    return this.state;
  }

  /** The kiosk's open help request as the hub last told us. */
  get request(): KioskRequestView | null {
    return this.lastRequest;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    const ws = this.ws;
    this.ws = null;
    if (ws && ws.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.terminate();
      });
    }
  }

  /**
   * ICE servers for a help call: the hub's coturn with ephemeral credentials
   * (GET /api/turn with this kiosk's credentials), cached until shortly before
   * they expire. Empty when the hub has no TURN configured.
   */
  async iceServers(): Promise<TurnResponse['iceServers']> {
    const now = Date.now();
    if (this.turn && this.turn.until > now) return this.turn.servers;
    const res = await fetch(new URL('/api/turn', this.opts.url), {
      headers: { authorization: `Kiosk ${this.opts.kioskId}:${this.opts.secret}` },
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok) throw new Error(`GET /api/turn: HTTP ${res.status}`);
    const body = TurnResponse.parse(await res.json());
    const until = body.expiresAt === null ? now + 10 * 60_000 : Math.min(now + 10 * 60_000, body.expiresAt - 5 * 60_000);
    this.turn = { servers: body.iceServers, until };
    return body.iceServers;
  }

  /** Number and send a message; it waits in the resend list until the hub confirms it. Returns whether it went out now. */
  send(msg: Unsequenced<KioskToHub>): boolean {
    if (msg.type === 'help.request') this.pendingHelp = msg;
    if (!this.ready) {
      // Nobody can have processed it: it goes after the next welcome, numbered above what that hub confirms.
      if (RESEND({ ...msg, seq: 0 } as KioskToHub)) {
        this.unsent.push(msg);
        if (this.unsent.length > MAX_UNCONFIRMED) this.unsent.shift();
      }
      // The resident asks for help while the kiosk waits out its spread: try now, not in a few seconds.
      if (this.retryTimer && (msg.type.startsWith('help.') || msg.type === 'call.end')) {
        clearTimeout(this.retryTimer);
        this.retryTimer = null;
        this.connect();
      }
      return false;
    }
    return this.sendNow(msg);
  }

  private sendNow(msg: Unsequenced<KioskToHub>): boolean {
    const full = { ...msg, seq: ++this.seq } as KioskToHub;
    if (RESEND(full)) {
      this.unconfirmed.push(full);
      if (this.unconfirmed.length > MAX_UNCONFIRMED) this.unconfirmed.shift();
    }
    return this.write(full);
  }

  /** Wait for the first hub message that matches (e.g. the answer to a request). */
  waitFor<T extends HubToKiosk>(match: (m: HubToKiosk) => m is T, timeoutMs: number): Promise<T | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        resolve(null);
      }, timeoutMs);
      const check = (m: HubToKiosk) => {
        if (!match(m)) return false;
        clearTimeout(timer);
        resolve(m);
        return true;
      };
      this.waiters.add(check);
    });
  }

  private readonly waiters = new Set<(m: HubToKiosk) => boolean>();

  private write(m: KioskToHub): boolean {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    const text = JSON.stringify(m);
    if (Buffer.byteLength(text) > MAX_HUB_MESSAGE_BYTES) {
      this.opts.log.warn('hub.message-too-large', { type: m.type });
      return false;
    }
    ws.send(text);
    return true;
  }

  private setState(s: HubState): void {
    if (this.state === s) return;
    this.state = s;
    this.opts.onState(s);
  }

  private connect(): void {
    if (this.stopped) return;
    this.setState('connecting');
    this.ready = false;
    const base = new URL(this.opts.url);
    base.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
    base.pathname = HUB_KIOSK_WS_PATH;
    const ws = new WebSocket(base, { maxPayload: 4 * MAX_HUB_MESSAGE_BYTES, handshakeTimeout: 5000 });
    this.ws = ws;
    ws.on('open', () => {
      this.write({ type: 'hello', seq: ++this.seq, kioskId: this.opts.kioskId, secret: this.opts.secret, epoch: this.epoch, lastServerSeq: this.lastServerSeq });
    });
    ws.on('message', (data) => this.receive(String(data)));
    ws.on('error', () => undefined); // 'close' follows
    ws.on('close', (code) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.ready = false;
      if (this.pingTimer) clearInterval(this.pingTimer);
      if (this.stopped) return;
      if (code === CLOSE_KIOSK_RETIRED) {
        this.opts.log.warn('hub.retired', { kioskId: this.opts.kioskId });
        this.stopped = true;
        this.opts.onRetired?.();
        return;
      }
      if (code === CLOSE_UNAUTHORIZED) this.opts.log.error('hub.unauthorized', { kioskId: this.opts.kioskId });
      this.setState('connecting');
      const policy = { baseMs: this.opts.minBackoffMs ?? KIOSK_RECONNECT.baseMs, capMs: this.opts.maxBackoffMs ?? KIOSK_RECONNECT.capMs, spreadMs: this.opts.spreadMs ?? KIOSK_RECONNECT.spreadMs };
      const delay = reconnectDelay(this.attempt, this.lastRequest !== null || this.pendingHelp !== null, policy, this.opts.random);
      this.attempt += 1;
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.connect();
      }, delay);
    });
  }

  private receive(text: string): void {
    let msg: HubToKiosk;
    try {
      const parsed = HubToKiosk.safeParse(JSON.parse(text));
      if (!parsed.success) throw new Error('shape');
      msg = parsed.data;
    } catch {
      this.opts.log.warn('hub.bad-message', {});
      return;
    }
    if (msg.type === 'welcome') {
      if (!msg.resumed || msg.epoch !== this.epoch) this.lastServerSeq = msg.seq - msg.replayed;
      this.epoch = msg.epoch;
      if (this.seq <= msg.lastClientSeq) this.seq = msg.lastClientSeq + 1;
      this.unconfirmed = this.unconfirmed.filter((m) => m.seq > msg.lastClientSeq);
      this.ready = true;
      this.attempt = 0;
      for (const m of this.unconfirmed) this.write(m);
      // A fresh session knows nothing of what the last one processed: a help request written just
      // before that hub died may never have reached the queue — the snapshot below says. (One
      // written while away goes out now, with what else waited.)
      const unsent = this.unsent.splice(0);
      this.checkHelpOnSnapshot = !msg.resumed && this.pendingHelp !== null && !unsent.some((m) => m.type === 'help.request');
      for (const m of unsent) this.sendNow(m);
      if (this.pingTimer) clearInterval(this.pingTimer);
      this.pingTimer = setInterval(() => this.write({ type: 'ping', seq: ++this.seq }), this.opts.pingMs ?? 20_000);
      this.pingTimer.unref();
      this.setState('connected');
      return;
    }
    if (msg.type === 'snapshot') {
      this.lastServerSeq = Math.max(this.lastServerSeq, msg.seq);
      this.lastRequest = msg.request;
      const resend = this.checkHelpOnSnapshot && msg.request === null ? this.pendingHelp : null;
      this.checkHelpOnSnapshot = false;
      if (msg.request) this.pendingHelp = null;
      if (resend) {
        this.opts.log.info('hub.help-request-resent', {});
        this.sendNow(resend);
      }
    } else {
      if (msg.seq <= this.lastServerSeq) return; // already had it (a replay overlap)
      this.lastServerSeq = msg.seq;
    }
    if (msg.type === 'error') {
      this.opts.log.warn('hub.error', { code: msg.code });
      if (msg.refType === 'help.request') this.pendingHelp = null;
    }
    this.track(msg);
    for (const w of [...this.waiters]) if (w(msg)) this.waiters.delete(w);
    this.opts.onMessage(msg);
  }

  /** Keep the view of our open request current from the events. */
  private track(msg: HubToKiosk): void {
    switch (msg.type) {
      case 'help.queued':
        this.lastRequest = msg.request;
        this.pendingHelp = null;
        break;
      case 'help.accepted':
        if (this.lastRequest?.requestId === msg.requestId) this.lastRequest = { ...this.lastRequest, state: 'accepted', call: msg.call, options: null };
        break;
      case 'help.unanswered':
        if (this.lastRequest?.requestId === msg.requestId) this.lastRequest = { ...this.lastRequest, state: 'unanswered', options: msg.options };
        break;
      case 'help.cancelled':
      case 'help.callback.recorded':
        if (this.lastRequest?.requestId === msg.requestId) this.lastRequest = null;
        break;
      case 'call.ended':
        if (this.lastRequest?.call?.callId === msg.callId) this.lastRequest = null;
        break;
      default:
        break;
    }
  }
}

/** Exchange a one-time enrolment code (read out by ward staff) for this kiosk's device secret. */
export async function enrolWithHub(url: string, code: string, kioskId: string, name: string): Promise<string> {
  const res = await fetch(new URL('/api/kiosks/enrol', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, kioskId, name }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`enrolment refused (HTTP ${res.status})`);
  return EnrolResponse.parse(await res.json()).secret;
}
