/**
 * Generator 8's card faces, drawn by ImageMagick: both generations (2021 chip CCCD, 2024 Căn cước),
 * fronts and backs, laid out from the public descriptions in the reference notes (labels Vietnamese /
 * English, QR on some 2021 fronts and on every 2024 back, TD1 MRZ on the backs). Fonts no earlier
 * generator used: Cantarell, Manrope, Gentium Plus / Gentium Book Plus, Andika, EB Garamond; the MRZ in
 * JetBrains Mono. A card is CARD_W × CARD_H pixels (85.6 × 54 mm at ≈ 415 dpi), returned as raw RGB.
 */
import QRCode from 'qrcode';
import { imText, magick, measure, requireFonts } from './magick.ts';
import { dmy, mrzLines, qrText, type Holder } from './people.ts';
import type { Rand } from './rand.ts';

export const CARD_W = 1400;
export const CARD_H = 883;

export interface FontKit {
  name: string;
  label: string;
  labelEn: string;
  value: string;
  name_: string;
  id: string;
  mrz: string;
  /** Negative: a condensed setting of the values. */
  kerning: number;
}
export const FONT_KITS: readonly FontKit[] = [
  { name: 'cantarell', label: 'Cantarell-Regular', labelEn: 'Cantarell-Light', value: 'Cantarell-Regular', name_: 'Cantarell-Bold', id: 'Manrope-ExtraBold', mrz: 'JetBrains-Mono-Regular', kerning: 0 },
  { name: 'gentium', label: 'Gentium-Plus', labelEn: 'Gentium-Plus-Italic', value: 'Gentium-Book-Plus', name_: 'Gentium-Plus-Bold', id: 'Andika-Bold', mrz: 'JetBrains-Mono-Medium', kerning: -0.6 },
  { name: 'manrope', label: 'Manrope-Medium', labelEn: 'Manrope-Light', value: 'Manrope-SemiBold', name_: 'Manrope-ExtraBold', id: 'Cantarell-Extra-Bold', mrz: 'JetBrains-Mono-SemiBold', kerning: -1.4 },
  { name: 'garamond-andika', label: 'EB-Garamond-12-Regular', labelEn: 'EB-Garamond-12-Italic', value: 'Andika', name_: 'Andika-Bold', id: 'Manrope-Bold', mrz: 'JetBrains-Mono-Regular', kerning: -0.3 },
  { name: 'andika-gentium', label: 'Andika', labelEn: 'Andika-Italic', value: 'Gentium-Book-Plus-Bold', name_: 'Gentium-Book-Plus-Bold', id: 'JetBrains-Mono-Bold', mrz: 'JetBrains-Mono-Medium', kerning: -1 },
];

/** The Debian packages of the faces above (also in .ci/run's APT_PACKAGES). */
export const FONT_PACKAGES = 'fonts-cantarell fonts-manrope fonts-sil-gentiumplus fonts-sil-andika fonts-ebgaramond fonts-jetbrains-mono';
const ALL_FONTS = FONT_KITS.flatMap((k) => [k.label, k.labelEn, k.value, k.name_, k.id, k.mrz]);

export type Face = 'front-2021' | 'back-2021' | 'front-2024' | 'back-2024';

interface Pen {
  font: string;
  size: number;
  fill: string;
  kerning?: number;
}

/** Collects ImageMagick drawing arguments for one face. */
class Sheet {
  readonly args: string[] = ['-gravity', 'NorthWest'];
  text(x: number, y: number, s: string, p: Pen): this {
    this.args.push('-stroke', 'none', '-font', p.font, '-pointsize', p.size.toFixed(1), '-fill', p.fill, '-kerning', String(p.kerning ?? 0), '-annotate', `+${Math.round(x)}+${Math.round(y)}`, imText(s));
    return this;
  }
  /** Centred on x (the page's North gravity, offset from the middle). */
  centred(cx: number, y: number, s: string, p: Pen): this {
    const dx = Math.round(cx - CARD_W / 2);
    this.args.push('-gravity', 'North', '-stroke', 'none', '-font', p.font, '-pointsize', p.size.toFixed(1), '-fill', p.fill, '-kerning', String(p.kerning ?? 0), '-annotate', `${dx >= 0 ? '+' : ''}${dx}+${Math.round(y)}`, imText(s), '-gravity', 'NorthWest');
    return this;
  }
  draw(primitive: string, fill: string, stroke = 'none', width = 1): this {
    this.args.push('-fill', fill, '-stroke', stroke, '-strokewidth', String(width), '-draw', primitive);
    return this;
  }
}

