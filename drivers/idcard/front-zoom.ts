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
 * The part of the image to read again: the text's region mapped back to the image, with a margin of
 * 12 % of its width and 15 % of its height (labels at the card's edges, a value past the last line
 * read), clamped to the image. Undefined when the text already covers most of the page, or when
 * reading the box at `pageWidth` would not bring it `ZOOM_MIN_GAIN` times closer than the page did.
 */
export function zoomBox(page: Pick<Page, 'width' | 'height' | 'from'>, lines: readonly LineBox[], img: { width: number; height: number }, pageWidth: number): Box | undefined {
  const r = textRegion(lines);
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
