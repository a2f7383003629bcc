/**
 * A card that is small in its picture — a photocopy page or a flatbed scan with the card in a corner,
 * no card edge found — has its text too small for tesseract once the whole page is brought to the
 * page width: its labels come out ≈ 10 px high (the reader is tuned for ≈ 20 px) and the page
 * reading finds few of them. The text found on that first reading still shows **where** the card's
 * text is: its region (the lines that read as words), cut out of the original image with a margin,
 * is read again at the page width — the same reading, with the card's text at the size it needs.
 *
 * Generic: nothing here knows a layout; it measures how much of the page the text covers.
 */
import type { Box, LineBox } from '../../common/idcard/labels.ts';
import type { Page, RgbImage } from './front-labels.ts';

/** The text must cover less than this share of the page's width for a closer look to help. */
export const ZOOM_MAX_SHARE = 0.6;
/** The closer look must bring the text at least this much closer than the first page did (else it costs a reading for nothing). */
export const ZOOM_MIN_GAIN = 1.5;
/** The page's cap on upscaling an image (front-labels.ts `preparePage`). */
const MAX_PAGE_SCALE = 2.5;
/** Lines that read as text (a word of 3+ letters/digits at this confidence) mark the text's region. */
const MIN_WORD_CONF = 40;

/** The region of the page holding the lines that read as text, or undefined when fewer than 3 do. */
export function textRegion(lines: readonly LineBox[]): Box | undefined {
  const text = lines.filter((l) => l.words.some((w) => w.confidence >= MIN_WORD_CONF && /[\p{L}\d]{3,}/u.test(w.text)));
  if (text.length < 3) return undefined;
  return {
    x0: Math.min(...text.map((l) => l.bbox.x0)),
    y0: Math.min(...text.map((l) => l.bbox.y0)),
    x1: Math.max(...text.map((l) => l.bbox.x1)),
    y1: Math.max(...text.map((l) => l.bbox.y1)),
  };
}

/** Blocks of the ink region: this many page pixels square. */
const INK_BLOCK = 16;
/** A block holds print (text, the photo, the emblem) when this share of it is dark; a photocopy's toner specks stay far below. */
const INK_DENSITY = 0.06;

/**
 * Where the page's print is when too few lines read as text to say (a photocopy whose small text the
 * page reading lost): the box of the blocks dense with dark pixels that have at least two dense
 * neighbours (isolated specks and scratches left out). Undefined when no such block.
 */
export function inkRegion(g: { data: Uint8Array | Buffer; width: number; height: number }): Box | undefined {
  const bw = Math.ceil(g.width / INK_BLOCK);
  const bh = Math.ceil(g.height / INK_BLOCK);
  const count = new Uint32Array(bw * bh);
  for (let y = 0; y < g.height; y++)
    for (let x = 0; x < g.width; x++) if (g.data[y * g.width + x]! < 128) count[Math.floor(y / INK_BLOCK) * bw + Math.floor(x / INK_BLOCK)]!++;
  const dense = (bx: number, by: number) => bx >= 0 && by >= 0 && bx < bw && by < bh && count[by * bw + bx]! >= INK_BLOCK * INK_BLOCK * INK_DENSITY;
  let box: Box | undefined;
  for (let by = 0; by < bh; by++)
    for (let bx = 0; bx < bw; bx++) {
      if (!dense(bx, by)) continue;
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) if ((dx || dy) && dense(bx + dx, by + dy)) n++;
      if (n < 2) continue;
      const b = { x0: bx * INK_BLOCK, y0: by * INK_BLOCK, x1: Math.min(g.width, (bx + 1) * INK_BLOCK), y1: Math.min(g.height, (by + 1) * INK_BLOCK) };
      box = box ? { x0: Math.min(box.x0, b.x0), y0: Math.min(box.y0, b.y0), x1: Math.max(box.x1, b.x1), y1: Math.max(box.y1, b.y1) } : b;
    }
  return box;
}

/**
 * A point of the page in the image it was made from: the page's straightening turn undone (sharp
 * turns clockwise about the centre and enlarges the canvas to hold the turned image), then its scale.
 */
export function pageToImage(page: Pick<Page, 'width' | 'height' | 'from'>, x: number, y: number): [number, number] {
  const f = page.from ?? { scale: 1, turnDeg: 0, turnedWidth: page.width, turnedHeight: page.height };
  const a = (-f.turnDeg * Math.PI) / 180;
  const dx = x - page.width / 2;
  const dy = y - page.height / 2;
  const ux = f.turnedWidth / 2 + dx * Math.cos(a) - dy * Math.sin(a);
  const uy = f.turnedHeight / 2 + dx * Math.sin(a) + dy * Math.cos(a);
  return [ux / f.scale, uy / f.scale];
}

/**
 * The part of the image to read again: the text's region (or, with fewer than three lines read as
 * text, the print's region — `inkRegion`) mapped back to the image, with a margin of
 * 12 % of its width and 15 % of its height (labels at the card's edges, a value past the last line
 * read), clamped to the image. Undefined when the text already covers most of the page, or when
 * reading the box at `pageWidth` would not bring it `ZOOM_MIN_GAIN` times closer than the page did.
 */
export function zoomBox(page: Pick<Page, 'width' | 'height' | 'from'> & Partial<Pick<Page, 'grey'>>, lines: readonly LineBox[], img: { width: number; height: number }, pageWidth: number): Box | undefined {
  const r = textRegion(lines) ?? (page.grey ? inkRegion({ data: page.grey, width: page.width, height: page.height }) : undefined);
  if (!r || r.x1 - r.x0 >= ZOOM_MAX_SHARE * page.width) return undefined;
  const corners = [pageToImage(page, r.x0, r.y0), pageToImage(page, r.x1, r.y0), pageToImage(page, r.x0, r.y1), pageToImage(page, r.x1, r.y1)];
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  const w = Math.max(...xs) - Math.min(...xs);
  const h = Math.max(...ys) - Math.min(...ys);
  const box = {
    x0: Math.max(0, Math.floor(Math.min(...xs) - 0.12 * w)),
    y0: Math.max(0, Math.floor(Math.min(...ys) - 0.15 * h)),
    x1: Math.min(img.width, Math.ceil(Math.max(...xs) + 0.12 * w)),
    y1: Math.min(img.height, Math.ceil(Math.max(...ys) + 0.15 * h)),
  };
  if (box.x1 - box.x0 < 32 || box.y1 - box.y0 < 32) return undefined;
  const gain = Math.min(MAX_PAGE_SCALE, pageWidth / (box.x1 - box.x0)) / (page.from?.scale ?? 1);
  return gain >= ZOOM_MIN_GAIN ? box : undefined;
}

/** A box of an RGB image, as an RGB image. */
export function cropRgb(img: RgbImage, b: Box): RgbImage {
  const width = b.x1 - b.x0;
  const height = b.y1 - b.y0;
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) img.data.copy(data, y * width * 3, ((b.y0 + y) * img.width + b.x0) * 3, ((b.y0 + y) * img.width + b.x1) * 3);
  return { data, width, height, channels: 3 };
}
