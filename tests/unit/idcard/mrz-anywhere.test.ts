/**
 * The MRZ found anywhere, through the whole reader, on backs the MRZ reader missed in development
 * splits of the second and third generators (seeds 99 and 77 — not the reporting seed 7722026 nor the
 * held-out seed 5150): a card filling the frame whose last check digit fell outside the cut region,
 * and a back with a shadow's edge across its three lines.
 */
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readCardImage } from '../../../drivers/idcard/read-card.ts';
import { useCardReaders } from '../../support/card-readers.ts';
import { generateSet2 } from '../../idcard-data2/generate.ts';
import { generateSet3 } from '../../idcard-data3/generate.ts';

const rig = useCardReaders('mrz-anywhere-');
const dir = rig.dir;

describe('MRZ found anywhere, read whole', () => {
  it('a 2021 back filling the frame: the region reaches the last check digit (was "sai số kiểm tra")', async () => {
    const set = await generateSet2({ outDir: path.join(dir, 'g2'), cards: 2, seed: 99, faces: ['back2021'] });
    const s = set.find((x) => x.scene === 'fill')!;
    expect(s).toBeDefined();
    const r = await readCardImage(path.join(dir, 'g2', s.file), rig.readers, { sources: ['mrz'] });
    expect(r.error).toBeUndefined();
    expect(r.fields.idNumber).toBe(s.truth.idNumber);
    expect(r.fields.dateOfBirth).toBe(s.truth.dateOfBirth);
    expect(r.sources.idNumber).toBe('mrz');
  }, 60_000);

  it('a 2021 back with a shadow across its lines (was "không tìm thấy thẻ")', async () => {
    const set = await generateSet3({ outDir: path.join(dir, 'g3'), cards: 1, seed: 77 });
    const s = set.find((x) => x.face === 'back2021' && x.scene === 'shadow')!;
    expect(s).toBeDefined();
    const r = await readCardImage(path.join(dir, 'g3', s.file), rig.readers, { sources: ['mrz'] });
    expect(r.error).toBeUndefined();
    expect(r.fields.idNumber).toBe(s.truth.idNumber);
    expect(r.fields.dateOfBirth).toBe(s.truth.dateOfBirth);
    // the same back small (560 px) and compressed hard (JPEG q 25): the black-hat's threshold is relative
    // to the paper's brightness (an absolute one took the JPEG's noise for ink and welded the lines)
    const small = await sharp(path.join(dir, 'g3', s.file)).resize({ width: 560 }).jpeg({ quality: 25 }).toBuffer();
    const r2 = await readCardImage(small, rig.readers, { sources: ['mrz'] });
    expect(r2.error).toBeUndefined();
    expect(r2.fields.idNumber).toBe(s.truth.idNumber);
    expect(r2.fields.dateOfBirth).toBe(s.truth.dateOfBirth);
  }, 60_000);
});
