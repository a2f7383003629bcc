/**
 * The console WebSocket (HUB_CONSOLE_WS_PATH) with the hub's sequencing rules
 * (common/contract/hub-common.ts):
 *
 *  - every message we send gets a rising `seq` (starting at the clock, so it
 *    keeps rising across page reloads); what the hub has not confirmed is kept
 *    and resent after a reconnect — the hub drops what it already processed.
 *    A `pong` confirms everything sent before its `ping` (the hub handles a
 *    socket's messages in order), which keeps the resend list short;
 *  - `hello {epoch, lastServerSeq}` on every (re)connect, carrying the seq
 *    just below our oldest unconfirmed message (so that message is not taken
 *    as processed); `welcome` says what the hub has; we skip hub messages we
 *    already have (by seq) and hand the `snapshot` on as the truth;
 *  - reconnects with capped, jittered exponential backoff; a ping every
 *    `pingMs` and a missing pong within `pongTimeoutMs` mean a dead link
 *    (a network change): drop it and reconnect at once;
 *  - close code 4000 (another tab or device took over): stop, say `replaced`.
 * Transport only: the socket constructor, timers and clock are injectable
 * (unit tests use fakes). Layer: browser-free TypeScript.
 */
import type { Unsequenced } from '../../common/contract/hub-common.ts';
import type { ConsoleToHub, HubToConsole } from '../../common/contract/hub-console.ts';

/** The part of the browser's WebSocket we use. */
export interface SocketLike {
  readonly readyState: number;
  send(text: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export type SocketLink = 'connecting' | 'online' | 'offline' | 'replaced';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

export interface ConsoleSocketOptions {
  url: string;
  create: (url: string) => SocketLike;
  /** Validates a hub message (HubToConsole.safeParse in the app); null: refuse it. */
  parse: (data: unknown) => HubToConsole | null;
  onMessage: (m: HubToConsole) => void;
  onLink: (link: SocketLink, detail: { attempt: number; closeCode: number | null }) => void;
  timers?: Timers;
  now?: () => number;
  random?: () => number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  pingMs?: number;
  pongTimeoutMs?: number;
  /** Messages kept for resending (oldest dropped beyond). */
  maxUnconfirmed?: number;
}

const OPEN = 1;

/**
 * Delay before reconnect attempt `attempt` (0-based): min·2^attempt capped at
 * max, times a jitter in [0.5, 1) so a hub restart is not hit by everyone at once.
 * Always within [min/2, max].
 */
export function backoffDelay(attempt: number, minMs: number, maxMs: number, random: () => number = Math.random): number {
  const a = Math.max(0, Math.min(30, Math.floor(attempt)));
  const base = Math.min(maxMs, minMs * 2 ** a);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.min(maxMs, Math.max(minMs / 2, base * (0.5 + r / 2)));
}

/** Stale when late (never resent): pointer moves and pings. */
const resendable = (m: ConsoleToHub): boolean => m.type !== 'ping' && m.type !== 'pointer' && m.type !== 'hello';

export class ConsoleSocket {
  private ws: SocketLike | null = null;
  private stopped = true;
  private attempt = 0;
  private retryTimer: unknown = null;
  private pingTimer: unknown = null;
  private pongTimer: unknown = null;
  private seq: number;
  private epochValue: string | null = null;
  private lastServerSeqValue = 0;
  private ready = false;
  private unconfirmed: ConsoleToHub[] = [];
  private pingsInFlight: number[] = [];
  private readonly timers: Timers;

  constructor(private readonly o: ConsoleSocketOptions) {
    this.timers = o.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>) };
    this.seq = Math.floor((o.now ?? Date.now)());
  }

  get epoch(): string | null {
    return this.epochValue;
  }
  get lastServerSeq(): number {
    return this.lastServerSeqValue;
  }
  get pending(): readonly ConsoleToHub[] {
    return this.unconfirmed;
  }
  get isReady(): boolean {
    return this.ready;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.attempt = 0;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const ws = this.ws;
    this.ws = null;
    this.ready = false;
    if (ws) {
      this.detach(ws);
      try {
        ws.close(1000, 'bye');
      } catch {
        /* already closed */
      }
    }
  }

  /** Numbers and sends (or queues until the link is back). Returns the seq used. */
  send(msg: Unsequenced<ConsoleToHub>): number {
    const full = { ...msg, seq: ++this.seq } as ConsoleToHub;
    if (resendable(full)) {
      this.unconfirmed.push(full);
      const max = this.o.maxUnconfirmed ?? 300;
      if (this.unconfirmed.length > max) this.unconfirmed.splice(0, this.unconfirmed.length - max);
    }
    if (this.ready) this.write(full);
    return full.seq;
  }

