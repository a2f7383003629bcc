/**
 * Help across hub instances (issue 18), three hubs on one PostgreSQL database
 * in this process, joined by an in-memory bus and leases (tests/support/
 * memory-cluster.ts): the queue runs on the `help` lease's holder, the kiosk
 * and the volunteers sit on the others.
 *
 *  - ring and accept across instances, the first accept wins, a busy volunteer
 *    on another instance is not rung;
 *  - a whole call across instances: signalling, chat, a live-view frame larger
 *    than NOTIFY's 8000 bytes, pointer, control, hang-up;
 *  - a party's socket moving to another instance closes the older one;
 *  - the death of the volunteer's instance: the kiosk is told, the volunteer
 *    reconnects elsewhere and the call goes on — or, if they never come back,
 *    the call ends with the kiosk told;
 *  - the death of the queue's owner: another instance takes the lease, reloads
 *    the open requests, the parties re-announce; the call goes on and a waiting
 *    request's ring timeout fires from the new owner.
 */
import { describe, expect, it } from 'vitest';
import { MemoryNetwork } from '../../support/memory-cluster.ts';
import { addUser, closedAfterEach, consoleClient, enrolKiosk, kioskClient, login, seededDb, startHub, useDatabases, type Client, type Running } from './helpers.ts';
import type { HubOptions } from '../../../hub/server/app.ts';

const pg = useDatabases().find((t) => t.name === 'postgres')!;
const SDP = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n';
const TIMINGS = { beatMs: 100, deadAfterMs: 600, opTimeoutMs: 5_000, startWaitMs: 2_000 };

const { hubs, clients } = closedAfterEach();

/** Hubs on one database, joined by `net` — or, with null, by their own PostgreSQL bus and leases (hub/cluster/). */
async function cluster(dbUrl: string, net: MemoryNetwork | null, names: string[], opts: HubOptions = {}): Promise<Running[]> {
  const out: Running[] = [];
  // One after the other: the first one started holds the `help` lease.
  for (const name of names) out.push(await startHub(dbUrl, { ...(net ? { cluster: net.instance(name) } : {}), helpTimings: TIMINGS, ...opts }));
  hubs.push(...out);
  return out;
}

const track = <T extends Client>(c: T): T => {
  clients.push(c);
  return c;
};

/**
 * The instance dies: cut from the bus and leases, its sockets dropped, its queue's timers stopped (a
 * process killed writes nothing more to the database either).
 */
function kill(net: MemoryNetwork, r: Running, name: string): void {
  net.cut(name);
  for (const s of r.hub.app.websocketServer.clients) s.terminate();
  void r.hub.help.owner.lose();
}

