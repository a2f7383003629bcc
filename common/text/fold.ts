/**
 * Folding and normalising Vietnamese text.
 *  - fold():        for matching — lower case, no diacritics, đ → d, single spaces.
 *  - normalizeVi(): for comparing and storing — NFC with one tone placement, so text
 *                   from different keyboards/engines ("hoà" vs "hòa") compares equal.
 *
 * Layer: common — pure string code.
 */
import { retoneWord, type ToneStyle } from './syllable.ts';

export type { ToneStyle } from './syllable.ts';

const MARKS = /\p{M}/gu;
const SPACES = /\s+/gu;

/** Lower-case, strip every combining mark, map đ → d and collapse whitespace: "Đăng  Ký" → "dang ky". */
export function fold(s: string): string {
  return s.toLowerCase().normalize('NFD').replace(MARKS, '').replace(/đ/g, 'd').replace(SPACES, ' ').trim();
}

const WORD = /\p{L}+/gu;

/**
 * NFC, and every Vietnamese syllable's tone moved to one consistent place
 * (default 'classic': hòa, thủy, khỏe, quý, giả, trường). Case is kept; words
 * that are not Vietnamese syllables (English, names with several accents) are
 * left as they are.
 */
export function normalizeVi(s: string, style: ToneStyle = 'classic'): string {
  return s.normalize('NFC').replace(WORD, (w) => retoneWord(w, style));
}

/** Folded words of a text (letters and digits), for indexing and querying. */
export function foldWords(s: string): string[] {
  return fold(s)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}
