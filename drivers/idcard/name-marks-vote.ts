/**
 * The voted name checked against its marks as the pixels show them (name-marks.ts; session 11, idtone).
 * For each word, the observations of every rendering whose reading gave a word of the same letters are
 * taken together (`together`): a mark seen is evidence, a mark not seen is weak — two marks run together
 * in a small rendering, a dot below lost to blur — so the count above is the most any rendering told
 * apart. Then, only the tone is ever changed (never a letter, its circumflex, breve, horn or đ):
 *  - a dot below seen by half the renderings or more, and no mark above for a tone: a spelling with no
 *    tone takes the dot below (Mỵ read "MY"); one with a tone above is doubted (the tone may be run into
 *    its circumflex, unseen);
 *  - nothing at all above a word with no circumflex/breve, in every rendering, and no ink joined to a
 *    letter rising above it, where the spelling has a tone above and every one of those renderings' readings
 *    gave one: the tone was made up (Ưng read "ỨNG"). A tone the priors put back on a word read bare is left;
 *    so is a tilde or grave over a horned vowel (the horn is read as an acute or a hook, never as those; the
 *    count misses a tilde lying low over Ữ);
 *  - one mark more above than the spelling has (a tone lost: Nguyễn read "NGUYÊN", Hằng read "HĂNG"): a
 *    tone above, chosen among the spellings of the same letters that a reading gave, the OCR model offered
 *    (name-choices.ts) or the name priors list — the one of the shape seen when it is told (one rendering
 *    that told the marks apart is enough), else the one such spelling when there is only one and at least
 *    half the renderings saw the extra mark; otherwise left as read, and doubted when half saw it;
 *  - the spelling's tone above and the shape seen clearly differ, with as many marks as spelled (Tuấn read
 *    "TUẦN"): the offered spelling of the shape seen, else doubted (when half the renderings saw as many) —
 *    but over a spelled hook only a tilde counts (a hook is never told: its stroke leans like an acute or a grave).
 * No dot below seen is never taken as its absence (development fronts lost real dots to blur and fading).
 * A doubted name's confidence is multiplied by DOUBT_FACTOR so the confirm screen marks it.
 */
import { isKnownSurname, isVietnameseSyllable, titleCaseVi as title, withoutTone } from '../../common/idcard/name.ts';
import { namesOfLetters, twoWordSurname } from '../../common/idcard/given-names.ts';
import { fold } from '../../common/text/fold.ts';
import { parseSyllable, renderSyllable, vowelInfo, vowelChar, type Tone } from '../../common/text/syllable.ts';
import { markAlternatives, type WordChoices } from './name-choices.ts';
import type { WordMarks } from './name-marks.ts';

/** A name whose marks the pixels dispute is given this share of its confidence (0.8 at most → below the name's 0.7 review threshold). */
export const DOUBT_FACTOR = 0.85;

const SHAPE_TONE: Record<NonNullable<WordMarks['tone']>, Tone> = { acute: 1, grave: 2, hook: 3, tilde: 4 };

/** The tone of a word (0 none, 1 acute, 2 grave, 3 hook, 4 tilde, 5 dot below). */
export function toneOfWord(word: string): Tone {
  for (const ch of word.normalize('NFC')) {
    const v = vowelInfo(ch);
    if (v && v.tone !== 0) return v.tone;
  }
  return 0;
}

/** The word has a horned vowel (Ư, Ơ). */
function hornOn(word: string): boolean {
  return word.normalize('NFD').includes('\u031B');
}

/** Circumflex and breve marks of a word (each a mark above that is not the tone). */
export function capMarks(word: string): number {
  return (word.normalize('NFD').match(/[\u0302\u0306]/gu) ?? []).length;
}

