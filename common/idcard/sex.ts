/**
 * The holder's sex on a card's front: the printed value (Nam / Nữ) found beside or next to its label
 * in OCR word boxes, and the choice among its readings with the 12-digit ID's century+sex digit as the
 * structural check (issue 15).
 *
 * The ID number is PPP · G · YY · 6 digits, G = century + sex: 0/1 born 1900–1999 male/female, 2/3
 * 2000–2099, 4/5 the 2100s — even is male (Nam), odd is female (Nữ) (`shared/reference/cccd.md`,
 * `check.ts`). That digit:
 *   - chooses between printed readings that disagree (one says Nam, another Nữ);
 *   - gives the sex when no printed reading is legible, but only when the ID's structure holds (a known
 *     province code, G ≤ 5, and G's century and the YY digits agreeing with a date of birth read on its
 *     own) and the ID was read with confidence. That value's source is `ocr-id-digit` (it came from the
 *     ID, not from the printed word) and its confidence is lower than a printed reading's;
 *   - never overrules a clear printed reading (one found beside its label): a disagreement is kept as
 *     read and reported with a low confidence (the fusion flags `id_sex`), for the resident to confirm.
 *
 * Layer: common — pure code on OCR word boxes and strings.
 */
import { decodeIdNumber } from './check.ts';
import type { Sex } from './fields.ts';
import { editDistanceAtMost1, foldWord, type LineBox, type WordBox } from './labels.ts';

/** One reading of the printed sex. */
export interface SexReading {
  value: Sex;
  /** tesseract's confidence, 0..100. */
  conf: number;
  /**
   * Where it was read: `label` — the word after the sex label on its line, or next to the label on the
   * line above/below; `crop` — the label's value box read again on its own; `page` — a "Nam"/"Nữ"
   * standing alone on a line, no label near (weak).
   */
  via: 'label' | 'crop' | 'page';
}

/** The sex chosen for a front, with its source and confidence (0..1). */
export interface SexChoice {
  value: Sex;
  source: 'ocr' | 'ocr-id-digit';
  confidence: number;
}

/** The ID's value and the confidence (0..1) it was chosen with. */
export interface IdForSex {
  value: string;
  confidence: number;
}

/** An ID chosen with less confidence than this does not give the sex on its own. */
export const ID_DIGIT_MIN_CONFIDENCE = 0.8;
/** Confidence of a sex given by the ID's digit, per unit of the ID's confidence (below a printed reading's 0.8–0.95). */
const ID_DIGIT_CONFIDENCE = 0.6;

/**
 * "Nam" or "Nữ" as OCR reads it (the marks on "Nữ" vary: Nừ, Nứ, Nự, Nu …), or undefined. "Nam" is
 * taken without marks only: "năm" (year — "Ngày, tháng, năm sinh" sits just above the sex on 2024
 * cards) folds to the same letters.
 */
export function sexWord(text: string): Sex | undefined {
  const raw = text.normalize('NFC').replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if (raw.length < 2 || raw.length > 3) return undefined;
  if (/^nam$/i.test(raw)) return 'Nam';
  return foldWord(raw) === 'nu' ? 'Nữ' : undefined;
}

/**
 * Where the printed value must be Nam or Nữ (right after a sex label, right before the nationality's
 * label), a word OCR garbled by one letter ("NÑỮ" for Nữ, "Ngm" for Nam) is the one of the two it is one
 * edit from — when it is one edit from exactly one of them. A word that folds to "nam" with marks ("năm",
 * the year) is not Nam. Such a reading is never clear (common/idcard/sex.ts `clear`): the ID's digit
 * decides against it.
 */
export function sexWordNear(text: string): Sex | undefined {
  const exact = sexWord(text);
  if (exact) return exact;
  const raw = text.normalize('NFC').replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  const f = foldWord(raw);
  if (raw.length < 2 || raw.length > 4 || !/^[a-z]+$/.test(f) || f === 'nam' || f === 'nu') return undefined;
  const nam = editDistanceAtMost1(f, 'nam');
  const nu = editDistanceAtMost1(f, 'nu');
  return nam === nu ? undefined : nam ? 'Nam' : 'Nữ';
}
/** tesseract's confidence given to a garbled value (`sexWordNear`): below a clear reading's 60. */
const NEAR_CONF = 40;

/**
 * How many words from `i` on make the sex label: "Giới tính" (2), "Giớitính" run together (1, one slip
 * allowed), "Sex" (1; "se:" as OCR often reads it). "Tỉnh" alone is not a label (addresses: "Tỉnh Nam
 * Định"); "tính" counts only after "giới".
 */
