/**
 * The national vocabulary of a dossier's state (DVCQG `TrangThaiHoSo`, codes 1–10),
 * the official dossier number (Thông tư 01/2018/TT-VPCP, Điều 19) and the mapping
 * from OpenCPS's own statuses to the national codes (OpenCPS keeps such a table,
 * `DossierStatusMapping`). This is what the kiosk, the receipt and the consoles
 * show; every province system is mapped onto it.
 * See /docs/province.md and the reference `portal-integration.md` §5, §6.
 * Layer: common — zod only.
 */
import { z } from 'zod';

export const NATIONAL_CODES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
export type NationalCode = (typeof NATIONAL_CODES)[number];
export const NationalCode = z.number().int().min(1).max(10) as unknown as z.ZodType<NationalCode>;

/** Codes after which nothing moves any more: refused at intake, processing stopped, result handed over. */
export const FINAL_CODES: readonly NationalCode[] = [3, 8, 10];
export const isFinalCode = (c: number): boolean => (FINAL_CODES as readonly number[]).includes(c);

export interface NationalStatusText {
  /** The official label (DVCQG). */
  vi: string;
  en: string;
  /** What it means for the resident, in plain Vietnamese (the kiosk's track screen). */
  explainVi: string;
  explainEn: string;
}

export const NATIONAL_STATUS: Record<NationalCode, NationalStatusText> = {
  1: {
    vi: 'Mới đăng ký',
    en: 'Newly registered',
    explainVi: 'Hồ sơ đã được gửi đến bộ phận một cửa và đang chờ cán bộ tiếp nhận.',
    explainEn: 'Your application has reached the one-stop desk and is waiting to be received.',
  },
  2: {
    vi: 'Được tiếp nhận',
    en: 'Received',
    explainVi: 'Cán bộ một cửa đã tiếp nhận hồ sơ và cấp số hồ sơ chính thức.',
    explainEn: 'The one-stop desk has received your application and given it an official number.',
  },
  3: {
    vi: 'Không được tiếp nhận',
    en: 'Not received',
    explainVi: 'Hồ sơ không được tiếp nhận. Xin xem lý do bên dưới hoặc hỏi cán bộ phường.',
    explainEn: 'The application was not received. See the reason below or ask the ward staff.',
  },
  4: {
    vi: 'Đang xử lý',
    en: 'Being processed',
    explainVi: 'Cơ quan có thẩm quyền đang giải quyết hồ sơ. Ông/bà chưa cần làm gì thêm.',
    explainEn: 'The competent agency is processing your application. Nothing is needed from you yet.',
  },
  5: {
    vi: 'Yêu cầu bổ sung giấy tờ',
    en: 'More papers needed',
    explainVi: 'Hồ sơ cần bổ sung giấy tờ. Xin mang các giấy tờ ghi bên dưới đến bộ phận một cửa.',
    explainEn: 'More papers are needed. Please bring the papers listed below to the one-stop desk.',
  },
  6: {
    vi: 'Yêu cầu thực hiện nghĩa vụ tài chính',
    en: 'Fee to pay',
    explainVi: 'Hồ sơ cần nộp phí, lệ phí. Ông/bà có thể quét mã để nộp hoặc nộp tại bộ phận một cửa.',
    explainEn: 'A fee is due. You can scan the code to pay or pay at the one-stop desk.',
  },
  7: {
    vi: 'Công dân yêu cầu rút hồ sơ',
    en: 'Withdrawal requested',
    explainVi: 'Ông/bà đã yêu cầu rút hồ sơ; cơ quan đang xem xét.',
    explainEn: 'You asked to withdraw the application; the agency is considering it.',
  },
  8: {
    vi: 'Dừng xử lý',
    en: 'Processing stopped',
    explainVi: 'Cơ quan đã dừng xử lý hồ sơ này.',
    explainEn: 'The agency has stopped processing this application.',
  },
  9: {
    vi: 'Đã xử lý xong',
    en: 'Processed',
    explainVi: 'Đã có kết quả. Ông/bà có thể đến nhận kết quả (hoặc chờ bưu điện gửi đến, nếu đã chọn).',
    explainEn: 'The result is ready. You can collect it (or wait for the post, if you chose delivery).',
  },
  10: {
    vi: 'Đã trả kết quả',
    en: 'Result handed over',
    explainVi: 'Kết quả đã được trả cho ông/bà. Thủ tục đã hoàn tất.',
    explainEn: 'The result has been handed to you. The procedure is complete.',
  },
};

/**
 * A unit's identifier code (Thông tư 10/2016/TT-BTTTT, shape V1V2V3.Z1Z2.Y1Y2.MX1X2),
 * e.g. `000.00.01.H22`.
 */
export const UNIT_CODE_RE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;
export const UnitCode = z.string().regex(UNIT_CODE_RE);

/** `<unit>-YYMMDD-NNNN`: the official dossier number. */
export const DOSSIER_NO_RE = /^(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})-(\d{2})(\d{2})(\d{2})-(\d{4})$/;

