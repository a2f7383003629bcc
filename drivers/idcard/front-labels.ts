/**
 * Front OCR by printed labels (any layout, scale or font): one page read of the card image with word
 * boxes, the labels found (common/idcard/labels.ts), each value read beside or below its label — the
 * page's own reading plus a second, field-specific reading of the value's box (digits for the ID,
 * digits and "/" for dates, the isolated line in two renderings for the name). The structural checks
 * choose among the readings: the ID's structure and province, its century+sex digit and year against
 * the date of birth, Vietnamese syllables and the surname list for the name. A value that reads as a
 * label is refused. Without labels, the page text is searched (a 12-digit ID with a valid structure,
 * dates, a capitalised name line); a page with nothing at all is read again turned 180°.
 */
import sharp from 'sharp';
import { chooseIdAndDob, idAgreesWithDob, idScore, plausibleBirth, UNSURE_CONFIDENCE } from '../../common/idcard/id-vote.ts';
import { fromDdmmyyyy, fromPrintedDate, toAsciiUpper, type Candidate, type FieldName } from '../../common/idcard/fields.ts';
import { findLabels, locateValues, looksLikeLabel, type Box, type LabelledField, type LineBox, type ValueSpot } from '../../common/idcard/labels.ts';
import { normaliseOcrField, type FrontOcrResult, type Generation } from './ocr-front.ts';
import type { OcrPool, OcrResult } from './ocr-pool.ts';
import { textSkew } from './mrz-locate.ts';
import { nameCandidate, namesWithoutLabel, readNameReadings, syllableName, type NameRead } from './front-name.ts';
import { flattenByClosing } from './flatten.ts';
import { dateBoxesInLines, readDateBox, readDigitFields, type DigitPools } from './front-digits.ts';
import { localContrast } from './local-contrast.ts';
import { cropRgb, zoomBox } from './front-zoom.ts';
import { redInk } from './front-red.ts';
import { cardOnBlankPage } from './front-scan.ts';
import { descreen } from './descreen.ts';
import { clearLean } from './text-up.ts';
import { chooseSex, sexReadingsInLines, type SexReading } from '../../common/idcard/sex.ts';

/** An RGB image (the warped card, or the whole frame when no card edge was found). */
export interface RgbImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 3;
}

/** Grey image prepared for OCR. */
export interface Page {
  grey: Buffer;
  width: number;
  height: number;
  png: Buffer;
  /** The text's skew was measured and undone (`deskew`). */
  straightened?: boolean;
  /** How the page was made from its image (front-zoom.ts maps page boxes back): scale, and the turn in degrees (clockwise) with the size it was turned from. */
  from?: { scale: number; turnDeg: number; turnedWidth: number; turnedHeight: number };
}

/** Width the card (or frame) is brought to for the page read: labels ≈ 20 px high. */
export const PAGE_WIDTH = 1400;
/** The closing window for uneven light: the page width / 56 (25 px at 1400 px: wider than the bold name's strokes). */
const FLATTEN_WINDOW_DIV = 56;
/** The local contrast stretch's window: the page width / 34 (41 px at 1400 px: a value's glyph and its gaps). */
const CONTRAST_WINDOW_DIV = 34;
/** The fields whose labels a good page reading finds; missing one, the page is read again with its light evened out. */
const KEY_FIELDS: LabelledField[] = ['idNumber', 'fullName', 'dateOfBirth'];
/** An ID this confident (every position agreed by ≥ 75 % of its readings gives 0.8–0.95: id-vote.ts) outweighs a page date its year contradicts. */
const SURE_ID = 0.9;
/** A whole picture is read closer (front-zoom.ts) only when its page reading found at most this many fields' labels. */
const ZOOM_MAX_FIELDS = 3;

