/**
 * Browser mode: a small loopback host that serves the built renderer and
 * carries the kiosk API over a WebSocket — the same services as in Electron.
 * Layer: node.
 *
 * Guards: loopback only; the Host header must name this host (DNS rebinding);
 * the WebSocket's Origin must be this host; a per-launch token (in the URL
 * fragment, so it never reaches a server log) must be presented; frames are
 * capped and schema-checked. Against floods and slow clients (issue 17,
 * tests/adversarial/kiosk/): a cap on sockets, a token bucket and a cap on
 * calls in flight per socket (excess calls are answered E_BUSY without being
 * run; a socket that keeps flooding is closed), a socket whose unread replies
 * pile up is closed, and HTTP requests must send their headers and body in
 * time.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getHeapSnapshot } from 'node:v8';
import { WebSocketServer, type WebSocket } from 'ws';
import { kioskError, type KioskEvent } from '../common/contract/kiosk-api.ts';
import { ClientFrame, MAX_FRAME_BYTES, WS_PATH, type ServerFrame } from '../common/contract/ws-frames.ts';
import { createLogger, type Logger } from '../services/log.ts';
import { readStatic, SECURITY_HEADERS } from '../services/static-files.ts';
import type { KioskServicesApi } from '../services/types.ts';

export interface HostOptions {
  services: KioskServicesApi;
  rendererDir: string;
  port?: number;
  /** Fixed token (tests); a random one per launch otherwise. */
  token?: string;
  /** Opt-in memory audit endpoints used by the wipe test (never on in production). */
  diagnostics?: {
    sessionTmpRoot: string;
    listSessionDirs: () => string[];
    /** The virtual devices, for tests and demos: where to feed the scanner, how to jam the printer. */
    devices?: {
      scannerHostPath: () => string | null;
      setPrinter: (c: { paperOut?: boolean; coverOpen?: boolean; paperNearEnd?: boolean }) => boolean;
      /** How many pages the virtual printer has printed (null without one). */
      printedPages?: () => number | null;
    };
  } | null;
  logger?: Logger;
  /** Flood and slow-client limits (defaults: HOST_LIMITS). */
  limits?: Partial<HostLimits>;
}

