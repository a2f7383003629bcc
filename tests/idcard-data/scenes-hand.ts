/**
 * Hand-held and kiosk scenes of the tuning generator (issue 15, session 7 — the name lane): how a
 * resident actually shows a card. Not in the default cycle (VARIANTS), so the benchmark's tuning set
 * stays what it was; chosen by name (`generateSet({ variants })`, `generate.ts --variants hand,sleeve,dim,kiosk`).
 *   - hand:   the card held up at an angle (4–10°, a little perspective) against a room, a thumb over
 *             the left or the bottom edge, a slight motion blur, JPEG 70;
 *   - sleeve: the card in a clear plastic sleeve — a bluish haze over it, the sleeve's edge, and a
 *             specular glare patch (an elongated bright blob) somewhere on the card, JPEG 75;
 *   - dim:    low light — a dark, warm photo (25–40 % exposure) with strong sensor noise, JPEG 60;
 *   - kiosk:  the kiosk's camera from above — the card small in a 1280×960 frame (40–55 % of its
 *             width), keystoned (the far edge narrower), a vignette, then the renderer's camera frame:
 *             960 px wide, JPEG 70.
 * Pure sharp + the project's homography; deterministic for a seed.
 */
import sharp from 'sharp';
import { homography, warpInverse, type Point } from '../../drivers/idcard/geometry.ts';
import type { Rng } from './people.ts';

export const HAND_VARIANTS = ['hand', 'sleeve', 'dim', 'kiosk'] as const;
export type HandVariant = (typeof HAND_VARIANTS)[number];

export function isHandVariant(v: string): v is HandVariant {
  return (HAND_VARIANTS as readonly string[]).includes(v);
}

const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v);
const gauss = (rng: Rng) => rng() + rng() + rng() + rng() - 2; // ≈ N(0, 0.58)

/** The card (RGBA raw) warped onto quad in a W×H frame over an RGB background; returns RGB raw. */
function place(card: Buffer, cw: number, ch: number, quad: Point[], bg: Buffer, W: number, H: number): Buffer {
  const Hm = homography(quad, [[0, 0], [cw, 0], [cw, ch], [0, ch]]);
  const warped = warpInverse(card, cw, ch, 4, Hm, W, H);
  const out = Buffer.from(bg);
  for (let i = 0, j = 0; i < W * H; i++, j += 3) {
    const a = warped[i * 4 + 3]! / 255;
    if (a === 0) continue;
    for (let c = 0; c < 3; c++) out[j + c] = Math.round(warped[i * 4 + c]! * a + out[j + c]! * (1 - a));
  }
  return out;
}

/** A quad for a card of width cw (aspect ar) centred near (cx, cy), turned by deg, each corner jittered by jit × cw. */
function quadAt(rng: Rng, cx: number, cy: number, cw: number, ar: number, deg: number, jit: number): Point[] {
  const a = (deg * Math.PI) / 180;
  const chh = cw * ar;
  return [
    [-cw / 2, -chh / 2],
    [cw / 2, -chh / 2],
    [cw / 2, chh / 2],
    [-cw / 2, chh / 2],
  ].map(([x, y]) => [cx + x! * Math.cos(a) - y! * Math.sin(a) + (rng() - 0.5) * 2 * jit * cw, cy + x! * Math.sin(a) + y! * Math.cos(a) + (rng() - 0.5) * 2 * jit * cw] as Point);
}

/** A vertical gradient background with some texture (a room, a desk). */
function background(rng: Rng, W: number, H: number, top: number[], bottom: number[]): Buffer {
  const out = Buffer.alloc(W * H * 3);
  for (let y = 0; y < H; y++) {
    const t = y / H;
    for (let x = 0; x < W; x++) {
      const n = gauss(rng) * 6;
      for (let c = 0; c < 3; c++) out[(y * W + x) * 3 + c] = clamp(top[c]! * (1 - t) + bottom[c]! * t + n);
    }
  }
  return out;
}

/** A thumb: a skin-toned ellipse with soft shading, pressed over the point (x, y) at angle a. */
function thumb(img: Buffer, W: number, H: number, x: number, y: number, rx: number, ry: number, a: number, skin: number[]): void {
  const ca = Math.cos(a);
  const sa = Math.sin(a);
  const R = Math.max(rx, ry);
  for (let py = Math.max(0, Math.floor(y - R)); py < Math.min(H, Math.ceil(y + R)); py++)
    for (let px = Math.max(0, Math.floor(x - R)); px < Math.min(W, Math.ceil(x + R)); px++) {
      const u = ((px - x) * ca + (py - y) * sa) / rx;
      const v = (-(px - x) * sa + (py - y) * ca) / ry;
      const d = u * u + v * v;
      if (d > 1) continue;
      const shade = 0.75 + 0.25 * (1 - d) - 0.1 * v;
      const edge = Math.min(1, (1 - d) * 8);
      const i = (py * W + px) * 3;
      for (let c = 0; c < 3; c++) img[i + c] = Math.round(clamp(skin[c]! * shade) * edge + img[i + c]! * (1 - edge));
    }
}

/** Sensor noise of strength sigma (grey levels), stronger in the dark (shot noise). */
function noise(img: Buffer, rng: Rng, sigma: number): void {
  for (let i = 0; i < img.length; i++) img[i] = clamp(img[i]! + gauss(rng) * sigma * (1.3 - img[i]! / 400));
}

