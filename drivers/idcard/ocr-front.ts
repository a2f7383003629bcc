/**
 * OCR of the printed front of both card generations. Field regions are fixed boxes on the canonical
 * 1000×630 card (after detection and perspective correction, image.ts); each field has its own
 * settings (digit whitelist for the ID and dates, single-line mode, Vietnamese model for names and
 * places). Every value is validated; an unreadable or invalid field is left out, never guessed.
 */
import { cleanText, fromDdmmyyyy, fromPrintedDate, toAsciiUpper, type Candidate, type FieldName } from '../../common/idcard/fields.ts';
import { allSyllables, fixSurname, titleCaseVi } from '../../common/idcard/name.ts';
import { cropCard, cropCardGrey, greyPng, type CardDetection } from './image.ts';
import type { OcrParams, OcrPool, OcrResult } from './ocr-pool.ts';
import { isolateTextLine } from './text-line.ts';

export type Generation = 2021 | 2024;

interface Region {
  field: FieldName;
  x: number;
  y: number;
  w: number;
  h: number;
  params: OcrParams;
  scale?: number;
}

const DIGITS = '0123456789';
const DATE = '0123456789/';
const line = (field: FieldName, x0: number, y0: number, x1: number, y1: number, params: OcrParams = { psm: '7' }, scale = 1.4): Region => ({
  field,
  x: x0,
  y: y0,
  w: x1 - x0,
  h: y1 - y0,
  params,
  scale,
});

/** Value boxes (no labels) on the canonical card, per generation. */
export const FRONT_REGIONS: Record<Generation, Region[]> = {
  2021: [
    line('idNumber', 420, 212, 820, 260, { psm: '7', whitelist: DIGITS }, 1),
    line('fullName', 290, 286, 995, 338),
    line('dateOfBirth', 550, 340, 780, 376, { psm: '7', whitelist: DATE }),
    line('sex', 462, 376, 556, 412),
    line('nationality', 806, 376, 998, 412),
    line('placeOfOrigin', 290, 444, 998, 480),
    line('placeOfResidence', 290, 514, 998, 584, { psm: '6' }),
    line('dateOfExpiry', 30, 555, 280, 592, { psm: '7', whitelist: DATE }),
  ],
  2024: [
    line('idNumber', 290, 256, 700, 302, { psm: '7', whitelist: DIGITS }, 1),
    line('fullName', 290, 332, 995, 384),
    line('dateOfBirth', 640, 386, 900, 422, { psm: '7', whitelist: DATE }),
    line('sex', 462, 426, 556, 462),
    line('nationality', 790, 426, 998, 462),
  ],
};

const TITLE = line('fullName', 250, 120, 750, 172);

export interface FrontOcrResult {
  generation: Generation;
  candidates: Candidate[];
  /** Raw OCR text per field (for staff diagnostics; never logged). */
  raw: Partial<Record<FieldName, string>>;
  ms: number;
}

/**
 * A printed date read by OCR → ISO. Besides "dd/mm/yyyy", the two ways a thin or faint slash is
 * lost: dropped or turned into another mark ("20061967", "20 06 1967", "22.07 2006") or read as a
 * 1, 7, l or | ("2010611967") — taken only
 * when the text is exactly that shape and the date exists. Used for the text of a date field
 * (beside its label, or its box read again), never for free page text.
 */
export function fromOcrDate(text: string): string | undefined {
  const t = text.replace(/\s/g, '');
  const printed = fromPrintedDate(t);
  if (printed) return printed;
  const bare = t.replace(/^[^\d]+|[^\d]+$/g, '');
  const digits = bare.replace(/\D/g, '');
  if (digits.length === 8 && /^\d{2}\D?\d{2}\D?\d{4}$/.test(bare)) return fromDdmmyyyy(digits);
  const m = /^(\d{2})[17lI|](\d{2})[17lI|](\d{4})$/.exec(bare);
  return m ? fromDdmmyyyy(m[1]! + m[2]! + m[3]!) : undefined;
}

/** Validate and normalise one field's OCR text; undefined when it is not a plausible value. */
export function normaliseOcrField(field: FieldName, text: string): string | undefined {
  const t = cleanText(text);
  switch (field) {
    case 'idNumber': {
      const d = t.replace(/\D/g, '');
      return /^\d{12}$/.test(d) ? d : undefined;
    }
    case 'dateOfBirth':
    case 'dateOfExpiry':
    case 'issueDate':
      return fromOcrDate(t);
    case 'sex': {
      const a = toAsciiUpper(t);
      if (/^NAM\b/.test(a) || a === 'NAM') return 'Nam';
      if (/^N[UƯ]\b/.test(a) || a === 'NU') return 'Nữ';
      return undefined;
    }
    case 'nationality':
      // A CCCD is issued to citizens only: the one value printed is "Việt Nam".
      return /(VIET|[A-Z]?[IL]?ET) ?NAM$/.test(toAsciiUpper(t)) ? 'Việt Nam' : undefined;
    case 'fullName': {
      const n = t.replace(/[^\p{L}\p{M} ]/gu, '').replace(/\s+/g, ' ').trim();
      const words = n.split(' ');
      if (words.length < 2 || words.length > 7 || words.some((w) => w.length > 8)) return undefined;
      return titleCaseVi(n).normalize('NFC');
    }
    case 'placeOfOrigin':
    case 'placeOfResidence': {
      const a = t.replace(/^[^\p{L}\d]+/u, '').replace(/[^\p{L}\d.]+$/u, '');
      return a.length >= 5 && /\p{L}{2}/u.test(a) ? a : undefined;
    }
    default:
      return undefined;
  }
}

