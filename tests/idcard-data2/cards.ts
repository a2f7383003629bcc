/**
 * Card faces of the second (reporting) set, drawn in millimetres on an ID-1 card (85.6 × 54 mm) with
 * @napi-rs/canvas. Written from scratch, independent of tests/idcard-data: its own layouts (the value
 * beside its label or on the line below, varying per card), Noto Sans / Noto Serif / DejaVu Serif
 * fonts (the first set uses DejaVu Sans only), its own backgrounds (guilloche rosettes, a watermark
 * drum, tinted bands), its own MRZ lettering (proportional glyphs set in a fixed pitch, like OCR-B).
 * These imitate the two real card generations loosely; they are not copies of them.
 */
import { createCanvas, GlobalFonts, loadImage, type SKRSContext2D } from '@napi-rs/canvas';
import QRCode from 'qrcode';
import { between, dmy, oneOf, type CardHolder, type Rand } from './people.ts';

export type Face2 = 'front2021' | 'back2021' | 'front2024' | 'back2024';

export const CARD_MM = { w: 85.6, h: 54 } as const;
/** Pixels per millimetre of a rendered face (≈ 356 dpi). */
export const PX_PER_MM = 14;

const FONT_FILES: [string, string][] = [
  ['/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf', 'Set2 Sans'],
  ['/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf', 'Set2 Sans Bold'],
  ['/usr/share/fonts/truetype/noto/NotoSans-Italic.ttf', 'Set2 Sans Italic'],
  ['/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf', 'Set2 Serif'],
  ['/usr/share/fonts/truetype/noto/NotoSerif-Bold.ttf', 'Set2 Serif Bold'],
  ['/usr/share/fonts/truetype/noto/NotoSansDisplay-Bold.ttf', 'Set2 Display Bold'],
  ['/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf', 'Set2 DV Serif'],
  ['/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf', 'Set2 DV Serif Bold'],
  ['/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf', 'Set2 Cond Bold'],
];
let registered = false;
function registerFonts(): void {
  if (registered) return;
  for (const [file, name] of FONT_FILES) GlobalFonts.registerFromPath(file, name);
  registered = true;
}

/** A card's typography: one label face and one value face per card. */
interface Style {
  label: string;
  labelItalic: string;
  value: string;
  valueBold: string;
  mrz: string;
  /** Scale of every text size (0.9 … 1.1). */
  size: number;
  ink: string;
  /** x/y shift of the whole text block, mm. */
  dx: number;
  dy: number;
  /** Values of the short fields beside their label (true) or on the next line (false). */
  beside: boolean;
}

function styleFor(r: Rand): Style {
  const pair = oneOf(r, [
    { label: 'Set2 Sans', labelItalic: 'Set2 Sans Italic', value: 'Set2 Sans', valueBold: 'Set2 Sans Bold' },
    { label: 'Set2 Serif', labelItalic: 'Set2 Serif', value: 'Set2 Serif', valueBold: 'Set2 Serif Bold' },
    { label: 'Set2 Sans', labelItalic: 'Set2 Sans Italic', value: 'Set2 DV Serif', valueBold: 'Set2 DV Serif Bold' },
    { label: 'Set2 DV Serif', labelItalic: 'Set2 DV Serif', value: 'Set2 Sans', valueBold: 'Set2 Display Bold' },
    { label: 'Set2 Sans', labelItalic: 'Set2 Sans Italic', value: 'Set2 Sans', valueBold: 'Set2 Cond Bold' },
  ]);
  return {
    ...pair,
    mrz: oneOf(r, ['Set2 Sans', 'Set2 Sans Bold', 'Set2 Cond Bold']),
    size: 0.9 + r() * 0.2,
    ink: oneOf(r, ['#111111', '#1d1b2e', '#0e2233', '#2a2320']),
    dx: (r() - 0.5) * 2.4,
    dy: (r() - 0.5) * 1.6,
    beside: r() < 0.55,
  };
}

class Pen {
  constructor(
    readonly ctx: SKRSContext2D,
    readonly s: Style,
  ) {}

