/**
 * Fusion of per-field candidates from the QR, the MRZ and OCR into one reading.
 *   - Priority: QR > MRZ > OCR. The winner's value is taken verbatim: a field no source read is absent,
 *     and no value is ever composed from several sources (never invent a field).
 *   - Confidence (0..1) starts at the winner's own; another source agreeing raises it, disagreeing lowers it.
 *   - Cross-checks (check.ts) raise the fields that agree (ID ↔ birth year, ID ↔ sex, expiry ↔ birthday)
 *     and lower those that do not; an expired card is flagged.
 */
import { checkFields, type CheckIssue } from './check.ts';
import { cleanText, FIELD_NAMES, toAsciiUpper, type Candidate, type FieldName, type IdCardFields, type Source } from './fields.ts';
import { editDistanceAtMost1 } from './labels.ts';
import { asciiSyllable, FILLER_LETTERS } from './mrz-name.ts';

export const SOURCE_PRIORITY: Record<Source, number> = { qr: 0, mrz: 1, ocr: 2, 'ocr-id-digit': 3 };
/** How much a source's disagreement counts against a stronger source's value. */
const SOURCE_WEIGHT: Record<Source, number> = { qr: 1, mrz: 0.9, ocr: 0.3, 'ocr-id-digit': 0.2 };

export interface FuseIssue {
  code: 'mismatch' | CheckIssue['code'];
  fields: FieldName[];
  message: string;
  sources?: Source[];
}

export interface FusedReading {
  fields: IdCardFields;
  sources: Partial<Record<FieldName, Source>>;
  confidence: Partial<Record<FieldName, number>>;
  issues: FuseIssue[];
  expired: boolean;
}

export interface FuseOptions {
  now?: Date;
  /** Drop a fused field whose confidence ends below this (default 0: keep all). */
  minConfidence?: number;
}

function comparable(field: FieldName, v: string): string {
  if (field === 'fullName' || field === 'placeOfOrigin' || field === 'placeOfResidence' || field === 'nationality')
    return cleanText(v).toLowerCase().replace(/[.,]/g, '');
  return v.trim();
}

const clamp = (x: number): number => Math.max(0, Math.min(1, x));
const raise = (c: number, by: number): number => clamp(c + (1 - c) * by);

export function fuse(candidates: readonly Candidate[], opts: FuseOptions = {}): FusedReading {
  const fields: IdCardFields = {};
  const sources: FusedReading['sources'] = {};
  const confidence: FusedReading['confidence'] = {};
  const issues: FuseIssue[] = [];

  for (const field of FIELD_NAMES) {
    const cs = candidates
      .filter((c) => c.field === field && typeof c.value === 'string' && c.value.trim() !== '' && c.confidence > 0)
      .sort((a, b) => SOURCE_PRIORITY[a.source] - SOURCE_PRIORITY[b.source] || b.confidence - a.confidence);
    const win = cs[0];
    if (!win) continue;
    let conf = clamp(win.confidence);
    const seen = new Set<Source>([win.source]);
    for (const other of cs.slice(1)) {
      if (other.source === win.source) continue;
      const w = clamp(other.confidence) * SOURCE_WEIGHT[other.source];
      if (comparable(field, other.value) === comparable(field, win.value)) conf = raise(conf, 0.5 * w);
      else {
        conf = clamp(conf * (1 - 0.3 * w));
        if (!seen.has(other.source))
          issues.push({ code: 'mismatch', fields: [field], sources: [win.source, other.source], message: `${field}: ${win.source} khác ${other.source}` });
      }
      seen.add(other.source);
    }
    (fields as Record<string, string>)[field] = win.value;
    sources[field] = win.source;
    confidence[field] = conf;
  }

  // Name with diacritics ↔ MRZ name without.
  if (fields.fullName && fields.fullNameAscii) {
    if (toAsciiUpper(fields.fullName) === fields.fullNameAscii) {
      confidence.fullName = raise(confidence.fullName!, 0.5 * confidence.fullNameAscii!);
    } else if (mrzNameMisread(toAsciiUpper(fields.fullName), fields.fullNameAscii)) {
      // (session 12) The MRZ's name line has no check digit: where the two differ only in words the MRZ gives as no
      // syllable (DOO for DO, UOO for UOC, BAD for BAO on generator-9 backs) and the front's are syllables there, the
      // MRZ misread them — the front's name is neither lowered nor raised by it, and no mismatch is reported.
    } else {
      confidence.fullName = clamp(confidence.fullName! * (sources.fullName === 'ocr' ? 0.5 : 0.9));
      issues.push({ code: 'mismatch', fields: ['fullName', 'fullNameAscii'], sources: [sources.fullName!, sources.fullNameAscii!], message: 'họ tên khác tên trong MRZ' });
    }
  }

  const check = checkFields(fields, opts.now);
  for (const [a, b] of check.agreements) {
    // A sex given by the ID's own digit agrees with the ID by construction: no evidence, no raise.
    if (a === 'idNumber' && b === 'sex' && sources.sex === 'ocr-id-digit') continue;
    for (const f of [a, b]) if (confidence[f] !== undefined) confidence[f] = raise(confidence[f]!, 0.3);
  }
  for (const issue of check.issues) {
    issues.push({ code: issue.code, fields: issue.fields, message: issue.message });
    if (issue.code === 'expired' || issue.code === 'expiry_not_birthday') continue;
    for (const f of issue.fields) {
      if (confidence[f] === undefined) continue;
      confidence[f] = clamp(confidence[f]! * (sources[f] === 'ocr' ? 0.6 : 0.85));
    }
  }

  // The ASCII name is only reported when no name with diacritics was read.
  if (fields.fullName && fields.fullNameAscii) {
    delete fields.fullNameAscii;
    delete sources.fullNameAscii;
    delete confidence.fullNameAscii;
  }

  const min = opts.minConfidence ?? 0;
  for (const f of FIELD_NAMES) {
    if (confidence[f] === undefined) continue;
    if (confidence[f]! < min) {
      delete fields[f];
      delete sources[f];
      delete confidence[f];
    } else confidence[f] = Math.round(confidence[f]! * 1000) / 1000;
  }
  return { fields, sources, confidence, issues, expired: check.expired };
}

