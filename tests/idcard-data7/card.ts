/**
 * Generator 7's card faces, drawn flat at 1100 × 694 px (85.6 × 53.98 mm, ≈ 326 dpi) with raster.ts:
 * 2021 chip CCCD front (QR at the top right on some) and back (MRZ), 2024 Căn cước front (no QR) and back
 * (residence, place of birth, dates, QR, MRZ). Labels follow the CCCD reference; positions, margins, sizes and
 * fonts vary per holder (Open Sans incl. its condensed cut, Lato, Carlito; values often condensed; the ID number
 * in a bold face; the MRZ in OCR-B).
 */
import QRCode from 'qrcode';
import { Canvas, drawText, textWidth, wrap, type RGB, type TextStyle } from './raster.ts';
import { dmy, mrzLines, printedName, qrPayload, type Holder } from './people.ts';
import type { Rand } from './rng.ts';

export const CARD_W = 1100;
export const CARD_H = 694;

const F = '/usr/share/fonts/truetype';
export const FONTS = {
  labels: [`${F}/open-sans/OpenSans-Regular.ttf`, `${F}/lato/Lato-Regular.ttf`, `${F}/crosextra/Carlito-Regular.ttf`, `${F}/open-sans/OpenSans-Light.ttf`, `${F}/lato/Lato-Medium.ttf`, `${F}/open-sans/OpenSans-CondLight.ttf`],
  values: [`${F}/open-sans/OpenSans-Semibold.ttf`, `${F}/lato/Lato-Bold.ttf`, `${F}/crosextra/Carlito-Bold.ttf`, `${F}/open-sans/OpenSans-CondBold.ttf`, `${F}/lato/Lato-Semibold.ttf`],
  id: [`${F}/open-sans/OpenSans-Bold.ttf`, `${F}/open-sans/OpenSans-ExtraBold.ttf`, `${F}/lato/Lato-Black.ttf`, `${F}/lato/Lato-Heavy.ttf`, `${F}/crosextra/Carlito-Bold.ttf`],
  header: [`${F}/open-sans/OpenSans-Bold.ttf`, `${F}/lato/Lato-Bold.ttf`, `${F}/crosextra/Carlito-Bold.ttf`],
  mrz: ['/usr/share/fonts/opentype/ocr-b/OCRB.otf'],
};

const INK: RGB = [28, 30, 42];
const RED: RGB = [196, 32, 38];

interface Look {
  label: TextStyle;
  value: TextStyle;
  id: TextStyle;
  header: TextStyle;
  dx: number;
  dy: number;
  lineGap: number;
  paper: RGB;
  tint: RGB;
}

function look(r: Rand): Look {
  const labelSize = r.range(19, 23);
  return {
    label: { font: r.pick(FONTS.labels), size: labelSize, color: INK, sx: r.chance(0.4) ? r.range(0.86, 0.97) : 1 },
    value: { font: r.pick(FONTS.values), size: r.range(27, 33), color: [12, 12, 20], sx: r.chance(0.5) ? r.range(0.82, 0.95) : 1 },
    id: { font: r.pick(FONTS.id), size: r.range(38, 46), color: [8, 8, 14], track: r.range(0, 3) },
    header: { font: r.pick(FONTS.header), size: r.range(23, 27), color: INK },
    dx: r.range(-14, 14),
    dy: r.range(-10, 10),
    lineGap: r.range(0.96, 1.1),
    paper: [r.int(232, 246), r.int(238, 248), r.int(236, 246)],
    tint: r.pick<RGB>([[120, 170, 190], [200, 150, 170], [140, 180, 140], [190, 170, 120]]),
  };
}

/** background: paper with our own guilloche (two families of wavy lines) and a faint rosette */
function background(c: Canvas, lk: Look, r: Rand): void {
  const ph = r.range(0, 6.28);
  const fA = r.range(5.5, 8.5);
  const fB = r.range(30, 55);
  // the wave offsets depend on one coordinate each: computed once per row / column
  const offX = new Float32Array(c.height);
  const offY = new Float32Array(c.width);
  for (let y = 0; y < c.height; y++) offX[y] = 26 * Math.sin(y / fB + ph);
  for (let x = 0; x < c.width; x++) offY[x] = 22 * Math.sin(x / (fB * 1.3) - ph);
  const cx = c.width * 0.62;
  const cy = c.height * 0.55;
  for (let y = 0; y < c.height; y++) {
    for (let x = 0; x < c.width; x++) {
      const u = Math.sin((x + offX[y]!) / fA);
      const v = Math.sin((y + offY[x]!) / (fA * 1.2));
      const line = Math.max(0, (u - 0.9) * 10) * 0.22 + Math.max(0, (v - 0.93) * 14) * 0.16;
      const rose = 0.06 * (1 + Math.sin(Math.hypot(x - cx, y - cy) / 9));
      const a = Math.min(0.45, line + rose * 0.5);
      const i = (y * c.width + x) * 3;
      for (let k = 0; k < 3; k++) c.data[i + k] = lk.paper[k]! + (lk.tint[k]! - lk.paper[k]!) * a;
    }
  }
}

