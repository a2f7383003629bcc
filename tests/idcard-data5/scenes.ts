/**
 * Generator 5's eight scenes and its photographic degradations (its own code over RGB canvases; sharp only
 * decodes, resizes, blurs and encodes): where the card lies, how it is held or copied, and what the camera,
 * the scanner or the messaging app does to the picture.
 */
import sharp, { type Sharp } from 'sharp';
import type { Rng } from './rng.ts';
import { canvas, compositeCard, type Canvas, type Pt, type Rgba } from './warp.ts';

export const SCENES = ['wood-table', 'dark-cloth', 'hand-held', 'desk-lamp', 'photocopy', 'flatbed-300dpi', 'messaging-1280', 'tilted'] as const;
export type Scene = (typeof SCENES)[number];

/** Smooth value noise in [0, 1] from a seeded lattice. */
function valueNoise(rng: Rng, cell: number) {
  const seed = rng.int(1, 2 ** 30);
  const hash = (x: number, y: number) => {
    let h = Math.imul(x, 374761393) + Math.imul(y, 668265263) + seed;
    h = Math.imul(h ^ (h >>> 13), 1274126177);
    return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
  };
  return (x: number, y: number) => {
    const gx = x / cell;
    const gy = y / cell;
    const ix = Math.floor(gx);
    const iy = Math.floor(gy);
    const fx = gx - ix;
    const fy = gy - iy;
    const sx = fx * fx * (3 - 2 * fx);
    const sy = fy * fy * (3 - 2 * fy);
    const a = hash(ix, iy) + (hash(ix + 1, iy) - hash(ix, iy)) * sx;
    const b = hash(ix, iy + 1) + (hash(ix + 1, iy + 1) - hash(ix, iy + 1)) * sx;
    return a + (b - a) * sy;
  };
}

function fill(c: Canvas, f: (x: number, y: number) => [number, number, number]): void {
  for (let y = 0; y < c.h; y++)
    for (let x = 0; x < c.w; x++) {
      const [r, g, b] = f(x, y);
      const o = (y * c.w + x) * 3;
      c.px[o] = r;
      c.px[o + 1] = g;
      c.px[o + 2] = b;
    }
}

function wood(rng: Rng, c: Canvas): void {
  const n = valueNoise(rng, c.w / 9);
  const fine = valueNoise(rng, 3);
  const base = rng.pick([[150, 96, 58], [120, 78, 48], [176, 128, 84], [96, 62, 40]]);
  const freq = rng.range(0.025, 0.05) * (1600 / c.w);
  fill(c, (x, y) => {
    const ring = 0.5 + 0.5 * Math.sin((y + 60 * n(x, y)) * freq + 8 * n(x * 0.3, y));
    const k = 0.78 + 0.22 * ring + 0.06 * (fine(x * 4, y) - 0.5);
    return [base[0]! * k, base[1]! * k, base[2]! * k];
  });
}

function cloth(rng: Rng, c: Canvas): void {
  const n = valueNoise(rng, c.w / 6);
  const base = rng.pick([[28, 30, 38], [18, 20, 22], [40, 24, 30], [22, 34, 30]]);
  fill(c, (x, y) => {
    const weave = ((x >> 1) + (y >> 1)) & 1 ? 1.08 : 0.92;
    const k = weave * (0.8 + 0.4 * n(x, y));
    return [base[0]! * k, base[1]! * k, base[2]! * k];
  });
}

function plain(rng: Rng, c: Canvas, rgb: [number, number, number], grain: number): void {
  const n = valueNoise(rng, c.w / 5);
  fill(c, (x, y) => {
    const k = 1 + grain * (n(x, y) - 0.5);
    return [rgb[0] * k, rgb[1] * k, rgb[2] * k];
  });
}

/** A blurred room: a wall gradient and soft blobs of furniture and window light. */
function room(rng: Rng, c: Canvas): void {
  const n = valueNoise(rng, c.w / 3);
  const top = [rng.range(150, 210), rng.range(140, 200), rng.range(120, 190)];
  const bottom = [rng.range(60, 120), rng.range(55, 110), rng.range(50, 100)];
  fill(c, (x, y) => {
    const t = y / c.h;
    const k = 0.75 + 0.5 * n(x, y);
    return [(top[0]! * (1 - t) + bottom[0]! * t) * k, (top[1]! * (1 - t) + bottom[1]! * t) * k, (top[2]! * (1 - t) + bottom[2]! * t) * k];
  });
}

