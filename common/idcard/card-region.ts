/**
 * Where the card is in a camera frame, found cheaply on a small thumbnail so that the kiosk can send the
 * card's region at the camera's resolution instead of the whole picture shrunk to one carrier frame.
 * Pure (no DOM, no Node): the renderer feeds it a canvas's RGBA pixels, the tests and the benchmark feed
 * it sharp's — the same rule on both sides.
 *
 * The rule (the driver's card finder, `drivers/idcard/image.ts`, uses the same idea on its own frame): the
 * table's colour is the median colour of the thumbnail's border; pixels far from it (sum of the channel
 * differences above Otsu's threshold, at least 30) are "not table"; the largest 4-connected region of them is
 * the card. Its bounding box is kept only when it looks like one card:
 *   - it covers at least 4 % of the thumbnail (a speck of glare, a thumb alone is not a card),
 *   - it fills at least 45 % of its box (a card tilted ~15° still fills ~75 %; a scatter of text does not),
 *   - its box's aspect is between 0.5 and 2.4 (ID-1 is 1.59; upright in a portrait photo 0.63; tilted nearer 1),
 *   - its extreme corners make a quad of ID-1 proportions that it fills (`cardQuad`),
 *   - before the dilation it fills at least 45 % of its box (`bodyFill`: a card's body, not a block of print on a card
 *     as light as the table, whose crop cut off the QR above it),
 *   - no second region of at least 45 % of its size that is itself card-like (fill and aspect as above) exists
 *     (two cards in view: the whole frame is sent, so the reader still sees both and refuses; a scanner lid's
 *     shadow along an edge is a long strip, not a card),
 * and the crop — the box plus a margin of 10 % of its longer side each way, for the reader's own card finder,
 * which needs some table — is worth it only when it is at most 85 % of the frame's width or height. Otherwise
 * null: the frame is sent whole, as before.
 */
import { inkComponents } from '../image/components.ts';
import { otsu } from '../image/otsu.ts';

/** RGBA pixels, row-major (a canvas's ImageData or sharp's raw output with alpha). */
export interface RgbaPixels {
  data: ArrayLike<number>;
  width: number;
  height: number;
}

/** A box as fractions (0–1) of the image it was found in. */
export interface UnitBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The thumbnail width the region is looked for at (both the renderer and the tests draw to this width). */
export const REGION_THUMB_WIDTH = 192;
export const REGION_MIN_COVER = 0.04;
/** The mask's dilation radius in thumbnail pixels (a 5×5 square). */
const DILATE = 2;
/** A table is plain when three quarters of its border are within this colour distance (sum over R, G, B) of its median. */
const PLAIN_BORDER = 24;
/** On a plain table, regions smaller than this share of the thumbnail are specks, not print. */
const REGION_MIN_PART = 0.002;
export const REGION_MIN_FILL = 0.45;
/** …and before the dilation at least this share of its box must differ from the table (`bodyFill`): a card's body, not only its print. */
export const REGION_MIN_BODY = 0.45;
export const REGION_MARGIN = 0.1;
/** A crop wider (or taller) than this share of the frame gains too little to be worth a second look. */
export const REGION_MAX_SHARE = 0.85;
/** Print outside the card's crop of at least this share of the card's region: something else is in view (`printOutside`), the frame is sent whole. */
export const REGION_MAX_OUTSIDE = 0.1;