/** Rows added above and below the name's box before the line is isolated (the label's tail is removed there). */
const NAME_PAD = 6;
/** Confidence factor when the first word was replaced by a known surname. */
export const SURNAME_FIX_FACTOR = 0.85;

export interface NamePick {
  value: string;
  /** Tesseract's confidence of the reading taken, 0..100. */
  tesseract: number;
  surnameFixed: boolean;
}

/**
 * Choose among OCR readings of the same name (preprocessing variants): a valid name whose words are all
 * Vietnamese syllables first, then the higher Tesseract confidence; then the first word is checked
 * against the closed surname list (common/idcard/name.ts).
 */
export function pickName(readings: readonly Pick<OcrResult, 'text' | 'confidence'>[]): NamePick | undefined {
  let best: { value: string; conf: number; ok: boolean } | undefined;
  for (const r of readings) {
    const value = normaliseOcrField('fullName', r.text);
    if (value === undefined) continue;
    const ok = allSyllables(value);
    if (!best || (ok && !best.ok) || (ok === best.ok && r.confidence > best.conf)) best = { value, conf: r.confidence, ok };
  }
  if (!best) return undefined;
  const fix = fixSurname(best.value);
  return { value: fix.value, tesseract: best.conf, surnameFixed: fix.changed };
}

/**
 * The name line as OCR images: the box (plus NAME_PAD rows) upscaled, the line isolated (text-line.ts)
 * in two renderings — grey levels and black on white. Empty when no line is found.
 */
export async function nameLineImages(card: CardDetection['card'], r: { x: number; y: number; w: number; h: number }, scale = 1.4): Promise<Buffer[]> {
  const grey = await cropCardGrey(card, { x: r.x, y: r.y - NAME_PAD, w: r.w, h: r.h + 2 * NAME_PAD }, scale);
  const out: Buffer[] = [];
  for (const mode of ['grey', 'binary'] as const) {
    const line = isolateTextLine(grey, { mode });
    if (line) out.push(await greyPng(line));
  }
  return out;
}

async function readName(det: CardDetection, r: Region, pool: OcrPool): Promise<{ raw: string; pick?: NamePick }> {
  let images = await nameLineImages(det.card, r, r.scale ?? 1.4);
  if (images.length === 0) images = [await cropCard(det.card, r, { scale: r.scale ?? 1.4 })];
  const results = await Promise.all(images.map((img) => pool.recognize(img, r.params).catch(() => undefined)));
  const ok = results.filter((x): x is OcrResult => x !== undefined);
  return { raw: ok.map((x) => x.text.trim()).join(' | '), pick: pickName(ok) };
}

/** Which generation a front is (title "CĂN CƯỚC CÔNG DÂN" = 2021, "CĂN CƯỚC" = 2024). */
export async function detectGeneration(det: CardDetection, pool: OcrPool): Promise<Generation> {
  const img = await cropCard(det.card, TITLE, { scale: 1 });
  const r = await pool.recognize(img, { psm: '7' });
  const a = toAsciiUpper(r.text);
  return /CONG|DAN|CITIZEN/.test(a) ? 2021 : 2024;
}

/** OCR every field region of a detected front. `generation` skips the title check when known. */
export async function readFront(det: CardDetection, pool: OcrPool, generation?: Generation): Promise<FrontOcrResult> {
  const t0 = performance.now();
  const gen = generation ?? (await detectGeneration(det, pool));
  const raw: FrontOcrResult['raw'] = {};
  const candidates: Candidate[] = [];
  await Promise.all(
    FRONT_REGIONS[gen].map(async (r) => {
      if (r.field === 'fullName') {
        const { raw: text, pick } = await readName(det, r, pool);
        raw.fullName = text;
        if (!pick) return;
        const confidence = Math.max(0, Math.min(1, 0.8 * (pick.tesseract / 100) * (pick.surnameFixed ? SURNAME_FIX_FACTOR : 1)));
        if (confidence < 0.3) return;
        candidates.push({ field: 'fullName', value: pick.value, source: 'ocr', confidence });
        return;
      }
      const img = await cropCard(det.card, r, { scale: r.scale ?? 1.4 });
      let res;
      try {
        res = await pool.recognize(img, r.params);
      } catch {
        return; // a timed-out field is simply absent
      }
      const text = res.lines.length > 1 ? res.lines.map((l) => l.text).join(' ') : res.text;
      raw[r.field] = text.trim();
      const value = normaliseOcrField(r.field, text);
      if (value === undefined) return;
      // Tesseract's confidence (0..100) scaled down: OCR is the weakest source.
      // Structured fields that pass strict validation (12 digits, a real date, a known word) carry that
      // evidence: their floor is 0.6. Free text (places; the name above) rests on Tesseract alone, scaled down.
      const conf = res.confidence / 100;
      const structured = !r.field.startsWith('place');
      const confidence = Math.max(0, Math.min(1, structured ? 0.6 + 0.35 * conf : 0.8 * conf));
      if (confidence < 0.3) return;
      candidates.push({ field: r.field, value, source: 'ocr', confidence });
    }),
  );
  return { generation: gen, candidates, raw, ms: performance.now() - t0 };
}
