/**
 * The MRZ on the back of a CCCD / Căn cước: ICAO 9303 TD1, 3 lines × 30.
 *   L1  ID VNM <doc no = last 9 digits of the ID> <check> <12-digit ID> << <check of the ID>
 *   L2  <birth YYMMDD><check><sex><expiry YYMMDD><check> VNM <optional> <composite check>
 *   L3  SURNAME<<GIVEN<NAMES
 * OCR confusions are fixed by position (O→0 where a digit must be, 0→O where a letter must be)
 * before the check digits are verified; `mrz` (cheminfo, pure JS) verifies the ICAO check digits.
 * When that fails, a check-digit-guided repair tries single edits OCR is known to make on spaced
 * monospace text (a doubled/ghost glyph: one character too many; a lost filler) and accepts a result
 * only when every check digit passes and exactly one reading does — no field is ever invented.
 */
import { parse as parseMrzLib } from 'mrz';
import { checkFields, type CheckCode } from './check.ts';
import { FIELD_LABELS_VI, fromYymmdd, IdCardError, type IdCardFields } from './fields.ts';
import { decodeMrzName, fillersAsLettersIn } from './mrz-name.ts';

/** OCR's confusions where a digit must be (shared with the partial parse, mrz-partial.ts). */
export const TO_DIGIT: Record<string, string> = { O: '0', Q: '0', D: '0', U: '0', I: '1', L: '1', T: '1', Z: '2', S: '5', B: '8', G: '6', A: '4' };
const TO_ALPHA: Record<string, string> = { '0': 'O', '1': 'I', '2': 'Z', '5': 'S', '8': 'B', '6': 'G', '4': 'A' };
/** What a `<` is read as in some fonts (shared with the partial parse). */
export const TO_FILLER: Record<string, string> = { K: '<', C: '<', '(': '<', '[': '<', '{': '<', '«': '<', '‹': '<' };

/** Digit-only positions by line (0-based, end exclusive). */
const NUMERIC: [number, number, number][] = [
  [0, 5, 15],
  [0, 15, 27],
  [0, 29, 30],
  [1, 0, 7],
  [1, 8, 15],
  [1, 29, 30],
];
const ALPHA: [number, number, number][] = [
  [0, 0, 5],
  [1, 15, 18],
  [2, 0, 30],
];

export interface MrzResult {
  fields: IdCardFields;
  /** The three corrected lines. */
  lines: [string, string, string];
  /** How many characters were changed to fix OCR confusions. */
  corrections: number;
  /** The composite check digit was unreadable and recomputed (field check digits still verified). */
  compositeMissing: boolean;
  /** The lines were repaired by a check-digit-guided edit (a ghost character removed, a filler restored). */
  repaired: boolean;
  /**
   * The name line read fillers as letters and its parse is not sure (mrz-name.ts): the caller lowers the ASCII name's
   * confidence. The name line has no check digit; this never touches the other fields.
   */
  nameDoubtful?: boolean;
}

/** ICAO 9303 check digit (weights 7,3,1; `<` = 0, A = 10 …). */
export function icaoCheckDigit(s: string): number {
  const w = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    let v: number;
    if (c >= '0' && c <= '9') v = c.charCodeAt(0) - 48;
    else if (c >= 'A' && c <= 'Z') v = c.charCodeAt(0) - 55;
    else v = 0;
    sum += v * w[i % 3]!;
  }
  return sum % 10;
}

