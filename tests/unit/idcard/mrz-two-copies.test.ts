/**
 * The ID's last 9 digits read in their other copy, the document number (common/idcard/mrz-partial.ts `idFromLine1`,
 * session 11). Generator 8's security-camera grab of a 2024 back (development seed 25) read line 1
 * `IDVNM0701261720046870126172<<8`: the document number 070126172 right, the ID's copy of it 870126172 (a dotted zero
 * read 8), so the ID's check digit failed and the back gave its date of birth but no ID.
 */
import { describe, expect, it } from 'vitest';
import { icaoCheckDigit } from '../../../common/idcard/mrz.ts';
import { idFromLine1, parsePartialMrz } from '../../../common/idcard/mrz-partial.ts';

const NOW = new Date('2026-12-07T00:00:00Z');
const line1 = (id: string, doc = id.slice(3)) => `IDVNM${doc}${icaoCheckDigit(id.slice(3))}${id}<<${icaoCheckDigit(id)}`;

describe('the ID read in its two copies on line 1', () => {
  it('the development reading: the ID taken with the document number digit, both check digits passing', () => {
    expect(idFromLine1('IDVNM0701261720046870126172<<8')).toBe('046070126172');
    const p = parsePartialMrz('IDVNM0701261720046870126172<<8\n7010181M3010183VNM<<<<<<<<<B\nD0<<PU<CCCC', NOW);
    expect(p?.fields).toMatchObject({ idNumber: '046070126172', dateOfBirth: '1970-10-18', sex: 'Nam' });
  });

  it('takes nothing when the copies differ at two digits, the document number is not all legible, or a check still fails', () => {
    const id = '046070126172';
    const two = line1(id).replace('046070126172', '046870126178');
    expect(idFromLine1(two)).toBeUndefined();
    expect(idFromLine1(line1(id).replace('IDVNM070', 'IDVNM0X0').replace('046070126172', '046870126172'))).toBeUndefined();
    // the ID's check digit wrong too: neither copy's digit makes both pass
    const bad = line1(id).replace('046070126172<<8', '046870126172<<9');
    expect(idFromLine1(bad)).toBeUndefined();
  });

  it('every single-digit slip in either copy of 2000 random IDs: the right ID or nothing, never another', () => {
    let seed = 5;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let fixed = 0;
    for (let k = 0; k < 2000; k++) {
      const id = Array.from({ length: 12 }, () => Math.floor(rnd() * 10)).join('');
      const line = line1(id);
      // a slip anywhere in the document number, its check digit, the ID or the ID's check digit (positions 5–29)
      const i = 5 + Math.floor(rnd() * 25);
      if (line[i] === '<') continue;
      const d = String((Number(line[i]) + 1 + Math.floor(rnd() * 9)) % 10);
      const got = idFromLine1(line.slice(0, i) + d + line.slice(i + 1));
      if (got !== undefined) expect(got).toBe(id);
      // a slip in the ID's copy of the document number (positions 18–26) is put right by the other copy
      if (i >= 18 && i <= 26) {
        expect(got).toBe(id);
        fixed++;
      }
    }
    expect(fixed).toBeGreaterThan(400);
  });
});
