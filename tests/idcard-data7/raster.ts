/**
 * Generator 7's own text rasteriser and pixel canvas. Glyph outlines are read from the font files by our own
 * reader (font.ts: TrueType glyf and CFF — no FreeType, no Skia, no Pango/Cairo, none of the engines
 * generators 1–6 drew with); the outlines are flattened here into line segments and filled with a
 * non-zero-winding scanline filler whose anti-aliasing is our own (8 sub-scanlines per pixel, exact horizontal
 * span coverage). No hinting at all — a look none of the other sets has.
 */
import { existsSync } from 'node:fs';
import { loadFont, type Font, type Seg } from './font.ts';

export type RGB = [number, number, number];

/** A float RGB canvas (0–255 per channel), row-major. */
export class Canvas {
  readonly data: Float32Array;
  constructor(
    readonly width: number,
    readonly height: number,
    fill: RGB = [255, 255, 255],
  ) {
    this.data = new Float32Array(width * height * 3);
    for (let i = 0; i < width * height; i++) {
      this.data[i * 3] = fill[0];
      this.data[i * 3 + 1] = fill[1];
      this.data[i * 3 + 2] = fill[2];
    }
  }
  /** blend colour c at (x, y) with weight a in [0, 1] */
  blend(x: number, y: number, c: RGB, a: number): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height || a <= 0) return;
    const i = (y * this.width + x) * 3;
    const d = this.data;
    if (a >= 1) {
      d[i] = c[0];
      d[i + 1] = c[1];
      d[i + 2] = c[2];
    } else {
      d[i] = d[i]! + (c[0] - d[i]!) * a;
      d[i + 1] = d[i + 1]! + (c[1] - d[i + 1]!) * a;
      d[i + 2] = d[i + 2]! + (c[2] - d[i + 2]!) * a;
    }
  }
  /** a filled polygon (or several: non-zero winding) with anti-aliased edges */
  fillPolys(polys: number[][], c: RGB, alpha = 1): void {
    const cov = coverage(polys, this.width, this.height);
    if (!cov) return;
    const { x0, y0, w, h, a } = cov;
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) this.blend(x0 + x, y0 + y, c, Math.min(1, a[y * w + x]!) * alpha);
  }
  rect(x: number, y: number, w: number, h: number, c: RGB, alpha = 1): void {
    this.fillPolys([[x, y, x + w, y, x + w, y + h, x, y + h]], c, alpha);
  }
  ellipse(cx: number, cy: number, rx: number, ry: number, c: RGB, alpha = 1): void {
    const p: number[] = [];
    const n = Math.max(24, Math.ceil((rx + ry) * 0.8));
    for (let i = 0; i < n; i++) p.push(cx + rx * Math.cos((i / n) * 2 * Math.PI), cy + ry * Math.sin((i / n) * 2 * Math.PI));
    this.fillPolys([p], c, alpha);
  }
  /** a thick line segment */
  line(xa: number, ya: number, xb: number, yb: number, width: number, c: RGB, alpha = 1): void {
    const dx = xb - xa;
    const dy = yb - ya;
    const l = Math.hypot(dx, dy) || 1;
    const nx = (-dy / l) * (width / 2);
    const ny = (dx / l) * (width / 2);
    this.fillPolys([[xa + nx, ya + ny, xb + nx, yb + ny, xb - nx, yb - ny, xa - nx, ya - ny]], c, alpha);
  }
}

const SUB = 8;

/** Non-zero-winding coverage of polygons (flat x,y lists) over their bounding box, clipped to the canvas. */
function coverage(polys: number[][], cw: number, ch: number): { x0: number; y0: number; w: number; h: number; a: Float32Array } | undefined {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const edges: { xa: number; ya: number; xb: number; yb: number; dir: number }[] = [];
  for (const p of polys) {
    const n = p.length / 2;
    for (let i = 0; i < n; i++) {
      const xa = p[i * 2]!;
      const ya = p[i * 2 + 1]!;
      const xb = p[((i + 1) % n) * 2]!;
      const yb = p[((i + 1) % n) * 2 + 1]!;
      minX = Math.min(minX, xa);
      maxX = Math.max(maxX, xa);
      minY = Math.min(minY, ya);
      maxY = Math.max(maxY, ya);
      if (ya === yb) continue;
      edges.push(ya < yb ? { xa, ya, xb, yb, dir: 1 } : { xa: xb, ya: yb, xb: xa, yb: ya, dir: -1 });
    }
  }
  const x0 = Math.max(0, Math.floor(minX));
  const y0 = Math.max(0, Math.floor(minY));
  const x1 = Math.min(cw, Math.ceil(maxX) + 1);
  const y1 = Math.min(ch, Math.ceil(maxY) + 1);
  if (x1 <= x0 || y1 <= y0 || !edges.length) return undefined;
  const w = x1 - x0;
  const h = y1 - y0;
  const a = new Float32Array(w * h);
  const xs: { x: number; d: number }[] = [];
  for (let py = y0; py < y1; py++) {
    for (let s = 0; s < SUB; s++) {
      const sy = py + (s + 0.5) / SUB;
      xs.length = 0;
      for (const e of edges) if (sy >= e.ya && sy < e.yb) xs.push({ x: e.xa + ((sy - e.ya) / (e.yb - e.ya)) * (e.xb - e.xa), d: e.dir });
      if (xs.length < 2) continue;
      xs.sort((p, q) => p.x - q.x);
      let wind = 0;
      for (let k = 0; k < xs.length - 1; k++) {
        wind += xs[k]!.d;
        if (wind === 0) continue;
        span(a, w, py - y0, xs[k]!.x - x0, xs[k + 1]!.x - x0);
      }
    }
  }
  return { x0, y0, w, h, a };
}

