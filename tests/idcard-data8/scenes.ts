/**
 * Generator 8's scenes: how a resident's card reaches the kiosk in ways no earlier generator drew —
 * a phone photo stored turned with an EXIF Orientation tag, an inkjet colour reprint (CMYK halftone
 * rosette) photographed again, lens defocus with the camera focused on the table, a phone's "beauty"
 * processing (noise reduction smear + over-sharpening halos), rolling-shutter skew, a raking side
 * light showing the embossing, the card in a wallet's transparent window, an overexposed flash, a
 * 600 dpi scan with dust and a hair, a security-camera-like grab, a dark wood desk in warm light, a
 * laminated photocopy and a PNG screenshot of a scanned PDF at 96 dpi. Each returns the picture and
 * how ImageMagick should encode it.
 */
import { addNoise, boxBlur, cardQuad, discBlur, makeImg, mapPixels, resize, rotateQuarter, softBlur, warpCard, type Img, type Pt } from './raster.ts';
import type { Rand } from './rand.ts';

export interface Encoding {
  format: 'jpg' | 'png';
  quality?: number;
  /** JPEG chroma subsampling, e.g. '4:2:0'. */
  sampling?: string;
  /** EXIF Orientation to write (the pixels are stored turned accordingly). */
  orient?: 'RightTop' | 'LeftBottom' | 'BottomRight';
  /** Text burnt in by ImageMagick (the camera's time stamp), top-left. */
  stamp?: string;
}
export interface Shot {
  img: Img;
  enc: Encoding;
}
export type Scene = (card: Img, r: Rand) => Shot;

const clamp = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

/** Smooth random field in [0, 1]: a coarse random grid enlarged bilinearly. */
function field(r: Rand, w: number, h: number, cells: number): Img {
  const gw = Math.max(2, Math.round(cells));
  const gh = Math.max(2, Math.round((cells * h) / w));
  const g = makeImg(gw, gh);
  for (let i = 0; i < gw * gh; i++) g.d.fill(r.next(), i * 3, i * 3 + 3);
  return resize(g, w, h);
}

function surface(r: Rand, w: number, h: number, base: [number, number, number], vary: number, grain: number): Img {
  const f = field(r, w, h, 6);
  const img = makeImg(w, h);
  for (let i = 0; i < w * h; i++) {
    const k = 1 + (f.d[i * 3]! - 0.5) * vary;
    for (let c = 0; c < 3; c++) img.d[i * 3 + c] = base[c]! * k;
  }
  addNoise(img, r, grain);
  return img;
}

function darkWood(r: Rand, w: number, h: number): Img {
  const img = makeImg(w, h);
  const f = field(r, w, h, 5);
  const freq = r.range(0.03, 0.06);
  mapPixels(img, (x, y, p) => {
    const t = f.d[(y * w + x) * 3]!;
    const ring = 0.5 + 0.5 * Math.sin(y * freq + 6 * t + 0.8 * Math.sin(x * 0.003));
    const v = 0.16 + 0.1 * ring + 0.04 * Math.sin(x * 0.9 + y * 0.05);
    p[0] = v * 1.25;
    p[1] = v * 0.82;
    p[2] = v * 0.55;
  });
  addNoise(img, r, 0.012);
  return img;
}

/** A hand-held photo's placement: centred with some slack, turned a little, a slight tilt. */
function place(r: Rand, W: number, H: number, frac: number, maxAngle = 0.12, maxTilt = 0.06): Pt[] {
  const width = W * frac;
  return cardQuad(W / 2 + r.range(-0.05, 0.05) * W, H / 2 + r.range(-0.05, 0.05) * H, width, r.range(-maxAngle, maxAngle), r.range(0, maxTilt), r.range(-0.03, 0.03));
}

function vignette(img: Img, strength: number): void {
  const cx = img.w / 2;
  const cy = img.h / 2;
  const R = Math.hypot(cx, cy);
  mapPixels(img, (x, y, p) => {
    const k = 1 - strength * (Math.hypot(x - cx, y - cy) / R) ** 2;
    p[0] *= k;
    p[1] *= k;
    p[2] *= k;
  });
}

