/**
 * How a card face of the second set is "photographed": a scene (the card filling the frame with no
 * background, a flatbed scan on white, a phone photo on a light desk or on a dark desk) and one
 * degradation (none, blur, slight perspective, rotation, a small image, heavy JPEG, uneven light,
 * a combination). Own code: its own projective warp (bilinear, inverse mapping), desk textures,
 * shadows, light falloff and sensor noise — nothing shared with tests/idcard-data.
 */
import sharp from 'sharp';
import { CARD_MM } from './cards.ts';
import { between, oneOf, type Rand } from './people.ts';

export type Scene = 'fill' | 'scan' | 'lightdesk' | 'darkdesk';
export const SCENES: readonly Scene[] = ['fill', 'scan', 'lightdesk', 'darkdesk'];
export type Degradation = 'none' | 'blur' | 'perspective' | 'rotation' | 'small' | 'jpeg' | 'light' | 'combo';
export const DEGRADATIONS: readonly Degradation[] = ['none', 'blur', 'perspective', 'rotation', 'small', 'jpeg', 'light', 'combo'];

export interface Shot {
  data: Buffer;
  ext: 'jpg' | 'png';
  width: number;
  height: number;
}

type Pt = { x: number; y: number };

/** 3×3 projective map taking the unit square's corners (0,0),(1,0),(1,1),(0,1) to q0..q3. */
function squareToQuad(q: readonly Pt[]): number[] {
  const [p0, p1, p2, p3] = q as [Pt, Pt, Pt, Pt];
  const sx = p0.x - p1.x + p2.x - p3.x;
  const sy = p0.y - p1.y + p2.y - p3.y;
  if (Math.abs(sx) < 1e-9 && Math.abs(sy) < 1e-9)
    return [p1.x - p0.x, p2.x - p1.x, p0.x, p1.y - p0.y, p2.y - p1.y, p0.y, 0, 0, 1];
  const dx1 = p1.x - p2.x;
  const dx2 = p3.x - p2.x;
  const dy1 = p1.y - p2.y;
  const dy2 = p3.y - p2.y;
  const den = dx1 * dy2 - dx2 * dy1;
  const g = (sx * dy2 - dx2 * sy) / den;
  const h = (dx1 * sy - sx * dy1) / den;
  return [p1.x - p0.x + g * p1.x, p3.x - p0.x + h * p3.x, p0.x, p1.y - p0.y + g * p1.y, p3.y - p0.y + h * p3.y, p0.y, g, h, 1];
}

/** Inverse of a 3×3 matrix (row-major). */
function invert(m: number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [A / det, -(b * i - c * h) / det, (b * f - c * e) / det, B / det, (a * i - c * g) / det, -(a * f - c * d) / det, C / det, -(a * h - b * g) / det, (a * e - b * d) / det];
}

/**
 * Paint an RGBA card (cw × ch) onto an RGB canvas (W × H) so that its corners land on quad (TL, TR,
 * BR, BL), bilinear sampling, anti-aliased edge from the sampling of the alpha.
 */
