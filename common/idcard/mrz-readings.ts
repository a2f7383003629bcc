/**
 * (session 11, idback4) A partial MRZ from several readings of the same lines. A small, soft MRZ (a security camera's
 * grab: characters 10–14 px high, JPEG) is read several ways (mrz-image.ts); tesseract's slips differ from reading to
 * reading, so one reading may prove line 1 (the ID, by its own and the document number's check digits) and another
 * line 2 (the dates, by theirs), while no single reading proves both. `parsePartialMrz` takes one reading at a time;
 * this takes each line's fields from whichever readings prove them — each field still only with its own check digits
 * (common/idcard/mrz-partial.ts), never a character taken from one reading into another's line:
 *
 * - every reading that proves an ID must give the same ID, and every reading that proves dates the same dates
 *   (two proven values that differ: that field is not taken — they cannot both be the card's);
 * - when both are proven, the ID's century+sex digit and birth year must agree with line 2's date and sex letter
 *   (as in a single reading), or nothing is taken;
 * - a line 2 whose start is hidden (`datesFromCoveredLine2`) is tried only with the ID so proven and only when no
 *   reading proves line 2 whole.
 */
import { decodeIdNumber } from './check.ts';
import type { IdCardFields } from './fields.ts';
import { datesFromCoveredLine2, datesFromLine2, idFromLine1, type PartialMrz } from './mrz-partial.ts';

const rowsOf = (text: string): string[] =>
  text
    .split(/\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The one value every proven reading agrees on; undefined when none proves it or two disagree. */
function unanimous<T>(values: readonly T[], key: (v: T) => string): T | undefined {
  if (values.length === 0) return undefined;
  const k = key(values[0]!);
  return values.every((v) => key(v) === k) ? values[0] : undefined;
}

/** Per reading, what its first row that proves something proves (`prove` gives undefined for a row that proves nothing). */
function provenPerReading<T>(texts: readonly string[], prove: (row: string) => T | undefined): T[] {
  const out: T[] = [];
  for (const t of texts) {
    const found = rowsOf(t).map(prove).find((v) => v !== undefined);
    if (found !== undefined) out.push(found);
  }
  return out;
}

/** The fields several readings of one MRZ prove between them, line by line (see the module's note). */
export function partialFromReadings(texts: readonly string[], now: Date = new Date()): PartialMrz | undefined {
  const ids = provenPerReading(texts, idFromLine1);
  const id = unanimous(ids, (v) => v);
  if (ids.length > 0 && !id) return undefined; // two proven IDs that differ: the readings are not to be trusted
  let proven = provenPerReading(texts, (r) => datesFromLine2(r, id, now));
  if (proven.length === 0 && id) proven = provenPerReading(texts, (r) => datesFromCoveredLine2(r, id, now));
  const dates = unanimous(proven, (d) => `${d.dateOfBirth}|${d.sex ?? ''}|${d.dateOfExpiry ?? ''}`);
  if (proven.length > 0 && !dates) return undefined;
  if (!id && !dates) return undefined;
  const st = id ? decodeIdNumber(id) : undefined;
  if (st && dates?.dateOfBirth) {
    const year = Number(dates.dateOfBirth.slice(0, 4));
    if (st.yy !== year % 100 || st.century !== year - (year % 100) || (dates.sex && st.sex !== dates.sex)) return undefined;
  }
  const fields: IdCardFields = { ...(id ? { idNumber: id } : {}), ...(dates ?? {}) };
  return { fields, lines: [...(id ? [1 as const] : []), ...(dates ? [2 as const] : [])] };
}
