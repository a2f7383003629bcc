/**
 * The QR payload of a CCCD (2021) or Căn cước (2024) card: UTF-8, fields separated by `|`:
 *   0 12-digit ID · 1 old CMND (may be empty) · 2 full name · 3 birth ddmmyyyy · 4 Nam/Nữ ·
 *   5 address · 6 issue date ddmmyyyy · (2024: 4 more fields, usually empty)
 * Field 1 is kept in place even when empty: parsers that drop it mis-index the name.
 */
import { cleanText, fromDdmmyyyy, IdCardError, type IdCardFields, type Sex } from './fields.ts';

export interface QrParseResult {
  fields: IdCardFields;
  /** Fields present in the payload but invalid: dropped, never guessed. */
  issues: { field: keyof IdCardFields; reason: string }[];
  /** 7 (2021 layout) or 11+ (2024 layout) — the raw field count. */
  fieldCount: number;
}

/** Longest payload we accept (a real one is ~150 bytes). */
export const MAX_QR_PAYLOAD = 1024;

const NAME_RE = /^[\p{L}][\p{L}\p{M} '.-]{0,78}[\p{L}\p{M}]$/u;

function parseSex(s: string): Sex | undefined {
  const t = s.normalize('NFC').trim().toLowerCase();
  if (t === 'nam') return 'Nam';
  if (t === 'nữ' || t === 'nu') return 'Nữ';
  return undefined;
}

/** True when a scanned text looks like an ID-card QR (12 digits then `|`). */
export function looksLikeCccdQr(text: string): boolean {
  return /^\s*\d{12}\|/.test(text);
}

/**
 * Parse a QR payload. Throws IdCardError `not_id_qr` for anything that is not an ID card's QR and
 * `truncated` for a card QR with fewer than 7 fields. Invalid fields other than the ID are dropped
 * and listed in `issues`.
 */
export function parseCccdQr(payload: string): QrParseResult {
  if (typeof payload !== 'string' || payload.length === 0) throw new IdCardError('not_id_qr');
  if (payload.length > MAX_QR_PAYLOAD) throw new IdCardError('not_id_qr', 'quá dài');
  // Strip a BOM and the scanner's line ending, nothing else.
  const text = payload.replace(/^\uFEFF/, '').replace(/[\r\n]+$/, '').normalize('NFC');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b-\u001f\u007f\ufffd]/.test(text)) throw new IdCardError('not_id_qr', 'ký tự lạ');
  const parts = text.split('|');
  const id = (parts[0] ?? '').trim();
  if (!/^\d{12}$/.test(id) || parts.length < 2) throw new IdCardError('not_id_qr');
  if (parts.length < 7) throw new IdCardError('truncated', `chỉ có ${parts.length}/7 trường`);

  const fields: IdCardFields = { idNumber: id };
  const issues: QrParseResult['issues'] = [];

  const old = parts[1]!.trim();
  if (old !== '') {
    if (/^\d{9}$|^\d{12}$/.test(old)) fields.oldIdNumber = old;
    else issues.push({ field: 'oldIdNumber', reason: 'không phải 9 hoặc 12 chữ số' });
  }

  const name = cleanText(parts[2]!);
  if (NAME_RE.test(name)) fields.fullName = name;
  else issues.push({ field: 'fullName', reason: 'không hợp lệ' });

  const dob = fromDdmmyyyy(parts[3]!.trim());
  if (dob) fields.dateOfBirth = dob;
  else issues.push({ field: 'dateOfBirth', reason: 'ngày không hợp lệ' });

  const sex = parseSex(parts[4]!);
  if (sex) fields.sex = sex;
  else issues.push({ field: 'sex', reason: 'không phải Nam/Nữ' });

  const addr = cleanText(parts[5]!);
  if (addr.length >= 3 && addr.length <= 300 && /\p{L}/u.test(addr)) fields.placeOfResidence = addr;
  else issues.push({ field: 'placeOfResidence', reason: 'không hợp lệ' });

  const issued = fromDdmmyyyy(parts[6]!.trim());
  if (issued) fields.issueDate = issued;
  else issues.push({ field: 'issueDate', reason: 'ngày không hợp lệ' });

  // A payload whose core is mostly invalid is not a card QR that merely lost a field.
  if (issues.filter((i) => i.field !== 'oldIdNumber').length >= 3) throw new IdCardError('not_id_qr');
  return { fields, issues, fieldCount: parts.length };
}
