/**
 * Generator 7's scenes: the flat card (card.ts) put into a photo or scan with our own homography, lens, light,
 * noise and dithering code (float RGB buffers), then encoded by sharp (encoding and the messaging app's
 * rescaling only). Ten scenes, all things a ward kiosk or a resident's papers really meet:
 *   scan-mfp          a multifunction-printer scan of a whole A4 page at 150–200 dpi, colour cast, card skewed on the glass
 *   webcam-wide       a wide-angle 1280×720 webcam: barrel distortion, vignetting, sensor noise
 *   fluorescent       a phone photo under fluorescent tubes: horizontal light banding (rolling shutter)
 *   two-fingers       the card held in the air between two fingers at its edge, room behind out of focus
 *   fax-1bit          a 1-bit Floyd–Steinberg dithered, fax-like copy at 200 dpi
 *   colour-temp       tungsten-orange or shade-blue light, white balance not corrected
 *   glossy-table      a dark glossy table mirroring the card below it, a specular highlight
 *   messaging-twice   a big phone photo sent twice through a messaging app (rescaled, JPEG 4:2:0 twice)
 *   phone-shadow      the hard diagonal shadow of a phone held over the card
 *   rotated-90        a phone photo turned 90° with no EXIF orientation
 */
import sharp from 'sharp';
import { CARD_H, CARD_W } from './card.ts';
import { Canvas, type RGB } from './raster.ts';
import type { Rand } from './rng.ts';

export const SCENES = ['scan-mfp', 'webcam-wide', 'fluorescent', 'two-fingers', 'fax-1bit', 'colour-temp', 'glossy-table', 'messaging-twice', 'phone-shadow', 'rotated-90'] as const;
export type Scene = (typeof SCENES)[number];

type Pt = [number, number];

/** 3×3 homography (row-major, h[8] = 1) mapping the four src points onto the four dst points. */
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
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = A[r]![c]! / A[c]![c]!;
      for (let k = c; k < 9; k++) A[r]![k] = A[r]![k]! - f * A[c]![k]!;
    }
  }
  return [...A.map((row, i) => row[8]! / row[i]!), 1];
}

function sample(c: Canvas, x: number, y: number, out: number[]): void {
  const x0 = Math.max(0, Math.min(c.width - 2, Math.floor(x)));
  const y0 = Math.max(0, Math.min(c.height - 2, Math.floor(y)));
  const fx = Math.max(0, Math.min(1, x - x0));
  const fy = Math.max(0, Math.min(1, y - y0));
  const d = c.data;
  const i00 = (y0 * c.width + x0) * 3;
  const i10 = i00 + 3;
  const i01 = i00 + c.width * 3;
  const i11 = i01 + 3;
  for (let k = 0; k < 3; k++) out[k] = (d[i00 + k]! * (1 - fx) + d[i10 + k]! * fx) * (1 - fy) + (d[i01 + k]! * (1 - fx) + d[i11 + k]! * fx) * fy;
}

/** Rounded-corner card mask in card pixels (corner radius 3.18 mm as ISO/IEC 7810): the signed distance to the
 * rounded rectangle, ramped over `soft` px. */
function cardAlpha(u: number, v: number, soft: number): number {
  const R = 41;
  const qx = Math.abs(u - CARD_W / 2) - (CARD_W / 2 - R);
  const qy = Math.abs(v - CARD_H / 2) - (CARD_H / 2 - R);
  const sd = Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - R; // < 0 inside
  return Math.max(0, Math.min(1, 0.5 - sd / soft));
}