export interface HostLimits {
  /** WebSockets open at once (the kiosk page needs one; a reload briefly two). */
  maxClients: number;
  /** Calls per second a socket may keep up (token bucket refill) … */
  callsPerSecond: number;
  /** … and the burst it may send at once (bucket size). */
  burst: number;
  /** Calls of one socket being handled at once; more are answered E_BUSY. */
  maxInFlight: number;
  /** Calls answered E_BUSY in a row after which the socket is closed (1008). */
  maxRefusedInARow: number;
  /** Replies not yet read by the client beyond this: the socket is closed. */
  maxBufferedBytes: number;
  /** Time to send the request headers / the whole request (slow-loris). */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

export const HOST_LIMITS: HostLimits = {
  maxClients: 4,
  callsPerSecond: 100,
  burst: 400,
  maxInFlight: 64,
  maxRefusedInARow: 1000,
  maxBufferedBytes: 8 * 1024 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
};

export interface KioskHost {
  url: string;
  port: number;
  token: string;
  /** The URL a person opens: the token rides in the fragment. */
  kioskUrl: string;
  clients(): number;
  close(): Promise<void>;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startHost(opts: HostOptions): Promise<KioskHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const log = opts.logger ?? createLogger('host');
  const limits: HostLimits = { ...HOST_LIMITS, ...opts.limits };
  const server = http.createServer({
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const sockets = new Set<WebSocket>();
  let port = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  server.on('request', (req, res) => {
    void (async () => {
      if (!allowedHosts().has(req.headers.host ?? '')) {
        res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Misdirected request');
        return;
      }
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      if (url.pathname.startsWith('/__diag/')) return diagnostics(url, req, res);
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      const file = await readStatic(opts.rendererDir, url.pathname);
      res.writeHead(file.status, { ...SECURITY_HEADERS, 'Content-Type': file.contentType, 'Content-Length': file.body.length });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  async function diagnostics(url: URL, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const d = opts.diagnostics;
    if (!d || !sameToken(url.searchParams.get('token') ?? '', token)) {
      res.writeHead(404).end();
      return;
    }
    res.setHeader('Content-Type', 'application/json');
    if (url.pathname === '/__diag/session-dirs') {
      res.end(JSON.stringify({ dirs: d.listSessionDirs() }));
      return;
    }
    if (url.pathname === '/__diag/devices' && d.devices) {
      if (req.method === 'POST') {
        const body = JSON.parse(await readBody(req, 1024)) as { paperOut?: boolean; coverOpen?: boolean; paperNearEnd?: boolean };
        res.end(JSON.stringify({ ok: d.devices.setPrinter(body) }));
      } else res.end(JSON.stringify({ scannerHostPath: d.devices.scannerHostPath(), printedPages: d.devices.printedPages?.() ?? null }));
      return;
    }
    if (url.pathname === '/__diag/heap-search' && req.method === 'POST') {
      // The needle comes in two halves so that the whole of it is never in this heap.
      const body = await readBody(req, 1024);
      const { a, b } = JSON.parse(body) as { a: string; b: string };
      res.end(JSON.stringify({ found: await heapContains(a, b) }));
      return;
    }
    res.writeHead(404).end();
  }

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://invalid');
    const origin = req.headers.origin ?? '';
    const okHost = allowedHosts().has(req.headers.host ?? '');
    const okOrigin = origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
    const okToken = sameToken(url.searchParams.get('token') ?? '', token);
    if (url.pathname !== WS_PATH || !okHost || !okOrigin || !okToken) {
      log.warn('ws.refused', { path: url.pathname === WS_PATH, host: okHost, origin: okOrigin, token: okToken });
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    if (sockets.size >= limits.maxClients) {
      log.warn('ws.refused-full', { clients: sockets.size });
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
  });

  const send = (ws: WebSocket, frame: ServerFrame) => {
    if (ws.readyState !== ws.OPEN) return;
    // A client that does not read what it asked for: its replies would pile up in this process.
    if (ws.bufferedAmount > limits.maxBufferedBytes) {
      log.warn('ws.slow-client', { bufferedKb: Math.round(ws.bufferedAmount / 1024) });
      ws.terminate();
      return;
    }
    ws.send(JSON.stringify(frame));
  };

  wss.on('connection', (ws) => {
    sockets.add(ws);
    let tokens = limits.burst;
    let refilledAt = Date.now();
    let inFlight = 0;
    let refusedInARow = 0;
    let badFrames = 0;
    ws.on('message', (data, isBinary) => {
      void (async () => {
        const t = Date.now();
        tokens = Math.min(limits.burst, tokens + ((t - refilledAt) / 1000) * limits.callsPerSecond);
        refilledAt = t;
        let frame: ClientFrame;
        try {
          if (isBinary) throw new Error('binary');
          const parsed = ClientFrame.safeParse(JSON.parse(String(data)));
          if (!parsed.success) throw new Error('shape');
          frame = parsed.data;
        } catch {
          // One log line per socket, not per frame: a junk flood must not flood the log.
          if (badFrames++ === 0) log.warn('ws.bad-frame', {});
          send(ws, { t: 'result', id: null, envelope: { ok: false, error: kioskError('E_INVALID_PARAMS').toShape() } });
          return;
        }
        if (tokens < 1 || inFlight >= limits.maxInFlight) {
          refusedInARow += 1;
          if (refusedInARow === 1) log.warn('ws.busy', { inFlight });
          if (refusedInARow > limits.maxRefusedInARow) {
            log.warn('ws.flood-closed', { refused: refusedInARow });
            ws.close(1008, 'too many calls');
            return;
          }
          send(ws, { t: 'result', id: frame.id, envelope: { ok: false, error: kioskError('E_BUSY').toShape() } });
          return;
        }
        tokens -= 1;
        refusedInARow = 0;
        inFlight += 1;
        try {
          const envelope = await opts.services.dispatch(frame.method, frame.params, { carrier: 'browser' });
          send(ws, { t: 'result', id: frame.id, envelope });
        } finally {
          inFlight -= 1;
        }
      })().catch((e: unknown) => {
        // dispatch never throws by contract; if it ever did, the caller still gets an answer and the host stays up
        log.error('ws.dispatch-failed', { error: e instanceof Error ? e.name : typeof e });
      });
    });
    ws.on('close', () => {
      sockets.delete(ws);
      // The page went away (tab closed, crash): nobody can be using the session.
      if (sockets.size === 0) void opts.services.endSession('disconnected');
    });
    ws.on('error', () => ws.terminate());
  });

  const off = opts.services.onEvent((event: KioskEvent, payload: unknown) => {
    for (const ws of sockets) send(ws, { t: 'event', event, payload });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;

  return {
    url,
    port,
    token,
    kioskUrl: `${url}#token=${token}`,
    clients: () => sockets.size,
    async close() {
      off();
      for (const ws of sockets) ws.terminate();
      sockets.clear();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Take a heap snapshot (which collects garbage first) and look for a+b in it. */
async function heapContains(a: string, b: string): Promise<boolean> {
  const needleA = Buffer.from(a);
  const needleB = Buffer.from(b);
  const len = needleA.length + needleB.length;
  let tail = Buffer.alloc(0);
  let found = false;
  for await (const chunk of getHeapSnapshot()) {
    if (found) continue;
    const buf = Buffer.concat([tail, chunk as Buffer]);
    for (let i = buf.indexOf(needleA); i !== -1; i = buf.indexOf(needleA, i + 1)) {
      if (i + len > buf.length) break;
      if (buf.subarray(i + needleA.length, i + len).equals(needleB)) {
        found = true;
        break;
      }
    }
    tail = buf.subarray(Math.max(0, buf.length - len));
  }
  return found;
}