function emblem(c: Canvas, cx: number, cy: number, rad: number): void {
  c.ellipse(cx, cy, rad, rad, [214, 170, 60]);
  c.ellipse(cx, cy, rad * 0.86, rad * 0.86, RED);
  const star: number[] = [];
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 ? rad * 0.22 : rad * 0.55;
    star.push(cx + rr * Math.cos(a), cy - rad * 0.08 + rr * Math.sin(a));
  }
  c.fillPolys([star], [250, 214, 50]);
  c.rect(cx - rad * 0.5, cy + rad * 0.45, rad, rad * 0.12, [250, 214, 50]);
}

function photo(c: Canvas, x: number, y: number, w: number, h: number, r: Rand): void {
  c.rect(x, y, w, h, [r.int(170, 215), r.int(190, 225), r.int(215, 240)]);
  const skin: RGB = [r.int(170, 225), r.int(130, 180), r.int(105, 150)];
  const shoulders: number[] = [];
  for (let i = 0; i <= 24; i++) shoulders.push(x + w * 0.5 - w * 0.48 * Math.cos((i / 24) * Math.PI), y + h - h * 0.3 * Math.sin((i / 24) * Math.PI));
  c.fillPolys([shoulders], [r.int(20, 70), r.int(20, 70), r.int(30, 90)]);
  c.rect(x + w * 0.42, y + h * 0.52, w * 0.16, h * 0.18, skin);
  c.ellipse(x + w * 0.5, y + h * 0.38, w * 0.26, h * 0.22, skin);
  c.ellipse(x + w * 0.5, y + h * 0.22, w * 0.27, h * 0.11, [r.int(10, 40), r.int(10, 30), r.int(10, 30)]);
}

function chip(c: Canvas, x: number, y: number, w: number, h: number): void {
  c.rect(x, y, w, h, [205, 170, 90]);
  c.rect(x + 3, y + 3, w - 6, h - 6, [225, 195, 110]);
  for (const fx of [0.33, 0.66]) c.line(x + w * fx, y, x + w * fx, y + h, 2, [160, 125, 60]);
  for (const fy of [0.33, 0.66]) c.line(x, y + h * fy, x + w, y + h * fy, 2, [160, 125, 60]);
}

function qr(c: Canvas, text: string, x: number, y: number, size: number): void {
  const q = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = q.modules.size;
  const quiet = 2;
  const m = size / (n + quiet * 2);
  c.rect(x, y, size, size, [252, 252, 250]);
  for (let rr = 0; rr < n; rr++) for (let cc = 0; cc < n; cc++) if (q.modules.get(rr, cc)) c.rect(x + (cc + quiet) * m, y + (rr + quiet) * m, m, m, [10, 10, 14]);
}

function centred(c: Canvas, text: string, cx: number, y: number, st: TextStyle): void {
  drawText(c, text, cx - textWidth(text, st) / 2, y, st);
}

/** label then value on the same line; returns the x after the label */
function labelled(c: Canvas, label: string, value: string | null, x: number, y: number, lk: Look, vs: TextStyle = lk.value): number {
  const w = drawText(c, label, x, y, lk.label);
  if (value !== null) drawText(c, value, x + w + 10, y, vs);
  return x + w + 10;
}

/** a value that must fit maxW: condensed further (down to 0.7) before anything else */
function fit(text: string, maxW: number, st: TextStyle): TextStyle {
  const w = textWidth(text, st);
  return w <= maxW ? st : { ...st, sx: (st.sx ?? 1) * Math.max(0.7, maxW / w) };
}

