/**
 * A greyscale page → a JPEG no larger than maxBytes: quality first (down to a floor that keeps
 * strokes clean), then the size, aimed from the bytes of the last try (bytes grow about with the
 * pixel count); below MIN_LONG_SIDE (only when a very small bound leaves no choice) the quality
 * drops further.
 */
import sharp from 'sharp';

export const DEFAULT_MAX_BYTES = 400 * 1024;
const QUALITIES = [82, 72, 62, 52];
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
  // full size: quality steps
  for (const q of QUALITIES) {
    check?.();
    last = await encode(grey, w, h, 1, q);
    if (last.jpeg.length <= maxBytes) return last;
  }
  // smaller: bytes grow about with the pixel count, so aim for the bound and step down from there
  const q = QUALITIES.at(-1)!;
  let s = Math.min(0.95, Math.sqrt(maxBytes / last!.jpeg.length) * 0.97);
  while (s * long >= 16) {
    check?.();
    last = await encode(grey, w, h, s, s * long < MIN_LONG_SIDE ? 40 : q);
    if (last.jpeg.length <= maxBytes) return last;
    s *= Math.min(0.92, Math.sqrt(maxBytes / last.jpeg.length));
  }
  return last!;
}
