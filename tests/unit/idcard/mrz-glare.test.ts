/**
 * A lamp's glare on the laminate washing part of the MRZ pale (the tuning generator's backs with a
 * white radial spot over lines 1–2): the found MRZ is read again with local contrast (CLAHE) when its
 * first reading fails the check digits. Every one of these was "sai số kiểm tra" before.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readCardImage } from '../../../drivers/idcard/read-card.ts';
import { useCardReaders } from '../../support/card-readers.ts';
import { renderSample } from '../../idcard-data/generate.ts';
import { makePerson, makeRng } from '../../idcard-data/people.ts';

const rig = useCardReaders();

/** A 2021 back (1280×720, clean) with a glare spot of the given strength over the left of its MRZ. */
async function glaredBack(seed: number, strength: number) {
  const p = makePerson(makeRng(seed), 2021);
  const { data } = await renderSample(p, 'back2021', 'clean', 5);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="720"><defs><radialGradient id="g" cx="0.5" cy="0.5" r="0.5"><stop offset="0" stop-color="#fff" stop-opacity="${strength}"/><stop offset="0.6" stop-color="#fff" stop-opacity="${strength * 0.8}"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient></defs><ellipse cx="560" cy="520" rx="200" ry="70" fill="url(#g)"/></svg>`;
  return { p, img: await sharp(data).composite([{ input: Buffer.from(svg) }]).jpeg({ quality: 90 }).toBuffer() };
}

describe('MRZ under glare', () => {
  it.each([
    [51, 0.8],
    [52, 0.85],
    [54, 0.9],
  ])('back of holder %i, glare %f: read with local contrast, every check digit passing', async (seed, strength) => {
    const { p, img } = await glaredBack(seed, strength);
    const r = await readCardImage(img, rig.readers, { sources: ['mrz'] });
    expect(r.error).toBeUndefined();
    expect(r.fields.idNumber).toBe(p.fields.idNumber);
    expect(r.fields.dateOfBirth).toBe(p.fields.dateOfBirth);
    expect(r.sources.idNumber).toBe('mrz');
  }, 60_000);
});