function paintQuad(dst: Float32Array, W: number, H: number, card: Buffer, cw: number, ch: number, quad: Pt[]): void {
  const inv = invert(squareToQuad(quad));
  const xs = quad.map((p) => p.x);
  const ys = quad.map((p) => p.y);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const x1 = Math.min(W - 1, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(H - 1, Math.ceil(Math.max(...ys)));
  for (let y = y0; y <= y1; y++)
    for (let x = x0; x <= x1; x++) {
      const X = x + 0.5;
      const Y = y + 0.5;
      const w = inv[6]! * X + inv[7]! * Y + inv[8]!;
      const u = ((inv[0]! * X + inv[1]! * Y + inv[2]!) / w) * cw - 0.5;
      const v = ((inv[3]! * X + inv[4]! * Y + inv[5]!) / w) * ch - 0.5;
      if (u < -1 || v < -1 || u > cw || v > ch) continue;
      const ui = Math.floor(u);
      const vi = Math.floor(v);
      const fu = u - ui;
      const fv = v - vi;
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (const [du, dv, wt] of [
        [0, 0, (1 - fu) * (1 - fv)],
        [1, 0, fu * (1 - fv)],
        [0, 1, (1 - fu) * fv],
        [1, 1, fu * fv],
      ] as const) {
        const uu = ui + du;
        const vv = vi + dv;
        if (uu < 0 || vv < 0 || uu >= cw || vv >= ch || wt === 0) continue;
        const p = (vv * cw + uu) * 4;
        const al = (card[p + 3]! / 255) * wt;
        r += card[p]! * al;
        g += card[p + 1]! * al;
        b += card[p + 2]! * al;
        a += al;
      }
      if (a <= 0) continue;
      const q = (y * W + x) * 3;
      dst[q] = dst[q]! * (1 - a) + r;
      dst[q + 1] = dst[q + 1]! * (1 - a) + g;
      dst[q + 2] = dst[q + 2]! * (1 - a) + b;
    }
}

function gauss(r: Rand): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

/** A desk texture: base colour, wood-like streaks, low-frequency blotches. */
function desk(W: number, H: number, r: Rand, light: boolean): Float32Array {
  const base = light ? [between(r, 200, 235), between(r, 190, 225), between(r, 170, 215)] : [between(r, 35, 75), between(r, 30, 60), between(r, 25, 55)];
  const out = new Float32Array(W * H * 3);
  const f1 = 0.004 + r() * 0.01;
  const ph = r() * 10;
  const amp = light ? 10 : 7;
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const streak = Math.sin(y * f1 * 7 + Math.sin(x * 0.002 + ph) * 3) * amp + Math.sin(x * 0.0015 + y * 0.001 + ph) * amp;
      const q = (y * W + x) * 3;
      for (let c = 0; c < 3; c++) out[q + c] = base[c]! + streak * (1 - c * 0.2);
    }
  return out;
}

function flat(W: number, H: number, rgb: [number, number, number]): Float32Array {
  const out = new Float32Array(W * H * 3);
  for (let i = 0; i < W * H; i++) {
    out[i * 3] = rgb[0];
    out[i * 3 + 1] = rgb[1];
    out[i * 3 + 2] = rgb[2];
  }
  return out;
}

/** A soft shadow of the quad (offset, darkened), drawn before the card. */
function shadow(dst: Float32Array, W: number, H: number, quad: Pt[], off: Pt, strength: number): void {
  const sq = quad.map((p) => ({ x: p.x + off.x, y: p.y + off.y }));
  const mask = new Float32Array(W * H * 3);
  const one = Buffer.alloc(4 * 4, 255);
  paintQuad(mask, W, H, one, 2, 2, sq);
  // box blur of the mask's first channel, 2 passes
  const m = new Float32Array(W * H);
  for (let i = 0; i < W * H; i++) m[i] = mask[i * 3]! / 255;
  const rad = Math.max(2, Math.round(Math.min(W, H) * 0.012));
  const tmp = new Float32Array(W * H);
  for (let pass = 0; pass < 2; pass++) {
    for (let y = 0; y < H; y++) {
      let acc = 0;
      for (let x = -rad; x < W; x++) {
        if (x + rad < W) acc += m[y * W + x + rad]!;
        if (x - rad - 1 >= 0) acc -= m[y * W + x - rad - 1]!;
        if (x >= 0) tmp[y * W + x] = acc / (2 * rad + 1);
      }
    }
    for (let x = 0; x < W; x++) {
      let acc = 0;
      for (let y = -rad; y < H; y++) {
        if (y + rad < H) acc += tmp[(y + rad) * W + x]!;
        if (y - rad - 1 >= 0) acc -= tmp[(y - rad - 1) * W + x]!;
        if (y >= 0) m[y * W + x] = acc / (2 * rad + 1);
      }
    }
  }
  for (let i = 0; i < W * H; i++) {
    const k = 1 - strength * m[i]!;
    dst[i * 3]! *= k;
    dst[i * 3 + 1]! *= k;
    dst[i * 3 + 2]! *= k;
  }
}

