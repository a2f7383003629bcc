/**
 * Generator 11's card faces as drawing operations in card millimetres (85.6 × 53.98 mm, ISO/IEC 7810 ID-1),
 * drawn by Render11.java. Layouts of its own for the four faces, after what ../shared/reference/cccd.md (beside the project)
 * says each face carries; every position, size and colour wobbles a little from card to card.
 */
import QRCode from 'qrcode';
import { type Holder, printed, type Rng } from './holders.ts';

const MPLUS = '/usr/share/fonts/opentype/mplus';
const JURA = '/usr/share/fonts/opentype/jura';
const JUNICODE = '/usr/share/fonts/opentype/junicode';
const LEAGUE_MONO = '/usr/share/fonts/opentype/league-mono';

/** The faces' type: labels and values in M+ 1, M+ 2, Jura or Junicode; the MRZ in League Mono or M+ 1 Code. */
export interface Style {
  name: string;
  label: string;
  labelBold: string;
  value: string;
  valueBold: string;
  mrz: string;
}
export const STYLES: readonly Style[] = [
  { name: 'mplus1', label: `${MPLUS}/Mplus1-Regular.otf`, labelBold: `${MPLUS}/Mplus1-Bold.otf`, value: `${MPLUS}/Mplus1-Medium.otf`, valueBold: `${MPLUS}/Mplus1-Bold.otf`, mrz: `${LEAGUE_MONO}/LeagueMono-Regular.otf` },
  { name: 'mplus2+junicode', label: `${MPLUS}/Mplus2-Regular.otf`, labelBold: `${MPLUS}/Mplus2-Bold.otf`, value: `${JUNICODE}/JunicodeTwoBeta-Regular.otf`, valueBold: `${JUNICODE}/JunicodeTwoBeta-Bold.otf`, mrz: `${MPLUS}/Mplus1Code-Medium.otf` },
  { name: 'jura', label: `${JURA}/Jura-Medium.otf`, labelBold: `${JURA}/Jura-Bold.otf`, value: `${JURA}/Jura-SemiBold.otf`, valueBold: `${JURA}/Jura-Bold.otf`, mrz: `${LEAGUE_MONO}/LeagueMono-Medium.otf` },
  { name: 'junicode', label: `${JUNICODE}/JunicodeTwoBeta-Regular.otf`, labelBold: `${JUNICODE}/JunicodeTwoBeta-Bold.otf`, value: `${JUNICODE}/JunicodeTwoBeta-SemiCondensedMedium.otf`, valueBold: `${JUNICODE}/JunicodeTwoBeta-Bold.otf`, mrz: `${LEAGUE_MONO}/LeagueMono-NarrowRegular.otf` },
  { name: 'mplus1+jura', label: `${MPLUS}/Mplus1-Light.otf`, labelBold: `${MPLUS}/Mplus1-SemiBold.otf`, value: `${JURA}/Jura-Bold.otf`, valueBold: `${JURA}/Jura-Bold.otf`, mrz: `${LEAGUE_MONO}/LeagueMono-SemiBold.otf` },
];

export type Op = Record<string, string | number>;
export interface CardDrawing {
  w: number;
  h: number;
  radius: number;
  ops: Op[];
}

/** The QR's modules, row by row, as '0'/'1' (qrcode's encoder; error correction M, byte mode, UTF-8). */
export function qrModules(payload: string): { n: number; m: string } {
  const q = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const n = q.modules.size;
  let m = '';
  for (let i = 0; i < n * n; i++) m += q.modules.data[i] ? '1' : '0';
  return { n, m };
}

