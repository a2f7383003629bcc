/**
 * Read a card photo end to end: decode (bounded) → QR on the frame → card detection → QR on the card
 * region → MRZ band → front OCR, then fusion. Used by `npm run idcard` and the benchmark; the services
 * use the same pieces for camera frames. Images and fields stay in memory; nothing is logged.
 */
import { IdCardError, type Candidate, type FieldName, type IdCardErrorCode, type IdCardFields, type Source } from '../../common/idcard/fields.ts';
import { idAgreesWithDob } from '../../common/idcard/id-vote.ts';
import { candidatesFrom, fuse, MRZ_CONFIDENCE, QR_CONFIDENCE, type FuseIssue } from '../../common/idcard/fuse.ts';
import sharp from 'sharp';
import { detectCard, loadFrame, withTimeout, type CardDetection, type Frame } from './image.ts';
import { readFrontByLabels, type RgbImage } from './front-labels.ts';
import { partialMrz, readMrzAnywhere, readMrzFromCard, type MrzImageResult } from './mrz-image.ts';
import { OcrPool } from './ocr-pool.ts';
import { findSidewaysCard, readMrzTurned } from './orientation.ts';
import { prepareQrReader, readQrFromFrame, SMALL_FRAME_SIDE } from './qr-image.ts';

export interface CardReaders {
  vie: OcrPool;
  eng: OcrPool;
}

/** Start the OCR pools (vie for fronts, eng for the MRZ) and the QR reader, warm. */
export async function createReaders(opts: { vieWorkers?: number; engWorkers?: number; warm?: boolean } = {}): Promise<CardReaders> {
  const vie = new OcrPool({ lang: 'vie', size: opts.vieWorkers ?? 2 });
  const eng = new OcrPool({ lang: 'eng', size: opts.engWorkers ?? 1 });
  await prepareQrReader();
  if (opts.warm !== false) await Promise.all([vie.warm(), eng.warm()]);
  return { vie, eng };
}

export async function closeReaders(r: CardReaders): Promise<void> {
  await Promise.all([r.vie.close(), r.eng.close()]);
}

export interface CardReading {
  ok: boolean;
  fields: IdCardFields;
  sources: Partial<Record<FieldName, Source>>;
  confidence: Partial<Record<FieldName, number>>;
  issues: FuseIssue[];
  expired: boolean;
  error?: string;
  /** The code of `error` (for callers that word it themselves). */
  errorCode?: IdCardErrorCode;
  /** A card-shaped region was found in the image (false: "không tìm thấy thẻ"). */
  cardFound?: boolean;
  /** The fusion's inputs, for a caller that fuses several images (camera frames). */
  candidates?: Candidate[];
  /**
   * The read was cut short (the whole-read limit, or the budget left after a card QR) and these are the
   * fields read before that — the QR's or the MRZ's. Absent when the read finished.
   */
  partial?: true;
  /** ms per stage (qr, detect, mrz, ocr). */
  timings: Partial<Record<'load' | 'qr' | 'detect' | 'mrz' | 'ocr', number>>;
}

export interface ReadOptions {
  /** Which sources to try (default all). */
  sources?: Source[];
  /** Whole-read time limit (default 15 s). */
  timeoutMs?: number;
  /** Drop fused fields below this confidence (default 0.35). */
  minConfidence?: number;
  /** Stop after a card QR is read (the most exact source): camera frames, where speed matters. */
  stopAtQr?: boolean;
  /**
   * Once a card QR is read, the rest of the read (MRZ, front OCR: only the fields a QR lacks) gets at
   * most this long before the QR's reading is returned (default 5 s). A large noisy photo otherwise
   * kept its resident waiting up to the whole-read limit — and lost the QR's fields if it hit it.
   */
  afterQrMs?: number;
}

/** Confidence factor of a partial MRZ's fields (on top of the lost composite's 0.97): 0.97 × 0.9 × 0.97 ≈ 0.85. */
const PARTIAL_MRZ_FACTOR = 0.9;
/**
 * A face read turned a quarter (orientation.ts) that found fewer of its labels than this, and no QR or MRZ, is read
 * upright too (a front read the right way up finds most of its eight labels; a wrong turn finds one or none).
 */
const TURNED_MIN_LABELS = 3;
/** Confidence factor of a doubtful MRZ name (common/idcard/mrz-name.ts): 0.85 × 0.7 ≈ 0.6, marked "unsure" (review.ts). */
const MRZ_NAME_DOUBT = 0.7;

