/**
 * The MRZ's name line (TD1 line 3) read back into words when the face's fillers come out as letters.
 *
 * ICAO 9303 gives the line its structure: `SURNAME<<GIVEN<NAMES<<<…`, the primary identifier (the surname, one or two
 * words: Tôn Nữ, Âu Dương) and the secondary one split by `<<`, each word by one `<`, padded with `<` to 30; letters
 * A–Z only (Vietnamese names without their marks). In OCR-B — the ICAO face, as on real cards — tesseract reads a `<`
 * as `<`, as K, C, L or S, or as two glyphs (`<K`, `K<`), so `VO<<NGOC<HUYEN<<<…` came back `VO<K<SNGOC<KHUYEN<K<L<LLLL…`
 * and the filler rules made for other faces gave "VO K SNGOC KHUYEN" (generator 7: fullNameAscii 0/24).
 *
 * The line is parsed as words and separators, every K/C/L/S being either a letter or (part of) a filler:
 *  - a separator is one `<` (between two words) or `<<` (once, after the surname), each `<` read as 1–2 glyphs of
 *    `<KCLS`; after the last word the padding may hold any of them;
 *  - a word is a run of letters; it costs nothing when it can be a Vietnamese syllable once its marks are put back
 *    (`asciiSyllable`: onset, a real nucleus, final, the spelling rules k/gh/ngh before i/e/y, c and ng not) and a
 *    little less when it is a listed surname or given name (`name.ts`, `given-names.ts`); a word that cannot be a
 *    syllable (a misread letter, or a name of the Central Highlands: KSOR, EBAN) costs 1 per letter;
 *  - a filler read as a letter costs `letterFiller`, low when the line's own padding shows this face reads fillers
 *    as letters (≥ 2 of K/C/L/S after the last name: `fillersAsLetters`), else too high ever to pay — a clean face
 *    keeps every letter it read, as before.
 * The cheapest parse gives the name. It is `doubtful` when a word cannot be a syllable, or a parse within one filler's
 * cost gives another name (`<KHANH`: the name Khánh, or `<K` + Hạnh) — the caller lowers its confidence so the
 * confirmation screen marks it. The name line has no check digit: nothing here touches the other lines, and no
 * letter is ever made up — a letter is kept or taken for a filler, nothing else.
 *
 * Layer: common — pure string code.
 */
import { fold } from '../text/fold.ts';
import { CODAS, ONSETS, parseSyllable, VALID_NUCLEI } from '../text/syllable.ts';
import { namesOfLetters } from './given-names.ts';
import { VIETNAMESE_SURNAMES } from './name.ts';

/** Letters tesseract reads a `<` as in some faces. */
export const FILLER_LETTERS: ReadonlySet<string> = new Set(['K', 'C', 'L', 'S']);
const isFillerGlyph = (c: string): boolean => c === '<' || FILLER_LETTERS.has(c);

const NUCLEI = new Set([...VALID_NUCLEI].map((n) => fold(n)));
const ONSETS_ASCII = new Set([...ONSETS].map((o) => fold(o)));
const SURNAMES = new Set(VIETNAMESE_SURNAMES.flatMap((s) => fold(s).split(' ')));
// the diphthongs iê/yê/uyê close with a final (written ia/ya/uya when open); the long oo only before ng or c
// (boong, xoong, soóc): an open "DOO" is a misreading (of DO, generator 9's MRZ), never a name
const OPEN_NOT = new Set(['ie', 'ye', 'uye', 'oo']);

