/**
 * A still image as a Y4M video (YUV4MPEG2, 4:2:0), for Chromium's fake camera:
 *   --use-fake-device-for-media-stream --use-fake-ui-for-media-stream --use-file-for-fake-video-capture=FILE.y4m
 * Chromium loops the file. Written here with @napi-rs/canvas pixels (ffmpeg is not guaranteed on the
 * test machines): header `YUV4MPEG2 W.. H.. F10:1 Ip A1:1 C420jpeg`, then per frame `FRAME\n` and the
 * Y, U and V planes (BT.601, studio range — what Chromium assumes for I420 from a file).
 */
import { writeFileSync } from 'node:fs';
import { createCanvas, loadImage } from '@napi-rs/canvas';

export interface Y4mOptions {
  /** Even frame size (default 1280 × 720: the image is scaled to fill it). */
  width?: number;
  height?: number;
  /** Frames in the file (Chromium loops them; default 2). */
  frames?: number;
  fps?: number;
}

/** RGBA pixels → the three I420 planes (each chroma sample averages a 2×2 block). */
export function rgbaToI420(rgba: Uint8ClampedArray | Buffer, width: number, height: number): { y: Buffer; u: Buffer; v: Buffer } {
  if (width % 2 || height % 2) throw new Error('Y4M 4:2:0 needs an even width and height');
  const y = Buffer.alloc(width * height);
  const u = Buffer.alloc((width / 2) * (height / 2));
  const v = Buffer.alloc((width / 2) * (height / 2));
  const clamp = (n: number) => (n < 0 ? 0 : n > 255 ? 255 : Math.round(n));
  for (let j = 0; j < height; j++)
    for (let i = 0; i < width; i++) {
      const p = (j * width + i) * 4;
      y[j * width + i] = clamp(16 + (65.481 * rgba[p]! + 128.553 * rgba[p + 1]! + 24.966 * rgba[p + 2]!) / 255);
    }
  for (let j = 0; j < height / 2; j++)
    for (let i = 0; i < width / 2; i++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const p = ((2 * j + dy) * width + (2 * i + dx)) * 4;
        r += rgba[p]!;
        g += rgba[p + 1]!;
        b += rgba[p + 2]!;
      }
      r /= 4;
      g /= 4;
      b /= 4;
      u[j * (width / 2) + i] = clamp(128 + (-37.797 * r - 74.203 * g + 112.0 * b) / 255);
      v[j * (width / 2) + i] = clamp(128 + (112.0 * r - 93.786 * g - 18.214 * b) / 255);
    }
  return { y, u, v };
}

/** Encode an image (PNG/JPEG bytes) as a Y4M file in memory. */
export async function imageToY4m(image: Buffer, opts: Y4mOptions = {}): Promise<Buffer> {
  const width = opts.width ?? 1280;
  const height = opts.height ?? 720;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(await loadImage(image), 0, 0, width, height);
  const { y, u, v } = rgbaToI420(ctx.getImageData(0, 0, width, height).data, width, height);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${opts.fps ?? 10}:1 Ip A1:1 C420jpeg\n`, 'latin1');
  const frame = Buffer.concat([Buffer.from('FRAME\n', 'latin1'), y, u, v]);
  return Buffer.concat([header, ...Array.from({ length: opts.frames ?? 2 }, () => frame)]);
}

export async function writeY4m(file: string, image: Buffer, opts: Y4mOptions = {}): Promise<string> {
  writeFileSync(file, await imageToY4m(image, opts));
  return file;
}
