/**
 * One printed text line (the holder's name) isolated for OCR: Otsu's threshold, every dark component
 * touching the crop's top or bottom edge removed (the label above, the next line below), specks
 * dropped, the line's letter body found from the row profile, only the letters and their diacritics
 * (the components within reach of that body) kept, cropped onto a white margin, and the gaps between
 * words widened so single-line OCR does not run the words together ("HỒVĂNLONG").
 * Pure pixel code on 8-bit grey buffers (no sharp), so it is unit-tested with drawn rectangles.
 */
import { inkComponents } from '../../common/image/components.ts';
import { otsu } from './image.ts';

export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface TextLineOptions {
  /** Output: the original grey levels (dropped components whitened) or pure black on white. */
  mode?: 'grey' | 'binary';
  /** A gap between ink columns wider than this share of the letter height is a word gap (default 0.28). */
  wordGap?: number;
  /** Word gaps are widened to this share of the letter height (default 0.7). */
  widenTo?: number;
}

export interface TextLine extends GreyImage {
  /** Height of the letters' body (rows where the line's ink is dense), in input pixels. */
  letterHeight: number;
  /** Word gaps found (before widening). */
  words: number;
}

/** Isolate the main text line of a grey crop; undefined when there is no line-like ink. */
export function isolateTextLine(img: GreyImage, opts: TextLineOptions = {}): TextLine | undefined {
  const { data, width: w, height: h } = img;
  if (w < 8 || h < 8) return undefined;
  const hist = new Uint32Array(256);
  for (let i = 0; i < w * h; i++) hist[data[i]!]!++;
  const thr = otsu(hist, w * h);
  // no contrast at all (a blank crop): nothing to read
  let lo = 0;
  let hi = 255;
  while (lo < 255 && hist[lo] === 0) lo++;
  while (hi > 0 && hist[hi] === 0) hi--;
  if (hi - lo < 40) return undefined;
  const ink = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) ink[i] = data[i]! <= thr ? 1 : 0;
  // 8-connected components
  const { comps, label } = inkComponents(ink, w, h, 8);
  const minArea = Math.max(4, Math.round((h * h) / 2500));
  const alive = comps.map((c) => c.y0 > 0 && c.y1 < h - 1 && c.area >= minArea);
  // the letters' body: the densest run of rows
  const rows = new Float64Array(h);
  for (let i = 0; i < w * h; i++) if (label[i]! >= 0 && alive[label[i]!]) rows[(i / w) | 0]! += 1;
  const band = densestBand(rows);
  if (!band) return undefined;
  const [T, B] = band;
  const lh = B - T + 1;
  if (lh < 4) return undefined;
  // keep what touches the body, and marks just above/below it
  const top = T - 0.75 * lh;
  const bottom = B + 0.45 * lh;
  const keep = comps.map((c, i) => alive[i]! && ((c.y1 >= T && c.y0 <= B) || (c.y0 >= top && c.y1 <= bottom)));
  // Rows of each component that are kept (all of them, but for a letter joined to the edge: below).
  const rowLo = new Int32Array(comps.length);
  const rowHi = new Int32Array(comps.length).fill(h - 1);
  // A letter whose tone mark touches the label above (a tight crop at 300 dpi: "LỀU HỒNG" lost Ề and Ồ
  // with the label they were joined to) spans the body from the top edge down to its lower part: it is
  // kept, clipped to the mark zone above the body, when it is no wider than a letter there; likewise a
  // letter joined to the next line below.
  // Only letter-wide within the body: a photo's edge or a head in the crop's corner spans it too.
  const bodyWidth = (i: number) => {
    let a = w;
    let b = -1;
    for (let y = T; y <= B; y++) for (let x = comps[i]!.x0; x <= comps[i]!.x1; x++) if (label[y * w + x] === i) {
      if (x < a) a = x;
      if (x > b) b = x;
    }
    return b - a + 1;
  };
  comps.forEach((c, i) => {
    if (keep[i] || c.area < minArea) return;
    if ((c.y0 === 0 || c.y1 === h - 1) && bodyWidth(i) > 1.5 * lh) return;
    if (c.y0 === 0 && c.y1 >= T + 0.7 * lh && c.y1 <= bottom) {
      keep[i] = true;
      rowLo[i] = Math.ceil(T - 0.5 * lh);
    } else if (c.y1 === h - 1 && c.y0 <= B - 0.7 * lh && c.y0 >= top) {
      keep[i] = true;
      rowHi[i] = Math.floor(B + 0.35 * lh);
    }
  });
  let x0 = w;
  let x1 = -1;
  let y0 = h;
  let y1 = -1;
  comps.forEach((c, i) => {
    if (!keep[i]) return;
    x0 = Math.min(x0, c.x0);
    x1 = Math.max(x1, c.x1);
    y0 = Math.min(y0, Math.max(c.y0, rowLo[i]!));
    y1 = Math.max(y1, Math.min(c.y1, rowHi[i]!));
  });
  if (x1 < 0) return undefined;
  // ink columns of the kept components → word gaps
  const cols = new Uint8Array(w);
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) {
    const l = label[y * w + x]!;
    if (l >= 0 && keep[l] && y >= rowLo[l]! && y <= rowHi[l]!) cols[x] = 1;
  }
  const gapMin = (opts.wordGap ?? 0.28) * lh;
  const widen = Math.round((opts.widenTo ?? 0.7) * lh);
  // output columns: map each input column to an output x, inserting white where a word gap is narrow
  const extra = new Int32Array(w + 1);
  let words = 1;
  for (let x = x0; x <= x1; ) {
    if (cols[x]) {
      x++;
      continue;
    }
    let e = x;
    while (e <= x1 && !cols[e]) e++;
    const gap = e - x;
    if (gap >= gapMin) {
      words++;
      if (gap < widen) extra[x] = widen - gap;
    }
    x = e;
  }
  const margin = Math.max(8, Math.round(0.6 * lh));
  let outW = 2 * margin;
  for (let x = x0; x <= x1; x++) outW += 1 + extra[x]!;
  const outH = y1 - y0 + 1 + 2 * margin;
  const out = new Uint8Array(outW * outH).fill(255);
  const binary = opts.mode === 'binary';
  const kept = (x: number, y: number) => {
    if (x < 0 || y < 0 || x >= w || y >= h) return false;
    const l = label[y * w + x]!;
    return l >= 0 && keep[l]! && y >= rowLo[l]! && y <= rowHi[l]!;
  };
  let ox = margin;
  for (let x = x0; x <= x1; x++) {
    ox += extra[x]!;
    for (let y = y0; y <= y1; y++) {
      const i = y * w + x;
      const o = (y - y0 + margin) * outW + ox;
      if (kept(x, y)) out[o] = binary ? 0 : data[i]!;
      // grey: the letters' anti-aliased edge (a pixel next to kept ink) stays, the background goes white
      else if (!binary && !ink[i] && (kept(x - 1, y) || kept(x + 1, y) || kept(x, y - 1) || kept(x, y + 1))) out[o] = data[i]!;
    }
    ox++;
  }
  return { data: out, width: outW, height: outH, letterHeight: lh, words };
}

/**
 * The run of rows each holding at least 35 % of the busiest row's ink that holds the most ink, [first, last]: the
 * letters' body of a line (here, and per word in name-marks.ts). Undefined when no row has two pixels of ink.
 */
export function densestBand(rows: ArrayLike<number>): [number, number] | undefined {
  const h = rows.length;
  let max = 0;
  for (let y = 0; y < h; y++) if (rows[y]! > max) max = rows[y]!;
  if (max < 2) return undefined;
  let best: [number, number] | undefined;
  let bestMass = 0;
  for (let y = 0; y < h; ) {
    if (rows[y]! < 0.35 * max) {
      y++;
      continue;
    }
    let e = y;
    let mass = 0;
    while (e < h && rows[e]! >= 0.35 * max) mass += rows[e++]!;
    if (mass > bestMass) {
      bestMass = mass;
      best = [y, e - 1];
    }
    y = e;
  }
  return best;
}
