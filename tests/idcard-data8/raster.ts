/**
 * Generator 8's own picture arithmetic (float RGB in [0, 1]): the projective map that lays a card into
 * a scene, resampling with a box pre-filter, a true disc (lens) blur, box/Gauss blurs, noise. Written for
 * this generator; nothing here comes from the others or from the reader.
 */
import type { Rand } from './rand.ts';

export interface Img {
  w: number;
  h: number;
  /** RGB, row-major, 3 floats per pixel. */
  d: Float32Array;
}

export const makeImg = (w: number, h: number, fill: [number, number, number] = [0, 0, 0]): Img => {
  const d = new Float32Array(w * h * 3);
  for (let i = 0; i < w * h; i++) d.set(fill, i * 3);
  return { w, h, d };
};

export function fromRgb(buf: Buffer, w: number, h: number): Img {
  const d = new Float32Array(w * h * 3);
  for (let i = 0; i < d.length; i++) d[i] = buf[i]! / 255;
  return { w, h, d };
}

export function toRgb(img: Img): Buffer {
  const b = Buffer.alloc(img.d.length);
  for (let i = 0; i < b.length; i++) b[i] = Math.max(0, Math.min(255, Math.round(img.d[i]! * 255)));
  return b;
}

/** Halves (or more) by averaging whole blocks: the pre-filter before a strong shrink. */
export function shrinkBy(img: Img, k: number): Img {
  if (k <= 1) return img;
  const w = Math.floor(img.w / k);
  const h = Math.floor(img.h / k);
  const out = makeImg(w, h);
  const n = k * k;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (let c = 0; c < 3; c++) {
        let s = 0;
        for (let dy = 0; dy < k; dy++) for (let dx = 0; dx < k; dx++) s += img.d[((y * k + dy) * img.w + x * k + dx) * 3 + c]!;
        out.d[(y * w + x) * 3 + c] = s / n;
      }
  return out;
}

export type Pt = [number, number];
export type Mat3 = number[];

/** The 3×3 projective map taking the four `src` points to the four `dst` points (8×8 linear solve). */
export function homography(src: Pt[], dst: Pt[]): Mat3 {
  const A: number[][] = [];
  const b: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = src[i]!;
    const [u, v] = dst[i]!;
    A.push([x, y, 1, 0, 0, 0, -u * x, -u * y]);
    b.push(u);
    A.push([0, 0, 0, x, y, 1, -v * x, -v * y]);
    b.push(v);
  }
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[p]![c]!)) p = r;
    [A[c], A[p]] = [A[p]!, A[c]!];
    [b[c], b[p]] = [b[p]!, b[c]!];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = A[r]![c]! / A[c]![c]!;
      for (let k = c; k < 8; k++) A[r]![k]! -= f * A[c]![k]!;
      b[r]! -= f * b[c]!;
    }
  }
  return [...b.map((v, i) => v / A[i]![i]!), 1];
}

export function invert3(m: Mat3): Mat3 {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [A / det, -(b * i - c * h) / det, (b * f - c * e) / det, B / det, (a * i - c * g) / det, -(a * f - c * d) / det, C / det, -(a * h - b * g) / det, (a * e - b * d) / det];
}

function bilinear(img: Img, x: number, y: number, out: number[]): void {
  const x0 = Math.max(0, Math.min(img.w - 2, Math.floor(x)));
  const y0 = Math.max(0, Math.min(img.h - 2, Math.floor(y)));
  const fx = Math.max(0, Math.min(1, x - x0));
  const fy = Math.max(0, Math.min(1, y - y0));
  const i00 = (y0 * img.w + x0) * 3;
  const i10 = i00 + 3;
  const i01 = i00 + img.w * 3;
  const i11 = i01 + 3;
  for (let c = 0; c < 3; c++) {
    const top = img.d[i00 + c]! * (1 - fx) + img.d[i10 + c]! * fx;
    const bot = img.d[i01 + c]! * (1 - fx) + img.d[i11 + c]! * fx;
    out[c] = top * (1 - fy) + bot * fy;
  }
}

/**
 * Lays `card` into `scene` where its corners go to `quad` (TL, TR, BR, BL), with rounded corners
 * (`cornerFrac` of the card's width) and 2×2 super-sampling; `shade(x, y)` may darken/lighten per pixel.
 */
