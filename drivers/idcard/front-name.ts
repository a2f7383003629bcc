/**
 * The holder's full name on a front read by its labels (front-labels.ts calls this module): the page's
 * own reading of the value beside or below the "Họ, chữ đệm và tên" label, second readings of the
 * isolated line (text-line.ts) in several renderings, and — with no label found — a capitalised line
 * of Vietnamese syllables from the page text. The readings vote (voteName); the surname list and the
 * syllable checks (common/idcard/name.ts) choose among them.
 *
 * The crop function is passed in by the caller (front-labels.ts owns the page), so this module does
 * not import front-labels.ts back at run time.
 */
import sharp from 'sharp';
import type { Candidate } from '../../common/idcard/fields.ts';
import { foldWord, looksLikeLabel, type Box, type LineBox, type ValueSpot } from '../../common/idcard/labels.ts';
import { allSyllables, isCommonSurname, isKnownSurname, isVietnameseSyllable, marksLostFrom, modifiersWithin, surnameOf, titleCaseVi as title, withoutTone } from '../../common/idcard/name.ts';
import { fold } from '../../common/text/fold.ts';
import { normaliseOcrField, pickName, SURNAME_FIX_FACTOR } from './ocr-front.ts';
import type { OcrPool, OcrResult } from './ocr-pool.ts';
import { flattenByClosing } from './flatten.ts';
import { isolateTextLine, type GreyImage } from './text-line.ts';
import { parseChoices, type WordChoices } from './name-choices.ts';
import { idLineOf, readBlockBelowId } from './name-block.ts';
import { capitalCore, modelBreaksTies, repairFromChoices, splitRunTogether, tieBreakMarks } from './name-tiebreak.ts';
import { twoWordSurname, twoWordSurnamesByFold } from '../../common/idcard/given-names.ts';
import { dropStrayWord, joinSplitLetter, restoreLostMarks, unmarked } from './name-restore.ts';
import { hocrWordBoxes, wordMarks, type WordMarks } from './name-marks.ts';
import { capMarks, DOUBT_FACTOR, mendByMarks, toneOfWord } from './name-marks-vote.ts';

/** One reading of the name line: tesseract's text and its confidence (0..100). */
export interface NameRead {
  text: string;
  confidence: number;
  /** The LSTM's alternatives for each character of each word (a line rendering read with `choices`: name-choices.ts). */
  words?: WordChoices[];
  /** The marks above and below each word, seen in the pixels of the line this reading was made from (name-marks.ts). */
  marks?: WordMarks[];
}

/** A padded, scaled crop of the page: its PNG and its grey pixels (front-labels.ts `cropPage`). */
export type CropFn<P> = (page: P, b: Box, padX: number, padY: number, scale: number) => Promise<{ png: Buffer; grey: GreyImage }>;

const HEADINGS = ['cong hoa', 'doc lap', 'tu do', 'hanh phuc', 'can cuoc', 'identity card', 'citizen', 'viet nam', 'xa hoi'];

/** The card's headings (the state's motto, the card's title): never a name, nor a value. */
export function isHeading(text: string): boolean {
  const f = text.split(/\s+/).map(foldWord).filter(Boolean).join(' ');
  return HEADINGS.some((h) => f.includes(h));
}

/** The text validates as a name and every word is a Vietnamese syllable. */
export function syllableName(text: string): boolean {
  const v = normaliseOcrField('fullName', text);
  return v !== undefined && allSyllables(v);
}

const safe = (p: Promise<OcrResult>) => p.catch(() => undefined);

/** The isolated line of a grey crop as PNG (and its pixels), or undefined when no line-like ink is there. */
async function linePng(g: GreyImage, mode: 'grey' | 'binary'): Promise<{ png: Buffer; line: GreyImage } | undefined> {
  const line = isolateTextLine(g, { mode });
  if (!line) return undefined;
  return { png: await sharp(Buffer.from(line.data.buffer, line.data.byteOffset, line.data.length), { raw: { width: line.width, height: line.height, channels: 1 } }).png({ compressionLevel: 1 }).toBuffer(), line };
}

