/**
 * An expiry date found only in a front's page text, with no date of birth read, is marked for the resident to check
 * (session 12, idfront5; front-labels.ts). Development data, generator 7 seed 71: a blurred 2024 front from a wide
 * webcam — a card that prints no expiry on its front — had no label found on any look; every page reading garbled its
 * date of birth "28/07/2002" ("2407/2092", "22/07/2092"), so no date of birth was taken, and the first of those page
 * dates, not a plausible birth, came out as the expiry 2092-07-24 at 0.74: a wrong field, unmarked. The fake pool
 * below gives the page as that front's flat-page reading gave it (its words, no labels) and nothing from any box.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readFrontByLabels, type RgbImage } from '../../../drivers/idcard/front-labels.ts';
import type { OcrParams, OcrPool, OcrResult } from '../../../drivers/idcard/ocr-pool.ts';
import { DEFAULT_REVIEW_BELOW, REVIEW_BELOW } from '../../../common/idcard/review.ts';

const word = (text: string, x0: number, y0: number, x1: number, y1: number) => ({ text, confidence: 60, bbox: { x0, y0, x1, y1 } });

/** A page reading of the given lines (their words); box readings (any other mode) read nothing. */
function fakePool(page: ReturnType<typeof word>[][]): OcrPool {
  const box = (ws: ReturnType<typeof word>[]) => ({ x0: Math.min(...ws.map((w) => w.bbox.x0)), y0: Math.min(...ws.map((w) => w.bbox.y0)), x1: Math.max(...ws.map((w) => w.bbox.x1)), y1: Math.max(...ws.map((w) => w.bbox.y1)) });
  return {
    recognize: async (_img: Buffer, params: OcrParams): Promise<OcrResult> => {
      if (params.psm !== '3') return { text: '', confidence: 0, lines: [], ms: 1 };
      const lines = page.map((ws) => ({ text: ws.map((w) => w.text).join(' '), confidence: 60, bbox: box(ws), words: ws }));
      return { text: lines.map((l) => l.text).join('\n'), confidence: 60, lines, ms: 1 };
    },
  } as unknown as OcrPool;
}

async function blankCard(): Promise<RgbImage> {
  const data = await sharp({ create: { width: 1000, height: 630, channels: 3, background: '#f0f0f0' } }).raw().toBuffer();
  return { data, width: 1000, height: 630, channels: 3 };
}

const expiryOf = (r: Awaited<ReturnType<typeof readFrontByLabels>>) => r.candidates.find((c) => c.field === 'dateOfExpiry');

describe('an expiry found only in the page text', () => {
  it('with no date of birth read: marked (below the confirm screen’s mark)', async () => {
    const pool = fakePool([[word('079302657895', 560, 390, 870, 430)], [word('-', 850, 540, 860, 565), word('2407/2092', 880, 540, 1010, 565)]]);
    const r = await readFrontByLabels(await blankCard(), pool, { eng: pool });
    expect(r.candidates.find((c) => c.field === 'idNumber')?.value).toBe('079302657895');
    expect(r.candidates.find((c) => c.field === 'dateOfBirth')).toBeUndefined();
    const exp = expiryOf(r);
    expect(exp?.value).toBe('2092-07-24');
    expect(exp!.confidence).toBeLessThan(REVIEW_BELOW.dateOfExpiry ?? DEFAULT_REVIEW_BELOW);
  });
  it('beside a date of birth the ID confirms: as before (0.6 + 0.35 × 0.4)', async () => {
    const pool = fakePool([[word('079302657895', 560, 390, 870, 430)], [word('28/07/2002', 880, 500, 1010, 525)], [word('28/07/2027', 880, 540, 1010, 565)]]);
    const r = await readFrontByLabels(await blankCard(), pool, { eng: pool });
    expect(r.candidates.find((c) => c.field === 'dateOfBirth')?.value).toBe('2002-07-28');
    const exp = expiryOf(r);
    expect(exp?.value).toBe('2027-07-28');
    expect(exp!.confidence).toBeCloseTo(0.74, 5);
  });
});