export function warpCard(scene: Img, card: Img, quad: Pt[], cornerFrac = 0.037, shade?: (u: number, v: number) => number): void {
  // shrink the source first when the card is drawn much smaller than it is (no aliasing)
  const side = Math.hypot(quad[1]![0] - quad[0]![0], quad[1]![1] - quad[0]![1]);
  const k = Math.max(1, Math.floor(card.w / side / 1.2));
  const src = shrinkBy(card, k);
  const W = src.w;
  const H = src.h;
  const Hinv = homography(quad, [[0, 0], [W, 0], [W, H], [0, H]]); // scene → card
  const rad = cornerFrac * W;
  const xs = quad.map((p) => p[0]);
  const ys = quad.map((p) => p[1]);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const x1 = Math.min(scene.w - 1, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(scene.h - 1, Math.ceil(Math.max(...ys)));
  const px = [0, 0, 0];
  const acc = [0, 0, 0];
  const inside = (u: number, v: number) => {
    if (u < 0 || v < 0 || u > W || v > H) return false;
    const cx = u < rad ? rad : u > W - rad ? W - rad : u;
    const cy = v < rad ? rad : v > H - rad ? H - rad : v;
    return (u - cx) ** 2 + (v - cy) ** 2 <= rad * rad;
  };
  const m = Hinv;
  for (let y = y0; y <= y1; y++)
    for (let x = x0; x <= x1; x++) {
      let cover = 0;
      acc[0] = acc[1] = acc[2] = 0;
      for (let q = 0; q < 4; q++) {
        const X = x + (q & 1 ? 0.75 : 0.25);
        const Y = y + (q & 2 ? 0.75 : 0.25);
        const z = m[6]! * X + m[7]! * Y + m[8]!;
        const u = (m[0]! * X + m[1]! * Y + m[2]!) / z;
        const v = (m[3]! * X + m[4]! * Y + m[5]!) / z;
        if (!inside(u, v)) continue;
        bilinear(src, u - 0.5, v - 0.5, px);
        const s = shade ? shade(u / W, v / H) : 1;
        acc[0]! += px[0]! * s;
        acc[1]! += px[1]! * s;
        acc[2]! += px[2]! * s;
        cover++;
      }
      if (!cover) continue;
      const i = (y * scene.w + x) * 3;
      const a = cover / 4;
      for (let c = 0; c < 3; c++) scene.d[i + c] = scene.d[i + c]! * (1 - a) + (acc[c]! / cover) * a;
    }
}

/** A card of aspect 85.6:54 centred at (cx, cy), `width` wide, turned by `angle`, its far edge shrunk by `tilt` (0 = flat), leaning by `lean`. */
export function cardQuad(cx: number, cy: number, width: number, angle: number, tilt = 0, lean = 0): Pt[] {
  const hw = width / 2;
  const hh = (width * 54) / 85.6 / 2;
  const corners: Pt[] = [
    [-hw * (1 - tilt) + lean * hh, -hh],
    [hw * (1 - tilt) + lean * hh, -hh],
    [hw, hh],
    [-hw, hh],
  ];
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return corners.map(([x, y]) => [cx + x * c - y * s, cy + x * s + y * c]);
}

/** Box blur of radius r (separable, running sums). */
export function boxBlur(img: Img, r: number): Img {
  if (r < 1) return img;
  const { w, h } = img;
  const tmp = new Float32Array(img.d.length);
  const out = new Float32Array(img.d.length);
  const n = 2 * r + 1;
  for (let y = 0; y < h; y++)
    for (let c = 0; c < 3; c++) {
      let s = 0;
      for (let k = -r; k <= r; k++) s += img.d[(y * w + Math.max(0, Math.min(w - 1, k))) * 3 + c]!;
      for (let x = 0; x < w; x++) {
        tmp[(y * w + x) * 3 + c] = s / n;
        s += img.d[(y * w + Math.min(w - 1, x + r + 1)) * 3 + c]! - img.d[(y * w + Math.max(0, x - r)) * 3 + c]!;
      }
    }
  for (let x = 0; x < w; x++)
    for (let c = 0; c < 3; c++) {
      let s = 0;
      for (let k = -r; k <= r; k++) s += tmp[(Math.max(0, Math.min(h - 1, k)) * w + x) * 3 + c]!;
      for (let y = 0; y < h; y++) {
        out[(y * w + x) * 3 + c] = s / n;
        s += tmp[(Math.min(h - 1, y + r + 1) * w + x) * 3 + c]! - tmp[(Math.max(0, y - r) * w + x) * 3 + c]!;
      }
    }
  return { w, h, d: out };
}

/** Three box passes ≈ a Gaussian of σ ≈ r·0.95 (r ≥ 1). */
export const softBlur = (img: Img, r: number) => boxBlur(boxBlur(boxBlur(img, r), r), r);

/** Defocus: a uniform disc of radius R (the lens's circle of confusion), exact per row with prefix sums. */
export function discBlur(img: Img, R: number): Img {
  const { w, h } = img;
  const pre = new Float32Array((w + 1) * h * 3);
  for (let y = 0; y < h; y++)
    for (let c = 0; c < 3; c++) {
      let s = 0;
      pre[(y * (w + 1)) * 3 + c] = 0;
      for (let x = 0; x < w; x++) {
        s += img.d[(y * w + x) * 3 + c]!;
        pre[(y * (w + 1) + x + 1) * 3 + c] = s;
      }
    }
  const half: number[] = [];
  for (let dy = -Math.floor(R); dy <= Math.floor(R); dy++) half.push(Math.floor(Math.sqrt(R * R - dy * dy)));
  const r0 = Math.floor(R);
  const out = new Float32Array(img.d.length);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let n = 0;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      for (let j = 0; j < half.length; j++) {
        const yy = Math.max(0, Math.min(h - 1, y + j - r0));
        const a = Math.max(0, x - half[j]!);
        const b = Math.min(w, x + half[j]! + 1);
        const ia = (yy * (w + 1) + a) * 3;
        const ib = (yy * (w + 1) + b) * 3;
        s0 += pre[ib]! - pre[ia]!;
        s1 += pre[ib + 1]! - pre[ia + 1]!;
        s2 += pre[ib + 2]! - pre[ia + 2]!;
        n += b - a;
      }
      const o = (y * w + x) * 3;
      out[o] = s0 / n;
      out[o + 1] = s1 / n;
      out[o + 2] = s2 / n;
    }
  return { w, h, d: out };
}