/**
 * Readings of one box holding the name line: the isolated line in grey and black-on-white, grey
 * larger — and, for a box found by a fallback (`flat`), the line with its light evened out first
 * (glare or a hotspot across the name leaves it faint on a bright patch: flatten.ts).
 */
async function readBox<P>(page: P, box: Box, pool: OcrPool, crop: CropFn<P>, flat: boolean): Promise<NameRead[]> {
  const h = box.y1 - box.y0;
  const scale = Math.min(2, 48 / Math.max(10, h));
  const c = await crop(page, box, h * 0.6, h * 0.3, scale);
  const big = await crop(page, box, h * 0.6, h * 0.3, scale * 1.35);
  const renderings: [GreyImage, 'grey' | 'binary'][] = [[c.grey, 'grey'], [c.grey, 'binary'], [big.grey, 'grey']];
  if (flat) renderings.push([flattenByClosing(c.grey, Math.max(15, Math.round(h * scale * 1.5))), 'grey']);
  const imgs: { png: Buffer; line?: GreyImage }[] = (await Promise.all(renderings.map(([g, mode]) => linePng(g, mode)))).filter((b) => b !== undefined);
  if (imgs.length === 0) imgs.push({ png: c.png });
  const rs = await Promise.all(imgs.map((im) => safe(pool.recognize(im.png, { psm: '7', choices: true })).then((r) => (r ? { r, line: im.line } : undefined))));
  return rs.filter((x) => x !== undefined).map(({ r, line }) => ({ text: r.text, confidence: r.confidence, ...(r.hocr ? { words: parseChoices(r.hocr) } : {}), ...(r.hocr && line ? { marks: wordMarks(line, hocrWordBoxes(r.hocr)) } : {}) }));
}

/** Second readings of the name's value box: the isolated line in grey and black-on-white, and grey larger. */
export async function readNameLine<P>(page: P, spot: ValueSpot, pool: OcrPool, crop: CropFn<P>): Promise<NameRead[]> {
  return readBox(page, spot.bbox, pool, crop, false);
}

/** The text is printed in capitals (the name is, on every card): no lower-case letter among at least 3. */
function capitals(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 3 && letters === letters.toLocaleUpperCase('vi');
}

/**
 * A reading of a box found by a fallback is taken only when it is clean: capitals, letters and
 * spaces alone between its first and last letter (nothing was stripped inside it to make it a name — a line half lost under glare reads
 * "HUỲ" '^ ÀI TRINH", which would otherwise become the wrong name "Huỳ Ài Trinh").
 */
function cleanCapitals(text: string): boolean {
  const inner = text.replace(/^[^\p{L}]+|[^\p{L}\p{M}]+$/gu, '');
  return capitals(inner) && /^[\p{L}\p{M} ]+$/u.test(inner);
}

const same = (a: Box, b: Box) => a.x0 === b.x0 && a.y0 === b.y0 && a.x1 === b.x1 && a.y1 === b.y1;

/**
 * The next line of the page below a name spot (not a line holding a label), within two label heights
 * and overlapping it across:
 * where the name is when what was taken below the label was not it — the label's English half
 * printed on a line of its own and garbled ("Full name" read "#0 name"), or the name's own tone
 * marks, which tesseract's layout sometimes splits off as a line above the letters ("` `").
 */
