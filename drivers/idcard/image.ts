/**
 * Image input for the card readers: bounded decoding (file size, pixel count, time) and detection of
 * the card rectangle in a photo, warped to a canonical 1000×630 card.
 */
import { stat, readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { IdCardError } from '../../common/idcard/fields.ts';
import { homography, warpInverse, type Point } from './geometry.ts';
import { inkComponents } from '../../common/image/components.ts';
import { otsu } from '../../common/image/otsu.ts';

export const MAX_FILE_BYTES = 25 * 1024 * 1024;
export const MAX_PIXELS = 40_000_000;
export const DECODE_TIMEOUT_MS = 5000;
export const CARD_W = 1000;
export const CARD_H = 630;

/** A decoded frame: RGBA, 8 bits per channel. */
export interface Frame {
  data: Buffer;
  width: number;
  height: number;
}

export function withTimeout<T>(p: Promise<T>, ms: number, onTimeout?: () => void): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(t)),
    new Promise<T>((_, reject) => {
      t = setTimeout(() => {
        onTimeout?.();
        reject(new IdCardError('timeout'));
      }, ms);
    }),
  ]);
}

/** Decode a file or buffer to RGBA, refusing anything too large or not an image. Never hangs. */
export async function loadFrame(input: string | Buffer, maxSide = 2000): Promise<Frame> {
  let buf: Buffer;
  if (typeof input === 'string') {
    let st;
    try {
      st = await stat(input);
    } catch {
      throw new IdCardError('not_image', 'không mở được tệp');
    }
    if (!st.isFile()) throw new IdCardError('not_image');
    if (st.size > MAX_FILE_BYTES) throw new IdCardError('too_large', `${Math.round(st.size / 1048576)} MB`);
    buf = await readFile(input);
  } else buf = input;
  if (buf.length > MAX_FILE_BYTES) throw new IdCardError('too_large');
  if (buf.length < 16) throw new IdCardError('not_image');
  const work = (async (): Promise<Frame> => {
    let meta;
    try {
      meta = await sharp(buf, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).metadata();
    } catch (e) {
      if (/pixel limit/i.test(String(e))) throw new IdCardError('too_large');
      throw new IdCardError('not_image');
    }
    if (!meta.width || !meta.height || !['jpeg', 'png', 'webp', 'tiff', 'gif', 'heif', 'avif'].includes(meta.format ?? '')) throw new IdCardError('not_image');
    try {
      const { data, info } = await sharp(buf, { limitInputPixels: MAX_PIXELS, failOn: 'error' })
        .rotate()
        .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
        .ensureAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      return { data, width: info.width, height: info.height };
    } catch (e) {
      if (/pixel limit/i.test(String(e))) throw new IdCardError('too_large');
      // Its header says it is an image, but the pixels cannot be decoded: cut short or damaged.
      throw new IdCardError('damaged');
    }
  })();
  return withTimeout(work, DECODE_TIMEOUT_MS);
}

export interface CardDetection {
  /** Corners in frame pixels: top-left, top-right, bottom-right, bottom-left. */
  corners: [Point, Point, Point, Point];
  /** The card warped to CARD_W × CARD_H, RGB. */
  card: Frame & { channels: 3 };
  /** Share of the frame the card covers. */
  coverage: number;
  /** Other card-shaped regions of about the same size in the frame (two cards in one photo). */
  others: number;
}

/** Otsu's threshold of a 256-bin histogram (common/image/otsu.ts; re-exported for the reader's modules). */
export { otsu };

/** A card already found is grown by this share about its centre when left out of a second search (its shadow, its blurred edge). */
const EXCLUDE_GROW = 1.12;
/**
 * The second search's limits: a pale card beside a dark one (a bank card) is one region only in part — its print
 * and guilloche against a table of nearly its colour filled 71–81 % of its quad, 1.30 wide, 8 % of a 1800×1350 photo
 * (development pictures of generator 9, seeds 9901–9906) where the first search asks 80 %, 1.3–1.9, 8 %.
 */
const LOOSE = { cover: 0.04, aspect: [1.2, 2.0], fill: 0.65 } as const;

/**
 * Find the card: colour distance from the border (table) colour, Otsu threshold, largest connected
 * component, its four extreme corners; then warp to the canonical card. Undefined when no card-shaped
 * region is found. `exclude`: the corners of a card already found, counted as table — the search for a
 * second card beside it (read-card.ts: the first was no ID card); the threshold is then Otsu's on the rest,
 * so a pale card beside a dark one stands out.
 */
