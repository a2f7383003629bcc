/**
 * Issue 18: a rolling upgrade — three hub instances on one PostgreSQL behind HAProxy, replaced one
 * at a time (drain in HAProxy, SIGTERM, start again on the same port, wait until UP) while twelve
 * kiosks heartbeat and hand in applications all along. What must hold: each old process exits
 * cleanly (0); a drained instance gets no new connection until it is back; every kiosk
 * reconnects by itself; every application is acknowledged and stored exactly once; a help request
 * waiting through the upgrade is still there after it and rings the first volunteer who comes.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../hub/auth/crypto.ts';
import { DEMO_WARD } from '../../hub/seed.ts';
import WebSocket from 'ws';
import { CLUSTER_PASSWORD, startHubCluster, type HubCluster } from '../support/hub-cluster.ts';
import { kioskAddress, SimKiosk } from '../support/sim-kiosk.ts';

const N = 12;
const idOf = (i: number) => `ru-kiosk-${String(i).padStart(3, '0')}`;
const secretOf = (i: number) => `ru-secret-${String(i).padStart(40, '0')}`;
const HEALTH = { appVersion: '0.1.0', configVersion: null, uptimeSec: 100, printer: { state: 'ok', paperNearEnd: false }, scanner: { state: 'ok' }, diskFreeMb: 20_000, screen: 'home', crashesLastHour: 0 };

let cluster: HubCluster;
const kiosks: SimKiosk[] = [];

beforeAll(async () => {
  // Long ring timeout: the waiting help request must still be waiting (not "unanswered") after the upgrade.
  cluster = await startHubCluster({ instances: 3, hubConfig: { ringTimeoutMs: 300_000 } });
  const repo = await cluster.repo();
  try {
    for (let i = 0; i < N; i++) await repo.insertKiosk({ id: idOf(i), ward: DEMO_WARD, name: `Kiosk ${i}`, secretHash: sha256Hex(secretOf(i)), enrolledAt: Date.now() });
  } finally {
    await repo.close();
  }
}, 120_000);

afterAll(async () => {
  for (const k of kiosks) k.close();
  await cluster?.stop();
}, 60_000);

describe('rolling upgrade of three hub instances behind HAProxy', () => {
  it('instances replaced one at a time: clean exits, no connection to a drained instance, every kiosk back, every application stored once, the waiting help request rings after', async () => {
    for (let i = 0; i < N; i++) kiosks.push(new SimKiosk(cluster.url, idOf(i), secretOf(i), kioskAddress(i)));
    await Promise.all(kiosks.map((k) => k.connect()));
    expect(new Set(kiosks.map((k) => k.servedBy.at(-1))).size).toBe(3);

    // Load all along: a heartbeat from every ready kiosk each second, an application every 100 ms.
    const delivered: string[] = [];
    let n = 0;
    const beat = setInterval(() => {
      for (const k of kiosks) if (k.ready) k.send({ type: 'heartbeat', health: HEALTH });
    }, 1000);
    const apps = setInterval(() => {
      const k = kiosks[n % N]!;
      n++;
      const id = randomUUID();
      delivered.push(id);
      k.deliver({ id, code: `${DEMO_WARD}-261207-${String(n).padStart(4, '0')}`, serviceCode: '1.001193', submittedAt: Date.now(), answers: { hoTen: 'Nguyễn Văn A' } });
    }, 100);

    // A resident asks for help while no volunteer is online: the request waits through the upgrade.
    const asker = kiosks[0]!;
    asker.send({ type: 'help.request', lang: 'vi', screen: 'home' });
    await asker.until(() => asker.received.some((m) => m.type === 'help.queued'), 10_000, 'help.queued');
    const requestId = (asker.received.find((m) => m.type === 'help.queued')!.request as { requestId: string }).requestId;

    const windows: { name: string; from: number; to: number }[] = [];
    const exits: (number | null)[] = [];
    try {
      await new Promise((r) => setTimeout(r, 1000));
      for (let i = 0; i < 3; i++) {
        const old = cluster.instances[i]!;
        const from = performance.now();
        const fresh = await cluster.replace(i);
        windows.push({ name: `hub${i + 1}`, from, to: performance.now() });
        exits.push(old.proc.exitCode);
        expect(fresh.pid).not.toBe(old.pid);
        await new Promise((r) => setTimeout(r, 1000));
      }
    } finally {
      clearInterval(apps);
      clearInterval(beat);
    }

    expect(exits).toEqual([0, 0, 0]);
    // A drained (then stopped, then starting) instance got no connection until it was UP again;
    // the window ends when HAProxy said UP, so a connection there after `to` is fine.
    for (const w of windows) {
      for (const k of kiosks) {
        k.servedBy.forEach((s, j) => {
          const at = k.servedAt[j]!;
          if (s === w.name) expect(at < w.from || at > w.to - 300, `${k.id} connected to ${s} while it was out`).toBe(true);
        });
      }
    }
    // Every kiosk back on a live instance, every application acknowledged…
    await Promise.all(kiosks.map((k) => k.until(() => k.ready && k.unacked === 0, 20_000, 'reconnect and acks')));
    expect(kiosks.reduce((s, k) => s + k.drops, 0)).toBeGreaterThanOrEqual(N);
    expect(kiosks.flatMap((k) => k.invalid)).toEqual([]);
    expect(delivered.length).toBeGreaterThan(50);
    for (const id of delivered) expect(kiosks.some((k) => k.acked.has(id)), `application ${id} acknowledged`).toBe(true);
    // The help request is not lost: the asker's last resync still shows it, and a volunteer who
    // logs in now (on whichever instance) is rung for it and takes it.
    const lastSnapshot = asker.received.filter((m) => m.type === 'snapshot').at(-1)!;
    expect((lastSnapshot.request as { requestId: string } | null)?.requestId).toBe(requestId);
    const login = await fetch(`${cluster.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'tnv1', password: CLUSTER_PASSWORD }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const vol = new WebSocket(`${cluster.url.replace(/^http/, 'ws')}/ws/console`, { headers: { cookie } });
    const rung = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the volunteer was not rung for the waiting request in 15 s')), 15_000);
      let seq = 0;
      const send = (m: Record<string, unknown>) => vol.send(JSON.stringify({ ...m, seq: ++seq }));
      vol.on('open', () => send({ type: 'hello', epoch: null, lastServerSeq: 0 }));
      vol.on('message', (data) => {
        const m = JSON.parse(data.toString()) as { type: string; status?: string; ringing?: { requestId: string }[]; ring?: { requestId: string } };
        if (m.type === 'snapshot') {
          if (m.status !== 'available') send({ type: 'status.set', status: 'available' });
          const r = m.ringing?.find((x) => x.requestId === requestId);
          if (r) send({ type: 'ring.accept', requestId });
        } else if (m.type === 'ring' && m.ring?.requestId === requestId) send({ type: 'ring.accept', requestId });
        else if (m.type === 'call.started') {
          clearTimeout(timer);
          resolve(requestId);
        }
      });
      vol.on('error', reject);
    });
    try {
      await rung;
      await asker.until(() => asker.received.some((m) => m.type === 'help.accepted' && m.requestId === requestId), 10_000, 'help.accepted');
    } finally {
      vol.terminate();
    }

    // …and stored exactly once.
    const db = new pg.Client({ connectionString: cluster.dbUrl });
    await db.connect();
    try {
      const rows = (await db.query<{ id: string }>('SELECT id FROM applications WHERE id = ANY($1::text[])', [delivered])).rows;
      expect(rows.length).toBe(delivered.length);
      expect(new Set(rows.map((r) => r.id)).size).toBe(delivered.length);
    } finally {
      await db.end();
    }
  }, 180_000);
});
