/** Fields found by their printed labels on OCR word boxes (common/idcard/labels.ts): pure, no OCR. */
import { describe, expect, it } from 'vitest';
import { findLabels, foldWord, locateValues, looksLikeLabel, type LineBox } from '../../../common/idcard/labels.ts';

/** A line of words laid out left to right from (x, y), `h` px high, one space between words. */
function line(text: string, x: number, y: number, h = 20, conf = 90): LineBox {
  const words = text.split(' ').filter(Boolean);
  let cx = x;
  const boxes = words.map((w) => {
    const wd = w.length * h * 0.55;
    const b = { text: w, confidence: conf, bbox: { x0: cx, y0: y, x1: cx + wd, y1: y + h } };
    cx += wd + h * 0.4;
    return b;
  });
  return { text: words.join(' '), bbox: { x0: x, y0: y, x1: cx, y1: y + h }, words: boxes };
}

const byField = (spots: ReturnType<typeof locateValues>) => Object.fromEntries(spots.map((s) => [s.field, s]));

describe('labels of both card generations', () => {
  it('finds 2024 labels and takes each value below or beside its label, whatever the positions', () => {
    const lines = [
      line('CĂN CƯỚC', 400, 60, 40),
      line('Số định danh cá nhân / Personal identification number:', 300, 250),
      line('048188476737', 300, 280, 34),
      line('Họ, chữ đệm và tên khai sinh / Full name:', 300, 330),
      line('GIÁP CẨM VY', 300, 360, 30),
      line('Ngày, tháng, năm sinh / Date of birth: 09/05/1988', 300, 410),
      line('Giới tính / Sex: Nữ Quốc tịch / Nationality: Việt Nam', 300, 450),
    ];
    const s = byField(locateValues(lines));
    expect(s.idNumber).toMatchObject({ text: '048188476737', where: 'below' });
    expect(s.fullName).toMatchObject({ text: 'GIÁP CẨM VY', where: 'below' });
    expect(s.dateOfBirth).toMatchObject({ text: '09/05/1988', where: 'beside' });
    // two fields on one line: each value stops at the next label
    expect(s.sex).toMatchObject({ text: 'Nữ', where: 'beside' });
    expect(s.nationality).toMatchObject({ text: 'Việt Nam', where: 'beside' });
  });

  it('finds 2021 labels with OCR slips ("Ngay sính", "Quôc tich") and the residence over two lines', () => {
    const lines = [
      line('Số / No.: 079188882488', 300, 240),
      line('Họ và tên / Full name:', 300, 280),
      line('LÂM KHÁNH NGA', 300, 310, 30),
      line('Ngay sính / Date of birth: 02/12/1988', 300, 350),
      line('Giới tính / Sex: Nữ', 300, 385),
      line('Quôc tich / Nationality: Việt Nam', 600, 385),
      line('Quê quán / Place of origin:', 300, 420),
      line('Xã Cẩm Bình, Thị xã Sơn Tây, Hồ Chí Minh', 300, 448),
      line('Nơi thường trú / Place of residence: Khu phố 4, Phường', 300, 480),
      line('Giảng Võ, Thành phố Hà Nội', 300, 508),
    ];
    const s = byField(locateValues(lines));
    expect(s.idNumber?.text).toBe('079188882488');
    expect(s.fullName?.text).toBe('LÂM KHÁNH NGA');
    expect(s.dateOfBirth?.text).toBe('02/12/1988');
    expect(s.nationality?.text).toBe('Việt Nam');
    expect(s.placeOfOrigin?.text).toBe('Xã Cẩm Bình, Thị xã Sơn Tây, Hồ Chí Minh');
    expect(s.placeOfResidence?.text).toBe('Khu phố 4, Phường Giảng Võ, Thành phố Hà Nội');
  });

  it('never takes a label as a value: the line below a label that is itself a label is not a name', () => {
    const lines = [line('Họ, chữ đệm và tên khai sinh / Full name:', 300, 330), line('Ngày, tháng, năm sinh / Date of birth: 09/05/1988', 300, 372)];
    const s = byField(locateValues(lines));
    expect(s.fullName).toBeUndefined();
    expect(s.dateOfBirth?.text).toBe('09/05/1988');
    expect(looksLikeLabel('Tháng Năm Sinh Date Of Birth')).toBe(true);
    expect(looksLikeLabel('Hồ Và Tên Full Name')).toBe(true);
    // names whose syllables fold like label words are not labels
    expect(looksLikeLabel('Nguyễn Công Quân')).toBe(false);
    expect(looksLikeLabel('Trần Gia Thắng')).toBe(false);
  });

  it('keeps the line below as the alternative when what is beside a label is a stray mark', () => {
    const lines = [line('Họ và tên / Full name: Zul!nume;.', 300, 280), line('LÂM KHÁNH NGA', 300, 310, 30)];
    const s = byField(locateValues(lines));
    expect(s.fullName?.where).toBe('beside');
    expect(s.fullName?.alt).toMatchObject({ text: 'LÂM KHÁNH NGA', where: 'below' });
    // a lone speck is not a value at all: the line below is taken
    const s2 = byField(locateValues([line('Họ và tên / Full name: 5', 300, 280), line('LÂM KHÁNH NGA', 300, 310, 30)]));
    expect(s2.fullName).toMatchObject({ text: 'LÂM KHÁNH NGA', where: 'below' });
    // a speck read as one small letter between the label and the value is skipped, not taken as the name
    const s3 = byField(locateValues([line('Họ, chữ đệm và tên khai sinh / Full name:', 300, 450, 25), line('x', 580, 488, 12), line('ĐINH KIM YẾN', 300, 499, 36)]));
    expect(s3.fullName).toMatchObject({ text: 'ĐINH KIM YẾN', where: 'below' });
  });

  it('does not see a label in a bare "Số" or in value text', () => {
    expect(findLabels([line('Số 12 Phố Huế', 300, 300)])).toEqual([]);
    expect(findLabels([line('NGUYỄN VĂN NAM', 300, 300)])).toEqual([]);
    expect(foldWord('Quốc')).toBe('quoc');
    expect(foldWord('(Đặng),')).toBe('dang');
  });
});
