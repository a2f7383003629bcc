/**
 * Audit writes bounded per address and overall (issue 17, finding 2).
 *
 * Rows whose actor is an address (`ip:…`: nobody authenticated yet) are what an
 * outsider can make the hub write. Each address (an IPv6 address counts by its /64)
 * gets `perAddress` rows a minute, and all addresses together `global` rows a minute;
 * beyond, rows are counted, not written, and one `audit.suppressed` row per address
 * says how many when its minute is over (or when the hub closes). Rows of users and
 * kiosks are bounded where they are made (per socket in the gateway, per route).
 *
 * Each row also gets its ward (for the staff audit page, read per ward in SQL):
 * `target ward:W` → W; else a kiosk named as actor or target → that kiosk's ward;
 * else a `user:` actor → that user's ward.
 * Layer: hub (node).
 */
import { isIPv6 } from 'node:net';
import type { AuditEntry } from '../db/repository.ts';
import { BoundedMap, WindowCounter } from './limits.ts';

export interface AuditLimits {
  /** Rows per minute per address (unauthenticated actors). */
  perAddress: number;
  /** Rows per minute from all unauthenticated actors together. */
  global: number;
}
export const DEFAULT_AUDIT_LIMITS: AuditLimits = { perAddress: 30, global: 600 };

const MINUTE = 60_000;

/** The key an address is limited by: IPv4 as is, IPv6 by its /64 (one machine usually holds a whole /64). */
export function addressKey(ip: string): string {
  const a = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (!isIPv6(a)) return a;
  const [head = '', tail = ''] = a.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const full = a.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return `${full.slice(0, 4).map((x) => (x || '0').toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

export class AuditGuard {
  private readonly perAddress = new WindowCounter(MINUTE);
  private readonly global = new WindowCounter(MINUTE, 1);
  private readonly suppressed = new Map<string, { count: number; since: number }>();
  private readonly kioskWard = new BoundedMap<string, { ward: string | null; at: number }>(10_000);
  private readonly userWard = new BoundedMap<string, { ward: string | null; at: number }>(10_000);

  constructor(
    private readonly limits: AuditLimits,
    private readonly now: () => number,
    private readonly lookup: { kioskWard(id: string): Promise<string | null>; userWard(username: string): Promise<string | null> },
  ) {}

  /** Whether the row may be written now; false: it was counted as suppressed. */
  admit(e: AuditEntry): boolean {
    if (!e.actor.startsWith('ip:')) return true;
    const t = this.now();
    const key = addressKey(e.actor.slice(3));
    const mine = this.perAddress.hit(key, t);
    const all = this.global.hit('*', t);
    if (mine <= this.limits.perAddress && all <= this.limits.global) return true;
    const s = this.suppressed.get(key);
    if (s) s.count++;
    else if (this.suppressed.size < 10_000) this.suppressed.set(key, { count: 1, since: t });
    return false;
  }

  /** The `audit.suppressed` rows due (the address's minute is over, or all of them with `all`). */
  due(all = false): AuditEntry[] {
    const t = this.now();
    const out: AuditEntry[] = [];
    for (const [key, s] of this.suppressed) {
      if (!all && t - s.since < MINUTE) continue;
      this.suppressed.delete(key);
      out.push({ actor: `ip:${key}`, action: 'audit.suppressed', target: null, detail: `count=${s.count} window=60s` });
    }
    return out;
  }

  /** The ward a row is about (null: none, e.g. an unknown address's junk). */
  async wardOf(e: AuditEntry): Promise<string | null> {
    if (e.target?.startsWith('ward:')) return e.target.slice(5);
    for (const x of [e.actor, e.target]) if (x?.startsWith('kiosk:')) return this.cached(this.kioskWard, x.slice(6), (id) => this.lookup.kioskWard(id));
    const actorWard = e.actor.startsWith('user:') ? await this.cached(this.userWard, e.actor.slice(5), (u) => this.lookup.userWard(u)) : null;
    if (actorWard) return actorWard;
    // An admin (or the CLI) changing a ward's account: the row belongs to that account's ward.
    if (e.target?.startsWith('user:')) return this.cached(this.userWard, e.target.slice(5), (u) => this.lookup.userWard(u));
    return null;
  }

  /** Forget a user's or kiosk's ward (it changed). */
  forget(kind: 'kiosk' | 'user', id: string): void {
    (kind === 'kiosk' ? this.kioskWard : this.userWard).delete(id);
  }

  private async cached(map: BoundedMap<string, { ward: string | null; at: number }>, key: string, load: (k: string) => Promise<string | null>): Promise<string | null> {
    const t = this.now();
    const hit = map.get(key);
    if (hit && t - hit.at < MINUTE) return hit.ward;
    const ward = await load(key);
    map.set(key, { ward, at: t });
    return ward;
  }
}
