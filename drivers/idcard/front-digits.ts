/**
 * Second readings of the front's digit fields — the 12-digit ID and the dates — from their value boxes
 * (front-labels.ts finds the boxes and chooses among the readings). Each box is read several
 * independent ways that vote: tesseract's Vietnamese model (the page's language) and, when the caller
 * gives one, its English model, in line mode (PSM 7) and raw-line mode (PSM 13), at two scales, with
 * a global and a local binarisation, all with a digit whitelist.
 *
 * Why the English model: on the bold display-serif digits of some card printings the Vietnamese
 * model reads "6" as "0" and "4" as "1" on a clean image (`079179020417` for `079179026447`) while the
 * English model, trained on far more digits, reads them right at every scale; where the Vietnamese
 * model is right the English one agrees. Neither is trusted alone: the readings vote, and the
 * structure (province, century+sex digit, year against the date) still decides.
 *
 * The crop function is passed in by the caller (front-labels.ts owns the page), so this module does
 * not import front-labels.ts back at run time.
 */
import { fromOcrDate, normaliseOcrField } from './ocr-front.ts';
import type { OcrParams, OcrPool, OcrResult } from './ocr-pool.ts';
import type { Box, LineBox, ValueSpot, WordBox } from '../../common/idcard/labels.ts';
import { idScore } from '../../common/idcard/id-vote.ts';
import { numberRows, type GreyPage } from './digit-rows.ts';

/** One reading of a digit field from its box. */
export interface DigitReading {
  value: string;
  /** tesseract's confidence, 0..100. */
  conf: number;
  via: 'crop';
  /** Which of tesseract's models read it. */
  model: 'vie' | 'eng';
}

/** The pools a box is read with: the page's (Vietnamese) one, and the English one when the caller has it. */
export interface DigitPools {
  vie: OcrPool;
  eng?: OcrPool;
}

/** A padded, scaled crop of the page as a PNG (front-labels.ts `cropPage`). */
export type DigitCropFn<P> = (page: P, b: Box, padX: number, padY: number, scale: number) => Promise<{ png: Buffer }>;

const DIGITS = '0123456789';
const DATE = '0123456789/';

const safe = (p: Promise<OcrResult>) => p.catch(() => undefined);

interface Job {
  img: 'big' | 'small';
  model: 'vie' | 'eng';
  psm: NonNullable<OcrParams['psm']>;
  /** tesseract's binarisation: Otsu ('0', global) or Sauvola ('2', local: a shadow across the digits). */
  threshold: '0' | '2';
}

/**
 * The readings of a box: the Vietnamese model's three (as before session 7), the English model's four
 * — two of them binarised by Sauvola's local threshold, which keeps the digits under a shadow's edge
 * that one global (Otsu) threshold loses.
 */
const JOBS: Job[] = [
  { img: 'big', model: 'vie', psm: '7', threshold: '0' },
  { img: 'big', model: 'vie', psm: '13', threshold: '0' },
  { img: 'small', model: 'vie', psm: '13', threshold: '0' },
  { img: 'big', model: 'eng', psm: '7', threshold: '0' },
  { img: 'big', model: 'eng', psm: '7', threshold: '2' },
  { img: 'big', model: 'eng', psm: '13', threshold: '0' },
  { img: 'small', model: 'eng', psm: '7', threshold: '2' },
];

/**
 * The readings that go first when the English model is there: the Vietnamese model's two of the big crop and the
 * English model's line reading — one of each model, on the two pools at once. When all three give the same
 * valid value (and the page's own text, when it gave one, agrees) and `sure` accepts it, the other four cannot
 * outvote them (at most a tie at a position) and are not read: a clean box costs three readings, not seven.
 */
const FIRST = [0, 1, 3];

async function readBox<P>(page: P, box: Box, pad: { x: number; y: number }, scale: number, pools: DigitPools, crop: DigitCropFn<P>, whitelist: string, parse: (text: string) => string | undefined, agree?: { page?: string; sure: (v: string) => boolean }): Promise<DigitReading[]> {
  const [big, small] = await Promise.all([crop(page, box, pad.x, pad.y, scale), crop(page, box, pad.x, pad.y, scale * 0.7)]);
  const jobs = JOBS.filter((j) => j.model === 'vie' || pools.eng);
  const read = (j: Job) => safe((j.model === 'eng' ? pools.eng! : pools.vie).recognize((j.img === 'big' ? big : small).png, { psm: j.psm, whitelist, threshold: j.threshold }));
  const out: DigitReading[] = [];
  const take = (js: Job[], rs: (OcrResult | undefined)[]) =>
    rs.forEach((r, i) => {
      const v = r && parse(r.text);
      if (r && v) out.push({ value: v, conf: r.confidence, via: 'crop', model: js[i]!.model });
    });
  const first = agree && pools.eng ? FIRST.map((i) => JOBS[i]!) : jobs;
  take(first, await Promise.all(first.map(read)));
  if (first === jobs) return out;
  const v = out[0]?.value;
  if (out.length === first.length && v !== undefined && out.every((r) => r.value === v) && (agree!.page === undefined || agree!.page === v) && agree!.sure(v)) return out;
  const rest = jobs.filter((j) => !first.includes(j));
  take(rest, await Promise.all(rest.map(read)));
  return out;
}

