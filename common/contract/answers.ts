/**
 * The shape of a resident's answers — one definition for every boundary that
 * carries them (renderer ↔ kiosk services in kiosk-api.ts, kiosk → hub in
 * hub-kiosk.ts's outbox item, the hub's inbox and the staff console's reader).
 *
 * Layer: common — zod only.
 *
 * An answer is one of:
 *  - a string (every question type but `address`; dates `dd/mm/yyyy`, yes/no
 *    `yes`/`no`, a choice its option's `value`, copies digits). Answers saved
 *    before forms had groups are all strings, so they stay readable;
 *  - an address (`AddressAnswer`): what the resident typed or picked, with the
 *    2025 province and ward codes when a picker gave them, and the full text as
 *    it is shown and printed;
 *  - a repeating group (`GroupAnswer`): one object per instance (e.g. one per
 *    household member), each mapping the group's own question ids to a string
 *    or an address.
 */
import { z } from 'zod';

/** A question id (also the key of its answer). */
export const AnswerKey = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/);

/** Longest text answer, in characters. */
export const MAX_ANSWER_CHARS = 2000;
/** Most instances of one repeating group. */
export const MAX_GROUP_INSTANCES = 20;
/** The whole form, serialised as JSON, in characters (it travels to the hub in one message). */
export const MAX_ANSWERS_JSON_CHARS = 32 * 1024;

export const TextAnswer = z.string().max(MAX_ANSWER_CHARS);

/**
 * An address. `line`: house number, street, hamlet/residential group (số nhà, đường, thôn/tổ dân
 * phố); `provinceCode` (2 digits) and `wardCode` (5 digits): the 2025 administrative units'
 * codes (Cục Thống kê) when known; `text`: the whole address as shown to the resident, printed and
 * read by staff ("Số 12 ngõ 5 Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội"). `text` is what
 * counts for an answer: an address with an empty `text` is unanswered.
 */
export const AddressAnswer = z
  .object({
    line: z.string().max(200),
    provinceCode: z.string().regex(/^\d{2}$/).optional(),
    wardCode: z.string().regex(/^\d{5}$/).optional(),
    text: z.string().max(400),
  })
  .strict()
  .refine((a) => a.wardCode === undefined || a.provinceCode !== undefined, { message: 'a ward code needs its province code', path: ['provinceCode'] });
export type AddressAnswer = z.infer<typeof AddressAnswer>;

/** An answer inside a group instance. */
export const ScalarAnswer = z.union([TextAnswer, AddressAnswer]);
export type ScalarAnswer = z.infer<typeof ScalarAnswer>;

/** One instance of a repeating group (one household member): the group's question ids → answers. */
export const GroupInstance = z.record(AnswerKey, ScalarAnswer).refine((r) => Object.keys(r).length <= 40, 'at most 40 answers per instance');
export type GroupInstance = z.infer<typeof GroupInstance>;

export const GroupAnswer = z.array(GroupInstance).max(MAX_GROUP_INSTANCES);
export type GroupAnswer = z.infer<typeof GroupAnswer>;

export const AnswerValue = z.union([TextAnswer, AddressAnswer, GroupAnswer]);
export type AnswerValue = z.infer<typeof AnswerValue>;

export const Answers = z
  .record(AnswerKey, AnswerValue)
  .refine((r) => Object.keys(r).length <= 200, 'at most 200 answers')
  .refine((r) => JSON.stringify(r).length <= MAX_ANSWERS_JSON_CHARS, `the answers are larger than ${MAX_ANSWERS_JSON_CHARS} characters`);
export type Answers = z.infer<typeof Answers>;

export const isAddress = (v: unknown): v is AddressAnswer => typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { text?: unknown }).text === 'string';
export const isGroup = (v: unknown): v is GroupAnswer => Array.isArray(v);

/** The text of a scalar answer as staff read it ('' when unanswered). */
export function answerText(v: AnswerValue | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  if (isGroup(v)) return '';
  return v.text;
}
