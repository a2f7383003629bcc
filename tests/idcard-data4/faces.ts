/**
 * Generator 4's card faces, laid out top-down in millimetres on ID-1 (85.6 × 54 mm): a field's value
 * goes beside its label or on the line below (per card), the bilingual label is one line
 * ("Ngày sinh / Date of birth:") or two (Vietnamese over a smaller English line), the text block
 * shifts and scales per card, and a line too long for the card is set smaller. Layouts follow the
 * reference (cccd.md): 2021 chip front (QR top right when drawn), 2024 front (no QR, no address),
 * 2021 back (marks, issue date, issuer, fingerprints, chip, MRZ), 2024 back (residence, place of
 * birth, issue and expiry dates, issuer, chip, the QR moved to the back (18 mm), MRZ).
 */
import QRCode from 'qrcode';
import type { Holder } from './holders.ts';
import { Img, type Rgb } from './raster.ts';
import type { Rand } from './rng.ts';
import { textImg, type Family, type TextStyle } from './text.ts';

export const CARD_W_MM = 85.6;
export const CARD_H_MM = 54;

export interface FaceStyle {
  pxPerMm: number;
  label: Family;
  value: Family;
  valueBold: boolean;
  head: Family;
  mono: Family;
  ink: Rgb;
  labelInk: Rgb;
  /** Shift of the field block (mm) and its size factor. */
  dx: number;
  dy: number;
  k: number;
  /** Label on two lines (Vietnamese, then English smaller) instead of "Vi / En:". */
  twoLine: boolean;
  /** Short values beside the label (true) or below it. */
  beside: boolean;
}

const SANS: Family[] = ['Liberation Sans', 'FreeSans'];
const SERIF: Family[] = ['Liberation Serif', 'FreeSerif'];

export function pickStyle(r: Rand): FaceStyle {
  const label = r.pick([...SANS, ...SANS, ...SERIF]);
  return {
    pxPerMm: r.range(10.5, 14.5),
    label,
    value: r.chance(0.6) ? label : r.pick([...SANS, ...SERIF]),
    valueBold: r.chance(0.7),
    head: r.pick([...SERIF, ...SANS]),
    mono: r.pick(['Liberation Mono', 'FreeMono'] as const),
    ink: r.pick([[12, 12, 14], [22, 30, 70], [40, 28, 24]] as Rgb[]),
    labelInk: r.pick([[30, 30, 34], [50, 60, 96], [70, 50, 40]] as Rgb[]),
    dx: r.range(-1.2, 1.2),
    dy: r.range(-1.0, 1.0),
    k: r.range(0.92, 1.07),
    twoLine: r.chance(0.35),
    beside: r.chance(0.65),
  };
}

const RED: Rgb = [196, 28, 32];
const GOLD: Rgb = [235, 190, 60];