/** `flatten`: true = light evened out (flatten.ts), 'contrast' = local contrast stretched (local-contrast.ts). */
export async function preparePage(img: RgbImage, rotate180: boolean, pageWidth: number, deskew: boolean, flatten: boolean | 'contrast' = false): Promise<Page> {
  const scale = Math.min(2.5, pageWidth / img.width);
  let width = Math.round(img.width * scale);
  let height = Math.round(img.height * scale);
  let s = sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } }).greyscale();
  if (rotate180) s = s.rotate(180);
  let { data } = await s.resize(width, height, { kernel: 'cubic' }).normalise().raw().toBuffer({ resolveWithObject: true });
  let straightened = false;
  const from = { scale, turnDeg: 0, turnedWidth: width, turnedHeight: height };
  // Light evened out before the skew is measured: a shadow's long straight edge is not a text line.
  if (flatten === 'contrast') data = Buffer.from(localContrast({ data: new Uint8Array(data.buffer, data.byteOffset, data.length), width, height }, Math.max(15, width / CONTRAST_WINDOW_DIV)).data);
  else if (flatten) data = Buffer.from(flattenByClosing({ data: new Uint8Array(data.buffer, data.byteOffset, data.length), width, height }, Math.max(15, width / FLATTEN_WINDOW_DIV)).data);
  if (deskew) {
    // No card edge was found, so nothing straightened the card: straighten its text lines (a card
    // lying askew on a scanner or a desk), or tesseract loses lines beyond a few degrees.
    let angle = textSkew({ data: new Uint8Array(data.buffer, data.byteOffset, data.length), width, height });
    if (Math.abs(angle) > 0.015 && Math.abs(angle) < 0.35) {
      const turn = (a: number) =>
        sharp(data, { raw: { width, height, channels: 1 } })
          .rotate((-a * 180) / Math.PI, { background: { r: 255, g: 255, b: 255 } })
          .extractChannel(0)
          .raw()
          .toBuffer({ resolveWithObject: true });
      let r = await turn(angle);
      // A steep line is joined by the skew's horizontal smear only in part, and the measure falls short (10.6°
      // for a card lying at 23° on a tablecloth: turned by that, its page still read no line). Measured
      // again on the turned page, the rest is added once and the page turned from the original by the sum.
      const rest = textSkew({ data: new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.length), width: r.info.width, height: r.info.height });
      if (Math.abs(rest) > 0.015 && Math.abs(angle + rest) < 0.6) {
        angle += rest;
        r = await turn(angle);
      }
      from.turnDeg = (-angle * 180) / Math.PI;
      data = r.data;
      width = r.info.width;
      height = r.info.height;
      straightened = true;
    }
  }
  const png = await sharp(data, { raw: { width, height, channels: 1 } }).png({ compressionLevel: 1 }).toBuffer();
  return { grey: data, width, height, png, straightened, from };
}

/** A box of the page, padded, scaled and contrast-stretched: one-band grey and its PNG (for the second readings). */
export async function cropPage(page: Page, b: Box, padX: number, padY: number, scale: number): Promise<{ png: Buffer; grey: { data: Uint8Array; width: number; height: number } }> {
  const left = Math.max(0, Math.floor(b.x0 - padX));
  const top = Math.max(0, Math.floor(b.y0 - padY));
  const width = Math.max(4, Math.min(page.width - left, Math.ceil(b.x1 + padX) - left));
  const height = Math.max(4, Math.min(page.height - top, Math.ceil(b.y1 + padY) - top));
  // greyscale(): sharp turns a one-band raw input into three bands on output unless told otherwise
  // (the crop was then read as one band: every second reading was of a smeared image).
  let s = sharp(page.grey, { raw: { width: page.width, height: page.height, channels: 1 } }).extract({ left, top, width, height }).greyscale();
  if (scale !== 1) s = s.resize(Math.max(4, Math.round(width * scale)), Math.max(4, Math.round(height * scale)), { kernel: 'cubic' });
  const { data, info } = await s.normalise().raw().toBuffer({ resolveWithObject: true });
  const png = await sharp(data, { raw: { width: info.width, height: info.height, channels: 1 } }).png({ compressionLevel: 1 }).toBuffer();
  return { png, grey: { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height } };
}

/** The image flopped left ↔ right (a mirrored picture read the right way round). */
export async function mirrorRgb(img: RgbImage): Promise<RgbImage> {
  const data = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } }).flop().raw().toBuffer();
  return { data, width: img.width, height: img.height, channels: 3 };
}

const safe = (p: Promise<OcrResult>) => p.catch(() => undefined);

/** Candidate readings of one field, best first after the structural checks. */
interface Reading {
  value: string;
  conf: number; // 0..100
  via: 'page' | 'crop';
}

/**
 * Where a field's value is read: beside its label, or — when what is beside does not validate (a
 * speck, a stray mark) — the line below. A name beside its label that is not Vietnamese syllables
 * (the label's English half garbled: "Full name:" read "1 ull ngà") gives way to a line below that is.
 */
export function preferredSpot(f: LabelledField, sp: ValueSpot | undefined): ValueSpot | undefined {
  if (sp?.alt && normaliseOcrField(f, sp.text) === undefined && (f !== 'fullName' || normaliseOcrField(f, sp.alt.text) !== undefined || sp.alt.confidence > sp.confidence)) return sp.alt;
  if (f === 'fullName' && sp?.alt && !syllableName(sp.text) && syllableName(sp.alt.text)) return sp.alt;
  return sp;
}

