/**
 * Raster path (the default): lines are drawn with a Debian font through Skia (@napi-rs/canvas),
 * thresholded to 1 bit per dot, and sent as ESC/POS `GS v 0` bands. Every Vietnamese letter
 * prints exactly because the printer never sees text, only dots.
 */
import { createRequire } from 'node:module';
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { ensureFonts, FONT_BOLD, FONT_REGULAR } from './fonts.ts';
import { layout, type Block, type Line, type Measurer, type PaperSpec, type TextStyle } from './receipt.ts';

const require = createRequire(import.meta.url);

interface QrModules {
  size: number;
  get(row: number, col: number): number | boolean;
}
interface QrCodeLib {
  create(text: string, opts: { errorCorrectionLevel: 'L' | 'M' | 'Q' | 'H' }): { modules: QrModules };
}
interface PngLib {
  PNG: {
    new (opts: { width: number; height: number }): { data: Buffer };
    sync: { write(png: { data: Buffer; width: number; height: number }): Buffer; read(buf: Buffer): { width: number; height: number; data: Buffer } };
  };
}
const QRCode = require('qrcode') as QrCodeLib;
const { PNG } = require('pngjs') as PngLib;

/** A 1-bit image: rows of `stride` bytes, MSB = leftmost dot, 1 = black (burned). */
export interface Bitmap {
  width: number;
  height: number;
  stride: number;
  bits: Uint8Array;
}

interface StyleSpec {
  px: number;
  bold: boolean;
  lineHeight: number;
}

/** Type sizes in dots (203 dpi: 24 dots ≈ 3 mm, the size of ESC/POS font A). */
export function styles(paper: PaperSpec): Record<TextStyle, StyleSpec> {
  const s = paper.dots >= 576 ? 1 : 0.88;
  const spec = (px: number, bold: boolean, lead = 1.3): StyleSpec => ({ px: Math.round(px * s), bold, lineHeight: Math.round(px * s * lead) });
  return { title: spec(28, true), heading: spec(25, true), body: spec(24, false), small: spec(20, false), code: spec(46, true, 1.25) };
}

const fontOf = (st: StyleSpec) => `${st.px}px "${st.bold ? FONT_BOLD : FONT_REGULAR}"`;

export function canvasMeasurer(paper: PaperSpec): Measurer {
  ensureFonts();
  const ctx = createCanvas(8, 8).getContext('2d');
  const st = styles(paper);
  let current = '';
  return {
    width(text, style) {
      const f = fontOf(st[style]);
      if (f !== current) {
        ctx.font = f;
        current = f;
      }
      return ctx.measureText(text).width;
    },
  };
}

export interface RasterOptions {
  /** Luminance below this burns a dot (0..255). Slightly above 128 keeps thin diacritics. */
  threshold?: number;
  /** Dots per QR module. */
  qrModule?: number;
}

export function layoutFor(blocks: Block[], paper: PaperSpec): Line[] {
  return layout(blocks, paper.dots - 2 * paper.margin, canvasMeasurer(paper));
}

/** Dots per module of a large QR at most (1.5 mm at 203 dpi). */
export const LARGE_QR_MAX_MODULE = 12;

function qrMatrix(payload: string): QrModules {
  return QRCode.create(payload, { errorCorrectionLevel: 'M' }).modules;
}

