/**
 * Generator 6 draws the card faces itself on a @napi-rs/canvas, in millimetres of the ID-1 card (85.6 × 54 mm),
 * from the shared reference's description of each generation's faces — its own layout, its own faces:
 * light labels and bold values, letter-spaced ID numbers, six type sets over Be Vietnam Pro, Noto Sans,
 * Noto Serif and Charis SIL. Returns an RGBA canvas of the flat card (no scene yet).
 */
import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import QRCode from 'qrcode';
import { font, registerFonts, type Face } from './fonts.ts';
import { dmy, mrzLines, pick, qrText, upper, between, type Holder, type Rand } from './people.ts';

export const CARD_W_MM = 85.6;
export const CARD_H_MM = 54;

interface TypeSet {
  label: Face;
  labelEn: Face;
  value: Face;
  id: Face;
  header: Face;
  idSpacing: number; // mm
  valueSpacing: number; // mm
  mrz: Face;
}
const TYPESETS: TypeSet[] = [
  { label: 'bvp300', labelEn: 'bvp300', value: 'bvp700', id: 'bvp800', header: 'bvp700', idSpacing: 0.35, valueSpacing: 0.05, mrz: 'bvp500' },
  { label: 'sans', labelEn: 'sans', value: 'sansBold', id: 'sansBold', header: 'sansBold', idSpacing: 0.2, valueSpacing: 0, mrz: 'sans' },
  { label: 'serif', labelEn: 'serif', value: 'serifBold', id: 'bvp700', header: 'serifBold', idSpacing: 0.45, valueSpacing: 0.1, mrz: 'bvp400' },
  { label: 'bvp400', labelEn: 'bvp300', value: 'sansBold', id: 'serifBold', header: 'bvp800', idSpacing: 0.6, valueSpacing: 0.12, mrz: 'sans' },
  { label: 'charis', labelEn: 'charisItalic', value: 'charisBold', id: 'bvp700', header: 'charisBold', idSpacing: 0.3, valueSpacing: 0.04, mrz: 'bvp500' },
  { label: 'sans', labelEn: 'charisItalic', value: 'charisBold', id: 'sansBold', header: 'sansBold', idSpacing: 0.5, valueSpacing: 0.08, mrz: 'bvp400' },
];

export type FaceKind = 'front' | 'back';

class Pen {
  constructor(
    readonly ctx: SKRSContext2D,
    readonly px: number,
  ) {}
  /** Text at (x, y) mm (baseline), size in mm of the em, optional letter spacing in mm, max width in mm (shrinks). */
  text(s: string, x: number, y: number, face: Face, size: number, color: string, opts: { spacing?: number; maxW?: number; align?: 'left' | 'center' | 'right' } = {}): number {
    const c = this.ctx;
    let px = size * this.px;
    const spacing = (opts.spacing ?? 0) * this.px;
    c.letterSpacing = `${spacing.toFixed(2)}px`;
    c.font = font(face, px);
    let w = c.measureText(s).width;
    if (opts.maxW && w > opts.maxW * this.px) {
      px *= (opts.maxW * this.px) / w;
      c.font = font(face, px);
      w = c.measureText(s).width;
    }
    c.fillStyle = color;
    const x0 = opts.align === 'center' ? x * this.px - w / 2 : opts.align === 'right' ? x * this.px - w : x * this.px;
    c.fillText(s, x0, y * this.px);
    c.letterSpacing = '0px';
    return w / this.px;
  }
  width(s: string, face: Face, size: number, spacing = 0): number {
    this.ctx.letterSpacing = `${(spacing * this.px).toFixed(2)}px`;
    this.ctx.font = font(face, size * this.px);
    const w = this.ctx.measureText(s).width / this.px;
    this.ctx.letterSpacing = '0px';
    return w;
  }
}

/** Splits an address at its commas into lines: the first at most `w1` mm wide, the next `w2`. */
function wrapAtCommas(pen: Pen, s: string, face: Face, size: number, w1: number, w2: number): string[] {
  const parts = s.split(', ');
  const lines: string[] = [];
  let cur = '';
  for (const p of parts) {
    const next = cur ? `${cur}, ${p}` : p;
    const limit = lines.length === 0 ? w1 : w2;
    if (cur && pen.width(next + ',', face, size) > limit) {
      lines.push(cur + ',');
      cur = p;
    } else cur = next;
  }
  if (cur) lines.push(cur);
  // a card prints an address on two lines at most: the rest joins the second line (drawn narrower to fit)
  return lines.length > 2 ? [lines[0]!, lines.slice(1).join(' ')] : lines;
}

