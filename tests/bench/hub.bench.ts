/**
 * Fleet benchmark: N simulated kiosks over WebSocket on loopback.
 *
 *   npm run --silent bench:hub -- --kiosks 5000 --seconds 60
 *
 * The hub runs in a child process (its RSS is measured alone, from /proc),
 * on a temporary SQLite file; the kiosks are enrolled in bulk through the
 * repository. This process opens N `ws` clients (ramped), each says hello and
 * heartbeats every 15 s (spread evenly over the 15 s), and measures
 * heartbeat → heartbeat.ack. Half-way through, staff publish a config: the
 * fan-out time is from the publish request to the last kiosk having fetched
 * the new version over HTTP. After S seconds of heartbeating it stops, closes
 * everything and prints one JSON line:
 *   {"kiosks":N,"msgsPerSec":…,"heartbeatAckMs":{"p50":…,"p99":…},"configFanoutMs":…,"hubRssMb":…}
 * Progress goes to stderr. The child gets the hard `ulimit -n` as its soft limit. Each kiosk
 * connects from its own loopback address (127.x.y.z), as the hub caps sockets per address.
 *
 * With `--instances K`: K instances on PostgreSQL behind HAProxy, kill -9 half-way, the
 * single-instance figures of the same run as a ratio — tests/bench/hub-cluster.bench.ts.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { kioskAddress } from '../support/sim-kiosk.ts';

const HEARTBEAT_MS = 15_000;
const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(name);
  const v = i > 0 ? Number(process.argv[i + 1]) : dflt;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number`);
  return v;
};
const secretOf = (i: number): string => `bench-secret-${String(i).padStart(32, '0')}`;
const idOf = (i: number): string => `bench-${String(i).padStart(5, '0')}`;
const WARD = '000.00.12.H29';

// ---------------------------------------------------------------- child: the hub
async function child(n: number, file: string): Promise<void> {
  const { openRepository } = await import('../../hub/db/index.ts');
  const { sha256Hex, hashPassword } = await import('../../hub/auth/crypto.ts');
  const { buildHub, newUserId } = await import('../../hub/server/app.ts');
  const repo = await openRepository(`sqlite:${file}`);
  await repo.createUser({ id: newUserId(), username: 'canbo', displayName: 'Cán bộ', passwordHash: await hashPassword('bench-pass', 1024), role: 'staff', ward: WARD, languages: ['vi'] });
  const t = Date.now();
  for (let i = 0; i < n; i++) await repo.insertKiosk({ id: idOf(i), ward: WARD, name: `Kiosk ${i}`, secretHash: sha256Hex(secretOf(i)), enrolledAt: t });
  const hub = await buildHub({ db: repo, logger: false });
  const { url } = await hub.start();
  process.stdout.write(`READY ${url}\n`);
  const stop = () =>
    void hub
      .close()
      .then(() => repo.close())
      .finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
}

// ---------------------------------------------------------------- parent: the kiosks
function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

function pct(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

async function parent(): Promise<void> {
  const N = Math.floor(arg('--kiosks', 5000));
  const S = arg('--seconds', 60);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-hub-'));
  const self = fileURLToPath(import.meta.url);
  const hubProc = spawn('/bin/sh', ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"', 'sh', process.execPath, '--import', 'tsx', self, '--child', String(N), path.join(dir, 'hub.sqlite')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const cleanup = () => {
    if (hubProc.exitCode === null) hubProc.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', cleanup);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('hub did not start in 120 s')), 120_000);
    let buf = '';
    hubProc.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /READY (\S+)/.exec(buf);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    hubProc.once('exit', (c) => reject(new Error(`hub exited ${c}`)));
  });
  const hubPid = hubProc.pid!;
  let maxRss = 0;
  const rssTimer = setInterval(() => (maxRss = Math.max(maxRss, rssMb(hubPid))), 1000);
  const wsUrl = `${url.replace(/^http/, 'ws')}/ws/kiosk`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  process.stderr.write(`hub ${url} pid ${hubPid}; connecting ${N} kiosks…\n`);

  interface Sim {
    i: number;
    ws: WebSocket;
    seq: number;
    sent: Map<number, number>;
    nextBeat: number;
  }
  const sims: Sim[] = [];
  const acks: number[] = [];
  let msgs = 0;
  let counting = false;
  let targetVersion: string | null = null;
  let publishAt = 0;
  const fetched = new Set<number>();
  let lastFetchAt = 0;

  const getConfig = (i: number, configUrl: string) =>
    new Promise<void>((resolve, reject) => {
      const req = http.get(`${url}${configUrl}`, { agent, headers: { authorization: `Kiosk ${idOf(i)}:${secretOf(i)}` } }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`config ${res.statusCode}`))));
      });
      req.on('error', reject);
    });

  const health = (uptime: number) => ({
    appVersion: '0.1.0',
    configVersion: null,
    uptimeSec: uptime,
    printer: { state: 'ok', paperNearEnd: false },
    scanner: { state: 'ok' },
    diskFreeMb: 20_000,
    screen: 'home',
    crashesLastHour: 0,
  });

  const connect = (i: number) =>
    new Promise<Sim>((resolve, reject) => {
      // Each kiosk from its own loopback address, as real kiosks come from their own (the hub caps sockets per address).
      const ws = new WebSocket(wsUrl, { perMessageDeflate: false, localAddress: kioskAddress(i) });
      const sim: Sim = { i, ws, seq: 0, sent: new Map(), nextBeat: 0 };
      const timer = setTimeout(() => reject(new Error(`kiosk ${i}: no snapshot in 30 s`)), 30_000);
      ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', seq: ++sim.seq, kioskId: idOf(i), secret: secretOf(i), epoch: null, lastServerSeq: 0 })));
      ws.on('message', (data) => {
        if (counting) msgs++;
        const m = JSON.parse(data.toString()) as { type: string; refSeq?: number; version?: string; configUrl?: string };
        if (m.type === 'snapshot') {
          clearTimeout(timer);
          resolve(sim);
        } else if (m.type === 'heartbeat.ack') {
          const t0 = sim.sent.get(m.refSeq!);
          if (t0 !== undefined) {
            sim.sent.delete(m.refSeq!);
            if (counting) acks.push(performance.now() - t0);
          }
        } else if (m.type === 'config.available' && m.version === targetVersion && !fetched.has(i)) {
          void getConfig(i, m.configUrl!).then(
            () => {
              fetched.add(i);
              lastFetchAt = performance.now();
            },
            (e) => process.stderr.write(`fetch ${i}: ${(e as Error).message}\n`),
          );
        }
      });
      ws.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });

  const t0 = performance.now();
  for (let i = 0; i < N; i += 250) {
    const batch = await Promise.all(Array.from({ length: Math.min(250, N - i) }, (_, j) => connect(i + j)));
    sims.push(...batch);
  }
  process.stderr.write(`connected ${sims.length} in ${((performance.now() - t0) / 1000).toFixed(1)} s; heartbeating for ${S} s\n`);

  // Heartbeats spread evenly over 15 s; one ticker for all kiosks.
  const start = performance.now();
  sims.forEach((s, k) => (s.nextBeat = start + (k / sims.length) * HEARTBEAT_MS));
  counting = true;
  let cursor = 0;
  const order = [...sims].sort((a, b) => a.nextBeat - b.nextBeat);
  const ticker = setInterval(() => {
    const now = performance.now();
    // `order` stays sorted: each kiosk's next beat is +15 s, appended in turn.
    while (order.length && order[cursor % order.length]!.nextBeat <= now) {
      const s = order[cursor % order.length]!;
      const seq = ++s.seq;
      s.sent.set(seq, performance.now());
      s.ws.send(JSON.stringify({ type: 'heartbeat', seq, health: health(Math.floor((now - start) / 1000) + 100) }));
      msgs++;
      s.nextBeat += HEARTBEAT_MS;
      cursor++;
    }
  }, 5);

  // Publish half-way.
  const publish = (async () => {
    await new Promise((r) => setTimeout(r, (S * 1000) / 2));
    const login = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'canbo', password: 'bench-pass' }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { BASE_SETTINGS, SMALL_CATALOGUE } = await import('../unit/fleet/helpers.ts');
    targetVersion = '1';
    publishAt = performance.now();
    const r = await fetch(`${url}/api/fleet/config/publish`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ ward: WARD, config: { ...BASE_SETTINGS, timeouts: { idleSeconds: 120, warningSeconds: 30 } }, catalogue: SMALL_CATALOGUE, note: 'bench' }),
    });
    if (r.status !== 200) process.stderr.write(`publish: ${r.status} ${await r.text()}\n`);
  })();

  await new Promise((r) => setTimeout(r, S * 1000));
  counting = false;
  clearInterval(ticker);
  await publish;
  const elapsed = (performance.now() - start) / 1000;
  // Give the fan-out up to 15 s more if it is still running (reported as measured).
  const fanUntil = performance.now() + 15_000;
  while (fetched.size < sims.length && performance.now() < fanUntil) await new Promise((r) => setTimeout(r, 100));
  maxRss = Math.max(maxRss, rssMb(hubPid));
  clearInterval(rssTimer);
  for (const s of sims) s.ws.terminate();
  agent.destroy();
  hubProc.kill('SIGTERM');
  await new Promise((r) => {
    const t = setTimeout(r, 10_000);
    hubProc.once('exit', () => (clearTimeout(t), r(null)));
  });
  const out = {
    kiosks: sims.length,
    msgsPerSec: Math.round(msgs / elapsed),
    heartbeatAckMs: { p50: Math.round(pct(acks, 50) * 100) / 100, p99: Math.round(pct(acks, 99) * 100) / 100 },
    configFanoutMs: fetched.size === sims.length ? Math.round(lastFetchAt - publishAt) : null,
    hubRssMb: Math.round(maxRss),
  };
  if (fetched.size < sims.length) process.stderr.write(`fan-out incomplete: ${fetched.size}/${sims.length}\n`);
  process.stdout.write(`${JSON.stringify(out)}\n`);
  cleanup();
  process.exit(0);
}

if (process.argv.includes('--child')) {
  const i = process.argv.indexOf('--child');
  await child(Number(process.argv[i + 1]), process.argv[i + 2]!);
} else if (process.argv.includes('--instances')) {
  // Issue 18: several instances on PostgreSQL behind HAProxy (tests/bench/hub-cluster.bench.ts).
  const { clusterBench } = await import('./hub-cluster.bench.ts');
  await clusterBench();
  process.exit(0);
} else {
  await parent();
}
