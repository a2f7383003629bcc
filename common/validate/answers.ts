/**
 * Validation of a resident's answers — one implementation used by the
 * renderer (inline messages) and by the kiosk services (the boundary).
 * Layer: common. Messages are plain, polite Vietnamese first.
 */
import type { FormItem, Question } from '../../kiosk-config/catalogue.schema.ts';
import { PROVINCE_CODES } from '../idcard/check.ts';
import { AddressAnswer, AnswerKey, isGroup, type AnswerValue, type ScalarAnswer } from '../contract/answers.ts';
import { compareDates, parseVnDate, vnToday } from '../forms/dates.ts';
import { ETHNICITIES, NATIONALITIES, RELATIONSHIPS, SEXES, YES_NO } from '../forms/lists.ts';
import { conditionHolds, groupInstances, itemVisible, type FormLike } from '../forms/visibility.ts';

export interface Message {
  vi: string;
  en: string;
}

/** Province/city codes that open a 12-digit personal ID number — one list, kept with the ID card code. */
export { PROVINCE_CODES };

export type { ParsedDate } from '../forms/dates.ts';
export { parseVnDate, vnToday } from '../forms/dates.ts';

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
/** An answer of the wrong shape (the form engine's and the services' `form.saveAnswer` text, in one place). */
export const WRONG_SHAPE: Message = { vi: 'Câu trả lời không đúng dạng.', en: 'The answer is not in the right form.' };
const CHOOSE: Message = { vi: 'Xin chọn một trong các lựa chọn.', en: 'Please choose one of the options.' };
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const BAD_CHARS: Message = { vi: 'Câu trả lời có ký tự không hợp lệ.', en: 'The answer has characters that are not allowed.' };

/** Default bounds of a `copies` question (số bản sao). */
export const COPIES_DEFAULT = { min: 0, max: 10 } as const;

/** The options a question's answer must be one of (built-in lists for the list types), or null for free answers. */
export function optionsOf(q: Pick<Question, 'type' | 'options'>): readonly { value: string; label: { vi: string; en: string } }[] | null {
  switch (q.type) {
    case 'choice':
    case 'select':
      return q.options ?? [];
    case 'relationship':
      return q.options ?? RELATIONSHIPS;
    case 'ethnicity':
      return ETHNICITIES;
    case 'nationality':
      return NATIONALITIES;
    case 'sex':
      return SEXES;
    case 'yesNo':
      return YES_NO;
    default:
      return null;
  }
}

function checkAddress(q: Question, raw: unknown): Message | null {
  const parsed = AddressAnswer.safeParse(raw);
  if (!parsed.success) return WRONG_SHAPE;
  const a = parsed.data;
  const text = a.text.trim();
  if (text === '') return q.required ? REQUIRED : null;
  const max = q.maxLength ?? 400;
  if (text.length > max) return { vi: `Địa chỉ dài quá ${max} ký tự. Xin viết ngắn lại.`, en: `The address is longer than ${max} characters. Please shorten it.` };
  if (CONTROL.test(text) || CONTROL.test(a.line)) return BAD_CHARS;
  if (text.length < 5) return { vi: 'Địa chỉ quá ngắn. Xin ghi rõ số nhà, đường hoặc thôn, xã/phường, tỉnh/thành phố.', en: 'The address is too short. Please give the house number, street or hamlet, ward and province.' };
  return null;
}

