import { spawnSync } from 'node:child_process';
import { scryptSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KioskConfigSchema } from '../../../kiosk-config/config.schema.ts';
import { createKioskServices } from '../../../services/kiosk-services.ts';
import { memoryLogger } from '../../../services/log.ts';
import { hashPin, lockoutSeconds, LOCKOUT_SECONDS, MAX_FAILURES, MAX_LOCKOUT_SECONDS, memoryGateStore, StaffGate, verifyPin } from '../../../services/staff.ts';
import { DEFAULT_CONFIG, DEMO_PIN, FIXTURE_CATALOGUE, ROOT, tempDir } from '../../support/paths.ts';

describe('staff exit PIN', () => {
  const hash = hashPin('135790', 1024);

  it('verifies the right PIN and refuses others', () => {
    expect(verifyPin('135790', hash)).toBe(true);
    expect(verifyPin('135791', hash)).toBe(false);
    expect(verifyPin('1357900', hash)).toBe(false);
    expect(verifyPin('135790', 'not-a-hash')).toBe(false);
  });

  it('locks out after repeated failures, then accepts the right PIN once the lockout passes', () => {
    const gate = new StaffGate(() => hash);
    const t0 = 1_000_000;
    for (let i = 1; i < MAX_FAILURES; i++) expect(gate.unlock('000000', t0)).toEqual({ unlocked: false, retryAfterSeconds: 0 });
    expect(gate.unlock('000000', t0)).toEqual({ unlocked: false, retryAfterSeconds: LOCKOUT_SECONDS });
    // even the right PIN is refused while locked
    expect(gate.unlock('135790', t0 + 1000).unlocked).toBe(false);
    expect(gate.isUnlocked(t0 + 1000)).toBe(false);
    const later = t0 + LOCKOUT_SECONDS * 1000 + 1;
    expect(gate.unlock('135790', later)).toEqual({ unlocked: true, retryAfterSeconds: 0 });
    expect(gate.isUnlocked(later + 59_000)).toBe(true);
    expect(gate.isUnlocked(later + 61_000)).toBe(false);
  });
});

describe('staff PIN: at least 6 digits (issue 17, finding 15)', () => {
  it('the config schema refuses a hash of a shorter PIN, a hash that does not say its length, and a PIN in clear', () => {
    const good = JSON.parse(readFileSync(DEFAULT_CONFIG, 'utf8')) as { staff: { pinHash: string } };
    expect(KioskConfigSchema.safeParse(good).success).toBe(true);
    const salt = Buffer.alloc(16, 7);
    const four = `pin4$scrypt$1024$8$1$${salt.toString('hex')}$${scryptSync('2468', salt, 32, { N: 1024 }).toString('hex')}`;
    const legacy = four.slice('pin4$'.length); // the old format: no length, a 4-digit PIN would pass
    for (const pinHash of [four, legacy, '2468', '246810']) {
      const r = KioskConfigSchema.safeParse({ ...good, staff: { ...good.staff, pinHash } });
      expect(r.success, pinHash).toBe(false);
      expect(r.error!.issues[0]!.path).toEqual(['staff', 'pinHash']);
    }
    expect(() => hashPin('2468', 1024)).toThrow(/6 to 12 digits/);
    expect(hashPin('123456', 1024)).toMatch(/^pin6\$scrypt\$/);
  });

  it('npm run pin-hash refuses a 4-digit PIN and makes a hash the schema takes', () => {
    const run = (pin: string) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/pin-hash.ts', pin], { cwd: ROOT, encoding: 'utf8' });
    const short = run('2468');
    expect(short.status).toBe(2);
    expect(short.stderr).toContain('6 to 12 digits');
    const ok = run('97531864');
    expect(ok.status).toBe(0);
    expect(verifyPin('97531864', ok.stdout.trim())).toBe(true);
  });

  it('the demo PIN is 6 digits and unlocks the demo config', () => {
    const good = JSON.parse(readFileSync(DEFAULT_CONFIG, 'utf8')) as { staff: { pinHash: string } };
    expect(DEMO_PIN).toMatch(/^\d{6}$/);
    expect(verifyPin(DEMO_PIN, good.staff.pinHash)).toBe(true);
  });
});

