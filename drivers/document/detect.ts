/**
 * Finding the page: the frame is reduced to DETECT_SIDE px; edge pixels (Sobel on the colour
 * channel with the strongest gradient, thinned by non-maximum suppression) vote in a Hough
 * accumulator restricted to their own gradient direction; the strongest lines are paired into
 * quadrilaterals (two roughly parallel pairs, roughly perpendicular to each other) and every convex,
 * large enough candidate is scored by how much of its outline is a real edge with the page's side
 * brighter. A second source of candidates is the largest bright region (Otsu) and its convex hull.
 * The best candidate's sides are then refined on the full-size frame (the gradient peak along each
 * side's normal, sub-pixel, then a robust line fit) and intersected into the corners.
 */
import { dist, intersect, isConvex, orderCorners, quadArea, type Pt, type Quad } from './geometry.ts';

export const DETECT_SIDE = 512;

export interface Detection {
  /** Corners in the given frame's pixels (TL, TR, BR, BL). */
  corners: Quad;
  /** 0..1: share of the outline supported by an edge. */
  score: number;
  /** Which source gave the winning candidate. */
  source: 'lines' | 'region';
}

interface Small {
  w: number;
  h: number;
  /** Smoothed luma. */
  l: Float32Array;
  gx: Float32Array;
  gy: Float32Array;
  mag: Float32Array;
}

/** Gradients of a small RGB frame: blurred channels, Sobel on the channel with the strongest gradient. */
function prepare(rgb: Uint8Array, w: number, h: number): Small {
  const ch = [new Float32Array(w * h), new Float32Array(w * h), new Float32Array(w * h)];
  for (let i = 0, p = 0; i < w * h; i++, p += 3) {
    ch[0]![i] = rgb[p]!;
    ch[1]![i] = rgb[p + 1]!;
    ch[2]![i] = rgb[p + 2]!;
  }
  const blurred = ch.map((c) => blur3(blur3(c, w, h), w, h));
  const l = new Float32Array(w * h);
  for (let i = 0; i < w * h; i++) l[i] = 0.299 * blurred[0]![i]! + 0.587 * blurred[1]![i]! + 0.114 * blurred[2]![i]!;
  const gx = new Float32Array(w * h);
  const gy = new Float32Array(w * h);
  const mag = new Float32Array(w * h);
  for (let y = 1; y < h - 1; y++)
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      let best = -1;
      for (const c of blurred) {
        const dx = c[i - w + 1]! + 2 * c[i + 1]! + c[i + w + 1]! - c[i - w - 1]! - 2 * c[i - 1]! - c[i + w - 1]!;
        const dy = c[i + w - 1]! + 2 * c[i + w]! + c[i + w + 1]! - c[i - w - 1]! - 2 * c[i - w]! - c[i - w + 1]!;
        const m = dx * dx + dy * dy;
        if (m > best) {
          best = m;
          gx[i] = dx / 8;
          gy[i] = dy / 8;
        }
      }
      mag[i] = Math.sqrt(best) / 8;
    }
  return { w, h, l, gx, gy, mag };
}

function blur3(src: Float32Array, w: number, h: number): Float32Array {
  const tmp = new Float32Array(w * h);
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      tmp[i] = (src[x > 0 ? i - 1 : i]! + 2 * src[i]! + src[x < w - 1 ? i + 1 : i]!) / 4;
    }
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      out[i] = (tmp[y > 0 ? i - w : i]! + 2 * tmp[i]! + tmp[y < h - 1 ? i + w : i]!) / 4;
    }
  return out;
}

interface Line {
  /** Unit normal (cos θ, sin θ) and offset: n·p = rho. */
  nx: number;
  ny: number;
  rho: number;
  theta: number;
  votes: number;
}

const THETA_BINS = 180;

