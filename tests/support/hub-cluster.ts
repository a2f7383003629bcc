/**
 * N hub instances as child processes (`hub/main.ts`, exactly as deployed) on one PostgreSQL,
 * behind a real HAProxy (tests/support/haproxy.ts), all on loopback — for tests and bench:hub.
 *
 *   const c = await startHubCluster({ instances: 3 });
 *   c.url                       // the load balancer: kiosks and consoles connect here
 *   await c.kill(1)             // kill -9 of instance hub2 (the OOM killer, a crash)
 *   await c.start(1)            // the same slot again (same port), waits until HAProxy has it UP
 *   await c.replace(1)          // rolling upgrade step: drain in HAProxy, SIGTERM, start anew, UP
 *   c.rssMb(0)                  // resident memory of hub1 (from /proc)
 *   await c.stop()
 *
 * The database: `dbUrl` given (already migrated or not), or a throwaway PostgreSQL cluster
 * started here (tests/support/postgres.ts) and stopped by `stop()`. The demo users are seeded
 * with the tests' password unless `seed: false`. Each instance gets the same hub.json
 * (`trustProxy: ["127.0.0.1"]` + `hubConfig`), written to a temp dir. Every wait is bounded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openRepository } from '../../hub/db/index.ts';
import type { HubRepository } from '../../hub/db/repository.ts';
import { seedDemo } from '../../hub/seed.ts';
import { startHaproxy, type Haproxy } from './haproxy.ts';
import { ROOT, tempDir } from './paths.ts';
import { startTestPostgres, type TestPostgres } from './postgres.ts';
import { freePort, killAndWait } from './processes.ts';

export const CLUSTER_PASSWORD = 'hotro-2468';

export interface HubInstance {
  /** hub1, hub2, … — also its server name in HAProxy. */
  name: string;
  port: number;
  /** Direct address (bypassing the load balancer). */
  url: string;
  pid: number;
  proc: ChildProcess;
  /** Everything it printed (stdout and stderr), last 8 KB. */
  output(): string;
}

export interface HubClusterOptions {
  instances: number;
  /** An existing database; absent: a throwaway PostgreSQL started (and stopped) here. */
  dbUrl?: string;
  /** Seed the demo users (tnv1, tnv2, canbo…) with CLUSTER_PASSWORD (default true). */
  seed?: boolean;
  /** More hub.json keys (hub/config-file.ts), the same for every instance. */
  hubConfig?: Record<string, unknown>;
  /** HAProxy's connection cap (bounded by the open-files limit). */
  maxconn?: number;
  /**
   * HAProxy processes in front (default 1), each with every instance behind it — as a pair of
   * balancers behind one address would be. One process proxies at most maxProxiedConnections()
   * sockets (two file descriptors each under the open-files limit): 10,000 kiosks need two here.
   */
  fronts?: number;
  /** HAProxy adds x-served-by: hubN to answers (default true). */
  servedByHeader?: boolean;
  /** Extra environment of the instances. */
  env?: Record<string, string>;
}

export interface HubCluster {
  /** The (first) load balancer: kiosks and consoles connect here. */
  url: string;
  /** Every front's address (one per HAProxy process). */
  urls: string[];
  dbUrl: string;
  lb: Haproxy;
  lbs: Haproxy[];
  /** The current process of each slot (null while killed). */
  instances: (HubInstance | null)[];
  /** Opens the shared database (the caller closes it). */
  repo(): Promise<HubRepository>;
  kill(i: number, signal?: NodeJS.Signals): Promise<void>;
  start(i: number): Promise<HubInstance>;
  replace(i: number): Promise<HubInstance>;
  rssMb(i: number): number;
  stop(): Promise<void>;
}

/** VmRSS of a process in MB (0 when it is gone). */
export function rssMbOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

