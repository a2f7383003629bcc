/**
 * Generator 6's scenes: how a card face reaches the reader at a ward kiosk. Each takes the flat card(s) and
 * returns an encoded image. Ten of them, chosen to be realistic and different from plain "photo on a desk":
 *   doccam     the kiosk's own overhead document camera (1920×1080): denoise smear, sharpening halos, the card's
 *              far edge out of focus, vignetting, on half of them the kiosk LED's specular spot on the laminate;
 *   hdr        a phone photo with HDR tone-mapping (local contrast with halos, boosted saturation), strong JPEG;
 *   motion     a shaking hand: linear motion blur of a few pixels at any angle;
 *   worn       a card after years in a wallet: faded ink, scratches across the text, dirty rounded corners, a
 *              bent card's curved reflection;
 *   sleeve     the card in a transparent plastic sleeve: haze, the sleeve's edge, a window's reflection;
 *   lowlight   a dim room: underexposed, gained up with colour noise, warm cast;
 *   steep      a photo at a steep angle (30–40° of tilt);
 *   tablecloth the card on a patterned tablecloth (gingham or flowers), turned up to 25°;
 *   outframe   the card filling the frame with 1–2 mm of one edge cut off (no text lost);
 *   photocopy  (both faces) a photocopied A4 page with the front and the back side by side or stacked.
 */
import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import { between, intIn, pick, type Rand } from './people.ts';
import { blank, blendByMask, fromSharp, gauss, resize, tiltedQuad, toSharp, warpInto, type Img, type Pt } from './raster.ts';

export const SCENES = ['doccam', 'hdr', 'motion', 'worn', 'sleeve', 'lowlight', 'steep', 'tablecloth', 'outframe'] as const;
export type Scene = (typeof SCENES)[number] | 'photocopy';

export interface Shot {
  bytes: Buffer;
  ext: 'jpg' | 'png';
}

const imgOf = (cv: Canvas): Img => {
  const id = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height);
  return { data: id.data, w: cv.width, h: cv.height };
};
const canvasImg = (w: number, h: number, paint: (c: SKRSContext2D) => void): Img => {
  const cv = createCanvas(w, h);
  paint(cv.getContext('2d'));
  return imgOf(cv);
};
const jpeg = async (img: Img, q: number): Promise<Shot> => ({ bytes: await toSharp(img).removeAlpha().jpeg({ quality: q, chromaSubsampling: '4:2:0' }).toBuffer(), ext: 'jpg' });

/** Places a card so its corners land on quad, after bringing it near that size; draws a soft shadow first. */
async function place(dst: Img, card: Img, quad: Pt[], shadow = 0.35): Promise<void> {
  const width = Math.max(Math.hypot(quad[1]![0] - quad[0]![0], quad[1]![1] - quad[0]![1]), Math.hypot(quad[2]![0] - quad[3]![0], quad[2]![1] - quad[3]![1]));
  if (shadow > 0) {
    const sh = canvasImg(dst.w, dst.h, (c) => {
      // only the shadow lands on the canvas: the shape itself is drawn far off to the left
      const off = dst.w * 3;
      c.shadowColor = `rgba(0,0,0,${shadow})`;
      c.shadowBlur = width * 0.02;
      c.shadowOffsetX = off + width * 0.008;
      c.shadowOffsetY = width * 0.012;
      c.beginPath();
      quad.forEach((p, i) => (i ? c.lineTo(p[0] - off, p[1]) : c.moveTo(p[0] - off, p[1])));
      c.closePath();
      c.fillStyle = 'rgba(0,0,0,1)';
      c.fill();
    });
    for (let i = 0; i < dst.w * dst.h; i++) {
      const a = sh.data[i * 4 + 3]! / 255;
      if (a > 0) for (let k = 0; k < 3; k++) dst.data[i * 4 + k] = dst.data[i * 4 + k]! * (1 - a * 0.9);
    }
  }
  const scaled = card.w > width * 1.15 ? await resize(card, width * 1.1) : card;
  warpInto(dst, scaled, quad);
}

function noiseTexture(img: Img, r: Rand, amount: number): void {
  for (let i = 0; i < img.w * img.h; i++) {
    const n = gauss(r) * amount;
    for (let k = 0; k < 3; k++) img.data[i * 4 + k] = img.data[i * 4 + k]! + n;
  }
}

