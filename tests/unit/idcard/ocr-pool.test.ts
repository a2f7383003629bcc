import { describe, expect, it } from 'vitest';
import { IdCardError } from '../../../common/idcard/fields.ts';
import { langPathFor, OcrPool } from '../../../drivers/idcard/ocr-pool.ts';

describe('OCR worker pool', () => {
  it('finds the offline language data (best_int) for vie and eng', () => {
    expect(langPathFor('vie')).toMatch(/4\.0\.0_best_int$/);
    expect(langPathFor('eng')).toMatch(/4\.0\.0_best_int$/);
  });

  it('a job over its time limit is rejected with "quá thời gian xử lý", and the event loop keeps running meanwhile', async () => {
    const pool = new OcrPool({ lang: 'eng', size: 1, jobTimeoutMs: 1, startTimeoutMs: 30_000 });
    try {
      const img = Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/x8AAwMCAO+ip1sAAAAASUVORK5CYII=',
        'base64',
      );
      // The event loop keeps ticking while the worker thread loads and runs.
      let ticks = 0;
      const timer = setInterval(() => ticks++, 10);
      const err = await pool.recognize(img, { psm: '7' }).catch((e: unknown) => e);
      clearInterval(timer);
      expect(err).toBeInstanceOf(IdCardError);
      expect((err as IdCardError).message).toBe('quá thời gian xử lý');
      expect(ticks).toBeGreaterThan(5);
    } finally {
      await pool.close();
    }
    await expect(pool.recognize(Buffer.alloc(4))).rejects.toBeInstanceOf(IdCardError);
  });
});
