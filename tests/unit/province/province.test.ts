/**
 * The simulated province speaks OpenCPS REST v2 as the reference reads it (docs/province.md).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDossierNo } from '../../../common/province/national-status.ts';
import { buildProvince, DEFAULT_GROUP, DEFAULT_USER, type Province } from '../../../province/server.ts';

const AGENCY = '000.00.12.H29';
const SERVICE = '1.001193';
let province: Province;
let base: string;
let clock = Date.UTC(2026, 11, 6, 2, 0, 0);

const auth = `Basic ${Buffer.from(`${DEFAULT_USER.user}:${DEFAULT_USER.password}`).toString('base64')}`;
const headers = (extra: Record<string, string> = {}) => ({ authorization: auth, groupid: DEFAULT_GROUP, ...extra });

function form(fields: Record<string, string>) {
  return { method: 'POST', headers: headers({ 'content-type': 'application/x-www-form-urlencoded' }), body: new URLSearchParams(fields).toString() };
}
const create = (extra: Record<string, string> = {}) =>
  fetch(`${base}/o/rest/v2/dossiers`, form({ serviceCode: SERVICE, govAgencyCode: AGENCY, applicantName: 'Nguyễn Văn An', applicantIdNo: '001090000001', originality: '1', referenceUid: 'REF-1', viaPostal: 'true', postalAddress: '12 Hàng Bạc', ...extra }));
const json = async (r: Response) => (await r.json()) as Record<string, unknown>;

beforeEach(async () => {
  clock = Date.UTC(2026, 11, 6, 2, 0, 0);
  province = await buildProvince({ now: () => clock, services: { [SERVICE]: 'Đăng ký khai sinh', '1.000656': 'Đăng ký kết hôn' } });
  base = (await province.start()).url;
});
afterEach(async () => province.close());

describe('simulated province: OpenCPS REST v2 traits', () => {
  it('creates a dossier from a form-encoded request, with OpenCPS’s shapes', async () => {
    const r = await create();
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    const d = await json(r);
    expect(d.dossierId).toEqual(expect.any(Number));
    expect(d.dossierNo).toBe('');
    expect(d.applicantName).toBe('NGUYỄN VĂN AN');
    expect(d.online).toBe('true');
    expect(d.viaPostal).toBe('true');
    expect(d.postalAddress).toBe('12 Hàng Bạc');
    expect(d.submitting).toBe('false');
    expect(d.createDate).toBe('06/12/2026 09:00:00');
    expect(d.dossierStatus).toBe('new');
  });

  it('requires originality, refuses an unknown service or agency, and returns the existing dossier for a repeated referenceUid', async () => {
    const noOrig = await fetch(`${base}/o/rest/v2/dossiers`, form({ serviceCode: SERVICE, govAgencyCode: AGENCY, referenceUid: 'X' }));
    expect(noOrig.status).toBeGreaterThanOrEqual(400);
    expect((await create({ serviceCode: '9.999999' })).status).toBe(403);
    expect((await create({ govAgencyCode: '000.00.99.H99' })).status).toBe(403);
    const a = await json(await create());
    const b = await json(await create({ applicantName: 'Someone Else' }));
    expect(b.dossierId).toBe(a.dossierId);
    expect(province.store.count()).toBe(1);
  });

  it('answers a guest 203 with an error body, wrong credentials 401, a wrong group 403', async () => {
    const guest = await fetch(`${base}/o/rest/v2/dossiers/1`, { headers: { groupid: DEFAULT_GROUP } });
    expect(guest.status).toBe(203);
    expect((await json(guest)).code).toBe(203);
    const wrong = await fetch(`${base}/o/rest/v2/dossiers/1`, { headers: { authorization: `Basic ${Buffer.from('motcua:nope').toString('base64')}`, groupid: DEFAULT_GROUP } });
    expect(wrong.status).toBe(401);
    expect((await fetch(`${base}/o/rest/v2/dossiers/1`, { headers: headers({ groupid: '1' }) })).status).toBe(403);
  });

  it('finds a dossier by id or referenceUid; an unknown one is 200 {}', async () => {
    const d = await json(await create());
    expect((await json(await fetch(`${base}/o/rest/v2/dossiers/${d.dossierId}`, { headers: headers() }))).referenceUid).toBe('REF-1');
    expect((await json(await fetch(`${base}/o/rest/v2/dossiers/REF-1`, { headers: headers() }))).dossierId).toBe(d.dossierId);
    const unknown = await fetch(`${base}/o/rest/v2/dossiers/NO-SUCH`, { headers: headers() });
    expect(unknown.status).toBe(200);
    expect(await unknown.json()).toEqual({});
  });

  it('takes a file as multipart, idempotent on the file’s referenceUid', async () => {
    const d = await json(await create());
    const up = async () => {
      const fd = new FormData();
      fd.set('dossierPartNo', 'TP01');
      fd.set('referenceUid', 'REF-1-TP01');
      fd.set('file', new Blob([Buffer.from('%PDF-1.4 test')], { type: 'application/pdf' }), 'to-khai.pdf');
      return fetch(`${base}/o/rest/v2/dossiers/${d.dossierId}/files`, { method: 'POST', headers: headers(), body: fd });
    };
    const a = await json(await up());
    const b = await json(await up());
    expect(a.dossierFileId).toBe(b.dossierFileId);
    expect(province.store.files(d.dossierId as number)).toHaveLength(1);
    expect(province.store.files(d.dossierId as number)[0]!.size).toBe(13);
    const bad = await fetch(`${base}/o/rest/v2/dossiers/${d.dossierId}/files`, form({ dossierPartNo: 'TP01' }));
    expect(bad.status).toBe(415);
  });

  it('submit does not move the status; the receiving step assigns <agency>-YYMMDD-NNNN from a per-unit, per-day counter', async () => {
    const ids: number[] = [];
    for (const ref of ['A', 'B']) {
      const d = await json(await create({ referenceUid: ref }));
      const s = await json(await fetch(`${base}/o/rest/v2/dossiers/${d.dossierId}/submit`, { method: 'POST', headers: headers() }));
      expect(s.submitting).toBe('true');
      expect(s.dossierStatus).toBe('new');
      expect(s.dossierNo).toBe('');
      ids.push(d.dossierId as number);
    }
    const r1 = await json(await fetch(`${base}/o/rest/v2/dossiers/${ids[0]}/actions`, form({ actionCode: '1100', actionUser: 'Cán bộ A' })));
    expect(r1.dossierNo).toBe(`${AGENCY}-261206-0001`);
    expect(r1.dossierStatus).toBe('processing');
    expect(r1.dossierSubStatus).toBe('processing_0');
    const r2 = await json(await fetch(`${base}/o/rest/v2/dossiers/${ids[1]}/actions`, form({ actionCode: '1100' })));
    expect(r2.dossierNo).toBe(`${AGENCY}-261206-0002`);
    // the next day in Vietnam (17:00 UTC = 00:00 ICT) starts again at 0001
    clock = Date.UTC(2026, 11, 6, 17, 0, 0);
    const d3 = await json(await create({ referenceUid: 'C' }));
    await fetch(`${base}/o/rest/v2/dossiers/${d3.dossierId}/submit`, { method: 'POST', headers: headers() });
    const r3 = await json(await fetch(`${base}/o/rest/v2/dossiers/${d3.dossierId}/actions`, form({ actionCode: '1100' })));
    expect(r3.dossierNo).toBe(`${AGENCY}-261207-0001`);
    expect(parseDossierNo(r3.dossierNo as string)).not.toBeNull();
  });

  it('runs the state machine with a timeline entry for every change, and refuses a move the process does not allow', async () => {
    const d = await json(await create());
    const id = d.dossierId as number;
    // not submitted yet: no action
    expect((await fetch(`${base}/o/rest/v2/dossiers/${id}/actions`, form({ actionCode: '1100' }))).status).toBe(403);
    await fetch(`${base}/o/rest/v2/dossiers/${id}/submit`, { method: 'POST', headers: headers() });
    expect((await fetch(`${base}/o/rest/v2/dossiers/${id}/actions`, form({ actionCode: '9000' }))).status).toBe(403);
    for (const c of ['1100', '2000']) expect((await fetch(`${base}/o/rest/v2/dossiers/${id}/actions`, form({ actionCode: c }))).status).toBe(200);
    const ask = await json(await fetch(`${base}/o/rest/v2/dossiers/${id}/actions`, form({ actionCode: '5100', actionNote: 'Bản sao giấy chứng sinh' })));
    expect(ask.dossierStatus).toBe('waiting');
    await fetch(`${base}/o/rest/v2/dossiers/${id}/actions`, form({ actionCode: '5200' }));
    await fetch(`${base}/o/rest/v2/dossiers/${id}/actions`, form({ actionCode: '9000' }));
    const done = await json(await fetch(`${base}/o/rest/v2/dossiers/${id}/actions`, form({ actionCode: '9100' })));
    expect(done.dossierStatus).toBe('done');
    // final: nothing moves any more
    expect((await fetch(`${base}/o/rest/v2/dossiers/${id}/actions`, form({ actionCode: '8000' }))).status).toBe(403);
    const tl = (await json(await fetch(`${base}/o/rest/v2/dossiers/${id}/actions`, { headers: headers() }))) as { total: number; data: { dossierId: number; actionCode: string; actionNote: string; dossierStatus: string; createDate: string }[] };
    expect(tl.data.map((a) => a.actionCode)).toEqual(['1000', '1100', '2000', '5100', '5200', '9000', '9100']);
    // every action names its dossier (the hub refuses a timeline about another one)
    expect(new Set(tl.data.map((a) => String(a.dossierId)))).toEqual(new Set([String(id)]));
    expect(tl.total).toBe(7);
    expect(tl.data[3]!.actionNote).toBe('Bản sao giấy chứng sinh');
    expect(tl.data[3]!.dossierStatus).toBe('waiting');
    expect(tl.data[0]!.createDate).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
  });

  it('asks a fee at code 6 with payee and payment URL; it is paid only when the clerk marks it', async () => {
    const d = await json(await create());
    const id = d.dossierId as number;
    await fetch(`${base}/o/rest/v2/dossiers/${id}/submit`, { method: 'POST', headers: headers() });
    province.act(id, 'receive');
    province.act(id, 'process');
    // by post (viaPostal): before any fee, the payment file states only the postage (shipAmount), nothing requested
    expect(await json(await fetch(`${base}/o/rest/v2/dossiers/${id}/payment`, { headers: headers() }))).toMatchObject({ feeAmount: 0, shipAmount: 25_000, paymentAmount: 0, paymentStatus: 0, bankInfo: '' });
    const desk = await json(await create({ referenceUid: 'REF-DESK', viaPostal: 'false', postalAddress: '' }));
    expect(await (await fetch(`${base}/o/rest/v2/dossiers/${desk.dossierId as number}/payment`, { headers: headers() })).json()).toEqual({});
    const payment = JSON.stringify({ feeAmount: 50000, paymentNote: 'Lệ phí', bankInfo: { bankCode: '970415', accountNo: '113366668888', accountName: 'UBND PHUONG' }, paymentUrl: 'https://pay.example.vn/hs/1' });
    const r = await json(await fetch(`${base}/o/rest/v2/dossiers/${id}/actions`, form({ actionCode: '6100', payment })));
    expect(r.dossierStatus).toBe('pausing');
    const p = await json(await fetch(`${base}/o/rest/v2/dossiers/${id}/payment`, { headers: headers() }));
    expect(p.paymentAmount).toBe(50000);
    expect(p.dossierId).toBe(id);
    expect(p.shipAmount).toBe(25_000); // the postage stays stated beside the fee
    expect(p.paymentStatus).toBe(2);
    expect(JSON.parse(p.bankInfo as string)).toEqual({ bankCode: '970415', accountNo: '113366668888', accountName: 'UBND PHUONG' });
    expect(JSON.parse(p.epaymentProfile as string)).toEqual({ paymentUrl: 'https://pay.example.vn/hs/1' });
    // no payment JSON: refused
    expect((await fetch(`${base}/o/rest/v2/dossiers/${id}/actions`, form({ actionCode: '6100' }))).status).toBe(403);
    const clerk = await fetch(`${base}/clerk/api/dossiers/${id}/act`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'paid' }) });
    expect(clerk.status).toBe(200);
    expect((await json(await fetch(`${base}/o/rest/v2/dossiers/${id}/payment`, { headers: headers() }))).paymentStatus).toBe(5);
    expect((await json(await fetch(`${base}/o/rest/v2/dossiers/${id}`, { headers: headers() }))).dossierStatus).toBe('processing');
  });

  it('auto-receive assigns the number at submission', async () => {
    await province.close();
    province = await buildProvince({ now: () => clock, services: { [SERVICE]: 'x' }, autoReceive: true });
    base = (await province.start()).url;
    const d = await json(await create());
    const s = await json(await fetch(`${base}/o/rest/v2/dossiers/${d.dossierId}/submit`, { method: 'POST', headers: headers() }));
    expect(s.dossierNo).toBe(`${AGENCY}-261206-0001`);
  });
});

describe('simulated province: fault injection', () => {
  it('down, 5xx, 429 with Retry-After, credentials refused, and the bad answers', async () => {
    const d = await json(await create());
    const get = () => fetch(`${base}/o/rest/v2/dossiers/${d.dossierId}`, { headers: headers() });
    const set = (p: Record<string, unknown>) => fetch(`${base}/admin/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(p) });

    await set({ down: true });
    await expect(get()).rejects.toThrow();
    await set({ down: false, error5xx: true });
    expect((await get()).status).toBe(503);
    await set({ error5xx: false, tooMany: true, retryAfterSec: 7 });
    const tm = await get();
    expect(tm.status).toBe(429);
    expect(tm.headers.get('retry-after')).toBe('7');
    await set({ tooMany: false, refuseCredentials: true });
    expect((await get()).status).toBe(401);
    await set({ refuseCredentials: false, garbage: true });
    await expect((await get()).json()).rejects.toThrow();
    await set({ garbage: false, html: true });
    expect((await get()).headers.get('content-type')).toMatch(/text\/html/);
    await set({ html: false, huge: true });
    expect((await (await get()).arrayBuffer()).byteLength).toBeGreaterThan(3_000_000);
    await set({ huge: false, unknownStatus: true });
    expect((await json(await get())).dossierStatus).toBe('dangxuly_khac');
    await set({ unknownStatus: false, badDossierNo: true });
    await fetch(`${base}/o/rest/v2/dossiers/${d.dossierId}/submit`, { method: 'POST', headers: headers() });
    province.act(d.dossierId as number, 'receive');
    const no = (await json(await get())).dossierNo as string;
    expect(parseDossierNo(no)).toBeNull();
    await set({ badDossierNo: false });
    expect(parseDossierNo((await json(await get())).dossierNo as string)).not.toBeNull();
    expect((await set({ nonsense: true })).status).toBe(400);
  });

  it('serves the clerk page in Vietnamese', async () => {
    const r = await fetch(`${base}/`);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    const html = await r.text();
    expect(html).toContain('lang="vi"');
    expect(html).toContain('Tiếp nhận (cấp số hồ sơ)');
    expect(html).toContain('Yêu cầu bổ sung giấy tờ');
  });
});
