/**
 * The 12-digit ID's readings compared digit by digit (session 9, idfront2). The front's ID box is read
 * several independent ways (front-digits.ts: two models, two line modes, two binarisations, two sizes,
 * and more looks when weak); the choice among whole readings is structural (front-labels.ts: province,
 * century+sex digit, year against the date of birth). Structure cannot see the last six digits, and a
 * province code misread as another valid one (083 → 082) passes it too: what tells those apart is how
 * the readings agree **at each position**.
 *
 *  - `positionSupport`: for a chosen ID, the share of the 12-digit readings that have its digit at each
 *    position. A position where most readings say something else is a digit the reader is not sure of.
 *  - `positionConsensus`: the digit most readings give at each position (a reading whose digits are
 *    each the majority's, even when no single reading had all of them right: ROVER-style voting).
 *
 * Pure string code.
 */
import { checkFields, decodeIdNumber } from './check.ts';
import { englishDecides, withDecided } from './model-vote.ts';

/** One reading of the ID (12 digits or anything else, which does not vote). */
export interface IdVote {
  value: string;
}

const isId = (v: string) => /^\d{12}$/.test(v);

/** For each of the 12 positions, the share (0..1) of the 12-digit readings whose digit there is `id`'s. */
export function positionSupport(id: string, readings: readonly IdVote[]): number[] {
  const rs = readings.filter((r) => isId(r.value));
  if (!isId(id) || rs.length === 0) return new Array<number>(12).fill(0);
  return [...id].map((d, i) => rs.filter((r) => r.value[i] === d).length / rs.length);
}

/** Per position, how many 12-digit readings give each digit. */
export function positionCounts(readings: readonly IdVote[]): Map<string, number>[] {
  const counts = Array.from({ length: 12 }, () => new Map<string, number>());
  for (const r of readings) if (isId(r.value)) [...r.value].forEach((d, i) => counts[i]!.set(d, (counts[i]!.get(d) ?? 0) + 1));
  return counts;
}

/**
 * The digit-by-digit majority of the 12-digit readings: at each position the digit most readings give.
 * Undefined when there are fewer than three such readings or any position is a tie (no majority to take).
 */
export function positionConsensus(readings: readonly IdVote[]): string | undefined {
  if (readings.filter((r) => isId(r.value)).length < 3) return undefined;
  let out = '';
  for (const c of positionCounts(readings)) {
    const top = [...c.entries()].sort((a, b) => b[1] - a[1]);
    if (top.length > 1 && top[0]![1] === top[1]![1]) return undefined;
    out += top[0]![0];
  }
  return out;
}

/**
 * Structural score of an ID reading: known province code +2, a century+sex digit above 5 −2, the
 * century and year agreeing with a date of birth +3; −1 for a value that is not 12 digits.
 */
export function idScore(id: string, dob?: string): number {
  const s = decodeIdNumber(id);
  if (!s) return -1;
  let score = s.provinceKnown ? 2 : 0;
  if (Number(id[3]) > 5) score -= 2;
  if (dob) {
    const y = Number(dob.slice(0, 4));
    if (y - (y % 100) === s.century && y % 100 === s.yy) score += 3;
  }
  return score;
}

/** The ID's century+sex digit and its two year digits agree with the date of birth (idScore's +3). */
export const idAgreesWithDob = (id: string, dob: string): boolean => idScore(id, dob) - idScore(id) >= 3;

/** A birth date in the future or over 125 years ago is not one (an expiry date read without its label). */
export const plausibleBirth = (d: string): boolean => !checkFields({ dateOfBirth: d }).issues.some((i) => i.code === 'birth_implausible');

/** A reading of the ID or of a date: its value, tesseract's confidence (0..100) and where it came from. */
export interface FieldReading {
  value: string;
  conf: number;
  via: 'page' | 'crop';
  /** Which of tesseract's models read it (a box's reading); the page's text is the Vietnamese model's. */
  model?: 'vie' | 'eng';
}

export interface IdDobChoice<R extends FieldReading> {
  id?: R;
  dob?: R;
  /** The ID's confidence (0..1): how much its readings agree digit by digit (see `idConfidence`). */
  idConfidence: number;
  /** The confidence of the ID's century+sex digit alone (for the sex it gives, common/idcard/sex.ts). */
  sexDigitConfidence: number;
  /**
   * The date of birth's year is confirmed only by ID digits (century, year: positions 4–6) that the
   * renderings do not agree on: a misread year and a misread ID can agree with each other (1969 read
   * for 1959, and two of six ID readings 069 for 059). Its confidence must then say so.
   */
  dobUnsure: boolean;
}

/** Below this, a position's support means the renderings disagree there (a digit the reader is not sure of). */
export const SURE_SUPPORT = 0.75;
/**
 * Fewer 12-digit readings than this cannot show agreement. A confidence the fusion may raise (an ID
 * agreeing with the date of birth +0.3 of what is left, with the sex +0.3 again — fuse.ts) must start at
 * or below this to stay under the confirm screen's 0.8 mark: 1 − (1 − 0.55) × 0.7 × 0.7 = 0.78.
 */
