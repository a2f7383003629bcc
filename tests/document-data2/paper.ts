/**
 * Generator B, the paper (reporting set: never tuned on). Written apart from generator A: Noto
 * fonts, other papers (an application form with a ruled table, a two-column notice, a receipt slip),
 * other paper sizes (A4, US Letter, A5 landscape, a slip), ink in blue-black, a rubber stamp in a
 * different place. All contents invented.
 */
import { createCanvas, GlobalFonts, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';

export type Rand = () => number;

/** xorshift32, seeded. */
export function rand(seed: number): Rand {
  let x = (seed ^ 0x9e3779b9) >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}
const one = <T>(r: Rand, xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
const num = (r: Rand, a: number, b: number) => a + (b - a) * r();

export type PaperLayout = 'form-table' | 'two-column' | 'slip';
/** Paper sizes as width × height in px at 140 dpi. */
const SIZES: Record<string, [number, number]> = {
  a4: [1157, 1637],
  letter: [1190, 1540],
  a5l: [1157, 818],
  slip: [760, 1180],
};

export interface Paper {
  canvas: Canvas;
  png: Buffer;
  width: number;
  height: number;
  words: string[];
  layout: PaperLayout;
}

let loaded = false;
function loadFonts(): void {
  if (loaded) return;
  const d = '/usr/share/fonts/truetype/noto/';
  for (const [f, n] of [
    ['NotoSerif-Regular.ttf', 'B Serif'],
    ['NotoSerif-Bold.ttf', 'B Serif Bold'],
    ['NotoSerif-Italic.ttf', 'B Serif Italic'],
    ['NotoSans-Regular.ttf', 'B Sans'],
    ['NotoSans-Bold.ttf', 'B Sans Bold'],
  ] as const)
    GlobalFonts.registerFromPath(d + f, n);
  loaded = true;
}

const FAMILY = ['Lương', 'Trịnh', 'Đinh', 'Mai', 'Tạ', 'Hà', 'Kiều', 'Quách', 'Lâm', 'Châu'];
const MIDDLE = ['Thị', 'Văn', 'Bảo', 'Gia', 'Khánh', 'Diệu', 'Hoài', 'Tường'];
const GIVEN = ['Vy', 'Khoa', 'Ngân', 'Phúc', 'Tâm', 'Uyên', 'Thịnh', 'Loan', 'Kiệt', 'Nhi'];
const ROADS = ['đường Võ Thị Sáu', 'phố Tràng Thi', 'đường Hùng Vương', 'hẻm 42 Cách Mạng Tháng Tám', 'đường Ngô Quyền'];
const UNITS = ['phường Tây Hồ', 'phường Sài Gòn', 'phường Thuận Hóa', 'xã Đông Anh', 'phường Vĩnh Yên'];
const who = (r: Rand) => `${one(r, FAMILY)} ${one(r, MIDDLE)} ${one(r, GIVEN)}`;
const day = (r: Rand) => `ngày ${1 + Math.floor(r() * 28)} tháng ${1 + Math.floor(r() * 12)} năm ${2020 + Math.floor(r() * 6)}`;
const where = (r: Rand) => `${10 + Math.floor(r() * 300)} ${one(r, ROADS)}, ${one(r, UNITS)}`;

class Writer {
  words: string[] = [];
  constructor(readonly ctx: SKRSContext2D) {}
  text(s: string, x: number, y: number, font: string, opts: { align?: CanvasTextAlign; color?: string; width?: number } = {}): number {
    const { ctx } = this;
    ctx.font = font;
    ctx.fillStyle = opts.color ?? '#1b1f2e';
    ctx.textAlign = opts.align ?? 'left';
    if (!opts.width) {
      ctx.fillText(s, x, y);
      this.words.push(s);
      return 1;
    }
    // wrap to width
    let line = '';
    let n = 0;
    const lh = parseFloat(/(\d+)px/.exec(font)![1]!) * 1.55;
    for (const w of s.split(/\s+/)) {
      if (line && ctx.measureText(`${line} ${w}`).width > opts.width) {
        ctx.fillText(line, x, y + n * lh);
        this.words.push(line);
        n++;
        line = w;
      } else line = line ? `${line} ${w}` : w;
    }
    if (line) {
      ctx.fillText(line, x, y + n * lh);
      this.words.push(line);
      n++;
    }
    return n;
  }
}

function stamp(ctx: SKRSContext2D, cx: number, cy: number, r: Rand): void {
  ctx.save();
  ctx.translate(cx, cy);
  ctx.rotate(num(r, -0.4, 0.4));
  ctx.strokeStyle = 'rgba(214,38,52,0.7)';
  ctx.fillStyle = 'rgba(214,38,52,0.7)';
  ctx.lineWidth = 4;
  ctx.strokeRect(-120, -45, 240, 90);
  ctx.font = '26px "B Sans Bold"';
  ctx.textAlign = 'center';
  ctx.fillText('ĐÃ TIẾP NHẬN', 0, -5);
  ctx.font = '18px "B Sans"';
  ctx.fillText(`Số: ${100 + Math.floor(r() * 900)}/BP1C`, 0, 28);
  ctx.restore();
}

export function drawPaper(r: Rand, layout: PaperLayout = one(r, ['form-table', 'two-column', 'slip'] as const)): Paper {
  loadFonts();
  const size = layout === 'slip' ? SIZES.slip! : layout === 'two-column' ? one(r, [SIZES.a4!, SIZES.a5l!]) : one(r, [SIZES.a4!, SIZES.letter!]);
  const [W, H] = size;
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = one(r, ['#ffffff', '#f7f5ef', '#f3f4f6', '#fbf7ea']);
  ctx.fillRect(0, 0, W, H);
  const w = new Writer(ctx);
  const fs = Math.round(num(r, 23, 30) * (W / 1157));
  const body = one(r, ['B Serif', 'B Sans']);
  const bold = body === 'B Serif' ? 'B Serif Bold' : 'B Sans Bold';
  const mx = Math.round(W * 0.09);
  let y = Math.round(H * 0.07) + fs;
  if (layout === 'form-table') {
    w.text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', W / 2, y, `${fs}px "${bold}"`, { align: 'center' });
    y += fs * 1.5;
    w.text('Độc lập - Tự do - Hạnh phúc', W / 2, y, `${fs}px "${body}"`, { align: 'center' });
    y += fs * 3;
    w.text(one(r, ['ĐƠN ĐỀ NGHỊ CẤP BẢN SAO', 'TỜ KHAI THAY ĐỔI THÔNG TIN', 'PHIẾU ĐỀ NGHỊ GIẢI QUYẾT']), W / 2, y, `${fs + 10}px "${bold}"`, { align: 'center' });
    y += fs * 2.2;
    const rows: [string, string][] = [
      ['Họ và tên người đề nghị', who(r)],
      ['Ngày sinh', day(r)],
      ['Nơi cư trú', where(r)],
      ['Số điện thoại', `09${Math.floor(num(r, 10000000, 99999999))}`],
      ['Nội dung đề nghị', one(r, ['Cấp hai bản sao trích lục', 'Điều chỉnh năm sinh', 'Xác nhận nơi cư trú'])],
      ['Giấy tờ kèm theo', one(r, ['Bản chụp căn cước', 'Giấy ủy quyền', 'Không có'])],
    ];
    const colX = mx + (W - 2 * mx) * 0.38;
    const rowH = fs * 2.6;
    ctx.strokeStyle = '#333a44';
    ctx.lineWidth = 2;
    ctx.strokeRect(mx, y, W - 2 * mx, rows.length * rowH);
    for (let k = 0; k < rows.length; k++) {
      if (k) {
        ctx.beginPath();
        ctx.moveTo(mx, y + k * rowH);
        ctx.lineTo(W - mx, y + k * rowH);
        ctx.stroke();
      }
      w.text(rows[k]![0], mx + 12, y + k * rowH + rowH * 0.62, `${fs}px "${bold}"`);
      w.text(rows[k]![1], colX + 12, y + k * rowH + rowH * 0.62, `${fs}px "${body}"`);
    }
    ctx.beginPath();
    ctx.moveTo(colX, y);
    ctx.lineTo(colX, y + rows.length * rowH);
    ctx.stroke();
    y += rows.length * rowH + fs * 2;
    y += fs * 1.55 * w.text('Tôi xin cam đoan những thông tin trên là đúng sự thật và chịu trách nhiệm trước pháp luật về lời khai của mình.', mx, y, `${fs}px "${body}"`, { width: W - 2 * mx });
    y += fs * 1.5;
    w.text(`Hà Nội, ${day(r)}`, W - mx, y, `${fs}px "B Serif Italic"`, { align: 'right' });
    stamp(ctx, W * 0.3, y + fs * 3, r);
  } else if (layout === 'two-column') {
    w.text(one(r, ['THÔNG BÁO', 'BIÊN NHẬN HỒ SƠ', 'GIẤY HẸN TRẢ KẾT QUẢ']), W / 2, y, `${fs + 12}px "${bold}"`, { align: 'center' });
    y += fs * 2.5;
    const colW = (W - 2 * mx - fs * 2) / 2;
    const paras = [
      `Bộ phận một cửa ${one(r, UNITS)} đã nhận hồ sơ của ông/bà ${who(r)}, cư trú tại ${where(r)}.`,
      `Hồ sơ gồm đơn đề nghị và các giấy tờ kèm theo, được vào sổ theo dõi ${day(r)}.`,
      `Thời hạn giải quyết là năm ngày làm việc. Kết quả được trả tại quầy số ${1 + Math.floor(r() * 6)} hoặc gửi qua bưu điện.`,
      `Khi đến nhận kết quả, người dân mang theo giấy này và căn cước của mình. Mọi thắc mắc xin liên hệ cán bộ ${who(r)}.`,
    ];
    let yl = y;
    let yr = y;
    paras.forEach((p, k) => {
      if (k % 2 === 0) yl += (w.text(p, mx, yl, `${fs}px "${body}"`, { width: colW }) + 0.8) * fs * 1.55;
      else yr += (w.text(p, mx + colW + fs * 2, yr, `${fs}px "${body}"`, { width: colW }) + 0.8) * fs * 1.55;
    });
    y = Math.max(yl, yr) + fs;
    if (y + fs * 4 < H) stamp(ctx, W - mx - 130, Math.min(H - 70, y + fs * 2), r);
  } else {
    w.text('BIÊN LAI THU PHÍ, LỆ PHÍ', W / 2, y, `${fs + 6}px "${bold}"`, { align: 'center' });
    y += fs * 2.4;
    const items: [string, string][] = [
      ['Người nộp', who(r)],
      ['Địa chỉ', one(r, UNITS)],
      ['Nội dung', one(r, ['Lệ phí hộ tịch', 'Phí sao y bản chính', 'Lệ phí cư trú'])],
      ['Số tiền', `${(5 + Math.floor(r() * 20)) * 1000} đồng`],
      ['Hình thức', one(r, ['Tiền mặt', 'Chuyển khoản'])],
    ];
    for (const [k, v] of items) {
      y += fs * 1.55 * w.text(`${k}: ${v}`, mx, y, `${fs}px "${body}"`, { width: W - 2 * mx });
      y += fs * 0.5;
    }
    ctx.setLineDash([8, 6]);
    ctx.strokeStyle = '#555';
    ctx.beginPath();
    ctx.moveTo(mx, y);
    ctx.lineTo(W - mx, y);
    ctx.stroke();
    ctx.setLineDash([]);
    y += fs * 2;
    w.text('Người thu tiền', W - mx, y, `${fs}px "${bold}"`, { align: 'right' });
    stamp(ctx, W / 2, y + fs * 3.5, r);
  }
  return { canvas, png: canvas.toBuffer('image/png'), width: W, height: H, words: w.words, layout };
}