/** A word of A–Z that can be a Vietnamese syllable once its marks are put back (DUC → Đức, HUYEN → Huyền). */
export function asciiSyllable(word: string): boolean {
  if (!/^[A-Z]{1,7}$/.test(word)) return false;
  const s = parseSyllable(word.toLowerCase());
  if (!s || s.nucleus.length === 0) return false;
  const nucleus = s.nucleus.map((v) => v.base).join('');
  if (!NUCLEI.has(nucleus) || !CODAS.has(s.coda) || !ONSETS_ASCII.has(s.onset.toLowerCase())) return false;
  if (s.coda === '' && OPEN_NOT.has(nucleus)) return false;
  const on = s.onset.toLowerCase();
  const front = ['i', 'e', 'y'].includes(nucleus[0]!);
  if ((on === 'k' || on === 'gh' || on === 'ngh') && !front) return false;
  if ((on === 'c' || on === 'ng' || on === 'g') && front) return false;
  return true;
}

/** A surname (one word of one) or a middle/given name on the project's lists, by its letters. */
function listedName(word: string): boolean {
  const w = word.toLowerCase();
  return SURNAMES.has(w) || namesOfLetters(w).length > 0;
}

export interface MrzNameReading {
  /** The name as words of A–Z, single spaces (surname first). */
  name: string;
  /** A word that cannot be a syllable, or another parse about as likely: the caller lowers the confidence. */
  doubtful: boolean;
  /** Fillers were read as letters on this line (the parse took some letters for fillers). */
  fillersAsLetters: boolean;
}

const INVALID_WORD = 1;
const INVALID_PER_LETTER = 0.5;
/** A word of filler-like letters only (K, LK, CC) or one consonant: a filler, not a name, unless nothing else fits. */
const NOT_A_WORD_PER_LETTER = 3;
const VALID_PER_LETTER = -0.1;
const LISTED = -1;
/** A filler read as a letter (K/C/L/S) on a face that shows it does so; on a clean face, never. */
const NOISY_LETTER_FILLER = 0.5;
const CLEAN_LETTER_FILLER = 100;
/** One `<` read as two glyphs, or `<<` read as one or as three or four. */
const WRONG_COUNT = 0.3;
/** Another name within this cost of the best: doubtful. */
const CLOSE = 1;

/** The longest run taken as one word (a syllable has at most 7 letters; a misread one may run on). */
const MAX_WORD = 14;

function wordCost(w: string): number {
  if (!asciiSyllable(w)) {
    if ([...w].every((c) => FILLER_LETTERS.has(c)) || (w.length === 1 && !'AEIOUYH'.includes(w))) return NOT_A_WORD_PER_LETTER * w.length;
    return INVALID_WORD + INVALID_PER_LETTER * w.length;
  }
  return VALID_PER_LETTER * w.length + (listedName(w) ? LISTED : 0);
}

/** The cost of reading `glyphs` (all `<KCLS`) for `n` fillers (1 or 2). */
function separatorCost(glyphs: string, n: number, letterFiller: number): number {
  let letters = 0;
  for (const c of glyphs) if (c !== '<') letters++;
  const extra = Math.abs(glyphs.length - n);
  if (glyphs.length > 2 * n) return Infinity;
  return letters * letterFiller + extra * WRONG_COUNT;
}

/** The trailing run of fillers and filler-like letters shows letters: this face reads fillers as letters. */
export function fillersAsLetters(line: string): boolean {
  const m = /[<KCLS]*$/.exec(line)!;
  let letters = 0;
  for (const c of m[0]) if (c !== '<') letters++;
  return letters >= 2;
}

/** Line 2's optional data (after `VNM`, before the composite) shows ≥ 2 letters where only fillers can be. */
export function fillersAsLettersIn(line2: string): boolean {
  const v = line2.indexOf('VNM', 12);
  if (v < 0) return false;
  const run = /^[<KCLS]*/.exec(line2.slice(v + 3))![0];
  let letters = 0;
  for (const c of run) if (c !== '<') letters++;
  return letters >= 2;
}

interface Parse {
  cost: number;
  words: string[];
  /** The `<<` after the surname was placed. */
  double: boolean;
}

