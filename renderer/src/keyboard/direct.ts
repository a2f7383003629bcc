/**
 * The direct-diacritics layout: for residents who know neither Telex nor VNI.
 * They type plain letters, then tap a tone key (sắc, huyền, hỏi, ngã, nặng) or
 * a mark key (â ă ê ô ơ ư đ) and it is applied to the word being typed.
 * Layer: renderer, pure string code (no DOM).
 *
 *  - A tone goes on the word; `normalizeVi` (common/text) then puts it on the
 *    right vowel ("tieng" + sắc → "tiéng", + ê → "tiếng"; "hoa" + huyền → "hòa").
 *    The same tone again removes it.
 *  - A mark turns the last matching letter of the word (a for â/ă, e for ê,
 *    o for ô/ơ, u for ư, d for đ); the same mark again turns it back. With
 *    nothing to turn, the key types its letter ("â" on an empty word types "â").
 *    "uo" with ư becomes "ươ" ("nguoi" + ư → "ngươi"), as the composers do.
 *  - Every letter typed re-places the tone of its word ("hó" + "an" → "hoán").
 */
import { normalizeVi } from '../../../common/text/fold.ts';

export type ToneName = 'sac' | 'huyen' | 'hoi' | 'nga' | 'nang';
export type MarkName = 'aa' | 'aw' | 'ee' | 'oo' | 'ow' | 'uw' | 'dd';

export const TONES: readonly ToneName[] = ['sac', 'huyen', 'hoi', 'nga', 'nang'];
export const MARKS: readonly MarkName[] = ['aa', 'aw', 'ee', 'oo', 'ow', 'uw', 'dd'];

const TONE_MARK: Readonly<Record<ToneName, string>> = { sac: '\u0301', huyen: '\u0300', hoi: '\u0309', nga: '\u0303', nang: '\u0323' };
const TONE_RE = /[\u0300\u0301\u0303\u0309\u0323]/g;
const CIRCUMFLEX = '\u0302';
const BREVE = '\u0306';
const HORN = '\u031B';
const SHAPE_RE = /[\u0302\u0306\u031B]/g;

/** What a mark key does: which plain letters it applies to, and the mark it sets. */
const MARK_RULE: Readonly<Record<Exclude<MarkName, 'dd'>, { bases: string; shape: string; letter: string }>> = {
  aa: { bases: 'a', shape: CIRCUMFLEX, letter: 'â' },
  aw: { bases: 'a', shape: BREVE, letter: 'ă' },
  ee: { bases: 'e', shape: CIRCUMFLEX, letter: 'ê' },
  oo: { bases: 'o', shape: CIRCUMFLEX, letter: 'ô' },
  ow: { bases: 'o', shape: HORN, letter: 'ơ' },
  uw: { bases: 'u', shape: HORN, letter: 'ư' },
};

/** The letter a mark key shows (and types when there is nothing to mark). */
export function markLetter(m: MarkName): string {
  return m === 'dd' ? 'đ' : MARK_RULE[m].letter;
}

/** A sample vowel for a tone key's label: á à ả ã ạ. */
export function toneSample(t: ToneName): string {
  return ('a' + TONE_MARK[t]).normalize('NFC');
}

const LETTER = /\p{L}/u;
const VOWEL_BASE = /^[aeiouy]$/i;

interface Parts {
  base: string;
  shape: string;
  tone: string;
}

function parts(ch: string): Parts {
  const d = ch.normalize('NFD');
  const base = d[0] ?? '';
  const marks = d.slice(1);
  return { base, shape: (marks.match(SHAPE_RE) ?? []).join(''), tone: (marks.match(TONE_RE) ?? []).join('') };
}

function join(p: Parts): string {
  return (p.base + p.shape + p.tone).normalize('NFC');
}

/** Where the word being typed starts: the trailing letters (after trailing spaces, the last word). */
export function currentWordRange(text: string): { start: number; end: number } {
  let end = text.length;
  while (end > 0 && text[end - 1] === ' ') end--;
  let start = end;
  while (start > 0 && LETTER.test(text[start - 1]!)) start--;
  return { start, end };
}

