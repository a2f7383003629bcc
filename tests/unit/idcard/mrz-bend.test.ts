/**
 * A card bent like a cylinder (generator 10's "bent card"): its MRZ lines are arcs (drivers/idcard/mrz-bend.ts). The
 * pixel tests draw three lines of bars along a parabola; the reader's test bends the second generator's 2021 back
 * (a seed of this file) the same way, column by column, after rendering. Before session 13 a straight cut read across
 * the arcs and that back was refused.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readCardImage } from '../../../drivers/idcard/read-card.ts';
import { lineBend, unbend } from '../../../drivers/idcard/mrz-bend.ts';
import type { Grey } from '../../../drivers/idcard/mrz-locate.ts';
import { shot2 } from '../../idcard-data2/generate.ts';
import { holder, seeded } from '../../idcard-data2/people.ts';
import { useCardReaders } from '../../support/card-readers.ts';

const rig = useCardReaders();

/** Three lines of 30 dark bars (glyph-like: 14 px tall, 44 px apart) on white, each column moved down by `sag`·u² (u = −1…1 across). */
function arcs(sag: number): Grey {
  const w = 900;
  const h = 260;
  const data = new Uint8Array(w * h).fill(255);
  for (let line = 0; line < 3; line++)
    for (let ch = 0; ch < 30; ch++) {
      const x0 = 30 + ch * 28;
      for (let x = x0; x < x0 + 16; x++) {
        const u = (x - w / 2) / (w / 2);
        const top = Math.round(70 + line * 44 + sag * u * u);
        for (let y = top; y < top + 14; y++) if (y >= 0 && y < h) data[y * w + x] = 20;
      }
    }
  return { data, width: w, height: h };
}

/** Rows holding any ink: a straight line of bars fills 14 rows, an arc many more. */
function inkedRows(g: Grey): number {
  let n = 0;
  for (let y = 0; y < g.height; y++) {
    let ink = 0;
    for (let x = 0; x < g.width; x++) if (g.data[y * g.width + x]! < 128) ink++;
    if (ink > 20) n++;
  }
  return n;
}

describe('a bent card: the MRZ lines as arcs', () => {
  it('a flat MRZ (or one merely tilted) shows no bend', () => {
    expect(lineBend(arcs(0), 44)).toBeUndefined();
  });

  it('arcs sagging either way are measured and straightened', () => {
    for (const sag of [-30, 24]) {
      const g = arcs(sag);
      const shift = lineBend(g, 44);
      expect(shift).toBeDefined();
      // the ends sit `sag` away from the middle (the bars' ends: u = ±0.9)
      const end = shift![Math.round(0.05 * g.width)]! - shift![Math.round(g.width / 2)]!;
      expect(Math.sign(end)).toBe(Math.sign(sag));
      expect(Math.abs(end)).toBeGreaterThan(Math.abs(sag) * 0.6);
      const straight = unbend(g, shift!);
      expect(inkedRows(g)).toBeGreaterThan(3 * 14 + 20);
      expect(inkedRows(straight)).toBeLessThanOrEqual(3 * 14 + 9);
    }
  });

  it('a 2021 back bent like a cylinder: its MRZ is read', async () => {
    const h = holder(seeded(1321), 2021);
    const photo = await shot2(h, 'back2021', 'darkdesk', 'none', 1321);
    const { data, info } = await sharp(photo).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const w = info.width;
    const out = Buffer.alloc(data.length);
    // each column moved up by 0.11 of the picture's width times u² (the ends rise: the card's long edges bowed)
    const sag = 0.11 * w;
    for (let x = 0; x < w; x++) {
      const u = (x - w / 2) / (w / 2);
      const dy = Math.round(sag * u * u);
      for (let y = 0; y < info.height; y++) {
        const sy = Math.min(info.height - 1, y + dy);
        for (let c = 0; c < 3; c++) out[(y * w + x) * 3 + c] = data[(sy * w + x) * 3 + c]!;
      }
    }
    const bent = await sharp(out, { raw: { width: w, height: info.height, channels: 3 } }).png().toBuffer();
    const r = await readCardImage(bent, rig.readers, { sources: ['mrz'] });
    expect(r.error).toBeUndefined();
    expect(r.fields.idNumber).toBe(h.idNumber);
    expect(r.fields.dateOfBirth).toBe(h.dateOfBirth);
    expect(r.sources.idNumber).toBe('mrz');
  }, 60_000);
});
