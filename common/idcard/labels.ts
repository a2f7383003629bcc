/**
 * Fields of a card's front found by their printed labels, not by fixed places. Input: OCR lines with
 * word boxes (any layout, scale, font); output: for each field whose label was seen, where its value
 * is — the words after the label on the same line ("Ngày sinh / Date of birth: 02/12/1988") or the
 * line(s) just below it ("Họ và tên / Full name:" ⏎ "NGUYỄN VĂN AN"). Labels of both generations, in
 * Vietnamese and English, matched on diacritic-free lower-case words with one OCR slip allowed per
 * longer word. A value is never taken from a label: text that is itself label wording is refused.
 *
 * Layer: common — pure code on boxes and strings.
 */
import type { FieldName } from './fields.ts';

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface WordBox {
  text: string;
  confidence: number;
  bbox: Box;
}

export interface LineBox {
  text: string;
  bbox: Box;
  words: WordBox[];
}

export type LabelledField = Extract<FieldName, 'idNumber' | 'fullName' | 'dateOfBirth' | 'sex' | 'nationality' | 'placeOfOrigin' | 'placeOfResidence' | 'dateOfExpiry'>;

/** Printed labels of both card generations (diacritic-free, lower case, word by word). */
export const LABELS: Record<LabelledField, string[][]> = {
  idNumber: [['so', 'dinh', 'danh', 'ca', 'nhan'], ['personal', 'identification', 'number'], ['so', '/', 'no']],
  fullName: [['ho', 'va', 'ten'], ['ho,', 'chu', 'dem', 'va', 'ten', 'khai', 'sinh'], ['ho', 'chu', 'dem', 'va', 'ten', 'khai', 'sinh'], ['full', 'name']],
  dateOfBirth: [['ngay', 'sinh'], ['ngay,', 'thang,', 'nam', 'sinh'], ['ngay', 'thang', 'nam', 'sinh'], ['date', 'of', 'birth']],
  sex: [['gioi', 'tinh'], ['sex']],
  nationality: [['quoc', 'tich'], ['nationality']],
  placeOfOrigin: [['que', 'quan'], ['place', 'of', 'origin']],
  placeOfResidence: [['noi', 'thuong', 'tru'], ['noi', 'cu', 'tru'], ['place', 'of', 'residence']],
  dateOfExpiry: [['co', 'gia', 'tri', 'den'], ['date', 'of', 'expiry'], ['ngay', 'thang', 'nam', 'het', 'han']],
};

/** Diacritic-free lower case, đ → d, punctuation at the ends dropped (inner "/" kept as its own token). */
export function foldWord(w: string): string {
  return w
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/^[^a-z0-9/]+|[^a-z0-9/]+$/g, '');
}

export function editDistanceAtMost1(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** A read word matches a label word: exactly for short words, one slip allowed from 4 letters on. */
function wordMatches(read: string, label: string): boolean {
  const l = label.replace(/[^a-z0-9/]/g, '');
  if (!read) return false;
  if (l.length >= 4) return editDistanceAtMost1(read, l);
  return read === l;
}

export interface LabelHit {
  field: LabelledField;
  line: number;
  /** Index of the label's first and last word in the line (inclusive). */
  from: number;
  to: number;
  bbox: Box;
}

/** Tokens of a line: the words folded, "/" split off ("Sinh/Date" → "sinh", "/", "date"). */
interface Tok {
  t: string;
  word: number;
}

function tokens(line: LineBox): Tok[] {
  const out: Tok[] = [];
  line.words.forEach((w, i) => {
    for (const part of w.text.split(/(\/)/)) {
      const f = foldWord(part);
      // (session 11) "Số / No.:" read run together, its thin slash lost ("sốNo:"): the two words of the label.
      if (f === 'sono') out.push({ t: 'so', word: i }, { t: 'no', word: i });
      else if (f) out.push({ t: f, word: i });
    }
  });
  return out;
}

const union = (a: Box, b: Box): Box => ({ x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) });