function woodDesk(w: number, h: number, r: Rand): Img {
  const base = pick(r, [[158, 112, 72], [196, 160, 118], [225, 225, 220], [120, 84, 60]] as Array<[number, number, number]>);
  const ph = between(r, 0, 6);
  const img = blank(w, h, base);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const grain = Math.sin(y / 2.3 + Math.sin(x / 210 + ph) * 4 + Math.sin(x / 37) * 0.6) * 4 + Math.sin(y / 41 + x / 700 + ph) * 7;
      const o = (y * w + x) * 4;
      for (let k = 0; k < 3; k++) img.data[o + k] = img.data[o + k]! + grain;
    }
  return img;
}

function tablecloth(w: number, h: number, r: Rand): Img {
  const gingham = r() < 0.5;
  return canvasImg(w, h, (c) => {
    c.fillStyle = gingham ? '#f6f2ea' : '#f1e6cf';
    c.fillRect(0, 0, w, h);
    c.save();
    c.translate(w / 2, h / 2);
    c.rotate(between(r, -0.5, 0.5));
    if (gingham) {
      const col = pick(r, ['rgba(200,30,40,0.5)', 'rgba(30,80,170,0.5)', 'rgba(30,130,70,0.5)']);
      const s = between(r, 28, 60);
      c.fillStyle = col;
      for (let k = -w * 2; k < w * 2; k += s * 2) {
        c.fillRect(k, -w * 2, s, w * 4);
        c.fillRect(-w * 2, k, w * 4, s);
      }
    } else {
      for (let i = 0; i < 420; i++) {
        const x = between(r, -w, w), y = between(r, -h, h), rad = between(r, 10, 34);
        c.fillStyle = pick(r, ['#c0392b', '#2e86c1', '#d68910', '#7d3c98']);
        for (let p = 0; p < 5; p++) {
          c.beginPath();
          c.ellipse(x + Math.cos((p * 2 * Math.PI) / 5) * rad, y + Math.sin((p * 2 * Math.PI) / 5) * rad, rad * 0.7, rad * 0.4, (p * 2 * Math.PI) / 5, 0, Math.PI * 2);
          c.fill();
        }
        c.fillStyle = '#27ae60';
        c.fillRect(x + rad, y, rad * 1.2, rad * 0.25);
      }
    }
    c.restore();
  });
}

/** A smooth HDR-like tone map: local contrast against a wide blur (halos), saturation up. */
async function hdrToneMap(img: Img, strength: number): Promise<Img> {
  const wide = await fromSharp(toSharp(img).blur(Math.max(img.w, img.h) / 60));
  const out = blank(img.w, img.h, [0, 0, 0]);
  for (let i = 0; i < img.w * img.h; i++) {
    const o = i * 4;
    const l = (img.data[o]! + img.data[o + 1]! + img.data[o + 2]!) / 3;
    const lw = (wide.data[o]! + wide.data[o + 1]! + wide.data[o + 2]!) / 3;
    // compress the wide (global) part, boost the local part
    const target = 128 + (lw - 128) * 0.55 + (l - lw) * (1 + strength);
    const k = l > 1 ? target / l : 1;
    for (let c = 0; c < 3; c++) {
      const v = img.data[o + c]! * k;
      out.data[o + c] = target + (v - target) * 1.35;
    }
  }
  return out;
}

