import { describe, expect, it } from 'vitest';
import {
  formatDateDigits,
  idBirthYear,
  idSex,
  isLeapYear,
  validateAll,
  validateAnswer,
  validateDate,
  validateIdNumber,
  validatePhone,
  type QuestionLike,
} from '../../../renderer/src/form/validate.ts';

const today = { day: 23, month: 11, year: 2026 };
const NOW = new Date(2026, 10, 23, 10, 0, 0);
const q = (type: QuestionLike['type'], extra: Partial<QuestionLike> = {}): QuestionLike => ({ id: 'x', type, required: true, ...extra });

describe('dates', () => {
  it('accepts real dates and normalises them to dd/mm/yyyy', () => {
    expect(validateDate('5/9/1958', { today })).toEqual({ ok: true, value: '05/09/1958' });
    expect(validateDate('05.09.1958', { today })).toEqual({ ok: true, value: '05/09/1958' });
    expect(validateDate(' 31/12/2000 ', { today })).toEqual({ ok: true, value: '31/12/2000' });
  });

  it('knows 29/02 only exists in leap years', () => {
    expect(isLeapYear(2024)).toBe(true);
    expect(isLeapYear(2000)).toBe(true);
    expect(isLeapYear(1900)).toBe(false);
    expect(isLeapYear(2023)).toBe(false);
    expect(validateDate('29/02/2024', { today }).ok).toBe(true);
    expect(validateDate('29/02/2000', { today }).ok).toBe(true);
    expect(validateDate('29/02/2023', { today })).toEqual({ ok: false, problem: { key: 'vDateNotReal' } });
    expect(validateDate('29/02/1900', { today })).toEqual({ ok: false, problem: { key: 'vDateNotReal' } });
  });

  it('rejects impossible days and months, wrong forms and very old years', () => {
    expect(validateDate('31/04/2020', { today })).toEqual({ ok: false, problem: { key: 'vDateNotReal' } });
    expect(validateDate('00/01/2020', { today })).toEqual({ ok: false, problem: { key: 'vDateNotReal' } });
    expect(validateDate('12/13/2020', { today })).toEqual({ ok: false, problem: { key: 'vDateNotReal' } });
    expect(validateDate('2020-01-12', { today })).toEqual({ ok: false, problem: { key: 'vDateFormat' } });
    expect(validateDate('12/01/20', { today })).toEqual({ ok: false, problem: { key: 'vDateFormat' } });
    expect(validateDate('mười hai', { today })).toEqual({ ok: false, problem: { key: 'vDateFormat' } });
    expect(validateDate('01/01/1899', { today })).toEqual({ ok: false, problem: { key: 'vDateTooOld' } });
  });

  it('refuses a birth date in the future, but not other dates', () => {
    expect(validateDate('24/11/2026', { today, notFuture: true })).toEqual({ ok: false, problem: { key: 'vDateFuture' } });
    expect(validateDate('23/11/2026', { today, notFuture: true }).ok).toBe(true);
    expect(validateDate('24/11/2026', { today }).ok).toBe(true);
    expect(validateAnswer(q('date', { id: 'childBirthDate' }), '01/01/2027', NOW)).toEqual({ ok: false, problem: { key: 'vDateFuture' } });
    expect(validateAnswer(q('date', { id: 'x', autofill: 'dateOfBirth' }), '01/01/2027', NOW)).toEqual({ ok: false, problem: { key: 'vDateFuture' } });
    expect(validateAnswer(q('date', { id: 'appointment' }), '01/01/2027', NOW).ok).toBe(true);
    expect(validateAnswer(q('date', { id: 'dateOfDeath' }), '01/01/2027', NOW)).toEqual({ ok: false, problem: { key: 'vDateFuture' } });
    expect(validateAnswer(q('date', { id: 'x', when: 'past' }), '01/01/2027', NOW)).toEqual({ ok: false, problem: { key: 'vDateFuture' } });
  });

  it('honours when: future, and refuses absurd years', () => {
    expect(validateAnswer(q('date', { id: 'stayUntil', when: 'future' }), '22/11/2026', NOW)).toEqual({ ok: false, problem: { key: 'vDatePast' } });
    expect(validateAnswer(q('date', { id: 'stayUntil', when: 'future' }), '23/11/2026', NOW).ok).toBe(true);
    expect(validateAnswer(q('date', { id: 'stayUntil' }), '01/01/2099', NOW)).toEqual({ ok: false, problem: { key: 'vDateYear' } });
  });

  it('the keypad helper inserts the slashes', () => {
    expect(formatDateDigits('0509')).toBe('05/09');
    expect(formatDateDigits('05091958')).toBe('05/09/1958');
    expect(formatDateDigits('050919581')).toBe('05/09/1958');
  });
});

