/**
 * A card lying small on a scanned page (drivers/idcard/front-scan.ts): the card's region found on a blank,
 * tinted, shaded page; not on a picture the card fills, nor on a page with print elsewhere; and a
 * generator-7 front scanned small on an A4 page (a development seed), read — the ID and the date of birth.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCardImage } from '../../../drivers/idcard/read-card.ts';
import { cardOnBlankPage, lookAtPage } from '../../../drivers/idcard/front-scan.ts';
import { generateSet7 } from '../../idcard-data7/generate.ts';
import { useCardReaders } from '../../support/card-readers.ts';

/** A scanner's page: yellowish paper, slow horizontal shading bands and grain (deterministic). */
function paper(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 3);
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const v = 4 * Math.sin((y + 30 * Math.sin(x / 90)) / 25) + (rnd() - 0.5) * 6;
      const i = (y * width + x) * 3;
      data[i] = 241 + v;
      data[i + 1] = 236 + v;
      data[i + 2] = 204 + v;
    }
  return data;
}

/** Text-like dark bars in a box of an RGB image. */
function bars(data: Buffer, width: number, x0: number, y0: number, x1: number, y1: number): void {
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (y % 14 < 6 && x % 11 < 7) data.fill(40, (y * width + x) * 3, (y * width + x) * 3 + 3);
}

describe('a card on a blank page', () => {
  const W = 1400;
  const H = 1980;
  it('is the print’s region with a margin, on tinted, shaded paper', async () => {
    const data = paper(W, H);
    bars(data, W, 700, 500, 1150, 790);
    const b = (await cardOnBlankPage({ data, width: W, height: H, channels: 3 }))!;
    expect(b.x0).toBeLessThanOrEqual(700);
    expect(b.x0).toBeGreaterThan(640);
    expect(b.x1).toBeGreaterThanOrEqual(1150);
    expect(b.x1).toBeLessThan(1210);
    expect(b.y0).toBeLessThanOrEqual(500);
    expect(b.y1).toBeGreaterThanOrEqual(790);
  });
  it('is not found when the print fills the picture, lies in two places, or is not card-shaped', async () => {
    const full = paper(800, 520);
    bars(full, 800, 20, 20, 780, 500);
    expect(await cardOnBlankPage({ data: full, width: 800, height: 520, channels: 3 })).toBeUndefined();
    const two = paper(W, H);
    bars(two, W, 700, 500, 1150, 790);
    bars(two, W, 100, 1500, 300, 1530); // a line printed elsewhere on the page
    const look = await lookAtPage({ data: two, width: W, height: H, channels: 3 });
    expect(look).toBeUndefined();
    const strip = paper(W, H);
    bars(strip, W, 300, 500, 1100, 560); // one long line: not a card
    expect(await cardOnBlankPage({ data: strip, width: W, height: H, channels: 3 })).toBeUndefined();
  });
});

const rig = useCardReaders('idscan-page-');

describe('a front scanned small on a multifunction printer’s page (generator 7, development seed 21)', () => {
  it('is read: the ID and the date of birth the whole page’s reading refused or misread', async () => {
    // Holder 4 of seed 21 is a 2024 front in the scan-mfp scene: an A4 page at 150–200 dpi, the card skewed on
    // the glass, a colour cast. Read as a whole page it gave no label, no ID and a wrong date of birth.
    const set = await generateSet7({ outDir: rig.dir, cards: 4, seed: 21 });
    const s = set.find((x) => x.face.startsWith('front') && x.scene === 'scan-mfp')!;
    const r = await readCardImage(path.join(rig.dir, s.file), rig.readers, { sources: ['ocr'] });
    expect(`${r.fields.idNumber} ${r.fields.dateOfBirth}`).toBe(`${s.truth.idNumber} ${s.truth.dateOfBirth}`);
  }, 120_000);
});

describe('a soft scan whose date of birth the page misreads (generator 7, development seed 31)', () => {
  it('gives the sure ID and no date of birth rather than the page’s misread one', async () => {
    // Holder 5 of seed 31 is a 2021 front in the scan-mfp scene: no label legible; the page read "29/08 1999" for
    // 29/08/1989 beside an ID all of whose readings agree on …189… (born 1989).
    const set = await generateSet7({ outDir: rig.dir, cards: 5, seed: 31 });
    const s = set.find((x) => x.face.startsWith('front') && x.scene === 'scan-mfp')!;
    const r = await readCardImage(path.join(rig.dir, s.file), rig.readers, { sources: ['ocr'] });
    expect(r.fields.idNumber).toBe(s.truth.idNumber);
    expect([undefined, s.truth.dateOfBirth]).toContain(r.fields.dateOfBirth);
    expect(r.expired).toBe(false);
  }, 120_000);
});
