/**
 * A small reader of TrueType/OpenType files for generator 9's PDF writer: the Unicode → glyph map
 * (cmap format 4 or 12), advance widths (hmtx), units per em and the vertical metrics a PDF font
 * descriptor needs. The font file itself is embedded whole; MuPDF draws the glyphs.
 */
import { readFileSync } from 'node:fs';

export interface SfntFont {
  file: string;
  bytes: Buffer;
  /** 'glyf' outlines (TrueType) or 'CFF ' (OpenType/CFF). */
  kind: 'truetype' | 'cff';
  unitsPerEm: number;
  ascent: number;
  descent: number;
  capHeight: number;
  bbox: [number, number, number, number];
  postscriptName: string;
  glyphOf(cp: number): number;
  /** Advance of a glyph in 1/1000 em. */
  width(gid: number): number;
}

const cache = new Map<string, SfntFont>();

export function loadFont(file: string): SfntFont {
  const hit = cache.get(file);
  if (hit) return hit;
  const b = readFileSync(file);
  const tag = b.toString('latin1', 0, 4);
  if (tag !== '\u0000\u0001\u0000\u0000' && tag !== 'OTTO' && tag !== 'true') throw new Error(`gen9 font: not a TrueType/OpenType file: ${file}`);
  const n = b.readUInt16BE(4);
  const tables = new Map<string, { off: number; len: number }>();
  for (let i = 0; i < n; i++) {
    const r = 12 + i * 16;
    tables.set(b.toString('latin1', r, r + 4), { off: b.readUInt32BE(r + 8), len: b.readUInt32BE(r + 12) });
  }
  const t = (name: string) => {
    const x = tables.get(name);
    if (!x) throw new Error(`gen9 font: no ${name} table in ${file}`);
    return x.off;
  };
  const head = t('head');
  const unitsPerEm = b.readUInt16BE(head + 18);
  const bbox: [number, number, number, number] = [b.readInt16BE(head + 36), b.readInt16BE(head + 38), b.readInt16BE(head + 40), b.readInt16BE(head + 42)];
  const hhea = t('hhea');
  const ascent = b.readInt16BE(hhea + 4);
  const descent = b.readInt16BE(hhea + 6);
  const nMetrics = b.readUInt16BE(hhea + 34);
  const hmtx = t('hmtx');
  let capHeight = Math.round(ascent * 0.7);
  if (tables.has('OS/2')) {
    const os2 = t('OS/2');
    if (b.readUInt16BE(os2) >= 2 && tables.get('OS/2')!.len >= 90) capHeight = b.readInt16BE(os2 + 88) || capHeight;
  }
  const map = new Map<number, number>();
  const cmap = t('cmap');
  const nSub = b.readUInt16BE(cmap + 2);
  let best = -1;
  let bestFormat = 0;
  for (let i = 0; i < nSub; i++) {
    const r = cmap + 4 + i * 8;
    const platform = b.readUInt16BE(r);
    const enc = b.readUInt16BE(r + 2);
    const off = cmap + b.readUInt32BE(r + 4);
    const format = b.readUInt16BE(off);
    const unicode = platform === 0 || (platform === 3 && (enc === 1 || enc === 10));
    if (!unicode) continue;
    if (format === 12 || (format === 4 && bestFormat !== 12)) {
      best = off;
      bestFormat = format;
    }
  }
  if (best < 0) throw new Error(`gen9 font: no Unicode cmap in ${file}`);
  if (bestFormat === 4) {
    const segX2 = b.readUInt16BE(best + 6);
    const ends = best + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const ranges = deltas + segX2;
    for (let s = 0; s < segX2 / 2; s++) {
      const end = b.readUInt16BE(ends + s * 2);
      const start = b.readUInt16BE(starts + s * 2);
      const delta = b.readInt16BE(deltas + s * 2);
      const ro = b.readUInt16BE(ranges + s * 2);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        let g: number;
        if (ro === 0) g = (c + delta) & 0xffff;
        else {
          const p = ranges + s * 2 + ro + (c - start) * 2;
          g = b.readUInt16BE(p);
          if (g !== 0) g = (g + delta) & 0xffff;
        }
        if (g) map.set(c, g);
      }
    }
  } else {
    const groups = b.readUInt32BE(best + 12);
    for (let i = 0; i < groups; i++) {
      const r = best + 16 + i * 12;
      const s = b.readUInt32BE(r);
      const e = b.readUInt32BE(r + 4);
      const g0 = b.readUInt32BE(r + 8);
      for (let c = s; c <= e && c - s < 0x10000; c++) map.set(c, g0 + (c - s));
    }
  }
  let postscriptName = file.replace(/^.*\//, '').replace(/\.[a-z]+$/i, '').replace(/[^A-Za-z0-9-]/g, '');
  if (tables.has('name')) {
    const nm = t('name');
    const count = b.readUInt16BE(nm + 2);
    const strings = nm + b.readUInt16BE(nm + 4);
    for (let i = 0; i < count; i++) {
      const r = nm + 6 + i * 12;
      if (b.readUInt16BE(r + 6) !== 6) continue;
      const platform = b.readUInt16BE(r);
      const len = b.readUInt16BE(r + 8);
      const off = strings + b.readUInt16BE(r + 10);
      const raw = Buffer.from(b.subarray(off, off + len));
      const s = platform === 3 || platform === 0 ? raw.swap16().toString('utf16le') : raw.toString('latin1');
      if (/^[A-Za-z0-9-]+$/.test(s)) {
        postscriptName = s;
        break;
      }
    }
  }
  const font: SfntFont = {
    file,
    bytes: b,
    kind: tables.has('CFF ') ? 'cff' : 'truetype',
    unitsPerEm,
    ascent,
    descent,
    capHeight,
    bbox,
    postscriptName,
    glyphOf: (cp) => map.get(cp) ?? 0,
    width: (gid) => {
      const i = Math.min(gid, nMetrics - 1);
      return Math.round((b.readUInt16BE(hmtx + i * 4) * 1000) / unitsPerEm);
    },
  };
  cache.set(file, font);
  return font;
}

/** Does the font draw every character of `text` (no .notdef)? */
export function covers(font: SfntFont, text: string): boolean {
  for (const ch of text) if (ch !== ' ' && font.glyphOf(ch.codePointAt(0)!) === 0) return false;
  return true;
}

/** Width of `text` in points at `size` (no kerning: the PDF is drawn glyph by glyph). */
export function textWidth(font: SfntFont, text: string, size: number): number {
  let w = 0;
  for (const ch of text.normalize('NFC')) w += font.width(font.glyphOf(ch.codePointAt(0)!));
  return (w * size) / 1000;
}
