/**
 * The name line broken in two at its `<<` (drivers/idcard/mrz-locate.ts `joinedPairs`): a widely spaced face whose `<`
 * leaves little ink — a back filling the frame, generator 2 development seed 41 — gave line 3 as two blobs, neither long
 * enough nor starting where lines 1 and 2 do, and the MRZ was not located ("không tìm thấy thẻ"). Drawn images, no OCR.
 */
import { describe, expect, it } from 'vitest';
import { joinedPairs, lineBlobs, locateMrz, type Grey } from '../../../drivers/idcard/mrz-locate.ts';

/** Three rows of 30 glyph boxes, widely spaced; in row 3, glyphs `gapFrom`…`gapTo` are left out (`NGUYEN<…`). */
function page(gapFrom: number, gapTo: number): Grey {
  const w = 1000;
  const h = 700;
  const img: Grey = { data: new Uint8Array(w * h).fill(230), width: w, height: h };
  const glyph = 22;
  const pitch = 31;
  for (let row = 0; row < 3; row++)
    for (let i = 0; i < 30; i++) {
      if (row === 2 && (i >= 24 || (i >= gapFrom && i <= gapTo))) continue;
      for (let v = 0; v < glyph * 0.8; v++)
        for (let u = 0; u < glyph * 0.75; u++) img.data[Math.round(480 + row * 52 + v) * w + Math.round(40 + i * pitch + u)] = 40;
    }
  return img;
}

describe('an MRZ whose name line is broken at its <<', () => {
  it('is located with the two pieces of line 3 joined', () => {
    const img = page(7, 7);
    const [c] = locateMrz(img);
    expect(c).toBeDefined();
    expect(Math.abs(c!.cy - (480 + 52 + 9))).toBeLessThan(15);
    expect(c!.length).toBeGreaterThan(850);
  });

  it('joins only pieces of one line, close along it', () => {
    const { lines, f } = lineBlobs(page(7, 7), [1 / 45]);
    const row3 = lines[0]!.filter((b) => b.cy * f > 560);
    expect(row3).toHaveLength(2);
    const joined = joinedPairs(lines[0]!);
    expect(joined).toHaveLength(1);
    expect(joined[0]!.length).toBeGreaterThan(row3[0]!.length + row3[1]!.length);
    // lines 1 and 2 (one above the other) are never joined; pieces too far apart are not either
    expect(joinedPairs(lines[0]!.filter((b) => b.cy * f < 560))).toHaveLength(0);
    const far = lineBlobs(page(7, 9), [1 / 45]).lines[0]!;
    expect(far.filter((b) => b.cy * f > 560)).toHaveLength(2);
    expect(joinedPairs(far)).toHaveLength(0);
  });
});
