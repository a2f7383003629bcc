/**
 * Generator 9 writes each card face as a one-page PDF by hand: millimetre coordinates with the origin
 * at the top left, Type 0 fonts (Identity-H, glyph ids) embedding whole TrueType (FontFile2) and
 * OpenType/CFF (FontFile3) files, vector shapes only. MuPDF (raster.ts) turns it into pixels.
 */
import { deflateSync } from 'node:zlib';
import type { SfntFont } from './font.ts';

export type Rgb = readonly [number, number, number];
const K = 72 / 25.4;
const f = (n: number) => (Math.round(n * 1000) / 1000).toString();
const col = (c: Rgb) => `${f(c[0] / 255)} ${f(c[1] / 255)} ${f(c[2] / 255)}`;

export interface TextOpts {
  size: number;
  color?: Rgb;
  /** Horizontal scale in percent (condensed < 100). */
  scale?: number;
  /** Extra space between letters, mm. */
  spacing?: number;
  /** Outline + fill (a poor man's bold for faces with no bold). */
  stroke?: number;
}

export class PdfPage {
  private ops: string[] = [];
  private fonts = new Map<SfntFont, { name: string; used: Set<number> }>();
  constructor(
    readonly widthMm: number,
    readonly heightMm: number,
  ) {
    this.ops.push(`${f(K)} 0 0 ${f(-K)} 0 ${f(heightMm * K)} cm`);
  }

  rect(x: number, y: number, w: number, h: number, fill: Rgb): this {
    this.ops.push(`${col(fill)} rg ${f(x)} ${f(y)} ${f(w)} ${f(h)} re f`);
    return this;
  }

  roundRect(x: number, y: number, w: number, h: number, r: number, fill: Rgb | null, stroke?: { color: Rgb; width: number }): this {
    const c = r * 0.5523;
    this.ops.push(
      `${f(x + r)} ${f(y)} m ${f(x + w - r)} ${f(y)} l ${f(x + w - r + c)} ${f(y)} ${f(x + w)} ${f(y + r - c)} ${f(x + w)} ${f(y + r)} c ` +
        `${f(x + w)} ${f(y + h - r)} l ${f(x + w)} ${f(y + h - r + c)} ${f(x + w - r + c)} ${f(y + h)} ${f(x + w - r)} ${f(y + h)} c ` +
        `${f(x + r)} ${f(y + h)} l ${f(x + r - c)} ${f(y + h)} ${f(x)} ${f(y + h - r + c)} ${f(x)} ${f(y + h - r)} c ` +
        `${f(x)} ${f(y + r)} l ${f(x)} ${f(y + r - c)} ${f(x + r - c)} ${f(y)} ${f(x + r)} ${f(y)} c h`,
    );
    if (stroke) this.ops.push(`${col(stroke.color)} RG ${f(stroke.width)} w`);
    if (fill) this.ops.push(`${col(fill)} rg`);
    this.ops.push(fill && stroke ? 'B' : fill ? 'f' : 'S');
    return this;
  }

  ellipse(cx: number, cy: number, rx: number, ry: number, fill: Rgb): this {
    const a = rx * 0.5523;
    const b = ry * 0.5523;
    this.ops.push(
      `${col(fill)} rg ${f(cx + rx)} ${f(cy)} m ${f(cx + rx)} ${f(cy + b)} ${f(cx + a)} ${f(cy + ry)} ${f(cx)} ${f(cy + ry)} c ` +
        `${f(cx - a)} ${f(cy + ry)} ${f(cx - rx)} ${f(cy + b)} ${f(cx - rx)} ${f(cy)} c ${f(cx - rx)} ${f(cy - b)} ${f(cx - a)} ${f(cy - ry)} ${f(cx)} ${f(cy - ry)} c ` +
        `${f(cx + a)} ${f(cy - ry)} ${f(cx + rx)} ${f(cy - b)} ${f(cx + rx)} ${f(cy)} c f`,
    );
    return this;
  }

  /** A polyline (stroked) or polygon (filled). */
  path(points: readonly (readonly [number, number])[], o: { stroke?: Rgb; width?: number; fill?: Rgb; close?: boolean }): this {
    if (points.length < 2) return this;
    const p = points.map(([x, y], i) => `${f(x)} ${f(y)} ${i ? 'l' : 'm'}`).join(' ');
    const close = o.close ? ' h' : '';
    if (o.fill) this.ops.push(`${col(o.fill)} rg ${p}${close} f`);
    else this.ops.push(`${col(o.stroke ?? [0, 0, 0])} RG ${f(o.width ?? 0.1)} w 1 J 1 j ${p}${close} S`);
    return this;
  }

