/**
 * A partial MRZ read by its own check digits (session 9, idcam2). When a thumb, glare or the card's edge hides
 * part of the three lines, the strict parse (`parseMrz`: 3 × 30 characters, every check digit and the composite)
 * fails. ICAO 9303 TD1 on the Vietnamese card (shared/reference/cccd.md) protects each field on its own, so a
 * field can still be taken from the part of a line that is legible — **only** with its own check digits, never
 * composed or guessed:
 *
 * - **The ID from the end of line 1**: `…<document number, last 9 digits of the ID><its check digit>` + `<the
 *   12-digit ID>` + `<<` + `<the ID's check digit>`. Taken when the ID's own check digit passes, the document
 *   number's check digit (the digit just before the ID) is the check digit of the ID's last 9 digits, and every
 *   legible digit of the document number before it (at least 4) equals the ID's — two independent check digits
 *   and the line's own redundancy; then the ID's structure (a known province, a century+sex digit 0–9) is
 *   checked by the caller's fusion as for any source. The line's start (`IDVNM`) may be hidden.
 * - **The date of birth from line 2**: `<birth YYMMDD><check>` `<M|F|<>` `<expiry YYMMDD><check>` `VNM` — both
 *   dates' check digits must pass (a chance pass of one digit is 1 in 10; of both, 1 in 100, and the literal
 *   `VNM` after them), the dates must be real; the sex is taken with it. The end of the line (the composite) may
 *   be hidden. The century comes from the ID's century+sex digit when the ID was read and its year agrees,
 *   else the nearer past century, as in the strict parse.
 *
 * The composite check digit cannot be verified on a partial reading; the caller marks it partial and lowers its
 * confidence. When all three lines are legible the strict parse is used, composite and all.
 */
import { decodeIdNumber } from './check.ts';
import { fromYymmdd, todayIso, type IdCardFields } from './fields.ts';
import { icaoCheckDigit, noExpiryRun, TO_DIGIT, TO_FILLER } from './mrz.ts';

/** A `<`, or what the strict parse takes for one. */
const isFiller = (c: string): boolean => c === '<' || TO_FILLER[c] === '<';

const digitsOf = (s: string): string => s.replace(/[A-Z]/g, (c) => TO_DIGIT[c] ?? c);

export interface PartialMrz {
  fields: IdCardFields;
  /** Which lines gave fields (1 = the ID, 2 = the dates). */
  lines: (1 | 2)[];
}

/** The ID from the end of a line-1 reading, or undefined (see the module's note). */
export function idFromLine1(line: string): string | undefined {
  const s = line.toUpperCase().replace(/\s+/g, '');
  // <doc check><12-digit ID><two fillers><ID check> at the end of the line, the document number's digits before it
  const m = /([0-9A-Z])([0-9A-Z]{12})(..)([0-9A-Z])$/.exec(s);
  if (!m || ![...m[3]!].every(isFiller)) return undefined;
  const docCheck = digitsOf(m[1]!);
  const id = digitsOf(m[2]!);
  const idCheck = digitsOf(m[4]!);
  if (!/^\d$/.test(docCheck) || !/^\d{12}$/.test(id) || !/^\d$/.test(idCheck)) return undefined;
  if (icaoCheckDigit(id) !== Number(idCheck)) return idFromBothCopies(s.slice(0, m.index), id, docCheck, idCheck);
  if (icaoCheckDigit(id.slice(3)) !== Number(docCheck)) return undefined;
  // the legible end of the document number (4–9 digits) is the ID's last digits
  const before = s.slice(0, m.index);
  let legible = 0;
  for (let k = Math.min(9, before.length); k >= 4 && !legible; k--) {
    const d = digitsOf(before.slice(-k));
    if (/^\d+$/.test(d) && id.slice(3).endsWith(d)) legible = k;
  }
  return legible >= 4 ? id : undefined;
}