describe('12-digit personal ID numbers', () => {
  it('accepts 12 digits with a valid structure, spaces allowed', () => {
    expect(validateIdNumber('001 190 012345', today)).toEqual({ ok: true, value: '001190012345' });
    expect(validateIdNumber('079090012345', today)).toEqual({ ok: true, value: '079090012345' });
    expect(validateIdNumber('001305012345', today).ok).toBe(true); // female born 2005
  });

  it('says how many digits were typed when the length is wrong', () => {
    expect(validateIdNumber('07909001234', today)).toEqual({ ok: false, problem: { key: 'vIdDigits', params: { n: 11 } } });
    expect(validateIdNumber('0790900123456', today)).toEqual({ ok: false, problem: { key: 'vIdDigits', params: { n: 13 } } });
  });

  it('rejects letters, unknown province codes and future birth years', () => {
    expect(validateIdNumber('07909001234A', today)).toEqual({ ok: false, problem: { key: 'vIdOnlyDigits' } });
    expect(validateIdNumber('000190012345', today)).toEqual({ ok: false, problem: { key: 'vIdStructure' } });
    expect(validateIdNumber('097190012345', today)).toEqual({ ok: false, problem: { key: 'vIdStructure' } });
    expect(validateIdNumber('003190012345', today)).toEqual({ ok: false, problem: { key: 'vIdStructure' } }); // 003 is no province
    expect(validateIdNumber('001290012345', today)).toEqual({ ok: false, problem: { key: 'vIdStructure' } }); // born 2090
    expect(validateIdNumber('001499012345', today)).toEqual({ ok: false, problem: { key: 'vIdStructure' } }); // born 2199
  });

  it('decodes birth year and sex', () => {
    expect(idBirthYear('079090012345')).toBe(1990);
    expect(idBirthYear('079305012345')).toBe(2005);
    expect(idSex('079090012345')).toBe('male');
    expect(idSex('079190012345')).toBe('female');
    expect(idBirthYear('12')).toBeNull();
  });
});

describe('phone numbers', () => {
  it('accepts 10 digits starting with a mobile prefix, and +84', () => {
    expect(validatePhone('0912 345 678')).toEqual({ ok: true, value: '0912345678' });
    expect(validatePhone('0387.654.321')).toEqual({ ok: true, value: '0387654321' });
    expect(validatePhone('+84912345678')).toEqual({ ok: true, value: '0912345678' });
    expect(validatePhone('024 3825 1234')).toEqual({ ok: true, value: '02438251234' });
  });
  it('rejects wrong lengths, no leading 0 and unknown prefixes', () => {
    expect(validatePhone('091234567')).toEqual({ ok: false, problem: { key: 'vPhoneDigits' } });
    expect(validatePhone('09123456789')).toEqual({ ok: false, problem: { key: 'vPhoneDigits' } });
    expect(validatePhone('9123456789')).toEqual({ ok: false, problem: { key: 'vPhoneDigits' } });
    expect(validatePhone('0112345678')).toEqual({ ok: false, problem: { key: 'vPhonePrefix' } });
    expect(validatePhone('abc')).toEqual({ ok: false, problem: { key: 'vPhoneDigits' } });
  });
});

describe('validateAnswer / validateAll', () => {
  it('required vs optional', () => {
    expect(validateAnswer(q('text'), '   ', NOW)).toEqual({ ok: false, problem: { key: 'vRequired' } });
    expect(validateAnswer(q('yesNo'), '', NOW)).toEqual({ ok: false, problem: { key: 'vRequiredChoice' } });
    expect(validateAnswer(q('text', { required: false }), '', NOW)).toEqual({ ok: true, value: '' });
  });
  it('text length, NFC, choices and yes/no', () => {
    expect(validateAnswer(q('text', { maxLength: 5 }), 'Nguyễn', NOW)).toEqual({ ok: false, problem: { key: 'vTooLong', params: { n: 5 } } });
    expect(validateAnswer(q('text'), 'Hoa\u0300', NOW)).toEqual({ ok: true, value: 'Hoà' });
    const choice = q('choice', { options: [{ value: 'nam' }, { value: 'nu' }] });
    expect(validateAnswer(choice, 'nu', NOW).ok).toBe(true);
    expect(validateAnswer(choice, 'khac', NOW)).toEqual({ ok: false, problem: { key: 'vChoice' } });
    expect(validateAnswer(q('yesNo'), 'yes', NOW).ok).toBe(true);
    expect(validateAnswer(q('yesNo'), 'maybe', NOW).ok).toBe(false);
    expect(validateAnswer(q('number'), '12a', NOW)).toEqual({ ok: false, problem: { key: 'vNumber' } });
  });
  it('validateAll reports each bad answer by question id', () => {
    const qs = [q('text', { id: 'a' }), q('phone', { id: 'b' }), q('idNumber', { id: 'c' })];
    expect(Object.keys(validateAll(qs, { a: 'x', b: '123', c: '079090012345' }, NOW))).toEqual(['b']);
    expect(Object.keys(validateAll(qs, {}, NOW))).toEqual(['a', 'b', 'c']);
  });
});
