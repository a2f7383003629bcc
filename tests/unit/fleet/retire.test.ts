/**
 * Retiring a kiosk ("Gỡ kiosk khỏi hệ thống") over real HTTP and WebSockets, on SQLite and on
 * PostgreSQL: another ward's staff are refused and audited; a confirmation naming another kiosk
 * is refused; the retire closes the kiosk's socket with CLOSE_KIOSK_RETIRED, takes it out of the
 * list and the consoles, resolves its alerts, withdraws its help request, and keeps its applications; its secret no longer
 * works (socket or HTTP); the same id can be enrolled again, and the old secret stays dead.
 */
import { describe, expect, it } from 'vitest';
import { CLOSE_KIOSK_RETIRED, CLOSE_UNAUTHORIZED } from '../../../common/contract/hub-common.ts';
import { addUser, beat, Client, consoleClient, enrolKiosk, get, kioskClient, kioskGet, login, post, seededDb, startHub, useDatabases, waitAudit, WARD } from './helpers.ts';

const targets = useDatabases();
const OTHER_WARD = '000.00.13.H30';

/** A hello with these credentials: how the hub closes the socket. */
async function helloClose(r: Awaited<ReturnType<typeof startHub>>, kioskId: string, secret: string): Promise<number> {
  const c = new Client(r.wsUrl, 'kiosk');
  await c.opened;
  c.send({ type: 'hello', kioskId, secret, epoch: null, lastServerSeq: 0 });
  const closed = await Promise.race([c.closed, new Promise<{ code: number }>((res) => setTimeout(() => res({ code: -1 }), 3000))]);
  await c.close();
  return closed.code;
}

