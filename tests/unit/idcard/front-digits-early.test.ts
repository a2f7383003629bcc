/**
 * The digit boxes' readings stop early (drivers/idcard/front-digits.ts, session 10): when the first three
 * readings — one of each model, on both pools — agree with each other and with the page's text on a
 * well-formed value, the other four are not read; any disagreement, a malformed ID or a page text that
 * differs still gets all seven. Fake pools count the readings.
 */
import { describe, expect, it } from 'vitest';
import { readDateBox, readIdBox, type DigitPools } from '../../../drivers/idcard/front-digits.ts';
import type { OcrParams, OcrPool, OcrResult } from '../../../drivers/idcard/ocr-pool.ts';

/** A pool answering each reading in turn from `texts` (the last one repeated), counting the readings. */
function fakePool(texts: string[]): OcrPool & { calls: OcrParams[] } {
  const calls: OcrParams[] = [];
  return {
    calls,
    recognize: async (_img: Buffer, params: OcrParams): Promise<OcrResult> => {
      const text = texts[Math.min(calls.length, texts.length - 1)]!;
      calls.push(params);
      return { text, confidence: 90, lines: [], ms: 1 };
    },
  } as unknown as OcrPool & { calls: OcrParams[] };
}

const crop = async () => ({ png: Buffer.alloc(8) });
const box = { x0: 10, y0: 10, x1: 300, y1: 40 };
// A well-formed ID: province 079 (Hồ Chí Minh City), century+sex digit 1, born 1988.
const ID = '079188012345';

describe('the ID box', () => {
  it('is read three ways when they agree with each other and with the page on a well-formed ID', async () => {
    const vie = fakePool([ID]);
    const eng = fakePool([ID]);
    const rs = await readIdBox('page', box, 20, { vie, eng } satisfies DigitPools, crop, { page: ID });
    expect(vie.calls.length + eng.calls.length).toBe(3);
    expect(rs.map((r) => r.value)).toEqual([ID, ID, ID]);
    // Without a page text (the ID found by its digits), three agreeing readings are enough too.
    const vie2 = fakePool([ID]);
    const eng2 = fakePool([ID]);
    await readIdBox('page', box, 20, { vie: vie2, eng: eng2 }, crop, {});
    expect(vie2.calls.length + eng2.calls.length).toBe(3);
  });
  it('is read all seven ways when a reading disagrees, the page text differs, the ID is malformed, or no early stop is asked', async () => {
    const other = '079188012845';
    const cases: [string[], string[], { page?: string } | undefined][] = [
      [[ID, other], [ID], { page: ID }], // the Vietnamese model's second reading differs
      [[ID], [ID], { page: other }], // the page read another ID
      [['999988012345'], ['999988012345'], { page: '999988012345' }], // no such province: not well formed
      [[ID], [ID], undefined],
    ];
    for (const [v, e, agree] of cases) {
      const vie = fakePool(v);
      const eng = fakePool(e);
      const rs = await readIdBox('page', box, 20, { vie, eng }, crop, agree);
      expect(vie.calls.length + eng.calls.length).toBe(7);
      expect(rs.length).toBe(7);
    }
  });
  it('without the English model, is read the Vietnamese model’s three ways as before', async () => {
    const vie = fakePool([ID]);
    await readIdBox('page', box, 20, { vie }, crop, { page: ID });
    expect(vie.calls.length).toBe(3);
  });
});

describe('a date box', () => {
  it('stops at three agreeing readings of the page’s date, and reads on when one differs', async () => {
    const vie = fakePool(['22/09/1980']);
    const eng = fakePool(['22/09/1980']);
    const rs = await readDateBox('page', box, 20, { vie, eng }, crop, { page: '1980-09-22' });
    expect(vie.calls.length + eng.calls.length).toBe(3);
    expect(rs.map((r) => r.value)).toEqual(['1980-09-22', '1980-09-22', '1980-09-22']);
    const vie2 = fakePool(['22/09/1980']);
    const eng2 = fakePool(['22/09/1986']);
    await readDateBox('page', box, 20, { vie: vie2, eng: eng2 }, crop, { page: '1980-09-22' });
    expect(vie2.calls.length + eng2.calls.length).toBe(7);
  });
});
