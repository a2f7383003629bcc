/**
 * The form engine: from a catalogue form and the answers so far, the pages the
 * resident sees (one question per page; a repeating group's questions once per
 * instance, then the group's own page to add or remove one), the answers that
 * are sent (those of questions asked), and the check page's sections.
 * Layer: common, pure — used by the renderer, the kiosk services and the tests.
 */
import type { FormItem, Group, Question, Section } from '../../kiosk-config/catalogue.schema.ts';
import { answerText, isAddress, isGroup, type AnswerValue, type GroupInstance, type ScalarAnswer } from '../contract/answers.ts';
import { optionsOf, validateAnswers, type AnswerProblem } from '../validate/answers.ts';
import { conditionHolds, groupInstances, itemVisible, sectionVisible, type AnswerMap, type FormLike } from './visibility.ts';

export { conditionHolds, groupInstances, itemVisible, sectionVisible, type AnswerMap, type FormLike };

/** Where an answer lives: a top-level question, or a question of one instance of a group. */
export interface AnswerRef {
  questionId: string;
  group?: { id: string; index: number };
}

/** One page of the guided form. `key` is stable while the answers before it do not change what is asked. */
export type Page =
  | { kind: 'question'; key: string; question: Question; sectionId: string | undefined }
  | { kind: 'member'; key: string; question: Question; group: Group; index: number; sectionId: string | undefined }
  | { kind: 'group'; key: string; group: Group; count: number; sectionId: string | undefined };

/** The key of a page for an answer (`q:id`, `g:group:index:id`) and of a group's own page (`g:group`). */
export const pageKey = (ref: AnswerRef): string => (ref.group ? `g:${ref.group.id}:${ref.group.index}:${ref.questionId}` : `q:${ref.questionId}`);
export const groupPageKey = (groupId: string): string => `g:${groupId}`;

/** The pages asked now, in order. */
export function pages(form: FormLike, answers: AnswerMap, now = new Date()): Page[] {
  const out: Page[] = [];
  for (const item of form.questions) {
    if (!itemVisible(form, item, answers, now)) continue;
    if (item.type !== 'group') {
      out.push({ kind: 'question', key: pageKey({ questionId: item.id }), question: item, sectionId: item.section });
      continue;
    }
    const instances = groupInstances(item, answers);
    instances.forEach((inst, index) => {
      for (const q of item.questions) {
        if (q.showIf && !conditionHolds(q.showIf, answers, inst, now)) continue;
        out.push({ kind: 'member', key: pageKey({ questionId: q.id, group: { id: item.id, index } }), question: q, group: item, index, sectionId: item.section });
      }
    });
    out.push({ kind: 'group', key: groupPageKey(item.id), group: item, count: instances.length, sectionId: item.section });
  }
  return out;
}

/** The answer a page shows. */
export function answerAt(answers: AnswerMap, ref: AnswerRef): ScalarAnswer | undefined {
  if (!ref.group) {
    const v = answers[ref.questionId];
    return isGroup(v) ? undefined : v;
  }
  const v = answers[ref.group.id];
  return isGroup(v) ? v[ref.group.index]?.[ref.questionId] : undefined;
}

/** The answers with one answer set (a group instance is created when needed, padded up to `min`). Pure: returns a new object. */
export function setAnswer(form: FormLike, answers: AnswerMap, ref: AnswerRef, value: ScalarAnswer): Record<string, AnswerValue> {
  if (!ref.group) return { ...answers, [ref.questionId]: value };
  const group = form.questions.find((q): q is Group => q.id === ref.group!.id && q.type === 'group');
  if (!group || ref.group.index < 0 || ref.group.index >= group.max) return { ...answers };
  const list = groupInstances(group, answers).map((x) => ({ ...x }));
  while (list.length <= ref.group.index) list.push({});
  list[ref.group.index] = { ...list[ref.group.index], [ref.questionId]: value };
  return { ...answers, [group.id]: list };
}

/** Add an instance to a group (up to `max`): the answers and the new instance's index, or null when full. */
export function addInstance(group: Group, answers: AnswerMap): { answers: Record<string, AnswerValue>; index: number } | null {
  const list = groupInstances(group, answers);
  if (list.length >= group.max) return null;
  return { answers: { ...answers, [group.id]: [...list, {}] }, index: list.length };
}

