/**
 * Telex and VNI input-method composer: a small state machine the on-screen
 * keyboard drives one key at a time. It always works on the word being typed
 * (the letters after the last space, digit or punctuation mark) and re-places
 * the tone after every key, so the result is correct whatever order the marks
 * are typed in ("tieengs" and "tiengse" → "tiếng"; "hoaf" + "n" → "hoàn").
 *
 * Rules (see docs/vietnamese-input.md):
 *   Telex  s f r x j = sắc huyền hỏi ngã nặng, z = remove tone,
 *          aa â, ee ê, oo ô, aw ă, ow ơ, uw ư, uow ươ, w alone ư, dd đ.
 *   VNI    1–5 tones, 0 remove, 6 circumflex, 7 horn, 8 breve, 9 đ.
 *   Undo   a modifier pressed again when its mark is already there removes the
 *          mark and types the key as a letter ("ass" → "as", "aaa" → "aa",
 *          "ddd" → "dd", "ww" → "w", "a11" → "a1"); the rest of that word is
 *          then typed literally (so "masss" gives "mass"), until a space,
 *          punctuation or backspace.
 *   A key that does not apply is typed as itself (English words, numbers).
 *
 * Layer: common — pure code, no DOM.
 */
import { isLetter, parseSyllable, renderSyllable, retoneWord, VALID_NUCLEI, type Syllable, type Tone, type ToneStyle, type VowelSlot } from './syllable.ts';

export type ImeMode = 'telex' | 'vni';

export interface ComposerOptions {
  /** Tone placement for oa/oe/uy open syllables; default 'classic' (hòa, khỏe, thủy). */
  toneStyle?: ToneStyle;
}

export interface Composer {
  readonly mode: ImeMode;
  /** Feed one key (a character as shown on the key); returns the new text. */
  press(key: string): string;
  /** Delete the last character; returns the new text. */
  backspace(): string;
  text(): string;
  reset(): void;
  /** Replace the whole text (e.g. when a field regains focus). */
  setText(s: string): void;
}

const TELEX_TONES: Readonly<Record<string, Tone>> = { s: 1, f: 2, r: 3, x: 4, j: 5 };

const CIRCUMFLEX: Readonly<Record<string, string>> = { a: 'â', ă: 'â', e: 'ê', o: 'ô', ơ: 'ô' };
const FAMILY: Readonly<Record<string, string>> = { a: 'a', ă: 'a', â: 'a', e: 'e', ê: 'e', o: 'o', ô: 'o', ơ: 'o' };
const HAS_CIRCUMFLEX = new Set(['â', 'ê', 'ô']);
const HORN: Readonly<Record<string, string>> = { o: 'ơ', ô: 'ơ', u: 'ư' };
const BREVE: Readonly<Record<string, string>> = { a: 'ă', â: 'ă' };
const UNMARK: Readonly<Record<string, string>> = { ă: 'a', ơ: 'o', ư: 'u' };

type HornKind = 'w' | 'horn' | 'breve';

/**
 * "ưo" is not Vietnamese: once something follows it (a final consonant, a vowel
 * or a tone), it must have been "ươ" — so "nguwoif" and "cuwoif" give "người", "cười".
 */
function completeUo(s: Syllable): void {
  const v = s.nucleus;
  for (let i = 0; i + 1 < v.length; i++) {
    if (v[i]!.base === 'ư' && v[i + 1]!.base === 'o' && (s.coda !== '' || s.tone !== 0 || v.length > i + 2)) v[i + 1]!.base = 'ơ';
  }
}

function nucleusKey(n: readonly VowelSlot[], at = -1, base = ''): string {
  let s = '';
  for (let i = 0; i < n.length; i++) s += i === at ? base : n[i]!.base;
  return s;
}

