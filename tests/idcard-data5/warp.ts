/**
 * Generator 5's own geometry and pixel work: a projective transform (homography) from four point pairs,
 * solved here by Gaussian elimination, and the card composited into a scene through its inverse with
 * bilinear sampling and the card's own alpha (rounded corners). Images are RGB Float32 canvases, 0–255.
 */
export interface Canvas {
  w: number;
  h: number;
  /** RGB, row-major, 0–255 */
  px: Float32Array;
}
export type Pt = [number, number];

export function canvas(w: number, h: number): Canvas {
  return { w, h, px: new Float32Array(w * h * 3) };
}

/** The 3×3 matrix H (row-major, h33 = 1) with H·src[i] ∝ dst[i]. */
export function homography(src: Pt[], dst: Pt[]): number[] {
  const A: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = src[i]!;
    const [u, v] = dst[i]!;
    A.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    A.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[p]![c]!)) p = r;
    [A[c], A[p]] = [A[p]!, A[c]!];
    const d = A[c]![c]!;
    if (Math.abs(d) < 1e-12) throw new Error('degenerate quad');
    for (let k = c; k < 9; k++) A[c]![k]! /= d;
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const m = A[r]![c]!;
      if (m) for (let k = c; k < 9; k++) A[r]![k]! -= m * A[c]![k]!;
    }
  }
  return [...A.map((row) => row[8]!), 1];
}

export function invert3(m: number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [A, -(b * i - c * h), b * f - c * e, B, a * i - c * g, -(a * f - c * d), C, -(a * h - b * g), a * e - b * d].map((x) => x / det);
}

export function apply(m: number[], [x, y]: Pt): Pt {
  const w = m[6]! * x + m[7]! * y + m[8]!;
  return [(m[0]! * x + m[1]! * y + m[2]!) / w, (m[3]! * x + m[4]! * y + m[5]!) / w];
}

export interface Rgba {
  w: number;
  h: number;
  data: Uint8Array;
}

/**
 * Composites `card` (RGBA) into `dst` so that its corners land on `quad` (TL, TR, BR, BL). Returns the
 * coverage mask (0–1 per pixel) for shadows and overlays.
 */
export function compositeCard(dst: Canvas, card: Rgba, quad: Pt[], shadow?: { dx: number; dy: number; strength: number }): Float32Array {
  const src: Pt[] = [[0, 0], [card.w, 0], [card.w, card.h], [0, card.h]];
  const inv = invert3(homography(src, quad));
  const xs = quad.map((p) => p[0]);
  const ys = quad.map((p) => p[1]);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)) - 1);
  const x1 = Math.min(dst.w - 1, Math.ceil(Math.max(...xs)) + 1);
  const y0 = Math.max(0, Math.floor(Math.min(...ys)) - 1);
  const y1 = Math.min(dst.h - 1, Math.ceil(Math.max(...ys)) + 1);
  const mask = new Float32Array(dst.w * dst.h);
  const cw = card.w;
  const d = card.data;
  const sample = (u: number, v: number, out: number[]) => {
    const iu = Math.floor(u);
    const iv = Math.floor(v);
    const fu = u - iu;
    const fv = v - iv;
    out[0] = out[1] = out[2] = out[3] = 0;
    for (let k = 0; k < 4; k++) {
      const xx = iu + (k & 1);
      const yy = iv + (k >> 1);
      if (xx < 0 || yy < 0 || xx >= cw || yy >= card.h) continue;
      const wgt = (k & 1 ? fu : 1 - fu) * (k >> 1 ? fv : 1 - fv);
      const o = (yy * cw + xx) * 4;
      const a = (d[o + 3]! / 255) * wgt;
      out[0]! += d[o]! * a;
      out[1]! += d[o + 1]! * a;
      out[2]! += d[o + 2]! * a;
      out[3]! += a;
    }
  };
  const s = [0, 0, 0, 0];
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const [u, v] = apply(inv, [x + 0.5, y + 0.5]);
      if (u < -1 || v < -1 || u > cw + 1 || v > card.h + 1) continue;
      sample(u - 0.5, v - 0.5, s);
      const a = s[3]!;
      if (a <= 0) continue;
      mask[y * dst.w + x] = a;
    }
  }
  if (shadow) {
    // the card's shadow: its coverage moved and blurred, darkening the ground under it
    const sm = boxBlur(shift(mask, dst.w, dst.h, Math.round(shadow.dx), Math.round(shadow.dy)), dst.w, dst.h, Math.max(2, Math.round(Math.abs(shadow.dx) + Math.abs(shadow.dy))));
    for (let i = 0; i < sm.length; i++) {
      const k = 1 - shadow.strength * sm[i]!;
      dst.px[i * 3]! *= k;
      dst.px[i * 3 + 1]! *= k;
      dst.px[i * 3 + 2]! *= k;
    }
  }
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const i = y * dst.w + x;
      if (!mask[i]) continue;
      const [u, v] = apply(inv, [x + 0.5, y + 0.5]);
      sample(u - 0.5, v - 0.5, s);
      const a = s[3]!;
      const o = i * 3;
      for (let c = 0; c < 3; c++) dst.px[o + c] = dst.px[o + c]! * (1 - a) + s[c]!;
    }
  }
  return mask;
}

function shift(m: Float32Array, w: number, h: number, dx: number, dy: number): Float32Array {
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const sy = y - dy;
    if (sy < 0 || sy >= h) continue;
    for (let x = 0; x < w; x++) {
      const sx = x - dx;
      if (sx >= 0 && sx < w) out[y * w + x] = m[sy * w + sx]!;
    }
  }
  return out;
}

/** Two passes of a running-sum box blur (≈ a Gaussian) over a one-channel image. */
export function boxBlur(m: Float32Array, w: number, h: number, r: number): Float32Array {
  let a = m;
  for (let pass = 0; pass < 2; pass++) {
    const b = new Float32Array(w * h);
    for (let y = 0; y < h; y++) {
      let acc = 0;
      const row = y * w;
      for (let x = -r; x < w; x++) {
        if (x + r < w) acc += a[row + x + r]!;
        if (x - r - 1 >= 0) acc -= a[row + x - r - 1]!;
        if (x >= 0) b[row + x] = acc / (2 * r + 1);
      }
    }
    const c = new Float32Array(w * h);
    for (let x = 0; x < w; x++) {
      let acc = 0;
      for (let y = -r; y < h; y++) {
        if (y + r < h) acc += b[(y + r) * w + x]!;
        if (y - r - 1 >= 0) acc -= b[(y - r - 1) * w + x]!;
        if (y >= 0) c[y * w + x] = acc / (2 * r + 1);
      }
    }
    a = c;
  }
  return a;
}
