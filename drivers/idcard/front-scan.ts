/**
 * A card lying small on a scanned or photocopied page (a multifunction printer's A4 scan at 150–200 dpi:
 * the card a sixth of the page's width, no card edge found because the card's white is the paper's white).
 * Read as a whole page, such a picture defeats the page reading twice: the card's text is far below the
 * size tesseract needs, and the page's contrast stretch (`normalise`, 1 %–99 %) — less than 1 % of the page
 * being print — stretches the paper's texture and the lamp's shading to full black and white. The page
 * reading then finds no label at all.
 *
 * What marks such a page, generically: most of it is blank paper — the median is the paper's level, and the
 * print (pixels clearly darker than the paper) lies in one compact, card-shaped region with nothing outside
 * it. That region, with a margin, is cut out and read as the card; nothing here knows a layout.
 */
import sharp from 'sharp';
import type { Box } from '../../common/idcard/labels.ts';
import type { RgbImage } from './front-labels.ts';
import { inkRegion } from './front-zoom.ts';

/** The page is looked at this wide (the card is then ≥ ≈ 100 px wide: its print blocks are dense). */
const LOOK_WIDTH = 700;
/** Print: darker than this share of the paper's level (the median). */
const PRINT_LEVEL = 0.83;
/** The print's region must be at most this share of the page's area and of its width (a card small on a page). */
const MAX_AREA_SHARE = 0.25;
const MAX_WIDTH_SHARE = 0.6;
/** Outside the region (beyond one block), at most this share of the pixels may be print: the rest of the page is blank. */
const MAX_PRINT_OUTSIDE = 0.005;
/** The region's sides: an ID-1 card is 85.6 × 54 mm (1.585); skew, the margin of blocks and a cut-off edge widen it. */
const MIN_ASPECT = 1.2;
const MAX_ASPECT = 2.0;
/** The region must be at least this many pixels wide in the image to hold readable text. */
const MIN_CARD_PX = 200;
/** The margin added to each side of the region, as a share of its width and height. */
const MARGIN = 0.06;

/** What the look at the page found: the card's region in image pixels. */
export interface ScanLook {
  box: Box;
  /** The print's share of the page outside the region (for tests and diagnostics). */
  outside: number;
}

/**
 * Where a card lies on an otherwise blank page, in image pixels (a margin included), or undefined when the
 * picture is not such a page (the print covers much of it, or lies in several places, or is not card-shaped).
 */
export async function cardOnBlankPage(img: RgbImage): Promise<Box | undefined> {
  const look = await lookAtPage(img);
  return look?.box;
}

export async function lookAtPage(img: RgbImage): Promise<ScanLook | undefined> {
  if (img.width < 2 * MIN_CARD_PX) return undefined;
  const W = Math.min(LOOK_WIDTH, img.width);
  const s = W / img.width;
  const H = Math.max(1, Math.round(img.height * s));
  const data = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } }).greyscale().resize(W, H).raw().toBuffer();
  const hist = new Uint32Array(256);
  for (const v of data) hist[v]!++;
  let acc = 0;
  let median = 0;
  while (median < 255 && (acc += hist[median]!) < data.length / 2) median++;
  if (median < 64) return undefined; // a dark picture is no paper page
  const level = PRINT_LEVEL * median;
  // inkRegion counts pixels below 128 in dense blocks: print black, the rest white.
  const g = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) g[i] = data[i]! < level ? 0 : 255;
  const r = inkRegion({ data: g, width: W, height: H });
  if (!r) return undefined;
  const w = r.x1 - r.x0;
  const h = r.y1 - r.y0;
  if ((w * h) / (W * H) > MAX_AREA_SHARE || w / W > MAX_WIDTH_SHARE) return undefined;
  const aspect = Math.max(w, h) / Math.max(1, Math.min(w, h));
  if (aspect < MIN_ASPECT || aspect > MAX_ASPECT) return undefined;
  if (w / s < MIN_CARD_PX) return undefined;
  // Print outside the region (one block of slack): a page with more on it than the card is not this case.
  const pad = 16;
  let out = 0;
  let outN = 0;
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      if (x >= r.x0 - pad && x < r.x1 + pad && y >= r.y0 - pad && y < r.y1 + pad) continue;
      outN++;
      if (g[y * W + x] === 0) out++;
    }
  const outside = outN ? out / outN : 0;
  if (outside > MAX_PRINT_OUTSIDE) return undefined;
  const box = {
    x0: Math.max(0, Math.floor((r.x0 - MARGIN * w) / s)),
    y0: Math.max(0, Math.floor((r.y0 - MARGIN * h) / s)),
    x1: Math.min(img.width, Math.ceil((r.x1 + MARGIN * w) / s)),
    y1: Math.min(img.height, Math.ceil((r.y1 + MARGIN * h) / s)),
  };
  return { box, outside };
}