/** What a read has established so far, kept when it is cut short. */
interface Progress {
  candidates: Candidate[];
  /** The two-cards checks (two card QRs, a second card-shaped region) have passed. */
  oneCard: boolean;
  timings: CardReading['timings'];
  /** Called once a card QR is read and the two-cards checks have passed. */
  onQr?: () => void;
  /** The caller has returned (cut short): stages not yet started are skipped. */
  cancelled?: boolean;
  /** The picture is a small one (a thumbnail, long side ≤ SMALL_FRAME_SIDE): a read that fails says so (`too_small`). */
  small?: boolean;
}

function notCancelled(progress: Progress): void {
  if (progress.cancelled) throw new IdCardError('timeout');
}

/** `mayTurn` false: the picture is read as it stands, never taken for a card lying sideways (the fallback below). */
async function readInner(input: string | Buffer, readers: CardReaders, opts: ReadOptions, progress: Progress, mayTurn = true): Promise<CardReading> {
  const use = new Set<Source>(opts.sources ?? ['qr', 'mrz', 'ocr']);
  const timings = progress.timings;
  let t = performance.now();
  const lap = (k: keyof CardReading['timings']) => {
    const now = performance.now();
    timings[k] = Math.round((now - t) * 10) / 10;
    t = now;
  };
  let frame = await loadFrame(input);
  lap('load');
  progress.small = Math.max(frame.width, frame.height) <= SMALL_FRAME_SIDE;
  const candidates = progress.candidates;
  let firstError: IdCardError | undefined;
  let det: CardDetection | undefined;
  let detDone = false;
  // the picture was taken for a card lying sideways and turned (orientation.ts)
  let turned = false;
  const getDet = async () => {
    if (!detDone) {
      const t0 = performance.now();
      const seen: { sideways?: boolean } = {};
      det = await detectCard(frame, seen);
      // No card upright but a card-shaped region turned a quarter: a card lying sideways (orientation.ts); the rest of
      // the read then works on the turned picture.
      const sideways = det || !seen.sideways || !mayTurn ? undefined : await findSidewaysCard(frame);
      if (sideways) ({ frame, det } = sideways);
      turned = !!sideways;
      timings.detect = Math.round((performance.now() - t0) * 10) / 10;
      detDone = true;
    }
    return det;
  };
  let qrFound = false;
  if (use.has('qr')) {
    try {
      const qr = await readQrFromFrame(frame, getDet);
      if (qr) {
        qrFound = true;
        candidates.push(...candidatesFrom(qr.fields, 'qr', QR_CONFIDENCE));
      }
    } catch (e) {
      if (!(e instanceof IdCardError)) throw e;
      if (e.code === 'two_cards') throw e;
      firstError ??= e;
    }
    timings.qr = Math.round((performance.now() - t - (timings.detect ?? 0)) * 10) / 10;
    t = performance.now();
  }
  // The card finder runs even after a QR on a camera frame (~35 ms): it is what sees a second card
  // beside the one whose QR was read — two cards in the frame are refused, not half read.
  const card = await getDet();
  if (card && card.others > 0) throw new IdCardError('two_cards');
  progress.oneCard = true;
  if (qrFound) progress.onQr?.();
  let isBack = false;
  let mrzFound = false;
  // the date of birth of a partial MRZ without an ID: the front on the same page is read, and taken when its ID agrees
  let partialDob: string | undefined;
  // readings like an MRZ seen upright when none was read (0: nothing like one)
  let mrzLike = 0;
  if (use.has('mrz') && !(qrFound && opts.stopAtQr)) {
    notCancelled(progress);
    const t0 = performance.now();
    try {
      // The band of a found card first (fast); then the three lines anywhere in the frame (a card
      // filling the frame, a scan, a card the edge finder missed, an upside-down back).
      let mrz: MrzImageResult | undefined;
      let bandErr: IdCardError | undefined;
      // readings that looked like an MRZ but failed the strict parse: a partial MRZ is taken from them last
      const mrzTexts: string[] = [];
      if (card) {
        try {
          mrz = await readMrzFromCard(card, readers.eng, mrzTexts);
        } catch (e) {
          if (!(e instanceof IdCardError)) throw e;
          bandErr = e;
        }
      }
      if (!mrz) {
        try {
          mrz = await readMrzAnywhere(frame, readers.eng, 2, mrzTexts);
        } catch (e) {
          if (!(e instanceof IdCardError)) throw e;
          mrz = partialMrz(mrzTexts);
          mrzLike = mrzTexts.length;
          if (!mrz) throw bandErr?.code === 'check_digit' && e.code !== 'check_digit' ? bandErr : e;
        }
      }
      isBack = true;
      mrzFound = true;
      candidates.push(...candidatesFrom(mrz.fields, 'mrz', mrzConfidence(mrz)));
      // A partial MRZ that proved no ID (its line 1 lost) may be a back photocopied beside its front: the front is read too.
      if (mrz.partial && !mrz.fields.idNumber && mrz.fields.dateOfBirth) partialDob = mrz.fields.dateOfBirth;
    } catch (e) {
      if (!(e instanceof IdCardError)) throw e;
      if (e.code === 'check_digit') {
        isBack = true;
        firstError ??= e;
      }
    }
    timings.mrz = Math.round((performance.now() - t0) * 10) / 10;
  }
  let labelsFound = false;
  let frontLabels = 0;
  if ((!isBack || partialDob) && use.has('ocr') && !(qrFound && opts.stopAtQr)) {
    notCancelled(progress);
    const t0 = performance.now();
    // The found card, or — when no card edge was found — the whole image as the card.
    const img: RgbImage = card ? card.card : await wholeImage(frame);
    // A whole frame keeps more pixels: the card may be only part of it.
    // A whole picture may hold a small card (a photocopy, a scan): `zoom` lets the front's text region be read closer.
    // The card found may be another card beside the ID card (a bank card, darker than the pale ID card on a table of nearly
    // its colour): when its first look shows no ID card's front, a second card is looked for with the first left out
    // (image.ts `exclude`) — asked only then, so a picture whose card reads as a front pays nothing. Not for a card taken
    // for one lying sideways: that guess has its own way back (read upright below), and the rest of such a card (its
    // shadowed half) is no second card; nor for a back whose partial MRZ was read (its front is looked for only to add to it).
    let other: CardDetection | undefined;
    const elsewhere = card && !turned && !isBack ? async () => !!(other = await detectCard(frame, undefined, card.corners)) : undefined;
    let front = await readFrontByLabels(img, readers.vie, { pageWidth: card ? 1400 : Math.min(2000, Math.max(1400, img.width)), deskew: true, eng: readers.eng, zoom: !card, elsewhere });
    if (front.stopped && other) {
      notCancelled(progress);
      // The other card read as the card; it too stops at its first look when that shows no front: neither card shows
      // the ID card's front, and which of the two is the resident's cannot be told — refused, never read from the wrong one.
      front = await readFrontByLabels(other.card, readers.vie, { pageWidth: 1400, deskew: true, eng: readers.eng, zoom: false, elsewhere: async () => true });
      if (front.stopped) throw new IdCardError('two_cards');
    }
    labelsFound = front.labels > 0;
    frontLabels = front.labels;
    if (front.twoCards) throw new IdCardError('two_cards');
    // Beside a partial MRZ, the front's reading is the same card's only when its ID's century and year agree with the
    // MRZ's date of birth (proven by its check digit): a back alone read as a front, or another card, gives nothing.
    if (!partialDob || frontMatchesDob(front.candidates, partialDob)) candidates.push(...front.candidates);
    timings.ocr = Math.round((performance.now() - t0) * 10) / 10;
  }
  // Nothing read, no card edge, nothing like an MRZ upright: perhaps a back filling the picture, lying sideways
  // (orientation.ts). Only on what would be a refusal, so a read that found anything costs nothing more.
  if (candidates.length === 0 && !det && use.has('mrz') && mrzLike === 0 && !firstError) {
    notCancelled(progress);
    const t0 = performance.now();
    const turned = await readMrzTurned(frame, readers.eng);
    if (turned) {
      mrzFound = true;
      candidates.push(...candidatesFrom(turned.fields, 'mrz', mrzConfidence(turned)));
    }
    timings.mrz = Math.round(((timings.mrz ?? 0) + performance.now() - t0) * 10) / 10;
  }
  const fused = fuse(candidates, { minConfidence: opts.minConfidence ?? 0.35 });
  const ok = Object.keys(fused.fields).length > 0;
  // A card taken for one lying sideways that gave no QR, no MRZ and few labels turned: the guess may be wrong (the
  // region seen turned a quarter was part of an upright card, e.g. its lit half beside a shadow) — the picture is read
  // again as it stands, as before the sideways search existed, and the reading with more fields is kept.
  if (turned && !qrFound && !mrzFound && frontLabels < TURNED_MIN_LABELS) {
    notCancelled(progress);
    const turnedCandidates = progress.candidates.splice(0);
    const upright = await readInner(input, readers, opts, progress, false);
    if (Object.keys(upright.fields).length > Object.keys(fused.fields).length) return upright;
    progress.candidates.splice(0, progress.candidates.length, ...turnedCandidates);
  }
  // A small picture (a thumbnail) in which a card was seen — its edge, a label, something like an MRZ — but nothing read:
  // the resident is asked for a closer picture, not told there is no card.
  const seen = det !== undefined || labelsFound || mrzLike > 0;
  const err = ok ? undefined : (firstError ?? new IdCardError(progress.small && seen ? 'too_small' : 'no_card'));
  return { ok, ...fused, ...(err ? { error: err.message, errorCode: err.code } : {}), cardFound: qrFound || mrzFound || labelsFound || det !== undefined, candidates, timings };
}

