/**
 * A throwaway PostgreSQL for the hub's tests.
 *
 *  - `HUB_TEST_PG_URL` set: use that server (the user must be allowed to CREATE DATABASE).
 *  - otherwise: find Debian's `/usr/lib/postgresql/<v>/bin/initdb`, make a temp
 *    cluster (trust auth, fsync off), run `postgres` on an ephemeral port bound
 *    to 127.0.0.1 with its socket in the temp dir. As root, both run as the
 *    `postgres` user through `runuser -u postgres --` (initdb refuses root).
 *  - not installed: fail with a clear message — never skip.
 *
 * `newDatabase()` gives each test its own empty database on the same server.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './processes.ts';

export interface TestPostgres {
  /** URL of the maintenance database (`postgres`). */
  url: string;
  /** A fresh, empty database; resolves to its URL. */
  newDatabase(): Promise<string>;
  stop(): Promise<void>;
}

const NOT_INSTALLED =
  'PostgreSQL is not installed: the hub tests run against SQLite AND PostgreSQL. ' +
  'apt-get install postgresql — .ci/run does it — or set HUB_TEST_PG_URL=postgres://user@127.0.0.1:5432/postgres';

function findBin(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(path.join(base, v, 'bin', 'initdb')) && existsSync(path.join(base, v, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) throw new Error(NOT_INSTALLED);
  return path.join(base, versions[0]!, 'bin');
}


function withUrlDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

let dbCounter = 0;
function makeNewDatabase(adminUrl: string): () => Promise<string> {
  return async () => {
    const name = `hubtest_${process.pid}_${Date.now().toString(36)}_${++dbCounter}`;
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(`CREATE DATABASE ${name}`);
    } finally {
      await c.end();
    }
    return withUrlDatabase(adminUrl, name);
  };
}

async function waitReady(url: string, child: ChildProcess, log: () => string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`postgres exited with ${child.exitCode}: ${log().slice(-800)}`);
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await c.connect();
      await c.query('SELECT 1');
      await c.end();
      return;
    } catch (e) {
      lastError = (e as Error).message;
      await c.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`postgres did not become ready in ${timeoutMs} ms (${lastError}): ${log().slice(-800)}`);
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const external = process.env.HUB_TEST_PG_URL;
  if (external) return { url: external, newDatabase: makeNewDatabase(external), stop: async () => undefined };

  const bin = findBin();
  const asRoot = process.getuid?.() === 0;
  const wrap = (cmd: string, args: string[]): [string, string[]] => (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'ward-kiosk-pg-'));
  const data = path.join(dir, 'data');
  const sock = path.join(dir, 'sock');
  mkdirSync(sock);
  if (asRoot) {
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gids = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (ids.status !== 0) throw new Error(`running as root but there is no 'postgres' user: ${NOT_INSTALLED}`);
    chownSync(dir, Number(ids.stdout.trim()), Number(gids.stdout.trim()));
    chownSync(sock, Number(ids.stdout.trim()), Number(gids.stdout.trim()));
  }

  const [initCmd, initArgs] = wrap(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8', timeout: 60_000 });
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed (${init.status}): ${(init.stderr || init.stdout || String(init.error)).slice(-800)}`);
  }

  const port = await freePort();
  const [pgCmd, pgArgs] = wrap(path.join(bin, 'postgres'), [
    '-D', data,
    '-p', String(port),
    '-h', '127.0.0.1',
    '-k', sock,
    '-c', 'fsync=off',
    '-c', 'synchronous_commit=off',
    '-c', 'full_page_writes=off',
    '-c', 'shared_buffers=16MB',
    '-c', 'max_connections=60',
  ]);
  const child = spawn(pgCmd, pgArgs, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      /* already gone */
    }
  };
  const onExit = () => killGroup('SIGKILL');
  process.once('exit', onExit);

  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', onExit);
    if (child.exitCode === null) {
      // Fast shutdown: the postmaster takes SIGINT as "disconnect everyone and stop".
      const [stopCmd, stopArgs] = wrap(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', '-t', '10', 'stop']);
      spawnSync(stopCmd, stopArgs, { stdio: 'ignore', timeout: 15_000 });
      const timer = setTimeout(() => killGroup('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitReady(url, child, () => output);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, newDatabase: makeNewDatabase(url), stop };
}
