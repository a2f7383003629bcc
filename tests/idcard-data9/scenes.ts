/**
 * Generator 9's twelve scenes — none of them used by generators 1–8 — each a way a ward kiosk or a
 * resident's papers really show a card: on a printed form, a cheap webcam, a WebP from a chat app, a
 * greyscale scan with crushed blacks, an old faded and scratched card, through the glass of a document
 * tray, a scan with the lid open, beside a bank card, in a moving bus, at high ISO (JPEG 4:2:0), a
 * 16-bit Display P3 PNG, a torn photocopy with a staple and a fold. The card is always wholly in frame.
 */
import { encode, type Format } from './encode.ts';
import { CARD_H, CARD_W } from './faces.ts';
import type { Typeset } from './fonts.ts';
import type { Holder } from './people.ts';
import { bankCard, formPage } from './props.ts';
import { blank, boxBlur, cardQuad, dropShadow, lens, light, noise, patches, tone, warpCard, type Pt } from './pixels.ts';
import type { Rand } from './rand.ts';
import { draw, type Pic } from './raster.ts';
import type { PdfPage } from './pdf.ts';

export const SCENES = ['form-page', 'webcam', 'webp-chat', 'grey-scan', 'faded-scuffed', 'tray-glass', 'lid-open-scan', 'beside-bank-card', 'bus-ghost', 'high-iso', 'p3-png16', 'torn-photocopy'] as const;
export type Scene = (typeof SCENES)[number];

export interface SceneInput {
  face: PdfPage;
  holder: Holder;
  typeset: Typeset;
  r: Rand;
  /** MuPDF anti-aliasing bits for this card. */
  aa: { shapes: number; text: number };
}

/** Draw the face so it is about `px` pixels wide after the scene (rendered 1.25× larger, then warped down). */
async function card(s: SceneInput, px: number): Promise<Pic> {
  const dpi = Math.round(((px * 1.25) / CARD_W) * 25.4);
  return draw(s.face, Math.max(150, Math.min(900, dpi)), s.aa);
}
const radiusOf = (c: Pic) => (c.w / CARD_W) * 3.2;

function surface(r: Rand, w: number, h: number, base: readonly [number, number, number], vary: number, cell: number): Pic {
  const p = blank(w, h, base);
  const n = patches(r, w, h, cell);
  const n2 = patches(r, w, h, cell / 6);
  light(p, (x, y) => 1 + vary * (n(x, y) - 0.5) + vary * 0.4 * (n2(x, y) - 0.5), 3);
  return p;
}

/** A card at a random place and turn inside a w×h picture, never outside it. */
function placed(r: Rand, w: number, h: number, cardPx: number, maxDeg: number, tilt: number): Pt[] {
  const deg = r.range(-maxDeg, maxDeg);
  const diag = Math.hypot(cardPx, (cardPx * CARD_H) / CARD_W) / 2;
  const cx = r.range(diag + 8, Math.max(diag + 9, w - diag - 8));
  const cy = r.range(diag * 0.7 + 8, Math.max(diag * 0.7 + 9, h - diag * 0.7 - 8));
  const q = cardQuad(cx, cy, cardPx, deg, tilt, r.int(0, 3));
  // pull back inside if a corner still pokes out
  const minX = Math.min(...q.map((p) => p[0]));
  const maxX = Math.max(...q.map((p) => p[0]));
  const minY = Math.min(...q.map((p) => p[1]));
  const maxY = Math.max(...q.map((p) => p[1]));
  const sx = minX < 6 ? 6 - minX : maxX > w - 6 ? w - 6 - maxX : 0;
  const sy = minY < 6 ? 6 - minY : maxY > h - 6 ? h - 6 - maxY : 0;
  return q.map(([x, y]) => [x + sx, y + sy] as Pt);
}

function photo(bg: Pic, c: Pic, quad: Pt[], r: Rand, shadow = 0.35): Pic {
  dropShadow(bg, quad, [r.range(-6, 10), r.range(4, 14)], Math.max(3, Math.round(bg.w / 250)), shadow);
  warpCard(bg, c, quad, radiusOf(c));
  return bg;
}

const clamp255 = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v);

type Maker = (s: SceneInput) => Promise<{ pic: Pic; format: Format }>;

