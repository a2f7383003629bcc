/**
 * The receipt a resident takes home, as data, and its layout into lines for a given paper width.
 *
 * Layout is pure: it takes a `Measurer` (the raster renderer measures with the real font through
 * Skia; the text mode measures in character cells) so wrapping is decided on rendered width, never
 * on JS string length. Text is normalised to NFC first; lines break only on spaces, and a single
 * word wider than the line breaks between grapheme clusters (a base letter and its marks stay together).
 */

export type PaperWidthMm = 58 | 80;

export interface PaperSpec {
  widthMm: PaperWidthMm;
  /** Printable dots per line at 203 dpi. */
  dots: number;
  /** Left/right margin in dots inside the printable width. */
  margin: number;
}

export const PAPER: Record<PaperWidthMm, PaperSpec> = {
  58: { widthMm: 58, dots: 384, margin: 6 },
  80: { widthMm: 80, dots: 576, margin: 10 },
};

export interface Receipt {
  ward: { name: string; address: string; hotline: string };
  serviceName: string;
  applicantName: string;
  /** AGENCY-YYMMDD-NXXX (Thông tư 01/2018/TT-VPCP). */
  applicationCode: string;
  /** The province's dossier number when it was assigned before printing (issue 14). */
  officialNumber?: string | null;
  /** What the code is and when the official number comes (issue 14): printed under the code. */
  codeNote?: string | null;
  /** What the QR encodes: a tracking URL or the code itself. ASCII is safest for every scanner. */
  trackingQr: string;
  /** The 8-digit tracking PIN (issue 17): printed as text under the QR, typed at the kiosk's track screen or on the hub's /track page. */
  trackingPin?: string | null;
  submittedAt: Date;
  documentsToBring: string[];
  /** VND; 0 means free. A string is printed as given. */
  fee: number | string;
  expectedResultDate: Date | string | null;
  nextSteps: string[];
  /**
   * A fee to pay by QR (docs/payments.md): a VietQR payload or the province's payment address,
   * printed large enough for a phone camera at arm's length. The kiosk never takes the money.
   */
  payment?: { amountVnd: number; qrPayload: string; payeeName: string | null; purpose: string } | null;
  /** How the resident receives the result (at the ward's desk, or by post to an address). */
  delivery?: string | null;
  /** Who decides the application ("Công an phường Cửa Nam"); printed under the procedure's name. */
  agency?: string;
}

export type TextStyle = 'title' | 'heading' | 'body' | 'small' | 'code';
export type Align = 'left' | 'center' | 'right';

export type Block =
  | { kind: 'text'; text: string; style: TextStyle; align: Align }
  /** "Label: value", the value wrapping under the label's start. */
  | { kind: 'field'; label: string; value: string; style: TextStyle }
  /** Bulleted (or numbered) items with a hanging indent. */
  | { kind: 'list'; items: string[]; numbered: boolean; style: TextStyle }
  /** `large`: as big as the paper allows (a payment QR scanned at arm's length). */
  | { kind: 'qr'; payload: string; large?: boolean }
  | { kind: 'rule' }
  | { kind: 'gap'; dots: number };

export type Line =
  | { kind: 'text'; text: string; style: TextStyle; align: Align; x: number }
  | { kind: 'qr'; payload: string; large?: boolean }
  | { kind: 'rule' }
  | { kind: 'gap'; dots: number };

export interface Measurer {
  /** Rendered width of `text` in dots (raster) or cells (text mode). */
  width(text: string, style: TextStyle): number;
}

// ---------------------------------------------------------------------------------------------
// Wrapping

const segmenter = new Intl.Segmenter('vi', { granularity: 'grapheme' });

export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/**
 * Breaks one word wider than `max`: first after hyphens/slashes (codes, dates, compound names),
 * then any piece still too wide between grapheme clusters (at least one cluster per piece).
 */
function breakWord(word: string, max: number, measure: (s: string) => number): string[] {
  const out: string[] = [];
  let cur = '';
  const flush = () => {
    if (cur) out.push(cur);
    cur = '';
  };
  for (const part of word.split(/(?<=[-/])/)) {
    if (measure(cur + part) <= max) {
      cur += part;
      continue;
    }
    flush();
    if (measure(part) <= max) {
      cur = part;
      continue;
    }
    for (const g of graphemes(part)) {
      if (cur && measure(cur + g) > max) flush();
      cur += g;
    }
  }
  flush();
  return out;
}

