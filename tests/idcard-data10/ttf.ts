/**
 * Generator 10: a TrueType file read just enough to embed it in hand-written PostScript as a Type 42 font —
 * the table directory, `cmap` (formats 4 and 12) for Unicode → glyph index, `head`/`hhea`/`hmtx` for the
 * advance widths (line fitting), `loca` to split `glyf` at glyph boundaries (a Type 42 `sfnts` string must
 * not cut a table or a glyph). The embedded copy keeps only the tables a rasteriser needs. The font's own names are never used: the PostScript names each glyph `/gN`
 * after its index, so a glyph the font lacks cannot be drawn silently as another (coverage is checked first).
 */
import { readFileSync } from 'node:fs';

export interface TtfFont {
  file: string;
  data: Buffer;
  unitsPerEm: number;
  bbox: [number, number, number, number];
  /** Unicode code point → glyph index (0 = missing). */
  glyphOf: Map<number, number>;
  advance: number[];
  tables: Map<string, { off: number; len: number }>;
  numGlyphs: number;
  longLoca: boolean;
}

/** The tables a Type 42 rasteriser needs; the rest (layout, kerning, device metrics, signatures) stay out. */
const KEEP = ['head', 'hhea', 'hmtx', 'maxp', 'loca', 'glyf', 'cvt ', 'fpgm', 'prep'];

const cache = new Map<string, TtfFont>();

export function loadTtf(file: string): TtfFont {
  const hit = cache.get(file);
  if (hit) return hit;
  const d = readFileSync(file);
  const tag = d.readUInt32BE(0);
  if (tag !== 0x00010000 && tag !== 0x74727565) throw new Error(`idcard-data10: ${file} is not a TrueType (glyf) font`);
  const n = d.readUInt16BE(4);
  const tables = new Map<string, { off: number; len: number }>();
  for (let i = 0; i < n; i++) {
    const p = 12 + i * 16;
    tables.set(d.toString('latin1', p, p + 4), { off: d.readUInt32BE(p + 8), len: d.readUInt32BE(p + 12) });
  }
  const t = (name: string) => {
    const x = tables.get(name);
    if (!x) throw new Error(`idcard-data10: ${file} has no ${name} table`);
    return x;
  };
  const head = t('head').off;
  const unitsPerEm = d.readUInt16BE(head + 18);
  const bbox: [number, number, number, number] = [d.readInt16BE(head + 36), d.readInt16BE(head + 38), d.readInt16BE(head + 40), d.readInt16BE(head + 42)];
  const longLoca = d.readInt16BE(head + 50) === 1;
  const numGlyphs = d.readUInt16BE(t('maxp').off + 4);
  const numHMetrics = d.readUInt16BE(t('hhea').off + 34);
  const hmtx = t('hmtx').off;
  const advance: number[] = [];
  for (let g = 0; g < numGlyphs; g++) advance.push(d.readUInt16BE(hmtx + 4 * Math.min(g, numHMetrics - 1)));

  const glyphOf = new Map<number, number>();
  const cmap = t('cmap').off;
  const subtables: { platform: number; enc: number; off: number }[] = [];
  for (let i = 0; i < d.readUInt16BE(cmap + 2); i++) {
    const p = cmap + 4 + i * 8;
    subtables.push({ platform: d.readUInt16BE(p), enc: d.readUInt16BE(p + 2), off: cmap + d.readUInt32BE(p + 4) });
  }
  const unicode = subtables.filter((s) => s.platform === 0 || (s.platform === 3 && (s.enc === 1 || s.enc === 10)));
  for (const s of unicode.sort((a, b) => d.readUInt16BE(a.off) - d.readUInt16BE(b.off))) {
    const format = d.readUInt16BE(s.off);
    if (format === 4) {
      const segX2 = d.readUInt16BE(s.off + 6);
      const ends = s.off + 14;
      const starts = ends + segX2 + 2;
      const deltas = starts + segX2;
      const ranges = deltas + segX2;
      for (let i = 0; i < segX2 / 2; i++) {
        const end = d.readUInt16BE(ends + 2 * i);
        const start = d.readUInt16BE(starts + 2 * i);
        const delta = d.readInt16BE(deltas + 2 * i);
        const ro = d.readUInt16BE(ranges + 2 * i);
        for (let c = start; c <= end && c !== 0xffff; c++) {
          let g: number;
          if (ro === 0) g = (c + delta) & 0xffff;
          else {
            const gp = ranges + 2 * i + ro + 2 * (c - start);
            g = d.readUInt16BE(gp);
            if (g !== 0) g = (g + delta) & 0xffff;
          }
          if (g !== 0 && g < numGlyphs) glyphOf.set(c, g);
        }
      }
    } else if (format === 12) {
      const groups = d.readUInt32BE(s.off + 12);
      for (let i = 0; i < groups; i++) {
        const p = s.off + 16 + i * 12;
        const a = d.readUInt32BE(p);
        const b = d.readUInt32BE(p + 4);
        const g0 = d.readUInt32BE(p + 8);
        for (let c = a; c <= b; c++) if (g0 + c - a < numGlyphs) glyphOf.set(c, g0 + c - a);
      }
    }
  }

  const font: TtfFont = { file, data: d, unitsPerEm, bbox, glyphOf, advance, tables, numGlyphs, longLoca };
  cache.set(file, font);
  return font;
}