const f1 = (n: number) => n.toFixed(1);

function guilloche(s: Sheet, r: Rand, tint: string): void {
  for (let k = 0; k < 14; k++) {
    const amp = r.range(18, 60);
    const per = r.range(160, 420);
    const y0 = r.range(0, CARD_H);
    const ph = r.range(0, 6.28);
    const pts: string[] = [];
    for (let x = -20; x <= CARD_W + 20; x += 14) pts.push(`${x},${f1(y0 + amp * Math.sin((x / per) * 6.283 + ph) + 0.4 * amp * Math.sin((x / per) * 17 + ph))}`);
    s.draw(`polyline ${pts.join(' ')}`, 'none', tint, 1.3);
  }
  const cx = CARD_W * r.range(0.45, 0.7);
  const cy = CARD_H * r.range(0.4, 0.6);
  for (let rr = 60; rr < 420; rr += 26) s.draw(`ellipse ${f1(cx)},${f1(cy)} ${rr},${f1(rr * 0.8)} 0,360`, 'none', tint, 1);
}

function emblem(s: Sheet, x: number, y: number, d: number): void {
  const cx = x + d / 2;
  const cy = y + d / 2;
  s.draw(`circle ${cx},${cy} ${cx + d / 2},${cy}`, '#d8b23a', '#a07818', 3);
  s.draw(`circle ${cx},${cy} ${cx + d * 0.38},${cy}`, '#c8201e');
  const pts: string[] = [];
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 ? d * 0.12 : d * 0.3;
    pts.push(`${f1(cx + rr * Math.cos(a))},${f1(cy + rr * Math.sin(a))}`);
  }
  s.draw(`polygon ${pts.join(' ')}`, '#f4d03a');
}

function portrait(s: Sheet, r: Rand, x: number, y: number, w: number, h: number): void {
  s.draw(`rectangle ${x},${y} ${x + w},${y + h}`, r.pick(['#cfe0ee', '#e8eef2', '#dfe7f0']), '#8a96a0', 1);
  const cx = x + w / 2;
  s.draw(`ellipse ${f1(cx)},${f1(y + h * 0.98)} ${f1(w * 0.48)},${f1(h * 0.3)} 180,360`, r.pick(['#2b2f3a', '#384a5e', '#f2f2f2', '#4a3b30']));
  s.draw(`ellipse ${f1(cx)},${f1(y + h * 0.42)} ${f1(w * 0.27)},${f1(h * 0.25)} 0,360`, r.pick(['#e3bc9a', '#d7a883', '#c99572', '#eccab0']));
  s.draw(`ellipse ${f1(cx)},${f1(y + h * 0.27)} ${f1(w * 0.29)},${f1(h * 0.13)} 180,360`, r.pick(['#1c1a18', '#3a3430', '#8d8d8d', '#d9d9d9']));
}

function chip(s: Sheet, x: number, y: number, w: number, h: number): void {
  s.draw(`roundrectangle ${x},${y} ${x + w},${y + h} 14,14`, '#d9b862', '#9a7a2a', 2);
  for (const fx of [0.33, 0.67]) s.draw(`line ${f1(x + w * fx)},${y + 6} ${f1(x + w * fx)},${y + h - 6}`, 'none', '#9a7a2a', 2);
  s.draw(`line ${x + 6},${f1(y + h / 2)} ${x + w - 6},${f1(y + h / 2)}`, 'none', '#9a7a2a', 2);
}

function qr(s: Sheet, text: string, x: number, y: number, size: number): void {
  const q = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = q.modules.size;
  const quiet = 2;
  const m = size / (n + 2 * quiet);
  s.draw(`rectangle ${x},${y} ${x + size},${y + size}`, '#fdfdf8');
  const rects: string[] = [];
  for (let row = 0; row < n; row++)
    for (let col = 0; col < n; col++)
      if (q.modules.data[row * n + col]) rects.push(`rectangle ${f1(x + (col + quiet) * m)},${f1(y + (row + quiet) * m)} ${f1(x + (col + quiet + 1) * m + 0.3)},${f1(y + (row + quiet + 1) * m + 0.3)}`);
  s.draw(rects.join(' '), '#111111');
}

