/**
 * Draws synthetic (fake-data) ID cards of both generations with @napi-rs/canvas and photographs them
 * with sharp: rotation, perspective, blur, noise, low light, JPEG. Layouts imitate the real cards
 * (Thông tư 06/2021 and 16/2024) at 1000×630 px; they are not copies of them.
 */
import { createCanvas, GlobalFonts, loadImage, type SKRSContext2D } from '@napi-rs/canvas';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { homography, warpInverse, type Point } from '../../drivers/idcard/geometry.ts';
import { int, printed, type FakePerson, type Rng } from './people.ts';

export type Face = 'front2021' | 'back2021' | 'front2024' | 'back2024' | 'qr';
export type Variant = 'clean' | 'blur' | 'noise' | 'rotate' | 'perspective' | 'lowlight' | 'jpeg40' | 'lowres' | 'combo';
export const VARIANTS: readonly Variant[] = ['clean', 'blur', 'noise', 'rotate', 'perspective', 'lowlight', 'jpeg40', 'lowres', 'combo'];

export const CARD_W = 1000;
export const CARD_H = 630;

let fontsReady = false;
function fonts(): void {
  if (fontsReady) return;
  GlobalFonts.registerFromPath('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', 'CardSans');
  GlobalFonts.registerFromPath('/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf', 'CardSansBold');
  GlobalFonts.registerFromPath('/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf', 'CardMono');
  fontsReady = true;
}

function text(ctx: SKRSContext2D, s: string, x: number, y: number, size: number, opts: { bold?: boolean; color?: string; align?: CanvasTextAlign; maxWidth?: number } = {}): void {
  ctx.font = `${size}px ${opts.bold ? 'CardSansBold' : 'CardSans'}`;
  ctx.fillStyle = opts.color ?? '#1a1a1a';
  ctx.textAlign = opts.align ?? 'left';
  ctx.textBaseline = 'alphabetic';
  if (opts.maxWidth) ctx.fillText(s, x, y, opts.maxWidth);
  else ctx.fillText(s, x, y);
}

function background(ctx: SKRSContext2D, rng: Rng, tint: [number, number, number]): void {
  const g = ctx.createLinearGradient(0, 0, CARD_W, CARD_H);
  g.addColorStop(0, `rgb(${tint[0]},${tint[1]},${tint[2]})`);
  g.addColorStop(1, `rgb(${tint[0] - 12},${tint[1] - 8},${tint[2] - 4})`);
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, CARD_W, CARD_H);
  // guilloche-like faint waves
  ctx.strokeStyle = 'rgba(120,150,190,0.18)';
  ctx.lineWidth = 1;
  for (let k = 0; k < 14; k++) {
    ctx.beginPath();
    const ph = rng() * 6;
    for (let x = 0; x <= CARD_W; x += 10) {
      const y = 40 + k * 42 + Math.sin(x / 60 + ph) * 9;
      if (x === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.stroke();
  }
}

function emblem(ctx: SKRSContext2D, cx: number, cy: number, r: number): void {
  ctx.fillStyle = '#c8102e';
  ctx.beginPath();
  ctx.arc(cx, cy, r, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#ffcd00';
  ctx.beginPath();
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 === 0 ? r * 0.55 : r * 0.22;
    ctx.lineTo(cx + rr * Math.cos(a), cy + rr * Math.sin(a));
  }
  ctx.fill();
}

function photo(ctx: SKRSContext2D, x: number, y: number, w: number, h: number): void {
  ctx.fillStyle = '#d9dde3';
  ctx.fillRect(x, y, w, h);
  ctx.fillStyle = '#8d96a3';
  ctx.beginPath();
  ctx.arc(x + w / 2, y + h * 0.38, w * 0.24, 0, Math.PI * 2);
  ctx.fill();
  ctx.beginPath();
  ctx.ellipse(x + w / 2, y + h, w * 0.45, h * 0.32, 0, Math.PI, 0);
  ctx.fill();
}

async function qr(ctx: SKRSContext2D, payload: string, x: number, y: number, size: number): Promise<void> {
  const png = await QRCode.toBuffer(payload, { errorCorrectionLevel: 'M', margin: 1, width: size, color: { dark: '#000000', light: '#ffffff' } });
  ctx.drawImage(await loadImage(png), x, y, size, size);
}

function header(ctx: SKRSContext2D, title: string, sub: string): void {
  emblem(ctx, 120, 110, 72);
  text(ctx, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 500, 62, 24, { bold: true, align: 'center' });
  text(ctx, 'Độc lập - Tự do - Hạnh phúc', 500, 96, 22, { bold: true, align: 'center' });
  text(ctx, title, 500, 160, 40, { bold: true, align: 'center', color: '#c8102e' });
  text(ctx, sub, 500, 192, 22, { align: 'center' });
}

function wrap(ctx: SKRSContext2D, s: string, size: number, width: number): string[] {
  ctx.font = `${size}px CardSans`;
  if (ctx.measureText(s).width <= width) return [s];
  const parts = s.split(', ');
  let line = '';
  const lines: string[] = [];
  for (const p of parts) {
    const next = line ? `${line}, ${p}` : p;
    if (ctx.measureText(next).width > width && line) {
      lines.push(`${line},`);
      line = p;
    } else line = next;
  }
  lines.push(line);
  return lines;
}

function mrzLines(ctx: SKRSContext2D, lines: readonly string[]): void {
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 452, CARD_W, CARD_H - 452);
  ctx.font = '34px CardMono';
  ctx.fillStyle = '#111111';
  ctx.textAlign = 'center';
  lines.forEach((l, li) => {
    for (let i = 0; i < l.length; i++) ctx.fillText(l[i]!, 70 + i * 29 + 10, 505 + li * 48);
  });
}