/** 12-digit runs in a text (spaces inside a group allowed: "079 188 882 488"). */
function idsIn(text: string): string[] {
  const out: string[] = [];
  const fixed = text.replace(/[Oo]/g, '0').replace(/[Il|]/g, '1');
  for (const m of fixed.matchAll(/\d[\d ]{10,16}\d/g)) {
    const d = m[0].replace(/ /g, '');
    if (d.length === 12) out.push(d);
  }
  return out;
}

export function datesIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/g)) {
    const iso = fromPrintedDate(m[0]);
    if (iso) out.push(iso);
  }
  // A date whose slashes were lost ("20061967", "20 06 1967") or one of them ("1811/1996", "22/09 1980"),
  // standing alone (not part of a longer number).
  for (const m of text.matchAll(/(?<!\d\s?)(\d{2})\s?[/.-]?\s?(\d{2})\s?[/.-]?\s?(\d{4})(?!\s?\d)/g)) {
    const iso = fromDdmmyyyy(m[1]! + m[2]! + m[3]!);
    if (iso && !out.includes(iso)) out.push(iso);
  }
  return out;
}

/**
 * The digit fields are weak: no ID reading with a valid structure (known province, century+sex digit
 * 0–5), or no date of birth that such an ID reading's century and year confirm (none read, or the
 * ones read disagree with the ID: one of the two is misread).
 */
export function weakDigits(ids: readonly Reading[], dobs: readonly Reading[], pageDates: readonly string[]): boolean {
  if (!ids.some((r) => idScore(r.value) >= 2)) return true;
  const confirmed = (d: string) => plausibleBirth(d) && ids.some((r) => idScore(r.value) >= 2 && idAgreesWithDob(r.value, d));
  const birth = dobs.filter((r) => plausibleBirth(r.value));
  // A date of birth whose year no well-formed ID reading shares: one of the two is misread (1932 for 1992).
  if (birth.length > 0) return !birth.some((r) => confirmed(r.value));
  return !pageDates.some(confirmed);
}

export interface LabelFrontResult extends FrontOcrResult {
  /** How many labels were found (0: the page-text fallback was used). */
  labels: number;
  /** The page was read turned 180° (an upside-down card). */
  rotated: boolean;
  /** The picture was read flopped left ↔ right (a mirrored picture: a selfie camera's), proven by its labels or ID. */
  mirrored: boolean;
  /** Three or more fields' labels printed twice, far apart: two cards in one picture. */
  twoCards: boolean;
  /**
   * The first look showed no ID card's front (`frontSeen`) and `elsewhere` said another card is in the picture: the
   * reading stopped there, no candidates (read-card.ts reads the other card).
   */
  stopped?: true;
}

/** Labels only a front carries (a 2024 back has "Nơi cư trú" and an expiry's "Ngày, tháng, năm hết hạn"; a 2021 back neither). */
const FRONT_LABELS: ReadonlySet<LabelledField> = new Set(['idNumber', 'fullName', 'dateOfBirth', 'sex', 'nationality', 'placeOfOrigin']);

/** A page reading shows an ID card's front: a front's label, or a 12-digit number of an ID's structure (known province, century+sex digit). */
export function frontSeen(hits: readonly { field: LabelledField }[], text: string): boolean {
  return hits.some((h) => FRONT_LABELS.has(h.field)) || idsIn(text).some((id) => idScore(id) >= 2);
}

/** The page read with word boxes (PSM 3); `threshold` '2' binarises it by Sauvola's local threshold instead of Otsu's global one. */
export async function readPage(pool: OcrPool, page: Page, threshold: '0' | '2' = '0'): Promise<LineBox[]> {
  const res = await pool.recognize(page.png, { psm: '3', threshold });
  return res.lines.map((l) => ({ text: l.text, bbox: l.bbox, words: l.words }));
}

/**
 * Read a front by its labels. Candidates carry source 'ocr'.
 * `elsewhere`: asked once, only when the first look (upright and turned) shows no ID card's front (`frontSeen`) — a bank
 * card's name read as the holder's was the cost of going on (generator 9's "beside a bank card"); true (another card is
 * in the picture) stops the reading there, with nothing read (`stopped`).
 */
