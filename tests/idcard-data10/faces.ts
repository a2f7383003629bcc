/**
 * Generator 10's card faces, each written as a PostScript procedure by hand (`/CardFace { … } def`) that
 * draws the face in millimetres on the card's own square (85.6 × 54 mm, origin bottom left): guilloche
 * rosettes computed by the PostScript interpreter, the emblem, a drawn portrait, the texts in Type 42
 * fonts embedded from TrueType files (tests/idcard-data10/ttf.ts), the QR as filled modules, the MRZ in
 * a monospace face pitched to 2.54 mm. What each face carries follows ../shared/reference/cccd.md.
 * Every glyph drawn is checked against the font first: a font lacking one is refused, never substituted.
 */
import QRCode from 'qrcode';
import { loadTtf, missingGlyphs, textWidth, type42, type TtfFont } from './ttf.ts';
import { between, ddmmyyyy, pick, type Holder, type Rng } from './holders.ts';

export const CARD_W = 85.6;
export const CARD_H = 54;

export type FaceName = 'front-2021' | 'back-2021' | 'front-2024' | 'back-2024';

const FONT_DIR = '/usr/share/fonts/truetype';
/** The faces generator 10 draws in (Debian packages fonts-clear-sans, fonts-yrsa-rasa, fonts-sil-doulos, fonts-agave, fonts-go, fonts-anonymous-pro). */
export const FONT_FILES = {
  clearLight: `${FONT_DIR}/clear-sans/ClearSans-Light.ttf`,
  clear: `${FONT_DIR}/clear-sans/ClearSans-Regular.ttf`,
  clearMedium: `${FONT_DIR}/clear-sans/ClearSans-Medium.ttf`,
  clearBold: `${FONT_DIR}/clear-sans/ClearSans-Bold.ttf`,
  yrsa: `${FONT_DIR}/fonts-yrsa-rasa/Yrsa-Regular.ttf`,
  yrsaMedium: `${FONT_DIR}/fonts-yrsa-rasa/Yrsa-Medium.ttf`,
  yrsaBold: `${FONT_DIR}/fonts-yrsa-rasa/Yrsa-Bold.ttf`,
  rasa: `${FONT_DIR}/fonts-yrsa-rasa/Rasa-Regular.ttf`,
  rasaBold: `${FONT_DIR}/fonts-yrsa-rasa/Rasa-Bold.ttf`,
  doulos: `${FONT_DIR}/doulos/DoulosSIL-Regular.ttf`,
  agave: `${FONT_DIR}/agave/agave-r-autohinted.ttf`,
  goMono: '/usr/share/fonts/fonts-go/Go-Mono.ttf',
  anonymous: `${FONT_DIR}/anonymous-pro/Anonymous Pro.ttf`,
} as const;
export type FontKey = keyof typeof FONT_FILES;

/** One card's typefaces: labels, values, the name, the titles, the MRZ. */
export interface FaceFonts {
  family: string;
  label: FontKey;
  value: FontKey;
  name: FontKey;
  title: FontKey;
  mrz: FontKey;
}
export const FAMILIES: readonly Omit<FaceFonts, 'mrz'>[] = [
  { family: 'Clear Sans', label: 'clear', value: 'clearMedium', name: 'clearBold', title: 'clearBold' },
  { family: 'Yrsa', label: 'yrsa', value: 'yrsaMedium', name: 'yrsaBold', title: 'yrsaBold' },
  { family: 'Doulos SIL + Clear Sans Light', label: 'clearLight', value: 'doulos', name: 'rasaBold', title: 'clearBold' },
  { family: 'Rasa + Clear Sans', label: 'rasa', value: 'clear', name: 'clearBold', title: 'rasaBold' },
];
export const MRZ_FONTS: readonly FontKey[] = ['agave', 'goMono', 'anonymous'];

export function chooseFonts(rng: Rng): FaceFonts {
  return { ...pick(rng, FAMILIES), mrz: pick(rng, MRZ_FONTS) };
}