function whiteBalance(img: Img, gains: [number, number, number]): void {
  mapPixels(img, (_x, _y, p) => {
    p[0] *= gains[0];
    p[1] *= gains[1];
    p[2] *= gains[2];
  });
}

// ---------------------------------------------------------------- the scenes
/** 1. A phone photo on the kiosk's grey counter, stored turned with the EXIF tag that says how to show it. */
const exifTurned: Scene = (card, r) => {
  const W = 1600;
  const H = 1200;
  const img = surface(r, W, H, [0.78, 0.78, 0.76], 0.15, 0.01);
  warpCard(img, card, place(r, W, H, r.range(0.58, 0.72)));
  addNoise(img, r, 0.012, 0.004);
  const orient = r.pick(['RightTop', 'LeftBottom', 'BottomRight'] as const);
  // RightTop (6): shown after a quarter turn clockwise, so stored a quarter turn anticlockwise; LeftBottom (8) the other way; BottomRight (3) upside down
  const stored = rotateQuarter(img, orient === 'RightTop' ? 3 : orient === 'LeftBottom' ? 1 : 2);
  return { img: stored, enc: { format: 'jpg', quality: 88, sampling: '4:2:0', orient } };
};

/** 2. The card printed on an inkjet in colour (CMYK dots on rotated screens: the rosette), then photographed. */
const inkjetReprint: Scene = (card, r) => {
  const cw = 1300;
  const ch = Math.round((cw * 54) / 85.6);
  const src = resize(card, cw, ch);
  const cell = r.range(4.2, 5.6);
  const cosA = [15, 75, 0, 45].map((a) => Math.cos((a * Math.PI) / 180));
  const sinA = [15, 75, 0, 45].map((a) => Math.sin((a * Math.PI) / 180));
  const print = makeImg(cw, ch, [1, 1, 1]);
  mapPixels(print, (x, y, p) => {
    const i = (y * cw + x) * 3;
    const R = src.d[i]!;
    const G = src.d[i + 1]!;
    const B = src.d[i + 2]!;
    const k = 1 - Math.max(R, G, B);
    const ink = k < 1 ? [(1 - R - k) / (1 - k), (1 - G - k) / (1 - k), (1 - B - k) / (1 - k), k] : [0, 0, 0, 1];
    let c = 0;
    let m = 0;
    let yy = 0;
    let kk = 0;
    for (let s = 0; s < 4; s++) {
      const u = (x * cosA[s]! + y * sinA[s]!) / cell;
      const v = (-x * sinA[s]! + y * cosA[s]!) / cell;
      const du = u - Math.round(u);
      const dv = v - Math.round(v);
      const dot = Math.sqrt(ink[s]! / Math.PI) * 1.05; // the dot's radius for that coverage, in cells
      const on = du * du + dv * dv < dot * dot ? 1 : 0;
      if (s === 0) c = on;
      else if (s === 1) m = on;
      else if (s === 2) yy = on;
      else kk = on;
    }
    p[0] = (1 - 0.85 * c) * (1 - 0.9 * kk);
    p[1] = (1 - 0.8 * m) * (1 - 0.9 * kk);
    p[2] = (1 - 0.85 * yy) * (1 - 0.9 * kk);
  });
  const paper = makeImg(cw + 160, ch + 160, [0.97, 0.97, 0.95]);
  const soft = boxBlur(print, 1);
  for (let y = 0; y < ch; y++) paper.d.set(soft.d.subarray(y * cw * 3, (y + 1) * cw * 3), ((y + 80) * (cw + 160) + 80) * 3);
  const W = 1800;
  const H = 1350;
  const img = surface(r, W, H, [0.55, 0.5, 0.45], 0.25, 0.01);
  const q = place(r, W, H, 0.8, 0.08, 0.1);
  warpCard(img, paper, q, 0.002);
  vignette(img, 0.25);
  addNoise(img, r, 0.015, 0.006);
  return { img: softBlur(img, 1), enc: { format: 'jpg', quality: 90, sampling: '4:2:0' } };
};

