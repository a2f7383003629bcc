/**
 * The rows of the ID's number inside a word box the page's layout made too tall (session 11, idfront4;
 * drivers/idcard/digit-rows.ts). Drawn pages: a small label line above the number, the bold number, the name below.
 */
import { describe, expect, it } from 'vitest';
import { numberRows } from '../../../drivers/idcard/digit-rows.ts';
import { readDigitFields } from '../../../drivers/idcard/front-digits.ts';
import type { OcrPool, OcrResult } from '../../../drivers/idcard/ocr-pool.ts';

/** A white page with dark bars standing for text: [y0, y1, x0, x1, stroke spacing]. */
function page(width: number, height: number, bars: [number, number, number, number, number][]) {
  const grey = new Uint8Array(width * height).fill(235);
  for (const [y0, y1, x0, x1, step] of bars)
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if ((x - x0) % step < Math.ceil(step / 2)) grey[y * width + x] = 30;
  return { grey, width, height };
}

describe('the number’s rows in a too-tall box', () => {
  it('are the bold number’s, not the small label above nor the name below', () => {
    // 12 digits 400 px wide (≈ 55 px high), a 14-px label 8 px above, a 40-px name 10 px below, in one box 140 px high.
    const p = page(600, 300, [
      [60, 74, 100, 420, 4], // label
      [82, 138, 100, 500, 6], // the number
      [148, 188, 100, 330, 5], // the name, shorter
    ]);
    const r = numberRows(p, { x0: 100, y0: 55, x1: 500, y1: 195 });
    expect(r).toBeDefined();
    expect(r!.y0).toBeGreaterThanOrEqual(80);
    expect(r!.y0).toBeLessThanOrEqual(84);
    expect(r!.y1).toBeGreaterThanOrEqual(136);
    expect(r!.y1).toBeLessThanOrEqual(140);
    expect([r!.x0, r!.x1]).toEqual([100, 500]);
  });
  it('leave a box of the number’s own height alone', () => {
    const p = page(600, 300, [[82, 138, 100, 500, 6]]);
    expect(numberRows(p, { x0: 100, y0: 80, x1: 500, y1: 140 })).toBeUndefined();
  });
  it('give nothing when no band of a number’s height is there (a blank or a wholly dark box)', () => {
    expect(numberRows(page(600, 300, []), { x0: 100, y0: 55, x1: 500, y1: 195 })).toBeUndefined();
    expect(numberRows(page(600, 300, [[0, 300, 0, 600, 1]]), { x0: 100, y0: 55, x1: 500, y1: 195 })).toBeUndefined();
  });
});

describe('the ID’s box read from the page', () => {
  it('is cropped at the number’s rows when the page’s word box was too tall (a flash’s hotspot: label, number and name in one box)', async () => {
    const p = page(600, 300, [
      [60, 74, 100, 420, 4],
      [82, 138, 100, 500, 6],
      [148, 188, 100, 330, 5],
    ]);
    const boxes: { y0: number; y1: number }[] = [];
    const crop = async (_page: unknown, b: { y0: number; y1: number }) => {
      boxes.push(b);
      return { png: Buffer.alloc(8) };
    };
    const pool = { recognize: async (): Promise<OcrResult> => ({ text: '', confidence: 0, lines: [], ms: 1 }) } as unknown as OcrPool;
    const word = { text: '026210897697', confidence: 60, bbox: { x0: 100, y0: 55, x1: 500, y1: 195 } };
    await readDigitFields(p, {}, [{ text: word.text, bbox: word.bbox, words: [word] }], { vie: pool }, crop);
    expect(boxes.length).toBeGreaterThan(0);
    for (const b of boxes) {
      expect(b.y0).toBeGreaterThanOrEqual(80);
      expect(b.y1).toBeLessThanOrEqual(140);
    }
  });
});