/** Light falloff: a linear gradient across the frame and a vignette; optional glare spot. */
function lighting(px: Float32Array, W: number, H: number, r: Rand, strong: boolean, glare: boolean): void {
  const ang = r() * Math.PI * 2;
  const lo = strong ? 0.5 + r() * 0.15 : 0.85 + r() * 0.1;
  const hi = strong ? 1.05 : 1.02;
  const gx = Math.cos(ang);
  const gy = Math.sin(ang);
  const gcx = W * (0.2 + r() * 0.6);
  const gcy = H * (0.2 + r() * 0.6);
  const grad = Math.min(W, H) * (0.05 + r() * 0.06);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const t = ((x / W - 0.5) * gx + (y / H - 0.5) * gy + 0.7) / 1.4;
      const dx = x / W - 0.5;
      const dy = y / H - 0.5;
      const vig = 1 - 0.35 * (dx * dx + dy * dy);
      const k = (lo + (hi - lo) * t) * vig;
      const q = (y * W + x) * 3;
      let add = 0;
      if (glare) {
        const d2 = ((x - gcx) ** 2 + (y - gcy) ** 2) / (grad * grad);
        add = 120 * Math.exp(-d2);
      }
      for (let c = 0; c < 3; c++) px[q + c] = px[q + c]! * k + add;
    }
}

function noise(px: Float32Array, r: Rand, sigma: number): void {
  for (let i = 0; i < px.length; i += 3) {
    const n = gauss(r) * sigma;
    px[i]! += n + gauss(r) * sigma * 0.4;
    px[i + 1]! += n;
    px[i + 2]! += n + gauss(r) * sigma * 0.4;
  }
}

function toBytes(px: Float32Array): Buffer {
  const out = Buffer.alloc(px.length);
  for (let i = 0; i < px.length; i++) out[i] = px[i]! < 0 ? 0 : px[i]! > 255 ? 255 : Math.round(px[i]!);
  return out;
}

export interface ShotOptions {
  scene: Scene;
  degradation: Degradation;
  /** Extra rotation of the card in degrees (e.g. 180 for an upside-down card). */
  extraRotation?: number;
}

/** Corners of a card of cw × ch pixels centred at (cx, cy), rotated by deg, each moved by up to `jitter` of the card's size. */
function cardQuad(r: Rand, cx: number, cy: number, cw: number, ch: number, deg: number, jitter: number): Pt[] {
  const a = (deg * Math.PI) / 180;
  return [
    [-1, -1],
    [1, -1],
    [1, 1],
    [-1, 1],
  ].map(([sx, sy]) => {
    const x = (sx! * cw) / 2 + (r() - 0.5) * 2 * jitter * cw;
    const y = (sy! * ch) / 2 + (r() - 0.5) * 2 * jitter * ch;
    return { x: cx + x * Math.cos(a) - y * Math.sin(a), y: cy + x * Math.sin(a) + y * Math.cos(a) };
  });
}

