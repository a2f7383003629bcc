/**
 * Generator 10's twelve scenes: how a card face reaches the reader at a ward kiosk or from a resident's
 * phone. The page is PostScript in pixel units (origin bottom left) drawn by Ghostscript — background,
 * the card (`CardFace`, in mm) placed by an affine transform, what lies on or over it — then, where a
 * scene asks, pixel operations no affine drawing can make (a bend, a lens, a lamp's spectrum, plastic).
 * Each scene is deterministic from the rng it is given. None of them is one of generators 1–9's (the
 * bench header lists those); see docs/idcard-gen10.md.
 */
import { CARD_H, CARD_W, Face, type FaceFonts, type FaceName, type FontKey } from './faces.ts';
import type { Rng } from './holders.ts';
import { between, pick } from './holders.ts';
import { blur, mapColour, noise, overlay, remap, renderPng, renderRaster, shrink, writeJpeg, writePng, type Raster, type RenderOptions } from './raster.ts';

export const SCENES = [
  'selfie-mirrored',
  'bent-card',
  'palm-thumb',
  'coin-and-pen',
  'sodium-streetlight',
  'laminator-bubbles',
  'sticker',
  'scan-150dpi-moire',
  'thumbnail-480-q20',
  'cheap-lens-aberration',
  'gallery-screenshot',
  'phone-case-pocket',
] as const;
export type SceneName = (typeof SCENES)[number];

export interface SceneResult {
  ext: 'png' | 'jpg';
  /** What the scene did, for the truth file (no resident data). */
  note: string;
}

const n = (x: number) => (Math.round(x * 100) / 100).toString();
const rgb = (c: readonly number[]) => c.map((v) => n(v)).join(' ');

/** The card placed with its centre at (cx, cy) px, `width` px wide, turned `angle`°, mirrored or not; its shadow (a colour) offset below right. */
function card(cx: number, cy: number, width: number, angle: number, opts: { mirror?: boolean; shadow?: readonly number[] } = {}): string {
  const s = width / CARD_W;
  const parts = [`gsave ${n(cx)} ${n(cy)} translate ${n(angle)} rotate${opts.mirror ? ' -1 1 scale' : ''} ${n(s)} dup scale ${n(-CARD_W / 2)} ${n(-CARD_H / 2)} translate`];
  if (opts.shadow) parts.push(`${rgb(opts.shadow)} setrgbcolor gsave 0.5 -0.7 translate 0 0 ${CARD_W} ${CARD_H} 3.2 roundrect fill grestore`);
  parts.push('CardFace grestore');
  return parts.join('\n');
}
const shade = (c: readonly number[], k = 0.6) => c.map((v) => v * k);

/** Corner of the card (in card mm) where nothing a reader is scored on is printed, per face. */
function quietCorner(face: FaceName): [number, number] {
  if (face === 'back-2021') return [CARD_W - 6, CARD_H - 9];
  return [7, CARD_H - 7];
}

/** A point of the card (mm) → page px for a card placed by `card(cx, cy, width, angle, mirror)`. */
function onPage(p: [number, number], cx: number, cy: number, width: number, angle: number, mirror = false): [number, number] {
  const s = width / CARD_W;
  let x = (p[0] - CARD_W / 2) * s;
  const y = (p[1] - CARD_H / 2) * s;
  if (mirror) x = -x;
  const a = (angle * Math.PI) / 180;
  return [cx + x * Math.cos(a) - y * Math.sin(a), cy + x * Math.sin(a) + y * Math.cos(a)];
}

/** A background of two colours in soft vertical bands plus flecks (a desk, a wall, a floor). */
function desk(w: number, h: number, a: readonly number[], b: readonly number[], rng: Rng, flecks = 300): string {
  const out = [`${rgb(a)} setrgbcolor 0 0 ${w} ${h} rectfill`];
  const bands = 12;
  for (let i = 0; i < bands; i++) {
    const t = i / bands;
    out.push(`${rgb(a.map((v, k) => v + (b[k]! - v) * t))} setrgbcolor 0 ${n((h * i) / bands)} ${w} ${n(h / bands + 1)} rectfill`);
  }
  for (let i = 0; i < flecks; i++) {
    const g = 0.85 + rng() * 0.3;
    out.push(`${rgb(a.map((v) => Math.min(1, v * g)))} setrgbcolor ${n(rng() * w)} ${n(rng() * h)} ${n(1 + rng() * 3)} ${n(1 + rng() * 2)} rectfill`);
  }
  return out.join('\n');
}