/** What tesseract reads a run of `<` as in some monospaced fonts (besides `<`): K, C, L, brackets. */
const FILLER_LIKE = /^[<KCL([{«‹]+$/;

/**
 * Line 2's optional data (after `VNM`) is a run of fillers before the composite digit. When OCR reads
 * that run as fillers mixed with filler-like letters (`<<<LKLKLL`) of the wrong length, the run is
 * rebuilt as the 11 fillers it must be, and a last character that is not a digit is taken as a lost
 * composite digit (recomputed later; the field check digits still guard every field). Any other text
 * there is left as read. The composite digit covers the optional data, so a real letter taken for a
 * filler fails it rather than passing.
 */
function fillerTail(line: string): string {
  const v = line.indexOf('VNM', 14);
  if (v < 14 || v > 16) return line;
  const tail = line.slice(v + 3);
  const last = tail.at(-1) ?? '';
  const digit = /\d/.test(last);
  const run = last && !FILLER_LIKE.test(last) ? tail.slice(0, -1) : tail;
  if (run.length < 6 || !FILLER_LIKE.test(run) || /^<+$/.test(run)) return line;
  return `${line.slice(0, 15)}VNM${'<'.repeat(11)}${digit ? last : '<'}`;
}

/**
 * A card valid for life has no date of expiry: ICAO 9303 writes the field as six fillers, its check digit 0 (the
 * digit of a run of fillers; some issuers print a filler there). Where `<` is read as `<`, K, C, L or S mixed, with
 * the wrong count (`5607105M<<<<K<KKOVNM…`), line 2 did not fit: between the sex (position 8) and `VNM`, a run of
 * fillers and filler-like letters only, then a `0` (or what is read for one) or nothing, is rebuilt as `<<<<<<0`.
 * No date is made up: the field stays empty, the birth date keeps its own check digit and the composite covers
 * the run. A real expiry is six digits with its check digit — it never reads as fillers only.
 */
export function noExpiryRun(line: string): string {
  const v = line.indexOf('VNM', 12);
  if (v < 12 || v > 20) return line;
  const m = /^([<KCLS([{«‹]{4,12}?)([0ODQU]?)$/.exec(line.slice(8, v));
  if (!m || !/^[0-9A-Z]{6}[0-9A-Z][MF<HNEPKC]$/.test(line.slice(0, 8))) return line;
  return `${line.slice(0, 8)}<<<<<<0${line.slice(v)}`;
}

/** Bring a line to 30 characters by adding/removing fillers in its longest `<` run (check digits decide). */
function fitLength(line: string, lineIndex: number): string {
  let s = lineIndex === 1 ? fillerTail(noExpiryRun(line)) : line;
  // Line 2 always ends with the composite digit after a filler run: OCR often drops that last digit.
  if (lineIndex === 1 && s.length === 29 && s.endsWith('<')) return `${s}<`;
  for (let guard = 0; s.length !== 30 && guard < 40; guard++) {
    if (lineIndex === 2) {
      s = s.length > 30 ? s.slice(0, -1) : s + '<';
      continue;
    }
    const runs = [...s.slice(5).matchAll(/<+/g)].sort((x, y) => y[0].length - x[0].length);
    const r = runs[0];
    if (!r) {
      if (s.length > 30) s = s.slice(0, 30);
      else throw new IdCardError('mrz_format', `dòng ${lineIndex + 1} có ${s.length}/30 ký tự`);
      continue;
    }
    const at = 5 + r.index;
    s = s.length > 30 ? s.slice(0, at) + s.slice(at + 1) : s.slice(0, at) + '<' + s.slice(at);
  }
  if (s.length !== 30) throw new IdCardError('mrz_format', `dòng ${lineIndex + 1}`);
  return s;
}

/** The 3 MRZ lines of OCR text as read (uppercase, spaces removed, fillers normalised), any length. */
export function rawMrzLines(input: string | readonly string[]): [string, string, string] {
  const raw = (typeof input === 'string' ? input.split(/\r?\n/) : [...input])
    .map((l) => l.toUpperCase().replace(/[«‹]/g, '<').replace(/\s+/g, ''))
    .filter((l) => l.length >= 20);
  // Prefer the last 3 plausible lines (the MRZ is at the bottom of the back).
  if (raw.length < 3) throw new IdCardError('mrz_format', `chỉ có ${raw.length}/3 dòng`);
  let start = raw.findIndex((l) => /^I[DO0]/.test(l) && raw.length - raw.indexOf(l) >= 3);
  if (start < 0 || raw.length - start < 3) start = raw.length - 3;
  const lines = raw.slice(start, start + 3).map((l) => l.replace(/[^A-Z0-9<]/g, (c) => TO_FILLER[c] ?? '<'));
  return [lines[0]!, lines[1]!, lines[2]!];
}

/** Split OCR text into 3 MRZ lines of 30 (uppercase, spaces removed, fillers normalised). */
export function normalizeMrzText(input: string | readonly string[]): [string, string, string] {
  const lines = rawMrzLines(input).map((l, i) => fitLength(l, i));
  return [lines[0]!, lines[1]!, lines[2]!];
}

/** Fix confusions by position. Returns the fixed lines and how many characters changed. */
export function fixMrzConfusions(lines: readonly [string, string, string]): { lines: [string, string, string]; corrections: number } {
  const chars = lines.map((l) => l.split(''));
  let corrections = 0;
  const set = (li: number, i: number, c: string): void => {
    if (chars[li]![i] !== c) {
      chars[li]![i] = c;
      corrections++;
    }
  };
  for (const [li, a, b] of NUMERIC) for (let i = a; i < b; i++) { const c = chars[li]![i]!; if (TO_DIGIT[c]) set(li, i, TO_DIGIT[c]!); }
  for (const [li, a, b] of ALPHA) for (let i = a; i < b; i++) { const c = chars[li]![i]!; if (TO_ALPHA[c]) set(li, i, TO_ALPHA[c]!); }
  // (session 10) Line 1 opens with the document code and the issuing state, `IDVNM` on every Vietnamese card: one or
  // two of those five read wrong (`LDVNM`, `IDUNM`) are put back. No field or check digit covers them; a foreign card
  // (`IDFRA…`: three differ) is still refused.
  const head = chars[0]!.slice(0, 5);
  const slips = [...'IDVNM'].filter((c, i) => head[i] !== c).length;
  if (slips > 0 && slips <= 2) [...'IDVNM'].forEach((c, i) => set(0, i, c));
  // Fillers where only fillers can be: L1 27–28, L2 optional 18–28, L3 after the name ends (`<<<`).
  for (const i of [27, 28]) if (TO_FILLER[chars[0]![i]!]) set(0, i, '<');
  for (let i = 18; i < 29; i++) if (TO_FILLER[chars[1]![i]!]) set(1, i, '<');
  const l3 = chars[2]!.join('');
  const end = l3.indexOf('<<<');
  if (end > 0) for (let i = end; i < 30; i++) set(2, i, '<');
  // The trailing run of fillers and filler-like letters (`UYEN<K<<<<`): no name syllable is made of
  // K, L and C alone, so a run that starts with `<` after the last name is fillers only.
  const l3b = chars[2]!.join('');
  const tail = /<[<KLC]*$/.exec(l3b);
  if (tail && tail.index > 0) for (let i = tail.index; i < 30; i++) set(2, i, '<');
  // No date of expiry (six fillers): its check digit is 0 — a filler printed or read there counts the same.
  if (chars[1]!.slice(8, 15).join('') === '<<<<<<<') set(1, 14, '0');
  // Sex: M, F or <.
  const sx = chars[1]![7]!;
  if (sx === 'H' || sx === 'N') set(1, 7, 'M');
  else if (sx === 'E' || sx === 'P') set(1, 7, 'F');
  const out = chars.map((c) => c.join(''));
  return { lines: [out[0]!, out[1]!, out[2]!], corrections };
}

const CHECK_FIELD: Record<string, { label: string; field?: keyof IdCardFields }> = {
  documentNumberCheckDigit: { label: 'số giấy tờ' },
  documentNumber: { label: 'số giấy tờ' },
  birthDateCheckDigit: { label: FIELD_LABELS_VI.dateOfBirth, field: 'dateOfBirth' },
  birthDate: { label: FIELD_LABELS_VI.dateOfBirth, field: 'dateOfBirth' },
  expirationDateCheckDigit: { label: FIELD_LABELS_VI.dateOfExpiry, field: 'dateOfExpiry' },
  expirationDate: { label: FIELD_LABELS_VI.dateOfExpiry, field: 'dateOfExpiry' },
  compositeCheckDigit: { label: 'số kiểm tra tổng hợp' },
};

/**
 * Parse a TD1 MRZ (text or 3 lines). Throws IdCardError:
 *   `mrz_format` — not 3 lines of 30 / not a Vietnamese ID;
 *   `check_digit` — "sai số kiểm tra: <field>" naming the first field whose check digit fails.
 */
export function parseMrz(input: string | readonly string[], now: Date = new Date()): MrzResult {
  const raw = rawMrzLines(input);
  let fitted: [string, string, string] | undefined;
  let first: IdCardError;
  try {
    fitted = [fitLength(raw[0], 0), fitLength(raw[1], 1), fitLength(raw[2], 2)];
    return parseFixedLines(fixMrzConfusions(fitted), now, false, false, raw);
  } catch (e) {
    if (!(e instanceof IdCardError)) throw e;
    first = e;
  }
  const repaired = repairByCheckDigits(raw, fitted, now);
  if (repaired) return repaired;
  throw first;
}

/** Verify 3 fixed lines of 30 and extract the fields (the strict path). */
function parseFixedLines(fixed: { lines: [string, string, string]; corrections: number }, now: Date, repaired: boolean, unreadableComposite = false, raw?: readonly [string, string, string]): MrzResult {
  const [l1, l3] = [fixed.lines[0], fixed.lines[2]];
  let l2 = fixed.lines[1];
  // A composite digit lost by OCR is recomputed: the field check digits below still verify every field.
  const compositeMissing = l2[29] === '<' || unreadableComposite;
  if (compositeMissing) {
    l2 = l2.slice(0, 29) + icaoCheckDigit(l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29));
    fixed.lines[1] = l2;
  }
  if (!l1.startsWith('ID') || l1.slice(2, 5) !== 'VNM') throw new IdCardError('mrz_format', 'không phải thẻ Việt Nam');

  let res;
  try {
    res = parseMrzLib([l1, l2, l3], { autocorrect: false });
  } catch {
    throw new IdCardError('mrz_format');
  }
  if (res.format !== 'TD1') throw new IdCardError('mrz_format');
  for (const d of res.details) {
    if (d.valid) continue;
    const f = CHECK_FIELD[d.field ?? ''];
    if (f) throw new IdCardError('check_digit', f.label, f.field ?? d.field ?? undefined);
  }
  if (!res.valid) {
    const bad = res.details.find((d) => !d.valid);
    if (bad?.field === 'lastName' || bad?.field === 'firstName') throw new IdCardError('mrz_format', 'họ tên');
  }

  const fields: IdCardFields = {};
  // The 12-digit ID lives in optional data with its own check digit at 30.
  const id = l1.slice(15, 27);
  if (/^\d{12}$/.test(id)) {
    if (icaoCheckDigit(id) !== Number(l1[29])) throw new IdCardError('check_digit', FIELD_LABELS_VI.idNumber, 'idNumber');
    if (id.slice(3) !== l1.slice(5, 14)) throw new IdCardError('check_digit', FIELD_LABELS_VI.idNumber, 'idNumber');
    fields.idNumber = id;
  }
  const yy = Number(l2.slice(0, 2));
  let century: number;
  const g = fields.idNumber ? Number(fields.idNumber[3]) : NaN;
  if (!Number.isNaN(g) && Number(fields.idNumber!.slice(4, 6)) === yy) century = 1900 + 100 * Math.floor(g / 2);
  else century = yy > (now.getUTCFullYear() % 100) ? 1900 : 2000;
  const dob = fromYymmdd(l2.slice(0, 6), century);
  if (dob) fields.dateOfBirth = dob;
  if (l2[7] === 'M') fields.sex = 'Nam';
  else if (l2[7] === 'F') fields.sex = 'Nữ';
  const exp = fromYymmdd(l2.slice(8, 14), 2000);
  if (exp) fields.dateOfExpiry = exp;
  if (l2.slice(15, 18) === 'VNM') fields.nationality = 'Việt Nam';
  // The name line as read, parsed by its structure (mrz-name.ts): fillers read as K/C/L/S told from letters; else the fixed line.
  const decoded = raw ? decodeMrzName(raw[2].replace(/[0-9]/g, (c) => TO_ALPHA[c] ?? '<'), { fillersAsLetters: fillersAsLettersIn(raw[1]) }) : undefined;
  const [sur = '', given = ''] = l3.replace(/<+$/, '').split('<<');
  const name = decoded?.name ?? [sur, given].map((p) => p.replace(/</g, ' ').trim()).filter(Boolean).join(' ');
  if (/^[A-Z]+( [A-Z]+)*$/.test(name) && name.length >= 2) fields.fullNameAscii = name;
  const nameDoubtful = fields.fullNameAscii !== undefined && decoded?.doubtful === true;
  return { fields, lines: fixed.lines, corrections: fixed.corrections, compositeMissing, repaired, ...(nameDoubtful ? { nameDoubtful } : {}) };
}

const DIGITS = /^\d+$/;

/** Line 1 after confusion fixes: document number, the 12-digit ID and both their check digits agree. */
function line1Consistent(l1: string): boolean {
  const doc = l1.slice(5, 14);
  const id = l1.slice(15, 27);
  return (
    l1.startsWith('IDVNM') &&
    DIGITS.test(doc) &&
    DIGITS.test(id) &&
    icaoCheckDigit(doc) === Number(l1[14]) &&
    icaoCheckDigit(id) === Number(l1[29]) &&
    id.slice(3) === doc &&
    l1.slice(27, 29) === '<<'
  );
}

/** Line 2 after confusion fixes: birth and expiry dates with their check digits, sex, nationality. */
function line2Consistent(l2: string): boolean {
  const birth = l2.slice(0, 6);
  const expiry = l2.slice(8, 14);
  return (
    DIGITS.test(birth) &&
    icaoCheckDigit(birth) === Number(l2[6]) &&
    'MF<'.includes(l2[7]!) &&
    ((DIGITS.test(expiry) && icaoCheckDigit(expiry) === Number(l2[14])) || (expiry === '<<<<<<' && '0<'.includes(l2[14]!))) &&
    l2.slice(15, 18) === 'VNM' &&
    /^<+$/.test(l2.slice(18, 29))
  );
}

/** What a repaired reading must also satisfy: the card's own redundancy beyond the check digits. */
const REPAIR_MUST_AGREE: ReadonlySet<CheckCode> = new Set(['id_format', 'id_province', 'id_birth_year', 'id_sex', 'birth_implausible', 'expiry_not_birthday']);

/**
 * A repaired reading is kept only when the ID's structure agrees with line 2 (known province, the
 * century+sex digit and the birth year's last two digits against the birth date and sex) and the
 * expiry falls on the 14th/25th/40th/60th birthday — so a chance check-digit match is not enough.
 */
function structureAgrees(f: IdCardFields, now: Date): boolean {
  if (!f.idNumber || !f.dateOfBirth || !f.sex) return false;
  return !checkFields(f, now).issues.some((i) => REPAIR_MUST_AGREE.has(i.code));
}

/**
 * The single edits tried on a line of OCR text: one character removed (a doubled or ghost glyph),
 * one filler added next to a filler (a lost `<`), or both on a line of the right length. Positions
 * 0–4 of line 1 (`IDVNM`) are never edited. Returns distinct lines of 30.
 */
export function mrzLineEdits(line: string, lineIndex: number): string[] {
  const from = lineIndex === 0 ? 5 : 0;
  const out = new Set<string>();
  const deletions = (s: string): string[] => {
    const r: string[] = [];
    for (let i = from; i < s.length; i++) r.push(s.slice(0, i) + s.slice(i + 1));
    return r;
  };
  const insertions = (s: string): string[] => {
    const r: string[] = [];
    for (let i = from; i <= s.length; i++) if (s[i - 1] === '<' || s[i] === '<') r.push(s.slice(0, i) + '<' + s.slice(i));
    return r;
  };
  if (line.length === 31) for (const d of deletions(line)) out.add(d);
  else if (line.length === 29) for (const d of insertions(line)) out.add(d);
  else if (line.length === 30) for (const d of deletions(line)) for (const e of insertions(d)) if (e !== line) out.add(e);
  return [...out].filter((l) => l.length === 30);
}

/**
 * Check-digit-guided repair: every combination of single edits of lines 1 and 2 is fixed for
 * confusions and kept only when line 1 (document number = last 9 of the ID, both check digits) and
 * line 2 (both date check digits) are consistent, the composite digit matches — or, unreadable
 * (a letter where only a digit can be), is recomputed as when OCR loses it — and the ID's structure
 * agrees with the dates and sex (`structureAgrees`). Exactly one distinct reading must survive;
 * otherwise nothing is returned.
 */
function repairByCheckDigits(raw: readonly [string, string, string], fitted: [string, string, string] | undefined, now: Date): MrzResult | undefined {
  let l3: string;
  try {
    l3 = fitted?.[2] ?? fitLength(raw[2], 2);
  } catch {
    return undefined;
  }
  const options = (li: 0 | 1): string[] => {
    const set = new Set(mrzLineEdits(raw[li], li));
    if (raw[li].length === 30) set.add(raw[li]);
    try {
      set.add(fitted?.[li] ?? fitLength(raw[li], li));
    } catch {
      /* no plain fit: edits only */
    }
    return [...set];
  };
  const ok1 = new Map<string, string>();
  for (const c of options(0)) {
    const f = fixMrzConfusions([c, '<'.repeat(30), l3]).lines[0];
    if (line1Consistent(f)) ok1.set(f, c);
  }
  const ok2 = new Map<string, string>();
  for (const c of options(1)) {
    const f = fixMrzConfusions(['<'.repeat(30), c, l3]).lines[1];
    if (line2Consistent(f)) ok2.set(f, c);
  }
  const found: MrzResult[] = [];
  for (const [f1, c1] of ok1) {
    for (const [f2, c2] of ok2) {
      const composite = icaoCheckDigit(f1.slice(5, 30) + f2.slice(0, 7) + f2.slice(8, 15) + f2.slice(18, 29));
      const last = f2[29]!;
      const unreadable = !/[0-9<]/.test(last);
      if (!unreadable && last !== '<' && Number(last) !== composite) continue;
      const fixed = fixMrzConfusions([c1, c2, l3]);
      try {
        const r = parseFixedLines(fixed, now, true, unreadable, raw);
        r.corrections += [c1, c2].filter((c, i) => c !== raw[i]).length;
        if (structureAgrees(r.fields, now)) found.push(r);
      } catch {
        /* a check the quick tests above do not cover failed: not this one */
      }
    }
  }
  const distinct = new Set(found.map((r) => JSON.stringify(r.fields)));
  if (distinct.size !== 1) return undefined;
  // Of the equivalent readings, the one that kept the composite digit it read, with the fewest changes.
  return found.sort((a, b) => Number(a.compositeMissing) - Number(b.compositeMissing) || a.corrections - b.corrections)[0];
}
