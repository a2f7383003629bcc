/**
 * The fleet across hub instances on one PostgreSQL (issue 18): staff on instance B see a kiosk that is
 * connected to instance A online, and its alerts; a command posted on B reaches the kiosk on A and its
 * ack comes back to B's console; a config published on B reaches the kiosk on A; the sweep raises no
 * false offline alert for kiosks on another instance; a kiosk moving from A to B stays online with no
 * offline alert; the kiosks of an instance that died go offline, once, on a surviving instance.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openCluster } from '../../../../hub/cluster/index.ts';
import { openRepository } from '../../../../hub/db/index.ts';
import type { HubOptions } from '../../../../hub/server/app.ts';
import { startTestPostgres, type TestPostgres } from '../../../support/postgres.ts';
import { BASE_SETTINGS, beat, consoleClient, enrolKiosk, get, kioskClient, login, post, seedUsers, SMALL_CATALOGUE, startHub, until, WARD, type Client, type Running } from '../../fleet/helpers.ts';

const FLEET: HubOptions['fleet'] = { offlineAfterMs: 1_500, sweepMs: 100, consoleFlushMs: 100, alertRules: { offlineAlertMs: 1_000 } };

let server: TestPostgres;
beforeAll(async () => {
  server = await startTestPostgres();
}, 60_000);
afterAll(async () => {
  await server?.stop();
}, 30_000);

const open: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close().catch(() => undefined);
});

async function freshDb(): Promise<string> {
  const url = await server.newDatabase();
  const repo = await openRepository(url);
  await seedUsers(repo);
  await repo.close();
  return url;
}

/** One hub instance with fast presence and lease timings. */
async function instance(url: string, id: string): Promise<Running> {
  const cluster = await openCluster(url, { instanceId: id, leaseRetryMs: 100, presence: { everyMs: 150, deadAfterMs: 600 } });
  const r = await startHub(url, { cluster, fleet: FLEET });
  open.push({ close: () => cluster.close() }, { close: () => r.hub.close() });
  return r;
}

function track<T extends Client>(c: T): T {
  open.push(c);
  return c;
}

async function kioskView(r: Running, cookie: string, kioskId: string) {
  const res = await get(`${r.url}/api/fleet/kiosks?ward=${WARD}`, { cookie });
  return (res.json.kiosks as { kioskId: string; online: boolean; openAlerts: string[]; publishedVersion: string | null }[]).find((k) => k.kioskId === kioskId);
}

async function alertsOf(r: Running, cookie: string) {
  const res = await get(`${r.url}/api/fleet/alerts?ward=${WARD}`, { cookie });
  return res.json.alerts as { kind: string; kioskId: string; state: string }[];
}

