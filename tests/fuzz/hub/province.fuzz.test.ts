/**
 * Fuzzing the province's replies (issue 17) with fast-check. The hub believes nothing the
 * province's one-stop system sends: every answer is checked at the boundary (hub/province/opencps.ts).
 *
 *  1. The adapter alone, against a loopback HTTP server whose every answer is generated: any
 *     status, content type, Retry-After; any JSON; raw and binary text; the real answer shapes
 *     (dossier, timeline, payment with its nested bank and e-payment JSON, file) with one field
 *     replaced, removed or given a tricky value (impossible dates, wrong dossier numbers, unknown
 *     statuses, huge strings, non-http payment links); answers over the size cap, cut mid-body,
 *     or stalled past the timeout. Property: every call either gives a value that keeps the
 *     adapter's promises (national code 1–10, a well-formed official number, real dates, a payee
 *     the VietQR code can carry, an http(s) payment link), or fails with a ProvinceError whose
 *     kind the outbox acts on and whose reason is a short code — never a raw TypeError/SyntaxError,
 *     never a value from the answer.
 *  2. The whole hand-off through a hub, with a proxy between the hub and the simulated province
 *     that answers most requests with generated garbage, or forwards them and then garbles the
 *     province's answer (the province acted, the hub cannot read it): afterwards, with the proxy
 *     passing everything, every application is in the province exactly once, with its file once,
 *     submitted — nothing lost, nothing doubled — and the hub still answers.
 */
import fc from 'fast-check';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDossierNo } from '../../../common/province/national-status.ts';
import { ProvinceError, type DossierState, type PaymentRequest, type TimelineItem } from '../../../hub/province/adapter.ts';
import { OpenCpsAdapter } from '../../../hub/province/opencps.ts';
import { buildProvince, DEFAULT_GROUP, DEFAULT_USER } from '../../../province/server.ts';
import { enrolKiosk, kioskClient, login, seededDb, startHub, until, WARD, type Client, type Running } from '../../unit/fleet/helpers.ts';
import { tempDir } from '../../support/paths.ts';
import path from 'node:path';
import { rmSync } from 'node:fs';

const MARKER = 'BÍ-MẬT-7731'; // put in generated answers: it must never come back in an error
const CAP = 8 * 1024;
const TIMEOUT = 120;

// ------------------------------------------------------------------ generated answers

interface Reply {
  status: number;
  contentType: string | null;
  retryAfter?: string;
  body: string;
  /** cut: headers then part of the body, then the socket is destroyed; stall: nothing more after the headers */
  mode?: 'whole' | 'cut' | 'stall';
}

const DATE = '06/12/2026 10:00:00';
const DETAIL = { dossierId: 41, referenceUid: `${WARD}-261206-1001`, dossierNo: `${WARD}-261206-0001`, dossierStatus: 'processing', dossierSubStatus: 'processing_0', submitting: 'true', modifiedDate: DATE };
const ACTIONS = {
  total: 2,
  data: [
    { dossierId: 41, createDate: DATE, actionName: 'Nộp hồ sơ', actionUser: 'Công dân', actionNote: '', dossierStatus: 'new', dossierSubStatus: '' },
    { dossierId: 41, createDate: '06/12/2026 11:30:00', actionName: 'Tiếp nhận hồ sơ', actionUser: 'Cán bộ A', actionNote: 'Đủ giấy tờ', dossierStatus: 'processing', dossierSubStatus: 'processing_0' },
  ],
};
const BANK = { bankCode: '970415', accountNo: '113366668888', accountName: 'UBND PHUONG CUA NAM' };
const EPAY = { paymentUrl: 'https://pay.example.vn/x' };
const PAYMENT = { dossierId: 41, paymentAmount: 8000, paymentNote: 'Lệ phí trích lục', bankInfo: JSON.stringify(BANK), epaymentProfile: JSON.stringify(EPAY), paymentStatus: 2 };
const FILE = { dossierFileId: 7, referenceUid: `${WARD}-261206-1001-TP01`, dossierPartNo: 'TP01' };

