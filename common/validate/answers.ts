/**
 * Validation of a resident's answers — one implementation used by the
 * renderer (inline messages) and by the kiosk services (the boundary).
 * Layer: common. Messages are plain, polite Vietnamese first.
 */
import type { Question } from '../../kiosk-config/catalogue.schema.ts';
import { PROVINCE_CODES } from '../idcard/check.ts';

export interface Message {
  vi: string;
  en: string;
}

/** Province/city codes that open a 12-digit personal ID number — one list, kept with the ID card code. */
export { PROVINCE_CODES };

export interface ParsedDate {
  day: number;
  month: number;
  year: number;
}

/** dd/mm/yyyy (also d/m/yyyy, with - or .) → a real calendar date, or null. */
export function parseVnDate(text: string): ParsedDate | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return null;
  const day = Number(m[1]);
  const month = Number(m[2]);
  const year = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  const dim = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  if (day > dim) return null;
  return { day, month, year };
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function compareDates(a: ParsedDate, b: ParsedDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** Today in Vietnam (UTC+7). */
export function vnToday(now = new Date()): ParsedDate {
  const v = new Date(now.getTime() + 7 * 3600 * 1000);
  return { day: v.getUTCDate(), month: v.getUTCMonth() + 1, year: v.getUTCFullYear() };
}

export function digitsOnly(text: string): string {
  return text.replace(/[\s.()-]/g, '');
}

/** Structure of a 12-digit personal ID number: digits, province code, century/sex digit. */
export function checkIdNumber(text: string, now = new Date()): Message | null {
  const v = digitsOnly(text);
  if (!/^\d+$/.test(v)) return { vi: 'Số định danh chỉ gồm chữ số.', en: 'The ID number has digits only.' };
  if (v.length !== 12) return { vi: `Số định danh cá nhân phải có đủ 12 chữ số (ông/bà đã nhập ${v.length} chữ số).`, en: `The personal ID number has 12 digits (you entered ${v.length}).` };
  if (!PROVINCE_CODES.has(v.slice(0, 3))) return { vi: 'Ba chữ số đầu không phải mã tỉnh, thành phố. Xin kiểm tra lại trên thẻ căn cước.', en: 'The first three digits are not a province code. Please check your ID card.' };
  if (Number(v[3]) > 5) return { vi: 'Chữ số thứ tư (mã thế kỷ và giới tính) không đúng. Xin kiểm tra lại trên thẻ.', en: 'The fourth digit (century and sex) is not valid. Please check your card.' };
  // Digits 4–6: century and sex, then the last two digits of the birth year — which cannot be in the future.
  const birthYear = 1900 + Math.floor(Number(v[3]) / 2) * 100 + Number(v.slice(4, 6));
  if (birthYear > vnToday(now).year) return { vi: 'Chữ số thứ tư đến thứ sáu (năm sinh) chưa đúng: năm sinh này chưa tới. Xin kiểm tra lại trên thẻ.', en: 'Digits four to six (the birth year) are not valid: that year has not come yet. Please check your card.' };
  return null;
}

export function checkPhone(text: string): Message | null {
  // +84 / 84 (the country code) stands for the leading 0.
  const v = digitsOnly(text.trim().replace(/^\+84/, '0')).replace(/^84(?=[35789]\d{8}$|2\d{9}$)/, '0');
  if (!/^\d+$/.test(v)) return { vi: 'Số điện thoại chỉ gồm chữ số.', en: 'A phone number has digits only.' };
  if (/^0[35789]\d{8}$/.test(v) || /^02\d{9}$/.test(v)) return null;
  return { vi: 'Số điện thoại chưa đúng. Số di động có 10 chữ số, bắt đầu bằng 0 (ví dụ 0912 345 678).', en: 'The phone number is not valid. A mobile number has 10 digits starting with 0 (e.g. 0912 345 678).' };
}

export function checkDate(text: string, when: 'past' | 'future' | 'any', now = new Date()): Message | null {
  const d = parseVnDate(text);
  if (!d) return { vi: 'Ngày chưa đúng. Xin nhập theo dạng ngày/tháng/năm, ví dụ 05/09/1958.', en: 'The date is not valid. Please enter it as day/month/year, e.g. 05/09/1958.' };
  if (d.year < 1900) return { vi: 'Năm phải từ 1900 trở về sau.', en: 'The year must be 1900 or later.' };
  const today = vnToday(now);
  if (when === 'past' && compareDates(d, today) > 0) return { vi: 'Ngày này chưa tới. Xin kiểm tra lại ngày, tháng, năm.', en: 'This date is in the future. Please check the day, month and year.' };
  if (when === 'future' && compareDates(d, today) < 0) return { vi: 'Ngày này đã qua. Xin chọn một ngày từ hôm nay trở đi.', en: 'This date has passed. Please choose today or a later date.' };
  if (d.year > today.year + 50) return { vi: 'Năm chưa đúng. Xin kiểm tra lại.', en: 'The year is not valid. Please check it.' };
  return null;
}

const REQUIRED: Message = { vi: 'Xin vui lòng trả lời câu hỏi này.', en: 'Please answer this question.' };

/** The problem with one answer, or null when it is fine. An empty optional answer is fine. */
export function validateAnswer(q: Question, raw: string | undefined, now = new Date()): Message | null {
  const value = (raw ?? '').trim();
  if (value === '') return q.required ? REQUIRED : null;
  const max = q.maxLength ?? (q.type === 'longText' ? 1000 : 200);
  if (value.length > max) return { vi: `Câu trả lời dài quá ${max} ký tự. Xin viết ngắn lại.`, en: `The answer is longer than ${max} characters. Please shorten it.` };
  switch (q.type) {
    case 'text':
    case 'longText':
      // eslint-disable-next-line no-control-regex
      if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value)) return { vi: 'Câu trả lời có ký tự không hợp lệ.', en: 'The answer has characters that are not allowed.' };
      return null;
    case 'date':
      return checkDate(value, q.when ?? 'any', now);
    case 'idNumber':
      return checkIdNumber(value, now);
    case 'phone':
      return checkPhone(value);
    case 'number':
      return /^\d{1,9}$/.test(value) ? null : { vi: 'Xin chỉ nhập chữ số.', en: 'Please enter digits only.' };
    case 'choice':
      return q.options?.some((o) => o.value === value) ? null : { vi: 'Xin chọn một trong các lựa chọn.', en: 'Please choose one of the options.' };
    case 'yesNo':
      return value === 'yes' || value === 'no' ? null : { vi: 'Xin chọn Có hoặc Không.', en: 'Please choose Yes or No.' };
  }
}

export interface AnswerProblem {
  questionId: string;
  message: Message;
}

/** Check a whole form: every question, and no answers to questions that are not asked. */
export function validateAnswers(questions: readonly Question[], answers: Record<string, string>, now = new Date()): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const ids = new Set(questions.map((q) => q.id));
  for (const key of Object.keys(answers)) {
    if (!ids.has(key)) problems.push({ questionId: key, message: { vi: 'Câu trả lời không thuộc biểu mẫu này.', en: 'This answer does not belong to the form.' } });
  }
  for (const q of questions) {
    const m = validateAnswer(q, answers[q.id], now);
    if (m) problems.push({ questionId: q.id, message: m });
  }
  return problems;
}
