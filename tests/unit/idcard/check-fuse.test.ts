import { describe, expect, it } from 'vitest';
import { checkFields, decodeIdNumber } from '../../../common/idcard/check.ts';
import type { Candidate } from '../../../common/idcard/fields.ts';
import { candidatesFrom, fuse } from '../../../common/idcard/fuse.ts';

const NOW = new Date('2025-06-01T00:00:00Z');

describe('check.ts', () => {
  it('decodes century and sex from the G digit', () => {
    expect(decodeIdNumber('079090012345')).toMatchObject({ province: '079', provinceKnown: true, century: 1900, sex: 'Nam', yy: 90 });
    expect(decodeIdNumber('001305001234')).toMatchObject({ century: 2000, sex: 'Nữ', yy: 5 });
    expect(decodeIdNumber('12345')).toBeUndefined();
  });

  it('agrees when the ID matches birth year and sex', () => {
    const r = checkFields({ idNumber: '079090012345', dateOfBirth: '1990-01-01', sex: 'Nam' }, NOW);
    expect(r.issues).toEqual([]);
    expect(r.agreements).toEqual([
      ['idNumber', 'dateOfBirth'],
      ['idNumber', 'sex'],
    ]);
  });

  it('flags an ID that contradicts birth year, century or sex', () => {
    const codes = (f: Parameters<typeof checkFields>[0]) => checkFields(f, NOW).issues.map((i) => i.code);
    expect(codes({ idNumber: '079090012345', dateOfBirth: '1991-01-01' })).toContain('id_birth_year');
    expect(codes({ idNumber: '079090012345', dateOfBirth: '2090-01-01' })).toContain('id_birth_year');
    expect(codes({ idNumber: '079090012345', sex: 'Nữ' })).toContain('id_sex');
    expect(codes({ idNumber: '999090012345' })).toContain('id_province');
  });

  it('flags implausible dates and an expired card', () => {
    const r = checkFields({ dateOfBirth: '1990-01-01', issueDate: '2021-04-15', dateOfExpiry: '2015-01-01' }, NOW);
    expect(r.expired).toBe(true);
    expect(r.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['expired', 'expiry_before_issue']));
    expect(checkFields({ dateOfBirth: '2030-01-01' }, NOW).issues.map((i) => i.code)).toContain('birth_implausible');
    expect(checkFields({ issueDate: '2010-01-01' }, NOW).issues.map((i) => i.code)).toContain('issue_implausible');
    const ok = checkFields({ dateOfBirth: '1990-01-01', issueDate: '2021-04-15', dateOfExpiry: '2030-01-01' }, NOW);
    expect(ok.expired).toBe(false);
    expect(ok.issues).toEqual([]);
    expect(ok.agreements).toContainEqual(['dateOfBirth', 'dateOfExpiry']);
  });
});

