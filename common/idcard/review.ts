/**
 * Which read fields the resident should check before using them: the confirmation screen marks them
 * "Xin kiểm tra lại" (renderer/src/idcard/IdCardReader.tsx), the bench counts how many wrong readings
 * the marks catch (tests/bench/idcard.bench.ts, row "review marks"). Pure: runs anywhere.
 *
 * A field is marked when
 *   - `derived`: it was not read but worked out — the sex given by the ID number's century/sex digit
 *     (source `ocr-id-digit`, common/idcard/sex.ts);
 *   - `disputed`: a cross-check names it (check.ts: the ID's year or sex digit against the date of birth or
 *     the sex, a date that cannot be, …), or another source disagrees with a value OCR gave (fuse.ts
 *     `mismatch`; an OCR reading that differs from the QR's or the MRZ's value is no doubt about those). An
 *     expired card is not a doubt about the reading: `expired` / `expiry_not_birthday` mark nothing;
 *   - `unsure`: it was read by OCR and its confidence is below its field's threshold (REVIEW_BELOW).
 * A field from the QR or the MRZ (check digits) that nothing disputes is never marked — save the MRZ's name, which has
 * no check digit, when its parse was unsure (below 0.7).
 *
 * The thresholds are calibrated on development data only (docs/idcard.md, "Marks on the confirmation
 * screen"): OCR confidences are not on one scale across fields (a name's tops out at 0.8, an ID's at 0.97),
 * so each field has its own.
 */
import type { FieldName, Source } from './fields.ts';

export type ReviewReason = 'derived' | 'disputed' | 'unsure';

/** OCR confidence below which a field is marked; fields not listed use DEFAULT_REVIEW_BELOW. */
export const REVIEW_BELOW: Partial<Record<FieldName, number>> = {
  idNumber: 0.8,
  dateOfBirth: 0.8,
  fullName: 0.7,
  sex: 0.8,
  // Addresses read by OCR are long free text, wrong about half the time on development data whatever their
  // confidence (which tops out at 0.8): always marked.
  placeOfOrigin: 0.81,
  placeOfResidence: 0.81,
};
export const DEFAULT_REVIEW_BELOW = 0.7;

/** Issue codes that say nothing about whether a field was read right. */
const NOT_A_DOUBT = new Set(['expired', 'expiry_not_birthday']);
const OCR_SOURCES = new Set<Source>(['ocr', 'ocr-id-digit']);

export interface Reviewable {
  sources: Partial<Record<string, Source>>;
  confidence: Partial<Record<string, number>>;
  issues?: readonly { code: string; fields?: readonly string[] }[];
}

/** The fields to mark, with why; a field absent from the reading is never marked. */
export function fieldsToReview(r: Reviewable): Partial<Record<FieldName, ReviewReason>> {
  const out: Partial<Record<FieldName, ReviewReason>> = {};
  const disputed = new Set<string>();
  for (const i of r.issues ?? []) {
    if (NOT_A_DOUBT.has(i.code)) continue;
    for (const f of i.fields ?? []) if (i.code !== 'mismatch' || OCR_SOURCES.has(r.sources[f] as Source)) disputed.add(f);
  }
  for (const [f, source] of Object.entries(r.sources) as [FieldName, Source | undefined][]) {
    if (source === undefined) continue;
    if (source === 'ocr-id-digit') out[f] = 'derived';
    else if (disputed.has(f)) out[f] = 'disputed';
    else if (source === 'ocr' && (r.confidence[f] ?? 0) < (REVIEW_BELOW[f] ?? DEFAULT_REVIEW_BELOW)) out[f] = 'unsure';
    // (session 10) The MRZ's name line has no check digit: a name whose fillers were read as letters and whose parse
    // was unsure (mrz-name.ts; read-card.ts lowers it to ≈ 0.6) is marked too.
    else if (source === 'mrz' && f === 'fullNameAscii' && (r.confidence[f] ?? 0) < DEFAULT_REVIEW_BELOW) out[f] = 'unsure';
  }
  return out;
}
