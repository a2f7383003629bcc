/**
 * The kiosk's fleet agent (services/fleet/) against a real in-process hub
 * (SQLite): enrolment, heartbeats without personal data, a published config
 * applied only between residents (a bad one keeps the last good one and is
 * reported), rollback, commands de-duplicated by id, maintenance that
 * survives a restart, the outbox, track through the hub and offline, and the
 * day's statistics.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HubToKiosk } from '../../../common/contract/hub-kiosk.ts';
import { openRepository } from '../../../hub/db/index.ts';
import { createKioskServices, type KioskServices, type KioskServicesOptions } from '../../../services/kiosk-services.ts';
import { memoryLogger } from '../../../services/log.ts';
import { DEFAULT_CONFIG, DEMO_PIN, FIXTURE_CATALOGUE, tempDir } from '../../support/paths.ts';
import { BASE_SETTINGS, get, login, post, seedUsers, SMALL_CATALOGUE, startHub, until, WARD, type Running } from './helpers.ts';

const ctx = { carrier: 'browser' as const };
const VALID = { childName: 'Nguyễn Thị Mai', childBirthDate: '05/09/2024', childSex: 'nu', declarantId: '001190012345', phone: '0912345678' };

interface Rig {
  hub: Running;
  cookie: string;
  dir: string;
  configPath: string;
  dataDir: string;
  s: KioskServices;
  logger: ReturnType<typeof memoryLogger>;
  call(m: string, p?: unknown): Promise<any>;
  open(extra?: Partial<KioskServicesOptions>): Promise<KioskServices>;
  detail(): Promise<any>;
}

const rigs: Rig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) {
    await r.s.close().catch(() => undefined);
    await r.hub.hub.close().catch(() => undefined);
  }
});

async function rig(opts: { printer?: 'virtual' | 'none'; services?: Partial<KioskServicesOptions>; enrol?: boolean } = {}): Promise<Rig> {
  const dir = tempDir('agent');
  const file = path.join(dir, 'hub.sqlite');
  const repo = await openRepository(`sqlite:${file}`);
  await seedUsers(repo);
  await repo.close();
  const hub = await startHub(`sqlite:${file}`, { fleet: { consoleFlushMs: 50 } });
  const cookie = await login(hub, 'canbo');
  const base = JSON.parse(readFileSync(DEFAULT_CONFIG, 'utf8')) as Record<string, any>;
  const configPath = path.join(dir, 'kiosk.json');
  writeFileSync(configPath, JSON.stringify({ ...base, hub: { url: hub.url }, devices: { ...base.devices, printer: { transport: opts.printer ?? 'none' }, scanner: { transport: 'none' } } }));
  const code = opts.enrol === false ? undefined : ((await post(`${hub.url}/api/enrolment-codes`, { ward: WARD, ttlMinutes: 10 }, cookie)).json.code as string);
  const dataDir = path.join(dir, 'kiosk');
  const logger = memoryLogger();
  const r: Rig = {
    hub,
    cookie,
    dir,
    configPath,
    dataDir,
    logger,
    s: null as unknown as KioskServices,
    async open(extra = {}) {
      return createKioskServices({
        configPath,
        cataloguePath: FIXTURE_CATALOGUE,
        dataDir,
        tmpRoot: tempDir('agent-tmp'),
        carrier: 'browser',
        appVersion: '0.1.0',
        logger,
        fleet: { heartbeatMs: 300, statsMs: 300, outboxRetryMs: 1000, printTestTimeoutMs: 5000 },
        ...opts.services,
        ...extra,
      });
    },
    async call(m, p = {}) {
      const env = await r.s.dispatch(m, p, ctx);
      if (!env.ok) throw Object.assign(new Error(`${m}: ${env.error.code}`), { code: env.error.code });
      return env.result as any;
    },
    async detail() {
      await hub.hub.settled();
      return (await get(`${hub.url}/api/fleet/kiosks/hang-bai-01`, { cookie })).json;
    },
  };
  r.s = await r.open({ hubEnrolmentCode: code });
  rigs.push(r);
  if (opts.enrol !== false) await until(() => r.s.fleet.connected, 'kiosk connected');
  return r;
}

async function publish(r: Rig, config: unknown, catalogue: unknown = SMALL_CATALOGUE): Promise<number> {
  const res = await post(`${r.hub.url}/api/fleet/config/publish`, { ward: WARD, config, catalogue, note: null }, r.cookie);
  if (res.status !== 200) throw new Error(`publish ${res.status} ${JSON.stringify(res.json)}`);
  return res.json.version as number;
}

async function command(r: Rig, kind: string, maintenance: unknown = null): Promise<string> {
  const res = await post(`${r.hub.url}/api/fleet/kiosks/hang-bai-01/commands`, { kind, maintenance }, r.cookie);
  if (res.status !== 200) throw new Error(`command ${res.status} ${JSON.stringify(res.json)}`);
  return res.json.command.id as string;
}

async function acked(r: Rig, id: string): Promise<{ result: string; detail: string | null }> {
  return until(async () => {
    const c = (await r.detail()).commands.find((x: { id: string }) => x.id === id);
    return c?.result ? c : null;
  }, `ack of ${id}`);
}

describe('fleet agent: enrolment and heartbeats', () => {
  it('a kiosk without a device secret needs enrolment; staff enrol it with a one-time code behind the PIN', async () => {
    const r = await rig({ enrol: false });
    expect(r.s.info().enrolment).toBe('needed');
    await expect(r.call('session.start', { lang: 'vi' })).rejects.toMatchObject({ code: 'E_UNAVAILABLE' });
    const code = (await post(`${r.hub.url}/api/enrolment-codes`, { ward: WARD, ttlMinutes: 10 }, r.cookie)).json.code as string;
    await expect(r.call('staff.enrol', { code })).rejects.toMatchObject({ code: 'E_FORBIDDEN' }); // PIN first
    expect((await r.call('staff.unlock', { pin: DEMO_PIN })).unlocked).toBe(true);
    expect(await r.call('staff.enrol', { code: 'ABCDEFGH' })).toEqual({ enrolled: false, reason: 'bad-code' });
    const changed = new Promise((resolve) => r.s.onEvent((e, p) => e === 'kiosk.changed' && (p as { enrolment?: string }).enrolment === 'enrolled' && resolve(p)));
    expect(await r.call('staff.enrol', { code: code.toLowerCase() })).toEqual({ enrolled: true, reason: null });
    await changed;
    await until(() => r.s.fleet.connected, 'connected after enrolment');
    expect(r.s.info().enrolment).toBe('enrolled');
    await until(async () => (await r.detail()).kiosk.online, 'online in the console');
    expect((await r.detail()).kiosk.name).toContain('Kiosk số 1');
    // The code is spent; the secret is kept across a restart.
    await r.s.close();
    r.s = await r.open();
    expect(r.s.info().enrolment).toBe('enrolled');
    await until(() => r.s.fleet.connected, 'reconnected with the stored secret');
  });

  it('a new screen reaches the hub at once, not at the next 15 s heartbeat, and at most once per 5 s', async () => {
    const r = await rig({ services: { fleet: { heartbeatMs: 60_000, statsMs: 60_000, outboxRetryMs: 60_000, printTestTimeoutMs: 5000 } } });
    await until(async () => (await r.detail()).kiosk.health?.screen === 'welcome', 'first heartbeat on connect');
    const t0 = Date.now();
    await r.call('session.start', { lang: 'vi' });
    await until(async () => (await r.detail()).kiosk.health?.screen === 'home', 'home at the hub');
    expect(Date.now() - t0).toBeLessThan(2000);
    // The next change within 5 s waits for the throttle, then arrives.
    await r.call('form.saveAnswer', { serviceCode: '1.001193', questionId: 'childName', value: 'Hoàng Thị Lan' });
    const t1 = Date.now();
    await new Promise((res) => setTimeout(res, 1500));
    expect((await r.detail()).kiosk.health?.screen).toBe('home');
    await until(async () => (await r.detail()).kiosk.health?.screen === 'form:1.001193', 'form at the hub', 8000);
    expect(Date.now() - t1).toBeLessThan(6000);
  });

  it('the renderer names its screen (ui.screen): a service page reaches the hub; a name that is not a screen name is refused and never sent', async () => {
    const r = await rig({ services: { fleet: { heartbeatMs: 60_000, statsMs: 60_000, outboxRetryMs: 60_000, printTestTimeoutMs: 5000 } } });
    await until(async () => (await r.detail()).kiosk.health?.screen === 'welcome', 'first heartbeat on connect');
    await r.call('session.start', { lang: 'vi' });
    await r.call('ui.screen', { screen: 'service:1.001193' });
    await until(async () => (await r.detail()).kiosk.health?.screen === 'service:1.001193', 'service page at the hub', 8000);
    // Free text (a name typed by a resident, say) does not fit ScreenName: refused at the boundary.
    await expect(r.call('ui.screen', { screen: 'Nguyễn Văn An' })).rejects.toMatchObject({ code: 'E_INVALID_PARAMS' });
    await new Promise((res) => setTimeout(res, 5500)); // past the 5 s screen throttle
    await r.call('ui.screen', { screen: 'check:1.001193' });
    await until(async () => (await r.detail()).kiosk.health?.screen === 'check:1.001193', 'check page at the hub', 8000);
    expect(JSON.stringify(await r.detail())).not.toContain('Nguyễn Văn An');
  });

  it('heartbeats carry versions, devices, the screen name — never what the resident typed', async () => {
    const r = await rig({ printer: 'virtual' });
    const secrets = ['Hoàng Thị Lan', '079190054321', '0987654321'];
    await r.call('session.start', { lang: 'vi' });
    await r.call('form.saveAnswer', { serviceCode: '1.001193', questionId: 'childName', value: secrets[0] });
    const during = r.s.fleet.health();
    expect(during.screen).toBe('form:1.001193');
    await r.call('application.submit', { serviceCode: '1.001193', consent: true, answers: { ...VALID, childName: secrets[0], declarantId: secrets[1], phone: secrets[2] } });
    await until(async () => (await r.detail()).kiosk.health?.screen === 'confirmation:1.001193', 'screen seen by the hub');
    const h = (await r.detail()).kiosk.health;
    expect(h).toMatchObject({ appVersion: '0.1.0', configVersion: null, scanner: { state: 'none' }, crashesLastHour: 0 });
    expect(h.diskFreeMb).toBeGreaterThan(0);
    expect(Object.keys(h).sort()).toEqual(['appVersion', 'configVersion', 'crashesLastHour', 'diskFreeMb', 'printer', 'scanner', 'screen', 'uptimeSec']);
    // The printer runs out of paper: the hub knows within a poll and a heartbeat.
    r.s.receipts.virtualPrinter!.set({ paperOut: true });
    await until(async () => (await r.detail()).kiosk.health?.printer.state === 'paper-out', 'paper-out at the hub', 8000);
    await r.call('session.end', { reason: 'finished' });
    await until(async () => (await r.detail()).kiosk.health?.screen === 'welcome', 'welcome after the session');
    const everything = JSON.stringify([await r.detail(), r.logger.lines, await r.hub.hub.repo.listAudit({ limit: 500 })]);
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });
});

describe('fleet agent: published configuration', () => {
  it('applies a version only between residents, reports what it runs, keeps the last good one over a bad one, rolls back', async () => {
    const r = await rig();
    await r.call('session.start', { lang: 'vi' });
    expect(await publish(r, { ...BASE_SETTINGS, timeouts: { idleSeconds: 120, warningSeconds: 30 } })).toBe(1);
    await until(() => r.s.fleet.fs.config('pending')?.version === '1', 'v1 fetched');
    // Mid-session nothing changes for the resident.
    expect(r.s.config.timeouts.idleSeconds).toBe(90);
    expect((await r.call('catalogue.list')).services.length).toBe(2);
    expect(r.s.fleet.health().configVersion).toBeNull();
    await r.call('session.end', { reason: 'finished' });
    await until(() => r.s.config.version === 'hub-v1', 'v1 applied at the end of the session');
    expect(r.s.config.timeouts.idleSeconds).toBe(120);
    expect(r.s.config.kiosk.id).toBe('hang-bai-01'); // the kiosk's own part stays
    expect(r.s.config.hub.url).toBe(r.hub.url);
    expect((await r.call('catalogue.list')).services.map((s: { code: string }) => s.code)).toEqual(['1.001193']);
    await until(async () => (await r.detail()).kiosk.health?.configVersion === '1', 'hub sees v1 running');
    await until(async () => (await r.detail()).events.some((e: { kind: string; detail: string }) => e.kind === 'config.applied' && e.detail === 'version=1'), 'config.applied reported');

    // A version that fails the kiosk's schema (the hub never publishes one; a tampered row stands in for it).
    const bad = JSON.stringify({ ...BASE_SETTINGS, timeouts: { idleSeconds: 90, warningSeconds: 5 } });
    const cat = JSON.stringify(SMALL_CATALOGUE);
    const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);
    await r.hub.hub.fleet.store.insertVersion({ ward: WARD, version: 2, config: bad, catalogue: cat, configHash: sha(bad), catalogueHash: sha(cat), publishedBy: 'canbo', publishedAt: Date.now(), note: null, rollbackOf: null });
    r.s.fleet.onHubMessage({ type: 'config.available', seq: 1, version: '2', configUrl: '/api/fleet/kiosk/config/2', configHash: sha(bad), catalogueHash: sha(cat) } as HubToKiosk);
    await until(async () => (await r.detail()).events.some((e: { kind: string; detail: string }) => e.kind === 'config.failed' && e.detail.startsWith('version=2')), 'config.failed reported');
    expect(r.s.config.version).toBe('hub-v1');
    expect(r.s.config.timeouts.warningSeconds).toBe(30);
    expect(JSON.stringify(r.logger.lines)).toContain('timeouts.warningSeconds');
    // Announced again (after a reconnect): not fetched or reported twice.
    const failures = r.logger.lines.filter((l) => l.event === 'fleet.config-failed').length;
    r.s.fleet.onHubMessage({ type: 'config.available', seq: 2, version: '2', configUrl: '/api/fleet/kiosk/config/2', configHash: sha(bad), catalogueHash: sha(cat) } as HubToKiosk);
    await new Promise((res) => setTimeout(res, 300));
    expect(r.logger.lines.filter((l) => l.event === 'fleet.config-failed').length).toBe(failures);

    // Staff publish v3 and roll back to it from v4: the kiosk runs the content of v3 as v5.
    expect(await publish(r, { ...BASE_SETTINGS, timeouts: { idleSeconds: 150, warningSeconds: 30 } })).toBe(3);
    await until(() => r.s.config.version === 'hub-v3', 'v3 applied at once (idle)');
    expect(await publish(r, { ...BASE_SETTINGS, timeouts: { idleSeconds: 200, warningSeconds: 30 } })).toBe(4);
    await until(() => r.s.config.version === 'hub-v4', 'v4 applied');
    const rb = await post(`${r.hub.url}/api/fleet/config/rollback`, { ward: WARD }, r.cookie);
    expect(rb.json).toMatchObject({ version: 5, contentOf: 3 });
    await until(() => r.s.config.version === 'hub-v5', 'v5 (rollback) applied');
    expect(r.s.config.timeouts.idleSeconds).toBe(150);
    await until(async () => (await r.detail()).kiosk.health?.configVersion === '5', 'hub sees v5 running');

    // After a restart the kiosk runs the published version straight away.
    await r.s.close();
    r.s = await r.open();
    expect(r.s.config.version).toBe('hub-v5');
    expect(r.s.info().configVersion).toBe('hub-v5');
  });
});

describe('fleet agent: commands', () => {
  it('answers each command once, de-duplicated by id (also after a restart); maintenance survives the restart', async () => {
    const restarts: number[] = [];
    const r = await rig({ printer: 'virtual', services: { restart: () => restarts.push(Date.now()) } });
    const pages: unknown[] = [];
    r.s.receipts.virtualPrinter!.on('page', (p: unknown) => pages.push(p));

    const printId = await command(r, 'print-test');
    expect(await acked(r, printId)).toMatchObject({ result: 'ok' });
    await until(() => pages.length === 1, 'test page printed');
    // The same command again (the hub resends unacknowledged ones after each hello): answered, not run again.
    const acksBefore = (await r.hub.hub.repo.listAudit({ limit: 500 })).filter((a) => a.action === 'command.ack').length;
    r.s.fleet.onHubMessage({ type: 'command', seq: 1, command: { id: printId, kind: 'print-test', maintenance: null, issuedAt: Date.now() } } as HubToKiosk);
    await new Promise((res) => setTimeout(res, 1500));
    expect(pages.length).toBe(1);
    expect((await r.hub.hub.repo.listAudit({ limit: 500 })).filter((a) => a.action === 'command.ack').length).toBe(acksBefore);

    // A screenshot: the services ask the renderer (here: answered like the renderer does) and upload what it sends.
    const offShot = r.s.onEvent((event, payload) => {
      if (event !== 'fleet.screenshot') return;
      const events = [
        { type: 4, timestamp: 1, data: { href: '', width: 1280, height: 800 } },
        { type: 2, timestamp: 2, data: { node: { type: 0, childNodes: [{ type: 3, textContent: 'Chào mừng', id: 2 }], id: 1 }, initialOffset: { top: 0, left: 0 } } },
      ];
      void r.s.dispatch('fleet.screenshotPart', { requestId: (payload as { requestId: string }).requestId, events, last: true }, { carrier: 'browser' });
    });
    const shot = await command(r, 'screenshot');
    expect(await acked(r, shot)).toMatchObject({ result: 'ok' });
    offShot();
    const stored = await r.hub.hub.fleet!.store.getScreenshot(r.s.config.kiosk.id);
    expect(stored?.format).toBe('rrweb');
    expect(stored?.data).toContain('Chào mừng');

    // Recent logs on request: the kiosk's last lines (names and counts), shown to the ward's staff.
    expect(await acked(r, await command(r, 'send-logs'))).toMatchObject({ result: 'ok' });
    const logs = (await get(`${r.hub.url}/api/fleet/kiosks/hang-bai-01/logs`, { cookie: r.cookie })).json.logs;
    expect(logs.lines.length).toBeGreaterThan(3);
    expect(logs.lines.some((l: { event: string; fields: Record<string, unknown> }) => l.event === 'fleet.command' && l.fields.kind === 'print-test')).toBe(true);


    // Paper out: the test print fails with the printer's reason; its job waits; clear the queue.
    r.s.receipts.virtualPrinter!.set({ paperOut: true });
    await until(() => r.s.receipts.health().state === 'paper-out', 'printer reads paper-out', 8000);
    expect(await acked(r, await command(r, 'print-test'))).toMatchObject({ result: 'failed', detail: 'paper-out' });
    expect(await acked(r, await command(r, 'clear-print-queue'))).toMatchObject({ result: 'ok', detail: 'cleared 1' });

    // Maintenance: the screen says so, no session starts.
    const on = await command(r, 'maintenance', { active: true, message: 'Máy đang được bảo trì', instead: 'Bộ phận một cửa, tầng 1 UBND phường' });
    expect(await acked(r, on)).toMatchObject({ result: 'ok' });
    expect(r.s.info().maintenance).toEqual({ active: true, message: { vi: 'Máy đang được bảo trì', en: 'Máy đang được bảo trì' }, instead: { vi: 'Bộ phận một cửa, tầng 1 UBND phường', en: 'Bộ phận một cửa, tầng 1 UBND phường' } });
    await expect(r.call('session.start', { lang: 'vi' })).rejects.toMatchObject({ code: 'E_UNAVAILABLE' });
    await until(async () => (await r.detail()).kiosk.health?.screen === 'maintenance', 'maintenance screen at the hub');

    // Restart (asked by staff): acknowledged, the launcher is called once, and once only.
    const restartId = await command(r, 'restart');
    expect(await acked(r, restartId)).toMatchObject({ result: 'ok' });
    await until(() => restarts.length === 1, 'restart called');
    await r.s.close();
    r.s = await r.open({ restart: () => restarts.push(Date.now()) });
    await until(() => r.s.fleet.connected, 'back after the restart');
    r.s.fleet.onHubMessage({ type: 'command', seq: 1, command: { id: restartId, kind: 'restart', maintenance: null, issuedAt: Date.now() } } as HubToKiosk);
    await new Promise((res) => setTimeout(res, 1000));
    expect(restarts.length).toBe(1);
    expect(r.s.fleet.health().crashesLastHour).toBe(0); // asked for: not a crash
    // Maintenance is still on after the restart; staff turn it off.
    expect(r.s.info().maintenance.active).toBe(true);
    const off = await command(r, 'maintenance', { active: false, message: null, instead: null });
    expect(await acked(r, off)).toMatchObject({ result: 'ok' });
    expect(r.s.info().maintenance).toEqual({ active: false, message: null });
    expect((await r.call('session.start', { lang: 'vi' })).active).toBe(true);
  });
});

describe('fleet agent: applications, track, statistics', () => {
  it('delivers the outbox once, tracks through the hub and falls back to its own record offline', async () => {
    const r = await rig();
    await r.call('session.start', { lang: 'vi' });
    const sub = await r.call('application.submit', { serviceCode: '1.001193', consent: true, answers: VALID });
    const store = r.hub.hub.fleet.store;
    await until(async () => (await store.applicationByCode(sub.code)) !== null, 'application at the hub');
    await until(() => r.s.store.pendingOutbox().length === 0, 'outbox emptied by the ack');
    // The resident's answers are gone from the kiosk once the hub has them.
    expect(JSON.stringify(r.s.store.db.prepare('SELECT payload FROM outbox').all())).not.toContain('Nguyễn Thị Mai');
    const app = (await store.applicationByCode(sub.code))!;
    const set = await post(`${r.hub.url}/api/fleet/applications/${app.id}/status`, { status: 'needs-more', note: 'Xin bổ sung bản sao giấy chứng sinh' }, r.cookie);
    expect(set.status).toBe(200);
    // Nothing without the tracking PIN printed on the receipt (issue 17): the track screen asks for it.
    expect(await r.call('application.track', { code: sub.code })).toEqual({ found: false, serviceName: null, timeline: [], pinNeeded: true });
    const t = await r.call('application.track', { code: sub.code, pin: sub.trackingPin! });
    expect(t).toMatchObject({ found: true, source: 'hub', mayBeOutdated: false });
    expect(t.timeline.map((e: { status: string }) => e.status)).toEqual(['submitted', 'received', 'needs-more']);
    expect(t.timeline[2].note).toBeNull(); // staff notes stay with staff: the kiosk gets the status only (issue 17, finding 6)
    // The tracking PIN printed on the receipt (issue 17): shown with the confirmation; the right one finds it, a wrong one
    // finds nothing — neither at the hub nor from the kiosk's own record.
    expect(sub.trackingPin).toMatch(/^\d{8}$/);
    expect(await r.call('application.track', { code: sub.code, pin: sub.trackingPin! })).toMatchObject({ found: true, source: 'hub' });
    const wrongPin = String((Number(sub.trackingPin) + 1) % 1e8).padStart(8, '0');
    expect((await r.call('application.track', { code: sub.code, pin: wrongPin })).found).toBe(false);
    // A replay of a delivered item changes nothing.
    await new Promise((res) => setTimeout(res, 1200));
    expect(await store.countApplications()).toBe(1);

    // The hub goes away: the kiosk answers from its own record, saying it may be out of date.
    await r.hub.hub.close();
    await until(() => !r.s.fleet.connected, 'disconnected');
    const off = await r.call('application.track', { code: sub.code, pin: sub.trackingPin! });
    expect(off).toMatchObject({ found: true, source: 'local', mayBeOutdated: true });
    expect(off.timeline.map((e: { status: string }) => e.status)).toEqual(['submitted', 'received', 'needs-more']);
    expect((await r.call('application.track', { code: sub.code, pin: wrongPin })).found).toBe(false);
  });

  it('keeps an application the hub refuses, trying it less and less often', async () => {
    const r = await rig({ services: { fleet: { heartbeatMs: 300, outboxRetryMs: 250 } } });
    // A code of another ward's agency (as if the kiosk's file named the wrong agency): the hub refuses it every time.
    r.s.store.enqueueApplication({ id: randomUUID(), day: '261122', serviceCode: '1.001193', now: new Date().toISOString(), payload: { answers: VALID }, makeCode: (n) => `000.00.99.H99-261122-${1000 + n}` });
    r.s.applications.deliverOutbox(true);
    await new Promise((res) => setTimeout(res, 3000));
    await r.hub.hub.settled();
    const refused = (await r.hub.hub.repo.listAudit({ limit: 500 })).filter((a) => a.action === 'outbox.refused').length;
    expect(refused).toBeGreaterThanOrEqual(2);
    expect(refused).toBeLessThanOrEqual(5); // every 250 ms would be 12
    expect(r.s.store.pendingOutbox().length).toBe(1); // never dropped
    expect(await r.hub.hub.fleet.store.countApplications()).toBe(0);
  });

  it('counts the day (sessions, completed, receipts, help, ratings, services), sends it, clears a day that is over once acknowledged', async () => {
    let clock = new Date('2026-11-22T09:00:00+07:00').getTime();
    const r = await rig({ services: { now: () => new Date(clock) } });
    await r.call('session.start', { lang: 'vi' });
    await r.call('form.draft', { serviceCode: '1.001193' });
    await r.call('application.submit', { serviceCode: '1.001193', consent: true, answers: VALID });
    await r.call('feedback.submit', { rating: 5, serviceCode: '1.001193' });
    await r.call('help.request', { screen: 'confirmation' });
    await r.call('session.end', { reason: 'finished' });
    await r.call('session.start', { lang: 'en' });
    await r.call('feedback.submit', { rating: 3, serviceCode: null });
    await r.call('session.end', { reason: 'cancelled' });
    expect(r.s.fleet.fs.dayStats('2026-11-22')).toMatchObject({ sessions: 2, completed: 1, helpCalls: 1, ratings: [0, 0, 1, 0, 1], services: { '1.001193': 1 } });
    // The day is over (Vietnam time) before the hub acknowledges it.
    clock = new Date('2026-11-23T00:00:05+07:00').getTime();
    const stats = await until(async () => {
      const res = await get(`${r.hub.url}/api/fleet/stats?ward=${WARD}&from=2026-11-22&to=2026-11-22`, { cookie: r.cookie });
      return res.json.totals?.sessions === 2 ? res.json : null;
    }, 'stats at the hub');
    expect(stats.totals).toMatchObject({ sessions: 2, completed: 1 });
    await until(() => r.s.fleet.fs.statsDays().length === 0, 'the day cleared after stats.ack');
  });
});
