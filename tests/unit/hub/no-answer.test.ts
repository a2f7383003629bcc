/**
 * "No answer → Tạm vắng", over real WebSockets on SQLite and PostgreSQL: a
 * volunteer rung `noAnswerMs` for one request without accepting or declining
 * loses the ring (`ring.cancel no_answer`), goes `away` (status pushed with the
 * reason, audited, stored), and the request carries on — the others still ring,
 * or it waits / rings the next tier at once; Sẵn sàng again rings them at once.
 * An accept, a decline, a cancel or the ring timeout clears the timer.
 */
import { describe, expect, it } from 'vitest';
import { addUser, consoleClient, enrolKiosk, kioskClient, login, seededDb, startHub, useDatabases, waitAudit, type Client, type Running } from './helpers.ts';

const targets = useDatabases();
const NO_ANSWER_MS = 400;
/** Far beyond every wait here: only the no-answer rule can take a ring away. */
const LONG = { ringTimeoutMs: 20_000, escalateMs: 10_000, noAnswerMs: NO_ANSWER_MS };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function closeAll(...cs: (Client | undefined)[]): Promise<void> {
  await Promise.all(cs.map((c) => c?.close()));
}

/** Did any `status: away` reach this console (anywhere in what it received)? */
const wentAway = (c: Client) => c.received.some((m) => m.type === 'status' && m.status === 'away');

async function awayAudits(r: Running): Promise<{ actor: string; target: string | null; detail: string | null }[]> {
  await r.hub.settled();
  return (await r.hub.repo.listAudit({ limit: 500 })).filter((a) => a.action === 'volunteer.away');
}

