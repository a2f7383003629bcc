import { describe, expect, it } from 'vitest';
import type { Question } from '../../../kiosk-config/catalogue.schema.ts';
import { checkDate, checkIdNumber, checkPhone, parseVnDate, validateAnswers } from '../../../common/validate/answers.ts';

const now = new Date('2026-11-23T05:00:00Z');

describe('answer validation', () => {
  it('parses real calendar dates only', () => {
    expect(parseVnDate('29/02/2024')).toEqual({ day: 29, month: 2, year: 2024 });
    expect(parseVnDate('29/02/2023')).toBeNull();
    expect(parseVnDate('29/02/1900')).toBeNull();
    expect(parseVnDate('29/02/2000')).not.toBeNull();
    expect(parseVnDate('31/04/2020')).toBeNull();
    expect(parseVnDate('5-9-1958')).toEqual({ day: 5, month: 9, year: 1958 });
    expect(parseVnDate('1958/09/05')).toBeNull();
    expect(parseVnDate('00/01/2000')).toBeNull();
  });

  it('keeps birth dates in the past and stay dates in the future, in Vietnam time', () => {
    expect(checkDate('23/11/2026', 'past', now)).toBeNull();
    expect(checkDate('24/11/2026', 'past', now)?.vi).toContain('chưa tới');
    expect(checkDate('22/11/2026', 'future', now)?.vi).toContain('đã qua');
    // 23:30 on the 23rd in Hà Nội is still the 23rd (UTC 16:30)
    expect(checkDate('24/11/2026', 'past', new Date('2026-11-23T16:30:00Z'))?.vi).toContain('chưa tới');
    expect(checkDate('24/11/2026', 'past', new Date('2026-11-23T17:30:00Z'))).toBeNull();
    expect(checkDate('01/01/1899', 'any', now)?.vi).toContain('1900');
    expect(checkDate('31/02/2020', 'any', now)?.vi).toContain('ngày/tháng/năm');
  });

  it('checks the structure of a 12-digit personal ID number', () => {
    expect(checkIdNumber('079090012345')).toBeNull();
    expect(checkIdNumber('079 090 012 345')).toBeNull();
    expect(checkIdNumber('07909001234')?.vi).toContain('12 chữ số');
    expect(checkIdNumber('003090012345')?.vi).toContain('mã tỉnh');
    expect(checkIdNumber('079990012345')?.vi).toContain('thế kỷ');
    expect(checkIdNumber('07909001234a')?.vi).toContain('chữ số');
  });

  it('checks phone numbers', () => {
    for (const ok of ['0912345678', '0912 345 678', '+84912345678', '0353.123.456', '02438251234']) expect(checkPhone(ok), ok).toBeNull();
    for (const bad of ['091234567', '0112345678', '12345678901', 'abc']) expect(checkPhone(bad), bad).not.toBeNull();
  });

  it('checks a whole form: required, choices, and answers to questions not asked', () => {
    const qs = [
      { id: 'name', type: 'text', label: { vi: 'Tên', en: 'Name' }, required: true, personal: true, when: 'any' },
      { id: 'sex', type: 'choice', label: { vi: 'Giới tính', en: 'Sex' }, required: true, personal: true, when: 'any', options: [{ value: 'nam', label: { vi: 'Nam', en: 'Male' } }, { value: 'nu', label: { vi: 'Nữ', en: 'Female' } }] },
      { id: 'copies', type: 'number', label: { vi: 'Số bản', en: 'Copies' }, required: false, personal: false, when: 'any' },
    ] as Question[];
    expect(validateAnswers(qs, { name: 'An', sex: 'nu' }, now)).toEqual([]);
    const p = validateAnswers(qs, { name: '  ', sex: 'other', copies: '2a', hack: '1' }, now);
    expect(p.map((x) => x.questionId).sort()).toEqual(['copies', 'hack', 'name', 'sex']);
    expect(p.find((x) => x.questionId === 'name')!.message.vi).toBe('Xin vui lòng trả lời câu hỏi này.');
  });
});

describe('answer validation: birth year inside the ID number, country code in phone numbers', () => {
  it('refuses an ID number whose birth year (digits 4–6) is still to come', () => {
    expect(checkIdNumber('001226012345', now)).toBeNull(); // a man born in 2026
    expect(checkIdNumber('001227012345', now)?.vi).toContain('năm sinh này chưa tới'); // 2027
    expect(checkIdNumber('001399012345', now)?.vi).toContain('năm sinh này chưa tới'); // a woman born in 2099
    expect(checkIdNumber('001199012345', now)).toBeNull(); // a woman born in 1999
    expect(checkIdNumber('001400012345', now)?.en).toContain('birth year'); // 2100
    // The check follows the clock it is given.
    expect(checkIdNumber('001227012345', new Date('2027-01-02T00:00:00Z'))).toBeNull();
  });

  it('takes +84 and 84 for the leading 0', () => {
    expect(checkPhone('+84 912 345 678')).toBeNull();
    expect(checkPhone('84912345678')).toBeNull();
    expect(checkPhone('84 24 3825 3530')).toBeNull();
    expect(checkPhone('8491234567')).not.toBeNull(); // one digit short
    expect(checkPhone('840912345678')).not.toBeNull(); // 84 and the 0 both
  });
});
