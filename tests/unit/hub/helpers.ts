/**
 * Hub test helpers: both databases, a started hub with demo users and an
 * enrolled kiosk, and WebSocket clients that validate everything they receive
 * against the contract. Loopback only; every wait is bounded.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import WebSocket from 'ws';
import { HUB_CONSOLE_WS_PATH, HUB_KIOSK_WS_PATH } from '../../../common/contract/hub-common.ts';
import { HubToConsole } from '../../../common/contract/hub-console.ts';
import { HubToKiosk } from '../../../common/contract/hub-kiosk.ts';
import { hashPassword } from '../../../hub/auth/crypto.ts';
import { openRepository } from '../../../hub/db/index.ts';
import type { HubRepository } from '../../../hub/db/repository.ts';
import { buildHub, newUserId, type Hub, type HubOptions } from '../../../hub/server/app.ts';
import { DEMO_WARD, seedDemo } from '../../../hub/seed.ts';
import { tempDir } from '../../support/paths.ts';
import { startTestPostgres, type TestPostgres } from '../../support/postgres.ts';

export const PASSWORD = 'hotro-2468';
export const WARD = DEMO_WARD;
/** Cheap scrypt for test users (the cost is in the stored hash). */
export const TEST_N = 1024;

export interface DbTarget {
  name: 'sqlite' | 'postgres';
  /** A fresh, empty database. */
  newUrl(): Promise<string>;
}

/** SQLite and PostgreSQL (a throwaway cluster for this file, stopped after it). */
export function useDatabases(): DbTarget[] {
  let pg: TestPostgres | null = null;
  let n = 0;
  const dir = tempDir('hub');
  beforeAll(async () => {
    pg = await startTestPostgres();
  }, 60_000);
  afterAll(async () => {
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);
  return [
    { name: 'sqlite', newUrl: async () => `sqlite:${path.join(dir, `hub-${++n}.sqlite`)}` },
    {
      name: 'postgres',
      newUrl: async () => {
        if (!pg) throw new Error('PostgreSQL did not start (see the beforeAll error)');
        return pg.newDatabase();
      },
    },
  ];
}

export async function seedUsers(repo: HubRepository): Promise<void> {
  await seedDemo(repo, PASSWORD, TEST_N);
}

export async function addUser(
  repo: HubRepository,
  u: { username: string; role?: 'volunteer' | 'staff' | 'admin'; ward?: string | null; languages?: ('vi' | 'en')[]; available?: boolean },
): Promise<void> {
  const rec = await repo.createUser({
    id: newUserId(),
    username: u.username,
    displayName: u.username.toUpperCase(),
    passwordHash: await hashPassword(PASSWORD, TEST_N),
    role: u.role ?? 'volunteer',
    ward: u.ward === undefined ? WARD : u.ward,
    languages: u.languages ?? ['vi'],
  });
  if (u.available) await repo.setUserAvailable(rec.id, true);
}

export interface Running {
  hub: Hub;
  url: string;
  wsUrl: string;
  dbUrl: string;
}

export async function startHub(dbUrl: string, opts: HubOptions = {}): Promise<Running> {
  const hub = await buildHub({ db: dbUrl, ringTimeoutMs: 5_000, escalateMs: 2_000, callGraceMs: 10_000, ...opts });
  const { url } = await hub.start();
  return { hub, url, wsUrl: url.replace(/^http/, 'ws'), dbUrl };
}

/** A fresh database with the demo users, migrated. */
export async function seededDb(target: DbTarget, more: (repo: HubRepository) => Promise<void> = async () => undefined): Promise<string> {
  const url = await target.newUrl();
  const repo = await openRepository(url);
  try {
    await seedUsers(repo);
    await more(repo);
  } finally {
    await repo.close();
  }
  return url;
}

export async function post(url: string, body: unknown, cookie?: string): Promise<{ status: number; json: any; setCookie: string | null }> {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });
  const text = await r.text();
  return { status: r.status, json: text ? JSON.parse(text) : null, setCookie: r.headers.get('set-cookie') };
}

export async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  const r = await fetch(url, { headers, signal: AbortSignal.timeout(5000) });
  const text = await r.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: r.status, json };
}

