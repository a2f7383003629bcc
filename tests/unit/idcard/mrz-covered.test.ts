/**
 * Line 2 of the MRZ with its start under a thumb (common/idcard/mrz-partial.ts `datesFromCoveredLine2`): the hand-held
 * 2021 back of generator 4's development seed 78 read `7259F3207257VNM…` for `9207259F3207257VNM…`. The birth year
 * is the ID's, a hidden month and day the expiry's (session 10: the first month digit; session 11: down to all six birth
 * digits), and the birth date's own check digit must pass over the date so made — with the expiry's check digit, the
 * birthday rule and the ID's sex.
 */
import { describe, expect, it } from 'vitest';
import { icaoCheckDigit } from '../../../common/idcard/mrz.ts';
import { datesFromCoveredLine2, parsePartialMrz } from '../../../common/idcard/mrz-partial.ts';

const NOW = new Date('2026-12-07T00:00:00Z');
const ID = '014192801567'; // a woman born in 1992 (century+sex digit 1)

function line2(birth: string, sex: string, expiry: string): string {
  return `${birth}${icaoCheckDigit(birth)}${sex}${expiry}${icaoCheckDigit(expiry)}VNM<<<<<<<<<<<4`;
}

describe('a line 2 whose start is hidden', () => {
  const full = line2('920725', 'F', '320725');

  it('reads the date of birth with 1, 2 or 3 characters hidden', () => {
    for (const k of [1, 2, 3]) expect(datesFromCoveredLine2(full.slice(k), ID, NOW), String(k)).toEqual({ dateOfBirth: '1992-07-25', sex: 'Nữ', dateOfExpiry: '2032-07-25' });
    // through the partial parse, with line 1's end legible
    expect(parsePartialMrz(`TNVNM1928015673014192801567<<0\n${full.slice(3)}\nIGKPHU<<KIM<TRINH<<<<<<<<<<`, NOW)?.fields.dateOfBirth).toBe('1992-07-25');
  });

  it('reads it with 4, 5 or all 6 birth digits hidden (session 11: the month and day from the expiry), its check digit visible', () => {
    // generator 4's hand-held back, development seed 26: `20F3409028VNM…` for `9409020F3409028VNM…`
    expect(datesFromCoveredLine2('20F3409028VNM<<<<<<<<<<<0', '079194093848', NOW)).toEqual({ dateOfBirth: '1994-09-02', sex: 'Nữ', dateOfExpiry: '2034-09-02' });
    for (const k of [4, 5, 6]) expect(datesFromCoveredLine2(full.slice(k), ID, NOW), String(k)).toEqual({ dateOfBirth: '1992-07-25', sex: 'Nữ', dateOfExpiry: '2032-07-25' });
    // the check digit must still pass over the date so made (the expiry not on the birthday: 25/07 born, 26/07 expiry)
    expect(datesFromCoveredLine2(`${icaoCheckDigit('920725')}F320726${icaoCheckDigit('320726')}VNM<<<<<<<<<<<4`, ID, NOW)).toBeUndefined();
  });

  it('refuses without the ID, with the whole date hidden, or when a check fails', () => {
    expect(parsePartialMrz(`xx\n${full.slice(3)}\nyy`, NOW)).toBeUndefined(); // no ID: no year
    expect(datesFromCoveredLine2(full.slice(7), ID, NOW)).toBeUndefined(); // the birth date's check digit hidden too
    expect(datesFromCoveredLine2(full.slice(3).replace('7259F', '7258F'), ID, NOW)).toBeUndefined(); // birth check digit
    expect(datesFromCoveredLine2(line2('920725', 'F', '320726').slice(3), ID, NOW)).toBeUndefined(); // not a birthday
    expect(datesFromCoveredLine2(line2('920725', 'F', '330725').slice(3), ID, NOW)).toBeUndefined(); // 41 years: no such card
    expect(datesFromCoveredLine2(line2('920725', 'M', '320725').slice(3), ID, NOW)).toBeUndefined(); // the ID says a woman
    expect(datesFromCoveredLine2(full.slice(3), '014292801567', NOW)).toBeUndefined(); // a man born 2092: no birthday check
    const wrongExpiryCheck = `${full.slice(3, 14)}${(Number(full[14]) + 1) % 10}${full.slice(15)}`;
    expect(datesFromCoveredLine2(wrongExpiryCheck, ID, NOW)).toBeUndefined();
  });

  it('never gives a wrong date when one visible digit slips (2000 random cards)', () => {
    let seed = 11;
    const rnd = (n: number) => Math.floor(((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * n);
    let read = 0;
    for (let i = 0; i < 2000; i++) {
      const year = 1940 + rnd(70);
      const mm = String(1 + rnd(12)).padStart(2, '0');
      const dd = String(1 + rnd(28)).padStart(2, '0');
      const female = rnd(2) === 1;
      const g = (year >= 2000 ? 2 : 0) + (female ? 1 : 0);
      const id = `0${String(1 + rnd(96)).padStart(2, '0')}${g}${String(year % 100).padStart(2, '0')}${String(rnd(1e6)).padStart(6, '0')}`;
      const age = [25, 40, 60][rnd(3)]!;
      const birth = `${String(year % 100).padStart(2, '0')}${mm}${dd}`;
      const expiry = `${String((year + age) % 100).padStart(2, '0')}${mm}${dd}`;
      const k = 1 + rnd(6);
      const shown = line2(birth, female ? 'F' : 'M', expiry).slice(k);
      // one visible digit of the birth date, its check digit or the expiry replaced
      const at = rnd(15 - k);
      const slipped = shown.slice(0, at) + String((Number(shown[at]) + 1 + rnd(9)) % 10) + shown.slice(at + 1);
      const r = datesFromCoveredLine2(slipped, id, NOW);
      if (r) {
        read++;
        expect(r.dateOfBirth, slipped).toBe(`${year}-${mm}-${dd}`);
      }
      if (year + age >= 2000 && year + age <= 2099) expect(datesFromCoveredLine2(shown, id, NOW)?.dateOfBirth, shown).toBe(`${year}-${mm}-${dd}`);
    }
    expect(read).toBeLessThan(20);
  });
});