export function lineBelowSpot(lines: readonly LineBox[], spot: ValueSpot, labelBoxes: readonly Box[] = []): LineBox | undefined {
  // (a label on the spot's own row is the spot's label, not one on the line below: a blurred name line's box reached up to it)
  const holdsLabel = (l: LineBox) => labelBoxes.some((b) => (b.y0 + b.y1) / 2 > Math.max(l.bbox.y0, spot.bbox.y1) && (b.y0 + b.y1) / 2 < l.bbox.y1 && b.x1 > l.bbox.x0 && b.x0 < l.bbox.x1);
  const h = Math.max(8, spot.labelHeight || spot.bbox.y1 - spot.bbox.y0);
  const mid = (spot.bbox.y0 + spot.bbox.y1) / 2;
  return lines
    // below: its top under the spot's middle, or (session 9: a blurred front's name line, its box grown by
    // the blur, began exactly at the garbled English label's middle) its own middle under the spot's bottom
    .filter((l) => !same(l.bbox, spot.bbox) && (l.bbox.y0 > mid || (l.bbox.y0 + l.bbox.y1) / 2 > spot.bbox.y1) && l.bbox.y0 - spot.bbox.y1 <= h * 2 && l.bbox.x1 > spot.bbox.x0 - h * 2 && l.bbox.x0 < spot.bbox.x1 + h * 2)
    .filter((l) => !looksLikeLabel(l.text) && !holdsLabel(l) && /\p{L}/u.test(l.text))
    .sort((a, b) => a.bbox.y0 - b.bbox.y0)[0];
}

/**
 * No name label found (glare or a hotspot over it, a garbled label): on both generations the name is
 * printed between the ID number and the next field's label below it. The anchor is the ID's value
 * spot, or else the page line holding a 12-digit run (its label garbled: "Số" read "sẽ"). The tallest
 * page line between the anchor and the next label is taken (the name's capitals are the largest text
 * there), widened across to where a long name can reach (the crop is clamped to the page).
 */
export function nameBoxBetween(lines: readonly LineBox[], idSpot: ValueSpot | undefined, labelBoxes: readonly Box[]): Box | undefined {
  const idLine = idSpot ? undefined : lines.find((l) => /\d{12}/.test(l.text.replace(/[\s.]/g, '')));
  const anchor = idSpot?.bbox ?? idLine?.bbox;
  if (!anchor) return undefined;
  // The label's height, or (a line of digits, its label garbled) about half the ID line's height.
  const h = Math.max(8, idSpot?.labelHeight || (anchor.y1 - anchor.y0) * 0.55);
  const top = anchor.y1;
  const below = labelBoxes.filter((b) => b.y0 > top + h * 0.5).map((b) => b.y0);
  const bottom = below.length ? Math.min(...below) : top + h * 6;
  // A line between them: wholly, or (tesseract's line boxes take in marks and descenders, so the name's
  // line can overlap the ID's and the next label's by a few pixels) by its middle.
  const mid = (l: LineBox) => (l.bbox.y0 + l.bbox.y1) / 2;
  // (session 9) Or, a line whose box a slant made tall (a card at a steep angle: the name's line box
  // reached into the next label's), by its top, when it holds words in capitals.
  const slanted = (l: LineBox) => l.bbox.y0 > top && l.bbox.y0 < bottom - h * 0.5 && l.bbox.y1 - l.bbox.y0 > h * 1.8 && capitalRun(l) !== undefined;
  const between = (l: LineBox) => (l.bbox.y0 >= top - 2 && l.bbox.y1 <= bottom + 2) || (mid(l) > top && mid(l) < bottom) || slanted(l);
  const cands = lines.filter((l) => between(l) && !same(l.bbox, anchor) && l.bbox.x1 > anchor.x0 - h * 2 && /\p{L}/u.test(l.text) && !looksLikeLabel(l.text));
  // The tallest — but a line mostly in lower case after one that is not (session 9): the name's own label, its
  // wording garbled ("Họ, chữ đệm vàt tên kha"), is as tall as the name on some cards and came first.
  const lower = (l: LineBox) => (mostlyLowerCase(l.text) ? 1 : 0);
  const tallest = cands.sort((a, b) => lower(a) - lower(b) || b.bbox.y1 - b.bbox.y0 - (a.bbox.y1 - a.bbox.y0))[0];
  if (!tallest || tallest.bbox.y1 - tallest.bbox.y0 < h * 0.8) return undefined;
  // The name beside its garbled label on one line ("Hovàtên//a se: QUẦNG VĂN CƯƠNG"): only its words in capitals.
  const run = capitalTail(tallest);
  if (run) return { x0: run.x0 - h * 0.3, y0: tallest.bbox.y0, x1: Math.max(run.x1, anchor.x0 + h * 30), y1: tallest.bbox.y1 };
  // A slanted line's box: its words in capitals only (their own rows).
  const caps = slanted(tallest) ? capitalRun(tallest) : undefined;
  if (caps) return { x0: Math.min(caps.x0, anchor.x0), y0: caps.y0, x1: Math.max(tallest.bbox.x1, anchor.x0 + h * 30), y1: caps.y1 };
  // (tesseract's line box can stop below its words' marks: "LÊ TUYẾT" reached 22 px above its line's top)
  const wordsTop = Math.min(tallest.bbox.y0, ...tallest.words.filter((w) => /\p{L}/u.test(w.text)).map((w) => w.bbox.y0));
  return { x0: Math.min(tallest.bbox.x0, anchor.x0), y0: Math.max(wordsTop, tallest.bbox.y0 - h), x1: Math.max(tallest.bbox.x1, anchor.x0 + h * 30), y1: tallest.bbox.y1 };
}