/** Photograph a card PNG in a hand-held or kiosk scene; returns a JPEG. */
export async function handScene(cardPng: Buffer, variant: HandVariant, rng: Rng): Promise<Buffer> {
  const W = 1280;
  const H = variant === 'kiosk' ? 960 : 720;
  const meta = await sharp(cardPng).metadata();
  const ar = (meta.height ?? 630) / (meta.width ?? 1000);
  const frac = variant === 'kiosk' ? 0.4 + rng() * 0.15 : variant === 'hand' ? 0.55 + rng() * 0.1 : 0.62 + rng() * 0.12;
  const cw = Math.round(W * frac);
  const ch = Math.round(cw * ar);
  const card = await sharp(cardPng).resize(cw, ch).ensureAlpha().raw().toBuffer();
  const cx = W / 2 + (rng() - 0.5) * (W - cw) * 0.4;
  const cy = H / 2 + (rng() - 0.5) * (H - ch) * 0.4;
  let quad: Point[];
  let bg: Buffer;
  if (variant === 'hand') {
    quad = quadAt(rng, cx, cy, cw, ar, (rng() < 0.5 ? -1 : 1) * (4 + rng() * 6), 0.03);
    bg = background(rng, W, H, [150 + rng() * 40, 140 + rng() * 40, 125 + rng() * 40], [70, 60, 55]);
  } else if (variant === 'kiosk') {
    // From above: the far (top) edge narrower than the near one.
    const q = quadAt(rng, cx, cy, cw, ar, (rng() - 0.5) * 6, 0.01);
    const k = cw * (0.03 + rng() * 0.04);
    q[0] = [q[0]![0] + k, q[0]![1]];
    q[1] = [q[1]![0] - k, q[1]![1]];
    quad = q;
    bg = background(rng, W, H, [95, 98, 104], [120, 122, 128]);
  } else {
    quad = quadAt(rng, cx, cy, cw, ar, (rng() - 0.5) * 5, 0.015);
    bg = background(rng, W, H, [120 + rng() * 30, 90 + rng() * 20, 60], [80, 60, 45]);
  }
  const img = place(card, cw, ch, quad, bg, W, H);
  const [qx0, qy0] = quad[0]!;
  const [qx2, qy2] = quad[2]!;
  if (variant === 'hand') {
    // The thumb over the left or the bottom edge, off the text's middle.
    const skin = [200 + rng() * 30, 150 + rng() * 25, 125 + rng() * 20];
    const left = rng() < 0.5;
    const tx = left ? qx0 + cw * 0.02 : qx0 + cw * (0.55 + rng() * 0.3);
    const ty = left ? qy0 + ch * (0.65 + rng() * 0.25) : qy2 - ch * 0.02;
    thumb(img, W, H, tx, ty, cw * 0.15, cw * 0.09, left ? 0.3 : 1.4, skin);
  }
  if (variant === 'sleeve') {
    // Haze over the card (the plastic), its edge, and a glare patch.
    const gx = qx0 + (qx2 - qx0) * (0.4 + rng() * 0.35);
    const gy = qy0 + (qy2 - qy0) * (0.35 + rng() * 0.35);
    const rx = cw * (0.15 + rng() * 0.1);
    const ry = ch * (0.08 + rng() * 0.07);
    const peak = 0.6 + rng() * 0.3;
    const edgeY = qy0 + ch * (0.05 + rng() * 0.1);
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        const i = (y * W + x) * 3;
        const g = peak * Math.exp(-(((x - gx) / rx) ** 2 + ((y - gy) / ry) ** 2));
        const haze = 0.12;
        for (let c = 0; c < 3; c++) img[i + c] = clamp(img[i + c]! * (1 - haze) + (c === 2 ? 235 : 220) * haze);
        for (let c = 0; c < 3; c++) img[i + c] = clamp(img[i + c]! * (1 - g) + 255 * g);
        if (Math.abs(y - edgeY) < 1.5 && x > qx0 - cw * 0.05 && x < qx2 + cw * 0.05) for (let c = 0; c < 3; c++) img[i + c] = clamp(img[i + c]! + 40);
      }
  }
  if (variant === 'kiosk') {
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        const d = ((x - W / 2) / W) ** 2 + ((y - H / 2) / H) ** 2;
        const f = 1 - 0.9 * d;
        const i = (y * W + x) * 3;
        for (let c = 0; c < 3; c++) img[i + c] = clamp(img[i + c]! * f);
      }
  }
  if (variant === 'dim') {
    const exp = 0.25 + rng() * 0.15;
    for (let i = 0; i < img.length; i += 3) {
      img[i] = clamp(img[i]! * exp * 1.1);
      img[i + 1] = clamp(img[i + 1]! * exp);
      img[i + 2] = clamp(img[i + 2]! * exp * 0.8);
    }
  }
  noise(img, rng, variant === 'dim' ? 9 : 3);
  let s = sharp(img, { raw: { width: W, height: H, channels: 3 } });
  if (variant === 'hand') s = s.convolve({ width: 5, height: 3, kernel: [0, 0, 0, 0, 0, 0.15, 0.2, 0.3, 0.2, 0.15, 0, 0, 0, 0, 0] });
  else s = s.blur(0.6);
  if (variant === 'kiosk') s = s.resize(960);
  return s.jpeg({ quality: variant === 'dim' ? 60 : variant === 'sleeve' ? 75 : 70 }).toBuffer();
}
