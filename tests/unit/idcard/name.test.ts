/**
 * The OCR name's checks: Vietnamese syllables, the closed surname list for the first word only, and
 * the choice among preprocessing variants (common/idcard/name.ts, pickName in ocr-front.ts).
 */
import { describe, expect, it } from 'vitest';
import { allSyllables, fixSurname, isKnownSurname, isVietnameseSyllable, marksLostFrom, modifiersWithin, surnameOf, VIETNAMESE_SURNAMES, withoutTone } from '../../../common/idcard/name.ts';
import { pickName } from '../../../drivers/idcard/ocr-front.ts';

describe('Vietnamese syllables', () => {
  it('accepts well-formed syllables in any case', () => {
    for (const w of ['NGUYỄN', 'Hương', 'Quỳnh', 'ĐẠT', 'khánh', 'Trường', 'Hữu', 'Nghĩa', 'gìn', 'Oanh', 'Yến']) expect(isVietnameseSyllable(w), w).toBe(true);
  });
  it('refuses what OCR makes up: doubled vowels, a stop final with the wrong tone, impossible onsets, no vowel', () => {
    for (const w of ['Phaạm', 'ĐỖT', 'QUÔC', 'Đat', 'Phuc', 'Nghao', 'Ko', 'NG', 'Xyz', 'Minhhùng', 'Lˆ']) expect(isVietnameseSyllable(w), w).toBe(false);
  });
  it('an open long oo is no syllable (session 12), oo before ng or c is', () => {
    for (const w of ['ĐOO', 'Boo']) expect(isVietnameseSyllable(w), w).toBe(false);
    for (const w of ['Boong', 'XOONG', 'Soóc']) expect(isVietnameseSyllable(w), w).toBe(true);
  });
  it('a name is all syllables or not', () => {
    expect(allSyllables('Đặng Công Đạt')).toBe(true);
    expect(allSyllables('Phaạm Quốc Hải')).toBe(false);
    expect(allSyllables('')).toBe(false);
  });
});

describe('surname list (first word only)', () => {
  it('has about a hundred distinct surnames, every one a syllable', () => {
    expect(new Set(VIETNAMESE_SURNAMES).size).toBe(VIETNAMESE_SURNAMES.length);
    expect(VIETNAMESE_SURNAMES.length).toBeGreaterThanOrEqual(100);
    for (const s of VIETNAMESE_SURNAMES) expect(isVietnameseSyllable(s), s).toBe(true);
  });
  it('puts back the mark OCR dropped when the fold matches exactly one surname', () => {
    expect(fixSurname('Đăng Công Đạt')).toEqual({ value: 'Đặng Công Đạt', changed: true });
    expect(fixSurname('Pham Minh Hùng')).toEqual({ value: 'Phạm Minh Hùng', changed: true });
    expect(fixSurname('Nguyên Thanh Phượng')).toEqual({ value: 'Nguyễn Thanh Phượng', changed: true });
    expect(fixSurname('Bui Thành Khánh')).toEqual({ value: 'Bùi Thành Khánh', changed: true });
  });
  it('leaves a known surname, an ambiguous fold, an unknown word and every other word alone', () => {
    for (const n of ['Lê Văn An', 'La Văn An', 'Lã Văn An', 'Ha Thị Lan', 'Luong Văn Ba', 'Xyz Văn An', 'Nguyễn Văn Pham', 'Pham']) {
      expect(fixSurname(n), n).toEqual({ value: n, changed: false });
    }
  });
});

describe('choosing the name among OCR variants', () => {
  it('prefers a reading whose words are all syllables over a more confident one that is not', () => {
    const p = pickName([
      { text: 'PHAẠM QUỐC CÔNG ĐẠT', confidence: 95 },
      { text: 'PHAM QUỐC CÔNG ĐẠT', confidence: 80 },
    ]);
    expect(p).toEqual({ value: 'Phạm Quốc Công Đạt', tesseract: 80, surnameFixed: true });
  });
  it('takes the more confident of two valid readings, unchanged when its surname is known', () => {
    expect(pickName([{ text: 'ĐẶNG HỒNG OANH', confidence: 88 }, { text: 'ĐĂNG HỒNG OANH', confidence: 70 }])).toEqual({ value: 'Đặng Hồng Oanh', tesseract: 88, surnameFixed: false });
  });
  it('gives nothing when no reading is a plausible name', () => {
    expect(pickName([{ text: '', confidence: 0 }, { text: 'HỒVĂNLONGXYZ', confidence: 40 }])).toBeUndefined();
    expect(pickName([])).toBeUndefined();
  });
});