function fingerprint(s: Sheet, r: Rand, x: number, y: number, w: number, h: number, label: string, labelEn: string, kit: FontKit): void {
  s.draw(`rectangle ${x},${y} ${x + w},${y + h}`, '#f7f7f2', '#777777', 1.5);
  const cx = x + w / 2 + r.range(-10, 10);
  const cy = y + h * 0.5;
  for (let k = 8; k < w * 0.42; k += 7) s.draw(`ellipse ${f1(cx)},${f1(cy)} ${f1(k)},${f1(k * 1.3)} ${r.int(190, 220)},${r.int(500, 530)}`, 'none', '#5a5a5a', 2.2);
  s.text(x + 8, y + h + 8, label, { font: kit.label, size: 19, fill: '#222' });
  s.text(x + 8, y + h + 34, labelEn, { font: kit.labelEn, size: 16, fill: '#333' });
}

function signature(s: Sheet, r: Rand, x: number, y: number): void {
  const pts: string[] = [];
  for (let t = 0; t < 40; t++) pts.push(`${f1(x + t * 5 + 18 * Math.sin(t * 0.9))},${f1(y + 22 * Math.sin(t * 0.55 + r.next()) + t * 0.4)}`);
  s.draw(`polyline ${pts.join(' ')}`, 'none', '#1f3d8a', 3);
}

function seal(s: Sheet, x: number, y: number, rad: number): void {
  s.draw(`circle ${x},${y} ${x + rad},${y}`, 'none', '#d23a3a', 5);
  s.draw(`circle ${x},${y} ${x + rad * 0.62},${y}`, 'none', '#d23a3a', 3);
  s.draw(`circle ${x},${y} ${x + rad * 0.25},${y}`, '#e06a6a');
}

/** Splits `text` at spaces into lines no wider than `first` px (the first line) and `rest` px (the next ones), measured by ImageMagick. */
async function wrap(text: string, p: Pen, first: number, rest: number): Promise<string[]> {
  const words = text.split(' ');
  const prefixes = words.map((_, i) => words.slice(0, i + 1).join(' '));
  const widths = await measure(p.font, p.size, p.kerning ?? 0, prefixes);
  let k = widths.findIndex((w) => w > first);
  if (k === -1) return [text];
  if (k === 0) k = 1;
  const tail = words.slice(k).join(' ');
  return [words.slice(0, k).join(' '), ...(await wrap(tail, p, rest, rest))];
}

function nationalHeader(s: Sheet, kit: FontKit, cx: number, ink: string): void {
  s.centred(cx, 28, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { font: kit.name_, size: 31, fill: ink });
  s.centred(cx, 72, 'SOCIALIST REPUBLIC OF VIET NAM', { font: kit.label, size: 22, fill: ink });
  s.centred(cx, 104, 'Độc lập - Tự do - Hạnh phúc', { font: kit.name_, size: 27, fill: ink });
  s.centred(cx, 142, 'Independence - Freedom - Happiness', { font: kit.labelEn, size: 20, fill: ink });
}

export interface DrawnFace {
  face: Face;
  rgb: Buffer;
  width: number;
  height: number;
  hasQr: boolean;
  hasMrz: boolean;
}