describe.each(targets)('retiring a kiosk on $name', (target) => {
  it('refuses another ward, closes the kiosk for good, keeps its applications, and lets the id enrol again', async () => {
    const r = await startHub(await seededDb(target, (repo) => addUser(repo, { username: 'canbo2', role: 'staff', ward: OTHER_WARD })), {
      fleet: { consoleFlushMs: 50, sweepMs: 50 },
    });
    const clients: Client[] = [];
    try {
      const cookie = await login(r, 'canbo');
      const secret = await enrolKiosk(r, 'hang-bai-07', cookie);
      const staff = await consoleClient(r, cookie);
      const k = await kioskClient(r, 'hang-bai-07', secret);
      clients.push(staff, k);
      await beat(k, { printer: { state: 'paper-out', paperNearEnd: true } });
      await staff.next((m) => m.type === 'fleet.alert' && m.alert.kind === 'paper-out' && m.alert.state === 'open', 3000, 'paper-out alert');
      // The resident there asked for help: a volunteer is being rung.
      const volunteer = await consoleClient(r, await login(r, 'tnv1'), undefined, 'available');
      clients.push(volunteer);
      k.send({ type: 'help.request', lang: 'vi', screen: 'home' });
      const ring = await volunteer.type('ring');
      const item = { id: '6f1d7a52-8a3c-4b8e-9a0e-3d2f7c1b5e01', code: `${WARD}-251123-1007`, serviceCode: '1.001193', submittedAt: Date.now(), answers: { childName: 'Trần Thị Mai' } };
      k.send({ type: 'outbox.deliver', item });
      expect((await k.type('outbox.ack')).duplicate).toBe(false);

      // Another ward's staff: refused and audited; the kiosk is untouched.
      const other = await post(`${r.url}/api/fleet/kiosks/hang-bai-07/retire`, { confirm: 'hang-bai-07' }, await login(r, 'canbo2'));
      expect(other.status).toBe(403);
      await waitAudit(r, (a) => a.action === 'kiosk.retire.refused' && a.target === 'kiosk:hang-bai-07' && a.actor === 'user:canbo2');
      // A confirmation that names another kiosk, or none: refused.
      expect((await post(`${r.url}/api/fleet/kiosks/hang-bai-07/retire`, { confirm: 'hang-bai-08' }, cookie)).status).toBe(400);
      expect((await post(`${r.url}/api/fleet/kiosks/hang-bai-07/retire`, {}, cookie)).status).toBe(400);
      expect(k.closeCode).toBeNull();

      // Retire.
      const done = await post(`${r.url}/api/fleet/kiosks/hang-bai-07/retire`, { confirm: 'hang-bai-07' }, cookie);
      expect(done.status).toBe(200);
      expect(done.json).toMatchObject({ kioskId: 'hang-bai-07', retiredAt: expect.any(Number) });
      expect((await k.closed).code).toBe(CLOSE_KIOSK_RETIRED);
      expect((await staff.type('fleet.kioskRetired')).kioskId).toBe('hang-bai-07');
      // Its help request is withdrawn: the volunteer stops ringing.
      expect(await volunteer.next((m) => m.type === 'ring.cancel' && m.requestId === ring.ring.requestId, 3000, 'ring withdrawn')).toMatchObject({ reason: 'cancelled' });
      await waitAudit(r, (a) => a.action === 'help.cancel' && a.target === ring.ring.requestId && a.detail === 'kiosk_retired');
      await waitAudit(r, (a) => a.action === 'kiosk.retired' && a.target === 'kiosk:hang-bai-07' && a.actor === 'user:canbo');
      expect((await get(`${r.url}/api/fleet/kiosks?ward=${WARD}`, { cookie })).json.kiosks).toEqual([]);
      expect((await get(`${r.url}/api/fleet/kiosks/hang-bai-07`, { cookie })).status).toBe(404);
      const alerts = (await get(`${r.url}/api/fleet/alerts?ward=${WARD}`, { cookie })).json.alerts as { kind: string; state: string }[];
      expect(alerts.filter((a) => a.state === 'open')).toEqual([]);
      const inbox = await get(`${r.url}/api/fleet/applications?ward=${WARD}`, { cookie });
      expect(inbox.json.applications).toEqual([expect.objectContaining({ code: item.code, kioskId: 'hang-bai-07' })]);
      // Its secret is dead: socket (told it was retired, audited) and HTTP.
      expect(await helloClose(r, 'hang-bai-07', secret)).toBe(CLOSE_KIOSK_RETIRED);
      await waitAudit(r, (a) => a.action === 'kiosk.auth_failed' && a.target === 'kiosk:hang-bai-07' && a.detail === 'retired');
      expect((await kioskGet(`${r.url}/api/fleet/kiosk/track/${item.code}`, 'hang-bai-07', secret)).status).toBe(401);
      // Retired twice: there is nothing left to retire; re-enrolment by staff does not apply either.
      expect((await post(`${r.url}/api/fleet/kiosks/hang-bai-07/retire`, { confirm: 'hang-bai-07' }, cookie)).status).toBe(404);
      expect((await post(`${r.url}/api/kiosks/hang-bai-07/reenrol`, {}, cookie)).status).toBe(404);

      // The id enrols again with a new one-time code: a new secret works, the old one does not.
      const again = await enrolKiosk(r, 'hang-bai-07', cookie);
      expect(again).not.toBe(secret);
      expect(await helloClose(r, 'hang-bai-07', secret)).toBe(CLOSE_UNAUTHORIZED);
      const k2 = await kioskClient(r, 'hang-bai-07', again);
      clients.push(k2);
      await beat(k2);
      await staff.next((m) => m.type === 'fleet.kiosks' && m.kiosks.some((x: { kioskId: string; online: boolean }) => x.kioskId === 'hang-bai-07' && x.online), 3000, 'back online');
      expect((await get(`${r.url}/api/fleet/kiosks?ward=${WARD}`, { cookie })).json.kiosks).toEqual([expect.objectContaining({ kioskId: 'hang-bai-07', online: true })]);
      // The application delivered before the retirement is still one application, now acknowledged as a duplicate.
      k2.send({ type: 'outbox.deliver', item });
      expect((await k2.type('outbox.ack')).duplicate).toBe(true);
      expect((await get(`${r.url}/api/fleet/applications?ward=${WARD}`, { cookie })).json.applications).toHaveLength(1);
      expect(staff.invalid).toEqual([]);
    } finally {
      for (const c of clients) await c.close();
      await r.hub.close();
    }
  });
});
