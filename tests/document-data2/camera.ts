/**
 * Generator B, the camera (reporting set). The paper is posed in 3-D (yaw, pitch, roll, distance,
 * a slight curl) and projected by a pinhole camera; it is drawn onto the desk as a mesh of small
 * triangles, each an affine canvas transform (not a per-pixel homography as generator A does).
 * Desks: granite, tiles, dark laminate with a glare, newspaper, a green cutting mat, a beige cloth.
 * Degradations: vignetting, a warm lamp colour cast, motion blur, a low-resolution sensor, under-
 * exposure, a glare spot on the paper, a thumb over an edge, JPEG.
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import sharp from 'sharp';
import type { Paper, Rand } from './paper.ts';

export type Desk = 'granite' | 'tiles' | 'laminate' | 'newspaper' | 'mat' | 'beige-cloth';
export const DESKS_B: readonly Desk[] = ['granite', 'tiles', 'laminate', 'newspaper', 'mat', 'beige-cloth'];
export type Trouble = 'plain' | 'tilted' | 'steep' | 'vignette-warm' | 'motion' | 'lowres' | 'dim' | 'glare' | 'thumb' | 'close' | 'mixed';
export const TROUBLES: readonly Trouble[] = ['plain', 'tilted', 'steep', 'vignette-warm', 'motion', 'lowres', 'dim', 'glare', 'thumb', 'close', 'mixed'];

const num = (r: Rand, a: number, b: number) => a + (b - a) * r();

export interface Shot {
  jpeg: Buffer;
  width: number;
  height: number;
  corners: [number, number][];
  desk: Desk;
  trouble: Trouble;
}

function desk(ctx: SKRSContext2D, kind: Desk, W: number, H: number, r: Rand): void {
  const fill = (c: string) => {
    ctx.fillStyle = c;
    ctx.fillRect(0, 0, W, H);
  };
  if (kind === 'granite') {
    fill('#4a4a4f');
    for (let k = 0; k < 9000; k++) {
      const g = Math.floor(num(r, 20, 200));
      ctx.fillStyle = `rgba(${g},${g},${g + 10},0.5)`;
      ctx.fillRect(num(r, 0, W), num(r, 0, H), num(r, 1, 5), num(r, 1, 5));
    }
  } else if (kind === 'tiles') {
    fill('#9c6b4e');
    ctx.strokeStyle = '#d9d2c5';
    ctx.lineWidth = 6;
    const t = Math.round(num(r, 160, 260));
    for (let x = 0; x < W; x += t) {
      ctx.beginPath();
      ctx.moveTo(x, 0);
      ctx.lineTo(x, H);
      ctx.stroke();
    }
    for (let y = 0; y < H; y += t) {
      ctx.beginPath();
      ctx.moveTo(0, y);
      ctx.lineTo(W, y);
      ctx.stroke();
    }
  } else if (kind === 'laminate') {
    fill('#23201d');
    const g = ctx.createRadialGradient(W * 0.7, H * 0.2, 10, W * 0.7, H * 0.2, W * 0.5);
    g.addColorStop(0, 'rgba(255,255,255,0.25)');
    g.addColorStop(1, 'rgba(255,255,255,0)');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, W, H);
  } else if (kind === 'newspaper') {
    fill('#d8d4c8');
    ctx.fillStyle = 'rgba(40,40,40,0.55)';
    for (let y = 20; y < H; y += 22) for (let x = 10; x < W; x += num(r, 30, 90)) ctx.fillRect(x, y, num(r, 15, 70), 9);
  } else if (kind === 'mat') {
    fill('#2f6b4a');
    ctx.strokeStyle = 'rgba(230,240,230,0.35)';
    ctx.lineWidth = 1.5;
    for (let x = 0; x < W; x += 40) {
      ctx.beginPath();
      ctx.moveTo(x, 0);
      ctx.lineTo(x, H);
      ctx.stroke();
    }
    for (let y = 0; y < H; y += 40) {
      ctx.beginPath();
      ctx.moveTo(0, y);
      ctx.lineTo(W, y);
      ctx.stroke();
    }
  } else {
    fill('#e9dfcc');
    ctx.strokeStyle = 'rgba(150,120,80,0.12)';
    for (let k = 0; k < 300; k++) {
      ctx.lineWidth = num(r, 0.5, 2);
      ctx.beginPath();
      const y = num(r, 0, H);
      ctx.moveTo(0, y);
      ctx.lineTo(W, y + num(r, -6, 6));
      ctx.stroke();
    }
  }
}

/** Pinhole projection of a point of the paper (u, v in paper px; z up from the desk) under a pose. */
function projector(W: number, H: number, paper: Paper, r: Rand, steep: boolean, close: boolean) {
  const f = Math.max(W, H) * num(r, 0.8, 1.2);
  const yaw = num(r, -1, 1) * (steep ? 0.5 : 0.15);
  const pitch = num(r, -1, 1) * (steep ? 0.6 : 0.18);
  const rollJ = num(r, -0.5, 0.5) * (steep ? 0.6 : 0.35);
  const [cy, sy, cp, sp, cr, sr] = [Math.cos(yaw), Math.sin(yaw), Math.cos(pitch), Math.sin(pitch), Math.cos(rollJ), Math.sin(rollJ)];
  // paper coordinates centred, in "mm" units scaled to paper px
  const cx0 = paper.width / 2;
  const cy0 = paper.height / 2;
  const rot = (x: number, y: number, z: number): [number, number, number] => {
    // roll (about z), pitch (about x), yaw (about y)
    const x1 = x * cr - y * sr;
    const y1 = x * sr + y * cr;
    const y2 = y1 * cp - z * sp;
    const z2 = y1 * sp + z * cp;
    const x3 = x1 * cy + z2 * sy;
    const z3 = -x1 * sy + z2 * cy;
    return [x3, y2, z3];
  };
  const curl = num(r, 0, 0.012) * paper.width;
  let dist = 1;
  let ox = 0;
  let oy = 0;
  const raw = (u: number, v: number): [number, number] => {
    const t = (u / paper.width - 0.5) * 2;
    const z = curl * (1 - t * t) * -1;
    const [X, Y, Z] = rot(u - cx0, v - cy0, z);
    const zc = dist - Z;
    return [W / 2 + ox + (f * X) / zc, H / 2 + oy + (f * Y) / zc];
  };
  // distance such that the paper fills the wanted share of the frame's height
  const share = close ? num(r, 0.9, 0.96) : num(r, 0.55, 0.85);
  const diagPaper = Math.hypot(paper.width, paper.height);
  dist = (f * diagPaper) / (share * Math.min(W, H) * Math.hypot(paper.width / paper.height, 1));
  for (let k = 0; k < 30; k++) {
    const pts = [raw(0, 0), raw(paper.width, 0), raw(paper.width, paper.height), raw(0, paper.height)];
    const hs = Math.max(...pts.map((p) => p[1])) - Math.min(...pts.map((p) => p[1]));
    const ws = Math.max(...pts.map((p) => p[0])) - Math.min(...pts.map((p) => p[0]));
    const over = Math.max(hs / (H * share), ws / (W * 0.96));
    dist *= over;
    if (Math.abs(over - 1) < 0.01) break;
  }
  // shift inside the frame with a random offset
  const pts = [raw(0, 0), raw(paper.width, 0), raw(paper.width, paper.height), raw(0, paper.height)];
  const minX = Math.min(...pts.map((p) => p[0]));
  const maxX = Math.max(...pts.map((p) => p[0]));
  const minY = Math.min(...pts.map((p) => p[1]));
  const maxY = Math.max(...pts.map((p) => p[1]));
  const m = 6;
  ox = num(r, m - minX, W - m - maxX);
  oy = num(r, m - minY, H - m - maxY);
  if (!(m - minX <= W - m - maxX)) ox = (W - maxX - minX) / 2;
  if (!(m - minY <= H - m - maxY)) oy = (H - maxY - minY) / 2;
  return raw;
}