const TRICKY: unknown[] = [
  '', ' ', MARKER, '31/02/2026 10:00:00', '06/12/2026 24:00:00', '2026-12-06T10:00:00Z', '6/12/2026 10:00:00',
  `${WARD}-261306-0001`, `${WARD}-261206-0000`, `${WARD}-261206-001`, 'processing', 'processing_0', 'new', 'unknown', 'done',
  '{', 'null', '\u0000', '\uD800', 'x'.repeat(3000), '-1', '1e400', '970415', 'javascript:alert(1)', 'ftp://x.vn/a', 'data:text/html,x',
  JSON.stringify({ ...BANK, bankCode: '97041' }), JSON.stringify({ paymentUrl: 'javascript:alert(1)' }), JSON.stringify({ paymentUrl: MARKER }),
  -1, 0, 1, 2.5, 1e21, Number.MAX_SAFE_INTEGER, 10_000_000_001, true, false, null, [], {}, [MARKER], { $: MARKER },
];
const DELETE = Symbol('delete');
const value = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...TRICKY) }, { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) }, { weight: 1, arbitrary: fc.constant(DELETE) });

/** A copy of `seed` with the value at `path` replaced (or removed). JSON-in-a-string fields are paths too: `bankInfo>bankCode`. */
function mutate(seed: unknown, path: string, v: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(seed)) as Record<string, any>;
  const [outer, inner] = path.split('>') as [string, string | undefined];
  const keys = outer.split('.');
  let o: any = copy;
  for (const k of keys.slice(0, -1)) o = o[k];
  const last = keys[keys.length - 1]!;
  if (inner !== undefined) {
    const nested = JSON.parse(o[last]) as Record<string, unknown>;
    if (v === DELETE) delete nested[inner];
    else nested[inner] = v;
    o[last] = JSON.stringify(nested);
  } else if (v === DELETE) delete o[last];
  else o[last] = v;
  return copy;
}

const PATHS: Record<string, string[]> = {
  detail: [...Object.keys(DETAIL), 'extra'],
  actions: ['total', 'data', 'data.0', ...Object.keys(ACTIONS.data[0]!).map((k) => `data.1.${k}`)],
  payment: [...Object.keys(PAYMENT), 'bankInfo>bankCode', 'bankInfo>accountNo', 'bankInfo>accountName', 'epaymentProfile>paymentUrl'],
  file: ['dossierFileId', 'referenceUid', 'extra'],
};
const SEEDS: Record<string, unknown> = { detail: DETAIL, actions: ACTIONS, payment: PAYMENT, file: FILE };

const jsonCt = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON');
const anyCt = fc.constantFrom<string | null>('application/json', 'text/html; charset=utf-8', 'text/plain', 'application/jsonp', 'application/xml', '', null);
const anyStatus = fc.oneof(fc.constantFrom(200, 200, 200, 201, 203, 204, 302, 400, 401, 403, 404, 409, 429, 500, 502, 503), fc.integer({ min: 200, max: 599 }));

/** One generated answer for a request whose real answer has the shape `kind`. */
function reply(kind: keyof typeof SEEDS): fc.Arbitrary<Reply> {
  const seed = SEEDS[kind]!;
  return fc.oneof(
    // the real shape, one field changed
    { weight: 8, arbitrary: fc.tuple(fc.constantFrom(...PATHS[kind]!), value, jsonCt).map(([p, v, ct]) => ({ status: 200, contentType: ct, body: JSON.stringify(mutate(seed, p, v)) })) },
    // the real shape, untouched (so the properties also see successes)
    { weight: 2, arbitrary: jsonCt.map((ct) => ({ status: 200, contentType: ct, body: JSON.stringify(seed) })) },
    // `{}`: OpenCPS's "no such dossier"
    { weight: 1, arbitrary: fc.constant({ status: 200, contentType: 'application/json', body: '{}' }) },
    // any JSON, any status and content type, sometimes a Retry-After
    { weight: 4, arbitrary: fc.record({ status: anyStatus, contentType: anyCt, body: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)), retryAfter: fc.option(fc.oneof(fc.constantFrom('0', '2', '999999', '-1', 'Wed, 21 Oct 2099 07:28:00 GMT', 'soon', ''), fc.string({ maxLength: 20 })), { nil: undefined }) }) },
    // raw text and bytes: truncated JSON, HTML error pages, garbage
    { weight: 3, arbitrary: fc.record({ status: fc.constant(200), contentType: anyCt, body: fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.nat({ max: 200 }).map((n) => JSON.stringify(seed).slice(0, n)), fc.constant(`<html><body>${MARKER}</body></html>`)) }) },
    // too large, cut mid-body, stalled past the timeout
    { weight: 1, arbitrary: fc.constant({ status: 200, contentType: 'application/json', body: JSON.stringify({ ...(seed as object), pad: MARKER.repeat(CAP / 4) }) }) },
    { weight: 1, arbitrary: fc.constant({ status: 200, contentType: 'application/json', body: JSON.stringify(seed), mode: 'cut' as const }) },
    { weight: 1, arbitrary: fc.constant({ status: 200, contentType: 'application/json', body: JSON.stringify(seed), mode: 'stall' as const }) },
  );
}