/** Every label occurrence in the lines (longest phrase first at each position; "/" tokens skipped between words). */
export function findLabels(lines: readonly LineBox[]): LabelHit[] {
  const hits: LabelHit[] = [];
  const phrases = (Object.entries(LABELS) as [LabelledField, string[][]][])
    .flatMap(([field, ps]) => ps.map((p) => ({ field, words: p.filter((w) => w !== '/') })))
    .sort((a, b) => b.words.length - a.words.length);
  lines.forEach((line, li) => {
    const toks = tokens(line).filter((t) => t.t !== '/');
    const used = new Set<number>();
    for (let i = 0; i < toks.length; i++) {
      if (used.has(i)) continue;
      for (const ph of phrases) {
        if (i + ph.words.length > toks.length) continue;
        let ok = true;
        for (let k = 0; k < ph.words.length && ok; k++) ok = !used.has(i + k) && wordMatches(toks[i + k]!.t, ph.words[k]!.replace(/[.,]/g, ''));
        if (!ok) continue;
        const from = toks[i]!.word;
        const to = toks[i + ph.words.length - 1]!.word;
        let bbox = line.words[from]!.bbox;
        for (let w = from + 1; w <= to; w++) bbox = union(bbox, line.words[w]!.bbox);
        hits.push({ field: ph.field, line: li, from, to, bbox });
        for (let k = 0; k < ph.words.length; k++) used.add(i + k);
        i += ph.words.length - 1;
        break;
      }
    }
  });
  return hits;
}

/**
 * Folded words that appear in labels and headings but never in a name, a date or a place (Vietnamese
 * label words that fold like a name — Quân/quan, Thắng/thang, Gia, Danh, Công — are not here).
 */
const LABEL_ONLY = new Set([
  'date', 'birth', 'full', 'name', 'nationality', 'personal', 'identification', 'number', 'place', 'origin', 'residence',
  'expiry', 'identity', 'card', 'citizen', 'sex', 'ngay', 'gioi', 'tich', 'thuong', 'cuoc',
]);

/** True when `text` reads as label or heading wording (two or more label-only words, or one for a short text). */
export function looksLikeLabel(text: string): boolean {
  const words = text.split(/[\s/:]+/).map(foldWord).filter(Boolean);
  if (words.length === 0) return false;
  const n = words.filter((w) => LABEL_ONLY.has(w)).length;
  return n >= 2 || (n >= 1 && words.length <= 2 && !/\d/.test(text));
}

export interface ValueSpot {
  field: LabelledField;
  /** Where the value is, in the OCR image's pixels. */
  bbox: Box;
  /** The OCR text of those words (the page reading; a caller may read the box again). */
  text: string;
  /** 'beside' the label on its line, or 'below' it. */
  where: 'beside' | 'below';
  /** The label's height (for scaling crops). */
  labelHeight: number;
  /** Mean word confidence of the page reading, 0..100. */
  confidence: number;
  /** For a value found beside its label: the line(s) below, in case what is beside is not the value (a speck, a stray mark). */
  alt?: ValueSpot;
}

/**
 * For each field whose label was found: the value beside it (words after the label up to the next
 * label on the line) or, when nothing is there, the line(s) below within reach (the name and the
 * places; two lines for the residence). Lines that start with a label are never a value.
 */