/**
 * The line's last words in capitals (2 or more), when words not in capitals come before them (a label
 * read garbled on the name's line): their box; undefined otherwise.
 */
function capitalTail(l: LineBox): Box | undefined {
  const ws = l.words.filter((w) => /\p{L}/u.test(w.text));
  let i = ws.length;
  while (i > 0 && /^[^\p{Ll}]*$/u.test(ws[i - 1]!.text)) i--;
  const tail = ws.slice(i);
  if (tail.length < 2 || i === 0) return undefined;
  return { x0: Math.min(...tail.map((w) => w.bbox.x0)), y0: Math.min(...tail.map((w) => w.bbox.y0)), x1: Math.max(...tail.map((w) => w.bbox.x1)), y1: Math.max(...tail.map((w) => w.bbox.y1)) };
}

/** The box of the line's longest run of words in capitals (2+ words of 2+ letters each), or undefined. */
function capitalRun(l: LineBox): Box | undefined {
  let best: typeof l.words = [];
  let cur: typeof l.words = [];
  for (const w of l.words) {
    const letters = w.text.replace(/[^\p{L}]/gu, '');
    if (letters.length >= 2 && !/\p{Ll}/u.test(letters)) cur = [...cur, w];
    else cur = [];
    if (cur.length > best.length) best = cur;
  }
  if (best.length < 2) return undefined;
  return { x0: Math.min(...best.map((w) => w.bbox.x0)), y0: Math.min(...best.map((w) => w.bbox.y0)), x1: Math.max(...best.map((w) => w.bbox.x1)), y1: Math.max(...best.map((w) => w.bbox.y1)) };
}

/** What front-labels.ts knows of the page when it reads the name. */
export interface NamePage<P> {
  page: P;
  lines: readonly LineBox[];
  /** The name's value spot (beside or below its label), when its label was found. */
  spot?: ValueSpot;
  /** The ID number's value spot (for the name's place when its label was not found). */
  idSpot?: ValueSpot;
  /** Every label found on the page (boxes). */
  labelBoxes: readonly Box[];
  crop: CropFn<P>;
}

/**
 * Every reading of the name: the page's text of its spot and the spot's line renderings; when the
 * page's text there is not a name in capitals, the line below it too; with no spot, the line between
 * the ID number and the next label (then the capitalised syllable lines of the page, in nameCandidate's caller).
 */
