/**
 * Generator 4's scenes: where the card is and how the photo of it was taken. Each scene builds its
 * own background, places the card through a projective warp (rotation, keystone, corner jitter),
 * adds what lies over the card (a thumb, glare, a sleeve, a grating) and the camera's faults (blur, noise,
 * low light, JPEG). None of them is a clean scan: these are the photos a kiosk and a phone take.
 */
import sharp from 'sharp';
import { CARD_H_MM, CARD_W_MM } from './faces.ts';
import { Img, warpOnto, type Rgb } from './raster.ts';
import type { Rand } from './rng.ts';

export const SCENES = ['hand', 'tablecloth', 'glare', 'kiosk', 'moire', 'lowlight', 'sleeve'] as const;
export type Scene = (typeof SCENES)[number];

type Pt = [number, number];

/** The card's four corners (TL, TR, BR, BL) in the photo. `keystone` narrows the top edge (a camera looking down at an angle). */
function cardQuad(r: Rand, cx: number, cy: number, w: number, angleDeg: number, keystone: number, jitter: number): Pt[] {
  const h = (w * CARD_H_MM) / CARD_W_MM;
  const local: Pt[] = [
    [(-w / 2) * (1 - keystone), -h / 2],
    [(w / 2) * (1 - keystone), -h / 2],
    [(w / 2) * (1 + keystone), h / 2],
    [(-w / 2) * (1 + keystone), h / 2],
  ];
  const a = (angleDeg * Math.PI) / 180;
  return local.map(([x, y]) => [cx + x * Math.cos(a) - y * Math.sin(a) + r.normal() * jitter, cy + x * Math.sin(a) + y * Math.cos(a) + r.normal() * jitter]);
}

function shadow(bg: Img, quad: Pt[], dx: number, dy: number, spread: number, strength: number): void {
  for (let i = 6; i >= 1; i--) {
    const g = (spread * i) / 6;
    const cx = quad.reduce((s, p) => s + p[0], 0) / 4;
    const cy = quad.reduce((s, p) => s + p[1], 0) / 4;
    const grown = quad.map(([x, y]): Pt => [x + dx + Math.sign(x - cx) * g, y + dy + Math.sign(y - cy) * g]);
    bg.polygon(grown, [0, 0, 0], strength / 6);
  }
}

function gradientFill(img: Img, a: Rgb, b: Rgb, vertical = true): void {
  img.shade((x, y) => {
    const t = vertical ? y / img.h : x / img.w;
    return [[a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t], 1];
  });
}

function addNoise(img: Img, r: Rand, sigma: number, chroma: number): void {
  const d = img.data;
  for (let i = 0; i < img.w * img.h; i++) {
    const l = r.normal() * sigma;
    for (let c = 0; c < 3; c++) d[i * 4 + c] = d[i * 4 + c]! + l + (chroma ? r.normal() * chroma : 0);
  }
}

/** Light falling off away from (cx, cy): at `radius` the picture is `depth` darker. */
function vignette(img: Img, cx: number, cy: number, radius: number, depth: number): void {
  for (let y = 0; y < img.h; y++)
    for (let x = 0; x < img.w; x++) {
      const f = 1 - depth * Math.min(1, Math.hypot(x - cx, y - cy) / radius);
      const i = (y * img.w + x) * 4;
      for (let c = 0; c < 3; c++) img.data[i + c]! *= f;
    }
}

function adjust(img: Img, gain: Rgb, offset = 0): void {
  const d = img.data;
  for (let i = 0; i < img.w * img.h; i++) for (let c = 0; c < 3; c++) d[i * 4 + c] = d[i * 4 + c]! * gain[c]! + offset;
}