describe('fuse', () => {
  const qr = candidatesFrom(
    { idNumber: '079090012345', fullName: 'Nguyễn Văn An', dateOfBirth: '1990-01-01', sex: 'Nam', issueDate: '2021-04-15' },
    'qr',
    0.98,
  );
  const mrz = candidatesFrom(
    { idNumber: '079090012345', dateOfBirth: '1990-01-01', sex: 'Nam', dateOfExpiry: '2030-01-01', nationality: 'Việt Nam', fullNameAscii: 'NGUYEN VAN AN' },
    'mrz',
    0.9,
  );

  it('takes QR over MRZ over OCR and reports each source', () => {
    const ocr: Candidate[] = [
      { field: 'fullName', value: 'Nguyên Văn An', source: 'ocr', confidence: 0.7 },
      { field: 'placeOfOrigin', value: 'Hoàn Kiếm, Hà Nội', source: 'ocr', confidence: 0.6 },
    ];
    const r = fuse([...ocr, ...mrz, ...qr], { now: NOW });
    expect(r.fields.fullName).toBe('Nguyễn Văn An');
    expect(r.sources).toMatchObject({ fullName: 'qr', idNumber: 'qr', dateOfExpiry: 'mrz', nationality: 'mrz', placeOfOrigin: 'ocr' });
    expect(r.fields.fullNameAscii).toBeUndefined(); // only reported when no name with diacritics
    expect(r.issues.some((i) => i.code === 'mismatch' && i.fields.includes('fullName'))).toBe(true);
  });

  it('raises confidence when sources agree and checks pass, lowers it when they do not', () => {
    const alone = fuse(candidatesFrom({ idNumber: '079090012345' }, 'ocr', 0.6), { now: NOW });
    const agreed = fuse(
      [...candidatesFrom({ idNumber: '079090012345', dateOfBirth: '1990-01-01' }, 'ocr', 0.6), ...candidatesFrom({ idNumber: '079090012345' }, 'mrz', 0.9)],
      { now: NOW },
    );
    expect(agreed.confidence.idNumber!).toBeGreaterThan(alone.confidence.idNumber!);
    const contradicted = fuse(candidatesFrom({ idNumber: '079090012345', dateOfBirth: '1991-01-01' }, 'ocr', 0.6), { now: NOW });
    expect(contradicted.confidence.idNumber!).toBeLessThan(alone.confidence.idNumber!);
    expect(contradicted.issues.map((i) => i.code)).toContain('id_birth_year');
    for (const c of Object.values(agreed.confidence)) {
      expect(c).toBeGreaterThanOrEqual(0);
      expect(c).toBeLessThanOrEqual(1);
    }
  });

  it('an OCR name whose ASCII form contradicts the MRZ loses confidence', () => {
    const good = fuse([...mrz, { field: 'fullName', value: 'Nguyễn Văn An', source: 'ocr', confidence: 0.7 }], { now: NOW });
    const bad = fuse([...mrz, { field: 'fullName', value: 'Nguyễn Văn Anh', source: 'ocr', confidence: 0.7 }], { now: NOW });
    expect(good.confidence.fullName!).toBeGreaterThan(0.7);
    expect(bad.confidence.fullName!).toBeLessThan(0.5);
  });

  it('an MRZ name word that can be no syllable (DOO, BAD) is the MRZ\'s misreading: the front\'s name keeps its confidence (session 12)', () => {
    const mrzWith = (ascii: string) => mrz.map((c) => (c.field === 'fullNameAscii' ? { ...c, value: ascii } : c));
    const front = { field: 'fullName' as const, value: 'Đỗ Bảo An', source: 'ocr' as const, confidence: 0.7 };
    for (const ascii of ['DOO BAO AN', 'DO BAD AN']) {
      const r = fuse([...mrzWith(ascii), front], { now: NOW });
      expect(r.fields.fullName, ascii).toBe('Đỗ Bảo An');
      expect(r.confidence.fullName!, ascii).toBeCloseTo(0.7, 5);
      expect(r.issues.some((i) => i.fields.includes('fullNameAscii')), ascii).toBe(false);
    }
    // a syllable the MRZ read otherwise (BAO against the front's BAN), or a word more than one letter off, is a real mismatch
    for (const ascii of ['DO BAO AN', 'DO BXYZ AN']) {
      const r = fuse([...mrzWith(ascii), { ...front, value: 'Đỗ Bàn An' }], { now: NOW });
      expect(r.confidence.fullName!, ascii).toBeLessThan(0.5);
    }
  });

  it('an MRZ name word one filler-like letter (K, C, L, S) off the front\'s at its edge is the name line\'s parse: the front\'s name keeps its confidence (session 13)', () => {
    const mrzWith = (ascii: string) => mrz.map((c) => (c.field === 'fullNameAscii' ? { ...c, value: ascii } : c));
    // generator-10 backs: "<LUY" parsed UY (the listed Uy), "<AN" parsed CAN
    for (const [value, ascii] of [['Mạc Thế Luỹ', 'MAC THE UY'], ['Lê Văn An', 'LE VAN CAN'], ['Lê Văn An', 'LE VAN ANS'], ['Mạc Thế Uy', 'MAC THE KUY']]) {
      const r = fuse([...mrzWith(ascii!), { field: 'fullName', value: value!, source: 'ocr', confidence: 0.7 }], { now: NOW });
      expect(r.fields.fullName, ascii).toBe(value);
      expect(r.confidence.fullName!, ascii).toBeCloseTo(0.7, 5);
      expect(r.issues.some((i) => i.fields.includes('fullNameAscii')), ascii).toBe(false);
    }
    // another letter than a filler's (BAN / AN), inside the word (LUAN / LUN), or two words off: still a mismatch
    for (const [value, ascii] of [['Lê Văn An', 'LE VAN BAN'], ['Lê Văn Luân', 'LE VAN LUN'], ['Mạc Thế Luỹ', 'MAC THI UY']]) {
      const r = fuse([...mrzWith(ascii!), { field: 'fullName', value: value!, source: 'ocr', confidence: 0.7 }], { now: NOW });
      expect(r.confidence.fullName!, ascii).toBeLessThan(0.5);
      expect(r.issues.some((i) => i.code === 'mismatch' && i.fields.includes('fullNameAscii')), ascii).toBe(true);
    }
  });

  it('never invents a field: every output value is one of the inputs, absent stays absent', () => {
    const input: Candidate[] = [...mrz, { field: 'placeOfResidence', value: 'Hà Nội', source: 'ocr', confidence: 0.4 }];
    const r = fuse(input, { now: NOW });
    for (const [f, v] of Object.entries(r.fields)) {
      expect(input.some((c) => c.field === f && c.value === v && c.source === r.sources[f as keyof typeof r.sources])).toBe(true);
    }
    expect(r.fields.fullName).toBeUndefined();
    expect(r.fields.issueDate).toBeUndefined();
    expect(r.fields.placeOfOrigin).toBeUndefined();
    expect(r.fields.fullNameAscii).toBe('NGUYEN VAN AN');
    expect(fuse([], { now: NOW }).fields).toEqual({});
  });

  it('drops a field below minConfidence and flags an expired card', () => {
    const r = fuse([...candidatesFrom({ placeOfOrigin: 'x y' }, 'ocr', 0.2), ...candidatesFrom({ dateOfExpiry: '2020-01-01' }, 'mrz', 0.97)], {
      now: NOW,
      minConfidence: 0.3,
    });
    expect(r.fields.placeOfOrigin).toBeUndefined();
    expect(r.expired).toBe(true);
    expect(r.fields.dateOfExpiry).toBe('2020-01-01');
  });
});