/** A face being drawn: millimetre helpers over an `Img`. */
class Face {
  readonly img: Img;
  constructor(readonly st: FaceStyle) {
    this.img = new Img(Math.round(CARD_W_MM * st.pxPerMm), Math.round(CARD_H_MM * st.pxPerMm));
  }
  px(mm: number): number {
    return mm * this.st.pxPerMm;
  }
  /** Draws text with its top-left at (x, y) mm, set smaller until it fits `maxW` mm; returns its width in mm. */
  async text(s: string, x: number, y: number, sizeMm: number, opt: Partial<TextStyle> & { maxW?: number; align?: 'left' | 'centre' } = {}): Promise<number> {
    let size = sizeMm;
    for (;;) {
      const t = await textImg(s, { family: opt.family ?? this.st.label, px: this.px(size), color: opt.color ?? this.st.labelInk, bold: opt.bold, italic: opt.italic, spacing: opt.spacing });
      const w = t.w / this.st.pxPerMm;
      if (opt.maxW && w > opt.maxW && size > sizeMm * 0.6) {
        size *= 0.93;
        continue;
      }
      this.img.draw(t, this.px(opt.align === 'centre' ? x - w / 2 : x), this.px(y));
      return w;
    }
  }
  /** A bilingual label and its value; returns the y (mm) of the next line. */
  async field(vi: string, en: string, value: string, x: number, y: number, o: { valueMm?: number; long?: boolean; maxW?: number } = {}): Promise<number> {
    const st = this.st;
    const lab = 1.85 * st.k;
    const val = (o.valueMm ?? 2.25) * st.k;
    const maxW = o.maxW ?? CARD_W_MM - x - 1.5;
    let labW: number;
    let yAfterLabel: number;
    if (st.twoLine) {
      const w1 = await this.text(`${vi}:`, x, y, lab);
      const w2 = await this.text(en, x, y + lab * 1.15, lab * 0.8, { italic: true });
      labW = Math.max(w1, w2);
      yAfterLabel = y + lab * 1.15 + lab * 0.95;
    } else {
      labW = await this.text(`${vi} / ${en}:`, x, y, lab);
      yAfterLabel = y + lab * 1.25;
    }
    const valueFont = { family: st.value, color: st.ink, bold: st.valueBold };
    if (!o.long && st.beside && labW + 1.2 + value.length * val * 0.55 < maxW) {
      // baseline of the value close to the label's first line
      await this.text(value, x + labW + 1.2, y - (val - lab) * 0.8, val, { ...valueFont, maxW: maxW - labW - 1.2 });
      return Math.max(yAfterLabel, y + val * 1.2) + 0.5 * st.k;
    }
    await this.text(value, x + (o.long ? 1 : 0), yAfterLabel, val, { ...valueFont, maxW });
    return yAfterLabel + val * 1.25 + 0.4 * st.k;
  }
}

function roundCorners(img: Img, r: number): void {
  for (let y = 0; y < img.h; y++)
    for (let x = 0; x < img.w; x++) {
      const dx = Math.max(r - (x + 0.5), 0, x + 0.5 - (img.w - r));
      const dy = Math.max(r - (y + 0.5), 0, y + 0.5 - (img.h - r));
      if (dx > 0 && dy > 0) {
        const cov = Math.max(0, Math.min(1, r - Math.hypot(dx, dy) + 0.5));
        img.data[(y * img.w + x) * 4 + 3]! *= cov;
      }
    }
}

/** Background of concentric drum rings with rays, faint, over a two-colour gradient. */
function drumBackground(f: Face, a: Rgb, b: Rgb, line: Rgb, cxMm: number, cyMm: number): void {
  const { img } = f;
  const cx = f.px(cxMm);
  const cy = f.px(cyMm);
  const ring = f.px(1.15);
  img.shade((x, y) => {
    const t = (x / img.w) * 0.7 + (y / img.h) * 0.3;
    const base: Rgb = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
    return [base, 1];
  });
  img.shade((x, y) => {
    const d = Math.hypot(x - cx, y - cy);
    const ang = Math.atan2(y - cy, x - cx);
    const wob = Math.sin(ang * 14) * ring * 0.18;
    const v = Math.abs(((d + wob) % ring) / ring - 0.5);
    const rays = d < ring * 6 ? Math.max(0, Math.cos(ang * 14) - 0.85) * 2 : 0;
    const cov = Math.max(0, 0.08 - v) * 1.6 + rays * 0.2;
    return cov > 0.003 ? [line, Math.min(0.22, cov)] : undefined;
  });
}

/** Background of two families of fine wavy lines crossing (2024 front), with a faint petal rosette. */
function weaveBackground(f: Face, base: Rgb, line: Rgb): void {
  const { img } = f;
  img.fill(base);
  const p = f.px(0.9);
  img.shade((x, y) => {
    const u = Math.sin((x + y) / p + Math.sin(y / (p * 7)) * 2);
    const v = Math.sin((x - y) / p + Math.sin(x / (p * 9)) * 2);
    const cov = Math.max(0, u - 0.9) + Math.max(0, v - 0.9);
    return cov > 0 ? [line, Math.min(0.25, cov * 1.2)] : undefined;
  });
  const cx = f.px(62);
  const cy = f.px(34);
  for (let i = 0; i < 12; i++) {
    const ang = (i / 12) * Math.PI * 2;
    f.img.ellipse(cx + Math.cos(ang) * f.px(7), cy + Math.sin(ang) * f.px(7), f.px(5), f.px(5), line, 0.05);
  }
}

