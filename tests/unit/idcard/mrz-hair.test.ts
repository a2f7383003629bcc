/**
 * A hair across a back's MRZ on a 600-dpi flatbed scan (drivers/idcard/mrz-bridges.ts): generator 8's `scan-600dpi-dust`
 * backs (development seed 22) gave no MRZ at all — once smeared, the hair's pixels in the gaps between the lines welded
 * the three lines into one blob, and no triple was found. The search that runs after the usual ones found nothing cuts
 * the thin bridges (runs shorter than a few pixels across the rows). Drawn lines, and a tuning-generator back scanned
 * at 600 dpi on a white lid with a hair and dust drawn on it; without the cut both are not located / refused.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { dropShortRuns } from '../../../drivers/idcard/mrz-bridges.ts';
import { locateMrz, type Grey } from '../../../drivers/idcard/mrz-locate.ts';
import { readCardImage } from '../../../drivers/idcard/read-card.ts';
import { renderCard } from '../../idcard-data/render.ts';
import { makePerson, makeRng } from '../../idcard-data/people.ts';
import { useCardReaders } from '../../support/card-readers.ts';

const rig = useCardReaders();

/** Three rows of 30 glyph boxes on a 2400-px page, and a 4-px hair running down across them at a slant. */
function hairPage(hair: boolean): Grey {
  const w = 2400;
  const h = 1600;
  const img: Grey = { data: new Uint8Array(w * h).fill(235), width: w, height: h };
  for (let row = 0; row < 3; row++)
    for (let i = 0; i < 30; i++)
      for (let v = 0; v < 56; v++) for (let u = 0; u < 44; u++) img.data[(1100 + row * 110 + v) * w + 200 + i * 66 + u] = 40;
  if (hair)
    for (let y = 900; y < 1500; y++) {
      const x = Math.round(1000 + (y - 900) * 0.45);
      for (let k = 0; k < 4; k++) img.data[y * w + x + k] = 60;
    }
  return img;
}

describe('thin bridges between the MRZ lines', () => {
  it('drops runs shorter than the minimum, keeps the others', () => {
    const m = Uint8Array.from([1, 0, 1, 1, 0, 1, 1, 1, 1, 0, 0, 1, 1, 1]);
    expect([...dropShortRuns(m, 14, 1, 3)]).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 1]);
    expect(() => dropShortRuns(m, 5, 2)).toThrow();
  });

  it('a hair across the three lines: not located by the local mean, located once the bridges are cut', () => {
    expect(locateMrz(hairPage(false), 3, 'local')).toHaveLength(1);
    const img = hairPage(true);
    expect(locateMrz(img, 3, 'local')).toEqual([]);
    expect(locateMrz(img, 3, 'blackhat')).toEqual([]);
    const [c] = locateMrz(img, 3, 'cut');
    expect(c).toBeDefined();
    expect(Math.abs(c!.cy - (1100 + 110 + 28))).toBeLessThan(20);
    expect(c!.length).toBeGreaterThan(1800);
  });

  it('a back scanned at 600 dpi on a white lid, a hair across its MRZ and dust: read whole (refused "không tìm thấy thẻ" without the cut)', async () => {
    const p = makePerson(makeRng(61), 2021);
    const card = await renderCard(p, 'back2021', makeRng(5));
    // the card alone at ≈ 600 dpi (2020 px), on the scanner's white lid: no card edge to find
    const big = await sharp(card).resize(2020).flatten({ background: '#fafaf8' }).extend({ top: 150, bottom: 150, left: 150, right: 150, background: '#fafaf8' }).png().toBuffer();
    const { width: W, height: H } = (await sharp(big).metadata()) as { width: number; height: number };
    const specks = Array.from({ length: 40 }, (_, i) => `<circle cx="${(i * 577) % W}" cy="${(i * 389) % H}" r="${2 + (i % 3)}" fill="#222"/>`).join('');
    const hair = `<path d="M 1100 ${H * 0.25} C 1050 ${H * 0.55}, 980 ${H * 0.7}, 920 ${H}" stroke="#404040" stroke-width="3" fill="none"/>`;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${hair}${specks}</svg>`;
    const img = await sharp(big).composite([{ input: Buffer.from(svg) }]).jpeg({ quality: 92 }).toBuffer();
    const r = await readCardImage(img, rig.readers, { sources: ['mrz'] });
    expect(r.error).toBeUndefined();
    expect(r.fields.idNumber).toBe(p.fields.idNumber);
    expect(r.fields.dateOfBirth).toBe(p.fields.dateOfBirth);
    expect(r.sources.idNumber).toBe('mrz');
  }, 60_000);
});
