/**
 * Bounded decoding of one camera frame or photo: the bytes are checked before sharp sees them
 * (size, a known image signature), sharp refuses more than MAX_PIXELS and truncated data, and the
 * frame is decoded (EXIF orientation applied) to RGB at most WORK_MAX_SIDE on its long side.
 */
import sharp, { type Metadata } from 'sharp';
import type { DocumentErrorCode } from './types.ts';

/** Largest accepted input file (bytes), unless the caller says otherwise. */
export const DEFAULT_MAX_INPUT_BYTES = 20 * 1024 * 1024;
/** Largest accepted image (pixels): a 40 MP photo is more than any kiosk camera gives. */
export const MAX_INPUT_PIXELS = 40_000_000;
/** Smallest accepted short side (px): below this no page can be legible. */
export const MIN_INPUT_SIDE = 240;
/** The frame is processed at most at this size (long side, px). */
export const WORK_MAX_SIDE = 2400;

export class DocumentError extends Error {
  constructor(readonly code: DocumentErrorCode) {
    super(code);
    this.name = 'DocumentError';
  }
}

/** RGB pixels of the frame as it is displayed (EXIF orientation applied). */
export interface RgbFrame {
  data: Buffer;
  width: number;
  height: number;
  /** Input pixels per frame pixel (≥ 1). */
  scale: number;
  /** The oriented input's size. */
  inputWidth: number;
  inputHeight: number;
}

const FORMATS = new Set(['jpeg', 'png', 'webp', 'tiff', 'gif', 'heif', 'avif']);

/** A known image file signature at the start of the bytes. */
export function looksLikeImage(b: Buffer): boolean {
  if (b.length < 16) return false;
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return true; // JPEG
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return true; // PNG
  if (b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return true;
  if (b.toString('latin1', 0, 4) === 'II*\0' || b.toString('latin1', 0, 4) === 'MM\0*') return true; // TIFF
  if (b.toString('latin1', 0, 4) === 'GIF8') return true;
  if (b.toString('latin1', 4, 8) === 'ftyp') return true; // HEIF / AVIF
  return false;
}

export async function decodeFrame(input: unknown, maxInputBytes = DEFAULT_MAX_INPUT_BYTES): Promise<RgbFrame> {
  if (!Buffer.isBuffer(input) && !(input instanceof Uint8Array)) throw new DocumentError('not_image');
  const buf = Buffer.isBuffer(input) ? input : Buffer.from(input);
  if (buf.length > maxInputBytes) throw new DocumentError('too_large');
  if (!looksLikeImage(buf)) throw new DocumentError('not_image');
  let meta: Metadata;
  try {
    meta = await sharp(buf, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'truncated' }).metadata();
  } catch (e) {
    if (/pixel limit/i.test(String(e))) throw new DocumentError('too_large');
    throw new DocumentError('decode_failed');
  }
  if (!meta.format || !FORMATS.has(meta.format) || !meta.width || !meta.height) throw new DocumentError('not_image');
  if (meta.width * meta.height > MAX_INPUT_PIXELS) throw new DocumentError('too_large');
  const swap = (meta.orientation ?? 1) >= 5;
  const inputWidth = swap ? meta.height : meta.width;
  const inputHeight = swap ? meta.width : meta.height;
  if (Math.min(inputWidth, inputHeight) < MIN_INPUT_SIDE) throw new DocumentError('too_small');
  try {
    const { data, info } = await sharp(buf, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'truncated' })
      .rotate()
      .resize({ width: WORK_MAX_SIDE, height: WORK_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error('channels');
    return { data, width: info.width, height: info.height, scale: inputWidth / info.width, inputWidth, inputHeight };
  } catch (e) {
    if (/pixel limit/i.test(String(e))) throw new DocumentError('too_large');
    throw new DocumentError('decode_failed');
  }
}

/** Luma (BT.601) of an RGB frame, one byte per pixel. */
export function toGrey(rgb: Buffer, width: number, height: number): Buffer {
  const n = width * height;
  const g = Buffer.allocUnsafe(n);
  for (let i = 0, p = 0; i < n; i++, p += 3) g[i] = (rgb[p]! * 77 + rgb[p + 1]! * 150 + rgb[p + 2]! * 29 + 128) >> 8;
  return g;
}
