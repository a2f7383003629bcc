/**
 * The pairing limits (hub/fleet/pairing.ts): requests per minute per address (`start`, `poll`) and
 * the lock after wrong codes typed by staff (per account and per address). One hub instance counts
 * in memory (`MemoryPairingLimits`); N instances on PostgreSQL count in the shared `rate_limits`
 * table (`SharedPairingLimits`, issue 18) — otherwise each instance behind the load balancer would
 * allow the whole limit again. Keys are `ip:…` / `user:…` and addresses; no resident data.
 * Layer: hub (node).
 */
import type { SqlDriver } from '../db/driver.ts';
import { SqlWindowCounter } from './shared-limits.ts';

const MINUTE = 60_000;

export interface PairingLimits {
  /** Counts one request of `kind` from `ip`; false when it is over `limit` this minute. */
  hit(kind: 'start' | 'poll', ip: string, limit: number, now: number): Promise<boolean>;
  /** Seconds until the address's current minute ends (Retry-After). */
  retryAfterSec(kind: 'start' | 'poll', ip: string, now: number): Promise<number>;
  /** The latest lock among `keys` still running at `now`, else 0. */
  lockedUntil(keys: string[], now: number): Promise<number>;
  /** A wrong code: counts for every key; `max` failures within `lockMs` lock the key for `lockMs`. */
  fail(keys: string[], now: number, max: number, lockMs: number): Promise<void>;
  /** A right code: the keys' failures and locks are forgotten. */
  clear(keys: string[]): Promise<void>;
}

/** One instance: fixed windows and failure counts in memory (bounded). */
export class MemoryPairingLimits implements PairingLimits {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private readonly failures = new Map<string, { count: number; first: number; lockedUntil: number }>();

  async hit(kind: 'start' | 'poll', ip: string, limit: number, now: number): Promise<boolean> {
    const key = `${kind}\n${ip}`;
    let w = this.windows.get(key);
    if (!w || now - w.start >= MINUTE) {
      if (this.windows.size > 20_000) this.windows.clear();
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    return w.count <= limit;
  }

  async retryAfterSec(kind: 'start' | 'poll', ip: string, now: number): Promise<number> {
    const w = this.windows.get(`${kind}\n${ip}`);
    return w ? Math.max(1, Math.ceil((w.start + MINUTE - now) / 1000)) : 1;
  }

  async lockedUntil(keys: string[], now: number): Promise<number> {
    let until = 0;
    for (const k of keys) until = Math.max(until, this.failures.get(k)?.lockedUntil ?? 0);
    return until > now ? until : 0;
  }

  async fail(keys: string[], now: number, max: number, lockMs: number): Promise<void> {
    if (this.failures.size > 10_000) this.failures.clear();
    for (const k of keys) {
      let f = this.failures.get(k);
      if (!f || now - f.first > lockMs) f = { count: 0, first: now, lockedUntil: 0 };
      f.count++;
      if (f.count >= max) f.lockedUntil = now + lockMs;
      this.failures.set(k, f);
    }
  }

  async clear(keys: string[]): Promise<void> {
    for (const k of keys) this.failures.delete(k);
  }
}

/**
 * Several instances: the same rules on `rate_limits` (migration 11) — one atomic upsert per counted
 * request or failure, one read per check. Scopes `pairing.start`, `pairing.poll` (one-minute windows
 * from the first request), `pairing.fail` (failures, a window of `lockMs` from the first one) and
 * `pairing.lock` (`start_at` = when the lock ends).
 */
export class SharedPairingLimits implements PairingLimits {
  private readonly counters: Record<'start' | 'poll', SqlWindowCounter>;
  private readonly failCounters = new Map<number, SqlWindowCounter>();

  constructor(private readonly sql: SqlDriver) {
    this.counters = { start: new SqlWindowCounter(sql, 'pairing.start', MINUTE), poll: new SqlWindowCounter(sql, 'pairing.poll', MINUTE) };
  }

  async hit(kind: 'start' | 'poll', ip: string, limit: number, now: number): Promise<boolean> {
    return (await this.counters[kind].hit(ip, now)) <= limit;
  }

  async retryAfterSec(kind: 'start' | 'poll', ip: string, now: number): Promise<number> {
    const [r] = await this.sql.all('SELECT start_at FROM rate_limits WHERE scope = ? AND key = ?', [`pairing.${kind}`, ip]);
    return r ? Math.max(1, Math.ceil((Number(r.start_at) + MINUTE - now) / 1000)) : 1;
  }

  async lockedUntil(keys: string[], now: number): Promise<number> {
    if (!keys.length) return 0;
    const rows = await this.sql.all(`SELECT MAX(start_at) AS until FROM rate_limits WHERE scope = 'pairing.lock' AND key IN (${keys.map(() => '?').join(', ')})`, keys);
    const until = Number(rows[0]?.until ?? 0);
    return until > now ? until : 0;
  }

  async fail(keys: string[], now: number, max: number, lockMs: number): Promise<void> {
    let counter = this.failCounters.get(lockMs);
    if (!counter) this.failCounters.set(lockMs, (counter = new SqlWindowCounter(this.sql, 'pairing.fail', lockMs)));
    for (const k of keys) {
      if ((await counter.hit(k, now)) < max) continue;
      await this.sql.run(
        `INSERT INTO rate_limits (scope, key, start_at, count) VALUES ('pairing.lock', ?, ?, 1)
         ON CONFLICT (scope, key) DO UPDATE SET start_at = excluded.start_at, count = rate_limits.count + 1`,
        [k, now + lockMs],
      );
    }
  }

  async clear(keys: string[]): Promise<void> {
    if (!keys.length) return;
    await this.sql.run(`DELETE FROM rate_limits WHERE scope IN ('pairing.fail', 'pairing.lock') AND key IN (${keys.map(() => '?').join(', ')})`, keys);
  }
}