/** The card's bounding box (fractions of the thumbnail), or null when no single card-like region is found. */
export function findCardBox(img: RgbaPixels): UnitBox | null {
  const { data, width: w, height: h } = img;
  if (w < 8 || h < 8 || data.length < w * h * 4) return null;
  const ch: number[][] = [[], [], []];
  const push = (x: number, y: number) => {
    const i = (y * w + x) * 4;
    for (let c = 0; c < 3; c++) ch[c]!.push(data[i + c]!);
  };
  for (let x = 0; x < w; x++) for (const y of [0, 1, h - 2, h - 1]) push(x, y);
  for (let y = 2; y < h - 2; y++) for (const x of [0, 1, w - 2, w - 1]) push(x, y);
  const bg = ch.map((a) => [...a].sort((p, q) => p - q)[a.length >> 1]!);
  // how plain the table is: the 75th percentile of the border's distances from its median colour
  const borderDist = ch[0]!.map((_, k) => Math.abs(ch[0]![k]! - bg[0]!) + Math.abs(ch[1]![k]! - bg[1]!) + Math.abs(ch[2]![k]! - bg[2]!)).sort((p, q) => p - q);
  const plainTable = borderDist[Math.floor(borderDist.length * 0.75)]! <= PLAIN_BORDER;
  const n = w * h;
  const dist = new Uint8Array(n);
  const hist = new Uint32Array(256);
  for (let i = 0; i < n; i++) {
    const d = Math.min(255, Math.abs(data[i * 4]! - bg[0]!) + Math.abs(data[i * 4 + 1]! - bg[1]!) + Math.abs(data[i * 4 + 2]! - bg[2]!));
    dist[i] = d;
    hist[d]!++;
  }
  const thr = Math.max(30, otsu(hist, n));
  // the "not table" mask dilated by a 5×5 square (the region's box is taken as is, margin added later): a card whose
  // face is close to the table's colour (a photocopy, a light card on a scanner's white lid) is still one
  // region through its text and edges
  const raw = new Uint8Array(n);
  for (let i = 0; i < n; i++) raw[i] = dist[i]! > thr ? 1 : 0;
  const rowD = new Uint8Array(n);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let v = 0;
      for (let k = Math.max(0, x - DILATE); k <= Math.min(w - 1, x + DILATE) && !v; k++) v = raw[y * w + k]!;
      rowD[y * w + x] = v;
    }
  const mask = new Uint8Array(n);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let v = 0;
      for (let k = Math.max(0, y - DILATE); k <= Math.min(h - 1, y + DILATE) && !v; k++) v = rowD[k * w + x]!;
      mask[y * w + x] = v;
    }
  // 4-connected regions of the dilated mask, boxes with exclusive right and bottom edges
  const { comps: found, label } = inkComponents(mask, w, h, 4);
  const comps = found.map((c) => ({ size: c.area, x0: c.x0, y0: c.y0, x1: c.x1 + 1, y1: c.y1 + 1 }));
  if (!comps.length) return null;
  const best = comps.reduce((a, b) => (b.size > a.size ? b : a));
  // too small to be the card alone: on a plain table, everything on it may still be one (a photocopied card's print)
  if (best.size < REGION_MIN_COVER * n) return plainTable ? everythingOnTable(comps, w, h) : null;
  const cardLike = (c: (typeof comps)[number]) => {
    const cw = c.x1 - c.x0;
    const ch = c.y1 - c.y0;
    return c.size / (cw * ch) >= REGION_MIN_FILL && cw / ch >= 0.5 && cw / ch <= 2.4;
  };
  // a second card-like region of comparable size: two cards (a shadow's strip along an edge is not one)
  if (cardLike(best) && comps.some((c) => c !== best && c.size >= best.size * 0.45 && cardLike(c))) return null;
  if (cardLike(best) && cardQuad(label, w, h, comps.indexOf(best), best.size) && bodyFill(raw, w, best) >= REGION_MIN_BODY && printOutside(comps, best, n) < REGION_MAX_OUTSIDE * best.size)
    return { x0: best.x0 / w, y0: best.y0 / h, x1: best.x1 / w, y1: best.y1 / h };
  return plainTable ? everythingOnTable(comps, w, h) : null;
}

/**
 * The size of the regions (specks left out: REGION_MIN_PART) lying wholly outside the card's box and its crop margin:
 * print the crop would cut off. A pale ID card beside a dark bank card is no card-like region (its colour is near the
 * table's) but its emblem, photo and text lines are regions beside the bank card — 12–41 % of the bank card's size on
 * generator 9's development pictures — and a crop to the bank card sent the reader no ID card at all.
 */
function printOutside(comps: readonly { size: number; x0: number; y0: number; x1: number; y1: number }[], best: { size: number; x0: number; y0: number; x1: number; y1: number }, n: number): number {
  const m = Math.max(best.x1 - best.x0, best.y1 - best.y0) * REGION_MARGIN;
  let out = 0;
  for (const c of comps)
    if (c !== best && c.size >= REGION_MIN_PART * n && (c.x1 <= best.x0 - m || c.x0 >= best.x1 + m || c.y1 <= best.y0 - m || c.y0 >= best.y1 + m)) out += c.size;
  return out;
}

/**
 * The share of a region's box that is itself "not table" before the dilation. A card whose face differs from the
 * table fills its box (0.56–0.91 on the development photos: its body, not only its print); a block of print on a card
 * as light as the table is card-shaped only once dilated (0.14–0.38: the text block of a card half out of the frame —
 * its QR, title and emblem were separate regions outside the box, and the crop cut them off; a dim card's text).
 */
