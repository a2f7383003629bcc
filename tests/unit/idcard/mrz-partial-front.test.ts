/**
 * A partial MRZ with no ID does not stop the same page's front being read (session 12, idfront5; read-card.ts).
 * Session 11's quiet run: a photocopy of both faces on one page (generator 6) lost its ID — the back's MRZ gave line 2
 * alone (date of birth, sex, expiry proven by their check digits), and that partial MRZ stood for the page, so the front
 * beside it was never read. Here the page is drawn from the tuning generator's faces (one holder, seed 3): the front and
 * the back side by side on a photocopy-grey page, the back's MRZ line 1 blurred past reading (a smear of toner), so its
 * MRZ gives the dates and no ID. The front's ID is taken once its century and year agree with the MRZ's date of birth;
 * another holder's front beside the same back gives nothing (never a field from another card's text).
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readCardImage } from '../../../drivers/idcard/read-card.ts';
import { useCardReaders } from '../../support/card-readers.ts';
import { makePerson, makeRng } from '../../idcard-data/people.ts';
import { renderCard } from '../../idcard-data/render.ts';

/** The holder, the front, and the back with its MRZ line 1 (rows 470–515 of the 1000 × 630 card) blurred from x = 200. */
async function faces(seed: number): Promise<{ person: ReturnType<typeof makePerson>; front: Buffer; back: Buffer }> {
  const rng = makeRng(seed);
  const person = makePerson(rng, 2021);
  const front = await renderCard(person, 'front2021', rng);
  const back = await renderCard(person, 'back2021', rng);
  const strip = await sharp(back).extract({ left: 200, top: 470, width: 760, height: 45 }).blur(5).toBuffer();
  return { person, front, back: await sharp(back).composite([{ input: strip, left: 200, top: 470 }]).png().toBuffer() };
}

/** A grey photocopy page (1400 × 990, A4 at about 120 dpi) with the given faces side by side, each 600 px wide. */
async function page(cards: Buffer[]): Promise<Buffer> {
  const placed = await Promise.all(cards.map(async (c, i) => ({ input: await sharp(c).resize(600).greyscale().toBuffer(), left: 70 + i * 660, top: 170 })));
  return sharp({ create: { width: 1400, height: 990, channels: 3, background: '#f4f4f4' } }).composite(placed).greyscale().png().toBuffer();
}

describe('a partial MRZ without an ID beside the front on one page', () => {
  const rig = useCardReaders();
  it('both faces: the ID from the front (its year agrees with the MRZ date of birth), the dates from the MRZ', async () => {
    const { person, front, back } = await faces(3);
    // QR left out: the front's QR would give the ID by itself, and the page is about the MRZ and the front's text.
    const r = await readCardImage(await page([front, back]), rig.readers, { sources: ['mrz', 'ocr'], timeoutMs: 120_000 });
    expect(r.ok).toBe(true);
    expect(r.fields.idNumber).toBe(person.fields.idNumber);
    expect(r.sources.idNumber).toBe('ocr');
    expect(r.fields.dateOfBirth).toBe(person.fields.dateOfBirth);
    expect(r.sources.dateOfBirth).toBe('mrz');
  }, 240_000);

  it("another holder's front beside the back: its ID, which the MRZ's date of birth does not confirm, is not taken", async () => {
    const { person, back } = await faces(3);
    const other = await faces(4);
    // (the two holders' birth years differ: the other front's ID cannot agree with this back's date of birth)
    expect(other.person.fields.dateOfBirth.slice(0, 4)).not.toBe(person.fields.dateOfBirth.slice(0, 4));
    const r = await readCardImage(await page([other.front, back]), rig.readers, { sources: ['mrz', 'ocr'], timeoutMs: 120_000 });
    expect(r.ok).toBe(true);
    expect(r.fields.dateOfBirth).toBe(person.fields.dateOfBirth);
    expect(r.sources.dateOfBirth).toBe('mrz');
    expect(r.fields.idNumber).toBeUndefined();
    expect(r.fields.fullName).toBeUndefined();
  }, 240_000);
});
