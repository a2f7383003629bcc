/**
 * Which questions are asked, given the answers so far: conditions (`showIf`) on
 * sections, questions and groups, and the instances of a repeating group.
 * Layer: common, pure.
 */
import type { Condition, FormItem, Group, Section } from '../../kiosk-config/catalogue.schema.ts';
import { answerText, isGroup, type AnswerValue, type GroupInstance } from '../contract/answers.ts';
import { daysBetween, parseVnDate, vnToday } from './dates.ts';

/** What the visibility rules need of a service. */
export interface FormLike {
  questions: readonly FormItem[];
  sections?: readonly Section[];
}

export type AnswerMap = Readonly<Record<string, AnswerValue>>;

/** Does the condition hold? `instance`: the group instance the asking question belongs to (looked at first). */
export function conditionHolds(c: Condition, answers: AnswerMap, instance?: GroupInstance, now = new Date()): boolean {
  const raw = instance && c.question in instance ? instance[c.question] : answers[c.question];
  const text = isGroup(raw) ? '' : answerText(raw).trim();
  if (c.answered !== undefined) return (text !== '') === c.answered;
  if (c.equals) return c.equals.includes(text);
  if (c.notEquals) return text !== '' && !c.notEquals.includes(text);
  if (c.olderThanDays !== undefined) {
    const d = parseVnDate(text);
    return d !== null && daysBetween(d, vnToday(now)) > c.olderThanDays;
  }
  return true;
}

/** Is a section asked (its own condition)? Unknown or absent sections are always asked. */
export function sectionVisible(form: FormLike, sectionId: string | undefined, answers: AnswerMap, now = new Date()): boolean {
  if (!sectionId) return true;
  const s = form.sections?.find((x) => x.id === sectionId);
  return !s?.showIf || conditionHolds(s.showIf, answers, undefined, now);
}

/** Is a top-level item (question or group) asked: its section's and its own condition. */
export function itemVisible(form: FormLike, item: FormItem, answers: AnswerMap, now = new Date()): boolean {
  if (!sectionVisible(form, item.section, answers, now)) return false;
  return !item.showIf || conditionHolds(item.showIf, answers, undefined, now);
}

/** The instances of a group as the form shows them: the saved ones, padded with empty ones up to `min`. */
export function groupInstances(group: Group, answers: AnswerMap): GroupInstance[] {
  const v = answers[group.id];
  const saved = isGroup(v) ? v.slice(0, group.max) : [];
  while (saved.length < group.min) saved.push({});
  return saved;
}