/** Every text a face draws, by font: the unit test checks them against the fonts too. */
export interface FaceDrawing {
  /** PostScript defining the fonts used and `/CardFace` (draws the face in mm; no showpage). */
  ps: string;
  texts: { font: FontKey; text: string }[];
  qrText?: string;
  mrz?: [string, string, string];
}

const num = (x: number) => (Math.round(x * 1000) / 1000).toString();

export class Face {
  private body: string[] = [];
  readonly texts: { font: FontKey; text: string }[] = [];
  readonly used = new Set<FontKey>();
  constructor(readonly fonts: FaceFonts) {}
  font(k: FontKey): TtfFont {
    return loadTtf(FONT_FILES[k]);
  }
  ps(s: string): void {
    this.body.push(s);
  }
  /** Text at (x, y) baseline, `size` mm; condensed to `maxW` when wider (not below 72 %), else left as is. */
  text(k: FontKey, size: number, x: number, y: number, text: string, opts: { maxW?: number; color?: [number, number, number]; align?: 'left' | 'center' | 'right'; scaleX?: number } = {}): number {
    const f = this.font(k);
    const miss = missingGlyphs(f, text);
    if (miss.length) throw new Error(`idcard-data10: ${FONT_FILES[k]} lacks ${miss.join(' ')} — refused`);
    this.used.add(k);
    this.texts.push({ font: k, text });
    let sx = opts.scaleX ?? 1;
    let w = textWidth(f, text, size) * sx;
    if (opts.maxW && w > opts.maxW) {
      const k2 = Math.max(0.72, opts.maxW / w);
      sx *= k2;
      w *= k2;
    }
    const x0 = opts.align === 'center' ? x - w / 2 : opts.align === 'right' ? x - w : x;
    const glyphs = [...text.normalize('NFC')].map((ch) => `/g${f.glyphOf.get(ch.codePointAt(0)!)}`).join(' ');
    const [r, g, b] = opts.color ?? [0.08, 0.08, 0.1];
    this.ps(`${num(r)} ${num(g)} ${num(b)} setrgbcolor /${k} findfont [${num(size * sx)} 0 0 ${num(size)} 0 0] makefont setfont ${num(x0)} ${num(y)} moveto [${glyphs}] {glyphshow} forall`);
    return w;
  }
  /** Splits `text` at ", " (then spaces) into lines no wider than the widths given, line by line. */
  wrap(k: FontKey, size: number, text: string, widths: number[]): string[] {
    const f = this.font(k);
    const words = text.split(' ');
    const lines: string[] = [];
    let cur = '';
    for (const w of words) {
      const next = cur ? `${cur} ${w}` : w;
      const maxW = widths[Math.min(lines.length, widths.length - 1)]!;
      if (cur && textWidth(f, next, size) > maxW && lines.length < widths.length - 1) {
        lines.push(cur);
        cur = w;
      } else cur = next;
    }
    lines.push(cur);
    return lines;
  }
  /** The fonts used (each defined once per PostScript file: `defined` is shared by the faces of one file) and the procedure. */
  done(proc = 'CardFace', defined = new Set<FontKey>()): string {
    const defs = [...this.used].filter((k) => !defined.has(k)).map((k) => type42(this.font(k), k));
    for (const k of this.used) defined.add(k);
    return `${PROCS}\n${defs.join('\n')}\n/${proc} {\ngsave\n${this.body.join('\n')}\ngrestore\n} bind def\n`;
  }
}