/** 3. Lens defocus: the phone focused on the table behind, the card a little soft (a disc, not a smear). */
const defocus: Scene = (card, r) => {
  const W = 1600;
  const H = 1200;
  const img = surface(r, W, H, [0.6, 0.63, 0.66], 0.3, 0.02);
  warpCard(img, card, place(r, W, H, r.range(0.6, 0.75), 0.1, 0.12));
  const out = discBlur(img, r.range(2.2, 3.6));
  addNoise(out, r, 0.01, 0.004);
  return { img: out, enc: { format: 'jpg', quality: 85, sampling: '4:2:0' } };
};

/** 4. A phone's "beauty" pipeline: noise, then noise reduction that smears fine detail, then strong sharpening with halos. */
const beauty: Scene = (card, r) => {
  const W = 1600;
  const H = 1200;
  const img = surface(r, W, H, [0.85, 0.8, 0.74], 0.2, 0.01);
  warpCard(img, card, place(r, W, H, r.range(0.6, 0.72)));
  addNoise(img, r, 0.035, 0.02);
  // noise reduction: pixels close to their neighbourhood mean are pulled to it (fine strokes go too)
  const mean = softBlur(img, 2);
  for (let i = 0; i < img.d.length; i++) {
    const diff = img.d[i]! - mean.d[i]!;
    if (Math.abs(diff) < 0.09) img.d[i] = mean.d[i]! + diff * 0.2;
  }
  // unsharp mask, strong: bright and dark halos around every stroke
  const blur = softBlur(img, 3);
  const amount = r.range(1.2, 2);
  for (let i = 0; i < img.d.length; i++) img.d[i] = img.d[i]! + amount * (img.d[i]! - blur.d[i]!);
  return { img, enc: { format: 'jpg', quality: 82, sampling: '4:2:0' } };
};

/** 5. Rolling shutter: the phone moved sideways while the rows were read, so the card leans (and wobbles a little). */
const rollingShutter: Scene = (card, r) => {
  const W = 1600;
  const H = 1200;
  const img = surface(r, W, H, [0.7, 0.72, 0.7], 0.2, 0.01);
  warpCard(img, card, place(r, W, H, r.range(0.6, 0.72), 0.05, 0.04));
  const skew = r.range(0.06, 0.14) * (r.chance(0.5) ? 1 : -1);
  const wob = r.range(2, 6);
  const out = makeImg(W, H);
  for (let y = 0; y < H; y++) {
    const shift = skew * (y - H / 2) + wob * Math.sin(y / 37);
    for (let x = 0; x < W; x++) {
      const sx = Math.max(0, Math.min(W - 2, x - shift));
      const x0 = Math.floor(sx);
      const f = sx - x0;
      for (let c = 0; c < 3; c++) out.d[(y * W + x) * 3 + c] = img.d[(y * W + x0) * 3 + c]! * (1 - f) + img.d[(y * W + x0 + 1) * 3 + c]! * f;
    }
  }
  addNoise(out, r, 0.012, 0.005);
  return { img: out, enc: { format: 'jpg', quality: 86, sampling: '4:2:0' } };
};

/** 6. A raking side light: a strong gradient across the card, the printed (embossed) strokes casting light and dark edges. */
const rakingLight: Scene = (card, r) => {
  const relief = makeImg(card.w, card.h);
  const lum = (i: number) => 0.3 * card.d[i]! + 0.59 * card.d[i + 1]! + 0.11 * card.d[i + 2]!;
  const dir = r.chance(0.5) ? 1 : -1;
  for (let y = 1; y < card.h - 1; y++)
    for (let x = 2; x < card.w - 2; x++) {
      const i = (y * card.w + x) * 3;
      const g = lum(i + 6 * dir) - lum(i - 6 * dir); // dark strokes are raised: lit on one side, shadowed on the other
      const s = 1 + 0.6 * g;
      for (let c = 0; c < 3; c++) relief.d[i + c] = card.d[i + c]! * s + 0.12 * g;
    }
  const W = 1600;
  const H = 1200;
  const img = surface(r, W, H, [0.42, 0.4, 0.38], 0.3, 0.015);
  const strength = r.range(0.45, 0.7);
  warpCard(img, relief, place(r, W, H, r.range(0.6, 0.72)), 0.037, (u) => (dir > 0 ? 1.15 - strength * u : 1.15 - strength * (1 - u)));
  mapPixels(img, (x, _y, p) => {
    const k = dir > 0 ? 1.1 - 0.5 * (x / W) : 0.6 + 0.5 * (x / W);
    p[0] = clamp(p[0] * k);
    p[1] = clamp(p[1] * k);
    p[2] = clamp(p[2] * k);
  });
  addNoise(img, r, 0.015, 0.006);
  return { img, enc: { format: 'jpg', quality: 87, sampling: '4:2:0' } };
};