function houghLines(s: Small, max: number): Line[] {
  const { w, h, gx, gy, mag } = s;
  // edge threshold: the 90th percentile of the magnitude, at least 3 levels
  const hist = new Uint32Array(256);
  for (let i = 0; i < w * h; i++) hist[Math.min(255, Math.round(mag[i]!))]!++;
  let acc = 0;
  let thr = 255;
  for (; thr > 0; thr--) {
    acc += hist[thr]!;
    if (acc >= w * h * 0.1) break;
  }
  thr = Math.max(3, thr);
  const diag = Math.ceil(Math.hypot(w, h));
  const rhoBins = 2 * diag + 1;
  const accum = new Float32Array(THETA_BINS * rhoBins);
  const cosT = new Float32Array(THETA_BINS);
  const sinT = new Float32Array(THETA_BINS);
  for (let t = 0; t < THETA_BINS; t++) {
    cosT[t] = Math.cos((t * Math.PI) / THETA_BINS);
    sinT[t] = Math.sin((t * Math.PI) / THETA_BINS);
  }
  for (let y = 2; y < h - 2; y++)
    for (let x = 2; x < w - 2; x++) {
      const i = y * w + x;
      const m = mag[i]!;
      if (m < thr) continue;
      // thin: keep only a local maximum along the gradient direction
      const dx = gx[i]! / m;
      const dy = gy[i]! / m;
      const ox = Math.round(dx);
      const oy = Math.round(dy);
      if (mag[i + oy * w + ox]! > m || mag[i - oy * w - ox]! > m) continue;
      let th = Math.atan2(dy, dx);
      if (th < 0) th += Math.PI;
      const t0 = Math.round((th * THETA_BINS) / Math.PI);
      const wgt = Math.min(m, 40);
      for (let dt = -4; dt <= 4; dt++) {
        const t = (((t0 + dt) % THETA_BINS) + THETA_BINS) % THETA_BINS;
        const rho = x * cosT[t]! + y * sinT[t]!;
        accum[t * rhoBins + Math.round(rho) + diag]! += wgt;
      }
    }
  // peaks with non-maximum suppression in (θ, ρ)
  const lines: Line[] = [];
  const order: number[] = [];
  for (let i = 0; i < accum.length; i++) if (accum[i]! > 0) order.push(i);
  order.sort((a, b) => accum[b]! - accum[a]!);
  for (const i of order) {
    if (lines.length >= max) break;
    const t = Math.floor(i / rhoBins);
    const rho = (i % rhoBins) - diag;
    const theta = (t * Math.PI) / THETA_BINS;
    const near = lines.some((l) => {
      let dth = Math.abs(l.theta - theta);
      let drho = Math.abs(l.rho - rho);
      if (dth > Math.PI / 2) {
        dth = Math.PI - dth;
        drho = Math.abs(l.rho + rho);
      }
      return dth < (8 * Math.PI) / 180 && drho < Math.max(10, 0.03 * diag);
    });
    if (near) continue;
    lines.push({ nx: Math.cos(theta), ny: Math.sin(theta), rho, theta, votes: accum[i]! });
  }
  return lines;
}

function lineIntersect(a: Line, b: Line): Pt | null {
  const det = a.nx * b.ny - a.ny * b.nx;
  if (Math.abs(det) < 1e-6) return null;
  return [(a.rho * b.ny - a.ny * b.rho) / det, (a.nx * b.rho - a.rho * b.nx) / det];
}

function angleBetween(a: Line, b: Line): number {
  const d = Math.abs(a.theta - b.theta);
  return Math.min(d, Math.PI - d);
}

function sample(img: Float32Array, w: number, h: number, x: number, y: number): number {
  if (x < 0) x = 0;
  else if (x > w - 1.001) x = w - 1.001;
  if (y < 0) y = 0;
  else if (y > h - 1.001) y = h - 1.001;
  const x0 = x | 0;
  const y0 = y | 0;
  const fx = x - x0;
  const fy = y - y0;
  const i = y0 * w + x0;
  const a = img[i]! + (img[i + 1]! - img[i]!) * fx;
  const b = img[i + w]! + (img[i + w + 1]! - img[i + w]!) * fx;
  return a + (b - a) * fy;
}

/** One side of a quad: its ends, length, unit tangent and unit normal pointing into the quad. */
interface QuadSide {
  a: Pt;
  b: Pt;
  L: number;
  tx: number;
  ty: number;
  nx: number;
  ny: number;
}

function quadSides(q: Quad): QuadSide[] {
  const cx = (q[0][0] + q[1][0] + q[2][0] + q[3][0]) / 4;
  const cy = (q[0][1] + q[1][1] + q[2][1] + q[3][1]) / 4;
  const out: QuadSide[] = [];
  for (let k = 0; k < 4; k++) {
    const a = q[k]!;
    const b = q[(k + 1) % 4]!;
    const L = dist(a, b);
    const tx = (b[0] - a[0]) / L;
    const ty = (b[1] - a[1]) / L;
    // the normal of the two that points to the centre
    const flip = (cx - a[0]) * -ty + (cy - a[1]) * tx < 0 ? -1 : 1;
    out.push({ a, b, L, tx, ty, nx: -ty * flip, ny: tx * flip });
  }
  return out;
}

