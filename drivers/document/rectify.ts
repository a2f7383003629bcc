/**
 * Perspective correction: the page's true aspect ratio from its four corners (Zhang & He's
 * rectangle method: the focal length from the two vanishing points, principal point at the frame's
 * centre; the side ratio when that is ill-conditioned), snapped to A4 when close, then the
 * homography from the output rectangle to the quadrilateral and a bilinear warp.
 */
import { dist, homography4, warpGrey, type Pt, type Quad } from './geometry.ts';

export const A4_RATIO = Math.SQRT2;
/** Output long side limits (px). */
export const OUT_MAX_LONG = 2000;
export const OUT_MIN_LONG = 1100;

/** Height / width of the rectangle the quadrilateral images (TL, TR, BR, BL in pixels). */
export function pageRatio(q: Quad, W: number, H: number): number {
  const sideRatio = (dist(q[0], q[3]) + dist(q[1], q[2])) / (dist(q[0], q[1]) + dist(q[3], q[2]));
  const u0 = W / 2;
  const v0 = H / 2;
  // Zhang & He: m1 = TL, m2 = TR, m3 = BL, m4 = BR, centred on the principal point
  const m = [q[0], q[1], q[3], q[2]].map(([x, y]) => [x - u0, y - v0, 1]) as number[][];
  const cross = (a: number[], b: number[]) => [a[1]! * b[2]! - a[2]! * b[1]!, a[2]! * b[0]! - a[0]! * b[2]!, a[0]! * b[1]! - a[1]! * b[0]!];
  const dot = (a: number[], b: number[]) => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
  const [m1, m2, m3, m4] = m as [number[], number[], number[], number[]];
  const k2 = dot(cross(m1, m4), m3) / dot(cross(m2, m4), m3);
  const k3 = dot(cross(m1, m4), m2) / dot(cross(m3, m4), m2);
  const n2 = m2.map((v) => v * k2).map((v, i) => v - m1[i]!);
  const n3 = m3.map((v) => v * k3).map((v, i) => v - m1[i]!);
  const nearAffine = Math.abs(n2[2]!) < 1e-3 || Math.abs(n3[2]!) < 1e-3;
  let ratio = sideRatio;
  if (!nearAffine) {
    const f2 = -(n2[0]! * n3[0]! + n2[1]! * n3[1]!) / (n2[2]! * n3[2]!);
    const diag = Math.hypot(W, H);
    // only trust a plausible focal length (0.4 to 4 frame diagonals)
    if (f2 > (0.4 * diag) ** 2 && f2 < (4 * diag) ** 2) {
      const wsq = (n2[0]! ** 2 + n2[1]! ** 2) / f2 + n2[2]! ** 2;
      const hsq = (n3[0]! ** 2 + n3[1]! ** 2) / f2 + n3[2]! ** 2;
      const r = Math.sqrt(hsq / wsq);
      if (Number.isFinite(r) && r > 0.2 && r < 5) ratio = r;
    }
  }
  // a page held upright or turned: snap to A4 (portrait or landscape) when within 7 %
  if (Math.abs(ratio / A4_RATIO - 1) < 0.07) return A4_RATIO;
  if (Math.abs(ratio * A4_RATIO - 1) < 0.07) return 1 / A4_RATIO;
  return ratio;
}

export interface Rectified {
  grey: Buffer;
  width: number;
  height: number;
}

/** Warp the quadrilateral (continuous coordinates) of a grey frame to an upright rectangle of the page's ratio. */
export function rectify(grey: Uint8Array, W: number, H: number, q: Quad): Rectified {
  const ratio = pageRatio(q, W, H);
  const measuredLong = Math.max(dist(q[0], q[3]), dist(q[1], q[2]), dist(q[0], q[1]), dist(q[3], q[2]));
  const long = Math.round(Math.min(OUT_MAX_LONG, Math.max(OUT_MIN_LONG, measuredLong * 1.3)));
  const width = Math.round(ratio >= 1 ? long / ratio : long);
  const height = Math.round(ratio >= 1 ? long : long * ratio);
  const rect: Pt[] = [
    [0, 0],
    [width, 0],
    [width, height],
    [0, height],
  ];
  // both in continuous coordinates (a pixel i spans [i, i + 1]), as warpGrey expects
  return { grey: warpGrey(grey, W, H, homography4(rect, q), width, height), width, height };
}
