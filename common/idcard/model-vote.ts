/**
 * Which of tesseract's two models to believe at a digit where they disagree (session 11, idfront4).
 *
 * The front's ID box is read by the Vietnamese model (the page's language: line, raw line, two sizes) and the
 * English model (line and raw line, Otsu and Sauvola, two sizes) — front-digits.ts. The readings are not
 * independent voters: each model makes the same slip on every rendering of one typeface. On development fronts
 * of generators 3, 6 and 8 the Vietnamese model read a 3 as 5 (and 6 as 0, 4 as 1) on every one of its
 * renderings while the English model, trained on far more digits, read it right on every one of its own; the
 * page's reading (the Vietnamese model again) tipped the count, and a province code came out as another valid
 * one (`058…` for `038…`) or a last digit wrong, with the structure unable to tell.
 *
 * The rule: at a position where **at least three of the English model's 12-digit readings all give the same
 * digit, one of its readings was confident (tesseract ≥ 90) or all of them are the very same number, and other
 * readings say something else**, the English digit is the position's — the dissent there is one model's slip,
 * repeated, not evidence. Where the English readings disagree at that position, or none is confident and they differ
 * elsewhere (a dark, noisy front read at 50, its English readings …635 / …655: there the English digit was wrong),
 * nothing changes and the readings vote as before. On 114 development fronts (generators 1, 3–8) the English model so
 * agreed was right at all 47 positions where another reading differed; unanimous at the position but neither
 * confident nor the same number throughout, it was wrong at 1 of 5.
 *
 * Pure string code.
 */

/** A reading that may say which of tesseract's models read it and how confident it was (0..100). */
export interface ModelReading {
  value: string;
  conf?: number;
  model?: 'vie' | 'eng';
}

/** At least this many English readings of the value must agree at a position for the English digit to decide it. */
export const ENG_MIN_READINGS = 3;
/** …and one of them must have been read at least this confidently (tesseract's line confidence, 0..100). */
export const ENG_MIN_CONF = 90;

/**
 * Per position of a value of `length` characters: the English model's character where it decides the
 * position (see above), else undefined. `ok` says which values take part (12 digits for the ID).
 */
export function englishDecides(readings: readonly ModelReading[], length: number, ok: (v: string) => boolean): (string | undefined)[] {
  const none = new Array<string | undefined>(length).fill(undefined);
  const all = readings.filter((r) => r.value.length === length && ok(r.value));
  const eng = all.filter((r) => r.model === 'eng');
  // Confident, or every English reading the very same number (tesseract's confidence is ~0 on an over-sharpened photo).
  const sure = eng.some((r) => (r.conf ?? 0) >= ENG_MIN_CONF) || eng.every((r) => r.value === eng[0]!.value);
  if (eng.length < ENG_MIN_READINGS || !sure) return none;
  return none.map((_, i) => {
    const e = eng[0]!.value[i]!;
    if (eng.some((r) => r.value[i] !== e)) return undefined;
    return all.some((r) => r.value[i] !== e) ? e : undefined;
  });
}

/** A value with the decided positions' characters put in (unchanged when it does not take part). */
export function withDecided(value: string, decided: readonly (string | undefined)[], ok: (v: string) => boolean): string {
  if (value.length !== decided.length || !ok(value)) return value;
  return [...value].map((c, i) => decided[i] ?? c).join('');
}