const PROCS = `
% x y r a k n hue-rgb rosette: n closed curves r + a sin(k t + phase) around (x, y)
/rosette { 9 dict begin /c exch def /n exch def /k exch def /a exch def /r exch def /cy exch def /cx exch def
  c aload pop setrgbcolor 0.07 setlinewidth
  0 1 n 1 sub { /i exch def /ph i 360 mul n div def
    newpath 0 3 360 { /t exch def /rr r a k t mul ph add sin mul add def
      cx rr t cos mul add cy rr t sin mul add t 0 eq { moveto } { lineto } ifelse } for closepath stroke } for end } bind def
% x y r star: a five-pointed star
/star { 3 dict begin /r exch def /y exch def /x exch def newpath
  0 1 9 { /i exch def /rr i 2 mod 0 eq { r } { r 0.382 mul } ifelse def
    x rr 90 i 36 mul add cos mul add y rr 90 i 36 mul add sin mul add i 0 eq { moveto } { lineto } ifelse } for closepath fill end } bind def
% x y w h r roundrect
/roundrect { 5 dict begin /r exch def /h exch def /w exch def /y exch def /x exch def newpath
  x r add y moveto x w add y x w add y h add r arcto 4 {pop} repeat x w add y h add x y h add r arcto 4 {pop} repeat
  x y h add x y r arcto 4 {pop} repeat x y x w add y r arcto 4 {pop} repeat closepath end } bind def
`;

function emblem(f: Face, x: number, y: number, r: number): void {
  f.ps(`0.85 0.68 0.15 setrgbcolor newpath ${num(x)} ${num(y)} ${num(r)} 0 360 arc fill`);
  f.ps(`0.78 0.1 0.12 setrgbcolor newpath ${num(x)} ${num(y)} ${num(r * 0.8)} 0 360 arc fill`);
  f.ps(`0.98 0.84 0.2 setrgbcolor ${num(x)} ${num(y + r * 0.08)} ${num(r * 0.45)} star`);
  f.ps(`0.85 0.68 0.15 setrgbcolor 0.25 setlinewidth newpath ${num(x - r * 0.55)} ${num(y - r * 0.45)} moveto ${num(x + r * 0.55)} ${num(y - r * 0.45)} lineto stroke`);
}

function portrait(f: Face, rng: Rng, x: number, y: number, w: number, h: number): void {
  const bg = pick(rng, [
    [0.86, 0.9, 0.96],
    [0.95, 0.95, 0.95],
    [0.82, 0.88, 0.93],
  ]);
  const skin = pick(rng, [
    [0.87, 0.72, 0.6],
    [0.8, 0.63, 0.5],
    [0.92, 0.78, 0.66],
  ]);
  const shirt = pick(rng, [
    [0.15, 0.18, 0.3],
    [0.95, 0.95, 0.97],
    [0.3, 0.3, 0.32],
  ]);
  const cx = x + w / 2;
  f.ps(`${bg.map(num).join(' ')} setrgbcolor ${num(x)} ${num(y)} ${num(w)} ${num(h)} rectfill`);
  f.ps(`gsave newpath ${num(x)} ${num(y)} ${num(w)} ${num(h)} rectclip`);
  f.ps(`${shirt.map(num).join(' ')} setrgbcolor newpath ${num(cx)} ${num(y - h * 0.1)} ${num(w * 0.55)} 0 180 arc fill`);
  f.ps(`${skin.map(num).join(' ')} setrgbcolor ${num(cx - w * 0.09)} ${num(y + h * 0.25)} ${num(w * 0.18)} ${num(h * 0.15)} rectfill`);
  f.ps(`gsave ${num(cx)} ${num(y + h * 0.55)} translate 1 1.3 scale newpath 0 0 ${num(w * 0.24)} 0 360 arc fill grestore`);
  f.ps(`0.1 0.08 0.07 setrgbcolor gsave ${num(cx)} ${num(y + h * 0.66)} translate 1 ${num(0.6 + rng() * 0.4)} scale newpath 0 0 ${num(w * 0.27)} 0 180 arc fill grestore`);
  f.ps(`grestore 0.5 setgray 0.1 setlinewidth ${num(x)} ${num(y)} ${num(w)} ${num(h)} rectstroke`);
}

function qr(f: Face, text: string, x: number, y: number, size: number): void {
  const q = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = q.modules.size;
  const quiet = 2;
  const m = size / (n + 2 * quiet);
  f.ps(`1 setgray ${num(x)} ${num(y)} ${num(size)} ${num(size)} rectfill 0 setgray`);
  const rects: string[] = [];
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) if (q.modules.get(r, c)) rects.push(`${num(x + (quiet + c) * m)} ${num(y + size - (quiet + r + 1) * m)} ${num(m * 1.02)} ${num(m * 1.02)}`);
  f.ps(`[${rects.join(' ')}] rectfill`);
}

