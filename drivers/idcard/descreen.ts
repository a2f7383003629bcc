/**
 * A 1-bit dithered copy (a fax, a fax-like "black and white" scan: Floyd–Steinberg or ordered dots) read
 * as grey again. Such a picture has two levels only, and every grey of the card — the small grey labels,
 * the photo, the guilloche, the emblem — is a field of isolated dots. Tesseract's page layout takes those
 * dot fields for noise or pictures and drops whole text blocks with them: a fax-like front gave the page
 * reading two lines (the card's motto) and no label, no ID, no name, though its values were crisp.
 *
 * Detected, not assumed: nearly every pixel at one of two levels, and a good share of the dark pixels
 * isolated (at most one dark 4-neighbour) — dots, where a thresholded photocopy's strokes are solid.
 * Then a small Gaussian blur turns the dot fields back into grey (what the eye sees) while the solid
 * strokes of the values stay dark; the page is then prepared as any other (its contrast stretch restores
 * black and white).
 */
import sharp from 'sharp';
import type { RgbImage } from './front-labels.ts';

/** Pixels between these levels are grey: a binary picture has (almost) none. */
const MID_LO = 48;
const MID_HI = 207;
/** A picture is binary when at most this share of its pixels is grey (PNG/TIFF faxes: none; a JPEG scan's smooth paper ≥ 0.9 %). */
const MAX_GREY_SHARE = 0.005;
/** Dithered when at least this share of its dark pixels is isolated (≤ 1 dark 4-neighbour). */
const MIN_ISOLATED = 0.15;
/** The blur's sigma, in the picture's own pixels (dots ≈ 1 px apart at 200 dpi; strokes ≥ 2 px). */
const SIGMA = 1.1;

export interface DitherStats {
  greyShare: number;
  isolated: number;
}

/** How binary a picture is, and how much of its ink is isolated dots. */
export function ditherStats(img: RgbImage): DitherStats {
  const { width, height, data } = img;
  let grey = 0;
  let dark = 0;
  let isolated = 0;
  const lum = (x: number, y: number) => data[(y * width + x) * 3 + 1]!;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const v = lum(x, y);
      if (v > MID_LO && v < MID_HI) grey++;
      if (v > 127 || x === 0 || y === 0 || x === width - 1 || y === height - 1) continue;
      dark++;
      const n = (lum(x - 1, y) <= 127 ? 1 : 0) + (lum(x + 1, y) <= 127 ? 1 : 0) + (lum(x, y - 1) <= 127 ? 1 : 0) + (lum(x, y + 1) <= 127 ? 1 : 0);
      if (n <= 1) isolated++;
    }
  return { greyShare: grey / Math.max(1, width * height), isolated: isolated / Math.max(1, dark) };
}

/** Grey share of every 7th pixel's green (of `channels` per pixel): most pictures are told from a binary one without the full pass. */
export function sampledGreyShare(img: { data: ArrayLike<number> }, channels = 3): number {
  let grey = 0;
  let n = 0;
  for (let i = 1; i < img.data.length; i += 7 * channels) {
    n++;
    const v = img.data[i]!;
    if (v > MID_LO && v < MID_HI) grey++;
  }
  return grey / Math.max(1, n);
}

/** A 1-bit dithered copy: nearly every pixel black or white, and many of its dark pixels isolated dots. */
export function isDithered(img: RgbImage): boolean {
  if (sampledGreyShare(img) > 2 * MAX_GREY_SHARE) return false;
  const s = ditherStats(img);
  return s.greyShare <= MAX_GREY_SHARE && s.isolated >= MIN_ISOLATED;
}

/** The picture with its dots blurred back to grey when it is a 1-bit dithered copy; undefined otherwise. */
export async function descreen(img: RgbImage): Promise<RgbImage | undefined> {
  if (!isDithered(img)) return undefined;
  const data = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } }).blur(SIGMA).raw().toBuffer();
  return { data, width: img.width, height: img.height, channels: 3 };
}