/**
 * Decode a name line as read (upper case, `<` for fillers; any length). `fillersAsLetters`: the caller saw this face
 * read fillers as letters elsewhere (line 2's optional data, `fillersAsLettersIn`). Undefined when no parse fits (a glyph that is
 * neither a letter nor a filler, text after the padding): the caller keeps its plain reading.
 */
export function decodeMrzName(line: string, opts: { fillersAsLetters?: boolean } = {}): MrzNameReading | undefined {
  // the repair (mrz.ts) parses the same name line under each candidate of lines 1–2: the last answer is kept
  const key = `${opts.fillersAsLetters === true}:${line}`;
  if (last?.key !== key) last = { key, value: decode(line, opts) };
  return last.value;
}

let last: { key: string; value: MrzNameReading | undefined } | undefined;

function decode(line: string, opts: { fillersAsLetters?: boolean }): MrzNameReading | undefined {
  const s = line.toUpperCase().replace(/[^A-Z<]/g, '<');
  const noisy = opts.fillersAsLetters === true || fillersAsLetters(s);
  const letterFiller = noisy ? NOISY_LETTER_FILLER : CLEAN_LETTER_FILLER;
  const n = s.length;
  // best[i][d]: cheapest parses of s[i..] starting with a word, d = the `<<` already used; keep the two best names
  const memo = new Map<string, Parse[]>();
  const costs = new Map<string, number>();
  const keep = (ps: Parse[]): Parse[] => {
    const seen = new Map<string, Parse>();
    for (const p of ps.sort((a, b) => a.cost - b.cost)) {
      const k = p.words.join(' ');
      if (!seen.has(k)) seen.set(k, p);
      if (seen.size >= 2) break;
    }
    return [...seen.values()];
  };
  const fromWord = (i: number, usedDouble: boolean): Parse[] => {
    const key = `${i}:${usedDouble}`;
    const hit = memo.get(key);
    if (hit) return hit;
    const out: Parse[] = [];
    for (let j = i + 1; j <= Math.min(n, i + MAX_WORD) && s[j - 1] !== '<'; j++) {
      const w = s.slice(i, j);
      let wc = costs.get(w);
      if (wc === undefined) costs.set(w, (wc = wordCost(w)));
      // the padding: the rest is fillers and filler-like letters (the name may end the line)
      const rest = s.slice(j);
      if ([...rest].every(isFillerGlyph) && (rest === '' || rest[0] === '<' || noisy)) out.push({ cost: wc, words: [w], double: false });
      // a separator of 1–4 glyphs, then the next word
      for (let k = j + 1; k <= Math.min(n, j + 4); k++) {
        const g = s.slice(j, k);
        if (![...g].every(isFillerGlyph)) break;
        if (k < n && s[k] === '<') continue; // a separator ends before a letter
        for (const double of usedDouble ? [false] : [false, true]) {
          const sc = separatorCost(g, double ? 2 : 1, letterFiller);
          if (!Number.isFinite(sc) || k >= n) continue;
          for (const p of fromWord(k, usedDouble || double)) out.push({ cost: wc + sc + p.cost, words: [w, ...p.words], double: double || p.double });
        }
      }
    }
    const r = keep(out);
    memo.set(key, r);
    return r;
  };
  if (!s[0] || s[0] === '<') return undefined;
  // a name of several words with no `<<`: one of its fillers lost
  const parses = fromWord(0, false).map((p) => (p.words.length > 1 && !p.double ? { ...p, cost: p.cost + WRONG_COUNT } : p));
  const [best, second] = keep(parses);
  if (!best || !Number.isFinite(best.cost)) return undefined;
  const invalid = best.words.some((w) => !asciiSyllable(w));
  const close = second !== undefined && second.cost - best.cost < CLOSE;
  const plain = s.replace(/[<KCLS]*$/, '');
  const tookFillers = best.words.join('').length < plain.replace(/</g, '').length;
  return { name: best.words.join(' '), doubtful: invalid || close, fillersAsLetters: noisy && tookFillers };
}