function chip(f: Face, x: number, y: number): void {
  f.ps(`0.86 0.72 0.36 setrgbcolor ${num(x)} ${num(y)} 11 8.5 1.4 roundrect fill`);
  f.ps(`0.6 0.48 0.2 setrgbcolor 0.18 setlinewidth newpath ${num(x)} ${num(y + 4.25)} moveto ${num(x + 11)} ${num(y + 4.25)} lineto ${num(x + 5.5)} ${num(y)} moveto ${num(x + 5.5)} ${num(y + 8.5)} lineto ${num(x + 3.2)} ${num(y + 2)} 2.3 4.5 0.6 roundrect stroke`);
}

function mrzBlock(f: Face, lines: [string, string, string], x: number, y: number): void {
  const k = f.fonts.mrz;
  const font = f.font(k);
  const adv = font.advance[font.glyphOf.get('<'.codePointAt(0)!)!]! / font.unitsPerEm;
  // 2.54 mm a character, as ICAO 9303 pitches the MRZ; the height is the face's own at about 3.4 mm
  const size = 3.4;
  lines.forEach((l, i) => f.text(k, size, x, y - i * 4.1, l, { scaleX: 2.54 / adv / size, maxW: 78.5 }));
}

function header(f: Face, x: number, top: number, title: string, subtitle: string): void {
  const t = f.fonts.title;
  f.text(t, 2.05, x, top, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { align: 'center', maxW: 50 });
  f.text(f.fonts.label, 1.95, x, top - 2.6, 'Độc lập - Tự do - Hạnh phúc', { align: 'center' });
  f.text(t, 3.3, x, top - 6.3, title, { align: 'center', color: [0.75, 0.08, 0.1], maxW: 48 });
  f.text(f.fonts.label, 1.9, x, top - 8.7, subtitle, { align: 'center', color: [0.75, 0.08, 0.1] });
}

function background(f: Face, rng: Rng, generation: 2021 | 2024, back: boolean): void {
  const base = generation === 2021 ? [0.9, 0.95, 0.93] : [0.93, 0.94, 0.98];
  const tint = generation === 2021 ? [0.55, 0.75, 0.72] : [0.78, 0.7, 0.86];
  f.ps(`${base.map(num).join(' ')} setrgbcolor 0 0 ${CARD_W} ${CARD_H} 3.2 roundrect fill`);
  f.ps(`gsave 0 0 ${CARD_W} ${CARD_H} 3.2 roundrect clip`);
  const cx = back ? 30 + rng() * 25 : 45 + rng() * 20;
  f.ps(`${num(cx)} ${num(20 + rng() * 14)} ${num(16 + rng() * 8)} ${num(2 + rng() * 2)} ${between(rng, 7, 13)} ${between(rng, 14, 22)} [${tint.map(num).join(' ')}] rosette`);
  f.ps(`${num(cx)} ${num(27)} ${num(30 + rng() * 6)} ${num(1.5 + rng() * 2)} ${between(rng, 17, 29)} ${between(rng, 10, 16)} [${tint.map((v) => num(Math.min(1, v + 0.12))).join(' ')}] rosette`);
  f.ps('grestore');
}

function labelValue(f: Face, x: number, y: number, label: string, value: string, valueSize = 2.35, maxX = CARD_W - 2.5): void {
  const w = f.text(f.fonts.label, 1.75, x, y, `${label}:`);
  f.text(f.fonts.value, valueSize, x + w + 1.2, y, value, { maxW: maxX - (x + w + 1.2) });
}