function bodyFill(raw: Uint8Array, w: number, c: { x0: number; y0: number; x1: number; y1: number }): number {
  let n = 0;
  for (let y = c.y0; y < c.y1; y++) for (let x = c.x0; x < c.x1; x++) n += raw[y * w + x]!;
  return n / Math.max(1, (c.x1 - c.x0) * (c.y1 - c.y0));
}

/**
 * On a plain table (a white photocopy page, a scanner's lid, a plain desk) whose card is not one card-shaped
 * region — a photocopied card has no edge, only its print — the box of everything that is not table: every
 * region of at least REGION_MIN_PART of the thumbnail (specks of dust or toner are left out). Nothing that
 * differs from the table is outside it, so no part of the card's print is cut (two cards stay in it together).
 * Null when that is the whole picture or too little of it.
 */
function everythingOnTable(comps: { size: number; x0: number; y0: number; x1: number; y1: number }[], w: number, h: number): UnitBox | null {
  const parts = comps.filter((c) => c.size >= REGION_MIN_PART * w * h);
  if (!parts.length) return null;
  const x0 = Math.min(...parts.map((c) => c.x0));
  const y0 = Math.min(...parts.map((c) => c.y0));
  const x1 = Math.max(...parts.map((c) => c.x1));
  const y1 = Math.max(...parts.map((c) => c.y1));
  if ((x1 - x0) * (y1 - y0) < REGION_MIN_COVER * w * h) return null;
  if (x0 === 0 && y0 === 0 && x1 === w && y1 === h) return null;
  return { x0: x0 / w, y0: y0 / h, x1: x1 / w, y1: y1 / h };
}

/**
 * The region's four extreme corners (least and most x+y and x−y, as the reader's card finder takes them) make
 * a quad of ID-1 proportions (long side / short side 1.3–1.9, either way up) that the region fills (≥ 70 %):
 * a part of a card (its text block without its white photo box), a card with a hand, a card turned ~45° are
 * not taken — a crop of them could cut the card, so the whole frame is sent.
 */
function cardQuad(label: Int32Array, w: number, h: number, l: number, size: number): boolean {
  let mTl = Infinity, mTr = -Infinity, mBr = -Infinity, mBl = Infinity;
  let tl = [0, 0], tr = [0, 0], br = [0, 0], bl = [0, 0];
  for (let i = 0; i < w * h; i++) {
    if (label[i] !== l) continue;
    const x = i % w;
    const y = (i / w) | 0;
    if (x + y < mTl) {
      mTl = x + y;
      tl = [x, y];
    }
    if (x - y > mTr) {
      mTr = x - y;
      tr = [x + 1, y];
    }
    if (x + y > mBr) {
      mBr = x + y;
      br = [x + 1, y + 1];
    }
    if (x - y < mBl) {
      mBl = x - y;
      bl = [x, y + 1];
    }
  }
  const len = (a: number[], b: number[]) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!);
  const qw = (len(tl, tr) + len(bl, br)) / 2;
  const qh = (len(tl, bl) + len(tr, br)) / 2;
  const long = Math.max(qw, qh);
  const short = Math.max(1, Math.min(qw, qh));
  return long / short >= 1.3 && long / short <= 1.9 && size / (qw * qh) >= 0.7;
}

export interface PixelRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * The crop to send, in the pixels of a `srcW` × `srcH` image: the box plus REGION_MARGIN of its longer side
 * each way, inside the image; null when that is not clearly smaller than the image (REGION_MAX_SHARE).
 */
export function cardCrop(box: UnitBox | null, srcW: number, srcH: number): PixelRect | null {
  if (!box) return null;
  const bw = (box.x1 - box.x0) * srcW;
  const bh = (box.y1 - box.y0) * srcH;
  const m = Math.max(bw, bh) * REGION_MARGIN;
  const x0 = Math.max(0, Math.floor(box.x0 * srcW - m));
  const y0 = Math.max(0, Math.floor(box.y0 * srcH - m));
  const x1 = Math.min(srcW, Math.ceil(box.x1 * srcW + m));
  const y1 = Math.min(srcH, Math.ceil(box.y1 * srcH + m));
  const r = { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
  if (r.w < 16 || r.h < 16) return null;
  if (r.w > REGION_MAX_SHARE * srcW && r.h > REGION_MAX_SHARE * srcH) return null;
  return r;
}
