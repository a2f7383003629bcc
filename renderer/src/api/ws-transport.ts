/**
 * Carrier 2 (browser mode): a WebSocket back to the kiosk's loopback host,
 * `ws://HOST/api?token=TOKEN`. Layer: renderer.
 *
 * - The per-launch token comes from `location.hash` (`#token=…`). It is kept in
 *   memory only, never in storage; the hash stays in the URL so a reload works.
 * - Reconnects with capped exponential backoff and jitter.
 * - A call made while disconnected waits up to `queueMs` for the connection,
 *   then resolves to an E_UNAVAILABLE envelope with a Vietnamese message.
 *   Calls in flight when the socket drops get the same envelope.
 */
import type { Transport } from '../../../common/contract/client.ts';
import { ServerFrame, WS_PATH, type ClientFrame } from '../../../common/contract/ws-frames.ts';
import { disconnectedEnvelope, timeoutEnvelope } from './envelopes.ts';

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface WsTransport extends Transport {
  close(): void;
  status(): ConnectionStatus;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
}

/**
 * The largest server frame the renderer reads. MAX_FRAME_BYTES (64 KB) caps what
 * the host accepts from the page; results such as `catalogue.list` are larger.
 */
export const MAX_SERVER_FRAME_CHARS = 8 * 1024 * 1024;

export interface WsOptions {
  url: string;
  /** How long a call waits for a (re)connection before failing. */
  queueMs?: number;
  /** How long a sent call waits for its result. */
  callTimeoutMs?: number;
  WebSocketImpl?: typeof WebSocket;
  /** Backoff: attempt n waits min(maxDelay, base·2^n) ± 20 %. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
}

/** `#token=abc&x=y` → 'abc' (or null). */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token');
  return token && token.length > 0 ? token : null;
}

export function wsUrl(loc: Pick<Location, 'protocol' | 'host'>, token: string | null): string {
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${loc.host}${WS_PATH}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}

export function backoffDelay(attempt: number, base: number, max: number, random: () => number): number {
  const raw = Math.min(max, base * 2 ** attempt);
  return Math.round(raw * (0.8 + 0.4 * random()));
}

interface Pending {
  resolve: (envelope: unknown) => void;
  timer: ReturnType<typeof setTimeout>;
}

export function createWsTransport(opts: WsOptions): WsTransport {
  const WS = opts.WebSocketImpl ?? WebSocket;
  const queueMs = opts.queueMs ?? 8000;
  const callTimeoutMs = opts.callTimeoutMs ?? 30_000;
  const base = opts.baseDelayMs ?? 300;
  const max = opts.maxDelayMs ?? 5000;
  const random = opts.random ?? Math.random;

  let socket: WebSocket | null = null;
  let status: ConnectionStatus = 'connecting';
  let attempt = 0;
  let closed = false;
  let nextId = 1;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  const pending = new Map<number, Pending>();
  const waiting = new Set<() => void>();
  const eventListeners = new Set<(event: string, payload: unknown) => void>();
  const statusListeners = new Set<(s: ConnectionStatus) => void>();

  const setStatus = (s: ConnectionStatus) => {
    if (s === status) return;
    status = s;
    for (const l of statusListeners) l(s);
  };

  const failInFlight = () => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      pending.delete(id);
      p.resolve(disconnectedEnvelope());
    }
  };

  const onMessage = (ev: MessageEvent) => {
    if (typeof ev.data !== 'string' || ev.data.length > MAX_SERVER_FRAME_CHARS) return;
    let json: unknown;
    try {
      json = JSON.parse(ev.data);
    } catch {
      return;
    }
    const frame = ServerFrame.safeParse(json);
    if (!frame.success) return;
    const f = frame.data;
    if (f.t === 'event') {
      for (const l of eventListeners) l(f.event, f.payload);
      return;
    }
    if (f.id === null) return;
    const p = pending.get(f.id);
    if (!p) return;
    clearTimeout(p.timer);
    pending.delete(f.id);
    p.resolve(f.envelope);
  };

  const connect = () => {
    if (closed) return;
    let ws: WebSocket;
    try {
      ws = new WS(opts.url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      setStatus('open');
      for (const w of [...waiting]) w();
    };
    ws.onmessage = onMessage;
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      failInFlight();
      if (closed) return setStatus('closed');
      scheduleReconnect();
    };
    ws.onerror = () => undefined; // onclose follows
  };

  const scheduleReconnect = () => {
    setStatus('reconnecting');
    const delay = backoffDelay(attempt++, base, max, random);
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, delay);
  };

  const whenOpen = (): Promise<boolean> =>
    new Promise((resolve) => {
      if (socket && socket.readyState === WS.OPEN) return resolve(true);
      const done = (v: boolean) => {
        clearTimeout(timer);
        waiting.delete(onOpen);
        resolve(v);
      };
      const onOpen = () => done(true);
      const timer = setTimeout(() => done(false), queueMs);
      waiting.add(onOpen);
    });

  connect();

  return {
    async call(method, params) {
      if (closed || !(await whenOpen()) || !socket) return disconnectedEnvelope();
      const id = nextId++;
      const frame: ClientFrame = { t: 'call', id, method, params };
      const ws = socket;
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve(timeoutEnvelope());
        }, callTimeoutMs);
        pending.set(id, { resolve, timer });
        try {
          ws.send(JSON.stringify(frame));
        } catch {
          clearTimeout(timer);
          pending.delete(id);
          resolve(disconnectedEnvelope());
        }
      });
    },
    on(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      socket?.close();
      socket = null;
      failInFlight();
      setStatus('closed');
    },
    status: () => status,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
  };
}