export async function readNameReadings<P>(np: NamePage<P>, pool: OcrPool): Promise<NameRead[]> {
  const out: NameRead[] = [];
  const jobs: Promise<NameRead[]>[] = [];
  if (np.spot) {
    out.push({ text: np.spot.text, confidence: np.spot.confidence });
    jobs.push(readBox(np.page, np.spot.bbox, pool, np.crop, false));
    if (!(syllableName(np.spot.text) && capitals(np.spot.text))) {
      const next = lineBelowSpot(np.lines, np.spot, np.labelBoxes);
      // Read alone (the garbled English label above it), and together with the spot (marks split off above the letters).
      if (next) {
        const both = { x0: Math.min(next.bbox.x0, np.spot.bbox.x0), y0: np.spot.bbox.y0, x1: Math.max(next.bbox.x1, np.spot.bbox.x1), y1: next.bbox.y1 };
        jobs.push(readBox(np.page, next.bbox, pool, np.crop, true).then((rs) => rs.filter((r) => cleanCapitals(r.text))));
        jobs.push(readBox(np.page, both, pool, np.crop, false).then((rs) => rs.filter((r) => cleanCapitals(r.text))));
      }
    }
  } else {
    const box = nameBoxBetween(np.lines, np.idSpot, np.labelBoxes);
    if (box) jobs.push(readBox(np.page, box, pool, np.crop, true).then((rs) => rs.filter((r) => cleanCapitals(r.text))));
    else {
      // No page line there at all: the block below the ID's line read as a block (name-block.ts).
      // (Not when the page has a capitalised name line anywhere: the caller's namesWithoutLabel takes it.)
      const id = np.idSpot?.bbox ?? idLineOf(np.lines)?.bbox;
      if (id && namesWithoutLabel(np.lines).length === 0) jobs.push(readBlockBelowId(np.page, id, pool, np.crop, isHeading));
    }
  }
  for (const rs of await Promise.all(jobs)) out.push(...rs);
  return out;
}

/** Without a name label: capitalised lines of 2–6 Vietnamese syllables in the page text (not headings, labels or numbers). */
export function namesWithoutLabel(lines: readonly LineBox[]): NameRead[] {
  const out: NameRead[] = [];
  for (const l of lines) {
    const t = l.text.trim();
    if (isHeading(t) || looksLikeLabel(t) || /\d/.test(t)) continue;
    const letters = t.replace(/[^\p{L} ]/gu, '').trim();
    if (letters.length < 5 || letters !== letters.toLocaleUpperCase('vi')) continue;
    const words = letters.split(/\s+/);
    if (words.length < 2 || words.length > 6 || !allSyllables(words.join(' '))) continue;
    const conf = l.words.length ? l.words.reduce((s, w) => s + w.confidence, 0) / l.words.length : 0;
    out.push({ text: letters, confidence: conf * 0.8 });
  }
  return out;
}

/** A rendering's reading of one word must be at least this confident (0..100) for a mark it sees to count against the others. */
const MARK_EVIDENCE_CONF = 60;

type Vote = { w: string; conf: number };

/** The spelling most readings give (ties: the higher summed confidence). */
function majority(votes: readonly Vote[]): string {
  const tally = new Map<string, { n: number; conf: number }>();
  for (const v of votes) {
    const t = tally.get(v.w) ?? { n: 0, conf: 0 };
    t.n++;
    t.conf += v.conf;
    tally.set(v.w, t);
  }
  return [...tally.entries()].sort((a, b) => b[1].n - a[1].n || b[1].conf - a[1].conf)[0]![0];
}

/**
 * One word among its readings. First the letters (the fold most readings give; a Vietnamese syllable
 * first; in the first word a listed surname first). Then the marks other than the tone (circumflex,
 * breve, horn, đ's stroke): tesseract loses them on bold capitals and, in these readings, never made
 * one up — so when the readings' marks nest, the fullest form that a confident reading (≥ 60) saw is
 * taken ("KHÁC" ×3, "KHẮC" ×1: the breve). Then the tone, voted among the readings that saw those
 * marks (one that lost the circumflex of "HỒ" lost its tone too). Measured on development readings
 * only (sets 2–4, other seeds; the tuning generator's hand-held scenes).
 */