const MAKERS: Record<Scene, Maker> = {
  'form-page': async (s) => {
    const { r } = s;
    const w = 1800;
    const h = 1350;
    const cardPx = r.range(0.42, 0.55) * w;
    const pxPerMm = cardPx / CARD_W;
    const page = await draw(formPage(s.typeset, r, w / pxPerMm, h / pxPerMm), Math.round(pxPerMm * 25.4), { shapes: 8, text: 8 });
    const bg = fit(page, w, h);
    const c = await card(s, cardPx);
    photo(bg, c, placed(r, w, h, cardPx, 12, r.range(0, 0.06)), r, 0.25);
    light(bg, (x, y) => 0.86 + 0.2 * (1 - Math.hypot(x / w - 0.4, y / h - 0.3)), 4);
    noise(bg, r, 2.5, 1.5);
    return { pic: bg, format: { kind: 'jpeg', quality: r.int(80, 90), chroma: '4:2:0' } };
  },
  webcam: async (s) => {
    const { r } = s;
    const w = 1280;
    const h = 720;
    const cardPx = r.range(0.48, 0.62) * w;
    const bg = surface(r, w, h, [r.int(110, 150), r.int(104, 140), r.int(96, 130)], 0.2, 300);
    const c = await card(s, cardPx);
    photo(bg, c, placed(r, w, h, cardPx, 8, r.range(0.02, 0.08)), r);
    let out = lens(bg, r.range(0.05, 0.12), r.range(0.002, 0.005));
    // one soft corner: the cheap lens is out of focus toward it
    const soft = boxBlur(out, 3);
    const [ax, ay] = [r.chance(0.5) ? 0 : w, r.chance(0.5) ? 0 : h];
    const mix = (x: number, y: number) => Math.max(0, 1 - Math.hypot(x - ax, y - ay) / (0.7 * w));
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const m = mix(x, y);
        const i = (y * w + x) * 3;
        for (let k = 0; k < 3; k++) out.rgb[i + k] = out.rgb[i + k]! * (1 - m) + soft.rgb[i + k]! * m;
      }
    const v = r.range(0.35, 0.55);
    light(out, (x, y) => 1 - v * ((x - w / 2) ** 2 + (y - h / 2) ** 2) / ((w / 2) ** 2 + (h / 2) ** 2));
    noise(out, r, 4, 2.5);
    out = boxBlur(out, 1, 1);
    return { pic: out, format: { kind: 'jpeg', quality: r.int(62, 75), chroma: '4:2:0' } };
  },
  'webp-chat': async (s) => {
    const { r } = s;
    const w = 1280;
    const h = 960;
    const cardPx = r.range(0.5, 0.7) * w;
    const bg = surface(r, w, h, [r.int(200, 232), r.int(196, 226), r.int(186, 216)], 0.12, 200);
    const c = await card(s, cardPx);
    photo(bg, c, placed(r, w, h, cardPx, 10, r.range(0.03, 0.1)), r);
    noise(bg, r, 3, 1);
    return { pic: bg, format: { kind: 'webp', quality: r.int(38, 60) } };
  },
  'grey-scan': async (s) => {
    const { r } = s;
    const dpi = r.pick([200, 240, 300]);
    const w = Math.round((130 / 25.4) * dpi);
    const h = Math.round((90 / 25.4) * dpi);
    const cardPx = (CARD_W / 25.4) * dpi;
    const bg = blank(w, h, [248, 248, 246]);
    const c = await card(s, cardPx);
    warpCard(bg, c, placed(r, w, h, cardPx, 3, 0), radiusOf(c));
    const black = r.range(40, 70);
    const gamma = r.pick([0.55, 0.65, 1.7, 2.0]);
    tone(bg, (v) => 255 * Math.max(0, Math.min(1, (v - black) / (255 - black))) ** gamma);
    noise(bg, r, 2, 0);
    return { pic: bg, format: { kind: 'png-grey' } };
  },
  'faded-scuffed': async (s) => {
    const { r } = s;
    const w = 1800;
    const h = 1350;
    const cardPx = r.range(0.55, 0.7) * w;
    const c = await card(s, cardPx);
    // ink worn off in patches: dark pixels pulled toward the card's paper tone where the mask is high
    const wear = patches(r, c.w, c.h, c.w / 7);
    const fade = r.range(0.45, 0.75);
    for (let y = 0; y < c.h; y++)
      for (let x = 0; x < c.w; x++) {
        const m = Math.min(1, Math.max(0, wear(x, y) - 0.4) * 2.5 * fade);
        const i = (y * c.w + x) * 3;
        for (let k = 0; k < 3; k++) c.rgb[i + k] = c.rgb[i + k]! + (232 - c.rgb[i + k]!) * m;
      }
    // scratches on the laminate: thin light arcs
    for (let n = 0; n < r.int(25, 60); n++) {
      let x = r.range(0, c.w);
      let y = r.range(0, c.h);
      const a = r.range(0, Math.PI);
      const len = r.range(c.w * 0.03, c.w * 0.25);
      for (let t = 0; t < len; t++) {
        x += Math.cos(a + t * 0.002);
        y += Math.sin(a + t * 0.002);
        const xi = Math.round(x);
        const yi = Math.round(y);
        if (xi < 0 || yi < 0 || xi >= c.w || yi >= c.h) break;
        const i = (yi * c.w + xi) * 3;
        for (let k = 0; k < 3; k++) c.rgb[i + k] = c.rgb[i + k]! * 0.4 + 250 * 0.6;
      }
    }
    tone(c, (v) => v * 0.92 + 18);
    const bg = surface(r, w, h, [r.int(150, 190), r.int(130, 165), r.int(100, 130)], 0.2, 260);
    photo(bg, c, placed(r, w, h, cardPx, 9, r.range(0.02, 0.07)), r);
    noise(bg, r, 3, 1.5);
    return { pic: bg, format: { kind: 'jpeg', quality: r.int(82, 90), chroma: '4:2:0' } };
  },
  'tray-glass': async (s) => {
    const { r } = s;
    const w = 1600;
    const h = 1200;
    const cardPx = r.range(0.55, 0.7) * w;
    const bg = surface(r, w, h, [58, 60, 64], 0.15, 400);
    const c = await card(s, cardPx);
    warpCard(bg, c, placed(r, w, h, cardPx, 4, r.range(0, 0.04)), radiusOf(c));
    // the room in the glass: a window, two ceiling lights and the kiosk user's dark shape, very soft
    const room = blank(w, h, [0, 0, 0]);
    const wx = r.range(0, w * 0.6);
    const wy = r.range(0, h * 0.5);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const i = (y * w + x) * 3;
        let v = x > wx && x < wx + w * 0.35 && y > wy && y < wy + h * 0.4 ? 200 : 40;
        if (Math.abs(y - h * 0.15 - x * 0.1) < 10 || Math.abs(y - h * 0.75 + x * 0.05) < 8) v = 255;
        room.rgb[i] = v;
        room.rgb[i + 1] = v * 1.02;
        room.rgb[i + 2] = v * 1.05;
      }
    const soft = boxBlur(room, 24);
    const k = r.range(0.12, 0.24);
    for (let i = 0; i < bg.rgb.length; i++) bg.rgb[i] = bg.rgb[i]! + soft.rgb[i]! * k * (1 - bg.rgb[i]! / 400);
    tone(bg, (v, ch) => v * (ch === 1 ? 1 : 0.96));
    noise(bg, r, 2.5, 1);
    return { pic: bg, format: { kind: 'jpeg', quality: r.int(84, 92), chroma: '4:2:0' } };
  },
  'lid-open-scan': async (s) => {
    const { r } = s;
    const dpi = r.pick([200, 300]);
    const w = Math.round((150 / 25.4) * dpi);
    const h = Math.round((105 / 25.4) * dpi);
    const cardPx = (CARD_W / 25.4) * dpi;
    const bg = blank(w, h, [12, 12, 14]);
    const c = await card(s, cardPx);
    const q = placed(r, w, h, cardPx, 5, 0);
    // light spilling past the card's edge onto the open room
    dropShadow(bg, q, [0, 0], Math.round(dpi / 12), -0.25);
    warpCard(bg, c, q, radiusOf(c));
    const side = r.int(0, 3);
    light(bg, (x, y) => 1 - 0.35 * (side === 0 ? x / w : side === 1 ? 1 - x / w : side === 2 ? y / h : 1 - y / h));
    noise(bg, r, 2, 0.5);
    return { pic: bg, format: r.chance(0.5) ? { kind: 'jpeg', quality: 92, chroma: '4:4:4' } : { kind: 'png-grey' } };
  },
  'beside-bank-card': async (s) => {
    const { r } = s;
    const w = 1800;
    const h = 1350;
    const cardPx = r.range(0.36, 0.44) * w;
    const bg = surface(r, w, h, [r.int(170, 210), r.int(175, 215), r.int(180, 220)], 0.15, 250);
    const c = await card(s, cardPx);
    const bank = await draw(bankCard(s.holder, s.typeset, r), Math.round(((cardPx * 1.1) / CARD_W) * 25.4), s.aa);
    const left = r.chance(0.5);
    const qa = cardQuad(left ? w * 0.27 : w * 0.73, h * r.range(0.4, 0.6), cardPx, r.range(-10, 10), r.range(0, 0.05), r.int(0, 3));
    const qb = cardQuad(left ? w * 0.75 : w * 0.25, h * r.range(0.35, 0.65), cardPx * 0.98, r.range(-18, 18), r.range(0, 0.05), r.int(0, 3));
    photo(bg, bank, qb, r);
    photo(bg, c, qa, r);
    noise(bg, r, 3, 1.5);
    return { pic: bg, format: { kind: 'jpeg', quality: r.int(82, 90), chroma: '4:2:0' } };
  },
  'bus-ghost': async (s) => {
    const { r } = s;
    const w = 1800;
    const h = 1350;
    const cardPx = r.range(0.5, 0.65) * w;
    const bg = surface(r, w, h, [r.int(40, 70), r.int(45, 75), r.int(60, 90)], 0.3, 60);
    const c = await card(s, cardPx);
    photo(bg, c, placed(r, w, h, cardPx, 12, r.range(0.02, 0.08)), r);
    // the bus jolts during the exposure: a second, fainter copy a few pixels away, slightly smeared
    const dx = Math.round(r.range(3, 10)) * (r.chance(0.5) ? 1 : -1);
    const dy = Math.round(r.range(1, 6)) * (r.chance(0.5) ? 1 : -1);
    const k = r.range(0.2, 0.35);
    const out = blank(w, h, [0, 0, 0]);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const i = (y * w + x) * 3;
        const sx = Math.max(0, Math.min(w - 1, x - dx));
        const sy = Math.max(0, Math.min(h - 1, y - dy));
        const j = (sy * w + sx) * 3;
        for (let ch = 0; ch < 3; ch++) out.rgb[i + ch] = bg.rgb[i + ch]! * (1 - k) + bg.rgb[j + ch]! * k;
      }
    noise(out, r, 3, 1.5);
    return { pic: boxBlur(out, 1, 1), format: { kind: 'jpeg', quality: r.int(76, 86), chroma: '4:2:0' } };
  },
  'high-iso': async (s) => {
    const { r } = s;
    const w = 1600;
    const h = 1200;
    const cardPx = r.range(0.5, 0.68) * w;
    const bg = surface(r, w, h, [r.int(90, 130), r.int(80, 110), r.int(60, 90)], 0.25, 300);
    const c = await card(s, cardPx);
    photo(bg, c, placed(r, w, h, cardPx, 10, r.range(0.02, 0.08)), r);
    // a dim room: little light, the sensor's gain lifts it back with its noise (colour blotches too)
    const dim = r.range(0.25, 0.4);
    tone(bg, (v) => v * dim);
    noise(bg, r, r.range(2.5, 4), r.range(2.5, 4.5), r.int(2, 4));
    tone(bg, (v, ch) => clamp255((v / dim) * (ch === 2 ? 0.93 : 1)));
    return { pic: bg, format: { kind: 'jpeg', quality: r.int(68, 78), chroma: '4:2:0' } };
  },
  'p3-png16': async (s) => {
    const { r } = s;
    const w = 1400;
    const h = 1050;
    const cardPx = r.range(0.55, 0.72) * w;
    const bg = surface(r, w, h, [r.int(215, 240), r.int(215, 238), r.int(210, 232)], 0.1, 300);
    const c = await card(s, cardPx);
    photo(bg, c, placed(r, w, h, cardPx, 7, r.range(0.02, 0.09)), r);
    noise(bg, r, 2, 0.8);
    return { pic: bg, format: { kind: 'png16-p3' } };
  },
  'torn-photocopy': async (s) => {
    const { r } = s;
    const dpi = 250;
    const w = Math.round((150 / 25.4) * dpi);
    const h = Math.round((105 / 25.4) * dpi);
    const cardPx = (CARD_W / 25.4) * dpi;
    const bg = blank(w, h, [236, 236, 232]);
    const c = await card(s, cardPx);
    const q = placed(r, w, h, cardPx, 4, 0);
    warpCard(bg, c, q, radiusOf(c));
    // photocopier: grey, harder contrast, toner specks
    for (let i = 0; i < w * h; i++) {
      const g = 0.3 * bg.rgb[i * 3]! + 0.59 * bg.rgb[i * 3 + 1]! + 0.11 * bg.rgb[i * 3 + 2]!;
      const v = 255 / (1 + Math.exp(-(g - 150) / 28));
      bg.rgb[i * 3] = bg.rgb[i * 3 + 1] = bg.rgb[i * 3 + 2] = v * 0.93 + 8;
    }
    for (let n = 0; n < 400; n++) {
      const i = (r.int(0, h - 1) * w + r.int(0, w - 1)) * 3;
      bg.rgb[i] = bg.rgb[i + 1] = bg.rgb[i + 2] = 40;
    }
    // fold line across the card: a ridge of light and a dark crease
    const vertical = r.chance(0.5);
    const at = vertical ? r.range(0.35, 0.65) * w : r.range(0.35, 0.65) * h;
    light(bg, (x, y) => {
      const d = (vertical ? x : y) - at;
      return d > 0 ? 1 - 0.08 * Math.exp(-d / 30) : 1 + 0.04 * Math.exp(d / 20);
    });
    for (let k = 0; k < (vertical ? h : w); k++) {
      const x = vertical ? Math.round(at) : k;
      const y = vertical ? k : Math.round(at);
      const i = (y * w + x) * 3;
      bg.rgb[i] = bg.rgb[i + 1] = bg.rgb[i + 2] = bg.rgb[i]! * 0.7;
    }
    // a staple above the card's top-left corner
    const [sx, sy] = [Math.max(10, q[0]![0] - 30), Math.max(10, q[0]![1] - 25)];
    for (let t = 0; t < 60; t++)
      for (let d = 0; d < 5; d++) {
        const x = Math.round(sx + t * 0.8);
        const y = Math.round(sy + t * 0.6 + d);
        if (x < w && y < h) {
          const i = (y * w + x) * 3;
          bg.rgb[i] = bg.rgb[i + 1] = bg.rgb[i + 2] = d === 1 ? 220 : 70;
        }
      }
    // the torn corner of the page away from the card: the dark table shows through a ragged edge
    const mx = (q[0]![0] + q[2]![0]) / 2;
    const my = (q[0]![1] + q[2]![1]) / 2;
    const cx = mx < w / 2 ? w : 0;
    const cy = my < h / 2 ? h : 0;
    const reach = Math.min(w, h) * r.range(0.12, 0.2);
    const edge = patches(r, w + h, 1, 12);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const along = Math.abs(x - cx) + Math.abs(y - cy);
        if (along < reach + 25 * (edge(x + y, 0) - 0.5)) {
          const i = (y * w + x) * 3;
          bg.rgb[i] = 70;
          bg.rgb[i + 1] = 50;
          bg.rgb[i + 2] = 40;
        }
      }
    return { pic: bg, format: { kind: 'jpeg', quality: r.int(85, 92), chroma: '4:2:0' } };
  },
};

/** Crop or pad a picture to w×h (top-left). */
function fit(p: Pic, w: number, h: number): Pic {
  const out = blank(w, h, [245, 244, 238]);
  for (let y = 0; y < Math.min(h, p.h); y++) out.rgb.set(p.rgb.subarray(y * p.w * 3, y * p.w * 3 + Math.min(w, p.w) * 3), y * w * 3);
  return out;
}

export async function makeScene(scene: Scene, s: SceneInput): Promise<{ bytes: Buffer; ext: string }> {
  const { pic, format } = await MAKERS[scene](s);
  return encode(pic, format);
}