/** Render one face of a person's card to PNG (CARD_W × CARD_H). */
export async function renderCard(p: FakePerson, face: Exclude<Face, 'qr'>, rng: Rng): Promise<Buffer> {
  fonts();
  const canvas = createCanvas(CARD_W, CARD_H);
  const ctx = canvas.getContext('2d');
  const f = p.fields;
  const upperName = f.fullName.toLocaleUpperCase('vi');
  if (face === 'front2021') {
    background(ctx, rng, [232, 240, 248]);
    await qr(ctx, p.qrPayload, 820, 18, 165);
    header(ctx, 'CĂN CƯỚC CÔNG DÂN', 'Citizen Identity Card');
    photo(ctx, 40, 222, 220, 290);
    text(ctx, 'Số / No.:', 300, 245, 20);
    text(ctx, f.idNumber, 430, 249, 34, { bold: true });
    text(ctx, 'Họ và tên / Full name:', 300, 285, 20);
    text(ctx, upperName, 300, 326, 30, { bold: true, maxWidth: 680 });
    text(ctx, 'Ngày sinh / Date of birth:', 300, 366, 20);
    text(ctx, printed(f.dateOfBirth), 560, 367, 24);
    text(ctx, 'Giới tính / Sex:', 300, 402, 20);
    text(ctx, f.sex, 470, 403, 24);
    text(ctx, 'Quốc tịch / Nationality:', 560, 402, 20);
    text(ctx, f.nationality, 818, 403, 24);
    text(ctx, 'Quê quán / Place of origin:', 300, 438, 20);
    text(ctx, f.placeOfOrigin, 300, 471, 22, { maxWidth: 690 });
    text(ctx, 'Nơi thường trú / Place of residence:', 300, 507, 20);
    wrap(ctx, f.placeOfResidence, 22, 680).slice(0, 2).forEach((l, i) => text(ctx, l, 300, 541 + i * 33, 22));
    text(ctx, 'Có giá trị đến:', 40, 548, 18);
    text(ctx, f.dateOfExpiry ? printed(f.dateOfExpiry) : 'Không thời hạn', 40, 582, 24, { bold: true });
  } else if (face === 'front2024') {
    background(ctx, rng, [240, 236, 226]);
    header(ctx, 'CĂN CƯỚC', 'IDENTITY CARD');
    photo(ctx, 40, 222, 220, 290);
    text(ctx, 'Số định danh cá nhân / Personal identification number:', 300, 245, 18);
    text(ctx, f.idNumber, 300, 292, 34, { bold: true });
    text(ctx, 'Họ, chữ đệm và tên khai sinh / Full name:', 300, 330, 18);
    text(ctx, upperName, 300, 372, 30, { bold: true, maxWidth: 680 });
    text(ctx, 'Ngày, tháng, năm sinh / Date of birth:', 300, 412, 18);
    text(ctx, printed(f.dateOfBirth), 650, 413, 24);
    text(ctx, 'Giới tính / Sex:', 300, 452, 18);
    text(ctx, f.sex, 470, 453, 24);
    text(ctx, 'Quốc tịch / Nationality:', 560, 452, 18);
    text(ctx, f.nationality, 800, 453, 24);
  } else if (face === 'back2021') {
    background(ctx, rng, [236, 242, 246]);
    text(ctx, 'Đặc điểm nhân dạng / Personal identification:', 40, 55, 20);
    text(ctx, `Sẹo chấm C: ${int(rng, 1, 3)}cm trên mép phải`, 40, 90, 22);
    text(ctx, `Ngày, tháng, năm / Date, month, year: ${printed(f.issueDate)}`, 40, 140, 20);
    text(ctx, 'CỤC TRƯỞNG CỤC CẢNH SÁT', 40, 185, 18, { bold: true });
    text(ctx, 'QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI', 40, 210, 18, { bold: true });
    ctx.fillStyle = '#c9a64b';
    ctx.fillRect(80, 260, 120, 95);
    for (const [x, lbl] of [[600, 'Ngón trỏ trái'], [800, 'Ngón trỏ phải']] as const) {
      ctx.strokeStyle = '#555';
      ctx.strokeRect(x, 40, 170, 210);
      text(ctx, lbl, x + 85, 275, 16, { align: 'center' });
      ctx.strokeStyle = 'rgba(40,40,40,0.5)';
      for (let r = 10; r < 80; r += 6) {
        ctx.beginPath();
        ctx.ellipse(x + 85, 140, r * 0.8, r, 0, 0, Math.PI * 2);
        ctx.stroke();
      }
    }
    mrzLines(ctx, p.mrz);
  } else {
    background(ctx, rng, [242, 238, 230]);
    text(ctx, 'Nơi cư trú / Place of residence:', 40, 50, 18);
    wrap(ctx, f.placeOfResidence, 22, 720).slice(0, 2).forEach((l, i) => text(ctx, l, 40, 84 + i * 30, 22));
    text(ctx, 'Nơi đăng ký khai sinh / Place of birth:', 40, 160, 18);
    text(ctx, f.placeOfOrigin, 40, 192, 22, { maxWidth: 720 });
    text(ctx, `Ngày, tháng, năm cấp / Date of issue: ${printed(f.issueDate)}`, 40, 240, 18);
    text(ctx, `Ngày, tháng, năm hết hạn / Date of expiry: ${f.dateOfExpiry ? printed(f.dateOfExpiry) : 'Không thời hạn'}`, 40, 276, 18);
    text(ctx, 'BỘ CÔNG AN', 40, 330, 18, { bold: true });
    await qr(ctx, p.qrPayload, 800, 24, 175);
    ctx.fillStyle = '#c9a64b';
    ctx.fillRect(830, 260, 110, 90);
    mrzLines(ctx, p.mrz);
  }
  return canvas.toBuffer('image/png');
}

