/**
 * A card lying sideways in a portrait picture with no EXIF orientation (drivers/idcard/orientation.ts): the
 * picture is a rendered card on a desk (the second generator, seeds of this file), turned a quarter one way or
 * the other after rendering, so only the image says how it lies. Before session 10 none of these was read
 * ("không tìm thấy thẻ", or a front's ID only by luck).
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readCardImage } from '../../../drivers/idcard/read-card.ts';
import { detectCard, loadFrame } from '../../../drivers/idcard/image.ts';
import { clearlyUpsideDown, findSidewaysCard, turnQuarter } from '../../../drivers/idcard/orientation.ts';
import { textUpScore } from '../../../drivers/idcard/text-up.ts';
import { shot2 } from '../../idcard-data2/generate.ts';
import { holder, seeded } from '../../idcard-data2/people.ts';
import { useCardReaders } from '../../support/card-readers.ts';

const rig = useCardReaders();

const h2021 = holder(seeded(1001), 2021);
const h2024 = holder(seeded(1002), 2024);

/** A rendered photo turned `deg` clockwise, lossless and EXIF-free (sharp writes none unless asked), so only the turn differs. */
async function turned(img: Buffer, deg: 90 | 270): Promise<Buffer> {
  return sharp(img).rotate(deg).png().toBuffer();
}

describe('the card lying sideways', () => {
  it('is found only in the turned picture, and an upright card is not turned', async () => {
    const photo = await shot2(h2024, 'front2024', 'darkdesk', 'none', 31);
    const upright = await loadFrame(photo);
    const seenUp: { sideways?: boolean } = {};
    expect(await detectCard(upright, seenUp)).toBeTruthy();
    expect(seenUp.sideways).toBeUndefined();
    expect(await findSidewaysCard(upright)).toBeUndefined();
    const side = await loadFrame(await turned(photo, 90));
    // the card finder says it saw a card-shaped region turned a quarter: the only case the turned search runs
    const seen: { sideways?: boolean } = {};
    expect(await detectCard(side, seen)).toBeUndefined();
    expect(seen.sideways).toBe(true);
    const found = await findSidewaysCard(side);
    expect(found).toBeTruthy();
    expect(found!.frame.width).toBe(side.height);
    expect(found!.det.coverage).toBeGreaterThan(0.1);
  }, 30_000);

  it("the letters' marks tell an upright card from one upside down, and the sideways card is turned the right quarter", async () => {
    const photo = await shot2(h2024, 'front2024', 'darkdesk', 'none', 31);
    const det = (await detectCard(await loadFrame(photo)))!;
    const grey = await sharp(det.card.data, { raw: { width: det.card.width, height: det.card.height, channels: 3 } }).greyscale().extractChannel(0).raw().toBuffer();
    const g = new Uint8Array(grey);
    const up = textUpScore({ data: g, width: det.card.width, height: det.card.height });
    const down = textUpScore({ data: Uint8Array.from(g).reverse(), width: det.card.width, height: det.card.height });
    expect(up.marks).toBeGreaterThanOrEqual(20);
    expect(up.score).toBeGreaterThan(0.4);
    expect(down.score).toBeLessThan(-0.4);
    expect(await clearlyUpsideDown(det)).toBe(false);
    // turned either way, the card comes out upright: the same quarter is not kept for both
    for (const deg of [90, 270] as const) {
      const found = (await findSidewaysCard(await loadFrame(await turned(photo, deg))))!;
      expect(await clearlyUpsideDown(found.det)).toBe(false);
      const s = textUpScore({ data: new Uint8Array(await sharp(found.det.card.data, { raw: { width: 1000, height: 630, channels: 3 } }).greyscale().extractChannel(0).raw().toBuffer()), width: 1000, height: 630 });
      expect(s.score).toBeGreaterThan(0.4);
    }
  }, 30_000);

  it('turnQuarter turns clockwise: the top-left pixel goes to the top right', async () => {
    const data = Buffer.alloc(3 * 2 * 4, 255);
    data[0] = 0; // (0,0) red channel 0
    const t = await turnQuarter({ data, width: 3, height: 2 });
    expect([t.width, t.height]).toEqual([2, 3]);
    expect(t.data[(0 * 2 + 1) * 4]).toBe(0);
    expect(t.data[0]).toBe(255);
  });

  for (const deg of [90, 270] as const) {
    it(`a 2021 back turned ${deg}°: its MRZ is read`, async () => {
      const img = await turned(await shot2(h2021, 'back2021', 'darkdesk', 'none', 32), deg);
      const r = await readCardImage(img, rig.readers, { sources: ['mrz'] });
      expect(r.fields.idNumber).toBe(h2021.idNumber);
      expect(r.fields.dateOfBirth).toBe(h2021.dateOfBirth);
      expect(r.sources.idNumber).toBe('mrz');
    }, 30_000);

    it(`a 2024 front turned ${deg}°: read by its labels`, async () => {
      const img = await turned(await shot2(h2024, 'front2024', 'darkdesk', 'none', 31), deg);
      const r = await readCardImage(img, rig.readers, { sources: ['ocr'] });
      expect(r.fields.idNumber).toBe(h2024.idNumber);
      expect(r.fields.dateOfBirth).toBe(h2024.dateOfBirth);
      expect(r.fields.fullName).toBe(h2024.fullName);
    }, 40_000);
  }

  for (const deg of [90, 270] as const) {
    it(`a 2021 front turned ${deg}°, its QR left out: read by its labels, the name too`, async () => {
      const img = await turned(await shot2(h2021, 'front2021', 'darkdesk', 'none', 34), deg);
      const r = await readCardImage(img, rig.readers, { sources: ['ocr'] });
      expect(r.fields.idNumber).toBe(h2021.idNumber);
      expect(r.fields.dateOfBirth).toBe(h2021.dateOfBirth);
      expect(r.fields.fullName).toBe(h2021.fullName);
    }, 40_000);
  }

  it('a 2021 back filling the picture (no card edge) turned 90°, and one on a flatbed scan turned 270°: their MRZ is read', async () => {
    for (const [scene, deg, seed] of [['fill', 90, 41], ['scan', 270, 43]] as const) {
      const img = await turned(await shot2(h2021, 'back2021', scene, 'none', seed), deg);
      const r = await readCardImage(img, rig.readers, { sources: ['mrz'] });
      expect(r.fields.idNumber).toBe(h2021.idNumber);
      expect(r.fields.dateOfBirth).toBe(h2021.dateOfBirth);
      expect(r.sources.idNumber).toBe('mrz');
    }
  }, 40_000);
});
