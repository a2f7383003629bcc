/**
 * Generator A, the photo: a page (page-a.ts) lying on a desk, seen by a camera — placement,
 * rotation, perspective (a per-pixel inverse projective map built from the unit square, Heckbert's
 * closed form), a drop shadow, a lighting gradient, a soft cast shadow, blur, sensor noise and JPEG.
 * Returns the photo and the page's true corners. Used for tuning (and the fake camera video).
 */
import { createCanvas } from '@napi-rs/canvas';
import sharp from 'sharp';
import { between, choose, gauss, type Rng } from './rng.ts';
import type { RenderedPage } from './page-a.ts';

export type P2 = [number, number];
export type DeskKind = 'dark-wood' | 'grey' | 'light-wood' | 'white' | 'cloth';
export const DESKS: readonly DeskKind[] = ['dark-wood', 'grey', 'light-wood', 'white', 'cloth'];
export type VariantA = 'clean' | 'rotate' | 'perspective' | 'lighting' | 'shadow' | 'blur' | 'noise' | 'light-desk' | 'fill' | 'combo';
export const VARIANTS_A: readonly VariantA[] = ['clean', 'rotate', 'perspective', 'lighting', 'shadow', 'blur', 'noise', 'light-desk', 'fill', 'combo'];

export interface SceneA {
  width: number;
  height: number;
  desk: DeskKind;
  /** The page's corners in the frame: top-left, top-right, bottom-right, bottom-left of the page. */
  corners: [P2, P2, P2, P2];
  /** Lighting: brightness falls linearly to `lightMin` along `lightAngle`. */
  lightMin: number;
  lightAngle: number;
  /** A soft cast shadow over part of the frame (strength 0 = none). */
  shadow: number;
  blur: number;
  noise: number;
  jpegQuality: number;
}

export function planScene(rng: Rng, variant: VariantA, size: [number, number] = choose(rng, [[1920, 1080], [1600, 1200], [2048, 1536]] as [number, number][])): SceneA {
  const [W, H] = size;
  const has = (v: VariantA) => variant === v || variant === 'combo';
  const fill = variant === 'fill';
  const ph = H * (fill ? between(rng, 0.93, 0.97) : between(rng, 0.62, 0.86));
  const pw = ph / Math.SQRT2;
  const angle = (has('rotate') ? between(rng, -25, 25) : between(rng, -3, 3)) * (Math.PI / 180);
  const persp = has('perspective') ? between(rng, 0.06, 0.14) : 0.015;
  for (let attempt = 0; ; attempt++) {
    const cx = W / 2 + (fill ? 0 : gauss(rng) * W * 0.05);
    const cy = H / 2 + (fill ? 0 : gauss(rng) * H * 0.03);
    const local: P2[] = [
      [-pw / 2, -ph / 2],
      [pw / 2, -ph / 2],
      [pw / 2, ph / 2],
      [-pw / 2, ph / 2],
    ];
    // keystone: the far (top) edge shorter, plus independent jitter of each corner
    const key = has('perspective') ? between(rng, 0, 0.12) : 0;
    const corners = local.map(([x, y], i) => {
      const kx = i < 2 ? x * (1 - key) : x;
      const jx = kx + gauss(rng) * persp * pw * 0.5;
      const jy = y + gauss(rng) * persp * ph * 0.5;
      return [cx + jx * Math.cos(angle) - jy * Math.sin(angle), cy + jx * Math.sin(angle) + jy * Math.cos(angle)] as P2;
    }) as [P2, P2, P2, P2];
    const margin = fill ? 4 : 12;
    const inside = corners.every(([x, y]) => x > margin && y > margin && x < W - margin && y < H - margin);
    if (inside || attempt > 50) {
      const lighting = has('lighting') || has('shadow');
      return {
        width: W,
        height: H,
        desk: variant === 'light-desk' ? choose(rng, ['light-wood', 'white'] as const) : choose(rng, DESKS),
        corners,
        lightMin: lighting ? between(rng, 0.45, 0.75) : between(rng, 0.85, 1),
        lightAngle: between(rng, 0, Math.PI * 2),
        shadow: has('shadow') ? between(rng, 0.25, 0.5) : 0,
        blur: has('blur') ? between(rng, 1.2, 2.2) : between(rng, 0, 0.6),
        noise: has('noise') ? between(rng, 6, 12) : between(rng, 1, 3),
        jpegQuality: has('noise') ? Math.round(between(rng, 45, 65)) : Math.round(between(rng, 75, 92)),
      };
    }
  }
}