function send(res: http.ServerResponse, r: Reply): void {
  const headers: Record<string, string> = {};
  if (r.contentType !== null) headers['content-type'] = r.contentType;
  if (r.retryAfter !== undefined) headers['retry-after'] = r.retryAfter;
  const bytes = Buffer.from(r.body, 'utf8');
  if (r.mode === 'cut' || r.mode === 'stall') {
    res.writeHead(r.status, { ...headers, 'content-length': String(bytes.length + 100) });
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
    if (r.mode === 'cut') setTimeout(() => res.socket?.destroy(), 5);
    else setTimeout(() => res.socket?.destroy(), TIMEOUT * 4);
    return;
  }
  res.writeHead(r.status, headers);
  res.end(bytes);
}

// ------------------------------------------------------------------ what a result must keep

const KINDS = new Set(['unreachable', 'server', 'rate_limited', 'auth', 'refused', 'bad_reply']);

function checkError(e: unknown): void {
  if (!(e instanceof ProvinceError)) throw new Error(`not a ProvinceError: ${String((e as Error)?.name)} ${String((e as Error)?.message).slice(0, 200)}`);
  expect(KINDS.has(e.kind)).toBe(true);
  expect(e.reason).toMatch(/^[a-z0-9_]{1,40}$/);
  expect(e.message).not.toContain(MARKER);
  if (e.retryAfterMs !== null) expect(Number.isFinite(e.retryAfterMs) && e.retryAfterMs >= 0).toBe(true);
}

function checkState(s: DossierState | null): void {
  if (s === null) return;
  expect(s.dossierId).toMatch(/^\d{1,18}$/);
  if (s.dossierNo !== null) expect(parseDossierNo(s.dossierNo)).not.toBeNull();
  expect(Number.isInteger(s.code) && s.code >= 1 && s.code <= 10).toBe(true);
  expect(typeof s.submitted).toBe('boolean');
  if (s.modifiedAt !== null) expect(Number.isFinite(s.modifiedAt)).toBe(true);
}

function checkTimeline(t: TimelineItem[]): void {
  for (const x of t) {
    expect(Number.isFinite(x.at)).toBe(true);
    expect(Number.isInteger(x.code) && x.code >= 1 && x.code <= 10).toBe(true);
    for (const s of [x.action, x.actor, x.note]) expect(typeof s === 'string' && s.length <= 2000).toBe(true);
  }
}

function checkPayment(p: PaymentRequest | null): void {
  if (p === null) return;
  expect(Number.isSafeInteger(p.amount) && p.amount >= 0 && p.amount <= 10_000_000_000).toBe(true);
  expect(p.bankBin).toMatch(/^\d{6}$/);
  expect(p.accountNo).toMatch(/^[0-9A-Za-z]{4,19}$/);
  expect(p.accountName.length >= 1 && p.accountName.length <= 70).toBe(true);
  if (p.paymentUrl !== null) expect(new URL(p.paymentUrl).protocol).toMatch(/^https?:$/);
  expect(typeof p.paid).toBe('boolean');
}

// ------------------------------------------------------------------ 1. the adapter alone