function replaceWord(text: string, f: (word: string) => string | null): string {
  const { start, end } = currentWordRange(text);
  const word = text.slice(start, end);
  const next = f(word);
  return next === null ? text : text.slice(0, start) + next + text.slice(end);
}

/** The tone of a word, or null. */
export function toneOf(word: string): ToneName | null {
  const marks = word.normalize('NFD').match(TONE_RE);
  if (!marks) return null;
  return TONES.find((t) => TONE_MARK[t] === marks[0]) ?? null;
}

/** Apply a tone to a word; the same tone again removes it. A word without a vowel is returned unchanged. */
export function toneWord(word: string, tone: ToneName): string {
  const chars = Array.from(word.normalize('NFC'));
  const had = toneOf(word);
  const bare = chars.map((c) => {
    const p = parts(c);
    return join({ ...p, tone: '' });
  });
  if (had === tone) return bare.join('');
  let at = -1;
  for (let i = bare.length - 1; i >= 0; i--) {
    if (VOWEL_BASE.test(parts(bare[i]!).base)) {
      at = i;
      break;
    }
  }
  if (at < 0) return word;
  const p = parts(bare[at]!);
  bare[at] = join({ ...p, tone: TONE_MARK[tone] });
  return normalizeVi(bare.join(''));
}

/** Apply a mark (â ă ê ô ơ ư đ) to a word; see the module comment. */
export function markWord(word: string, mark: MarkName): string {
  const chars = Array.from(word.normalize('NFC'));
  if (mark === 'dd') {
    for (let i = chars.length - 1; i >= 0; i--) {
      const c = chars[i]!;
      const swap: Record<string, string> = { d: 'đ', D: 'Đ', đ: 'd', Đ: 'D' };
      if (swap[c]) {
        chars[i] = swap[c];
        return chars.join('');
      }
    }
    return word + (chars.length > 0 && chars.every((c) => c === c.toUpperCase() && c !== c.toLowerCase()) ? 'Đ' : 'đ');
  }
  const rule = MARK_RULE[mark];
  for (let i = chars.length - 1; i >= 0; i--) {
    const p = parts(chars[i]!);
    if (p.base.toLowerCase() !== rule.bases) continue;
    const toggledOff = p.shape === rule.shape;
    chars[i] = join({ ...p, shape: toggledOff ? '' : rule.shape });
    // "ưo" is not Vietnamese: ư on the u of "uo" makes "ươ".
    if (mark === 'uw' && !toggledOff && i + 1 < chars.length) {
      const n = parts(chars[i + 1]!);
      if (n.base.toLowerCase() === 'o' && n.shape === '') chars[i + 1] = join({ ...n, shape: HORN });
    }
    return normalizeVi(chars.join(''));
  }
  // Nothing to mark: type the letter itself (upper case inside an upper-case word).
  const upper = chars.length > 0 && chars.every((c) => c === c.toUpperCase() && c !== c.toLowerCase());
  return normalizeVi(word + (upper ? rule.letter.toUpperCase() : rule.letter));
}

/** Text-level helpers: apply to the word being typed (or the last word before trailing spaces). */
export function applyTone(text: string, tone: ToneName): string {
  return replaceWord(text, (w) => (w === '' ? null : toneWord(w, tone)));
}

/**
 * Apply a mark to the word being typed. With no word being typed (empty text,
 * or after a space) the key starts a new word with its letter: ăn, ông, đi.
 */
export function applyMark(text: string, mark: MarkName, upper = false): string {
  const last = text[text.length - 1];
  if (last === undefined || !LETTER.test(last)) {
    const letter = markLetter(mark);
    return typeDirect(text, upper ? letter.toUpperCase() : letter);
  }
  return replaceWord(text, (w) => markWord(w, mark));
}

/** Type one character in direct mode: append it, then re-place the tone of its word. */
export function typeDirect(text: string, ch: string): string {
  const next = text + ch;
  if (!LETTER.test(ch)) return next;
  const { start, end } = currentWordRange(next);
  return next.slice(0, start) + normalizeVi(next.slice(start, end)) + next.slice(end);
}
