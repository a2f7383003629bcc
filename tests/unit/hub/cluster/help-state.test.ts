/**
 * What the help desk used to keep per instance (issue 18), three hubs in this process on one
 * throwaway PostgreSQL with their own bus and leases (hub/cluster/); the first one owns the queue,
 * the kiosk and the volunteer sit on the others.
 *
 *  - a call's chat reaches a party that reconnects to ANOTHER instance (no replay buffer there):
 *    the lines it missed follow its snapshot, from the database (hub/help/call-chat.ts), and they
 *    are deleted when the call ends;
 *  - retiring a kiosk on an instance that neither holds its socket nor owns the queue withdraws
 *    its ringing request (the rings stop) and ends its call in progress; a kiosk retired while no
 *    owner ran has its request withdrawn by the next owner (SQLite and PostgreSQL).
 * CallChat itself runs on SQLite and PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { CallChat, CHAT_KEEP_LINES } from '../../../../hub/help/call-chat.ts';
import { openRepository } from '../../../../hub/db/index.ts';
import { CLOSE_KIOSK_RETIRED } from '../../../../common/contract/hub-common.ts';
import { consoleClient, enrolKiosk, kioskClient, login, post, seededDb, startHub, useDatabases, closedAfterEach, type Client, type Running } from '../helpers.ts';

const dbs = useDatabases();
const pg = dbs.find((t) => t.name === 'postgres')!;
const TIMINGS = { beatMs: 100, deadAfterMs: 600, opTimeoutMs: 5_000, startWaitMs: 2_000 };

const { hubs, clients } = closedAfterEach();

async function threeHubs(dbUrl: string): Promise<Running[]> {
  const out: Running[] = [];
  // One after the other: the first one holds the `help` lease.
  for (let i = 0; i < 3; i++) out.push(await startHub(dbUrl, { helpTimings: TIMINGS, callGraceMs: 30_000 }));
  hubs.push(...out);
  for (const x of out) expect(x.hub.help.ownerInstance()).toBe(out[0]!.hub.cluster.instanceId);
  return out;
}

const track = <T extends Client>(c: T): T => {
  clients.push(c);
  return c;
};

const resumeOf = (c: Client) => ({ epoch: c.received.find((m) => m.type === 'welcome')!.epoch as string, lastServerSeq: c.lastServerSeq() });

/** The chat lines that follow the snapshot of a fresh connection, in arrival order. */
async function chatAfterSnapshot(c: Client, n: number): Promise<string[]> {
  const snap = c.received.findIndex((m) => m.type === 'snapshot');
  const until = Date.now() + 5_000;
  for (;;) {
    const lines = c.received.slice(snap + 1).filter((m) => m.type === 'chat');
    if (lines.length >= n || Date.now() > until) return lines.map((m) => m.text as string);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function chatRows(r: Running, callId: string): Promise<number> {
  const [row] = await r.hub.repo.driver.all('SELECT COUNT(*) AS n FROM call_chat WHERE call_id = ?', [callId]);
  return Number(row?.n ?? -1);
}

async function startCall(kiosk: Client, vol: Client): Promise<string> {
  kiosk.send({ type: 'help.request', lang: 'vi', screen: 'welcome' });
  const callId = (await vol.type('ring', 5_000)).ring.requestId as string;
  vol.send({ type: 'ring.accept', requestId: callId });
  await vol.type('call.started', 5_000);
  await kiosk.type('help.accepted', 5_000);
  return callId;
}

describe('help state across instances (PostgreSQL)', () => {
  it('a party reconnecting to another instance gets the chat it missed after its snapshot; the lines go with the call', async () => {
    const [a, b, c] = await threeHubs(await seededDb(pg));
    const secret = await enrolKiosk(b!, 'chat-01');
    const cookie = await login(c!, 'tnv1');
    let vol = track(await consoleClient(c!, cookie, undefined, 'available'));
    let kiosk = track(await kioskClient(b!, 'chat-01', secret));
    const callId = await startCall(kiosk, vol);
    kiosk.send({ type: 'chat', callId, text: 'Chào cháu' });
    await vol.type('chat', 5_000);

    // The volunteer's network drops; the resident writes twice meanwhile.
    const volResume = resumeOf(vol);
    await vol.close();
    await kiosk.next((m) => m.type === 'peer' && m.online === false, 5_000, 'peer offline');
    kiosk.send({ type: 'chat', callId, text: 'Cháu còn đó không?' });
    kiosk.send({ type: 'chat', callId, text: 'Bác đợi cháu nhé' });
    await kiosk.next((m) => m.type === 'chat' && m.text === 'Bác đợi cháu nhé', 5_000, 'own copy');

    // Back through A (the owner, not C): nothing to replay there — the lines come from the database.
    vol = track(await consoleClient(a!, cookie, volResume));
    expect(vol.received.find((m) => m.type === 'welcome')).toMatchObject({ resumed: false });
    expect(vol.received.find((m) => m.type === 'snapshot')!.call).toMatchObject({ callId });
    expect(await chatAfterSnapshot(vol, 3)).toEqual(['Chào cháu', 'Cháu còn đó không?', 'Bác đợi cháu nhé']);

    // The kiosk moves to C while the volunteer answers: it gets every line, its own included.
    const kioskResume = resumeOf(kiosk);
    await kiosk.close();
    await vol.next((m) => m.type === 'peer' && m.online === false, 5_000, 'kiosk offline');
    vol.send({ type: 'chat', callId, text: 'Cháu đây ạ, bác cứ từ từ' });
    await vol.next((m) => m.type === 'chat' && m.from === 'volunteer', 5_000, 'own copy');
    kiosk = track(await kioskClient(c!, 'chat-01', secret, kioskResume));
    expect(kiosk.received.find((m) => m.type === 'snapshot')!.request.call).toMatchObject({ callId });
    expect(await chatAfterSnapshot(kiosk, 4)).toEqual(['Chào cháu', 'Cháu còn đó không?', 'Bác đợi cháu nhé', 'Cháu đây ạ, bác cứ từ từ']);
    for (const x of [kiosk, vol]) expect(x.invalid).toEqual([]);

    // The call ends: its lines are deleted.
    expect(await chatRows(a!, callId)).toBe(4);
    vol.send({ type: 'call.end', callId, note: null });
    await kiosk.type('call.ended', 5_000);
    const until = Date.now() + 5_000;
    while ((await chatRows(b!, callId)) !== 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(await chatRows(b!, callId)).toBe(0);
    // Nor are they kept in memory: the kiosk resuming on C replays what followed, but not the chat.
    const before = resumeOf(kiosk);
    await kiosk.close();
    const again = track(await kioskClient(c!, 'chat-01', secret, { ...before, lastServerSeq: 0 }));
    expect(again.received.find((m) => m.type === 'welcome')).toMatchObject({ resumed: true });
    const replayed = again.received.slice(1, again.received.findIndex((m) => m.type === 'snapshot')).map((m) => m.type);
    expect(replayed).toContain('call.ended');
    expect(replayed).not.toContain('chat');
  }, 60_000);

  it('retiring a kiosk on the third instance withdraws its ringing request, and ends its call', async () => {
    const [a, b, c] = await threeHubs(await seededDb(pg));
    const staff = await login(c!, 'canbo');
    const s1 = await enrolKiosk(b!, 'nghi-01', staff);
    const s2 = await enrolKiosk(b!, 'nghi-02', staff);
    const vol = track(await consoleClient(a!, await login(a!, 'tnv1'), undefined, 'available'));
    const vol2 = track(await consoleClient(b!, await login(b!, 'tnv2'), undefined, 'available'));

    // nghi-01 (on B) rings the volunteers; staff on C retire it: the rings stop, the request is cancelled.
    const k1 = track(await kioskClient(b!, 'nghi-01', s1));
    k1.send({ type: 'help.request', lang: 'vi', screen: 'welcome' });
    const requestId = (await vol.type('ring', 5_000)).ring.requestId as string;
    await vol2.type('ring', 5_000);
    expect((await post(`${c!.url}/api/fleet/kiosks/nghi-01/retire`, { confirm: 'nghi-01' }, staff)).status).toBe(200);
    for (const v of [vol, vol2]) expect(await v.next((m) => m.type === 'ring.cancel' && m.requestId === requestId, 5_000, 'ring.cancel')).toMatchObject({ reason: 'cancelled' });
    expect((await k1.closed).code).toBe(CLOSE_KIOSK_RETIRED);
    expect((await a!.hub.repo.getRequest(requestId))!.state).toBe('cancelled');

    // nghi-02 (on B) is in a call with the volunteer on A; retired from C: the call ends, both sides told, its chat deleted.
    const k2 = track(await kioskClient(b!, 'nghi-02', s2));
    const callId = await startCall(k2, vol);
    k2.send({ type: 'chat', callId, text: 'Cảm ơn cháu' });
    await vol.type('chat', 5_000);
    expect((await post(`${c!.url}/api/fleet/kiosks/nghi-02/retire`, { confirm: 'nghi-02' }, staff)).status).toBe(200);
    expect((await vol.next((m) => m.type === 'call.ended' && m.callId === callId, 5_000, 'call.ended')).by).toBe('kiosk');
    expect((await k2.closed).code).toBe(CLOSE_KIOSK_RETIRED);
    expect((await a!.hub.repo.getRequest(callId))!.state).toBe('ended');
    expect(a!.hub.help.localQueue()!.stats()).toMatchObject({ open: 0, calls: 0 });
    const until = Date.now() + 5_000;
    while ((await chatRows(c!, callId)) !== 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(await chatRows(c!, callId)).toBe(0);
  }, 60_000);
});

describe.each(dbs)('a kiosk retired while no owner of the queue ran ($name)', (db) => {
  it('the next owner withdraws its waiting request and ends its call: nobody is rung for it', async () => {
    const dbUrl = await seededDb(db);
    const h1 = await startHub(dbUrl);
    hubs.push(h1);
    const [s1, s2] = [await enrolKiosk(h1, 'bo-01'), await enrolKiosk(h1, 'bo-02')];
    const cookie = await login(h1, 'tnv1');
    const vol = track(await consoleClient(h1, cookie, undefined, 'available'));
    const k2 = track(await kioskClient(h1, 'bo-02', s2));
    const callId = await startCall(k2, vol);
    const k1 = track(await kioskClient(h1, 'bo-01', s1));
    k1.send({ type: 'help.request', lang: 'vi', screen: 'welcome' });
    const waiting = (await k1.type('help.queued', 5_000)).request.requestId as string; // the only volunteer is in a call
    await Promise.all([k1.close(), k2.close(), vol.close()]);
    await h1.hub.close();
    hubs.length = 0;
    // Both retired while the hub was down (as when the retiring instance and the owner died together).
    const repo = await openRepository(dbUrl);
    try {
      expect(await repo.retireKiosk('bo-01', 'canbo', Date.now())).toBe(true);
      expect(await repo.retireKiosk('bo-02', 'canbo', Date.now())).toBe(true);
    } finally {
      await repo.close();
    }
    const h2 = await startHub(dbUrl);
    hubs.push(h2);
    expect((await h2.hub.repo.getRequest(waiting))!.state).toBe('cancelled');
    expect((await h2.hub.repo.getRequest(callId))!.state).toBe('ended');
    const back = track(await consoleClient(h2, await login(h2, 'tnv1'), undefined, 'available'));
    expect(back.received.find((m) => m.type === 'snapshot')!.call).toBeNull();
    expect(await back.gets('ring', 300)).toBe(false);
    expect(h2.hub.help.localQueue()!.stats()).toMatchObject({ open: 0 });
  }, 30_000);
});

describe.each(dbs)('CallChat on $name', (db) => {
  it('keeps the last lines of a call in time order, wipes them with the call, purges calls no longer in progress', async () => {
    const repo = await openRepository(await db.newUrl());
    try {
      const chat = new CallChat(repo.driver);
      for (let i = 0; i < CHAT_KEEP_LINES + 5; i++) await chat.add({ type: 'chat', callId: 'call-1', from: i % 2 ? 'kiosk' : 'volunteer', text: `dòng ${i}`, at: 1000 + i });
      await chat.add({ type: 'chat', callId: 'call-2', from: 'kiosk', text: 'Chào cháu', at: 5 });
      const lines = await chat.lines('call-1');
      expect(lines).toHaveLength(CHAT_KEEP_LINES);
      expect(lines[0]).toEqual({ type: 'chat', callId: 'call-1', from: 'kiosk', text: 'dòng 5', at: 1005 });
      expect(lines.at(-1)!.text).toBe(`dòng ${CHAT_KEEP_LINES + 4}`);
      chat.wipe('call-1');
      const until = Date.now() + 2_000;
      while ((await chat.lines('call-1')).length && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      expect(await chat.lines('call-1')).toEqual([]);
      expect(await chat.lines('call-2')).toHaveLength(1);
      // call-2 is not a call in progress (no accepted request): purged.
      expect(await chat.purgeEnded()).toBe(1);
      expect(await chat.lines('call-2')).toEqual([]);
    } finally {
      await repo.close();
    }
  });
});