/**
 * Greedy word wrap on rendered width. Never cuts inside a word unless the word alone is wider
 * than the line, and then only between graphemes. Returns at least one line (maybe '').
 */
export function wrapText(text: string, max: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const para of text.normalize('NFC').split(/\r?\n/)) {
    // break on ordinary spaces only: a no-break space (U+00A0) keeps a phone number together
    const words = para.split(/[ \t\u2002-\u200b\u3000]+/).filter(Boolean);
    let cur = '';
    for (const word of words) {
      const candidate = cur ? `${cur} ${word}` : word;
      if (measure(candidate) <= max) {
        cur = candidate;
        continue;
      }
      if (cur) lines.push(cur);
      if (measure(word) <= max) cur = word;
      else {
        const pieces = breakWord(word, max, measure);
        lines.push(...pieces.slice(0, -1));
        cur = pieces[pieces.length - 1] ?? '';
      }
    }
    lines.push(cur);
  }
  return lines.length ? lines : [''];
}

// ---------------------------------------------------------------------------------------------
// Receipt → blocks

/** Vietnam has no daylight saving: UTC+7 all year. */
const VN_OFFSET_MS = 7 * 3600_000;
const pad = (n: number) => String(n).padStart(2, '0');

export function formatDateTimeVi(d: Date): string {
  const t = new Date(d.getTime() + VN_OFFSET_MS);
  return `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())} ngày ${pad(t.getUTCDate())}/${pad(t.getUTCMonth() + 1)}/${t.getUTCFullYear()}`;
}

export function formatDateVi(d: Date | string): string {
  if (typeof d === 'string') return d;
  const t = new Date(d.getTime() + VN_OFFSET_MS);
  return `${pad(t.getUTCDate())}/${pad(t.getUTCMonth() + 1)}/${t.getUTCFullYear()}`;
}

export function formatFeeVi(fee: number | string): string {
  if (typeof fee === 'string') return fee;
  if (fee <= 0) return 'Miễn phí';
  return `${Math.round(fee).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đồng`;
}

