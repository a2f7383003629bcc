/**
 * A card lying steeply on a patterned tablecloth (session 9, idfront2; generator 6 development seed 23,
 * not the report seed): the text's skew measured by joining letters with a horizontal smear fell short
 * (10.6° for a card at about 23°), the page turned by that still read no line, and the front gave
 * nothing ("không tìm thấy thẻ" from OCR alone). Measured again on the turned page, the rest is added.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCardImage } from '../../../drivers/idcard/read-card.ts';
import { useCardReaders } from '../../support/card-readers.ts';
import { generateSet6 } from '../../idcard-data6/generate.ts';

const rig = useCardReaders('idfront2-deskew-');

describe('a steeply turned card on a busy background', () => {
  it('is straightened in two measures and read: ID, date of birth and sex', async () => {
    const set = await generateSet6({ outDir: rig.dir, cards: 3, seed: 23 });
    const s = set.find((x) => x.file === 'g6-002-front-tablecloth.jpg');
    expect(s).toBeDefined();
    // The time limit raised: this checks what is read; the time is the bench's (other work shares these 2 cores).
    const r = await readCardImage(path.join(rig.dir, s!.file), rig.readers, { sources: ['ocr'], timeoutMs: 60_000 });
    expect(r.fields.idNumber).toBe(s!.truth.idNumber);
    expect(r.fields.dateOfBirth).toBe(s!.truth.dateOfBirth);
    expect(r.fields.sex).toBe(s!.truth.sex);
  }, 240_000);
});
