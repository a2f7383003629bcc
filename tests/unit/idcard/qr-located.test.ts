/**
 * A QR located but not decoded (session 9, idcam2): at about 2 px per module and a little blur, zxing finds the
 * code's finder patterns and grid but its module sampling fails the checksum — a worn 2021 front's camera frame
 * on a development split of generator 6 (seed 21). The located symbol's own crop, upscaled, decodes.
 */
import QRCode from 'qrcode';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { detectCard, loadFrame } from '../../../drivers/idcard/image.ts';
import { decodeLocatedQrs, decodeQrTexts, locateUndecodedQrs, readQrFromFrame } from '../../../drivers/idcard/qr-image.ts';

const PAYLOAD = '079090012345|025123456|Nguyễn Văn An|01011990|Nam|Số 12 Phố Huế, Phường Hai Bà Trưng, Thành phố Hà Nội|15042021';

/** A card QR (version 7, 45 modules) drawn at `module` px per module on a 640×400 table, blurred and saved as JPEG. */
async function smallQrPhoto(module: number, blur: number, quality: number): Promise<Buffer> {
  const png = await QRCode.toBuffer(PAYLOAD, { errorCorrectionLevel: 'M', margin: 4, scale: 10 });
  const side = Math.round(((await sharp(png).metadata()).width! * module) / 10);
  const qr = await sharp(png).resize(side, side, { kernel: 'cubic' }).png().toBuffer();
  const photo = await sharp({ create: { width: 640, height: 400, channels: 3, background: '#e8e4dc' } }).composite([{ input: qr, left: 420, top: 60 }]).png().toBuffer();
  return sharp(photo).blur(blur).jpeg({ quality }).toBuffer();
}

describe('a QR located but not decoded', () => {
  it.each([
    [2.0, 0.8, 70],
    [2.4, 0.8, 50],
  ])('%f px per module, blur %f, JPEG %i: the plain decode fails, its located crop decodes', async (module, blur, quality) => {
    const frame = await loadFrame(await smallQrPhoto(module, blur, quality));
    expect(await decodeQrTexts(frame)).toEqual([]);
    const boxes = await locateUndecodedQrs(frame);
    expect(boxes).toHaveLength(1);
    // the box is the QR's, in the frame's pixels (drawn at x 420, y 60 with a 4-module quiet zone)
    expect(boxes[0]!.x).toBeGreaterThan(420);
    expect(boxes[0]!.x).toBeLessThan(420 + 8 * module);
    expect(boxes[0]!.w).toBeCloseTo(45 * module, -1);
    expect(await decodeLocatedQrs(frame, boxes)).toEqual([PAYLOAD]);
    const r = await readQrFromFrame(frame, () => detectCard(frame));
    expect(r?.via).toBe('located');
    expect(r?.fields.idNumber).toBe('079090012345');
    expect(r?.fields.fullName).toBe('Nguyễn Văn An');
  }, 30_000);

  it('a frame with no QR locates nothing and costs one more look only', async () => {
    const blank = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#e8e4dc' } }).jpeg().toBuffer();
    const frame = await loadFrame(blank);
    expect(await locateUndecodedQrs(frame)).toEqual([]);
    expect(await readQrFromFrame(frame)).toBeUndefined();
  });
});
