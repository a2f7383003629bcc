/**
 * Validators of the guided form's answers. Layer: renderer, pure functions
 * (no DOM, no React) so they can move to common/ and be shared with the services.
 *
 * Each validator returns `null` when the answer is fine, or a problem: an i18n
 * key (plain Vietnamese/English text lives in i18n/strings.ts) with params.
 * Values are normalised the way they are saved: dates `dd/mm/yyyy`, ID and
 * phone numbers digits only.
 */
import { PROVINCE_CODES, vnToday } from '../../../common/validate/answers.ts';
import type { StringKey } from '../i18n/strings.ts';

export interface Problem {
  key: StringKey;
  params?: Record<string, string | number>;
}

export type Result = { ok: true; value: string } | { ok: false; problem: Problem };

/** The part of a catalogue question the validators need. */
export interface QuestionLike {
  id: string;
  type: 'text' | 'longText' | 'date' | 'idNumber' | 'phone' | 'number' | 'choice' | 'yesNo';
  required: boolean;
  options?: { value: string }[] | undefined;
  maxLength?: number | undefined;
  autofill?: string | undefined;
  /** Whether a date must be in the past, the future, or either (catalogue field). */
  when?: 'past' | 'future' | 'any' | undefined;
}

export const YES = 'yes';
export const NO = 'no';
export const DEFAULT_MAX = { text: 200, longText: 1000 } as const;

const ok = (value: string): Result => ({ ok: true, value });
const bad = (key: StringKey, params?: Problem['params']): Result => ({ ok: false, problem: params ? { key, params } : { key } });

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

export interface DateParts {
  day: number;
  month: number;
  year: number;
}

/** Read `d/m/yyyy` (separators / . - or spaces, 1–2 digit day and month). */
export function parseDate(input: string): DateParts | null {
  const m = /^\s*(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{4})\s*$/.exec(input);
  if (!m) return null;
  return { day: Number(m[1]), month: Number(m[2]), year: Number(m[3]) };
}

