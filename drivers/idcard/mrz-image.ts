/**
 * MRZ from a photo of the card's back: the 3-line band at the bottom third of the detected card,
 * OCR (eng, whitelist A–Z 0–9 <, PSM 6), position-wise confusion fixes and ICAO check digits
 * (common/idcard/mrz.ts). A failed check digit is an error ("sai số kiểm tra"), never a guess.
 */
import { IdCardError } from '../../common/idcard/fields.ts';
import { parseMrz, type MrzResult } from '../../common/idcard/mrz.ts';
import { cropCard, type CardDetection } from './image.ts';
import type { OcrPool } from './ocr-pool.ts';

export const MRZ_WHITELIST = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';

export interface MrzImageResult extends MrzResult {
  ms: number;
  /** Mean OCR confidence of the band, 0..100. */
  ocrConfidence: number;
}

/** True when OCR text of the band looks like an MRZ at all (many fillers). */
export function looksLikeMrz(text: string): boolean {
  return (text.match(/</g) ?? []).length >= 8;
}

/**
 * Read the MRZ of a detected card. Throws IdCardError `mrz_format` when there is no MRZ band and
 * `check_digit` when one is read but fails its check digits (after a second, binarised attempt).
 */
export async function readMrzFromCard(det: CardDetection, pool: OcrPool): Promise<MrzImageResult> {
  const t0 = performance.now();
  const band = { x: 0, y: 440, w: 1000, h: 190 };
  const attempts: Buffer[] = [await cropCard(det.card, band, { scale: 1 })];
  let lastErr: IdCardError = new IdCardError('mrz_format');
  for (let i = 0; i < 2; i++) {
    if (i === 1) attempts.push(await cropCard(det.card, band, { scale: 1.3, sharpen: true }));
    const ocr = await pool.recognize(attempts[i]!, { psm: '6', whitelist: MRZ_WHITELIST });
    try {
      const r = parseMrz(ocr.text);
      return { ...r, ms: performance.now() - t0, ocrConfidence: ocr.confidence };
    } catch (e) {
      if (!(e instanceof IdCardError)) throw e;
      if (e.code === 'check_digit' || lastErr.code !== 'check_digit') lastErr = e;
      if (i === 0 && !looksLikeMrz(ocr.text)) break; // not a back: do not spend a second pass
    }
  }
  throw lastErr;
}