/** The card's corners for a card `cw` px wide centred near (cx, cy), turned by `deg`, each corner jittered by `jitter` × width. */
function quadAt(rng: Rng, cw: number, cx: number, cy: number, deg: number, jitter: number, keystone = 0): Pt[] {
  const ch = cw * (54 / 85.6);
  const a = (deg * Math.PI) / 180;
  const corners: Pt[] = [[-cw / 2, -ch / 2], [cw / 2, -ch / 2], [cw / 2, ch / 2], [-cw / 2, ch / 2]];
  return corners.map(([x, y], i) => {
    // keystone: the far (top) edge narrower, as a camera tilted towards the card sees it
    const kx = i < 2 ? x * (1 - keystone) : x * (1 + keystone * 0.3);
    const jx = rng.normal() * jitter * cw * 0.5;
    const jy = rng.normal() * jitter * cw * 0.5;
    return [cx + kx * Math.cos(a) - y * Math.sin(a) + jx, cy + kx * Math.sin(a) + y * Math.cos(a) + jy];
  });
}

/** Skin-coloured fingers: shaded ellipses at `at`, pointing along `angle`. */
function finger(c: Canvas, at: Pt, angle: number, len: number, width: number, skin: [number, number, number]): void {
  const [cx, cy] = at;
  const ca = Math.cos(angle);
  const sa = Math.sin(angle);
  const r = Math.ceil(len);
  for (let y = Math.max(0, Math.floor(cy - r)); y < Math.min(c.h, cy + r); y++)
    for (let x = Math.max(0, Math.floor(cx - r)); x < Math.min(c.w, cx + r); x++) {
      const dx = x - cx;
      const dy = y - cy;
      const u = (dx * ca + dy * sa) / (len / 2);
      const v = (-dx * sa + dy * ca) / (width / 2);
      const d = u * u + v * v;
      if (d > 1) continue;
      const edge = Math.min(1, (1 - d) * 6);
      const shade = 0.72 + 0.38 * (1 - Math.abs(v)) - 0.1 * u;
      const o = (y * c.w + x) * 3;
      for (let k = 0; k < 3; k++) c.px[o + k] = c.px[o + k]! * (1 - edge) + skin[k]! * shade * edge;
    }
}

function lightSpot(c: Canvas, at: Pt, radius: number, gain: number, tint: [number, number, number]): void {
  for (let y = 0; y < c.h; y++)
    for (let x = 0; x < c.w; x++) {
      const d2 = ((x - at[0]) ** 2 + (y - at[1]) ** 2) / (radius * radius);
      const g = gain * Math.exp(-d2);
      if (g < 0.002) continue;
      const o = (y * c.w + x) * 3;
      for (let k = 0; k < 3; k++) c.px[o + k] = c.px[o + k]! + 255 * g * tint[k]!;
    }
}

function vignette(c: Canvas, strength: number): void {
  const cx = c.w / 2;
  const cy = c.h / 2;
  const r2 = cx * cx + cy * cy;
  for (let y = 0; y < c.h; y++)
    for (let x = 0; x < c.w; x++) {
      const k = 1 - strength * (((x - cx) ** 2 + (y - cy) ** 2) / r2);
      const o = (y * c.w + x) * 3;
      c.px[o]! *= k;
      c.px[o + 1]! *= k;
      c.px[o + 2]! *= k;
    }
}

function whiteBalance(c: Canvas, gains: [number, number, number], exposure = 1): void {
  for (let i = 0; i < c.px.length; i++) c.px[i]! *= gains[i % 3]! * exposure;
}

/** Sensor noise: shot noise that grows with the signal plus a read-noise floor, per channel. */
function sensorNoise(rng: Rng, c: Canvas, read: number, shot: number): void {
  for (let i = 0; i < c.px.length; i++) {
    const v = Math.max(0, c.px[i]!);
    c.px[i] = v + rng.normal() * Math.sqrt(read * read + shot * shot * v);
  }
}

function toGrey(c: Canvas): void {
  for (let i = 0; i < c.px.length; i += 3) {
    const g = 0.3 * c.px[i]! + 0.59 * c.px[i + 1]! + 0.11 * c.px[i + 2]!;
    c.px[i] = c.px[i + 1] = c.px[i + 2] = g;
  }
}

