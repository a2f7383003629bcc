/**
 * Generator A, the page: an invented Vietnamese administrative paper (birth notice, residence
 * confirmation, or a generic certificate) drawn at A4 150 dpi (1240 × 1754) with DejaVu fonts, with
 * the text it holds as ground truth. Everything on it is invented. Used for tuning and for the fake
 * camera video; the reporting set uses page-b.ts, written separately.
 */
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { between, choose, type Rng } from './rng.ts';

export const A4_W = 1240;
export const A4_H = 1754;

export type PageKind = 'birth-notice' | 'residence' | 'certificate';

export interface RenderedPage {
  /** RGBA pixels, A4_W × A4_H. */
  rgba: Uint8ClampedArray;
  png: Buffer;
  width: number;
  height: number;
  /** The printed words, line by line (the ground truth for legibility). */
  lines: string[];
}

let ready = false;
function fonts(): void {
  if (ready) return;
  const dir = '/usr/share/fonts/truetype/dejavu/';
  GlobalFonts.registerFromPath(`${dir}DejaVuSerif.ttf`, 'PageA Serif');
  GlobalFonts.registerFromPath(`${dir}DejaVuSerif-Bold.ttf`, 'PageA Serif Bold');
  GlobalFonts.registerFromPath(`${dir}DejaVuSans.ttf`, 'PageA Sans');
  GlobalFonts.registerFromPath(`${dir}DejaVuSans-Bold.ttf`, 'PageA Sans Bold');
  ready = true;
}

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương'];
const MID_F = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim', 'Mỹ'];
const MID_M = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Xuân'];
const GIVEN_F = ['Lan', 'Hương', 'Mai', 'Thảo', 'Trang', 'Yến', 'Hằng', 'Nhung'];
const GIVEN_M = ['An', 'Bình', 'Dũng', 'Hùng', 'Long', 'Nam', 'Sơn', 'Tuấn'];
const PLACES = ['Bệnh viện Phụ sản Hà Nội', 'Bệnh viện Từ Dũ', 'Trạm y tế phường Cửa Nam', 'Bệnh viện đa khoa tỉnh Nam Định', 'Bệnh viện Hùng Vương'];
const STREETS = ['phố Hàng Bạc', 'đường Lê Lợi', 'phố Huế', 'đường Trần Phú', 'ngõ Quỳnh', 'đường Nguyễn Trãi'];
const WARDS = ['phường Cửa Nam', 'phường Ba Đình', 'phường Hoàn Kiếm', 'phường Bến Thành', 'phường Hải Châu'];
const CITIES = ['thành phố Hà Nội', 'Thành phố Hồ Chí Minh', 'thành phố Đà Nẵng', 'tỉnh Ninh Bình'];

const person = (rng: Rng, female: boolean) =>
  `${choose(rng, SURNAMES)} ${choose(rng, female ? MID_F : MID_M)} ${choose(rng, female ? GIVEN_F : GIVEN_M)}`;
const date = (rng: Rng, y0: number, y1: number) =>
  `${String(1 + Math.floor(rng() * 28)).padStart(2, '0')}/${String(1 + Math.floor(rng() * 12)).padStart(2, '0')}/${Math.floor(between(rng, y0, y1))}`;
const address = (rng: Rng) => `Số ${1 + Math.floor(rng() * 120)} ${choose(rng, STREETS)}, ${choose(rng, WARDS)}, ${choose(rng, CITIES)}`;

function body(kind: PageKind, rng: Rng): { title: string; fields: [string, string][]; paragraph: string } {
  if (kind === 'birth-notice') {
    const mother = person(rng, true);
    return {
      title: 'GIẤY CHỨNG SINH',
      fields: [
        ['Họ và tên mẹ', mother],
        ['Năm sinh', date(rng, 1985, 2002)],
        ['Số định danh cá nhân', String(Math.floor(between(rng, 1e11, 9.99e11)))],
        ['Nơi đăng ký thường trú', address(rng)],
        ['Dân tộc', choose(rng, ['Kinh', 'Tày', 'Mường', 'Thái'])],
        ['Đã sinh con vào lúc', `${Math.floor(between(rng, 1, 23))} giờ ${Math.floor(between(rng, 0, 59))} phút, ngày ${date(rng, 2024, 2026)}`],
        ['Tại', choose(rng, PLACES)],
        ['Số con trong lần sinh này', String(1 + Math.floor(rng() * 2))],
        ['Giới tính của con', choose(rng, ['Nam', 'Nữ'])],
        ['Cân nặng', `${Math.floor(between(rng, 2600, 3900))} gam`],
        ['Dự định đặt tên con là', person(rng, rng() < 0.5)],
      ],
      paragraph: 'Giấy chứng sinh này được cấp cho người mẹ để làm thủ tục đăng ký khai sinh cho trẻ tại cơ quan có thẩm quyền theo quy định của pháp luật.',
    };
  }
  if (kind === 'residence') {
    return {
      title: 'GIẤY XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ',
      fields: [
        ['Họ, chữ đệm và tên', person(rng, rng() < 0.5)],
        ['Ngày, tháng, năm sinh', date(rng, 1950, 2005)],
        ['Số định danh cá nhân', String(Math.floor(between(rng, 1e11, 9.99e11)))],
        ['Nơi thường trú', address(rng)],
        ['Nơi ở hiện tại', address(rng)],
        ['Họ tên chủ hộ', person(rng, rng() < 0.5)],
        ['Quan hệ với chủ hộ', choose(rng, ['Con', 'Vợ', 'Chồng', 'Cháu', 'Chủ hộ'])],
      ],
      paragraph: 'Công an phường xác nhận thông tin về cư trú của công dân nêu trên là đúng với Cơ sở dữ liệu về cư trú. Giấy xác nhận có giá trị sáu tháng kể từ ngày cấp.',
    };
  }
  return {
    title: 'GIẤY CHỨNG NHẬN',
    fields: [
      ['Chứng nhận ông/bà', person(rng, rng() < 0.5)],
      ['Sinh ngày', date(rng, 1960, 2004)],
      ['Quê quán', choose(rng, CITIES)],
      ['Đã hoàn thành khóa học', choose(rng, ['Sơ cấp cứu cộng đồng', 'An toàn giao thông', 'Phòng cháy chữa cháy'])],
      ['Xếp loại', choose(rng, ['Giỏi', 'Khá', 'Trung bình'])],
    ],
    paragraph: 'Giấy chứng nhận này có giá trị trên toàn quốc. Người được chứng nhận có trách nhiệm giữ gìn và xuất trình khi cơ quan có thẩm quyền yêu cầu.',
  };
}

