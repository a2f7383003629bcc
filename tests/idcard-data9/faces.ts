/**
 * Generator 9's four card faces as PDF pages (85.6 × 53.98 mm): the 2021 chip card's front (QR on
 * some) and back (MRZ), the 2024 card's front and back (QR + MRZ). A layout of its own with small
 * per-card shifts; fonts from fonts.ts; everything vector, drawn by MuPDF later.
 */
import QRCode from 'qrcode';
import { textWidth, type SfntFont } from './font.ts';
import type { Typeset } from './fonts.ts';
import { PdfPage, type Rgb } from './pdf.ts';
import { printed, type Holder } from './people.ts';
import type { Rand } from './rand.ts';

export const CARD_W = 85.6;
export const CARD_H = 53.98;
const INK: Rgb = [24, 26, 32];
const RED: Rgb = [196, 28, 36];
const LABEL: Rgb = [52, 58, 70];

function guilloche(p: PdfPage, r: Rand, tint: Rgb, lines: number): void {
  for (let i = 0; i < lines; i++) {
    const y0 = (i / lines) * CARD_H;
    const a = r.range(0.6, 2.2);
    const k = r.range(0.08, 0.25);
    const ph = r.range(0, 6.28);
    const pts: [number, number][] = [];
    for (let x = 0; x <= CARD_W; x += 1.2) pts.push([x, y0 + a * Math.sin(k * x + ph) + 0.6 * Math.sin(k * 3.1 * x)]);
    p.path(pts, { stroke: tint, width: 0.09 });
  }
  // a rosette behind the fields
  const cx = r.range(45, 62);
  const cy = r.range(24, 32);
  for (let j = 0; j < 14; j++) {
    const pts: [number, number][] = [];
    for (let t = 0; t <= 6.3; t += 0.08) {
      const rad = 9 + 4 * Math.sin(7 * t + j * 0.45);
      pts.push([cx + rad * Math.cos(t), cy + rad * 0.8 * Math.sin(t)]);
    }
    p.path(pts, { stroke: tint, width: 0.07, close: true });
  }
}

function emblem(p: PdfPage, x: number, y: number, d: number): void {
  p.ellipse(x, y, d / 2, d / 2, [214, 170, 40]);
  p.ellipse(x, y, d * 0.42, d * 0.42, RED);
  const star: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const rad = i % 2 ? d * 0.11 : d * 0.27;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    star.push([x + rad * Math.cos(a), y + rad * Math.sin(a)]);
  }
  p.path(star, { fill: [250, 214, 60], close: true });
}

function portrait(p: PdfPage, r: Rand, x: number, y: number, w: number, h: number, holder: Holder): void {
  p.rect(x, y, w, h, [r.int(150, 200), r.int(185, 220), r.int(215, 240)]);
  const skin: Rgb = [r.int(200, 235), r.int(160, 195), r.int(130, 165)];
  const old = Number(holder.issueDate.slice(0, 4)) - Number(holder.dateOfBirth.slice(0, 4)) > 55;
  const hair: Rgb = old ? [200, 200, 204] : [r.int(15, 50), r.int(12, 35), r.int(10, 30)];
  p.path([[x, y + h], [x + w * 0.08, y + h * 0.78], [x + w * 0.5, y + h * 0.7], [x + w * 0.92, y + h * 0.78], [x + w, y + h]], { fill: holder.sex === 'Nam' ? [40, 48, 70] : [235, 235, 240], close: true });
  p.ellipse(x + w / 2, y + h * 0.38, w * 0.3, h * 0.28, hair);
  p.ellipse(x + w / 2, y + h * 0.45, w * 0.24, h * 0.26, skin);
  p.rect(x + w * 0.44, y + h * 0.66, w * 0.12, h * 0.08, skin);
  p.ellipse(x + w * 0.41, y + h * 0.42, w * 0.03, h * 0.015, [40, 30, 30]);
  p.ellipse(x + w * 0.59, y + h * 0.42, w * 0.03, h * 0.015, [40, 30, 30]);
}

function chip(p: PdfPage, x: number, y: number): void {
  p.roundRect(x, y, 10.5, 8.5, 1.4, [208, 178, 96], { color: [150, 120, 50], width: 0.15 });
  for (const yy of [2.8, 5.7]) p.path([[x, y + yy], [x + 10.5, y + yy]], { stroke: [150, 120, 50], width: 0.15 });
  p.path([[x + 5.25, y], [x + 5.25, y + 8.5]], { stroke: [150, 120, 50], width: 0.15 });
}

