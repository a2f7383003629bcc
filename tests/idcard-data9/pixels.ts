/**
 * Generator 9's own picture operations (no other generator's code): a projective warp of the card into
 * a scene through a homography solved from four corners, with anti-aliased rounded corners; radial lens
 * distortion; separable box blurs; noise; tone curves. Pictures are Float32 RGB, 0…255.
 */
import type { Pic } from './raster.ts';
import type { Rand } from './rand.ts';

export type Pt = readonly [number, number];
export type Mat3 = [number, number, number, number, number, number, number, number, number];

export function blank(w: number, h: number, c: readonly [number, number, number]): Pic {
  const rgb = new Float32Array(w * h * 3);
  for (let i = 0; i < w * h; i++) {
    rgb[i * 3] = c[0];
    rgb[i * 3 + 1] = c[1];
    rgb[i * 3 + 2] = c[2];
  }
  return { w, h, rgb };
}

/** The homography taking `from[i]` to `to[i]` (Gaussian elimination on the 8×8 system). */
export function homography(from: readonly Pt[], to: readonly Pt[]): Mat3 {
  const A: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!;
    const [u, v] = to[i]!;
    A.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    A.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let c = 0; c < 8; c++) {
    let best = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[best]![c]!)) best = r;
    [A[c], A[best]] = [A[best]!, A[c]!];
    const piv = A[c]![c]!;
    if (Math.abs(piv) < 1e-12) throw new Error('gen9: degenerate quadrilateral');
    for (let k = c; k < 9; k++) A[c]![k]! /= piv;
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = A[r]![c]!;
      if (f) for (let k = c; k < 9; k++) A[r]![k]! -= f * A[c]![k]!;
    }
  }
  return [A[0]![8]!, A[1]![8]!, A[2]![8]!, A[3]![8]!, A[4]![8]!, A[5]![8]!, A[6]![8]!, A[7]![8]!, 1];
}

export function apply(H: Mat3, x: number, y: number): [number, number] {
  const w = H[6] * x + H[7] * y + H[8];
  return [(H[0] * x + H[1] * y + H[2]) / w, (H[3] * x + H[4] * y + H[5]) / w];
}

function sample(p: Pic, x: number, y: number, out: Float32Array): void {
  const x0 = Math.max(0, Math.min(p.w - 2, Math.floor(x)));
  const y0 = Math.max(0, Math.min(p.h - 2, Math.floor(y)));
  const fx = Math.max(0, Math.min(1, x - x0));
  const fy = Math.max(0, Math.min(1, y - y0));
  const i00 = (y0 * p.w + x0) * 3;
  const i10 = i00 + 3;
  const i01 = i00 + p.w * 3;
  const i11 = i01 + 3;
  for (let c = 0; c < 3; c++) {
    const a = p.rgb[i00 + c]! + (p.rgb[i10 + c]! - p.rgb[i00 + c]!) * fx;
    const b = p.rgb[i01 + c]! + (p.rgb[i11 + c]! - p.rgb[i01 + c]!) * fx;
    out[c] = a + (b - a) * fy;
  }
}

/**
 * Paint `card` into `dst` so its corners land on `quad` (TL, TR, BR, BL). Corners rounded with radius
 * `radius` card pixels; the edge anti-aliased by the signed distance. `shade(x, y)` multiplies light.
 */
export function warpCard(dst: Pic, card: Pic, quad: readonly Pt[], radius: number, shade?: (x: number, y: number) => number): void {
  const H = homography(quad, [[0, 0], [card.w, 0], [card.w, card.h], [0, card.h]]);
  const xs = quad.map((q) => q[0]);
  const ys = quad.map((q) => q[1]);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)) - 1);
  const x1 = Math.min(dst.w - 1, Math.ceil(Math.max(...xs)) + 1);
  const y0 = Math.max(0, Math.floor(Math.min(...ys)) - 1);
  const y1 = Math.min(dst.h - 1, Math.ceil(Math.max(...ys)) + 1);
  const side = Math.hypot(quad[1]![0] - quad[0]![0], quad[1]![1] - quad[0]![1]);
  const scale = card.w / Math.max(1, side);
  const src = scale > 1.6 ? boxBlur(card, Math.floor(scale / 2)) : card;
  const px = new Float32Array(3);
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const [u, v] = apply(H, x + 0.5, y + 0.5);
      // signed distance (card pixels) to the rounded rectangle, positive inside
      const cx = Math.max(radius - u, 0, u - (card.w - radius));
      const cy = Math.max(radius - v, 0, v - (card.h - radius));
      let d: number;
      if (cx > 0 && cy > 0) d = radius - Math.hypot(cx, cy);
      else d = Math.min(u, v, card.w - u, card.h - v);
      const a = Math.max(0, Math.min(1, d / scale + 0.5));
      if (a <= 0) continue;
      sample(src, u - 0.5, v - 0.5, px);
      const s = shade ? shade(x, y) : 1;
      const i = (y * dst.w + x) * 3;
      for (let c = 0; c < 3; c++) dst.rgb[i + c] = dst.rgb[i + c]! * (1 - a) + px[c]! * s * a;
    }
  }
}

