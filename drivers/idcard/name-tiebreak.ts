/**
 * Structural steps on the name's readings, before and after the word-by-word vote (front-name.ts
 * `voteName`):
 *  - `splitRunTogether`: two syllables read as one word are split where only one split makes both
 *    syllables ("NỮÁNH" → NỮ ÁNH).
 *  - `capitalCore`: both card generations print the name in capitals, so a reading's leading or
 *    trailing words that hold a lower-case letter are not the name — the tail of the label read with it
 *    ("cua. NGUYÊN THẾ MỪNG", "zin. …", "ae: …" had made the name "Cua Nguyên Thế Mừng").
 *  - `tieBreakMarks`: a word after the surname whose mark or tone the readings or the OCR model's own
 *    alternatives dispute (name-choices.ts) takes the spelling the name prior ranks higher
 *    (common/idcard/given-names.ts: "HAI" read by every rendering with Ả a candidate of the model →
 *    Hải). Only spellings that some reading gave or the model offered are considered: a mark nobody
 *    disputes is never changed, and a word no list knows keeps its vote. (session 12) A tone the readings
 *    saw is traded for another only on a tie among them, never for the model's alternative alone.
 */
import { givenNameRank, twoWordSurname } from '../../common/idcard/given-names.ts';
import { isKnownSurname, isVietnameseSyllable, modifiersWithin, titleCaseVi as title } from '../../common/idcard/name.ts';
import { fold } from '../../common/text/fold.ts';
import { parseSyllable } from '../../common/text/syllable.ts';
import { markAlternatives, oneCharAlternatives, type WordChoices } from './name-choices.ts';

const hasLower = (w: string) => /\p{Ll}/u.test(w);
/** A word in capitals, once the punctuation around it is set aside ('“ĐÌNH', 'NAM.'). */
const capitalWord = (w: string) => {
  const core = w.replace(/^[^\p{L}]+|[^\p{L}\p{M}]+$/gu, '');
  return core !== '' && !hasLower(core) && /^[\p{L}\p{M}]+$/u.test(core);
};

/** A word with no capital letter: lower case ("cua.", "ae:") or no letter at all ("-", ".."). */
const notName = (w: string) => !/\p{Lu}/u.test(w);

/**
 * The reading with its leading and trailing words that have no capital letter cut off, when at least
 * two words in capitals remain; otherwise the reading unchanged. A word in mixed case stays ('"Hỗ' is
 * the surname HỒ with its mark read small).
 */
export function capitalCore(text: string): string {
  const ws = text.trim().split(/\s+/);
  if (ws.filter(capitalWord).length < 2) return text;
  let a = 0;
  let b = ws.length;
  while (a < b && notName(ws[a]!)) a++;
  while (b > a && notName(ws[b - 1]!)) b--;
  return ws.slice(a, b).join(' ');
}

/**
 * Words tesseract ran together ("TÔN NỮÁNH" for TÔN NỮ ÁNH): a word of 4+ letters that is not a
 * Vietnamese syllable is split where both parts are syllables of 2+ letters — at the one such place,
 * or, when there are several ("THỊNHUNG": THỊ|NHUNG, THỊNH|UNG), where the name prior ranks the two
 * parts highest, if one place does. Any other word is left as read (a short garbled word such as "ÉÀ"
 * is not made into two).
 */
export function splitRunTogether(text: string): string {
  return text
    .split(/(\s+)/)
    .map((w) => {
      const letters = [...w.normalize('NFC')];
      if (letters.length < 4 || !/^[\p{L}\p{M}]+$/u.test(w) || isVietnameseSyllable(w) || couldBeOneSyllable(w)) return w;
      const cuts: { at: number; rank: number }[] = [];
      for (let i = 2; i <= letters.length - 2; i++) {
        const a = letters.slice(0, i).join('');
        const b = letters.slice(i).join('');
        if (isVietnameseSyllable(a) && isVietnameseSyllable(b)) cuts.push({ at: i, rank: givenNameRank(a) + givenNameRank(b) });
      }
      cuts.sort((x, y) => y.rank - x.rank);
      const best = cuts[0];
      if (!best || (cuts.length > 1 && cuts[1]!.rank === best.rank)) return w;
      return `${letters.slice(0, best.at).join('')} ${letters.slice(best.at).join('')}`;
    })
    .join('');
}

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/gu;

/**
 * The word may be one syllable whose marks were lost or misread ("UYEN" for UYÊN): it carries at most
 * one tone and its letters without marks have a syllable's structure (onset, vowels, final). Two
 * tones ("NỮÁNH") are two syllables.
 */
function couldBeOneSyllable(w: string): boolean {
  if ((w.normalize('NFD').match(TONE_MARKS) ?? []).length >= 2) return false;
  const s = parseSyllable(fold(w));
  return s !== null && s.nucleus.length > 0;
}

/** A hook for an acute over a horned vowel (Ở for Ớ, Ử for Ứ), the model's alternative, is weighed from this score, however far below the best (session 13). */
const HOOK_ON_HORN_MIN_CONF = 10;