/** 7. The card left in a wallet's transparent window: leather around, a hazy plastic with a shine, a stitched border. */
const walletWindow: Scene = (card, r) => {
  const W = 1600;
  const H = 1200;
  const leather = r.pick([
    [0.32, 0.2, 0.12],
    [0.12, 0.12, 0.13],
    [0.45, 0.3, 0.18],
  ] as [number, number, number][]);
  const img = surface(r, W, H, leather, 0.35, 0.03);
  const q = place(r, W, H, r.range(0.66, 0.76), 0.05, 0.04);
  warpCard(img, card, q);
  // the window: haze + a diagonal shine band over the card
  const xs = q.map((p) => p[0]);
  const ys = q.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs) - 30, Math.max(...xs) + 30, Math.min(...ys) - 30, Math.max(...ys) + 30];
  const haze = r.range(0.06, 0.14);
  const band = r.range(0.2, 0.8);
  mapPixels(img, (x, y, p) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return;
    const t = ((x - x0) / (x1 - x0) + (y - y0) / (y1 - y0)) / 2;
    const shine = 0.25 * Math.exp(-(((t - band) / 0.05) ** 2));
    for (let c = 0; c < 3; c++) p[c] = p[c]! * (1 - haze) + haze * 0.85 + shine;
  });
  // stitches: short light dashes around the window
  const thread = r.pick([0.85, 0.7]);
  const stitch = (ax: number, ay: number, bx: number, by: number) => {
    const len = Math.hypot(bx - ax, by - ay);
    for (let s = 0; s < len; s += 22)
      for (let t = 0; t < 12; t++) {
        const x = Math.round(ax + ((bx - ax) * (s + t)) / len);
        const y = Math.round(ay + ((by - ay) * (s + t)) / len);
        for (let k = -1; k <= 1; k++)
          for (let l = -1; l <= 1; l++) {
            const xx = x + k;
            const yy = y + l;
            if (xx >= 0 && yy >= 0 && xx < W && yy < H) img.d.fill(thread, (yy * W + xx) * 3, (yy * W + xx) * 3 + 3);
          }
      }
  };
  stitch(x0 - 16, y0 - 16, x1 + 16, y0 - 16);
  stitch(x1 + 16, y0 - 16, x1 + 16, y1 + 16);
  stitch(x1 + 16, y1 + 16, x0 - 16, y1 + 16);
  stitch(x0 - 16, y1 + 16, x0 - 16, y0 - 16);
  const out = softBlur(img, 1);
  addNoise(out, r, 0.014, 0.006);
  return { img: out, enc: { format: 'jpg', quality: 86, sampling: '4:2:0' } };
};

/** 8. Flash in a dim room: a hotspot where whites clip, the corners falling off. */
const flashHotspot: Scene = (card, r) => {
  const W = 1600;
  const H = 1200;
  const img = surface(r, W, H, [0.35, 0.33, 0.32], 0.3, 0.02);
  warpCard(img, card, place(r, W, H, r.range(0.6, 0.74)));
  const hx = W * r.range(0.35, 0.65);
  const hy = H * r.range(0.35, 0.6);
  const rad = r.range(160, 300);
  const gain = r.range(1.25, 1.6);
  mapPixels(img, (x, y, p) => {
    const d2 = ((x - hx) ** 2 + (y - hy) ** 2) / (rad * rad);
    const k = gain * (0.75 + 0.6 * Math.exp(-d2)) * (1 - 0.35 * Math.min(1, Math.hypot(x - W / 2, y - H / 2) / W));
    for (let c = 0; c < 3; c++) p[c] = clamp(p[c]! * k + 0.35 * Math.exp(-d2 * 2));
  });
  addNoise(img, r, 0.01, 0.004);
  return { img, enc: { format: 'jpg', quality: 88, sampling: '4:2:0' } };
};

