/**
 * The ID number's box read three ways that vote (issue 15): the line mode (PSM 7) doubled or dropped
 * the thin-stroked digits of a display typeface ("0022060000979", "002200000979"); the raw-line mode
 * (PSM 13) at two sizes reads them. And a date whose slashes became other marks ("22.07 2006").
^ * The card: the third generator's 2024 front on grey cloth, development seed 77 (not the held-out seed).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { preferredSpot } from '../../../drivers/idcard/front-labels.ts';
import { fromOcrDate } from '../../../drivers/idcard/ocr-front.ts';
import { readCardImage } from '../../../drivers/idcard/read-card.ts';
import { useCardReaders } from '../../support/card-readers.ts';
import { generateSet3 } from '../../idcard-data3/generate.ts';

const rig = useCardReaders('idfront-votes-');
const dir = rig.dir;

describe('front ID number and date of birth in a display typeface', () => {
  it('reads the date with its slashes turned into other marks', () => {
    expect(fromOcrDate('22.07 2006')).toBe('2006-07-22');
    expect(fromOcrDate('22.07.2006')).toBe('2006-07-22');
    expect(fromOcrDate('22.0.72006')).toBeUndefined(); // not the shape of a date
  });

  it('reads the 12 digits and the date of birth by OCR alone', async () => {
    const set = await generateSet3({ outDir: dir, cards: 4, seed: 77 });
    const s = set.find((x) => x.face === 'front2024' && x.scene === 'cloth');
    expect(s).toBeDefined();
    const r = await readCardImage(path.join(dir, s!.file), rig.readers, { sources: ['ocr'] });
    expect(r.fields.idNumber).toBe(s!.truth.idNumber);
    expect(r.fields.dateOfBirth).toBe(s!.truth.dateOfBirth);
  }, 90_000);
});

describe('the name beside its label or below it', () => {
  const box = { x0: 0, y0: 0, x1: 100, y1: 20 };
  const below = { field: 'fullName' as const, bbox: box, text: 'ÂU HỮU MỸ XUYẾN', where: 'below' as const, labelHeight: 20, confidence: 94 };
  it('takes the line below when what is beside the label is the garbled English label, not syllables', () => {
    const beside = { field: 'fullName' as const, bbox: box, text: '1 ull ngà', where: 'beside' as const, labelHeight: 20, confidence: 30, alt: below };
    expect(preferredSpot('fullName', beside)?.text).toBe('ÂU HỮU MỸ XUYẾN');
  });
  it('keeps a name printed beside its label', () => {
    const beside = { field: 'fullName' as const, bbox: box, text: 'NGUYỄN VĂN AN', where: 'beside' as const, labelHeight: 20, confidence: 90, alt: { ...below, text: 'NGÀY SINH 01/02/1990' } };
    expect(preferredSpot('fullName', beside)?.text).toBe('NGUYỄN VĂN AN');
  });
});
