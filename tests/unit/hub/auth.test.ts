/**
 * Auth: scrypt passwords, sessions (cookie, expiry, logout), roles, kiosk
 * enrolment with one-time codes, TURN credentials, HTTP body validation.
 */
import { createHmac } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { kioskAuthorization } from '../../../common/contract/hub-kiosk.ts';
import { hashPassword, turnCredentials, verifyPassword } from '../../../hub/auth/crypto.ts';
import { addUser, get, login, PASSWORD, post, seededDb, startHub, waitAudit, WARD, type Running } from './helpers.ts';
import { tempDir } from '../../support/paths.ts';

describe('passwords', () => {
  it('scrypt hash verifies the right password only, with a fresh salt each time', async () => {
    const h1 = await hashPassword('Mật khẩu 1', 1024);
    const h2 = await hashPassword('Mật khẩu 1', 1024);
    expect(h1).toMatch(/^scrypt\$1024\$8\$1\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    expect(h1).not.toBe(h2);
    expect(await verifyPassword('Mật khẩu 1', h1)).toBe(true);
    expect(await verifyPassword('Mật khẩu 2', h1)).toBe(false);
    expect(await verifyPassword('', h1)).toBe(false);
    // The same Vietnamese text typed composed or decomposed is the same password.
    expect(await verifyPassword('Mật khẩu 1'.normalize('NFD'), h1)).toBe(true);
  });

  it('a malformed or absurd stored hash is a mismatch, not a crash', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', `scrypt$${2 ** 30}$8$1$${'0'.repeat(32)}$${'0'.repeat(64)}`)).toBe(false);
  });
});

describe('TURN credentials (coturn use-auth-secret)', () => {
  it('username "<expiry>:<id>", password base64(HMAC-SHA1(secret, username))', () => {
    const c = turnCredentials({ urls: ['turn:127.0.0.1:3478'], secret: 'north-secret', ttl: 600 }, 'tnv1', 1_699_999_400_000);
    expect(c.username).toBe('1700000000:tnv1');
    // Computed independently: printf '1700000000:tnv1' | openssl dgst -sha1 -hmac north-secret -binary | base64
    expect(c.credential).toBe('+KkXwMU/Y3uwPZ/5jnkCcgxV/y4=');
    expect(c.expiresAt).toBe(1_700_000_000_000);
  });
});

