/**
 * Leases on PostgreSQL: session advisory locks (`pg_try_advisory_lock(class, key)`) held on one
 * dedicated connection per instance. A lock belongs to the connection's session, so the owner's
 * death — process killed, connection cut — releases it at once, and another instance holding the
 * same name takes it at its next try (every `retryMs`).
 *
 * The owner watches its own connection: an error, an end or a ping that does not answer within
 * `pingTimeoutMs` means it may no longer hold the locks, so it calls `onLose` for every lease it
 * owned, drops the connection (which releases whatever the server still held) and starts again.
 * Layer: hub (node).
 */
import pg from 'pg';
import { logBus, newInstanceId } from './bus.ts';
import { callSafely, checkLeaseName, type LeaseHandlers, type Leases } from './lease.ts';

/** The advisory-lock class of our leases (the migration lock uses the single-key form). */
export const LEASE_LOCK_CLASS = 46_118;

/** FNV-1a, 32 bits, as a signed int4: the lock key of a lease name. */
export function leaseKey(name: string): number {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(name, 'utf8')) {
    h ^= b;
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

export interface PgLeasesOptions {
  url: string;
  instanceId?: string;
  /** How often a non-owner tries again and an owner checks its connection (ms). */
  retryMs?: number;
  /** A ping slower than this means the connection is gone (ms). */
  pingTimeoutMs?: number;
}

interface Entry {
  key: number;
  handlers: LeaseHandlers;
  owner: boolean;
}

export class PgLeases implements Leases {
  readonly instanceId: string;
  private readonly held = new Map<string, Entry>();
  private readonly keys = new Map<number, string>();
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client | null> | null = null;
  private timer: NodeJS.Timeout;
  private ticking = false;
  private tickAgain = false;
  private closed = false;
  private readonly retryMs: number;

  constructor(private readonly opts: PgLeasesOptions) {
    this.instanceId = opts.instanceId ?? newInstanceId();
    this.retryMs = opts.retryMs ?? 1_000;
    this.timer = setInterval(() => void this.tick(), this.retryMs);
    this.timer.unref?.();
  }

  hold(name: string, handlers: LeaseHandlers): void {
    checkLeaseName(name);
    if (this.closed) throw new Error('leases closed');
    if (this.held.has(name)) throw new Error(`lease ${name} already held`);
    const key = leaseKey(name);
    const other = this.keys.get(key);
    if (other !== undefined) throw new Error(`lease ${name} has the same key as ${other}: rename one`);
    this.keys.set(key, name);
    this.held.set(name, { key, handlers, owner: false });
    void this.tick();
  }

  isOwner(name: string): boolean {
    return this.held.get(name)?.owner ?? false;
  }

  /** Tries for every lease not owned; when all are owned, pings the connection. */
  async tick(): Promise<void> {
    if (this.closed || this.held.size === 0) return;
    if (this.ticking) {
      this.tickAgain = true; // a lease asked for meanwhile: try it as soon as this tick ends
      return;
    }
    this.ticking = true;
    this.tickAgain = false;
    try {
      const c = await this.connection();
      if (!c) return;
      const wanted = [...this.held.values()].filter((e) => !e.owner);
      if (wanted.length === 0) {
        await this.query(c, 'SELECT 1');
        return;
      }
      const r = await this.query(c, 'SELECT k, pg_try_advisory_lock($1, k) AS ok FROM unnest($2::int4[]) AS u(k)', [
        LEASE_LOCK_CLASS,
        wanted.map((e) => e.key),
      ]);
      for (const row of r.rows as { k: number; ok: boolean }[]) {
        if (!row.ok) continue;
        const name = this.keys.get(row.k);
        const entry = name === undefined ? undefined : this.held.get(name);
        if (!entry || this.closed || this.client !== c) {
          // Released or closed while we asked: give the lock straight back.
          await c.query('SELECT pg_advisory_unlock($1, $2)', [LEASE_LOCK_CLASS, row.k]).catch(() => undefined);
          continue;
        }
        entry.owner = true;
        logBus('hub.lease.acquired', { lease: name!, instance: this.instanceId });
        callSafely(name!, 'acquire', () => entry.handlers.onAcquire());
      }
    } catch {
      // connectionLost already ran (or will, from the client's events).
    } finally {
      this.ticking = false;
    }
    if (this.tickAgain && this.client) await this.tick();
  }

  private async query(c: pg.Client, sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
    const timeoutMs = this.opts.pingTimeoutMs ?? Math.max(3 * this.retryMs, 3_000);
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        c.query(sql, params),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('lease ping timed out')), timeoutMs);
        }),
      ]);
    } catch (e) {
      this.connectionLost(c);
      throw e;
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  private connection(): Promise<pg.Client | null> {
    if (this.client) return Promise.resolve(this.client);
    if (this.connecting) return this.connecting;
    const c = new pg.Client({ connectionString: this.opts.url, keepAlive: true, application_name: `ward-kiosk-lease ${this.instanceId}` });
    c.on('error', () => this.connectionLost(c));
    c.on('end', () => this.connectionLost(c));
    this.connecting = c.connect().then(
      () => {
        this.connecting = null;
        if (this.closed) {
          void c.end().catch(() => undefined);
          return null;
        }
        this.client = c;
        return c;
      },
      () => {
        this.connecting = null;
        c.removeAllListeners();
        c.on('error', () => undefined);
        return null;
      },
    );
    return this.connecting;
  }

  /** The connection may be gone: whatever we owned is no longer ours. */
  private connectionLost(c: pg.Client): void {
    if (this.client !== c) return;
    this.client = null;
    c.removeAllListeners();
    c.on('error', () => undefined);
    // Ending it makes sure the server drops the session (and its locks) if it still had it.
    void c.end().catch(() => undefined);
    let lost = 0;
    for (const [name, entry] of this.held) {
      if (!entry.owner) continue;
      entry.owner = false;
      lost++;
      callSafely(name, 'lose', () => entry.handlers.onLose());
    }
    if (!this.closed) logBus('hub.lease.connection_lost', { instance: this.instanceId, leases: lost });
  }

  async release(name: string): Promise<void> {
    const entry = this.held.get(name);
    if (!entry) return;
    this.held.delete(name);
    this.keys.delete(entry.key);
    if (!entry.owner) return;
    entry.owner = false;
    callSafely(name, 'lose', () => entry.handlers.onLose());
    const c = this.client;
    if (c) await c.query('SELECT pg_advisory_unlock($1, $2)', [LEASE_LOCK_CLASS, entry.key]).catch(() => undefined);
  }

  /** For tests: the backend pid of the lease connection (to cut it from outside). */
  backendPid(): number | null {
    return (this.client as unknown as { processID?: number } | null)?.processID ?? null;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    for (const [name, entry] of this.held) {
      if (!entry.owner) continue;
      entry.owner = false;
      callSafely(name, 'lose', () => entry.handlers.onLose());
    }
    this.held.clear();
    this.keys.clear();
    const c = this.client ?? (this.connecting ? await this.connecting : null);
    this.client = null;
    if (c) {
      c.removeAllListeners();
      c.on('error', () => undefined);
      await c.end().catch(() => undefined); // the session ends: every lock is released
    }
  }
}