  private write(m: ConsoleToHub): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== OPEN) return;
    try {
      ws.send(JSON.stringify(m));
    } catch {
      /* the close handler reconnects */
    }
  }

  private detach(ws: SocketLike): void {
    ws.onopen = null;
    ws.onmessage = null;
    ws.onclose = null;
    ws.onerror = null;
  }

  private clearTimers(): void {
    if (this.pingTimer !== null) this.timers.clearTimeout(this.pingTimer);
    if (this.pongTimer !== null) this.timers.clearTimeout(this.pongTimer);
    this.pingTimer = null;
    this.pongTimer = null;
    this.pingsInFlight = [];
  }

  private connect(): void {
    if (this.stopped) return;
    this.retryTimer = null;
    this.ready = false;
    this.o.onLink('connecting', { attempt: this.attempt, closeCode: null });
    let ws: SocketLike;
    try {
      ws = this.o.create(this.o.url);
    } catch {
      this.scheduleReconnect(null);
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      const oldest = this.unconfirmed[0]?.seq;
      const helloSeq = oldest !== undefined ? oldest - 1 : this.seq;
      ws.send(JSON.stringify({ type: 'hello', seq: helloSeq, epoch: this.epochValue, lastServerSeq: this.lastServerSeqValue }));
    };
    ws.onmessage = (ev) => {
      let data: unknown;
      try {
        data = JSON.parse(String(ev.data));
      } catch {
        return;
      }
      const m = this.o.parse(data);
      if (m) this.receive(m);
    };
    ws.onerror = () => undefined; // onclose follows
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.lost(ev.code);
    };
  }

  private lost(code: number | null): void {
    const ws = this.ws;
    this.ws = null;
    this.ready = false;
    this.clearTimers();
    if (ws) this.detach(ws);
    if (this.stopped) return;
    if (code === 4000) {
      this.stopped = true;
      this.o.onLink('replaced', { attempt: this.attempt, closeCode: code });
      return;
    }
    this.scheduleReconnect(code);
  }

  private scheduleReconnect(code: number | null): void {
    const delay = backoffDelay(this.attempt, this.o.minBackoffMs ?? 250, this.o.maxBackoffMs ?? 8000, this.o.random);
    this.attempt += 1;
    this.o.onLink('offline', { attempt: this.attempt, closeCode: code });
    this.retryTimer = this.timers.setTimeout(() => this.connect(), delay);
  }

  private schedulePing(): void {
    if (this.pingTimer !== null) this.timers.clearTimeout(this.pingTimer);
    this.pingTimer = this.timers.setTimeout(() => {
      this.pingTimer = null;
      if (!this.ready) return;
      const seq = this.send({ type: 'ping' });
      this.pingsInFlight.push(seq);
      if (this.pongTimer === null) {
        this.pongTimer = this.timers.setTimeout(() => {
          // No pong: the link is dead even if the browser has not noticed yet.
          this.pongTimer = null;
          const ws = this.ws;
          this.lost(null);
          try {
            ws?.close(4001, 'no pong');
          } catch {
            /* ignore */
          }
        }, this.o.pongTimeoutMs ?? 8000);
      }
      this.schedulePing();
    }, this.o.pingMs ?? 15_000);
  }

  private receive(m: HubToConsole): void {
    if (m.type === 'welcome') {
      if (!m.resumed || m.epoch !== this.epochValue) this.lastServerSeqValue = m.seq - m.replayed;
      this.epochValue = m.epoch;
      if (this.seq < m.lastClientSeq) this.seq = m.lastClientSeq;
      this.unconfirmed = this.unconfirmed.filter((x) => x.seq > m.lastClientSeq);
      this.ready = true;
      this.attempt = 0;
      for (const x of this.unconfirmed) this.write(x);
      this.schedulePing();
      this.o.onMessage(m);
      return;
    }
    if (m.type === 'snapshot') {
      this.lastServerSeqValue = Math.max(this.lastServerSeqValue, m.seq);
      this.o.onLink('online', { attempt: 0, closeCode: null });
    } else if (m.type === 'pong') {
      const upTo = this.pingsInFlight.shift();
      if (upTo !== undefined) this.unconfirmed = this.unconfirmed.filter((x) => x.seq > upTo);
      if (this.pingsInFlight.length === 0 && this.pongTimer !== null) {
        this.timers.clearTimeout(this.pongTimer);
        this.pongTimer = null;
      }
      if (m.seq > this.lastServerSeqValue) this.lastServerSeqValue = m.seq;
      return;
    } else {
      if (m.seq <= this.lastServerSeqValue) return; // already had it (replay overlap)
      this.lastServerSeqValue = m.seq;
    }
    this.o.onMessage(m);
  }
}
