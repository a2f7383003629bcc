/** The enrolment screen's pure helpers: the code pad, and the pairing code as shown and as spoken. */
import { describe, expect, it } from 'vitest';
import { CODE_KEYS, showCode, spellCode, typeCode } from '../../../renderer/src/staff/Enrolment.tsx';

describe('enrolment codes on the kiosk', () => {
  it('the pad types only the 32 characters of the codes, at most 8', () => {
    expect(CODE_KEYS).toHaveLength(32);
    expect(CODE_KEYS).not.toMatch(/[01IO]/);
    let c = '';
    for (const k of 'ab0O1Icdefghjk') c = typeCode(c, k);
    expect(c).toBe('ABCDEFGH');
  });

  it('the pairing code is grouped for reading aloud and spelt out for screen readers', () => {
    expect(showCode('K7QM2XPD')).toBe('K7QM 2XPD');
    expect(spellCode('K7QM2XPD')).toBe('K 7 Q M, 2 X P D');
  });
});
