/**
 * Limits shared across hub instances on PostgreSQL (issue 18): failed logins for one user and
 * enrolment tries from one address count together on every instance, so two instances behind a load
 * balancer do not allow twice the tries. The pairing limits too (hub/security/pairing-limits.ts):
 * pairing requests and polls per address, and the lock after wrong codes typed by staff.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRepository } from '../../../../hub/db/index.ts';
import { startTestPostgres, type TestPostgres } from '../../../support/postgres.ts';
import { login, post, seedUsers, startHub, WARD, type Running } from '../helpers.ts';
import type { HubOptions } from '../../../../hub/server/app.ts';

let server: TestPostgres;
const hubs: Running[] = [];
beforeAll(async () => {
  server = await startTestPostgres();
}, 60_000);
afterAll(async () => {
  for (const h of hubs) await h.hub.close().catch(() => undefined);
  await server?.stop();
}, 30_000);

async function twoInstances(more: HubOptions = {}): Promise<[Running, Running]> {
  const url = await server.newDatabase();
  const repo = await openRepository(url);
  await seedUsers(repo);
  await repo.close();
  const opts = { loginLimits: { userFailures: 3, backoffMs: 60_000 }, enrolTriesPerAddress: 4, ...more };
  const a = await startHub(url, opts);
  const b = await startHub(url, opts);
  hubs.push(a, b);
  return [a, b];
}

describe('limits shared by instances (PostgreSQL)', () => {
  it('failed logins for one user count on every instance', async () => {
    const [a, b] = await twoInstances();
    expect((await post(`${a.url}/api/login`, { username: 'tnv1', password: 'sai-mat-khau-1' })).status).toBe(401);
    expect((await post(`${b.url}/api/login`, { username: 'tnv1', password: 'sai-mat-khau-2' })).status).toBe(401);
    expect((await post(`${a.url}/api/login`, { username: 'tnv1', password: 'sai-mat-khau-3' })).status).toBe(401);
    // Three failures across A and B: the fourth try waits, on B as on A — even with the right password.
    const onB = await post(`${b.url}/api/login`, { username: 'tnv1', password: 'hotro-2468' });
    expect(onB.status).toBe(429);
    expect(onB.json.scope ?? onB.json.error?.scope ?? JSON.stringify(onB.json)).toContain('user');
    expect((await post(`${a.url}/api/login`, { username: 'tnv1', password: 'hotro-2468' })).status).toBe(429);
    // Another user is not affected.
    await login(b, 'tnv2');
  });

  it('enrolment tries from one address count on every instance', async () => {
    const [a, b] = await twoInstances();
    const bad = (r: Running, n: number) => post(`${r.url}/api/kiosks/enrol`, { code: `BCDEFGH${n + 1}`, kioskId: `thu-${n}`, name: `Thử ${n}` });
    const statuses = [await bad(a, 1), await bad(b, 2), await bad(a, 3), await bad(b, 4)].map((r) => r.status);
    expect(statuses).toEqual([403, 403, 403, 403]); // a wrong code, four times, on two instances
    expect((await bad(a, 5)).status).toBe(429);
    expect((await bad(b, 6)).status).toBe(429);
  });

  it('pairing requests and polls from one address count on every instance', async () => {
    const [a, b] = await twoInstances({ pairing: { startsPerMinutePerIp: 4, pollsPerMinutePerIp: 3 } });
    const start = (r: Running, n: number) => post(`${r.url}/api/kiosks/pairing`, { kioskId: `ghep-${n}`, name: `Kiosk ${n}` });
    const first = await start(a, 1);
    expect([first.status, (await start(b, 2)).status, (await start(a, 3)).status, (await start(b, 4)).status]).toEqual([200, 200, 200, 200]);
    const fifth = await start(b, 5);
    expect(fifth.status).toBe(429); // four on two instances: the fifth refused wherever it lands
    expect((await start(a, 6)).status).toBe(429);
    const poll = (r: Running) => post(`${r.url}/api/kiosks/pairing/poll`, { pollToken: first.json.pollToken });
    expect([(await poll(a)).status, (await poll(b)).status, (await poll(a)).status]).toEqual([200, 200, 200]);
    expect((await poll(b)).status).toBe(429);
  });

  it('wrong pairing codes typed by staff lock them out on every instance', async () => {
    const [a, b] = await twoInstances({ pairing: { failuresMax: 3, lockMs: 60_000 } });
    const p = await post(`${a.url}/api/kiosks/pairing`, { kioskId: 'ghep-khoa', name: 'Kiosk khoá' });
    const [ca, cb] = [await login(a, 'canbo'), await login(b, 'canbo')];
    const lookup = (r: Running, cookie: string, code: string) => post(`${r.url}/api/kiosks/pairing/lookup`, { pairingCode: code }, cookie);
    expect([(await lookup(a, ca, 'AAAAAAAA')).status, (await lookup(b, cb, 'BBBBBBBB')).status, (await lookup(a, ca, 'CCCCCCCC')).status]).toEqual([404, 404, 404]);
    // Three wrong codes over A and B: even the right code waits, on B as on A.
    const onB = await post(`${b.url}/api/kiosks/pairing/approve`, { pairingCode: p.json.pairingCode, ward: WARD }, cb);
    expect(onB.status).toBe(429);
    expect(onB.json.error.message).toBe('Đã nhập sai mã quá nhiều lần. Xin chờ 1 phút rồi thử lại.');
    expect((await lookup(a, ca, p.json.pairingCode)).status).toBe(429);
  });
});
