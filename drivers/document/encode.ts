/**
 * A greyscale page → a JPEG no larger than maxBytes: quality first (down to a floor that keeps
 * strokes clean), then the size in steps; a page is never made smaller than MIN_LONG_SIDE unless
 * the bound cannot be met otherwise.
 */
import sharp from 'sharp';

export const DEFAULT_MAX_BYTES = 400 * 1024;
const QUALITIES = [82, 72, 62, 52];
const SCALES = [1, 0.85, 0.72, 0.61, 0.52, 0.44, 0.37, 0.3, 0.25, 0.2];
/** Below this long side an A4 page's body text stops being legible. */
export const MIN_LONG_SIDE = 1000;

export interface Encoded {
  jpeg: Buffer;
  width: number;
  height: number;
}

async function encode(grey: Buffer, w: number, h: number, scale: number, quality: number): Promise<Encoded> {
  let img = sharp(grey, { raw: { width: w, height: h, channels: 1 } });
  let ow = w;
  let oh = h;
  if (scale < 1) {
    ow = Math.max(1, Math.round(w * scale));
    oh = Math.max(1, Math.round(h * scale));
    img = img.resize(ow, oh, { kernel: 'lanczos3', fit: 'fill' });
  }
  const jpeg = await img.toColourspace('b-w').jpeg({ quality, mozjpeg: false, optimiseCoding: true }).toBuffer();
  return { jpeg, width: ow, height: oh };
}

export async function encodeBounded(grey: Buffer, w: number, h: number, maxBytes = DEFAULT_MAX_BYTES, check?: () => void): Promise<Encoded> {
  const long = Math.max(w, h);
  let last: Encoded | undefined;
  for (const s of SCALES) {
    // Past the legibility floor only the smallest quality is tried, to fit a very small bound fast.
    const floorPassed = long * s < MIN_LONG_SIDE;
    for (const q of floorPassed ? [QUALITIES.at(-1)!] : QUALITIES) {
      check?.();
      last = await encode(grey, w, h, s, q);
      if (last.jpeg.length <= maxBytes) return last;
    }
  }
  // Still too big (a bound of a few KB): keep halving.
  let s = SCALES.at(-1)!;
  while (last && last.jpeg.length > maxBytes && s * long > 16) {
    s /= 2;
    check?.();
    last = await encode(grey, w, h, s, 40);
  }
  return last!;
}