/** The face's PostScript and what it draws. `rng` draws the portrait and the guilloche only (the texts are the holder's). */
export function drawFace(face: FaceName, h: Holder, fonts: FaceFonts, rng: Rng, defined?: Set<FontKey>): FaceDrawing {
  const f = new Face(fonts);
  const L = fonts.label;
  const V = fonts.value;
  let qrText: string | undefined;
  let mrz: [string, string, string] | undefined;
  if (face === 'front-2021') {
    background(f, rng, 2021, false);
    emblem(f, 9, 45.5, 5.6);
    header(f, 41, 50.2, 'CĂN CƯỚC CÔNG DÂN', 'Citizen Identity Card');
    qr(f, h.qrText, 67.5, 35, 15.5);
    qrText = h.qrText;
    portrait(f, rng, 3, 14.5, 18, 23.5);
    f.text(L, 1.6, 3, 10.8, 'Có giá trị đến:');
    f.text(L, 1.5, 3, 8.7, 'Date of expiry');
    f.text(V, 2.1, 3, 5.8, ddmmyyyy(h.dateOfExpiry, '/'));
    const x = 23.5;
    const w = f.text(L, 1.75, x, 31, 'Số / No.:');
    f.text(fonts.name, 3.5, x + w + 2, 30.8, h.idNumber, { maxW: 66 - (x + w + 2) });
    f.text(L, 1.75, x, 27.2, 'Họ và tên / Full name:');
    f.text(fonts.name, 3.0, x + 4, 23.6, h.fullName.toUpperCase(), { maxW: CARD_W - x - 6 });
    labelValue(f, x, 20.2, 'Ngày sinh / Date of birth', ddmmyyyy(h.dateOfBirth, '/'));
    const sw = f.text(L, 1.75, x, 16.9, 'Giới tính / Sex:');
    f.text(V, 2.35, x + sw + 1.2, 16.9, h.sex);
    labelValue(f, 52, 16.9, 'Quốc tịch / Nationality', 'Việt Nam');
    f.text(L, 1.75, x, 13.6, 'Quê quán / Place of origin:');
    const origin = f.wrap(V, 2.3, h.placeOfOrigin, [CARD_W - x - 3]);
    f.text(V, 2.3, x, 10.6, origin[0]!, { maxW: CARD_W - x - 2.5 });
    const rw = f.text(L, 1.75, x, 7.4, 'Nơi thường trú / Place of residence:');
    const res = f.wrap(V, 2.3, h.placeOfResidence, [CARD_W - x - rw - 3.5, CARD_W - x - 3]);
    f.text(V, 2.3, x + rw + 1.2, 7.4, res[0]!, { maxW: CARD_W - x - rw - 3.5 });
    if (res[1]) f.text(V, 2.3, x, 4.2, res.slice(1).join(' '), { maxW: CARD_W - x - 2.5 });
  } else if (face === 'back-2021') {
    background(f, rng, 2021, true);
    f.text(L, 1.7, 4, 49.5, 'Đặc điểm nhân dạng / Personal identification:');
    f.text(V, 2.0, 4, 46.6, h.mark, { maxW: 48 });
    f.text(L, 1.7, 4, 42.2, 'Ngày, tháng, năm / Date, month, year:');
    f.text(V, 2.1, 40, 42.2, ddmmyyyy(h.issueDate, '/'));
    f.text(fonts.title, 1.75, 27, 38.4, 'CỤC TRƯỞNG CỤC CẢNH SÁT', { align: 'center' });
    f.text(fonts.title, 1.75, 27, 36.2, 'QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI', { align: 'center', maxW: 46 });
    f.ps('0.8 0.15 0.15 setrgbcolor 0.3 setlinewidth newpath 27 30.5 4.2 0 360 arc stroke newpath 27 30.5 3.3 0 360 arc stroke');
    f.ps('0.1 0.15 0.45 setrgbcolor 0.25 setlinewidth newpath 21 30 moveto 24 34 26 26 29 31 curveto 31 34 33 28 36 31 curveto stroke');
    chip(f, 5, 27);
    for (const [bx, lbl] of [
      [56, 'Ngón trỏ trái'],
      [71, 'Ngón trỏ phải'],
    ] as const) {
      f.ps(`0.45 setgray 0.15 setlinewidth ${bx - 6.5} 28 13 16.5 rectstroke`);
      f.ps(`0.55 setgray 0.12 setlinewidth 0 1 9 { /i exch def newpath ${bx} 36 i 0.6 mul 0.8 add 200 340 arc stroke } for`);
      f.text(L, 1.35, bx, 25.8, lbl, { align: 'center' });
    }
    f.ps(`1 1 0.98 setrgbcolor 0.6 1.2 84.4 14.4 rectfill`);
    mrz = h.mrz;
    mrzBlock(f, h.mrz, 3.4, 11.3);
  } else if (face === 'front-2024') {
    background(f, rng, 2024, false);
    emblem(f, 9.5, 45.5, 5.8);
    header(f, 46, 50.2, 'CĂN CƯỚC', 'IDENTITY CARD');
    portrait(f, rng, 3.2, 10, 19, 25);
    const x = 25;
    f.text(L, 1.7, x, 35.4, 'Số định danh cá nhân / Personal identification number:');
    f.text(fonts.name, 3.6, x + 4, 31.4, h.idNumber);
    f.text(L, 1.7, x, 27.4, 'Họ, chữ đệm và tên khai sinh / Full name:');
    f.text(fonts.name, 3.0, x + 2, 23.6, h.fullName.toUpperCase(), { maxW: CARD_W - x - 4 });
    labelValue(f, x, 19.4, 'Ngày, tháng, năm sinh / Date of birth', ddmmyyyy(h.dateOfBirth, '/'));
    const sw = f.text(L, 1.7, x, 15.4, 'Giới tính / Sex:');
    f.text(V, 2.35, x + sw + 1.2, 15.4, h.sex);
    labelValue(f, 50, 15.4, 'Quốc tịch / Nationality', 'Việt Nam');
    f.ps('0.75 0.2 0.25 setrgbcolor 0.35 setlinewidth newpath 0 4 moveto 20 7 40 1 85.6 5 curveto stroke');
  } else {
    background(f, rng, 2024, true);
    chip(f, 4, 40.5);
    qr(f, h.qrText, 64.5, 32.5, 18);
    qrText = h.qrText;
    const x = 18;
    f.text(L, 1.65, x, 50, 'Nơi cư trú / Place of residence:');
    const res = f.wrap(V, 2.15, h.placeOfResidence, [62 - x, 62 - x]);
    res.forEach((l, i) => f.text(V, 2.15, x, 47.2 - i * 2.7, i === res.length - 1 ? res.slice(i).join(' ') : l, { maxW: 62.5 - x }));
    f.text(L, 1.65, x, 41.4, 'Nơi đăng ký khai sinh / Place of birth:');
    const pob = f.wrap(V, 2.15, h.placeOfBirth, [62 - x, 62 - x]);
    pob.forEach((l, i) => f.text(V, 2.15, x, 38.6 - i * 2.7, l, { maxW: 62.5 - x }));
    labelValue(f, 4, 30.6, 'Ngày, tháng, năm cấp / Date of issue', ddmmyyyy(h.issueDate, '/'), 2.1, 62);
    labelValue(f, 4, 27.6, 'Ngày, tháng, năm hết hạn / Date of expiry', ddmmyyyy(h.dateOfExpiry, '/'), 2.1, 62);
    f.text(fonts.title, 1.8, 74, 28.4, 'BỘ CÔNG AN', { align: 'center' });
    f.text(L, 1.4, 74, 26.4, 'MINISTRY OF PUBLIC SECURITY', { align: 'center', maxW: 22 });
    f.ps('0.8 0.15 0.15 setrgbcolor 0.3 setlinewidth newpath 74 21.8 3.4 0 360 arc stroke');
    f.ps(`1 1 1 setrgbcolor 0.6 1.2 84.4 14.4 rectfill`);
    mrz = h.mrz;
    mrzBlock(f, h.mrz, 3.4, 11.3);
  }
  return { ps: f.done('CardFace', defined), texts: f.texts, ...(qrText ? { qrText } : {}), ...(mrz ? { mrz } : {}) };
}

