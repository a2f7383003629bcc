/**
 * Line 1 opens with `IDVNM` (document code, issuing state) on every Vietnamese card; one or two of those five read wrong
 * (`LDVNM`: a fluorescent-lit back of generator 7, development seed 27) refused the whole MRZ though every check digit
 * passed. They are put back; a foreign card is still refused.
 */
import { describe, expect, it } from 'vitest';
import { icaoCheckDigit, parseMrz } from '../../../common/idcard/mrz.ts';

const NOW = new Date('2026-12-07T00:00:00Z');
const L2 = '9603024F3603022VNM<<<<<<<<<<<8';
const L3 = 'H<<YON<NIE<KDAM<<<<<<<<<<<<<<<';

describe('the MRZ line 1 head (IDVNM)', () => {
  it('puts back one or two characters of IDVNM read wrong', () => {
    for (const head of ['IDVNM', 'LDVNM', '1DVNM', 'IDUNM', 'TDVNN']) {
      const r = parseMrz([`${head}1965893261066196589326<<5`, L2, L3], NOW);
      expect(r.fields.idNumber, head).toBe('066196589326');
      expect(r.lines[0].startsWith('IDVNM')).toBe(true);
    }
  });

  it('still refuses another issuing state, or three characters wrong', () => {
    const doc = '196589326';
    const body = `${doc}${icaoCheckDigit(doc)}066196589326<<5`;
    expect(() => parseMrz([`IDFRA${body}`, L2, L3], NOW)).toThrow();
    expect(() => parseMrz([`LOUNM${body}`, L2, L3], NOW)).toThrow();
  });
});