  /** Draw text at (x, y) mm (baseline), size in mm; returns the x where it ends (mm). */
  text(str: string, x: number, y: number, sizeMm: number, font: string, opts: { color?: string; align?: CanvasTextAlign; maxW?: number } = {}): number {
    const c = this.ctx;
    const size = sizeMm * this.s.size;
    c.font = `${(size * PX_PER_MM).toFixed(1)}px "${font}"`;
    c.fillStyle = opts.color ?? this.s.ink;
    c.textAlign = opts.align ?? 'left';
    c.textBaseline = 'alphabetic';
    const px = (x + this.s.dx) * PX_PER_MM;
    const py = (y + this.s.dy) * PX_PER_MM;
    let w = c.measureText(str).width;
    if (opts.maxW && w > opts.maxW * PX_PER_MM) {
      c.fillText(str, px, py, opts.maxW * PX_PER_MM);
      w = opts.maxW * PX_PER_MM;
    } else c.fillText(str, px, py);
    return x + w / PX_PER_MM;
  }

  /** A bilingual label "Việt / English:" (English in italics), returns its end x (mm). */
  label(vi: string, en: string, x: number, y: number, size = 2.05): number {
    const x1 = this.text(`${vi} / `, x, y, size, this.s.label);
    return this.text(`${en}:`, x1, y, size, this.s.labelItalic);
  }

  /** A label and its value, beside it (same baseline) or on the next line. Returns the y of the next row. */
  field(vi: string, en: string, value: string, x: number, y: number, o: { size?: number; bold?: boolean; beside?: boolean; gap?: number; maxW?: number } = {}): number {
    const end = this.label(vi, en, x, y);
    const beside = o.beside ?? this.s.beside;
    const size = o.size ?? 2.7;
    const font = o.bold ? this.s.valueBold : this.s.value;
    if (beside) {
      this.text(value, end + 1.2, y + 0.1, size, font, { maxW: o.maxW ? o.maxW - (end + 1.2 - x) : undefined });
      return y + (o.gap ?? 3.6);
    }
    this.text(value, x, y + size * 1.25, size, font, { maxW: o.maxW });
    return y + size * 1.25 + (o.gap ?? 3.3);
  }

  measure(str: string, sizeMm: number, font: string): number {
    this.ctx.font = `${(sizeMm * this.s.size * PX_PER_MM).toFixed(1)}px "${font}"`;
    return this.ctx.measureText(str).width / PX_PER_MM;
  }
}

function mm(v: number): number {
  return v * PX_PER_MM;
}

