/**
 * The camera path's frame from a real noisy photo (sharp standing in for the canvas, the renderer's
 * fitting order): a picture whose 960 px JPEG does not fit one carrier frame even at the lowest quality
 * is sent smoothed (or narrower) — before, the kiosk sent nothing for it.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { IDCARD_FRAME_MAX_BASE64 } from '../../../common/contract/kiosk-api.ts';
import { JPEG_QUALITIES, MAX_SEND_WIDTH } from '../../../renderer/src/idcard/camera.ts';
import { cameraFrameOf } from '../../support/camera-frame.ts';

/** A 960×600 photo with strong sensor noise (σ 60) over a light card-like area on a dark desk. */
async function noisyPhoto(): Promise<Buffer> {
  const noise = await sharp({ create: { width: 960, height: 600, channels: 3, background: { r: 0, g: 0, b: 0 }, noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).png().toBuffer();
  const card = await sharp({ create: { width: 600, height: 378, channels: 3, background: { r: 235, g: 230, b: 215 } } }).png().toBuffer();
  return sharp({ create: { width: 960, height: 600, channels: 3, background: { r: 60, g: 45, b: 35 } } })
    .composite([{ input: card, left: 180, top: 111 }, { input: noise, blend: 'overlay' }])
    .jpeg({ quality: 92 })
    .toBuffer();
}

describe('camera frame of a noisy photo', () => {
  it('does not fit at 960 px at any quality, so it is sent smoothed, within the bound, as a real JPEG', async () => {
    const photo = await noisyPhoto();
    const at960 = await sharp(photo).resize({ width: MAX_SEND_WIDTH }).jpeg({ quality: Math.round(JPEG_QUALITIES.at(-1)! * 100) }).toBuffer();
    expect(at960.toString('base64').length).toBeGreaterThan(IDCARD_FRAME_MAX_BASE64);
    const f = await cameraFrameOf(photo, { crop: false }); // the fitting order on the whole picture (the card crop is card-region.test.ts's)
    expect(f).toBeTruthy();
    // sensor noise: smoothed (σ 1 px), it fits at the full width — its QR keeps every pixel
    expect(f).toMatchObject({ width: MAX_SEND_WIDTH, smooth: 1 });
    expect(f!.b64.length).toBeLessThanOrEqual(IDCARD_FRAME_MAX_BASE64);
    const meta = await sharp(f!.jpeg).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.width).toBe(f!.width);
    expect(meta.height).toBe(Math.round((600 * f!.width) / 960));
  });

  it('texture that smoothing does not shrink enough is sent narrower', async () => {
    const noise = await sharp({ create: { width: 960, height: 600, channels: 3, background: { r: 0, g: 0, b: 0 }, noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
      .resize(480, 300, { kernel: 'nearest' })
      .resize(960, 600, { kernel: 'nearest' })
      .jpeg({ quality: 92 })
      .toBuffer();
    const f = await cameraFrameOf(noise, { crop: false });
    expect(f).toBeTruthy();
    expect(f!.width).toBeLessThan(MAX_SEND_WIDTH);
    expect(f!.b64.length).toBeLessThanOrEqual(IDCARD_FRAME_MAX_BASE64);
    expect((await sharp(f!.jpeg).metadata()).width).toBe(f!.width);
  });

  it('a clean photo keeps the full 960 px at the best quality that fits', async () => {
    const clean = await sharp({ create: { width: 1280, height: 720, channels: 3, background: { r: 200, g: 200, b: 190 } } }).jpeg().toBuffer();
    const f = await cameraFrameOf(clean, { crop: false });
    expect(f).toMatchObject({ width: MAX_SEND_WIDTH, quality: JPEG_QUALITIES[0] });
  });
});
