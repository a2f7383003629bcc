/**
 * A card small in its picture (a photocopy page, a scan) read closer (drivers/idcard/front-zoom.ts):
 * the page's boxes mapped back to the image through its straightening turn, the text's region, and
 * a tuning-generator front shrunk onto a photocopy-like page, read by labels with and without the
 * closer look.
 */
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { LineBox } from '../../../common/idcard/labels.ts';
import { readFrontByLabels, type RgbImage } from '../../../drivers/idcard/front-labels.ts';
import { pageToImage, textRegion, zoomBox } from '../../../drivers/idcard/front-zoom.ts';
import { generateSet } from '../../idcard-data/generate.ts';
import { useCardReaders } from '../../support/card-readers.ts';

/** The centre of the dark pixels of a grey image. */
function darkCentre(data: Buffer, width: number, channels: number): [number, number] {
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let i = 0; i < data.length / channels; i++)
    if (data[i * channels]! < 100) {
      sx += i % width;
      sy += Math.floor(i / width);
      n++;
    }
  return [sx / n, sy / n];
}

describe('page boxes back in the image', () => {
  it('undoes sharp’s clockwise turn about the centre (canvas enlarged) and the page’s scale', async () => {
    const w = 400;
    const h = 300;
    const img = Buffer.alloc(w * h, 255);
    for (let y = 78; y < 84; y++) for (let x = 298; x < 304; x++) img[y * w + x] = 0;
    for (const deg of [7, -12]) {
      // The page: scaled ×2 then turned, as preparePage makes it.
      const scaled = await sharp(img, { raw: { width: w, height: h, channels: 1 } }).resize(w * 2, h * 2).extractChannel(0).raw().toBuffer();
      const r = await sharp(scaled, { raw: { width: w * 2, height: h * 2, channels: 1 } }).rotate(deg, { background: '#ffffff' }).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
      const [px, py] = darkCentre(r.data, r.info.width, 1);
      const [x, y] = pageToImage({ width: r.info.width, height: r.info.height, from: { scale: 2, turnDeg: deg, turnedWidth: w * 2, turnedHeight: h * 2 } }, px, py);
      expect(Math.abs(x - 300.5)).toBeLessThan(1.5);
      expect(Math.abs(y - 80.5)).toBeLessThan(1.5);
    }
  });
});

const line = (text: string, x0: number, y0: number, x1: number, conf = 85): LineBox => ({ text, bbox: { x0, y0, x1, y1: y0 + 12 }, words: [{ text, confidence: conf, bbox: { x0, y0, x1, y1: y0 + 12 } }] });

describe('the text’s region', () => {
  const small = [line('CĂN CƯỚC CÔNG DÂN', 420, 300, 640), line('024087265764', 440, 340, 580), line('PHẠM MINH', 400, 380, 560), line('.', 50, 900, 55, 20), line('x', 1300, 40, 1306, 30)];
  it('is the lines that read as words (specks left out)', () => {
    expect(textRegion(small)).toEqual({ x0: 400, y0: 300, x1: 640, y1: 392 });
    expect(textRegion(small.slice(0, 2))).toBeUndefined();
  });
  it('is cut out with a margin when it covers a small part of the page, not when it covers most of it', () => {
    const page = { width: 1400, height: 1000 };
    const b = zoomBox(page, small, page, 1400)!;
    expect(b.x0).toBeLessThan(400);
    expect(b.x1).toBeGreaterThan(640);
    expect(b.y0).toBeLessThan(300);
    expect(b.y1).toBeGreaterThan(392);
    expect(zoomBox(page, [...small, line('Nơi thường trú: Số 250, Phố Quang Trung, Phường Nội Hoàng', 100, 700, 1300)], page, 1400)).toBeUndefined();
    // A region that the page already shows at nearly the size a closer look would: not read again.
    const mid = [line('CĂN CƯỚC CÔNG DÂN', 300, 300, 1100), line('024087265764', 300, 340, 700), line('PHẠM MINH', 300, 380, 600)];
    expect(zoomBox(page, mid, page, 1400)).toBeUndefined();
  });
});

const rig = useCardReaders('idfront-zoom-');

describe('a card small in a photocopied page', () => {
  it('is read closer: the labels, the ID and the date of birth the whole page’s reading missed', async () => {
    const set = await generateSet({ outDir: rig.dir, cards: 1, seed: 20240701 });
    const s = set.find((x) => x.face.startsWith('front'))!;
    // The card photo shrunk to a third of a 1400 × 1000 white page, in grey: a photocopy page with no card edge.
    const card = await sharp(path.join(rig.dir, s.file)).greyscale().resize(470).png().toBuffer();
    const data = await sharp({ create: { width: 1400, height: 1000, channels: 3, background: '#ffffff' } })
      .composite([{ input: card, left: 380, top: 240 }])
      .removeAlpha()
      .raw()
      .toBuffer();
    const img: RgbImage = { data, width: 1400, height: 1000, channels: 3 };
    const opts = { pageWidth: 1400, deskew: true, eng: rig.readers.eng };
    const value = (r: Awaited<ReturnType<typeof readFrontByLabels>>, f: string) => r.candidates.find((c) => c.field === f)?.value;
    const far = await readFrontByLabels(img, rig.readers.vie, { ...opts, zoom: false });
    const near = await readFrontByLabels(img, rig.readers.vie, { ...opts, zoom: true });
    expect(near.labels).toBeGreaterThan(far.labels);
    expect(`${value(near, 'idNumber')} ${value(near, 'dateOfBirth')}`).toBe(`${s.truth.idNumber} ${s.truth.dateOfBirth}`);
    expect(`${value(far, 'idNumber')} ${value(far, 'dateOfBirth')}`).not.toBe(`${s.truth.idNumber} ${s.truth.dateOfBirth}`);
  }, 120_000);
});