/** Draws one face of `h`'s card; `withQr` asks for the QR on a 2021 front. */
export async function drawFace(h: Holder, face: Face, kit: FontKit, r: Rand, withQr: boolean): Promise<DrawnFace> {
  await requireFonts(ALL_FONTS, FONT_PACKAGES);
  const s = new Sheet();
  const ink = r.pick(['#141414', '#1a1d2b', '#202020']);
  const red = r.pick(['#c0241f', '#b31b1b', '#d0302a']);
  const bg = face.endsWith('2021') ? r.pick(['#e3efe9-#f4efdf', '#e6eef4-#f1f0e2', '#e9f2ea-#efe8d8']) : r.pick(['#eae6f1-#f4eee2', '#e2ecf3-#f6f1e6', '#efe9e0-#e4ede9']);
  guilloche(s, r, face.endsWith('2021') ? '#c5d9cf' : '#d6cde2');
  const lab = (size = 21): Pen => ({ font: kit.label, size, fill: ink });
  const labEn = (size = 18): Pen => ({ font: kit.labelEn, size, fill: '#3a3a3a' });
  const val = (size = 30): Pen => ({ font: kit.value, size, fill: ink, kerning: kit.kerning });
  let hasQr = false;
  let hasMrz = false;
  const mrz = mrzLines(h);

  if (face === 'front-2021' || face === 'front-2024') {
    const gen2021 = face === 'front-2021';
    hasQr = gen2021 && withQr;
    emblem(s, 48, 34, 150);
    nationalHeader(s, kit, hasQr ? 720 : 790, ink);
    if (hasQr) qr(s, qrText(h), 1150, 30, 215);
    s.centred(hasQr ? 720 : 790, 182, gen2021 ? 'CĂN CƯỚC CÔNG DÂN' : 'CĂN CƯỚC', { font: kit.name_, size: gen2021 ? 50 : 58, fill: red });
    s.centred(hasQr ? 720 : 790, gen2021 ? 240 : 250, gen2021 ? 'Citizen Identity Card' : 'IDENTITY CARD', { font: gen2021 ? kit.labelEn : kit.label, size: 25, fill: ink });
    portrait(s, r, 56, 262, 290, 370);
    if (gen2021) {
      s.text(56, 648, 'Có giá trị đến:', lab(20));
      s.text(56, 676, 'Date of expiry', labEn(17));
      s.text(56, 706, h.dateOfExpiry ? dmy(h.dateOfExpiry) : 'Không thời hạn', { ...val(28), font: kit.name_ });
      const x0 = 396;
      s.text(x0, 296, 'Số / No.:', lab(24));
      s.text(x0 + 150, 280, h.idNumber, { font: kit.id, size: 54, fill: ink });
      s.text(x0, 368, 'Họ và tên / Full name:', lab());
      s.text(x0, 400, h.fullName.toLocaleUpperCase('vi'), { font: kit.name_, size: 39, fill: ink, kerning: kit.kerning });
      s.text(x0, 470, 'Ngày sinh / Date of birth:', lab());
      s.text(x0 + 330, 463, dmy(h.dateOfBirth), val());
      s.text(x0, 520, 'Giới tính / Sex:', lab());
      s.text(x0 + 205, 513, h.sex, val());
      s.text(x0 + 420, 520, 'Quốc tịch / Nationality:', lab());
      s.text(x0 + 710, 513, h.nationality, val());
      s.text(x0, 570, 'Quê quán / Place of origin:', lab());
      let y = 602;
      for (const line of await wrap(h.placeOfOrigin, val(28), CARD_W - x0 - 40, CARD_W - x0 - 40)) {
        s.text(x0, y, line, val(28));
        y += 38;
      }
      y += 8;
      s.text(x0, y + 7, 'Nơi thường trú / Place of residence:', lab());
      const labelW = (await measure(kit.label, 21, 0, ['Nơi thường trú / Place of residence:']))[0]!;
      const lines = await wrap(h.placeOfResidence, val(28), CARD_W - x0 - labelW - 60, CARD_W - x0 - 40);
      s.text(x0 + labelW + 14, y, lines[0]!, val(28));
      for (const line of lines.slice(1)) {
        y += 38;
        s.text(x0, y, line, val(28));
      }
    } else {
      const x0 = 396;
      s.text(x0, 296, 'Số định danh cá nhân / Personal identification number:', lab(20));
      s.text(x0, 326, h.idNumber, { font: kit.id, size: 56, fill: red === '#d0302a' ? ink : red });
      s.text(x0, 420, 'Họ, chữ đệm và tên khai sinh / Full name:', lab(20));
      s.text(x0, 452, h.fullName.toLocaleUpperCase('vi'), { font: kit.name_, size: 40, fill: ink, kerning: kit.kerning });
      s.text(x0, 530, 'Ngày, tháng, năm sinh / Date of birth:', lab(20));
      s.text(x0 + 450, 522, dmy(h.dateOfBirth), val(31));
      s.text(x0, 600, 'Giới tính / Sex:', lab(20));
      s.text(x0 + 200, 592, h.sex, val(31));
      s.text(x0 + 420, 600, 'Quốc tịch / Nationality:', lab(20));
      s.text(x0 + 700, 592, h.nationality, val(31));
      chip(s, 1180, 660, 150, 115);
    }
  } else {
    if (!mrz) throw new Error('a card valid for life has no back in generator 8');
    hasMrz = true;
    if (face === 'back-2021') {
      s.text(44, 36, 'Đặc điểm nhận dạng / Personal identification:', lab(20));
      s.text(44, 68, h.mark, val(26));
      s.text(44, 128, 'Ngày, tháng, năm / Date, month, year:', lab(20));
      s.text(500, 120, dmy(h.issueDate), { ...val(28), font: kit.name_ });
      s.centred(330, 186, 'CỤC TRƯỞNG CỤC CẢNH SÁT', { font: kit.name_, size: 22, fill: ink });
      s.centred(330, 214, 'QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI', { font: kit.name_, size: 22, fill: ink });
      s.centred(330, 246, 'DIRECTOR GENERAL OF THE POLICE DEPARTMENT', { font: kit.labelEn, size: 15, fill: ink });
      s.centred(330, 266, 'FOR ADMINISTRATIVE MANAGEMENT OF SOCIAL ORDER', { font: kit.labelEn, size: 15, fill: ink });
      seal(s, 230, 370, 78);
      signature(s, r, 300, 350);
      s.centred(330, 440, 'Nguyễn Đình Khải', { font: kit.name_, size: 25, fill: ink });
      chip(s, 640, 200, 160, 125);
      fingerprint(s, r, 880, 36, 230, 300, 'Ngón trỏ trái', 'Left index finger', kit);
      fingerprint(s, r, 1140, 36, 230, 300, 'Ngón trỏ phải', 'Right index finger', kit);
    } else {
      const qx = 1060;
      hasQr = true;
      qr(s, qrText(h), qx, 30, 300);
      s.text(44, 34, 'Nơi cư trú / Place of residence:', lab(20));
      let y = 64;
      for (const line of await wrap(h.placeOfResidence, val(27), qx - 80, qx - 80)) {
        s.text(44, y, line, val(27));
        y += 36;
      }
      y += 12;
      s.text(44, y, 'Nơi đăng ký khai sinh / Place of birth:', lab(20));
      y += 30;
      for (const line of await wrap(h.placeOfBirth, val(27), qx - 80, qx - 80)) {
        s.text(44, y, line, val(27));
        y += 36;
      }
      y += 12;
      s.text(44, y + 6, 'Ngày, tháng, năm cấp / Date of issue:', lab(19));
      s.text(520, y, dmy(h.issueDate), val(28));
      s.text(44, y + 50, 'Ngày, tháng, năm hết hạn / Date of expiry:', lab(19));
      s.text(560, y + 44, dmy(h.dateOfExpiry!), val(28));
      s.centred(860, 360, 'BỘ CÔNG AN', { font: kit.name_, size: 24, fill: ink });
      s.centred(860, 392, 'MINISTRY OF PUBLIC SECURITY', { font: kit.labelEn, size: 16, fill: ink });
      seal(s, 800, 470, 62);
      signature(s, r, 820, 455);
      chip(s, 1160, 380, 150, 115);
    }
    // the MRZ: a pale band, three lines of 30 in a monospaced face nobody used before
    s.draw(`rectangle 0,560 ${CARD_W},${CARD_H}`, r.pick(['#f6f6f0', '#fbfaf5', '#eef1ee']));
    const size = r.range(62, 68);
    const tracking = r.range(-1, 3);
    for (let i = 0; i < 3; i++) s.text(r.range(44, 70), 588 + i * r.range(88, 94), mrz[i]!, { font: kit.mrz, size, fill: '#101010', kerning: tracking });
  }
  const args = ['-size', `${CARD_W}x${CARD_H}`, `gradient:${bg}`, ...s.args, '-alpha', 'off', '-depth', '8', 'rgb:-'];
  const rgb = await magick(args);
  if (rgb.length !== CARD_W * CARD_H * 3) throw new Error(`ImageMagick gave ${rgb.length} bytes for a ${CARD_W}×${CARD_H} card`);
  return { face, rgb, width: CARD_W, height: CARD_H, hasQr, hasMrz };
}