/**
 * (session 11) The ID's last 9 digits are printed twice on line 1 — the document number, then inside the ID — each copy
 * under its own check digit. When the ID's check digit fails and the whole document number is legible and differs from
 * the ID's copy at exactly one digit (a dotted zero read 8 in one copy, not the other), the ID with the document
 * number's digit there is taken only if **both** check digits then pass. A one-digit change always fails a 7-3-1
 * check digit, so the copy read wrong cannot pass; nothing is composed — the digit is the card's own, read in its other
 * copy. Undefined otherwise.
 */
function idFromBothCopies(before: string, id: string, docCheck: string, idCheck: string): string | undefined {
  const doc = digitsOf(before.slice(-9));
  if (!/^\d{9}$/.test(doc)) return undefined;
  const tail = id.slice(3);
  const diff = [...doc].flatMap((d, i) => (d === tail[i] ? [] : [i]));
  if (diff.length !== 1) return undefined;
  const fixed = id.slice(0, 3) + doc;
  if (icaoCheckDigit(fixed) !== Number(idCheck) || icaoCheckDigit(doc) !== Number(docCheck)) return undefined;
  return fixed;
}

/** Birth date, sex and expiry from a line-2 reading (both date check digits pass), or undefined. */
export function datesFromLine2(line: string, id: string | undefined, now: Date = new Date()): Pick<IdCardFields, 'dateOfBirth' | 'sex' | 'dateOfExpiry'> | undefined {
  const read = line.toUpperCase().replace(/\s+/g, '');
  // a card valid for life: its expiry is six fillers, check digit 0 (mrz.ts noExpiryRun), read back from any start
  let s = read;
  for (let i = 0; i + 8 <= read.length && s === read; i++) s = read.slice(0, i) + noExpiryRun(read.slice(i));
  const m = /([0-9A-Z]{6})([0-9A-Z])([MF<KC])([0-9A-Z]{6}|<{6})([0-9A-Z])VNM/.exec(s);
  if (!m) return undefined;
  const [birth, birthCheck, expiry, expiryCheck] = [m[1]!, m[2]!, m[4]!, m[5]!].map(digitsOf) as [string, string, string, string];
  const noExpiry = expiry === '<<<<<<' && expiryCheck === '0';
  if (!/^\d{6}$/.test(birth) || !(noExpiry || /^\d{6}$/.test(expiry)) || ![birthCheck, expiryCheck].every((x) => /^\d$/.test(x))) return undefined;
  if (icaoCheckDigit(birth) !== Number(birthCheck) || (!noExpiry && icaoCheckDigit(expiry) !== Number(expiryCheck))) return undefined;
  const yy = Number(birth.slice(0, 2));
  const st = id ? decodeIdNumber(id) : undefined;
  const century = st && st.yy === yy ? st.century : yy > now.getUTCFullYear() % 100 ? 1900 : 2000;
  const dateOfBirth = fromYymmdd(birth, century);
  const dateOfExpiry = noExpiry ? undefined : fromYymmdd(expiry, 2000);
  if (!dateOfBirth || (!noExpiry && !dateOfExpiry)) return undefined;
  const out: Pick<IdCardFields, 'dateOfBirth' | 'sex' | 'dateOfExpiry'> = { dateOfBirth, ...(dateOfExpiry ? { dateOfExpiry } : {}) };
  if (m[3] === 'M') out.sex = 'Nam';
  else if (m[3] === 'F') out.sex = 'Nữ';
  return out;
}

/**
 * (session 10) Birth date, sex and expiry from a line 2 whose START is hidden (a thumb over the card's edge: `7259F3207257VNM…`
 * for `920725 9 F 320725 7 VNM…`) — only with the ID read from line 1. Up to three leading characters may be hidden:
 * the birth year's two digits are the ID's (its own and the document number's check digits passed), a hidden first
 * month digit is the expiry's (the card expires on a birthday: the 14th, 25th, 40th or 60th). Taken only when the
 * **birth check digit** passes over the whole date so made, the **expiry's** own check digit passes, every visible
 * birth digit agrees with the ID's year and the expiry's day and month, the expiry falls on such a birthday, the sex
 * letter is the ID's, and the date is real. No digit is guessed: each comes from a field proven by its own check digits,
 * and the birth date's check digit proves them together. A card valid for life (no expiry) is not read this way.
 * (session 11) Up to all six birth digits may be hidden, as long as the birth date's check digit is visible: the
 * month and day are the expiry's by the same birthday rule (which gave the first month digit before), the year the ID's,
 * and the check digit still has to pass over the date so made.
 */
