/**
 * Two structural steps on the name's readings (session 9, idname2), both from what is known of
 * Vietnamese names, neither from any one set of cards:
 *
 *  - `restoreLostMarks` (after the vote): a word after the surname that EVERY reading gave without a
 *    single mark, whose unmarked spelling is no name on the priors (common/idcard/given-names.ts) while
 *    exactly one marked spelling of the same letters is — "VAN" in the middle of a name is Văn, "THI"
 *    there is Thị, a last word "TUAN" is Tuấn. Tesseract loses marks on bold capitals often (the breve
 *    of Ă, the dot below Ị, the stroke of Đ) and, on the development readings, rarely makes one up: the
 *    absence of a mark is weak evidence, the prior decides. Never against a mark a reading saw (a word
 *    some reading read with any mark is left to the vote and the tie-break, name-tiebreak.ts), never
 *    when the unmarked spelling is a name itself (Minh, Thanh, Lan, Hai …), never when two marked
 *    spellings compete (Hùng/Hưng, Thùy/Thúy: left as read), never the surname (the surname list's job).
 *  - `dropStrayWord` (each reading, before the vote): a first word that is not the name's — a label's
 *    fragment ("Tên", "NAME") or a stroke read as a letter ("I", "Ñ") — in front of a word that is a
 *    listed surname that is not also a common middle name (Văn, Hoàng, Kim: "Š VĂN BẢO HÙNG" was ĐỖ VĂN
 *    BẢO HÙNG with its surname garbled). Cut only when that first word cannot be a surname: it is no
 *    surname on the list (nor could be one with its marks lost), and it is one letter or a word of the
 *    name's label. A rare surname off the list is never cut (it is neither); a garbled piece of the
 *    surname ("PH CÁM BẦO …" for PHẠM BẢO …) is not cut either: cutting it gains nothing.
 */
import { isCommonMiddleName, namesOfLetters, twoWordSurname } from '../../common/idcard/given-names.ts';
import { LABELS } from '../../common/idcard/labels.ts';
import { isVietnameseSyllable, surnameOf, titleCaseVi as title } from '../../common/idcard/name.ts';
import { fold } from '../../common/text/fold.ts';

/** The word carries no mark at all: no tone, no circumflex/breve/horn, no đ. */
export function unmarked(word: string): boolean {
  return !/\p{M}/u.test(word.normalize('NFD')) && !/[đĐ]/u.test(word);
}

/**
 * The one spelling with marks that the priors make of an unmarked word at place `i` of an `n`-word
 * name (0 = surname), or undefined. Middle words: the common middle names first (Văn, Thị …: an unmarked
 * "Thi" is a given name, not a middle one), then the given-name rule. Given-name rule: the unmarked spelling is on no list, and exactly one spelling of
 * its letters is (common or in use).
 */
export function restoredSpelling(word: string, i: number, n: number): string | undefined {
  if (i === 0 || !unmarked(word)) return undefined;
  const w = word.normalize('NFC').toLocaleLowerCase('vi');
  const names = namesOfLetters(w);
  if (i < n - 1) {
    // in the middle, only the middle names count: "Thi" is a given name (poetry), but not a middle one
    if (isCommonMiddleName(w)) return undefined;
    const middle = names.filter(isCommonMiddleName);
    if (middle.length === 1) return title(middle[0]!);
    if (middle.length > 1) return undefined;
  }
  if (names.includes(w)) return undefined;
  return names.length === 1 && isVietnameseSyllable(names[0]!) ? title(names[0]!) : undefined;
}

/**
 * The voted words (title case) with the marks put back where every aligned reading (`readWords`, all
 * confidences) saw none at that place and `restoredSpelling` gives one. Also returns how many words
 * were changed (the caller lowers the name's confidence for them). The words of a two-word surname are
 * left alone.
 */
