/**
 * A real HAProxy (Debian's `haproxy`) in front of hub instances, on loopback, for tests and the
 * benchmark. The configuration is generated (`haproxyConfig`, the same text docs/scale.md shows)
 * into a temp dir; HAProxy runs in the foreground (`-db`) as a child; its runtime API is a UNIX
 * socket in that dir (`admin(cmd)`: drain a server, change its port, read its state).
 *
 *  - WebSocket-aware: HTTP mode (HAProxy passes the Upgrade through), `timeout tunnel` for the
 *    upgraded sockets;
 *  - health-checked: `GET /api/health` every second (5 s to answer), down after 2 failures;
 *    3 refused connections count as a failed check (`observe layer4`), so a killed instance is out
 *    within about a second — the refused connections themselves are redispatched meanwhile;
 *  - no sticky sessions: `balance leastconn`, no cookie, no stick table — any instance serves any
 *    kiosk or console (the instances share their state through PostgreSQL);
 *  - a connection refused by a dead instance is retried on another (`option redispatch 1`);
 *  - the client address goes to the hub in X-Forwarded-For (a client's own header is dropped first);
 *    the hub believes it only from the proxy's address (`trustProxy`).
 *
 * Not installed: a clear error (apt-get install haproxy — .ci/run does it), never a skip.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './processes.ts';

export interface BackendServer {
  /** A name for HAProxy (`hub1`…): letters, digits, `-`, `_`. */
  name: string;
  host?: string;
  port: number;
}

export interface HaproxyConfigOptions {
  /** Where the front listens (one `bind` line). */
  bind: string;
  servers: BackendServer[];
  /** The runtime API socket (`stats socket … level admin`); null: none. */
  adminSocket: string | null;
  /** Connections HAProxy accepts at once (each takes two file descriptors). */
  maxconn: number;
  /** Adds `x-served-by: <server name>` to answers (tests see which instance served them). */
  servedByHeader?: boolean;
  /** Health check interval (ms, default 1000). */
  checkMs?: number;
}

const NAME = /^[A-Za-z0-9_-]{1,32}$/;

/** The configuration text (pure; docs/scale.md shows its output for three instances). */
export function haproxyConfig(o: HaproxyConfigOptions): string {
  for (const s of o.servers) if (!NAME.test(s.name)) throw new Error(`haproxy: bad server name ${JSON.stringify(s.name)}`);
  if (!Number.isInteger(o.maxconn) || o.maxconn < 10) throw new Error('haproxy: maxconn must be an integer ≥ 10');
  const inter = o.checkMs ?? 1000;
  return [
    'global',
    `  maxconn ${o.maxconn}`,
    ...(o.adminSocket ? [`  stats socket ${o.adminSocket} mode 600 level admin`] : []),
    '',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  # an upgraded WebSocket: kiosks beat every 15 s, consoles may sit idle during a call',
    '  timeout tunnel 1h',
    '  timeout client-fin 10s',
    '  timeout http-request 10s',
    '  timeout http-keep-alive 10s',
    '  # a busy instance (a reconnect storm after another one died) may answer its health check late:',
    '  # do not take it out for that, or the storm moves on and takes out the next one',
    '  timeout check 5s',
    '  # a connection refused by a dead instance is retried on another one',
    '  retries 3',
    '  option redispatch 1',
    '',
    'frontend hub',
    `  bind ${o.bind}`,
    `  maxconn ${o.maxconn}`,
    '  # the hub takes the client address from X-Forwarded-For only from this proxy (hub.json trustProxy)',
    '  http-request del-header x-forwarded-for',
    '  option forwardfor',
    '  default_backend hubs',
    '',
    'backend hubs',
    '  # no stickiness: any instance serves any kiosk or console; long-lived sockets spread by count',
    '  balance leastconn',
    '  option httpchk',
    '  http-check send meth GET uri /api/health',
    '  http-check expect status 200',
    `  default-server check inter ${inter} fastinter ${Math.max(100, Math.round(inter / 4))} downinter ${inter} fall 2 rise 2 observe layer4 error-limit 3 on-error fail-check`,
    ...(o.servedByHeader ? ['  http-response set-header x-served-by %s'] : []),
    ...o.servers.map((s) => `  server ${s.name} ${s.host ?? '127.0.0.1'}:${s.port}`),
    '',
  ].join('\n');
}