export async function shoot(scene: Scene, cards: Canvas[], r: Rand): Promise<Shot> {
  const front = imgOf(cards[0]!);
  const aspect = front.h / front.w;
  switch (scene) {
    case 'doccam': {
      const W = 1920, H = 1080;
      const bg = blank(W, H, [58, 61, 66]);
      noiseTexture(bg, r, 5);
      const cw = between(r, 720, 980);
      const q = tiltedQuad(W / 2 + between(r, -220, 220), H / 2 + between(r, -120, 120), cw, cw * aspect, between(r, -0.09, 0.09), between(r, -0.08, 0.08), between(r, -0.05, 0.05), 2400);
      await place(bg, front, q, 0.5);
      // the far (top) edge out of focus: blend with a blurred copy by height
      const soft = await fromSharp(toSharp(bg).blur(between(r, 1.6, 2.6)));
      const top = Math.min(...q.map((p) => p[1])), bot = Math.max(...q.map((p) => p[1]));
      blendByMask(bg, soft, (_x, y) => Math.max(0, Math.min(1, (bot - y) / (bot - top) - 0.35)) * 0.9);
      // on half of them the kiosk's LED lights the laminate: a soft specular spot somewhere on the card
      if (r() < 0.5) {
        const t = between(r, 0.15, 0.85), u = between(r, 0.15, 0.85);
        const sx = q[0]![0] + (q[1]![0] - q[0]![0]) * t + (q[3]![0] - q[0]![0]) * u;
        const sy = q[0]![1] + (q[1]![1] - q[0]![1]) * t + (q[3]![1] - q[0]![1]) * u;
        const rad = cw * between(r, 0.05, 0.09), k = between(r, 0.5, 0.8);
        for (let y = Math.max(0, Math.floor(sy - rad * 2)); y < Math.min(H, sy + rad * 2); y++)
          for (let x = Math.max(0, Math.floor(sx - rad * 3)); x < Math.min(W, sx + rad * 3); x++) {
            if (!inside(q, x, y)) continue; // the matte tray does not shine
            const d2 = ((x - sx) / 1.5) ** 2 + (y - sy) ** 2;
            const a = k * Math.exp(-d2 / (2 * rad * rad));
            const o = (y * W + x) * 4;
            for (let c = 0; c < 3; c++) bg.data[o + c] = bg.data[o + c]! * (1 - a) + 255 * a;
          }
      }
      // the webcam's denoise smear (median) then its sharpening halos
      let img = await fromSharp(toSharp(bg).median(3).sharpen({ sigma: 1.6, m1: 0.5, m2: 4 }));
      img = vignette(img, 0.35);
      return jpeg(img, intIn(r, 72, 86));
    }
    case 'hdr': {
      const W = 2016, H = 1512;
      const bg = woodDesk(W, H, r);
      const cw = between(r, 1100, 1500);
      const q = tiltedQuad(W / 2 + between(r, -120, 120), H / 2 + between(r, -80, 80), cw, cw * aspect, between(r, -0.2, 0.2), between(r, -0.15, 0.15), between(r, -0.12, 0.12), 2600);
      await place(bg, front, q);
      const lit = lightGradient(bg, r, 0.3);
      return jpeg(await hdrToneMap(lit, between(r, 0.6, 1.1)), intIn(r, 34, 48));
    }
    case 'motion': {
      const W = 1600, H = 1200;
      const bg = canvasImg(W, H, (c) => {
        const g = c.createLinearGradient(0, 0, W, H);
        g.addColorStop(0, '#b9b2a4');
        g.addColorStop(1, '#6f6a62');
        c.fillStyle = g;
        c.fillRect(0, 0, W, H);
      });
      const cw = between(r, 1050, 1300);
      const q = tiltedQuad(W / 2, H / 2, cw, cw * aspect, between(r, -0.12, 0.12), between(r, -0.1, 0.1), between(r, -0.1, 0.1), 2200);
      await place(bg, front, q, 0.25);
      const len = intIn(r, 4, 9);
      const ang = between(r, 0, Math.PI);
      const blurred = await fromSharp(toSharp(bg).removeAlpha().convolve(lineKernel(len, ang)));
      return jpeg(blurred, intIn(r, 70, 85));
    }
    case 'worn': {
      const W = 1600, H = 1200;
      const bg = woodDesk(W, H, r);
      const worn = wear(cards[0]!, r);
      const cw = between(r, 1000, 1250);
      const q = tiltedQuad(W / 2 + between(r, -80, 80), H / 2 + between(r, -60, 60), cw, cw * aspect, between(r, -0.15, 0.15), between(r, -0.1, 0.1), between(r, -0.1, 0.1), 2400);
      await place(bg, worn, q);
      return jpeg(lightGradient(bg, r, 0.2), intIn(r, 78, 88));
    }
    case 'sleeve': {
      const W = 1600, H = 1200;
      const bg = woodDesk(W, H, r);
      const cw = between(r, 1000, 1200);
      const cx = W / 2 + between(r, -60, 60), cy = H / 2 + between(r, -50, 50), roll = between(r, -0.1, 0.1), pitch = between(r, -0.08, 0.08);
      // the sleeve: a slightly larger, hazy, glossy rectangle under and over the card
      const sleeveQ = tiltedQuad(cx + cw * 0.02, cy + cw * 0.03, cw * 1.08, cw * aspect * 1.12, roll, pitch, 0, 2400);
      await place(bg, imgOf(solidCard(64, 40, 'rgba(235,240,245,0.35)')), sleeveQ, 0.15);
      await place(bg, front, tiltedQuad(cx, cy, cw, cw * aspect, roll, pitch, 0, 2400), 0.1);
      const haze = between(r, 0.1, 0.2);
      // the window's reflection lies over part of the card (a corner or a side, not the whole of it)
      const ww = between(r, 0.22, 0.38) * W, wh = between(r, 0.25, 0.4) * H;
      const win = { x: cx + between(r, -0.55, 0.2) * cw, y: cy + between(r, -0.5, 0.1) * cw * aspect, w: ww, h: wh, k: between(r, 0.3, 0.55) };
      for (let y = 0; y < H; y++)
        for (let x = 0; x < W; x++) {
          const o = (y * W + x) * 4;
          const u = (x - win.x) / win.w, v = (y - win.y) / win.h;
          let refl = 0;
          if (u > 0 && u < 1 && v > 0 && v < 1) {
            const bar = Math.abs(u - 0.5) < 0.025 || Math.abs(v - 0.45) < 0.03 ? 0.25 : 1;
            refl = win.k * bar * Math.min(1, Math.min(u, 1 - u, v, 1 - v) * 10) * (0.7 + 0.3 * (1 - v));
          }
          for (let k = 0; k < 3; k++) data(bg)[o + k] = data(bg)[o + k]! * (1 - haze - refl * 0.8) + 235 * haze + 250 * refl * 0.8;
        }
      return jpeg(bg, intIn(r, 76, 88));
    }
    case 'lowlight': {
      const W = 1600, H = 1200;
      const bg = woodDesk(W, H, r);
      const cw = between(r, 1000, 1250);
      const q = tiltedQuad(W / 2 + between(r, -80, 80), H / 2 + between(r, -60, 60), cw, cw * aspect, between(r, -0.12, 0.12), between(r, -0.1, 0.1), between(r, -0.1, 0.1), 2400);
      await place(bg, front, q);
      const exposure = between(r, 0.22, 0.34), gain = 0.9 / exposure;
      const cast = [between(r, 1.05, 1.15), 1, between(r, 0.72, 0.85)];
      for (let i = 0; i < W * H; i++) {
        const luma = gauss(r) * 3.2;
        for (let k = 0; k < 3; k++) bg.data[i * 4 + k] = (bg.data[i * 4 + k]! * exposure * cast[k]! + luma + gauss(r) * 2.4) * gain;
      }
      // some phones' noise reduction smooths it a little, others leave the grain
      return jpeg(r() < 0.5 ? await fromSharp(toSharp(bg).median(3)) : bg, intIn(r, 62, 78));
    }
    case 'steep': {
      const W = 1600, H = 1200;
      const bg = r() < 0.5 ? woodDesk(W, H, r) : tablecloth(W, H, r);
      const tilt = (between(r, 30, 40) * Math.PI) / 180 * (r() < 0.5 ? 1 : -1);
      const aboutX = r() < 0.6;
      const cw = between(r, 1050, 1300);
      const q = tiltedQuad(W / 2, H / 2, cw, cw * aspect, between(r, -0.08, 0.08), aboutX ? tilt : 0, aboutX ? 0 : tilt, 1500);
      await place(bg, front, q);
      return jpeg(lightGradient(bg, r, 0.25), intIn(r, 76, 88));
    }
    case 'tablecloth': {
      const W = 1600, H = 1200;
      const bg = tablecloth(W, H, r);
      const cw = between(r, 900, 1150);
      const q = tiltedQuad(W / 2 + between(r, -100, 100), H / 2 + between(r, -80, 80), cw, cw * aspect, between(r, -0.44, 0.44), between(r, -0.1, 0.1), between(r, -0.1, 0.1), 2400);
      await place(bg, front, q);
      return jpeg(lightGradient(bg, r, 0.2), intIn(r, 78, 90));
    }
    case 'outframe': {
      const W = 1400, H = 1000;
      const bg = woodDesk(W, H, r);
      const cw = between(r, 1220, 1320);
      const mm = cw / 85.6;
      const cut = between(r, 1, 2) * mm;
      const side = r() < 0.5 ? 'left' : 'top';
      const ch = cw * aspect;
      const cx = side === 'left' ? cw / 2 - cut : W / 2 + between(r, -30, 30);
      const cy = side === 'top' ? ch / 2 - cut : H / 2 + between(r, -30, 30);
      const q = tiltedQuad(cx, cy, cw, ch, between(r, -0.012, 0.012), 0, 0, 3000);
      await place(bg, front, q);
      return jpeg(lightGradient(bg, r, 0.15), intIn(r, 80, 90));
    }
    case 'photocopy':
      return photocopy(cards, r);
  }
}

