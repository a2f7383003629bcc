/**
 * The ID's readings compared digit by digit (session 9, idfront2): each position's support for a chosen
 * ID, and the position-wise majority.
 */
import { describe, expect, it } from 'vitest';
import { chooseIdAndDob, idConfidence, positionConsensus, positionSupport, UNSURE_CONFIDENCE } from '../../../common/idcard/id-vote.ts';

const R = (...vs: string[]) => vs.map((value) => ({ value }));

describe('position support', () => {
  it('is the share of 12-digit readings agreeing at each position; other readings do not vote', () => {
    const s = positionSupport('083179020417', R('083179020417', '082179020417', '083179020417', '08317902041', 'abc'));
    expect(s[0]).toBe(1);
    expect(s[2]).toBeCloseTo(2 / 3);
    expect(s.slice(3)).toEqual(new Array(9).fill(1));
  });
  it('is zero everywhere for a value that is not 12 digits or with no readings', () => {
    expect(positionSupport('0831', R('083179020417'))).toEqual(new Array(12).fill(0));
    expect(positionSupport('083179020417', [])).toEqual(new Array(12).fill(0));
  });
});

describe('position consensus', () => {
  it('takes each position’s majority, even when no single reading had every digit right', () => {
    expect(positionConsensus(R('083179020417', '083179028417', '083179020447', '082179020417'))).toBe('083179020417');
  });
  it('gives nothing on a tie at any position or with fewer than three readings', () => {
    expect(positionConsensus(R('083179020417', '082179020417', '083179020411', '082179020411'))).toBeUndefined();
    expect(positionConsensus(R('083179020417', '083179020417'))).toBeUndefined();
  });
});

type Rd = { value: string; conf: number; via: 'page' | 'crop' };
const crop = (value: string, conf = 0): Rd => ({ value, conf, via: 'crop' });
const page = (value: string, conf = 60): Rd => ({ value, conf, via: 'page' });
const dob = (value: string, conf = 90): Rd => ({ value, conf, via: 'page' });
const choose = (ids: Rd[], dobs: Rd[]) => chooseIdAndDob(ids, dobs, dobs, [], (value) => crop(value));

describe('the ID and the date of birth chosen together, digit by digit', () => {
  it('is confident when seven renderings agree, whatever tesseract says of each (0 for line modes): a photocopied front, generator 6 seed 23', () => {
    // Before: 0.6 + 0.35 × 0 — below the 0.8 the sex's digit needs, so a card whose printed sex was lost got none.
    const ids = [page('610072089481'), ...Array.from({ length: 7 }, () => crop('010072089431'))];
    const c = choose(ids, [dob('1972-07-16', 76)]);
    expect(c.id?.value).toBe('010072089431');
    expect(c.idConfidence).toBeGreaterThanOrEqual(0.85);
    expect(c.sexDigitConfidence).toBeGreaterThanOrEqual(0.9);
  });

  it('says so when the renderings disagree on one digit, even when the structure holds both ways', () => {
    // A province code read as another valid one (083 / 082): both known, both agree with the year.
    const ids = [...Array.from({ length: 4 }, () => crop('083179020417', 90)), ...Array.from({ length: 3 }, () => crop('082179020417', 95))];
    const c = choose(ids, [dob('1979-01-02')]);
    expect(c.id?.value).toBe('083179020417');
    expect(c.idConfidence).toBeLessThanOrEqual(UNSURE_CONFIDENCE);
    // G is read the same by all: the sex it gives is sure.
    expect(c.sexDigitConfidence).toBeGreaterThanOrEqual(0.9);
    // The fusion's two raises (date of birth, sex) keep it below the confirm screen's mark.
    expect(1 - (1 - c.idConfidence) * 0.7 * 0.7).toBeLessThan(0.8);
  });

  it('is unsure of an ID read once or twice (nothing to agree with): a flatbed 2024 front, generator 5 seed 32', () => {
    // Recorded: the page's text and one English reading of the box; the other renderings gave no 12 digits.
    // Before: the box's reading won by its 0.01 and came out at 0.85 after the fusion — wrong and confident.
    const c = choose([page('079306880896', 30), crop('079306880891', 27)], [dob('2006-09-17', 85)]);
    expect(c.id).toBeDefined();
    expect(c.idConfidence).toBeLessThanOrEqual(UNSURE_CONFIDENCE);
    expect(1 - (1 - c.idConfidence) * 0.7 * 0.7).toBeLessThan(0.8);
    expect(choose([page('001197407592', 96)], [dob('1997-03-21')]).idConfidence).toBeLessThanOrEqual(UNSURE_CONFIDENCE);
  });

  it('takes the position-wise majority when no single reading has every digit right', () => {
    // Each reading misreads one different place; the old whole-string vote had three readings of one vote each.
    const ids = [crop('083179028417', 90), crop('083179020447', 92), crop('082179020417', 95)];
    const c = choose(ids, [dob('1979-01-02')]);
    expect(c.id?.value).toBe('083179020417');
    expect(c.idConfidence).toBeLessThan(0.8);
  });

  it('still lets the structure outweigh the votes: the ID whose century and year match the date of birth', () => {
    const ids = [crop('002059716071'), crop('002059716071'), crop('002069716071')];
    expect(choose(ids, [dob('1969-08-13', 93)]).id?.value).toBe('002069716071');
    expect(choose(ids, [dob('1959-05-13', 93)]).id?.value).toBe('002059716071');
  });

  it('gives no ID whose structure is broken beyond repair', () => {
    expect(choose([crop('1234')], []).id).toBeUndefined();
  });
});

describe('the ID’s confidence from its readings', () => {
  it('rises with the weakest position’s support from 0.8 (75 %) to 0.95 (all agree)', () => {
    const id = '083179020417';
    expect(idConfidence(id, R(id, id, id, id))).toBeCloseTo(0.95);
    expect(idConfidence(id, R(id, id, id, '083179020411'))).toBeCloseTo(0.8);
    expect(idConfidence(id, R(id, id, '083179020411', '083179020411'))).toBeLessThanOrEqual(UNSURE_CONFIDENCE);
    expect(idConfidence(id, R(id, id))).toBeLessThanOrEqual(UNSURE_CONFIDENCE);
  });
});

describe('a date of birth confirmed only by doubtful digits', () => {
  it('is marked unsure: a motion-blurred front, generator 6 seed 23 (1969 read for 1959, two of six ID readings 069 for 059)', () => {
    const ids = [crop('002059716071'), crop('002059716071'), crop('002059716071'), crop('002069716071'), crop('002059716071', 6), crop('002069716071')];
    const c = choose(ids, [dob('1969-08-13', 93)]);
    expect(c.dob?.value).toBe('1969-08-13');
    expect(c.dobUnsure).toBe(true);
    expect(c.idConfidence).toBeLessThanOrEqual(UNSURE_CONFIDENCE);
  });
  it('is not when the ID’s century and year digits are read the same by all', () => {
    const ids = [crop('002059716071'), crop('002059716071'), crop('002059716071'), crop('002059716011')];
    expect(choose(ids, [dob('1959-05-13', 93)]).dobUnsure).toBe(false);
  });
});
