/**
 * The QR of a 1-bit dithered copy (drivers/idcard/qr-dither.ts, session 11): generator 7's `fax-1bit` pictures
 * (development seeds 21, 23, 25) gave no QR at all — ≈ 2 px a module with the dithering's dots around them. Read again
 * lightly blurred, the QR decodes; a photo is turned away before any work.
 */
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { loadFrame } from '../../../drivers/idcard/image.ts';
import { decodeDithered, readQrFromFrame } from '../../../drivers/idcard/qr-image.ts';
import { renderSample } from '../../idcard-data/generate.ts';
import { makePerson, makeRng } from '../../idcard-data/people.ts';
import { generateSet7 } from '../../idcard-data7/generate.ts';
import { useCardReaders } from '../../support/card-readers.ts';

const rig = useCardReaders('idback4-fax-');

describe('the QR of a 1-bit dithered copy', () => {
  it('a fax-like 2021 front (generator 7, development seed 23, holder 5): decoded descreened, the fields right', async () => {
    const set = await generateSet7({ outDir: rig.dir, cards: 5, seed: 23 });
    const s = set.find((x) => x.scene === 'fax-1bit' && x.hasQr)!;
    expect(s).toBeDefined();
    const qr = await readQrFromFrame(await loadFrame(path.join(rig.dir, s.file)));
    expect(qr?.via).toBe('dithered');
    expect(qr?.fields.idNumber).toBe(s.truth.idNumber);
    expect(qr?.fields.dateOfBirth).toBe(s.truth.dateOfBirth);
  }, 180_000);

  it('a photo (greys everywhere) is turned away at once', async () => {
    const p = makePerson(makeRng(71), 2021);
    const { data } = await renderSample(p, 'front2021', 'clean', 5);
    const frame = await loadFrame(await sharp(data).jpeg({ quality: 90 }).toBuffer());
    const t0 = performance.now();
    expect(await decodeDithered(frame)).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(50);
  }, 60_000);
});
