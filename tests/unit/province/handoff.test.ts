/**
 * The hub → province hand-off against the simulated OpenCPS province, on SQLite and PostgreSQL:
 * exactly once through an outage, 5xx, 429 (Retry-After), refused-then-accepted credentials; the
 * poller brings the official number, the timeline, a supplement request and a fee request to the
 * kiosk's track answer (by either code); bad answers are refused with a log line of codes only and
 * the application stays queued.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseDossierNo } from '../../../common/province/national-status.ts';
import { staffViewOf } from '../../../hub/province/routes.ts';
import { buildProvince, DEFAULT_GROUP, DEFAULT_USER, type Faults, type Province } from '../../../province/server.ts';
import { enrolKiosk, kioskClient, login, seededDb, startHub, until, useDatabases, WARD, type Client, type Running } from '../fleet/helpers.ts';

const targets = useDatabases();
const SERVICE = '1.001193';

let seq = 0;
function item(n = ++seq) {
  const hex = n.toString(16).padStart(12, '0');
  return {
    id: `7d1e2f30-4a5b-4c6d-8e9f-${hex}`,
    code: `${WARD}-261206-1${String(n).padStart(3, '0')}`,
    serviceCode: SERVICE,
    submittedAt: Date.now(),
    answers: { declarantName: 'Nguyễn Thị Hoa', declarantId: '001190000123', childName: 'Lê Minh Khang', postalAddress: '12 Hàng Bạc, phường Hoàn Kiếm' } as Record<string, string>,
  };
}

interface Rig {
  province: Province;
  r: Running;
  k: Client;
  close(): Promise<void>;
}

async function rig(target: (typeof targets)[number], faults: Partial<Faults> = {}, postageVnd?: number | null): Promise<Rig> {
  const province = await buildProvince({ services: { [SERVICE]: 'Đăng ký khai sinh' }, agencies: { [WARD]: 'UBND phường' }, faults, ...(postageVnd !== undefined ? { postageVnd } : {}) });
  const { url } = await province.start();
  const r = await startHub(await seededDb(target), {
    province: { kind: 'opencps', url, user: DEFAULT_USER.user, password: DEFAULT_USER.password, groupId: DEFAULT_GROUP, agencyCode: WARD, pollMs: 200 },
    provinceLink: { outbox: { baseDelayMs: 40, maxDelayMs: 300, tickMs: 30 } },
  });
  const cookie = await login(r, 'canbo');
  const secret = await enrolKiosk(r, 'hang-bai-01', cookie);
  const k = await kioskClient(r, 'hang-bai-01', secret);
  return {
    province,
    r,
    k,
    async close() {
      await k.close();
      await r.hub.close();
      await province.close();
    },
  };
}

async function deliver(g: Rig, it = item()) {
  g.k.send({ type: 'outbox.deliver', item: it });
  expect((await g.k.type('outbox.ack')).id).toBe(it.id);
  return it;
}

async function track(g: Rig, code: string) {
  g.k.send({ type: 'track', code });
  return (await g.k.type('track.result')).result as { found: boolean; code: string; province?: Record<string, any> };
}

const submittedCount = (g: Rig) => g.province.store.db.prepare('SELECT COUNT(*) AS n FROM dossiers WHERE submitted = 1').get() as { n: number };
const dossiersByRef = (g: Rig) => g.province.store.db.prepare('SELECT reference_uid, COUNT(*) AS n FROM dossiers GROUP BY reference_uid').all() as { reference_uid: string; n: number }[];

let open: Rig | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await open?.close();
  open = null;
});

describe.each(targets)('hand-off to the province on $name', (target) => {
  it('hands over, then follows the official number, timeline, supplement and fee to the track answer (by either code)', async () => {
    const g = (open = await rig(target));
    const a = await deliver(g);
    // queued or sent: the track answer says which
    const row = await until(async () => ((await g.r.hub.province!.outbox.get(a.id))?.state === 'submitted' ? g.r.hub.province!.outbox.get(a.id) : null), 'submitted', 8000);
    expect(row!.dossierNo).toBeNull();
    const d = g.province.store.byReference(DEFAULT_GROUP, a.code)!;
    expect(d.submitted).toBe(1);
    expect(d.applicant_name).toBe('NGUYỄN THỊ HOA');
    expect(d.via_postal).toBe(1);
    expect(g.province.store.files(d.id).map((f) => f.dossier_part_no)).toEqual(['TP01']);
    let t = await track(g, a.code);
    expect(t.province).toMatchObject({ state: 'sent', dossierNo: null, code: 1, kioskRef: a.code });
    // by post: the postage the province stated (its payment file's shipAmount) is on the row and the track answer at once
    expect(row!.viaPostal).toBe(true);
    expect(row!.postage).toBe(25_000);
    expect(t.province!.postage).toBe(25_000);
    expect(staffViewOf(true, row).postage).toBe(25_000); // ward staff see it too (the reader's province panel)

    // the desk receives: the official number reaches the track answer
    g.province.act(d.id, 'receive', { user: 'Cán bộ A' });
    const no = await until(async () => (await g.r.hub.province!.outbox.get(a.id))?.dossierNo, 'numbered', 8000);
    expect(parseDossierNo(no!)).not.toBeNull();
    t = await track(g, no!);
    expect(t.found).toBe(true);
    expect(t.province).toMatchObject({ dossierNo: no, code: 2, kioskRef: a.code });

    // ask for a paper: code 5 with what to bring, in the timeline
    g.province.act(d.id, 'askPapers', { note: 'Bản sao giấy chứng sinh có chứng thực' });
    await until(async () => (await g.r.hub.province!.outbox.get(a.id))?.nationalCode === 5, 'code 5', 8000);
    t = await track(g, a.code);
    expect(t.province!.supplement).toMatchObject({ note: 'Bản sao giấy chứng sinh có chứng thực' });
    expect(t.province!.timeline.map((e: { code: number }) => e.code)).toEqual([1, 2, 5]);

    // a fee at code 6: amount, payee, payment URL
    g.province.act(d.id, 'papersReceived');
    g.province.act(d.id, 'askFee', { payment: { amount: 8000, bankBin: '970415', accountNo: '113366668888', accountName: 'UBND PHUONG', paymentUrl: 'https://pay.example.vn/x' } });
    await until(async () => (await g.r.hub.province!.outbox.get(a.id))?.payment, 'payment', 8000);
    t = await track(g, a.code);
    expect(t.province!.payment).toEqual({ amount: 8000, bankBin: '970415', accountNo: '113366668888', accountName: 'UBND PHUONG', paymentUrl: 'https://pay.example.vn/x', paid: false });
    g.province.act(d.id, 'paid');
    g.province.act(d.id, 'finish');
    g.province.act(d.id, 'handOver');
    const fin = await until(async () => ((await g.r.hub.province!.outbox.get(a.id))?.final ? g.r.hub.province!.outbox.get(a.id) : null), 'final', 8000);
    expect(fin!.nationalCode).toBe(10);
    t = await track(g, a.code);
    expect(t.province!.resultReady).toBe(true);
    expect(t.province!.postage).toBe(25_000); // still there with the fee paid
    // a final code stops the polling
    const polls = g.r.hub.province!.outbox.counters.polls;
    await new Promise((res) => setTimeout(res, 600));
    expect(g.r.hub.province!.outbox.counters.polls).toBe(polls);
    expect(dossiersByRef(g)).toEqual([{ reference_uid: a.code, n: 1 }]);
  });

  it('postage (issue 16): none for the desk; a postage the province states late arrives by the poll; an absurd one is refused and logged by code', async () => {
    const g = (open = await rig(target, {}, 9_999_999));
    const lines: string[] = [];
    const orig = process.stderr.write.bind(process.stderr);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      lines.push(String(chunk));
      return (orig as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    });
    // at the desk: no postage asked, none on the track answer
    const { postalAddress: _, ...deskAnswers } = item().answers;
    const desk = await deliver(g, { ...item(), answers: { ...deskAnswers, delivery: 'desk' } });
    await until(async () => (await g.r.hub.province!.outbox.get(desk.id))?.state === 'submitted', 'desk submitted', 8000);
    expect(await g.r.hub.province!.outbox.get(desk.id)).toMatchObject({ viaPostal: false, postage: null });
    expect((await track(g, desk.code)).province).not.toHaveProperty('postage');
    expect((await track(g, desk.code)).province).not.toHaveProperty('viaPostal');
    // by post, a postage above 5.000.000 đ: refused (logged by code), the hand-off itself goes on, nothing shown
    const post = await deliver(g);
    await until(async () => (await g.r.hub.province!.outbox.get(post.id))?.state === 'submitted', 'post submitted', 8000);
    await until(() => lines.some((l) => l.includes('"hub.province.postage_refused"') && l.includes('"reason":"postage_amount"')), 'postage refused', 5000);
    expect((await g.r.hub.province!.outbox.get(post.id))!.postage).toBeNull();
    expect((await track(g, post.code)).province).not.toHaveProperty('postage');
    expect((await track(g, post.code)).province!.viaPostal).toBe(true); // the track screen says the province has not stated it yet
    // the province mends its figure: the poll brings it to the track answer
    const d = g.province.store.byReference(DEFAULT_GROUP, post.code)!;
    g.province.store.db.prepare('UPDATE postage SET amount = 27000 WHERE dossier_id = ?').run(d.id);
    await until(async () => (await g.r.hub.province!.outbox.get(post.id))?.postage === 27_000, 'postage by the poll', 8000);
    expect((await track(g, post.code)).province!.postage).toBe(27_000);
    expect(lines.filter((l) => l.includes('postage')).every((l) => !/Hàng Bạc|Hoa|001190000123/.test(l))).toBe(true);
  });

  it('no loss, no duplicate through an outage, 5xx, 429 with Retry-After and refused-then-accepted credentials', async () => {
    const g = (open = await rig(target, { down: true }));
    const apps = [await deliver(g), await deliver(g)];
    await until(async () => ((await g.r.hub.province!.outbox.get(apps[0]!.id))?.lastError ?? '').startsWith('unreachable'), 'unreachable', 5000);
    const queued = await track(g, apps[0]!.code);
    expect(queued.province).toMatchObject({ state: 'queued', dossierNo: null });
    expect(g.province.store.count()).toBe(0);

    g.province.setFaults({ down: false, error5xx: true });
    await until(async () => ((await g.r.hub.province!.outbox.get(apps[0]!.id))?.lastError ?? '').startsWith('server:http_503'), '5xx', 5000);
    g.province.setFaults({ error5xx: false, tooMany: true, retryAfterSec: 1 });
    const before = g.province.counters.requests;
    await until(async () => ((await g.r.hub.province!.outbox.get(apps[0]!.id))?.lastError ?? '').startsWith('rate_limited'), '429', 5000);
    // Retry-After: 1 s is honoured — no hammering meanwhile
    await new Promise((res) => setTimeout(res, 500));
    expect(g.province.counters.requests - before).toBeLessThanOrEqual(2);
    g.province.setFaults({ tooMany: false, refuseCredentials: true });
    await until(async () => ((await g.r.hub.province!.outbox.get(apps[0]!.id))?.lastError ?? '').startsWith('auth'), 'auth', 5000);
    expect(g.province.store.count()).toBe(0);
    g.province.setFaults({ refuseCredentials: false });
    await until(() => submittedCount(g).n === 2, 'both submitted', 8000);
    apps.push(await deliver(g));
    await until(() => submittedCount(g).n === 3, 'the third submitted', 8000);
    expect(dossiersByRef(g).map((x) => x.n)).toEqual([1, 1, 1]);
    expect(dossiersByRef(g).map((x) => x.reference_uid).sort()).toEqual(apps.map((a) => a.code).sort());
    expect(g.province.counters.createsDeduplicated).toBe(0); // looked up before create: never even asked twice
  });

  it('refuses garbage, HTML, a huge body, an unknown status and a badly formed number with a log line of codes only; the application stays queued', async () => {
    const g = (open = await rig(target));
    const lines: string[] = [];
    const orig = process.stderr.write.bind(process.stderr);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      lines.push(String(chunk));
      return (orig as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    });
    const cases: [Partial<Faults>, string][] = [
      [{ garbage: true }, 'not_json'],
      [{ html: true }, 'content_type'],
      [{ huge: true }, 'too_large'],
      [{ unknownStatus: true }, 'status_code'],
    ];
    g.province.setFaults({ down: true });
    const a = await deliver(g);
    for (const [fault, reason] of cases) {
      g.province.setFaults({ down: false, ...fault });
      await until(() => lines.some((l) => l.includes('"hub.province.bad_reply"') && l.includes(`"reason":"${reason}"`)), reason, 5000);
      g.province.setFaults({ garbage: false, html: false, huge: false, unknownStatus: false });
      g.province.setFaults({ down: true });
      expect((await g.r.hub.province!.outbox.get(a.id))!.state).not.toBe('submitted');
    }
    g.province.setFaults({ down: false });
    await until(async () => (await g.r.hub.province!.outbox.get(a.id))?.state === 'submitted', 'submitted after the faults', 8000);
    // a number in the wrong format: refused, the good one comes once the province mends
    g.province.setFaults({ badDossierNo: true });
    g.province.act(g.province.store.byReference(DEFAULT_GROUP, a.code)!.id, 'receive');
    await until(() => lines.some((l) => l.includes('"reason":"dossier_no"')), 'dossier_no', 5000);
    expect((await g.r.hub.province!.outbox.get(a.id))!.dossierNo).toBeNull();
    g.province.setFaults({ badDossierNo: false });
    await until(async () => (await g.r.hub.province!.outbox.get(a.id))?.dossierNo, 'numbered', 5000);
    expect(dossiersByRef(g)).toEqual([{ reference_uid: a.code, n: 1 }]);
    // the log lines carry codes only: no name, no ID number, no answer, no dossier number
    const mine = lines.filter((l) => l.includes('hub.province'));
    expect(mine.length).toBeGreaterThan(3);
    for (const l of mine) {
      expect(l).not.toMatch(/Hoa|HOA|001190000123|Khang|Hàng Bạc|H29-/);
      expect(Object.keys(JSON.parse(l)).every((k) => ['event', 'kind', 'reason', 'http', 'state', 'attempts', 'waitMs', 'code', 'numbered', 'entries', 'final', 'count', 'error'].includes(k))).toBe(true);
    }
  });
});
