/**
 * Where the ID and the date of birth are printed when the page reading garbles them (session 11, idfront4),
 * from generator 8's development seed 23: a 600-dpi scan with a hair across the number, whose page read
 * "sốNo: OQ3019" (the label run together, the value cut at the hair), and a laminated copy whose page read the
 * date of birth "97/11/1953" (a blurred 0 read 9) under a garbled label. Before, neither box was read again: no
 * ID on the first, no date of birth on the second.
 */
import { describe, expect, it } from 'vitest';
import { findLabels, type LineBox, type ValueSpot } from '../../../common/idcard/labels.ts';
import { dateBoxesInLines, readDigitFields } from '../../../drivers/idcard/front-digits.ts';
import type { OcrParams, OcrPool, OcrResult } from '../../../drivers/idcard/ocr-pool.ts';

const word = (text: string, x0: number, x1: number, y0 = 100, y1 = 130) => ({ text, confidence: 80, bbox: { x0, y0, x1, y1 } });
const line = (...words: ReturnType<typeof word>[]): LineBox => ({ text: words.map((w) => w.text).join(' '), bbox: { x0: words[0]!.bbox.x0, y0: 100, x1: words.at(-1)!.bbox.x1, y1: 130 }, words });

describe('the ID’s label read run together', () => {
  it('"sốNo:" is the label "Số / No."', () => {
    const hits = findLabels([line(word('sốNo:', 300, 380), word('OQ3019', 400, 560))]);
    expect(hits.map((h) => h.field)).toEqual(['idNumber']);
  });
  it('words a slip away from it are not ("Sông", "Sơn", "số")', () => {
    expect(findLabels([line(word('Xã', 300, 330), word('Sông', 340, 400), word('Công', 410, 470))])).toEqual([]);
    expect(findLabels([line(word('Sơn', 300, 340), word('số', 350, 380), word('12', 390, 420))])).toEqual([]);
  });
});

describe('an ID beside its label read short', () => {
  // Each crop says how far right it reaches; the fake model reads the twelfth digit only from a crop that reaches it.
  const crop = async (_page: unknown, b: { x1: number }) => ({ png: Buffer.from(String(Math.round(b.x1))) });
  const pool = (edge: number) => {
    const calls: OcrParams[] = [];
    return {
      calls,
      recognize: async (img: Buffer, params: OcrParams): Promise<OcrResult> => {
        calls.push(params);
        return { text: Number(img.toString()) >= edge ? '030190197707' : '03019019770', confidence: 95, lines: [], ms: 1 };
      },
    } as unknown as OcrPool & { calls: OcrParams[] };
  };
  const spot: ValueSpot = { field: 'idNumber', bbox: { x0: 400, y0: 95, x1: 560, y1: 140 }, text: 'OQ3019', where: 'beside', labelHeight: 20, confidence: 40 };

  it('is read again running on past its box when fewer than three readings give 12 digits', async () => {
    // The box beside the label runs 16 label heights (to 720); the number ends a little past that.
    const r = await readDigitFields({ width: 2000 }, { idNumber: spot }, [], { vie: pool(740), eng: pool(740) }, crop);
    expect(r.idNumber.filter((x) => x.value === '030190197707').length).toBeGreaterThanOrEqual(3);
  });
  it('is read once when its box gives the 12 digits', async () => {
    const vie = pool(0);
    const eng = pool(0);
    await readDigitFields({ width: 2000 }, { idNumber: spot }, [], { vie, eng }, crop);
    expect(vie.calls.length + eng.calls.length).toBeLessThanOrEqual(7);
  });
});

describe('a date printed in its shape whose digits make no date', () => {
  it('marks where a date is, for its box to be read again', () => {
    const l = line(word('Ngây', 100, 150), word('với', 160, 200), word('97/11/1953', 400, 560));
    expect(dateBoxesInLines([l])).toEqual([{ x0: 400, y0: 100, x1: 560, y1: 130 }]);
  });
  it('but a run of digits without the date’s separators, or with no year of this century or the last, does not', () => {
    expect(dateBoxesInLines([line(word('97111953', 400, 560))])).toEqual([]);
    expect(dateBoxesInLines([line(word('97/11/3953', 400, 560))])).toEqual([]);
  });
});
