/**
 * Uneven light taken out of a grey page before OCR (issue 15: a half shadow across the card, a
 * gradient, a vignette, a faded print). Tesseract binarises a page with one global threshold: with a
 * shadow over half the card, the shadowed half turns black or the lit half's faint text vanishes, and
 * its page layout then loses whole lines.
 *
 * The paper's own brightness under each pixel is estimated by a grey closing (a maximum then a
 * minimum over a square wider than any stroke), and every pixel is divided by it: the background
 * becomes even white and text keeps its contrast against its own surroundings. A closing, not a
 * blur or per-cell levels: a shadow's edge is a step, which a closing keeps in place, so no dark halo
 * is drawn along it (a cell or blur estimate drew one, and tesseract split the page there).
 * Pure code on a one-band buffer, no sharp.
 */

export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface FlattenResult extends GreyImage {
  /** The brightest cell's background over the darkest's (1 = even light). */
  spread: number;
}

/** Running max (or min) over a window of `w` along rows or columns — van Herk / Gil-Werman, O(1) per pixel. */
function runFilter(src: Uint8Array, width: number, height: number, w: number, horizontal: boolean, max: boolean): Uint8Array {
  const out = new Uint8Array(src.length);
  const n = horizontal ? width : height;
  const lines = horizontal ? height : width;
  const step = horizontal ? 1 : width;
  const r = w >> 1;
  const len = n + w - 1;
  const buf = new Uint8Array(len);
  const g = new Uint8Array(len);
  const h = new Uint8Array(len);
  const pad = max ? 0 : 255;
  for (let l = 0; l < lines; l++) {
    const base = horizontal ? l * width : l;
    buf.fill(pad);
    for (let i = 0, p = base; i < n; i++, p += step) buf[i + r] = src[p]!;
    if (max) {
      for (let i = 0, k = 0; i < len; i++, k = k + 1 === w ? 0 : k + 1) g[i] = k === 0 || buf[i]! > g[i - 1]! ? buf[i]! : g[i - 1]!;
      for (let i = len - 1; i >= 0; i--) h[i] = i === len - 1 || (i + 1) % w === 0 || buf[i]! > h[i + 1]! ? buf[i]! : h[i + 1]!;
      for (let i = 0, p = base; i < n; i++, p += step) out[p] = h[i]! > g[i + w - 1]! ? h[i]! : g[i + w - 1]!;
    } else {
      for (let i = 0, k = 0; i < len; i++, k = k + 1 === w ? 0 : k + 1) g[i] = k === 0 || buf[i]! < g[i - 1]! ? buf[i]! : g[i - 1]!;
      for (let i = len - 1; i >= 0; i--) h[i] = i === len - 1 || (i + 1) % w === 0 || buf[i]! < h[i + 1]! ? buf[i]! : h[i + 1]!;
      for (let i = 0, p = base; i < n; i++, p += step) out[p] = h[i]! < g[i + w - 1]! ? h[i]! : g[i + w - 1]!;
    }
  }
  return out;
}

/** Half size, each pixel the mean of a 2×2 block. */
function halve(img: GreyImage): GreyImage {
  const width = Math.max(1, img.width >> 1);
  const height = Math.max(1, img.height >> 1);
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const r0 = 2 * y * img.width;
    const r1 = Math.min(img.height - 1, 2 * y + 1) * img.width;
    for (let x = 0; x < width; x++) {
      const x0 = 2 * x;
      const x1 = Math.min(img.width - 1, x0 + 1);
      data[y * width + x] = (img.data[r0 + x0]! + img.data[r0 + x1]! + img.data[r1 + x0]! + img.data[r1 + x1]! + 2) >> 2;
    }
  }
  return { data, width, height };
}

/**
 * The paper's brightness under each pixel by a grey closing (a maximum then a minimum over a square
 * of `w`): every dark stroke thinner than `w` is filled with its surroundings' light, while a shadow's
 * edge (a step, wider than any window) stays where it is — no dark halo along it.
 */
export function closingBackground(img: GreyImage, w: number): Uint8Array {
  const k = Math.max(3, Math.round(w) | 1);
  let a = runFilter(img.data, img.width, img.height, k, true, true);
  a = runFilter(a, img.width, img.height, k, false, true);
  a = runFilter(a, img.width, img.height, k, true, false);
  return runFilter(a, img.width, img.height, k, false, false);
}

/** Divide the page by its closing background; `window` must be wider than the widest stroke. */
export function flattenByClosing(img: GreyImage, window: number): FlattenResult {
  // The light varies slowly: its estimate is made at half size (4× fewer pixels) and read back bilinearly.
  const half = halve(img);
  const bg = closingBackground(half, window / 2);
  const out = new Uint8Array(img.data.length);
  let lo = 255;
  let hi = 0;
  for (const b of bg) {
    if (b < lo) lo = b;
    if (b > hi) hi = b;
  }
  const hw = half.width;
  const hh = half.height;
  for (let y = 0; y < img.height; y++) {
    const gy = Math.min(hh - 1, Math.max(0, (y - 0.5) / 2));
    const y0 = Math.floor(gy);
    const y1 = Math.min(hh - 1, y0 + 1);
    const fy = gy - y0;
    for (let x = 0; x < img.width; x++) {
      const gx = Math.min(hw - 1, Math.max(0, (x - 0.5) / 2));
      const x0 = Math.floor(gx);
      const x1 = Math.min(hw - 1, x0 + 1);
      const fx = gx - x0;
      const top = bg[y0 * hw + x0]! + (bg[y0 * hw + x1]! - bg[y0 * hw + x0]!) * fx;
      const bot = bg[y1 * hw + x0]! + (bg[y1 * hw + x1]! - bg[y1 * hw + x0]!) * fx;
      const b = top + (bot - top) * fy;
      const i = y * img.width + x;
      const v = b < 1 ? 255 : (img.data[i]! * 255) / b;
      out[i] = v > 255 ? 255 : v + 0.5;
    }
  }
  return { data: out, width: img.width, height: img.height, spread: hi / Math.max(1, lo) };
}
