/** The MRZ found anywhere by its shape (drivers/idcard/mrz-locate.ts), on drawn images: no OCR. */
import { describe, expect, it } from 'vitest';
import { extractMrz, locateMrz, type Grey } from '../../../drivers/idcard/mrz-locate.ts';

/** A light page with three rows of 30 dark "glyphs" (rectangles) rotated by `deg` about (cx, cy). */
function page(w: number, h: number, cx: number, cy: number, deg: number, glyph = 14, extra: (img: Grey) => void = () => undefined): Grey {
  const img: Grey = { data: new Uint8Array(w * h).fill(225), width: w, height: h };
  const a = (deg * Math.PI) / 180;
  const pitch = glyph * 1.1;
  const lead = glyph * 1.8;
  for (let row = 0; row < 3; row++)
    for (let i = 0; i < 30; i++) {
      if (row === 2 && i > 20) continue; // the name line is shorter in ink
      const gx = (i - 15) * pitch;
      const gy = (row - 1) * lead;
      for (let v = 0; v < glyph * 1.3; v++)
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

  it('finds nothing in a page of ordinary text lines of different lengths, or a blank page', () => {
    const img = page(1200, 800, 600, 400, 0, 14, (g) => g.data.fill(225));
    for (const [y, len] of [[100, 500], [160, 300], [260, 700]] as const)
      for (let yy = y; yy < y + 14; yy++) for (let x = 100; x < 100 + len; x += 9) for (let k = 0; k < 6; k++) g(img, x + k, yy);
    expect(locateMrz(img)).toEqual([]);
    expect(locateMrz({ data: new Uint8Array(640 * 480).fill(200), width: 640, height: 480 })).toEqual([]);
  });
});

function g(img: Grey, x: number, y: number): void {
  img.data[y * img.width + x] = 20;
}
