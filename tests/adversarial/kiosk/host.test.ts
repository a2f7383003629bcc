/**
 * Issue 17: the kiosk host (browser-host/server.ts) attacked from outside, as a local process or
 * a page on loopback would: without or with a wrong token, from another Origin, through a
 * rebinding Host name, with malformed and oversize frames, floods of calls and of sockets, a client
 * that never reads its replies, and a slow-loris HTTP request. Each test fails if its defence goes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES } from '../../../common/contract/ws-frames.ts';
import { startHost, type HostLimits, type KioskHost } from '../../../browser-host/server.ts';
import { createKioskServices, type KioskServices } from '../../../services/kiosk-services.ts';
import { memoryLogger } from '../../../services/log.ts';
import { DEFAULT_CONFIG, tempDir } from '../../support/paths.ts';
import { writeConfig } from '../../support/kiosk-process.ts';

let services: KioskServices;
const logger = memoryLogger('host');
const hosts: KioskHost[] = [];

async function host(limits: Partial<HostLimits> = {}, diagnostics = false): Promise<KioskHost> {
  const rendererDir = tempDir('adv-renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  const h = await startHost({
    services,
    rendererDir,
    logger,
    limits,
    diagnostics: diagnostics ? { sessionTmpRoot: rendererDir, listSessionDirs: () => [] } : null,
  });
  hosts.push(h);
  return h;
}

beforeAll(async () => {
  // no devices: the host is what is under attack
  const configPath = writeConfig((c) => (c.devices = { printer: { transport: 'none' }, scanner: { transport: 'none' }, camera: false }));
  services = await createKioskServices({ configPath, dataDir: tempDir('adv-data'), tmpRoot: tempDir('adv-tmp'), carrier: 'browser', appVersion: 't', logger: memoryLogger('services') });
  void DEFAULT_CONFIG;
});
afterAll(async () => {
  for (const h of hosts) await h.close();
  await services?.close();
});

interface Opened {
  ws: WebSocket;
  frames: any[];
  closed: Promise<{ code: number }>;
  next(pred?: (f: any) => boolean, ms?: number): Promise<any>;
}

function open(h: KioskHost, opts: { token?: string; origin?: string | null; host?: string; path?: string } = {}): Promise<Opened | { refused: number }> {
  const u = new URL(h.url);
  const token = opts.token ?? h.token;
  const headers: Record<string, string> = {};
  if (opts.host) headers.host = opts.host;
  const ws = new WebSocket(`ws://${u.host}${opts.path ?? '/api'}?token=${encodeURIComponent(token)}`, {
    ...(opts.origin === null ? {} : { origin: opts.origin ?? `http://${u.host}` }),
    headers,
    maxPayload: 64 * 1024 * 1024,
  });
  const frames: any[] = [];
  ws.on('message', (d) => frames.push(JSON.parse(String(d))));
  const closed = new Promise<{ code: number }>((r) => ws.once('close', (code) => r({ code })));
  return new Promise((resolve, reject) => {
    ws.once('open', () =>
      resolve({
        ws,
        frames,
        closed,
        async next(pred = () => true, ms = 5000) {
          const end = Date.now() + ms;
          for (;;) {
            const i = frames.findIndex(pred);
            if (i >= 0) return frames.splice(i, 1)[0];
            if (Date.now() > end) throw new Error('no such frame');
            await new Promise((r) => setTimeout(r, 5));
          }
        },
      }),
    );
    ws.once('unexpected-response', (_req, res) => {
      resolve({ refused: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.once('error', (e) => {
      if (ws.readyState !== ws.CLOSED) reject(e);
    });
  });
}

async function opened(h: KioskHost): Promise<Opened> {
  const o = await open(h);
  if ('refused' in o) throw new Error(`refused ${o.refused}`);
  return o;
}

async function call(o: Opened, id: number, method: string, params: unknown = {}): Promise<any> {
  o.ws.send(JSON.stringify({ t: 'call', id, method, params }));
  return (await o.next((f) => f.t === 'result' && f.id === id)).envelope;
}

function rawHttp(port: number, text: string, waitMs = 3000): Promise<{ status: number; body: string; closedAfterMs: number }> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const s = net.connect(port, '127.0.0.1', () => s.write(text));
    let buf = '';
    s.on('data', (d) => (buf += d.toString('latin1')));
    const done = () => resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(buf)?.[1] ?? 0), body: buf, closedAfterMs: Date.now() - t0 });
    s.on('close', done);
    s.on('error', () => undefined);
    setTimeout(() => s.destroy(), waitMs).unref();
  });
}

describe('kiosk host: who may connect', () => {
  it('refuses a WebSocket without the token, with a wrong one, from another Origin or none, through a rebinding Host name, on another path', async () => {
    const h = await host();
    const u = new URL(h.url);
    const wrong = h.token.slice(0, -1) + (h.token.endsWith('A') ? 'B' : 'A');
    const attempts = [
      { token: '' },
      { token: wrong },
      { token: 'x'.repeat(5000) },
      { origin: 'http://evil.example' },
      { origin: `http://127.0.0.1:${h.port + 1}` },
      { origin: 'null' },
      { origin: null },
      { host: `evil.example:${h.port}` },
      { host: `127.0.0.1.nip.io:${h.port}`, origin: `http://127.0.0.1.nip.io:${h.port}` },
      { path: '/other' },
    ];
    for (const a of attempts) {
      const r = await open(h, a);
      expect(r, JSON.stringify(a)).toEqual({ refused: 403 });
    }
    // the refusals are logged without the token that was tried
    const text = JSON.stringify(logger.lines);
    expect(text).toContain('ws.refused');
    expect(text).not.toContain(wrong);
    expect(text).not.toContain(h.token);
    // and the right one still gets in
    const ok = await opened(h);
    expect((await call(ok, 1, 'kiosk.info')).ok).toBe(true);
    ok.ws.close();
    void u;
  });

  it('HTTP: a rebinding Host gets 421, other methods 405, path tricks 404 — never a file outside the renderer; diagnostics do not exist unless asked for', async () => {
    const h = await host();
    expect((await rawHttp(h.port, `GET / HTTP/1.1\r\nHost: evil.example:${h.port}\r\nConnection: close\r\n\r\n`)).status).toBe(421);
    expect((await rawHttp(h.port, `POST / HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`)).status).toBe(405);
    for (const p of ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd', '/%00', '/.%2e/package.json', '//etc/passwd']) {
      const r = await rawHttp(h.port, `GET ${p} HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nConnection: close\r\n\r\n`);
      expect([400, 404], p).toContain(r.status);
      expect(r.body).not.toContain('root:');
    }
    const diag = await rawHttp(h.port, `GET /__diag/session-dirs?token=${h.token} HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nConnection: close\r\n\r\n`);
    expect(diag.status).toBe(404);
    const withDiag = await host({}, true);
    const wrongToken = await rawHttp(withDiag.port, `GET /__diag/session-dirs?token=nope HTTP/1.1\r\nHost: 127.0.0.1:${withDiag.port}\r\nConnection: close\r\n\r\n`);
    expect(wrongToken.status).toBe(404);
  });
});

describe('kiosk host: malformed and oversize frames', () => {
  it('answers every malformed envelope with one clear error, keeps the socket, and pollutes nothing', async () => {
    const h = await host();
    const o = await opened(h);
    const nasty: (string | Buffer)[] = [
      'x',
      '',
      '{}',
      '[]',
      'null',
      '1e999',
      '"call"',
      '{"t":"call"}',
      '{"t":"call","id":-1,"method":"kiosk.info"}',
      '{"t":"call","id":1.5,"method":"kiosk.info"}',
      '{"t":"call","id":"1","method":"kiosk.info"}',
      '{"t":"call","id":1e300,"method":"kiosk.info"}',
      `{"t":"call","id":1,"method":"${'m'.repeat(65)}"}`,
      '{"t":"call","id":1,"method":"kiosk.info","extra":true}',
      '{"t":"event","event":"session.ended","payload":{}}',
      '{"t":"call","id":1,"method":"kiosk.info","__proto__":{"polluted":true}}',
      '['.repeat(30_000) + ']'.repeat(30_000),
      Buffer.from([0xff, 0xfe, 0x00, 0x01]),
    ];
    for (const f of nasty) {
      o.ws.send(f, { binary: Buffer.isBuffer(f) });
      const r = await o.next((x) => x.t === 'result');
      expect(r.id).toBeNull();
      expect(r.envelope).toMatchObject({ ok: false, error: { code: 'E_INVALID_PARAMS' } });
      expect(r.envelope.error.message).toMatch(/không hợp lệ/);
    }
    let id = 10;
    for (const method of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'kiosk.info.', 'KIOSK.INFO', 'staff.exit\u0000']) {
      expect(await call(o, id++, method), method).toMatchObject({ ok: false, error: { code: 'E_UNKNOWN_METHOD' } });
    }
    // params that are not what the method takes, including prototype tricks
    for (const params of [null, 1, 'x', [], { lang: 'xx' }, JSON.parse('{"__proto__":{"lang":"vi"}}'), { lang: 'vi', extra: 1 }]) {
      const env = await call(o, id++, 'session.start', params);
      expect(env.ok, JSON.stringify(params)).toBe(false);
      expect(['E_INVALID_PARAMS']).toContain(env.error.code);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).lang).toBeUndefined();
    // one log line for all that junk, not one per frame
    expect(logger.lines.filter((l) => l.event === 'ws.bad-frame').length).toBeLessThanOrEqual(hosts.length);
    expect((await call(o, 999, 'kiosk.info')).ok).toBe(true);
    o.ws.close();
  });

  it('closes a socket that sends a frame over the cap (1009) and keeps serving the others', async () => {
    const h = await host();
    const big = await opened(h);
    const other = await opened(h);
    big.ws.send(JSON.stringify({ t: 'call', id: 1, method: 'kiosk.info', params: { pad: 'x'.repeat(MAX_FRAME_BYTES) } }));
    expect((await big.closed).code).toBe(1009);
    expect((await call(other, 1, 'kiosk.info')).ok).toBe(true);
    other.ws.close();
  });
});

describe('kiosk host: floods and slow clients', () => {
  it('a flood of calls: the burst is served, the excess answered E_BUSY without running, a socket that keeps on is closed (1008); others are unaffected', async () => {
    const h = await host({ burst: 50, callsPerSecond: 20, maxRefusedInARow: 300 });
    const flood = await opened(h);
    const other = await opened(h);
    const before = services.store.counter('sessions:started');
    for (let i = 1; i <= 2000; i++) flood.ws.send(JSON.stringify({ t: 'call', id: i, method: 'session.start', params: { lang: 'vi' } }));
    expect((await flood.closed).code).toBe(1008);
    const results = flood.frames.filter((f) => f.t === 'result');
    const busy = results.filter((f) => !f.envelope.ok && f.envelope.error.code === 'E_BUSY');
    expect(busy.length).toBeGreaterThanOrEqual(300);
    expect(busy[0].envelope.error.message).toBe('Kiosk đang bận. Xin vui lòng thử lại sau giây lát.');
    // only the burst (and what the bucket refilled meanwhile) ran: the refused calls never did
    const ran = services.store.counter('sessions:started') - before;
    expect(ran).toBeGreaterThanOrEqual(50);
    expect(ran).toBeLessThan(150);
    expect(ran + busy.length).toBeLessThanOrEqual(2000);
    expect((await call(other, 1, 'kiosk.info')).ok).toBe(true);
    other.ws.close();
  });

  it('caps the sockets open at once (503 beyond), and a freed place can be taken again', async () => {
    const h = await host({ maxClients: 3 });
    const socks = [await opened(h), await opened(h), await opened(h)];
    expect(await open(h)).toEqual({ refused: 503 });
    socks[0]!.ws.close();
    await socks[0]!.closed;
    await new Promise((r) => setTimeout(r, 50));
    const again = await opened(h);
    expect((await call(again, 1, 'kiosk.info')).ok).toBe(true);
    for (const s of [again, ...socks.slice(1)]) s.ws.close();
  });

  it('a client that never reads its replies is closed before they pile up in the kiosk', async () => {
    const h = await host({ maxBufferedBytes: 256 * 1024, burst: 5000, callsPerSecond: 5000 });
    const o = await opened(h);
    const sock = (o.ws as unknown as { _socket: net.Socket })._socket;
    sock.pause(); // stop reading
    for (let i = 1; i <= 3000; i++) o.ws.send(JSON.stringify({ t: 'call', id: i, method: 'catalogue.list', params: {} }));
    const end = Date.now() + 15_000;
    while (!logger.lines.some((l) => l.event === 'ws.slow-client') && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(logger.lines.some((l) => l.event === 'ws.slow-client')).toBe(true);
    sock.resume();
    await o.closed;
    expect(h.clients()).toBe(0);
  });

  it('a slow-loris HTTP request (headers never finished) is cut off', async () => {
    const h = await host({ headersTimeoutMs: 1000, requestTimeoutMs: 2000 });
    const r = await rawHttp(h.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nX-Slow: 1\r\n`, 8000);
    expect(r.closedAfterMs).toBeLessThan(5000);
    expect([0, 408]).toContain(r.status);
  });
});