function emblem(f: Face, cxMm: number, cyMm: number, rMm: number): void {
  const cx = f.px(cxMm);
  const cy = f.px(cyMm);
  const r = f.px(rMm);
  f.img.ellipse(cx, cy, r, r, GOLD);
  f.img.ellipse(cx, cy, r * 0.86, r * 0.86, RED);
  const star: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const ang = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 ? r * 0.22 : r * 0.55;
    star.push([cx + Math.cos(ang) * rr, cy - r * 0.08 + Math.sin(ang) * rr]);
  }
  f.img.polygon(star, [250, 220, 60]);
  // the cogwheel and rice ears, as a gold arc of teeth
  for (let i = 0; i < 9; i++) {
    const ang = Math.PI * (0.15 + (i / 8) * 0.7);
    f.img.ellipse(cx + Math.cos(ang) * r * 0.7, cy + Math.sin(ang) * r * 0.7, r * 0.08, r * 0.08, GOLD);
  }
}

function portrait(f: Face, x0: number, y0: number, x1: number, y1: number, r: Rand): void {
  const X0 = f.px(x0), Y0 = f.px(y0), X1 = f.px(x1), Y1 = f.px(y1);
  const w = X1 - X0, h = Y1 - Y0;
  f.img.roundRect(X0, Y0, X1, Y1, 0, r.pick([[214, 228, 240], [236, 236, 236], [205, 220, 214]] as Rgb[]));
  const skin: Rgb = r.pick([[226, 192, 164], [205, 168, 138], [236, 206, 182]] as Rgb[]);
  const shirt: Rgb = r.pick([[250, 250, 250], [40, 52, 90], [90, 90, 96]] as Rgb[]);
  f.img.polygon([[X0 + w * 0.05, Y1], [X0 + w * 0.18, Y0 + h * 0.74], [X0 + w * 0.82, Y0 + h * 0.74], [X0 + w * 0.95, Y1]], shirt);
  f.img.roundRect(X0 + w * 0.41, Y0 + h * 0.56, X0 + w * 0.59, Y0 + h * 0.78, w * 0.05, skin);
  f.img.ellipse(X0 + w * 0.5, Y0 + h * 0.42, w * 0.25, h * 0.22, skin);
  f.img.ellipse(X0 + w * 0.5, Y0 + h * 0.27, w * 0.27, h * 0.12, [30, 26, 24]);
}

function chip(f: Face, x0: number, y0: number, w: number, h: number): void {
  const X0 = f.px(x0), Y0 = f.px(y0), W = f.px(w), H = f.px(h);
  f.img.roundRect(X0, Y0, X0 + W, Y0 + H, f.px(1), [214, 178, 92]);
  const dark: Rgb = [150, 118, 50];
  f.img.stroke([[X0 + W * 0.5, Y0], [X0 + W * 0.5, Y0 + H]], f.px(0.15), dark);
  for (const fy of [0.33, 0.66]) f.img.stroke([[X0, Y0 + H * fy], [X0 + W, Y0 + H * fy]], f.px(0.15), dark);
}

function qr(f: Face, payload: string, x: number, y: number, sizeMm: number): void {
  const q = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const n = q.modules.size;
  const quiet = 1.5;
  const m = f.px(sizeMm) / (n + quiet * 2);
  const X = f.px(x), Y = f.px(y);
  f.img.roundRect(X, Y, X + f.px(sizeMm), Y + f.px(sizeMm), 0, [255, 255, 255]);
  for (let row = 0; row < n; row++)
    for (let col = 0; col < n; col++)
      if (q.modules.get(row, col)) f.img.roundRect(X + (col + quiet) * m, Y + (row + quiet) * m, X + (col + quiet + 1) * m, Y + (row + quiet + 1) * m, 0, [16, 16, 16]);
}

