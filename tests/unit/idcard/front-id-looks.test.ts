/**
 * The ID on fronts legible to the eye that the reader read no 12 digits from (session 9, idfront2;
 * development splits only — generator 5 seed 32, generator 3 seed 32, not the report seeds):
 *  - a 2024 front under a desk lamp's hotspot on a guilloche background: the page's layout (Otsu's one
 *    threshold) held two lines, neither the ID's label nor its digits, and no other look found them —
 *    the page binarised by Sauvola's local threshold (`readPage(…, '2')`, the `sauvola` look) does;
 *  - a 2024 front on a flatbed scan: the page's word box of the ID stopped inside its last digit, and
 *    six of seven readings of the box had 11 digits — the box below its label is read again running on by most of a digit.
 *  - a sheared 2021 front on grey cloth (generator 3): no look read the ID's line as 12 digits.
 * Each was read with no ID (or a wrong one at 0.85) before.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCardImage } from '../../../drivers/idcard/read-card.ts';
import { useCardReaders } from '../../support/card-readers.ts';
import { generateSet5, type PlannedImage } from '../../idcard-data5/generate.ts';
import { generateSet3 } from '../../idcard-data3/generate.ts';

const rig = useCardReaders('idfront2-looks-');

describe('the ID read from fronts the page layout lost it on', () => {
  it('generator 5 seed 32: the desk lamp’s hotspot on a guilloche, and the flatbed scan', async () => {
    const files = ['c006-front-2024-flatbed-300dpi.jpg', 'c014-front-2024-desk-lamp.jpg'];
    const set = await generateSet5({ outDir: rig.dir, cards: 15, seed: 32, only: (p: PlannedImage) => files.includes(p.sample.file) });
    expect(set.map((s) => s.file).sort()).toEqual(files);
    for (const s of set) {
      // The time limit raised: this checks what is read; the time is the bench's (other work shares these 2 cores).
      const r = await readCardImage(path.join(rig.dir, s.file), rig.readers, { sources: ['ocr'], timeoutMs: 60_000 });
      expect(r.fields.idNumber, s.file).toBe(s.truth.idNumber);
      expect(r.confidence.idNumber, s.file).toBeGreaterThanOrEqual(0.9);
      expect(r.fields.dateOfBirth, s.file).toBe(s.truth.dateOfBirth);
    }
  }, 240_000);

  it('generator 3 seed 32: a sheared 2021 front', async () => {
    const dir = path.join(rig.dir, 'g3');
    const set = await generateSet3({ outDir: dir, cards: 13, seed: 32 });
    const s = set.find((x) => x.file === 'h012-front2021-sheared.jpg');
    expect(s).toBeDefined();
    const r = await readCardImage(path.join(dir, s!.file), rig.readers, { sources: ['ocr'], timeoutMs: 60_000 });
    expect(r.fields.idNumber).toBe(s!.truth.idNumber);
    expect(r.fields.dateOfBirth).toBe(s!.truth.dateOfBirth);
  }, 240_000);
});