export async function readFrontByLabels(
  img: RgbImage,
  pool: OcrPool,
  opts: { pageWidth?: number; deskew?: boolean; eng?: OcrPool; zoom?: boolean; elsewhere?: () => Promise<boolean> } = {},
): Promise<LabelFrontResult> {
  const digitPools: DigitPools = { vie: pool, eng: opts.eng };
  const t0 = performance.now();
  const pageWidth = opts.pageWidth ?? PAGE_WIDTH;
  const deskew = opts.deskew ?? false;
  let rotated = false;
  let mirrored = false;
  // A 1-bit dithered copy (a fax): its dot fields blurred back to grey first (descreen.ts), or the page layout drops whole blocks with them.
  img = (await descreen(img)) ?? img;
  // A whole picture that is a blank page with a card lying small on it (a flatbed scan): the card's region
  // (all the page's print, with a margin: front-scan.ts) is read as the card, in place of the page — the page
  // holds nothing else, and its own reading, the text far smaller and the paper's texture stretched, is worse.
  if (opts.zoom) {
    const box = await cardOnBlankPage(img);
    if (box) {
      const z = await readFrontByLabels(cropRgb(img, box), pool, { ...opts, pageWidth: PAGE_WIDTH, zoom: false });
      return { ...z, ms: performance.now() - t0 };
    }
  }
  let page = await preparePage(img, false, pageWidth, deskew);
  let lines = await readPage(pool, page);
  let hits = findLabels(lines);
  const pageText = () => lines.map((l) => l.text).join('\n');
  const words = lines.flatMap((l) => l.words);
  const meanConf = words.length ? words.reduce((s, w) => s + w.confidence, 0) / words.length : 0;
  // Nothing recognisable and little read with confidence (upright text that is not a card reads
  // confidently: a form page is not turned): perhaps the card is upside down.
  if (hits.length === 0 && idsIn(pageText()).every((id) => idScore(id) < 2) && (words.length < 8 || meanConf < 70)) {
    // Or mirrored left ↔ right (a selfie camera's, a kiosk's front camera): its text mirror-written. The two looks are
    // read side by side (the pool's two workers), unless the letters' marks (text-up.ts, no OCR) lean clearly below their
    // letters — upside down, which a mirrored picture's marks are not: the turned look alone, as before. Each look is
    // taken only on its own proof, the turned one first; the rest of the reading then works on that picture.
    const lean = clearLean({ data: new Uint8Array(page.grey.buffer, page.grey.byteOffset, page.grey.length), width: page.width, height: page.height });
    const look = async (kind: 'turned' | 'mirrored') => {
      const src = kind === 'mirrored' ? await mirrorRgb(img) : img;
      const p = await preparePage(src, kind === 'turned', pageWidth, deskew);
      const ls = await readPage(pool, p);
      const hs = findLabels(ls);
      const t = ls.map((l) => l.text).join('\n');
      // turned: any label, or an ID of a valid structure; mirrored: a front's label or such an ID (`frontSeen`)
      const proven = kind === 'turned' ? hs.length > 0 || idsIn(t).some((id) => idScore(id) >= 2) : frontSeen(hs, t);
      return { kind, src, page: p, lines: ls, hits: hs, proven };
    };
    const looks = await Promise.all(lean < 0 ? [look('turned')] : [look('turned'), look('mirrored')]);
    const taken = looks.find((l) => l.proven);
    if (taken) {
      img = taken.src;
      page = taken.page;
      lines = taken.lines;
      hits = taken.hits;
      rotated = taken.kind === 'turned';
      mirrored = taken.kind === 'mirrored';
    }
  }
  if (opts.elsewhere && !frontSeen(hits, pageText()) && (await opts.elsewhere()))
    return { generation: 2024, candidates: [], raw: {}, ms: performance.now() - t0, labels: hits.length, rotated, mirrored, twoCards: false, stopped: true };
  const keyMissing = (hs: ReturnType<typeof findLabels>) => KEY_FIELDS.filter((f) => !hs.some((h) => h.field === f)).length;
  // `zoom` (a whole picture, no card edge found): a key label missing and the text covering a small part
  // of the page — a card small in a photocopy or a scan — its region is read again at the page width
  // (front-zoom.ts); that reading counts when it finds more labels — taken whole when it reads the ID and the
  // date of birth confidently and a name, else field by field against this page's reading (the more confident).
  let zoomed: LabelFrontResult | undefined;
  // Four or more fields' labels read: the text is not too small — what is missing was lost to something else (a shadow).
  if (opts.zoom && !rotated && keyMissing(hits) > 0 && new Set(hits.map((h) => h.field)).size <= ZOOM_MAX_FIELDS) {
    const box = zoomBox(page, lines, img, PAGE_WIDTH);
    if (box) {
      const z = await readFrontByLabels(cropRgb(img, box), pool, { ...opts, pageWidth: PAGE_WIDTH, zoom: false });
      const conf = (f: FieldName) => z.candidates.find((c) => c.field === f)?.confidence ?? 0;
      if (z.labels > hits.length) {
        if (conf('idNumber') >= 0.85 && conf('dateOfBirth') >= 0.85 && conf('fullName') > 0) return { ...z, ms: performance.now() - t0 };
        zoomed = z;
      }
    }
  }
  // A key field's label not found: perhaps uneven light (a shadow, a faded or dim half) hid it from
  // tesseract's one global threshold. Read the page again with its light evened out (flatten.ts); the
  // reading that finds more fields' labels is kept (the first on a tie).
  // The page reading not taken (when both were read), and whether the one taken is the evened-out one.
  let otherPage: { page: Page; lines: LineBox[] } | undefined;
  let flat = false;
  if (keyMissing(hits) > 0 && !idSettledWithoutLabel(lines, hits)) {
    const flatPage = await preparePage(img, rotated, pageWidth, deskew, true);
    const flatLines = await readPage(pool, flatPage);
    const flatHits = findLabels(flatLines);
    const fieldsOf = (hs: ReturnType<typeof findLabels>) => new Set(hs.map((h) => h.field)).size;
    if (keyMissing(flatHits) < keyMissing(hits) || (keyMissing(flatHits) === keyMissing(hits) && fieldsOf(flatHits) > fieldsOf(hits))) {
      otherPage = { page, lines };
      page = flatPage;
      lines = flatLines;
      hits = flatHits;
      flat = true;
    } else otherPage = { page: flatPage, lines: flatLines };
  }
  const spots = locateValues(lines, hits);
  // A value beside its label that does not validate gives way to the line below (a speck beside the label).
  const spot = (f: LabelledField) => preferredSpot(f, spots.find((s) => s.field === f));
  const text = pageText();
  const raw: FrontOcrResult['raw'] = {};
  const readings: Partial<Record<FieldName, Reading[]>> = {};
  const add = (f: FieldName, r: Reading | undefined) => {
    if (!r) return;
    (readings[f] ??= []).push(r);
  };

  // --- second readings of the value boxes, in parallel
  const jobs: Promise<void>[] = [];
  const idSpot = spot('idNumber');
  const datesCropped: string[] = [];
  // The ID and the dates (front-digits.ts): page values and their boxes read several ways that vote.
  jobs.push(
    readDigitFields(page, { idNumber: idSpot, dateOfBirth: spot('dateOfBirth'), dateOfExpiry: spot('dateOfExpiry') }, lines, digitPools, cropPage).then((d) => {
      Object.assign(raw, d.raw);
      datesCropped.push(...d.datesCropped);
      for (const f of ['idNumber', 'dateOfBirth', 'dateOfExpiry'] as const) d[f].forEach((r) => add(f, r));
    }),
  );
  // The name (front-name.ts): the page's reading and the isolated line's renderings, or where it must be.
  const nameSpot = spot('fullName');
  const nameReads: NameRead[] = [];
  if (nameSpot) raw.fullName = nameSpot.text;
  jobs.push(readNameReadings({ page, lines, spot: nameSpot, idSpot, labelBoxes: hits.map((h) => h.bbox), crop: cropPage }, pool).then((rs) => void nameReads.push(...rs)));
  // The sex: its label's value on the page, its box read again when that is not Nam/Nữ, and the words
  // beside or next to a sex label anywhere on the page (common/idcard/sex.ts); the ID's digit decides below.
  const sexReads: SexReading[] = sexReadingsInLines(lines);
  for (const f of ['sex', 'nationality', 'placeOfOrigin', 'placeOfResidence'] as const) {
    const s = spot(f);
    if (!s) continue;
    raw[f] = s.text;
    const v = normaliseOcrField(f, s.text);
    if (v && !looksLikeLabel(v)) {
      if (f === 'sex') sexReads.push({ value: v as 'Nam' | 'Nữ', conf: s.confidence, via: 'label' });
      else add(f, { value: v, conf: s.confidence, via: 'page' });
    } else if (f === 'sex')
      jobs.push(
        (async () => {
          const h = s.labelHeight || 20;
          const c = await cropPage(page, { ...s.bbox, x1: Math.max(s.bbox.x1, s.bbox.x0 + h * 3) }, h * 0.5, h * 0.4, Math.min(2, 40 / Math.max(10, s.bbox.y1 - s.bbox.y0)));
          const r = await safe(pool.recognize(c.png, { psm: '7' }));
          const sv = r && normaliseOcrField('sex', r.text);
          if (sv) sexReads.push({ value: sv as 'Nam' | 'Nữ', conf: r.confidence, via: 'crop' });
        })(),
      );
  }
  await Promise.all(jobs);

  // --- the page text without labels: whatever the labels did not give
  if (!spot('idNumber') || !readings.idNumber) for (const id of idsIn(text)) add('idNumber', { value: id, conf: 60, via: 'page' });
  const pageDates = [...new Set(datesIn(text))];
  if (!readings.nationality && /vi[eệ]t\s*nam/iu.test(lines.filter((l) => !/cộng|hòa|hoà|xã hội/iu.test(l.text)).map((l) => l.text).join(' ')))
    add('nationality', { value: 'Việt Nam', conf: 60, via: 'page' });

  // The ID or the date of birth still missing or weak: the date of birth's box read again if it was not,
  // then the page looked at again — first with its local contrast stretched (local-contrast.ts: glare, fading), then in the other rendering of the
  // first look (light evened out, or plain when the evened-out one was taken) — for the digit fields
  // only; each look's readings join the vote (front-digits.ts). Only such cards pay for it.
  // Last, while no ID reading agrees with a date of birth read: the card's red ink alone (front-red.ts: the
  // 2021 card's red number washed out by a lamp's hotspot, or printed over black text).
  // Which printed date's box each date read from a box came from: one box's other readings are misreads of the same date.
  const dateBox = new Map<string, number>();
  const idAgrees = () => (readings.idNumber ?? []).some((r) => (readings.dateOfBirth ?? []).some((d) => idScore(r.value, d.value) >= 5));
  for (const look of ['boxes', 'contrast', 'other', 'sauvola', 'red'] as const) {
    if (!weakDigits(readings.idNumber ?? [], readings.dateOfBirth ?? [], pageDates)) break;
    if (look === 'red' && idAgrees()) break;
    if (look === 'boxes') {
      // First the date of birth's box on this page, when only its (confident) page text was taken.
      const s = spot('dateOfBirth');
      if (s && !datesCropped.includes('dateOfBirth')) (await readDigitFields(page, { dateOfBirth: s }, [], digitPools, cropPage, { dateAlways: true, boxesOnly: true })).dateOfBirth.forEach((r) => add('dateOfBirth', r));
      // No date of birth label: the dates printed on the page read again from their own boxes; what they
      // give joins the page's dates (taken only when an ID reading's year confirms one, as before).
      if (!s)
        for (const [k, rs] of (await Promise.all(dateBoxesInLines(lines).map((b) => readDateBox(page, b, (b.y1 - b.y0) * 0.8, digitPools, cropPage)))).entries())
          for (const r of rs) {
            if (!pageDates.includes(r.value)) pageDates.push(r.value);
            if (!dateBox.has(r.value)) dateBox.set(r.value, k);
          }
      continue;
    }
    let other = look === 'other' ? otherPage : undefined;
    // The same page binarised by Sauvola's local threshold (session 9): a guilloche background under a
    // lamp's hotspot, which one global threshold turns into a web of lines — the page's layout then held
    // two lines and neither the ID's label nor its digits, on a front legible to the eye. After the other
    // rendering: before it, its page text ("010072089481") agreed with the date of birth on a photocopied
    // front and stopped the looks short of the other rendering's seven readings of the box (…431).
    if (look === 'sauvola') other = { page, lines: await readPage(pool, page, '2') };
    if (!other) {
      const p = look === 'red' ? await preparePage(redInk(img), rotated, pageWidth, deskew) : await preparePage(img, rotated, pageWidth, deskew, look === 'contrast' ? 'contrast' : !flat);
      other = { page: p, lines: await readPage(pool, p) };
    }
    const oSpots = locateValues(other.lines, findLabels(other.lines));
    const oSpot = (f: LabelledField) => preferredSpot(f, oSpots.find((s) => s.field === f));
    const d = await readDigitFields(other.page, { idNumber: oSpot('idNumber'), dateOfBirth: oSpot('dateOfBirth'), dateOfExpiry: oSpot('dateOfExpiry') }, other.lines, digitPools, cropPage, { dateAlways: true });
    for (const f of ['idNumber', 'dateOfBirth', 'dateOfExpiry'] as const) d[f].forEach((r) => add(f, r));
    const oText = other.lines.map((l) => l.text).join('\n');
    if (!oSpot('idNumber')) for (const id of idsIn(oText)) add('idNumber', { value: id, conf: 60, via: 'page' });
    for (const dt of datesIn(oText)) if (!pageDates.includes(dt)) pageDates.push(dt);
  }
  // --- choose: the ID and the date of birth together (the ID's year and century must match the date)
  const candidates: Candidate[] = [];
  const idList = readings.idNumber ?? [];
  const dobList = (readings.dateOfBirth ?? []).filter((r) => plausibleBirth(r.value));
  if (dobList.length === 0) for (const d of pageDates) if (plausibleBirth(d)) dobList.push({ value: d, conf: 50, via: 'page' });
  // The ID and the date of birth chosen together, the ID's readings compared digit by digit; its confidence
  // says how they agree (common/idcard/id-vote.ts).
  const choice = chooseIdAndDob(idList, dobList, readings.dateOfBirth ?? [], readings.dateOfExpiry ?? [], (value): Reading => ({ value, conf: 0, via: 'crop' }));
  const bestId = choice.id;
  let bestDob = choice.dob;
  if (bestId) candidates.push({ field: 'idNumber', value: bestId.value, source: 'ocr', confidence: choice.idConfidence });
  // A date found only in the page text, which no ID reading's year confirms, is a guess: taken only
  // when it is the page's one date that could be a birth date (an expired card's expiry could be one).
  const idConfirms = (d: Reading) => idList.some((r) => idAgreesWithDob(r.value, d.value));
  // Nor when the ID is sure (its readings agree at every position: id-vote.ts) and its century and year say
  // otherwise: the date is the misread one (a soft scan's "29/08/1989" read "29/08 1999" beside a sure …189…).
  const idSure = !!bestId && idScore(bestId.value) >= 2 && choice.idConfidence >= SURE_ID;
  // A date dropped because the sure ID contradicts it is a misread birth date: not taken for the expiry either.
  let droppedDob: string | undefined;
  if (bestDob && bestDob.via === 'page' && !(readings.dateOfBirth ?? []).includes(bestDob) && !idConfirms(bestDob)) {
    if (pageDates.filter(plausibleBirth).length > 1) bestDob = undefined;
    else if (idSure) {
      droppedDob = bestDob.value;
      bestDob = undefined;
    }
  }
  // A date of birth whose year only doubtful ID digits confirm is marked for the resident to check (id-vote.ts).
  if (bestDob) candidates.push({ field: 'dateOfBirth', value: bestDob.value, source: 'ocr', confidence: Math.min(choice.dobUnsure ? UNSURE_CONFIDENCE : 0.97, 0.6 + 0.35 * (bestDob.conf / 100)) });
  const exp = readings.dateOfExpiry?.[0] ?? (spot('dateOfExpiry') ? undefined : pageDates.filter((d) => d !== bestDob?.value && d !== droppedDob && (!bestDob || d > bestDob.value) && !(bestDob && dateBox.has(d) && dateBox.get(d) === dateBox.get(bestDob.value))).map((d) => ({ value: d, conf: 40, via: 'page' as const }))[0]);
  // An expiry taken from the page's text alone (no label, no box reading) with no date of birth beside it is a guess:
  // it may be the birth date itself misread past a birth year (a blurred 2024 front — which prints no expiry — read
  // "28/07/2002" as "2407/2092"), and with no birth date nothing holds it against the birthday an expiry falls on. Marked.
  const expGuessed = !readings.dateOfExpiry?.[0] && !bestDob;
  if (exp && exp.value !== bestDob?.value) candidates.push({ field: 'dateOfExpiry', value: exp.value, source: 'ocr', confidence: expGuessed ? UNSURE_CONFIDENCE : 0.6 + 0.35 * (exp.conf / 100) });
  // The sex digit's confidence is its own position's agreement (a doubtful last digit says nothing about G).
  const sex = chooseSex(sexReads, bestId && { value: bestId.value, confidence: choice.sexDigitConfidence }, bestDob?.value);
  if (sex) candidates.push({ field: 'sex', value: sex.value, source: sex.source, confidence: sex.confidence });
  for (const f of ['nationality'] as const) {
    const r = readings[f]?.[0];
    if (r) candidates.push({ field: f, value: r.value, source: 'ocr', confidence: 0.6 + 0.35 * (r.conf / 100) });
  }
  for (const f of ['placeOfOrigin', 'placeOfResidence'] as const) {
    const r = readings[f]?.[0];
    if (r && r.conf > 40) candidates.push({ field: f, value: r.value, source: 'ocr', confidence: 0.8 * (r.conf / 100) });
  }

  // --- the name: label's value readings; without a label, a capitalised line of syllables (front-name.ts)
  // Not on a page that shows no ID card's front (no front label, no ID read): a capitalised line there is another card's
  // (a bank card's "NGÂN HÀNG SEN VÀNG", a bank card cut out of a camera frame alone), never the holder's name.
  const front = !!bestId || frontSeen(hits, text);
  if (nameReads.length === 0 && front) nameReads.push(...namesWithoutLabel(lines));
  let name = nameCandidate(nameReads);
  // No name on a page whose text was straightened: the measured skew may have been a shadow's edge or
  // the card's border, not the text's, and the turned page lost the name's line. The page read again as
  // it came (only such cards pay for it); its name readings alone decide.
  if (!name && page.straightened) name = await nameUnstraightened(img, pool, rotated, pageWidth, flat, front);
  if (name) candidates.push(name);

  if (zoomed) {
    // Field by field, the more confident of the closer look's and this page's reading (the closer look on a tie).
    const mine = new Map(candidates.map((c) => [c.field, c]));
    for (const z of zoomed.candidates) if (z.confidence >= (mine.get(z.field)?.confidence ?? 0)) mine.set(z.field, z);
    candidates.splice(0, candidates.length, ...mine.values());
  }
  const a = toAsciiUpper(text);
  const generation: Generation = /CONG DAN|CITIZEN/.test(a) || spots.some((s) => s.field === 'placeOfOrigin') ? 2021 : 2024;
  return { generation, candidates, raw, ms: performance.now() - t0, labels: hits.length, rotated, mirrored, twoCards: twice(hits, lines) };
}

