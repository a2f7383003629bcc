/**
 * The sex on a front (common/idcard/sex.ts): the printed value found next to its label in OCR lines
 * recorded from development fronts (generator 5, seeds 21/22), and the ID's century+sex digit as the
 * structural check that chooses among readings or gives the sex when none is legible.
 */
import { describe, expect, it } from 'vitest';
import { IdCardReading } from '../../../common/contract/kiosk-api.ts';
import type { Candidate } from '../../../common/idcard/fields.ts';
import { fuse } from '../../../common/idcard/fuse.ts';
import type { LineBox } from '../../../common/idcard/labels.ts';
import { chooseSex, sexFromId, sexReadingsInLines, sexWord, type SexReading } from '../../../common/idcard/sex.ts';

/** OCR lines as tesseract gives them: each word boxed, 12 px per character, 20 px high, 40 px between lines. */
function lines(...texts: (string | [string, number])[]): LineBox[] {
  return texts.map((t, i) => {
    const [text, x] = typeof t === 'string' ? [t, 0] : t;
    const y0 = i * 40;
    let cx = x;
    const words = text.split(' ').map((w) => {
      const b = { x0: cx, y0, x1: cx + 12 * w.length, y1: y0 + 20 };
      cx = b.x1 + 12;
      return { text: w, confidence: 90, bbox: b };
    });
    return { text, bbox: { x0: x, y0, x1: cx, y1: y0 + 20 }, words };
  });
}

const values = (rs: SexReading[]) => rs.map((r) => `${r.value}/${r.via}`);