export function datesFromCoveredLine2(line: string, id: string, now: Date = new Date()): Pick<IdCardFields, 'dateOfBirth' | 'sex' | 'dateOfExpiry'> | undefined {
  const st = decodeIdNumber(id);
  if (!st) return undefined;
  const s = line.toUpperCase().replace(/\s+/g, '');
  // (session 11) down to the birth date's check digit alone visible: a thumb over the first 6 characters of line 2
  // (generator 4's hand-held back, development seed 26: `20F3409028VNM…` for `9409020F3409028VNM…`)
  const m = /^([0-9A-Z]{1,6})([MF])([0-9A-Z]{6})([0-9A-Z])VNM/.exec(s);
  if (!m) return undefined;
  const visible = digitsOf(m[1]!.slice(0, -1));
  const birthCheck = digitsOf(m[1]!.slice(-1));
  const expiry = digitsOf(m[3]!);
  const expiryCheck = digitsOf(m[4]!);
  if (!/^\d*$/.test(visible) || !/^\d{6}$/.test(expiry) || !/^\d$/.test(birthCheck) || !/^\d$/.test(expiryCheck)) return undefined;
  if (icaoCheckDigit(expiry) !== Number(expiryCheck)) return undefined;
  const hidden = 6 - visible.length; // 1–6
  // YY from the ID; the month and day from the expiry (the card expires on a birthday)
  const known = String(st.yy).padStart(2, '0') + expiry.slice(2, 6);
  const birth = known.slice(0, hidden) + visible;
  if (birth.slice(2, 6) !== expiry.slice(2, 6)) return undefined; // the expiry is on a birthday: the same month and day
  if (icaoCheckDigit(birth) !== Number(birthCheck)) return undefined;
  const sex = m[2] === 'M' ? 'Nam' : 'Nữ';
  if (sex !== st.sex) return undefined;
  const dateOfBirth = fromYymmdd(birth, st.century);
  const dateOfExpiry = fromYymmdd(expiry, 2000);
  if (!dateOfBirth || !dateOfExpiry) return undefined;
  const age = Number(dateOfExpiry.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  if (![14, 25, 40, 60].includes(age) || dateOfBirth > todayIso(now)) return undefined;
  return { dateOfBirth, sex, dateOfExpiry };
}

/**
 * The fields an MRZ reading that failed the strict parse still proves, line by line; undefined when no line's
 * own check digits pass. `text` is the OCR text of the MRZ region (any number of lines).
 */
export function parsePartialMrz(text: string, now: Date = new Date()): PartialMrz | undefined {
  const rows = text.split(/\n/).map((l) => l.trim()).filter(Boolean);
  let id: string | undefined;
  for (const r of rows) {
    id = idFromLine1(r);
    if (id) break;
  }
  let dates: ReturnType<typeof datesFromLine2>;
  for (const r of rows) {
    dates = datesFromLine2(r, id, now);
    if (dates) break;
  }
  // a line 2 whose start a thumb hides: the birth year from the ID (datesFromCoveredLine2)
  if (!dates && id) {
    for (const r of rows) {
      dates = datesFromCoveredLine2(r, id, now);
      if (dates) break;
    }
  }
  if (!id && !dates) return undefined;
  const fields: IdCardFields = { ...(id ? { idNumber: id } : {}), ...(dates ?? {}) };
  // The ID's century+sex digit and year must agree with line 2's when both were read (a chance pass is refused).
  const st = id ? decodeIdNumber(id) : undefined;
  if (st && dates?.dateOfBirth) {
    const year = Number(dates.dateOfBirth.slice(0, 4));
    const yearOk = st.yy === year % 100 && st.century === year - (year % 100);
    const sexOk = !dates.sex || st.sex === dates.sex;
    if (!yearOk || !sexOk) return undefined;
  }
  return { fields, lines: [...(id ? [1 as const] : []), ...(dates ? [2 as const] : [])] };
}
