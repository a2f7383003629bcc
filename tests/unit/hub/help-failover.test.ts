/**
 * A help call across hub instances surviving kill -9 (issue 18): three hubs as
 * child processes (hub/main.ts, as deployed) on one throwaway PostgreSQL, with
 * their real bus and leases (tests/support/hub-cluster.ts). The kiosk and the
 * volunteer sit on the two instances that do not own the queue.
 *
 *  1. kill -9 of the queue's owner: another instance takes the `help` lease,
 *     both parties get a fresh snapshot with the call, chat still flows;
 *  2. kill -9 of the volunteer's instance: the kiosk is told its volunteer
 *     dropped; the resident writes meanwhile; the volunteer reconnects to the
 *     surviving instance, resyncs from the snapshot and gets the call's chat
 *     (the line it missed included) from the database, the call goes on and
 *     ends cleanly with both told.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubCluster, type HubCluster } from '../../support/hub-cluster.ts';
import { consoleClient, enrolKiosk, get, kioskClient, login, type Client, type Running } from './helpers.ts';

let c: HubCluster;
const clients: Client[] = [];

beforeAll(async () => {
  c = await startHubCluster({ instances: 3, hubConfig: { ringTimeoutMs: 60_000, callGraceMs: 60_000 } });
}, 120_000);
afterAll(async () => {
  await Promise.all(clients.map((x) => x.close()));
  await c?.stop();
}, 60_000);

/** Instance `i` addressed directly (not through the load balancer), as the test helpers expect. */
const direct = (i: number): Running => {
  const inst = c.instances[i]!;
  return { url: inst.url, wsUrl: inst.url.replace(/^http/, 'ws') } as Running;
};

