/**
 * Limits shared across hub instances on PostgreSQL (issue 18): failed logins for one user and
 * enrolment tries from one address count together on every instance, so two instances behind a load
 * balancer do not allow twice the tries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRepository } from '../../../../hub/db/index.ts';
import { startTestPostgres, type TestPostgres } from '../../../support/postgres.ts';
import { login, post, seedUsers, startHub, type Running } from '../helpers.ts';

let server: TestPostgres;
const hubs: Running[] = [];
beforeAll(async () => {
  server = await startTestPostgres();
}, 60_000);
afterAll(async () => {
  for (const h of hubs) await h.hub.close().catch(() => undefined);
  await server?.stop();
}, 30_000);

async function twoInstances(): Promise<[Running, Running]> {
  const url = await server.newDatabase();
  const repo = await openRepository(url);
  await seedUsers(repo);
  await repo.close();
  const opts = { loginLimits: { userFailures: 3, backoffMs: 60_000 }, enrolTriesPerAddress: 4 };
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
});