function fingerprint(f: Face, x0: number, y0: number, w: number, h: number, r: Rand): void {
  const X0 = f.px(x0), Y0 = f.px(y0), W = f.px(w), H = f.px(h);
  f.img.roundRect(X0, Y0, X0 + W, Y0 + H, 0, [250, 250, 248]);
  const cx = X0 + W * r.range(0.4, 0.6), cy = Y0 + H * r.range(0.45, 0.6);
  const period = f.px(0.5);
  const turns = r.pick([1, -1, 2]);
  f.img.shade(
    (x, y) => {
      const d = Math.hypot((x - cx) / 0.8, y - cy);
      if (d > Math.min(W, H) * 0.47) return undefined;
      const ang = Math.atan2(y - cy, x - cx);
      const v = Math.sin((d / period) * Math.PI + ang * turns);
      return v > 0.2 ? [[70, 70, 80], 0.6] : undefined;
    },
    { x0: X0, y0: Y0, x1: X0 + W, y1: Y0 + H },
  );
}

/** The 2021 front's field block, drawn on a transparent layer; returns the bottom of its last line (mm). */
async function fields2021(f: Face, h: Holder): Promise<number> {
  const st = f.st;
  const x = 23.5 + st.dx;
  let y = 20.8 + Math.max(st.dy, -0.6); // not up into the title
  y = await f.field('Số', 'No.', h.idNumber, x, y, { valueMm: 3.0 });
  y = await f.field('Họ và tên', 'Full name', h.printedName, x, y, { valueMm: 2.7, long: true });
  y = await f.field('Ngày sinh', 'Date of birth', h.dateOfBirth, x, y);
  if (st.beside && !st.twoLine) {
    const w = await f.text(`Giới tính / Sex: `, x, y, 1.85 * st.k);
    await f.text(h.sex, x + w + 0.8, y - 0.3 * st.k, 2.25 * st.k, { family: st.value, color: st.ink, bold: st.valueBold });
    await f.field('Quốc tịch', 'Nationality', h.nationality, x + w + 9, y);
    y += 3.0 * st.k;
  } else {
    y = await f.field('Giới tính', 'Sex', h.sex, x, y);
    y = await f.field('Quốc tịch', 'Nationality', h.nationality, x, y);
  }
  y = await f.field('Quê quán', 'Place of origin', h.placeOfOrigin, x, y, { valueMm: 1.9, long: true });
  const cut = h.placeOfResidence.indexOf(', ');
  y = await f.field('Nơi thường trú', 'Place of residence', h.placeOfResidence.slice(0, cut + 1), x, y, { valueMm: 1.9 });
  await f.text(h.placeOfResidence.slice(cut + 2), x, y - 0.3 * st.k, 1.9 * st.k, { family: st.value, color: st.ink, bold: st.valueBold, maxW: CARD_W_MM - x - 1.5 });
  return y - 0.3 * st.k + 1.9 * st.k * 1.3;
}

export async function front2021(h: Holder, st: FaceStyle, r: Rand, withQr: boolean): Promise<Img> {
  const f = new Face(st);
  drumBackground(f, [212, 230, 240], [236, 242, 232], [60, 110, 150], r.range(50, 66), r.range(28, 36));
  emblem(f, 10.5, 10, 6.6);
  const hx = withQr ? 42.5 : 49;
  const hw = withQr ? 46 : 62;
  const head = { family: st.head, color: [20, 20, 24] as Rgb, align: 'centre' as const, maxW: hw };
  await f.text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', hx, 2.4, 2.15, { ...head, bold: true });
  await f.text('Độc lập - Tự do - Hạnh phúc', hx, 5.1, 2.1, { ...head, bold: true });
  await f.text('SOCIALIST REPUBLIC OF VIET NAM', hx, 7.9, 1.65, head);
  await f.text('Independence - Freedom - Happiness', hx, 10.0, 1.6, head);
  await f.text('CĂN CƯỚC CÔNG DÂN', hx, 12.6, 3.3, { ...head, color: RED, bold: true });
  await f.text('Citizen Identity Card', hx, 16.6, 2.0, { ...head, bold: true });
  if (withQr) qr(f, h.qrPayload, 69.8, 2.2, 14);
  portrait(f, 3.2, 20.5, 21.2, 42.5, r);
  const exp = h.dateOfExpiry ?? 'Không thời hạn';
  await f.text('Có giá trị đến:', 2.4, 43.6, 1.55);
  await f.text('Date of expiry', 2.4, 45.5, 1.4, { italic: true });
  await f.text(exp, 2.4, 47.6, 2.0, { family: st.value, color: st.ink, bold: st.valueBold, maxW: 20 });
  // the fields, set smaller until all of them fit above the card's bottom edge (a real card prints every one)
  for (const shrink of [1, 0.92, 0.85, 0.78]) {
    // two-line labels with every value below them cannot fit nine fields: short values go beside then
    const layer = new Face({ ...st, k: st.k * shrink, beside: st.beside || st.twoLine });
    if ((await fields2021(layer, h)) <= CARD_H_MM - 1.2 || shrink === 0.78) {
      f.img.draw(layer.img, 0, 0);
      break;
    }
  }
  roundCorners(f.img, f.px(3.2));
  return f.img;
}

