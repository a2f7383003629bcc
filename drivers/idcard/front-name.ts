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
import { allSyllables } from '../../common/idcard/name.ts';
import { normaliseOcrField, pickName, SURNAME_FIX_FACTOR } from './ocr-front.ts';
import type { OcrPool, OcrResult } from './ocr-pool.ts';
import { isolateTextLine, type GreyImage } from './text-line.ts';

/** One reading of the name line: tesseract's text and its confidence (0..100). */
export interface NameRead {
  text: string;
  confidence: number;
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

/** Second readings of the name's value box: the isolated line in grey and black-on-white, and grey larger. */
export async function readNameLine<P>(page: P, spot: ValueSpot, pool: OcrPool, crop: CropFn<P>): Promise<NameRead[]> {
  const h = spot.bbox.y1 - spot.bbox.y0;
  const scale = Math.min(2, 48 / Math.max(10, h));
  const c = await crop(page, spot.bbox, h * 0.6, h * 0.3, scale);
  const big = await crop(page, spot.bbox, h * 0.6, h * 0.3, scale * 1.35);
  const imgs: Buffer[] = [];
  for (const [g, mode] of [[c.grey, 'grey'], [c.grey, 'binary'], [big.grey, 'grey']] as const) {
    const line = isolateTextLine(g, { mode });
    if (line) imgs.push(await sharp(Buffer.from(line.data.buffer, line.data.byteOffset, line.data.length), { raw: { width: line.width, height: line.height, channels: 1 } }).png({ compressionLevel: 1 }).toBuffer());
  }
  if (imgs.length === 0) imgs.push(c.png);
  const rs = await Promise.all(imgs.map((im) => safe(pool.recognize(im, { psm: '7' }))));
  return rs.filter((r): r is OcrResult => r !== undefined).map((r) => ({ text: r.text, confidence: r.confidence }));
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

/**
 * The name among several readings (the page's and the line's renderings): a spelling that two or
 * more readings agree on and whose words are all Vietnamese syllables wins; otherwise pickName's
 * choice (syllables first, then tesseract's confidence).
 */
export function voteName(reads: readonly NameRead[]): ReturnType<typeof pickName> {
  const tally = new Map<string, { n: number; conf: number }>();
  for (const r of reads) {
    const v = normaliseOcrField('fullName', r.text);
    if (!v || !allSyllables(v)) continue;
    const t = tally.get(v) ?? { n: 0, conf: 0 };
    t.n++;
    t.conf = Math.max(t.conf, r.confidence);
    tally.set(v, t);
  }
  const best = [...tally.entries()].sort((a, b) => b[1].n - a[1].n || b[1].conf - a[1].conf)[0];
  if (best && best[1].n >= 2) return pickName([{ text: best[0], confidence: best[1].conf }]);
  return pickName(reads);
}

/** The name candidate from its readings (labels and headings refused), or undefined below confidence 0.3. */
export function nameCandidate(reads: readonly NameRead[]): Candidate | undefined {
  const pick = voteName(reads.filter((r) => !looksLikeLabel(r.text) && !isHeading(r.text)));
  if (!pick) return undefined;
  const confidence = Math.max(0, Math.min(1, 0.8 * (pick.tesseract / 100) * (pick.surnameFixed ? SURNAME_FIX_FACTOR : 1)));
  return confidence >= 0.3 ? { field: 'fullName', value: pick.value, source: 'ocr', confidence } : undefined;
}