function paper(ctx: SKRSContext2D, r: Rand, tones: [string, string, string]): void {
  const W = mm(CARD_MM.w);
  const H = mm(CARD_MM.h);
  const g = ctx.createRadialGradient(W * 0.3, H * 0.4, 10, W * 0.5, H * 0.5, W * 0.8);
  g.addColorStop(0, tones[0]);
  g.addColorStop(0.6, tones[1]);
  g.addColorStop(1, tones[2]);
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, W, H);
  // rosette guilloche
  const cx = W * (0.45 + r() * 0.2);
  const cy = H * (0.45 + r() * 0.15);
  ctx.lineWidth = 0.8;
  for (let k = 0; k < 36; k++) {
    ctx.strokeStyle = `rgba(${between(r, 150, 210)},${between(r, 120, 190)},${between(r, 140, 200)},0.22)`;
    ctx.beginPath();
    for (let t = 0; t <= 360; t += 3) {
      const a = (t * Math.PI) / 180;
      const rad = mm(9 + k * 0.9) * (1 + 0.06 * Math.sin(a * 12 + k));
      const x = cx + rad * Math.cos(a);
      const y = cy + rad * Math.sin(a) * 0.7;
      if (t === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.stroke();
  }
  // a watermark "drum": concentric rings with a star
  ctx.strokeStyle = 'rgba(190,150,110,0.18)';
  ctx.lineWidth = mm(0.35);
  for (let k = 1; k <= 5; k++) {
    ctx.beginPath();
    ctx.arc(cx, cy, mm(3.2 * k), 0, Math.PI * 2);
    ctx.stroke();
  }
  // speckles of the print
  for (let i = 0; i < 900; i++) {
    ctx.fillStyle = `rgba(90,90,120,${(r() * 0.12).toFixed(3)})`;
    ctx.fillRect(r() * W, r() * H, 1.5, 1.5);
  }
}

function emblem(ctx: SKRSContext2D, x: number, y: number, d: number): void {
  const cx = mm(x + d / 2);
  const cy = mm(y + d / 2);
  const rr = mm(d / 2);
  ctx.fillStyle = '#b8860b';
  ctx.beginPath();
  ctx.arc(cx, cy, rr, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#d4202c';
  ctx.beginPath();
  ctx.arc(cx, cy, rr * 0.8, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#ffd400';
  ctx.beginPath();
  for (let i = 0; i < 5; i++) {
    const a = -Math.PI / 2 + (i * 4 * Math.PI) / 5;
    ctx.lineTo(cx + rr * 0.5 * Math.cos(a), cy + rr * 0.5 * Math.sin(a));
  }
  ctx.closePath();
  ctx.fill();
}

function portrait(ctx: SKRSContext2D, r: Rand, x: number, y: number, w: number, h: number): void {
  const g = ctx.createLinearGradient(mm(x), mm(y), mm(x), mm(y + h));
  g.addColorStop(0, '#e9eef5');
  g.addColorStop(1, '#c9d3df');
  ctx.fillStyle = g;
  ctx.fillRect(mm(x), mm(y), mm(w), mm(h));
  const skin = oneOf(r, ['#b98d72', '#a7795c', '#c9a083']);
  ctx.fillStyle = '#2b2522';
  ctx.beginPath();
  ctx.ellipse(mm(x + w / 2), mm(y + h * 0.36), mm(w * 0.27), mm(h * 0.25), 0, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = skin;
  ctx.beginPath();
  ctx.ellipse(mm(x + w / 2), mm(y + h * 0.42), mm(w * 0.22), mm(h * 0.22), 0, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = oneOf(r, ['#f4f4f4', '#33415c', '#5a4636']);
  ctx.beginPath();
  ctx.ellipse(mm(x + w / 2), mm(y + h), mm(w * 0.48), mm(h * 0.3), 0, Math.PI, 0);
  ctx.fill();
}

function chip(ctx: SKRSContext2D, x: number, y: number): void {
  const g = ctx.createLinearGradient(mm(x), mm(y), mm(x + 11), mm(y + 9));
  g.addColorStop(0, '#e6c56a');
  g.addColorStop(1, '#b48a2c');
  ctx.fillStyle = g;
  ctx.beginPath();
  ctx.roundRect(mm(x), mm(y), mm(11), mm(9), mm(1.4));
  ctx.fill();
  ctx.strokeStyle = 'rgba(90,60,10,0.8)';
  ctx.lineWidth = 2;
  for (const yy of [3, 6]) {
    ctx.beginPath();
    ctx.moveTo(mm(x), mm(y + yy));
    ctx.lineTo(mm(x + 11), mm(y + yy));
    ctx.stroke();
  }
  ctx.beginPath();
  ctx.moveTo(mm(x + 5.5), mm(y));
  ctx.lineTo(mm(x + 5.5), mm(y + 9));
  ctx.stroke();
}

async function drawQr(ctx: SKRSContext2D, payload: string, x: number, y: number, size: number): Promise<void> {
  const png = await QRCode.toBuffer(payload, { errorCorrectionLevel: 'L', margin: 2, width: Math.round(mm(size)) });
  ctx.drawImage(await loadImage(png), mm(x), mm(y), mm(size), mm(size));
}

function fingerprint(ctx: SKRSContext2D, r: Rand, x: number, y: number, w: number, h: number): void {
  ctx.strokeStyle = '#6b6b6b';
  ctx.lineWidth = 1.5;
  ctx.strokeRect(mm(x), mm(y), mm(w), mm(h));
  ctx.strokeStyle = 'rgba(30,30,30,0.55)';
  ctx.lineWidth = 2;
  const cx = mm(x + w / 2);
  const cy = mm(y + h * 0.55);
  for (let k = 1; k < 14; k++) {
    ctx.beginPath();
    ctx.ellipse(cx, cy, mm(0.45 * k), mm(0.6 * k), r() * 0.3, Math.PI * (0.9 + r() * 0.2), Math.PI * (2.1 + r() * 0.2));
    ctx.stroke();
  }
}

function header(p: Pen, title: string, sub: string, cx: number, titleColor: string): void {
  const s = p.s;
  p.text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', cx, 5.2, 2.3, s.valueBold, { align: 'center' });
  p.text('Độc lập - Tự do - Hạnh phúc', cx, 8.2, 2.2, s.valueBold, { align: 'center' });
  p.text(title, cx, 13.6, title.length > 10 ? 3.9 : 4.6, 'Set2 Sans Bold', { align: 'center', color: titleColor });
  p.text(sub, cx, 16.6, 2.1, s.label, { align: 'center' });
}

/** MRZ: three lines of 30 glyphs set in a fixed pitch on a white band at the bottom of the back. */
function mrz(ctx: SKRSContext2D, r: Rand, lines: readonly string[], font: string): void {
  const top = 37.5 + r() * 1.5;
  ctx.fillStyle = '#fbfbf8';
  ctx.fillRect(0, mm(top), mm(CARD_MM.w), mm(CARD_MM.h - top));
  const pitch = 2.54 * (0.97 + r() * 0.05);
  const left = (CARD_MM.w - pitch * 30) / 2 + (r() - 0.5) * 2;
  const size = 3.35 + r() * 0.35;
  const lead = 4.3 + r() * 0.3;
  ctx.font = `${mm(size).toFixed(1)}px "${font}"`;
  ctx.fillStyle = '#141414';
  ctx.textAlign = 'center';
  lines.forEach((line, li) => {
    [...line].forEach((ch, i) => ctx.fillText(ch, mm(left + (i + 0.5) * pitch), mm(top + 4.6 + li * lead)));
  });
}

function wrapTo(p: Pen, text: string, size: number, font: string, firstW: number, restW: number): string[] {
  const words = text.split(' ');
  const out: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    const limit = out.length === 0 ? firstW : restW;
    if (line && p.measure(next, size, font) > limit) {
      out.push(line);
      line = w;
    } else line = next;
  }
  if (line) out.push(line);
  return out;
}

/** Render one face of a holder's card as PNG (85.6 × 54 mm at PX_PER_MM). */
export async function drawFace(h: CardHolder, face: Face2, r: Rand): Promise<Buffer> {
  registerFonts();
  const canvas = createCanvas(Math.round(mm(CARD_MM.w)), Math.round(mm(CARD_MM.h)));
  const ctx = canvas.getContext('2d');
  const st = styleFor(r);
  const p = new Pen(ctx, st);
  const upper = h.fullName.toLocaleUpperCase('vi');
  const expiry = h.dateOfExpiry ? dmy(h.dateOfExpiry) : 'Không thời hạn';
  if (face === 'front2021') {
    paper(ctx, r, ['#eef6f3', '#dcebe8', '#cfe0e6']);
    emblem(ctx, 3, 2.5, 12.5);
    header(p, 'CĂN CƯỚC CÔNG DÂN', 'Citizen Identity Card', 43, '#c1121f');
    await drawQr(ctx, h.qr, 69.5, 1.8, 14.5);
    portrait(ctx, r, 3, 18.5, 20, 25);
    p.text('Có giá trị đến:', 3, 46.5, 1.9, st.label);
    p.text('Date of expiry', 3, 48.8, 1.9, st.labelItalic);
    p.text(expiry, 3, 51.9, 2.4, st.value);
    const x = 25.5;
    let y = 21;
    const idEnd = p.label('Số', 'No.', x, y);
    p.text(h.idNumber, idEnd + 3, y + 0.4, 3.5, st.valueBold);
    y += 4.6;
    y = p.field('Họ và tên', 'Full name', upper, x, y, { beside: false, bold: true, size: 3.1, maxW: 58 });
    y = p.field('Ngày sinh', 'Date of birth', dmy(h.dateOfBirth), x, y, { size: 2.6 });
    const sexEnd = p.label('Giới tính', 'Sex', x, y);
    p.text(h.sex, sexEnd + 1.2, y + 0.1, 2.6, st.value);
    const natX = Math.max(sexEnd + 7, 48);
    const natEnd = p.label('Quốc tịch', 'Nationality', natX, y);
    p.text(h.nationality, natEnd + 1.2, y + 0.1, 2.6, st.value, { maxW: 84.5 - (natEnd + 1.2) });
    y += 3.7;
    y = p.field('Quê quán', 'Place of origin', h.placeOfOrigin, x, y, { beside: false, size: 2.45, maxW: 58, gap: 3.0 });
    const resEnd = p.label('Nơi thường trú', 'Place of residence', x, y);
    const lines = wrapTo(p, h.placeOfResidence, 2.45, st.value, 83 - (resEnd + 1.2), 57);
    if (lines.length > 2 || 83 - (resEnd + 1.2) < 10) {
      wrapTo(p, h.placeOfResidence, 2.45, st.value, 57, 57)
        .slice(0, 2)
        .forEach((l, i) => p.text(l, x, y + 3.1 + i * 3.1, 2.45, st.value));
    } else {
      p.text(lines[0]!, resEnd + 1.2, y + 0.1, 2.45, st.value);
      if (lines[1]) p.text(lines.slice(1).join(' '), x, y + 3.2, 2.45, st.value, { maxW: 57 });
    }
  } else if (face === 'front2024') {
    paper(ctx, r, ['#fbf3ec', '#f4e2dc', '#eed6d0']);
    emblem(ctx, 3.5, 2.5, 12);
    header(p, 'CĂN CƯỚC', 'IDENTITY CARD', 48, '#b3131b');
    portrait(ctx, r, 3.5, 19, 19, 24);
    chip(ctx, 6, 44);
    const x = 25;
    let y = 21.5;
    y = p.field('Số định danh cá nhân', 'Personal identification number', h.idNumber, x, y, { beside: false, bold: true, size: 3.5, gap: 3.4 });
    y = p.field('Họ, chữ đệm và tên khai sinh', 'Full name', upper, x, y, { beside: false, bold: true, size: 3.1, maxW: 59 });
    y = p.field('Ngày, tháng, năm sinh', 'Date of birth', dmy(h.dateOfBirth), x, y, { size: 2.6 });
    const sexEnd = p.label('Giới tính', 'Sex', x, y);
    p.text(h.sex, sexEnd + 1.2, y + 0.1, 2.6, st.value);
    const natX = Math.max(sexEnd + 7, 48);
    const natEnd = p.label('Quốc tịch', 'Nationality', natX, y);
    p.text(h.nationality, natEnd + 1.2, y + 0.1, 2.6, st.value, { maxW: 84.5 - (natEnd + 1.2) });
  } else if (face === 'back2021') {
    paper(ctx, r, ['#eef4f7', '#e1ebf0', '#d5e2ea']);
    chip(ctx, 3.5, 4);
    const x = 17;
    p.text('Đặc điểm nhân dạng / Personal identification:', x, 5.5, 1.9, st.label);
    p.text(h.identifyingMark, x, 8.7, 2.2, st.value, { maxW: 38 });
    p.text(`Ngày, tháng, năm / Date, month, year: ${dmy(h.issueDate)}`, x, 13.5, 1.9, st.label, { maxW: 38 });
    p.text('CỤC TRƯỞNG CỤC CẢNH SÁT', x + 2, 17.5, 1.9, st.valueBold);
    p.text('QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI', x - 1, 20, 1.8, st.valueBold);
    ctx.strokeStyle = '#1f3b8f';
    ctx.lineWidth = 2.2;
    ctx.beginPath();
    for (let i = 0; i <= 20; i++) ctx.lineTo(mm(x + 6 + i * 0.9), mm(26 + Math.sin(i * 1.3 + r() * 2) * 1.4));
    ctx.stroke();
    p.text('Tô Văn Huệ', x + 9, 31.5, 2.2, st.valueBold);
    fingerprint(ctx, r, 57, 3, 13, 17);
    fingerprint(ctx, r, 71, 3, 13, 17);
    p.text('Ngón trỏ trái', 63.5, 22.7, 1.6, st.label, { align: 'center' });
    p.text('Ngón trỏ phải', 77.5, 22.7, 1.6, st.label, { align: 'center' });
    mrz(ctx, r, h.mrz, st.mrz);
  } else {
    paper(ctx, r, ['#fbf6ef', '#f3e7df', '#ecdcd6']);
    const qrLeft = r() < 0.5;
    const qx = qrLeft ? 3 : 64.5;
    await drawQr(ctx, h.qr, qx, 2.5, 18);
    const x = qrLeft ? 23.5 : 3.5;
    const w = 58;
    let y = 5;
    const resEnd = p.label('Nơi cư trú', 'Place of residence', x, y);
    wrapTo(p, h.placeOfResidence, 2.3, st.value, w - (resEnd - x) - 1.5, w)
      .slice(0, 2)
      .forEach((l, i) => p.text(l, i === 0 ? resEnd + 1.2 : x, y + 0.1 + i * 3, 2.3, st.value, { maxW: i === 0 ? w - (resEnd - x) - 1.5 : w }));
    y += 7.4;
    y = p.field('Nơi đăng ký khai sinh', 'Place of birth', h.placeOfOrigin, x, y, { beside: false, size: 2.3, maxW: w, gap: 3.1 });
    y = p.field('Ngày, tháng, năm cấp', 'Date of issue', dmy(h.issueDate), x, y, { size: 2.4, beside: true });
    y = p.field('Ngày, tháng, năm hết hạn', 'Date of expiry', expiry, x, y, { size: 2.4, beside: true });
    p.text('BỘ CÔNG AN', x + 5, y + 1, 2.1, st.valueBold);
    chip(ctx, qrLeft ? 71 : 6, qrLeft ? 24 : 26);
    mrz(ctx, r, h.mrz, st.mrz);
  }
  return canvas.toBuffer('image/png');
}
