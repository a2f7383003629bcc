/**
 * Browser mode: a small loopback host that serves the built renderer and
 * carries the kiosk API over a WebSocket — the same services as in Electron.
 * Layer: node.
 *
 * Guards: loopback only; the Host header must name this host (DNS rebinding);
 * the WebSocket's Origin must be this host; a per-launch token (in the URL
 * fragment, so it never reaches a server log) must be presented; frames are
 * capped and schema-checked.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getHeapSnapshot } from 'node:v8';
import { WebSocketServer, type WebSocket } from 'ws';
import { kioskError, type KioskEvent } from '../../common/contract/kiosk-api.ts';
import { ClientFrame, MAX_FRAME_BYTES, WS_PATH, type ServerFrame } from '../../common/contract/ws-frames.ts';
import { createLogger, type Logger } from '../log.ts';
import { readStatic, SECURITY_HEADERS } from '../static-files.ts';
import type { KioskServicesApi } from '../types.ts';

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
}

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
  const server = http.createServer();
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
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
  });

  const send = (ws: WebSocket, frame: ServerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };

  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('message', (data, isBinary) => {
      void (async () => {
        let frame: ClientFrame;
        try {
          if (isBinary) throw new Error('binary');
          const parsed = ClientFrame.safeParse(JSON.parse(String(data)));
          if (!parsed.success) throw new Error('shape');
          frame = parsed.data;
        } catch {
          log.warn('ws.bad-frame', {});
          send(ws, { t: 'result', id: null, envelope: { ok: false, error: kioskError('E_INVALID_PARAMS').toShape() } });
          return;
        }
        const envelope = await opts.services.dispatch(frame.method, frame.params, { carrier: 'browser' });
        send(ws, { t: 'result', id: frame.id, envelope });
      })();
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