function qr(p: PdfPage, text: string, x: number, y: number, size: number): void {
  const q = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = q.modules.size;
  const m = size / (n + 4);
  p.rect(x, y, size, size, [255, 255, 255]);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (q.modules.get(i, j)) p.rect(x + (j + 2) * m, y + (i + 2) * m, m * 1.02, m * 1.02, [10, 10, 14]);
}

/** Words onto lines: the first `first` mm wide, the rest `rest` mm. */
function wrap(font: SfntFont, size: number, s: string, first: number, rest: number, scale: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const w of s.split(' ')) {
    const next = line ? `${line} ${w}` : w;
    if (line && (textWidth(font, next, size) * scale) / 100 > (out.length ? rest : first)) {
      out.push(line);
      line = w;
    } else line = next;
  }
  if (line) out.push(line);
  return out;
}

interface Ctx {
  p: PdfPage;
  t: Typeset;
  r: Rand;
  dx: number;
  dy: number;
}

/** A size no larger than `size` at which `s` ends before the card's right margin. */
function fitted(c: Ctx, f: SfntFont, s: string, x: number, size: number): number {
  const w = (textWidth(f, s, size) * c.t.condensed) / 100;
  const room = CARD_W - 2.2 - x - c.dx;
  return w > room ? (size * room) / w : size;
}
function label(c: Ctx, s: string, x: number, y: number, size0 = 1.75): number {
  const size = fitted(c, c.t.label, s, x, size0);
  c.p.text(c.t.label, s, x + c.dx, y + c.dy, { size, color: LABEL, scale: c.t.condensed });
  return x + (textWidth(c.t.label, s, size) * c.t.condensed) / 100;
}
function value(c: Ctx, s: string, x: number, y: number, size0 = 2.5, fnt?: SfntFont, color: Rgb = INK): number {
  const f = fnt ?? c.t.value;
  const size = fitted(c, f, s, x, size0);
  c.p.text(f, s, x + c.dx, y + c.dy, { size, color, scale: c.t.condensed });
  return x + (textWidth(f, s, size) * c.t.condensed) / 100;
}

function header(c: Ctx, x: number, title: string, titleEn: string, right = CARD_W - 1.5): void {
  const { p, t } = c;
  const cx = x + (right - x) / 2;
  const line = (s: string, y: number, size0: number, f: SfntFont, color: Rgb) => {
    const size = Math.min(size0, (size0 * (right - x)) / textWidth(f, s, size0));
    p.text(f, s, cx - textWidth(f, s, size) / 2 + c.dx, y + c.dy, { size, color });
  };
  line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 4.6, 2.0, t.strong, INK);
  line('Độc lập - Tự do - Hạnh phúc', 7.3, 1.9, t.label, INK);
  line(title, 11.2, 3.0, t.strong, RED);
  line(titleEn, 13.6, 1.8, t.label, RED);
}

export function front2021(h: Holder, t: Typeset, r: Rand, withQr: boolean): PdfPage {
  const p = new PdfPage(CARD_W, CARD_H);
  const c: Ctx = { p, t, r, dx: r.range(-0.6, 0.6), dy: r.range(-0.5, 0.5) };
  p.rect(0, 0, CARD_W, CARD_H, [r.int(228, 242), r.int(236, 246), r.int(226, 238)]);
  guilloche(p, r, [r.int(170, 205), r.int(205, 225), r.int(190, 215)], 26);
  emblem(p, 11 + c.dx, 8.5 + c.dy, 11.5);
  portrait(p, r, 4.5 + c.dx, 16.5 + c.dy, 18.5, 24, h);
  label(c, 'Có giá trị đến:', 3.6, 44.2, 1.55);
  label(c, 'Date of expiry', 3.6, 46.3, 1.4);
  value(c, h.dateOfExpiry ? printed(h.dateOfExpiry) : 'Không thời hạn', 3.6, 49.6, 2.2);
  header(c, 19, 'CĂN CƯỚC CÔNG DÂN', 'Citizen Identity Card', withQr ? 69.5 : CARD_W - 2);
  if (withQr) qr(p, h.qrText, 70.5 + c.dx * 0.3, 1.6, 13.4);
  const x = 25;
  let xe = label(c, 'Số / No.:', x, 18.3, 1.9);
  value(c, h.idNumber, xe + 2, 18.6, 3.7, t.idFont, r.chance(0.6) ? RED : INK);
  label(c, 'Họ và tên / Full name:', x, 22.4);
  value(c, h.fullName.toUpperCase(), x + 1, 26, 3.0, t.strong);
  xe = label(c, 'Ngày sinh / Date of birth:', x, 29.6);
  value(c, printed(h.dateOfBirth), xe + 1.5, 29.7, 2.4);
  xe = label(c, 'Giới tính / Sex:', x, 33.0);
  xe = value(c, h.sex, xe + 1.5, 33.1, 2.4);
  xe = label(c, 'Quốc tịch / Nationality:', Math.max(x + 21, xe + 3), 33.0);
  value(c, h.nationality, xe + 1.2, 33.1, 2.4);
  // the origin beside its label when it fits there (on some cards), else on the line below
  xe = label(c, 'Quê quán / Place of origin:', x, 36.4);
  const beside = r.chance(0.5) && xe + 1.2 + (textWidth(t.value, h.placeOfOrigin, 2.25) * t.condensed) / 100 < CARD_W - 2.5;
  if (beside) value(c, h.placeOfOrigin, xe + 1.2, 36.5, 2.25);
  else value(c, h.placeOfOrigin, x + 1, 39.4, 2.25);
  xe = label(c, 'Nơi thường trú / Place of residence:', x, 42.8);
  const lines = wrap(t.value, 2.25, h.placeOfResidence, CARD_W - 2.5 - xe - 1.2, CARD_W - 3 - x, t.condensed);
  value(c, lines[0]!, xe + 1.2, 42.9, 2.25);
  lines.slice(1, 3).forEach((l, i) => value(c, l, x, 46.3 + i * 3.2, 2.25));
  return p;
}