/** The word with tone `t` in place of its own (on the same vowel when it has one), or undefined when that is no syllable. */
export function withTone(word: string, t: Tone): string | undefined {
  const chars = [...word.normalize('NFC')];
  const at = chars.findIndex((ch) => (vowelInfo(ch)?.tone ?? 0) !== 0);
  let out: string;
  if (at >= 0) {
    const v = vowelInfo(chars[at]!)!;
    chars[at] = vowelChar(v.base, t, v.upper);
    out = chars.join('');
  } else {
    const s = parseSyllable(word.normalize('NFC'));
    if (!s || s.nucleus.length === 0) return undefined;
    out = renderSyllable({ ...s, tone: t });
  }
  return isVietnameseSyllable(out) ? out : undefined;
}

/**
 * What the observations of one word (one per rendering of the line) show together. A mark seen is
 * evidence, a mark not seen is weak (two marks run together in a small rendering, a dot below lost to
 * blur): the count above is the most any rendering separated (`most`), with the tone's shape from the
 * renderings that separated that many; `none` only when no rendering saw anything above and none had
 * ink joined to a letter rising above it; a dot below when at least half the renderings saw it.
 */
function together(obs: readonly WordMarks[]): { most: number; half: boolean; none: boolean; dot: boolean; tone?: WordMarks['tone'] } | undefined {
  if (obs.length === 0) return undefined;
  const most = Math.max(...obs.map((o) => o.above));
  const tones = new Set(obs.filter((o) => o.above === most).map((o) => o.tone).filter((t) => t !== undefined));
  const dots = obs.filter((o) => o.dotBelow).length;
  // (`half`: at least half the renderings separated that many — what a doubt needs; a mend needs the shape or the priors too)
  const half = obs.filter((o) => o.above === most).length * 2 >= obs.length;
  return { most, half, none: most === 0 && obs.every((o) => !o.joined), dot: dots * 2 >= obs.length, ...(tones.size === 1 ? { tone: [...tones][0]! } : {}) };
}

export interface MarksInput {
  /** Every rendering's observations (name-marks.ts), with the word each reading gave. */
  marks: readonly WordMarks[];
  /** The aligned readings' words, by place. */
  readWords: readonly (readonly string[])[];
  /** The model's alternatives of every rendering's words. */
  choices: readonly WordChoices[];
  /** Each rendering's observations on their own, in the order of its words (for a name with the same letters twice). */
  byReading?: readonly (readonly WordMarks[])[];
}

/**
 * Word `i` of the voted name may become `to`: it is no word of a two-word surname read as listed (Âu Dương, Tôn Nữ …,
 * in a name of three words or more), or the two stay that listed surname with `to`.
 */
function stillSurname(voted: readonly string[], i: number, to: string): boolean {
  if (i > 1 || voted.length < 3 || !twoWordSurname(voted[0]!, voted[1]!)) return true;
  return twoWordSurname(i === 0 ? to : voted[0]!, i === 1 ? to : voted[1]!) !== undefined;
}