/** A bare QR (e.g. printed on an appointment slip) on paper. */
export async function renderBareQr(p: FakePerson): Promise<Buffer> {
  fonts();
  const canvas = createCanvas(520, 600);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fafafa';
  ctx.fillRect(0, 0, 520, 600);
  await qr(ctx, p.qrPayload, 60, 40, 400);
  text(ctx, 'Mã QR căn cước', 260, 540, 26, { align: 'center' });
  return canvas.toBuffer('image/png');
}

// ------------------------------------------------------------------ photographing

/** Warp an RGBA image so its corners land on `quad` inside an outW × outH transparent canvas. */
function warp(src: Buffer, w: number, h: number, quad: number[][], outW: number, outH: number): Buffer {
  const H = homography(quad as Point[], [[0, 0], [w, 0], [w, h], [0, h]]);
  return warpInverse(src, w, h, 4, H, outW, outH);
}

export interface PhotoOptions {
  variant: Variant;
  /** Frame size (default 1280 × 720). */
  width?: number;
  height?: number;
}

/** Put a card image on a table and photograph it with the variant's degradations. */
export async function photograph(cardPng: Buffer, rng: Rng, opts: PhotoOptions): Promise<{ data: Buffer; ext: 'png' | 'jpg' }> {
  const W = opts.width ?? 1280;
  const H = opts.height ?? 720;
  const v = opts.variant;
  const meta = await sharp(cardPng).metadata();
  const aspect = (meta.height ?? CARD_H) / (meta.width ?? CARD_W);
  const cardW = Math.round(Math.min(W * (0.68 + rng() * 0.1), (H * 0.86) / aspect));
  const cardH = Math.round(cardW * aspect);
  const card = await sharp(cardPng).resize(cardW, cardH).ensureAlpha().raw().toBuffer();
  // corners, centred with a random offset
  const cx = W / 2 + (rng() - 0.5) * (W - cardW) * 0.5;
  const cy = H / 2 + (rng() - 0.5) * (H - cardH) * 0.4;
  const rot = v === 'rotate' || v === 'combo' ? (rng() < 0.5 ? -1 : 1) * (3 + rng() * 5) : (rng() - 0.5) * 2;
  const a = (rot * Math.PI) / 180;
  const jitter = v === 'perspective' || v === 'combo' ? 0.045 : 0.004;
  const base = [
    [-cardW / 2, -cardH / 2],
    [cardW / 2, -cardH / 2],
    [cardW / 2, cardH / 2],
    [-cardW / 2, cardH / 2],
  ];
  const quad = base.map(([x, y]) => {
    const jx = (rng() - 0.5) * 2 * jitter * cardW;
    const jy = (rng() - 0.5) * 2 * jitter * cardH;
    return [cx + x! * Math.cos(a) - y! * Math.sin(a) + jx, cy + x! * Math.sin(a) + y! * Math.cos(a) + jy];
  });
  const warped = warp(card, cardW, cardH, quad, W, H);
  const bg = [int(rng, 60, 120), int(rng, 45, 90), int(rng, 30, 70)];
  let img = sharp({ create: { width: W, height: H, channels: 3, background: { r: bg[0]!, g: bg[1]!, b: bg[2]! } } })
    .composite([{ input: warped, raw: { width: W, height: H, channels: 4 } }])
    .removeAlpha();
  let raw = await img.raw().toBuffer();
  // sensor noise (always a little; more for noise/combo/lowlight)
  const sigma = v === 'noise' ? 18 : v === 'combo' || v === 'lowlight' ? 10 : 3;
  for (let i = 0; i < raw.length; i++) {
    const n = (rng() + rng() + rng() - 1.5) * sigma * 1.2;
    raw[i] = Math.max(0, Math.min(255, raw[i]! + n));
  }
  img = sharp(raw, { raw: { width: W, height: H, channels: 3 } });
  if (v === 'blur') img = img.blur(1.6);
  else if (v === 'combo') img = img.blur(1.1);
  else img = img.blur(0.5);
  if (v === 'lowlight') img = img.linear(0.42, 6);
  if (v === 'lowres') {
    raw = await img.raw().toBuffer();
    img = sharp(raw, { raw: { width: W, height: H, channels: 3 } }).resize(Math.round(W / 2), Math.round(H / 2));
  }
  if (v === 'jpeg40' || v === 'combo' || v === 'lowlight') return { data: await img.jpeg({ quality: 40 }).toBuffer(), ext: 'jpg' };
  if (v === 'clean' || v === 'rotate') return { data: await img.jpeg({ quality: 85 }).toBuffer(), ext: 'jpg' };
  return { data: await img.png({ compressionLevel: 3 }).toBuffer(), ext: 'png' };
}
