/**
 * Login limits (issue 17, finding 4): per user name, per address and global, with a
 * back-off that grows and is capped — never a lock for good — and that does not apply
 * to an address the user has logged in from before (their own office or phone), so an
 * attacker elsewhere cannot lock the real user out. Everything is in memory and bounded.
 *
 *  - per user: after `userFailures` wrong passwords, each further try waits
 *    `backoffMs · 2^(n − userFailures)` after the last failure, at most `maxBackoffMs`;
 *    a success, or an hour without failures, starts again;
 *  - per address (IPv6 by /64): at most `addressFailures` failures per `addressWindowMs`,
 *    whatever the user names (guessing across many names);
 *  - global: at most `globalFailuresPerMinute` failures a minute from all addresses
 *    together; beyond, only addresses known to the user they name may try.
 * Layer: hub (node).
 */
import { addressKey } from './audit-guard.ts';
import { BoundedMap, WindowCounter } from './limits.ts';

export interface LoginLimits {
  userFailures: number;
  backoffMs: number;
  maxBackoffMs: number;
  addressFailures: number;
  addressWindowMs: number;
  globalFailuresPerMinute: number;
  /** An address that logged in as a user is known for this long. */
  knownAddressMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  userFailures: 5,
  backoffMs: 30_000,
  maxBackoffMs: 15 * 60_000,
  addressFailures: 30,
  addressWindowMs: 10 * 60_000,
  globalFailuresPerMinute: 300,
  knownAddressMs: 30 * 86_400_000,
};

const HOUR = 3_600_000;

export type LoginVerdict = { ok: true } | { ok: false; scope: 'user' | 'address' | 'global'; retryAfterMs: number };

export class LoginLimiter {
  private readonly users = new BoundedMap<string, { failures: number; lastAt: number }>(100_000);
  private readonly addresses: WindowCounter;
  private readonly global = new WindowCounter(60_000, 1);
  /** username → address key → last successful login. */
  private readonly known = new BoundedMap<string, Map<string, number>>(100_000);

  constructor(
    readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.addresses = new WindowCounter(limits.addressWindowMs, 200_000);
  }

  private isKnown(username: string, addr: string, t: number): boolean {
    const at = this.known.get(username)?.get(addr);
    return at !== undefined && t - at < this.limits.knownAddressMs;
  }

  /** Whether this address may try this user name now (before the password is checked). */
  check(username: string, ip: string): LoginVerdict {
    const t = this.now();
    const addr = addressKey(ip);
    const known = this.isKnown(username, addr, t);
    if (this.addresses.count(addr, t) >= this.limits.addressFailures) return { ok: false, scope: 'address', retryAfterMs: this.limits.addressWindowMs };
    if (!known && this.global.count('*', t) >= this.limits.globalFailuresPerMinute) return { ok: false, scope: 'global', retryAfterMs: 60_000 };
    const u = this.users.get(username);
    if (!known && u && u.failures >= this.limits.userFailures && t - u.lastAt < HOUR) {
      const wait = Math.min(this.limits.maxBackoffMs, this.limits.backoffMs * 2 ** Math.min(20, u.failures - this.limits.userFailures));
      const left = u.lastAt + wait - t;
      if (left > 0) return { ok: false, scope: 'user', retryAfterMs: left };
    }
    return { ok: true };
  }

  failed(username: string, ip: string): void {
    const t = this.now();
    const addr = addressKey(ip);
    this.addresses.hit(addr, t);
    this.global.hit('*', t);
    if (this.isKnown(username, addr, t)) return; // the user's own address: bounded by the address limit only
    const u = this.users.get(username);
    this.users.set(username, { failures: u && t - u.lastAt < HOUR ? u.failures + 1 : 1, lastAt: t });
  }

  succeeded(username: string, ip: string): void {
    const t = this.now();
    this.users.delete(username);
    const m = this.known.get(username) ?? new Map<string, number>();
    m.delete(addressKey(ip));
    m.set(addressKey(ip), t);
    while (m.size > 20) m.delete(m.keys().next().value!);
    this.known.set(username, m);
  }
}