/** Parses an official dossier number; null when the shape or the date is wrong or the sequence is 0000. */
export function parseDossierNo(s: string): { unit: string; date: string; seq: number } | null {
  const m = DOSSIER_NO_RE.exec(s);
  if (!m) return null;
  const [, unit, yy, mm, dd, nnnn] = m as unknown as [string, string, string, string, string, string];
  const y = 2000 + Number(yy);
  const mo = Number(mm);
  const d = Number(dd);
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (mo < 1 || mo > 12 || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  const seq = Number(nnnn);
  if (seq < 1) return null;
  return { unit, date: `${y}-${mm}-${dd}`, seq };
}

export const DossierNo = z.string().refine((s) => parseDossierNo(s) !== null, 'an official dossier number <unit>-YYMMDD-NNNN');

/** Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving). */
export const VN_OFFSET_MS = 7 * 3600_000;

/** `YYMMDD` of an instant, in Vietnam. */
export function vnDayKey(ms: number): string {
  const d = new Date(ms + VN_OFFSET_MS);
  return `${String(d.getUTCFullYear() % 100).padStart(2, '0')}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

export function formatDossierNo(unit: string, ms: number, seq: number): string {
  if (!UNIT_CODE_RE.test(unit)) throw new Error('not a unit code');
  if (!Number.isInteger(seq) || seq < 1 || seq > 9999) throw new Error('the day’s sequence is 1..9999');
  return `${unit}-${vnDayKey(ms)}-${String(seq).padStart(4, '0')}`;
}

/** OpenCPS's REST dates: `dd/MM/yyyy HH:mm:ss` in Asia/Ho_Chi_Minh. */
export function formatOpenCpsDate(ms: number): string {
  const d = new Date(ms + VN_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** The inverse of formatOpenCpsDate; null when malformed or not a real date. */
export function parseOpenCpsDate(s: string): number | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(s);
  if (!m) return null;
  const [dd, mm, yyyy, hh, mi, ss] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (mm < 1 || mm > 12 || hh > 23 || mi > 59 || ss > 59) return null;
  const ms = Date.UTC(yyyy, mm - 1, dd, hh, mi, ss);
  const back = new Date(ms);
  if (back.getUTCDate() !== dd || back.getUTCMonth() !== mm - 1) return null;
  return ms - VN_OFFSET_MS;
}

export const OpenCpsDate = z.string().refine((s) => parseOpenCpsDate(s) !== null, 'dd/MM/yyyy HH:mm:ss');

/**
 * OpenCPS's own `dossierStatus` / `dossierSubStatus` → the national code. A sub-status rule wins
 * over its status's rule (as in OpenCPS's DossierStatusMapping). Anything else is unknown and
 * refused by the adapter.
 */
export const OPENCPS_STATUS_MAP: readonly { status: string; subStatus?: string; code: NationalCode }[] = [
  { status: 'new', code: 1 },
  { status: 'receiving', code: 1 },
  { status: 'processing', subStatus: 'processing_0', code: 2 },
  { status: 'processing', code: 4 },
  { status: 'denied', code: 3 },
  { status: 'waiting', code: 5 },
  { status: 'pausing', code: 6 },
  { status: 'cancelling', code: 7 },
  { status: 'cancelled', code: 8 },
  { status: 'unresolved', code: 8 },
  { status: 'releasing', code: 9 },
  { status: 'done', code: 10 },
];

export function nationalCodeOf(status: string, subStatus: string | null | undefined): NationalCode | null {
  if (subStatus) {
    const s = OPENCPS_STATUS_MAP.find((r) => r.status === status && r.subStatus === subStatus);
    if (s) return s.code;
  }
  return OPENCPS_STATUS_MAP.find((r) => r.status === status && r.subStatus === undefined)?.code ?? null;
}

/** The status (and sub-status) a simulated OpenCPS shows for a national code. */
export function openCpsStatusOf(code: NationalCode): { status: string; subStatus: string } {
  if (code === 2) return { status: 'processing', subStatus: 'processing_0' };
  // 1: OpenCPS keeps `new` through submission (submitting does not move the status)
  const r = OPENCPS_STATUS_MAP.find((x) => x.code === code && x.subStatus === undefined && x.status !== 'receiving' && x.status !== 'unresolved')!;
  return { status: r.status, subStatus: r.status === 'processing' ? 'processing_1' : '' };
}

/**
 * The workflow actions of the simulated province's process (OpenCPS configures action codes per
 * process; these are the defaults the hub adapter uses, overridable in hub.json).
 * `from` → `to` over the national codes (reference §10.5).
 */
export const PROVINCE_ACTIONS = {
  receive: { code: '1100', from: [1], to: 2, vi: 'Tiếp nhận hồ sơ' },
  refuse: { code: '1300', from: [1, 2], to: 3, vi: 'Từ chối tiếp nhận' },
  process: { code: '2000', from: [2], to: 4, vi: 'Chuyển xử lý' },
  askPapers: { code: '5100', from: [2, 4], to: 5, vi: 'Yêu cầu bổ sung giấy tờ' },
  papersReceived: { code: '5200', from: [5], to: 4, vi: 'Đã nhận giấy tờ bổ sung' },
  askFee: { code: '6100', from: [4], to: 6, vi: 'Yêu cầu nộp phí, lệ phí' },
  paid: { code: '6200', from: [6], to: 4, vi: 'Xác nhận đã nộp phí' },
  withdraw: { code: '7000', from: [1, 2, 4, 5, 6], to: 7, vi: 'Công dân rút hồ sơ' },
  stop: { code: '8000', from: [4, 7], to: 8, vi: 'Dừng xử lý' },
  finish: { code: '9000', from: [4], to: 9, vi: 'Hoàn thành xử lý' },
  handOver: { code: '9100', from: [9], to: 10, vi: 'Trả kết quả' },
} as const satisfies Record<string, { code: string; from: readonly number[]; to: NationalCode; vi: string }>;
export type ProvinceActionName = keyof typeof PROVINCE_ACTIONS;
export const actionByCode = (code: string): ProvinceActionName | null =>
  (Object.keys(PROVINCE_ACTIONS) as ProvinceActionName[]).find((k) => PROVINCE_ACTIONS[k].code === code) ?? null;