/** 12 digits, or nothing. */
function parseId(text: string): string | undefined {
  const d = text.replace(/\D/g, '');
  return /^\d{12}$/.test(d) ? d : undefined;
}

/**
 * The ID's box read seven ways. `box` is the value's box on the page (already widened by the caller
 * when the value sits beside its label); `h` the label's height.
 */
export function readIdBox<P>(page: P, box: Box, h: number, pools: DigitPools, crop: DigitCropFn<P>, agree?: { page?: string }): Promise<DigitReading[]> {
  const scale = Math.min(2, 40 / Math.max(10, box.y1 - box.y0));
  // Stopping early needs a well-formed ID (a known province, a century+sex digit 0–5).
  return readBox(page, box, { x: h * 0.6, y: h * 0.45 }, scale, pools, crop, DIGITS, parseId, agree && { ...agree, sure: (v) => idScore(v) >= 2 });
}

/** A date's box read seven ways (digits and "/"). */
export function readDateBox<P>(page: P, box: Box, h: number, pools: DigitPools, crop: DigitCropFn<P>, agree?: { page?: string }): Promise<DigitReading[]> {
  const scale = Math.min(2, 36 / Math.max(10, box.y1 - box.y0));
  return readBox(page, box, { x: h * 0.5, y: h * 0.4 }, scale, pools, crop, DATE, fromOcrDate, agree && { ...agree, sure: () => true });
}

/** The digit fields' readings of one page: the page's own text of each value and its box's readings. */
export interface DigitFieldReadings {
  idNumber: { value: string; conf: number; via: 'page' | 'crop'; model?: 'vie' | 'eng' }[];
  dateOfBirth: { value: string; conf: number; via: 'page' | 'crop'; model?: 'vie' | 'eng' }[];
  dateOfExpiry: { value: string; conf: number; via: 'page' | 'crop'; model?: 'vie' | 'eng' }[];
  /** The page's raw text of each value found by its label. */
  raw: Partial<Record<'idNumber' | 'dateOfBirth' | 'dateOfExpiry', string>>;
  /** The date fields whose box was read again (not only the page's text). */
  datesCropped: ('dateOfBirth' | 'dateOfExpiry')[];
}