export async function detectCard(frame: Frame, seen?: { sideways?: boolean }, exclude?: readonly Point[]): Promise<CardDetection | undefined> {
  const SW = 320;
  const scale = frame.width / SW;
  const SH = Math.max(1, Math.round(frame.height / scale));
  const small = await sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: 4 } })
    .removeAlpha()
    .resize(SW, SH, { fit: 'fill' })
    .blur(1)
    .raw()
    .toBuffer();
  // background = median colour of the border
  const border: number[][] = [[], [], []];
  for (let x = 0; x < SW; x++)
    for (const y of [0, 1, SH - 2, SH - 1]) for (let c = 0; c < 3; c++) border[c]!.push(small[(y * SW + x) * 3 + c]!);
  for (let y = 0; y < SH; y++)
    for (const x of [0, 1, SW - 2, SW - 1]) for (let c = 0; c < 3; c++) border[c]!.push(small[(y * SW + x) * 3 + c]!);
  const bg = border.map((a) => a.sort((p, q) => p - q)[a.length >> 1]!);
  const dist = new Uint8Array(SW * SH);
  const hist = new Uint32Array(256);
  const left = exclude && grownQuad(exclude.map(([x, y]) => [x / scale, y / scale] as Point), EXCLUDE_GROW);
  for (let i = 0; i < SW * SH; i++) {
    const d = left && insideConvex(left, i % SW, (i / SW) | 0) ? 0 : Math.min(255, Math.abs(small[i * 3]! - bg[0]!) + Math.abs(small[i * 3 + 1]! - bg[1]!) + Math.abs(small[i * 3 + 2]! - bg[2]!));
    dist[i] = d;
    hist[d]!++;
  }
  const thr = Math.max(25, otsu(hist, SW * SH));
  // largest 4-connected component above the threshold (common/image/components.ts: numbered in scan order, the first
  // of the largest taken)
  const ink = new Uint8Array(SW * SH);
  for (let i = 0; i < SW * SH; i++) ink[i] = dist[i]! > thr ? 1 : 0;
  const { comps, label } = inkComponents(ink, SW, SH, 4);
  const sizes = comps.map((c) => c.area);
  let bestLabel = -1;
  let bestSize = 0;
  for (let l = 0; l < sizes.length; l++)
    if (sizes[l]! > bestSize) {
      bestSize = sizes[l]!;
      bestLabel = l;
    }
  const coverage = bestSize / (SW * SH);
  // A second search (`exclude`) takes a card found less cleanly: its reading must then show an ID card's front (read-card.ts).
  const loose = !!exclude;
  if (bestLabel < 0 || coverage < (loose ? LOOSE.cover : 0.08)) return undefined;
  // Another component at least 45 % of the card's size that is itself card-shaped: a second card.
  let others = 0;
  for (let l = 0; l < sizes.length; l++) {
    if (l === bestLabel || sizes[l]! < bestSize * 0.45) continue;
    if (cardShaped(label, SW, SH, l, sizes[l]!)) others++;
  }
  let tl: Point = [0, 0], tr: Point = [0, 0], br: Point = [0, 0], bl: Point = [0, 0];
  let mTl = Infinity, mTr = -Infinity, mBr = -Infinity, mBl = Infinity;
  for (let i = 0; i < SW * SH; i++) {
    if (label[i] !== bestLabel) continue;
    const x = i % SW;
    const y = (i / SW) | 0;
    if (x + y < mTl) { mTl = x + y; tl = [x, y]; }
    if (x - y > mTr) { mTr = x - y; tr = [x + 1, y]; }
    if (x + y > mBr) { mBr = x + y; br = [x + 1, y + 1]; }
    if (x - y < mBl) { mBl = x - y; bl = [x, y + 1]; }
  }
  const corners = [tl, tr, br, bl].map(([x, y]) => [x * scale, y * scale] as Point) as [Point, Point, Point, Point];
  const len = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);
  const w = (len(corners[0], corners[1]) + len(corners[3], corners[2])) / 2;
  const h = (len(corners[0], corners[3]) + len(corners[1], corners[2])) / 2;
  const aspect = w / h;
  // the component should fill its quad (a card, not a blob) — counting its holes: the parts of the card whose colour is
  // the table's (a white back on a pale desk, a pale guilloche) are enclosed by it, not outside it
  const quadArea = (w * h) / (scale * scale);
  const filled = bestSize + holesIn(label, bestLabel, SW, SH);
  // A card of ID-1 proportions turned a quarter (its long side down the picture): told to the caller (orientation.ts)
  if (seen && aspect > 1 / 1.9 && aspect < 1 / 1.3 && h >= 200 && filled / quadArea >= 0.8) seen.sideways = true;
  // ID-1 card: 85.6 × 54 mm = 1.585
  const [minAspect, maxAspect] = loose ? LOOSE.aspect : [1.3, 1.9];
  if (!(aspect > minAspect && aspect < maxAspect) || w < 200) return undefined;
  if (filled / quadArea < (loose ? LOOSE.fill : 0.8)) return undefined;
  const H = homography([[0, 0], [CARD_W, 0], [CARD_W, CARD_H], [0, CARD_H]], corners);
  // (the frame's RGBA read as RGB in place: no copy of the whole frame without its alpha)
  const card = warpInverse(frame.data, frame.width, frame.height, 3, H, CARD_W, CARD_H, 255, 4);
  return { corners, card: { data: card, width: CARD_W, height: CARD_H, channels: 3 }, coverage, others };
}