/** A thumb (a capsule with shading) pressing on the card from outside, across one corner. */
function thumb(img: Img, quad: Pt[], corner: number, cardW: number, r: Rand): void {
  const [cx, cy] = quad[corner]!;
  const mx = quad.reduce((s, p) => s + p[0], 0) / 4;
  const my = quad.reduce((s, p) => s + p[1], 0) / 4;
  const len = Math.hypot(mx - cx, my - cy);
  const ux = (mx - cx) / len, uy = (my - cy) / len;
  const skin: Rgb = r.pick([[214, 168, 136], [188, 140, 108], [230, 190, 160]] as Rgb[]);
  const reach = cardW * r.range(0.1, 0.17);
  const width = cardW * r.range(0.075, 0.1);
  const start: Pt = [cx - ux * cardW * 0.25, cy - uy * cardW * 0.25];
  const tip: Pt = [cx + ux * reach, cy + uy * reach];
  const steps = 40;
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const x = start[0] + (tip[0] - start[0]) * t;
    const y = start[1] + (tip[1] - start[1]) * t;
    const shade = 0.82 + 0.18 * t;
    img.ellipse(x, y, width, width, [skin[0] * shade, skin[1] * shade, skin[2] * shade]);
  }
  img.ellipse(tip[0] - ux * width * 0.35, tip[1] - uy * width * 0.35, width * 0.55, width * 0.45, [238, 210, 196], 0.55); // the nail
}

/** A straight motion-blur kernel: a line of `length` pixels at `angle`, drawn into an odd square. */
function motionKernel(length: number, angle: number): { width: number; height: number; kernel: number[] } {
  const n = length % 2 ? length : length + 1;
  const k = new Array<number>(n * n).fill(0);
  const c = (n - 1) / 2;
  for (let i = 0; i < length * 4; i++) {
    const t = (i / (length * 4 - 1) - 0.5) * (length - 1);
    const x = Math.round(c + Math.cos(angle) * t);
    const y = Math.round(c + Math.sin(angle) * t);
    k[y * n + x] = 1;
  }
  return { width: n, height: n, kernel: k };
}

async function encode(img: Img, o: { blur?: number; quality: number; scale?: number; nearest?: boolean; motion?: { length: number; angle: number } }): Promise<Buffer> {
  const raw = { raw: { width: img.w, height: img.h, channels: 3 as const } };
  let s = sharp(img.toRgb(), raw);
  if (o.motion) s = sharp(await s.convolve(motionKernel(o.motion.length, o.motion.angle)).raw().toBuffer(), raw);
  if (o.blur && o.blur >= 0.3) s = sharp(await s.blur(o.blur).raw().toBuffer(), raw);
  if (o.scale && o.scale !== 1) s = s.resize({ width: Math.round(img.w * o.scale), kernel: o.nearest ? 'nearest' : 'lanczos3' });
  return s.jpeg({ quality: o.quality, chromaSubsampling: '4:2:0' }).toBuffer();
}

