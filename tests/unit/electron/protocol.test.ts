import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, handleAppProtocol, registerAppScheme } from '../../../electron/shell/protocol.ts';
import { WELCOME_URL } from '../../../electron/shell/types.ts';
import { FakeProtocol } from './fake-electron.ts';

let base: string;
let rendererDir: string;
const SECRET = 'SECRET-OUTSIDE-THE-RENDERER-DIR';

beforeAll(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'kiosk-proto-'));
  rendererDir = path.join(base, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(base, 'secret.txt'), SECRET);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => createAppProtocolHandler(rendererDir)({ url, method });

describe('app://kiosk/ protocol', () => {
  it('#18 registers app:// as a standard, secure, fetch-capable scheme (no CSP bypass, no service workers)', () => {
    const p = new FakeProtocol();
    registerAppScheme(p);
    expect(p.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });
  it('#18 serves the renderer from app://kiosk/ (never file://)', async () => {
    expect(WELCOME_URL).toBe('app://kiosk/');
    const p = new FakeProtocol();
    handleAppProtocol(p as never, rendererDir);
    const handler = p.handlers.get('app');
    expect(handler).toBeTypeOf('function');
    const res = await handler!({ url: 'app://kiosk/', method: 'GET' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain('<title>kiosk</title>');
    const js = await get('app://kiosk/assets/app.js');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
  });
  it("#7 sends the strict Content-Security-Policy (script-src 'self') and security headers on every response", async () => {
    for (const url of ['app://kiosk/', 'app://kiosk/missing.js', 'app://kiosk/..%2fsecret.txt']) {
      const res = await get(url);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
  it('#18 refuses path traversal (.., encoded ..) and never leaks a file outside the renderer dir', async () => {
    for (const url of [
      'app://kiosk/../secret.txt',
      'app://kiosk/assets/../../secret.txt',
      'app://kiosk/%2e%2e/secret.txt',
      'app://kiosk/..%2fsecret.txt',
      'app://kiosk/assets%2f..%2f..%2fsecret.txt',
      'app://kiosk/..%5csecret.txt',
    ]) {
      const res = await get(url);
      expect(res.status, url).not.toBe(200);
      expect(await res.text(), url).not.toContain(SECRET);
    }
  });
  it('answers 404 for another host and 405 for non-GET methods', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get('app://kiosk/', 'POST')).status).toBe(405);
    const head = await get('app://kiosk/', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