const data = (img: Img) => img.data;

/** Whether (x, y) is inside a convex quad (corners in order). */
function inside(q: Pt[], x: number, y: number): boolean {
  let sign = 0;
  for (let i = 0; i < 4; i++) {
    const [ax, ay] = q[i]!, [bx, by] = q[(i + 1) % 4]!;
    const c = Math.sign((bx - ax) * (y - ay) - (by - ay) * (x - ax));
    if (c !== 0 && sign !== 0 && c !== sign) return false;
    if (c !== 0) sign = c;
  }
  return true;
}

function solidCard(w: number, h: number, fill: string): Canvas {
  const cv = createCanvas(w, h);
  const c = cv.getContext('2d');
  c.fillStyle = fill;
  c.fillRect(0, 0, w, h);
  return cv;
}

function lineKernel(len: number, ang: number): { width: number; height: number; kernel: number[] } {
  const n = len % 2 ? len : len + 1;
  const k = new Array<number>(n * n).fill(0);
  const c = (n - 1) / 2;
  for (let t = -c; t <= c; t += 0.25) {
    const x = Math.round(c + t * Math.cos(ang)), y = Math.round(c + t * Math.sin(ang));
    k[y * n + x] = 1;
  }
  const s = k.reduce((a, b) => a + b, 0);
  return { width: n, height: n, kernel: k.map((v) => v / s) };
}

