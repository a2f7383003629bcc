/**
 * From a card reading to form answers: for each question that says which card
 * field fills it (`autofill`) for this person, the value in the form's own
 * format (common/forms/autofill.ts). Pure. A field the card did not give stays
 * empty — nothing is invented.
 */
import type { IdCardReading } from '../../../common/contract/kiosk-api.ts';
import type { AnswerValue } from '../../../common/contract/answers.ts';
import { REQUESTER, type FormItem } from '../../../kiosk-config/catalogue.schema.ts';
import { autofillFor } from '../../../common/forms/autofill.ts';

export { toFormDate } from '../../../common/forms/autofill.ts';

/** DD/MM/YYYY → YYYY-MM-DD, or null. */
export function fromFormDate(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : null;
}

/** The answers `person`'s card fills (the requester's by default). */
export function autofillAnswers(questions: readonly FormItem[], reading: IdCardReading, person: string = REQUESTER): Record<string, AnswerValue> {
  return autofillFor(questions, person, reading.fields);
}

/** The card fields shown for confirmation, in reading order. */
export const SHOWN_FIELDS = ['fullName', 'fullNameAscii', 'idNumber', 'dateOfBirth', 'sex', 'nationality', 'placeOfOrigin', 'placeOfResidence', 'issueDate', 'dateOfExpiry', 'oldIdNumber'] as const;