function background(c: SKRSContext2D, r: Rand, w: number, h: number, gen: 2021 | 2024, face: FaceKind): void {
  const g = c.createLinearGradient(0, 0, w, h);
  if (gen === 2021) {
    g.addColorStop(0, face === 'front' ? '#eef6f1' : '#f1f3ee');
    g.addColorStop(0.55, '#f7efe9');
    g.addColorStop(1, '#e4eef5');
  } else {
    g.addColorStop(0, '#e8f0fa');
    g.addColorStop(0.5, '#f5f2ea');
    g.addColorStop(1, '#eaf3ee');
  }
  c.fillStyle = g;
  c.fillRect(0, 0, w, h);
  // guilloche: families of thin sine waves, from faint to busy (card printers and card stock differ)
  const waves = gen === 2021 ? 26 : 34;
  const ph = between(r, 0, 6.28);
  const strength = between(r, 0.6, 2.2);
  for (let k = 0; k < waves; k++) {
    c.beginPath();
    c.strokeStyle = k % 2 ? `rgba(120,170,150,${(0.16 * strength).toFixed(3)})` : `rgba(200,140,120,${(0.13 * strength).toFixed(3)})`;
    c.lineWidth = Math.max(1, w / 900);
    for (let x = 0; x <= w; x += 4) {
      const y = h * (k / waves) + Math.sin(x / (w / 7) + k * 0.45 + ph) * h * 0.05 + Math.sin(x / (w / 23) + k) * h * 0.012;
      if (x === 0) c.moveTo(x, y);
      else c.lineTo(x, y);
    }
    c.stroke();
  }
  // a pale rosette in the middle (the drum / lotus motif, much simplified) behind the fields
  c.save();
  c.translate(w * 0.58, h * 0.55);
  const petal = between(r, 0.16, 0.3);
  for (let i = 0; i < 48; i++) {
    c.rotate((Math.PI * 2) / 48);
    c.beginPath();
    c.ellipse(h * petal, 0, h * petal, h * 0.05, 0, 0, Math.PI * 2);
    c.strokeStyle = gen === 2021 ? `rgba(214,120,120,${(0.07 * strength).toFixed(3)})` : `rgba(90,130,200,${(0.08 * strength).toFixed(3)})`;
    c.lineWidth = Math.max(1, w / 1000);
    c.stroke();
  }
  c.restore();
}

function emblem(c: SKRSContext2D, cx: number, cy: number, rad: number): void {
  c.beginPath();
  c.arc(cx, cy, rad, 0, Math.PI * 2);
  c.fillStyle = '#d9a521';
  c.fill();
  c.beginPath();
  c.arc(cx, cy, rad * 0.78, 0, Math.PI * 2);
  c.fillStyle = '#d42a20';
  c.fill();
  // the star
  c.beginPath();
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 ? rad * 0.2 : rad * 0.5;
    c.lineTo(cx + Math.cos(a) * rr, cy - rad * 0.08 + Math.sin(a) * rr);
  }
  c.closePath();
  c.fillStyle = '#f7d330';
  c.fill();
  // cog at the bottom
  c.beginPath();
  c.arc(cx, cy + rad * 0.55, rad * 0.16, 0, Math.PI * 2);
  c.fillStyle = '#e6b62a';
  c.fill();
}