/** Share (0..1) of each side supported by an edge whose inner side is brighter (or, on a light desk, distinct). */
function scoreQuad(s: Small, q: Quad): { score: number; sides: number[] } {
  const sides: number[] = [];
  let total = 0;
  let len = 0;
  for (const { a, b, L, nx, ny } of quadSides(q)) {
    const n = Math.max(8, Math.round(L / 3));
    let good = 0;
    let used = 0;
    for (let j = 0; j < n; j++) {
      const t = 0.06 + (0.88 * (j + 0.5)) / n;
      const px = a[0] + (b[0] - a[0]) * t;
      const py = a[1] + (b[1] - a[1]) * t;
      if (px < 1 || py < 1 || px > s.w - 2 || py > s.h - 2) continue;
      used++;
      // strongest gradient within ±1.5 px along the normal, in the normal's direction
      let best = 0;
      for (let d = -1.5; d <= 1.5; d += 0.75) {
        const gx = sample(s.gx, s.w, s.h, px + nx * d, py + ny * d);
        const gy = sample(s.gy, s.w, s.h, px + nx * d, py + ny * d);
        const along = gx * nx + gy * ny; // > 0: brighter inside
        const m = Math.hypot(gx, gy);
        if (m > 0 && Math.abs(along) / m > 0.85 && along > best) best = along;
      }
      if (best > 2.5) good++;
    }
    const side = used ? good / n : 0;
    sides.push(side);
    total += side * L;
    len += L;
  }
  return { score: len ? total / len : 0, sides };
}

function candidatesFromLines(s: Small, lines: Line[]): Quad[] {
  const out: Quad[] = [];
  const minSide = 0.12 * Math.min(s.w, s.h);
  const minArea = 0.08 * s.w * s.h;
  const m = 0.02 * Math.max(s.w, s.h);
  const n = lines.length;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const a1 = lines[i]!;
      const a2 = lines[j]!;
      if (angleBetween(a1, a2) > (30 * Math.PI) / 180) continue;
      for (let k = 0; k < n; k++) {
        if (k === i || k === j) continue;
        for (let l = k + 1; l < n; l++) {
          if (l === i || l === j) continue;
          const b1 = lines[k]!;
          const b2 = lines[l]!;
          if (Math.min(i, j) > Math.min(k, l)) continue; // each pair of pairs once
          if (angleBetween(b1, b2) > (30 * Math.PI) / 180) continue;
          if (angleBetween(a1, b1) < (50 * Math.PI) / 180) continue;
          const p = [lineIntersect(a1, b1), lineIntersect(a1, b2), lineIntersect(a2, b2), lineIntersect(a2, b1)];
          if (p.some((x) => !x)) continue;
          const pts = p as Pt[];
          if (pts.some(([x, y]) => x < -m || y < -m || x > s.w - 1 + m || y > s.h - 1 + m)) continue;
          const q = orderCorners(pts);
          if (!isConvex(q)) continue;
          if (Math.abs(quadArea(q)) < minArea) continue;
          if ([0, 1, 2, 3].some((c) => dist(q[c]!, q[(c + 1) % 4]!) < minSide)) continue;
          out.push(q);
        }
      }
    }
  return out;
}

/** The largest bright region (Otsu on luma), its convex hull, and the largest quadrilateral on the hull. */
function candidateFromRegion(s: Small): Quad | null {
  const { w, h, l } = s;
  const hist = new Uint32Array(256);
  for (let i = 0; i < w * h; i++) hist[Math.max(0, Math.min(255, Math.round(l[i]!)))]!++;
  const thr = otsu(hist, w * h);
  const lab = new Int32Array(w * h).fill(-1);
  let bestSize = 0;
  let bestLabel = -1;
  const stack: number[] = [];
  let label = 0;
  for (let i = 0; i < w * h; i++) {
    if (lab[i] !== -1 || l[i]! <= thr) continue;
    let size = 0;
    stack.push(i);
    lab[i] = label;
    while (stack.length) {
      const p = stack.pop()!;
      size++;
      const x = p % w;
      const y = (p - x) / w;
      for (const q of [x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1]) {
        if (q >= 0 && lab[q] === -1 && l[q]! > thr) {
          lab[q] = label;
          stack.push(q);
        }
      }
    }
    if (size > bestSize) {
      bestSize = size;
      bestLabel = label;
    }
    label++;
  }
  if (bestSize < 0.08 * w * h || bestSize > 0.97 * w * h) return null;
  // boundary points: leftmost and rightmost pixel of each row
  const pts: Pt[] = [];
  for (let y = 0; y < h; y++) {
    let x0 = -1;
    let x1 = -1;
    for (let x = 0; x < w; x++)
      if (lab[y * w + x] === bestLabel) {
        if (x0 < 0) x0 = x;
        x1 = x;
      }
    if (x0 >= 0) pts.push([x0, y], [x1 + 1, y], [x0, y + 1], [x1 + 1, y + 1]);
  }
  const hull = convexHull(pts);
  if (hull.length < 4) return null;
  return largestQuad(hull);
}