/** Put the card into `out` with its corners at `quad` (TL, TR, BR, BL); `shade(u, v)` may tint the card's light. */
export function placeCard(out: Canvas, card: Canvas, quad: Pt[], shade?: (u: number, v: number, x: number, y: number) => RGB | number): void {
  const Hinv = homography(quad, [[0, 0], [CARD_W, 0], [CARD_W, CARD_H], [0, CARD_H]]);
  const scale = Math.hypot(quad[1]![0] - quad[0]![0], quad[1]![1] - quad[0]![1]) / CARD_W;
  const soft = Math.max(1, 1 / Math.max(0.05, scale));
  const xs = quad.map((p) => p[0]);
  const ys = quad.map((p) => p[1]);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)) - 2);
  const x1 = Math.min(out.width, Math.ceil(Math.max(...xs)) + 2);
  const y0 = Math.max(0, Math.floor(Math.min(...ys)) - 2);
  const y1 = Math.min(out.height, Math.ceil(Math.max(...ys)) + 2);
  const px = [0, 0, 0];
  const h = Hinv;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const w = h[6]! * (x + 0.5) + h[7]! * (y + 0.5) + h[8]!;
      const u = (h[0]! * (x + 0.5) + h[1]! * (y + 0.5) + h[2]!) / w;
      const v = (h[3]! * (x + 0.5) + h[4]! * (y + 0.5) + h[5]!) / w;
      const a = cardAlpha(u, v, soft);
      if (a <= 0) continue;
      // minification: average a few taps when the card is shrunk a lot (no mipmaps: our own box filter)
      if (scale < 0.7) {
        const s = 0.5 / scale;
        let a0 = 0;
        let a1 = 0;
        let a2 = 0;
        for (const [ou, ov] of [[-0.25, -0.25], [0.25, -0.25], [-0.25, 0.25], [0.25, 0.25]] as const) {
          sample(card, u + ou * s, v + ov * s, px);
          a0 += px[0]!;
          a1 += px[1]!;
          a2 += px[2]!;
        }
        px[0] = a0 / 4;
        px[1] = a1 / 4;
        px[2] = a2 / 4;
      } else sample(card, u, v, px);
      let c: RGB = [px[0]!, px[1]!, px[2]!];
      if (shade) {
        const s = shade(u, v, x, y);
        c = typeof s === 'number' ? [c[0] * s, c[1] * s, c[2] * s] : [c[0] * s[0], c[1] * s[1], c[2] * s[2]];
      }
      out.blend(x, y, c, a);
    }
  }
}

// ---------------------------------------------------------------- whole-image operations
function perPixel(c: Canvas, f: (x: number, y: number, p: Float32Array, i: number) => void): void {
  for (let y = 0; y < c.height; y++) for (let x = 0; x < c.width; x++) f(x, y, c.data, (y * c.width + x) * 3);
}

/** sensor noise: a fast xorshift stream seeded from r (deterministic), approximately Gaussian (sum of three uniforms) */
function noise(c: Canvas, r: Rand, sd: number, chroma = 0.3): void {
  let x = (r.int(1, 0x7fffffff) | 1) >>> 0;
  const u = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
  const g = () => (u() + u() + u() - 1.5) * 2;
  const d = c.data;
  for (let i = 0; i < d.length; i += 3) {
    const l = g() * sd;
    d[i] = d[i]! + l + g() * sd * chroma;
    d[i + 1] = d[i + 1]! + l + g() * sd * chroma;
    d[i + 2] = d[i + 2]! + l + g() * sd * chroma;
  }
}

function boxBlur(c: Canvas, rad: number): void {
  if (rad < 1) return;
  const { width: W, height: H, data: d } = c;
  const tmp = new Float32Array(d.length);
  const n = 2 * rad + 1;
  for (let y = 0; y < H; y++)
    for (let k = 0; k < 3; k++) {
      let acc = 0;
      for (let x = -rad; x <= rad; x++) acc += d[(y * W + Math.max(0, Math.min(W - 1, x))) * 3 + k]!;
      for (let x = 0; x < W; x++) {
        tmp[(y * W + x) * 3 + k] = acc / n;
        acc += d[(y * W + Math.min(W - 1, x + rad + 1)) * 3 + k]! - d[(y * W + Math.max(0, x - rad)) * 3 + k]!;
      }
    }
  for (let x = 0; x < W; x++)
    for (let k = 0; k < 3; k++) {
      let acc = 0;
      for (let y = -rad; y <= rad; y++) acc += tmp[(Math.max(0, Math.min(H - 1, y)) * W + x) * 3 + k]!;
      for (let y = 0; y < H; y++) {
        d[(y * W + x) * 3 + k] = acc / n;
        acc += tmp[(Math.min(H - 1, y + rad + 1) * W + x) * 3 + k]! - tmp[(Math.max(0, y - rad) * W + x) * 3 + k]!;
      }
    }
}

/** a Gaussian-ish blur of sigma ≈ s px: three box passes */
function blur(c: Canvas, s: number): void {
  const rad = Math.round(Math.sqrt((12 * s * s) / 3 + 1) / 2);
  for (let i = 0; i < 3; i++) boxBlur(c, rad);
}