/** A table of normal deviates (drawn once from the seed-free Box–Muller of a fixed stream): noise picks from it by the scene's own random numbers. */
const GAUSS = (() => {
  const t = new Float32Array(1 << 16);
  let s = 0x9e3779b9;
  const u = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) + 0.5) / 4294967296;
  };
  for (let i = 0; i < t.length; i++) t[i] = Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  return t;
})();

/** Sensor noise: `lum` grain shared by the three channels plus `chroma` per channel (σ in [0, 1] units). */
export function addNoise(img: Img, r: Rand, lum: number, chroma = 0): void {
  let k = Math.floor(r.next() * 65536);
  const step = 1 + 2 * Math.floor(r.next() * 20000); // odd: walks the whole table
  const d = img.d;
  for (let i = 0; i < img.w * img.h; i++) {
    k = (k + step) & 0xffff;
    const g = GAUSS[k]! * lum;
    if (chroma) {
      d[i * 3]! += g + GAUSS[(k * 7 + 1) & 0xffff]! * chroma;
      d[i * 3 + 1]! += g + GAUSS[(k * 13 + 5) & 0xffff]! * chroma;
      d[i * 3 + 2]! += g + GAUSS[(k * 31 + 11) & 0xffff]! * chroma;
    } else {
      d[i * 3]! += g;
      d[i * 3 + 1]! += g;
      d[i * 3 + 2]! += g;
    }
    if ((i & 4095) === 0) k = (k + Math.floor(r.next() * 65536)) & 0xffff; // re-seed the walk now and then: no visible period
  }
}

/** Per-pixel map in place. */
export function mapPixels(img: Img, f: (x: number, y: number, rgb: [number, number, number]) => void): void {
  const p: [number, number, number] = [0, 0, 0];
  for (let y = 0; y < img.h; y++)
    for (let x = 0; x < img.w; x++) {
      const i = (y * img.w + x) * 3;
      p[0] = img.d[i]!;
      p[1] = img.d[i + 1]!;
      p[2] = img.d[i + 2]!;
      f(x, y, p);
      img.d[i] = p[0];
      img.d[i + 1] = p[1];
      img.d[i + 2] = p[2];
    }
}

/** Turns the pixels by a quarter turn clockwise (`quarters` = 1), half (2) or three quarters (3). */
export function rotateQuarter(img: Img, quarters: 1 | 2 | 3): Img {
  const w2 = quarters === 2 ? img.w : img.h;
  const h2 = quarters === 2 ? img.h : img.w;
  const out = makeImg(w2, h2);
  for (let y = 0; y < img.h; y++)
    for (let x = 0; x < img.w; x++) {
      const [X, Y] = quarters === 1 ? [img.h - 1 - y, x] : quarters === 2 ? [img.w - 1 - x, img.h - 1 - y] : [y, img.w - 1 - x];
      out.d.set(img.d.subarray((y * img.w + x) * 3, (y * img.w + x) * 3 + 3), (Y * w2 + X) * 3);
    }
  return out;
}

/** Resamples to w × h (bilinear; shrink by blocks first when much smaller). */
export function resize(img: Img, w: number, h: number): Img {
  const k = Math.max(1, Math.floor(img.w / w / 1.5));
  const src = shrinkBy(img, k);
  const out = makeImg(w, h);
  const px = [0, 0, 0];
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      bilinear(src, ((x + 0.5) * src.w) / w - 0.5, ((y + 0.5) * src.h) / h - 0.5, px);
      out.d.set(px, (y * w + x) * 3);
    }
  return out;
}