export async function front2024(h: Holder, st: FaceStyle, r: Rand): Promise<Img> {
  const f = new Face(st);
  weaveBackground(f, r.pick([[246, 238, 228], [240, 236, 244], [236, 242, 238]] as Rgb[]), [170, 110, 90]);
  emblem(f, 10, 9.6, 6.2);
  const head = { family: st.head, color: [20, 20, 24] as Rgb, align: 'centre' as const, maxW: 60 };
  await f.text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 50, 2.3, 2.1, { ...head, bold: true });
  await f.text('Độc lập - Tự do - Hạnh phúc', 50, 5.0, 2.0, { ...head, bold: true });
  await f.text('SOCIALIST REPUBLIC OF VIET NAM', 50, 7.7, 1.6, head);
  await f.text('Independence - Freedom - Happiness', 50, 9.7, 1.55, head);
  await f.text('CĂN CƯỚC', 50, 12.2, 4.0, { ...head, color: [170, 26, 36], bold: true, spacing: st.pxPerMm * 0.3 });
  await f.text('IDENTITY CARD', 50, 17.0, 2.0, { ...head, bold: true });
  portrait(f, 3.5, 20.5, 21.5, 44.5, r);
  const x = 24 + st.dx;
  let y = 21.5 + st.dy;
  y = await f.field('Số định danh cá nhân', 'Personal identification number', h.idNumber, x, y, { valueMm: 3.2, long: true });
  y = await f.field('Họ, chữ đệm và tên khai sinh', 'Full name', h.printedName, x, y, { valueMm: 2.7, long: true });
  y = await f.field('Ngày, tháng, năm sinh', 'Date of birth', h.dateOfBirth, x, y);
  y = await f.field('Giới tính', 'Sex', h.sex, x, y);
  await f.field('Quốc tịch', 'Nationality', h.nationality, x, Math.min(y, 49));
  roundCorners(f.img, f.px(3.2));
  return f.img;
}

const MARKS = ['Sẹo chấm C:1cm trên sau đầu lông mày trái', 'Nốt ruồi C:2cm dưới trước cánh mũi phải', 'Sẹo chấm C:1,5cm dưới sau mép phải', 'Nốt ruồi C:1cm trên trước đuôi mắt trái'] as const;
const ISSUERS = ['Lương Khắc Thận', 'Tô Đình Quảng', 'Hà Minh Trưng'] as const;

/** The MRZ zone at the bottom: a lighter band, three monospaced lines at about the ICAO pitch (2.54 mm). */
async function mrzZone(f: Face, lines: readonly string[], r: Rand): Promise<void> {
  const band = f.px(38.2);
  f.img.shade((_x, yy) => (yy > band ? [[246, 246, 244], 0.7] : undefined));
  const pitch = r.range(2.42, 2.6);
  const em = pitch / 0.6;
  const mx = (CARD_W_MM - pitch * 30) / 2 + r.range(-1, 1);
  for (let i = 0; i < 3; i++) await f.text(lines[i]!, mx, 39.6 + i * 4.3, em, { family: f.st.mono, color: [10, 10, 12], bold: f.st.mono === 'FreeMono' });
}

