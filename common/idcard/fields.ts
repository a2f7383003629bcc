/**
 * The fields read from a Vietnamese citizen ID card (CCCD 2021 / Căn cước 2024), the sources they
 * come from, and the typed errors of the card readers. Pure: runs anywhere.
 */

export type Sex = 'Nam' | 'Nữ';

/** Everything a reader may return. Dates are ISO `YYYY-MM-DD`. A field it cannot read is absent. */
export interface IdCardFields {
  /** 12-digit personal identification number. */
  idNumber?: string;
  /** Old 9-digit (or 12-digit) CMND number, when the QR carries one. */
  oldIdNumber?: string;
  /** Full name with diacritics (NFC). */
  fullName?: string;
  /** Upper-case name without diacritics, from the MRZ only (`NGUYEN VAN AN`). */
  fullNameAscii?: string;
  dateOfBirth?: string;
  sex?: Sex;
  nationality?: string;
  placeOfOrigin?: string;
  placeOfResidence?: string;
  issueDate?: string;
  dateOfExpiry?: string;
}

export type FieldName = keyof IdCardFields;

export const FIELD_NAMES: readonly FieldName[] = [
  'idNumber',
  'oldIdNumber',
  'fullName',
  'fullNameAscii',
  'dateOfBirth',
  'sex',
  'nationality',
  'placeOfOrigin',
  'placeOfResidence',
  'issueDate',
  'dateOfExpiry',
] as const;

/** Vietnamese labels, used in error messages and the confirmation screen. */
export const FIELD_LABELS_VI: Record<FieldName, string> = {
  idNumber: 'số định danh cá nhân',
  oldIdNumber: 'số CMND cũ',
  fullName: 'họ và tên',
  fullNameAscii: 'họ và tên (không dấu)',
  dateOfBirth: 'ngày sinh',
  sex: 'giới tính',
  nationality: 'quốc tịch',
  placeOfOrigin: 'quê quán',
  placeOfResidence: 'nơi thường trú',
  issueDate: 'ngày cấp',
  dateOfExpiry: 'ngày hết hạn',
};

/**
 * Where a field's value came from. `ocr-id-digit`: the sex given by the ID number's century+sex digit
 * (the ID read by OCR) when no printed "Nam"/"Nữ" was legible — not read from the printed word
 * (common/idcard/sex.ts).
 */
export const SOURCES = ['qr', 'mrz', 'ocr', 'ocr-id-digit'] as const;
export type Source = (typeof SOURCES)[number];

/** One source's reading of one field, with its confidence 0..1. */
export interface Candidate {
  field: FieldName;
  value: string;
  source: Source;
  confidence: number;
}

export type IdCardErrorCode =
  | 'not_id_qr'
  | 'truncated'
  | 'check_digit'
  | 'mrz_format'
  | 'no_card'
  | 'not_image'
  | 'too_large'
  | 'timeout'
  | 'garbage'
  | 'oversize'
  | 'unavailable'
  | 'damaged'
  | 'two_cards'
  | 'too_small';

/**
 * Each reader error's text, Vietnamese and English, in one place: the readers' errors (IdCardError)
 * and the resident's screen (`idcard.error`, through idcardErrorText) both take it from here.
 */
export const IDCARD_ERROR_TEXT: Record<IdCardErrorCode, { vi: string; en: string }> = {
  not_id_qr: { vi: 'không phải mã QR của thẻ căn cước', en: 'this QR code is not an ID card' },
  truncated: { vi: 'dữ liệu bị cắt cụt', en: 'the data was cut off' },
  check_digit: { vi: 'sai số kiểm tra', en: 'a check digit is wrong' },
  mrz_format: { vi: 'không đọc được vùng MRZ', en: 'the MRZ could not be read' },
  no_card: { vi: 'không tìm thấy thẻ', en: 'no card found' },
  not_image: { vi: 'tệp không phải là ảnh', en: 'the file is not an image' },
  too_large: { vi: 'ảnh quá lớn', en: 'the image is too large' },
  timeout: { vi: 'quá thời gian xử lý', en: 'reading took too long' },
  garbage: { vi: 'dữ liệu không đọc được', en: 'the data could not be read' },
  oversize: { vi: 'dữ liệu quá dài', en: 'the data is too long' },
  unavailable: { vi: 'bộ đọc chưa sẵn sàng', en: 'the reader is not ready' },
  damaged: { vi: 'tệp ảnh bị hỏng hoặc không đầy đủ', en: 'the image file is damaged or incomplete' },
  two_cards: { vi: 'có hai thẻ trong ảnh, xin đặt từng thẻ một', en: 'two cards are in the photo; please show one card at a time' },
  too_small: { vi: 'ảnh quá nhỏ hoặc quá mờ, xin chụp lại gần hơn', en: 'the picture is too small or too blurred; please take it again from closer' },
};

export const ERROR_MESSAGES_VI = Object.fromEntries(Object.entries(IDCARD_ERROR_TEXT).map(([code, t]) => [code, t.vi])) as Record<IdCardErrorCode, string>;

/** What the resident reads when the card could not be read (the `idcard.error` event). */
export function idcardErrorText(code: IdCardErrorCode): { vi: string; en: string } {
  return { vi: `Không đọc được thẻ: ${IDCARD_ERROR_TEXT[code].vi}.`, en: `The card could not be read: ${IDCARD_ERROR_TEXT[code].en}.` };
}

/** A reader's failure: `message` is Vietnamese, shown to the resident as is; `field` names the culprit. */
export class IdCardError extends Error {
  readonly code: IdCardErrorCode;
  readonly field: FieldName | string | undefined;
  constructor(code: IdCardErrorCode, detail?: string, field?: FieldName | string) {
    super(detail ? `${ERROR_MESSAGES_VI[code]}: ${detail}` : ERROR_MESSAGES_VI[code]);
    this.name = 'IdCardError';
    this.code = code;
    this.field = field;
  }
}

// ---------------------------------------------------------------- dates

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** ISO date from parts, or undefined when the date does not exist (31/02, month 13 …). */
export function isoDate(year: number, month: number, day: number): string | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return undefined;
  if (year < 1850 || year > 2200 || month < 1 || month > 12 || day < 1) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** `ddmmyyyy` (QR) → ISO, or undefined. */
export function fromDdmmyyyy(s: string): string | undefined {
  if (!/^\d{8}$/.test(s)) return undefined;
  return isoDate(Number(s.slice(4, 8)), Number(s.slice(2, 4)), Number(s.slice(0, 2)));
}

/** `dd/mm/yyyy` or `dd-mm-yyyy` or `dd.mm.yyyy` (printed) → ISO, or undefined. */
export function fromPrintedDate(s: string): string | undefined {
  const m = /(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/.exec(s);
  if (!m) return undefined;
  return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
}

/** `YYMMDD` (MRZ) with a known century → ISO, or undefined. */
export function fromYymmdd(s: string, century: number): string | undefined {
  if (!/^\d{6}$/.test(s)) return undefined;
  return isoDate(century + Number(s.slice(0, 2)), Number(s.slice(2, 4)), Number(s.slice(4, 6)));
}

/** Today as ISO (UTC+7, the kiosk's zone), overridable in tests. */
export function todayIso(now: Date = new Date()): string {
  const t = new Date(now.getTime() + 7 * 3600_000);
  return `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

// ---------------------------------------------------------------- text

/** Strip Vietnamese diacritics (đ → d) and upper-case: the MRZ spelling of a name. */
export function toAsciiUpper(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Collapse whitespace and normalise to NFC. */
export function cleanText(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}
