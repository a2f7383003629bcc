/** The contract suite over the browser-mode carrier: real services, real loopback host, real WebSocket. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { startHost } from '../../browser-host/server.ts';
import { createKioskServices } from '../../services/kiosk-services.ts';
import { memoryLogger } from '../../services/log.ts';
import { connectWsTransport } from '../support/ws-transport.ts';
import { DEFAULT_CONFIG, FIXTURE_CATALOGUE, tempDir } from '../support/paths.ts';
import { runContractSuite } from './suite.ts';

function rendererFixture(): string {
  const dir = tempDir('renderer');
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  return dir;
}

runContractSuite('browser', async (opts) => {
  const services = await createKioskServices({ ...opts, carrier: 'browser', appVersion: 'test', logger: memoryLogger() });
  const host = await startHost({ services, rendererDir: rendererFixture(), logger: memoryLogger() });
  const transport = await connectWsTransport(host.url, host.token);
  return {
    transport,
    services,
    async close() {
      transport.close?.();
      await host.close();
      await services.close();
    },
  };
});

describe('browser-mode host guards', () => {
  async function setup() {
    const services = await createKioskServices({ configPath: DEFAULT_CONFIG, cataloguePath: FIXTURE_CATALOGUE, dataDir: tempDir('host'), tmpRoot: tempDir('host-tmp'), carrier: 'browser', appVersion: 'test', logger: memoryLogger() });
    const host = await startHost({ services, rendererDir: rendererFixture(), logger: memoryLogger() });
    return { services, host, async close() { await host.close(); await services.close(); } };
  }

  it('refuses a WebSocket without the per-launch token, with a wrong token, or from another origin', async () => {
    const s = await setup();
    await expect(connectWsTransport(s.host.url, 'wrong')).rejects.toThrow(/403/);
    await expect(connectWsTransport(s.host.url, '')).rejects.toThrow(/403/);
    await expect(connectWsTransport(s.host.url, s.host.token, 'http://evil.example')).rejects.toThrow(/403/);
    const ok = await connectWsTransport(s.host.url, s.host.token);
    ok.close?.();
    await s.close();
  });

  it('serves the renderer with the CSP, refuses path traversal and foreign Host headers', async () => {
    const s = await setup();
    const res = await fetch(s.host.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${s.host.url}assets/app.js`)).headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${s.host.url}..%2f..%2fetc%2fpasswd`)).status).toBe(400);
    expect((await fetch(`${s.host.url}nope.js`)).status).toBe(404);
    // DNS rebinding: same socket, another name
    const rebinding = await new Promise<number>((resolve) => {
      const req = http.get(s.host.url, { headers: { host: `evil.example:${s.host.port}` } }, (r) => resolve(r.statusCode ?? 0));
      req.end();
    }).catch(() => 0);
    expect(rebinding).toBe(421);
    await s.close();
  });

  it('answers malformed, binary and oversized frames with an error and keeps serving', async () => {
    const s = await setup();
    const t = await connectWsTransport(s.host.url, s.host.token);
    const replies: string[] = [];
    t.socket.on('message', (d) => replies.push(String(d)));
    t.socket.send('{not json');
    t.socket.send(JSON.stringify({ t: 'call', id: 'x', method: 'kiosk.info' }));
    t.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    await new Promise((r) => setTimeout(r, 200));
    expect(replies).toHaveLength(3);
    for (const r of replies) expect(JSON.parse(r).envelope.error.code).toBe('E_INVALID_PARAMS');
    const env = (await t.call('kiosk.info', {})) as { ok: boolean };
    expect(env.ok).toBe(true);
    // a frame over 64 KiB closes that socket (1009) — and only that one
    const other = await connectWsTransport(s.host.url, s.host.token);
    const closed = new Promise<number>((resolve) => t.socket.once('close', (code) => resolve(code)));
    t.socket.send(JSON.stringify({ t: 'call', id: 1, method: 'help.request', params: { screen: 'x'.repeat(70_000) } }));
    expect(await closed).toBe(1009);
    expect(((await other.call('kiosk.info', {})) as { ok: boolean }).ok).toBe(true);
    other.close?.();
    await s.close();
  });

  it('ends and wipes the session when the page goes away', async () => {
    const s = await setup();
    const t = await connectWsTransport(s.host.url, s.host.token);
    expect(((await t.call('session.start', { lang: 'vi' })) as { ok: boolean }).ok).toBe(true);
    expect(s.services.sessions.active).toBe(true);
    t.socket.terminate();
    const until = Date.now() + 2000;
    while (s.services.sessions.active && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    expect(s.services.sessions.active).toBe(false);
    await s.close();
  });
});