function header(c: Canvas, cx: number, lk: Look, y0: number): void {
  centred(c, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', cx, y0, lk.header);
  centred(c, 'Độc lập - Tự do - Hạnh phúc', cx, y0 + 32, { ...lk.header, size: lk.header.size * 0.9 });
  centred(c, 'SOCIALIST REPUBLIC OF VIET NAM', cx, y0 + 56, { ...lk.label, size: 17 });
  centred(c, 'Independence - Freedom - Happiness', cx, y0 + 76, { ...lk.label, size: 17 });
}

export interface Face {
  canvas: Canvas;
  face: 'front-2021' | 'back-2021' | 'front-2024' | 'back-2024';
  hasQr: boolean;
  hasMrz: boolean;
}

export function drawFront(h: Holder, r: Rand, withQr: boolean): Face {
  const lk = look(r);
  const c = new Canvas(CARD_W, CARD_H);
  background(c, lk, r);
  const { dx, dy } = lk;
  const g = lk.lineGap;
  if (h.generation === 2021) {
    emblem(c, 130 + dx, 112 + dy, 82);
    header(c, 600 + dx, lk, 46 + dy);
    centred(c, 'CĂN CƯỚC CÔNG DÂN', 600 + dx, 176 + dy, { ...lk.header, size: 40, color: RED });
    centred(c, 'Citizen Identity Card', 600 + dx, 204 + dy, { ...lk.label, size: 20 });
    if (withQr) qr(c, qrPayload(h), 900 + dx, 138 + dy, 168);
    photo(c, 45 + dx, 232 + dy, 200, 262, r);
    drawText(c, 'Có giá trị đến:', 45 + dx, 530 + dy, { ...lk.label, size: 18 });
    drawText(c, 'Date of expiry', 45 + dx, 552 + dy, { ...lk.label, size: 16 });
    drawText(c, h.expiry ? dmy(h.expiry) : 'Không thời hạn', 45 + dx, 588 + dy, fit(h.expiry ? dmy(h.expiry) : 'Không thời hạn', 215, { ...lk.value, size: 27 }));
    const x = 268 + dx;
    labelled(c, 'Số / No.:', null, x, 262 * g + dy, lk);
    drawText(c, h.idNumber, x + textWidth('Số / No.:', lk.label) + 14, 264 * g + dy, lk.id);
    drawText(c, 'Họ và tên / Full name:', x, 310 * g + dy, lk.label);
    drawText(c, printedName(h), x, 352 * g + dy, fit(printedName(h), 1075 - x, lk.value));
    labelled(c, 'Ngày sinh / Date of birth:', dmy(h.birth), x, 398 * g + dy, lk);
    labelled(c, 'Giới tính / Sex:', h.sex, x, 440 * g + dy, lk);
    labelled(c, 'Quốc tịch / Nationality:', 'Việt Nam', x + 300, 440 * g + dy, lk);
    drawText(c, 'Quê quán / Place of origin:', x, 482 * g + dy, lk.label);
    const vo = { ...lk.value, size: lk.value.size * 0.9 };
    const po = wrap(h.placeOfOrigin, 1075 - x, vo);
    drawText(c, po.join(' '), x, 520 * g + dy, fit(po.join(' '), 1075 - x, vo));
    const after = labelled(c, 'Nơi thường trú / Place of residence:', null, x, 562 * g + dy, lk);
    // the first part of the address beside the label, the rest on the next line (as printed on the card)
    // (a very long address is set smaller until the rest fits its line at the narrowest condensing)
    let vr = vo;
    let first = '';
    let rest = '';
    for (let k = 0; k < 8; k++) {
      const words = h.placeOfResidence.split(' ');
      first = '';
      while (words.length && textWidth(first ? `${first} ${words[0]}` : words[0]!, vr) <= 1075 - after) first = first ? `${first} ${words.shift()}` : words.shift()!;
      rest = words.join(' ');
      if (!rest || textWidth(rest, { ...vr, sx: 0.7 }) <= 1080 - (x - 20)) break;
      vr = { ...vr, size: vr.size * 0.92 };
    }
    if (first) drawText(c, first, after, 562 * g + dy, vr);
    if (rest) drawText(c, rest, x - 20, 604 * g + dy, fit(rest, 1080 - (x - 20), vr));
    return { canvas: c, face: 'front-2021', hasQr: withQr, hasMrz: false };
  }
  emblem(c, 118 + dx, 108 + dy, 74);
  header(c, 620 + dx, lk, 46 + dy);
  centred(c, 'CĂN CƯỚC', 620 + dx, 182 + dy, { ...lk.header, size: 46, color: RED });
  centred(c, 'IDENTITY CARD', 620 + dx, 212 + dy, { ...lk.label, size: 21 });
  photo(c, 48 + dx, 236 + dy, 212, 278, r);
  chip(c, 80 + dx, 548 + dy, 120, 92);
  const x = 292 + dx;
  drawText(c, 'Số định danh cá nhân / Personal identification number', x, 262 * g + dy, fit('Số định danh cá nhân / Personal identification number', 1080 - x, lk.label));
  drawText(c, h.idNumber, x, 314 * g + dy, { ...lk.id, size: lk.id.size * 1.05 });
  drawText(c, 'Họ, chữ đệm và tên khai sinh / Full name', x, 364 * g + dy, lk.label);
  drawText(c, printedName(h), x, 408 * g + dy, fit(printedName(h), 1080 - x, lk.value));
  labelled(c, 'Ngày, tháng, năm sinh / Date of birth:', dmy(h.birth), x, 458 * g + dy, lk);
  labelled(c, 'Giới tính / Sex:', h.sex, x, 504 * g + dy, lk);
  const sameLine = r.chance(0.5);
  labelled(c, 'Quốc tịch / Nationality:', 'Việt Nam', x + (sameLine ? 300 : 0), (sameLine ? 504 : 548) * g + dy, lk);
  return { canvas: c, face: 'front-2024', hasQr: false, hasMrz: false };
}

function mrz(c: Canvas, h: Holder, r: Rand, yTop: number): void {
  const lines = mrzLines(h);
  const st: TextStyle = { font: FONTS.mrz[0]!, size: 50, color: [16, 16, 22] };
  const w = textWidth(lines[0], st);
  const target = CARD_W - 2 * r.range(40, 70);
  const fitted = { ...st, sx: target / w };
  const x = (CARD_W - target) / 2 + r.range(-8, 8);
  lines.forEach((l, i) => drawText(c, l, x, yTop + i * 62, fitted));
}

export function drawBack(h: Holder, r: Rand): Face {
  const lk = look(r);
  const c = new Canvas(CARD_W, CARD_H);
  background(c, lk, r);
  const { dx, dy } = lk;
  const vs = { ...lk.value, size: lk.value.size * 0.85 };
  if (h.generation === 2021) {
    drawText(c, 'Đặc điểm nhân dạng / Personal identification:', 40 + dx, 52 + dy, lk.label);
    drawText(c, h.marks, 40 + dx, 88 + dy, fit(h.marks, 620, vs));
    labelled(c, 'Ngày, tháng, năm / Date, month, year:', dmy(h.issue), 40 + dx, 140 + dy, lk, vs);
    drawText(c, 'CỤC TRƯỞNG CỤC CẢNH SÁT', 60 + dx, 190 + dy, { ...lk.header, size: 22 });
    drawText(c, 'QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI', 40 + dx, 218 + dy, { ...lk.header, size: 20 });
    c.ellipse(230 + dx, 300 + dy, 70, 70, RED, 0.35);
    for (let k = 0; k < 6; k++) c.line(180 + dx + k * 18, 300 + dy + (k % 2 ? 14 : -12), 198 + dx + k * 18, 300 + dy + (k % 2 ? -12 : 14), 3, [30, 40, 120]);
    drawText(c, 'Phạm Đình Khuê', 160 + dx, 400 + dy, { ...lk.value, size: 26 });
    chip(c, 470 + dx, 250 + dy, 130, 104);
    for (const [fx, lab] of [[680, 'Ngón trỏ trái'], [880, 'Ngón trỏ phải']] as const) {
      c.rect(fx + dx, 30 + dy, 180, 230, [200, 200, 200], 0.5);
      for (let k = 0; k < 14; k++) c.ellipse(fx + dx + 90, 150 + dy, 70 - k * 5, 90 - k * 6, k % 2 ? [240, 240, 240] : [90, 90, 100], 0.5);
      drawText(c, lab, fx + dx + 10, 290 + dy, { ...lk.label, size: 17 });
    }
    mrz(c, h, r, 508 + dy * 0.3);
    return { canvas: c, face: 'back-2021', hasQr: false, hasMrz: true };
  }
  const qrSize = r.range(180, 205);
  qr(c, qrPayload(h), CARD_W - qrSize - 30 + dx * 0.5, 34 + dy * 0.5, qrSize);
  const maxW = CARD_W - qrSize - 90;
  drawText(c, 'Nơi cư trú / Place of residence:', 40 + dx, 54 + dy, lk.label);
  const res = wrap(h.placeOfResidence, maxW, vs);
  res.slice(0, 3).forEach((l, i) => drawText(c, l, 40 + dx, 90 + dy + i * 34, vs));
  let y = 90 + dy + Math.min(3, res.length) * 34 + 14;
  drawText(c, 'Nơi đăng ký khai sinh / Place of birth:', 40 + dx, y, lk.label);
  const pb = wrap(h.placeOfBirth, maxW, vs);
  pb.slice(0, 2).forEach((l, i) => drawText(c, l, 40 + dx, y + 36 + i * 34, vs));
  y += 36 + Math.min(2, pb.length) * 34 + 10;
  labelled(c, 'Ngày, tháng, năm cấp / Date of issue:', dmy(h.issue), 40 + dx, y, lk, vs);
  labelled(c, 'Ngày, tháng, năm hết hạn / Date of expiry:', h.expiry ? dmy(h.expiry) : 'Không thời hạn', 40 + dx, y + 38, lk, vs);
  drawText(c, 'BỘ CÔNG AN / MINISTRY OF PUBLIC SECURITY', 40 + dx, 432 + dy * 0.3, { ...lk.label, size: 18 });
  chip(c, CARD_W - 190 + dx * 0.5, 300 + dy, 120, 92);
  mrz(c, h, r, 508 + dy * 0.3);
  return { canvas: c, face: 'back-2024', hasQr: true, hasMrz: true };
}