/** Draws the laid-out lines and returns the 1-bit bitmap, `paper.dots` wide. */
export function renderLines(lines: Line[], paper: PaperSpec, opts: RasterOptions = {}): Bitmap {
  ensureFonts();
  const st = styles(paper);
  const width = paper.dots;
  const inner = width - 2 * paper.margin;
  const qrModule = opts.qrModule ?? (width >= 576 ? 6 : 5);
  const qrs = new Map<string, QrModules>();
  // A large QR (payment, scanned at arm's length): the widest whole module that fits with its quiet zone.
  const moduleOf = (l: Extract<Line, { kind: 'qr' }>, m: QrModules): number => (l.large ? Math.max(qrModule, Math.min(LARGE_QR_MAX_MODULE, Math.floor(inner / (m.size + 8)))) : qrModule);
  const heightOf = (l: Line): number => {
    switch (l.kind) {
      case 'text':
        return st[l.style].lineHeight;
      case 'gap':
        return l.dots;
      case 'rule':
        return 18;
      case 'qr': {
        const m = qrs.get(l.payload) ?? qrMatrix(l.payload);
        qrs.set(l.payload, m);
        return (m.size + 4) * moduleOf(l, m);
      }
    }
  };
  const top = 8;
  const bottom = 8;
  const height = top + lines.reduce((h, l) => h + heightOf(l), 0) + bottom;
  const canvas = createCanvas(width, height);
  const ctx: SKRSContext2D = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  ctx.textBaseline = 'alphabetic';
  let y = top;
  for (const l of lines) {
    const h = heightOf(l);
    if (l.kind === 'text') {
      const s = st[l.style];
      ctx.font = fontOf(s);
      const w = ctx.measureText(l.text).width;
      const x = l.align === 'center' ? paper.margin + (inner - w) / 2 : l.align === 'right' ? paper.margin + inner - w : paper.margin + l.x;
      // baseline at ~78% of the line box leaves room for stacked marks above (Ấ, Ễ) and dots below (ậ)
      ctx.fillText(l.text, Math.round(x), Math.round(y + s.px * 1.02 + (s.lineHeight - s.px * 1.25) / 2));
    } else if (l.kind === 'rule') {
      ctx.fillRect(paper.margin, y + 8, inner, 2);
    } else if (l.kind === 'qr') {
      const m = qrs.get(l.payload)!;
      const mod = moduleOf(l, m);
      const x0 = Math.round((width - m.size * mod) / 2);
      const y0 = y + 2 * mod;
      for (let r = 0; r < m.size; r++)
        for (let c = 0; c < m.size; c++) if (m.get(r, c)) ctx.fillRect(x0 + c * mod, y0 + r * mod, mod, mod);
    }
    y += h;
  }
  return threshold(ctx.getImageData(0, 0, width, height).data, width, height, opts.threshold ?? 150);
}

export function threshold(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number, level = 128): Bitmap {
  const stride = (width + 7) >> 3;
  const bits = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const row = y * width * 4;
    const out = y * stride;
    for (let x = 0; x < width; x++) {
      const i = row + x * 4;
      if (rgba[i + 3]! > 126 && 0.2126 * rgba[i]! + 0.7152 * rgba[i + 1]! + 0.0722 * rgba[i + 2]! < level) bits[out + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return { width, height, stride, bits };
}

/**
 * ESC/POS `GS v 0 m xL xH yL yH d…` (m = 48, normal density, as node-thermal-printer sends it) in bands of `bandHeight` rows: many printers have a small
 * receive buffer and some reject a single image taller than a few thousand dots.
 */
export function encodeRaster(bm: Bitmap, bandHeight = 240): Buffer {
  const parts: Buffer[] = [];
  for (let y = 0; y < bm.height; y += bandHeight) {
    const h = Math.min(bandHeight, bm.height - y);
    const header = Buffer.from([0x1d, 0x76, 0x30, 0x30, bm.stride & 0xff, (bm.stride >> 8) & 0xff, h & 0xff, (h >> 8) & 0xff]);
    parts.push(header, Buffer.from(bm.bits.buffer, bm.bits.byteOffset + y * bm.stride, h * bm.stride));
  }
  return Buffer.concat(parts);
}

/** Black-on-white RGBA PNG of a bitmap (docs, the virtual printer, node-thermal-printer's image path). */
export function bitmapToPng(bm: Bitmap): Buffer {
  const png = new PNG({ width: bm.width, height: bm.height });
  for (let y = 0; y < bm.height; y++)
    for (let x = 0; x < bm.width; x++) {
      const black = (bm.bits[y * bm.stride + (x >> 3)]! & (0x80 >> (x & 7))) !== 0;
      const i = (y * bm.width + x) * 4;
      png.data[i] = png.data[i + 1] = png.data[i + 2] = black ? 0 : 255;
      png.data[i + 3] = 255;
    }
  return PNG.sync.write({ data: png.data, width: bm.width, height: bm.height });
}

export function readPng(buf: Buffer): { width: number; height: number; data: Buffer } {
  return PNG.sync.read(buf);
}

export function renderBlocks(blocks: Block[], paper: PaperSpec, opts?: RasterOptions): Bitmap {
  return renderLines(layoutFor(blocks, paper), paper, opts);
}