/** The slot whose /api/health (staff) carries the queue's counts: the owner of the `help` lease. */
async function ownerSlot(cookie: string, alive: number[]): Promise<number> {
  const until = Date.now() + 15_000;
  for (;;) {
    for (const i of alive) {
      const h = await get(`${c.instances[i]!.url}/api/health`, { cookie });
      if (h.status === 200 && 'open' in h.json) return i;
    }
    if (Date.now() > until) throw new Error('no instance owns the help queue');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('a help call across instances survives kill -9 (PostgreSQL bus and leases, child processes)', () => {
  it('the owner dies, then the volunteer’s instance dies: the call goes on, then ends with both told', async () => {
    const staff = await login(direct(0), 'canbo');
    const owner = await ownerSlot(staff, [0, 1, 2]);
    const [k, v] = [0, 1, 2].filter((i) => i !== owner) as [number, number];

    const secret = await enrolKiosk(direct(k), 'chet-01', staff);
    const cookie = await login(direct(v), 'tnv1');
    let vol = await consoleClient(direct(v), cookie, undefined, 'available').catch((e) => {
      throw new Error(`${(e as Error).message} ${c.instances[v]!.output().slice(-1500)}`);
    });
    const kiosk = await kioskClient(direct(k), 'chet-01', secret).catch((e) => {
      throw new Error(`${(e as Error).message} ${c.instances[k]!.output().slice(-1500)}`);
    });
    clients.push(vol, kiosk);
    kiosk.send({ type: 'help.request', lang: 'vi', screen: 'welcome' });
    const callId = (await vol.type('ring', 5000)).ring.requestId as string;
    vol.send({ type: 'ring.accept', requestId: callId });
    await vol.type('call.started', 5000);
    await kiosk.type('help.accepted', 5000);
    kiosk.send({ type: 'chat', callId, text: 'alo' });
    expect((await vol.type('chat', 5000)).text).toBe('alo');

    // 1. kill -9 of the owner: the next instance takes the lease and both parties are resynced.
    await c.kill(owner, 'SIGKILL');
    expect((await kiosk.next((m) => m.type === 'snapshot', 20_000, 'kiosk snapshot from the new owner')).request).toMatchObject({ requestId: callId, state: 'accepted' });
    expect((await vol.next((m) => m.type === 'snapshot', 20_000, 'volunteer snapshot from the new owner')).call).toMatchObject({ callId });
    expect(await ownerSlot(staff, [k, v])).not.toBe(owner);
    kiosk.send({ type: 'chat', callId, text: 'vẫn nghe rõ không?' });
    expect((await vol.type('chat', 5000)).text).toBe('vẫn nghe rõ không?');

    // 2. kill -9 of the volunteer's instance: the kiosk hears its volunteer dropped. Either the
    //    owner (k) notices v went silent and says `peer` offline, or — when v had taken the lease
    //    after the first kill — k becomes owner, loads the call with nobody announcing the
    //    volunteer, and the kiosk's fresh snapshot says the peer is offline.
    const resume = { epoch: vol.received.find((m) => m.type === 'welcome')!.epoch as string, lastServerSeq: vol.lastServerSeq() };
    await c.kill(v, 'SIGKILL');
    await vol.closed;
    const dropped = await kiosk.next(
      (m) => (m.type === 'peer' && m.online === false) || (m.type === 'snapshot' && m.request?.call?.peerOnline === false),
      20_000,
      'peer offline',
    );
    expect(dropped.type === 'peer' ? dropped.callId : dropped.request.call.callId).toBe(callId);
    kiosk.send({ type: 'chat', callId, text: 'Cháu ơi, còn đó không?' });
    await kiosk.next((m) => m.type === 'chat' && m.text === 'Cháu ơi, còn đó không?', 5000, 'own copy of the line');

    // The volunteer comes back through the surviving instance: snapshot with the call, the kiosk told.
    vol = await consoleClient(direct(k), cookie, resume);
    clients.push(vol);
    expect(vol.received.find((m) => m.type === 'welcome')).toMatchObject({ resumed: false }); // another instance: no replay
    expect(vol.received.find((m) => m.type === 'snapshot')!.call).toMatchObject({ callId, peerOnline: true });
    // No replay buffer there: the call's chat follows the snapshot from the database, the missed line included.
    await vol.next((m) => m.type === 'chat' && m.text === 'Cháu ơi, còn đó không?', 10_000, 'the missed line');
    const afterSnapshot = vol.received.slice(vol.received.findIndex((m) => m.type === 'snapshot') + 1);
    expect(afterSnapshot.filter((m) => m.type === 'chat').map((m) => m.text)).toEqual(['alo', 'vẫn nghe rõ không?', 'Cháu ơi, còn đó không?']);
    expect((await kiosk.next((m) => m.type === 'peer' && m.online === true, 10_000, 'peer online')).callId).toBe(callId);
    vol.send({ type: 'chat', callId, text: 'cháu đây ạ' });
    expect((await kiosk.type('chat', 5000)).text).toBe('cháu đây ạ');
    vol.send({ type: 'call.end', callId, note: null });
    expect((await kiosk.type('call.ended', 5000)).by).toBe('volunteer');
    expect((await vol.type('call.ended', 5000)).by).toBe('volunteer');
    const repo = await c.repo();
    try {
      expect(await repo.getRequest(callId)).toMatchObject({ state: 'ended', endedBy: 'volunteer' });
    } finally {
      await repo.close();
    }
  }, 150_000);

  it('the volunteer sits on the owner and it dies: the kiosk’s snapshot from the next owner says the peer dropped; the call goes on', async () => {
    for (let i = 0; i < 3; i++) if (!c.instances[i]) await c.start(i);
    const staff = await login(direct(0), 'canbo');
    const owner = await ownerSlot(staff, [0, 1, 2]);
    const k = [0, 1, 2].find((i) => i !== owner)!;

    const secret = await enrolKiosk(direct(k), 'chet-02', staff);
    const cookie = await login(direct(owner), 'tnv2');
    let vol = await consoleClient(direct(owner), cookie, undefined, 'available');
    const kiosk = await kioskClient(direct(k), 'chet-02', secret);
    clients.push(vol, kiosk);
    kiosk.send({ type: 'help.request', lang: 'vi', screen: 'welcome' });
    const callId = (await vol.type('ring', 5000)).ring.requestId as string;
    vol.send({ type: 'ring.accept', requestId: callId });
    await kiosk.type('help.accepted', 5000);

    await c.kill(owner, 'SIGKILL');
    await vol.closed;
    const snap = await kiosk.next((m) => m.type === 'snapshot' || (m.type === 'peer' && m.online === false), 20_000, 'word that the volunteer dropped');
    if (snap.type === 'snapshot') expect(snap.request.call).toMatchObject({ callId, peerOnline: false });
    else expect(snap.callId).toBe(callId);

    vol = await consoleClient(direct(k), cookie);
    clients.push(vol);
    expect(vol.received.find((m) => m.type === 'snapshot')!.call).toMatchObject({ callId, peerOnline: true });
    expect((await kiosk.next((m) => m.type === 'peer' && m.online === true, 10_000, 'peer online')).callId).toBe(callId);
    kiosk.send({ type: 'chat', callId, text: 'cô đây' });
    expect((await vol.type('chat', 5000)).text).toBe('cô đây');
    kiosk.send({ type: 'call.end', callId });
    expect((await vol.type('call.ended', 5000)).by).toBe('kiosk');
  }, 150_000);
});
