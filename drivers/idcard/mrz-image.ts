/**
 * MRZ from a photo of the card's back: the 3-line band at the bottom of the detected card, the text
 * region found in it (Otsu binarisation, the card edge and table removed, the text's bounding box
 * cropped onto white), OCR (eng, whitelist A–Z 0–9 <, PSM 6), position-wise confusion fixes and ICAO
 * check digits with a check-digit-guided repair (common/idcard/mrz.ts). A failed check digit is an
 * error ("sai số kiểm tra"), never a guess.
 */
import sharp from 'sharp';
import { IdCardError } from '../../common/idcard/fields.ts';
import { parseMrz, type MrzResult } from '../../common/idcard/mrz.ts';
import { parsePartialMrz } from '../../common/idcard/mrz-partial.ts';
import { partialFromReadings } from '../../common/idcard/mrz-readings.ts';
import { cropCard, otsu, type CardDetection, type Frame } from './image.ts';
import { extractMrz, flattenLight, locateMrz, type Grey, type MrzCandidate } from './mrz-locate.ts';
import { extractPerspective, perspectiveCandidates } from './mrz-perspective.ts';
import { isSmall, MAX_SMALL, SHARPEN_SIGMAS, SMALL_LINE_HEIGHT, sharpenFor, showsLine2 } from './mrz-small.ts';
import type { OcrPool } from './ocr-pool.ts';

export const MRZ_WHITELIST = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';

/** Where the MRZ is on the canonical 1000×630 card (with room for detection error). */
export const MRZ_BAND = { x: 0, y: 430, w: 1000, h: 200 } as const;

export interface MrzImageResult extends MrzResult {
  ms: number;
  /** Mean OCR confidence of the band, 0..100. */
  ocrConfidence: number;
  /**
   * A partial reading (`partialMrz`): the lines whose own check digits gave its fields (1 = the ID, 2 = the
   * dates); the composite could not be verified. Absent on a whole MRZ.
   */
  partial?: (1 | 2)[];
}

/**
 * The fields a partial MRZ still proves (common/idcard/mrz-partial.ts), from the readings that looked like an MRZ
 * but failed the strict parse — a thumb or glare over part of the lines. Undefined when no line's own check digits
 * pass. Only called once every whole reading has failed.
 */
export function partialMrz(texts: readonly string[]): MrzImageResult | undefined {
  // the first reading that proves the most lines (session 10: one reading may give the ID alone, a later one line 2 as
  // well); readings are never mixed
  let best: ReturnType<typeof parsePartialMrz>;
  for (const text of texts) {
    const p = parsePartialMrz(text);
    if (p && p.lines.length > (best?.lines.length ?? 0)) best = p;
  }
  // (session 11) no single reading proves both lines: each line's fields from the readings that prove them, when they
  // all agree and the ID agrees with the dates (common/idcard/mrz-readings.ts)
  if ((best?.lines.length ?? 0) < 2) {
    const joined = partialFromReadings(texts);
    if (joined && joined.lines.length > (best?.lines.length ?? 0)) best = joined;
  }
  if (best) return { fields: best.fields, lines: ['', '', ''], corrections: 0, compositeMissing: true, repaired: false, partial: best.lines, ms: 0, ocrConfidence: 0 };
  return undefined;
}

/** How a candidate's cut is made: turned 180°, turned over (a mirrored picture). */
interface Turn {
  flip: boolean;
  turnOver?: boolean;
}

/** True when OCR text of the band looks like an MRZ at all (many fillers). */
export function looksLikeMrz(text: string): boolean {
  return (text.match(/</g) ?? []).length >= 8;
}

/**
 * A reading of an MRZ turned over top ↔ bottom: its last line, not its first, opens with line 1's document code `ID`
 * (I, D, O, 0 and the filler < read the same upside down). That is what the 180° cut of a picture mirrored left ↔ right
 * shows (a selfie camera's); the cut turned over is read then, and only its check digits decide.
 */
export function readsTurnedOver(text: string): boolean {
  const lines = text
    .split('\n')
    .map((l) => l.replace(/\s+/g, ''))
    .filter((l) => l.length >= 20);
  const opens = (l: string) => /^I[DO0]/.test(l);
  return lines.length >= 2 && opens(lines[lines.length - 1]!) && !lines.slice(0, -1).some(opens);
}

