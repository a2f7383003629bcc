/**
 * The Vietnamese syllable: onset consonant(s), vowel nucleus, final consonant
 * (coda) and one tone for the whole syllable. Shared by the input-method
 * composer (ime.ts) and the normaliser (fold.ts).
 *
 * Layer: common — pure string code, no Node, DOM or React.
 */

/**
 * Where the tone goes in an open syllable with two vowels and no vowel that
 * carries a shape mark (the "oa", "oe", "uy" question):
 *  - 'classic'  → hòa, khỏe, thủy  (the kiosk default; Unikey's default, most
 *                 printed text; the brief for issue 3 asks for this one)
 *  - 'reformed' → hoà, khoẻ, thuỷ  (the 1980s/2018 school rule: the tone goes
 *                 on the main vowel, after the glide o/u)
 * Every other case is the same in both styles.
 */
export type ToneStyle = 'classic' | 'reformed';

/** 0 = no tone (ngang), 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng (VNI digit order). */
export type Tone = 0 | 1 | 2 | 3 | 4 | 5;

const TONE_MARKS = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'] as const;

/** Vowel letters with their shape marks (the "base" of a vowel slot). */
export const VOWEL_BASES = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'] as const;

interface VowelInfo {
  base: string;
  tone: Tone;
  upper: boolean;
}

const VOWEL_INFO = new Map<string, VowelInfo>();
const VOWEL_FORM = new Map<string, string>();

for (const base of VOWEL_BASES) {
  for (let t = 0; t < TONE_MARKS.length; t++) {
    const lower = (base + TONE_MARKS[t]).normalize('NFC');
    const upper = lower.toUpperCase();
    VOWEL_INFO.set(lower, { base, tone: t as Tone, upper: false });
    VOWEL_INFO.set(upper, { base, tone: t as Tone, upper: true });
    VOWEL_FORM.set(base + t, lower);
  }
}

/** Vowel information for one (NFC) character, or undefined for a non-vowel. */
export function vowelInfo(ch: string): VowelInfo | undefined {
  return VOWEL_INFO.get(ch);
}

export function isVowelChar(ch: string): boolean {
  return VOWEL_INFO.has(ch);
}

/** The NFC character for a vowel base with a tone, in the given case. */
export function vowelChar(base: string, tone: Tone, upper: boolean): string {
  const lower = VOWEL_FORM.get(base + tone) ?? base;
  return upper ? lower.toUpperCase() : lower;
}

/** Onsets of Vietnamese syllables (lower case). */
export const ONSETS: ReadonlySet<string> = new Set([
  '', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh', 'nh', 'p', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x',
]);