export async function renderScene(scene: Scene, card: Img, r: Rand): Promise<Buffer> {
  switch (scene) {
    case 'hand': {
      // held up in front of the camera: a soft room behind, fingers behind the far edge, a thumb on a corner
      const bg = new Img(1400, 1050);
      gradientFill(bg, r.pick([[196, 184, 168], [170, 176, 184], [210, 204, 190]] as Rgb[]), [120, 116, 110]);
      for (let i = 0; i < 3; i++) bg.ellipse(r.range(0, 1400), r.range(0, 1050), r.range(150, 400), r.range(150, 400), [r.range(90, 230), r.range(90, 230), r.range(90, 230)], 0.25);
      const w = 1400 * r.range(0.6, 0.74);
      const quad = cardQuad(r, 700 + r.range(-60, 60), 525 + r.range(-50, 50), w, r.range(-7, 7), r.range(0.01, 0.05), 4);
      const corner = r.pick([0, 1, 2, 3]);
      const opposite = (corner + 2) % 4;
      thumb(bg, quad, opposite, w * 0.8, r); // fingers behind the card, peeking out
      warpOnto(bg, card, quad);
      thumb(bg, quad, corner, w, r);
      // a hand moves: sometimes the shutter catches it (a short straight smear)
      const motion = r.chance(0.4) ? { length: r.int(4, 8), angle: r.range(0, Math.PI) } : undefined;
      return encode(bg, { blur: r.range(0.5, 1.1), quality: 82, motion });
    }
    case 'tablecloth': {
      // lying on a gingham tablecloth, turned, with a soft shadow; a phone photo at 2400×1800
      const bg = new Img(2400, 1800);
      const c: Rgb = r.pick([[200, 40, 48], [40, 80, 170], [40, 130, 70]] as Rgb[]);
      const stripe = r.range(50, 84);
      const ang = r.range(-0.3, 0.3);
      bg.shade((x, y) => {
        const u = x * Math.cos(ang) + y * Math.sin(ang);
        const v = -x * Math.sin(ang) + y * Math.cos(ang);
        const a = (Math.floor(u / stripe) % 2 === 0 ? 0.45 : 0) + (Math.floor(v / stripe) % 2 === 0 ? 0.45 : 0);
        const weave = 0.04 * Math.sin(u * 1.7) * Math.sin(v * 1.7);
        return [[250 - (250 - c[0]) * a + weave * 255, 248 - (248 - c[1]) * a, 244 - (244 - c[2]) * a], 1];
      });
      const w = 2400 * r.range(0.48, 0.64);
      const quad = cardQuad(r, 1200 + r.range(-180, 180), 900 + r.range(-130, 130), w, r.range(-14, 14), r.range(0.0, 0.04), 4);
      shadow(bg, quad, 15, 21, 18, 0.35);
      warpOnto(bg, card, quad);
      addNoise(bg, r, 2, 0);
      return encode(bg, { blur: 0.9, quality: 85 });
    }
    case 'glare': {
      // on a dark desk under a lamp: a bright reflection off the laminate across part of the card
      const bg = new Img(1500, 1000);
      gradientFill(bg, [52, 56, 62], [28, 30, 34], false);
      const w = 1500 * r.range(0.62, 0.76);
      const quad = cardQuad(r, 750, 500, w, r.range(-5, 5), r.range(0.0, 0.03), 2);
      shadow(bg, quad, 6, 8, 8, 0.5);
      warpOnto(bg, card, quad);
      // over the middle of the card, where the fields are, more often than not
      const gx = r.range(quad[0]![0] + w * 0.3, quad[1]![0] - w * 0.2);
      const gy = r.range(quad[0]![1] + w * 0.2, quad[3]![1] - w * 0.15);
      const ga = r.range(-0.6, 0.6);
      const rx = w * r.range(0.2, 0.32), ry = w * r.range(0.07, 0.12);
      const peak = r.range(0.6, 0.88);
      bg.shade((x, y) => {
        const u = (x - gx) * Math.cos(ga) + (y - gy) * Math.sin(ga);
        const v = -(x - gx) * Math.sin(ga) + (y - gy) * Math.cos(ga);
        const e = Math.exp(-((u / rx) ** 2 + (v / ry) ** 2));
        return e > 0.01 ? [[255, 252, 246], Math.min(0.95, peak * 1.25 * e)] : undefined;
      });
      // a faint window reflection: a bright band with soft edges
      const bx = r.range(0, 1500);
      bg.shade((x) => {
        const d = Math.abs(x - bx);
        return d < 140 ? [[255, 255, 255], 0.1 * (1 - d / 140)] : undefined;
      });
      return encode(bg, { quality: 88 });
    }
    case 'kiosk': {
      // the kiosk's document camera at 1280×720, looking down at an angle at a brushed-metal shelf
      const bg = new Img(1280, 720);
      const streak = Array.from({ length: 720 }, () => r.normal() * 5);
      bg.shade((x, y) => {
        const v = 150 + streak[Math.floor(y)]! - (y / 720) * 30 + Math.sin(x / 90) * 3;
        return [[v, v + 3, v + 8], 1];
      });
      const w = 1280 * r.range(0.38, 0.5);
      const quad = cardQuad(r, 640 + r.range(-150, 150), 360 + r.range(-60, 60), w, r.range(-4, 4), r.range(0.05, 0.1), 2);
      shadow(bg, quad, 3, 5, 5, 0.3);
      warpOnto(bg, card, quad);
      adjust(bg, [0.95, 1.0, 1.07]);
      addNoise(bg, r, 3.5, 1.5);
      return encode(bg, { blur: r.range(0.6, 1.0), quality: 70 });
    }
    case 'moire': {
      // the card filling the frame, photographed through a fine grating (a screen door, a laminate
      // pattern, a printed copy): the resampling beats it into moiré bands
      const pad = r.range(0.03, 0.08);
      const bg = new Img(1300, Math.round(1300 * (CARD_H_MM / CARD_W_MM + 2 * pad)));
      bg.fill([232, 230, 226]);
      const w = 1300 * (1 - 2 * pad);
      const quad = cardQuad(r, 650, bg.h / 2, w, r.range(-2, 2), 0, 1.5);
      warpOnto(bg, card, quad);
      const period = r.range(2.2, 3.1);
      const a = r.range(0.1, 0.6);
      const amp = r.range(0.1, 0.16);
      bg.shade((x, y) => {
        const g = Math.sin(((x * Math.cos(a) + y * Math.sin(a)) / period) * 2 * Math.PI);
        return g > 0 ? [[0, 0, 0], amp * g] : undefined;
      });
      return encode(bg, { quality: 80, scale: r.range(0.55, 0.7), nearest: true });
    }
    case 'lowlight': {
      // an evening photo: little light, the phone's gain lifts the picture and its noise, a warm cast
      const bg = new Img(1400, 1050);
      gradientFill(bg, [80, 60, 44], [50, 38, 30]);
      const w = 1400 * r.range(0.55, 0.68);
      const quad = cardQuad(r, 700 + r.range(-80, 80), 525 + r.range(-60, 60), w, r.range(-8, 8), r.range(0.0, 0.04), 3);
      shadow(bg, quad, 5, 7, 8, 0.4);
      warpOnto(bg, card, quad);
      const light = r.range(0.3, 0.42);
      const cx = r.range(300, 1100);
      vignette(bg, cx, 300, 1200, 0.35);
      adjust(bg, [light * 1.08, light, light * 0.82]);
      addNoise(bg, r, 3.2, 2.2);
      adjust(bg, [1 / (light * 1.15), 1 / (light * 1.15), 1 / (light * 1.15)], -8);
      return encode(bg, { blur: 0.5, quality: 65 });
    }
    case 'sleeve': {
      // in a clear plastic sleeve on a green cutting mat: the sleeve's haze, its edge, and streaks of reflected light
      const bg = new Img(1500, 1100);
      const grid = r.range(38, 48);
      bg.shade((x, y) => {
        const line = x % grid < 1.6 || y % grid < 1.6 ? 1 : 0;
        const fine = x % (grid / 5) < 1 || y % (grid / 5) < 1 ? 0.35 : 0;
        const v = Math.max(line, fine);
        return [[46 + 120 * v, 104 + 100 * v, 78 + 90 * v], 1];
      });
      const w = 1500 * r.range(0.56, 0.68);
      const ang = r.range(-6, 6);
      const cx = 750 + r.range(-60, 60);
      const cy = 550 + r.range(-50, 50);
      const quad = cardQuad(r, cx, cy, w, ang, r.range(0, 0.03), 2);
      shadow(bg, quad, 4, 6, 6, 0.35);
      warpOnto(bg, card, quad);
      // the sleeve: a little larger than the card, slightly off-centre
      const sleeve = cardQuad(r, cx + r.range(-10, 10), cy + r.range(4, 14), w * 1.08, ang + r.range(-1, 1), 0, 0);
      bg.polygon(sleeve, [236, 240, 244], r.range(0.1, 0.18));
      for (let i = 0; i < 4; i++) bg.stroke([sleeve[i]!, sleeve[(i + 1) % 4]!], 2.2, [250, 252, 255], 0.5);
      const streaks = r.int(1, 3);
      for (let i = 0; i < streaks; i++) {
        const sx = r.range(sleeve[0]![0], sleeve[1]![0]);
        const tilt = r.range(-0.7, 0.7);
        const width = r.range(10, 40);
        const strength = r.range(0.2, 0.4);
        bg.shade((x, y) => {
          const d = Math.abs(x - sx - (y - cy) * tilt);
          return d < width ? [[255, 255, 255], strength * (1 - d / width) ** 2] : undefined;
        });
      }
      return encode(bg, { blur: 0.7, quality: 84 });
    }
  }
}