export function receiptBlocks(r: Receipt): Block[] {
  const blocks: Block[] = [
    { kind: 'text', text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', style: 'small', align: 'center' },
    { kind: 'text', text: r.ward.name, style: 'title', align: 'center' },
    { kind: 'text', text: r.ward.address, style: 'small', align: 'center' },
    { kind: 'rule' },
    { kind: 'text', text: 'GIẤY BIÊN NHẬN HỒ SƠ', style: 'heading', align: 'center' },
    { kind: 'text', text: r.serviceName, style: 'body', align: 'center' },
    ...(r.agency ? [{ kind: 'field', label: 'Cơ quan giải quyết', value: r.agency, style: 'body' } as const] : []),
    { kind: 'gap', dots: 8 },
    { kind: 'field', label: 'Người nộp', value: r.applicantName, style: 'body' },
    { kind: 'field', label: 'Thời gian nộp', value: formatDateTimeVi(r.submittedAt), style: 'body' },
    { kind: 'gap', dots: 8 },
    ...(r.officialNumber
      ? ([
          { kind: 'text', text: 'Số hồ sơ', style: 'small', align: 'center' },
          { kind: 'text', text: r.officialNumber, style: 'code', align: 'center' },
          { kind: 'text', text: `Mã kiosk: ${r.applicationCode}`, style: 'small', align: 'center' },
        ] as Block[])
      : ([
          { kind: 'text', text: 'Mã hồ sơ', style: 'small', align: 'center' },
          { kind: 'text', text: r.applicationCode, style: 'code', align: 'center' },
        ] as Block[])),
    ...(r.codeNote ? ([{ kind: 'text', text: r.codeNote, style: 'small', align: 'center' }] as Block[]) : []),
    { kind: 'qr', payload: r.trackingQr },
    { kind: 'text', text: 'Quét mã QR để tra cứu hồ sơ', style: 'small', align: 'center' },
    ...(r.trackingPin ? ([{ kind: 'text', text: `Mã PIN tra cứu: ${r.trackingPin.slice(0, 4)} ${r.trackingPin.slice(4)}`, style: 'body', align: 'center' }] as Block[]) : []),
    { kind: 'rule' },
  ];
  if (r.documentsToBring.length) {
    blocks.push({ kind: 'text', text: 'Giấy tờ cần bổ sung khi đến nhận:', style: 'body', align: 'left' });
    blocks.push({ kind: 'list', items: r.documentsToBring, numbered: false, style: 'body' });
  }
  blocks.push({ kind: 'field', label: 'Lệ phí', value: formatFeeVi(r.fee), style: 'body' });
  if (r.delivery) blocks.push({ kind: 'field', label: 'Nhận kết quả', value: r.delivery, style: 'body' });
  if (r.expectedResultDate) blocks.push({ kind: 'field', label: 'Ngày hẹn trả kết quả', value: formatDateVi(r.expectedResultDate), style: 'body' });
  if (r.nextSteps.length) {
    blocks.push({ kind: 'gap', dots: 6 }, { kind: 'text', text: 'Các bước tiếp theo:', style: 'body', align: 'left' });
    blocks.push({ kind: 'list', items: r.nextSteps, numbered: true, style: 'body' });
  }
  if (r.payment) {
    const p = r.payment;
    blocks.push(
      { kind: 'rule' },
      { kind: 'text', text: 'NỘP LỆ PHÍ BẰNG MÃ QR', style: 'heading', align: 'center' },
      { kind: 'text', text: `Số tiền: ${formatFeeVi(p.amountVnd)}`, style: 'heading', align: 'center' },
      { kind: 'text', text: 'Mở ứng dụng ngân hàng, chọn “Quét mã QR”:', style: 'body', align: 'center' },
      { kind: 'qr', payload: p.qrPayload, large: true },
    );
    if (p.payeeName) blocks.push({ kind: 'field', label: 'Người nhận', value: p.payeeName, style: 'body' });
    blocks.push(
      { kind: 'field', label: 'Nội dung', value: p.purpose, style: 'body' },
      { kind: 'text', text: 'Kiosk không thu tiền. Việc đã nộp do cơ quan giải quyết xác nhận; xem ở mục “Tra cứu hồ sơ”.', style: 'small', align: 'left' },
    );
  }
  blocks.push(
    { kind: 'rule' },
    { kind: 'text', text: `Đường dây nóng: ${r.ward.hotline.replace(/ /g, '\u00a0')}`, style: 'heading', align: 'center' },
    { kind: 'text', text: 'Giữ phiếu này để nhận kết quả.', style: 'small', align: 'center' },
  );
  return blocks;
}

/** The `receipt` command and test prints: each UTF-8 line of a file as body text. */
export function plainTextBlocks(lines: string[]): Block[] {
  return lines.map((text) => ({ kind: 'text', text, style: 'body', align: 'left' }) as Block);
}

// ---------------------------------------------------------------------------------------------
// Blocks → lines

export function layout(blocks: Block[], max: number, m: Measurer): Line[] {
  const out: Line[] = [];
  const push = (text: string, style: TextStyle, align: Align, x: number) => out.push({ kind: 'text', text, style, align, x });
  for (const b of blocks) {
    switch (b.kind) {
      case 'text':
        for (const l of wrapText(b.text, max, (s) => m.width(s, b.style))) push(l, b.style, b.align, 0);
        break;
      case 'field': {
        const label = `${b.label.normalize('NFC')}: `;
        const whole = `${label}${b.value.normalize('NFC')}`;
        const lw = m.width(label, b.style);
        if (lw > max / 2) {
          for (const l of wrapText(whole, max, (s) => m.width(s, b.style))) push(l, b.style, 'left', 0);
          break;
        }
        // first line shares the row with the label; continuation lines hang under the value
        const first = wrapText(b.value, max - lw, (s) => m.width(s, b.style));
        push(label + (first[0] ?? ''), b.style, 'left', 0);
        for (const l of first.slice(1)) push(l, b.style, 'left', lw);
        break;
      }
      case 'list':
        b.items.forEach((item, i) => {
          const bullet = b.numbered ? `${i + 1}. ` : '• ';
          const indent = m.width(b.numbered ? `${b.items.length}. ` : bullet, b.style);
          const lines = wrapText(item, max - indent, (s) => m.width(s, b.style));
          lines.forEach((l, j) => push(j === 0 ? bullet + l : l, b.style, 'left', j === 0 ? 0 : indent));
        });
        break;
      default:
        out.push(b);
    }
  }
  return out;
}
