/**
 * bench:hub with --instances (issue 18's Must-show):
 *
 *   npm run --silent bench:hub -- --instances 3 --kiosks 10000 --seconds 90 [--volunteers 6] [--single-seconds 45]
 *
 * One throwaway PostgreSQL; K hub instances (child processes, hub/main.ts) behind HAProxy
 * (tests/support/hub-cluster.ts; two HAProxy processes when one cannot hold every socket under
 * the open-files limit — kiosk i goes through front i mod fronts). N kiosks heartbeat every 15 s,
 * V volunteers answer rings (tests/bench/hub-load.ts); a help request every 1.5 s and an
 * application every 0.5 s from random kiosks; staff publish a config at a quarter of the run;
 * instance hub2 is killed (kill -9) half-way. Then the same kiosks and volunteers on ONE instance
 * (same database, same balancer) for --single-seconds, for the ratio. One JSON line on stdout:
 *   {"instances","kiosks","heartbeatAckMs":{"p50","p99"},"crossInstanceRingMs":{"median","p95"},"configFanoutMs",
 *    "failover":{"killedInstance","reconnectedMs","lostRequests","lostApplications","droppedCalls", …}, "memoryMbPerInstance":[…],
 *    "singleInstance":{…}, "ratio":{…}, …}
 * Progress on stderr. Every phase and wait is bounded.
 */
import pg from 'pg';
import { hashPassword, sha256Hex } from '../../hub/auth/crypto.ts';
import { openRepository } from '../../hub/db/index.ts';
import { newUserId } from '../../hub/server/app.ts';
import { seedDemo } from '../../hub/seed.ts';
import { maxProxiedConnections } from '../support/haproxy.ts';
import { CLUSTER_PASSWORD, rssMbOf, startHubCluster } from '../support/hub-cluster.ts';
import { startTestPostgres } from '../support/postgres.ts';
import { idOf, Load, pct, postJson, secretOf, WARD } from './hub-load.ts';

const HELP_EVERY_MS = 1500;
const APP_EVERY_MS = 500;
/** After the run: time for calls to end, kiosks to come back, applications to be acknowledged (10–60 s). */
const drainMs = (seconds: number) => Math.min(60_000, Math.max(10_000, seconds * 1000));

function arg(name: string, dflt: number, min: number, max: number): number {
  const i = process.argv.indexOf(name);
  const v = i > 0 ? Number(process.argv[i + 1]) : dflt;
  if (!Number.isFinite(v) || v < min || v > max) throw new Error(`${name} must be a number from ${min} to ${max}`);
  return v;
}
const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number | null, d = 2) => (x === null || !Number.isFinite(x) ? null : Math.round(x * 10 ** d) / 10 ** d);

interface PhaseResult {
  instances: number;
  seconds: number;
  ack: number[];
  crossRing: number[];
  sameRing: number[];
  configFanoutMs: number | null;
  configReached: number;
  memoryMb: number[];
  helpRequests: number;
  calls: number;
  applications: number;
  failover: Record<string, unknown> | null;
  connectFailures: number;
}