/** Darken (strength > 0) or lighten (< 0) under a quad, offset and blurred: a soft shadow or a halo. Works on the quad's box only. */
export function dropShadow(dst: Pic, quad: readonly Pt[], off: Pt, blur: number, strength: number): void {
  const m = blur * 4 + 4;
  const moved = quad.map(([x, y]) => [x + off[0], y + off[1]] as Pt);
  const bx0 = Math.max(0, Math.floor(Math.min(...moved.map((q) => q[0]))) - m);
  const by0 = Math.max(0, Math.floor(Math.min(...moved.map((q) => q[1]))) - m);
  const bx1 = Math.min(dst.w, Math.ceil(Math.max(...moved.map((q) => q[0]))) + m);
  const by1 = Math.min(dst.h, Math.ceil(Math.max(...moved.map((q) => q[1]))) + m);
  const w = bx1 - bx0;
  const h = by1 - by0;
  if (w <= 0 || h <= 0) return;
  const mask: Pic = { w, h, rgb: new Float32Array(w * h * 3) };
  warpCard(mask, blank(8, 8, [255, 255, 255]), moved.map(([x, y]) => [x - bx0, y - by0] as Pt), 0.5);
  const b = boxBlur(mask, blur);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const k = 1 - (strength * b.rgb[(y * w + x) * 3]!) / 255;
      const i = ((y + by0) * dst.w + x + bx0) * 3;
      dst.rgb[i] = dst.rgb[i]! * k;
      dst.rgb[i + 1] = dst.rgb[i + 1]! * k;
      dst.rgb[i + 2] = dst.rgb[i + 2]! * k;
    }
}

/** Three passes of a separable box blur (≈ Gaussian). */
export function boxBlur(p: Pic, r: number, passes = 3): Pic {
  if (r < 1) return p;
  let cur = new Float32Array(p.rgb);
  let tmp = new Float32Array(cur.length);
  const { w, h } = p;
  for (let pass = 0; pass < passes; pass++) {
    for (let dir = 0; dir < 2; dir++) {
      const len = dir ? h : w;
      const lines = dir ? w : h;
      const step = dir ? w * 3 : 3;
      const norm = 1 / (2 * r + 1);
      for (let l = 0; l < lines; l++) {
        const base = dir ? l * 3 : l * w * 3;
        for (let c = 0; c < 3; c++) {
          let acc = 0;
          for (let k = -r; k <= r; k++) acc += cur[base + Math.max(0, Math.min(len - 1, k)) * step + c]!;
          for (let i = 0; i < len; i++) {
            tmp[base + i * step + c] = acc * norm;
            acc += cur[base + Math.min(len - 1, i + r + 1) * step + c]! - cur[base + Math.max(0, i - r) * step + c]!;
          }
        }
      }
      [cur, tmp] = [tmp, cur];
    }
  }
  return { w, h, rgb: cur };
}

/** Remap every pixel: `at(x, y)` gives the source point (bilinear), per channel when `perChannel`. */
export function remap(p: Pic, at: (x: number, y: number, c: number) => Pt, perChannel = false): Pic {
  const out = new Float32Array(p.rgb.length);
  const px = new Float32Array(3);
  for (let y = 0; y < p.h; y++)
    for (let x = 0; x < p.w; x++) {
      const i = (y * p.w + x) * 3;
      if (!perChannel) {
        const [u, v] = at(x, y, 0);
        sample(p, u, v, px);
        out[i] = px[0]!;
        out[i + 1] = px[1]!;
        out[i + 2] = px[2]!;
      } else
        for (let c = 0; c < 3; c++) {
          const [u, v] = at(x, y, c);
          sample(p, u, v, px);
          out[i + c] = px[c]!;
        }
    }
  return { w: p.w, h: p.h, rgb: out };
}

/** Barrel (k > 0) or pincushion (k < 0) distortion about the centre, plus a per-channel scale (chromatic aberration). */
export function lens(p: Pic, k: number, chroma = 0): Pic {
  const cx = p.w / 2;
  const cy = p.h / 2;
  const n = Math.hypot(cx, cy);
  return remap(
    p,
    (x, y, c) => {
      const dx = (x - cx) / n;
      const dy = (y - cy) / n;
      const f = (1 + k * (dx * dx + dy * dy)) * (1 + (c - 1) * chroma);
      return [cx + dx * f * n, cy + dy * f * n];
    },
    chroma !== 0,
  );
}