/** Splits a value into at most `lines` lines of about `chars` characters, at spaces. */
export function wrap(text: string, chars: number, lines: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const w of text.split(' ')) {
    if (cur && (cur + ' ' + w).length > chars && out.length < lines - 1) {
      out.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  out.push(cur);
  return out;
}

const HEADER_VI = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const MOTTO_VI = 'Độc lập - Tự do - Hạnh phúc';
const HEADER_EN = 'SOCIALIST REPUBLIC OF VIET NAM';
const MOTTO_EN = 'Independence - Freedom - Happiness';

function jitter(rng: Rng, v: number, by = 0.4): number {
  return Math.round((v + rng.between(-by, by)) * 100) / 100;
}

function header(ops: Op[], st: Style, rng: Rng, left: number, right: number, top: number): void {
  const cx = (left + right) / 2;
  const w = right - left;
  ops.push({ op: 'text', t: HEADER_VI, f: st.labelBold, s: 2.15, x: cx, y: top, anchor: 'c', maxW: w, c: '#1a1a1a' });
  ops.push({ op: 'text', t: HEADER_EN, f: st.label, s: 1.45, x: cx, y: top + 2.2, anchor: 'c', maxW: w, c: '#333333' });
  ops.push({ op: 'text', t: MOTTO_VI, f: st.labelBold, s: 1.95, x: cx, y: top + 4.6, anchor: 'c', maxW: w, c: '#1a1a1a' });
  ops.push({ op: 'text', t: MOTTO_EN, f: st.label, s: 1.35, x: cx, y: top + 6.6, anchor: 'c', maxW: w, c: '#333333' });
  ops.push({ op: 'line', x: cx - 9, y: top + 5.3, x2: cx + 9, y2: top + 5.3, sw: 0.12, c: '#333333' });
  void rng;
}

function background(ops: Op[], rng: Rng, c1: string, c2: string, guil: string): void {
  ops.push({ op: 'bg', x: 0, c1, c2, gw: 85.6, gh: 54 });
  ops.push({ op: 'guil', x: 0, y: 2, w: 85.6, h: 50, n: 16 + rng.int(0, 8), seed: rng.int(1, 1e9), c: guil, a: 0.3, lw: 0.05, rx: rng.between(45, 65), ry: rng.between(25, 35), rr: rng.between(10, 16) });
}

/** "Label / English:" then the value on the same line (when `inline`) or the next. */
function field(ops: Op[], st: Style, x: number, y: number, label: string, value: string, opts: { size?: number; bold?: boolean; inline?: boolean; maxW?: number; valueColor?: string; labelSize?: number; gap?: number } = {}): number {
  const ls = opts.labelSize ?? 1.75;
  const vs = opts.size ?? 2.5;
  const vf = opts.bold ? st.valueBold : st.value;
  if (opts.inline) {
    // the value starts after the label's measured width (Render11's "pair"); condensed if it would overflow
    ops.push({ op: 'pair', lt: label, lf: st.label, ls, x, y, t: value, f: vf, s: vs, dy: 0.15, gap: 0.9 + (opts.gap ?? 0), c: opts.valueColor ?? '#0d0d0d', right: opts.maxW ? x + opts.maxW : 0 });
    return y;
  }
  ops.push({ op: 'text', t: label, f: st.label, s: ls, x, y, c: '#2a2a2a' });
  ops.push({ op: 'text', t: value, f: vf, s: vs, x, y: y + vs + 0.5, c: opts.valueColor ?? '#0d0d0d', maxW: opts.maxW ?? 0 });
  return y + vs + 0.5;
}

function mrzBand(ops: Op[], st: Style, rng: Rng, mrz: [string, string, string]): void {
  ops.push({ op: 'rect', x: 0, y: 39.6, w: 85.6, h: 14.4, c: '#f7f8f4', a: 0.85 });
  const x = jitter(rng, 4.2, 0.5);
  const width = 77.2 + rng.between(-0.8, 0.4);
  const size = 3.05 + rng.between(-0.15, 0.15);
  mrz.forEach((line, i) => ops.push({ op: 'text', t: line, f: st.mrz, s: size, x, y: 44.2 + i * 4.15, fitW: width, c: '#151515' }));
}

export function front2021(h: Holder, st: Style, rng: Rng): CardDrawing {
  const ops: Op[] = [];
  background(ops, rng, rng.pick(['#e9f2f7', '#eef4ee', '#f1f0f7']), rng.pick(['#d6e6ee', '#e4efe6', '#dcd9ec']), rng.pick(['#6f9fbf', '#7ea98a', '#a07fb0']));
  ops.push({ op: 'emblem', x: jitter(rng, 11), y: jitter(rng, 9.5), r: 6.6 });
  header(ops, st, rng, 19, 64, jitter(rng, 4.3, 0.3));
  const qr = qrModules(h.qrPayload);
  ops.push({ op: 'qr', x: jitter(rng, 66.2, 0.4), y: jitter(rng, 3.6, 0.3), s: 15.2, n: qr.n, m: qr.m });
  const red = rng.pick(['#c41e1e', '#b3202a', '#d02a1a']);
  ops.push({ op: 'text', t: 'CĂN CƯỚC CÔNG DÂN', f: st.valueBold, s: 3.3, x: 42, y: jitter(rng, 15.4, 0.3), anchor: 'c', maxW: 40, c: red });
  ops.push({ op: 'text', t: 'Citizen Identity Card', f: st.label, s: 1.7, x: 42, y: 17.7, anchor: 'c', c: '#333333' });
  const px = jitter(rng, 4.6, 0.3);
  ops.push({ op: 'photo', x: px, y: jitter(rng, 20.5, 0.4), w: 17.6, h: 22.5, seed: rng.int(1, 1e9) });
  // under the photo: the expiry ("Không thời hạn" for a card valid for life)
  ops.push({ op: 'text', t: 'Có giá trị đến:', f: st.label, s: 1.55, x: px, y: 46.3, c: '#2a2a2a' });
  ops.push({ op: 'text', t: 'Date of expiry', f: st.label, s: 1.3, x: px, y: 48.1, c: '#444444' });
  ops.push({ op: 'text', t: h.expiry ? printed(h.expiry) : 'Không thời hạn', f: st.valueBold, s: 2.2, x: px, y: 51.0, maxW: 19, c: '#0d0d0d' });
  const x = jitter(rng, 24.8, 0.4);
  let y = jitter(rng, 22.0, 0.3);
  ops.push({ op: 'pair', lt: 'Số / No.:', lf: st.label, ls: 1.8, x, y, t: h.idNumber, f: st.valueBold, s: 3.2, dy: 0.3, gap: rng.between(1.2, 2.4), c: rng.chance(0.5) ? red : '#111111' });
  y += 3.6;
  y = field(ops, st, x, y, 'Họ và tên / Full name:', h.fullName.toLocaleUpperCase('vi'), { size: 2.9, bold: true, maxW: 82 - x });
  y += 3.3;
  field(ops, st, x, y, 'Ngày sinh / Date of birth:', printed(h.dob), { inline: true });
  y += 3.3;
  field(ops, st, x, y, 'Giới tính / Sex:', h.sex, { inline: true });
  field(ops, st, x + 22, y, 'Quốc tịch / Nationality:', 'Việt Nam', { inline: true, maxW: 82 - x - 22 });
  y += 3.3;
  y = field(ops, st, x, y, 'Quê quán / Place of origin:', h.placeOfOrigin, { size: 2.3, maxW: 82 - x });
  y += 3.1;
  ops.push({ op: 'text', t: 'Nơi thường trú / Place of residence:', f: st.label, s: 1.75, x, y, c: '#2a2a2a' });
  const lines = wrap(h.placeOfResidence, 40, 2);
  lines.forEach((l, i) => ops.push({ op: 'text', t: l, f: st.value, s: 2.3, x, y: y + 2.9 + i * 2.8, maxW: 82 - x, c: '#0d0d0d' }));
  return { w: 85.6, h: 53.98, radius: 3.18, ops };
}

export function back2021(h: Holder, st: Style, rng: Rng): CardDrawing {
  const ops: Op[] = [];
  background(ops, rng, rng.pick(['#f1f5f8', '#f3f3ee']), rng.pick(['#dfe9ef', '#e6e6dc']), rng.pick(['#8aa6c0', '#a2a08a']));
  const x = jitter(rng, 5.6, 0.3);
  ops.push({ op: 'text', t: 'Đặc điểm nhân dạng / Personal identification:', f: st.label, s: 1.65, x, y: 4.6, maxW: 50, c: '#2a2a2a' });
  ops.push({ op: 'text', t: h.mark, f: st.value, s: 2.0, x, y: 7.4, maxW: 50, c: '#0d0d0d' });
  ops.push({ op: 'text', t: `Ngày, tháng, năm / Date, month, year: ${printed(h.issue)}`, f: st.label, s: 1.8, x, y: jitter(rng, 11.4, 0.3), maxW: 52, c: '#1a1a1a' });
  ops.push({ op: 'text', t: 'CỤC TRƯỞNG CỤC CẢNH SÁT', f: st.labelBold, s: 1.8, x: x + 24, y: 15.0, anchor: 'c', c: '#1a1a1a' });
  ops.push({ op: 'text', t: 'QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI', f: st.labelBold, s: 1.8, x: x + 24, y: 17.3, anchor: 'c', maxW: 50, c: '#1a1a1a' });
  ops.push({ op: 'text', t: 'DIRECTOR GENERAL OF THE POLICE DEPARTMENT FOR ADMINISTRATIVE MANAGEMENT OF SOCIAL ORDER', f: st.label, s: 1.1, x: x + 24, y: 19.2, anchor: 'c', maxW: 50, c: '#333333' });
  ops.push({ op: 'sign', x: x + 12, y: 20.5, w: 26, h: 11, seed: rng.int(1, 1e9) });
  ops.push({ op: 'text', t: h.director, f: st.valueBold, s: 2.1, x: x + 24, y: 35.2, anchor: 'c', c: '#0d0d0d' });
  ops.push({ op: 'chip', x: jitter(rng, 6.5, 0.3), y: 23.5, w: 10.5, h: 8.6 });
  for (const [i, label] of ['Ngón trỏ trái', 'Ngón trỏ phải'].entries()) {
    const fx = 59 + i * 13.2;
    ops.push({ op: 'rect', x: fx, y: 3.5, w: 12, h: 16, c: '#777777', sw: 0.12 });
    ops.push({ op: 'finger', x: fx + 0.8, y: 4.2, w: 10.4, h: 13.6, seed: rng.int(1, 1e9) });
    ops.push({ op: 'text', t: label, f: st.label, s: 1.35, x: fx + 6, y: 22.0, anchor: 'c', c: '#2a2a2a' });
    ops.push({ op: 'text', t: i === 0 ? 'Left index finger' : 'Right index finger', f: st.label, s: 1.1, x: fx + 6, y: 23.7, anchor: 'c', c: '#444444' });
  }
  mrzBand(ops, st, rng, h.mrz!);
  return { w: 85.6, h: 53.98, radius: 3.18, ops };
}

export function front2024(h: Holder, st: Style, rng: Rng): CardDrawing {
  const ops: Op[] = [];
  background(ops, rng, rng.pick(['#f4eef2', '#eef1f8', '#f6f2e8']), rng.pick(['#dfe4f2', '#e9dce6', '#e3eaf0']), rng.pick(['#b07a98', '#6f86b8', '#b09a66']));
  ops.push({ op: 'emblem', x: jitter(rng, 10.8), y: jitter(rng, 9.8), r: 6.4 });
  header(ops, st, rng, 19, 81, jitter(rng, 4.4, 0.3));
  const title = rng.pick(['#b41e24', '#1d3f8a']);
  ops.push({ op: 'text', t: 'CĂN CƯỚC', f: st.valueBold, s: 3.9, x: 50, y: jitter(rng, 16.6, 0.3), anchor: 'c', c: title });
  ops.push({ op: 'text', t: 'IDENTITY CARD', f: st.labelBold, s: 1.9, x: 50, y: 19.2, anchor: 'c', c: '#333333' });
  ops.push({ op: 'photo', x: jitter(rng, 4.8, 0.3), y: jitter(rng, 21.5, 0.4), w: 18.2, h: 24, seed: rng.int(1, 1e9) });
  const x = jitter(rng, 26.0, 0.4);
  let y = jitter(rng, 24.2, 0.3);
  ops.push({ op: 'text', t: 'Số định danh cá nhân / Personal identification number:', f: st.label, s: 1.7, x, y, maxW: 82 - x, c: '#2a2a2a' });
  ops.push({ op: 'text', t: h.idNumber, f: st.valueBold, s: 3.4, x: x + rng.between(0, 6), y: y + 4.0, c: '#0d0d0d' });
  y += 7.4;
  y = field(ops, st, x, y, 'Họ, chữ đệm và tên khai sinh / Full name:', h.fullName.toLocaleUpperCase('vi'), { size: 2.9, bold: true, maxW: 82 - x });
  y += 3.6;
  field(ops, st, x, y, 'Ngày, tháng, năm sinh / Date of birth:', printed(h.dob), { inline: true });
  y += 3.4;
  field(ops, st, x, y, 'Giới tính / Sex:', h.sex, { inline: true });
  if (rng.chance(0.5)) {
    field(ops, st, x + 22, y, 'Quốc tịch / Nationality:', 'Việt Nam', { inline: true, maxW: 82 - x - 22 });
  } else {
    y += 3.4;
    field(ops, st, x, y, 'Quốc tịch / Nationality:', 'Việt Nam', { inline: true });
  }
  return { w: 85.6, h: 53.98, radius: 3.18, ops };
}

export function back2024(h: Holder, st: Style, rng: Rng): CardDrawing {
  const ops: Op[] = [];
  background(ops, rng, rng.pick(['#f3f0f4', '#f0f3f6']), rng.pick(['#e4dfe8', '#dde5ec']), rng.pick(['#a68aa6', '#8a9eb6']));
  const x = jitter(rng, 5.4, 0.3);
  let y = jitter(rng, 4.8, 0.3);
  ops.push({ op: 'text', t: 'Nơi cư trú / Place of residence:', f: st.label, s: 1.75, x, y, c: '#2a2a2a' });
  for (const l of wrap(h.placeOfResidence, 34, 2)) {
    y += 2.9;
    ops.push({ op: 'text', t: l, f: st.value, s: 2.3, x, y, maxW: 57, c: '#0d0d0d' });
  }
  y += 3.6;
  ops.push({ op: 'text', t: 'Nơi đăng ký khai sinh / Place of birth:', f: st.label, s: 1.75, x, y, c: '#2a2a2a' });
  y += 2.9;
  ops.push({ op: 'text', t: h.placeOfBirth, f: st.value, s: 2.3, x, y, maxW: 57, c: '#0d0d0d' });
  y += 3.8;
  ops.push({ op: 'pair', lt: 'Ngày, tháng, năm cấp / Date of issue:', lf: st.label, ls: 1.7, x, y, t: printed(h.issue), f: st.valueBold, s: 2.3, dy: 0.1, gap: 1.2, c: '#0d0d0d', right: 62 });
  y += 3.4;
  ops.push({ op: 'pair', lt: 'Ngày, tháng, năm hết hạn / Date of expiry:', lf: st.label, ls: 1.7, x, y, t: h.expiry ? printed(h.expiry) : 'Không thời hạn', f: st.valueBold, s: 2.3, dy: 0.1, gap: 1.2, c: '#0d0d0d', right: 62 });
  ops.push({ op: 'text', t: 'BỘ CÔNG AN', f: st.labelBold, s: 2.0, x: 30, y: jitter(rng, 34.2, 0.3), anchor: 'c', c: '#1a1a1a' });
  ops.push({ op: 'text', t: 'MINISTRY OF PUBLIC SECURITY', f: st.label, s: 1.3, x: 30, y: 36.2, anchor: 'c', c: '#333333' });
  const qr = qrModules(h.qrPayload);
  ops.push({ op: 'qr', x: jitter(rng, 63.2, 0.4), y: jitter(rng, 3.0, 0.3), s: 19.0, n: qr.n, m: qr.m });
  ops.push({ op: 'chip', x: jitter(rng, 67.5, 0.4), y: 25.4, w: 10.5, h: 8.6 });
  mrzBand(ops, st, rng, h.mrz!);
  return { w: 85.6, h: 53.98, radius: 3.18, ops };
}