describe('fuzzing the province’s replies: the adapter', () => {
  let server: http.Server;
  let next: Reply = { status: 200, contentType: 'application/json', body: '{}' };
  let adapter: OpenCpsAdapter;
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => send(res, next));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    adapter = new OpenCpsAdapter({ url, user: 'motcua', password: 'x', groupId: '1', agencyCode: WARD, timeoutMs: TIMEOUT, maxReplyBytes: CAP });
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    server.closeAllConnections();
    await new Promise((ok) => server.close(ok));
  });

  const CURRENT: DossierState = { dossierId: '41', dossierNo: null, code: 2, submitted: true, modifiedAt: null };
  const CALLS = {
    find: { kind: 'detail', run: () => adapter.find(`${WARD}-261206-1001`).then(checkState) },
    create: {
      kind: 'detail',
      run: () =>
        adapter
          .create({ kioskRef: `${WARD}-261206-1001`, serviceCode: '1.001193', agencyCode: WARD, applicant: { name: 'Nguyễn Thị Hoa', idNo: '001190000123', idType: 'citizen', phone: '', email: '', address: '', wardCode: '' }, viaPostal: false, postalAddress: '', metaData: '{}', files: [] })
          .then(checkState),
    },
    submit: { kind: 'detail', run: () => adapter.submitDossier('41').then(checkState) },
    act: { kind: 'detail', run: () => adapter.act('41', CURRENT, 'forward', 'ghi chú', 'canbo').then(checkState) },
    timeline: { kind: 'actions', run: () => adapter.getTimeline('41').then(checkTimeline) },
    payment: { kind: 'payment', run: () => adapter.getPaymentRequest('41').then(checkPayment) },
    upload: { kind: 'file', run: () => adapter.uploadFile('41', { ref: `${WARD}-261206-1001-TP01`, partNo: 'TP01', name: 'to-khai.json', mime: 'application/json', data: Buffer.from('{}') }) },
  } as const;

  it('every answer gives a value that keeps the adapter’s promises or a clear ProvinceError — thousands of answers', async () => {
    const seen = { ok: 0, refused: 0 };
    const byCall = Object.entries(CALLS).map(([name, c]) => reply(c.kind as keyof typeof SEEDS).map((r) => ({ name, r })));
    await fc.assert(
      fc.asyncProperty(fc.oneof(...byCall), async ({ name, r }) => {
        next = r;
        try {
          await CALLS[name as keyof typeof CALLS].run();
          seen.ok++;
        } catch (e) {
          if (e instanceof Error && e.name === 'AssertionError') throw e;
          checkError(e);
          seen.refused++;
        }
      }),
      { numRuns: 3000, interruptAfterTimeLimit: 90_000 },
    );
    // Both outcomes happened many times (the generator reaches past the checks and through them); a loaded
    // machine may stop at the time bound, so in proportion to the answers tried.
    const n = seen.ok + seen.refused;
    expect(n).toBeGreaterThan(500);
    expect(seen.ok).toBeGreaterThan(n * 0.05);
    expect(seen.refused).toBeGreaterThan(n * 0.3);
    expect(unhandled).toEqual([]);
  }, 120_000);

  it('the real shapes are believed (the properties above are not vacuous)', async () => {
    next = { status: 200, contentType: 'application/json', body: JSON.stringify(DETAIL) };
    expect(await adapter.find(DETAIL.referenceUid)).toMatchObject({ dossierId: '41', dossierNo: DETAIL.dossierNo, code: 2, submitted: true });
    expect(await adapter.submitDossier('41')).toMatchObject({ dossierId: '41' });
    // An answer about another dossier or file (garbled, misrouted) is not taken for this one.
    await expect(adapter.find(`${WARD}-261206-1002`)).rejects.toMatchObject({ kind: 'bad_reply', reason: 'other_dossier' });
    await expect(adapter.submitDossier('42')).rejects.toMatchObject({ kind: 'bad_reply', reason: 'other_dossier' });
    next = { status: 200, contentType: 'application/json', body: JSON.stringify(FILE) };
    await expect(adapter.uploadFile('41', { ref: `${WARD}-261206-1002-TP01`, partNo: 'TP01', name: 'a', mime: 'application/json', data: Buffer.from('{}') })).rejects.toMatchObject({ reason: 'other_file' });
    next = { status: 200, contentType: 'application/json', body: JSON.stringify(ACTIONS) };
    expect((await adapter.getTimeline('41')).map((x) => x.code)).toEqual([1, 2]);
    next = { status: 200, contentType: 'application/json', body: JSON.stringify(PAYMENT) };
    expect(await adapter.getPaymentRequest('41')).toMatchObject({ amount: 8000, bankBin: '970415', paymentUrl: 'https://pay.example.vn/x', paid: false });
    // A timeline or payment file about another dossier (or naming none) is not shown as this one's.
    next = { status: 200, contentType: 'application/json', body: JSON.stringify(ACTIONS) };
    await expect(adapter.getTimeline('42')).rejects.toMatchObject({ kind: 'bad_reply', reason: 'other_dossier' });
    next = { status: 200, contentType: 'application/json', body: JSON.stringify(mutate(ACTIONS, 'data.1.dossierId', 42)) };
    await expect(adapter.getTimeline('41')).rejects.toMatchObject({ kind: 'bad_reply', reason: 'other_dossier' });
    next = { status: 200, contentType: 'application/json', body: JSON.stringify(mutate(ACTIONS, 'data.0.dossierId', DELETE)) };
    await expect(adapter.getTimeline('41')).rejects.toMatchObject({ kind: 'bad_reply', reason: 'shape_actions' });
    next = { status: 200, contentType: 'application/json', body: JSON.stringify({ ...PAYMENT, shipAmount: 25_000 }) };
    await expect(adapter.getPaymentRequest('42')).rejects.toMatchObject({ kind: 'bad_reply', reason: 'other_dossier' });
    await expect(adapter.getPostage('42')).rejects.toMatchObject({ kind: 'bad_reply', reason: 'other_dossier' });
    expect(await adapter.getPostage('41')).toBe(25_000);
    next = { status: 200, contentType: 'application/json', body: JSON.stringify(mutate(PAYMENT, 'dossierId', DELETE)) };
    await expect(adapter.getPaymentRequest('41')).rejects.toMatchObject({ kind: 'bad_reply', reason: 'shape_payment' });
    // …and a payment link that is not http(s) is refused at the boundary.
    next = { status: 200, contentType: 'application/json', body: JSON.stringify(mutate(PAYMENT, 'epaymentProfile>paymentUrl', 'javascript:alert(1)')) };
    await expect(adapter.getPaymentRequest('41')).rejects.toMatchObject({ kind: 'bad_reply' });
    // …and an answer cut mid-body is "unreachable" (try later), not a raw stream error.
    next = { status: 200, contentType: 'application/json', body: JSON.stringify(DETAIL), mode: 'cut' };
    await expect(adapter.find('x')).rejects.toMatchObject({ name: 'ProvinceError', kind: 'unreachable' });
  });
});

