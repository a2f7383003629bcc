/**
 * Addresses at the kiosk services' boundary (issue 16): an address answer or a postal address that
 * carries 2025 unit codes must name a current ward of that province — a code the picker could not
 * have given (a ward of another province, a ward gone in 2025, a made-up number) is refused, never
 * sent on. Text-only addresses (no codes) are the form engine's business.
 *
 * Layer: common — pure (the small current-units table only).
 */
import { isAddress, isGroup, type AnswerValue } from '../contract/answers.ts';
import { isCurrentWard } from './wards.ts';

export interface UnitProblem {
  /** The answer's path: `questionId`, `group.1.questionId`, or `delivery`. */
  path: string;
  message: { vi: string; en: string };
}

const MESSAGE = {
  vi: 'Phường/xã này không có trong danh sách đơn vị hành chính từ ngày 1/7/2025. Xin chọn lại tỉnh và phường/xã.',
  en: 'This ward is not in the list of administrative units since 1 July 2025. Please choose the province and ward again.',
};

const bad = (v: unknown): boolean => isAddress(v) && v.wardCode !== undefined && v.provinceCode !== undefined && !isCurrentWard(v.provinceCode, v.wardCode);

export function unitProblems(answers: Readonly<Record<string, AnswerValue>>, postal?: unknown): UnitProblem[] {
  const out: UnitProblem[] = [];
  for (const [id, v] of Object.entries(answers)) {
    if (isGroup(v)) v.forEach((inst, i) => Object.entries(inst).forEach(([qid, x]) => bad(x) && out.push({ path: `${id}.${i}.${qid}`, message: MESSAGE })));
    else if (bad(v)) out.push({ path: id, message: MESSAGE });
  }
  if (postal !== undefined && bad(postal)) out.push({ path: 'delivery', message: MESSAGE });
  return out;
}