/** add 1/SUB × the covered fraction of each pixel in [xa, xb) on row r */
function span(a: Float32Array, w: number, r: number, xa: number, xb: number): void {
  xa = Math.max(0, xa);
  xb = Math.min(w, xb);
  if (xb <= xa) return;
  const ia = Math.floor(xa);
  const ib = Math.floor(xb);
  const row = r * w;
  if (ia === ib) {
    a[row + ia] = a[row + ia]! + (xb - xa) / SUB;
    return;
  }
  a[row + ia] = a[row + ia]! + (ia + 1 - xa) / SUB;
  for (let x = ia + 1; x < ib; x++) a[row + x] = a[row + x]! + 1 / SUB;
  if (ib < w) a[row + ib] = a[row + ib]! + (xb - ib) / SUB;
}

// ---------------------------------------------------------------- fonts and text
const fonts = new Map<string, Font>();
export function font(file: string): Font {
  let f = fonts.get(file);
  if (!f) {
    if (!existsSync(file)) throw new Error(`generator 7 needs the font ${file}: apt-get install fonts-open-sans fonts-lato fonts-crosextra-carlito fonts-ocr-b (as .ci/run does)`);
    f = loadFont(file);
    fonts.set(file, f);
  }
  return f;
}

export interface TextStyle {
  font: string; // font file
  size: number; // px (em size)
  color: RGB;
  /** horizontal scale: < 1 condenses, as ID cards do with long values */
  sx?: number;
  /** extra tracking in px between letters */
  track?: number;
  alpha?: number;
}

const codePoints = (text: string) => [...text.normalize('NFC')].map((ch) => ch.codePointAt(0)!);

export function textWidth(text: string, st: TextStyle): number {
  const f = font(st.font);
  const cps = codePoints(text);
  let w = 0;
  for (const cp of cps) w += f.advance(f.glyphOf(cp));
  return (w * st.size * (st.sx ?? 1)) / f.unitsPerEm + (st.track ?? 0) * Math.max(0, cps.length - 1);
}

/** Draw text with its baseline at y, starting at x; returns the advance. No kerning, no hinting. */
export function drawText(c: Canvas, text: string, x: number, y: number, st: TextStyle): number {
  const f = font(st.font);
  const k = st.size / f.unitsPerEm;
  const sx = st.sx ?? 1;
  const polys: number[][] = [];
  let pen = x;
  for (const cp of codePoints(text)) {
    const g = f.glyphOf(cp);
    const gx = pen;
    flatten(f.outline(g), polys, (px, py) => [gx + px * k * sx, y - py * k]);
    pen += f.advance(g) * k * sx + (st.track ?? 0);
  }
  c.fillPolys(polys, st.color, st.alpha ?? 1);
  return pen - x - (st.track ?? 0);
}

function flatten(segs: Seg[], out: number[][], tf: (x: number, y: number) => [number, number]): void {
  let cur: number[] = [];
  let px = 0;
  let py = 0;
  const push = (x: number, y: number) => {
    const [a, b] = tf(x, y);
    cur.push(a, b);
  };
  for (const s of segs) {
    if (s.t === 'M') {
      if (cur.length >= 6) out.push(cur);
      cur = [];
      push(s.x, s.y);
    } else if (s.t === 'L') push(s.x, s.y);
    else if (s.t === 'Q') {
      for (let i = 1; i <= 6; i++) {
        const t = i / 6;
        const u = 1 - t;
        push(u * u * px + 2 * u * t * s.cx + t * t * s.x, u * u * py + 2 * u * t * s.cy + t * t * s.y);
      }
    } else if (s.t === 'C') {
      for (let i = 1; i <= 8; i++) {
        const t = i / 8;
        const u = 1 - t;
        push(u * u * u * px + 3 * u * u * t * s.c1x + 3 * u * t * t * s.c2x + t * t * t * s.x, u * u * u * py + 3 * u * u * t * s.c1y + 3 * u * t * t * s.c2y + t * t * t * s.y);
      }
    }
    px = s.x;
    py = s.y;
  }
  if (cur.length >= 6) out.push(cur);
}

/** Break text at spaces into lines no wider than maxW (a word longer than maxW stays on its own line). */
export function wrap(text: string, maxW: number, st: TextStyle): string[] {
  const words = text.split(' ');
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    const tryLine = cur ? `${cur} ${w}` : w;
    if (cur && textWidth(tryLine, st) > maxW) {
      lines.push(cur);
      cur = w;
    } else cur = tryLine;
  }
  if (cur) lines.push(cur);
  return lines;
}
