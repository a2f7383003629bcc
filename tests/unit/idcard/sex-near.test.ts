/**
 * The printed sex garbled by one letter where only Nam or Nữ can be (session 9, idfront2). OCR lines
 * recorded from development fronts of generator 6 (seed 23: a card in a plastic sleeve, a steep photo),
 * whose printed sex was lost before — the sex then came only from the ID's digit, marked "derived" on the
 * confirmation screen — and the cases that must stay unread.
 */
import { describe, expect, it } from 'vitest';
import type { LineBox } from '../../../common/idcard/labels.ts';
import { chooseSex, sexReadingsInLines, sexWordNear } from '../../../common/idcard/sex.ts';

const line = (...ts: string[]): LineBox => {
  const words = ts.map((text, i) => ({ text, confidence: 70, bbox: { x0: i * 60, y0: 100, x1: i * 60 + 50, y1: 120 } }));
  return { text: ts.join(' '), bbox: { x0: 0, y0: 100, x1: ts.length * 60, y1: 120 }, words };
};

describe('a sex value one letter off', () => {
  it('is the one of Nam and Nữ it is one edit from, and only then', () => {
    expect(sexWordNear('NÑỮ”')).toBe('Nữ');
    expect(sexWordNear('Ngm')).toBe('Nam');
    expect(sexWordNear('Nừ')).toBe('Nữ'); // as before (sexWord)
    // The year ("năm", "Năm") is never Nam; a word one edit from both, or from neither, is nothing.
    for (const t of ['năm', 'Năm', 'nằm', 'na', 'se:', 'Sez', 'ma', 'Nguyễn']) expect(sexWordNear(t), t).toBeUndefined();
  });

  it('is read beside a label run together with its English half ("Giớitính/Sex:"), as a weak reading', () => {
    const rs = sexReadingsInLines([line('Giớitính/Sex:', 'NÑỮ”', 'Quốctịch/Notionglityr:', 'Việt', 'Nam')]);
    expect(rs).toEqual([{ value: 'Nữ', conf: 40, via: 'label' }]);
  });

  it('is read right before the nationality’s label when the sex label is garbled ("G#iính/Sec Ngm Quốc tịch")', () => {
    expect(sexReadingsInLines([line('G#iính/Sec', 'Ngm', 'Quốc', 'tịch', '/', 'Ngtionclity:', 'Việt', 'Nam')])).toEqual([{ value: 'Nam', conf: 40, via: 'label' }]);
  });

  it('gives way to the ID’s century+sex digit when they disagree (never a clear reading)', () => {
    const rs = sexReadingsInLines([line('Giớitính/Sex:', 'NÑỮ”', 'Quốctịch/Notionglityr:', 'Việt', 'Nam')]);
    // 0 in G: a man born in the 1900s; the date of birth agrees.
    const c = chooseSex(rs, { value: '001072089431', confidence: 0.95 }, '1972-07-16');
    expect(c).toMatchObject({ value: 'Nam', source: 'ocr-id-digit' });
    expect(chooseSex(rs, { value: '001172089431', confidence: 0.95 }, '1972-07-16')).toMatchObject({ value: 'Nữ', source: 'ocr' });
  });

  it('leaves the 2024 layout’s year line alone', () => {
    expect(sexReadingsInLines([line('Ngày,', 'tháng,', 'năm', 'sinh'), line('Giới', 'tính', 'Nữ', 'Quốc', 'tịch', 'Việt', 'Nam')])).toEqual([{ value: 'Nữ', conf: 70, via: 'label' }]);
  });
});