/** Per-pixel Gaussian-ish noise: `luma` shared by the channels, `chroma` per channel, at `grain` px blotches. */
export function noise(p: Pic, r: Rand, luma: number, chroma: number, grain = 1): void {
  // a table of normal deviates drawn from r, indexed by a fast xorshift seeded from r
  const table = new Float32Array(4096);
  for (let i = 0; i < table.length; i++) table[i] = r.gauss();
  let x32 = (r() * 4294967295) >>> 0 || 1;
  const next = () => {
    x32 ^= x32 << 13;
    x32 ^= x32 >>> 17;
    x32 ^= x32 << 5;
    return table[(x32 >>> 0) & 4095]!;
  };
  const gw = Math.ceil(p.w / grain) + 1;
  const gh = Math.ceil(p.h / grain) + 1;
  const field = new Float32Array(gw * gh * 3);
  for (let i = 0; i < field.length; i++) field[i] = next() * chroma;
  for (let y = 0; y < p.h; y++) {
    const row = Math.floor(y / grain) * gw;
    for (let x = 0; x < p.w; x++) {
      const g = (row + Math.floor(x / grain)) * 3;
      const l = next() * luma;
      const i = (y * p.w + x) * 3;
      p.rgb[i] = p.rgb[i]! + l + field[g]!;
      p.rgb[i + 1] = p.rgb[i + 1]! + l + field[g + 1]!;
      p.rgb[i + 2] = p.rgb[i + 2]! + l + field[g + 2]!;
    }
  }
}

/** Apply f to every channel value. */
export function tone(p: Pic, f: (v: number, c: number) => number): void {
  for (let i = 0; i < p.rgb.length; i++) p.rgb[i] = f(p.rgb[i]!, i % 3);
}

/** Multiply light by `f(x, y)` (vignetting, uneven light). */
export function light(p: Pic, f: (x: number, y: number) => number, step = 1): void {
  let s = 1;
  for (let y = 0; y < p.h; y++)
    for (let x = 0; x < p.w; x++) {
      if (step === 1 || (x % step === 0)) s = f(x, y);
      const i = (y * p.w + x) * 3;
      p.rgb[i] = p.rgb[i]! * s;
      p.rgb[i + 1] = p.rgb[i + 1]! * s;
      p.rgb[i + 2] = p.rgb[i + 2]! * s;
    }
}

/** Low-frequency value noise in [0, 1] (bilinear over a coarse random grid), for patches and stains. */
export function patches(r: Rand, w: number, h: number, cell: number): (x: number, y: number) => number {
  const gw = Math.ceil(w / cell) + 2;
  const gh = Math.ceil(h / cell) + 2;
  const g = new Float32Array(gw * gh);
  for (let i = 0; i < g.length; i++) g[i] = r();
  return (x, y) => {
    const fx = x / cell;
    const fy = y / cell;
    const x0 = Math.floor(fx);
    const y0 = Math.floor(fy);
    const tx = fx - x0;
    const ty = fy - y0;
    const at = (a: number, b: number) => g[Math.min(gh - 1, b) * gw + Math.min(gw - 1, a)]!;
    const s = (t: number) => t * t * (3 - 2 * t);
    const a = at(x0, y0) + (at(x0 + 1, y0) - at(x0, y0)) * s(tx);
    const b = at(x0, y0 + 1) + (at(x0 + 1, y0 + 1) - at(x0, y0 + 1)) * s(tx);
    return a + (b - a) * s(ty);
  };
}

/** A quad for a card of aspect 85.6:53.98, centred at (cx, cy), `width` px wide, turned `deg`, with perspective `tilt` (0…0.3) toward a side. */
export function cardQuad(cx: number, cy: number, width: number, deg: number, tilt = 0, tiltSide = 0): Pt[] {
  const h = (width * 53.98) / 85.6;
  const base: Pt[] = [[-width / 2, -h / 2], [width / 2, -h / 2], [width / 2, h / 2], [-width / 2, h / 2]];
  const shrink = base.map(([x, y], i) => {
    // pull the far edge in: tiltSide 0 top, 1 right, 2 bottom, 3 left
    const far = tiltSide === 0 ? i < 2 : tiltSide === 1 ? i === 1 || i === 2 : tiltSide === 2 ? i >= 2 : i === 0 || i === 3;
    if (!far) return [x, y] as Pt;
    return tiltSide % 2 === 0 ? ([x * (1 - tilt), y * (1 - tilt * 0.3)] as Pt) : ([x * (1 - tilt * 0.3), y * (1 - tilt)] as Pt);
  });
  const a = (deg * Math.PI) / 180;
  return shrink.map(([x, y]) => [cx + x * Math.cos(a) - y * Math.sin(a), cy + x * Math.sin(a) + y * Math.cos(a)] as Pt);
}
