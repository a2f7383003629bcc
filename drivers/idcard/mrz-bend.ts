/**
 * An MRZ on a card bent like a cylinder (carried in a back pocket, bowed along its long side): cut out straight
 * (mrz-locate.ts), its three lines are arcs — each column of the cut shifted up or down by the bend — and a straight
 * reading crosses from one line into the next. The bend is measured from the cut's own ink: the row profile of each
 * vertical strip, matched against its neighbour's (a shift of well under a line, so the three lines' likeness to each
 * other cannot fool it), the shifts summed across and smoothed by a quadratic; the cut is then straightened column by
 * column. Pure pixel code on 8-bit grey buffers (no sharp), unit-tested with drawn arcs.
 */
import { otsu } from '../../common/image/otsu.ts';
import type { Grey } from './mrz-locate.ts';

/** Strips the cut is measured in (about 2.5 characters each on a 30-character line). */
const STRIPS = 12;
/** Neighbouring strips are matched within this share of a line's height. */
const MAX_STEP = 0.4;
/** A bend counts when the smoothed curve's middle departs from the chord joining its ends by this share of a line's height (≈ 5 px at 44). */
const MIN_BEND = 0.12;
/** A strip with less ink than this share of the mean strip's is not matched (a gap, the margin). */
const MIN_INK = 0.3;

/**
 * The vertical shift of each column of a cut whose text lines are arcs (px: where column x's line sits below where it
 * would sit straight), or undefined when the lines are straight enough (a flat card: nothing to do) or the ink says
 * nothing. `lineHeight`: the lines' spacing in the cut's pixels.
 */
export function lineBend(cut: Grey, lineHeight: number): Float64Array | undefined {
  const { data, width: w, height: h } = cut;
  if (w < STRIPS * 8 || h < 8) return undefined;
  const hist = new Uint32Array(256);
  for (const v of data) hist[v]!++;
  const t = otsu(hist, data.length);
  const sw = Math.floor(w / STRIPS);
  const profiles: Float64Array[] = [];
  const ink: number[] = [];
  for (let k = 0; k < STRIPS; k++) {
    const p = new Float64Array(h);
    let n = 0;
    for (let y = 0; y < h; y++)
      for (let x = k * sw; x < (k + 1) * sw; x++)
        if (data[y * w + x]! <= t) {
          p[y]!++;
          n++;
        }
    profiles.push(p);
    ink.push(n);
  }
  const meanInk = ink.reduce((s, n) => s + n, 0) / STRIPS;
  if (meanInk <= 0) return undefined;
  const maxStep = Math.max(2, Math.round(lineHeight * MAX_STEP));
  // the strips' offsets, summed from the first inked strip; a strip without ink keeps its neighbour's offset
  const xs: number[] = [];
  const ys: number[] = [];
  let offset = 0;
  let prev = -1;
  for (let k = 0; k < STRIPS; k++) {
    if (ink[k]! < meanInk * MIN_INK) continue;
    if (prev >= 0) offset += bestShift(profiles[prev]!, profiles[k]!, maxStep);
    xs.push((k + 0.5) * sw);
    ys.push(offset);
    prev = k;
  }
  if (xs.length < 5) return undefined;
  const [a, b, c] = quadratic(xs, ys);
  const f = (x: number) => a + b * x + c * x * x;
  // how far the curve's middle departs from the chord between its ends: the bend (a straight tilt is no bend)
  const x0 = xs[0]!;
  const x1 = xs[xs.length - 1]!;
  const xm = (x0 + x1) / 2;
  const sag = f(xm) - (f(x0) + f(x1)) / 2;
  if (Math.abs(sag) < lineHeight * MIN_BEND) return undefined;
  const out = new Float64Array(w);
  const mid = f(w / 2);
  for (let x = 0; x < w; x++) out[x] = f(x) - mid;
  return out;
}

/** The cut straightened: column x moved up by `shift[x]` (linear in y), white where it leaves the cut. */
export function unbend(cut: Grey, shift: Float64Array): Grey {
  const { data, width: w, height: h } = cut;
  const out = new Uint8Array(w * h).fill(255);
  for (let x = 0; x < w; x++) {
    const s = shift[x]!;
    for (let y = 0; y < h; y++) {
      const sy = y + s;
      const y0 = Math.floor(sy);
      if (y0 < 0 || y0 + 1 >= h) continue;
      const fy = sy - y0;
      out[y * w + x] = Math.round(data[y0 * w + x]! * (1 - fy) + data[(y0 + 1) * w + x]! * fy);
    }
  }
  return { data: out, width: w, height: h };
}

/** The shift s (|s| ≤ max) that best lays profile b over profile a (b[y + s] ≈ a[y]), by correlation, refined to a fraction of a pixel. */
function bestShift(a: Float64Array, b: Float64Array, max: number): number {
  const score = (s: number) => {
    let acc = 0;
    for (let y = 0; y < a.length; y++) {
      const yb = y + s;
      if (yb >= 0 && yb < b.length) acc += a[y]! * b[yb]!;
    }
    return acc;
  };
  let best = 0;
  let bestScore = -1;
  const scores = new Map<number, number>();
  for (let s = -max; s <= max; s++) {
    const v = score(s);
    scores.set(s, v);
    if (v > bestScore) {
      bestScore = v;
      best = s;
    }
  }
  // a parabola through the peak and its neighbours
  const l = scores.get(best - 1);
  const r = scores.get(best + 1);
  if (l === undefined || r === undefined) return best;
  const d = l - 2 * bestScore + r;
  return d < 0 ? best + (0.5 * (l - r)) / d : best;
}

/** Least-squares y = a + b·x + c·x², its 3 × 3 normal equations solved by Cramer's rule (x centred for conditioning). */
function quadratic(xs: readonly number[], ys: readonly number[]): [number, number, number] {
  const n = xs.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const S = [n, 0, 0, 0, 0]; // Σ u^k, k = 0…4
  const T = [0, 0, 0]; // Σ u^k·y, k = 0…2
  for (let i = 0; i < n; i++) {
    const u = xs[i]! - mx;
    const y = ys[i]!;
    for (let k = 1; k <= 4; k++) S[k]! += u ** k;
    for (let k = 0; k <= 2; k++) T[k]! += u ** k * y;
  }
  const det3 = (m: number[]) => m[0]! * (m[4]! * m[8]! - m[5]! * m[7]!) - m[1]! * (m[3]! * m[8]! - m[5]! * m[6]!) + m[2]! * (m[3]! * m[7]! - m[4]! * m[6]!);
  const M = [S[0]!, S[1]!, S[2]!, S[1]!, S[2]!, S[3]!, S[2]!, S[3]!, S[4]!];
  const d = det3(M);
  if (Math.abs(d) < 1e-9) return [T[0]! / n, 0, 0];
  // column j of M replaced by T
  const solve = (j: number) => det3(M.map((v, i) => (i % 3 === j ? T[Math.floor(i / 3)]! : v))) / d;
  const [A, B, C] = [solve(0), solve(1), solve(2)];
  // back from u = x − mx: y = A + B(x − mx) + C(x − mx)²
  return [A - B * mx + C * mx * mx, B - 2 * C * mx, C];
}