/** The characters of `text` the font has no glyph for (spaces count: a missing space is a missing glyph). */
export function missingGlyphs(font: TtfFont, text: string): string[] {
  const out = new Set<string>();
  for (const ch of text.normalize('NFC')) if (!font.glyphOf.has(ch.codePointAt(0)!)) out.add(ch);
  return [...out];
}

/** Width of `text` at `size` (no kerning: the PostScript `show` draws none either). */
export function textWidth(font: TtfFont, text: string, size: number): number {
  let w = 0;
  for (const ch of text.normalize('NFC')) w += font.advance[font.glyphOf.get(ch.codePointAt(0)!) ?? 0] ?? 0;
  return (w / font.unitsPerEm) * size;
}

/**
 * The font as a PostScript Type 42 definition named `name`: `sfnts` strings cut only at table and glyph
 * boundaries (each under 65,535 bytes), CharStrings `/gN N` for every glyph, and an empty Encoding — text is
 * shown with `glyphshow` by the `/gN` names, so no 256-slot encoding limits the letters.
 */
const type42Cache = new Map<string, string>();
export function type42(font: TtfFont, name: string): string {
  const key = `${font.file}\u0000${name}`;
  const hit = type42Cache.get(key);
  if (hit !== undefined) return hit;
  const ps = buildType42(font, name);
  type42Cache.set(key, ps);
  return ps;
}

function buildType42(font: TtfFont, name: string): string {
  // the font again with only the tables it needs (4-byte aligned), and where its strings may be cut
  const keep = KEEP.filter((k) => font.tables.has(k));
  const dirLen = 12 + 16 * keep.length;
  const chunks: Buffer[] = [];
  const header = Buffer.alloc(dirLen);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(keep.length, 4);
  let at = dirLen;
  const placed = new Map<string, number>();
  keep.forEach((k, i) => {
    const { off, len } = font.tables.get(k)!;
    header.write(k, 12 + 16 * i, 'latin1');
    header.writeUInt32BE(at, 12 + 16 * i + 8);
    header.writeUInt32BE(len, 12 + 16 * i + 12);
    placed.set(k, at);
    const padded = Buffer.alloc((len + 3) & ~3);
    font.data.copy(padded, 0, off, off + len);
    chunks.push(padded);
    at += padded.length;
  });
  const data = Buffer.concat([header, ...chunks]);
  const cutSet = new Set<number>([0, ...placed.values(), data.length]);
  const glyf = placed.get('glyf')!;
  const loca = font.tables.get('loca')!.off;
  for (let g = 0; g <= font.numGlyphs; g++) cutSet.add(glyf + (font.longLoca ? font.data.readUInt32BE(loca + 4 * g) : 2 * font.data.readUInt16BE(loca + 2 * g)));
  // even offsets only: a Type 42 string of odd length loses its last byte (the spec's padding byte)
  const cuts = [...cutSet].filter((c) => c <= data.length && c % 2 === 0).sort((a, b) => a - b);
  const parts: string[] = [];
  let start = 0;
  let last = 0;
  for (const c of cuts) {
    if (c - start > 65000 && last > start) {
      parts.push(data.subarray(start, last).toString('hex'));
      start = last;
    }
    if (c - start > 65000) throw new Error(`idcard-data10: ${font.file}: a table or glyph larger than 65,000 bytes`);
    last = c;
  }
  if (data.length > start) parts.push(data.subarray(start).toString('hex'));
  const sfnts = parts.map((h) => `<${h.replace(/(.{120})/g, '$1\n')}00>`).join('\n');
  const numGlyphs = font.numGlyphs;
  const [x0, y0, x1, y1] = font.bbox.map((v) => v / font.unitsPerEm);
  return [
    `/${name} 12 dict begin`,
    `/FontName /${name} def /FontType 42 def /PaintType 0 def /FontMatrix [1 0 0 1 0 0] def`,
    `/FontBBox [${x0} ${y0} ${x1} ${y1}] def`,
    `/Encoding 256 array 0 1 255 { 1 index exch /.notdef put } for def`,
    `/CharStrings ${numGlyphs + 1} dict dup begin /.notdef 0 def\n${Array.from({ length: numGlyphs }, (_, g) => `/g${g} ${g} def`).join(' ').replace(/(.{0,110}) /g, '$1\n')}\nend def`,
    `/sfnts [\n${sfnts}\n] def`,
    `currentdict end definefont pop`,
  ].join('\n');
}