export function isRealDate({ day, month, year }: DateParts): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function formatDate({ day, month, year }: DateParts): string {
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${String(year).padStart(4, '0')}`;
}

function compareDates(a: DateParts, b: DateParts): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** Today in Vietnam (UTC+7), the same day the services use. */
export function todayParts(now: Date): DateParts {
  return vnToday(now);
}

export interface DateRules {
  /** A date of birth (or another date that cannot be in the future). */
  notFuture?: boolean;
  /** A date that cannot be before today (e.g. "stay until"). */
  notPast?: boolean;
  today: DateParts;
}

export function validateDate(input: string, rules: DateRules): Result {
  const parts = parseDate(input);
  if (!parts) return bad('vDateFormat');
  if (!isRealDate(parts)) return bad('vDateNotReal');
  if (parts.year < 1900) return bad('vDateTooOld');
  if (rules.notFuture && compareDates(parts, rules.today) > 0) return bad('vDateFuture');
  if (rules.notPast && compareDates(parts, rules.today) < 0) return bad('vDatePast');
  if (parts.year > rules.today.year + 50) return bad('vDateYear');
  return ok(formatDate(parts));
}

/** A question whose date can never be in the future: `when: 'past'`, or a birth/death date. */
export function isPastOnlyDate(q: Pick<QuestionLike, 'id' | 'autofill' | 'when'>): boolean {
  if (q.when === 'past') return true;
  if (q.when === 'future') return false;
  return q.autofill === 'dateOfBirth' || /birth|dob|ngaySinh|ngay_sinh|death|khaiTu|ngayMat/i.test(q.id);
}

/** Strip spaces, dots and dashes residents (or keypads) put into numbers. */
export function digitsOnly(input: string): string {
  return input.replace(/[\s.-]/g, '');
}

/**
 * 12-digit personal ID number (số định danh cá nhân):
 * PPP province code (001–096) · G century and sex · YY birth year · 6 digits.
 * `today` rejects numbers whose birth year is in the future.
 */
export function validateIdNumber(input: string, today: DateParts): Result {
  const v = digitsOnly(input);
  if (!/^\d*$/.test(v)) return bad('vIdOnlyDigits');
  if (v.length !== 12) return bad('vIdDigits', { n: v.length });
  if (!PROVINCE_CODES.has(v.slice(0, 3))) return bad('vIdStructure');
  const birthYear = idBirthYear(v);
  if (birthYear === null || birthYear > today.year || birthYear < 1900) return bad('vIdStructure');
  return ok(v);
}

/** Birth year encoded in a 12-digit ID (G = century·2 + sex), or null. */
export function idBirthYear(id: string): number | null {
  if (!/^\d{12}$/.test(id)) return null;
  const g = Number(id[3]);
  const yy = Number(id.slice(4, 6));
  return 1900 + Math.floor(g / 2) * 100 + yy;
}

/** Sex encoded in a 12-digit ID: even G = male (Nam), odd = female (Nữ). */
export function idSex(id: string): 'male' | 'female' | null {
  if (!/^\d{12}$/.test(id)) return null;
  return Number(id[3]) % 2 === 0 ? 'male' : 'female';
}

/**
 * Vietnamese phone number: a mobile (10 digits, 0 then 3/5/7/8/9) or a landline
 * (11 digits, 02…). +84 is accepted and saved as 0.
 */
export function validatePhone(input: string): Result {
  let v = digitsOnly(input).replace(/[()]/g, '');
  if (v.startsWith('+84')) v = '0' + v.slice(3);
  else if (v.startsWith('84') && v.length === 11) v = '0' + v.slice(2);
  if (/^02\d{9}$/.test(v)) return ok(v);
  if (!/^0\d{9}$/.test(v)) return bad('vPhoneDigits');
  if (!/^0[35789]/.test(v)) return bad('vPhonePrefix');
  return ok(v);
}

export function validateNumber(input: string): Result {
  const v = input.trim();
  if (!/^\d+$/.test(v)) return bad('vNumber');
  return ok(v);
}

/** Validate one answer against its question. `now` is injected so tests are deterministic. */
export function validateAnswer(q: QuestionLike, raw: string, now: Date = new Date()): Result {
  const value = raw.trim();
  if (value === '') {
    if (!q.required) return ok('');
    return bad(q.type === 'choice' || q.type === 'yesNo' ? 'vRequiredChoice' : 'vRequired');
  }
  const today = todayParts(now);
  switch (q.type) {
    case 'text':
    case 'longText': {
      const max = q.maxLength ?? DEFAULT_MAX[q.type];
      if ([...value].length > max) return bad('vTooLong', { n: max });
      return ok(value.normalize('NFC'));
    }
    case 'date':
      return validateDate(value, { today, notFuture: isPastOnlyDate(q), notPast: q.when === 'future' });
    case 'idNumber':
      return validateIdNumber(value, today);
    case 'phone':
      return validatePhone(value);
    case 'number': {
      const r = validateNumber(value);
      const max = Math.min(q.maxLength ?? 9, 9);
      if (r.ok && r.value.length > max) return bad('vTooLong', { n: max });
      return r;
    }
    case 'choice':
      return q.options?.some((o) => o.value === value) ? ok(value) : bad('vChoice');
    case 'yesNo':
      return value === YES || value === NO ? ok(value) : bad('vChoice');
  }
}

/** All answers of a form: the first problem of each question, by question id. */
export function validateAll(questions: readonly QuestionLike[], answers: Readonly<Record<string, string>>, now: Date = new Date()): Record<string, Problem> {
  const problems: Record<string, Problem> = {};
  for (const q of questions) {
    const r = validateAnswer(q, answers[q.id] ?? '', now);
    if (!r.ok) problems[q.id] = r.problem;
  }
  return problems;
}

/** Keypad helper: digits typed for a date get their slashes (05091958 → 05/09/1958). */
export function formatDateDigits(digits: string): string {
  const d = digits.replace(/\D/g, '').slice(0, 8);
  if (d.length <= 2) return d;
  if (d.length <= 4) return `${d.slice(0, 2)}/${d.slice(2)}`;
  return `${d.slice(0, 2)}/${d.slice(2, 4)}/${d.slice(4)}`;
}
