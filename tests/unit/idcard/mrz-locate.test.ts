/** The MRZ found anywhere by its shape (drivers/idcard/mrz-locate.ts), on drawn images: no OCR. */
import { describe, expect, it } from 'vitest';
import { closing, extractMrz, flattenLight, locateMrz, type Grey } from '../../../drivers/idcard/mrz-locate.ts';

/** A light page with three rows of 30 dark "glyphs" (rectangles) rotated by `deg` about (cx, cy). */
function page(w: number, h: number, cx: number, cy: number, deg: number, glyph = 14, extra: (img: Grey) => void = () => undefined, fillers = 0): Grey {
  const img: Grey = { data: new Uint8Array(w * h).fill(225), width: w, height: h };
  const a = (deg * Math.PI) / 180;
  const pitch = glyph * 1.1;
  const lead = glyph * 1.8;
  for (let row = 0; row < 3; row++)
    for (let i = 0; i < 30; i++) {
      if (row === 2 && i > 20) continue; // the name line is shorter in ink
      const gx = (i - 15) * pitch;
      const gy = (row - 1) * lead;
      // the last `fillers` glyphs of lines 1 and 2 drawn as thin "<" strokes (little ink) but the very last as a full digit
      const thin = row < 2 && i >= 29 - fillers && i < 29;
      for (let v = thin ? glyph * 0.55 : 0; v < (thin ? glyph * 0.75 : glyph * 1.3); v++)
        for (let u = 0; u < glyph * 0.75; u++) {
          const x = gx + u;
          const y = gy + v - glyph * 0.65;
          const px = Math.round(cx + x * Math.cos(a) - y * Math.sin(a));
          const py = Math.round(cy + x * Math.sin(a) + y * Math.cos(a));
          if (px >= 0 && py >= 0 && px < w && py < h) img.data[py * w + px] = 30;
        }
    }
  extra(img);
  return img;
}

describe('MRZ located by the shape of its three lines', () => {
  it('finds it anywhere in a frame, straight', () => {
    const img = page(1200, 800, 700, 560, 0);
    const [c] = locateMrz(img);
    expect(c).toBeDefined();
    expect(Math.abs(c!.cx - 700)).toBeLessThan(40);
    expect(Math.abs(c!.cy - 560)).toBeLessThan(25);
    expect(Math.abs(c!.angle)).toBeLessThan(0.02);
  });

  it('finds it rotated by 6° and cuts it out straight onto white', () => {
    const img = page(1200, 900, 500, 400, 6);
    const [c] = locateMrz(img);
    expect(c).toBeDefined();
    expect(c!.angle).toBeGreaterThan(0.08);
    expect(c!.angle).toBeLessThan(0.13);
    const out = extractMrz(img, c!);
    // the corners are margin (white), the middle row band holds ink
    expect(out.data[0]).toBe(255);
    expect(out.data[out.width * out.height - 1]).toBe(255);
    let dark = 0;
    const y = Math.round(out.height / 2);
    for (let x = 0; x < out.width; x++) if (out.data[y * out.width + x]! < 100) dark++;
    expect(dark).toBeGreaterThan(out.width * 0.3);
  });

  it("its region reaches the last check digit after a run of fillers (the lines' real extent, not their moments)", () => {
    const glyph = 14;
    const img = page(1200, 800, 600, 400, 0, glyph, undefined, 14);
    const [c] = locateMrz(img);
    expect(c).toBeDefined();
    // the last glyph of lines 1 and 2 ends at 600 + 14 × pitch + 0.75 × glyph
    const lastEnd = 600 + 14 * glyph * 1.1 + glyph * 0.75;
    const firstStart = 600 - 15 * glyph * 1.1;
    expect(c!.cx + c!.length / 2).toBeGreaterThanOrEqual(lastEnd - 2);
    expect(c!.cx - c!.length / 2).toBeLessThanOrEqual(firstStart + 2);
  });

  it("finds it with a shadow's edge running across its lines, and evens the light out for OCR", () => {
    // a sharp diagonal shadow over the right part of the frame, its edge through the MRZ's middle:
    // everything there 140 levels darker (a local-mean threshold welds the three lines to that edge)
    const shade = (img: Grey) => {
      for (let y = 0; y < img.height; y++)
        for (let x = 0; x < img.width; x++) if (x > 600 + (560 - y) * 0.6) img.data[y * img.width + x] = Math.max(0, img.data[y * img.width + x]! - 140);
    };
    const img = page(1200, 800, 600, 560, 0, 14, shade);
    // ink by the local mean welds the lines to the shadow's edge; a black-hat does not
    expect(locateMrz(img, 3, 'local')).toEqual([]);
    const [c] = locateMrz(img, 3, 'blackhat');
    expect(c).toBeDefined();
    expect(Math.abs(c!.cx - 600)).toBeLessThan(40);
    expect(Math.abs(c!.cy - 560)).toBeLessThan(25);
    const out = flattenLight(extractMrz(img, c!), 14);
    // paper on both sides of the shadow's edge is white again: some row between two lines is light all along
    const m = 16;
    let bestRowMin = 0;
    for (let y = m; y < out.height - m; y++) {
      let min = 255;
      for (let x = m + 2; x < out.width - m - 2; x++) min = Math.min(min, out.data[y * out.width + x]!);
      bestRowMin = Math.max(bestRowMin, min);
    }
    expect(bestRowMin).toBeGreaterThan(220);
    // and the glyphs stay dark on both sides
    const y = Math.round(out.height / 2);
    const row = [...out.data.subarray(y * out.width, (y + 1) * out.width)];
    const half = Math.round(out.width / 2);
    expect(row.slice(0, half).filter((v) => v < 90).length).toBeGreaterThan(half * 0.3);
    expect(row.slice(half).filter((v) => v < 90).length).toBeGreaterThan(half * 0.3);
  });

  it('finds nothing in a page of ordinary text lines of different lengths, or a blank page', () => {
    const img = page(1200, 800, 600, 400, 0, 14, (g) => g.data.fill(225));
    for (const [y, len] of [[100, 500], [160, 300], [260, 700]] as const)
      for (let yy = y; yy < y + 14; yy++) for (let x = 100; x < 100 + len; x += 9) for (let k = 0; k < 6; k++) g(img, x + k, yy);
    expect(locateMrz(img)).toEqual([]);
    expect(locateMrz({ data: new Uint8Array(640 * 480).fill(200), width: 640, height: 480 })).toEqual([]);
  });
});

describe('grey closing (constant time per pixel)', () => {
  it('equals the plain max-then-min filter, edges included', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) & 255;
    for (const [w, h, r] of [[37, 23, 3], [50, 61, 5], [10, 9, 7], [64, 64, 1]] as const) {
      const data = Uint8Array.from({ length: w * h }, rnd);
      const pass = (src: Uint8Array, hor: boolean, max: boolean) =>
        src.map((_, i) => {
          const x = i % w;
          const y = (i / w) | 0;
          let v = max ? 0 : 255;
          for (let d = -r; d <= r; d++) {
            const xx = hor ? x + d : x;
            const yy = hor ? y : y + d;
            if (xx >= 0 && yy >= 0 && xx < w && yy < h) v = max ? Math.max(v, src[yy * w + xx]!) : Math.min(v, src[yy * w + xx]!);
          }
          return v;
        });
      expect([...closing({ data, width: w, height: h }, r)]).toEqual([...pass(pass(pass(pass(data, true, true), false, true), true, false), false, false)]);
    }
  });
});

function g(img: Grey, x: number, y: number): void {
  img.data[y * img.width + x] = 20;
}
