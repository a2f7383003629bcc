/**
 * Which model to believe at a digit the two split on (session 11, idfront4; common/idcard/model-vote.ts). The
 * readings are recorded from development fronts (generator 8 seed 21, generator 6 seed 31): the page's text of
 * the ID (the Vietnamese model), then each box reading with its model and tesseract's confidence.
 */
import { describe, expect, it } from 'vitest';
import { chooseIdAndDob, DECIDED_CONFIDENCE, UNSURE_CONFIDENCE } from '../../../common/idcard/id-vote.ts';
import { englishDecides, withDecided } from '../../../common/idcard/model-vote.ts';

type Rd = { value: string; conf: number; via: 'page' | 'crop'; model?: 'vie' | 'eng' };
const page = (value: string): Rd => ({ value, conf: 60, via: 'page' });
const vie = (value: string, conf = 0): Rd => ({ value, conf, via: 'crop', model: 'vie' });
const eng = (value: string, conf = 0): Rd => ({ value, conf, via: 'crop', model: 'eng' });
const dob = (value: string): Rd => ({ value, conf: 90, via: 'page' });
const choose = (ids: Rd[], dobs: Rd[]) => chooseIdAndDob(ids, dobs, dobs, [], (value): Rd => ({ value, conf: 0, via: 'crop' }));
const isId = (v: string) => /^\d{12}$/.test(v);

describe('the English model decides a digit the Vietnamese model reads otherwise on every rendering', () => {
  it('a 2021 front under a warm lamp: the last digits 3 read 5 by every Vietnamese rendering and the page (generator 8 seed 21, holder 8)', () => {
    // The page and three Vietnamese renderings: 0581729; four English renderings: 0381729 (truth). Before: a tie
    // at the seventh digit broken by tesseract's confidence, `001160581729` chosen (0.69, marked, and wrong).
    const ids = [page('001160581729'), eng('001160381729', 95), vie('001160581729', 96), vie('001160581729', 95), eng('001160381729', 95), vie('001160581729', 96), eng('001160381729', 94), eng('001160381729', 95)];
    const c = choose(ids, [dob('1960-04-18')]);
    expect(c.id?.value).toBe('001160381729');
    expect(c.idConfidence).toBeCloseTo(DECIDED_CONFIDENCE);
    expect(c.idConfidence).toBeGreaterThanOrEqual(0.8);
  });

  it('a 96-dpi screenshot of a scanned PDF: the province code 038 read 058, another valid code (generator 8 seed 21, holder 4)', () => {
    // Three page readings 058 and one 038, the Vietnamese renderings 058 (twice read, two looks), the English 038.
    const looks = [eng('038067180415', 96), vie('058067180415', 95), vie('058067180415'), vie('058067180415'), eng('038067180415', 95), eng('038067180415'), eng('038067180415', 95)];
    const ids = [page('058067189415'), page('058067180415'), page('038067180415'), ...looks, page('958067180415'), vie('059867180418'), vie('058067480418'), ...looks];
    const before = choose(ids.map(({ model: _, ...r }) => r), [dob('1967-03-07')]);
    expect(before.id?.value).toBe('058067180415'); // what the vote gave without knowing the models
    const c = choose(ids, [dob('1967-03-07')]);
    expect(c.id?.value).toBe('038067180415');
    expect(c.idConfidence).toBeGreaterThanOrEqual(0.8);
  });

  it('does not decide when no English reading is confident: a low-light front read at 50 (generator 6 seed 31, holder 3)', () => {
    // The English renderings agree on a last digit 5, wrongly (truth …628): nothing is decided, the readings vote.
    const ids = [page('002073203628'), page('002073203628'), vie('002073203627'), vie('902073203628'), eng('002073203635', 56), vie('902073203628'), eng('002073303655', 51), eng('002073303655'), eng('002073203655', 49)];
    expect(englishDecides(ids, 12, isId).every((d) => d === undefined)).toBe(true);
    const c = choose(ids, [dob('1973-05-10')]);
    expect(c.idConfidence).toBeLessThanOrEqual(UNSURE_CONFIDENCE);
  });

  it('an over-sharpened phone photo read at confidence ~0 by both models: the English readings the very same number (generator 8 seed 24, holder 6)', () => {
    // The Vietnamese model and the page: …169541 (and 051 for 031); the English model four times 031198169341 (truth).
    const ids = [page('031198169541'), page('031198169541'), eng('031198169341'), vie('051198169541'), vie('051198169541'), eng('031198169341', 4), vie('031198169541'), eng('031198169341'), eng('031198169341')];
    const c = choose(ids, [dob('1998-01-19')]);
    expect(c.id?.value).toBe('031198169341');
  });

  it('does not decide a position the English readings disagree on, nor with fewer than three of them', () => {
    const split = [eng('012203740337', 95), eng('012205740337', 95), eng('012203740337', 95), vie('012205740337', 90)];
    const d = englishDecides(split, 12, isId);
    expect(d[5]).toBeUndefined();
    expect(englishDecides([eng('001160381729', 95), eng('001160381729', 95), vie('001160581729', 96)], 12, isId).every((x) => x === undefined)).toBe(true);
  });

  it('leaves positions everyone agrees on, and values that do not take part, as they are', () => {
    const rs = [eng('001160381729', 95), eng('001160381729', 95), eng('001160381729', 95), vie('001160581729', 96)];
    const d = englishDecides(rs, 12, isId);
    expect(d.filter((x) => x !== undefined)).toEqual(['3']);
    expect(d[6]).toBe('3');
    expect(withDecided('001160581729', d, isId)).toBe('001160381729');
    expect(withDecided('00116058172', d, isId)).toBe('00116058172');
  });
});