/** 9. A 600 dpi flatbed scan (card ≈ 2020 px wide) with dust specks and a hair on the glass. */
const scanDustHair: Scene = (card, r) => {
  const cw = Math.round((85.6 / 25.4) * 600);
  const W = cw + 300;
  const H = Math.round(cw * (54 / 85.6)) + 300;
  const img = makeImg(W, H, [0.96, 0.96, 0.95]);
  warpCard(img, card, cardQuad(W / 2 + r.range(-40, 40), H / 2 + r.range(-40, 40), cw, r.range(-0.02, 0.02)));
  for (let k = r.int(30, 70); k > 0; k--) {
    const x = r.int(0, W - 1);
    const y = r.int(0, H - 1);
    const s = r.int(1, 4);
    const v = r.range(0.05, 0.35);
    for (let dy = -s; dy <= s; dy++) for (let dx = -s; dx <= s; dx++) if (dx * dx + dy * dy <= s * s && x + dx >= 0 && y + dy >= 0 && x + dx < W && y + dy < H) img.d.fill(v, ((y + dy) * W + x + dx) * 3, ((y + dy) * W + x + dx) * 3 + 3);
  }
  // the hair: a long thin dark curve across part of the card
  let x = r.range(0.2, 0.8) * W;
  let y = r.range(0.2, 0.5) * H;
  let a = r.range(0, Math.PI);
  for (let s = 0; s < r.int(900, 1600); s++) {
    a += r.range(-0.03, 0.03);
    x += Math.cos(a);
    y += Math.sin(a);
    for (const [dx, dy] of [
      [0, 0],
      [1, 0],
      [0, 1],
    ] as const)
      if (x + dx >= 0 && y + dy >= 0 && x + dx < W - 1 && y + dy < H - 1) img.d.fill(0.12, (Math.floor(y + dy) * W + Math.floor(x + dx)) * 3, (Math.floor(y + dy) * W + Math.floor(x + dx)) * 3 + 3);
  }
  const out = boxBlur(img, 1);
  addNoise(out, r, 0.006);
  return { img: out, enc: r.chance(0.5) ? { format: 'png' } : { format: 'jpg', quality: 94, sampling: '4:4:4' } };
};

/** 10. A grab from a security-camera-like stream: the card 320–480 px wide in a 640×480 frame, soft, heavy compression, a time stamp. */
const cctvGrab: Scene = (card, r) => {
  const W = 640;
  const H = 480;
  const img = surface(r, W, H, [0.5, 0.52, 0.5], 0.3, 0.02);
  warpCard(img, card, cardQuad(W / 2 + r.range(-30, 30), H / 2 + r.range(-20, 30), r.range(320, 480), r.range(-0.15, 0.15), r.range(0, 0.1)));
  const out = softBlur(img, 1);
  mapPixels(out, (_x, _y, p) => {
    const l = 0.3 * p[0] + 0.59 * p[1] + 0.11 * p[2];
    for (let c = 0; c < 3; c++) p[c] = l + (p[c]! - l) * 0.6; // washed-out colour
  });
  addNoise(out, r, 0.02, 0.01);
  const d = new Date(Date.UTC(2026, r.int(0, 11), r.int(1, 28), r.int(7, 17), r.int(0, 59), r.int(0, 59)));
  return { img: out, enc: { format: 'jpg', quality: r.int(28, 42), sampling: '4:2:0', stamp: `${d.toISOString().slice(0, 19).replace('T', ' ')} CAM-02` } };
};

