/**
 * The kiosk services' help channel against a real hub (in-process, SQLite):
 * enrol with a one-time code, ring volunteers, take the call, chat both ways,
 * survive a hub restart while the request waits, hang up when the resident leaves.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KioskEvent } from '../../../common/contract/kiosk-api.ts';
import { openRepository } from '../../../hub/db/index.ts';
import { createKioskServices } from '../../../services/kiosk-services.ts';
import { memoryLogger } from '../../../services/log.ts';
import { DEFAULT_CONFIG, FIXTURE_CATALOGUE, tempDir } from '../../support/paths.ts';
import { consoleClient, login, post, seedUsers, startHub, WARD, type Running } from '../hub/helpers.ts';

async function hubWithUsers(file: string, port = 0): Promise<Running> {
  const repo = await openRepository(`sqlite:${file}`);
  await seedUsers(repo);
  await repo.close();
  return startHub(`sqlite:${file}`, { port });
}

describe('kiosk ↔ hub help channel (kiosk services side)', () => {
  it('enrols, rings, connects a call with chat both ways, resyncs after a hub restart, hangs up on session end', async () => {
    const dir = tempDir('hubclient');
    const hubFile = path.join(dir, 'hub.sqlite');
    let r = await hubWithUsers(hubFile);
    const port = Number(new URL(r.url).port);
    const staff = await login(r, 'canbo');
    const code = (await post(`${r.url}/api/enrolment-codes`, { ward: WARD, ttlMinutes: 10 }, staff)).json.code as string;
    const base = JSON.parse(readFileSync(DEFAULT_CONFIG, 'utf8')) as Record<string, any>;
    const configPath = path.join(dir, 'kiosk.json');
    writeFileSync(configPath, JSON.stringify({ ...base, hub: { url: r.url }, devices: { ...base.devices, printer: { transport: 'none' }, scanner: { transport: 'none' } } }));

    const s = await createKioskServices({ configPath, cataloguePath: FIXTURE_CATALOGUE, dataDir: path.join(dir, 'kiosk'), tmpRoot: tempDir('hubclient-tmp'), carrier: 'browser', appVersion: 't', logger: memoryLogger(), hubEnrolmentCode: code });
    const events: { event: KioskEvent; payload: any }[] = [];
    s.onEvent((event, payload) => events.push({ event, payload }));
    const ctx = { carrier: 'browser' as const };
    const call = async (m: string, p: unknown) => {
      const env = await s.dispatch(m, p, ctx);
      if (!env.ok) throw new Error(`${m}: ${env.error.code}`);
      return env.result as any;
    };
    const waitEvent = async (pred: (e: { event: KioskEvent; payload: any }) => boolean, ms = 5000) => {
      const until = Date.now() + ms;
      while (Date.now() < until) {
        const e = events.find(pred);
        if (e) return e;
        await new Promise((res) => setTimeout(res, 10));
      }
      throw new Error(`event did not come; got ${JSON.stringify(events.map((e) => [e.event, e.payload.type ?? e.payload.hub]))}`);
    };
    try {
      await expect.poll(async () => (await call('help.state', {})).hub, { timeout: 5000 }).toBe('connected');
      const v1 = await consoleClient(r, await login(r, 'tnv1'), undefined, 'available');

      await call('session.start', { lang: 'vi' });
      const asked = await call('help.request', { screen: 'question' });
      expect(asked.status).toBe('ringing');
      const ring = v1.received.find((m) => m.type === 'ring') ?? (await v1.type('ring'));
      expect(ring.ring.requestId).toBe(asked.requestId);

      // The hub restarts while the request waits: the kiosk reconnects and the request is still there.
      await v1.close();
      await r.hub.close();
      r = await startHub(`sqlite:${hubFile}`, { port });
      await expect.poll(async () => (await call('help.state', {})).hub, { timeout: 15_000 }).toBe('connected');
      expect((await call('help.state', {})).request?.requestId).toBe(asked.requestId);
      const v1b = await consoleClient(r, await login(r, 'tnv1'), undefined, 'available');
      // (the ring may arrive before the console's own status ack)
      const ring2 = v1b.received.find((m) => m.type === 'ring') ?? (await v1b.type('ring'));
      v1b.send({ type: 'ring.accept', requestId: ring2.ring.requestId });
      await v1b.type('call.started');
      // Either the event itself or, when it happened during the reconnect, the hub's snapshot says so.
      const accepted = await waitEvent((e) => e.event === 'help.event' && (e.payload.type === 'help.accepted' || (e.payload.type === 'snapshot' && e.payload.request?.call)));
      const callId = (accepted.payload.call ?? accepted.payload.request.call).callId as string;
      expect(callId).toBe(asked.requestId);

      // Chat both ways through the kiosk API.
      expect((await call('help.send', { message: { type: 'chat', callId, text: 'Cháu ơi, bác không thấy nút nộp' } })).sent).toBe(true);
      expect((await v1b.type('chat')).text).toBe('Cháu ơi, bác không thấy nút nộp');
      v1b.send({ type: 'chat', callId, text: 'Bác bấm nút màu xanh ạ' });
      await waitEvent((e) => e.event === 'help.event' && e.payload.type === 'chat' && e.payload.text === 'Bác bấm nút màu xanh ạ');
      // A malformed message from the renderer is refused at the kiosk boundary.
      const bad = await s.dispatch('help.send', { message: { type: 'chat', callId, text: 'x'.repeat(5000) } }, ctx);
      expect(bad.ok).toBe(false);

      // The resident leaves: the call ends for the volunteer too.
      await call('session.end', { reason: 'finished' });
      expect((await v1b.type('call.ended')).by).toBe('kiosk');
      expect((await call('help.state', {})).request).toBeNull();
      await v1b.close();
    } finally {
      await s.close();
      await r.hub.close();
    }
  }, 60_000);

  it('gets the hub’s TURN credentials for a call (this kiosk’s own, short-lived), only in a session', async () => {
    const dir = tempDir('hubclient-turn');
    const repo = await openRepository(`sqlite:${path.join(dir, 'hub.sqlite')}`);
    await seedUsers(repo);
    await repo.close();
    const turn = { urls: ['turn:127.0.0.1:3478?transport=udp'], secret: 'a-static-auth-secret-of-coturn', ttl: 600 };
    const r = await startHub(`sqlite:${path.join(dir, 'hub.sqlite')}`, { turn });
    const code = (await post(`${r.url}/api/enrolment-codes`, { ward: WARD, ttlMinutes: 10 }, await login(r, 'canbo'))).json.code as string;
    const base = JSON.parse(readFileSync(DEFAULT_CONFIG, 'utf8')) as Record<string, any>;
    const configPath = path.join(dir, 'kiosk.json');
    writeFileSync(configPath, JSON.stringify({ ...base, hub: { url: r.url }, devices: { ...base.devices, printer: { transport: 'none' }, scanner: { transport: 'none' } } }));
    const s = await createKioskServices({ configPath, cataloguePath: FIXTURE_CATALOGUE, dataDir: path.join(dir, 'kiosk'), tmpRoot: tempDir('hubclient-turn-tmp'), carrier: 'browser', appVersion: 't', logger: memoryLogger(), hubEnrolmentCode: code });
    const ctx = { carrier: 'browser' as const };
    try {
      await expect.poll(async () => ((await s.dispatch('help.state', {}, ctx)) as any).result?.hub, { timeout: 5000 }).toBe('connected');
      const outside = await s.dispatch('help.iceServers', {}, ctx);
      expect(outside.ok).toBe(false);
      await s.dispatch('session.start', { lang: 'vi' }, ctx);
      const got = (await s.dispatch('help.iceServers', {}, ctx)) as any;
      expect(got.ok).toBe(true);
      const [server] = got.result.iceServers;
      expect(server.urls).toEqual(turn.urls);
      const [expiry, who] = server.username.split(':');
      expect(who).toBe(`kiosk-${base.kiosk.id}`);
      expect(Number(expiry) * 1000).toBeGreaterThan(Date.now());
      expect(Number(expiry) * 1000).toBeLessThanOrEqual(Date.now() + 601_000);
      const { createHmac } = await import('node:crypto');
      expect(server.credential).toBe(createHmac('sha1', turn.secret).update(server.username).digest('base64'));
    } finally {
      await s.close();
      await r.hub.close();
    }
  }, 30_000);
});
