/**
 * Issue 18, the rig: three hub instances (child processes, hub/main.ts) on one throwaway
 * PostgreSQL behind a real HAProxy, all on loopback (tests/support/hub-cluster.ts).
 * What must hold whatever the instances share: the health check needs no login and says
 * nothing but {ok, epoch}; kiosks spread over every instance with no stickiness; the hub sees
 * each kiosk's own address (X-Forwarded-For from the proxy, a forged one dropped); a kill -9
 * takes the instance out of HAProxy and its kiosks reconnect through it to the others; HTTP
 * through the balancer keeps answering; the restarted instance comes back and takes kiosks.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../hub/auth/crypto.ts';
import { DEMO_WARD } from '../../hub/seed.ts';
import { startHubCluster, type HubCluster } from '../support/hub-cluster.ts';
import { kioskAddress, SimKiosk } from '../support/sim-kiosk.ts';

const N = 12;
const idOf = (i: number) => `lb-kiosk-${String(i).padStart(3, '0')}`;
const secretOf = (i: number) => `lb-secret-${String(i).padStart(40, '0')}`;

let cluster: HubCluster;
const kiosks: SimKiosk[] = [];

beforeAll(async () => {
  cluster = await startHubCluster({ instances: 3 });
  const repo = await cluster.repo();
  try {
    for (let i = 0; i < N + 4; i++) await repo.insertKiosk({ id: idOf(i), ward: DEMO_WARD, name: `Kiosk ${i}`, secretHash: sha256Hex(secretOf(i)), enrolledAt: Date.now() });
  } finally {
    await repo.close();
  }
}, 120_000);

afterAll(async () => {
  for (const k of kiosks) k.close();
  await cluster?.stop();
}, 60_000);

/** GET on a fresh connection from the given local address; the status. */
const getStatus = (url: string, localAddress: string) =>
  new Promise<number>((resolve, reject) => {
    const req = http.get(url, { agent: false, localAddress, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error('no answer in 10 s')));
    req.on('error', reject);
  });

const newKiosk = (i: number) => {
  const k = new SimKiosk(cluster.url, idOf(i), secretOf(i), kioskAddress(i));
  kiosks.push(k);
  return k;
};

describe('hub instances behind HAProxy', () => {
  it('the health check needs no login and tells an anonymous caller only {ok, epoch}; every instance is UP', async () => {
    const res = await fetch(`${cluster.url}/api/health`);
    expect(res.status).toBe(200);
    expect(Object.keys((await res.json()) as object).sort()).toEqual(['epoch', 'ok']);
    const servers = await cluster.lb.servers();
    expect(servers.map((s) => `${s.name}:${s.status}`)).toEqual(['hub1:UP', 'hub2:UP', 'hub3:UP']);
  });

  it('kiosks spread over every instance (no stickiness) and each gets its snapshot', async () => {
    const ks = Array.from({ length: N }, (_, i) => newKiosk(i));
    await Promise.all(ks.map((k) => k.connect()));
    const per = new Map<string, number>();
    for (const k of ks) per.set(k.servedBy.at(-1)!, (per.get(k.servedBy.at(-1)!) ?? 0) + 1);
    expect([...per.keys()].sort()).toEqual(['hub1', 'hub2', 'hub3']);
    // leastconn: 12 sockets over 3 idle instances → 4 each.
    expect([...per.values()]).toEqual([4, 4, 4]);
    expect(ks.flatMap((k) => k.invalid)).toEqual([]);
  });

  it("the hub records the kiosk's own address, not the proxy's — and not one the client forged", async () => {
    const liar = new SimKiosk(cluster.url, idOf(0), 'wrong-secret-'.padEnd(43, 'x'), '127.1.9.9');
    // A forged X-Forwarded-For: HAProxy drops it before adding the real one.
    const WebSocketCtor = (await import('ws')).default;
    const ws = new WebSocketCtor(`${cluster.url.replace(/^http/, 'ws')}/ws/kiosk`, { localAddress: liar.localAddress, headers: { 'x-forwarded-for': '203.0.113.7' } });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => ws.send(JSON.stringify({ type: 'hello', seq: 1, kioskId: idOf(0), secret: liar.secret, epoch: null, lastServerSeq: 0 })));
      ws.once('close', () => resolve());
      ws.once('error', reject);
      setTimeout(() => reject(new Error('the hub did not close a socket with a bad secret in 10 s')), 10_000);
    });
    const repo = await cluster.repo();
    try {
      let rows: Awaited<ReturnType<typeof repo.listAudit>> = [];
      for (let t = 0; t < 50 && !rows.length; t++) {
        rows = await repo.listAudit({ action: 'kiosk.auth_failed' });
        if (!rows.length) await new Promise((r) => setTimeout(r, 100));
      }
      expect(rows.map((r) => r.actor)).toEqual(['ip:127.1.9.9']);
    } finally {
      await repo.close();
    }
  });

  it('kill -9 of an instance: HAProxy takes it out, its kiosks reconnect through the balancer to the others, HTTP keeps answering', async () => {
    const victims = kiosks.filter((k) => k.ready && k.servedBy.at(-1) === 'hub2');
    const others = kiosks.filter((k) => k.ready && k.servedBy.at(-1) !== 'hub2');
    expect(victims.length).toBe(4);
    const killedAt = performance.now();
    await cluster.kill(1);
    // Every request sent after the kill is answered, each on a new connection (HAProxy chooses the
    // least loaded instance per connection — the dead one, with no sockets left): a refused
    // connection is redispatched to a live instance.
    const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => getStatus(`${cluster.url}/api/health`, `127.2.0.${i + 1}`)));
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    await Promise.all(victims.map((k) => k.until(() => k.ready && k.servedBy.at(-1) !== 'hub2', 15_000, 'reconnect to a live instance')));
    const reconnectedMs = Math.max(...victims.map((k) => k.readySince - killedAt));
    expect(reconnectedMs).toBeLessThan(15_000);
    for (const k of victims) expect(k.drops).toBe(1);
    // The kiosks on the other instances never noticed.
    for (const k of others) expect(k.drops).toBe(0);
    await cluster.lb.waitStatus('hub2', 'DOWN', 5000);
  });

  it('the restarted instance comes back UP on the same port and takes the next kiosks (least connections)', async () => {
    await cluster.start(1);
    const fresh = [N, N + 1, N + 2].map((i) => newKiosk(i));
    await Promise.all(fresh.map((k) => k.connect()));
    expect(fresh.map((k) => k.servedBy.at(-1))).toEqual(['hub2', 'hub2', 'hub2']);
  });
});
