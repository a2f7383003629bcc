/**
 * A partial MRZ read by its own check digits (common/idcard/mrz-partial.ts, session 9 idcam2): a thumb over the
 * start of lines 2 and 3 on a hand-held 2021 back (generator 4, development seed 78) left line 1 legible from the
 * document number on; the strict parse refused the whole MRZ.
 */
import { describe, expect, it } from 'vitest';
import { icaoCheckDigit, parseMrz } from '../../../common/idcard/mrz.ts';
import { datesFromLine2, idFromLine1, parsePartialMrz } from '../../../common/idcard/mrz-partial.ts';

const NOW = new Date('2026-12-07T00:00:00Z');
// the reference's fake example (shared/reference/cccd.md)
const L1 = 'IDVNM0900123450079090012345<<0';
const L2 = '9001011M3001019VNM<<<<<<<<<<<8';
const L3 = 'NGUYEN<<VAN<AN<<<<<<<<<<<<<<<<';

describe('partial MRZ', () => {
  it('the fake example is consistent (the strict parse takes it whole)', () => {
    expect(parseMrz([L1, L2, L3], NOW).fields.idNumber).toBe('079090012345');
    expect(icaoCheckDigit('079090012345')).toBe(0);
  });

  it('the ID from the end of line 1, its start hidden (the band reading of the development back)', () => {
    // what OCR gave for the band of the hand-held back: "IDVNM1" lost under the card's cut edge
    expect(idFromLine1('A 928015673014192801567<<0')).toBe('014192801567');
    expect(idFromLine1('0123450079090012345<<0')).toBe('079090012345');
    expect(idFromLine1('2345OO79O9OO12345KK0')).toBe('079090012345'); // O for 0, K for <
    expect(idFromLine1(L1)).toBe('079090012345');
  });

  it('never takes an ID whose own check digits fail or whose document number disagrees', () => {
    expect(idFromLine1('0123450079090012345<<1')).toBeUndefined(); // the ID's check digit
    expect(idFromLine1('0123459079090012345<<0')).toBeUndefined(); // the document number's check digit
    expect(idFromLine1('0123440079090012345<<0')).toBeUndefined(); // a document digit that is not the ID's
    expect(idFromLine1('450079090012345<<0')).toBeUndefined(); // fewer than 4 legible document digits
    expect(idFromLine1('0123450079090012345XX0')).toBeUndefined(); // no fillers
    expect(idFromLine1('0123450079090012346<<0')).toBeUndefined(); // one ID digit slipped
  });

  it('every single-digit slip in the ID is refused (2000 random IDs)', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let accepted = 0;
    for (let n = 0; n < 2000; n++) {
      const id = Array.from({ length: 12 }, () => Math.floor(rnd() * 10)).join('');
      const line = `IDVNM${id.slice(3)}${icaoCheckDigit(id.slice(3))}${id}<<${icaoCheckDigit(id)}`;
      expect(idFromLine1(line.slice(6))).toBe(id);
      const at = 15 + Math.floor(rnd() * 12);
      const slipped = line.slice(0, at) + String((Number(line[at]) + 1 + Math.floor(rnd() * 9)) % 10) + line.slice(at + 1);
      if (idFromLine1(slipped.slice(6)) !== undefined) accepted++;
    }
    expect(accepted).toBe(0);
  });

  it('the dates from line 2 with both check digits, its composite hidden', () => {
    expect(datesFromLine2('9001011M3001019VNM<<<<', '079090012345', NOW)).toEqual({ dateOfBirth: '1990-01-01', dateOfExpiry: '2030-01-01', sex: 'Nam' });
    expect(datesFromLine2('9001012M3001019VNM', undefined, NOW)).toBeUndefined(); // birth check digit
    expect(datesFromLine2('9001011M3001018VNM', undefined, NOW)).toBeUndefined(); // expiry check digit
    expect(datesFromLine2('9013327M3001019VNM', undefined, NOW)).toBeUndefined(); // no such date
  });

  it('a reading of lines 1 and 2 with line 3 hidden; the two must agree', () => {
    const p = parsePartialMrz(`${L1}\n${L2.slice(0, 20)}\n`, NOW);
    expect(p?.fields).toEqual({ idNumber: '079090012345', dateOfBirth: '1990-01-01', dateOfExpiry: '2030-01-01', sex: 'Nam' });
    expect(p?.lines).toEqual([1, 2]);
    // a woman's line 2 under a man's ID (G digit 0): refused as a whole
    const fem = `9001011F3001019VNM`;
    expect(parsePartialMrz(`${L1}\n${fem}`, NOW)).toBeUndefined();
    expect(parsePartialMrz('LKT\nA 928015673014192801567<<0\n05320725TVNM<<<<<<<<<<<\nL\n', NOW)).toEqual({ fields: { idNumber: '014192801567' }, lines: [1] });
    expect(parsePartialMrz('CUC TRUONG CUC CANH SAT\nNGUYEN VAN AN', NOW)).toBeUndefined();
  });
});
