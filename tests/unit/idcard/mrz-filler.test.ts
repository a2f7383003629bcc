/**
 * Line 2's filler run read as fillers mixed with filler-like letters (`<<<LKLKLL`), of the wrong length —
 * what tesseract made of a monospaced MRZ on a development split of generator 4 (a card on a tablecloth,
 * clean): the run is rebuilt as the 11 fillers it must be; the check digits still decide.
 */
import { describe, expect, it } from 'vitest';
import { parseMrz } from '../../../common/idcard/mrz.ts';

const L1 = 'IDVNM0807705984038080770598<<1';
const L3 = 'NINH<<MINH<THIEU<<<<<<<<<<<<<<';

describe('MRZ line 2 filler run', () => {
  it('reads a run of fillers and L/K of the wrong length before the composite digit', () => {
    const r = parseMrz([L1, '8001025M4001027VNM<<<<<LLL8', L3]);
    expect(r.fields).toMatchObject({ idNumber: '038080770598', dateOfBirth: '1980-01-02', dateOfExpiry: '2040-01-02', sex: 'Nam' });
    expect(r.lines[1]).toBe('8001025M4001027VNM<<<<<<<<<<<8');
    expect(r.compositeMissing).toBe(false);
  });

  it('a composite digit read as a letter after such a run is recomputed (field check digits still verified)', () => {
    const r = parseMrz([L1, '8001025M4001027VNM<<<LKLKLKLKLKLL<Y', 'NINH<<MINH<THIEU<<<<<K<KLLLLLLLKL']);
    expect(r.fields.dateOfBirth).toBe('1980-01-02');
    expect(r.fields.fullNameAscii).toBe('NINH MINH THIEU');
    expect(r.compositeMissing).toBe(true);
  });

  it('a lone K or L among the name line\'s trailing fillers is a filler, never part of the name', () => {
    expect(parseMrz([L1, '8001025M4001027VNM<<<<<<<<<<<8', 'NINH<<MINH<THIEU<K<<<<<<<<<<<<']).fields.fullNameAscii).toBe('NINH MINH THIEU');
    expect(parseMrz([L1, '8001025M4001027VNM<<<<<<<<<<<8', 'NINH<<MINH<THIEU<<L<L<<<<<<<<<']).fields.fullNameAscii).toBe('NINH MINH THIEU');
    // a given name ending in C or L is kept
    expect(parseMrz([L1, '8001025M4001027VNM<<<<<<<<<<<8', 'NINH<<MINH<LOC<<<<<<<<<<<<<<<<']).fields.fullNameAscii).toBe('NINH MINH LOC');
  });

  it('a wrong composite digit or a wrong date check digit is still refused', () => {
    expect(() => parseMrz([L1, '8001025M4001027VNM<<<<<LLL3', L3])).toThrow(/sai số kiểm tra/);
    expect(() => parseMrz([L1, '8001035M4001027VNM<<<LKLKLL<Y', L3])).toThrow(/sai số kiểm tra/);
  });
});
