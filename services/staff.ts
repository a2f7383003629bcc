/**
 * Staff exit: the hidden gesture opens a PIN pad; the PIN is checked against
 * the scrypt hash in the config, with a lockout after repeated failures.
 * Layer: node.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { PIN_HASH_RE } from '../kiosk-config/config.schema.ts';

export const MAX_FAILURES = 5;
export const LOCKOUT_SECONDS = 60;

/** Make a config `pinHash` for a PIN (used by `npm run --silent pin-hash`). */
export function hashPin(pin: string, N = 16384, r = 8, p = 1): string {
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, 32, { N, r, p, maxmem: 256 * N * r });
  return `scrypt$${N}$${r}$${p}$${salt.toString('hex')}$${hash.toString('hex')}`;
}

export function verifyPin(pin: string, pinHash: string): boolean {
  const m = PIN_HASH_RE.exec(pinHash);
  if (!m) return false;
  const [, n, r, p, saltHex, hashHex] = m;
  const N = Number(n);
  const R = Number(r);
  const expected = Buffer.from(hashHex!, 'hex');
  const actual = scryptSync(pin, Buffer.from(saltHex!, 'hex'), expected.length, { N, r: R, p: Number(p), maxmem: 256 * N * R });
  return timingSafeEqual(actual, expected);
}

export class StaffGate {
  private failures = 0;
  private lockedUntil = 0;
  private unlockedUntil = 0;

  constructor(private readonly pinHash: () => string) {}

  unlock(pin: string, now = Date.now()): { unlocked: boolean; retryAfterSeconds: number } {
    if (now < this.lockedUntil) return { unlocked: false, retryAfterSeconds: Math.ceil((this.lockedUntil - now) / 1000) };
    if (verifyPin(pin, this.pinHash())) {
      this.failures = 0;
      this.unlockedUntil = now + 60_000;
      return { unlocked: true, retryAfterSeconds: 0 };
    }
    this.failures += 1;
    if (this.failures >= MAX_FAILURES) {
      this.failures = 0;
      this.lockedUntil = now + LOCKOUT_SECONDS * 1000;
      return { unlocked: false, retryAfterSeconds: LOCKOUT_SECONDS };
    }
    return { unlocked: false, retryAfterSeconds: 0 };
  }

  /** Staff actions are allowed for a minute after a good PIN. */
  isUnlocked(now = Date.now()): boolean {
    return now < this.unlockedUntil;
  }

  lock(): void {
    this.unlockedUntil = 0;
  }
}