/** The front's ID reading agrees with a date of birth: its century+sex digit and its year (common/idcard/id-vote.ts). */
function frontMatchesDob(front: readonly Candidate[], dob: string): boolean {
  const id = front.find((c) => c.field === 'idNumber')?.value;
  return !!id && idAgreesWithDob(id, dob);
}

/** The MRZ's fields' confidences: below a whole MRZ's for a lost composite, a partial MRZ, a doubtful name line. */
function mrzConfidence(mrz: MrzImageResult): Partial<Record<FieldName, number>> {
  const conf = { ...MRZ_CONFIDENCE };
  if (mrz.compositeMissing) for (const k of Object.keys(conf) as FieldName[]) conf[k] = conf[k]! * 0.97;
  // a partial MRZ (its fields' own check digits only, no composite): below a whole one
  if (mrz.partial) for (const k of Object.keys(conf) as FieldName[]) conf[k] = conf[k]! * PARTIAL_MRZ_FACTOR;
  // a name line whose fillers read as letters and whose parse is unsure (mrz-name.ts): below the screen's mark
  if (mrz.nameDoubtful) conf.fullNameAscii = conf.fullNameAscii! * MRZ_NAME_DOUBT;
  return conf;
}

/** The whole frame as an RGB image (the card when no card edge is found). */
async function wholeImage(frame: Frame): Promise<RgbImage> {
  const data = await sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: 4 } }).removeAlpha().raw().toBuffer();
  return { data, width: frame.width, height: frame.height, channels: 3 };
}