export async function shoot(paper: Paper, r: Rand, trouble: Trouble, deskKind: Desk): Promise<Shot> {
  const sizes: [number, number][] = [
    [1920, 1080],
    [2592, 1944],
    [1600, 1200],
  ];
  const [W, H]: [number, number] = trouble === 'lowres' ? [1280, 720] : sizes[Math.floor(r() * 3)]!;
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext('2d');
  desk(ctx, deskKind, W, H, r);
  const mixed = trouble === 'mixed';
  const P = projector(W, H, paper, r, trouble === 'steep' || mixed, trouble === 'close');
  const corners = [P(0, 0), P(paper.width, 0), P(paper.width, paper.height), P(0, paper.height)];
  // contact shadow
  ctx.save();
  ctx.filter = 'blur(6px)';
  ctx.fillStyle = 'rgba(0,0,0,0.35)';
  ctx.beginPath();
  corners.forEach(([x, y], i) => (i ? ctx.lineTo(x + 3, y + 5) : ctx.moveTo(x + 3, y + 5)));
  ctx.closePath();
  ctx.fill();
  ctx.restore();
  // mesh of triangles, each an affine map of the paper image
  const nu = 14;
  const nv = 20;
  for (let j = 0; j < nv; j++)
    for (let i = 0; i < nu; i++) {
      const u0 = (i / nu) * paper.width;
      const u1 = ((i + 1) / nu) * paper.width;
      const v0 = (j / nv) * paper.height;
      const v1 = ((j + 1) / nv) * paper.height;
      for (const tri of [
        [
          [u0, v0],
          [u1, v0],
          [u1, v1],
        ],
        [
          [u0, v0],
          [u1, v1],
          [u0, v1],
        ],
      ] as [number, number][][]) {
        const d = tri.map(([u, v]) => P(u, v));
        // affine: paper (u, v) → frame, from the three vertices
        const [[a0, b0], [a1, b1], [a2, b2]] = tri as [[number, number], [number, number], [number, number]];
        const [[x0, y0], [x1, y1], [x2, y2]] = d as [[number, number], [number, number], [number, number]];
        const den = (a1 - a0) * (b2 - b0) - (a2 - a0) * (b1 - b0);
        const m11 = ((x1 - x0) * (b2 - b0) - (x2 - x0) * (b1 - b0)) / den;
        const m12 = ((x2 - x0) * (a1 - a0) - (x1 - x0) * (a2 - a0)) / den;
        const m21 = ((y1 - y0) * (b2 - b0) - (y2 - y0) * (b1 - b0)) / den;
        const m22 = ((y2 - y0) * (a1 - a0) - (y1 - y0) * (a2 - a0)) / den;
        const tx = x0 - m11 * a0 - m12 * b0;
        const ty = y0 - m21 * a0 - m22 * b0;
        ctx.save();
        // clip to the triangle grown by half a pixel (no seams)
        const gx = (x0 + x1 + x2) / 3;
        const gy = (y0 + y1 + y2) / 3;
        ctx.beginPath();
        d.forEach(([x, y], k) => {
          const L = Math.hypot(x - gx, y - gy) || 1;
          const px = x + ((x - gx) / L) * 0.6;
          const py = y + ((y - gy) / L) * 0.6;
          if (k) ctx.lineTo(px, py);
          else ctx.moveTo(px, py);
        });
        ctx.closePath();
        ctx.clip();
        ctx.setTransform(m11, m21, m12, m22, tx, ty);
        ctx.drawImage(paper.canvas, 0, 0);
        ctx.restore();
      }
    }
  if (trouble === 'thumb' || mixed) {
    // a thumb holding the paper over the middle of one side
    const k = Math.floor(r() * 4);
    const a = corners[k]!;
    const b = corners[(k + 1) % 4]!;
    const t = num(r, 0.3, 0.7);
    ctx.fillStyle = '#c98f72';
    ctx.beginPath();
    ctx.ellipse(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, W * 0.03, W * 0.045, Math.atan2(b[1] - a[1], b[0] - a[0]), 0, Math.PI * 2);
    ctx.fill();
  }
  if (trouble === 'glare' || mixed) {
    const c = corners[Math.floor(r() * 4)]!;
    const cx = W / 2 + (c[0] - W / 2) * 0.4;
    const cy = H / 2 + (c[1] - H / 2) * 0.4;
    const g = ctx.createRadialGradient(cx, cy, 5, cx, cy, W * 0.12);
    g.addColorStop(0, 'rgba(255,255,255,0.85)');
    g.addColorStop(1, 'rgba(255,255,255,0)');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, W, H);
  }
  let px = Buffer.from(ctx.getImageData(0, 0, W, H).data.buffer);
  const warm = trouble === 'vignette-warm' || mixed;
  const dim = trouble === 'dim' ? num(r, 0.4, 0.6) : mixed ? 0.75 : 1;
  const vig = warm ? num(r, 0.35, 0.55) : 0.12;
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const rr = ((x - W / 2) ** 2 + (y - H / 2) ** 2) / ((W / 2) ** 2 + (H / 2) ** 2);
      const f = dim * (1 - vig * rr);
      const o = (y * W + x) * 4;
      px[o] = Math.min(255, px[o]! * f * (warm ? 1.04 : 1));
      px[o + 1] = px[o + 1]! * f * (warm ? 0.95 : 1);
      px[o + 2] = px[o + 2]! * f * (warm ? 0.78 : 1);
    }
  let img = sharp(px, { raw: { width: W, height: H, channels: 4 } }).removeAlpha();
  if (trouble === 'motion' || mixed) {
    const len = 2 * Math.round(num(r, 2, 4)) + 1;
    const row = Array<number>(len).fill(1 / len);
    const zero = Array<number>(len).fill(0);
    img = img.convolve({ width: len, height: 3, kernel: [...zero, ...row, ...zero] });
  }
  if (trouble === 'lowres') {
    const small = await img.resize(Math.round(W * 0.6)).raw().toBuffer({ resolveWithObject: true });
    img = sharp(small.data, { raw: { width: small.info.width, height: small.info.height, channels: 3 } }).resize(W, H);
  }
  px = await img.raw().toBuffer();
  // sensor noise, stronger when dim
  const sigma = (trouble === 'dim' ? 7 : 2.5) + r() * 2;
  for (let i = 0; i < px.length; i += 1) {
    const n = (r() + r() + r() - 1.5) * 2 * sigma;
    px[i] = Math.max(0, Math.min(255, px[i]! + n));
  }
  const jpeg = await sharp(px, { raw: { width: W, height: H, channels: 3 } })
    .jpeg({ quality: Math.round(num(r, 50, 90)) })
    .toBuffer();
  return { jpeg, width: W, height: H, corners, desk: deskKind, trouble };
}
