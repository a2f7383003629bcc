/**
 * From an ID card reading to answers, for a named person: the requester's card
 * fills the questions whose `autofill` is a bare field (or names `requester`);
 * a card read for the mother fills the questions that name `mother`. Pure.
 * A field the card did not give stays empty — nothing is invented.
 */
import { REQUESTER, type Autofill, type AutofillSource, type FormItem, type Question } from '../../kiosk-config/catalogue.schema.ts';
import { answerText, isGroup, type AnswerValue } from '../contract/answers.ts';
import type { Person } from '../../kiosk-config/catalogue.schema.ts';
import { conditionHolds } from './visibility.ts';
import { optionsOf } from '../validate/answers.ts';
import { normalizeFormDate } from './dates.ts';

/** The card fields autofill reads (a subset of the reading's fields; dates dd/mm/yyyy, as the contract writes them). */
export type CardFields = Partial<Record<AutofillSource | 'fullNameAscii', string>>;

/** The person and the card field an autofill names. */
export function autofillTarget(a: Autofill): { person: string; field: AutofillSource } {
  return typeof a === 'string' ? { person: REQUESTER, field: a } : { person: a.person, field: a.field };
}

/** The people a form can read a card for, in the order their questions come (the requester first when asked). */
export function cardPeople(items: readonly FormItem[]): string[] {
  const out: string[] = [];
  for (const i of items) {
    if (i.type === 'group' || !i.autofill) continue;
    const p = autofillTarget(i.autofill).person;
    if (!out.includes(p)) out.push(p);
  }
  return out;
}

/** The value a card field gives a question, in the form's own format, or null. */
export function cardValue(q: Question, field: AutofillSource, f: CardFields): string | null {
  const raw = field === 'fullName' ? (f.fullName ?? f.fullNameAscii) : f[field];
  if (!raw) return null;
  if (q.type === 'date') return normalizeFormDate(raw);
  if (q.type === 'address') return null; // an address is structured: filled by addressFromCard
  const opts = optionsOf(q);
  if (opts) {
    // "Nam"/"Nữ", "Việt Nam" → the option whose value or Vietnamese label matches.
    const want = raw.normalize('NFC').toLowerCase();
    const opt = opts.find((o) => o.label.vi.normalize('NFC').toLowerCase() === want || o.value.normalize('NFC').toLowerCase() === want);
    return opt ? opt.value : null;
  }
  return raw;
}

/** Top-level answers filled from `person`'s card. */
export function autofillFor(items: readonly FormItem[], person: string, f: CardFields): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  for (const q of items) {
    if (q.type === 'group' || !q.autofill) continue;
    const t = autofillTarget(q.autofill);
    if (t.person !== person) continue;
    if (q.type === 'address') {
      const raw = f[t.field];
      if (raw) out[q.id] = { line: '', text: raw.normalize('NFC') };
      continue;
    }
    const v = cardValue(q, t.field, f);
    if (v !== null) out[q.id] = v;
  }
  return out;
}

/**
 * Reuse of the requester's answers for a person who is the requester (the mother registering her
 * child): for each person whose `isRequesterIf` holds, their questions that read a card field get the
 * answer of the requester's question reading the same field — only where they are still empty. Pure.
 */
export function reuseRequester(form: { questions: readonly FormItem[]; people?: readonly Person[] }, answers: Readonly<Record<string, AnswerValue>>, now = new Date()): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  const byField = new Map<AutofillSource, AnswerValue>();
  for (const q of form.questions) {
    if (q.type === 'group' || !q.autofill) continue;
    const t = autofillTarget(q.autofill);
    const v = answers[q.id];
    if (t.person === REQUESTER && v !== undefined && !isGroup(v) && answerText(v).trim() !== '' && !byField.has(t.field)) byField.set(t.field, v);
  }
  for (const p of form.people ?? []) {
    if (!p.isRequesterIf || !conditionHolds(p.isRequesterIf, answers, undefined, now)) continue;
    for (const q of form.questions) {
      if (q.type === 'group' || !q.autofill) continue;
      const t = autofillTarget(q.autofill);
      if (t.person !== p.id) continue;
      const have = answers[q.id];
      if (have !== undefined && !isGroup(have) && answerText(have).trim() !== '') continue;
      const v = byField.get(t.field);
      if (v === undefined) continue;
      if (q.type === 'address') out[q.id] = typeof v === 'string' ? { line: '', text: v } : v;
      else if (typeof v === 'string') out[q.id] = v;
    }
  }
  return out;
}
