/**
 * Pairing (hub/fleet/pairing.ts), on SQLite and PostgreSQL: the kiosk asks for a code and shows it,
 * staff look it up and approve it for their ward, the kiosk's poll gets the device secret exactly
 * once and its `hello` works; expired and wrong codes, another ward, replayed polls, the limits on
 * the unauthenticated routes and on wrong codes typed by staff, re-enrolment of a known kiosk id.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PairingApproveResponse, PairingView } from '../../../common/contract/hub-console.ts';
import { PairingPollResponse, PairingStartResponse } from '../../../common/contract/hub-kiosk.ts';
import type { HubOptions } from '../../../hub/server/app.ts';
import { addUser, Client, enrolKiosk, get, kioskClient, login, post, seededDb, startHub, useDatabases, waitAudit, WARD, type Running } from './helpers.ts';

const targets = useDatabases();
const OTHER_WARD = '000.00.12.H30';

describe.each(targets)('pairing on $name', (target) => {
  let r: Running | null = null;
  let clock = Date.now();
  const start = async (opts: HubOptions = {}) => {
    clock = Date.now();
    const db = await seededDb(target, async (repo) => {
      await addUser(repo, { username: 'canbo2', role: 'staff', ward: OTHER_WARD });
      await addUser(repo, { username: 'admin', role: 'admin', ward: null });
    });
    r = await startHub(db, { now: () => clock, ...opts });
    return r;
  };
  afterEach(async () => {
    await r?.hub.close();
    r = null;
  });

  const begin = async (h: Running, kioskId = 'pair-01', name = 'Kiosk số 7 · Phường Hàng Bài') => {
    const res = await post(`${h.url}/api/kiosks/pairing`, { kioskId, name });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    return PairingStartResponse.parse(res.json);
  };
  const poll = (h: Running, pollToken: string) => post(`${h.url}/api/kiosks/pairing/poll`, { pollToken });

  it('start → lookup → approve → the poll gets the secret once → hello works; a replayed poll gets nothing', async () => {
    const h = await start();
    const p = await begin(h);
    expect(p.pairingCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(p.expiresAt - clock).toBe(15 * 60_000);
    expect(p.pollMs).toBe(3000);
    // Nothing readable is stored: hashes of the code and the token.
    const rows = await h.hub.repo.driver.all('SELECT * FROM kiosk_pairings');
    expect(JSON.stringify(rows)).not.toContain(p.pairingCode);
    expect(JSON.stringify(rows)).not.toContain(p.pollToken);

    expect(PairingPollResponse.parse((await poll(h, p.pollToken)).json)).toEqual({ status: 'waiting', expiresAt: p.expiresAt });

    const cookie = await login(h, 'canbo');
    // Staff type it as they read it: lower case, with the space the kiosk shows.
    const look = await post(`${h.url}/api/kiosks/pairing/lookup`, { pairingCode: ` ${p.pairingCode.toLowerCase()} ` }, cookie);
    expect(look.status, JSON.stringify(look.json)).toBe(200);
    expect(PairingView.parse(look.json)).toMatchObject({ kioskId: 'pair-01', name: 'Kiosk số 7 · Phường Hàng Bài', reenrol: false, enrolledWard: null, expiresAt: p.expiresAt });

    const ok = await post(`${h.url}/api/kiosks/pairing/approve`, { pairingCode: p.pairingCode, ward: WARD }, cookie);
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect(PairingApproveResponse.parse(ok.json)).toEqual({ kioskId: 'pair-01', name: 'Kiosk số 7 · Phường Hàng Bài', ward: WARD, reenrol: false });
    await waitAudit(h, (a) => a.action === 'kiosk.paired' && a.actor === 'user:canbo' && a.target === 'kiosk:pair-01' && a.detail === `ward=${WARD}`);
    // The same code again: used.
    const again = await post(`${h.url}/api/kiosks/pairing/approve`, { pairingCode: p.pairingCode, ward: WARD }, cookie);
    expect(again.status).toBe(404);

    const got = PairingPollResponse.parse((await poll(h, p.pollToken)).json);
    if (got.status !== 'approved') throw new Error(`expected approved, got ${got.status}`);
    expect(got).toMatchObject({ kioskId: 'pair-01', ward: WARD });
    expect(got.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const replay = await poll(h, p.pollToken);
    expect(replay.status).toBe(404);
    expect(JSON.stringify(replay.json)).not.toContain(got.secret);
    await waitAudit(h, (a) => a.action === 'kiosk.pairing.poll_refused' && a.detail === 'delivered');
    expect((await poll(h, 'A'.repeat(43))).status).toBe(404); // a token the hub never gave
    // The secret is stored as a hash only.
    const k = await h.hub.repo.getKiosk('pair-01');
    expect(k).toMatchObject({ ward: WARD, name: 'Kiosk số 7 · Phường Hàng Bài' });
    expect(k!.secretHash).not.toBe(got.secret);

    const c = await kioskClient(h, 'pair-01', got.secret);
    const snap = c.received.find((m) => m.type === 'snapshot')!;
    expect(snap).toMatchObject({ kioskId: 'pair-01', ward: WARD });
    await c.close();
    // It is in the ward's fleet list.
    const list = await get(`${h.url}/api/fleet/kiosks?ward=${WARD}`, { cookie });
    expect(list.json.kiosks.map((x: { kioskId: string }) => x.kioskId)).toContain('pair-01');
    // The code path for the same id is refused now.
    const code = await post(`${h.url}/api/enrolment-codes`, { ward: WARD, ttlMinutes: 10 }, cookie);
    expect((await post(`${h.url}/api/kiosks/enrol`, { code: code.json.code, kioskId: 'pair-01', name: 'x' })).status).toBe(409);
    // And a new pairing for it too.
    expect((await post(`${h.url}/api/kiosks/pairing`, { kioskId: 'pair-01', name: 'x' })).status).toBe(409);
    await waitAudit(h, (a) => a.action === 'kiosk.pairing.refused' && a.target === 'kiosk:pair-01' && a.detail === 'kiosk_exists');
  });

  it('an expired code: the kiosk is told to ask again, staff get a Vietnamese message, audited', async () => {
    const h = await start();
    const p = await begin(h);
    clock += 15 * 60_000 + 1;
    expect(PairingPollResponse.parse((await poll(h, p.pollToken)).json)).toEqual({ status: 'expired' });
    const cookie = await login(h, 'canbo');
    for (const [path, body] of [
      ['lookup', { pairingCode: p.pairingCode }],
      ['approve', { pairingCode: p.pairingCode, ward: WARD }],
    ] as const) {
      const res = await post(`${h.url}/api/kiosks/pairing/${path}`, body, cookie);
      expect(res.status).toBe(404);
      expect(res.json.error.message).toBe('Mã không đúng hoặc đã hết hạn. Xin xem lại mã đang hiện trên màn hình kiosk.');
    }
    await waitAudit(h, (a) => a.action === 'kiosk.pair.refused' && a.target === 'kiosk:pair-01' && a.detail === 'code_expired approve');
    expect(await h.hub.repo.getKiosk('pair-01')).toBeNull();
    // A fresh code for the same kiosk works.
    const again = await begin(h);
    expect(again.pairingCode).not.toBe(p.pairingCode);
  });

  it('staff approve for their own ward only (admin any); volunteers cannot; refusals audited', async () => {
    const h = await start();
    const p = await begin(h);
    const canbo = await login(h, 'canbo');
    const wrong = await post(`${h.url}/api/kiosks/pairing/approve`, { pairingCode: p.pairingCode, ward: OTHER_WARD }, canbo);
    expect(wrong.status).toBe(403);
    expect(wrong.json.error.message).toBe('Cán bộ chỉ được thêm kiosk cho phường của mình.');
    await waitAudit(h, (a) => a.action === 'kiosk.pair.refused' && a.actor === 'user:canbo' && a.target === `ward:${OTHER_WARD}` && a.detail === 'other_ward role=staff');
    const tnv = await login(h, 'tnv1');
    expect((await post(`${h.url}/api/kiosks/pairing/lookup`, { pairingCode: p.pairingCode }, tnv)).status).toBe(403);
    expect((await post(`${h.url}/api/kiosks/pairing/approve`, { pairingCode: p.pairingCode, ward: WARD }, tnv)).status).toBe(403);
    expect((await post(`${h.url}/api/kiosks/pairing/approve`, { pairingCode: p.pairingCode, ward: WARD })).status).toBe(401);
    await waitAudit(h, (a) => a.action === 'kiosk.pair.refused' && a.actor === 'user:tnv1' && a.detail === 'role=volunteer');
    // Still open: staff of the other ward take it for theirs; an admin could for any.
    expect(PairingPollResponse.parse((await poll(h, p.pollToken)).json).status).toBe('waiting');
    const canbo2 = await login(h, 'canbo2');
    expect((await post(`${h.url}/api/kiosks/pairing/approve`, { pairingCode: p.pairingCode, ward: OTHER_WARD }, canbo2)).status).toBe(200);
    const got = PairingPollResponse.parse((await poll(h, p.pollToken)).json);
    expect(got).toMatchObject({ status: 'approved', ward: OTHER_WARD });
    const q = await begin(h, 'pair-02');
    const admin = await login(h, 'admin');
    expect((await post(`${h.url}/api/kiosks/pairing/approve`, { pairingCode: q.pairingCode, ward: '000.00.99.X01' }, admin)).json).toMatchObject({ kioskId: 'pair-02', ward: '000.00.99.X01' });
    // Bad bodies are refused at the boundary.
    expect((await post(`${h.url}/api/kiosks/pairing/approve`, { pairingCode: 'ABC', ward: WARD }, canbo)).status).toBe(400);
    expect((await post(`${h.url}/api/kiosks/pairing`, { kioskId: 'Bad Id', name: 'x' })).status).toBe(400);
    expect((await post(`${h.url}/api/kiosks/pairing/poll`, { pollToken: p.pollToken, extra: 1 })).status).toBe(400);
  });

  it('limits: open codes per address, wrong codes typed by staff (then even a right one waits), audited', async () => {
    const h = await start({ pairing: { maxOpenPerIp: 3, failuresMax: 3, lockMs: 60_000 } });
    const codes = [await begin(h, 'lim-01'), await begin(h, 'lim-02'), await begin(h, 'lim-03')];
    const fourth = await post(`${h.url}/api/kiosks/pairing`, { kioskId: 'lim-04', name: 'x' });
    expect(fourth.status).toBe(429);
    await waitAudit(h, (a) => a.action === 'kiosk.pairing.refused' && a.target === 'kiosk:lim-04' && a.detail === 'too_many_open max=3');
    // The same kiosk asking again replaces its own code instead of piling up.
    const renewed = await begin(h, 'lim-01');
    expect(PairingPollResponse.parse((await poll(h, renewed.pollToken)).json).status).toBe('waiting');
    expect((await poll(h, codes[0]!.pollToken)).status).toBe(404);

    const cookie = await login(h, 'canbo');
    for (const wrongCode of ['AAAAAAAA', 'BBBBBBBB', 'CCCCCCCC']) {
      expect((await post(`${h.url}/api/kiosks/pairing/lookup`, { pairingCode: wrongCode }, cookie)).status).toBe(404);
    }
    const locked = await post(`${h.url}/api/kiosks/pairing/approve`, { pairingCode: codes[1]!.pairingCode, ward: WARD }, cookie);
    expect(locked.status).toBe(429);
    expect(locked.json.error.message).toBe('Đã nhập sai mã quá nhiều lần. Xin chờ 1 phút rồi thử lại.');
    await waitAudit(h, (a) => a.action === 'kiosk.pair.refused' && a.actor === 'user:canbo' && a.detail === 'bad_code lookup');
    await waitAudit(h, (a) => a.action === 'kiosk.pair.refused' && a.actor === 'user:canbo' && a.detail === 'locked approve');
    clock += 60_001;
    expect((await post(`${h.url}/api/kiosks/pairing/approve`, { pairingCode: codes[1]!.pairingCode, ward: WARD }, cookie)).status).toBe(200);
  });

  it('a known kiosk id pairs again only after staff allow its re-enrolment; the old secret stops working', async () => {
    const h = await start();
    const oldSecret = await enrolKiosk(h, 'hang-bai-09');
    const old = await kioskClient(h, 'hang-bai-09', oldSecret);
    expect((await post(`${h.url}/api/kiosks/pairing`, { kioskId: 'hang-bai-09', name: 'Kiosk số 9' })).status).toBe(409);
    const canbo2 = await login(h, 'canbo2');
    expect((await post(`${h.url}/api/kiosks/hang-bai-09/reenrol`, {}, canbo2)).status).toBe(403);
    await waitAudit(h, (a) => a.action === 'kiosk.reenrol.refused' && a.actor === 'user:canbo2');
    const cookie = await login(h, 'canbo');
    const allowed = await post(`${h.url}/api/kiosks/hang-bai-09/reenrol`, {}, cookie);
    expect(allowed.status).toBe(200);
    expect(allowed.json).toEqual({ kioskId: 'hang-bai-09', until: clock + 30 * 60_000 });
    await waitAudit(h, (a) => a.action === 'kiosk.reenrol.allowed' && a.target === 'kiosk:hang-bai-09');

    const p = await begin(h, 'hang-bai-09', 'Kiosk số 9 · máy mới');
    expect((await post(`${h.url}/api/kiosks/pairing/lookup`, { pairingCode: p.pairingCode }, cookie)).json).toMatchObject({ kioskId: 'hang-bai-09', reenrol: true, enrolledWard: WARD });
    // It stays in its ward.
    const admin = await login(h, 'admin');
    expect((await post(`${h.url}/api/kiosks/pairing/approve`, { pairingCode: p.pairingCode, ward: OTHER_WARD }, admin)).status).toBe(403);
    expect((await post(`${h.url}/api/kiosks/pairing/approve`, { pairingCode: p.pairingCode, ward: WARD }, cookie)).json).toMatchObject({ reenrol: true });
    await waitAudit(h, (a) => a.action === 'kiosk.paired' && a.detail === `ward=${WARD} reenrol`);
    const got = PairingPollResponse.parse((await poll(h, p.pollToken)).json);
    if (got.status !== 'approved') throw new Error('not approved');
    // The socket that used the old secret is closed; the old secret is refused, the new one works.
    expect((await old.closed).code).toBe(4401);
    const refused = new Client(h.wsUrl, 'kiosk');
    await refused.opened;
    refused.send({ type: 'hello', kioskId: 'hang-bai-09', secret: oldSecret, epoch: null, lastServerSeq: 0 });
    expect((await refused.closed).code).toBe(4401);
    const fresh = await kioskClient(h, 'hang-bai-09', got.secret);
    await fresh.close();
    expect((await h.hub.repo.getKiosk('hang-bai-09'))!.name).toBe('Kiosk số 9 · máy mới');
    // The permission is spent.
    expect((await post(`${h.url}/api/kiosks/pairing`, { kioskId: 'hang-bai-09', name: 'x' })).status).toBe(409);
  });
});
