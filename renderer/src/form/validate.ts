/**
 * The guided form's answers: checked by the one shared validator
 * (common/validate/answers.ts — the same rules the services apply at the
 * boundary), plus what only the UI needs: the value as it is saved (dates
 * `dd/mm/yyyy`, ID and phone numbers as digits, text NFC) and the keypad's
 * date formatting. Layer: renderer, pure (no DOM, no React).
 */
import { validateAnswer as checkAnswer, parseVnDate, type Message } from '../../../common/validate/answers.ts';
import type { Question } from '../../../kiosk-config/catalogue.schema.ts';

/** A problem with an answer: plain text in both languages, from the shared validator. */
export type Problem = Message;

export type Result = { ok: true; value: string } | { ok: false; problem: Problem };

/** The part of a catalogue question the form needs. */
export type QuestionLike = Pick<Question, 'id' | 'type' | 'required' | 'options' | 'maxLength' | 'when' | 'autofill'>;

export const YES = 'yes';
export const NO = 'no';
export const DEFAULT_MAX = { text: 200, longText: 1000 } as const;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * The value as it is saved, for an answer the shared validator accepted:
 * 5/9/1958 → 05/09/1958, "079 090 012 345" → 079090012345, +84912… → 0912…
 */
export function normalizeAnswer(q: Pick<QuestionLike, 'type'>, raw: string): string {
  const value = raw.trim();
  switch (q.type) {
    case 'date': {
      const d = parseVnDate(value);
      return d ? `${pad(d.day, 2)}/${pad(d.month, 2)}/${pad(d.year, 4)}` : value;
    }
    case 'idNumber':
      return value.replace(/[\s.()-]/g, '');
    case 'phone':
      return value.replace(/[\s.()-]/g, '').replace(/^\+84/, '0');
    case 'text':
    case 'longText':
      return value.normalize('NFC');
    default:
      return value;
  }
}

/** Validate one answer against its question. `now` is injected so tests are deterministic. */
export function validateAnswer(q: QuestionLike, raw: string, now: Date = new Date()): Result {
  const problem = checkAnswer(q as Question, raw, now);
  if (problem) return { ok: false, problem };
  return { ok: true, value: raw.trim() === '' ? '' : normalizeAnswer(q, raw) };
}

/** All answers of a form: the problem of each question, by question id. */
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