function labelAt(words: readonly string[], i: number): number {
  // The label run together with its English half ("Giớitính/Sex:"): its Vietnamese part decides.
  const w = words[i]!.length > 9 && words[i]!.includes('/') ? words[i]!.split('/')[0]! : words[i]!;
  if (w === 'sex' || w === 'se' || w === 'sex/') return 1;
  if (w.length >= 7 && editDistanceAtMost1(w, 'gioitinh')) return 1;
  if ((w === 'gioi' || (w.length >= 3 && editDistanceAtMost1(w, 'gioi'))) && words[i + 1] !== undefined && editDistanceAtMost1(words[i + 1]!, 'tinh')) return 2;
  return 0;
}

/**
 * Words between the label and its value that are more label: "/", "Sex" and its OCR slips ("se:",
 * "Sez", "sa:"), ":" — or a short token of letters and symbols mixed ("/$eør"), which is no word of a value.
 */
function filler(raw: string, w: string): boolean {
  if (w === '' || w === '/' || w === 'sex/') return true;
  if (w.length >= 2 && w.length <= 4 && editDistanceAtMost1(w, 'sex')) return true;
  // A short word ending with a colon is the end of a label ("sa:" for "Sex:"), never a value.
  if (raw.length <= 5 && /\p{L}:$/u.test(raw)) return true;
  return raw.length <= 6 && /[^\p{L}:.,]/u.test(raw.replace(/^\/|\/$/g, '')) && /\p{L}/u.test(raw);
}

/**
 * Printed sex readings in a page's OCR lines: the word right after a sex label (past "/ Sex:"), or —
 * when the value is not on the label's line — a "Nam"/"Nữ" on the line just above or below, starting
 * within a few label heights of the label (the 2024 layout: "Giới tính Nam" over "Sex:"; a label whose
 * Vietnamese half was lost). A "Nam" after "Việt" is the nationality, never the sex; place names
 * ("Quảng Nam", "Nam Định") are not near a sex label.
 */
export function sexReadingsInLines(lines: readonly LineBox[]): SexReading[] {
  const out: SexReading[] = [];
  // Each printed word counts once, however many labels point at it ("Giới tính Nữ" over "Sex:").
  const taken = new Set<string>();
  const take = (li: number, wi: number, v: Sex, near = false) => {
    if (taken.has(`${li}:${wi}`)) return;
    taken.add(`${li}:${wi}`);
    const conf = lines[li]!.words[wi]!.confidence;
    out.push({ value: v, conf: near ? Math.min(conf, NEAR_CONF) : conf, via: 'label' });
  };
  const valueAt = (li: number, wi: number): { v: Sex; near: boolean } | undefined => {
    const t = lines[li]!.words[wi]!.text;
    const v = sexWord(t);
    if (v) return { v, near: false };
    const n = sexWordNear(t);
    return n ? { v: n, near: true } : undefined;
  };
  const folded = lines.map((l) => l.words.map((w) => foldWord(w.text)));
  const isNationalityNam = (li: number, wi: number) => wi > 0 && /^(viet|vit|iet|vict|viel)$/.test(folded[li]![wi - 1]!);
  for (let li = 0; li < lines.length; li++) {
    const ws = folded[li]!;
    for (let i = 0; i < ws.length; i++) {
      const n = labelAt(ws, i);
      if (!n) continue;
      const label = lines[li]!.words.slice(i, i + n);
      let j = i + n;
      let skipped = 0;
      while (j < ws.length && !valueAt(li, j) && filler(lines[li]!.words[j]!.text, ws[j]!) && skipped < 2) {
        j++;
        skipped++;
      }
      const beside = j < ws.length ? valueAt(li, j) : undefined;
      if (beside) {
        take(li, j, beside.v, beside.near);
        i = j;
        continue;
      }
      // Nothing beside: the line above or below, a value starting near the label.
      const h = Math.max(8, ...label.map((w) => w.bbox.y1 - w.bbox.y0));
      const x0 = Math.min(...label.map((w) => w.bbox.x0));
      const cy = (label[0]!.bbox.y0 + label[0]!.bbox.y1) / 2;
      for (const lj of [li - 1, li + 1]) {
        const other = lines[lj];
        if (!other) continue;
        const oy = (other.bbox.y0 + other.bbox.y1) / 2;
        if (Math.abs(oy - cy) > 2.5 * h) continue;
        other.words.forEach((w: WordBox, wi: number) => {
          const v = sexWord(w.text);
          if (!v || isNationalityNam(lj, wi)) return;
          if (w.bbox.x0 < x0 - h || w.bbox.x0 > x0 + 9 * h) return;
          take(lj, wi, v);
        });
      }
    }
  }
  // The sex label lost ("Gi Nam Quốc tịch"): both generations print the sex just before the nationality's
  // label on one line — a "Nam"/"Nữ" right before "Quốc tịch" (not "Quốc Oai") is the sex.
  for (let li = 0; li < lines.length; li++) {
    const ws = folded[li]!;
    for (let i = 0; i + 1 < ws.length; i++) {
      const at = valueAt(li, i);
      if (!at || isNationalityNam(li, i)) continue;
      const next = ws[i + 1]!;
      // "Quốc tịch", run together ("Quốctịch"), or run together and garbled ("Quốc‡ch": "quoc" and more).
      const runTogether = next.length >= 6 && (editDistanceAtMost1(next, 'quoctich') || (next.startsWith('quoc') && /[^a-z]/.test(next)));
      if (runTogether || (editDistanceAtMost1(next, 'quoc') && ws[i + 2] !== undefined && editDistanceAtMost1(ws[i + 2]!, 'tich'))) take(li, i, at.v, at.near);
    }
  }
  // No label anywhere near: a line that is only "Nam" or "Nữ" (a value printed on a line of its own).
  if (out.length === 0)
    lines.forEach((l) => {
      if (l.words.length !== 1) return;
      const v = sexWord(l.words[0]!.text);
      if (v) out.push({ value: v, conf: l.words[0]!.confidence, via: 'page' });
    });
  return out;
}