export function back2021(h: Holder, t: Typeset, r: Rand): PdfPage {
  const p = new PdfPage(CARD_W, CARD_H);
  const c: Ctx = { p, t, r, dx: r.range(-0.5, 0.5), dy: r.range(-0.4, 0.4) };
  p.rect(0, 0, CARD_W, CARD_H, [r.int(232, 244), r.int(236, 246), r.int(238, 248)]);
  guilloche(p, r, [r.int(185, 210), r.int(200, 220), r.int(215, 232)], 18);
  chip(p, 5 + c.dx, 5 + c.dy);
  for (const [i, name] of ['Ngón trỏ trái', 'Ngón trỏ phải'].entries()) {
    const bx = 60 + i * 12.5 + c.dx;
    p.roundRect(bx, 3, 11.5, 15, 0.6, [248, 248, 248], { color: [120, 120, 120], width: 0.12 });
    for (let k = 1; k < 9; k++) p.roundRect(bx + 5.75 - k * 0.6, 9 - k * 0.75, k * 1.2, k * 1.5, k * 0.55, null, { color: [90, 90, 95], width: 0.14 });
    p.text(t.label, name, bx + 0.8, 20.3 + c.dy, { size: 1.3, color: LABEL });
    p.text(t.label, i ? 'Right index finger' : 'Left index finger', bx + 0.8, 22 + c.dy, { size: 1.1, color: LABEL });
  }
  label(c, 'Đặc điểm nhân dạng / Personal identification:', 18, 6.5, 1.6);
  const ml = wrap(t.value, 2.0, h.mark, 40, 40, t.condensed);
  ml.forEach((l, i) => value(c, l, 18, 9.6 + i * 2.8, 2.0));
  p.roundRect(17.5 + c.dx, 25 + c.dy, 9, 9, 4.5, null, { color: [214, 90, 90], width: 0.5 });
  label(c, `Ngày, tháng, năm / Date, month, year: ${printed(h.issueDate)}`, 5, 20.5, 1.65);
  value(c, 'CỤC TRƯỞNG CỤC CẢNH SÁT', 9, 23.9, 1.9, t.strong);
  value(c, 'QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI', 5, 26.4, 1.9, t.strong);
  const sig: [number, number][] = [];
  for (let s = 0; s < 40; s++) sig.push([15 + s * 0.5 + c.dx, 30 + 1.6 * Math.sin(s * 0.7) + s * 0.02 + c.dy]);
  p.path(sig, { stroke: [30, 40, 120], width: 0.25 });
  value(c, 'Tô Văn Huệ', 16, 35.5, 2.1, t.strong);
  mrzBlock(p, t, r, h, 38.6);
  return p;
}

function mrzBlock(p: PdfPage, t: Typeset, r: Rand, h: Holder, top: number): void {
  const lines = h.mrz!;
  p.rect(0, top - 1.2, CARD_W, CARD_H - top + 1.2, [250, 250, 250]);
  // size so that 30 characters fill about 76 mm whatever the font's advance
  const adv = textWidth(t.mrz, 'M', 1);
  const size = Math.min(4.1, 76 / 30 / adv);
  const x = r.range(3.6, 5.2);
  lines.forEach((l, i) => p.text(t.mrz, l, x, top + 3.3 + i * 4.3, { size, color: [14, 14, 18] }));
}

