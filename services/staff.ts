/**
 * Staff exit: the hidden gesture opens a PIN pad; the PIN (6 to 12 digits) is checked against the
 * scrypt hash in the config, with a lock-out after repeated failures. Layer: node.
 *
 * Lock-out (issue 17, finding 15): MAX_FAILURES wrong PINs in a row lock the pad for
 * LOCKOUT_SECONDS; each further lock-out without a right PIN in between doubles it, up to
 * MAX_LOCKOUT_SECONDS — never longer, so staff are never locked out for good (a clock that jumped
 * back cannot stretch it either). The state is kept in the kiosk store: restarting the kiosk does
 * not reset it. A right PIN, or a day without a wrong one, starts again from nothing.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { MAX_PIN_DIGITS, MIN_PIN_DIGITS, PIN_HASH_RE } from '../kiosk-config/config.schema.ts';

export const MAX_FAILURES = 5;
export const LOCKOUT_SECONDS = 60;
export const MAX_LOCKOUT_SECONDS = 15 * 60;
/** Wrong PINs older than this are forgotten (so are earlier lock-outs). */
export const FORGET_AFTER_MS = 24 * 3600 * 1000;

/** Make a config `pinHash` for a PIN (used by `npm run --silent pin-hash`). */
export function hashPin(pin: string, N = 16384, r = 8, p = 1): string {
  if (!new RegExp(`^\\d{${MIN_PIN_DIGITS},${MAX_PIN_DIGITS}}$`).test(pin)) throw new Error(`the staff PIN must have ${MIN_PIN_DIGITS} to ${MAX_PIN_DIGITS} digits`);
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, 32, { N, r, p, maxmem: 256 * N * r });
  return `pin${pin.length}$scrypt$${N}$${r}$${p}$${salt.toString('hex')}$${hash.toString('hex')}`;
}

export function verifyPin(pin: string, pinHash: string): boolean {
  const m = PIN_HASH_RE.exec(pinHash);
  if (!m) return false;
  const [, digits, n, r, p, saltHex, hashHex] = m;
  if (pin.length !== Number(digits) || Number(digits) < MIN_PIN_DIGITS) return false;
  const N = Number(n);
  const R = Number(r);
  // A hash with absurd cost parameters is refused rather than run (the config schema only checks the shape).
  if (!(N >= 2 && N <= 2 ** 20 && (N & (N - 1)) === 0 && R >= 1 && R <= 32 && Number(p) >= 1 && Number(p) <= 16)) return false;
  const expected = Buffer.from(hashHex!, 'hex');
  const actual = scryptSync(pin, Buffer.from(saltHex!, 'hex'), expected.length, { N, r: R, p: Number(p), maxmem: 256 * N * R * Number(p) + 1024 * 1024 });
  return timingSafeEqual(actual, expected);
}

export const GateState = z.object({
  failures: z.number().int().min(0).max(1000),
  lockedUntil: z.number().int().min(0),
  lockouts: z.number().int().min(0).max(1000),
  lastFailureAt: z.number().int().min(0),
});
export type GateState = z.infer<typeof GateState>;

/** Where the lock-out state lives (the kiosk store's meta table; memory in tests). */
export interface GateStore {
  load(): unknown;
  save(state: GateState): void;
}

export function memoryGateStore(): GateStore & { state: GateState | null } {
  const s = {
    state: null as GateState | null,
    load: () => s.state,
    save: (x: GateState) => {
      s.state = { ...x };
    },
  };
  return s;
}

const FRESH: GateState = { failures: 0, lockedUntil: 0, lockouts: 0, lastFailureAt: 0 };

export class StaffGate {
  private unlockedUntil = 0;

  constructor(
    private readonly pinHash: () => string,
    private readonly store: GateStore = memoryGateStore(),
  ) {}

  private state(now: number): GateState {
    const parsed = GateState.safeParse(this.store.load());
    let s = parsed.success ? parsed.data : { ...FRESH };
    // a day without a wrong PIN: start again
    if (s.lastFailureAt && now - s.lastFailureAt > FORGET_AFTER_MS && now >= s.lockedUntil) s = { ...FRESH };
    // never longer than the cap from now (a clock set back, a state written by a bug): the clamp is kept
    if (s.lockedUntil > now + MAX_LOCKOUT_SECONDS * 1000 || s.lastFailureAt > now) {
      s = { ...s, lockedUntil: Math.min(s.lockedUntil, now + MAX_LOCKOUT_SECONDS * 1000), lastFailureAt: Math.min(s.lastFailureAt, now) };
      this.store.save(s);
    }
    return s;
  }

  unlock(pin: string, now = Date.now()): { unlocked: boolean; retryAfterSeconds: number } {
    const s = this.state(now);
    if (now < s.lockedUntil) return { unlocked: false, retryAfterSeconds: Math.ceil((s.lockedUntil - now) / 1000) };
    if (verifyPin(pin, this.pinHash())) {
      this.store.save({ ...FRESH });
      this.unlockedUntil = now + 60_000;
      return { unlocked: true, retryAfterSeconds: 0 };
    }
    const failures = s.failures + 1;
    if (failures >= MAX_FAILURES) {
      const lockouts = s.lockouts + 1;
      const seconds = lockoutSeconds(lockouts);
      this.store.save({ failures: 0, lockouts, lockedUntil: now + seconds * 1000, lastFailureAt: now });
      return { unlocked: false, retryAfterSeconds: seconds };
    }
    this.store.save({ ...s, failures, lastFailureAt: now });
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

/** The n-th lock-out in a row lasts LOCKOUT_SECONDS · 2^(n−1), at most MAX_LOCKOUT_SECONDS. */
export function lockoutSeconds(n: number): number {
  return Math.min(MAX_LOCKOUT_SECONDS, LOCKOUT_SECONDS * 2 ** Math.min(Math.max(0, n - 1), 20));
}