function spawnInstance(name: string, port: number, dbUrl: string, configFile: string, env: Record<string, string>): Promise<HubInstance> {
  // The instance gets the hard open-files limit as its soft one (a third of 10,000 kiosks and more).
  // HUB_CPU_PROF_DIR=dir: each instance writes V8 CPU profiles (one per thread) to dir/<name>-<time>/ when it exits (docs/scale.md).
  const prof = process.env.HUB_CPU_PROF_DIR ? ['--cpu-prof', '--cpu-prof-dir', path.join(process.env.HUB_CPU_PROF_DIR, `${name}-${Date.now()}`)] : [];
  const proc = spawn(
    '/bin/sh',
    ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"', 'sh', process.execPath, ...prof, '--import', 'tsx', 'hub/main.ts', '--port', String(port), '--db', dbUrl, '--config', configFile],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  let out = '';
  const keep = (b: Buffer) => (out = (out + b.toString()).slice(-8192));
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`${name} did not start in 60 s: ${out.slice(-800)}`));
    }, 60_000);
    const onData = () => {
      const m = /hub: (http:\/\/\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      proc.stdout!.off('data', onData);
      proc.off('exit', onExit);
      resolve({ name, port, url: m[1]!, pid: proc.pid!, proc, output: () => out });
    };
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before it listened: ${out.slice(-800)}`));
    };
    proc.stdout!.on('data', onData);
    proc.once('exit', onExit);
  });
}

export async function startHubCluster(o: HubClusterOptions): Promise<HubCluster> {
  if (!Number.isInteger(o.instances) || o.instances < 1 || o.instances > 8) throw new Error('instances: 1 to 8');
  const dir = tempDir('cluster');
  let pg: TestPostgres | null = null;
  const instances: (HubInstance | null)[] = [];
  const lbs: Haproxy[] = [];
  const stop = async () => {
    for (const lb of lbs) await lb.stop();
    await Promise.all(
      instances.map(async (h) => {
        if (!h || h.proc.exitCode !== null || h.proc.signalCode !== null) return;
        // Profiling (HUB_CPU_PROF_DIR): a clean exit writes the profile; else kill -9 is quicker.
        if (process.env.HUB_CPU_PROF_DIR) await killAndWait(h.pid, 'SIGTERM', 15_000).catch(() => undefined);
        if (h.proc.exitCode === null && h.proc.signalCode === null) await killAndWait(h.pid, 'SIGKILL').catch(() => undefined);
      }),
    );
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    let dbUrl = o.dbUrl;
    if (!dbUrl) {
      pg = await startTestPostgres();
      dbUrl = await pg.newDatabase();
    }
    // Migrate (and seed) once here: the instances then start on a ready schema.
    const repo = await openRepository(dbUrl);
    try {
      if (o.seed !== false) await seedDemo(repo, CLUSTER_PASSWORD, 1024);
    } finally {
      await repo.close();
    }
    const configFile = path.join(dir, 'hub.json');
    writeFileSync(configFile, JSON.stringify({ trustProxy: ['127.0.0.1'], ...o.hubConfig }, null, 2));
    const ports: number[] = [];
    for (let i = 0; i < o.instances; i++) ports.push(await freePort());
    const db = dbUrl;
    const env = o.env ?? {};
    instances.push(...(await Promise.all(ports.map((p, i) => spawnInstance(`hub${i + 1}`, p, db, configFile, env)))));
    for (let f = 0; f < (o.fronts ?? 1); f++) {
      lbs.push(
        await startHaproxy({
          servers: ports.map((port, i) => ({ name: `hub${i + 1}`, port })),
          maxconn: o.maxconn,
          servedByHeader: o.servedByHeader ?? true,
        }),
      );
    }
    const haproxy = lbs[0]!;
    /** The same runtime command on every front. */
    const adminAll = async (cmd: string) => {
      for (const lb of lbs) await lb.admin(cmd);
    };
    const waitAll = async (name: string, status: string, timeoutMs?: number) => {
      for (const lb of lbs) await lb.waitStatus(name, status, timeoutMs);
    };
    for (let i = 0; i < o.instances; i++) await waitAll(`hub${i + 1}`, 'UP');

    const slot = (i: number) => {
      if (!Number.isInteger(i) || i < 0 || i >= ports.length) throw new Error(`no instance ${i}`);
      return i;
    };
    const kill = async (i: number, signal: NodeJS.Signals = 'SIGKILL') => {
      const h = instances[slot(i)];
      if (!h) return;
      instances[i] = null;
      if (h.proc.exitCode !== null || h.proc.signalCode !== null) return;
      const exited = new Promise((r) => h.proc.once('exit', r));
      await killAndWait(h.pid, signal, signal === 'SIGKILL' ? 3000 : 30_000);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 1000))]);
    };
    const start = async (i: number) => {
      if (instances[slot(i)]) throw new Error(`hub${i + 1} is running`);
      const h = await spawnInstance(`hub${i + 1}`, ports[i]!, db, configFile, env);
      instances[i] = h;
      // Back in service (it may have been drained or put in maintenance by replace()).
      await adminAll(`set server hubs/hub${i + 1} state ready`);
      await waitAll(`hub${i + 1}`, 'UP', 20_000);
      return h;
    };
    const replace = async (i: number) => {
      const name = `hub${slot(i) + 1}`;
      // 1. No new connections (existing ones keep going); 2. clean stop: its sockets close and
      // their clients reconnect through HAProxy to the others; 3. the new version on the same port.
      await adminAll(`set server hubs/${name} state drain`);
      await kill(i, 'SIGTERM');
      await adminAll(`set server hubs/${name} state maint`);
      return start(i);
    };
    return {
      url: haproxy.url,
      urls: lbs.map((l) => l.url),
      dbUrl: db,
      lb: haproxy,
      lbs,
      instances,
      repo: () => openRepository(db),
      kill,
      start,
      replace,
      rssMb: (i) => {
        const h = instances[slot(i)];
        return h ? rssMbOf(h.pid) : 0;
      },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