export function locateValues(lines: readonly LineBox[], hits: readonly LabelHit[] = findLabels(lines)): ValueSpot[] {
  const out: ValueSpot[] = [];
  const byLine = new Map<number, LabelHit[]>();
  for (const h of hits) byLine.set(h.line, [...(byLine.get(h.line) ?? []), h].sort((a, b) => a.from - b.from));
  const labelLines = new Set(hits.map((h) => h.line));
  const done = new Set<LabelledField>();
  // Several hits of one field on a line (Vietnamese and English) merge: the value starts after the last.
  for (const [li, hs] of byLine) {
    const line = lines[li]!;
    for (let k = 0; k < hs.length; k++) {
      const h = hs[k]!;
      if (done.has(h.field)) continue;
      let end = h.to;
      let kk = k;
      while (kk + 1 < hs.length && hs[kk + 1]!.field === h.field) end = hs[++kk]!.to;
      const nextLabel = hs.slice(kk + 1).find((x) => x.field !== h.field);
      const stop = nextLabel ? nextLabel.from : line.words.length;
      const labelHeight = h.bbox.y1 - h.bbox.y0;
      // Beside: the words after the label, from within reach of it (a gap of at most 8 label heights).
      const after = line.words.slice(end + 1, stop).filter((w) => foldWord(w.text) !== '' && w.text.trim() !== '/' && w.text.trim() !== ':');
      const words = after.length && after[0]!.bbox.x0 - hs[kk]!.bbox.x1 <= labelHeight * 8 ? after : [];
      const alnum = words.map((w) => w.text).join('').replace(/[^\p{L}\d]/gu, '').length;
      const want = h.field === 'placeOfResidence' || h.field === 'placeOfOrigin' ? 2 : 1;
      const belowSpot = (): ValueSpot | undefined => {
        const below = linesBelow(lines, li, h.bbox, labelLines, want);
        if (below.length === 0) return undefined;
        const text = below.map((l) => l.text).join(' ');
        if (looksLikeLabel(text)) return undefined;
        return { field: h.field, bbox: below.reduce((b, l) => union(b, l.bbox), below[0]!.bbox), text, where: 'below', labelHeight, confidence: mean(below.flatMap((l) => l.words)) };
      };
      if (words.length > 0 && alnum >= 2 && !looksLikeLabel(words.map((w) => w.text).join(' '))) {
        let bbox = words[0]!.bbox;
        for (const w of words.slice(1)) bbox = union(bbox, w.bbox);
        const spot: ValueSpot = { field: h.field, bbox, text: words.map((w) => w.text).join(' '), where: 'beside', labelHeight, confidence: mean(words) };
        // The residence continues on the next line.
        if (h.field === 'placeOfResidence') {
          const below = linesBelow(lines, li, h.bbox, labelLines, 1);
          if (below.length) {
            spot.text += ` ${below.map((l) => l.text).join(' ')}`;
            spot.bbox = below.reduce((b, l) => union(b, l.bbox), spot.bbox);
          }
        }
        const alt = h.field === 'placeOfResidence' ? undefined : belowSpot();
        if (alt) spot.alt = alt;
        out.push(spot);
        done.add(h.field);
        continue;
      }
      const spot = belowSpot();
      if (!spot) continue;
      out.push(spot);
      done.add(h.field);
    }
  }
  return out;
}

function mean(ws: readonly WordBox[]): number {
  return ws.length ? ws.reduce((s, w) => s + w.confidence, 0) / ws.length : 0;
}

/** Up to `n` lines just below the label, overlapping it horizontally, none of them a label line. */
function linesBelow(lines: readonly LineBox[], li: number, label: Box, labelLines: Set<number>, n: number): LineBox[] {
  const h = label.y1 - label.y0;
  const out: LineBox[] = [];
  let bottom = label.y1;
  const cands = lines
    .map((l, i) => ({ l, i }))
    .filter(({ l, i }) => i !== li && l.bbox.y0 >= label.y0 + h * 0.6 && l.bbox.x1 > label.x0 && l.bbox.x0 < label.x0 + Math.max(label.x1 - label.x0, h * 12))
    .sort((a, b) => a.l.bbox.y0 - b.l.bbox.y0);
  for (const { l, i } of cands) {
    if (out.length >= n) break;
    if (l.bbox.y0 - bottom > h * 2.2) break;
    if (labelLines.has(i)) break;
    if (!l.words.some((w) => foldWord(w.text) !== '')) continue;
    // A speck read as a letter ("x" from a scratch or the pattern): far smaller than the label's
    // text and one character at most — never a value.
    if (l.bbox.y1 - l.bbox.y0 < h * 0.6 && l.text.replace(/[^\p{L}\d]/gu, '').length < 2) continue;
    out.push(l);
    bottom = l.bbox.y1;
  }
  return out;
}