describe.each(targets)('no answer → Tạm vắng on $name', (target) => {
  it('the silent volunteer is withdrawn and set away; the other still rings and takes the call', async () => {
    const r = await startHub(await seededDb(target), LONG);
    let kiosk: Client | undefined, v1: Client | undefined, v2: Client | undefined;
    try {
      const secret = await enrolKiosk(r, 'hang-bai-21');
      v1 = await consoleClient(r, await login(r, 'tnv1'), undefined, 'available');
      v2 = await consoleClient(r, await login(r, 'tnv2'), undefined, 'busy');
      kiosk = await kioskClient(r, 'hang-bai-21', secret);

      kiosk.send({ type: 'help.request', lang: 'vi', screen: 'form:1.000894' });
      const ring1 = await v1.type('ring');
      const t0 = Date.now();
      const requestId = ring1.ring.requestId as string;
      expect((await kiosk.type('help.queued')).request).toMatchObject({ requestId, state: 'ringing', ringing: 1 });

      // tnv2 becomes available a little later: rung at once, with its own (later) no-answer clock.
      await sleep(150);
      v2.send({ type: 'status.set', status: 'available' });
      expect((await v2.type('ring')).ring.requestId).toBe(requestId);

      // tnv1 never answers: after noAnswerMs the ring is withdrawn and tnv1 is away, with the reason.
      const cancel = await v1.type('ring.cancel', 3000);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(NO_ANSWER_MS - 50);
      expect(cancel).toMatchObject({ requestId, reason: 'no_answer' });
      expect(await v1.next((m) => m.type === 'status', 1000, 'status away')).toMatchObject({ status: 'away', reason: 'no_answer' });
      // The kiosk is told the request still rings (one volunteer now), not that it ended.
      expect((await kiosk.next((m) => m.type === 'help.queued', 1000, 'help.queued')).request).toMatchObject({ requestId, state: 'ringing', ringing: 1 });

      // tnv2 still rings and takes the call.
      expect(v2.received.some((m) => m.type === 'ring.cancel')).toBe(false);
      v2.send({ type: 'ring.accept', requestId });
      expect((await v2.type('call.started')).call.callId).toBe(requestId);
      expect((await kiosk.type('help.accepted')).requestId).toBe(requestId);

      const entry = await waitAudit(r, (a) => a.action === 'volunteer.away' && a.target === 'user:tnv1');
      expect(entry).toMatchObject({ actor: 'hub', detail: `no_answer request=${requestId}` });
      expect((await r.hub.repo.getUserByUsername('tnv1'))!.available).toBe(false); // stored: a restarted hub does not ring them
      expect((await r.hub.repo.getRequest(requestId))!).toMatchObject({ state: 'accepted', acceptedBy: (await r.hub.repo.getUserByUsername('tnv2'))!.id });

      // The accept cleared tnv2's timer: never sent away during the call.
      expect(r.hub.queue.noAnswerTimers()).toBe(0);
      await sleep(NO_ANSWER_MS + 300);
      expect(wentAway(v2)).toBe(false);
      expect((await awayAudits(r)).map((a) => a.target)).toEqual(['user:tnv1']);
      for (const c of [kiosk, v1, v2]) expect(c.invalid).toEqual([]);
    } finally {
      await closeAll(kiosk, v1, v2);
      await r.hub.close();
    }
  });

  it('the only volunteer does not answer: away, the request waits (not ended); Sẵn sàng again rings them at once', async () => {
    const r = await startHub(await seededDb(target), LONG);
    let kiosk: Client | undefined, v1: Client | undefined;
    try {
      const secret = await enrolKiosk(r, 'hang-bai-22');
      const cookie = await login(r, 'tnv1');
      v1 = await consoleClient(r, cookie, undefined, 'available');
      kiosk = await kioskClient(r, 'hang-bai-22', secret);

      kiosk.send({ type: 'help.request', lang: 'vi', screen: 'welcome' });
      const requestId = (await v1.type('ring')).ring.requestId as string;
      await kiosk.type('help.queued');

      expect(await v1.type('ring.cancel', 3000)).toMatchObject({ requestId, reason: 'no_answer' });
      expect(await v1.type('status', 1000)).toMatchObject({ status: 'away', reason: 'no_answer' });
      expect((await kiosk.type('help.queued', 1000)).request).toMatchObject({ requestId, state: 'waiting', ringing: 0, call: null });
      expect((await r.hub.repo.getRequest(requestId))!.state).toBe('waiting');
      for (const t of ['help.unanswered', 'help.cancelled', 'call.ended']) expect(kiosk.received.some((m) => m.type === t)).toBe(false);
      await waitAudit(r, (a) => a.action === 'volunteer.away' && a.actor === 'hub' && a.target === 'user:tnv1' && a.detail === `no_answer request=${requestId}`);

      // Away is not rung, and it stays away across a reconnect (the snapshot says why).
      await v1.close();
      v1 = await consoleClient(r, cookie);
      expect(v1.received.find((m) => m.type === 'snapshot')).toMatchObject({ status: 'away', statusReason: 'no_answer', ringing: [] });
      expect(await v1.gets('ring', 200)).toBe(false);

      // Back: Sẵn sàng puts them in rotation and the waiting request rings them at once.
      const t1 = Date.now();
      v1.send({ type: 'status.set', status: 'available' }, 100); // past the first connection's seqs (else ignored as a resend)
      const st = await v1.type('status');
      expect(st.status).toBe('available');
      expect(st.reason ?? null).toBeNull();
      expect((await v1.type('ring', 1000)).ring.requestId).toBe(requestId);
      expect(Date.now() - t1).toBeLessThan(NO_ANSWER_MS);
      expect((await r.hub.repo.getUserByUsername('tnv1'))!.available).toBe(true);

      v1.send({ type: 'ring.accept', requestId });
      await v1.type('call.started');
      expect((await kiosk.type('help.accepted')).requestId).toBe(requestId);
      expect(r.hub.queue.noAnswerTimers()).toBe(0);
      for (const c of [kiosk, v1]) expect(c.invalid).toEqual([]);
    } finally {
      await closeAll(kiosk, v1);
      await r.hub.close();
    }
  });

  it('a silent volunteer of the preferred tier goes away and the next tier rings at once, not after escalateMs', async () => {
    const r = await startHub(
      await seededDb(target, (repo) => addUser(repo, { username: 'stranger', ward: '000.00.12.H30', languages: ['en'] })),
      LONG,
    );
    let kiosk: Client | undefined, v1: Client | undefined, stranger: Client | undefined;
    try {
      const secret = await enrolKiosk(r, 'hang-bai-23');
      v1 = await consoleClient(r, await login(r, 'tnv1'), undefined, 'available');
      stranger = await consoleClient(r, await login(r, 'stranger'), undefined, 'available');
      kiosk = await kioskClient(r, 'hang-bai-23', secret);

      kiosk.send({ type: 'help.request', lang: 'vi', screen: 'welcome' });
      const requestId = (await v1.type('ring')).ring.requestId as string;
      const t0 = Date.now();
      expect(await stranger.gets('ring', 150)).toBe(false); // tier 3 waits for escalateMs (10 s)

      expect((await v1.type('ring.cancel', 3000)).reason).toBe('no_answer');
      expect((await stranger.type('ring', 1000)).ring.requestId).toBe(requestId);
      expect(Date.now() - t0).toBeLessThan(NO_ANSWER_MS + 1000);
      stranger.send({ type: 'ring.accept', requestId });
      await stranger.type('call.started');
    } finally {
      await closeAll(kiosk, v1, stranger);
      await r.hub.close();
    }
  });

  it('an accept or a decline before noAnswerMs: nobody goes away', async () => {
    const r = await startHub(await seededDb(target), LONG);
    let kiosk: Client | undefined, v1: Client | undefined, v2: Client | undefined;
    try {
      const secret = await enrolKiosk(r, 'hang-bai-24');
      v1 = await consoleClient(r, await login(r, 'tnv1'), undefined, 'available');
      v2 = await consoleClient(r, await login(r, 'tnv2'), undefined, 'available');
      kiosk = await kioskClient(r, 'hang-bai-24', secret);

      kiosk.send({ type: 'help.request', lang: 'vi', screen: 'welcome' });
      const requestId = (await v1.type('ring')).ring.requestId as string;
      await v2.type('ring');
      expect(r.hub.queue.noAnswerTimers()).toBe(2);
      v2.send({ type: 'ring.decline', requestId });
      expect((await v2.type('ring.cancel')).reason).toBe('declined');
      expect(r.hub.queue.noAnswerTimers()).toBe(1);
      await sleep(NO_ANSWER_MS / 2);
      v1.send({ type: 'ring.accept', requestId });
      await v1.type('call.started');
      expect(r.hub.queue.noAnswerTimers()).toBe(0);

      await sleep(NO_ANSWER_MS + 300);
      expect(wentAway(v1)).toBe(false);
      expect(wentAway(v2)).toBe(false);
      expect(v1.received.some((m) => m.type === 'ring.cancel' && m.reason === 'no_answer')).toBe(false);
      expect(v2.received.some((m) => m.type === 'ring.cancel' && m.reason === 'no_answer')).toBe(false);
      expect(await awayAudits(r)).toEqual([]);
      expect((await r.hub.repo.getUserByUsername('tnv2'))!.available).toBe(true);

      // The call ends; v2 (declined that request) is still Sẵn sàng and rings for the next one.
      kiosk.send({ type: 'call.end', callId: requestId });
      await v1.type('call.ended');
      kiosk.send({ type: 'help.request', lang: 'vi', screen: 'welcome' });
      await v2.type('ring');
    } finally {
      await closeAll(kiosk, v1, v2);
      await r.hub.close();
    }
  });

  it('a ring that ends otherwise (cancelled by the resident, ring timeout, hub closed) leaves no timer behind', async () => {
    const r = await startHub(await seededDb(target), { ringTimeoutMs: 250, escalateMs: 10_000, noAnswerMs: NO_ANSWER_MS });
    let kiosk: Client | undefined, v1: Client | undefined;
    try {
      const secret = await enrolKiosk(r, 'hang-bai-25');
      v1 = await consoleClient(r, await login(r, 'tnv1'), undefined, 'available');
      kiosk = await kioskClient(r, 'hang-bai-25', secret);

      // Cancelled by the resident.
      kiosk.send({ type: 'help.request', lang: 'vi', screen: 'welcome' });
      const q = await kiosk.type('help.queued');
      await v1.type('ring');
      kiosk.send({ type: 'help.cancel', requestId: q.request.requestId });
      await kiosk.type('help.cancelled');
      expect((await v1.type('ring.cancel')).reason).toBe('cancelled');
      expect(r.hub.queue.noAnswerTimers()).toBe(0);

      // The ring timeout (shorter than noAnswerMs here) ends the ring first.
      kiosk.send({ type: 'help.request', lang: 'vi', screen: 'welcome' });
      await v1.type('ring');
      await kiosk.type('help.unanswered', 2000);
      expect((await v1.type('ring.cancel')).reason).toBe('timeout');
      expect(r.hub.queue.noAnswerTimers()).toBe(0);
      await sleep(NO_ANSWER_MS + 200);
      expect(wentAway(v1)).toBe(false);
      expect(await awayAudits(r)).toEqual([]);

      // Keep waiting rings again; the hub closes while it rings.
      const open = kiosk.received.find((m) => m.type === 'help.unanswered')!.requestId as string;
      kiosk.send({ type: 'help.wait', requestId: open });
      await v1.type('ring');
      expect(r.hub.queue.noAnswerTimers()).toBe(1);
      await r.hub.close();
      expect(r.hub.queue.noAnswerTimers()).toBe(0);
    } finally {
      await closeAll(kiosk, v1);
      await r.hub.close();
    }
  });
});