/** Photograph (or scan) one card face. `cardPng` is the face as drawn (any size, ID-1 aspect). */
export async function shoot(cardPng: Buffer, r: Rand, o: ShotOptions): Promise<Shot> {
  const d = o.degradation;
  const combo = d === 'combo';
  let W: number;
  let H: number;
  let bg: Float32Array;
  let cardW: number;
  let cx: number;
  let cy: number;
  let rot = o.extraRotation ?? 0;
  let jitter = 0.002;
  if (d === 'rotation' || combo) rot += oneOf(r, [-1, 1]) * (4 + r() * 8);
  if (d === 'perspective' || combo) jitter = 0.03 + r() * 0.025;
  if (o.scene === 'fill') {
    // The card fills the frame: the image is the card, give or take a few pixels of edge.
    W = between(r, 900, 1300);
    H = Math.round((W * CARD_MM.h) / CARD_MM.w);
    bg = flat(W, H, [between(r, 200, 240), between(r, 200, 240), between(r, 200, 240)]);
    cardW = W * (1.0 + r() * 0.03);
    cx = W / 2 + (r() - 0.5) * W * 0.01;
    cy = H / 2 + (r() - 0.5) * H * 0.01;
    if (d === 'rotation' || combo) rot = (o.extraRotation ?? 0) + oneOf(r, [-1, 1]) * (1 + r() * 2.5);
    if (d === 'perspective' || combo) jitter = 0.012 + r() * 0.012;
  } else if (o.scene === 'scan') {
    // A flatbed scan at 200–300 dpi of the card lying in a corner of the glass; the page is white.
    const dpi = between(r, 200, 300);
    W = Math.round((210 / 25.4) * dpi * 0.55);
    H = Math.round((297 / 25.4) * dpi * 0.35);
    bg = flat(W, H, [between(r, 242, 252), between(r, 242, 252), between(r, 240, 250)]);
    cardW = (CARD_MM.w / 25.4) * dpi;
    const cardH = (CARD_MM.h / 25.4) * dpi;
    cx = cardW / 2 + between(r, 8, 60);
    cy = cardH / 2 + between(r, 8, 60);
    if (d !== 'rotation' && !combo) rot = (o.extraRotation ?? 0) + (r() - 0.5) * 1.5;
    jitter = d === 'perspective' || combo ? 0.006 : 0.0005;
  } else {
    const portraitFrame = r() < 0.15;
    W = portraitFrame ? 1080 : oneOf(r, [1280, 1440, 1600]);
    H = portraitFrame ? 1440 : Math.round((W * 3) / 4);
    bg = desk(W, H, r, o.scene === 'lightdesk');
    cardW = W * (portraitFrame ? 0.8 : 0.5 + r() * 0.3);
    const cardH = (cardW * CARD_MM.h) / CARD_MM.w;
    cx = W / 2 + (r() - 0.5) * Math.max(0, W - cardW * 1.2) * 0.6;
    cy = H / 2 + (r() - 0.5) * Math.max(0, H - cardH * 1.3) * 0.6;
  }
  const cw = Math.round(cardW);
  const ch = Math.round((cardW * CARD_MM.h) / CARD_MM.w);
  const card = await sharp(cardPng).resize(cw, ch, { fit: 'fill' }).ensureAlpha().raw().toBuffer();
  // rounded corners (3.18 mm radius on ID-1)
  const rad = (3.18 / CARD_MM.w) * cw;
  for (let y = 0; y < ch; y++)
    for (let x = 0; x < cw; x++) {
      const ex = x < rad ? rad - x : x > cw - 1 - rad ? x - (cw - 1 - rad) : 0;
      const ey = y < rad ? rad - y : y > ch - 1 - rad ? y - (ch - 1 - rad) : 0;
      if (ex > 0 && ey > 0 && ex * ex + ey * ey > rad * rad) card[(y * cw + x) * 4 + 3] = 0;
    }
  const quad = cardQuad(r, cx, cy, cw, ch, rot, jitter);
  if (o.scene === 'lightdesk' || o.scene === 'darkdesk') shadow(bg, W, H, quad, { x: W * 0.006, y: H * 0.01 }, o.scene === 'lightdesk' ? 0.35 : 0.5);
  paintQuad(bg, W, H, card, cw, ch, quad);
  if (o.scene !== 'scan') lighting(bg, W, H, r, d === 'light' || combo, (d === 'light' || combo) && r() < 0.5);
  noise(bg, r, o.scene === 'scan' ? 1.5 : d === 'light' || combo ? 7 : 3);
  let img = sharp(toBytes(bg), { raw: { width: W, height: H, channels: 3 } });
  const blur = d === 'blur' ? 1.2 + r() * 0.8 : combo ? 0.9 + r() * 0.5 : o.scene === 'scan' ? 0.4 : 0.6;
  img = img.blur(blur);
  let outW = W;
  let outH = H;
  if (d === 'small' || combo) {
    // a small image: the card ends up 380–520 px wide
    const target = between(r, 380, 520);
    const f = Math.min(1, target / cardW);
    outW = Math.round(W * f);
    outH = Math.round(H * f);
    img = sharp(await img.raw().toBuffer(), { raw: { width: W, height: H, channels: 3 } }).resize(outW, outH);
  }
  const q = d === 'jpeg' ? between(r, 12, 22) : combo ? between(r, 25, 35) : d === 'small' ? 60 : o.scene === 'scan' ? 92 : between(r, 75, 90);
  const data = await img.jpeg({ quality: q, chromaSubsampling: '4:2:0' }).toBuffer();
  return { data, ext: 'jpg', width: outW, height: outH };
}