describe('surname marks: a mark the reading sees is never taken away (session 7)', () => {
  it('a mark the reading has is evidence: a rarer surname read right is not turned into the list one', () => {
    for (const n of ['Ứng Trọng Hạnh', 'Chử Văn Long', 'Khuất Duy Tiến']) expect(fixSurname(n), n).toEqual({ value: n, changed: false });
    // "ÚNG": a tone where Ung has none — Ứng with its horn lost ("Ùng" too: a tone misread)
    expect(fixSurname('Úng Văn An')).toEqual({ value: 'Ứng Văn An', changed: true });
    // "NGƯYỄN": a horn Nguyễn does not have — left as read
    expect(fixSurname('Ngưyễn Văn An')).toEqual({ value: 'Ngưyễn Văn An', changed: false });
  });
  it('marks lost or a tone misread on a surname are put back, also where the fold is shared', () => {
    expect(marksLostFrom('Đăng', 'Đặng')).toBe(true);
    expect(marksLostFrom('Ứng', 'Ung')).toBe(false);
    expect(marksLostFrom('Dặng', 'Đặng')).toBe(true);
    expect(marksLostFrom('Đặng', 'Dặng')).toBe(false);
    expect(marksLostFrom('Trấn', 'Trần')).toBe(true); // a tone misread
    expect(marksLostFrom('Lá', 'La')).toBe(false); // a tone where there is none
    // (session 12) a tone seen above is no misread dot below, nor the other way: Đàng (off the list) is not Đặng
    expect(marksLostFrom('Đàng', 'Đặng')).toBe(false);
    expect(marksLostFrom('Phám', 'Phạm')).toBe(false);
    expect(marksLostFrom('Trạn', 'Trần')).toBe(false);
    expect(surnameOf('Đàng')).toBeUndefined();
    expect(surnameOf('Phám')).toBeUndefined();
    expect(fixSurname('Đàng Năng Thọ')).toEqual({ value: 'Đàng Năng Thọ', changed: false });
    expect(fixSurname('Đang Năng Thọ')).toEqual({ value: 'Đặng Năng Thọ', changed: true }); // marks lost: still the list's
    expect(fixSurname('Trấn Kim Thảo')).toEqual({ value: 'Trần Kim Thảo', changed: true });
    expect(fixSurname('Chư Văn Long')).toEqual({ value: 'Chử Văn Long', changed: true });
    expect(isKnownSurname('ỨNG')).toBe(true);
    expect(isKnownSurname('Tế')).toBe(false);
    expect(surnameOf('Lac')).toBe('Lạc');
    expect(surnameOf('Ứng')).toBe('Ứng');
    expect(surnameOf('Luong')).toBeUndefined(); // Lương or Lường
  });
});

describe('marks other than the tone', () => {
  it('a word without its tone, and whether one word has its marks within another', () => {
    expect(withoutTone('KHẮC')).toBe('khăc');
    expect(withoutTone('Nguyễn')).toBe('nguyên');
    expect(withoutTone('Đặng')).toBe('đăng');
    expect(modifiersWithin('Khác', 'Khắc')).toBe(true);
    expect(modifiersWithin('Khắc', 'Khác')).toBe(false);
    expect(modifiersWithin('Ho', 'Hồ')).toBe(true);
    expect(modifiersWithin('Hă', 'Hâ')).toBe(false);
    expect(modifiersWithin('Dung', 'Đũng')).toBe(true);
    expect(modifiersWithin('Hồ', 'Hồng')).toBe(false);
  });
});
