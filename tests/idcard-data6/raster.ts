/**
 * Generator 6's pixel work on RGBA buffers: a perspective warp (homography, inverse-mapped, bilinear, with the
 * card's rounded corners as alpha), 3-D tilts projected by a pinhole camera, and sharp for the filters that
 * are heavy in JavaScript (blur, convolution, median, sharpen, JPEG).
 */
import sharp, { type Sharp } from 'sharp';

export interface Img {
  data: Uint8ClampedArray | Buffer;
  w: number;
  h: number;
}
export type Pt = [number, number];

/** The 3×3 homography taking the unit square's corners (0,0) (1,0) (1,1) (0,1) to q[0..3]. */
function squareToQuad(q: Pt[]): number[] {
  const [[x0, y0], [x1, y1], [x2, y2], [x3, y3]] = q as [Pt, Pt, Pt, Pt];
  const dx1 = x1 - x2, dx2 = x3 - x2, dy1 = y1 - y2, dy2 = y3 - y2;
  const sx = x0 - x1 + x2 - x3, sy = y0 - y1 + y2 - y3;
  const den = dx1 * dy2 - dx2 * dy1;
  const g = (sx * dy2 - dx2 * sy) / den;
  const h = (dx1 * sy - sx * dy1) / den;
  return [x1 - x0 + g * x1, x3 - x0 + h * x3, x0, y1 - y0 + g * y1, y3 - y0 + h * y3, y0, g, h, 1];
}
function invert3(m: number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [A / det, -(b * i - c * h) / det, (b * f - c * e) / det, B / det, (a * i - c * g) / det, -(a * f - c * d) / det, C / det, -(a * h - b * g) / det, (a * e - b * d) / det];
}

/** Scales an RGBA image with sharp (Lanczos) — used to bring the card near its size in the scene before warping. */
export async function resize(src: Img, w: number): Promise<Img> {
  const { data, info } = await sharp(src.data, { raw: { width: src.w, height: src.h, channels: 4 } }).resize({ width: Math.max(8, Math.round(w)) }).raw().toBuffer({ resolveWithObject: true });
  return { data, w: info.width, h: info.height };
}

/**
 * Draws `src` into `dst` so that its corners land on quad (TL, TR, BR, BL), alpha-blended; corners rounded by
 * `radius` (a fraction of the source width). The source should be roughly the quad's size (see resize).
 */
export function warpInto(dst: Img, src: Img, quad: Pt[], radius = 0.037): void {
  const H = squareToQuad(quad);
  const inv = invert3(H);
  const xs = quad.map((p) => p[0]), ys = quad.map((p) => p[1]);
  const x0 = Math.max(0, Math.floor(Math.min(...xs))), x1 = Math.min(dst.w - 1, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys))), y1 = Math.min(dst.h - 1, Math.ceil(Math.max(...ys)));
  const sw = src.w, sh = src.h, s = src.data, d = dst.data;
  const rr = radius * sw;
  const cornerAlpha = (u: number, v: number): number => {
    const cx = u < rr ? rr : u > sw - rr ? sw - rr : u;
    const cy = v < rr ? rr : v > sh - rr ? sh - rr : v;
    if (cx === u || cy === v) return 1;
    const dist = Math.hypot(u - cx, v - cy);
    return Math.max(0, Math.min(1, rr - dist + 0.5));
  };
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const X = x + 0.5, Y = y + 0.5;
      const w = inv[6]! * X + inv[7]! * Y + inv[8]!;
      const u = ((inv[0]! * X + inv[1]! * Y + inv[2]!) / w) * sw - 0.5;
      const v = ((inv[3]! * X + inv[4]! * Y + inv[5]!) / w) * sh - 0.5;
      if (u < -1 || v < -1 || u > sw || v > sh) continue;
      const iu = Math.floor(u), iv = Math.floor(v);
      const fu = u - iu, fv = v - iv;
      let r = 0, g = 0, b = 0, a = 0;
      for (let k = 0; k < 4; k++) {
        const xx = iu + (k & 1), yy = iv + (k >> 1);
        const wt = (k & 1 ? fu : 1 - fu) * (k >> 1 ? fv : 1 - fv);
        if (xx < 0 || yy < 0 || xx >= sw || yy >= sh || wt === 0) continue;
        const o = (yy * sw + xx) * 4;
        const al = (s[o + 3]! / 255) * wt;
        r += s[o]! * al;
        g += s[o + 1]! * al;
        b += s[o + 2]! * al;
        a += al;
      }
      if (a <= 0) continue;
      a *= cornerAlpha(u + 0.5, v + 0.5);
      if (a <= 0) continue;
      const o = (y * dst.w + x) * 4;
      const A = Math.min(1, a);
      const scale = A / Math.max(a, 1e-6);
      d[o] = d[o]! * (1 - A) + r * scale;
      d[o + 1] = d[o + 1]! * (1 - A) + g * scale;
      d[o + 2] = d[o + 2]! * (1 - A) + b * scale;
      d[o + 3] = 255;
    }
  }
}

/**
 * The image corners of a card of w×h px (its centre at (cx, cy) in the image) turned by `roll` in its plane and
 * tilted by `pitch` (about the horizontal axis) and `yaw` (about the vertical axis), seen by a pinhole camera of
 * focal length f px at a distance that makes the untilted card w px wide.
 */
export function tiltedQuad(cx: number, cy: number, w: number, h: number, roll: number, pitch: number, yaw: number, f: number): Pt[] {
  const corners: Array<[number, number, number]> = [[-w / 2, -h / 2, 0], [w / 2, -h / 2, 0], [w / 2, h / 2, 0], [-w / 2, h / 2, 0]];
  const cr = Math.cos(roll), sr = Math.sin(roll), cp = Math.cos(pitch), sp = Math.sin(pitch), cyw = Math.cos(yaw), syw = Math.sin(yaw);
  return corners.map(([x, y, z]) => {
    let X = x * cr - y * sr, Y = x * sr + y * cr, Z = z;
    [Y, Z] = [Y * cp - Z * sp, Y * sp + Z * cp];
    [X, Z] = [X * cyw + Z * syw, -X * syw + Z * cyw];
    const zz = f + Z;
    return [cx + (X * f) / zz, cy + (Y * f) / zz] as Pt;
  });
}

export async function fromSharp(p: Sharp): Promise<Img> {
  const { data, info } = await p.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, w: info.width, h: info.height };
}
export const toSharp = (img: Img): Sharp => sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength), { raw: { width: img.w, height: img.h, channels: 4 } });

/** A blank RGBA image filled with one colour. */
export function blank(w: number, h: number, rgb: [number, number, number]): Img {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let i = 0; i < w * h; i++) {
    data[i * 4] = rgb[0];
    data[i * 4 + 1] = rgb[1];
    data[i * 4 + 2] = rgb[2];
    data[i * 4 + 3] = 255;
  }
  return { data, w, h };
}

/** Per-pixel blend of `a` toward `b` by mask(x, y) ∈ [0, 1] (same sizes), into `a`. */
export function blendByMask(a: Img, b: Img, mask: (x: number, y: number) => number): void {
  for (let y = 0; y < a.h; y++)
    for (let x = 0; x < a.w; x++) {
      const m = mask(x, y);
      if (m <= 0) continue;
      const o = (y * a.w + x) * 4;
      for (let k = 0; k < 3; k++) a.data[o + k] = a.data[o + k]! * (1 - m) + b.data[o + k]! * m;
    }
}

/** Gaussian noise from a uniform stream (Box–Muller). */
export function gauss(r: () => number): number {
  return Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());
}