describe('fleet across instances (PostgreSQL)', () => {
  it('staff on B see A’s kiosk online; a command and a config from B reach it on A', async () => {
    const url = await freshDb();
    const a = await instance(url, 'hub-a');
    const b = await instance(url, 'hub-b');
    const staffB = await login(b, 'canbo');
    const secret = await enrolKiosk(a, 'hang-bai-01', await login(a, 'canbo'));
    const consoleB = track(await consoleClient(b, staffB));
    const k = track(await kioskClient(a, 'hang-bai-01', secret));
    await beat(k);
    // B's console is told, and B's list says online.
    await consoleB.next((m) => m.type === 'fleet.kiosks' && m.kiosks.some((x: { kioskId: string; online: boolean }) => x.kioskId === 'hang-bai-01' && x.online), 5_000, 'online on B');
    expect((await kioskView(b, staffB, 'hang-bai-01'))?.online).toBe(true);

    // A command posted on B reaches the kiosk on A; its ack reaches B's console.
    const cmd = await post(`${b.url}/api/fleet/kiosks/hang-bai-01/commands`, { kind: 'send-logs', maintenance: null }, staffB);
    expect(cmd.status).toBe(200);
    const got = await k.next((m) => m.type === 'command', 5_000, 'command on A');
    expect(got.command.id).toBe(cmd.json.command.id);
    k.send({ type: 'command.ack', commandId: got.command.id, result: 'ok', detail: null });
    await consoleB.next((m) => m.type === 'fleet.command' && m.command.id === got.command.id && m.command.result === 'ok', 5_000, 'ack on B');

    // A config published on B: config.available on the kiosk connected to A.
    const pub = await post(`${b.url}/api/fleet/config/publish`, { ward: WARD, config: BASE_SETTINGS, catalogue: SMALL_CATALOGUE, note: null }, staffB);
    expect(pub.status).toBe(200);
    const avail = await k.next((m) => m.type === 'config.available', 5_000, 'config.available on A');
    expect(avail.version).toBe(String(pub.json.version));
    await until(async () => (await kioskView(a, await login(a, 'canbo'), 'hang-bai-01'))?.publishedVersion === String(pub.json.version), 'A knows the version');
  }, 60_000);

  it('no false offline alert: B’s sweep leaves A’s kiosks to A; a kiosk moving A → B stays online', async () => {
    const url = await freshDb();
    const a = await instance(url, 'hub-a2');
    const b = await instance(url, 'hub-b2');
    const staffB = await login(b, 'canbo');
    const secret = await enrolKiosk(a, 'hang-bai-02', staffB);
    const k = track(await kioskClient(a, 'hang-bai-02', secret));
    // Heartbeats every 300 ms for 3 s — twice the offline window; B hears of none of them after the first.
    for (let i = 0; i < 10; i++) {
      await beat(k);
      await new Promise((r) => setTimeout(r, 300));
    }
    expect((await kioskView(b, staffB, 'hang-bai-02'))?.online).toBe(true);
    expect(await alertsOf(b, staffB)).toEqual([]);

    // The kiosk's connection moves to B (as through the load balancer after a network blip).
    await k.close();
    const k2 = track(await kioskClient(b, 'hang-bai-02', secret));
    for (let i = 0; i < 8; i++) {
      await beat(k2);
      await new Promise((r) => setTimeout(r, 300));
    }
    const cookieA = await login(a, 'canbo');
    expect((await kioskView(a, cookieA, 'hang-bai-02'))?.online).toBe(true);
    expect((await kioskView(b, staffB, 'hang-bai-02'))?.online).toBe(true);
    expect(await alertsOf(a, cookieA)).toEqual([]);
  }, 60_000);

  it('alerts are raised once, by the kiosk’s instance, and seen on the other', async () => {
    const url = await freshDb();
    const a = await instance(url, 'hub-a3');
    const b = await instance(url, 'hub-b3');
    const staffB = await login(b, 'canbo');
    const consoleB = track(await consoleClient(b, staffB));
    const secret = await enrolKiosk(a, 'hang-bai-03', staffB);
    const k = track(await kioskClient(a, 'hang-bai-03', secret));
    await beat(k, { printer: { state: 'paper-out', paperNearEnd: true } });
    const alert = await consoleB.next((m) => m.type === 'fleet.alert' && m.alert.kind === 'paper-out', 5_000, 'paper-out alert on B');
    expect(alert.alert.state).toBe('open');
    await until(async () => (await kioskView(b, staffB, 'hang-bai-03'))?.openAlerts.includes('paper-out'), 'B’s view has the alert');
    await beat(k);
    await consoleB.next((m) => m.type === 'fleet.alert' && m.alert.id === alert.alert.id && m.alert.state === 'resolved', 5_000, 'resolved on B');
    const all = await alertsOf(b, staffB);
    expect(all.filter((x) => x.kind === 'paper-out')).toHaveLength(1);
  }, 60_000);

  it('an instance dies: its kiosk that does not come back goes offline on a survivor, once', async () => {
    const url = await freshDb();
    const a = await instance(url, 'hub-a4');
    const b = await instance(url, 'hub-b4');
    const c = await instance(url, 'hub-c4');
    const staffB = await login(b, 'canbo');
    const secret = await enrolKiosk(a, 'hang-bai-04', staffB);
    const k = track(await kioskClient(a, 'hang-bai-04', secret));
    await beat(k);
    await until(async () => (await kioskView(b, staffB, 'hang-bai-04'))?.online, 'online on B');
    // A dies without a word (as under kill -9): its bus and leases stop — the database drops its
    // sessions —, its fleet stops, and its kiosk's socket is cut.
    await a.hub.cluster.bus.close();
    await a.hub.cluster.leases.close();
    await a.hub.fleet.close();
    k.ws.terminate();
    // Offline on B and C within offlineAfterMs after A's last word + detection, with one offline event and one alert.
    await until(async () => (await kioskView(b, staffB, 'hang-bai-04'))?.online === false, 'offline on B', 8_000);
    await until(async () => (await kioskView(c, await login(c, 'canbo'), 'hang-bai-04'))?.online === false, 'offline on C', 8_000);
    await until(async () => (await alertsOf(b, staffB)).some((x) => x.kind === 'offline' && x.kioskId === 'hang-bai-04'), 'offline alert', 8_000);
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await alertsOf(c, staffB)).filter((x) => x.kind === 'offline')).toHaveLength(1);
    const repo = await openRepository(url);
    const events = await repo.driver.all("SELECT detail FROM kiosk_events WHERE kiosk_id = ? AND kind = 'offline'", ['hang-bai-04']);
    await repo.close();
    expect(events.map((e) => e.detail)).toEqual(['instance_lost']);
  }, 60_000);
});