/** Debian's binary, or the one on PATH; a clear error when absent. */
export function findHaproxy(): string {
  for (const p of ['/usr/sbin/haproxy', '/usr/bin/haproxy', '/usr/local/sbin/haproxy']) if (existsSync(p)) return p;
  const which = spawnSync('sh', ['-c', 'command -v haproxy'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  throw new Error('HAProxy is not installed: the multi-instance hub tests and bench:hub --instances run behind it. apt-get install haproxy — .ci/run does it');
}

/** This process's soft limit of open files (HAProxy inherits it; each proxied connection takes two). */
export function openFilesLimit(): number {
  const r = spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' });
  const n = Number(r.stdout.trim());
  return Number.isFinite(n) && n > 0 ? n : 1024;
}

/** The most connections one HAProxy process can proxy under the open-files limit. */
export function maxProxiedConnections(): number {
  return Math.max(10, Math.floor((openFilesLimit() - 200) / 2));
}

export interface ServerState {
  name: string;
  /** UP, DOWN, MAINT, DRAIN, … (HAProxy's `show stat` status column). */
  status: string;
  /** Current sessions. */
  sessions: number;
}

export interface Haproxy {
  url: string;
  port: number;
  pid: number;
  config: string;
  /** A runtime API command (`set server hubs/hub1 state drain`…); its answer. */
  admin(cmd: string): Promise<string>;
  /** The backend's servers as HAProxy sees them now. */
  servers(): Promise<ServerState[]>;
  /** Waits (bounded) until `name` has `status` (e.g. UP after a restart). */
  waitStatus(name: string, status: string, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface StartHaproxyOptions {
  servers: BackendServer[];
  maxconn?: number;
  servedByHeader?: boolean;
  checkMs?: number;
}

export async function startHaproxy(o: StartHaproxyOptions): Promise<Haproxy> {
  const bin = findHaproxy();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ward-kiosk-haproxy-'));
  const port = await freePort();
  const sock = path.join(dir, 'admin.sock');
  const config = haproxyConfig({
    bind: `127.0.0.1:${port}`,
    servers: o.servers,
    adminSocket: sock,
    maxconn: Math.min(o.maxconn ?? 2000, maxProxiedConnections()),
    servedByHeader: o.servedByHeader,
    checkMs: o.checkMs,
  });
  const file = path.join(dir, 'haproxy.cfg');
  writeFileSync(file, config);
  const check = spawnSync(bin, ['-c', '-f', file], { encoding: 'utf8', timeout: 10_000 });
  if (check.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`haproxy -c refused the generated config: ${(check.stderr || check.stdout).slice(-800)}`);
  }
  // -db: foreground, no daemon; -W: master-worker off (default); logs none (no `log` line).
  const child = spawn(bin, ['-db', '-f', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const onExit = () => child.exitCode === null && child.kill('SIGKILL');
  process.once('exit', onExit);

  const admin = (cmd: string): Promise<string> =>
    new Promise((resolve, reject) => {
      if (/[\n;]/.test(cmd)) return reject(new Error('one command at a time'));
      const c = net.connect(sock);
      let out = '';
      const timer = setTimeout(() => {
        c.destroy();
        reject(new Error(`haproxy admin: no answer to ${cmd} in 5 s`));
      }, 5000);
      c.on('connect', () => c.write(`${cmd}\n`));
      c.on('data', (b) => (out += b.toString()));
      c.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      c.on('close', () => {
        clearTimeout(timer);
        resolve(out);
      });
    });

  const servers = async (): Promise<ServerState[]> => {
    const csv = await admin('show stat');
    const lines = csv.split('\n').filter((l) => l && !l.startsWith('#'));
    const header = csv.split('\n')[0]!.replace(/^# /, '').split(',');
    const col = (n: string) => header.indexOf(n);
    return lines
      .map((l) => l.split(','))
      .filter((f) => f[col('pxname')] === 'hubs' && f[col('svname')] !== 'BACKEND' && f[col('svname')] !== 'FRONTEND')
      .map((f) => ({ name: f[col('svname')]!, status: f[col('status')]!.split(' ')[0]!, sessions: Number(f[col('scur')]) }));
  };

  const waitStatus = async (name: string, status: string, timeoutMs = 15_000): Promise<void> => {
    const until = Date.now() + timeoutMs;
    let last = '?';
    while (Date.now() < until) {
      const s = (await servers()).find((x) => x.name === name);
      last = s?.status ?? 'absent';
      if (last === status) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`haproxy: ${name} is ${last}, not ${status}, after ${timeoutMs} ms`);
  };

  const stop = async () => {
    process.removeListener('exit', onExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  // Ready when the runtime API answers and the front accepts connections (bounded).
  const until = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`haproxy exited with ${child.exitCode}: ${stderr.slice(-800)}`);
    }
    const ok = await admin('show info').then(
      (t) => t.includes('Pid:'),
      () => false,
    );
    if (ok) break;
    if (Date.now() > until) {
      await stop();
      throw new Error(`haproxy did not start in 10 s: ${stderr.slice(-800)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url: `http://127.0.0.1:${port}`, port, pid: child.pid!, config, admin, servers, waitStatus, stop };
}