/** 11. A dark wood desk under a warm lamp. */
const darkWoodWarm: Scene = (card, r) => {
  const W = 1600;
  const H = 1200;
  const img = darkWood(r, W, H);
  warpCard(img, card, place(r, W, H, r.range(0.55, 0.7), 0.15, 0.1));
  whiteBalance(img, [1.12, 0.97, 0.72]);
  vignette(img, 0.45);
  addNoise(img, r, 0.018, 0.008);
  return { img, enc: { format: 'jpg', quality: 84, sampling: '4:2:0' } };
};

/** 12. A laminated photocopy: grey toner, grain, the laminate's sheen and a slight blur, on a desk. */
const laminatedCopy: Scene = (card, r) => {
  const copy = makeImg(card.w, card.h);
  const contrast = r.range(1.3, 1.7);
  for (let i = 0; i < card.w * card.h; i++) {
    const l = 0.3 * card.d[i * 3]! + 0.59 * card.d[i * 3 + 1]! + 0.11 * card.d[i * 3 + 2]!;
    copy.d.fill(clamp((l - 0.5) * contrast + 0.55), i * 3, i * 3 + 3);
  }
  addNoise(copy, r, 0.04);
  const soft = softBlur(copy, 2);
  const W = 1600;
  const H = 1200;
  const img = surface(r, W, H, [0.7, 0.66, 0.6], 0.2, 0.01);
  const band = r.range(0.2, 0.8);
  warpCard(img, soft, place(r, W, H, r.range(0.6, 0.72)), 0.05, (u, v) => 1 + 0.35 * Math.exp(-((((u + v) / 2 - band) / 0.08) ** 2)));
  addNoise(img, r, 0.01, 0.004);
  return { img, enc: { format: 'jpg', quality: 85, sampling: '4:2:0' } };
};

/** 13. A screenshot (PNG) of a scanned PDF shown at 96 dpi and zoomed: the viewer's grey, the page, an anti-aliased rescale. */
const pdfScreenshot: Scene = (card, r) => {
  // the scan inside the PDF at 200 dpi, then the viewer's rendering at 96 dpi × zoom
  const zoom = r.pick([1.25, 1.5, 1.75, 2]);
  const cw = Math.round((85.6 / 25.4) * 96 * zoom);
  const ch = Math.round((cw * 54) / 85.6);
  const scan = resize(card, Math.round((85.6 / 25.4) * 200), Math.round((54 / 25.4) * 200));
  const shown = resize(scan, cw, ch);
  const W = 1366;
  const H = 768;
  const img = makeImg(W, H, [0.32, 0.34, 0.35]);
  const pw = Math.round(cw * 1.6);
  const px = Math.round((W - pw) / 2);
  for (let y = 60; y < H; y++) for (let x = px; x < px + pw; x++) img.d.fill(1, (y * W + x) * 3, (y * W + x) * 3 + 3);
  for (let y = 0; y < 48; y++) for (let x = 0; x < W; x++) img.d.fill(0.2, (y * W + x) * 3, (y * W + x) * 3 + 3);
  const ox = px + Math.round((pw - cw) / 2);
  const oy = 60 + r.int(40, 120);
  for (let y = 0; y < ch && oy + y < H; y++) img.d.set(shown.d.subarray(y * cw * 3, (y + 1) * cw * 3), ((oy + y) * W + ox) * 3);
  return { img, enc: { format: 'png' } };
};

export const SCENES: Record<string, Scene> = {
  'exif-turned': exifTurned,
  'inkjet-reprint': inkjetReprint,
  defocus,
  beauty,
  'rolling-shutter': rollingShutter,
  'raking-light': rakingLight,
  'wallet-window': walletWindow,
  'flash-hotspot': flashHotspot,
  'scan-600dpi-dust': scanDustHair,
  'cctv-grab': cctvGrab,
  'dark-wood-warm': darkWoodWarm,
  'laminated-copy': laminatedCopy,
  'pdf-screenshot': pdfScreenshot,
};
export const SCENE_NAMES = Object.keys(SCENES);