export function front2024(h: Holder, t: Typeset, r: Rand): PdfPage {
  const p = new PdfPage(CARD_W, CARD_H);
  const c: Ctx = { p, t, r, dx: r.range(-0.6, 0.6), dy: r.range(-0.5, 0.5) };
  p.rect(0, 0, CARD_W, CARD_H, [r.int(238, 248), r.int(232, 242), r.int(222, 234)]);
  guilloche(p, r, [r.int(215, 235), r.int(190, 210), r.int(170, 195)], 22);
  emblem(p, 10.5 + c.dx, 8 + c.dy, 11);
  const age = Number(h.issueDate.slice(0, 4)) - Number(h.dateOfBirth.slice(0, 4));
  if (age >= 6) portrait(p, r, 4 + c.dx, 17 + c.dy, 19, 25, h);
  chip(p, 8 + c.dx, age >= 6 ? 43.5 : 24);
  header(c, 19, 'CĂN CƯỚC', 'IDENTITY CARD');
  const x = 25.5;
  label(c, 'Số định danh cá nhân / Personal identification number:', x, 18.4, 1.65);
  value(c, h.idNumber, x + 8, 22.8, 3.9, t.idFont, INK);
  label(c, 'Họ, chữ đệm và tên khai sinh / Full name:', x, 27.3, 1.7);
  const nameSize = textWidth(t.strong, h.fullName.toUpperCase(), 3.0) > 56 ? 2.6 : 3.0;
  value(c, h.fullName.toUpperCase(), x, 31.3, nameSize, t.strong);
  let xe = label(c, 'Ngày, tháng, năm sinh / Date of birth:', x, 35.6, 1.7);
  value(c, printed(h.dateOfBirth), xe + 1.4, 35.7, 2.4);
  xe = label(c, 'Giới tính / Sex:', x, 39.6, 1.7);
  xe = value(c, h.sex, xe + 1.4, 39.7, 2.4);
  xe = label(c, 'Quốc tịch / Nationality:', Math.max(x + 22, xe + 3), 39.6, 1.7);
  value(c, h.nationality, xe + 1.2, 39.7, 2.4);
  return p;
}

export function back2024(h: Holder, t: Typeset, r: Rand): PdfPage {
  const p = new PdfPage(CARD_W, CARD_H);
  const c: Ctx = { p, t, r, dx: r.range(-0.5, 0.5), dy: r.range(-0.4, 0.4) };
  p.rect(0, 0, CARD_W, CARD_H, [r.int(236, 246), r.int(234, 244), r.int(226, 238)]);
  guilloche(p, r, [r.int(210, 230), r.int(200, 218), r.int(180, 200)], 16);
  qr(p, h.qrText, 64.5 + c.dx * 0.4, 2.2, 18.5);
  const w = 57;
  let xe = label(c, 'Nơi cư trú / Place of residence:', 3.5, 4.6, 1.65);
  const res = wrap(t.value, 2.1, h.placeOfResidence, w - xe, w, t.condensed);
  value(c, res[0]!, xe + 1, 4.7, 2.1);
  res.slice(1, 3).forEach((l, i) => value(c, l, 3.5, 7.7 + i * 2.9, 2.1));
  const y2 = 8.6 + Math.min(res.length - 1, 2) * 2.9;
  xe = label(c, 'Nơi đăng ký khai sinh / Place of birth:', 3.5, y2, 1.65);
  const pb = wrap(t.value, 2.1, h.placeOfBirth, w - xe, w, t.condensed);
  value(c, pb[0]!, xe + 1, y2 + 0.1, 2.1);
  pb.slice(1, 2).forEach((l) => value(c, l, 3.5, y2 + 3, 2.1));
  // two dated columns: the labels shrink to fit their column
  const fit = (s: string, room: number) => Math.min(1.6, (1.6 * room * 100) / (textWidth(t.label, s, 1.6) * t.condensed));
  const issueLabel = 'Ngày, tháng, năm cấp / Date of issue:';
  const expiryLabel = 'Ngày, tháng, năm hết hạn / Date of expiry:';
  label(c, issueLabel, 3.5, 22.4, fit(issueLabel, 28));
  value(c, printed(h.issueDate), 3.5, 25.3, 2.2);
  label(c, expiryLabel, 33, 22.4, fit(expiryLabel, 30));
  value(c, printed(h.dateOfExpiry!), 33, 25.3, 2.2);
  p.roundRect(8 + c.dx, 28.5 + c.dy, 8, 8, 4, null, { color: [214, 90, 90], width: 0.45 });
  value(c, 'BỘ CÔNG AN', 6, 30.4, 2.1, t.strong);
  label(c, 'MINISTRY OF PUBLIC SECURITY', 4, 32.6, 1.4);
  chip(p, 48 + c.dx, 26 + c.dy);
  mrzBlock(p, t, r, h, 38.8);
  return p;
}
