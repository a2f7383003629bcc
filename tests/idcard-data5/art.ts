/**
 * Generator 5's card artwork as inline SVG (millimetre coordinates on the 85.6 × 54 mm ID-1 card): the
 * guilloche background, the emblem, an invented portrait, fingerprints, the chip, the QR code's modules
 * (from the `qrcode` package's matrix, drawn here as one path). All shapes are its own.
 */
import QRCode from 'qrcode';
import type { Rng } from './rng.ts';

const f = (n: number) => n.toFixed(2);

/** Waves and a rosette of thin lines in two pale inks. */
export function guilloche(rng: Rng, inkA: string, inkB: string, w = 85.6, h = 54): string {
  const lines: string[] = [];
  const k1 = rng.range(0.12, 0.22);
  const k2 = rng.range(0.3, 0.55);
  const amp = rng.range(0.8, 1.8);
  for (let y0 = -2; y0 < h + 2; y0 += rng.range(0.9, 1.3)) {
    const ph = rng.range(0, 6.28);
    const pts: string[] = [];
    for (let x = 0; x <= w; x += 0.8) pts.push(`${f(x)},${f(y0 + amp * Math.sin(k1 * x + ph) + 0.35 * Math.sin(k2 * x + y0))}`);
    lines.push(`<polyline points="${pts.join(' ')}" stroke="${inkA}" stroke-width="0.09" fill="none"/>`);
  }
  const cx = rng.range(w * 0.45, w * 0.65);
  const cy = rng.range(h * 0.4, h * 0.6);
  const R = rng.range(12, 18);
  const r = R * rng.range(0.25, 0.4);
  const n = rng.int(9, 17);
  for (let ring = 0; ring < 5; ring++) {
    const pts: string[] = [];
    const s = 1 - ring * 0.12;
    for (let t = 0; t <= 6.3; t += 0.02) {
      const x = cx + s * ((R - r) * Math.cos(t) + r * Math.cos(((R - r) / r) * t * (n / 4)));
      const y = cy + s * ((R - r) * Math.sin(t) - r * Math.sin(((R - r) / r) * t * (n / 4)));
      pts.push(`${f(x)},${f(y)}`);
    }
    lines.push(`<polyline points="${pts.join(' ')}" stroke="${inkB}" stroke-width="0.1" fill="none"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}mm" height="${h}mm" style="position:absolute;left:0;top:0">${lines.join('')}</svg>`;
}

function star(cx: number, cy: number, R: number, fill: string): string {
  const pts: string[] = [];
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const r = i % 2 ? R * 0.4 : R;
    pts.push(`${f(cx + r * Math.cos(a))},${f(cy + r * Math.sin(a))}`);
  }
  return `<polygon points="${pts.join(' ')}" fill="${fill}"/>`;
}

/** A round red emblem with a yellow star, a ring of grain and a cog at the foot (size in mm). */
export function emblem(size: number): string {
  const c = size / 2;
  const grains: string[] = [];
  for (let i = 0; i < 22; i++) {
    const a = Math.PI * 0.15 + (i / 21) * Math.PI * 1.7;
    const x = c + c * 0.82 * Math.cos(a + Math.PI / 2);
    const y = c + c * 0.82 * Math.sin(a + Math.PI / 2);
    // each grain a small turned ellipse, as a polygon of computed points (no SVG transform)
    const pts: string[] = [];
    const rot = a;
    for (let k = 0; k < 16; k++) {
      const t = (k / 16) * Math.PI * 2;
      const ex = size * 0.035 * Math.cos(t);
      const ey = size * 0.075 * Math.sin(t);
      pts.push(`${f(x + ex * Math.cos(rot) - ey * Math.sin(rot))},${f(y + ex * Math.sin(rot) + ey * Math.cos(rot))}`);
    }
    grains.push(`<polygon points="${pts.join(' ')}" fill="#e8b923"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${size}mm" height="${size}mm">
<circle cx="${c}" cy="${c}" r="${f(c * 0.98)}" fill="#f2c230"/><circle cx="${c}" cy="${c}" r="${f(c * 0.7)}" fill="#c8201c"/>
${star(c, c * 0.95, c * 0.5, '#f6d23a')}${grains.join('')}
<circle cx="${c}" cy="${f(c * 1.62)}" r="${f(c * 0.16)}" fill="#e8b923" stroke="#b8860b" stroke-width="${f(size * 0.02)}"/></svg>`;
}

/** An invented portrait: a head and shoulders in flat tones on a pale ground. */
export function portrait(rng: Rng, w: number, h: number): string {
  const skin = rng.pick(['#e8c3a0', '#d9a97f', '#c99067', '#f0d2b6', '#b98258']);
  const hair = rng.pick(['#1b1714', '#2a211c', '#3b2e26', '#6d6d6d', '#cfcfcf']);
  const shirt = rng.pick(['#f7f7f7', '#3a4f7a', '#e9e4d4', '#5b6e4c', '#202020']);
  const ground = rng.pick(['#ffffff', '#dbe8f6', '#e9eef2']);
  const hx = w / 2 + rng.range(-0.8, 0.8);
  const hy = h * rng.range(0.38, 0.44);
  const rx = w * rng.range(0.2, 0.25);
  const ry = rx * rng.range(1.2, 1.35);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}mm" height="${h}mm">
<rect width="${w}" height="${h}" fill="${ground}"/>
<path d="M ${f(w * 0.02)} ${h} C ${f(w * 0.05)} ${f(h * 0.72)}, ${f(w * 0.3)} ${f(h * 0.68)}, ${f(hx)} ${f(h * 0.68)} C ${f(w * 0.7)} ${f(h * 0.68)}, ${f(w * 0.95)} ${f(h * 0.72)}, ${f(w * 0.98)} ${h} Z" fill="${shirt}"/>
<rect x="${f(hx - rx * 0.45)}" y="${f(hy + ry * 0.7)}" width="${f(rx * 0.9)}" height="${f(ry * 0.6)}" fill="${skin}"/>
<ellipse cx="${f(hx)}" cy="${f(hy)}" rx="${f(rx)}" ry="${f(ry)}" fill="${skin}"/>
<path d="M ${f(hx - rx * 1.05)} ${f(hy)} C ${f(hx - rx * 1.1)} ${f(hy - ry * 1.4)}, ${f(hx + rx * 1.1)} ${f(hy - ry * 1.4)}, ${f(hx + rx * 1.05)} ${f(hy)} C ${f(hx + rx * 0.7)} ${f(hy - ry * 0.6)}, ${f(hx - rx * 0.7)} ${f(hy - ry * 0.6)}, ${f(hx - rx * 1.05)} ${f(hy)} Z" fill="${hair}"/>
<ellipse cx="${f(hx - rx * 0.38)}" cy="${f(hy)}" rx="${f(rx * 0.1)}" ry="${f(ry * 0.05)}" fill="#2b2b2b"/><ellipse cx="${f(hx + rx * 0.38)}" cy="${f(hy)}" rx="${f(rx * 0.1)}" ry="${f(ry * 0.05)}" fill="#2b2b2b"/>
<path d="M ${f(hx - rx * 0.3)} ${f(hy + ry * 0.5)} Q ${f(hx)} ${f(hy + ry * 0.6)} ${f(hx + rx * 0.3)} ${f(hy + ry * 0.5)}" stroke="#8a4b3c" stroke-width="0.25" fill="none"/></svg>`;
}

/** A 24-bit BMP (bottom-up rows padded to 4 bytes) of a grey image, as a data URI: a raster Chromium only scales. */
function bmpDataUri(w: number, h: number, grey: Uint8Array): string {
  const row = Math.ceil((w * 3) / 4) * 4;
  const buf = Buffer.alloc(54 + row * h);
  buf.write('BM', 0, 'ascii');
  buf.writeUInt32LE(buf.length, 2);
  buf.writeUInt32LE(54, 10);
  buf.writeUInt32LE(40, 14);
  buf.writeInt32LE(w, 18);
  buf.writeInt32LE(h, 22);
  buf.writeUInt16LE(1, 26);
  buf.writeUInt16LE(24, 28);
  buf.writeUInt32LE(row * h, 34);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const v = grey[y * w + x]!;
      const o = 54 + (h - 1 - y) * row + x * 3;
      buf[o] = buf[o + 1] = buf[o + 2] = v;
    }
  return `data:image/bmp;base64,${buf.toString('base64')}`;
}

/**
 * A fingerprint: whorl ridges (a wobbling distance field) rasterised here at 16 px/mm inside an oval and
 * laid on the card with multiply (white is no ink). Drawn as a raster because Chromium did not always
 * rasterise these dense thin vector strokes to the same bytes.
 */
export function fingerprint(rng: Rng, w: number, h: number): string {
  const k = 16;
  const W = Math.round(w * k);
  const H = Math.round(h * k);
  const cx = W / 2 + rng.range(-1, 1) * k;
  const cy = H / 2 + rng.range(-1, 1) * k;
  const period = rng.range(0.4, 0.5) * k;
  const wob = rng.range(0, 6);
  const grey = new Uint8Array(W * H).fill(255);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const ox = (x - W / 2) / (W * 0.46);
      const oy = (y - H / 2) / (H * 0.48);
      if (ox * ox + oy * oy > 1) continue;
      const dx = (x - cx) / 0.8;
      const dy = y - cy;
      const t = Math.atan2(dy, dx);
      const r = Math.hypot(dx, dy) * (1 + 0.06 * Math.sin(3 * t + wob));
      const v = Math.cos((2 * Math.PI * r) / period);
      grey[y * W + x] = v > 0.35 ? 70 : v > 0.1 ? 160 : 255;
    }
  return `<img src="${bmpDataUri(W, H, grey)}" style="width:${w}mm;height:${h}mm;mix-blend-mode:multiply">`;
}

export function chip(w: number, h: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}mm" height="${h}mm">
<rect x="0.2" y="0.2" width="${f(w - 0.4)}" height="${f(h - 0.4)}" rx="1.2" fill="#d9b45a" stroke="#8b6d28" stroke-width="0.2"/>
<path d="M ${f(w / 3)} 0.2 V ${f(h - 0.2)} M ${f((2 * w) / 3)} 0.2 V ${f(h - 0.2)} M 0.2 ${f(h / 2)} H ${f(w / 3)} M ${f((2 * w) / 3)} ${f(h / 2)} H ${f(w - 0.2)} M ${f(w / 3)} ${f(h / 3)} H ${f((2 * w) / 3)}" stroke="#8b6d28" stroke-width="0.2"/></svg>`;
}

/** The QR code of `text` (byte mode, UTF-8) as one SVG path, `size` mm wide including a 1-module quiet zone. */
export function qrSvg(text: string, size: number): string {
  const q = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = q.modules.size;
  const d: string[] = [];
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) if (q.modules.data[y * n + x]) d.push(`M${x + 1} ${y + 1}h1v1h-1z`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n + 2} ${n + 2}" width="${size}mm" height="${size}mm" shape-rendering="crispEdges"><rect width="${n + 2}" height="${n + 2}" fill="#fff"/><path d="${d.join('')}" fill="#111"/></svg>`;
}