/** A word that is a run of digits (O/I/l/| allowed as OCR's digits): part of an ID printed without a label found. */
function digitWord(t: string): number {
  const d = t.replace(/[Oo]/g, '0').replace(/[Il|]/g, '1').replace(/[^\d]/g, '');
  return d.length >= 2 && d.length >= 0.7 * t.replace(/[\s.,:;'"]/g, '').length ? d.length : 0;
}

/**
 * Where a 12-digit ID is printed when its label was not found ("Số / No.:" read "số xo:"): runs of
 * digit words on one line holding 11–14 digits (OCR doubles or drops one), their box. At most two, most
 * likely first (12 digits).
 */
export function idBoxesInLines(lines: readonly LineBox[]): Box[] {
  const found: { box: Box; n: number }[] = [];
  for (const l of lines) {
    let run: WordBox[] = [];
    let n = 0;
    const flush = () => {
      if (n >= 11 && n <= 14) found.push({ box: { x0: Math.min(...run.map((w) => w.bbox.x0)), y0: Math.min(...run.map((w) => w.bbox.y0)), x1: Math.max(...run.map((w) => w.bbox.x1)), y1: Math.max(...run.map((w) => w.bbox.y1)) }, n });
      run = [];
      n = 0;
    };
    for (const w of l.words) {
      const k = digitWord(w.text);
      if (k === 0) flush();
      else {
        run.push(w);
        n += k;
      }
    }
    flush();
  }
  return found.sort((a, b) => Math.abs(a.n - 12) - Math.abs(b.n - 12)).slice(0, 2).map((f) => f.box);
}

/**
 * The ID and the dates on one page: each value found by its label (its page text when it validates —
 * not with `boxesOnly`, for a page whose text was taken already — and its box read again: always for
 * the ID, for a date when its text does not validate or is unsure, or with `dateAlways`), and — when the ID's label was not found — the ID's box located by its
 * digits in the page's lines and read the same ways.
 */
export async function readDigitFields<P extends { width: number }>(page: P, spots: { idNumber?: ValueSpot; dateOfBirth?: ValueSpot; dateOfExpiry?: ValueSpot }, lines: readonly LineBox[], pools: DigitPools, crop: DigitCropFn<P>, opts: { dateAlways?: boolean; boxesOnly?: boolean } = {}): Promise<DigitFieldReadings> {
  const out: DigitFieldReadings = { idNumber: [], dateOfBirth: [], dateOfExpiry: [], raw: {}, datesCropped: [] };
  const jobs: Promise<void>[] = [];
  const idSpot = spots.idNumber;
  if (idSpot) {
    out.raw.idNumber = idSpot.text;
    const v = normaliseOcrField('idNumber', idSpot.text);
    if (v) out.idNumber.push({ value: v, conf: idSpot.confidence, via: 'page' });
    const h = idSpot.labelHeight || 20;
    // Beside its label, the box runs on for a whole ID's width (the page may have read only part of it).
    const spotBox = tight(page, idSpot.bbox);
    const box = { ...spotBox, x1: idSpot.where === 'beside' ? Math.max(spotBox.x1, spotBox.x0 + h * 16) : spotBox.x1 };
    // Below its label, the page's word box may end short of the last digit (a flatbed scan's guilloche: the
    // box of "079306880896" stopped inside its final 6: six of its seven readings had 11 digits, the
    // seventh 12 with a wrong last one). When fewer than three readings of the box give 12 digits, it is
    // read again running on by most of a digit's width (0.6 × its height), and those readings join the
    // vote — only then: on other fronts that much more takes in a mark beside the number.
    const wider = { ...box, x1: box.x1 + 0.6 * (box.y1 - box.y0) };
    jobs.push(readIdBox(page, box, h, pools, crop, { page: v }).then(async (rs) => void out.idNumber.push(...rs, ...(rs.length < 3 ? await readIdBox(page, wider, h, pools, crop) : []))));
  } else {
    for (const found of idBoxesInLines(lines)) {
      const box = tight(page, found);
      const h = (box.y1 - box.y0) * 0.8;
      jobs.push(readIdBox(page, { ...box, x0: box.x0 - h, x1: box.x1 + h }, h, pools, crop, {}).then((rs) => void out.idNumber.push(...rs)));
    }
  }
  for (const f of ['dateOfBirth', 'dateOfExpiry'] as const) {
    const s = spots[f];
    if (!s) continue;
    out.raw[f] = s.text;
    const v = normaliseOcrField(f, s.text);
    if (v && !opts.boxesOnly) out[f].push({ value: v, conf: s.confidence, via: 'page' });
    if (!v || s.confidence < 85 || opts.dateAlways) {
      out.datesCropped.push(f);
      const h = s.labelHeight || 20;
      // A date beside its label read short ("270:" for 27/02/1996): its box widened to a whole date's width.
      const short = s.where === 'beside' && s.text.replace(/\D/g, '').length < 8;
      const box = short ? { ...s.bbox, x1: Math.min(page.width, Math.max(s.bbox.x1, s.bbox.x0 + h * 8)) } : s.bbox;
      jobs.push(readDateBox(page, box, h, pools, crop, { page: v }).then((rs) => void out[f].push(...rs)));
    }
  }
  await Promise.all(jobs);
  return out;
}

/** A word box of the number that the page's layout made too tall (digit-rows.ts): its number's rows, when the page's pixels are at hand. */
function tight(page: { width: number }, box: Box): Box {
  const p = page as Partial<GreyPage>;
  return (p.grey && p.height && numberRows({ grey: p.grey, width: page.width, height: p.height }, box)) || box;
}

/**
 * Where dates are printed in the page's lines (one word "19/05/1984", or two or three words "19/05 1984"):
 * their boxes, at most three. For a date of birth whose label was not found: its box is read again the
 * same seven ways when the page's text of it is not one the ID's year confirms.
 */
/**
 * A date's printed shape, slashes and all, whose digits do not make a date ("97/11/1953": a blurred 0 read 9): where a
 * date is printed all the same — its box's readings (checked as dates) say what it is (session 11).
 */
const DATE_SHAPED = /^\D{0,2}\d{2}\s?[/.-]\s?\d{2}\s?[/.-]\s?(19|20)\d{2}\D{0,2}$/;

export function dateBoxesInLines(lines: readonly LineBox[]): Box[] {
  const out: Box[] = [];
  for (const l of lines)
    for (let i = 0; i < l.words.length && out.length < 3; i++)
      for (let n = 1; n <= 3 && i + n <= l.words.length; n++) {
        const ws = l.words.slice(i, i + n);
        const t = ws.map((w) => w.text).join(' ');
        if (!/^\D{0,2}\d{1,2}\s?[/.-]?\s?\d{1,2}\s?[/.-]?\s?\d{4}\D{0,2}$/.test(t) || !(fromOcrDate(t.replace(/^\D+|\D+$/g, '')) || DATE_SHAPED.test(t))) continue;
        out.push({ x0: Math.min(...ws.map((w) => w.bbox.x0)), y0: Math.min(...ws.map((w) => w.bbox.y0)), x1: Math.max(...ws.map((w) => w.bbox.x1)), y1: Math.max(...ws.map((w) => w.bbox.y1)) });
        i += n - 1;
        break;
      }
  return out;
}
