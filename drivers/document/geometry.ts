/** Plane geometry for page photos: 4-point homography, bilinear perspective warp, quadrilateral helpers. */

export type Pt = [number, number];
/** Corners in order top-left, top-right, bottom-right, bottom-left. */
export type Quad = [Pt, Pt, Pt, Pt];

/**
 * The homography H (row-major 3×3, H[8] = 1) with H·src[i] ∝ dst[i], from the 8×8 linear system of
 * four point pairs, solved by Gaussian elimination with partial pivoting.
 */
export function homography4(src: readonly Pt[], dst: readonly Pt[]): number[] {
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
    if (Math.abs(A[p]![c]!) < 1e-10) throw new Error('degenerate quadrilateral');
    [A[c], A[p]] = [A[p]!, A[c]!];
    const row = A[c]!;
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = A[r]![c]! / row[c]!;
      if (f !== 0) for (let k = c; k < 9; k++) A[r]![k]! -= f * row[k]!;
    }
  }
  const h = A.map((r, i) => r[8]! / r[i]!);
  return [...h, 1];
}

export function applyH(H: readonly number[], x: number, y: number): Pt {
  const d = H[6]! * x + H[7]! * y + H[8]!;
  return [(H[0]! * x + H[1]! * y + H[2]!) / d, (H[3]! * x + H[4]! * y + H[5]!) / d];
}

/**
 * Perspective warp of a one-channel image: output pixel (x, y) of outW × outH takes the source at
 * H·(x + ½, y + ½) − ½ (H maps output → source), bilinear; outside the source it repeats the edge.
 */
export function warpGrey(src: Uint8Array, w: number, h: number, H: readonly number[], outW: number, outH: number): Buffer {
  const out = Buffer.allocUnsafe(outW * outH);
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = H as [number, number, number, number, number, number, number, number, number];
  for (let y = 0; y < outH; y++) {
    const yc = y + 0.5;
    for (let x = 0; x < outW; x++) {
      const xc = x + 0.5;
      const d = h6 * xc + h7 * yc + h8;
      let sx = (h0 * xc + h1 * yc + h2) / d - 0.5;
      let sy = (h3 * xc + h4 * yc + h5) / d - 0.5;
      if (sx < 0) sx = 0;
      else if (sx > w - 1.001) sx = w - 1.001;
      if (sy < 0) sy = 0;
      else if (sy > h - 1.001) sy = h - 1.001;
      const x0 = sx | 0;
      const y0 = sy | 0;
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * w + x0;
      const a = src[i]! + (src[i + 1]! - src[i]!) * fx;
      const b = src[i + w]! + (src[i + w + 1]! - src[i + w]!) * fx;
      out[y * outW + x] = a + (b - a) * fy + 0.5;
    }
  }
  return out;
}

export function dist(a: Pt, b: Pt): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** Signed area (shoelace); positive for clockwise corners in image coordinates (y down). */
export function quadArea(q: readonly Pt[]): number {
  let s = 0;
  for (let i = 0; i < q.length; i++) {
    const [x1, y1] = q[i]!;
    const [x2, y2] = q[(i + 1) % q.length]!;
    s += x1 * y2 - x2 * y1;
  }
  return s / 2;
}

/** Whether the quadrilateral is strictly convex (all turns the same way). */
export function isConvex(q: readonly Pt[]): boolean {
  let sign = 0;
  for (let i = 0; i < 4; i++) {
    const a = q[i]!;
    const b = q[(i + 1) % 4]!;
    const c = q[(i + 2) % 4]!;
    const z = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
    if (Math.abs(z) < 1e-9) return false;
    const s = Math.sign(z);
    if (sign === 0) sign = s;
    else if (s !== sign) return false;
  }
  return true;
}

/** Four points in the order top-left, top-right, bottom-right, bottom-left (clockwise on screen). */
export function orderCorners(pts: readonly Pt[]): Quad {
  const cx = pts.reduce((s, p) => s + p[0], 0) / pts.length;
  const cy = pts.reduce((s, p) => s + p[1], 0) / pts.length;
  const sorted = [...pts].sort((a, b) => Math.atan2(a[1] - cy, a[0] - cx) - Math.atan2(b[1] - cy, b[0] - cx));
  // atan2 order with y down is clockwise on screen; start at the corner with the smallest x + y.
  let start = 0;
  for (let i = 1; i < sorted.length; i++) if (sorted[i]![0] + sorted[i]![1] < sorted[start]![0] + sorted[start]![1]) start = i;
  return [0, 1, 2, 3].map((k) => sorted[(start + k) % 4]!) as Quad;
}

/** Intersection of the lines through (a, b) and (c, d), or null when parallel. */
export function intersect(a: Pt, b: Pt, c: Pt, d: Pt): Pt | null {
  const den = (a[0] - b[0]) * (c[1] - d[1]) - (a[1] - b[1]) * (c[0] - d[0]);
  if (Math.abs(den) < 1e-9) return null;
  const t = ((a[0] - c[0]) * (c[1] - d[1]) - (a[1] - c[1]) * (c[0] - d[0])) / den;
  return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
}
