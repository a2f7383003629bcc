/**
 * The help channel over real WebSockets, on SQLite and on PostgreSQL:
 * ring → accept → signalling relayed only between the two → end; ward and
 * language preference; unanswered → call back; hub restart with a request
 * waiting; reconnect + resync.
 */
import { describe, expect, it } from 'vitest';
import {
  addUser,
  consoleClient,
  enrolKiosk,
  get,
  kioskClient,
  login,
  percentile,
  post,
  seededDb,
  startHub,
  useDatabases,
  waitAudit,
  WARD,
  type Client,
} from './helpers.ts';

const targets = useDatabases();
const SDP = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n';
const CAND = { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'abcd' };

async function closeAll(...cs: (Client | undefined)[]): Promise<void> {
  await Promise.all(cs.map((c) => c?.close()));
}

describe.each(targets)('help channel on $name', (target) => {
  it('rings both volunteers, the first accept wins, signalling flows only between the two, then hang-up', async () => {
    const r = await startHub(await seededDb(target, (repo) => addUser(repo, { username: 'tnv3' })));
    let kiosk: Client | undefined, v1: Client | undefined, v2: Client | undefined, v3: Client | undefined;
    try {
      const secret = await enrolKiosk(r, 'hang-bai-01');
      v1 = await consoleClient(r, await login(r, 'tnv1'), undefined, 'available');
      v2 = await consoleClient(r, await login(r, 'tnv2'), undefined, 'available');
      v3 = await consoleClient(r, await login(r, 'tnv3'), undefined, 'busy');
      kiosk = await kioskClient(r, 'hang-bai-01', secret);

      // Ring latency: several requests, each cancelled, then the real one.
      const ringMs: number[] = [];
      for (let i = 0; i < 6; i++) {
        const t0 = performance.now();
        kiosk.send({ type: 'help.request', lang: 'vi', screen: 'service:1.000894' });
        const [r1, r2] = await Promise.all([v1.type('ring'), v2.type('ring')]);
        ringMs.push(Math.max(v1.receivedAt.get(r1)!, v2.receivedAt.get(r2)!) - t0);
        const q = await kiosk.type('help.queued');
        expect(q.request).toMatchObject({ state: 'ringing', ringing: 2, lang: 'vi', screen: 'service:1.000894' });
        if (i < 5) {
          kiosk.send({ type: 'help.cancel', requestId: q.request.requestId });
          await kiosk.type('help.cancelled');
          await Promise.all([v1.next((m) => m.type === 'ring.cancel' && m.reason === 'cancelled'), v2.next((m) => m.type === 'ring.cancel' && m.reason === 'cancelled')]);
        }
      }
      const median = percentile(ringMs, 50);
      console.log(JSON.stringify({ db: target.name, ringMs: { median: +median.toFixed(1), max: +Math.max(...ringMs).toFixed(1), runs: ringMs.length } }));
      // rings as the request arrives; the 300 ms goal itself is measured by bench:help rather
      // than asserted at p95 on a shared CI machine
      expect(percentile(ringMs, 50)).toBeLessThan(300);
      expect(Math.max(...ringMs)).toBeLessThan(1000);
      expect(await v3.gets('ring', 100)).toBe(false); // busy: not rung

      const requestId = v1.received.filter((m) => m.type === 'ring').at(-1)!.ring.requestId as string;
      v1.send({ type: 'ring.accept', requestId });
      v2.send({ type: 'ring.accept', requestId }); // a fraction later: already taken
      const started = await v1.type('call.started');
      expect(started.call).toMatchObject({ callId: requestId, kioskId: 'hang-bai-01', ward: WARD, peerOnline: true, controlGranted: false });
      expect((await v2.next((m) => m.type === 'ring.cancel' || m.type === 'error')).type).toBe('ring.cancel');
      expect((await v2.type('error')).code).toBe('already_taken');
      const accepted = await kiosk.type('help.accepted');
      expect(accepted.call.volunteer.displayName).toContain('Lan');
      const callId = requestId;

      // Signalling both ways.
      kiosk.send({ type: 'rtc.offer', callId, sdp: SDP });
      expect((await v1.type('rtc.offer')).sdp).toBe(SDP);
      v1.send({ type: 'rtc.answer', callId, sdp: SDP });
      expect((await kiosk.type('rtc.answer')).callId).toBe(callId);
      v1.send({ type: 'rtc.ice', callId, candidate: CAND });
      expect((await kiosk.type('rtc.ice')).candidate).toEqual(CAND);
      kiosk.send({ type: 'rtc.ice', callId, candidate: null });
      expect((await v1.type('rtc.ice')).candidate).toBeNull();
      kiosk.send({ type: 'rtc.restart', callId });
      await v1.type('rtc.restart');
      kiosk.send({ type: 'chat', callId, text: 'Cháu ơi, bác không thấy nút gửi' });
      expect(await v1.type('chat')).toMatchObject({ from: 'kiosk', text: 'Cháu ơi, bác không thấy nút gửi' });
      expect(await kiosk.type('chat')).toMatchObject({ from: 'kiosk' }); // the sender's own numbered copy
      v1.send({ type: 'chat', callId, text: 'Bác bấm vào ô màu xanh ạ' });
      expect(await kiosk.type('chat')).toMatchObject({ from: 'volunteer', text: 'Bác bấm vào ô màu xanh ạ' });
      expect(await v1.type('chat')).toMatchObject({ from: 'volunteer' });
      kiosk.send({ type: 'liveview', callId, events: [{ type: 2, data: { node: {} }, timestamp: 1 }] });
      expect((await v1.type('liveview')).events).toHaveLength(1);
      v1.send({ type: 'pointer', callId, x: 0.5, y: 0.25, selector: '#submit' });
      expect(await kiosk.type('pointer')).toMatchObject({ x: 0.5, y: 0.25, selector: '#submit' });

      // Typing on the kiosk only while the resident grants it.
      v1.send({ type: 'control.input', callId, selector: '#name', text: 'x' });
      expect((await v1.type('error')).code).toBe('forbidden');
      kiosk.send({ type: 'control.grant', callId });
      await v1.next((m) => m.type === 'control.state' && m.granted === true);
      v1.send({ type: 'control.input', callId, selector: '#phone', text: '09' });
      expect((await kiosk.type('control.input')).selector).toBe('#phone');
      kiosk.send({ type: 'control.revoke', callId });
      await v1.next((m) => m.type === 'control.state' && m.granted === false);
      v1.send({ type: 'control.input', callId, selector: '#phone', text: '1' });
      expect((await v1.type('error')).code).toBe('forbidden');

      // Others are refused and audited: a volunteer not in the call, the losing volunteer.
      v2.send({ type: 'rtc.offer', callId, sdp: SDP });
      expect((await v2.type('error')).code).toBe('forbidden');
      v3.send({ type: 'chat', callId, text: 'xin chào' });
      expect((await v3.type('error')).code).toBe('forbidden');
      await waitAudit(r, (a) => a.action === 'ws.refused' && a.actor === 'user:tnv3' && a.target === 'chat' && !!a.detail?.includes('forbidden'));
      expect(await kiosk.gets('chat', 150)).toBe(false); // nothing reached the kiosk

      // Hang-up with a note.
      v1.send({ type: 'call.end', callId, note: 'Hướng dẫn nộp hồ sơ khai sinh' });
      expect((await kiosk.type('call.ended')).by).toBe('volunteer');
      await v1.type('call.ended');
      const rec = await r.hub.repo.getRequest(callId);
      expect(rec).toMatchObject({ state: 'ended', endedBy: 'volunteer', note: 'Hướng dẫn nộp hồ sơ khai sinh' });
      await waitAudit(r, (a) => a.action === 'call.join' && a.actor === 'user:tnv1' && a.target === callId);
      await waitAudit(r, (a) => a.action === 'call.end' && a.target === callId);
      const history = await get(`${r.url}/api/calls/mine`, { cookie: await login(r, 'tnv1') });
      expect(history.json.calls[0]).toMatchObject({ callId, state: 'ended', note: 'Hướng dẫn nộp hồ sơ khai sinh' });
      for (const c of [kiosk, v1, v2, v3]) expect(c.invalid).toEqual([]);
    } finally {
      await closeAll(kiosk, v1, v2, v3);
      await r.hub.close();
    }
  });

  it('prefers the kiosk’s ward and language, then rings anyone', async () => {
    const r = await startHub(
      await seededDb(target, async (repo) => {
        await addUser(repo, { username: 'near', ward: WARD, languages: ['en'] });
        await addUser(repo, { username: 'far', ward: '000.00.12.H30', languages: ['vi'] });
        await addUser(repo, { username: 'stranger', ward: '000.00.12.H30', languages: ['vi'] });
      }),
      { escalateMs: 800, ringTimeoutMs: 5000 },
    );
    let kiosk: Client | undefined, near: Client | undefined, far: Client | undefined, stranger: Client | undefined;
    try {
      const secret = await enrolKiosk(r, 'hang-bai-02');
      near = await consoleClient(r, await login(r, 'near'), undefined, 'available');
      far = await consoleClient(r, await login(r, 'far'), undefined, 'available');
      kiosk = await kioskClient(r, 'hang-bai-02', secret);

      // English at a kiosk of WARD: "near" (same ward, speaks en) first; "far" (other ward, no en) after escalation.
      const t0 = Date.now();
      kiosk.send({ type: 'help.request', lang: 'en', screen: 'welcome' });
      await near.type('ring');
      expect(await far.gets('ring', 300)).toBe(false);
      await far.type('ring', 3000);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(750);
      const q = await kiosk.type('help.queued');
      kiosk.send({ type: 'help.cancel', requestId: q.request.requestId });
      await kiosk.type('help.cancelled');

      // Nobody preferred is available: anyone rings at once.
      near.send({ type: 'status.set', status: 'busy' });
      await near.type('status');
      stranger = await consoleClient(r, await login(r, 'stranger'), undefined, 'available');
      const t1 = Date.now();
      kiosk.send({ type: 'help.request', lang: 'en', screen: 'welcome' });
      await Promise.all([far.type('ring'), stranger.type('ring')]);
      expect(Date.now() - t1).toBeLessThan(500); // at once, not after the 750 ms preference wait
      expect(await near.gets('ring', 100)).toBe(false);
    } finally {
      await closeAll(kiosk, near, far, stranger);
      await r.hub.close();
    }
  });

  it('unanswered → keep waiting rings again → leave a phone number → call back, deleted when done', async () => {
    const r = await startHub(await seededDb(target), { ringTimeoutMs: 300, wardContacts: { [WARD]: { name: 'Bộ phận một cửa', phone: '024 3825 1234' } } });
    let kiosk: Client | undefined, v1: Client | undefined;
    try {
      const secret = await enrolKiosk(r, 'hang-bai-03');
      kiosk = await kioskClient(r, 'hang-bai-03', secret);
      kiosk.send({ type: 'help.request', lang: 'vi', screen: 'form:1.000894' });
      const q = await kiosk.type('help.queued');
      expect(q.request).toMatchObject({ state: 'waiting', ringing: 0 });
      const un = await kiosk.type('help.unanswered', 2000);
      expect(un.options).toEqual({ wait: true, callback: true, contact: { name: 'Bộ phận một cửa', phone: '024 3825 1234' } });

      // Keep waiting: a volunteer who came online meanwhile is rung.
      v1 = await consoleClient(r, await login(r, 'tnv1'), undefined, 'available');
      expect(await v1.gets('ring', 100)).toBe(false); // unanswered requests do not ring
      kiosk.send({ type: 'help.wait', requestId: q.request.requestId });
      expect((await kiosk.type('help.queued')).request).toMatchObject({ attempt: 2, state: 'ringing' });
      expect((await v1.type('ring')).ring.attempt).toBe(2);
      await kiosk.type('help.unanswered', 2000);
      expect((await v1.type('ring.cancel')).reason).toBe('timeout');

      kiosk.send({ type: 'help.callback', requestId: q.request.requestId, phone: '0912 345 678' });
      await kiosk.type('help.callback.recorded');
      expect((await r.hub.repo.getRequest(q.request.requestId))!.state).toBe('callback');
      const staff = await login(r, 'canbo');
      const list = await get(`${r.url}/api/callbacks`, { cookie: staff });
      expect(list.json.callbacks).toMatchObject([{ requestId: q.request.requestId, phone: '0912 345 678', kioskId: 'hang-bai-03' }]);
      const done = await post(`${r.url}/api/callbacks/${list.json.callbacks[0].id}/done`, {}, staff);
      expect(done.status).toBe(200);
      expect((await get(`${r.url}/api/callbacks`, { cookie: staff })).json.callbacks).toEqual([]);
      await waitAudit(r, (a) => a.action === 'callback.done');
      const audit = await r.hub.repo.listAudit({ limit: 500 });
      // No phone number in the audit log, in any spacing (and not fooled by digits inside timestamps).
      const texts = audit.map((a) => [a.actor, a.action, a.target ?? '', a.detail ?? ''].join(' ')).join('\n');
      expect(texts.replace(/[\s.-]/g, '')).not.toMatch(/0912345678|912345678/);
      expect(texts).not.toMatch(/345 678/);

      // A bad phone number is refused by the schema.
      kiosk.send({ type: 'help.request', lang: 'vi', screen: 'welcome' });
      const q2 = await kiosk.type('help.queued');
      kiosk.send({ type: 'help.callback', requestId: q2.request.requestId, phone: '12' });
      expect((await kiosk.type('error')).code).toBe('bad_message');
    } finally {
      await closeAll(kiosk, v1);
      await r.hub.close();
    }
  });

  it('keeps a waiting request across a hub restart: volunteers reconnect, it rings again, the call proceeds', async () => {
    const dbUrl = await seededDb(target);
    let r = await startHub(dbUrl, { ringTimeoutMs: 10_000 });
    let kiosk: Client | undefined, v1: Client | undefined, v2: Client | undefined;
    try {
      const secret = await enrolKiosk(r, 'hang-bai-04');
      v1 = await consoleClient(r, await login(r, 'tnv1'), undefined, 'available');
      kiosk = await kioskClient(r, 'hang-bai-04', secret);
      kiosk.send({ type: 'help.request', lang: 'vi', screen: 'browse' });
      const requestId = (await v1.type('ring')).ring.requestId as string;
      const cookie1 = await login(r, 'tnv1');
      const cookie2 = await login(r, 'tnv2');
      const kioskResume = { epoch: r.hub.epoch, lastServerSeq: kiosk.lastServerSeq() };

      // Restart: close, and a new hub on the same database.
      await r.hub.close();
      await Promise.all([kiosk.closed, v1.closed]);
      r = await startHub(dbUrl, { ringTimeoutMs: 10_000 });
      expect(r.hub.epoch).not.toBe(kioskResume.epoch);
      expect((await r.hub.repo.getRequest(requestId))!.state).toBe('waiting');

      // The kiosk reconnects first: new epoch, so no replay, and the snapshot shows its request waiting.
      kiosk = await kioskClient(r, 'hang-bai-04', secret, kioskResume);
      const welcome = kiosk.received.find((m) => m.type === 'welcome')!;
      expect(welcome).toMatchObject({ resumed: false, replayed: 0 });
      expect(kiosk.received.find((m) => m.type === 'snapshot')!.request).toMatchObject({ requestId, state: 'waiting' });

      // Volunteers reconnect (sessions survive; availability was stored): it rings again.
      v1 = await consoleClient(r, cookie1);
      v2 = await consoleClient(r, cookie2, undefined, 'available');
      const ring = await v1.type('ring');
      expect(ring.ring.requestId).toBe(requestId);
      v2.send({ type: 'ring.accept', requestId });
      await v2.type('call.started');
      expect((await v1.type('ring.cancel')).reason).toBe('taken');
      expect((await kiosk.type('help.accepted')).requestId).toBe(requestId);
      kiosk.send({ type: 'chat', callId: requestId, text: 'alo' });
      expect((await v2.type('chat')).text).toBe('alo');
      kiosk.send({ type: 'call.end', callId: requestId });
      expect((await v2.type('call.ended')).by).toBe('kiosk');
    } finally {
      await closeAll(kiosk, v1, v2);
      await r.hub.close();
    }
  });

  it('a call survives a short drop: the volunteer resumes, missed messages are replayed, resends are ignored', async () => {
    const r = await startHub(await seededDb(target));
    let kiosk: Client | undefined, v1: Client | undefined;
    try {
      const secret = await enrolKiosk(r, 'hang-bai-05');
      const cookie = await login(r, 'tnv1');
      v1 = await consoleClient(r, cookie, undefined, 'available');
      kiosk = await kioskClient(r, 'hang-bai-05', secret);
      kiosk.send({ type: 'help.request', lang: 'vi', screen: 'welcome' });
      const callId = (await v1.type('ring')).ring.requestId as string;
      v1.send({ type: 'ring.accept', requestId: callId });
      await v1.type('call.started');
      await kiosk.type('help.accepted');
      const resume = { epoch: r.hub.epoch, lastServerSeq: v1.lastServerSeq() };

      await v1.close();
      expect((await kiosk.next((m) => m.type === 'peer')).online).toBe(false);
      kiosk.send({ type: 'chat', callId, text: 'còn đó không?' });
      kiosk.send({ type: 'rtc.offer', callId, sdp: SDP });
      await kiosk.type('chat'); // the kiosk's own copy

      v1 = await consoleClient(r, cookie, resume);
      const welcome = v1.received.find((m) => m.type === 'welcome')!;
      expect(welcome).toMatchObject({ resumed: true, replayed: 2 });
      const types = v1.received.map((m) => m.type);
      expect(types.slice(0, 4)).toEqual(['welcome', 'chat', 'rtc.offer', 'snapshot']);
      expect(v1.received.find((m) => m.type === 'snapshot')!.call).toMatchObject({ callId, peerOnline: true });
      expect((await kiosk.next((m) => m.type === 'peer')).online).toBe(true);
      // seqs of the stream continue without a gap
      const replayed = v1.received.filter((m) => m.type === 'chat' || m.type === 'rtc.offer').map((m) => m.seq);
      expect(replayed).toEqual([resume.lastServerSeq + 1, resume.lastServerSeq + 2]);

      // The kiosk resends a chat it already sent (same seq): delivered once.
      const seq = kiosk.send({ type: 'chat', callId, text: 'một lần' });
      kiosk.send({ type: 'chat', callId, text: 'một lần' }, seq);
      await v1.next((m) => m.type === 'chat' && m.text === 'một lần');
      expect(await v1.next((m) => m.type === 'chat' && m.text === 'một lần', 200).catch(() => null)).toBeNull();
    } finally {
      await closeAll(kiosk, v1);
      await r.hub.close();
    }
  });
});