  /** Text with its baseline at (x, y). Characters the font lacks are an error: the card must say what the truth says. */
  text(font: SfntFont, s: string, x: number, y: number, o: TextOpts): this {
    let reg = this.fonts.get(font);
    if (!reg) this.fonts.set(font, (reg = { name: `F${this.fonts.size + 1}`, used: new Set() }));
    let hex = '';
    for (const ch of s.normalize('NFC')) {
      const g = font.glyphOf(ch.codePointAt(0)!);
      if (g === 0 && ch !== ' ') throw new Error(`gen9 pdf: ${font.postscriptName} has no glyph for U+${ch.codePointAt(0)!.toString(16)}`);
      reg.used.add(g);
      hex += g.toString(16).padStart(4, '0');
    }
    const mode = o.stroke ? `2 Tr ${f(o.stroke)} w ${col(o.color ?? [0, 0, 0])} RG` : '0 Tr';
    this.ops.push(
      `BT /${reg.name} ${f(o.size)} Tf ${mode} ${col(o.color ?? [0, 0, 0])} rg ${f(o.scale ?? 100)} Tz ${f(o.spacing ?? 0)} Tc 1 0 0 -1 ${f(x)} ${f(y)} Tm <${hex}> Tj ET`,
    );
    return this;
  }

  save(): void {
    this.ops.push('q');
  }
  restore(): void {
    this.ops.push('Q');
  }
  /** Rotate the following drawing by `deg` about (cx, cy). */
  rotate(deg: number, cx: number, cy: number): void {
    const r = (deg * Math.PI) / 180;
    const c = Math.cos(r);
    const s = Math.sin(r);
    this.ops.push(`1 0 0 1 ${f(cx)} ${f(cy)} cm ${f(c)} ${f(s)} ${f(-s)} ${f(c)} 0 0 cm 1 0 0 1 ${f(-cx)} ${f(-cy)} cm`);
  }

  /** The whole PDF file. */
  toBuffer(): Buffer {
    const objs: (string | Buffer)[] = [];
    const add = (o: string | Buffer) => objs.push(o) && objs.length;
    const stream = (dict: string, data: Buffer) => Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);
    const catalog = add('');
    const pages = add('');
    const fontRefs: string[] = [];
    for (const [font, { name, used }] of this.fonts) {
      const data = deflateSync(font.bytes);
      const fileObj =
        font.kind === 'truetype' ? add(stream(`/Filter /FlateDecode /Length1 ${font.bytes.length}`, data)) : add(stream('/Filter /FlateDecode /Subtype /OpenType', data));
      const u = font.unitsPerEm / 1000;
      const desc = add(
        `<< /Type /FontDescriptor /FontName /${font.postscriptName} /Flags 32 /FontBBox [${font.bbox.map((v) => Math.round(v / u)).join(' ')}] /ItalicAngle 0 ` +
          `/Ascent ${Math.round(font.ascent / u)} /Descent ${Math.round(font.descent / u)} /CapHeight ${Math.round(font.capHeight / u)} /StemV 80 ` +
          `${font.kind === 'truetype' ? '/FontFile2' : '/FontFile3'} ${fileObj} 0 R >>`,
      );
      const widths = [...used].sort((a, b) => a - b).map((g) => `${g} [${font.width(g)}]`).join(' ');
      const cid = add(
        `<< /Type /Font /Subtype /${font.kind === 'truetype' ? 'CIDFontType2' : 'CIDFontType0'} /BaseFont /${font.postscriptName} ` +
          `/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${desc} 0 R /W [${widths}]` +
          `${font.kind === 'truetype' ? ' /CIDToGIDMap /Identity' : ''} >>`,
      );
      const t0 = add(`<< /Type /Font /Subtype /Type0 /BaseFont /${font.postscriptName} /Encoding /Identity-H /DescendantFonts [${cid} 0 R] >>`);
      fontRefs.push(`/${name} ${t0} 0 R`);
    }
    const content = add(stream('/Filter /FlateDecode', deflateSync(Buffer.from(this.ops.join('\n'), 'latin1'))));
    const page = add(
      `<< /Type /Page /Parent ${pages} 0 R /MediaBox [0 0 ${f(this.widthMm * K)} ${f(this.heightMm * K)}] /Resources << /Font << ${fontRefs.join(' ')} >> >> /Contents ${content} 0 R >>`,
    );
    objs[catalog - 1] = `<< /Type /Catalog /Pages ${pages} 0 R >>`;
    objs[pages - 1] = `<< /Type /Pages /Kids [${page} 0 R] /Count 1 >>`;
    const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
    let at = parts[0]!.length;
    const offsets: number[] = [];
    objs.forEach((o, i) => {
      offsets.push(at);
      const body = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), typeof o === 'string' ? Buffer.from(o, 'latin1') : o, Buffer.from('\nendobj\n', 'latin1')]);
      parts.push(body);
      at += body.length;
    });
    const xref = `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objs.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${at}\n%%EOF\n`;
    parts.push(Buffer.from(xref, 'latin1'));
    return Buffer.concat(parts);
  }
}
