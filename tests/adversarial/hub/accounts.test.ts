/**
 * Accounts attacked and used (issue 17): who may manage whom, one-time passwords that
 * must be changed, password rules, disabling ends sessions and sockets, every change
 * audited; the `hub-user` CLI on SQLite and PostgreSQL, password from stdin only.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRepository } from '../../../hub/db/index.ts';
import { verifyPassword } from '../../../hub/auth/crypto.ts';
import { Client, consoleClient, get, login, post, useDatabases, waitAudit } from '../../unit/hub/helpers.ts';
import { ROOT } from '../../support/paths.ts';
import { OTHER_WARD, useHub, WARD } from './rig.ts';

const rig = useHub('accounts');

describe('accounts over HTTP', () => {
  it('ward staff manage their ward’s volunteers only; admins manage staff (with a ward); volunteers manage nobody', async () => {
    const r = await rig.start();
    const canbo = await login(r, 'canbo');
    const vol = { username: 'tnv-moi', displayName: 'Phạm Thị Hoa', role: 'volunteer', ward: WARD, languages: ['vi'] };
    expect((await post(`${r.url}/api/accounts`, vol)).status).toBe(401);
    expect((await post(`${r.url}/api/accounts`, vol, await login(r, 'tnv1'))).status).toBe(403);
    expect((await post(`${r.url}/api/accounts`, { ...vol, ward: OTHER_WARD }, canbo)).status).toBe(403);
    expect((await post(`${r.url}/api/accounts`, { ...vol, role: 'staff' }, canbo)).status).toBe(403);
    expect((await post(`${r.url}/api/accounts`, { ...vol, role: 'admin', ward: null }, canbo)).status).toBe(403);
    const made = await post(`${r.url}/api/accounts`, vol, canbo);
    expect(made.status).toBe(200);
    expect(made.json.account).toMatchObject({ username: 'tnv-moi', mustChangePassword: true, disabled: false });
    expect(made.json.temporaryPassword).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect((await post(`${r.url}/api/accounts`, vol, canbo)).status).toBe(409);

    const admin = await login(r, 'admin');
    const noWard = await post(`${r.url}/api/accounts`, { ...vol, username: 'canbo-x', role: 'staff', ward: null }, admin);
    expect(noWard.status).toBe(400); // staff without a ward: refused
    expect((await post(`${r.url}/api/accounts`, { ...vol, username: 'canbo-x', role: 'staff', ward: OTHER_WARD }, admin)).status).toBe(200);

    const list = await get(`${r.url}/api/accounts`, { cookie: canbo });
    expect(list.json.accounts.every((a: { role: string; ward: string }) => a.role === 'volunteer' && a.ward === WARD)).toBe(true);
    expect(list.json.accounts.map((a: { username: string }) => a.username)).toContain('tnv-moi');
    expect(JSON.stringify(list.json)).not.toContain('scrypt');
    await waitAudit(r, (a) => a.action === 'account.create' && a.target === 'user:tnv-moi' && a.actor === 'user:canbo');
    await waitAudit(r, (a) => a.action === 'account.create.refused' && a.actor === 'user:canbo');
    // An admin's change to another ward's account is written to that ward's audit rows (its staff see it).
    await waitAudit(r, (a) => a.action === 'account.create' && a.target === 'user:canbo-x');
    expect((await r.hub.repo.auditForWard(OTHER_WARD, null, 100)).some((a) => a.action === 'account.create' && a.actor === 'user:admin' && a.target === 'user:canbo-x')).toBe(true);
  });

  it('a new password must be changed at first login (nothing else works until then); the rules hold', async () => {
    const r = await rig.start();
    const canbo = await login(r, 'canbo');
    const made = await post(`${r.url}/api/accounts`, { username: 'tnv-moi', displayName: 'Hoa', role: 'volunteer', ward: WARD, languages: ['vi'] }, canbo);
    const temp = made.json.temporaryPassword as string;
    const res = await post(`${r.url}/api/login`, { username: 'tnv-moi', password: temp });
    expect(res.json.mustChangePassword).toBe(true);
    const cookie = res.setCookie!.split(';')[0]!;
    expect((await get(`${r.url}/api/calls/mine`, { cookie })).json.error.code).toBe('password_change_required');
    await expect(new Client(r.wsUrl, 'console', { cookie, origin: r.url }).opened).rejects.toThrow('403');
    expect((await post(`${r.url}/api/password`, { currentPassword: temp, newPassword: 'ngan' }, cookie)).status).toBe(400);
    expect((await post(`${r.url}/api/password`, { currentPassword: temp, newPassword: 'tnv-moi-2026-abc' }, cookie)).json.error.code).toBe('weak_password');
    expect((await post(`${r.url}/api/password`, { currentPassword: 'sai-mat-khau-1', newPassword: 'Hoa sen nở 2026' }, cookie)).status).toBe(403);
    expect((await post(`${r.url}/api/password`, { currentPassword: temp, newPassword: 'Hoa sen nở 2026' }, cookie)).status).toBe(200);
    expect((await get(`${r.url}/api/calls/mine`, { cookie })).status).toBe(200);
    expect((await get(`${r.url}/api/me`, { cookie })).json.mustChangePassword).toBe(false);
    await waitAudit(r, (a) => a.action === 'password.change' && a.actor === 'user:tnv-moi');
  });

  it('disabling ends the account’s sessions and sockets; staff of another ward cannot; a reset makes the old password useless', async () => {
    const r = await rig.start();
    const canbo = await login(r, 'canbo');
    const tnv = await login(r, 'tnv1');
    const c = await consoleClient(r, tnv);
    expect((await post(`${r.url}/api/accounts/tnv1/disable`, { disabled: true }, await login(r, 'canbo2'))).status).toBe(403);
    expect((await post(`${r.url}/api/accounts/canbo/disable`, { disabled: true }, canbo)).status).toBe(403); // staff do not manage staff
    expect((await post(`${r.url}/api/accounts/tnv1/disable`, { disabled: true }, canbo)).status).toBe(200);
    expect((await c.closed).code).toBe(4401);
    expect((await get(`${r.url}/api/me`, { cookie: tnv })).status).toBe(401);
    expect((await post(`${r.url}/api/login`, { username: 'tnv1', password: 'hotro-2468' })).status).toBe(401);
    expect((await post(`${r.url}/api/accounts/tnv1/disable`, { disabled: false }, canbo)).status).toBe(200);
    const reset = await post(`${r.url}/api/accounts/tnv1/reset-password`, {}, canbo);
    expect(reset.status).toBe(200);
    expect((await post(`${r.url}/api/login`, { username: 'tnv1', password: 'hotro-2468' })).status).toBe(401);
    expect((await post(`${r.url}/api/login`, { username: 'tnv1', password: reset.json.temporaryPassword })).json.mustChangePassword).toBe(true);
    for (const action of ['account.disable', 'account.enable', 'account.reset_password']) await waitAudit(r, (a) => a.action === action && a.target === 'user:tnv1');
    await waitAudit(r, (a) => a.action === 'account.disable.refused' && a.actor === 'user:canbo2');
  });
});

describe.each(useDatabases())('hub-user CLI on $name', (target) => {
  const cli = (args: string[], input: string | null) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'hub-user.ts'), ...args], { input: input ?? '', encoding: 'utf8', cwd: ROOT, timeout: 60_000 });

  it('add (password from stdin only), staff without a ward refused, disable, reset-password; audited', async () => {
    const db = await target.newUrl();
    expect(cli(['add', '--db', db, '--username', 'quantri', '--role', 'admin', '--password', 'x'], null).status).toBe(2);
    const noWard = cli(['add', '--db', db, '--username', 'canbo9', '--role', 'staff'], 'Mat-khau-dai-2026\n');
    expect(noWard.status).toBe(1);
    expect(noWard.stderr).toContain('needs a ward');
    expect(cli(['add', '--db', db, '--username', 'quantri', '--role', 'admin'], 'quantri-123456\n').status).toBe(1); // contains the name
    expect(cli(['add', '--db', db, '--username', 'quantri', '--role', 'admin'], 'ngan\n').status).toBe(1);
    const ok = cli(['add', '--db', db, '--username', 'quantri', '--role', 'admin', '--name', 'Quản trị'], 'Mật khẩu rất dài 1\n');
    expect(ok.status, ok.stderr).toBe(0);
    expect(cli(['add', '--db', db, '--username', 'canbo9', '--role', 'staff', '--ward', WARD], 'Mat-khau-dai-2026\n').status).toBe(0);
    expect(cli(['disable', '--db', db, '--username', 'canbo9'], null).status).toBe(0);
    expect(cli(['reset-password', '--db', db, '--username', 'quantri'], 'Một mật khẩu khác 2\n').status).toBe(0);
    const repo = await openRepository(db);
    try {
      const admin = (await repo.getUserByUsername('quantri'))!;
      expect(admin).toMatchObject({ role: 'admin', ward: null, mustChangePassword: true, disabledAt: null });
      expect(await verifyPassword('Một mật khẩu khác 2', admin.passwordHash)).toBe(true);
      expect((await repo.getUserByUsername('canbo9'))!.disabledAt).toBeGreaterThan(0);
      const actions = (await repo.listAudit({ actor: 'cli', limit: 50 })).map((a) => a.action).sort();
      expect(actions).toEqual(['account.create', 'account.create', 'account.disable', 'account.reset_password']);
    } finally {
      await repo.close();
    }
  }, 120_000);
});