/** The fields read before the read was cut short (QR, MRZ), when the two-cards checks had passed. */
function partialReading(progress: Progress, opts: ReadOptions): CardReading | undefined {
  if (!progress.oneCard || progress.candidates.length === 0) return undefined;
  const candidates = [...progress.candidates];
  const fused = fuse(candidates, { minConfidence: opts.minConfidence ?? 0.35 });
  if (Object.keys(fused.fields).length === 0) return undefined;
  return { ok: true, ...fused, cardFound: true, candidates, partial: true, timings: { ...progress.timings } };
}

/** Read one image. Never throws: bad input comes back as `ok:false` with a Vietnamese `error`. */
export async function readCardImage(input: string | Buffer, readers: CardReaders, opts: ReadOptions = {}): Promise<CardReading> {
  const progress: Progress = { candidates: [], oneCard: false, timings: {} };
  let afterQr: NodeJS.Timeout | undefined;
  const qrBudget = new Promise<'qr-budget'>((resolve) => {
    progress.onQr = () => {
      progress.onQr = undefined;
      afterQr = setTimeout(() => resolve('qr-budget'), opts.afterQrMs ?? 5000);
    };
  });
  const limit = opts.timeoutMs ?? 15000;
  const t0 = performance.now();
  try {
    const inner = readInner(input, readers, opts, progress);
    const r = await withTimeout(Promise.race([inner, qrBudget]), limit);
    if (r !== 'qr-budget') return r;
    // The budget after the QR is spent: return the QR's reading.
    const partial = partialReading(progress, opts);
    if (partial) return partial;
    return await withTimeout(inner, Math.max(1, limit - (performance.now() - t0)));
  } catch (e) {
    if (e instanceof IdCardError && e.code === 'timeout') {
      const partial = partialReading(progress, opts);
      if (partial) return partial;
    }
    // A small picture (a thumbnail) that took the whole limit and gave nothing: too coarse to read in time — asked again closer.
    const err = e instanceof IdCardError ? (e.code === 'timeout' && progress.small ? new IdCardError('too_small') : e) : new IdCardError('not_image');
    return { ok: false, fields: {}, sources: {}, confidence: {}, issues: [], expired: false, error: err.message, errorCode: err.code, cardFound: false, candidates: [], timings: {} };
  } finally {
    clearTimeout(afterQr);
    progress.cancelled = true;
  }
}