function vignette(img: Img, k: number): Img {
  const cx = img.w / 2, cy = img.h / 2, rmax = Math.hypot(cx, cy);
  for (let y = 0; y < img.h; y++)
    for (let x = 0; x < img.w; x++) {
      const f = 1 - k * (Math.hypot(x - cx, y - cy) / rmax) ** 2;
      const o = (y * img.w + x) * 4;
      for (let c = 0; c < 3; c++) img.data[o + c] = img.data[o + c]! * f;
    }
  return img;
}

/** A broad light falloff across the photo (a lamp or a window to one side). */
function lightGradient(img: Img, r: Rand, k: number): Img {
  const ang = between(r, 0, Math.PI * 2), dx = Math.cos(ang), dy = Math.sin(ang);
  for (let y = 0; y < img.h; y++)
    for (let x = 0; x < img.w; x++) {
      const t = ((x / img.w - 0.5) * dx + (y / img.h - 0.5) * dy) * 2;
      const f = 1 + k * 0.5 * t;
      const o = (y * img.w + x) * 4;
      for (let c = 0; c < 3; c++) img.data[o + c] = img.data[o + c]! * f;
    }
  return img;
}

/** Years in a wallet: ink faded toward a yellowed base, scratches, dirty corners, a curved reflection of a bend. */
function wear(card: Canvas, r: Rand): Img {
  const w = card.width, h = card.height;
  const cv = createCanvas(w, h);
  const c = cv.getContext('2d');
  c.drawImage(card, 0, 0);
  c.fillStyle = `rgba(236,222,190,${between(r, 0.22, 0.38).toFixed(2)})`;
  c.fillRect(0, 0, w, h);
  for (let i = 0; i < intIn(r, 14, 26); i++) {
    c.strokeStyle = `rgba(255,255,255,${between(r, 0.35, 0.8).toFixed(2)})`;
    c.lineWidth = between(r, 0.8, 2.2);
    c.beginPath();
    const x = between(r, 0, w), y = between(r, 0, h), a = between(r, -0.6, 0.6), l = between(r, 0.15, 0.6) * w;
    c.moveTo(x, y);
    c.quadraticCurveTo(x + Math.cos(a) * l * 0.5, y + Math.sin(a) * l * 0.5 + between(r, -8, 8), x + Math.cos(a) * l, y + Math.sin(a) * l);
    c.stroke();
  }
  for (const [x, y] of [[0, 0], [w, 0], [w, h], [0, h]] as const) {
    const g = c.createRadialGradient(x, y, 0, x, y, w * 0.1);
    g.addColorStop(0, 'rgba(70,55,35,0.55)');
    g.addColorStop(1, 'rgba(70,55,35,0)');
    c.fillStyle = g;
    c.fillRect(0, 0, w, h);
  }
  // the bend's reflection: a soft bright band along a curve
  const y0 = between(r, 0.25, 0.75) * h, amp = between(r, 0.05, 0.15) * h, bw = between(r, 0.03, 0.07) * h;
  c.save();
  c.filter = `blur(${(bw / 2).toFixed(1)}px)`;
  c.strokeStyle = `rgba(255,255,250,${between(r, 0.45, 0.7).toFixed(2)})`;
  c.lineWidth = bw;
  c.beginPath();
  c.moveTo(-20, y0);
  c.bezierCurveTo(w * 0.3, y0 - amp, w * 0.7, y0 + amp, w + 20, y0 - amp * 0.5);
  c.stroke();
  c.restore();
  return imgOf(cv);
}