function portrait(c: SKRSContext2D, r: Rand, x: number, y: number, w: number, h: number, male: boolean): void {
  c.fillStyle = pick(r, ['#cfe3f5', '#dfe9f3', '#f2f2f2']);
  c.fillRect(x, y, w, h);
  c.fillStyle = pick(r, ['#1f2a44', '#2b2b2b', '#3a3f58', '#ffffff']);
  c.beginPath();
  c.ellipse(x + w / 2, y + h * 1.02, w * 0.55, h * 0.33, 0, Math.PI, 0);
  c.fill();
  c.fillStyle = pick(r, ['#e7bd98', '#d9a47c', '#c98f68', '#efc9a8']);
  c.beginPath();
  c.ellipse(x + w / 2, y + h * 0.44, w * 0.24, h * 0.24, 0, 0, Math.PI * 2);
  c.fill();
  c.fillStyle = male ? '#161616' : '#241a14';
  c.beginPath();
  c.ellipse(x + w / 2, y + h * (male ? 0.3 : 0.34), w * (male ? 0.25 : 0.3), h * (male ? 0.12 : 0.22), 0, Math.PI, 0);
  c.fill();
  if (!male) {
    c.fillRect(x + w * 0.2, y + h * 0.34, w * 0.1, h * 0.3);
    c.fillRect(x + w * 0.7, y + h * 0.34, w * 0.1, h * 0.3);
  }
}

function chip(c: SKRSContext2D, x: number, y: number, w: number, h: number): void {
  const g = c.createLinearGradient(x, y, x + w, y + h);
  g.addColorStop(0, '#e9cf7a');
  g.addColorStop(1, '#b48f34');
  c.fillStyle = g;
  c.beginPath();
  c.roundRect(x, y, w, h, w * 0.12);
  c.fill();
  c.strokeStyle = 'rgba(90,60,10,0.7)';
  c.lineWidth = Math.max(1, w / 60);
  c.beginPath();
  c.moveTo(x + w / 2, y);
  c.lineTo(x + w / 2, y + h);
  c.moveTo(x, y + h / 3);
  c.lineTo(x + w, y + h / 3);
  c.moveTo(x, y + (2 * h) / 3);
  c.lineTo(x + w, y + (2 * h) / 3);
  c.stroke();
}

function qr(c: SKRSContext2D, text: string, x: number, y: number, size: number): void {
  const q = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = q.modules.size;
  const quiet = 2;
  const m = size / (n + quiet * 2);
  c.fillStyle = '#ffffff';
  c.fillRect(x, y, size, size);
  c.fillStyle = '#111111';
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (q.modules.get(i, j)) c.fillRect(x + (j + quiet) * m, y + (i + quiet) * m, m + 0.3, m + 0.3);
}

function fingerprint(c: SKRSContext2D, r: Rand, cx: number, cy: number, rw: number, rh: number): void {
  c.strokeStyle = 'rgba(40,40,60,0.55)';
  c.lineWidth = Math.max(1, rw / 22);
  const t = between(r, 0, 1);
  for (let k = 1; k < 11; k++) {
    c.beginPath();
    c.ellipse(cx + Math.sin(k + t) * rw * 0.03, cy, (rw * k) / 11, (rh * k) / 11, 0.2, 0.3 * t, Math.PI * 2 - 0.5);
    c.stroke();
  }
}

