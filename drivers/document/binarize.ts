/**
 * Black on white from a greyscale page: illumination flattening (the paper's own brightness,
 * estimated per block from a high percentile, smoothed, divided out), then Sauvola's adaptive
 * threshold on integral images. The output keeps a narrow grey ramp around the threshold so that
 * strokes stay smooth (and the JPEG small) and a stamp over text keeps some shading.
 */

/** The paper's brightness at each pixel: per-block 90th percentile, grown over dark blocks, smoothed, bilinear. */
export function estimateBackground(g: Uint8Array, w: number, h: number): Float32Array {
  const bs = Math.max(8, Math.round(Math.max(w, h) / 48));
  const bw = Math.ceil(w / bs);
  const bh = Math.ceil(h / bs);
  const blocks = new Float32Array(bw * bh);
  const hist = new Uint32Array(256);
  for (let by = 0; by < bh; by++)
    for (let bx = 0; bx < bw; bx++) {
      hist.fill(0);
      const x1 = Math.min(w, (bx + 1) * bs);
      const y1 = Math.min(h, (by + 1) * bs);
      let n = 0;
      for (let y = by * bs; y < y1; y++)
        for (let x = bx * bs, i = y * w + x; x < x1; x++, i++) {
          hist[g[i]!]!++;
          n++;
        }
      let acc = 0;
      let v = 255;
      const target = n * 0.1;
      for (; v > 0; v--) {
        acc += hist[v]!;
        if (acc >= target) break;
      }
      blocks[by * bw + bx] = v;
    }
  // A block under a photo, a stamp or a dense title is darker than the paper: take the max of the
  // 3×3 neighbourhood twice (grows the paper over them), then average 3×3 twice (smooths).
  let cur = blocks;
  for (let pass = 0; pass < 4; pass++) {
    const next = new Float32Array(bw * bh);
    for (let by = 0; by < bh; by++)
      for (let bx = 0; bx < bw; bx++) {
        let m = 0;
        let s = 0;
        let c = 0;
        for (let dy = -1; dy <= 1; dy++)
          for (let dx = -1; dx <= 1; dx++) {
            const xx = bx + dx;
            const yy = by + dy;
            if (xx < 0 || yy < 0 || xx >= bw || yy >= bh) continue;
            const v = cur[yy * bw + xx]!;
            if (v > m) m = v;
            s += v;
            c++;
          }
        next[by * bw + bx] = pass < 2 ? Math.max(cur[by * bw + bx]!, 0.5 * (m + cur[by * bw + bx]!)) : s / c;
      }
    cur = next;
  }
  const bg = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const fy = Math.min(bh - 1, Math.max(0, (y + 0.5) / bs - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(bh - 1, y0 + 1);
    const ty = fy - y0;
    for (let x = 0; x < w; x++) {
      const fx = Math.min(bw - 1, Math.max(0, (x + 0.5) / bs - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(bw - 1, x0 + 1);
      const tx = fx - x0;
      const a = cur[y0 * bw + x0]! + (cur[y0 * bw + x1]! - cur[y0 * bw + x0]!) * tx;
      const b = cur[y1 * bw + x0]! + (cur[y1 * bw + x1]! - cur[y1 * bw + x0]!) * tx;
      bg[y * w + x] = a + (b - a) * ty;
    }
  }
  return bg;
}

/** Divide out the paper's brightness: the paper becomes ~255 everywhere. */
export function flatten(g: Uint8Array, w: number, h: number): Buffer {
  const bg = estimateBackground(g, w, h);
  const out = Buffer.allocUnsafe(w * h);
  for (let i = 0; i < w * h; i++) {
    const v = (g[i]! * 255) / Math.max(24, bg[i]!);
    out[i] = v > 255 ? 255 : v;
  }
  return out;
}

export interface BinarizeOptions {
  /** Sauvola window (px, odd); default about 1/40 of the page's width. */
  window?: number;
  /** Sauvola's k (default 0.1). */
  k?: number;
  /** Grey ramp half-width around the threshold (levels; default 40). */
  ramp?: number;
}

/** Flattened page → black on white (values near the threshold keep a short ramp). */
export function binarize(flat: Uint8Array, w: number, h: number, opts: BinarizeOptions = {}): Buffer {
  const win = opts.window ?? Math.max(15, Math.round(w / 40) | 1);
  const r = win >> 1;
  const k = opts.k ?? 0.1;
  const ramp = opts.ramp ?? 40;
  const W = w + 1;
  const sum = new Float64Array(W * (h + 1));
  const sq = new Float64Array(W * (h + 1));
  for (let y = 0; y < h; y++) {
    let rs = 0;
    let rq = 0;
    for (let x = 0; x < w; x++) {
      const v = flat[y * w + x]!;
      rs += v;
      rq += v * v;
      sum[(y + 1) * W + x + 1] = sum[y * W + x + 1]! + rs;
      sq[(y + 1) * W + x + 1] = sq[y * W + x + 1]! + rq;
    }
  }
  const out = Buffer.allocUnsafe(w * h);
  for (let y = 0; y < h; y++) {
    const ya = Math.max(0, y - r);
    const yb = Math.min(h, y + r + 1);
    for (let x = 0; x < w; x++) {
      const xa = Math.max(0, x - r);
      const xb = Math.min(w, x + r + 1);
      const n = (yb - ya) * (xb - xa);
      const s = sum[yb * W + xb]! - sum[ya * W + xb]! - sum[yb * W + xa]! + sum[ya * W + xa]!;
      const q = sq[yb * W + xb]! - sq[ya * W + xb]! - sq[yb * W + xa]! + sq[ya * W + xa]!;
      const m = s / n;
      const sd = Math.sqrt(Math.max(0, q / n - m * m));
      // Sauvola, capped: on flattened paper nothing lighter than 88 % of white is ink.
      const t = Math.min(m * (1 + k * (sd / 128 - 1)), 225);
      const v = flat[y * w + x]!;
      const o = 128 + ((v - t) * 128) / ramp;
      out[y * w + x] = o < 0 ? 0 : o > 255 ? 255 : o;
    }
  }
  return out;
}

/** Whiten a band along the page's border (a sliver of desk left by the warp; no print lies there). */
export function clearBorder(img: Buffer, w: number, h: number, frac = 0.006): void {
  const b = Math.max(2, Math.round(Math.min(w, h) * frac));
  for (let y = 0; y < h; y++) {
    if (y < b || y >= h - b) img.fill(255, y * w, (y + 1) * w);
    else {
      img.fill(255, y * w, y * w + b);
      img.fill(255, (y + 1) * w - b, (y + 1) * w);
    }
  }
}