/** Both faces photocopied on one A4 page (scanned at 150 or 200 dpi), grey toner, speckles, slight skew. */
async function photocopy(cards: Canvas[], r: Rand): Promise<Shot> {
  const dpi = r() < 0.5 ? 150 : 200;
  const W = Math.round((210 / 25.4) * dpi), H = Math.round((297 / 25.4) * dpi);
  const page = blank(W, H, [246, 246, 244]);
  const mm = W / 210;
  const cw = 85.6 * mm, ch = 54 * mm;
  const side = r() < 0.5;
  const skew = between(r, -0.025, 0.025);
  const spots: Array<[number, number]> = side ? [[W / 2 - cw / 2 - 4 * mm, 25 * mm + ch / 2], [W / 2 + cw / 2 + 4 * mm, 25 * mm + ch / 2]] : [[W / 2, 30 * mm + ch / 2], [W / 2, 40 * mm + ch * 1.5]];
  for (let i = 0; i < cards.length; i++) {
    const q = tiltedQuad(spots[i]![0], spots[i]![1], cw, ch, skew + between(r, -0.01, 0.01), 0, 0, 5000);
    await place(page, imgOf(cards[i]!), q, 0);
    // the copier sees the card's edge as a thin grey line
    const edge = canvasImg(W, H, (c) => {
      c.strokeStyle = 'rgba(0,0,0,1)';
      c.lineWidth = 1.2;
      c.beginPath();
      q.forEach((p, k) => (k ? c.lineTo(p[0], p[1]) : c.moveTo(p[0], p[1])));
      c.closePath();
      c.stroke();
    });
    for (let k = 0; k < W * H; k++) {
      const a = (edge.data[k * 4 + 3]! / 255) * 0.45;
      if (a > 0) for (let ch3 = 0; ch3 < 3; ch3++) page.data[k * 4 + ch3] = page.data[k * 4 + ch3]! * (1 - a);
    }
  }
  // grey, contrast up (toner), speckles, a streak
  const gamma = between(r, 1.4, 1.9);
  const streak = between(r, 0, W);
  for (let i = 0; i < W * H; i++) {
    const o = i * 4;
    let l = (0.3 * page.data[o]! + 0.59 * page.data[o + 1]! + 0.11 * page.data[o + 2]!) / 255;
    l = Math.pow(l, gamma);
    l = l > 0.86 ? 1 : l;
    if (r() < 0.0015) l *= 0.2;
    if (Math.abs((i % W) - streak) < 1.5) l *= 0.85;
    const v = Math.max(0, Math.min(255, l * 246 + gauss(r) * 4));
    page.data[o] = page.data[o + 1] = page.data[o + 2] = v;
  }
  const blurred = await fromSharp(toSharp(page).blur(0.6));
  return r() < 0.5 ? jpeg(blurred, intIn(r, 80, 90)) : { bytes: await toSharp(blurred).removeAlpha().greyscale().png().toBuffer(), ext: 'png' };
}