async function phase(o: { dbUrl: string; instances: number; kiosks: number; seconds: number; volunteers: string[]; fronts: number; kill: boolean; configVersion: number; pgClient: pg.Client }): Promise<PhaseResult> {
  log(`phase: ${o.instances} instance(s), ${o.kiosks} kiosks, ${o.seconds} s`);
  const cluster = await startHubCluster({ instances: o.instances, dbUrl: o.dbUrl, seed: false, fronts: o.fronts, maxconn: maxProxiedConnections() });
  const load = new Load(cluster.urls, o.kiosks);
  const timers: NodeJS.Timeout[] = [];
  try {
    await load.addVolunteers(o.volunteers, CLUSTER_PASSWORD);
    log(`volunteers on ${load.volunteerOn().join(' ')}`);
    const t0 = performance.now();
    await load.connectAll();
    const per = new Map<string, number>();
    for (const k of load.kiosks) per.set(k.on, (per.get(k.on) ?? 0) + 1);
    if (load.connectFailures) log(`${load.connectFailures} kiosks not connected after a minute of tries`);
    log(`connected ${load.kiosks.length - load.connectFailures} in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${[...per].map(([h, n]) => `${h}=${n}`).join(' ')}`);

    const memory = cluster.instances.map(() => 0);
    const pids = cluster.instances.map((h) => h!.pid);
    const sample = () => pids.forEach((pid, i) => (memory[i] = Math.max(memory[i]!, rssMbOf(pid))));
    timers.push(setInterval(sample, 1000));
    load.startBeats();
    load.counting = true;
    timers.push(setInterval(() => load.help(), HELP_EVERY_MS));
    let appN = 0;
    timers.push(setInterval(() => load.application(o.configVersion, ++appN), APP_EVERY_MS));

    // Staff publish a config at a quarter of the run (through the balancer, on whichever instance).
    let publishAt = 0;
    const publish = (async () => {
      await sleep((o.seconds * 1000) / 4);
      const login = await postJson(`${cluster.url}/api/login`, { username: 'canbo', password: CLUSTER_PASSWORD }, '127.251.0.1');
      const set = login.headers['set-cookie'] ?? [];
      const cookie = (Array.isArray(set) ? set : [set]).map((c) => c.split(';')[0]).join('; ');
      const { BASE_SETTINGS, SMALL_CATALOGUE } = await import('../unit/fleet/helpers.ts');
      load.configTarget = String(o.configVersion);
      publishAt = performance.now();
      const r = await postJson(
        `${cluster.url}/api/fleet/config/publish`,
        { ward: WARD, config: { ...BASE_SETTINGS, timeouts: { idleSeconds: 120 + o.configVersion, warningSeconds: 30 } }, catalogue: SMALL_CATALOGUE, note: 'bench' },
        '127.251.0.1',
        { cookie },
      );
      if (r.status !== 200) log(`publish: ${r.status} ${r.text.slice(0, 200)}`);
      else if ((JSON.parse(r.text) as { version: number }).version !== o.configVersion) log(`publish: version ${r.text} (expected ${o.configVersion})`);
    })();

    // kill -9 half-way.
    let failover: Record<string, unknown> | null = null;
    let victims = 0;
    const killed = o.kill
      ? (async () => {
          await sleep((o.seconds * 1000) / 2);
          victims = load.kiosks.filter((k) => k.ready && k.on === 'hub2').length;
          const callsThere = load.callsTouching('hub2').filter((c) => !c.kioskTold || !c.volunteerTold).length;
          sample();
          load.killAt = performance.now();
          await cluster.kill(1, 'SIGKILL');
          log(`killed hub2 (kill -9): ${victims} kiosks and ${callsThere} call(s) in progress on it`);
          return callsThere;
        })()
      : Promise.resolve(0);

    await sleep(o.seconds * 1000);
    load.counting = false;
    for (const t of timers) clearInterval(t);
    timers.length = 0;
    await publish;
    const callsAtKill = await killed;
    // Drain: every application acknowledged, every call ended, every kiosk back (bounded).
    const until = performance.now() + drainMs(o.seconds);
    while (performance.now() < until && (load.appsUnacked > 0 || load.callsOpen > 0 || load.kiosks.some((k) => !k.ready) || load.configFetched.size < load.kiosks.length)) await sleep(200);
    if (o.kill) {
      const within30 = load.reconnects.filter((ms) => ms <= 30_000).length;
      const acked = [...load.appsAcked];
      const inDb = acked.length ? Number((await o.pgClient.query('SELECT count(*)::int AS n FROM applications WHERE id = ANY($1::text[])', [acked])).rows[0].n) : 0;
      failover = {
        killedInstance: 'hub2',
        reconnectedMs: load.reconnects.length >= victims && victims > 0 ? Math.round(Math.max(...load.reconnects)) : null,
        lostRequests: load.helpLost,
        lostApplications: load.appsUnacked + (acked.length - inDb),
        // The breakdown: still in a kiosk's outbox at the end (it keeps resending) vs acknowledged but not stored.
        applicationsUnackedAtEnd: load.appsUnacked,
        applicationsAckedNotStored: acked.length - inDb,
        requestsForgotten: load.helpForgotten,
        kiosksNotBackAtEnd: load.kiosks.filter((k) => !k.ready).length,
        droppedCalls: load.callsOpen,
        kiosksOnKilled: victims,
        reconnectedWithin30s: within30,
        callsInProgressAtKill: callsAtKill,
      };
    }
    const result: PhaseResult = {
      instances: o.instances,
      seconds: o.seconds,
      ack: load.acks,
      crossRing: load.crossRing,
      sameRing: load.sameRing,
      configFanoutMs: load.configFetched.size === load.kiosks.length && publishAt ? Math.round(load.lastFetchAt - publishAt) : null,
      configReached: load.configFetched.size,
      memoryMb: memory.map((m) => Math.round(m)),
      connectFailures: load.connectFailures,
      helpRequests: load.helpSent,
      calls: load.calls.size,
      applications: load.appsSent,
      failover,
    };
    log(`phase figures: ${JSON.stringify({ ackP50: pct(result.ack, 50), ackP99: pct(result.ack, 99), crossRing: pct(result.crossRing, 50), sameRing: pct(result.sameRing, 50), fanout: result.configFanoutMs, memory: result.memoryMb, failover })}`);
    log(`kiosk socket errors ${JSON.stringify([...load.errors])}, closes ${JSON.stringify([...load.closes])}`);
    log(`phase done: ${result.ack.length} acks, ring cross/same ${result.crossRing.length}/${result.sameRing.length}, calls ${result.calls}, fan-out ${result.configReached}/${load.kiosks.length}`);
    return result;
  } finally {
    for (const t of timers) clearInterval(t);
    await load.stop();
    await cluster.stop();
  }
}

