/**
 * The authorisation matrix (issue 17): role × ward × route, generated from the table below
 * and checked against the server's real routes, enumerated at run time (hub.routes). A route
 * the server has and the table does not fails the suite: add its rule here (and the row in
 * docs/security.md's matrix) when you add a route.
 *
 * Every route is called by every principal — nobody, a kiosk of the ward, a kiosk of another
 * ward, a volunteer, staff of the ward, staff of another ward, staff without a ward, an admin —
 * with the route's parameters pointing at the ward's own things (its kiosk, its application,
 * its call-back, its volunteer). "Denied" is 401 or 403; "allowed" is anything else (400 for a
 * deliberately empty body counts: the principal got past the door). Empty bodies are used where
 * the route checks who you are before it reads the body, so nothing is changed by the test.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { HUB_CONSOLE_WS_PATH, HUB_KIOSK_WS_PATH } from '../../../common/contract/hub-common.ts';
import { addUser, kioskClient, login, seededDb, startHub, type Running } from '../../unit/hub/helpers.ts';
import { enrolIn, OTHER_WARD, plantCallback, WARD } from './rig.ts';
import { tempDir } from '../../support/paths.ts';
import path from 'node:path';
import { rmSync } from 'node:fs';

const PRINCIPALS = ['anon', 'kiosk', 'otherKiosk', 'volunteer', 'staff', 'staffOther', 'staffNoWard', 'admin'] as const;
type P = (typeof PRINCIPALS)[number];

const USERS: P[] = ['volunteer', 'staff', 'staffOther', 'staffNoWard', 'admin'];
const KIOSKS: P[] = ['kiosk', 'otherKiosk'];
const EVERYONE: P[] = [...PRINCIPALS];
/** Staff of the ward the thing belongs to, and admins. */
const WARD_STAFF: P[] = ['staff', 'admin'];

interface Rule {
  allow: P[];
  /** JSON body sent (default: none for GET, {} otherwise). */
  body?: (ctx: Ctx) => unknown;
  query?: string;
  /** A WebSocket route: checked by an upgrade (101 = allowed). */
  ws?: boolean;
  /** Why the rule is what it is, when it is not obvious. */
  why?: string;
}

interface Ctx {
  kioskId: string;
  applicationId: string;
  callbackId: string;
  code: string;
}

const TODAY = new Date().toISOString().slice(0, 10);

