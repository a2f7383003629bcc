/**
 * A 1-bit dithered copy read as grey again (drivers/idcard/descreen.ts, session 10): told from a binary
 * photocopy with solid strokes and from any grey picture, and a dithered fax-like front of generator 7's
 * development seed 41 (holder 8) read — the whole page was refused before.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { descreen, ditherStats } from '../../../drivers/idcard/descreen.ts';
import type { RgbImage } from '../../../drivers/idcard/front-labels.ts';
import { readCardImage } from '../../../drivers/idcard/read-card.ts';
import { generateSet7 } from '../../idcard-data7/generate.ts';
import { useCardReaders } from '../../support/card-readers.ts';

const W = 400;
const H = 300;

/** A white picture with solid black text-like bars (a thresholded photocopy) and, with `grey`, a Floyd–Steinberg-dithered grey field. */
function picture(grey: number | undefined): RgbImage {
  const g = new Float32Array(W * H).fill(255);
  for (let y = 40; y < 120; y++) for (let x = 200; x < 380; x++) if (y % 16 < 6 && x % 12 < 8) g[y * W + x] = 0;
  if (grey !== undefined) for (let y = 150; y < 280; y++) for (let x = 20; x < 380; x++) g[y * W + x] = grey;
  // Floyd–Steinberg to two levels.
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const old = g[y * W + x]!;
      const v = old < 128 ? 0 : 255;
      const e = old - v;
      g[y * W + x] = v;
      if (x + 1 < W) g[y * W + x + 1]! += (e * 7) / 16;
      if (y + 1 < H) {
        if (x > 0) g[(y + 1) * W + x - 1]! += (e * 3) / 16;
        g[(y + 1) * W + x]! += (e * 5) / 16;
        if (x + 1 < W) g[(y + 1) * W + x + 1]! += e / 16;
      }
    }
  const data = Buffer.alloc(W * H * 3);
  for (let i = 0; i < W * H; i++) data.fill(g[i]!, i * 3, i * 3 + 3);
  return { data, width: W, height: H, channels: 3 };
}

describe('a dithered copy', () => {
  it('is told by its isolated dots, and its dot field comes back grey while the solid bars stay dark', async () => {
    const img = picture(150);
    expect(ditherStats(img).greyShare).toBe(0);
    const out = (await descreen(img))!;
    expect(out).toBeDefined();
    const at = (x: number, y: number) => out.data[(y * W + x) * 3]!;
    let sum = 0;
    for (let y = 180; y < 250; y++) for (let x = 60; x < 340; x++) sum += at(x, y);
    const mean = sum / (70 * 280);
    expect(mean).toBeGreaterThan(120);
    expect(mean).toBeLessThan(180);
    for (let y = 180; y < 250; y += 7) for (let x = 60; x < 340; x += 11) expect(Math.abs(at(x, y) - mean)).toBeLessThan(70);
    expect(at(206, 50)).toBeLessThan(90); // inside a solid bar (rows 48–53, columns 204–211)
  });
  it('leaves a binary picture with solid strokes only, and a grey picture, alone', async () => {
    expect(await descreen(picture(undefined))).toBeUndefined();
    const greyPic = picture(150);
    for (let i = 0; i < greyPic.data.length; i += 3) if (i % 5 === 0) greyPic.data.fill(128, i, i + 3);
    expect(await descreen(greyPic)).toBeUndefined();
  });
});

const rig = useCardReaders('idscan-fax-');

describe('a fax-like front (generator 7, development seed 41)', () => {
  it('is read: ID, date of birth, name and sex — the dotted page was refused before', async () => {
    // Holder 8 of seed 41 is a 2024 front in the fax-1bit scene: grey, lifted, Floyd–Steinberg-dithered at 200 dpi.
    const set = await generateSet7({ outDir: rig.dir, cards: 8, seed: 41 });
    const s = set.find((x) => x.face.startsWith('front') && x.scene === 'fax-1bit')!;
    const r = await readCardImage(path.join(rig.dir, s.file), rig.readers, { sources: ['ocr'] });
    expect([r.fields.idNumber, r.fields.dateOfBirth, r.fields.fullName, r.fields.sex]).toEqual([s.truth.idNumber, s.truth.dateOfBirth, s.truth.fullName, s.truth.sex]);
  }, 120_000);
});