/**
 * The first page misses the ID number's label alone (its short "Số / No." garbled: most of the development fronts that
 * miss a key label), and its text already settles the ID and the date of birth: a 12-digit ID of valid structure
 * (known province, century+sex digit 0–5) whose century and year a plausible birth date on the page — beside its label
 * or anywhere — confirms. The page evened out for uneven light would then be read only to look for that label: it is
 * not read first (session 12). When the digit fields still turn out weak, the later looks read it as before.
 */
export function idSettledWithoutLabel(lines: readonly LineBox[], hits: ReturnType<typeof findLabels>): boolean {
  if (KEY_FIELDS.some((f) => f !== 'idNumber' && !hits.some((h) => h.field === f)) || hits.some((h) => h.field === 'idNumber')) return false;
  const text = lines.map((l) => l.text).join('\n');
  const dobSpot = preferredSpot('dateOfBirth', locateValues(lines, hits).find((s) => s.field === 'dateOfBirth'));
  const dob = dobSpot && normaliseOcrField('dateOfBirth', dobSpot.text);
  const dates = [...datesIn(text), ...(dob ? [dob] : [])].filter(plausibleBirth);
  return idsIn(text).some((id) => idScore(id) >= 2 && dates.some((d) => idAgreesWithDob(id, d)));
}