/** The table: one rule per `METHOD path` the server has. */
const RULES: Record<string, Rule> = {
  'POST /api/login': { allow: EVERYONE, why: 'public: the login form' },
  'POST /api/logout': { allow: EVERYONE, why: 'public: ends the session of the cookie sent, if any (sent without one here)' },
  'GET /api/me': { allow: USERS },
  'POST /api/password': { allow: USERS },
  'GET /api/accounts': { allow: ['staff', 'staffOther', 'admin'], why: 'ward staff list their own ward’s volunteers; admins all; staff without a ward nothing' },
  'POST /api/accounts': { allow: WARD_STAFF, body: () => ({ username: `tnv-${randomUUID().slice(0, 8)}`, displayName: 'Thử', role: 'volunteer', ward: WARD, languages: ['vi'] }) },
  'POST /api/accounts/:username/disable': { allow: WARD_STAFF, body: () => ({ disabled: false }) },
  'POST /api/accounts/:username/reset-password': { allow: WARD_STAFF },
  'POST /api/enrolment-codes': { allow: WARD_STAFF, body: () => ({ ward: WARD, ttlMinutes: 5 }) },
  'POST /api/kiosks/enrol': { allow: EVERYONE, why: 'public: a one-time code is the credential (rate limited per address)' },
  'POST /api/kiosks/pairing': { allow: EVERYONE, why: 'public: a new kiosk asks for a code (rate limited per address)' },
  'POST /api/kiosks/pairing/poll': { allow: EVERYONE, why: 'public: the poll token is the credential' },
  'POST /api/kiosks/pairing/lookup': { allow: ['staff', 'staffOther', 'staffNoWard', 'admin'], why: 'any staff may look a code up; approving checks the ward (tests/unit/hub/pairing.test.ts)' },
  'POST /api/kiosks/pairing/approve': { allow: ['staff', 'staffOther', 'staffNoWard', 'admin'], why: 'the ward is checked against the body after it is read (tests/unit/hub/pairing.test.ts)' },
  'POST /api/kiosks/:id/reenrol': { allow: WARD_STAFF, body: () => ({}) },
  'GET /api/turn': { allow: [...USERS, ...KIOSKS] },
  'GET /api/calls/mine': { allow: USERS },
  'GET /api/callbacks': { allow: ['staff', 'staffOther'], why: 'finding 1: staff with a ward, their ward’s only; not admins' },
  'POST /api/callbacks/:id/done': { allow: ['staff'], why: 'finding 1' },
  'GET /api/health': { allow: EVERYONE, why: 'public, without counts (finding 15)' },
  'GET /api/fleet/kiosks': { allow: WARD_STAFF, query: `?ward=${WARD}` },
  'GET /api/fleet/kiosks/:id': { allow: WARD_STAFF },
  'POST /api/fleet/kiosks/:id/commands': { allow: WARD_STAFF, body: () => ({ kind: 'send-logs', maintenance: null }) },
  'POST /api/fleet/kiosks/:id/retire': {
    allow: ['staff', 'staffOther', 'staffNoWard', 'admin'],
    why: 'the confirmation in the body is checked before the ward (an empty one here, so nothing is retired); another ward is refused in tests/unit/fleet/retire.test.ts',
  },
  'GET /api/fleet/kiosks/:id/screenshot': { allow: WARD_STAFF },
  'GET /api/fleet/kiosks/:id/logs': { allow: WARD_STAFF },
  'GET /api/fleet/kiosk/config/:version': { allow: KIOSKS, why: 'a kiosk gets its own ward’s versions only (404 otherwise)' },
  'PUT /api/fleet/kiosk/logs': { allow: KIOSKS },
  'PUT /api/fleet/kiosk/screenshot': { allow: KIOSKS },
  'GET /api/fleet/kiosk/track/:code': { allow: KIOSKS, why: 'another ward’s kiosk gets found:false' },
  'PUT /api/applications/kiosk/:id/pages/:pageId': { allow: KIOSKS, why: 'the application must be the kiosk’s own (checked after the door)' },
  'GET /api/fleet/alerts': { allow: WARD_STAFF, query: `?ward=${WARD}` },
  'GET /api/fleet/audit': { allow: WARD_STAFF, query: `?ward=${WARD}` },
  'GET /api/fleet/applications': { allow: WARD_STAFF, query: `?ward=${WARD}` },
  'GET /api/fleet/applications/:id': { allow: WARD_STAFF },
  'GET /api/applications/:id/reading': { allow: WARD_STAFF, why: 'the application reader (docs/applications.md)' },
  'GET /api/applications/:id/pages/:pageId': { allow: WARD_STAFF, why: 'a page of the application; the ward is checked before the page id' },
  'POST /api/fleet/applications/:id/status': { allow: WARD_STAFF, body: () => ({ status: 'processing', note: null }) },
  'GET /api/province/applications/:id': { allow: WARD_STAFF },
  'POST /api/province/applications/:id/actions': { allow: WARD_STAFF },
  'GET /api/fleet/config': { allow: WARD_STAFF, query: `?ward=${WARD}` },
  'POST /api/fleet/config/validate': { allow: ['staff', 'staffOther', 'staffNoWard', 'admin'], why: 'pure validation, nothing stored or shown' },
  'POST /api/fleet/config/publish': { allow: ['staff', 'staffOther', 'staffNoWard', 'admin'], why: 'with an empty body the schema answers first; another ward’s publish is refused in tests/unit/fleet/fleet.test.ts' },
  'POST /api/fleet/config/rollback': { allow: WARD_STAFF, body: () => ({ ward: WARD }) },
  'GET /api/fleet/stats': { allow: WARD_STAFF, query: `?ward=${WARD}&from=${TODAY}&to=${TODAY}` },
  'GET /api/fleet/stats.csv': { allow: WARD_STAFF, query: `?ward=${WARD}&from=${TODAY}&to=${TODAY}` },
  'GET /track/:code': { allow: EVERYONE, why: 'public page; the PIN is the credential (finding 6)' },
  [`GET ${HUB_KIOSK_WS_PATH}`]: { allow: EVERYONE, ws: true, why: 'a kiosk authenticates with its first message' },
  [`GET ${HUB_CONSOLE_WS_PATH}`]: { allow: USERS, ws: true },
  'GET /*': { allow: EVERYONE, why: 'the console pages (static files)' },
};

const dir = tempDir('adv-matrix');
let r: Running;
let ctx: Ctx;
const creds = new Map<P, Record<string, string>>();

