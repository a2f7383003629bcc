/**
 * The QR crop route: when zxing finds nothing on the whole frame, the QR's region of the detected card
 * is cropped and upscaled. sharp's grey output is one channel; it used to be handed to zxing as RGBA
 * (a quarter of the buffer, scrambled), so this route decoded nothing. Tuning-generator 2021 fronts
 * shrunk to 800 px and blurred (σ 1): the whole frame does not decode, the crop does.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { detectCard, loadFrame } from '../../../drivers/idcard/image.ts';
import { decodeQrTexts, greyToRgba, readQrFromFrame } from '../../../drivers/idcard/qr-image.ts';
import { renderSample } from '../../idcard-data/generate.ts';
import { makePerson, makeRng } from '../../idcard-data/people.ts';

describe('QR crop route', () => {
  it('greyToRgba gives zxing four bytes a pixel, opaque', () => {
    const f = greyToRgba(Uint8Array.from([0, 128, 255, 7]), 2, 2);
    expect(f.data.length).toBe(16);
    expect([...f.data.subarray(4, 8)]).toEqual([128, 128, 128, 255]);
    expect(() => greyToRgba(new Uint8Array(3), 2, 2)).toThrow();
  });

  // Since session 9 a QR that zxing locates on the frame but cannot decode is read from its own upscaled crop
  // first ('located'); holder 60's is, the other two are not located at all and only the card's QR region decodes.
  it.each([
    [60, 'located'],
    [61, 'crop'],
    [62, 'crop'],
  ])('holder %i: a small blurred front whose QR the whole frame does not decode (%s)', async (seed, via) => {
    const p = makePerson(makeRng(seed), 2021);
    const { data } = await renderSample(p, 'front2021', 'clean', seed);
    const img = await sharp(data).resize({ width: 800 }).blur(1).jpeg({ quality: 70 }).toBuffer();
    const frame = await loadFrame(img);
    expect(await decodeQrTexts(frame)).toEqual([]);
    const r = await readQrFromFrame(frame, () => detectCard(frame));
    expect(r?.via).toBe(via);
    expect(r?.fields.idNumber).toBe(p.fields.idNumber);
    expect(r?.fields.fullName).toBe(p.fields.fullName);
  }, 30_000);
});
