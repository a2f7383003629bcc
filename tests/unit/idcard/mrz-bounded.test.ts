/**
 * The MRZ search on a front is bounded (drivers/idcard/mrz-image.ts, `maxNotMrz`): once a located block
 * reads like no MRZ upright and turned, no other block is read. A 2024 front in a sleeve (generator 4,
 * development seed 77 — not the held-out seed 4404) has three blocks the locator takes for three lines;
 * all six readings were made before. A back, upright or upside down, is still read at its first block.
 */
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { loadFrame } from '../../../drivers/idcard/image.ts';
import { MAX_NOT_MRZ_BLOCKS, readMrzAnywhere } from '../../../drivers/idcard/mrz-image.ts';
import type { OcrPool } from '../../../drivers/idcard/ocr-pool.ts';
import { useCardReaders } from '../../support/card-readers.ts';
import { generateSet2 } from '../../idcard-data2/generate.ts';
import { drawSample4, planSet4 } from '../../idcard-data4/generate.ts';

const rig = useCardReaders('mrz-bounded-');

/** The English pool, counting its OCR calls. */
function counting(): { pool: OcrPool; calls: () => number } {
  let n = 0;
  const pool = { recognize: (img: Buffer, p: Parameters<OcrPool['recognize']>[1]) => (n++, rig.readers.eng.recognize(img, p)) } as unknown as OcrPool;
  return { pool, calls: () => n };
}

describe('the MRZ search, bounded on fronts', () => {
  it('a front with three MRZ-shaped blocks: two OCR calls, not six, and the same answer (no MRZ)', async () => {
    const p = planSet4(77, 24).find((x) => x.sample.file === 'g4-004-front-2024-sleeve.jpg');
    expect(p).toBeDefined();
    const frame = await loadFrame(await drawSample4(77, p!));
    const bounded = counting();
    await expect(readMrzAnywhere(frame, bounded.pool)).rejects.toThrow();
    expect(MAX_NOT_MRZ_BLOCKS).toBe(1);
    expect(bounded.calls()).toBe(2);
    // unbounded, as before: every block read both ways
    const unbounded = counting();
    await expect(readMrzAnywhere(frame, unbounded.pool, 2, Infinity)).rejects.toThrow();
    expect(unbounded.calls()).toBeGreaterThanOrEqual(4);
  }, 90_000);

  it('a back is read at its first block, upright or upside down', async () => {
    const set = await generateSet2({ outDir: path.join(rig.dir, 'g2'), cards: 6, seed: 99, faces: ['back2021', 'back2024'] });
    const s = set.find((x) => x.face === 'back2021' && x.scene === 'lightdesk')!;
    expect(s).toBeDefined();
    const file = path.join(rig.dir, 'g2', s.file);
    for (const img of [await sharp(file).toBuffer(), await sharp(file).rotate(180).toBuffer()]) {
      const c = counting();
      const r = await readMrzAnywhere(await loadFrame(img), c.pool);
      expect(r.fields.idNumber).toBe(s.truth.idNumber);
      expect(r.fields.dateOfBirth).toBe(s.truth.dateOfBirth);
      expect(c.calls()).toBeLessThanOrEqual(2);
    }
  }, 90_000);
});