export function restoreLostMarks(voted: readonly string[], readWords: readonly (readonly string[])[]): { words: string[]; restored: number } {
  const out = [...voted];
  let restored = 0;
  const start = out.length >= 3 && twoWordSurname(out[0]!, out[1]!) ? 2 : 1;
  for (let i = start; i < out.length; i++) {
    const v = out[i]!;
    if (!unmarked(v)) continue;
    // a mark any reading saw at this place (on the same letters) is evidence: the vote and the tie-break decide
    if (readWords.some((r) => r[i] !== undefined && fold(r[i]!) === fold(v) && !unmarked(r[i]!))) continue;
    const r = restoredSpelling(v, i, out.length);
    if (r) {
      out[i] = r;
      restored++;
    }
  }
  return { words: out, restored };
}

/** The name label's words (both generations, vi + en, no marks) and the other label-only words: never a name's first word. */
// ("ho" and "va" left out: HƠ, HỒ, VÀ … are surnames or names with their marks lost — Hờ read "HƠ")
const LABEL_WORDS = new Set([...LABELS.fullName.flat().map((w) => w.replace(/[^a-z]/g, '')), 'date', 'birth', 'number', 'no', 'so', 'sex'].filter((w) => w !== 'ho' && w !== 'va'));

/**
 * A reading's first word cut off when it is a stray word in front of the name (see the file's note):
 * three or more words, the second (or the second and third, a two-word surname) a surname that is no
 * common middle name, the first no surname and one letter or a label word. Otherwise unchanged.
 */
export function dropStrayWord(text: string): string {
  const ws = text.trim().split(/\s+/);
  if (ws.length < 3) return text;
  const letters = (w: string) => w.replace(/[^\p{L}\p{M}]/gu, '');
  const [a, b, c] = [letters(ws[0]!), letters(ws[1]!), letters(ws[2]!)];
  if (b === '') return text;
  if (a !== '' && (surnameOf(title(a)) !== undefined || (ws.length >= 4 && twoWordSurname(a, b)))) return text;
  // (a surname that is also a common middle name — Văn, Hoàng, Kim — says nothing: "Š VĂN BẢO HÙNG" is ĐỖ VĂN … garbled)
  // (nor a common middle name as read: THỊ is no surname Thi with a tone made up)
  const s = surnameOf(title(b));
  const nextIsSurname = (s !== undefined && !isCommonMiddleName(s) && !isCommonMiddleName(b)) || (c !== '' && ws.length >= 4 && twoWordSurname(b, c) !== undefined);
  if (!nextIsSurname) return text;
  // (not "no syllable": "PH CÁM BẦO …" is PHẠM split, a garbled surname — cutting it gains nothing)
  const stray = a === '' || [...a.normalize('NFC')].length === 1 || LABEL_WORDS.has(fold(a));
  return stray ? ws.slice(1).join(' ') : text;
}

/**
 * A word split in two, put back together: two neighbouring words in capitals, the first no Vietnamese
 * syllable (a lone consonant, "DIỆ" with no final), that joined make one — "H ỒNG" for HỒNG,
 * "DIỆ U" for DIỆU (the line's word gaps are widened, text-line.ts, and a tall stacked mark — Ồ, Ệ —
 * can leave a gap beside it). Not a syllable with the next word's first letter ("NGUYỄN H ỒNG" is not
 * NGUYỄNH ỒNG: the lone letter is the next word's onset), never two syllables (splitRunTogether's case).
 */
export function joinSplitLetter(text: string): string {
  const ws = text.trim().split(/\s+/);
  const caps = (w: string) => /^\p{Lu}[\p{Lu}\p{M}]*$/u.test(w);
  const out: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    const next = ws[i + 1];
    if (next !== undefined && caps(w) && caps(next) && !isVietnameseSyllable(w) && isVietnameseSyllable(w + next)) {
      out.push(w + next);
      i++;
    } else out.push(w);
  }
  return out.join(' ');
}