function voteWord(votes: readonly Vote[], first: boolean): string {
  const byFold = new Map<string, Vote[]>();
  for (const v of votes) byFold.set(fold(v.w), [...(byFold.get(fold(v.w)) ?? []), v]);
  let groups = [...byFold.values()];
  const syl = groups.filter((g) => g.some((v) => isVietnameseSyllable(v.w)));
  if (syl.length) groups = syl;
  if (first) {
    const known = groups.filter((g) => g.some((v) => isKnownSurname(v.w)));
    if (known.length) groups = known;
  }
  const score = (g: Vote[]) => g.reduce((s, v) => s + 1000 + v.conf, 0);
  let group = groups.sort((a, b) => score(b) - score(a))[0]!;
  if (first && group.some((v) => isKnownSurname(v.w))) group = group.filter((v) => isKnownSurname(v.w));
  const valid = group.filter((v) => isVietnameseSyllable(v.w));
  if (valid.length) group = valid;
  const forms = [...new Set(group.map((v) => withoutTone(v.w)))];
  const seen = forms.filter((f) => group.some((v) => withoutTone(v.w) === f && v.conf >= MARK_EVIDENCE_CONF));
  const fullest = seen.find((f) => forms.every((o) => modifiersWithin(o, f)));
  const form = fullest ?? withoutTone(majority(group));
  return majority(group.filter((v) => withoutTone(v.w) === form));
}

/**
 * The name among several readings (the page's and the line's renderings), voted word by word: the
 * readings with the most common word count are aligned and each word is chosen on its own
 * (voteWord): one rendering's slip in one word and another's in another no longer sink both, and in
 * the first position a listed surname is preferred when some reading has one ("TẾ" ×3, "LÊ" ×1: Lê).
 * Then pickName (the surname's lost marks). Tesseract's confidence reported is the best of the
 * readings that agree with the whole result, else the readings' mean scaled by their agreement.
 */