describe('staff PIN lock-out: backs off, never for good, survives a restart', () => {
  const hash = hashPin('135790', 1024);
  const fail = (gate: StaffGate, n: number, at: number) => {
    let last = { unlocked: false, retryAfterSeconds: 0 };
    for (let i = 0; i < n; i++) last = gate.unlock('000000', at);
    return last;
  };

  it('each lock-out in a row doubles, capped at MAX_LOCKOUT_SECONDS; the right PIN always works once it passes', () => {
    const gate = new StaffGate(() => hash, memoryGateStore());
    let t = 5_000_000;
    const seen: number[] = [];
    for (let k = 1; k <= 8; k++) {
      const r = fail(gate, MAX_FAILURES, t);
      seen.push(r.retryAfterSeconds);
      t += r.retryAfterSeconds * 1000 + 1;
    }
    expect(seen).toEqual([60, 120, 240, 480, 900, 900, 900, 900]);
    expect(Math.max(...seen)).toBe(MAX_LOCKOUT_SECONDS);
    expect(lockoutSeconds(1000)).toBe(MAX_LOCKOUT_SECONDS);
    expect(gate.unlock('135790', t)).toEqual({ unlocked: true, retryAfterSeconds: 0 });
    // the right PIN starts again from nothing
    expect(fail(gate, MAX_FAILURES, t + 1).retryAfterSeconds).toBe(LOCKOUT_SECONDS);
  });

  it('a clock set back, or a stored lock-out far in the future, never locks for longer than the cap', () => {
    const store = memoryGateStore();
    store.save({ failures: 0, lockouts: 3, lockedUntil: 10 ** 15, lastFailureAt: 10 ** 15 });
    const gate = new StaffGate(() => hash, store);
    const now = 2_000_000_000_000;
    expect(gate.unlock('135790', now).retryAfterSeconds).toBe(MAX_LOCKOUT_SECONDS);
    expect(gate.unlock('135790', now + MAX_LOCKOUT_SECONDS * 1000 + 1).unlocked).toBe(true);
  });

  it('a day without a wrong PIN forgets earlier lock-outs; a corrupt stored state is read as none', () => {
    const store = memoryGateStore();
    const gate = new StaffGate(() => hash, store);
    let t = 1_000_000;
    for (let k = 0; k < 3; k++) t += fail(gate, MAX_FAILURES, t).retryAfterSeconds * 1000 + 1;
    t += 25 * 3600 * 1000;
    expect(fail(gate, MAX_FAILURES, t).retryAfterSeconds).toBe(LOCKOUT_SECONDS);
    const corrupt = { load: () => ({ failures: 'x' }), save: () => undefined };
    expect(new StaffGate(() => hash, corrupt).unlock('135790', t).unlocked).toBe(true);
  });

  it('restarting the kiosk does not reset the lock-out (kept in the kiosk store)', async () => {
    const dataDir = tempDir('staff-restart');
    const open = () =>
      createKioskServices({ configPath: DEFAULT_CONFIG, cataloguePath: FIXTURE_CATALOGUE, dataDir, tmpRoot: tempDir('staff-restart-tmp'), carrier: 'browser', appVersion: 't', logger: memoryLogger() });
    const ctx = { carrier: 'browser' as const };
    const a = await open();
    let r: { unlocked: boolean; retryAfterSeconds: number } | undefined;
    for (let i = 0; i < MAX_FAILURES - 1; i++) r = (await a.dispatch('staff.unlock', { pin: '000000' }, ctx) as { result: typeof r }).result;
    expect(r).toEqual({ unlocked: false, retryAfterSeconds: 0 });
    await a.close();
    // a restart in the middle of the count does not reset it either
    const b = await open();
    r = (await b.dispatch('staff.unlock', { pin: '000000' }, ctx) as { result: typeof r }).result;
    expect(r!.retryAfterSeconds).toBe(LOCKOUT_SECONDS);
    await b.close();
    const c = await open();
    r = (await c.dispatch('staff.unlock', { pin: DEMO_PIN }, ctx) as { result: typeof r }).result;
    expect(r!.unlocked).toBe(false);
    expect(r!.retryAfterSeconds).toBeGreaterThan(LOCKOUT_SECONDS - 5);
    // a 4-digit PIN is not even a valid call
    const short = await c.dispatch('staff.unlock', { pin: '2468' }, ctx);
    expect(short.ok).toBe(false);
    await c.close();
  });
});