export const MIN_READINGS = 3;
export const UNSURE_CONFIDENCE = 0.55;

/**
 * The ID's confidence from how its readings agree: with at least three 12-digit readings, every
 * position supported by ≥ 75 % of them gives 0.8 (at 75 %) to 0.95 (all agree); any position below that
 * gives at most 0.55 — as does an ID with fewer than three readings (nothing to agree with) — so that
 * the fusion's raises for agreeing with the date of birth and the sex (which the last six digits and a
 * province code read as another valid one never touch) keep it below 0.8, and the confirm screen marks
 * it for the resident to check.
 */
export function idConfidence(id: string, readings: readonly IdVote[], positions: readonly number[] = ALL): number {
  const n = readings.filter((r) => isId(r.value)).length;
  if (n < MIN_READINGS) return Math.min(UNSURE_CONFIDENCE, 0.3 + 0.25 * n);
  const sup = positionSupport(id, readings);
  const min = Math.min(...positions.map((i) => sup[i]!));
  if (min < SURE_SUPPORT) return UNSURE_CONFIDENCE * Math.max(0.5, min / SURE_SUPPORT);
  return 0.8 + 0.15 * ((min - SURE_SUPPORT) / (1 - SURE_SUPPORT));
}
const ALL = Array.from({ length: 12 }, (_, i) => i);
/** The most an ID gets when a position was decided by the English model against the Vietnamese one (model-vote.ts): above the confirm screen's 0.8 mark, below every reading agreeing. */
export const DECIDED_CONFIDENCE = 0.85;

/**
 * The ID and the date of birth chosen together (the ID's century and year must match the date):
 * structure first (`idScore`), then a date read beside its label (+1), never the expiry (−3), then
 * the readings' agreement — for the ID **digit by digit**: its votes are the fewest readings that agree
 * with it at any one position (a reading whose every digit most readings share collects them even when
 * another reading differs at one place; a whole-string count split two ways by one misread digit does
 * not), and the position-wise majority joins the readings when no reading is it. `labelDobs` are the
 * dates read beside their label (the rest came from the page's text), `expiries` the expiry's readings.
 */
export function chooseIdAndDob<R extends FieldReading>(idsRead: readonly R[], dobs: readonly R[], labelDobs: readonly R[], expiries: readonly R[], makeReading: (value: string) => R): IdDobChoice<R> {
  // Where the English model's readings agree and one is confident, its digit decides a position the Vietnamese
  // model's renderings read otherwise (model-vote.ts): those readings count with the English digit there.
  const decided = englishDecides(idsRead, 12, isId);
  const overruled = decided.some((d) => d !== undefined);
  const ids = overruled ? idsRead.map((r) => (isId(r.value) ? { ...r, value: withDecided(r.value, decided, isId) } : r)) : idsRead;
  const idList = [...ids];
  const cons = positionConsensus(ids);
  if (cons && !ids.some((r) => r.value === cons)) idList.push(makeReading(cons));
  const counts = positionCounts(ids);
  const votes = (v: string) => (isId(v) ? Math.min(...[...v].map((d, i) => counts[i]!.get(d) ?? 0)) : ids.filter((r) => r.value === v).length);
  let bestId: R | undefined;
  let bestDob: R | undefined;
  let bestScore = -Infinity;
  for (const id of idList.length ? idList : [undefined])
    for (const dob of dobs.length ? dobs : [undefined]) {
      if (!id && !dob) continue;
      let sc = id ? idScore(id.value, dob?.value) : 0;
      if (dob && !id) sc += 0.5;
      if (dob && labelDobs.includes(dob)) sc += 1; // read beside its label
      if (dob && expiries.some((e) => e.value === dob.value)) sc -= 3;
      // Readings that agree vote (below the structure: a known province or the year's agreement outweighs them).
      if (id) sc += 0.4 * (votes(id.value) - 1);
      if (dob) sc += 0.3 * (dobs.filter((r) => r.value === dob.value).length - 1);
      sc += ((id?.conf ?? 50) + (dob?.conf ?? 50)) / 1000 + (id?.via === 'crop' ? 0.01 : 0);
      if (sc > bestScore) {
        bestScore = sc;
        bestId = id;
        bestDob = dob;
      }
    }
  if (!bestId || idScore(bestId.value, bestDob?.value) < 0) return { dob: bestDob, idConfidence: 0, sexDigitConfidence: 0, dobUnsure: false };
  const yearSupport = positionSupport(bestId.value, ids).slice(3, 6);
  const dobUnsure = !!bestDob && idAgreesWithDob(bestId.value, bestDob.value) && ids.length >= MIN_READINGS && Math.min(...yearSupport) < SURE_SUPPORT;
  // A position one model decided against the other is not as sure as one every reading agreed on.
  const cap = (c: number, positions: readonly number[]) => (positions.some((i) => decided[i] !== undefined) ? Math.min(c, DECIDED_CONFIDENCE) : c);
  return { id: bestId, dob: bestDob, idConfidence: cap(idConfidence(bestId.value, ids), ALL), sexDigitConfidence: cap(idConfidence(bestId.value, ids, [3]), [3]), dobUnsure };
}
