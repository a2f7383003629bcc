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
    grains.push(`<ellipse cx="${f(x)}" cy="${f(y)}" rx="${f(size * 0.035)}" ry="${f(size * 0.075)}" transform="rotate(${f((a * 180) / Math.PI)} ${f(x)} ${f(y)})" fill="#e8b923"/>`);
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

/** A fingerprint: whorl ridges as wobbling ellipses. */
export function fingerprint(rng: Rng, w: number, h: number): string {
  const rings: string[] = [];
  const cx = w / 2 + rng.range(-1, 1);
  const cy = h / 2 + rng.range(-1, 1);
  for (let r = 0.5; r < Math.max(w, h) * 0.6; r += 0.42) {
    const pts: string[] = [];
    const wob = rng.range(0, 6);
    for (let t = 0; t <= 6.3; t += 0.15) {
      const rr = r * (1 + 0.06 * Math.sin(3 * t + wob));
      pts.push(`${f(cx + rr * 0.8 * Math.cos(t))},${f(cy + rr * Math.sin(t))}`);
    }
    rings.push(`<polyline points="${pts.join(' ')}" stroke="#3a3a3a" stroke-width="0.16" fill="none"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}mm" height="${h}mm"><defs><clipPath id="fp${w}"><ellipse cx="${f(w / 2)}" cy="${f(h / 2)}" rx="${f(w * 0.42)}" ry="${f(h * 0.46)}"/></clipPath></defs><g clip-path="url(#fp${w})">${rings.join('')}</g></svg>`;
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