/** The name read on the page prepared without straightening its text. */
async function nameUnstraightened(img: RgbImage, pool: OcrPool, rotated: boolean, pageWidth: number, flat: boolean, front: boolean): Promise<Candidate | undefined> {
  const page = await preparePage(img, rotated, pageWidth, false, flat);
  const lines = await readPage(pool, page);
  const hits = findLabels(lines);
  const spots = locateValues(lines, hits);
  const spot = (f: LabelledField) => preferredSpot(f, spots.find((s) => s.field === f));
  const reads = await readNameReadings({ page, lines, spot: spot('fullName'), idSpot: spot('idNumber'), labelBoxes: hits.map((h) => h.bbox), crop: cropPage }, pool);
  if (reads.length === 0 && (front || frontSeen(hits, lines.map((l) => l.text).join('\n')))) reads.push(...namesWithoutLabel(lines));
  return nameCandidate(reads);
}

/** Fields whose label appears on two lines far apart (more than 4 label heights), counted. */
function twice(hits: ReturnType<typeof findLabels>, lines: LineBox[]): boolean {
  let n = 0;
  const fields = new Set(hits.map((h) => h.field));
  for (const f of fields) {
    const hs = hits.filter((h) => h.field === f);
    const far = hs.some((a) => hs.some((b) => {
      if (a.line === b.line) return false;
      const lh = Math.max(8, a.bbox.y1 - a.bbox.y0);
      return Math.hypot((a.bbox.x0 + a.bbox.x1 - b.bbox.x0 - b.bbox.x1) / 2, (a.bbox.y0 + a.bbox.y1 - b.bbox.y0 - b.bbox.y1) / 2) > lh * 8;
    }));
    if (far) n++;
  }
  return n >= 3 && lines.length > 0;
}

export type { ValueSpot };