function drawDesk(kind: DeskKind, W: number, H: number, rng: Rng) {
  const c = createCanvas(W, H);
  const ctx = c.getContext('2d');
  const base: Record<DeskKind, string> = { 'dark-wood': '#5b3a22', grey: '#6e7073', 'light-wood': '#cdb48e', white: '#e4e2dc', cloth: '#2f5d7c' };
  ctx.fillStyle = base[kind];
  ctx.fillRect(0, 0, W, H);
  if (kind === 'dark-wood' || kind === 'light-wood') {
    ctx.strokeStyle = kind === 'dark-wood' ? 'rgba(30,15,5,0.35)' : 'rgba(120,85,45,0.25)';
    for (let k = 0; k < 90; k++) {
      ctx.lineWidth = between(rng, 1, 5);
      const y0 = between(rng, -50, H + 50);
      const ph = between(rng, 0, 6);
      ctx.beginPath();
      for (let x = 0; x <= W; x += 20) {
        const y = y0 + Math.sin(x / 230 + ph) * 14 + Math.sin(x / 57 + ph * 2) * 3;
        if (x === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
      ctx.stroke();
    }
  } else if (kind === 'cloth') {
    ctx.fillStyle = 'rgba(255,255,255,0.12)';
    for (let x = 0; x < W; x += 48) ctx.fillRect(x, 0, 20, H);
    for (let y = 0; y < H; y += 48) ctx.fillRect(0, y, W, 20);
  } else {
    for (let k = 0; k < 400; k++) {
      ctx.fillStyle = `rgba(0,0,0,${between(rng, 0.02, 0.06)})`;
      ctx.fillRect(between(rng, 0, W), between(rng, 0, H), between(rng, 2, 40), between(rng, 2, 40));
    }
  }
  return { c, ctx };
}

/** Projective map of the unit square onto a quad (Heckbert), as a 3×3 row-major matrix. */
function squareToQuad(q: readonly P2[]): number[] {
  const [[x0, y0], [x1, y1], [x2, y2], [x3, y3]] = q as [P2, P2, P2, P2];
  const sx = x0 - x1 + x2 - x3;
  const sy = y0 - y1 + y2 - y3;
  if (Math.abs(sx) < 1e-9 && Math.abs(sy) < 1e-9) return [x1 - x0, x2 - x1, x0, y1 - y0, y2 - y1, y0, 0, 0, 1];
  const dx1 = x1 - x2;
  const dx2 = x3 - x2;
  const dy1 = y1 - y2;
  const dy2 = y3 - y2;
  const den = dx1 * dy2 - dx2 * dy1;
  const g = (sx * dy2 - dx2 * sy) / den;
  const h = (dx1 * sy - sx * dy1) / den;
  return [x1 - x0 + g * x1, x3 - x0 + h * x3, x0, y1 - y0 + g * y1, y3 - y0 + h * y3, y0, g, h, 1];
}

function invert3(m: readonly number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [A / det, -(b * i - c * h) / det, (b * f - c * e) / det, B / det, (a * i - c * g) / det, -(a * f - c * d) / det, C / det, -(a * h - b * g) / det, (a * e - b * d) / det];
}

export interface Photo {
  jpeg: Buffer;
  /** The frame's RGBA pixels before blur, noise and JPEG (for the video writer). */
  rgba: Buffer;
  width: number;
  height: number;
  corners: [P2, P2, P2, P2];
}

export async function photograph(page: RenderedPage, s: SceneA, rng: Rng): Promise<Photo> {
  const { width: W, height: H, corners } = s;
  const { c, ctx } = drawDesk(s.desk, W, H, rng);
  // drop shadow of the page on the desk
  ctx.save();
  ctx.shadowColor = 'rgba(0,0,0,0.45)';
  ctx.shadowBlur = 18;
  ctx.shadowOffsetX = 6;
  ctx.shadowOffsetY = 8;
  ctx.fillStyle = '#888';
  ctx.beginPath();
  corners.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
  ctx.closePath();
  ctx.fill();
  ctx.restore();
  const frame = Buffer.from(ctx.getImageData(0, 0, W, H).data.buffer);
  // page pre-filtered to about its size in the frame, then mapped pixel by pixel
  const side = (a: P2, b: P2) => Math.hypot(a[0] - b[0], a[1] - b[1]);
  const tw = Math.max(8, Math.round(Math.max(side(corners[0], corners[1]), side(corners[3], corners[2])) * 1.4));
  const th = Math.max(8, Math.round(Math.max(side(corners[0], corners[3]), side(corners[1], corners[2])) * 1.4));
  const small = await sharp(page.png).resize(tw, th, { fit: 'fill' }).ensureAlpha().raw().toBuffer();
  const inv = invert3(squareToQuad(corners));
  const pxScale = Math.min(tw, th) / Math.min(side(corners[0], corners[3]), side(corners[0], corners[1]));
  let minX = W;
  let minY = H;
  let maxX = 0;
  let maxY = 0;
  for (const [x, y] of corners) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  for (let y = Math.max(0, Math.floor(minY) - 1); y <= Math.min(H - 1, Math.ceil(maxY) + 1); y++)
    for (let x = Math.max(0, Math.floor(minX) - 1); x <= Math.min(W - 1, Math.ceil(maxX) + 1); x++) {
      const X = x + 0.5;
      const Y = y + 0.5;
      const d = inv[6]! * X + inv[7]! * Y + inv[8]!;
      const u = ((inv[0]! * X + inv[1]! * Y + inv[2]!) / d) * tw;
      const v = ((inv[3]! * X + inv[4]! * Y + inv[5]!) / d) * th;
      const edge = Math.min(u, tw - u, v, th - v) / pxScale;
      if (edge <= -0.5) continue;
      const cov = Math.min(1, edge + 0.5);
      const su = Math.min(tw - 1.001, Math.max(0, u - 0.5));
      const sv = Math.min(th - 1.001, Math.max(0, v - 0.5));
      const u0 = su | 0;
      const v0 = sv | 0;
      const fu = su - u0;
      const fv = sv - v0;
      const o = (y * W + x) * 4;
      for (let ch = 0; ch < 3; ch++) {
        const i = (v0 * tw + u0) * 4 + ch;
        const top = small[i]! * (1 - fu) + small[i + 4]! * fu;
        const bot = small[i + tw * 4]! * (1 - fu) + small[i + tw * 4 + 4]! * fu;
        const val = top * (1 - fv) + bot * fv;
        frame[o + ch] = frame[o + ch]! * (1 - cov) + val * cov;
      }
    }
  // lighting gradient and a soft cast shadow (a straight edge across the frame)
  const lx = Math.cos(s.lightAngle);
  const ly = Math.sin(s.lightAngle);
  const span = Math.abs(lx) * W + Math.abs(ly) * H;
  const shAngle = between(rng, 0, Math.PI * 2);
  const sx = Math.cos(shAngle);
  const sy = Math.sin(shAngle);
  const shOff = between(rng, 0.2, 0.45) * Math.min(W, H);
  const soft = between(rng, 20, 80);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const t = ((x - W / 2) * lx + (y - H / 2) * ly) / span + 0.5;
      let f = 1 - (1 - s.lightMin) * t;
      if (s.shadow > 0) {
        const dsh = (x - W / 2) * sx + (y - H / 2) * sy - shOff;
        const a = Math.min(1, Math.max(0, dsh / soft + 0.5));
        f *= 1 - s.shadow * a;
      }
      const o = (y * W + x) * 4;
      frame[o] = frame[o]! * f;
      frame[o + 1] = frame[o + 1]! * f;
      frame[o + 2] = frame[o + 2]! * f;
    }
  let img = sharp(frame, { raw: { width: W, height: H, channels: 4 } });
  if (s.blur > 0.3) img = img.blur(s.blur);
  const blurred = await img.removeAlpha().raw().toBuffer();
  for (let i = 0; i < blurred.length; i++) {
    const v = blurred[i]! + gauss(rng) * s.noise * 0.7;
    blurred[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  const jpeg = await sharp(blurred, { raw: { width: W, height: H, channels: 3 } }).jpeg({ quality: s.jpegQuality }).toBuffer();
  void c;
  return { jpeg, rgba: frame, width: W, height: H, corners };
}