export interface MrzRegion {
  /** The text's bounding box inside the band (band pixels). */
  box: { x: number; y: number; w: number; h: number };
  /** The grey band cropped to the box, on a white margin, as PNG for OCR. */
  png: Buffer;
}

/**
 * Find the MRZ text in the band: dark pixels under Otsu's threshold, minus every dark component that
 * touches the band's border (the card's edge, the table, the card background above the white MRZ
 * area), then the box of rows with ≥ 3 and columns with ≥ 2 such pixels (single specks of noise do
 * not widen it). Undefined when what remains is not text-sized (then the whole band is read).
 */
export async function findMrzRegion(card: Frame & { channels: 3 }, pad = 20): Promise<MrzRegion | undefined> {
  const { x: bx, y: by, w, h } = MRZ_BAND;
  const g = await sharp(card.data, { raw: { width: card.width, height: card.height, channels: 3 } })
    .extract({ left: bx, top: by, width: w, height: Math.min(h, card.height - by) })
    .greyscale()
    .normalise()
    .raw()
    .toBuffer();
  const n = g.length;
  const hh = n / w;
  const hist = new Uint32Array(256);
  for (let i = 0; i < n; i++) hist[g[i]!]!++;
  const t = otsu(hist, n);
  const dark = new Uint8Array(n);
  for (let i = 0; i < n; i++) dark[i] = g[i]! <= t ? 1 : 0;
  // Remove the dark components touching the border (iterative flood fill).
  const stack = new Int32Array(n * 4 + 8);
  let sp = 0;
  const push = (p: number) => {
    if (dark[p]) {
      dark[p] = 0;
      stack[sp++] = p;
    }
  };
  for (let x = 0; x < w; x++) {
    push(x);
    push((hh - 1) * w + x);
  }
  for (let y = 0; y < hh; y++) {
    push(y * w);
    push(y * w + w - 1);
  }
  while (sp > 0) {
    const p = stack[--sp]!;
    const x = p % w;
    if (x > 0) push(p - 1);
    if (x < w - 1) push(p + 1);
    if (p >= w) push(p - w);
    if (p + w < n) push(p + w);
  }
  const rows = new Uint32Array(hh);
  const cols = new Uint32Array(w);
  for (let y = 0; y < hh; y++)
    for (let x = 0; x < w; x++)
      if (dark[y * w + x]) {
        rows[y]!++;
        cols[x]!++;
      }
  const first = (a: Uint32Array, min: number) => a.findIndex((v) => v >= min);
  const last = (a: Uint32Array, min: number) => a.length - 1 - [...a].reverse().findIndex((v) => v >= min);
  const y0 = first(rows, 3);
  const x0 = first(cols, 2);
  if (y0 < 0 || x0 < 0) return undefined;
  const y1 = last(rows, 3);
  const x1 = last(cols, 2);
  const box = { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
  // Three lines of 30 characters: wide and a few lines tall, or it is not the MRZ.
  if (box.w < w * 0.4 || box.h < 40 || box.h > hh - 4) return undefined;
  const cw = box.w + 2 * pad;
  const ch = box.h + 2 * pad;
  const out = Buffer.alloc(cw * ch, 255);
  for (let y = 0; y < box.h; y++) g.copy(out, (y + pad) * cw + pad, (y + y0) * w + x0, (y + y0) * w + x0 + box.w);
  const png = await sharp(out, { raw: { width: cw, height: ch, channels: 1 } }).png({ compressionLevel: 1 }).toBuffer();
  return { box, png };
}

/**
 * Read the MRZ of a detected card. Throws IdCardError `mrz_format` when there is no MRZ band and
 * `check_digit` when one is read but fails its check digits (after a second attempt on a different
 * preprocessing: the whole band, upscaled ×1.3 and sharpened).
 */
export async function readMrzFromCard(det: CardDetection, pool: OcrPool, mrzTexts?: string[]): Promise<MrzImageResult> {
  const t0 = performance.now();
  const region = await findMrzRegion(det.card);
  const variants: (() => Promise<Buffer>)[] = [
    async () => region?.png ?? cropCard(det.card, MRZ_BAND, { scale: 1 }),
    () => cropCard(det.card, { x: 0, y: 440, w: 1000, h: 190 }, { scale: 1.3, sharpen: true }),
  ];
  let lastErr: IdCardError = new IdCardError('mrz_format');
  for (let i = 0; i < variants.length; i++) {
    const ocr = await pool.recognize(await variants[i]!(), { psm: '6', whitelist: MRZ_WHITELIST });
    try {
      const r = parseMrz(ocr.text);
      return { ...r, ms: performance.now() - t0, ocrConfidence: ocr.confidence };
    } catch (e) {
      if (!(e instanceof IdCardError)) throw e;
      if (e.code === 'check_digit' || lastErr.code !== 'check_digit') lastErr = e;
      if (e.code === 'check_digit' || looksLikeMrz(ocr.text)) mrzTexts?.push(ocr.text);
      if (i === 0 && !looksLikeMrz(ocr.text)) break; // not a back: do not spend a second pass
    }
  }
  throw lastErr;
}

/** Contrast stretch of a grey crop (1st–99th percentile to 0–255), in place. */
function stretch(g: Grey): Grey {
  const hist = new Uint32Array(256);
  for (const v of g.data) hist[v]!++;
  const n = g.data.length;
  let lo = 0;
  let hi = 255;
  for (let acc = 0; lo < 255 && (acc += hist[lo]!) < n * 0.01; ) lo++;
  for (let acc = 0; hi > 0 && (acc += hist[hi]!) < n * 0.01; ) hi--;
  if (hi - lo < 20) return g;
  for (let i = 0; i < n; i++) g.data[i] = Math.max(0, Math.min(255, Math.round(((g.data[i]! - lo) * 255) / (hi - lo))));
  return g;
}

async function greyOf(frame: Frame): Promise<Grey> {
  const { data, info } = await sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: 4 } })
    .removeAlpha()
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