/** `to` is `from` with the acute over one horned vowel (Ớ, Ứ) made the hook above (Ở, Ử), nothing else. */
function hookForAcuteOnHorn(from: string, to: string): boolean {
  const a = [...from.normalize('NFC')];
  const b = [...to.normalize('NFC')];
  if (a.length !== b.length) return false;
  const diff = a.map((ch, i) => [ch.normalize('NFD'), b[i]!.normalize('NFD')] as const).filter(([x, y]) => x !== y);
  return diff.length === 1 && diff[0]![0].includes('\u031B\u0301') && diff[0]![1] === diff[0]![0].replace('\u0301', '\u0309');
}

/** The model's alternatives must score at least this (0..100) and be within MARGIN of the character's best. */
export const CHOICE_MIN_CONF = 20;
export const CHOICE_MARGIN = 60;

/**
 * The voted words (title case) with each word after the surname tie-broken on its marks: the
 * candidates are the spellings of the same letters that the aligned readings gave at that place
 * (`readWords[k][i]`) and the model's one-mark alternatives of the readings' words of those letters
 * (`choices`); when one ranks higher on the name prior than the voted spelling, it is taken (among
 * equals: more readings, then the higher summed model score). The words of a two-word surname are left
 * to the surname's own checks.
 */
export function tieBreakMarks(voted: readonly string[], readWords: readonly (readonly string[])[], choices: readonly WordChoices[]): string[] {
  // (the caller passes only confident readings: a mark seen by an unsure reading alone is no dispute)
  const out = [...voted];
  const start = out.length >= 3 && twoWordSurname(out[0]!, out[1]!) ? 2 : 1;
  for (let i = start; i < out.length; i++) {
    const v = out[i]!;
    const f = fold(v);
    const cands = new Map<string, { reads: number; score: number }>();
    const add = (w: string, reads: number, score: number) => {
      const t = title(w);
      if (fold(t) !== f || !isVietnameseSyllable(t)) return;
      const c = cands.get(t) ?? { reads: 0, score: 0 };
      c.reads += reads;
      c.score += score;
      cands.set(t, c);
    };
    add(v, 0, 0);
    for (const r of readWords) if (r[i] !== undefined) add(r[i]!, 1, 0);
    // (session 12: not where the name has these letters twice — which rendering's word is whose is not known: "THÙY"
    // read in the second place had been the third's alternative, Thuỷ → Thùy, in Trần Thùy Thanh Thuỷ)
    const twice = out.some((o, j) => j !== i && fold(o) === f);
    // (session 13) The hook over a horned vowel is read as an acute, the model's hook a distant second (Ở 16–18 under
    // "HƯỚNG" for HƯỞNG, generator 10; BƯỚI ×3 for Bưởi, generator 9): that alternative is weighed from a lower score.
    if (!twice) for (const w of choices) if (fold(w.text) === f) {
      const usual = new Set(markAlternatives(w, CHOICE_MIN_CONF, CHOICE_MARGIN).map((a) => a.word));
      for (const a of markAlternatives(w, HOOK_ON_HORN_MIN_CONF, 100)) if (usual.has(a.word) || hookForAcuteOnHorn(w.text, a.word)) add(a.word, 0, a.conf);
    }
    if (cands.size < 2) continue;
    const middle = i < out.length - 1;
    const rank = nameRank(v, middle);
    // (session 9) The prior never takes away a tone the readings saw on the model's alternative alone
    // (absence of a mark is weak evidence): "XUYẾN" read by all four readings, with Ê among the model's
    // alternatives, stays Xuyến — it became Xuyên. When a reading itself gave the spelling without the tone,
    // the prior still decides (QUYỀN ×2, QUYÊN ×1 → Quyên; measured: requiring as many readings there won one
    // development card, Dưỡng, and would undo session 8's Quyên). Not the other marks: đ's stroke seen ×3
    // in "ĐIỆU" for Diệu was made up.
    const vReads = cands.get(title(v))?.reads ?? 0;
    // (session 12) A minority reading's tone does not overrule the tone most readings saw (three readings of "ẨN"
    // against one of "ẤN" had become Ấn, generator 9); where no spelling has most of the readings (a tie, or TRẨN ×2
    // TRẤN TRẦN) the prior breaks it, a listed surname carried as a middle name counting as a name (nameRank). The
    // model's own alternative is still weighed by the prior (GẦM read alike, Ấ its close second: Gấm — the only
    // loss on fresh development fronts when it was not). A tone where the vote has none stays the prior's to put
    // back (a mark lost: "HAI" → Hải). Nor is a circumflex, breve or horn of the voted spelling taken
    // away here: the vote kept the fullest form a confident reading saw (voteWord), and four renderings that lost the
    // marks over ẨN ("AN", nothing above it in their pixels) had outvoted three that read them, An being the commoner name.
    const total = readWords.filter((r) => r[i] !== undefined && fold(r[i]!) === f).length;
    const majority = vReads * 2 > total;
    // (session 13) Nor one reading that lost the tone against three or more that saw it (a tone lost is a mark lost,
    // which one rendering does: "XUYẾN" ×3 against "XUYÊN" ×1 had become Xuyên, generator 10 dev seed 1001); two
    // against one is still the prior's (QUYỀN ×2, QUYÊN ×1 → Quyên, session 8).
    const outvoted = (w: string, c: { reads: number }) => toneCount(w) < toneCount(v) && c.reads > 0 && vReads >= 3 * c.reads;
    const better = [...cands.entries()].filter(([w, c]) => nameRank(w, middle) > rank && !(toneCount(w) < toneCount(v) && c.reads === 0 && vReads > 0) && !(toneCount(w) > 0 && toneCount(v) > 0 && c.reads > 0 && c.reads < vReads && majority) && !outvoted(w, c) && modifiersWithin(v, w));
    if (better.length === 0) continue;
    better.sort((a, b) => nameRank(b[0], middle) - nameRank(a[0], middle) || b[1].reads - a[1].reads || b[1].score - a[1].score);
    out[i] = better[0]![0];
  }
  return out;
}