/** Logs in; returns the `cookie` header value. */
export async function login(r: Running, username: string, password = PASSWORD): Promise<string> {
  const res = await post(`${r.url}/api/login`, { username, password });
  if (res.status !== 200 || !res.setCookie) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.json)}`);
  return res.setCookie.split(';')[0]!;
}

/** Staff creates a code, the kiosk enrols with it; returns the device secret. */
export async function enrolKiosk(r: Running, kioskId: string, staffCookie?: string): Promise<string> {
  const cookie = staffCookie ?? (await login(r, 'canbo'));
  const code = await post(`${r.url}/api/enrolment-codes`, { ward: WARD, ttlMinutes: 10 }, cookie);
  if (code.status !== 200) throw new Error(`code: ${code.status}`);
  const e = await post(`${r.url}/api/kiosks/enrol`, { code: code.json.code, kioskId, name: `Kiosk ${kioskId}` });
  if (e.status !== 200) throw new Error(`enrol: ${e.status} ${JSON.stringify(e.json)}`);
  return e.json.secret as string;
}

type Msg = { type: string; seq: number; [k: string]: any };

/** A WebSocket client that numbers what it sends and validates what it receives. */
export class Client {
  readonly ws: WebSocket;
  readonly received: Msg[] = [];
  readonly invalid: unknown[] = [];
  readonly receivedAt = new Map<Msg, number>();
  private seq = 0;
  private cursor = 0;
  private waiters: (() => void)[] = [];
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  closeCode: number | null = null;

  constructor(url: string, kind: 'kiosk' | 'console', headers: Record<string, string> = {}) {
    this.ws = new WebSocket(url + (kind === 'kiosk' ? HUB_KIOSK_WS_PATH : HUB_CONSOLE_WS_PATH), { headers });
    const schema = kind === 'kiosk' ? HubToKiosk : HubToConsole;
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      this.ws.once('error', reject);
    });
    this.closed = new Promise((resolve) =>
      this.ws.once('close', (code, reason) => {
        this.closeCode = code;
        resolve({ code, reason: reason.toString() });
        this.wake();
      }),
    );
    this.ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as Msg;
      if (!schema.safeParse(msg).success) this.invalid.push(msg);
      this.received.push(msg);
      this.receivedAt.set(msg, performance.now());
      this.wake();
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Sends with the next client seq (or the given one); returns the seq used. */
  send(msg: Record<string, unknown>, seq?: number): number {
    const s = seq ?? ++this.seq;
    if (seq !== undefined && seq > this.seq) this.seq = seq;
    this.ws.send(JSON.stringify({ ...msg, seq: s }));
    return s;
  }

  raw(data: string | Buffer, binary = false): void {
    this.ws.send(data, { binary });
  }

  lastServerSeq(): number {
    return this.received.reduce((m, x) => Math.max(m, x.seq ?? 0), 0);
  }

  /** The next message (after the last one taken) matching `pred`; bounded wait. */
  async next(pred: (m: Msg) => boolean = () => true, timeoutMs = 3000, what = 'a message'): Promise<Msg> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      for (let i = this.cursor; i < this.received.length; i++) {
        const m = this.received[i]!;
        if (pred(m)) {
          this.cursor = i + 1;
          return m;
        }
      }
      const left = until - Date.now();
      if (left <= 0 || this.closeCode !== null) {
        throw new Error(`timed out waiting for ${what}; got: ${JSON.stringify(this.received.slice(-6).map((m) => m.type))}${this.closeCode !== null ? ` (closed ${this.closeCode})` : ''}`);
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  type(type: string, timeoutMs = 3000): Promise<Msg> {
    return this.next((m) => m.type === type, timeoutMs, type);
  }

  /** Whether a message of this type arrived (from the cursor on) within `ms`. */
  async gets(type: string, ms: number): Promise<boolean> {
    try {
      await this.next((m) => m.type === type, ms, type);
      return true;
    } catch {
      return false;
    }
  }

  close(): Promise<unknown> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    this.ws.close();
    return Promise.race([this.closed, new Promise((r) => setTimeout(r, 2000))]);
  }
}

export async function kioskClient(r: Running, kioskId: string, secret: string, resume?: { epoch: string; lastServerSeq: number }): Promise<Client> {
  const c = new Client(r.wsUrl, 'kiosk');
  await c.opened;
  c.send({ type: 'hello', kioskId, secret, epoch: resume?.epoch ?? null, lastServerSeq: resume?.lastServerSeq ?? 0 });
  await c.type('snapshot');
  return c;
}

export async function consoleClient(r: Running, cookie: string, resume?: { epoch: string; lastServerSeq: number }, status?: 'available' | 'busy'): Promise<Client> {
  const c = new Client(r.wsUrl, 'console', { cookie, origin: r.url });
  await c.opened;
  c.send({ type: 'hello', epoch: resume?.epoch ?? null, lastServerSeq: resume?.lastServerSeq ?? 0 });
  await c.type('snapshot');
  if (status) {
    c.send({ type: 'status.set', status });
    await c.next((m) => m.type === 'status' && m.status === status, 3000, `status ${status}`);
  }
  return c;
}

/** Polls the audit log until an entry matches (audit writes are asynchronous). */
export async function waitAudit(r: Running, pred: (a: { actor: string; action: string; target: string | null; detail: string | null }) => boolean, timeoutMs = 3000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await r.hub.settled();
    const rows = await r.hub.repo.listAudit({ limit: 500 });
    const hit = rows.find(pred);
    if (hit) return hit;
    if (Date.now() > until) throw new Error(`no matching audit entry; last: ${JSON.stringify(rows.slice(0, 8).map((a) => `${a.action} ${a.target ?? ''} ${a.detail ?? ''}`))}`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}

/** The hubs and clients a test file starts (push them here), all closed after each test. */
export function closedAfterEach(): { hubs: Running[]; clients: Client[] } {
  const open = { hubs: [] as Running[], clients: [] as Client[] };
  afterEach(async () => {
    await Promise.all(open.clients.splice(0).map((c) => c.close()));
    for (const h of open.hubs.splice(0)) await h.hub.close();
  });
  return open;
}