async function issuerSeal(f: Face, cx: number, y: number, r: Rand, title: readonly string[], name?: string): Promise<void> {
  for (const [i, t] of title.entries()) await f.text(t, cx, y + i * 2.1, 1.7, { align: 'centre', bold: i === 0, color: [20, 20, 24], maxW: 46 });
  const sy = y + title.length * 2.1 + 5;
  f.img.ellipse(f.px(cx - 6), f.px(sy), f.px(5.2), f.px(5.2), [200, 40, 40], 0.5);
  f.img.ellipse(f.px(cx - 6), f.px(sy), f.px(4.4), f.px(4.4), [236, 238, 236], 0.6);
  const sig: [number, number][] = [];
  const wav = r.range(0.7, 1.1);
  for (let i = 0; i <= 24; i++) sig.push([f.px(cx - 5 + i * 0.55), f.px(sy - 0.5 + Math.sin(i * wav) * 1.6 - i * 0.05)]);
  f.img.stroke(sig, f.px(0.25), [30, 40, 110]);
  if (name) await f.text(name, cx, sy + 4.1, 1.9, { align: 'centre', bold: true, color: [20, 20, 24] });
}

export async function back2024(h: Holder, st: FaceStyle, r: Rand): Promise<Img> {
  if (!h.mrz) throw new Error('a back needs an MRZ (a card with an expiry date)');
  const f = new Face(st);
  weaveBackground(f, [240, 238, 236], [150, 120, 110]);
  qr(f, h.qrPayload, 65.5, 2.5, 18);
  chip(f, 3.5, 26, 10, 8);
  const x = 3.5 + Math.max(0, st.dx);
  let y = 3 + Math.max(0, st.dy) * 0.5;
  const cut = h.residence2025.indexOf(', ');
  y = await f.field('Nơi cư trú', 'Place of residence', h.residence2025.slice(0, cut + 1), x, y, { valueMm: 1.8, long: true, maxW: 60 });
  await f.text(h.residence2025.slice(cut + 2), x + 1, y - 0.3, 1.8 * st.k, { family: st.value, color: st.ink, bold: st.valueBold, maxW: 60 });
  y += 2.6 * st.k;
  y = await f.field('Nơi đăng ký khai sinh', 'Place of birth', h.placeOfBirth, x, y, { valueMm: 1.8, long: !st.beside, maxW: 60 });
  const dates = { valueMm: 1.9, maxW: 60 };
  y = await f.field('Ngày, tháng, năm cấp', 'Date of issue', h.issueDate, x, Math.max(y, 16), dates);
  await f.field('Ngày, tháng, năm hết hạn', 'Date of expiry', h.dateOfExpiry ?? 'Không thời hạn', x, y, dates);
  await issuerSeal(f, 42, 27.5, r, ['BỘ CÔNG AN', 'MINISTRY OF PUBLIC SECURITY']);
  await mrzZone(f, h.mrz, r);
  roundCorners(f.img, f.px(3.2));
  return f.img;
}

export async function back2021(h: Holder, st: FaceStyle, r: Rand): Promise<Img> {
  if (!h.mrz) throw new Error('a back needs an MRZ (a card with an expiry date)');
  const f = new Face(st);
  drumBackground(f, [226, 234, 240], [238, 240, 236], [120, 140, 160], r.range(30, 45), r.range(15, 25));
  chip(f, 4.5, 4.5, 10.5, 8.5);
  const fpY = 3;
  fingerprint(f, 57.5, fpY, 12, 14.5, r);
  fingerprint(f, 71.2, fpY, 12, 14.5, r);
  await f.text('Ngón trỏ trái', 63.5, fpY + 15, 1.35, { align: 'centre' });
  await f.text('Left index finger', 63.5, fpY + 16.8, 1.2, { align: 'centre', italic: true });
  await f.text('Ngón trỏ phải', 77.2, fpY + 15, 1.35, { align: 'centre' });
  await f.text('Right index finger', 77.2, fpY + 16.8, 1.2, { align: 'centre', italic: true });
  const x = 17 + st.dx * 0.5;
  let y = 3.2;
  y = await f.field('Đặc điểm nhân dạng', 'Personal identification', r.pick(MARKS), x, y, { valueMm: 1.7, long: true, maxW: 39 });
  await f.text(`Ngày, tháng, năm / Date, month, year: ${h.issueDate}`, 3, Math.max(y, 15.5), 1.6, { maxW: 52 });
  await issuerSeal(f, 27, 19.5, r, ['CỤC TRƯỞNG CỤC CẢNH SÁT', 'QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI'], r.pick(ISSUERS));
  await mrzZone(f, h.mrz, r);
  roundCorners(f.img, f.px(3.2));
  return f.img;
}