/**
 * The sex the ID's structure gives: its G digit's parity, when the ID was read with confidence, its
 * province code is known, G ≤ 5, and G's century and the YY digits agree with the date of birth.
 */
export function sexFromId(id: IdForSex | undefined, dateOfBirth: string | undefined): Sex | undefined {
  if (!id || !dateOfBirth || id.confidence < ID_DIGIT_MIN_CONFIDENCE) return undefined;
  const s = decodeIdNumber(id.value);
  if (!s || !s.provinceKnown || Number(id.value[3]) > 5) return undefined;
  const year = Number(dateOfBirth.slice(0, 4));
  if (!Number.isInteger(year) || year - (year % 100) !== s.century || year % 100 !== s.yy) return undefined;
  return s.sex;
}

/**
 * A printed reading the ID's digit does not overrule: the page's own word beside or next to its label,
 * read confidently (not a second reading of a box whose page text was garbled, nor a lone word).
 */
const clear = (r: SexReading) => r.via === 'label' && r.conf >= 60;

/**
 * The sex from the printed readings and the ID (see the module's comment). Undefined when nothing was
 * read and the ID's structure does not hold.
 */
export function chooseSex(readings: readonly SexReading[], id: IdForSex | undefined, dateOfBirth: string | undefined): SexChoice | undefined {
  const fromId = sexFromId(id, dateOfBirth);
  const printed = (v: Sex, rs: readonly SexReading[]): SexChoice => ({ value: v, source: 'ocr', confidence: 0.6 + 0.35 * (Math.max(...rs.map((r) => r.conf)) / 100) });
  const byValue = (v: Sex) => readings.filter((r) => r.value === v);
  const values = [...new Set(readings.map((r) => r.value))];
  if (values.length === 0) return fromId ? { value: fromId, source: 'ocr-id-digit', confidence: ID_DIGIT_CONFIDENCE * id!.confidence } : undefined;
  if (values.length === 2) {
    // The readings disagree: the ID's digit chooses; without it, the more (and more confident) readings.
    if (fromId) return printed(fromId, byValue(fromId));
    const score = (v: Sex) => byValue(v).reduce((s, r) => s + r.conf, 0);
    const v = score('Nam') >= score('Nữ') ? 'Nam' : 'Nữ';
    const c = printed(v, byValue(v));
    return { ...c, confidence: c.confidence * 0.8 };
  }
  const v = values[0]!;
  const c = printed(v, byValue(v));
  if (!fromId || fromId === v) return c;
  // One value read, the ID says the other. A clear printed reading stands, with a low confidence; a
  // weak one (a lone "Nam" with no label near) gives way to the ID's structure.
  if (byValue(v).some(clear)) return { ...c, confidence: c.confidence * 0.7 };
  return { value: fromId, source: 'ocr-id-digit', confidence: ID_DIGIT_CONFIDENCE * id!.confidence };
}
