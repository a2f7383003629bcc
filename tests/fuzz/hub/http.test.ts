/**
 * Fuzzing the hub's HTTP boundary (issue 17) with fast-check: every route the server has
 * (enumerated at run time), as nobody, a logged-in staff member and an enrolled kiosk, with
 * arbitrary JSON bodies, raw text bodies and query strings — thousands of cases, bounded in
 * time. Properties: never a 5xx, never a crash or an unhandled rejection, every refusal a
 * clear `{error: {code, message}}`, and afterwards nothing lost (the hub still answers and
 * an application delivered before is still there).
 */
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, kioskClient, login, seededDb, startHub, type Running } from '../../unit/hub/helpers.ts';
import { tempDir } from '../../support/paths.ts';
import { enrolIn, WARD } from '../../adversarial/hub/rig.ts';

const dir = tempDir('fuzz-http');
let r: Running;
let staff: string;
let kioskAuth: string;
const appId = randomUUID();

beforeAll(async () => {
  const db = await seededDb({ name: 'sqlite', newUrl: async () => `sqlite:${path.join(dir, 'hub.sqlite')}` }, (repo) => addUser(repo, { username: 'admin', role: 'admin', ward: null }));
  r = await startHub(db, { loginLimits: { addressFailures: 1e6, globalFailuresPerMinute: 1e6, userFailures: 1e6 }, enrolTriesPerAddress: 1e6, auditLimits: { perAddress: 1e6, global: 1e6 } });
  const secret = await enrolIn(r, WARD, 'hang-bai-01');
  kioskAuth = `Kiosk hang-bai-01:${secret}`;
  staff = await login(r, 'canbo');
  const k = await kioskClient(r, 'hang-bai-01', secret);
  k.send({ type: 'outbox.deliver', item: { id: appId, code: `${WARD}-261206-1001`, serviceCode: '1.000001', submittedAt: Date.now(), answers: { hoTen: 'Nguyễn Văn A' } } });
  await k.type('outbox.ack');
  await k.close();
}, 60_000);

afterAll(async () => {
  await r?.hub.close();
  rmSync(dir, { recursive: true, force: true });
});

const segment = fc.oneof(fc.constantFrom('hang-bai-01', appId, `${WARD}-261206-1001`, 'tnv1', '1', '..', '%00', 'a'.repeat(300)), fc.string({ maxLength: 40 }).map(encodeURIComponent));
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.dictionary(fc.constantFrom('username', 'password', 'ward', 'code', 'kioskId', 'name', 'status', 'note', 'kind', 'config', 'catalogue', 'format', 'data', 'lines', 'confirm', 'disabled', 'newPassword', 'currentPassword', 'role', 'languages', 'ttlMinutes'), fc.jsonValue({ maxDepth: 2 })).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
);
const who = fc.constantFrom<'anon' | 'staff' | 'kiosk'>('anon', 'staff', 'kiosk');

describe('HTTP bodies of every route', () => {
  it('never a 5xx, always a clear error; the hub stays up and loses nothing', async () => {
    const routes = r.hub.routes.filter((x) => !x.url.startsWith('/ws/'));
    expect(routes.length).toBeGreaterThan(30);
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.array(segment, { minLength: 2, maxLength: 2 }), body, who, fc.option(fc.string({ maxLength: 60 }), { nil: undefined }), async (route, segs, payload, as, query) => {
        cases++;
        let i = 0;
        const url = route.url.replace(/:[a-zA-Z]+/g, () => segs[i++ % segs.length]!).replace('/*', '/staff/');
        const headers: Record<string, string> = as === 'staff' ? { cookie: staff } : as === 'kiosk' ? { authorization: kioskAuth } : {};
        if (route.method !== 'GET') headers['content-type'] = 'application/json';
        const res = await r.hub.app.inject({ method: route.method as 'GET', url: query ? `${url}?${encodeURIComponent(query)}=${encodeURIComponent(query)}` : url, headers, payload: route.method === 'GET' ? undefined : payload });
        expect(res.statusCode, `${route.method} ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`).toBeLessThan(500);
        if (res.statusCode >= 400 && res.headers['content-type']?.toString().includes('json')) {
          const e = JSON.parse(res.body) as { error?: { code?: unknown; message?: unknown } };
          expect(typeof e.error?.code).toBe('string');
          expect(typeof e.error?.message).toBe('string');
        }
      }),
      { numRuns: 3000, interruptAfterTimeLimit: 60_000 },
    );
    expect(cases).toBeGreaterThan(500);
    expect((await r.hub.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect(await r.hub.applications.store.getApplication(appId)).not.toBeNull();
    // (The staff session may have been logged out by a fuzzed POST /api/logout: that is its job.) Logging in still works.
    expect((await r.hub.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: await login(r, 'canbo') } })).statusCode).toBe(200);
    process.stdout.write(`${JSON.stringify({ event: 'fuzz.http', cases })}\n`);
  }, 120_000);
});