/** barrel distortion r' = r (1 + k r²) around the centre (normalised by the half-diagonal), as a wide-angle webcam */
function barrel(c: Canvas, k: number): Canvas {
  const out = new Canvas(c.width, c.height, [0, 0, 0]);
  const cx = c.width / 2;
  const cy = c.height / 2;
  const R = Math.hypot(cx, cy);
  const px = [0, 0, 0];
  perPixel(out, (x, y, d, i) => {
    const nx = (x - cx) / R;
    const ny = (y - cy) / R;
    const f = 1 + k * (nx * nx + ny * ny);
    // the output pixel shows the scene point f times further out (a barrel: straight lines bow outwards)
    sample(c, cx + nx * f * R * (1 / (1 + k)), cy + ny * f * R * (1 / (1 + k)), px);
    d[i] = px[0]!;
    d[i + 1] = px[1]!;
    d[i + 2] = px[2]!;
  });
  return out;
}

function vignette(c: Canvas, strength: number): void {
  const cx = c.width / 2;
  const cy = c.height / 2;
  const R = Math.hypot(cx, cy);
  perPixel(c, (x, y, d, i) => {
    const rr = Math.hypot(x - cx, y - cy) / R;
    const f = 1 - strength * rr * rr;
    for (let k = 0; k < 3; k++) d[i + k] = d[i + k]! * f;
  });
}

function tint(c: Canvas, m: RGB, add: RGB = [0, 0, 0]): void {
  perPixel(c, (_x, _y, d, i) => {
    for (let k = 0; k < 3; k++) d[i + k] = d[i + k]! * m[k]! + add[k]!;
  });
}

function rotate90(c: Canvas, cw: boolean): Canvas {
  const out = new Canvas(c.height, c.width);
  for (let y = 0; y < c.height; y++)
    for (let x = 0; x < c.width; x++) {
      const [nx, ny] = cw ? [c.height - 1 - y, x] : [y, c.width - 1 - x];
      const s = (y * c.width + x) * 3;
      const t = (ny * out.width + nx) * 3;
      out.data[t] = c.data[s]!;
      out.data[t + 1] = c.data[s + 1]!;
      out.data[t + 2] = c.data[s + 2]!;
    }
  return out;
}

// ---------------------------------------------------------------- backgrounds
function desk(c: Canvas, r: Rand, base: RGB, grain: number): void {
  const f1 = r.range(0.004, 0.012);
  const ph = r.range(0, 6);
  const col = new Float32Array(c.width);
  for (let x = 0; x < c.width; x++) col[x] = Math.sin(x * f1) * 3 + ph;
  perPixel(c, (x, y, d, i) => {
    const g = Math.sin(y * f1 * 9 + col[x]!) * grain + Math.sin(y * 0.31 + x * 0.002) * grain * 0.3;
    for (let k = 0; k < 3; k++) d[i + k] = base[k]! + g * (k === 2 ? 0.6 : 1);
  });
}

export type Box = [number, number, number, number];
/** the whole frame less a margin */
const frame = (W: number, H: number, m = 12): Box => [m, m, W - m, H - m];

/**
 * The card's quad: centred at (cx, cy), width w px, rotated by rot rad, with perspective (tiltX, tiltY; 0 = none),
 * shrunk in 5 % steps until all four corners lie inside `box` — every scene shows the whole card.
 */
export function quadAt(cx: number, cy: number, w: number, rot: number, tiltX: number, tiltY: number, box: Box): Pt[] {
  for (let s = 1; ; s *= 0.95) {
    const q = quadRaw(cx, cy, w * s, rot, tiltX, tiltY);
    if (s < 0.3 || q.every(([x, y]) => x >= box[0] && y >= box[1] && x <= box[2] && y <= box[3])) return q;
  }
}

function quadRaw(cx: number, cy: number, w: number, rot: number, tiltX: number, tiltY: number): Pt[] {
  const h = (w * CARD_H) / CARD_W;
  const pts: Pt[] = [
    [-w / 2, -h / 2],
    [w / 2, -h / 2],
    [w / 2, h / 2],
    [-w / 2, h / 2],
  ];
  return pts.map(([x, y]) => {
    // simple perspective: points further "away" (by tilt) shrink towards the centre
    const z = 1 + (tiltX * x) / w + (tiltY * y) / h;
    const xx = x / z;
    const yy = y / z;
    return [cx + xx * Math.cos(rot) - yy * Math.sin(rot), cy + xx * Math.sin(rot) + yy * Math.cos(rot)];
  });
}

export interface Shot {
  image: Buffer;
  ext: 'jpg' | 'png';
  width: number;
  height: number;
}