beforeAll(async () => {
  const db = await seededDb({ name: 'sqlite', newUrl: async () => `sqlite:${path.join(dir, 'hub.sqlite')}` }, async (repo) => {
    await addUser(repo, { username: 'admin', role: 'admin', ward: null });
    await addUser(repo, { username: 'canbo2', role: 'staff', ward: OTHER_WARD });
    await addUser(repo, { username: 'nowardstaff', role: 'staff', ward: null });
    await addUser(repo, { username: 'tnv-matrix', role: 'volunteer', ward: WARD });
  });
  r = await startHub(db, { enrolTriesPerAddress: 1000, trackingLimits: { missesPerAddress: 1000, kioskLookupsPerHour: 1000 } });
  const secret = await enrolIn(r, WARD, 'hang-bai-01');
  const otherSecret = await enrolIn(r, OTHER_WARD, 'ben-nghe-01');
  const k = await kioskClient(r, 'hang-bai-01', secret);
  const item = { id: randomUUID(), code: `${WARD}-261206-1001`, serviceCode: '1.000001', submittedAt: Date.now(), answers: {} };
  k.send({ type: 'outbox.deliver', item });
  await k.type('outbox.ack');
  await k.close();
  ctx = { kioskId: 'hang-bai-01', applicationId: item.id, code: item.code, callbackId: await plantCallback(r, 'hang-bai-01', WARD, '0900 000 000') };
  creds.set('anon', {});
  creds.set('kiosk', { authorization: `Kiosk hang-bai-01:${secret}` });
  creds.set('otherKiosk', { authorization: `Kiosk ben-nghe-01:${otherSecret}` });
  for (const [p, u] of [['volunteer', 'tnv1'], ['staff', 'canbo'], ['staffOther', 'canbo2'], ['staffNoWard', 'nowardstaff'], ['admin', 'admin']] as const) creds.set(p, { cookie: await login(r, u) });
}, 60_000);

afterAll(async () => {
  await r?.hub.close();
  rmSync(dir, { recursive: true, force: true });
});

const fill = (url: string): string =>
  url
    .replace(':username', 'tnv-matrix')
    .replace(':pageId', '1')
    .replace(':version', '1')
    .replace(':code', ctx.code)
    .replace(':id', url.startsWith('/api/fleet/kiosks/') || url.startsWith('/api/kiosks/') ? ctx.kioskId : url.startsWith('/api/callbacks/') ? ctx.callbackId : ctx.applicationId)
    .replace('/*', '/staff/');

async function call(method: string, url: string, rule: Rule, p: P): Promise<number> {
  if (url === '/api/callbacks/:id/done') ctx.callbackId = await plantCallback(r, 'hang-bai-01', WARD, '0900 000 000'); // each call may delete it
  const target = `${r.url}${fill(url)}${rule.query ?? ''}`;
  const headers: Record<string, string> = { ...creds.get(p)! };
  if (url === '/api/logout') delete headers.cookie;
  if (rule.ws) {
    if (headers.cookie) headers.origin = r.url;
    const ws = new WebSocket(target.replace(/^http/, 'ws'), { headers });
    return new Promise<number>((resolve) => {
      ws.once('open', () => (ws.terminate(), resolve(101)));
      ws.once('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
      ws.once('error', () => resolve(0));
    });
  }
  let body: string | undefined;
  if (method !== 'GET') {
    body = JSON.stringify(rule.body ? rule.body(ctx) : {});
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(target, { method, headers, body, signal: AbortSignal.timeout(5000) });
  await res.arrayBuffer();
  return res.status;
}

describe('the authorisation matrix covers every route the server has', () => {
  it('each route has a rule, and each rule a route', () => {
    const have = r.hub.routes.map((x) => `${x.method} ${x.url}`);
    expect(have.filter((k) => !(k in RULES)), 'routes without a rule: add them to RULES').toEqual([]);
    expect(Object.keys(RULES).filter((k) => !have.includes(k)), 'rules without a route').toEqual([]);
  });
});

describe.each(Object.entries(RULES))('%s', (key, rule) => {
  const [method, url] = key.split(' ') as [string, string];
  it.each(PRINCIPALS.map((p) => [p, rule.allow.includes(p) ? 'allowed' : 'denied'] as const))('%s is %s', async (p, expected) => {
    const status = await call(method, url, rule, p);
    const got = status === 401 || status === 403 ? 'denied' : status === 0 ? 'error' : 'allowed';
    expect(`${got} (${status})`.startsWith(expected), `${p} → ${status}`).toBe(true);
  });
});