/** Remove one instance (never below `min`); the later ones move up. */
export function removeInstance(group: Group, answers: AnswerMap, index: number): Record<string, AnswerValue> {
  const list = groupInstances(group, answers);
  if (list.length <= group.min || index < 0 || index >= list.length) return { ...answers };
  return { ...answers, [group.id]: list.filter((_, i) => i !== index) };
}

/** Only the answers of questions asked now (the father's, when the father became unknown, are dropped); empty answers dropped too. */
export function pruneAnswers(form: FormLike, answers: AnswerMap, now = new Date()): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  const filled = (v: ScalarAnswer | undefined) => v !== undefined && answerText(v).trim() !== '';
  for (const item of form.questions) {
    if (!itemVisible(form, item, answers, now)) continue;
    if (item.type !== 'group') {
      const v = answers[item.id];
      if (!isGroup(v) && filled(v)) out[item.id] = v!;
      continue;
    }
    const v = answers[item.id];
    if (!isGroup(v)) continue;
    out[item.id] = v.slice(0, item.max).map((inst) => {
      const kept: GroupInstance = {};
      for (const q of item.questions) {
        if (q.showIf && !conditionHolds(q.showIf, answers, inst, now)) continue;
        if (filled(inst[q.id])) kept[q.id] = inst[q.id]!;
      }
      return kept;
    });
  }
  return out;
}

/** Validate a whole form (see common/validate/answers.ts). */
export function validateForm(form: FormLike, answers: AnswerMap, now = new Date()): AnswerProblem[] {
  return validateAnswers(form, answers, now);
}

type Lang = 'vi' | 'en';

/** An answer as the resident and staff read it: an option's label, Có/Không, an address's text, "2 bản". */
export function displayAnswer(q: Question, value: ScalarAnswer | undefined, lang: Lang): string {
  if (value === undefined) return '';
  if (isAddress(value)) return value.text.trim();
  const v = value.trim();
  if (v === '') return '';
  if (q.type === 'copies') return lang === 'vi' ? `${v} bản` : `${v} ${v === '1' ? 'copy' : 'copies'}`;
  const opts = optionsOf(q);
  const opt = opts?.find((o) => o.value === v);
  return opt ? opt.label[lang] : v;
}

/** One row of the check page. */
export interface CheckRow {
  ref: AnswerRef;
  question: Question;
  label: { vi: string; en: string };
  value: ScalarAnswer | undefined;
  /** The page "Sửa" opens. */
  pageKey: string;
  /** Masked in the volunteer's live view. */
  personal: boolean;
}

export interface CheckGroup {
  group: Group;
  instances: { index: number; rows: CheckRow[] }[];
  pageKey: string;
}

export interface CheckSection {
  /** null: the form has no sections (one untitled block). */
  section: Section | null;
  items: ({ kind: 'row'; row: CheckRow } | { kind: 'group'; group: CheckGroup })[];
}

/** The check page: every question asked, by section, in the form's order. */
export function checkSections(form: FormLike, answers: AnswerMap, now = new Date()): CheckSection[] {
  const out: CheckSection[] = [];
  const sectionOf = (id: string | undefined): CheckSection => {
    const section = (id && form.sections?.find((s) => s.id === id)) || null;
    const last = out[out.length - 1];
    if (last && last.section?.id === section?.id) return last;
    const fresh: CheckSection = { section, items: [] };
    out.push(fresh);
    return fresh;
  };
  for (const item of form.questions) {
    if (!itemVisible(form, item, answers, now)) continue;
    const block = sectionOf(item.section);
    if (item.type !== 'group') {
      block.items.push({ kind: 'row', row: { ref: { questionId: item.id }, question: item, label: item.label, value: answerAt(answers, { questionId: item.id }), pageKey: pageKey({ questionId: item.id }), personal: item.personal } });
      continue;
    }
    const instances = groupInstances(item, answers).map((inst, index) => ({
      index,
      rows: item.questions
        .filter((q) => !q.showIf || conditionHolds(q.showIf, answers, inst, now))
        .map((q) => {
          const ref = { questionId: q.id, group: { id: item.id, index } };
          return { ref, question: q, label: q.label, value: inst[q.id], pageKey: pageKey(ref), personal: q.personal || item.personal };
        }),
    }));
    block.items.push({ kind: 'group', group: { group: item, instances, pageKey: groupPageKey(item.id) } });
  }
  return out;
}

/** Every question of a form, groups' own questions included (for look-ups by id). */
export function allQuestions(form: FormLike): Question[] {
  return form.questions.flatMap((i: FormItem) => (i.type === 'group' ? i.questions : [i]));
}