export function otsu(hist: Uint32Array, total: number): number {
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i]!;
  let sumB = 0;
  let wB = 0;
  let best = -1;
  let thr = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (!wB) continue;
    const wF = total - wB;
    if (!wF) break;
    sumB += t * hist[t]!;
    const d = sumB / wB - (sum - sumB) / wF;
    const v = wB * wF * d * d;
    if (v > best) {
      best = v;
      thr = t;
    }
  }
  return thr;
}

/** Andrew's monotone chain. */
export function convexHull(points: Pt[]): Pt[] {
  const p = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (p.length < 3) return p;
  const cross = (o: Pt, a: Pt, b: Pt) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Pt[] = [];
  for (const q of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, q) <= 0) lower.pop();
    lower.push(q);
  }
  const upper: Pt[] = [];
  for (let i = p.length - 1; i >= 0; i--) {
    const q = p[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, q) <= 0) upper.pop();
    upper.push(q);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}

/** The largest-area quadrilateral with vertices on a convex polygon (vertices thinned to ≤ 48). */
export function largestQuad(hull: Pt[]): Quad {
  let pts = hull;
  if (pts.length > 48) {
    const step = pts.length / 48;
    pts = Array.from({ length: 48 }, (_, i) => hull[Math.floor(i * step)]!);
  }
  const n = pts.length;
  const tri = (a: Pt, b: Pt, c: Pt) => Math.abs((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])) / 2;
  let best = -1;
  let q: Pt[] = pts.slice(0, 4);
  for (let i = 0; i < n; i++)
    for (let k = i + 2; k < n; k++) {
      let bj = -1;
      let bja = -1;
      for (let j = i + 1; j < k; j++) {
        const a = tri(pts[i]!, pts[j]!, pts[k]!);
        if (a > bja) {
          bja = a;
          bj = j;
        }
      }
      let bl = -1;
      let bla = -1;
      for (let l = k + 1; l < n + i; l++) {
        const a = tri(pts[k]!, pts[l % n]!, pts[i]!);
        if (a > bla) {
          bla = a;
          bl = l % n;
        }
      }
      if (bj >= 0 && bl >= 0 && bja + bla > best) {
        best = bja + bla;
        q = [pts[i]!, pts[bj]!, pts[k]!, pts[bl]!];
      }
    }
  return orderCorners(q);
}

/**
 * Refine each side on the full-size luma: the sub-pixel gradient peak along the side's normal at
 * many points, then a line fitted by total least squares with outliers dropped; corners from the
 * refined lines. Falls back to the coarse corners when the refinement disagrees.
 */
