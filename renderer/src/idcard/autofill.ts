/**
 * From a card reading to form answers: for each question that says which card
 * field fills it (`autofill`), the value in the form's own format. Pure.
 * A field the card did not give stays empty — nothing is invented.
 */
import type { IdCardReading } from '../../../common/contract/kiosk-api.ts';
import type { Question } from '../../../kiosk-config/catalogue.schema.ts';

/** YYYY-MM-DD → DD/MM/YYYY (the form's date format). */
export function toFormDate(iso: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : null;
}

/** DD/MM/YYYY → YYYY-MM-DD, or null. */
export function fromFormDate(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : null;
}

export function autofillAnswers(questions: readonly Question[], reading: IdCardReading): Record<string, string> {
  const out: Record<string, string> = {};
  const f = reading.fields;
  for (const q of questions) {
    if (!q.autofill) continue;
    const raw = q.autofill === 'fullName' ? (f.fullName ?? f.fullNameAscii) : f[q.autofill];
    if (!raw) continue;
    if (q.type === 'date') {
      const d = toFormDate(raw);
      if (d) out[q.id] = d;
    } else if (q.type === 'choice') {
      // "Nam"/"Nữ" → the option whose Vietnamese label (or value) matches.
      const want = raw.normalize('NFC').toLowerCase();
      const opt = q.options?.find((o) => o.label.vi.normalize('NFC').toLowerCase() === want || o.value.toLowerCase() === want);
      if (opt) out[q.id] = opt.value;
    } else {
      out[q.id] = raw;
    }
  }
  return out;
}

/** The card fields shown for confirmation, in reading order. */
export const SHOWN_FIELDS = ['fullName', 'fullNameAscii', 'idNumber', 'dateOfBirth', 'sex', 'nationality', 'placeOfOrigin', 'placeOfResidence', 'issueDate', 'dateOfExpiry', 'oldIdNumber'] as const;