/** Final consonants (lower case). */
export const CODAS: ReadonlySet<string> = new Set(['', 'c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't']);

/**
 * Vowel nuclei that exist in Vietnamese (shape marks, no tone). The composer
 * only performs a shape change (circumflex, horn, breve) when the result is
 * one of these, so "ao" + a does not become "âo".
 */
export const VALID_NUCLEI: ReadonlySet<string> = new Set([
  'a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y',
  'ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iê', 'iu', 'oa', 'oă', 'oe', 'oi', 'ôi', 'ơi', 'oo', 'ua', 'uâ', 'uê', 'ui', 'uô', 'uơ', 'uy', 'ưa', 'ưi', 'ươ', 'ưu', 'yê',
  'iêu', 'yêu', 'oai', 'oay', 'oeo', 'uây', 'uôi', 'ươi', 'ươu', 'uyê', 'uya', 'uyu',
]);

/** Vowel bases that carry a shape mark: when present, the tone goes on one of them. */
const MARKED = new Set(['ă', 'â', 'ê', 'ô', 'ơ', 'ư']);

export interface VowelSlot {
  base: string;
  upper: boolean;
}

export interface Syllable {
  /** The onset as written (case kept), e.g. "Ngh", "qu", "gi". */
  onset: string;
  nucleus: VowelSlot[];
  /** The final consonant as written (case kept). */
  coda: string;
  tone: Tone;
}

/**
 * Parse one word as a Vietnamese syllable. Returns null when it cannot be one:
 * an unknown onset or coda, vowels after the coda, or more than one tone.
 * A word with no vowel yet ("tr", "ngh", "") parses with an empty nucleus.
 */
export function parseSyllable(word: string): Syllable | null {
  const chars = Array.from(word);
  const n = chars.length;
  let i = 0;
  let onset = '';
  while (i < n && !VOWEL_INFO.has(chars[i]!)) onset += chars[i++];
  const nucleus: VowelSlot[] = [];
  let tone: Tone = 0;
  let tones = 0;
  while (i < n) {
    const info = VOWEL_INFO.get(chars[i]!);
    if (!info) break;
    nucleus.push({ base: info.base, upper: info.upper });
    if (info.tone !== 0) {
      tone = info.tone;
      tones++;
    }
    i++;
  }
  let coda = '';
  while (i < n) {
    const ch = chars[i++]!;
    if (VOWEL_INFO.has(ch)) return null;
    coda += ch;
  }
  if (tones > 1) return null;
  const onsetLower = onset.toLowerCase();
  // "gi" and "qu" onsets: the i / u belongs to the onset when another vowel follows
  // (gia, giữ, quý, quốc) — but "gì", "gìn" keep i as the vowel.
  if (onsetLower === 'g' && nucleus.length >= 2 && nucleus[0]!.base === 'i') {
    const slot = nucleus.shift()!;
    onset += slot.upper ? 'I' : 'i';
  } else if (onsetLower === 'q' && nucleus.length >= 1 && nucleus[0]!.base === 'u') {
    const slot = nucleus.shift()!;
    onset += slot.upper ? 'U' : 'u';
  }
  if (!ONSETS.has(onset.toLowerCase())) return null;
  if (!CODAS.has(coda.toLowerCase())) return null;
  if (nucleus.length === 0 && coda !== '') return null;
  return { onset, nucleus, coda, tone };
}

/**
 * Which vowel of the nucleus carries the tone.
 *  1. a vowel with a shape mark (ă â ê ô ơ ư) — the last one, so "ươ" → ơ;
 *  2. a single vowel;
 *  3. with a final consonant: the last vowel (hoàn, thuận, huỳnh);
 *  4. three vowels, open: the middle one (ngoài, khuỷu, ngoẹo);
 *  5. two vowels, open: the first (mía, múa, tài, hòa, khỏe, thủy) — except
 *     oa/oe/uy in the 'reformed' style, which take the second (hoà, khoẻ, thuỷ).
 * The i of "gi" and the u of "qu" are part of the onset, so "giả", "quý".
 */
export function toneIndex(bases: readonly string[], hasCoda: boolean, style: ToneStyle = 'classic'): number {
  const n = bases.length;
  if (n === 0) return -1;
  let marked = -1;
  for (let i = 0; i < n; i++) if (MARKED.has(bases[i]!)) marked = i;
  if (marked >= 0) return marked;
  if (n === 1) return 0;
  if (hasCoda) return n - 1;
  if (n >= 3) return 1;
  if (style === 'reformed') {
    const pair = bases[0]! + bases[1]!;
    if (pair === 'oa' || pair === 'oe' || pair === 'uy') return 1;
  }
  return 0;
}

/** Write a syllable back as an NFC string with the tone in its place. */
export function renderSyllable(s: Syllable, style: ToneStyle = 'classic'): string {
  const bases = s.nucleus.map((v) => v.base);
  const at = s.tone === 0 ? -1 : toneIndex(bases, s.coda !== '', style);
  let out = s.onset;
  for (let i = 0; i < s.nucleus.length; i++) {
    const v = s.nucleus[i]!;
    out += vowelChar(v.base, i === at ? s.tone : 0, v.upper);
  }
  return out + s.coda;
}

/** Re-place the tone of one word; words that are not Vietnamese syllables come back unchanged. */
export function retoneWord(word: string, style: ToneStyle = 'classic'): string {
  const s = parseSyllable(word);
  if (!s || s.tone === 0 || s.nucleus.length === 0) return word;
  return renderSyllable(s, style);
}

/** True for one character that is a letter in any script. */
export function isLetter(ch: string): boolean {
  return LETTER.test(ch);
}
const LETTER = /^\p{L}$/u;