/**
 * A word after the surname on the name prior: its given-name rank, or, in the middle of the name, 1 for a listed surname
 * off the given-name lists — a surname carried as a middle name (the mother's: Mẫn Trần Đăng Vượng) is a name, a
 * spelling of no list none. Not the last word: the given name (Bùi Diệu Ửng is not Ứng, a surname).
 */
function nameRank(w: string, middle: boolean): number {
  return Math.max(givenNameRank(w), middle && isKnownSurname(w) ? 1 : 0);
}

/** How many tone marks a word carries (0 or 1 on a syllable). */
function toneCount(w: string): number {
  return (w.normalize('NFD').match(TONE_MARKS) ?? []).length;
}

/**
 * A reading's words that are no Vietnamese syllable, repaired from the model's own alternatives: the
 * best-scored one-character replacement (any letter, scored ≥ CHOICE_MIN_CONF and within CHOICE_MARGIN
 * of the character's best) that makes a syllable: "ÑNH" with Á a close second (80 against 81) is ÁNH
 * (Ñ is no Vietnamese letter; the acute over A was read as a tilde over N). Other words are left as read.
 */
export function repairFromChoices(text: string, words: readonly WordChoices[] | undefined): string {
  if (!words?.length) return text;
  let out = text;
  for (const w of words) {
    if (!w.chars || isVietnameseSyllable(w.text) || !/^[\p{L}\p{M}]+$/u.test(w.text)) continue;
    const fix = oneCharAlternatives(w, CHOICE_MIN_CONF, CHOICE_MARGIN, false)
      .slice(1)
      .filter((a) => isVietnameseSyllable(a.word))
      .sort((a, b) => b.conf - a.conf)[0];
    if (fix) out = out.replace(w.text, fix.word);
  }
  return out;
}

/**
 * (session 9) Spellings of one word tied among the readings (as many readings each: "ỬNG" ×2, "ỨNG" ×2)
 * decided by the model's own scores: for each tied spelling, the scores the LSTM gave its characters in
 * every rendering's alternatives (name-choices.ts) are summed — the rendering that read "ỨNG" still gave
 * Ử 70 against Ứ 86, those that read "ỬNG" gave Ứ 57 and 48 —, and the higher sum wins, instead of the
 * readings' line confidence (a page reading with no alternatives tipped it before). In the first place, a
 * listed surname is never given up for a spelling that is not one. Only exact ties, only spellings
 * of the same letters.
 */
export function modelBreaksTies(voted: readonly string[], readWords: readonly (readonly string[])[], choices: readonly WordChoices[]): string[] {
  const out = [...voted];
  for (let i = 0; i < out.length; i++) {
    const v = out[i]!;
    const f = fold(v);
    const count = new Map<string, number>();
    for (const r of readWords) {
      const w = r[i];
      if (w === undefined || fold(w) !== f) continue;
      const t = title(w);
      count.set(t, (count.get(t) ?? 0) + 1);
    }
    const mine = count.get(title(v)) ?? 0;
    const tied = [...count.entries()].filter(([, n]) => n === mine).map(([w]) => w);
    if (mine === 0 || tied.length < 2) continue;
    const top = Math.max(...count.values());
    if (mine < top) continue;
    const ok = tied.filter((w) => isVietnameseSyllable(w) && (i > 0 || !isKnownSurname(v) || isKnownSurname(w)));
    const scored = ok.map((w) => ({ w, score: modelScore(w, f, choices) })).sort((a, b) => b.score - a.score);
    if (scored.length >= 2 && scored[0]!.score > scored[1]!.score && scored[0]!.w !== title(v)) out[i] = scored[0]!.w;
  }
  return out;
}

/** The summed scores the model gave `word`'s characters in the alternatives of every rendering's word of the same letters. */
function modelScore(word: string, f: string, choices: readonly WordChoices[]): number {
  const letters = [...word.normalize('NFC').toLocaleUpperCase('vi')];
  let s = 0;
  for (const w of choices) {
    if (!w.chars || fold(w.text) !== f || w.chars.length !== letters.length) continue;
    w.chars.forEach((alts, k) => {
      s += alts.find((a) => a.ch.toLocaleUpperCase('vi') === letters[k])?.conf ?? 0;
    });
  }
  return s;
}