/**
 * The pixels of the picture (`w` × `h`, `label`s) that component `l` encloses: not its own and not joined to the
 * picture's edge by any path outside it (4-connected).
 */
function holesIn(label: Int32Array, l: number, w: number, h: number): number {
  const outside = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) outside[i] = label[i] === l ? 0 : 1;
  let holes = 0;
  for (const c of inkComponents(outside, w, h, 4).comps) if (c.x0 > 0 && c.y0 > 0 && c.x1 < w - 1 && c.y1 < h - 1) holes += c.area;
  return holes;
}

/** A quad grown by `k` about its centre. */
function grownQuad(q: readonly Point[], k: number): Point[] {
  const cx = q.reduce((s, p) => s + p[0], 0) / q.length;
  const cy = q.reduce((s, p) => s + p[1], 0) / q.length;
  return q.map(([x, y]) => [cx + (x - cx) * k, cy + (y - cy) * k] as Point);
}

/** (x, y) lies inside a convex polygon (its corners in order, either way round). */
function insideConvex(q: readonly Point[], x: number, y: number): boolean {
  let sign = 0;
  for (let i = 0; i < q.length; i++) {
    const [ax, ay] = q[i]!;
    const [bx, by] = q[(i + 1) % q.length]!;
    const c = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    if (c === 0) continue;
    if (sign === 0) sign = Math.sign(c);
    else if (Math.sign(c) !== sign) return false;
  }
  return true;
}

/** A labelled component fills (≥ 80 %) a quad of ID-1 proportions (aspect 1.3–1.9). */
function cardShaped(label: Int32Array, w: number, h: number, l: number, size: number): boolean {
  let mTl = Infinity, mTr = -Infinity, mBr = -Infinity, mBl = Infinity;
  let tl: Point = [0, 0], tr: Point = [0, 0], br: Point = [0, 0], bl: Point = [0, 0];
  for (let i = 0; i < w * h; i++) {
    if (label[i] !== l) continue;
    const x = i % w;
    const y = (i / w) | 0;
    if (x + y < mTl) { mTl = x + y; tl = [x, y]; }
    if (x - y > mTr) { mTr = x - y; tr = [x + 1, y]; }
    if (x + y > mBr) { mBr = x + y; br = [x + 1, y + 1]; }
    if (x - y < mBl) { mBl = x - y; bl = [x, y + 1]; }
  }
  const len = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);
  const cw = (len(tl, tr) + len(bl, br)) / 2;
  const ch = (len(tl, bl) + len(tr, br)) / 2;
  const aspect = cw / Math.max(1, ch);
  return aspect > 1.3 && aspect < 1.9 && size / Math.max(1, cw * ch) >= 0.8;
}

/** Crop a region of the canonical card (fractions or pixels of CARD_W × CARD_H) to a PNG for OCR. */
export async function cropCard(
  card: Frame & { channels: 3 },
  r: { x: number; y: number; w: number; h: number },
  opts: { scale?: number; grey?: boolean; sharpen?: boolean; normalise?: boolean } = {},
): Promise<Buffer> {
  const left = Math.max(0, Math.round(r.x));
  const top = Math.max(0, Math.round(r.y));
  const width = Math.min(card.width - left, Math.round(r.w));
  const height = Math.min(card.height - top, Math.round(r.h));
  let img = sharp(card.data, { raw: { width: card.width, height: card.height, channels: 3 } }).extract({ left, top, width, height });
  if (opts.grey !== false) img = img.greyscale();
  if (opts.scale && opts.scale !== 1) img = img.resize(Math.round(width * opts.scale), Math.round(height * opts.scale), { kernel: 'cubic' });
  if (opts.normalise !== false) img = img.normalise();
  if (opts.sharpen) img = img.sharpen();
  return img.png({ compressionLevel: 1 }).toBuffer();
}

/** Crop a region of the canonical card to raw 8-bit grey (upscaled by `scale`, contrast stretched). */
export async function cropCardGrey(
  card: Frame & { channels: 3 },
  r: { x: number; y: number; w: number; h: number },
  scale = 1,
): Promise<{ data: Uint8Array; width: number; height: number }> {
  const left = Math.max(0, Math.round(r.x));
  const top = Math.max(0, Math.round(r.y));
  const width = Math.min(card.width - left, Math.round(r.w));
  const height = Math.min(card.height - top, Math.round(r.h));
  let img = sharp(card.data, { raw: { width: card.width, height: card.height, channels: 3 } }).extract({ left, top, width, height }).greyscale();
  if (scale !== 1) img = img.resize(Math.round(width * scale), Math.round(height * scale), { kernel: 'cubic' });
  const { data, info } = await img.normalise().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

/** An 8-bit grey buffer to PNG (for OCR). */
export function greyPng(img: { data: Uint8Array; width: number; height: number }): Promise<Buffer> {
  return sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.length), { raw: { width: img.width, height: img.height, channels: 1 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
}