/** Turn one source's fields into candidates with one confidence (or a per-field map). */
export function candidatesFrom(
  fields: IdCardFields,
  source: Source,
  conf: number | Partial<Record<FieldName, number>>,
): Candidate[] {
  const out: Candidate[] = [];
  for (const f of FIELD_NAMES) {
    const v = fields[f];
    if (v === undefined) continue;
    const c = typeof conf === 'number' ? conf : conf[f];
    if (c === undefined) continue;
    out.push({ field: f, value: v, source, confidence: c });
  }
  return out;
}

/** Default confidences of the exact sources. */
export const QR_CONFIDENCE = 0.98;
export const MRZ_CONFIDENCE: Partial<Record<FieldName, number>> = {
  idNumber: 0.97,
  dateOfBirth: 0.97,
  dateOfExpiry: 0.97,
  sex: 0.9,
  nationality: 0.9,
  fullNameAscii: 0.85,
};

/**
 * The MRZ's name (`mrz`, A–Z words) differs from the front's (`front`, its ASCII form) only where the MRZ's word can be no
 * Vietnamese syllable and the front's is one, a letter more, fewer or other at most (DOO / DO, BAD / BAO): the MRZ
 * misread those words. Same word count, at least one such word, every other word equal.
 * (session 13) Or where the two words differ by one filler-like letter (K, C, L, S) at the word's edge, the front's
 * word a syllable: the name line's parse (mrz-name.ts) takes a K/C/L/S beside a `<` for a letter or for a filler as
 * the costs fall — a listed name outweighs a letter — so "<LUY" came back UY (the listed Uy) and "<AN" CAN on
 * generator-10 backs. The front's letters, read in their own face with no filler beside them, decide there.
 */
export function mrzNameMisread(front: string, mrz: string): boolean {
  const a = front.split(' ');
  const m = mrz.split(' ');
  if (a.length !== m.length) return false;
  const diff = a.map((w, i) => [w, m[i]!] as const).filter(([x, y]) => x !== y);
  return diff.length > 0 && diff.every(([x, y]) => asciiSyllable(x) && ((!asciiSyllable(y) && editDistanceAtMost1(x, y)) || fillerAtEdge(x, y)));
}

/** The MRZ's word `y` is the front's `x` with one filler-like letter (K, C, L, S) more or fewer at its start or end. */
function fillerAtEdge(x: string, y: string): boolean {
  const [long, short] = x.length > y.length ? [x, y] : [y, x];
  if (long.length !== short.length + 1 || short.length === 0) return false;
  return (FILLER_LETTERS.has(long[0]!) && long.slice(1) === short) || (FILLER_LETTERS.has(long.at(-1)!) && long.slice(0, -1) === short);
}

