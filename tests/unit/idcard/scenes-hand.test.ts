/**
 * The tuning generator's hand-held and kiosk scenes (tests/idcard-data/scenes-hand.ts): each is a JPEG
 * of the scene's frame size, deterministic for a seed, and darker or brighter where the scene says.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderSample } from '../../idcard-data/generate.ts';
import { makePerson, makeRng } from '../../idcard-data/people.ts';
import { HAND_VARIANTS, isHandVariant } from '../../idcard-data/scenes-hand.ts';

describe('hand-held scenes of the tuning generator', () => {
  const p = makePerson(makeRng(31), 2024);
  it('every scene is a JPEG of its frame size; the kiosk frame is the camera’s 960 px', async () => {
    const means: Record<string, number> = {};
    for (const v of HAND_VARIANTS) {
      const { data, ext } = await renderSample(p, 'front2024', v, 7);
      expect(ext).toBe('jpg');
      const m = await sharp(data).metadata();
      expect(m.format).toBe('jpeg');
      expect([m.width, m.height]).toEqual(v === 'kiosk' ? [960, 720] : [1280, 720]);
      means[v] = (await sharp(data).greyscale().stats()).channels[0]!.mean;
    }
    // low light is the darkest scene
    expect(means.dim).toBeLessThan(Math.min(means.hand!, means.sleeve!, means.kiosk!) * 0.7);
  }, 30_000);
  it('is deterministic for a seed and differs for another', async () => {
    const a = await renderSample(p, 'front2024', 'sleeve', 11);
    const b = await renderSample(p, 'front2024', 'sleeve', 11);
    const c = await renderSample(p, 'front2024', 'sleeve', 12);
    expect(a.data.equals(b.data)).toBe(true);
    expect(a.data.equals(c.data)).toBe(false);
    expect(isHandVariant('hand')).toBe(true);
    expect(isHandVariant('clean')).toBe(false);
  }, 30_000);
});
