/**
 * A small soft MRZ read again sharpened (drivers/idcard/mrz-small.ts, session 11): generator 8's security-camera grabs
 * of a back (development seed 22) lost line 2 on every reading (`VNM<<<<<<<<<<<` read `VNN<`), so the back gave the ID
 * at best. Here tuning-generator backs made as small and soft as such a grab (the picture 640 px wide, blurred, JPEG
 * q 30): without the sharpened readings one gives the ID alone and one nothing; with them both give the ID and the date
 * of birth, every check digit passing. The gate (`isSmall`, `showsLine2`) is unit-tested on its own.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { MrzCandidate } from '../../../drivers/idcard/mrz-locate.ts';
import { isSmall, showsLine2 } from '../../../drivers/idcard/mrz-small.ts';
import { readCardImage } from '../../../drivers/idcard/read-card.ts';
import { renderSample } from '../../idcard-data/generate.ts';
import { makePerson, makeRng } from '../../idcard-data/people.ts';
import { useCardReaders } from '../../support/card-readers.ts';

const rig = useCardReaders();

const cand = (span: number): MrzCandidate => ({ cx: 0, cy: 0, angle: 0, length: 600, span, thickness: span / 5, score: 1 });

describe('a small soft MRZ', () => {
  it('is read again only when its lines were enlarged and its reading shows line 2', () => {
    expect(isSmall(cand(57))).toBe(true); // a grab's lines ≈ 28 px apart
    expect(isSmall(cand(120))).toBe(false); // a phone photo's ≈ 60 px apart
    expect(showsLine2('TDVNMO992745837822099274583<<5\n9901052M3901050VNN<\nHO<CHNATCCCC')).toBe(true);
    expect(showsLine2('SO DINH DANH 079090012345\nHO VA TEN NGUYEN VAN AN\nNGAY SINH 01 01 1990')).toBe(false);
  });

  it.each([
    [62, 1.6],
    [63, 1.2],
  ])('a tuning back of holder %i shrunk to 640 px, blurred σ %f, JPEG q 30: the ID and the date of birth', async (seed, sigma) => {
    const p = makePerson(makeRng(seed), seed % 2 ? 2021 : 2024);
    const { data } = await renderSample(p, seed % 2 ? 'back2021' : 'back2024', 'clean', 5);
    const img = await sharp(data).resize(640).blur(sigma).jpeg({ quality: 30 }).toBuffer();
    const r = await readCardImage(img, rig.readers, { sources: ['mrz'] });
    expect(r.fields.idNumber).toBe(p.fields.idNumber);
    expect(r.fields.dateOfBirth).toBe(p.fields.dateOfBirth);
    expect(r.sources.dateOfBirth).toBe('mrz');
  }, 60_000);
});