function toRaw(c: Canvas): Buffer {
  const b = Buffer.alloc(c.width * c.height * 3);
  for (let i = 0; i < b.length; i++) b[i] = Math.max(0, Math.min(255, Math.round(c.data[i]!)));
  return b;
}

async function jpeg(c: Canvas, q: number, sub: '4:2:0' | '4:4:4' = '4:2:0'): Promise<Shot> {
  const image = await sharp(toRaw(c), { raw: { width: c.width, height: c.height, channels: 3 } }).jpeg({ quality: q, chromaSubsampling: sub }).toBuffer();
  return { image, ext: 'jpg', width: c.width, height: c.height };
}

// ---------------------------------------------------------------- the scenes
export async function shoot(card: Canvas, scene: Scene, r: Rand): Promise<Shot> {
  const rot = () => r.range(-0.06, 0.06);
  switch (scene) {
    case 'scan-mfp': {
      const dpi = r.int(150, 200);
      const W = Math.round(8.27 * dpi);
      const H = Math.round(11.69 * dpi);
      const c = new Canvas(W, H);
      desk(c, r, [246, 246, 243], 1.5);
      const w = (85.6 / 25.4) * dpi;
      const skew = r.range(0.02, 0.1) * (r.chance(0.5) ? 1 : -1);
      const cx = w * 0.6 + r.range(30, W * 0.5);
      const cy = w * 0.45 + r.range(30, H * 0.4);
      const q = quadAt(cx, cy, w, skew, 0, 0, frame(W, H));
      // the scanner lamp casts a thin shadow on the lamp's far side of the card
      placeCard(c, new Canvas(CARD_W, CARD_H, [150, 150, 150]), q.map(([x, y]) => [x + 2, y + 3] as Pt));
      placeCard(c, card, q);
      blur(c, 0.6);
      tint(c, r.pick<RGB>([[1.0, 0.97, 0.86], [0.93, 1.0, 1.02], [1.02, 0.95, 1.0]]), [r.range(-4, 6), r.range(-4, 6), r.range(-4, 6)]);
      noise(c, r, 2.2);
      return jpeg(c, r.int(78, 90));
    }
    case 'webcam-wide': {
      const c = new Canvas(1280, 720);
      desk(c, r, [r.int(90, 140), r.int(80, 120), r.int(60, 100)], 9);
      const w = r.range(560, 760);
      const k = r.range(0.12, 0.22);
      // what the lens keeps in frame: an output edge at normalised radius n shows the scene at n (1 + k n²) / (1 + k)
      const R = Math.hypot(640, 360);
      const vis = (half: number) => (half * (1 + (k * (half / R) ** 2))) / (1 + k) - 12;
      const box: Box = [640 - vis(640), 360 - vis(360), 640 + vis(640), 360 + vis(360)];
      placeCard(c, card, quadAt(640 + r.range(-120, 120), 360 + r.range(-50, 50), w, rot(), r.range(-0.12, 0.12), r.range(0.05, 0.25), box));
      const d = barrel(c, k);
      vignette(d, r.range(0.35, 0.55));
      blur(d, 0.9);
      noise(d, r, 5, 0.6);
      return jpeg(d, r.int(70, 82));
    }
    case 'fluorescent': {
      const c = new Canvas(1600, 1200);
      desk(c, r, [200, 202, 196], 4);
      placeCard(c, card, quadAt(800 + r.range(-80, 80), 600 + r.range(-60, 60), r.range(1050, 1350), rot(), r.range(-0.1, 0.1), r.range(-0.15, 0.15), frame(1600, 1200)));
      const period = r.range(40, 95);
      const amp = r.range(0.08, 0.16);
      const ph = r.range(0, 6.28);
      perPixel(c, (_x, y, dd, i) => {
        const f = 1 - amp * (0.5 + 0.5 * Math.sin((y / period) * 2 * Math.PI + ph));
        dd[i] = dd[i]! * f;
        dd[i + 1] = dd[i + 1]! * (f + 0.02);
        dd[i + 2] = dd[i + 2]! * (f + 0.04);
      });
      blur(c, 0.7);
      noise(c, r, 3.5);
      return jpeg(c, r.int(80, 90));
    }
    case 'two-fingers': {
      const c = new Canvas(1600, 1200);
      // a room out of focus: vertical gradient, a window, a shelf
      perPixel(c, (x, y, d, i) => {
        const g = 150 + 60 * Math.sin(x / 300) * (y / 1200);
        d[i] = g * 0.9;
        d[i + 1] = g * 0.85;
        d[i + 2] = g * 0.8;
      });
      c.rect(r.range(0, 900), r.range(0, 400), 500, 380, [235, 240, 245]);
      c.rect(0, r.range(700, 900), 1600, 60, [110, 80, 60]);
      blur(c, 10);
      const w = r.range(1000, 1250);
      const q = quadAt(800 + r.range(-60, 60), 600 + r.range(-40, 40), w, r.range(-0.12, 0.12), r.range(-0.18, 0.18), r.range(-0.1, 0.1), frame(1600, 1200, 40));
      placeCard(c, card, q);
      // thumb on the face and a finger behind, at one short edge, covering only the card's margin
      const left = r.chance(0.5);
      const [a, b] = left ? [q[0]!, q[3]!] : [q[1]!, q[2]!];
      const t = r.range(0.35, 0.65);
      const ex = a[0] + (b[0] - a[0]) * t;
      const ey = a[1] + (b[1] - a[1]) * t;
      const inward = left ? 1 : -1;
      const sc = w / CARD_W;
      const skin: RGB = [r.int(200, 230), r.int(150, 180), r.int(120, 150)];
      c.ellipse(ex - inward * 60 * sc, ey + 8, 95 * sc, 62 * sc, [skin[0] * 0.8, skin[1] * 0.8, skin[2] * 0.8]);
      c.ellipse(ex - inward * 48 * sc, ey, 72 * sc, 48 * sc, skin);
      c.ellipse(ex - inward * 20 * sc, ey - 4, 22 * sc, 20 * sc, [skin[0] * 1.05, skin[1] * 0.95, skin[2] * 0.95], 0.7);
      noise(c, r, 3);
      return jpeg(c, r.int(82, 92));
    }
    case 'fax-1bit': {
      const dpi = 200;
      const w = (85.6 / 25.4) * dpi;
      const c = new Canvas(Math.round(w * 1.6), Math.round(w * 1.25));
      placeCard(c, card, quadAt(c.width / 2 + r.range(-40, 40), c.height / 2 + r.range(-30, 30), w, r.range(-0.03, 0.03), 0, 0, frame(c.width, c.height)));
      // grey, a little contrast, then Floyd–Steinberg to 1 bit
      const W = c.width;
      const H = c.height;
      const g = new Float32Array(W * H);
      const lift = r.range(1.1, 1.35);
      for (let i = 0; i < W * H; i++) g[i] = Math.min(255, (0.3 * c.data[i * 3]! + 0.59 * c.data[i * 3 + 1]! + 0.11 * c.data[i * 3 + 2]!) * lift);
      const out = Buffer.alloc(W * H);
      for (let y = 0; y < H; y++)
        for (let x = 0; x < W; x++) {
          const i = y * W + x;
          const v = g[i]! + r.gauss() * 6;
          const o = v < 128 ? 0 : 255;
          out[i] = o;
          const e = v - o;
          if (x + 1 < W) g[i + 1] = g[i + 1]! + (e * 7) / 16;
          if (y + 1 < H) {
            if (x > 0) g[i + W - 1] = g[i + W - 1]! + (e * 3) / 16;
            g[i + W] = g[i + W]! + (e * 5) / 16;
            if (x + 1 < W) g[i + W + 1] = g[i + W + 1]! + e / 16;
          }
        }
      const image = await sharp(out, { raw: { width: W, height: H, channels: 1 } }).png({ palette: true, colours: 2 }).toBuffer();
      return { image, ext: 'png', width: W, height: H };
    }
    case 'colour-temp': {
      const c = new Canvas(2000, 1500);
      desk(c, r, [r.int(150, 190), r.int(110, 140), r.int(70, 100)], 14);
      placeCard(c, card, quadAt(1000 + r.range(-150, 150), 750 + r.range(-100, 100), r.range(1100, 1500), rot(), r.range(-0.12, 0.12), r.range(-0.15, 0.2), frame(2000, 1500)));
      tint(c, r.chance(0.5) ? [1.0, 0.76, 0.48] : [0.72, 0.86, 1.06], [r.range(-5, 5), 0, r.range(-5, 5)]);
      noise(c, r, 3);
      return jpeg(c, r.int(84, 92));
    }
    case 'glossy-table': {
      const c = new Canvas(1600, 1200);
      perPixel(c, (_x, y, d, i) => {
        const g = 22 + 18 * (y / 1200);
        d[i] = g;
        d[i + 1] = g * 1.02;
        d[i + 2] = g * 1.1;
      });
      const w = r.range(950, 1200);
      const q = quadAt(800 + r.range(-60, 60), 470 + r.range(-30, 30), w, r.range(-0.03, 0.03), r.range(-0.05, 0.05), r.range(-0.3, -0.12), frame(1600, 1200));
      // the reflection: the card mirrored about its bottom edge, faded and blurred
      const refl = new Canvas(1600, 1200, [0, 0, 0]);
      const bl = q[3]!;
      const br = q[2]!;
      const mq: Pt[] = [[bl[0], bl[1] + 6], [br[0], br[1] + 6], [br[0] + (br[0] - q[1]![0]) * 0.7, br[1] + (br[1] - q[1]![1]) * 0.7], [bl[0] + (bl[0] - q[0]![0]) * 0.7, bl[1] + (bl[1] - q[0]![1]) * 0.7]];
      placeCard(refl, card, [mq[3]!, mq[2]!, mq[1]!, mq[0]!], (_u, v) => 0.3 * (v / CARD_H));
      blur(refl, 3);
      for (let i = 0; i < c.data.length; i++) c.data[i] = c.data[i]! + refl.data[i]!;
      placeCard(c, card, q);
      // a specular highlight from a ceiling lamp
      const hx = r.range(300, 1300);
      const hy = r.range(250, 700);
      const hr = r.range(120, 260);
      perPixel(c, (x, y, d, i) => {
        const s = Math.exp(-((x - hx) ** 2 + (y - hy) ** 2) / (2 * hr * hr)) * 70;
        for (let k = 0; k < 3; k++) d[i + k] = d[i + k]! + s;
      });
      noise(c, r, 2.5);
      return jpeg(c, r.int(84, 92));
    }
    case 'messaging-twice': {
      const c = new Canvas(2400, 1800);
      desk(c, r, [r.int(180, 220), r.int(180, 215), r.int(175, 210)], 5);
      placeCard(c, card, quadAt(1200 + r.range(-150, 150), 900 + r.range(-100, 100), r.range(1300, 1900), rot(), r.range(-0.1, 0.1), r.range(-0.1, 0.2), frame(2400, 1800)));
      noise(c, r, 3);
      const first = await sharp(toRaw(c), { raw: { width: 2400, height: 1800, channels: 3 } }).resize({ width: 1600 }).jpeg({ quality: r.int(70, 80), chromaSubsampling: '4:2:0' }).toBuffer();
      const width = r.pick([1280, 1024]);
      const image = await sharp(first).resize({ width }).jpeg({ quality: r.int(62, 75), chromaSubsampling: '4:2:0' }).toBuffer();
      return { image, ext: 'jpg', width, height: Math.round((width * 1800) / 2400) };
    }
    case 'phone-shadow': {
      const c = new Canvas(1600, 1200);
      desk(c, r, [r.int(200, 230), r.int(195, 225), r.int(190, 215)], 3);
      const q = quadAt(800 + r.range(-80, 80), 600 + r.range(-60, 60), r.range(1100, 1350), rot(), r.range(-0.08, 0.08), r.range(-0.1, 0.15), frame(1600, 1200));
      placeCard(c, card, q);
      // a hard-edged diagonal band (the phone's shadow), across the card
      const ang = r.range(0.5, 1.1) * (r.chance(0.5) ? 1 : -1);
      const nx = Math.cos(ang);
      const ny = Math.sin(ang);
      const off = r.range(-200, 200);
      const half = r.range(130, 220);
      const dark = r.range(0.42, 0.6);
      perPixel(c, (x, y, d, i) => {
        const s = (x - 800) * nx + (y - 600) * ny - off;
        const edge = Math.min(1, Math.max(0, half - Math.abs(s)) / 4);
        const f = 1 - (1 - dark) * edge;
        d[i] = d[i]! * f;
        d[i + 1] = d[i + 1]! * f;
        d[i + 2] = d[i + 2]! * (f + 0.05 * edge);
      });
      noise(c, r, 3);
      return jpeg(c, r.int(84, 92));
    }
    case 'rotated-90': {
      const c = new Canvas(1600, 1200);
      desk(c, r, [r.int(120, 170), r.int(120, 160), r.int(120, 160)], 6);
      placeCard(c, card, quadAt(800 + r.range(-80, 80), 600 + r.range(-60, 60), r.range(1050, 1350), rot(), r.range(-0.08, 0.08), r.range(-0.1, 0.15), frame(1600, 1200)));
      noise(c, r, 3);
      return jpeg(rotate90(c, r.chance(0.5)), r.int(82, 92));
    }
  }
}