export function voteName(reads: readonly NameRead[]): ReturnType<typeof pickName> {
  const read = reads
    .map((r) => ({ words: (normaliseOcrField('fullName', r.text) ?? '').split(' ').filter(Boolean), conf: r.confidence }))
    .filter((r) => r.words.length >= 2);
  const asRead = rareSurnameAsRead(read.map((r) => r.words[0]!), reads.flatMap((r) => r.marks ?? []));
  const rare = asRead?.word;
  const norm = read
    .map((r) => ({ ...r, words: secondOfTwoWordSurname(r.words) }))
    // The first word as the list surname it could be read from ("LAC", not a syllable, is Lạc's lost mark).
    // (a two-word surname, Tư Mã, is kept as read: Tư is not Từ).
    // (session 11: nor when the two words are a two-word surname with a mark lost — "TƯ MA" for TƯ MÃ had its Tư
    // made the surname Từ, and the list's surname then outvoted three readings of Tư)
    // (session 12: nor a rare surname every reading gave alike with nothing above it in the pixels: rareSurnameAsRead)
    .map((r) => (rare !== undefined || (r.words.length >= 3 && (twoWordSurname(r.words[0]!, r.words[1]!) || twoWordSurnamesByFold(r.words[0]!, r.words[1]!).some((s) => s.split(' ')[0] === title(r.words[0]!)))) ? r : { ...r, words: [surnameOf(r.words[0]!) ?? r.words[0]!, ...r.words.slice(1)] }));
  if (norm.length < 2) return tiedPick(pickName(reads), reads);
  const byCount = new Map<number, number>();
  for (const r of norm) byCount.set(r.words.length, (byCount.get(r.words.length) ?? 0) + 1 + r.conf / 1000);
  const n = [...byCount.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const aligned = norm.filter((r) => r.words.length === n);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(voteWord(aligned.map((r) => ({ w: r.words[i]!, conf: r.conf })), i === 0));
  // A mark or tone the readings or the model's alternatives dispute: the name prior breaks the tie (name-tiebreak.ts).
  const sure = aligned.filter((r) => r.conf >= MARK_EVIDENCE_CONF).map((r) => r.words);
  const choices = reads.flatMap((r) => r.words ?? []);
  // Spellings tied among the readings: the model's own scores decide (name-tiebreak.ts, session 9).
  const tied = tieBreakMarks(modelBreaksTies(out, aligned.map((r) => r.words), choices), sure, choices);
  // A mark every reading lost, put back where the name priors leave one spelling (name-restore.ts).
  const restored = restoreLostMarks(tied, aligned.map((r) => r.words));
  // The tones checked against the marks seen in the line's pixels (name-marks-vote.ts, session 11).
  const seen = mendByMarks(restored.words, { marks: reads.flatMap((r) => r.marks ?? []), readWords: aligned.map((r) => r.words), choices, byReading: reads.filter((r) => r.marks !== undefined).map((r) => r.marks!) });
  out.splice(0, out.length, ...seen.words);
  const value = out.join(' ');
  if (!allSyllables(value)) return tiedPick(pickName(reads), reads);
  // (the readings' agreement is measured on the spelling before the pixels' mend — no reading can agree with a
  // mark they all missed — and each mended word costs what a restored one does)
  const voted = restored.words;
  const agree = aligned.filter((r) => r.words.join(' ') === voted.join(' '));
  const conf = agree.length ? Math.max(...agree.map((r) => r.conf)) : aligned.reduce((s, r) => s + r.conf * (r.words.filter((w, i) => w === voted[i]).length / n), 0) / aligned.length;
  const pick = pickName([{ text: value, confidence: conf * RESTORED_FACTOR ** (restored.restored + seen.changed) * (seen.doubt || asRead?.sure === false ? DOUBT_FACTOR : 1) }]);
  // (the rare surname as read stands: pickName's surname list would make it the listed one again)
  return pick && rare !== undefined && out[0] === rare ? { ...pick, value, surnameFixed: false } : pick;
}

/**
 * A reading's words with the second word of a two-word surname put back where it is no syllable as read
 * (session 12): "TÔN THÂT MỸ" (Thất's acute lost: a stop final takes the acute or the dot below, so "Thât"
 * cannot be) is Tôn Thất when its first word is the surname's as read, the two words fold to that one
 * two-word surname and the second could be its word with marks lost (`marksLostFrom`). A second word that
 * is a syllable is left to the vote (Hoàng Phú is a given name after Hoàng, not Hoàng Phủ). Three words or more.
 */
export function secondOfTwoWordSurname(words: readonly string[]): string[] {
  const out = [...words];
  if (out.length < 3 || isVietnameseSyllable(out[1]!)) return out;
  const s = twoWordSurnamesByFold(out[0]!, out[1]!);
  const [first, second] = s.length === 1 ? s[0]!.split(' ') : [];
  if (first === undefined || second === undefined || title(out[0]!) !== first || !marksLostFrom(title(out[1]!), second)) return out;
  out[1] = second;
  return out;
}

/**
 * The first word as every reading gave it, when it stands against the surname list (session 12): a rare
 * surname off the list that the list would give a tone above — Ưng, which the list made Ứng on three
 * generator-9 fronts — is kept when at least two readings gave exactly it; it is a Vietnamese syllable
 * read with a mark of its own that a line's isolation does not lose (the horn or đ's stroke, joined to
 * or inside the letter: a word read with no mark at all may have lost every mark with its line, THUY
 * for Thủy, name-restore.ts), with no tone and no circumflex or breve; the listed surname differs from
 * it by a tone above alone (so anything the pixels see above the word would be that tone); and the line's
 * pixels (name-marks.ts) show nothing at all above it in any rendering, nor ink joined to a letter rising
 * above the cap line. The list still decides among readings that disagree, where a reading is no
 * syllable, or where a mark may have been lost (one seen, or ink the count cannot tell). Also kept: a tone every
 * reading saw where the list's surname has another (Quảng, not the list's Quàng), unless that surname is one of
 * the most frequent (Nguyễn … Mai). Where some rendering shows ink rising at the word's letters (a horn drawn apart
 * is counted so) and nothing above, three readings or more that agree still stand, `sure` false: the caller doubts
 * the name. Undefined otherwise (the list applies as before).
 */
export function rareSurnameAsRead(firstWords: readonly string[], marks: readonly WordMarks[]): { word: string; sure: boolean } | undefined {
  if (firstWords.length < 2) return undefined;
  const w = title(firstWords[0]!);
  if (!firstWords.every((f) => title(f) === w) || !isVietnameseSyllable(w) || isKnownSurname(w)) return undefined;
  const listed = surnameOf(w);
  if (!listed) return undefined;
  // A tone every reading saw, which the list would trade for another — "QUẢNG" read alike by all four renderings had
  // become Quàng (generator 7, development seed): kept, unless the list's surname is one most people carry (Nguyễn …
  // Mai: "TRẤN" read alike is still Trần, the odds being what they are).
  if (toneOfWord(w) !== 0) return toneOfWord(listed) !== 0 && withoutTone(listed) === withoutTone(w) && !isCommonSurname(listed) ? { word: w, sure: true } : undefined;
  if (unmarked(w) || capMarks(w) !== 0 || capMarks(listed) !== 0 || toneOfWord(listed) < 1 || toneOfWord(listed) > 4) return undefined;
  const obs = marks.filter((m) => fold(m.word) === fold(w));
  if (obs.length < 2 || obs.some((o) => o.above > 0)) return undefined;
  if (obs.every((o) => !o.joined)) return { word: w, sure: true };
  // (ink rising at the letter in some renderings — a horn drawn apart from Ư is counted so, "a small tone" as well: three
  // readings or more that agree still stand, but the name is doubted, the confirm screen marks it; two generator-9
  // fronts read ƯNG alike on every rendering and had been given the list's Ứng at 0.74, unmarked)
  return firstWords.length >= 3 ? { word: w, sure: false } : undefined;
}

/** The name's confidence is multiplied by this for each word whose lost marks the priors put back (name-restore.ts) or the pixels mended (name-marks-vote.ts). */
const RESTORED_FACTOR = 0.9;

/** A name chosen without the vote (one reading): its words after the surname tie-broken on the model's alternatives. */
function tiedPick(pick: ReturnType<typeof pickName>, reads: readonly NameRead[]): ReturnType<typeof pickName> {
  if (!pick) return pick;
  const words = pick.value.split(' ');
  const restored = restoreLostMarks(tieBreakMarks(words, [], reads.flatMap((r) => r.words ?? [])), [words]);
  return { ...pick, value: restored.words.join(' '), tesseract: pick.tesseract * RESTORED_FACTOR ** restored.restored };
}

/**
 * Most of the text's letters are lower case: not the name, which both generations print in capitals
 * (under glare the name line can vanish and the spot below its label become the next label's line,
 * "Ngày, tỉ 11/10/2008", which would otherwise give the name "Ngày Tỉ").
 */
function mostlyLowerCase(text: string): boolean {
  const letters = [...text.replace(/[^\p{L}]/gu, '')];
  const lower = letters.filter((c) => c !== c.toLocaleUpperCase('vi')).length;
  return letters.length > 0 && lower * 2 > letters.length;
}

/** The name candidate from its readings (labels, headings and lower-case text refused), or undefined below confidence 0.3. */
export function nameCandidate(reads: readonly NameRead[]): Candidate | undefined {
  const pick = voteName(reads.map((r) => ({ ...r, text: dropStrayWord(joinSplitLetter(splitRunTogether(capitalCore(repairFromChoices(r.text, r.words))))) })).filter((r) => !looksLikeLabel(r.text) && !isHeading(r.text) && !mostlyLowerCase(r.text)));
  if (!pick) return undefined;
  const confidence = Math.max(0, Math.min(1, 0.8 * (pick.tesseract / 100) * (pick.surnameFixed ? SURNAME_FIX_FACTOR : 1)));
  return confidence >= 0.3 ? { field: 'fullName', value: pick.value, source: 'ocr', confidence } : undefined;
}


