/**
 * Limits shared by every hub instance (issue 18): the same rules as login-limits.ts and the
 * enrolment tries of app.ts, counted in the database (`rate_limits`, migration 11) instead of one
 * process's memory — otherwise N instances behind a load balancer would allow N times the tries.
 * Used when the hub runs on PostgreSQL (cluster.shared); one SQLite instance keeps the in-memory ones.
 * One upsert per counted event (a failure, a try), one read per check. Layer: hub (node).
 */
import type { SqlDriver } from '../db/driver.ts';
import { addressKey } from './audit-guard.ts';
import type { LoginLimits, LoginVerdict } from './login-limits.ts';

const HOUR = 3_600_000;
const KEEP_MS = 31 * 86_400_000;

/** Fixed windows per (scope, key) in the database: "at most max events per windowMs per key". */
export class SqlWindowCounter {
  private lastPurge = 0;
  constructor(
    private readonly sql: SqlDriver,
    private readonly scope: string,
    private readonly windowMs: number,
  ) {}

  async count(key: string, now: number): Promise<number> {
    const [r] = await this.sql.all('SELECT start_at, count FROM rate_limits WHERE scope = ? AND key = ?', [this.scope, key]);
    return r && now - Number(r.start_at) < this.windowMs ? Number(r.count) : 0;
  }

  /** Adds one event (atomically, whichever instance counts it); returns the count including it. */
  async hit(key: string, now: number, n = 1): Promise<number> {
    const [r] = await this.sql.all(
      `INSERT INTO rate_limits (scope, key, start_at, count) VALUES (?, ?, ?, ?)
       ON CONFLICT (scope, key) DO UPDATE SET
         count = CASE WHEN rate_limits.start_at <= ? THEN excluded.count ELSE rate_limits.count + excluded.count END,
         start_at = CASE WHEN rate_limits.start_at <= ? THEN excluded.start_at ELSE rate_limits.start_at END
       RETURNING count`,
      [this.scope, key, now, n, now - this.windowMs, now - this.windowMs],
    );
    if (now - this.lastPurge > 60_000) {
      this.lastPurge = now;
      await this.sql.run('DELETE FROM rate_limits WHERE scope = ? AND start_at < ?', [this.scope, now - Math.max(this.windowMs, KEEP_MS)]).catch(() => undefined);
    }
    return Number(r?.count ?? n);
  }

  async reset(key: string): Promise<void> {
    await this.sql.run('DELETE FROM rate_limits WHERE scope = ? AND key = ?', [this.scope, key]);
  }
}

/**
 * LoginLimiter's rules (login-limits.ts) on shared counters: per user (failures, reset by a success
 * or an hour without failures — `start_at` is the last failure), per address, global per minute,
 * and the addresses a user has logged in from (`start_at` = last login there).
 */
export class SharedLoginLimiter {
  private readonly addresses: SqlWindowCounter;
  private readonly global: SqlWindowCounter;
  private lastPurge = 0;

  constructor(
    private readonly sql: SqlDriver,
    readonly limits: LoginLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.addresses = new SqlWindowCounter(sql, 'login.address', limits.addressWindowMs);
    this.global = new SqlWindowCounter(sql, 'login.global', 60_000);
  }

  private async isKnown(username: string, addr: string, t: number): Promise<boolean> {
    const [r] = await this.sql.all('SELECT start_at FROM rate_limits WHERE scope = ? AND key = ?', ['login.known', `${username}\n${addr}`]);
    return !!r && t - Number(r.start_at) < this.limits.knownAddressMs;
  }

  async check(username: string, ip: string): Promise<LoginVerdict> {
    const t = this.now();
    const addr = addressKey(ip);
    const [known, perAddress, global, user] = await Promise.all([
      this.isKnown(username, addr, t),
      this.addresses.count(addr, t),
      this.global.count('*', t),
      this.sql.all('SELECT start_at, count FROM rate_limits WHERE scope = ? AND key = ?', ['login.user', username]),
    ]);
    if (perAddress >= this.limits.addressFailures) return { ok: false, scope: 'address', retryAfterMs: this.limits.addressWindowMs };
    if (!known && global >= this.limits.globalFailuresPerMinute) return { ok: false, scope: 'global', retryAfterMs: 60_000 };
    const u = user[0] ? { failures: Number(user[0].count), lastAt: Number(user[0].start_at) } : null;
    if (!known && u && u.failures >= this.limits.userFailures && t - u.lastAt < HOUR) {
      const wait = Math.min(this.limits.maxBackoffMs, this.limits.backoffMs * 2 ** Math.min(20, u.failures - this.limits.userFailures));
      const left = u.lastAt + wait - t;
      if (left > 0) return { ok: false, scope: 'user', retryAfterMs: left };
    }
    return { ok: true };
  }

  async failed(username: string, ip: string): Promise<void> {
    const t = this.now();
    const addr = addressKey(ip);
    await Promise.all([this.addresses.hit(addr, t), this.global.hit('*', t)]);
    if (t - this.lastPurge > 60_000) {
      this.lastPurge = t;
      await this.sql.run("DELETE FROM rate_limits WHERE scope IN ('login.user', 'login.known') AND start_at < ?", [t - KEEP_MS]).catch(() => undefined);
    }
    if (await this.isKnown(username, addr, t)) return; // the user's own address: bounded by the address limit only
    await this.sql.run(
      `INSERT INTO rate_limits (scope, key, start_at, count) VALUES ('login.user', ?, ?, 1)
       ON CONFLICT (scope, key) DO UPDATE SET
         count = CASE WHEN rate_limits.start_at <= ? THEN 1 ELSE rate_limits.count + 1 END,
         start_at = excluded.start_at`,
      [username, t, t - HOUR],
    );
  }

  async succeeded(username: string, ip: string): Promise<void> {
    const t = this.now();
    await this.sql.run("DELETE FROM rate_limits WHERE scope = 'login.user' AND key = ?", [username]);
    await this.sql.run(
      `INSERT INTO rate_limits (scope, key, start_at, count) VALUES ('login.known', ?, ?, 1)
       ON CONFLICT (scope, key) DO UPDATE SET start_at = excluded.start_at`,
      [`${username}\n${addressKey(ip)}`, t],
    );
  }
}