export function createComposer(mode: ImeMode, options: ComposerOptions = {}): Composer {
  const style: ToneStyle = options.toneStyle ?? 'classic';
  let buf = '';
  /** After an undo: the rest of the current word is typed literally. */
  let raw = false;
  /** This key / the previous key typed a standalone ư with "w" (so "ww" → "w"). */
  let standaloneW = false;
  let prevStandaloneW = false;

  /** Index in buf where the word being typed starts. */
  function wordStart(): number {
    let i = buf.length;
    while (i > 0 && isLetter(buf[i - 1]!)) i--;
    return i;
  }

  function setWord(start: number, word: string): void {
    buf = buf.slice(0, start) + word;
  }

  function render(s: Syllable): string {
    return renderSyllable(s, style);
  }

  function applyTone(start: number, word: string, tone: Tone, key: string): boolean {
    const s = parseSyllable(word);
    if (!s || s.nucleus.length === 0) return false;
    if (s.tone === tone) {
      s.tone = 0;
      setWord(start, render(s) + key);
      raw = true;
      return true;
    }
    s.tone = tone;
    completeUo(s);
    setWord(start, render(s));
    return true;
  }

  function removeTone(start: number, word: string): boolean {
    const s = parseSyllable(word);
    if (!s || s.tone === 0) return false;
    s.tone = 0;
    setWord(start, render(s));
    return true;
  }

  /** Telex a/e/o (families given) or VNI 6 (all three families). */
  function circumflex(start: number, word: string, families: readonly string[], key: string): boolean {
    const s = parseSyllable(word);
    if (!s) return false;
    const v = s.nucleus;
    for (let i = v.length - 1; i >= 0; i--) {
      const base = v[i]!.base;
      const fam = FAMILY[base];
      if (fam === undefined || !families.includes(fam)) continue;
      if (HAS_CIRCUMFLEX.has(base)) {
        v[i]!.base = fam;
        setWord(start, render(s) + key);
        raw = true;
        return true;
      }
      const next = CIRCUMFLEX[base]!;
      if (VALID_NUCLEI.has(nucleusKey(v, i, next))) {
        v[i]!.base = next;
        setWord(start, render(s));
        return true;
      }
    }
    return false;
  }

  /** Telex w (horn or breve, or a standalone ư), VNI 7 (horn) and 8 (breve). */
  function hornOrBreve(start: number, word: string, kind: HornKind, key: string): boolean {
    const s = parseSyllable(word);
    if (!s) return false;
    const v = s.nucleus;
    // "ww" → "w": undo a standalone ư typed by the previous key.
    if (kind === 'w' && prevStandaloneW && v.length === 1 && v[0]!.base === 'ư' && s.coda === '' && s.tone === 0) {
      setWord(start, word.slice(0, -1) + key);
      raw = true;
      return true;
    }
    // u + o → ươ (truowng, dduwowng, uwow)
    if (kind !== 'breve') {
      for (let i = 0; i + 1 < v.length; i++) {
        const a = v[i]!.base;
        const b = v[i + 1]!.base;
        if ((a === 'u' || a === 'ư') && (b === 'o' || b === 'ơ' || b === 'ô')) {
          if (a === 'ư' && b === 'ơ') break; // already ươ: fall through to undo
          v[i]!.base = 'ư';
          v[i + 1]!.base = 'ơ';
          setWord(start, render(s));
          return true;
        }
      }
    }
    const marks = kind === 'breve' ? ['ă'] : kind === 'horn' ? ['ơ', 'ư'] : ['ă', 'ơ', 'ư'];
    if (v.some((slot) => marks.includes(slot.base))) {
      for (const slot of v) if (marks.includes(slot.base)) slot.base = UNMARK[slot.base]!;
      setWord(start, render(s) + key);
      raw = true;
      return true;
    }
    for (let i = v.length - 1; i >= 0; i--) {
      const base = v[i]!.base;
      const next = kind === 'breve' ? BREVE[base] : kind === 'horn' ? HORN[base] : (HORN[base] ?? BREVE[base]);
      if (next === undefined) continue;
      if (VALID_NUCLEI.has(nucleusKey(v, i, next))) {
        v[i]!.base = next;
        setWord(start, render(s));
        return true;
      }
    }
    if (kind === 'w' && v.length === 0) {
      setWord(start, word + (key === 'W' ? 'Ư' : 'ư'));
      standaloneW = true;
      return true;
    }
    return false;
  }

  /** dd / d9 → đ; the onset must be d (or đ, to undo). */
  function stroke(start: number, word: string, key: string): boolean {
    const s = parseSyllable(word);
    if (!s) return false;
    if (s.onset === 'd' || s.onset === 'D') {
      s.onset = s.onset === 'D' ? 'Đ' : 'đ';
      setWord(start, render(s));
      return true;
    }
    if (s.onset === 'đ' || s.onset === 'Đ') {
      s.onset = s.onset === 'Đ' ? 'D' : 'd';
      setWord(start, render(s) + key);
      raw = true;
      return true;
    }
    return false;
  }

  function telex(start: number, word: string, key: string): boolean {
    const k = key.toLowerCase();
    const tone = TELEX_TONES[k];
    if (tone !== undefined) return applyTone(start, word, tone, key);
    switch (k) {
      case 'z':
        return removeTone(start, word);
      case 'a':
      case 'e':
      case 'o':
        return circumflex(start, word, [k], key);
      case 'w':
        return hornOrBreve(start, word, 'w', key);
      case 'd':
        return stroke(start, word, key);
      default:
        return false;
    }
  }

  function vni(start: number, word: string, key: string): boolean {
    switch (key) {
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
        return applyTone(start, word, Number(key) as Tone, key);
      case '0':
        return removeTone(start, word);
      case '6':
        return circumflex(start, word, ['a', 'e', 'o'], key);
      case '7':
        return hornOrBreve(start, word, 'horn', key);
      case '8':
        return hornOrBreve(start, word, 'breve', key);
      case '9':
        return stroke(start, word, key);
      default:
        return false;
    }
  }

  function literal(key: string): void {
    if (isLetter(key)) {
      const start = wordStart();
      const word = buf.slice(start) + key;
      const s = raw ? null : parseSyllable(word);
      if (s) completeUo(s);
      setWord(start, s && s.nucleus.length > 0 ? render(s) : word);
    } else {
      buf += key;
      raw = false;
    }
  }

  const composer: Composer = {
    mode,
    press(key: string): string {
      if (key === '') return buf;
      prevStandaloneW = standaloneW;
      standaloneW = false;
      const chars = Array.from(key.normalize('NFC'));
      if (chars.length !== 1) {
        // A whole string (paste, a suggestion): typed as it is, the word ends.
        buf += key.normalize('NFC');
        raw = false;
        return buf;
      }
      const ch = chars[0]!;
      if (!raw) {
        const start = wordStart();
        const word = buf.slice(start);
        const done = mode === 'telex' ? telex(start, word, ch) : vni(start, word, ch);
        if (done) return buf;
      }
      literal(ch);
      return buf;
    },
    backspace(): string {
      const chars = Array.from(buf);
      chars.pop();
      buf = chars.join('');
      raw = false;
      standaloneW = false;
      const start = wordStart();
      if (start < buf.length) setWord(start, retoneWord(buf.slice(start), style));
      return buf;
    },
    text: () => buf,
    reset(): void {
      buf = '';
      raw = false;
      standaloneW = false;
    },
    setText(s: string): void {
      buf = s.normalize('NFC');
      raw = false;
      standaloneW = false;
    },
  };
  return composer;
}

function convert(mode: ImeMode, typed: string, options?: ComposerOptions): string {
  const c = createComposer(mode, options);
  for (const ch of typed) c.press(ch);
  return c.text();
}

/** What a Telex typist meant: "dangw kys khai sinh" → "đăng ký khai sinh". */
export function telexToVi(typed: string, options?: ComposerOptions): string {
  return convert('telex', typed, options);
}

/** What a VNI typist meant: "d9a8ng ky1" → "đăng ký". */
export function vniToVi(typed: string, options?: ComposerOptions): string {
  return convert('vni', typed, options);
}
