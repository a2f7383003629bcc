/**
 * The kiosk camera's frame made from a photo, for the benchmark and the tests: the image scaled to the
 * renderer's send width (≤ 960 px) and encoded by the renderer's own fitting order
 * (`frameAttempts`/`fitFrameAsync` in renderer/src/idcard/camera.ts: every JPEG quality, then smoothed,
 * then narrower widths), with sharp standing in for the browser's canvas. Undefined when nothing fits one carrier frame.
 */
import sharp, { type OutputInfo } from 'sharp';
import { fitFrameAsync, MAX_SEND_WIDTH, type FittedFrame } from '../../renderer/src/idcard/camera.ts';

export interface CameraFrame extends FittedFrame {
  jpeg: Buffer;
}

export async function cameraFrameOf(img: Buffer | string): Promise<CameraFrame | undefined> {
  const meta = await sharp(img).rotate().metadata();
  const upright = (meta.orientation ?? 1) >= 5;
  const srcW = (upright ? meta.height : meta.width) ?? MAX_SEND_WIDTH;
  const raws = new Map<string, Promise<{ data: Buffer; info: OutputInfo }>>();
  const rawAt = (width: number, smooth: number) => {
    const key = `${width}/${smooth}`;
    let r = raws.get(key);
    if (!r) {
      // the canvas's `filter: blur(σpx)` is a Gaussian of standard deviation σ, as sharp's blur(σ)
      const scaled = sharp(img).rotate().resize({ width, withoutEnlargement: true });
      r = (smooth > 0 ? scaled.raw().toBuffer({ resolveWithObject: true }).then(({ data, info }) => sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).blur(smooth).raw().toBuffer({ resolveWithObject: true })) : scaled.raw().toBuffer({ resolveWithObject: true }));
      raws.set(key, r);
    }
    return r;
  };
  const fitted = await fitFrameAsync(async (width, q, smooth) => {
    const raw = await rawAt(width, smooth);
    const jpeg = await sharp(raw.data, { raw: { width: raw.info.width, height: raw.info.height, channels: raw.info.channels } }).jpeg({ quality: Math.round(q * 100) }).toBuffer();
    return jpeg.toString('base64');
  }, Math.min(srcW, MAX_SEND_WIDTH));
  return fitted ? { ...fitted, jpeg: Buffer.from(fitted.b64, 'base64') } : undefined;
}