export function refine(grey: Uint8Array, W: number, H: number, q: Quad, reach: number): Quad {
  const g = (x: number, y: number) => {
    if (x < 0 || y < 0 || x > W - 1.001 || y > H - 1.001) return NaN;
    const x0 = x | 0;
    const y0 = y | 0;
    const fx = x - x0;
    const fy = y - y0;
    const i = y0 * W + x0;
    const a = grey[i]! + (grey[i + 1]! - grey[i]!) * fx;
    const b = grey[i + W]! + (grey[i + W + 1]! - grey[i + W]!) * fx;
    return a + (b - a) * fy;
  };
  const fitted: [Pt, Pt][] = [];
  for (const { a, b, L, tx, ty, nx, ny } of quadSides(q)) {
    const pts: Pt[] = [];
    const n = Math.min(80, Math.max(12, Math.round(L / 10)));
    const step = 0.5;
    const steps = Math.ceil(reach / step);
    for (let j = 0; j < n; j++) {
      const t = 0.08 + (0.84 * (j + 0.5)) / n;
      const px = a[0] + (b[0] - a[0]) * t;
      const py = a[1] + (b[1] - a[1]) * t;
      // profile along the normal, averaged over 3 px along the side
      const prof: number[] = [];
      for (let s = -steps - 2; s <= steps + 2; s++) {
        let v = 0;
        for (const d of [-1.5, 0, 1.5]) v += g(px + nx * s * step + tx * d, py + ny * s * step + ty * d);
        prof.push(v / 3);
      }
      let bi = -1;
      let bv = 0;
      for (let s = 2; s < prof.length - 2; s++) {
        const d = prof[s + 1]! - prof[s - 1]!; // inward derivative: the page is the brighter side
        if (Number.isFinite(d) && d > bv) {
          bv = d;
          bi = s;
        }
      }
      if (bi < 0 || bv < 3) continue;
      const dm = prof[bi]! - prof[bi - 2]!;
      const dp = prof[bi + 2]! - prof[bi]!;
      const d0 = bv;
      const den = dm - 2 * d0 + dp;
      const off = den !== 0 ? (0.5 * (dm - dp)) / den : 0;
      const sPos = (bi - steps - 2 + Math.max(-0.5, Math.min(0.5, off))) * step;
      pts.push([px + nx * sPos, py + ny * sPos]);
    }
    if (pts.length < 6) return q;
    let line = fitLine(pts);
    for (let pass = 0; pass < 2; pass++) {
      const res = pts.map((p) => Math.abs((p[0] - line[0][0]) * line[1][1] - (p[1] - line[0][1]) * line[1][0]));
      const sorted = [...res].sort((x, y) => x - y);
      const cut = Math.max(0.75, 2.5 * sorted[Math.floor(sorted.length / 2)]!);
      const keep = pts.filter((_, i) => res[i]! <= cut);
      if (keep.length < 6) break;
      line = fitLine(keep);
    }
    fitted.push([line[0], [line[0][0] + line[1][0], line[0][1] + line[1][1]]]);
  }
  const out: Pt[] = [];
  for (let k = 0; k < 4; k++) {
    const prev = fitted[(k + 3) % 4]!;
    const cur = fitted[k]!;
    const p = intersect(prev[0], prev[1], cur[0], cur[1]);
    if (!p || dist(p, q[k]!) > reach * 4) return q;
    out.push(p);
  }
  return out as Quad;
}

/** Total least squares: centroid and unit direction. */
function fitLine(pts: Pt[]): [Pt, Pt] {
  let mx = 0;
  let my = 0;
  for (const [x, y] of pts) {
    mx += x;
    my += y;
  }
  mx /= pts.length;
  my /= pts.length;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const [x, y] of pts) {
    sxx += (x - mx) ** 2;
    sxy += (x - mx) * (y - my);
    syy += (y - my) ** 2;
  }
  const th = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  return [
    [mx, my],
    [Math.cos(th), Math.sin(th)],
  ];
}

export interface DetectOptions {
  /** Minimum share of the outline that must be an edge (default 0.5). */
  minScore?: number;
}

/**
 * The page's corners in the frame's pixels (pixel centres at integers), or null when no page outline
 * is convincing. `small` is the frame reduced to about DETECT_SIDE px (RGB), `grey` the full frame's luma.
 */
export function detectPage(small: { data: Uint8Array; width: number; height: number }, grey: Uint8Array, W: number, H: number, opts: DetectOptions = {}): Detection | null {
  const s = prepare(small.data, small.width, small.height);
  const fx = W / s.w;
  const fy = H / s.h;
  const lines = houghLines(s, 14);
  const cands: { q: Quad; source: Detection['source'] }[] = candidatesFromLines(s, lines).map((q) => ({ q, source: 'lines' as const }));
  const region = candidateFromRegion(s);
  if (region && isConvex(region)) cands.push({ q: region, source: 'region' });
  let best: { q: Quad; source: Detection['source']; score: number; rank: number } | null = null;
  const frameArea = s.w * s.h;
  for (const c of cands) {
    const { score, sides } = scoreQuad(s, c.q);
    if (Math.min(...sides) < 0.3) continue;
    // prefer the outer page over a box printed on it: a little credit for area
    const rank = score * (0.85 + 0.15 * Math.sqrt(Math.abs(quadArea(c.q)) / frameArea));
    if (!best || rank > best.rank) best = { ...c, score, rank };
  }
  if (!best || best.score < (opts.minScore ?? 0.5)) return null;
  const coarse = best.q.map(([x, y]) => [(x + 0.5) * fx - 0.5, (y + 0.5) * fy - 0.5]) as Quad;
  const f = Math.max(fx, fy);
  // twice: the first pass may turn a side the coarse lines had slightly wrong, the second settles it
  const corners = refine(grey, W, H, refine(grey, W, H, coarse, Math.max(3, 2.5 * f)), Math.max(2, f));
  return { corners, score: best.score, source: best.source };
}