describe('the printed sex in OCR lines', () => {
  it('reads the word after the label, past its English half and OCR slips', () => {
    // Recorded: a dark-cloth 2021 front ("Sex" read "se:"), a 2024 front with the label run together.
    expect(values(sexReadingsInLines(lines('Giới tính / se: Nam Quốc tịch / xauonainy: Việt Nam')))).toEqual(['Nam/label']);
    expect(values(sexReadingsInLines(lines('Giớitính Nữ Quốc tịch Việt Nam', 'Sex: Natonatty:')))).toEqual(['Nữ/label']);
    expect(values(sexReadingsInLines(lines('Giớttính Nam Quốc tịch Việt Nam', 'Sex: Nationality:')))).toContain('Nam/label');
    expect(values(sexReadingsInLines(lines('Giới tính / Sex: NỮ')))).toEqual(['Nữ/label']);
    // Recorded: a blurred scan of a generator-2 2024 front ("Giới tính / Sex:" read "Gưới tính /$eør").
    expect(values(sexReadingsInLines(lines('Gưới tính /$eør NỮ Quốc tịch / Notionotty: Việt Nam')))).toEqual(['Nữ/label']);
    // Recorded: a flatbed scan of a generator-5 2024 front — the "năm" of the date's label just above is not the sex.
    expect(values(sexReadingsInLines(lines('Ngày, tháng, năm sinh / paerbrth: 14/04/2013', 'Giới tính/ sa: Nữ — Quốc tịch / kuonalyt Việt Nam')))).toEqual(['Nữ/label']);
  });

  it('takes the value on the line above or below a label that has none beside it', () => {
    // The 2024 layout: "Giới tính Nam" over "Sex:", the Vietnamese label lost by OCR.
    expect(values(sexReadingsInLines(lines([';ớ Nam Quốc tịch Việt Nam', 0], ['Sex: Nationality:', 0])))).toEqual(['Nam/label']);
    // Value below the label.
    expect(values(sexReadingsInLines(lines('Giới tính / Sex:', 'Nữ')))).toEqual(['Nữ/label']);
  });

  it('takes the value printed just before the nationality’s label when the sex label is lost', () => {
    // Recorded: a desk-lamp 2024 front of generator 5 (seed 25), "Giới tính" cut to "Gi".
    expect(values(sexReadingsInLines(lines('Gi Nam Quốc tịch', '‹ Natonality:')))).toEqual(['Nam/label']);
    expect(values(sexReadingsInLines(lines('x Nữ Quốctịch Việt Nam')))).toEqual(['Nữ/label']);
    // Recorded: a blurred hand-held 2021 front of generator 4 (seed 77), both labels garbled.
    expect(values(sexReadingsInLines(lines('GSeh/Sec Nam Quốc‡ch/Ngữorgfny Việt Ngmm')))).toEqual(['Nam/label']);
    // "Quốc Oai" is a district, not the label.
    expect(sexReadingsInLines(lines('Xã Phú Nam Quốc Oai, Hà Nội'))).toEqual([]);
  });

  it('never takes Việt Nam, a place name or "Tỉnh" for the sex', () => {
    // Recorded: the old page fallback read "Nam" from "Quảng Nam" on a front whose sex is Nữ.
    const r = sexReadingsInLines(lines('Giớitính Nữ Quốc tịch Việt Nam', 'Sex: Natonatty:', 'Quê quán', 'Tiên Thọ, Tiên Phước, Quảng Nam'));
    expect(values(r)).toEqual(['Nữ/label']);
    expect(sexReadingsInLines(lines('Quốc tịch / Nationality: Việt Nam', 'Thôn 3, Xã Hải Hậu, Tỉnh Nam Định', 'Nơi thường trú: Tỉnh Nam Định'))).toEqual([]);
    expect(sexReadingsInLines(lines(['Sex: Nationality:', 0], ['Việt Nam', 60]))).toEqual([]);
  });

  it('knows Nam and Nữ as OCR reads them, and nothing longer', () => {
    expect(['Nam', 'NAM', 'Nam,', 'Nữ', 'NỮ', 'Nừ', 'Nự', 'Nu'].map(sexWord)).toEqual(['Nam', 'Nam', 'Nam', 'Nữ', 'Nữ', 'Nữ', 'Nữ', 'Nữ']);
    // "năm" (year) folds like "nam" but is not the sex.
    expect(['Năm', 'NĂM', 'Nam Định', 'Nụ'.repeat(2), 'N', 'Nam1x'].map(sexWord)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('the ID digit as the structural check', () => {
  const ID_M = { value: '079090012345', confidence: 0.95 }; // G = 0: male, born 1900–1999
  const ID_F = { value: '049302314886', confidence: 0.95 }; // G = 3: female, born 2000–2099
  const read = (value: 'Nam' | 'Nữ', conf = 90, via: SexReading['via'] = 'label'): SexReading => ({ value, conf, via });

  it('gives the sex only when the ID is confident and its structure holds', () => {
    expect(sexFromId(ID_M, '1990-05-01')).toBe('Nam');
    expect(sexFromId(ID_F, '2002-02-03')).toBe('Nữ');
    expect(sexFromId(ID_M, '1991-05-01')).toBeUndefined(); // YY disagrees with the date of birth
    expect(sexFromId(ID_M, '2090-05-01')).toBeUndefined(); // century disagrees
    expect(sexFromId(ID_M, undefined)).toBeUndefined(); // no date to check it against
    expect(sexFromId({ value: '999090012345', confidence: 0.95 }, '1990-05-01')).toBeUndefined(); // unknown province
    expect(sexFromId({ value: '079790012345', confidence: 0.95 }, '1990-05-01')).toBeUndefined(); // G > 5
    expect(sexFromId({ ...ID_M, confidence: 0.7 }, '1990-05-01')).toBeUndefined(); // ID read without confidence
  });

  it('gives the sex from the ID when nothing printed is legible, as its own source and lower', () => {
    const c = chooseSex([], ID_F, '2002-02-03');
    expect(c).toMatchObject({ value: 'Nữ', source: 'ocr-id-digit' });
    expect(c!.confidence).toBeLessThan(0.6);
    expect(c!.confidence).toBeGreaterThan(0.35); // survives the reader's minimum
    expect(chooseSex([], ID_F, '2003-02-03')).toBeUndefined();
  });

  it('chooses between printed readings that disagree', () => {
    expect(chooseSex([read('Nam', 95), read('Nữ', 70, 'crop')], ID_F, '2002-02-03')).toMatchObject({ value: 'Nữ', source: 'ocr' });
    expect(chooseSex([read('Nam', 95), read('Nữ', 70, 'crop')], ID_M, '1990-01-01')).toMatchObject({ value: 'Nam', source: 'ocr' });
    // Without a structural check, the stronger side, less confident.
    const c = chooseSex([read('Nam', 95), read('Nữ', 70, 'crop')], undefined, undefined)!;
    expect(c.value).toBe('Nam');
    expect(c.confidence).toBeLessThan(chooseSex([read('Nam', 95)], undefined, undefined)!.confidence);
  });

  it('never overrules a clear printed reading: the disagreement is kept, low', () => {
    const agree = chooseSex([read('Nam', 90)], ID_M, '1990-01-01')!;
    const disagree = chooseSex([read('Nam', 90)], ID_F, '2002-02-03')!;
    expect(disagree).toMatchObject({ value: 'Nam', source: 'ocr' });
    expect(disagree.confidence).toBeLessThan(agree.confidence * 0.75);
    // A weak reading (a lone "Nam" with no label near) gives way to the ID's structure.
    expect(chooseSex([read('Nam', 90, 'page')], ID_F, '2002-02-03')).toMatchObject({ value: 'Nữ', source: 'ocr-id-digit' });
    // So does a second reading of a box whose page text was garbled.
    expect(chooseSex([read('Nam', 90, 'crop')], ID_F, '2002-02-03')).toMatchObject({ value: 'Nữ', source: 'ocr-id-digit' });
  });
});

describe('fusion and contract with a sex from the ID digit', () => {
  const cands: Candidate[] = [
    { field: 'idNumber', value: '049302314886', source: 'ocr', confidence: 0.95 },
    { field: 'dateOfBirth', value: '2002-02-03', source: 'ocr', confidence: 0.94 },
    { field: 'sex', value: 'Nữ', source: 'ocr-id-digit', confidence: 0.57 },
  ];

  it('keeps its source and is not raised by agreeing with the ID it came from', () => {
    const f = fuse(cands, { now: new Date('2025-06-01T00:00:00Z'), minConfidence: 0.35 });
    expect(f.fields.sex).toBe('Nữ');
    expect(f.sources.sex).toBe('ocr-id-digit');
    expect(f.confidence.sex).toBe(0.57);
    // A printed OCR reading wins over it.
    const g = fuse([...cands, { field: 'sex', value: 'Nữ', source: 'ocr', confidence: 0.9 }]);
    expect(g.sources.sex).toBe('ocr');
  });

  it('is a source the kiosk contract accepts', () => {
    const reading = { fields: { sex: 'Nữ' }, sources: { sex: 'ocr-id-digit' }, confidence: { sex: 0.57 }, issues: [], expired: false };
    expect(IdCardReading.safeParse(reading).success).toBe(true);
    expect(IdCardReading.safeParse({ ...reading, sources: { sex: 'guess' } }).success).toBe(false);
  });
});