/**
 * The MRZ anywhere in a frame (no card finding needed): the three lines located by their shape
 * (mrz-locate.ts), cut out straightened, read; a reading that does not look like an MRZ is tried
 * again turned 180° (an upside-down back). Throws like readMrzFromCard.
 */
export async function readMrzAnywhere(frame: Frame, pool: OcrPool, maxCandidates = 2, mrzTexts?: string[]): Promise<MrzImageResult> {
  const t0 = performance.now();
  const grey = await greyOf(frame);
  let lastErr: IdCardError = new IdCardError('mrz_format');
  // `turnOver`: the cut turned over top ↔ bottom (a mirrored picture: `readsTurnedOver`)
  const cutOf = (c: MrzCandidate, o: Turn, lineHeight: number): Grey => extractMrz(grey, c, { flip: o.flip, turnOver: o.turnOver, lineHeight });
  const read = (c: MrzCandidate, o: Turn, lineHeight: number, local = false) => readCut(cutOf(c, o, lineHeight), lineHeight, local);
  // `local`: CLAHE (glare); `sharpen`: an unsharp mask of that sigma (a small soft MRZ, mrz-small.ts)
  const readCut = async (cut: Grey, lineHeight: number, local = false, sharpenSigma = 0) => {
    // lines ~lineHeight px apart: glyph strokes are a few px wide, far narrower than the window
    const flat = flattenLight(cut, Math.round(lineHeight / 3));
    const crop = local ? flat : stretch(flat);
    let img = sharp(Buffer.from(crop.data.buffer, crop.data.byteOffset, crop.data.length), { raw: { width: crop.width, height: crop.height, channels: 1 } });
    // Local contrast (CLAHE, a window half a line tall): glyphs washed pale by a glare spot on the
    // laminate come back dark enough for tesseract's one global threshold.
    if (local) img = img.clahe({ width: Math.round(lineHeight / 2), height: Math.round(lineHeight / 2), maxSlope: 8 });
    if (sharpenSigma > 0) img = img.sharpen(sharpenFor(sharpenSigma));
    const png = await img.png({ compressionLevel: 1 }).toBuffer();
    const ocr = await pool.recognize(png, { psm: '6', whitelist: MRZ_WHITELIST });
    try {
      return { ok: { ...parseMrz(ocr.text), ms: performance.now() - t0, ocrConfidence: ocr.confidence } as MrzImageResult, mrzLike: true };
    } catch (e) {
      if (!(e instanceof IdCardError)) throw e;
      if (e.code === 'check_digit' || lastErr.code !== 'check_digit') lastErr = e;
      const mrzLike = e.code === 'check_digit' || looksLikeMrz(ocr.text);
      if (mrzLike) mrzTexts?.push(ocr.text);
      return { ok: undefined, mrzLike, text: ocr.text };
    }
  };
  // Ink by the local mean first; when nothing there reads, by a black-hat (a shadow's edge across
  // the lines welds them to it under a local mean), leaving out the regions already read; last, by the local mean with
  // thin bridges between the smeared lines cut (a hair across a scanned back welds its three lines: mrz-bridges.ts).
  const tried: MrzCandidate[] = [];
  // the candidates (and their way up) whose first reading looked like an MRZ
  const mrzLikeTried: { c: MrzCandidate; o: Turn }[] = [];
  for (const inkBy of ['local', 'blackhat', 'cut'] as const) {
    // The cut search only where the other two found no line triple at all (a hair welds a back's three lines into one
    // blob, so nothing is found): on a front, whose text lines give triples that do not read, it found more of them and
    // read each (a 2021 front in a sleeve ran out of time; a photocopy's back read in part hid its front's ID).
    if (inkBy === 'cut' && tried.length > 0) break;
    for (const c of locateMrz(grey, maxCandidates, inkBy, tried)) {
      tried.push(c);
      // Upright, then turned 180° (an upside-down back); in the orientation that reads like an MRZ,
      // a reading that fails its check digits is read again with local contrast (glare), then at two
      // other scales (tesseract's slips on small or compressed glyphs change with the scale; the
      // check digits still guard each one).
      for (const flip of [false, true]) {
        const o: Turn = { flip };
        const first = await read(c, o, 44);
        if (first.ok) return first.ok;
        // a small MRZ whose fillers did not read as such may still show line 2's dates (mrz-small.ts)
        if (!first.mrzLike && isSmall(c) && showsLine2(first.text ?? '')) mrzLikeTried.push({ c, o });
        if (!first.mrzLike) continue;
        // A mirrored picture (a selfie camera's): this cut shows the lines turned over; read so, the rest of the tries too.
        // Only its check digits decide; an MRZ read the usual way pays nothing here.
        if (readsTurnedOver(first.text ?? '')) {
          o.turnOver = true;
          const over = await read(c, o, 44);
          if (over.ok) return over.ok;
        }
        mrzLikeTried.push({ c, o });
        const glare = await read(c, o, 44, true);
        if (glare.ok) return glare.ok;
        for (const lineHeight of [34, 56]) {
          const again = await read(c, o, lineHeight);
          if (again.ok) return again.ok;
        }
        break;
      }
    }
  }
  // Nothing read whole: a small soft MRZ (a security camera's grab) read again, sharpened (mrz-small.ts) — only the
  // candidates that read like an MRZ, only when their lines were upscaled to be read.
  for (const { c, o } of mrzLikeTried.filter((t) => isSmall(t.c)).slice(0, MAX_SMALL)) {
    for (const sigma of SHARPEN_SIGMAS) {
      const r = await readCut(cutOf(c, o, SMALL_LINE_HEIGHT), SMALL_LINE_HEIGHT, false, sigma);
      if (r.ok) return r.ok;
    }
  }
  // No plain candidate read: a back at a steep angle, its lines a projective family (mrz-perspective.ts) — one
  // candidate, cut out straight through its homography, read at two scales.
  for (const c of perspectiveCandidates(grey, 1)) {
    for (const lineHeight of [44, 34]) {
      const r = await readCut(extractPerspective(grey, c, { lineHeight }), lineHeight);
      if (r.ok) return r.ok;
      if (!r.mrzLike) break;
    }
  }
  throw lastErr;
}