/** Overlay texts of a scene (the sticker's, the gallery's) in the card's own label face. */
function sceneText(fonts: FaceFonts, defined: Set<FontKey>, draw: (f: Face) => void): string {
  const f = new Face(fonts);
  draw(f);
  return f.done('SceneText', defined);
}

export interface SceneInput {
  scene: SceneName;
  face: FaceName;
  /** The face's PostScript (fonts + `/CardFace`). */
  cardPs: string;
  fonts: FaceFonts;
  defined: Set<FontKey>;
  rng: Rng;
  /** Output path without extension. */
  out: string;
}

function aa(rng: Rng): Pick<RenderOptions, 'textAlpha' | 'graphicsAlpha'> {
  return { textAlpha: pick(rng, [2, 4, 4] as const), graphicsAlpha: pick(rng, [1, 2, 4] as const) };
}

function finishJpeg(r: Raster, out: string, q: number): SceneResult {
  writeJpeg(r, `${out}.jpg`, q);
  return { ext: 'jpg', note: `JPEG q${q}` };
}

export function drawScene(i: SceneInput): SceneResult {
  const { rng, face, cardPs, out } = i;
  switch (i.scene) {
    case 'selfie-mirrored': {
      // the resident turns the phone round and photographs the card with the selfie camera, which mirrors the picture
      const w = 1280;
      const h = 960;
      const cw = 760 + rng() * 180;
      const ps = [cardPs, desk(w, h, [0.42, 0.38, 0.35], [0.62, 0.58, 0.52], rng, 80)];
      ps.push(`0.8 0.64 0.54 setrgbcolor gsave ${n(w * (0.1 + rng() * 0.8))} ${n(h * 1.05)} translate 1 1.3 scale newpath 0 0 ${n(h * 0.32)} 0 360 arc fill grestore`);
      ps.push(card(w / 2 + (rng() - 0.5) * 80, h / 2 + (rng() - 0.5) * 60, cw, (rng() - 0.5) * 8, { mirror: true }));
      let r = renderRaster(ps.join('\n'), { w, h, ...aa(rng) });
      r = noise(blur(r, 1), rng, 4);
      return { ...finishJpeg(r, out, 78), note: 'mirrored by the selfie camera, JPEG q78' };
    }
    case 'bent-card': {
      // a card carried in a back pocket: bowed along its long side, lit from one side
      const w = 1200;
      const h = 860;
      const bg = [0.7 + rng() * 0.1, 0.72, 0.76];
      const ps = [cardPs, `${rgb(bg)} setrgbcolor 0 0 ${w} ${h} rectfill`, card(w / 2, h / 2, 900 + rng() * 120, (rng() - 0.5) * 3)];
      const flat = renderRaster(ps.join('\n'), { w, h, ...aa(rng) });
      const depth = 0.18 + rng() * 0.14;
      const sag = (30 + rng() * 40) * (rng() < 0.5 ? -1 : 1);
      const R = w * 0.55;
      const bent = remap(
        flat,
        (x, y) => {
          const u = Math.max(-0.999, Math.min(0.999, (x - w / 2) / R));
          // a cylinder seen from above: equal arcs of the card look shorter towards its edges
          const src = w / 2 + (R * Math.asin(u)) / (1 + depth * 0.6);
          return [src, y - sag * (1 - Math.cos(Math.asin(u))) * 2.2];
        },
        (x) => {
          const u = (x - w / 2) / R;
          return 1 - depth * 0.9 * u * u + 0.08 * u;
        },
      );
      writePng(noise(bent, rng, 2), `${out}.png`);
      return { ext: 'png', note: `bent (depth ${n(depth)}), PNG` };
    }
    case 'palm-thumb': {
      // held flat in the left palm, the thumb over a corner where nothing scored is printed
      const w = 1280;
      const h = 960;
      const skin = pick(rng, [
        [0.86, 0.68, 0.56],
        [0.76, 0.58, 0.45],
        [0.9, 0.74, 0.62],
      ]);
      const cw = 820 + rng() * 120;
      const angle = (rng() - 0.5) * 14;
      const cx = w / 2 + (rng() - 0.5) * 60;
      const cy = h / 2 + (rng() - 0.5) * 40;
      const ps = [cardPs, desk(w, h, [0.2, 0.22, 0.25], [0.32, 0.3, 0.3], rng, 50)];
      ps.push(`${rgb(skin)} setrgbcolor gsave ${n(cx)} ${n(cy - 60)} translate ${n(angle)} rotate 1 0.8 scale newpath 0 0 ${n(cw * 0.62)} 0 360 arc fill grestore`);
      for (let k = 0; k < 4; k++) ps.push(`${rgb(skin.map((v) => v * 0.96))} setrgbcolor gsave ${n(cx + cw * 0.5)} ${n(cy - 180 + k * 110)} translate ${n(angle - 8 + k * 6)} rotate newpath -10 -40 200 80 38 roundrect fill grestore`);
      ps.push(card(cx, cy, cw, angle, { shadow: shade(skin) }));
      const [tx, ty] = onPage(quietCorner(face), cx, cy, cw, angle);
      const tr = cw * 0.085;
      ps.push(`${rgb(skin.map((v) => v * 0.92))} setrgbcolor gsave ${n(tx)} ${n(ty)} translate ${n(angle + 35)} rotate 1 0.62 scale newpath 0 0 ${n(tr * 1.5)} 0 360 arc fill grestore`);
      ps.push(`${rgb(skin.map((v) => Math.min(1, v * 1.12)))} setrgbcolor gsave ${n(tx)} ${n(ty)} translate ${n(angle + 35)} rotate 1 0.7 scale newpath ${n(tr * 0.55)} 0 ${n(tr * 0.55)} 0 360 arc fill grestore`);
      const r = noise(renderRaster(ps.join('\n'), { w, h, ...aa(rng) }), rng, 3);
      return { ...finishJpeg(r, out, 85), note: 'in a palm, thumb over a corner, JPEG q85' };
    }
    case 'coin-and-pen': {
      // on the counter of the ward house: a coin on the photo or the chip, a pen across a corner
      const w = 1400;
      const h = 1000;
      const cw = 980 + rng() * 120;
      const angle = (rng() - 0.5) * 10;
      const cx = w / 2;
      const cy = h / 2;
      const ps = [cardPs, desk(w, h, [0.9, 0.87, 0.8], [0.84, 0.8, 0.72], rng, 500), card(cx, cy, cw, angle, { shadow: [0.6, 0.57, 0.52] })];
      const coinAt: [number, number] = face.startsWith('front') ? [12, 22] : face === 'back-2021' ? [10, 31] : [9.5, 44.5];
      const [kx, ky] = onPage(coinAt, cx, cy, cw, angle);
      const kr = cw * 0.075;
      const metal = rng() < 0.5 ? [0.78, 0.78, 0.8] : [0.82, 0.68, 0.35];
      ps.push(`0.3 setgray newpath ${n(kx + 6)} ${n(ky - 8)} ${n(kr)} 0 360 arc fill`);
      for (let k = 0; k < 6; k++) ps.push(`${rgb(metal.map((v) => Math.min(1, v * (0.85 + k * 0.04))))} setrgbcolor newpath ${n(kx - k)} ${n(ky + k)} ${n(kr * (1 - k * 0.07))} 0 360 arc fill`);
      ps.push(`${rgb(metal.map((v) => v * 0.7))} setrgbcolor 3 setlinewidth newpath ${n(kx)} ${n(ky)} ${n(kr * 0.8)} 0 360 arc stroke`);
      const [px, py] = onPage([2, CARD_H - 2], cx, cy, cw, angle);
      const pen = rng() < 0.5 ? [0.1, 0.2, 0.6] : [0.1, 0.1, 0.12];
      ps.push(`gsave ${n(px)} ${n(py)} translate ${n(angle - 38)} rotate 0.25 setgray -400 -22 560 30 12 roundrect fill ${rgb(pen)} setrgbcolor -400 -14 560 30 12 roundrect fill 0.85 setgray -400 -2 560 5 2 roundrect fill 0.7 0.7 0.72 setrgbcolor 160 -10 40 22 4 roundrect fill grestore`);
      const r = renderRaster(ps.join('\n'), { w, h, ...aa(rng) });
      return { ...finishJpeg(noise(r, rng, 3), out, 88), note: 'coin and pen on the card, JPEG q88' };
    }
    case 'sodium-streetlight': {
      // read at the kiosk's outdoor window at night: low-pressure sodium light, nearly one colour, and sensor noise
      const w = 1280;
      const h = 960;
      const ps = [cardPs, desk(w, h, [0.25, 0.25, 0.27], [0.35, 0.34, 0.33], rng, 400), card(w / 2 + (rng() - 0.5) * 100, h / 2, 860 + rng() * 120, (rng() - 0.5) * 12, { shadow: [0.12, 0.12, 0.13] })];
      let r = renderRaster(ps.join('\n'), { w, h, ...aa(rng) });
      const gain = 0.55 + rng() * 0.15;
      const lx = rng() * w;
      r = mapColour(r, ([a, b, c], x, y) => {
        const lum = 0.3 * a + 0.59 * b + 0.11 * c;
        const fall = gain * (1.1 - 0.5 * Math.hypot(x - lx, y) / w);
        return [(lum * 0.8 + a * 0.2) * fall * 1.05, (lum * 0.6 + b * 0.08) * fall, (lum * 0.1 + c * 0.04) * fall];
      });
      r = noise(r, rng, 7);
      return { ...finishJpeg(r, out, 70), note: 'sodium street light, noise, JPEG q70' };
    }
    case 'laminator-bubbles': {
      // laminated at a copy shop: a wider clear pouch, air bubbles trapped over the card, a gloss streak
      const w = 1300;
      const h = 950;
      const cw = 900 + rng() * 100;
      const cx = w / 2;
      const cy = h / 2;
      const angle = (rng() - 0.5) * 6;
      const ps = [cardPs, desk(w, h, [0.93, 0.93, 0.9], [0.88, 0.88, 0.86], rng, 100)];
      ps.push(`gsave ${n(cx)} ${n(cy)} translate ${n(angle)} rotate 0.97 0.98 1 setrgbcolor ${n(-cw / 2 - 40)} ${n((-cw * CARD_H) / CARD_W / 2 - 40)} ${n(cw + 80)} ${n((cw * CARD_H) / CARD_W + 80)} 18 roundrect fill 0.75 setgray 1 setlinewidth ${n(-cw / 2 - 40)} ${n((-cw * CARD_H) / CARD_W / 2 - 40)} ${n(cw + 80)} ${n((cw * CARD_H) / CARD_W + 80)} 18 roundrect stroke grestore`);
      ps.push(card(cx, cy, cw, angle));
      let r = renderRaster(ps.join('\n'), { w, h, ...aa(rng) });
      const bubbles = Array.from({ length: between(rng, 4, 9) }, () => ({ x: cx + (rng() - 0.5) * cw, y: cy + (rng() - 0.5) * cw * 0.6, rx: 8 + rng() * 40, ry: 6 + rng() * 22 }));
      r = overlay(r, [255, 255, 255], (x, y) => {
        for (const b of bubbles) {
          const d = Math.hypot((x - b.x) / b.rx, (y - b.y) / b.ry);
          if (d < 1) return d > 0.85 ? 0.55 : 0.22;
        }
        return 0;
      });
      const g0 = rng() * w;
      r = overlay(r, [255, 255, 250], (x, y) => {
        const d = Math.abs(x + y * 0.7 - g0) / 60;
        return d < 1 ? 0.3 * (1 - d) : 0;
      });
      writePng(r, `${out}.png`);
      return { ext: 'png', note: 'laminator pouch with bubbles and gloss, PNG' };
    }
    case 'sticker': {
      // a sticker someone put on the card: over the fingerprints or the seal on a back, over the emblem on a front
      const w = 1280;
      const h = 900;
      const cw = 900 + rng() * 120;
      const cx = w / 2;
      const cy = h / 2;
      const angle = (rng() - 0.5) * 8;
      const at: [number, number] = face === 'back-2021' ? [63, 37] : face === 'back-2024' ? [74, 22] : [9, 45.5];
      const sw = face === 'back-2021' ? 27 : 15;
      const shw = face === 'back-2021' ? 11 : 8;
      const text = sceneText(i.fonts, i.defined, (f) => {
        f.text(i.fonts.title, 2.2, 0, 0.6, face === 'back-2021' ? 'TỔ DÂN PHỐ SỐ 7' : 'ĐÃ KIỂM', { align: 'center', color: [0.7, 0.1, 0.1] });
        f.text(i.fonts.label, 1.6, 0, -1.8, face === 'back-2021' ? 'Liên hệ: 0912 345 678' : 'tháng 11', { align: 'center' });
      });
      const ps = [cardPs, text, desk(w, h, [0.55, 0.58, 0.6], [0.5, 0.52, 0.55], rng, 150), card(cx, cy, cw, angle, { shadow: [0.3, 0.32, 0.34] })];
      ps.push(`gsave ${n(cx)} ${n(cy)} translate ${n(angle)} rotate ${n(cw / CARD_W)} dup scale ${n(-CARD_W / 2)} ${n(-CARD_H / 2)} translate ${n(at[0])} ${n(at[1])} translate ${n((rng() - 0.5) * 20)} rotate`);
      ps.push(`${rng() < 0.5 ? '1 0.97 0.7' : '0.98 0.98 0.96'} setrgbcolor ${n(-sw / 2)} ${n(-shw / 2)} ${sw} ${shw} 1.2 roundrect fill 0.6 setgray 0.1 setlinewidth ${n(-sw / 2)} ${n(-shw / 2)} ${sw} ${shw} 1.2 roundrect stroke SceneText grestore`);
      const r = renderRaster(ps.join('\n'), { w, h, ...aa(rng) });
      return { ...finishJpeg(noise(r, rng, 2.5), out, 86), note: 'a sticker on the card, JPEG q86' };
    }
    case 'scan-150dpi-moire': {
      // the ward's old flatbed at 150 dpi, no anti-aliasing: the guilloche's fine lines beat against the pixel grid
      const dpi = 150;
      const w = Math.round((210 / 25.4) * dpi);
      const h = Math.round((148 / 25.4) * dpi);
      const s = dpi / 25.4;
      const cw = CARD_W * s;
      const ps = [cardPs, `0.98 0.98 0.97 setrgbcolor 0 0 ${w} ${h} rectfill`, card(12 * s + cw / 2, h - 10 * s - (CARD_H * s) / 2, cw, (rng() - 0.5) * 3, { shadow: [0.85, 0.85, 0.84] })];
      const grey = rng() < 0.5;
      renderPng(ps.join('\n'), { w, h, textAlpha: 1, graphicsAlpha: 1 }, `${out}.png`, grey);
      return { ext: 'png', note: `150 dpi flatbed scan, no anti-aliasing${grey ? ', grey' : ''}, PNG by gs` };
    }
    case 'thumbnail-480-q20': {
      // the picture as a gallery thumbnail: 480 px wide, saved again at JPEG quality 20
      const w = 1600;
      const h = 1200;
      const ps = [cardPs, desk(w, h, [0.8, 0.76, 0.7], [0.7, 0.66, 0.6], rng, 200), card(w / 2, h / 2, 1250 + rng() * 150, (rng() - 0.5) * 6, { shadow: [0.5, 0.47, 0.42] })];
      const r = shrink(renderRaster(ps.join('\n'), { w, h, ...aa(rng) }), 480);
      return { ...finishJpeg(r, out, 20), note: '480 px thumbnail, JPEG q20' };
    }
    case 'cheap-lens-aberration': {
      // a cheap phone lens: colour fringes growing to the edges, barrel distortion, dark corners
      const w = 1280;
      const h = 960;
      const ps = [cardPs, desk(w, h, [0.62, 0.66, 0.6], [0.55, 0.6, 0.55], rng, 200), card(w / 2 + (rng() - 0.5) * 120, h / 2 + (rng() - 0.5) * 80, 900 + rng() * 180, (rng() - 0.5) * 10, { shadow: [0.35, 0.38, 0.33] })];
      const flat = renderRaster(ps.join('\n'), { w, h, ...aa(rng) });
      const ca = 0.006 + rng() * 0.006;
      const barrel = 0.04 + rng() * 0.05;
      const half = Math.hypot(w, h) / 2;
      const r = remap(
        flat,
        (x, y, c) => {
          const dx = (x - w / 2) / half;
          const dy = (y - h / 2) / half;
          const rr = dx * dx + dy * dy;
          const k = (1 - barrel * rr) * (c === 0 ? 1 + ca : c === 2 ? 1 - ca : 1);
          return [w / 2 + dx * k * half, h / 2 + dy * k * half];
        },
        (x, y) => 1 - 0.35 * (((x - w / 2) / half) ** 2 + ((y - h / 2) / half) ** 2),
      );
      return { ...finishJpeg(noise(r, rng, 3), out, 82), note: `lateral chromatic aberration ${n(ca * 100)} %, barrel, vignette, JPEG q82` };
    }
    case 'gallery-screenshot': {
      // a screenshot of the phone's gallery showing the photo: status bar, app bar, a toolbar over the photo's lower edge
      const w = 1080;
      const h = 2340;
      const photoH = 900;
      const photoY = (h - photoH) / 2;
      // the screen's texts in page pixels: the clock in the status bar, the day and the time over the photo
      const text = sceneText(i.fonts, i.defined, (f) => {
        f.text(i.fonts.label, 34, 40, 2290, '20:41', { color: [1, 1, 1] });
        f.text(i.fonts.label, 40, 120, 2170, 'Hôm nay', { color: [1, 1, 1] });
        f.text(i.fonts.label, 30, 120, 2125, '20:38 · Ảnh chụp thẻ', { color: [0.8, 0.8, 0.8] });
      });
      const ps = [cardPs, text, `0 setgray 0 0 ${w} ${h} rectfill`];
      ps.push(`gsave 0 ${n(photoY)} translate 0 0 ${w} ${photoH} rectclip ${desk(w, photoH, [0.82, 0.8, 0.76], [0.74, 0.72, 0.68], rng, 150)} ${card(w / 2, photoH / 2 + 40, 860 + rng() * 100, (rng() - 0.5) * 8, { shadow: [0.5, 0.48, 0.45] })} grestore`);
      ps.push(`SceneText 1 setgray ${w - 170} 2292 60 28 rectstroke ${w - 168} 2294 ${n(30 + rng() * 26)} 24 rectfill`);
      ps.push(`1 setgray 4 setlinewidth 1 setlinecap newpath 70 2150 moveto 45 2170 lineto 70 2190 lineto stroke`);
      // the toolbar: dark, over the photo's bottom strip
      ps.push(`0.12 setgray 0 ${n(photoY - 120)} ${w} 190 rectfill 1 setgray 4 setlinewidth`);
      [135, 405, 675, 945].forEach((x, k) => {
        const y = photoY - 25;
        ps.push(k === 2 ? `newpath ${x} ${y - 20} moveto ${x - 30} ${y + 10} ${x - 10} ${y + 30} ${x} ${y + 12} curveto ${x + 10} ${y + 30} ${x + 30} ${y + 10} ${x} ${y - 20} curveto stroke` : `newpath ${x} ${y} 24 0 360 arc stroke`);
      });
      renderPng(ps.join('\n'), { w, h, ...aa(rng) }, `${out}.png`);
      return { ext: 'png', note: 'gallery screenshot 1080×2340 with toolbar, PNG by gs' };
    }
    case 'phone-case-pocket': {
      // the card kept in the clear pocket on the back of a phone case: yellowed plastic, a reflection, the pocket's lip
      const w = 1200;
      const h = 1000;
      const cw = 840 + rng() * 80;
      const cx = w / 2;
      const cy = h / 2 - 20;
      const angle = (rng() - 0.5) * 4;
      const ch = (cw * CARD_H) / CARD_W;
      const ps = [cardPs, desk(w, h, [0.74, 0.7, 0.66], [0.68, 0.64, 0.6], rng, 120)];
      ps.push(`gsave ${n(cx)} ${n(cy + 20)} translate ${n(angle)} rotate 0.12 0.13 0.15 setrgbcolor ${n(-cw / 2 - 60)} ${n(-ch / 2 - 90)} ${n(cw + 120)} ${n(ch + 260)} 70 roundrect fill grestore`);
      ps.push(card(cx, cy, cw, angle));
      let r = renderRaster(ps.join('\n'), { w, h, ...aa(rng) });
      const a = (angle * Math.PI) / 180;
      const lipTop = 0.1 + rng() * 0.06;
      r = mapColour(r, ([R, G, B], x, y) => {
        // card-local coordinates (pixel rows grow downwards)
        const dx = x - cx;
        const dy = h - y - cy;
        const u = dx * Math.cos(a) + dy * Math.sin(a);
        const v = -dx * Math.sin(a) + dy * Math.cos(a);
        if (Math.abs(u) > cw / 2 + 30 || Math.abs(v) > ch / 2 + 30) return [R, G, B];
        // the plastic: a little yellow, a little less contrast
        let o: [number, number, number] = [R * 0.9 + 20, G * 0.88 + 18, B * 0.78 + 8];
        if (v > ch / 2 - ch * lipTop) o = [o[0] * 0.86, o[1] * 0.86, o[2] * 0.84];
        return o;
      });
      const g0 = w * (0.2 + rng() * 0.6);
      r = overlay(r, [250, 250, 255], (x, y) => {
        const d = Math.abs(x - g0 - (y - h / 2) * 0.35) / 45;
        return d < 1 ? 0.35 * (1 - d * d) : 0;
      });
      return { ...finishJpeg(noise(r, rng, 3), out, 80), note: 'in a clear phone-case pocket, JPEG q80' };
    }
  }
}
