/**
 * A partial MRZ from several readings of one MRZ (common/idcard/mrz-readings.ts, session 11): a small soft MRZ read
 * several ways, one reading proving line 1 (the ID) and another line 2 (the dates), none both. Each field is still
 * taken only with its own check digits, proven readings must agree, and the ID must agree with the dates.
 */
import { describe, expect, it } from 'vitest';
import { partialFromReadings } from '../../../common/idcard/mrz-readings.ts';
import { parsePartialMrz } from '../../../common/idcard/mrz-partial.ts';
import { icaoCheckDigit } from '../../../common/idcard/mrz.ts';

const NOW = new Date('2026-12-07T00:00:00Z');
// the reference's fake example (shared/reference/cccd.md)
const L1 = 'IDVNM0900123450079090012345<<0';
const L2 = '9001011M3001019VNM<<<<<<<<<<<8';
const L3 = 'NGUYEN<<VAN<AN<<<<<<<<<<<<<<<<';
// line 1 with its ID slipped (8 for 0), line 2 with its fillers lost and VNM read VNN
const line1 = (id: string) => `IDVNM${id.slice(3)}${icaoCheckDigit(id.slice(3))}${id}<<${icaoCheckDigit(id)}`;
const line2 = (birth: string, sex: 'M' | 'F', expiry: string) => `${birth}${icaoCheckDigit(birth)}${sex}${expiry}${icaoCheckDigit(expiry)}VNM<<<<<<<<<<<0`;
const L1_SLIPPED = 'IDVNM0900123450879090012345<<0';
const L2_SHORT = '9001011M3001019VNN<';

describe('a partial MRZ from several readings', () => {
  it('takes line 1 from one reading and line 2 from another when no reading proves both', () => {
    const a = [L1, L2_SHORT, L3].join('\n'); // proves the ID only
    const b = [L1_SLIPPED, '9001011M3001019VNM<<C<<', L3].join('\n'); // proves the dates only
    expect(parsePartialMrz(a, NOW)?.lines).toEqual([1]);
    expect(parsePartialMrz(b, NOW)?.lines).toEqual([2]);
    const r = partialFromReadings([a, b], NOW);
    expect(r?.lines).toEqual([1, 2]);
    expect(r?.fields).toMatchObject({ idNumber: '079090012345', dateOfBirth: '1990-01-01', sex: 'Nam', dateOfExpiry: '2030-01-01' });
  });

  it('takes nothing of a field two proven readings disagree on', () => {
    expect(partialFromReadings([L1, L1], NOW)?.fields.idNumber).toBe('079090012345');
    // another ID with passing check digits (as a chance pass would be): neither is taken
    const id2 = line1('079090012346');
    expect(parsePartialMrz(id2, NOW)?.fields.idNumber).toBe('079090012346');
    expect(partialFromReadings([L1, id2, L2], NOW)).toBeUndefined();
    // two proven line 2s that differ (born 1990-01-01 / 1990-01-02)
    const l2b = line2('900102', 'M', '300102');
    expect(parsePartialMrz(l2b, NOW)?.fields.dateOfBirth).toBe('1990-01-02');
    expect(partialFromReadings([L2, l2b], NOW)).toBeUndefined();
  });

  it('takes nothing when the ID and the dates of different readings disagree (year or sex)', () => {
    // a woman's line 2 (F) under a man's ID (century+sex digit 0: a man born in the 1900s)
    expect(partialFromReadings([L1, line2('900101', 'F', '300101')], NOW)).toBeUndefined();
    // born 1991 under an ID that says 1990
    const l2y = line2('910101', 'M', '310101');
    expect(parsePartialMrz(l2y, NOW)?.fields.dateOfBirth).toBe('1991-01-01');
    expect(partialFromReadings([L1, l2y], NOW)).toBeUndefined();
  });

  it('never takes a field whose own check digits fail, from any reading', () => {
    expect(partialFromReadings([L1_SLIPPED, L2_SHORT], NOW)).toBeUndefined();
    expect(partialFromReadings([], NOW)).toBeUndefined();
  });

  it('2000 random pairs of slipped readings: no wrong field', () => {
    let seed = 11;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const digits = '0123456789';
    let wrong = 0;
    let taken = 0;
    const slip = (line: string) => {
      const i = Math.floor(rnd() * 30);
      const c = line[i]!;
      const d = /\d/.test(c) ? digits[(Number(c) + 1 + Math.floor(rnd() * 9)) % 10]! : c;
      return line.slice(0, i) + d + line.slice(i + 1);
    };
    for (let k = 0; k < 2000; k++) {
      const a = [slip(L1), slip(L2), L3].join('\n');
      const b = [slip(L1), slip(L2), L3].join('\n');
      const r = partialFromReadings([a, b], NOW);
      if (!r) continue;
      taken++;
      if (r.fields.idNumber && r.fields.idNumber !== '079090012345') wrong++;
      if (r.fields.dateOfBirth && r.fields.dateOfBirth !== '1990-01-01') wrong++;
    }
    expect(taken).toBeGreaterThan(100);
    expect(wrong).toBe(0);
  });
});
