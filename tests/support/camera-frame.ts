/**
 * The kiosk camera's frame made from a photo, for the benchmark and the tests. The photo stands for what
 * the camera sees in the send region, at most the camera's asked resolution wide (CAMERA_IDEAL, 1920 px:
 * a larger photo is first scaled to it, as a real sensor would see it); the card's region is looked for on
 * a REGION_THUMB_WIDTH thumbnail by the renderer's own rule (common/idcard/card-region.ts) and, when found
 * and clearly smaller, only that region is sent; then scaled to the renderer's send width (≤ 960 px) and
 * encoded by the renderer's fitting order (`frameAttempts`/`fitFrameAsync` in
 * renderer/src/idcard/camera.ts: every JPEG quality, then smoothed, then narrower widths), with sharp
 * standing in for the browser's canvas. Undefined when nothing fits one carrier frame.
 * `{ crop: false }` gives the frame as it was before the card's region was cut (whole photo).
 */
import sharp, { type OutputInfo } from 'sharp';
import { cardCrop, findCardBox, REGION_THUMB_WIDTH, type PixelRect } from '../../common/idcard/card-region.ts';
import { CAMERA_IDEAL, fitFrameAsync, MAX_SEND_WIDTH, type FittedFrame } from '../../renderer/src/idcard/camera.ts';

export interface CameraFrame extends FittedFrame {
  jpeg: Buffer;
  /** The card's region was sent (not the whole picture). */
  cropped: boolean;
  /** The width it was to be sent at before fitting (≤ 960 px); `width` below it: sent narrower to fit. */
  firstWidth: number;
}

export async function cameraFrameOf(img: Buffer | string, opts: { crop?: boolean } = {}): Promise<CameraFrame | undefined> {
  // the sensor's picture: upright, at most the asked camera width
  const sensor = await sharp(img).rotate().resize({ width: CAMERA_IDEAL.width, withoutEnlargement: true }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const sw = sensor.info.width;
  const sh = sensor.info.height;
  const rawOpts = { raw: { width: sw, height: sh, channels: 4 as const } };
  let crop: PixelRect | null = null;
  if (opts.crop !== false) {
    const tw = Math.min(REGION_THUMB_WIDTH, sw);
    const th = Math.max(1, Math.round((sh * tw) / sw));
    const thumb = await sharp(sensor.data, rawOpts).resize(tw, th, { fit: 'fill' }).ensureAlpha().raw().toBuffer();
    crop = cardCrop(findCardBox({ data: thumb, width: tw, height: th }), sw, sh);
  }
  const region = crop ?? { x: 0, y: 0, w: sw, h: sh };
  const raws = new Map<string, Promise<{ data: Buffer; info: OutputInfo }>>();
  const rawAt = (width: number, smooth: number) => {
    const key = `${width}/${smooth}`;
    let r = raws.get(key);
    if (!r) {
      // the canvas's `filter: blur(σpx)` is a Gaussian of standard deviation σ, as sharp's blur(σ)
      const scaled = sharp(sensor.data, rawOpts).extract({ left: region.x, top: region.y, width: region.w, height: region.h }).removeAlpha().resize({ width, withoutEnlargement: true });
      r = smooth > 0 ? scaled.raw().toBuffer({ resolveWithObject: true }).then(({ data, info }) => sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).blur(smooth).raw().toBuffer({ resolveWithObject: true })) : scaled.raw().toBuffer({ resolveWithObject: true });
      raws.set(key, r);
    }
    return r;
  };
  const fitted = await fitFrameAsync(async (width, q, smooth) => {
    const raw = await rawAt(width, smooth);
    const jpeg = await sharp(raw.data, { raw: { width: raw.info.width, height: raw.info.height, channels: raw.info.channels } }).jpeg({ quality: Math.round(q * 100) }).toBuffer();
    return jpeg.toString('base64');
  }, Math.min(region.w, MAX_SEND_WIDTH));
  return fitted ? { ...fitted, jpeg: Buffer.from(fitted.b64, 'base64'), cropped: crop !== null, firstWidth: Math.min(region.w, MAX_SEND_WIDTH) } : undefined;
}
