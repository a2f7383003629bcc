/**
 * The front's second readings (ID digits, dates, the name's isolated line) are read from crops of the
 * page. sharp returns three bands for a one-band raw input unless told otherwise; read as one band,
 * that crop was a smeared image and every second reading was noise (found in issue 15's second pass).
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cropPage, type Page } from '../../../drivers/idcard/front-labels.ts';

/** A grey page: white, with a black bar at x 40–120, y 30–50. */
function page(): Page {
  const width = 200;
  const height = 100;
  const grey = Buffer.alloc(width * height, 255);
  for (let y = 30; y < 50; y++) for (let x = 40; x < 120; x++) grey[y * width + x] = 0;
  return { grey, width, height, png: Buffer.alloc(0) };
}

describe('cropPage', () => {
  it('gives one band of exactly width × height pixels, the bar where it is on the page', async () => {
    const c = await cropPage(page(), { x0: 30, y0: 20, x1: 130, y1: 60 }, 0, 0, 1);
    expect(c.grey.width).toBe(100);
    expect(c.grey.height).toBe(40);
    expect(c.grey.data.length).toBe(100 * 40);
    const at = (x: number, y: number) => c.grey.data[y * c.grey.width + x]!;
    expect(at(50, 20)).toBeLessThan(40); // inside the bar (page 80, 40)
    expect(at(5, 5)).toBeGreaterThan(215); // above-left of it: white
    expect(at(95, 20)).toBeGreaterThan(215); // right of it: white
    // the PNG holds the same picture
    expect(await sharp(c.png).metadata()).toMatchObject({ width: 100, height: 40 });
    const png = await sharp(c.png).extractChannel(0).raw().toBuffer();
    expect(png[20 * 100 + 50]).toBeLessThan(40);
    expect(png[5 * 100 + 5]).toBeGreaterThan(215);
  });

  it('scales the crop (the name line is read enlarged)', async () => {
    const c = await cropPage(page(), { x0: 30, y0: 20, x1: 130, y1: 60 }, 0, 0, 2);
    expect(c.grey.width).toBe(200);
    expect(c.grey.data.length).toBe(200 * 80);
    expect(c.grey.data[40 * 200 + 100]).toBeLessThan(60);
  });
});