/** The problem with one answer, or null when it is fine. An empty optional answer is fine. */
export function validateAnswer(q: Question, raw: ScalarAnswer | AnswerValue | undefined, now = new Date()): Message | null {
  if (q.type === 'address') {
    if (raw === undefined || raw === '') return q.required ? REQUIRED : null;
    return checkAddress(q, raw);
  }
  if (raw !== undefined && typeof raw !== 'string') return WRONG_SHAPE;
  const value = (raw ?? '').trim();
  if (value === '') return q.required ? REQUIRED : null;
  const max = q.maxLength ?? (q.type === 'longText' ? 1000 : 200);
  if (value.length > max) return { vi: `Câu trả lời dài quá ${max} ký tự. Xin viết ngắn lại.`, en: `The answer is longer than ${max} characters. Please shorten it.` };
  switch (q.type) {
    case 'text':
    case 'longText':
      if (CONTROL.test(value)) return BAD_CHARS;
      return null;
    case 'date':
      return checkDate(value, q.when ?? 'any', now);
    case 'idNumber':
      return checkIdNumber(value, now);
    case 'phone':
      return checkPhone(value);
    case 'number': {
      if (!/^\d{1,9}$/.test(value)) return { vi: 'Xin chỉ nhập chữ số.', en: 'Please enter digits only.' };
      const n = Number(value);
      if (q.min !== undefined && n < q.min) return { vi: `Số nhỏ nhất là ${q.min}.`, en: `The smallest number is ${q.min}.` };
      if (q.max !== undefined && n > q.max) return { vi: `Số lớn nhất là ${q.max}.`, en: `The largest number is ${q.max}.` };
      return null;
    }
    case 'copies': {
      const min = q.min ?? COPIES_DEFAULT.min;
      const cap = q.max ?? COPIES_DEFAULT.max;
      if (!/^\d{1,3}$/.test(value)) return { vi: 'Xin chọn số bản.', en: 'Please choose the number of copies.' };
      const n = Number(value);
      if (n < min || n > cap) return { vi: `Số bản phải từ ${min} đến ${cap}.`, en: `The number of copies must be from ${min} to ${cap}.` };
      return null;
    }
    case 'yesNo':
      return value === 'yes' || value === 'no' ? null : { vi: 'Xin chọn Có hoặc Không.', en: 'Please choose Yes or No.' };
    case 'sex':
      return value === 'Nam' || value === 'Nữ' ? null : { vi: 'Xin chọn Nam hoặc Nữ.', en: 'Please choose Male or Female.' };
    case 'choice':
    case 'select':
    case 'relationship':
    case 'ethnicity':
    case 'nationality':
      return optionsOf(q)!.some((o) => o.value === value) ? null : CHOOSE;
  }
}

export interface AnswerProblem {
  /** Where: a question id, or `group.index.question` inside a repeating group (index from 0), or the group's id for its count. */
  questionId: string;
  message: Message;
}

const NOT_IN_FORM: Message = { vi: 'Câu trả lời không thuộc biểu mẫu này.', en: 'This answer does not belong to the form.' };

/**
 * Check a whole form: every question that is asked given the answers (conditions, sections), the
 * instances of each repeating group (their count and each of their answers), and no answers to
 * questions the form does not have. Answers to questions not asked now (a condition turned false)
 * are not checked; `pruneAnswers` (common/forms/engine.ts) drops them before anything is sent.
 */
export function validateAnswers(form: FormLike | readonly FormItem[], answers: Readonly<Record<string, AnswerValue>>, now = new Date()): AnswerProblem[] {
  const f: FormLike = Array.isArray(form) ? { questions: form as readonly FormItem[] } : (form as FormLike);
  const problems: AnswerProblem[] = [];
  const ids = new Set(f.questions.map((q) => q.id));
  for (const key of Object.keys(answers)) if (!ids.has(key)) problems.push({ questionId: key, message: NOT_IN_FORM });
  for (const item of f.questions) {
    if (!itemVisible(f, item, answers, now)) continue;
    if (item.type !== 'group') {
      const m = validateAnswer(item, answers[item.id], now);
      if (m) problems.push({ questionId: item.id, message: m });
      continue;
    }
    const v = answers[item.id];
    if (v !== undefined && !isGroup(v)) {
      problems.push({ questionId: item.id, message: WRONG_SHAPE });
      continue;
    }
    const saved = v ?? [];
    if (saved.length < item.min) problems.push({ questionId: item.id, message: { vi: `Xin khai ít nhất ${item.min} ${item.itemLabel.vi.toLowerCase()}.`, en: `Please add at least ${item.min} ${item.itemLabel.en.toLowerCase()}.` } });
    if (saved.length > item.max) problems.push({ questionId: item.id, message: { vi: `Chỉ khai được tối đa ${item.max} ${item.itemLabel.vi.toLowerCase()}.`, en: `At most ${item.max} ${item.itemLabel.en.toLowerCase()} can be added.` } });
    const own = new Set(item.questions.map((q) => q.id));
    groupInstances(item, answers).forEach((inst, i) => {
      for (const key of Object.keys(inst)) if (!own.has(key) || !AnswerKey.safeParse(key).success) problems.push({ questionId: `${item.id}.${i}.${key}`, message: NOT_IN_FORM });
      for (const q of item.questions) {
        if (q.showIf && !conditionHolds(q.showIf, answers, inst, now)) continue;
        const m = validateAnswer(q, inst[q.id], now);
        if (m) problems.push({ questionId: `${item.id}.${i}.${q.id}`, message: m });
      }
    });
  }
  return problems;
}