/** Draws one face; px = pixels per millimetre. */
export function drawFace(h: Holder, face: FaceKind, r: Rand, px: number): Canvas {
  registerFonts();
  const W = Math.round(CARD_W_MM * px);
  const H = Math.round(CARD_H_MM * px);
  const cv = createCanvas(W, H);
  const c = cv.getContext('2d');
  const pen = new Pen(c, px);
  const ts = TYPESETS[(h.index + (face === 'back' ? 1 : 0)) % TYPESETS.length]!;
  const dx = between(r, -0.8, 0.8);
  const dy = between(r, -0.6, 0.6);
  const ink = pick(r, ['#1b1b1b', '#202a3a', '#2a2320']);
  const labelInk = pick(r, ['#3d4b55', '#4a4a4a', '#2f3e4f']);
  const red = pick(r, ['#c8251d', '#b3171b', '#d0342a']);
  background(c, r, W, H, h.generation, face);
  /** A label "Tiếng Việt / English": the Vietnamese part in the label face, the English part in its own (italic in some sets). */
  const L = (s: string, x: number, y: number, size = 1.9): number => {
    const cut = s.indexOf(' / ');
    if (cut < 0 || ts.labelEn === ts.label) return pen.text(s, x + dx, y + dy, ts.label, size, labelInk);
    const w1 = pen.text(s.slice(0, cut + 3), x + dx, y + dy, ts.label, size, labelInk);
    return w1 + pen.text(s.slice(cut + 3), x + dx + w1, y + dy, ts.labelEn, size, labelInk);
  };
  const V = (s: string, x: number, y: number, size = 2.5, maxW?: number) => pen.text(s, x + dx, y + dy, ts.value, size, ink, { spacing: ts.valueSpacing, maxW });
  const male = h.sex === 'Nam';

  if (face === 'front') {
    emblem(c, 10 * px, 10.5 * px, 6.2 * px);
    pen.text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 44.5, 6.2, ts.header, 2.3, ink, { align: 'center', maxW: 45 });
    pen.text('Độc lập - Tự do - Hạnh phúc', 47, 9.2, ts.header, 2.1, ink, { align: 'center' });
    portrait(c, r, 3.5 * px, 19 * px, 20 * px, 25 * px, male);
    const vx = 26;
    if (h.generation === 2021) {
      pen.text('CĂN CƯỚC CÔNG DÂN', 47, 14.2, ts.header, 3.6, red, { align: 'center', spacing: 0.15 });
      pen.text('Citizen Identity Card', 47, 17, ts.labelEn, 2, ink, { align: 'center' });
      if (h.frontQr) qr(c, qrText(h), 70.5 * px, 2.5 * px, 13.5 * px);
      L('Có giá trị đến:', 3.5, 47.3, 1.7);
      L('Date of expiry', 3.5, 49.4, 1.5);
      V(h.expiry ? dmy(h.expiry) : 'Không thời hạn', 3.5, 52.2, 2.1, 21);
      const w = L('Số / No.:', vx, 22.5, 2);
      pen.text(h.idNumber, vx + w + 2 + dx, 22.8 + dy, ts.id, 3.9, red, { spacing: ts.idSpacing, maxW: 56 - w });
      L('Họ và tên / Full name:', vx, 26.6);
      V(upper(h.fullName), vx + 2, 30.3, 3.1, 55);
      const w2 = L('Ngày sinh / Date of birth:', vx, 34);
      V(dmy(h.dob), vx + w2 + 1.5, 34);
      const w3 = L('Giới tính / Sex:', vx, 37.4);
      V(h.sex, vx + w3 + 1.5, 37.4);
      const w4 = L('Quốc tịch / Nationality:', vx + 22, 37.4);
      V('Việt Nam', vx + 22 + w4 + 1.5, 37.4);
      // place of origin on one line (shrunk to fit); the residence starts beside its label and wraps once
      L('Quê quán / Place of origin:', vx, 40.8);
      V(h.placeOfOrigin, vx + 1, 43.6, 2.3, 56);
      const wr = L('Nơi thường trú / Place of residence:', vx, 47.3);
      // values end 2.5 mm inside the card's right edge
      const pr = wrapAtCommas(pen, h.placeOfResidence, ts.value, 2.2, 55 - wr, 56);
      pr.forEach((line, i) => V(line, i === 0 ? vx + wr + 1.2 : vx + 1, 47.3 + i * 2.9, 2.2, i === 0 ? 55.5 - wr : 56));
    } else {
      pen.text('CĂN CƯỚC', 49, 14.6, ts.header, 4.2, red, { align: 'center', spacing: 0.4 });
      pen.text('IDENTITY CARD', 49, 17.4, ts.labelEn, 2, ink, { align: 'center', spacing: 0.2 });
      L('Số định danh cá nhân / Personal identification number', vx, 22.5, 1.8);
      pen.text(h.idNumber, vx + 1 + dx, 27.2 + dy, ts.id, 4.3, ink, { spacing: ts.idSpacing, maxW: 55 });
      L('Họ, chữ đệm và tên khai sinh / Full name', vx, 31.2, 1.8);
      V(upper(h.fullName), vx + 1, 35.2, 3.1, 56);
      const w2 = L('Ngày, tháng, năm sinh / Date of birth:', vx, 39.4);
      V(dmy(h.dob), vx + w2 + 1.5, 39.4);
      const w3 = L('Giới tính / Sex:', vx, 43.4);
      V(h.sex, vx + w3 + 1.5, 43.4);
      const w4 = L('Quốc tịch / Nationality:', vx + 22, 43.4);
      V('Việt Nam', vx + 22 + w4 + 1.5, 43.4);
    }
  } else {
    const lines = mrzLines(h);
    if (!lines) throw new Error('a card with no expiry has no back in generator 6');
    if (h.generation === 2021) {
      L('Đặc điểm nhân dạng / Personal identification:', 3.5, 5.5);
      V(h.marks, 3.5, 8.6, 2.1, 48);
      const w = L('Ngày, tháng, năm / Date, month, year:', 3.5, 13);
      V(dmy(h.issue), 3.5 + w + 1.2, 13, 2.2);
      pen.text('CỤC TRƯỞNG CỤC CẢNH SÁT', 25, 17.4, ts.header, 2, ink, { align: 'center' });
      pen.text('QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI', 25, 19.9, ts.header, 2, ink, { align: 'center', maxW: 46 });
      c.beginPath();
      c.arc(17 * px, 25.5 * px, 4.2 * px, 0, Math.PI * 2);
      c.strokeStyle = 'rgba(200,30,30,0.55)';
      c.lineWidth = 0.35 * px;
      c.stroke();
      c.beginPath();
      c.moveTo(20 * px, 26 * px);
      for (let i = 0; i < 7; i++) c.quadraticCurveTo((21 + i * 2) * px, (23 + (i % 2) * 4) * px, (22 + i * 2) * px, 25.5 * px);
      c.strokeStyle = '#1d2c6b';
      c.lineWidth = 0.25 * px;
      c.stroke();
      pen.text('Tô Văn Huệ', 25, 31.2, ts.value, 2.2, ink, { align: 'center' });
      for (const [i, lab] of [['0', 'Ngón trỏ trái'], ['1', 'Ngón trỏ phải']] as const) {
        const x = 52 + Number(i) * 16.5;
        c.strokeStyle = 'rgba(60,60,60,0.5)';
        c.lineWidth = 0.15 * px;
        c.strokeRect(x * px, 3 * px, 15 * px, 19 * px);
        fingerprint(c, r, (x + 7.5) * px, 11.5 * px, 5 * px, 6.5 * px);
        pen.text(lab, x + 7.5, 20.8, ts.label, 1.5, labelInk, { align: 'center' });
      }
      chip(c, 62 * px, 24.5 * px, 11 * px, 8.5 * px);
    } else {
      qr(c, qrText(h), 3 * px, 3 * px, 18 * px);
      const x0 = 23.5;
      L('Nơi cư trú / Place of residence:', x0, 5.2, 1.8);
      const pr = wrapAtCommas(pen, h.placeOfResidence, ts.value, 2.2, 58, 58);
      pr.forEach((line, i) => V(line, x0 + 0.5, 8.2 + i * 2.8, 2.2, 59));
      const yb = 8.2 + pr.length * 2.8 + 1.2;
      L('Nơi đăng ký khai sinh / Place of birth:', x0, yb, 1.8);
      V(h.placeOfBirth, x0 + 0.5, yb + 3, 2.2, 59);
      const w = L('Ngày, tháng, năm cấp / Date of issue:', x0, yb + 7, 1.8);
      V(dmy(h.issue), x0 + w + 1.2, yb + 7, 2.2);
      const w2 = L('Ngày, tháng, năm hết hạn / Date of expiry:', x0, yb + 10.4, 1.8);
      V(dmy(h.expiry!), x0 + w2 + 1.2, yb + 10.4, 2.2);
      pen.text('BỘ CÔNG AN', 12, 24.5, ts.header, 2.1, ink, { align: 'center' });
      pen.text('Ministry of Public Security', 12, 26.8, ts.labelEn, 1.5, labelInk, { align: 'center' });
      chip(c, 4 * px, 28.5 * px, 10 * px, 7.5 * px);
    }
    // MRZ: each character centred in its own cell, the way OCR-B sits in its fixed pitch
    const cell = (CARD_W_MM - 7) / 30;
    const mrzSize = 3.1;
    c.fillStyle = '#f4f4f0';
    c.globalAlpha = 0.6;
    c.fillRect(0, 37 * px, W, 17 * px);
    c.globalAlpha = 1;
    lines.forEach((line, li) => {
      for (let i = 0; i < 30; i++) pen.text(line[i]!, 3.5 + (i + 0.5) * cell + dx * 0.3, 42 + li * 4.6 + dy * 0.3, ts.mrz, mrzSize, '#141414', { align: 'center' });
    });
  }
  return cv;
}