describe('help across hub instances (PostgreSQL)', () => {
  it.each(['memory', 'postgres'] as const)('rings across instances, the first accept wins, and a whole call runs between two instances (%s bus)', async (kind) => {
    const net = kind === 'memory' ? new MemoryNetwork() : null;
    const dbUrl = await seededDb(pg, (repo) => addUser(repo, { username: 'tnv3' }));
    const [a, b, c] = await cluster(dbUrl, net, ['hub-a', 'hub-b', 'hub-c']);
    // The first instance holds the lease; all three know it.
    for (const x of [a, b, c]) expect(x!.hub.help.ownerInstance()).toBe(a!.hub.cluster.instanceId);

    const secret = await enrolKiosk(b!, 'cum-01');
    const v1 = track(await consoleClient(a!, await login(a!, 'tnv1'), undefined, 'available'));
    const v2 = track(await consoleClient(c!, await login(c!, 'tnv2'), undefined, 'available'));
    const v3 = track(await consoleClient(c!, await login(c!, 'tnv3'), undefined, 'busy'));
    const kiosk = track(await kioskClient(b!, 'cum-01', secret));

    // The kiosk on B rings the volunteers on A (the owner) and on C; not the busy one.
    kiosk.send({ type: 'help.request', lang: 'vi', screen: 'service:1.000894' });
    const [r1, r2] = await Promise.all([v1.type('ring'), v2.type('ring')]);
    expect(r1.ring.requestId).toBe(r2.ring.requestId);
    expect((await kiosk.type('help.queued')).request).toMatchObject({ state: 'ringing', ringing: 2 });
    expect(await v3.gets('ring', 150)).toBe(false);
    const callId = r1.ring.requestId as string;

    // Both accept at once from two instances: exactly one wins, the other is told it was taken.
    v1.send({ type: 'ring.accept', requestId: callId });
    v2.send({ type: 'ring.accept', requestId: callId });
    const outcome = await Promise.all(
      [v1, v2].map(async (v) => {
        const m = await v.next((x) => x.type === 'call.started' || (x.type === 'error' && x.code === 'already_taken'), 3000, 'call.started or already_taken');
        return m.type === 'call.started';
      }),
    );
    expect(outcome.filter(Boolean)).toHaveLength(1);
    const [vol, loser] = outcome[0] ? [v1, v2] : [v2, v1];
    expect(loser.received.some((m) => m.type === 'ring.cancel' && m.reason === 'taken')).toBe(true);
    expect((await kiosk.type('help.accepted')).requestId).toBe(callId);
    expect((await b!.hub.repo.getRequest(callId))!.state).toBe('accepted');

    // Signalling both ways, between instance B and A or C.
    kiosk.send({ type: 'rtc.offer', callId, sdp: SDP });
    expect((await vol.type('rtc.offer')).sdp).toBe(SDP);
    vol.send({ type: 'rtc.answer', callId, sdp: SDP });
    expect((await kiosk.type('rtc.answer')).callId).toBe(callId);
    vol.send({ type: 'rtc.ice', callId, candidate: null });
    expect((await kiosk.type('rtc.ice')).candidate).toBeNull();
    kiosk.send({ type: 'chat', callId, text: 'Cháu ơi, bác không thấy nút gửi' });
    expect(await vol.type('chat')).toMatchObject({ from: 'kiosk', text: 'Cháu ơi, bác không thấy nút gửi' });
    expect(await kiosk.type('chat')).toMatchObject({ from: 'kiosk' });
    vol.send({ type: 'chat', callId, text: 'Bác bấm vào ô màu xanh ạ' });
    expect(await kiosk.type('chat')).toMatchObject({ from: 'volunteer', text: 'Bác bấm vào ô màu xanh ạ' });

    // A live-view frame well over NOTIFY's 8000 bytes arrives whole.
    const big = 'Ủy ban nhân dân phường '.repeat(1500);
    kiosk.send({ type: 'liveview', callId, events: [{ type: 2, data: { node: { text: big } }, timestamp: 1 }] });
    const lv = await vol.type('liveview');
    expect(JSON.stringify(lv).length).toBeGreaterThan(30_000);
    expect(lv.events[0].data.node.text).toBe(big);
    vol.send({ type: 'pointer', callId, x: 0.5, y: 0.25, selector: '#submit' });
    expect(await kiosk.type('pointer')).toMatchObject({ x: 0.5, y: 0.25 });

    // Control: typing only while granted, known on every instance.
    vol.send({ type: 'control.input', callId, selector: '#name', text: 'x' });
    expect((await vol.type('error')).code).toBe('forbidden');
    kiosk.send({ type: 'control.grant', callId });
    await vol.next((m) => m.type === 'control.state' && m.granted === true);
    vol.send({ type: 'control.input', callId, selector: '#phone', text: '09' });
    expect((await kiosk.type('control.input')).selector).toBe('#phone');

    // The losing volunteer cannot speak into the call from its instance.
    loser.send({ type: 'chat', callId, text: 'xin chào' });
    expect((await loser.type('error')).code).toBe('forbidden');

    // Hang-up from the kiosk on B: both told, stored once.
    kiosk.send({ type: 'call.end', callId });
    expect((await vol.type('call.ended')).by).toBe('kiosk');
    await kiosk.type('call.ended');
    expect((await c!.hub.repo.getRequest(callId))!.state).toBe('ended');
    // The winner is free again and the next request (from B) rings them.
    kiosk.send({ type: 'help.request', lang: 'vi', screen: 'welcome' });
    await Promise.all([vol.type('ring'), loser.type('ring')]);
    for (const x of [kiosk, v1, v2, v3]) expect(x.invalid).toEqual([]);
  });

  it('one socket per party across instances: a volunteer connecting on another instance closes the older socket', async () => {
    const net = new MemoryNetwork();
    const [a, b] = await cluster(await seededDb(pg), net, ['hub-a', 'hub-b']);
    const cookie = await login(a!, 'tnv1');
    const first = track(await consoleClient(b!, cookie, undefined, 'available'));
    const second = track(await consoleClient(a!, cookie));
    expect((await first.closed).code).toBe(4000);
    expect(second.received.find((m) => m.type === 'snapshot')!.status).toBe('available');
  });

  it('the volunteer’s instance dies: the kiosk is told, the volunteer reconnects to another instance and the call goes on', async () => {
    const net = new MemoryNetwork();
    const [a, b, c] = await cluster(await seededDb(pg), net, ['hub-a', 'hub-b', 'hub-c'], { callGraceMs: 10_000 });
    const secret = await enrolKiosk(a!, 'cum-02');
    const cookie = await login(a!, 'tnv1');
    let vol = track(await consoleClient(c!, cookie, undefined, 'available'));
    const kiosk = track(await kioskClient(b!, 'cum-02', secret));
    kiosk.send({ type: 'help.request', lang: 'vi', screen: 'welcome' });
    const callId = (await vol.type('ring')).ring.requestId as string;
    vol.send({ type: 'ring.accept', requestId: callId });
    await vol.type('call.started');
    await kiosk.type('help.accepted');
    const resume = { epoch: c!.hub.epoch, lastServerSeq: vol.lastServerSeq() };

    kill(net, c!, 'hub-c');
    await vol.closed;
    // The owner gives C up after deadAfterMs: the kiosk hears its volunteer dropped.
    expect((await kiosk.next((m) => m.type === 'peer', 3000, 'peer offline')).online).toBe(false);

    // The volunteer comes back through another instance: another epoch, so a snapshot, not a replay.
    vol = track(await consoleClient(b!, cookie, resume));
    expect(vol.received.find((m) => m.type === 'welcome')).toMatchObject({ resumed: false });
    expect(vol.received.find((m) => m.type === 'snapshot')!.call).toMatchObject({ callId, peerOnline: true });
    expect((await kiosk.next((m) => m.type === 'peer', 3000, 'peer online')).online).toBe(true);
    kiosk.send({ type: 'chat', callId, text: 'còn đó không?' });
    expect((await vol.type('chat')).text).toBe('còn đó không?');
    vol.send({ type: 'call.end', callId, note: null });
    expect((await kiosk.type('call.ended')).by).toBe('volunteer');
  });

  it('the volunteer’s instance dies and they never come back: the call ends after the grace time, the kiosk told', async () => {
    const net = new MemoryNetwork();
    const [a, , c] = await cluster(await seededDb(pg), net, ['hub-a', 'hub-b', 'hub-c'], { callGraceMs: 800 });
    const secret = await enrolKiosk(a!, 'cum-03');
    const vol = track(await consoleClient(c!, await login(a!, 'tnv1'), undefined, 'available'));
    const kiosk = track(await kioskClient(a!, 'cum-03', secret));
    kiosk.send({ type: 'help.request', lang: 'vi', screen: 'welcome' });
    const callId = (await vol.type('ring')).ring.requestId as string;
    vol.send({ type: 'ring.accept', requestId: callId });
    await kiosk.type('help.accepted');

    kill(net, c!, 'hub-c');
    expect((await kiosk.next((m) => m.type === 'peer', 3000, 'peer offline')).online).toBe(false);
    expect((await kiosk.type('call.ended', 3000)).by).toBe('timeout');
    expect(await a!.hub.repo.getRequest(callId)).toMatchObject({ state: 'ended', endedBy: 'timeout' });
  });

  it('the owner of the queue dies: another instance takes the lease, the call goes on, the ring timers fire from the new owner', async () => {
    const net = new MemoryNetwork(150);
    const dbUrl = await seededDb(pg);
    const [a, b, c] = await cluster(dbUrl, net, ['hub-a', 'hub-b', 'hub-c'], { ringTimeoutMs: 2_500, callGraceMs: 10_000 });
    const secret1 = await enrolKiosk(a!, 'cum-04');
    const secret2 = await enrolKiosk(a!, 'cum-05');
    const vol = track(await consoleClient(c!, await login(a!, 'tnv1'), undefined, 'available'));
    const kiosk = track(await kioskClient(b!, 'cum-04', secret1));
    kiosk.send({ type: 'help.request', lang: 'vi', screen: 'welcome' });
    const callId = (await vol.type('ring')).ring.requestId as string;
    vol.send({ type: 'ring.accept', requestId: callId });
    await kiosk.type('help.accepted');
    // A second kiosk's request waits: nobody else is free.
    const waiting = track(await kioskClient(c!, 'cum-05', secret2));
    waiting.send({ type: 'help.request', lang: 'vi', screen: 'welcome' });
    const q = await waiting.type('help.queued');
    expect(q.request.state).toBe('waiting');

    const t0 = Date.now();
    kill(net, a!, 'hub-a');
    // B held the lease next: it reloads the open requests, and both parties get a fresh snapshot.
    const snapK = await kiosk.next((m) => m.type === 'snapshot', 3000, 'kiosk snapshot from the new owner');
    expect(snapK.request).toMatchObject({ requestId: callId, state: 'accepted' });
    const snapV = await vol.next((m) => m.type === 'snapshot', 3000, 'volunteer snapshot from the new owner');
    expect(snapV.call).toMatchObject({ callId, peerOnline: true });
    expect(net.owner('help')).toBe('hub-b');
    expect(b!.hub.help.ownerInstance()).toBe('hub-b');
    expect(c!.hub.help.ownerInstance()).toBe('hub-b');

    // The call goes on across B and C.
    kiosk.send({ type: 'chat', callId, text: 'vẫn nghe rõ' });
    expect((await vol.type('chat')).text).toBe('vẫn nghe rõ');
    vol.send({ type: 'rtc.offer', callId, sdp: SDP });
    expect((await kiosk.type('rtc.offer')).sdp).toBe(SDP);
    expect(await kiosk.gets('call.ended', 300)).toBe(false);

    // The waiting request's ring timeout now runs on B: the resident is told nobody answered.
    const un = await waiting.type('help.unanswered', 5000);
    expect(un.requestId).toBe(q.request.requestId);
    expect(Date.now() - t0).toBeLessThan(5000);

    // Hang-up goes through the new owner; the volunteer, free again, is rung for the waiting one.
    vol.send({ type: 'call.end', callId, note: 'xong' });
    expect((await kiosk.type('call.ended')).by).toBe('volunteer');
    waiting.send({ type: 'help.wait', requestId: q.request.requestId });
    expect((await vol.type('ring')).ring.requestId).toBe(q.request.requestId);
    expect(await b!.hub.repo.getRequest(callId)).toMatchObject({ state: 'ended', note: 'xong' });
  });
});