/** The voted words (title case) checked against the marks seen; `doubt` when the pixels dispute a word and none was chosen. */
export function mendByMarks(voted: readonly string[], input: MarksInput): { words: string[]; changed: number; doubt: boolean } {
  const out = [...voted];
  let changed = 0;
  let doubt = false;
  for (let i = 0; i < out.length; i++) {
    const v = out[i]!;
    const f = fold(v);
    // (the same letters twice in one name: which observation is whose is known only by its place — session 13: from the
    // renderings that saw as many words as the name has, this word's place; "HỒ MỸ BẢO MỴ" on tray glass showed the
    // dot under its last word on all four renderings, and the Mỹ beside it had kept it My)
    const twice = out.some((o, j) => j !== i && fold(o) === f);
    const obs = twice
      ? (input.byReading ?? []).filter((ms) => ms.length === out.length).map((ms) => ms[i]!).filter((m) => fold(m.word) === f)
      : input.marks.filter((m) => fold(m.word) === f);
    const seen = together(obs);
    if (!seen) continue;
    const caps = capMarks(v);
    const tone = toneOfWord(v);
    const spelledAbove = caps + (tone >= 1 && tone <= 4 ? 1 : 0);
    const spelledDot = tone === 5;
    // The spellings of these letters (circumflex, breve, horn, đ as voted) that something offered.
    const offered = (t: Tone) => {
      const w = withTone(v, t);
      if (!w) return undefined;
      const k = title(w);
      const byRead = input.readWords.some((r) => r[i] !== undefined && title(r[i]!) === k);
      const byModel = input.choices.some((c) => fold(c.text) === f && markAlternatives(c).some((a) => title(a.word) === k));
      const byPrior = namesOfLetters(w).includes(w.toLocaleLowerCase('vi')) || (i === 0 && isKnownSurname(w));
      return byRead || byModel || byPrior ? k : undefined;
    };
    let pick: string | undefined;
    let disputed = false;
    if (seen.dot && !spelledDot && seen.most === caps) {
      // a dot below and nothing above for a tone: the dot is the tone — when the spelling had none (Mỵ read
      // "MY"); a tone above spelled but not seen may be run into its circumflex: doubted only
      if (spelledAbove === caps) pick = withTone(v, 5);
      disputed = true;
    } else if (seen.none && caps === 0 && tone >= 1 && tone <= 4 && !(hornOn(v) && (tone === 2 || tone === 4)) && obs.every((o) => toneOfWord(o.word) >= 1 && toneOfWord(o.word) <= 4)) {
      // nothing at all above a word with no circumflex/breve, in the very images whose readings gave a tone
      // above: the tone was made up. (Not a tone the priors put back on a word every reading gave bare —
      // THUY → Thủy, name-restore.ts: the line's isolation can drop a mark, and then no reading saw it either.)
      // (session 12: nor a tilde or a grave over a horned vowel — the tone made up there is the horn read as an acute
      // or a hook, rising at the letter's top right as a horn does; a tilde lying low over Ữ is what the count misses:
      // "NGỮ" read by all four renderings had become Ngư on a generator-9 front, HỮU was seen bare on another)
      pick = withTone(v, 0);
      disputed = true;
    } else if (seen.most === caps + 1 && spelledAbove === caps && !spelledDot) {
      // a tone above lost: which one — the shape seen (one rendering that told the marks apart is enough
      // when an offered spelling has that shape), else the one offered spelling if half the renderings saw the mark
      const cands = ([1, 2, 3, 4] as Tone[]).map((t) => ({ t, w: offered(t) })).filter((c): c is { t: Tone; w: string } => c.w !== undefined);
      const byShape = seen.tone ? cands.find((c) => c.t === SHAPE_TONE[seen.tone!]) : undefined;
      pick = byShape?.w ?? (cands.length === 1 && !seen.tone && seen.half ? cands[0]!.w : undefined);
      disputed = seen.half;
    } else if (seen.most === spelledAbove && tone >= 1 && tone <= 4 && seen.tone && SHAPE_TONE[seen.tone] !== tone && !(tone === 3 && seen.tone !== 'tilde')) {
      // the tone above seen clearly as another: the offered spelling with that tone. (session 12: not an acute or a
      // grave seen over a spelled hook — a hook is never told, and its short stroke leans like either: four readings
      // of "UYỂN" had become Uyền by a "grave" over Ể, generator 8 dev seed 21; a tilde is told apart from it, Luỷ → Luỹ)
      pick = offered(SHAPE_TONE[seen.tone]);
      disputed = seen.half;
    }
    // (session 13) A two-word surname read as listed (Âu Dương) is changed by the pixels only into a listed one: a dot
    // below seen under DƯƠNG on every rendering of a 480-px thumbnail (JPEG noise under the line; PHƯỢNG beside it showed
    // none) had made Âu Dương the off-list "Âu Dượng" (generator 10, seen). The dispute still doubts the name.
    if (pick && !stillSurname(voted, i, title(pick))) pick = undefined;
    if (pick && withoutTone(pick) === withoutTone(v)) {
      if (title(pick) !== v) {
        out[i] = title(pick);
        changed++;
      }
    } else if (disputed) doubt = true;
  }
  return { words: out, changed, doubt };
}
