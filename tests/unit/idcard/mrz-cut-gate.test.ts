/**
 * The MRZ search's last look, with thin bridges cut (mrz-bridges.ts, for a hair welding a scanned back's three lines),
 * runs only when the two usual looks found no line triple at all. Run after them on every picture whose MRZ did not
 * read, it found more triples in a front's own text and read each upright and turned: the lead's quiet run of session
 * 11 had a 2021 front in a plastic sleeve (generator 4) run out of time, and a photocopy of both faces lose its front's
 * ID to a part of its back's MRZ read through the cut look. Here a page with two sets of three lines of boxes: the
 * upper set found by the usual look (and not an MRZ), the lower one welded by a hair, found by the cut look only. The
 * search reads the upper set's candidate and stops (OCR calls counted); without the gate it reads the lower one too.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { loadFrame } from '../../../drivers/idcard/image.ts';
import { readMrzAnywhere } from '../../../drivers/idcard/mrz-image.ts';
import { locateMrz, type Grey } from '../../../drivers/idcard/mrz-locate.ts';
import type { OcrPool } from '../../../drivers/idcard/ocr-pool.ts';
import { useCardReaders } from '../../support/card-readers.ts';

const rig = useCardReaders();

function lines(img: Grey, top: number): void {
  for (let row = 0; row < 3; row++)
    for (let i = 0; i < 30; i++)
      for (let v = 0; v < 28; v++) for (let u = 0; u < 22; u++) img.data[(top + row * 55 + v) * img.width + 100 + i * 33 + u] = 40;
}

function page(): Grey {
  const w = 1200;
  const h = 900;
  const img: Grey = { data: new Uint8Array(w * h).fill(235), width: w, height: h };
  lines(img, 120);
  lines(img, 600);
  for (let y = 560; y < 800; y++) {
    const x = Math.round(500 + (y - 560) * 0.45);
    for (let k = 0; k < 2; k++) img.data[y * w + x + k] = 60;
  }
  return img;
}

describe('the MRZ search after the usual looks found line triples', () => {
  it('does not read the cut look’s candidates', async () => {
    const g = page();
    const usual = locateMrz(g, 2, 'local');
    expect(usual.length).toBeGreaterThan(0);
    expect(usual.every((c) => c.cy < 450)).toBe(true);
    const cut = locateMrz(g, 2, 'cut', [...usual, ...locateMrz(g, 2, 'blackhat', usual)]);
    expect(cut.some((c) => c.cy > 450)).toBe(true);
    const png = await sharp(Buffer.from(g.data), { raw: { width: g.width, height: g.height, channels: 1 } }).png().toBuffer();
    const frame = await loadFrame(png);
    const heights: number[] = [];
    const pool = new Proxy(rig.readers.eng, {
      get(t, k, r) {
        if (k !== 'recognize') return Reflect.get(t, k, r);
        return async (img: Buffer, params: Parameters<OcrPool['recognize']>[1]) => {
          heights.push((await sharp(img).metadata()).height ?? 0);
          return t.recognize(img, params);
        };
      },
    });
    await expect(readMrzAnywhere(frame, pool)).rejects.toThrow();
    // the usual look's candidates only: each read upright and turned (boxes do not read like an MRZ)
    expect(heights.length).toBeGreaterThan(0);
    expect(heights.length).toBeLessThanOrEqual(2 * usual.length);
  }, 60_000);
});