// ------------------------------------------------------------------ 2. the hand-off through a hub

describe('fuzzing the province’s replies: the hand-off keeps every application, once', () => {
  const SERVICE = '1.001193';
  const dir = tempDir('fuzz-province');
  let province: Awaited<ReturnType<typeof buildProvince>>;
  let provinceUrl: string;
  let proxy: http.Server;
  let r: Running;
  let k: Client;
  /** While storming, each request is answered by the next generated plan; then everything passes. */
  let storming = true;
  let plans: { how: 'garbage' | 'forward-garble' | 'forward'; r: Reply }[] = [];
  const counts = { garbage: 0, 'forward-garble': 0, forward: 0 };

  const kindOf = (method: string, url: string): keyof typeof SEEDS => (/\/files$/.test(url) ? 'file' : /\/payment$/.test(url) ? 'payment' : method === 'GET' && /\/actions$/.test(url) ? 'actions' : 'detail');

  beforeAll(async () => {
    province = await buildProvince({ services: { [SERVICE]: 'Đăng ký khai sinh' }, agencies: { [WARD]: 'UBND phường' } });
    provinceUrl = (await province.start()).url;
    proxy = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void (async () => {
          const kind = kindOf(req.method ?? 'GET', req.url ?? '');
          const plan = storming ? (plans.pop() ?? { how: 'forward' as const, r: { status: 200, contentType: null, body: '' } }) : { how: 'forward' as const, r: { status: 200, contentType: null, body: '' } };
          // A generated answer in the shape this request expects (no Retry-After but 0: the outbox honours up to an hour).
          const garbage = plan.r.body === '' ? fc.sample(reply(kind), 1)[0]! : plan.r;
          if (garbage.retryAfter !== undefined && garbage.retryAfter !== '0') delete garbage.retryAfter;
          counts[plan.how]++;
          if (plan.how === 'garbage') return send(res, garbage.mode === 'stall' ? { ...garbage, mode: 'cut' } : garbage);
          const headers: Record<string, string> = {};
          for (const h of ['authorization', 'groupid', 'content-type', 'accept']) if (req.headers[h]) headers[h] = String(req.headers[h]);
          const up = await fetch(provinceUrl + (req.url ?? '/'), { method: req.method, headers, body: req.method === 'GET' ? undefined : Buffer.concat(chunks) });
          const text = await up.text();
          if (plan.how === 'forward-garble') return send(res, garbage.mode === 'stall' ? { ...garbage, mode: 'cut' } : garbage); // the province acted; the hub cannot read its answer
          res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'application/json' });
          res.end(text);
        })().catch(() => res.socket?.destroy());
      });
    });
    await new Promise<void>((ok) => proxy.listen(0, '127.0.0.1', ok));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    r = await startHub(await seededDb({ name: 'sqlite', newUrl: async () => `sqlite:${path.join(dir, 'hub.sqlite')}` }), {
      province: { kind: 'opencps', url: proxyUrl, user: DEFAULT_USER.user, password: DEFAULT_USER.password, groupId: DEFAULT_GROUP, agencyCode: WARD, pollMs: 200 },
      provinceLink: { outbox: { baseDelayMs: 5, maxDelayMs: 40, tickMs: 10, concurrency: 4 } },
    });
    const secret = await enrolKiosk(r, 'hang-bai-01', await login(r, 'canbo'));
    k = await kioskClient(r, 'hang-bai-01', secret);
  }, 60_000);
  afterAll(async () => {
    await k?.close();
    await r?.hub.close();
    proxy?.closeAllConnections();
    await new Promise((ok) => proxy?.close(ok));
    await province?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('under hundreds of garbled answers (some after the province acted), every application reaches the province exactly once', async () => {
    // The plan for the next 400 requests: mostly garbage, some forwarded then garbled, some passed.
    plans = fc.sample(fc.record({ how: fc.constantFrom<'garbage' | 'forward-garble' | 'forward'>('garbage', 'garbage', 'garbage', 'forward-garble', 'forward-garble', 'forward'), r: fc.constant<Reply>({ status: 200, contentType: null, body: '' }) }), { numRuns: 400, seed: 17 });
    const apps = Array.from({ length: 6 }, (_, i) => ({
      id: `7d1e2f30-4a5b-4c6d-8e9f-${(0xfa0 + i).toString(16).padStart(12, '0')}`,
      code: `${WARD}-261207-1${String(i + 1).padStart(3, '0')}`,
      serviceCode: SERVICE,
      submittedAt: Date.now(),
      answers: { declarantName: 'Nguyễn Thị Hoa', declarantId: '001190000123', childName: 'Lê Minh Khang' },
    }));
    for (const a of apps) {
      k.send({ type: 'outbox.deliver', item: a });
      expect((await k.type('outbox.ack', 5000)).id).toBe(a.id);
    }
    // The storm lasts until its plan is used up, bounded in time (a loaded machine answers fewer).
    const end = Date.now() + 45_000;
    while (plans.length > 0 && Date.now() < end) await new Promise((ok) => setTimeout(ok, 100));
    storming = false;
    for (const a of apps) await until(async () => (await r.hub.province!.outbox.get(a.id))?.state === 'submitted', `${a.code} submitted`, 30_000);

    expect(counts.garbage + counts['forward-garble']).toBeGreaterThan(150);
    const rows = province.store.db.prepare('SELECT reference_uid, COUNT(*) AS n, SUM(submitted) AS s FROM dossiers GROUP BY reference_uid ORDER BY reference_uid').all() as { reference_uid: string; n: number; s: number }[];
    expect(rows).toEqual(apps.map((a) => ({ reference_uid: a.code, n: 1, s: 1 })));
    for (const a of apps) {
      const d = province.store.byReference(DEFAULT_GROUP, a.code)!;
      expect(province.store.files(d.id).map((f) => f.dossier_part_no)).toEqual(['TP01']); // the form's file once
    }
    // The hub still answers its kiosk.
    k.send({ type: 'track', code: apps[0]!.code });
    expect((await k.type('track.result', 5000)).result.found).toBe(true);
  }, 150_000);
});