function toSharp(c: Canvas) {
  const u8 = new Uint8Array(c.px.length);
  for (let i = 0; i < c.px.length; i++) u8[i] = Math.max(0, Math.min(255, Math.round(c.px[i]!)));
  return sharp(u8, { raw: { width: c.w, height: c.h, channels: 3 } });
}

async function fromSharp(img: Sharp): Promise<Canvas> {
  const { data, info } = await img.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const c = canvas(info.width, info.height);
  for (let i = 0; i < data.length; i++) c.px[i] = data[i]!;
  return c;
}

/** The card PNG resized to about `px` wide, as RGBA. */
async function cardAt(png: Buffer, px: number): Promise<Rgba> {
  const s = sharp(png).resize({ width: Math.max(64, Math.round(px)), kernel: 'lanczos3' }).ensureAlpha();
  const { data, info } = await s.raw().toBuffer({ resolveWithObject: true });
  return { w: info.width, h: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

const quadWidth = (q: Pt[]) => Math.max(Math.hypot(q[1]![0] - q[0]![0], q[1]![1] - q[0]![1]), Math.hypot(q[2]![0] - q[3]![0], q[2]![1] - q[3]![1]));

/** How wide the card should be rendered for a scene (pixels across the card in the final picture, with margin). */
export const RENDER_WIDTH: Record<Scene, number> = {
  'wood-table': 1300, 'dark-cloth': 1200, 'hand-held': 1300, 'desk-lamp': 1200, photocopy: 1000, 'flatbed-300dpi': 1300, 'messaging-1280': 1800, tilted: 1000,
};

/**
 * `exifTurned`: the phone stored the picture sideways with EXIF Orientation 6 (rotate 90° clockwise to
 * view), as phones do; a viewer that honours EXIF shows it upright. `back`: the card's back is shown (the
 * hand-held thumb then holds its top edge, away from the MRZ).
 */
export async function photograph(scene: Scene, cardPng: Buffer, rng: Rng, exifTurned = false, back = false): Promise<{ jpeg: Buffer; width: number; height: number }> {
  const sign = rng.chance(0.5) ? 1 : -1;
  let c: Canvas;
  let quality = 85;
  let blur: number;
  let post: ((s: Sharp) => Promise<Buffer>) | undefined;
  if (scene === 'wood-table' || scene === 'messaging-1280') {
    const big = scene === 'messaging-1280';
    // a messaging photo is taken with the phone upright (3000×4000) about one time in three
    const upright = big && rng.chance(0.35);
    c = big ? (upright ? canvas(3000, 4000) : canvas(4000, 3000)) : canvas(2000, 1500);
    wood(rng, c);
    const q = quadAt(rng, c.w * rng.range(upright ? 0.62 : 0.45, upright ? 0.82 : 0.62), c.w * rng.range(0.45, 0.55), c.h * rng.range(0.45, 0.55), rng.range(-6, 6), 0.02, rng.range(0, 0.05));
    compositeCard(c, await cardAt(cardPng, quadWidth(q)), q, { dx: c.w * 0.006, dy: c.w * 0.008, strength: 0.45 });
    whiteBalance(c, [1.06, 1.0, 0.88], rng.range(0.9, 1.08));
    vignette(c, rng.range(0.1, 0.3));
    sensorNoise(rng, c, rng.range(1.5, 3), rng.range(0.08, 0.2));
    blur = rng.range(0.5, 1.1) * (big ? 2 : 1);
    if (big) {
      // the phone's own processing (sharpened, JPEG 92), then the messaging app: 1280 px wide, JPEG 70–78
      const q2 = rng.int(70, 78);
      post = async (s) => {
        const phone = await s.sharpen({ sigma: 1.2 }).jpeg({ quality: 92 }).toBuffer();
        return sharp(phone).resize({ width: 1280, height: 1280, fit: 'inside', kernel: 'lanczos3' }).jpeg({ quality: q2 }).toBuffer();
      };
    } else quality = rng.int(80, 90);
  } else if (scene === 'dark-cloth') {
    c = canvas(1600, 1200);
    cloth(rng, c);
    const q = quadAt(rng, c.w * rng.range(0.5, 0.66), c.w / 2, c.h / 2, rng.range(-8, 8), 0.025);
    compositeCard(c, await cardAt(cardPng, quadWidth(q)), q);
    // the camera exposes for the dark cloth: the card comes out bright, its light parts clipped
    whiteBalance(c, [rng.range(0.95, 1.05), 1, rng.range(0.95, 1.1)], rng.range(1.1, 1.3));
    sensorNoise(rng, c, rng.range(3, 6), rng.range(0.15, 0.3));
    blur = rng.range(0.6, 1.2);
    quality = rng.int(75, 85);
  } else if (scene === 'hand-held') {
    c = canvas(1600, 1200);
    room(rng, c);
    const roomImg = await toSharp(c).blur(12).toBuffer();
    c = await fromSharp(sharp(roomImg, { raw: { width: 1600, height: 1200, channels: 3 } }));
    const cw = c.w * rng.range(0.5, 0.66);
    const q = quadAt(rng, cw, c.w * rng.range(0.45, 0.55), c.h * rng.range(0.45, 0.55), rng.range(-12, 12), 0.05, rng.range(0.04, 0.1) * sign);
    const skin: [number, number, number] = rng.pick([[224, 172, 138], [198, 140, 104], [170, 118, 84], [236, 190, 160]]);
    // fingers behind the card's far edge, peeking out, then the card, then a thumb over the near edge's margin
    const ch = cw * (54 / 85.6);
    for (let i = 0; i < 3; i++) finger(c, [q[1]![0] + rng.range(-0.02, 0.04) * cw, q[1]![1] + (0.2 + i * 0.22) * ch], Math.PI * rng.range(-0.05, 0.05), cw * 0.18, ch * 0.16, skin);
    compositeCard(c, await cardAt(cardPng, quadWidth(q)), q);
    // the thumb holds an edge where no scored value is printed: a front by its bottom edge (residence,
    // clear of the expiry date at the left), a back by its top edge (clear of the MRZ and the 2024 QR)
    const t = back ? rng.range(0.2, 0.55) : rng.range(0.35, 0.75);
    const [a0, a1] = back ? [q[0]!, q[1]!] : [q[3]!, q[2]!];
    const edge: Pt = [a0[0] + (a1[0] - a0[0]) * t, a0[1] + (a1[1] - a0[1]) * t];
    const dir = (back ? -Math.PI / 2 : Math.PI / 2) + rng.range(-0.4, 0.4);
    const at = (d: number): Pt => [edge[0] + Math.cos(dir) * d * ch, edge[1] + Math.sin(dir) * d * ch];
    // the thumb reaching in from outside the frame of the card, its tip about 0.1 of the card's height in
    finger(c, at(0.36), dir, ch * 0.95, cw * 0.16, skin);
    whiteBalance(c, [1.04, 1, 0.94], rng.range(0.85, 1.05));
    sensorNoise(rng, c, rng.range(2, 5), rng.range(0.1, 0.25));
    blur = rng.range(0.7, 1.5);
    quality = rng.int(78, 88);
    if (rng.chance(0.35)) {
      // a little motion: a short horizontal smear
      const len = rng.pick([3, 5, 7]);
      const kernel = [...new Array(len).fill(0), ...new Array(len).fill(1 / len), ...new Array(len).fill(0)];
      post = async (s) => s.convolve({ width: len, height: 3, kernel }).jpeg({ quality }).toBuffer();
    }
  } else if (scene === 'desk-lamp') {
    c = canvas(1600, 1200);
    plain(rng, c, rng.pick([[200, 190, 170], [215, 205, 185], [170, 160, 150]]), 0.1);
    const q = quadAt(rng, c.w * rng.range(0.5, 0.62), c.w / 2, c.h / 2, rng.range(-6, 6), 0.02);
    compositeCard(c, await cardAt(cardPng, quadWidth(q)), q, { dx: -12, dy: 18, strength: 0.5 });
    whiteBalance(c, [1.1, 1.0, 0.75], 0.72);
    vignette(c, 0.55);
    // the lamp's hotspot: a bright, slightly warm spot over part of the card (at most +0.7 of full scale:
    // black print under its centre stays darker than the paper around it)
    lightSpot(c, [q[0]![0] + (q[2]![0] - q[0]![0]) * rng.range(0.2, 0.8), q[0]![1] + (q[2]![1] - q[0]![1]) * rng.range(0.2, 0.8)], c.w * rng.range(0.06, 0.12), rng.range(0.4, 0.7), [1, 0.96, 0.85]);
    sensorNoise(rng, c, rng.range(2.5, 5), rng.range(0.12, 0.25));
    blur = rng.range(0.5, 1.0);
    quality = rng.int(80, 88);
  } else if (scene === 'photocopy') {
    // the card photocopied on paper (grey, contrast pushed, toner specks), then that paper scanned at 200 dpi
    c = canvas(1400, 1000);
    plain(rng, c, [244, 243, 238], 0.04);
    const cw = (85.6 / 25.4) * 200 * rng.range(0.98, 1.02);
    const q = quadAt(rng, cw, c.w * rng.range(0.4, 0.6), c.h * rng.range(0.4, 0.6), rng.range(-3, 3), 0.003);
    compositeCard(c, await cardAt(cardPng, quadWidth(q)), q);
    toGrey(c);
    // the copier's tone curve: contrast pushed around a lighter or darker setting, pale inks gone to white
    const contrast = rng.range(1.4, 1.9);
    const offset = rng.range(-25, 15);
    for (let i = 0; i < c.px.length; i++) c.px[i] = (c.px[i]! - 128) * contrast + 128 + offset;
    const speck = valueNoise(rng, 2);
    for (let i = 0; i < c.w * c.h; i++) {
      if (speck(i % c.w, Math.floor(i / c.w)) > 0.985) for (let k = 0; k < 3; k++) c.px[i * 3 + k]! *= 0.35;
    }
    sensorNoise(rng, c, 2, 0.05);
    blur = rng.range(0.6, 1.0);
    quality = rng.int(75, 88);
  } else if (scene === 'flatbed-300dpi') {
    c = canvas(1800, 1300);
    plain(rng, c, [250, 250, 248], 0.02);
    const cw = (85.6 / 25.4) * 300;
    const q = quadAt(rng, cw, 80 + cw / 2 + rng.range(0, 200), 80 + (cw * 54) / 85.6 / 2 + rng.range(0, 200), rng.range(-3, 3), 0.001);
    compositeCard(c, await cardAt(cardPng, quadWidth(q)), q, { dx: 3, dy: 3, strength: 0.25 });
    // the lid did not close over the thick card: a shadow band along one side of the glass
    const side = rng.int(0, 3);
    const band = rng.range(90, 220);
    const depth = rng.range(0.35, 0.7);
    for (let y = 0; y < c.h; y++)
      for (let x = 0; x < c.w; x++) {
        const d = [x, y, c.w - 1 - x, c.h - 1 - y][side]!;
        if (d > band) continue;
        const k = 1 - depth * (1 - d / band) ** 1.5;
        const o = (y * c.w + x) * 3;
        for (let j = 0; j < 3; j++) c.px[o + j]! *= k;
      }
    sensorNoise(rng, c, 1.5, 0.04);
    blur = rng.range(0.4, 0.8);
    quality = rng.int(88, 94);
  } else {
    c = canvas(1280, 960);
    plain(rng, c, rng.pick([[120, 130, 140], [150, 150, 146], [96, 110, 126]]), 0.15);
    // a card lying the other way round on the desk, one time in four
    const turn = rng.chance(0.25) ? 180 : 0;
    const q = quadAt(rng, c.w * rng.range(0.55, 0.7), c.w / 2, c.h / 2, turn + sign * rng.range(5, 12), 0.015);
    compositeCard(c, await cardAt(cardPng, quadWidth(q)), q, { dx: 6, dy: 8, strength: 0.4 });
    whiteBalance(c, [rng.range(0.92, 1.06), 1, rng.range(0.9, 1.1)]);
    sensorNoise(rng, c, rng.range(2, 4), rng.range(0.1, 0.2));
    blur = rng.range(0.5, 1.0);
    quality = rng.int(80, 90);
  }
  let s = toSharp(c);
  let jpeg: Buffer;
  if (post) jpeg = await post(blur >= 0.3 ? s.blur(blur) : s);
  else {
    if (blur >= 0.3) s = s.blur(blur);
    if (exifTurned) s = s.rotate(270).withMetadata({ orientation: 6 });
    jpeg = await s.jpeg({ quality }).toBuffer();
  }
  const meta = await sharp(jpeg).metadata();
  return { jpeg, width: meta.autoOrient?.width ?? meta.width!, height: meta.autoOrient?.height ?? meta.height! };
}