/** Words split into lines that fit `width` px in the current font. */
function wrap(ctx: SKRSContext2D, text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const w of text.split(' ')) {
    const t = line ? `${line} ${w}` : w;
    if (ctx.measureText(t).width > width && line) {
      out.push(line);
      line = w;
    } else line = t;
  }
  if (line) out.push(line);
  return out;
}

export interface PageAOptions {
  kind?: PageKind;
  /** Draw a red round stamp and a blue signature (default true). */
  stamp?: boolean;
  /** Tint of the paper (default a slightly warm white). */
  paper?: string;
}

export function renderPageA(rng: Rng, opts: PageAOptions = {}): RenderedPage {
  fonts();
  const kind = opts.kind ?? choose(rng, ['birth-notice', 'residence', 'certificate'] as const);
  const c = createCanvas(A4_W, A4_H);
  const ctx = c.getContext('2d');
  ctx.fillStyle = opts.paper ?? '#fbfaf6';
  ctx.fillRect(0, 0, A4_W, A4_H);
  const lines: string[] = [];
  const serif = rng() < 0.6;
  const face = serif ? 'PageA Serif' : 'PageA Sans';
  const bold = serif ? 'PageA Serif Bold' : 'PageA Sans Bold';
  const size = Math.round(between(rng, 25, 30));
  const put = (t: string, x: number, y: number, font: string, align: CanvasTextAlign = 'left', color = '#161616') => {
    ctx.font = font;
    ctx.fillStyle = color;
    ctx.textAlign = align;
    ctx.fillText(t, x, y);
    lines.push(t);
  };
  let y = 130;
  put('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', A4_W / 2, y, `${size + 2}px "${bold}"`, 'center');
  y += size * 1.5;
  put('Độc lập - Tự do - Hạnh phúc', A4_W / 2, y, `${size + 2}px "${bold}"`, 'center');
  ctx.fillRect(A4_W / 2 - 170, y + 12, 340, 2);
  y += size * 3.2;
  const b = body(kind, rng);
  put(b.title, A4_W / 2, y, `${size + 14}px "${bold}"`, 'center');
  y += size * 3;
  const left = 130;
  const right = A4_W - 130;
  for (const [label, value] of b.fields) {
    ctx.font = `${size}px "${face}"`;
    for (const l of wrap(ctx, `${label}: ${value}`, right - left)) {
      put(l, left, y, `${size}px "${face}"`);
      y += size * 1.75;
    }
  }
  y += size;
  ctx.font = `${size}px "${face}"`;
  for (const l of wrap(ctx, b.paragraph, right - left)) {
    put(l, left, y, `${size}px "${face}"`);
    y += size * 1.75;
  }
  y += size * 2;
  const sx = A4_W - 360;
  put(`Ngày ${date(rng, 2025, 2026)}`, sx, y, `italic ${size}px "${face}"`, 'center');
  y += size * 1.8;
  put('NGƯỜI CẤP', sx, y, `${size}px "${bold}"`, 'center');
  if (opts.stamp ?? true) {
    // a blue signature: a few strokes
    ctx.strokeStyle = '#1d3fa8';
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.moveTo(sx - 110, y + 110);
    for (let k = 0; k < 9; k++) ctx.quadraticCurveTo(sx - 100 + k * 25, y + 40 + (k % 2) * 90, sx - 90 + k * 25 + 12, y + 100);
    ctx.stroke();
    // a red round stamp over the signature
    ctx.strokeStyle = 'rgba(200,20,30,0.75)';
    ctx.lineWidth = 6;
    ctx.beginPath();
    ctx.arc(sx - 150, y + 90, 105, 0, Math.PI * 2);
    ctx.stroke();
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.arc(sx - 150, y + 90, 85, 0, Math.PI * 2);
    ctx.stroke();
    ctx.fillStyle = 'rgba(200,20,30,0.75)';
    ctx.font = `bold 22px "${bold}"`;
    ctx.textAlign = 'center';
    ctx.fillText('ỦY BAN NHÂN DÂN', sx - 150, y + 85);
    ctx.fillText('PHƯỜNG', sx - 150, y + 112);
  }
  y += size * 6;
  put(person(rng, rng() < 0.5), sx, y, `${size}px "${bold}"`, 'center');
  const img = ctx.getImageData(0, 0, A4_W, A4_H);
  return { rgba: img.data, png: c.toBuffer('image/png'), width: A4_W, height: A4_H, lines };
}
