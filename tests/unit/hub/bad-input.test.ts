/**
 * Forged, malformed, oversized and abusive input, on SQLite and PostgreSQL:
 * refused with an error, audited, the connection kept unless abusive — and
 * the hub keeps serving everyone else (proved with a second client each time).
 */
import { describe, expect, it } from 'vitest';
import { MAX_HUB_MESSAGE_BYTES } from '../../../common/contract/hub-common.ts';
import { Client, consoleClient, enrolKiosk, kioskClient, login, seededDb, startHub, useDatabases, waitAudit, type Running } from './helpers.ts';

const targets = useDatabases();

/** The other kiosk still gets answers. */
async function stillServed(other: Client): Promise<void> {
  other.send({ type: 'ping' });
  await other.type('pong');
}

describe.each(targets)('bad input on $name', (target) => {
  async function setup(opts = {}): Promise<{ r: Running; a: Client; b: Client; secretA: string; secretB: string }> {
    const r = await startHub(await seededDb(target), opts);
    const staff = await login(r, 'canbo');
    const secretA = await enrolKiosk(r, 'kiosk-a', staff);
    const secretB = await enrolKiosk(r, 'kiosk-b', staff);
    const a = await kioskClient(r, 'kiosk-a', secretA);
    const b = await kioskClient(r, 'kiosk-b', secretB);
    return { r, a, b, secretA, secretB };
  }

  it('malformed, unknown, extra-key, binary and oversized messages: refused, audited, connection kept', async () => {
    const { r, a, b } = await setup();
    const early = new Client(r.wsUrl, 'kiosk');
    try {
      await early.opened;
      early.send({ type: 'help.request', lang: 'vi', screen: 'welcome' });
      expect((await early.type('error')).code).toBe('hello_first');

      a.raw('{not json');
      expect((await a.type('error')).code).toBe('bad_message');
      a.send({ type: 'format.disk' });
      expect(await a.type('error')).toMatchObject({ code: 'bad_message', refType: 'format.disk' });
      a.send({ type: 'help.request', lang: 'vi', screen: 'welcome', name: 'Nguyễn Văn A' });
      expect(await a.type('error')).toMatchObject({ code: 'bad_message', refType: 'help.request' });
      a.send({ type: 'help.request', lang: 'fr', screen: 'welcome' });
      expect((await a.type('error')).code).toBe('bad_message');
      a.raw(Buffer.from([1, 2, 3]), true);
      expect((await a.type('error')).code).toBe('bad_message');
      a.send({ type: 'chat', callId: '00000000-0000-4000-8000-000000000000', text: 'x'.repeat(MAX_HUB_MESSAGE_BYTES) });
      expect((await a.type('error')).code).toBe('too_large');

      await stillServed(a); // the connection is still open and working
      await stillServed(b);
      b.send({ type: 'help.request', lang: 'vi', screen: 'welcome' });
      await b.type('help.queued');

      await waitAudit(r, (x) => x.action === 'ws.refused' && x.actor === 'kiosk:kiosk-a' && !!x.detail?.startsWith('code=too_large bytes=') && Number(x.detail.split('=')[2]) > MAX_HUB_MESSAGE_BYTES);
      await waitAudit(r, (x) => x.action === 'ws.refused' && x.actor === 'kiosk:kiosk-a' && x.target === 'help.request' && !!x.detail?.includes('issues=(root)'));
      const rows = await r.hub.repo.listAudit({ limit: 500 });
      expect(JSON.stringify(rows)).not.toContain('Nguyễn'); // refused content is never written down
    } finally {
      await Promise.all([a.close(), b.close(), early.close()]);
      await r.hub.close();
    }
  });

  it('a message over the hard cap closes only that socket (1009)', async () => {
    const { r, a, b } = await setup();
    try {
      a.raw('x'.repeat(5 * MAX_HUB_MESSAGE_BYTES));
      expect((await a.closed).code).toBe(1009);
      await stillServed(b);
      await waitAudit(r, (x) => x.action === 'ws.error' && x.actor === 'kiosk:kiosk-a');
    } finally {
      await Promise.all([a.close(), b.close()]);
      await r.hub.close();
    }
  });

  it('a kiosk claiming another’s id is refused and audited; so is a second hello with another id', async () => {
    const { r, a, b, secretA } = await setup();
    try {
      const forger = new Client(r.wsUrl, 'kiosk');
      await forger.opened;
      forger.send({ type: 'hello', kioskId: 'kiosk-b', secret: secretA, epoch: null, lastServerSeq: 0 });
      expect((await forger.type('error')).code).toBe('unauthorized');
      expect((await forger.closed).code).toBe(4401);
      await waitAudit(r, (x) => x.action === 'kiosk.auth_failed' && x.target === 'kiosk:kiosk-b' && x.detail === 'bad_secret');

      const unknown = new Client(r.wsUrl, 'kiosk');
      await unknown.opened;
      unknown.send({ type: 'hello', kioskId: 'kiosk-zz', secret: secretA, epoch: null, lastServerSeq: 0 });
      expect((await unknown.closed).code).toBe(4401);
      await waitAudit(r, (x) => x.action === 'kiosk.auth_failed' && x.target === 'kiosk:kiosk-zz' && x.detail === 'unknown_kiosk');

      a.send({ type: 'hello', kioskId: 'kiosk-b', secret: secretA, epoch: null, lastServerSeq: 0 });
      expect((await a.closed).code).toBe(4403);
      await waitAudit(r, (x) => x.action === 'kiosk.impersonation' && x.actor === 'kiosk:kiosk-a' && x.target === 'kiosk:kiosk-b');
      await stillServed(b);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await r.hub.close();
    }
  });

  it('acting on another kiosk’s request or call, or accepting a request not ringing for you: refused and audited', async () => {
    const { r, a, b } = await setup();
    let v1: Client | undefined, v2: Client | undefined;
    try {
      v1 = await consoleClient(r, await login(r, 'tnv1'), undefined, 'available');
      v2 = await consoleClient(r, await login(r, 'tnv2'), undefined, 'busy');
      a.send({ type: 'help.request', lang: 'vi', screen: 'welcome' });
      const requestId = (await v1.type('ring')).ring.requestId as string;

      b.send({ type: 'help.cancel', requestId });
      expect((await b.type('error')).code).toBe('forbidden');
      v2.send({ type: 'ring.accept', requestId }); // busy: it never rang for tnv2
      expect((await v2.type('error')).code).toBe('forbidden');
      await waitAudit(r, (x) => x.action === 'ws.refused' && x.actor === 'user:tnv2' && x.target === 'ring.accept');

      v1.send({ type: 'ring.accept', requestId });
      await v1.type('call.started');
      b.send({ type: 'rtc.offer', callId: requestId, sdp: 'v=0' });
      expect((await b.type('error')).code).toBe('forbidden');
      b.send({ type: 'liveview', callId: requestId, events: [{ type: 3, data: {}, timestamp: 1 }] });
      expect((await b.type('error')).code).toBe('forbidden');
      v2.send({ type: 'call.end', callId: requestId, note: null });
      expect((await v2.type('error')).code).toBe('forbidden');
      await waitAudit(r, (x) => x.action === 'ws.refused' && x.actor === 'kiosk:kiosk-b' && x.target === 'rtc.offer' && x.detail === `code=forbidden target=${requestId}`);
      expect(await v1.gets('rtc.offer', 100)).toBe(false);
      expect(r.hub.queue.call(requestId)).not.toBeNull(); // the call goes on
    } finally {
      await Promise.all([a.close(), b.close(), v1?.close(), v2?.close()]);
      await r.hub.close();
    }
  });

  it('a flood is rate-limited, then the abusive socket is closed (1008); audit rows per socket are bounded', async () => {
    const { r, a, b } = await setup({ limits: { ratePerSecond: 20, rateBurst: 20, strikesToClose: 40, auditPerSocket: 5 } });
    try {
      for (let i = 0; i < 300; i++) a.raw('{bad');
      expect((await a.closed).code).toBe(1008);
      expect(a.received.some((m) => m.type === 'error' && m.code === 'rate_limited')).toBe(true);
      await stillServed(b);
      await waitAudit(r, (x) => x.action === 'ws.abusive' && x.actor === 'kiosk:kiosk-a');
      await waitAudit(r, (x) => x.action === 'ws.refused.suppressed' && x.actor === 'kiosk:kiosk-a');
      const refusedRows = (await r.hub.repo.listAudit({ action: 'ws.refused', actor: 'kiosk:kiosk-a' })).length;
      expect(refusedRows).toBe(5);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await r.hub.close();
    }
  });

  it('console sockets need a valid session cookie and the same origin', async () => {
    const { r, a, b } = await setup();
    try {
      await expect(new Client(r.wsUrl, 'console').opened).rejects.toThrow('401');
      await expect(new Client(r.wsUrl, 'console', { cookie: 'hub_session=forged-token-forged-token-forged-token' }).opened).rejects.toThrow('401');
      const cookie = await login(r, 'tnv1');
      await expect(new Client(r.wsUrl, 'console', { cookie, origin: 'http://evil.example' }).opened).rejects.toThrow('403');
      await waitAudit(r, (x) => x.action === 'ws.origin_refused');
      const ok = await consoleClient(r, cookie);
      await ok.close();
      await stillServed(b);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await r.hub.close();
    }
  });
});
