import { describe, expect, it } from 'vitest';
import { hashPin, LOCKOUT_SECONDS, MAX_FAILURES, StaffGate, verifyPin } from '../../../services/staff.ts';

describe('staff exit PIN', () => {
  const hash = hashPin('135790', 1024);

  it('verifies the right PIN and refuses others', () => {
    expect(verifyPin('135790', hash)).toBe(true);
    expect(verifyPin('135791', hash)).toBe(false);
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