describe('HTTP auth, roles and enrolment (SQLite)', () => {
  let r: Running | null = null;
  let clock = Date.now();
  const dir = tempDir('hub-auth');
  let n = 0;
  const start = async () => {
    clock = Date.now();
    const db = await seededDb({ name: 'sqlite', newUrl: async () => `sqlite:${dir}/auth-${++n}.sqlite` }, async (repo) => {
      await addUser(repo, { username: 'admin', role: 'admin', ward: null });
      await addUser(repo, { username: 'canbo2', role: 'staff', ward: '000.00.12.H30' });
    });
    r = await startHub(db, { now: () => clock, sessionTtlMs: 60_000, turn: { urls: ['turn:127.0.0.1:3478?transport=udp'], secret: 'north-secret', ttl: 600 } });
    return r;
  };
  afterEach(async () => {
    await r?.hub.close();
    r = null;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('login sets an HttpOnly SameSite=Strict cookie; the session expires; logout ends it', async () => {
    const r = await start();
    const res = await post(`${r.url}/api/login`, { username: 'TNV1', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.json.user).toEqual({ username: 'tnv1', displayName: 'Nguyễn Thị Lan (TNV)', role: 'volunteer', ward: WARD, languages: ['vi', 'en'] });
    expect(res.setCookie).toMatch(/^hub_session=[A-Za-z0-9_-]{43};/);
    expect(res.setCookie).toMatch(/HttpOnly/);
    expect(res.setCookie).toMatch(/SameSite=Strict/);
    expect(res.setCookie).toMatch(/Path=\//);
    const cookie = res.setCookie!.split(';')[0]!;
    expect((await get(`${r.url}/api/me`, { cookie })).status).toBe(200);
    clock += 61_000;
    expect((await get(`${r.url}/api/me`, { cookie })).status).toBe(401);

    const c2 = await login(r, 'tnv1');
    expect((await post(`${r.url}/api/logout`, {}, c2)).status).toBe(200);
    expect((await get(`${r.url}/api/me`, { cookie: c2 })).status).toBe(401);
    await waitAudit(r, (a) => a.action === 'login.ok' && a.actor === 'user:tnv1');
    await waitAudit(r, (a) => a.action === 'logout' && a.actor === 'user:tnv1');
  });

  it('wrong password and unknown user: 401, audited; five failures lock the account for a minute', async () => {
    const r = await start();
    expect((await post(`${r.url}/api/login`, { username: 'tnv2', password: 'sai' })).status).toBe(401);
    expect((await post(`${r.url}/api/login`, { username: 'nobody', password: 'sai' })).status).toBe(401);
    await waitAudit(r, (a) => a.action === 'login.failed' && a.target === 'user:tnv2' && a.detail === 'bad_password');
    await waitAudit(r, (a) => a.action === 'login.failed' && a.target === 'user:nobody' && a.detail === 'unknown_user');
    for (let i = 0; i < 4; i++) await post(`${r.url}/api/login`, { username: 'tnv2', password: 'sai' });
    expect((await post(`${r.url}/api/login`, { username: 'tnv2', password: PASSWORD })).status).toBe(429);
    clock += 61_000;
    expect((await post(`${r.url}/api/login`, { username: 'tnv2', password: PASSWORD })).status).toBe(200);
    const audit = JSON.stringify(await r.hub.repo.listAudit({ limit: 500 }));
    expect(audit).not.toContain(PASSWORD);
    expect(audit).not.toContain('"sai"');
  });

  it('bodies are validated: bad shape 400 with field paths, bad JSON 400, over 64 KiB 413 — all audited', async () => {
    const r = await start();
    const bad = await post(`${r.url}/api/login`, { username: 'tnv1', password: PASSWORD, admin: true });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues).toEqual(['(root)']);
    expect((await post(`${r.url}/api/login`, { username: 'a b', password: 'x' })).json.error.issues).toEqual(['username']);
    expect((await post(`${r.url}/api/login`, '{"username":')).status).toBe(400);
    expect((await post(`${r.url}/api/login`, { username: 'tnv1', password: 'x'.repeat(70_000) })).status).toBe(413);
    await waitAudit(r, (a) => a.action === 'http.too_large' && a.target === '/api/login');
    await waitAudit(r, (a) => a.action === 'http.bad_body' && a.detail === 'issues=username');
    await waitAudit(r, (a) => a.action === 'http.bad_body' && !!a.detail?.startsWith('code=FST_ERR_CTP_INVALID_JSON_BODY'));
  });

  it('roles: only staff of the ward (or an admin) create enrolment codes', async () => {
    const r = await start();
    const body = { ward: WARD, ttlMinutes: 10 };
    expect((await post(`${r.url}/api/enrolment-codes`, body)).status).toBe(401);
    expect((await post(`${r.url}/api/enrolment-codes`, body, await login(r, 'tnv1'))).status).toBe(403);
    expect((await post(`${r.url}/api/enrolment-codes`, body, await login(r, 'canbo2'))).status).toBe(403);
    expect((await post(`${r.url}/api/enrolment-codes`, body, await login(r, 'canbo'))).status).toBe(200);
    const admin = await post(`${r.url}/api/enrolment-codes`, { ward: '000.00.12.H30', ttlMinutes: 5 }, await login(r, 'admin'));
    expect(admin.status).toBe(200);
    expect(admin.json.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    await waitAudit(r, (a) => a.action === 'enrolment.code.refused' && a.actor === 'user:tnv1');
    await waitAudit(r, (a) => a.action === 'enrolment.code.refused' && a.actor === 'user:canbo2');
  });

  it('enrolment: one-time code → device secret once (stored hashed); reused or expired codes and taken ids refused, audited', async () => {
    const r = await start();
    const staff = await login(r, 'canbo');
    const code = (await post(`${r.url}/api/enrolment-codes`, { ward: WARD, ttlMinutes: 1 }, staff)).json.code as string;
    const ok = await post(`${r.url}/api/kiosks/enrol`, { code: code.toLowerCase(), kioskId: 'hang-bai-09', name: 'Nhà văn hoá tổ 9' });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ kioskId: 'hang-bai-09', ward: WARD });
    const k = await r.hub.repo.getKiosk('hang-bai-09');
    expect(k!.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(k!.secretHash).not.toContain(ok.json.secret);

    expect((await post(`${r.url}/api/kiosks/enrol`, { code, kioskId: 'hang-bai-10', name: 'x' })).status).toBe(403); // used
    const code2 = (await post(`${r.url}/api/enrolment-codes`, { ward: WARD, ttlMinutes: 1 }, staff)).json.code as string;
    expect((await post(`${r.url}/api/kiosks/enrol`, { code: code2, kioskId: 'hang-bai-09', name: 'x' })).status).toBe(409); // id taken
    clock += 2 * 60_000;
    expect((await post(`${r.url}/api/kiosks/enrol`, { code: code2, kioskId: 'hang-bai-11', name: 'x' })).status).toBe(403); // expired
    expect((await post(`${r.url}/api/kiosks/enrol`, { code: 'ABC', kioskId: 'hang-bai-11', name: 'x' })).status).toBe(400);
    await waitAudit(r, (a) => a.action === 'enrolment.ok' && a.actor === 'kiosk:hang-bai-09');
    // Refusals: the first of each kind per address and window is audited, not every try (issue 17, finding 11).
    await waitAudit(r, (a) => a.action === 'enrolment.refused' && a.target === 'kiosk:hang-bai-10' && a.detail === 'bad_or_expired_code');
    await waitAudit(r, (a) => a.action === 'enrolment.refused' && a.target === 'kiosk:hang-bai-09' && a.detail === 'kiosk_exists');

    // TURN for the kiosk (Authorization header) and for a logged-in volunteer; nobody else.
    clock = Date.now();
    const turnK = await get(`${r.url}/api/turn`, { authorization: kioskAuthorization('hang-bai-09', ok.json.secret) });
    expect(turnK.status).toBe(200);
    const server = turnK.json.iceServers[0];
    expect(server.urls).toEqual(['turn:127.0.0.1:3478?transport=udp']);
    expect(server.username).toMatch(/^\d{10}:kiosk-hang-bai-09$/);
    expect(server.credential).toBe(createHmac('sha1', 'north-secret').update(server.username).digest('base64'));
    expect((await get(`${r.url}/api/turn`, { cookie: await login(r, 'tnv1') })).json.iceServers[0].username).toMatch(/:user-tnv1$/);
    expect((await get(`${r.url}/api/turn`)).status).toBe(401);
    expect((await get(`${r.url}/api/turn`, { authorization: kioskAuthorization('hang-bai-09', 'A'.repeat(43)) })).status).toBe(401);
    await waitAudit(r, (a) => a.action === 'kiosk.auth_failed' && a.target === 'kiosk:hang-bai-09');
  });

  it('serves the placeholder consoles with a CSP', async () => {
    const r = await start();
    for (const p of ['/volunteer/', '/staff/']) {
      const res = await fetch(`${r.url}${p}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await res.text()).toContain('lang="vi"');
    }
  });
});
