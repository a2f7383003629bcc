/**
 * A card valid for life has no date of expiry: ICAO 9303 writes the field as six fillers with the check digit 0.
 * Read in a face whose `<` comes out as `<`, K, C, L or S mixed, with the wrong count (`5607105M<<<<K<KKOVNM…`, what
 * tesseract made of an OCR-B MRZ on a development split of generator 7), line 2 did not fit and the back gave no
 * date of birth (strict parse and partial alike). The run is rebuilt as `<<<<<<0`; nothing else is.
 */
import { describe, expect, it } from 'vitest';
import { icaoCheckDigit, noExpiryRun, parseMrz } from '../../../common/idcard/mrz.ts';
import { datesFromLine2, parsePartialMrz } from '../../../common/idcard/mrz-partial.ts';

const NOW = new Date('2026-12-07T00:00:00Z');

/** The three lines of a lifetime card (no expiry), the composite computed. */
function lifetime(id: string, birth: string, sex: 'M' | 'F'): [string, string, string] {
  const doc = id.slice(3);
  const l1 = `IDVNM${doc}${icaoCheckDigit(doc)}${id}<<${icaoCheckDigit(id)}`;
  const body = `${birth}${icaoCheckDigit(birth)}${sex}<<<<<<0VNM<<<<<<<<<<<`;
  const comp = icaoCheckDigit(l1.slice(5, 30) + body.slice(0, 7) + body.slice(8, 15) + body.slice(18, 29));
  return [l1, body + comp, 'LA<<DUC<NHAT<<<<<<<<<<<<<<<<<<'];
}

describe('MRZ of a card valid for life (no date of expiry)', () => {
  const [l1, l2, l3] = lifetime('042056080030', '560710', 'M');

  it('reads the clean lines: the date of birth, no expiry', () => {
    const r = parseMrz([l1, l2, l3], NOW);
    expect(r.fields).toMatchObject({ idNumber: '042056080030', dateOfBirth: '1956-07-10', sex: 'Nam' });
    expect(r.fields.dateOfExpiry).toBeUndefined();
    expect(r.compositeMissing).toBe(false);
  });

  it('reads the expiry fillers read as K/L/C/S of the wrong count, its 0 read as O or lost', () => {
    for (const run of ['<<<<K<KKO', '<<<K<KKKO', '<KKLLKKO', '<<<<<<KLKO', 'KSKSKS0', '<<<<K<KK']) {
      const line = `${l2.slice(0, 8)}${run}${l2.slice(15)}`;
      const r = parseMrz([l1, line, l3], NOW);
      expect(r.fields.dateOfBirth, run).toBe('1956-07-10');
      expect(r.lines[1], run).toBe(l2);
    }
    // with line 2's optional run read as letters too (fillerTail) and the composite kept
    const r = parseMrz([l1, `${l2.slice(0, 8)}<<<<K<KKOVNM<LLLLLLLLLKLKL${l2[29]}`, l3], NOW);
    expect(r.fields.dateOfBirth).toBe('1956-07-10');
    expect(r.compositeMissing).toBe(false);
  });

  it('a wrong birth check digit or composite is still refused', () => {
    const badBirth = `5607104M<<<<K<KKOVNM<<<<<<<<<<<${l2[29]}`;
    expect(() => parseMrz([l1, badBirth, l3], NOW)).toThrow(/sai số kiểm tra/);
    const badComposite = `${l2.slice(0, 8)}<<<<K<KKO${l2.slice(15, 29)}${(Number(l2[29]) + 1) % 10}`;
    expect(() => parseMrz([l1, badComposite, l3], NOW)).toThrow(/sai số kiểm tra/);
  });

  it('never turns a real expiry into fillers', () => {
    // six digits (or digits read as letters) are a date, not a filler run
    for (const line of ['5607105M3607104VNM<<<<<<<<<<<2', '5607105MO6O71O4VNM<<<<<<<<<<<2', '5607105M<<<<<<<<VNM']) {
      if (line.endsWith('VNM')) expect(noExpiryRun(line)).toBe('5607105M<<<<<<0VNM');
      else expect(noExpiryRun(line)).toBe(line);
    }
    // a run too short for six fillers is left alone
    expect(noExpiryRun('5607105M<<0VNM<<<<<<<<<<<2')).toBe('5607105M<<0VNM<<<<<<<<<<<2');
  });

  it('the partial reading takes the date of birth from such a line 2 (its end hidden)', () => {
    expect(datesFromLine2('5607105M<<<<K<KKOVNM<LLL', '042056080030', NOW)).toEqual({ dateOfBirth: '1956-07-10', sex: 'Nam' });
    expect(datesFromLine2('5607104M<<<<K<KKOVNM<LLL', '042056080030', NOW)).toBeUndefined();
    const p = parsePartialMrz(`xx\n6405087F<<<K<KKKOVNM<LLL<K\nKHUCKKNGOI<KLLLL`, NOW);
    expect(p).toEqual({ fields: { dateOfBirth: '1964-05-08', sex: 'Nữ' }, lines: [2] });
  });
});