export async function clusterBench(): Promise<void> {
  const K = arg('--instances', 3, 1, 8);
  const N = Math.floor(arg('--kiosks', 10_000, 1, 60_000));
  const S = arg('--seconds', 90, 4, 3600);
  const V = Math.floor(arg('--volunteers', 6, 1, 50));
  const SS = arg('--single-seconds', Math.max(4, Math.round(S / 2)), 4, 3600);
  const fronts = Math.ceil((N + V + 50) / maxProxiedConnections());
  const pgServer = await startTestPostgres();
  const dbUrl = await pgServer.newDatabase();
  const pgClient = new pg.Client({ connectionString: dbUrl });
  try {
    await pgClient.connect();
    const repo = await openRepository(dbUrl);
    const volunteers = Array.from({ length: V }, (_, j) => `tnvbench${j + 1}`);
    try {
      await seedDemo(repo, CLUSTER_PASSWORD, 1024);
      const hash = await hashPassword(CLUSTER_PASSWORD, 1024);
      for (const username of volunteers) await repo.createUser({ id: newUserId(), username, displayName: `Tình nguyện viên ${username.slice(8)}`, passwordHash: hash, role: 'volunteer', ward: WARD, languages: ['vi'] });
      const t = Date.now();
      for (let i = 0; i < N; i += 50) await Promise.all(Array.from({ length: Math.min(50, N - i) }, (_, j) => repo.insertKiosk({ id: idOf(i + j), ward: WARD, name: `Kiosk ${i + j}`, secretHash: sha256Hex(secretOf(i + j)), enrolledAt: t })));
    } finally {
      await repo.close();
    }
    log(`PostgreSQL ready: ${N} kiosks, ${V} volunteers enrolled; ${fronts} HAProxy front(s)`);
    const multi = await phase({ dbUrl, instances: K, kiosks: N, seconds: S, volunteers, fronts, kill: K > 1, configVersion: 1, pgClient });
    const single = await phase({ dbUrl, instances: 1, kiosks: N, seconds: SS, volunteers, fronts, kill: false, configVersion: 2, pgClient });
    const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : round(a / b));
    const ack = { p50: round(pct(multi.ack, 50)), p99: round(pct(multi.ack, 99)) };
    const sAck = { p50: round(pct(single.ack, 50)), p99: round(pct(single.ack, 99)) };
    const allRing = (p: PhaseResult) => [...p.crossRing, ...p.sameRing];
    const out = {
      instances: K,
      kiosks: N,
      heartbeatAckMs: ack,
      crossInstanceRingMs: { median: pct(multi.crossRing, 50), p95: pct(multi.crossRing, 95) },
      configFanoutMs: multi.configFanoutMs,
      failover: multi.failover,
      seconds: S,
      volunteers: V,
      fronts,
      sameInstanceRingMs: { median: pct(multi.sameRing, 50), p95: pct(multi.sameRing, 95) },
      helpRequests: multi.helpRequests,
      calls: multi.calls,
      applications: multi.applications,
      configReached: multi.configReached,
      memoryMbPerInstance: multi.memoryMb,
      connectFailures: multi.connectFailures,
      singleInstance: {
        seconds: SS,
        heartbeatAckMs: sAck,
        ringMs: { median: pct(allRing(single), 50), p95: pct(allRing(single), 95) },
        configFanoutMs: single.configFanoutMs,
        configReached: single.configReached,
        memoryMb: single.memoryMb[0] ?? null,
        calls: single.calls,
        connectFailures: single.connectFailures,
      },
      ratio: {
        note: `${K} instances ÷ 1 instance`,
        ackP50: ratio(ack.p50, sAck.p50),
        ackP99: ratio(ack.p99, sAck.p99),
        ringMedian: ratio(pct(allRing(multi), 50), pct(allRing(single), 50)),
        configFanout: ratio(multi.configFanoutMs, single.configFanoutMs),
        memoryPerInstance: ratio(multi.memoryMb.reduce((a, b) => a + b, 0) / Math.max(1, multi.memoryMb.length), single.memoryMb[0] ?? null),
      },
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    await pgClient.end().catch(() => undefined);
    await pgServer.stop();
  }
}
