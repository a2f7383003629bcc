/**
 * The form uses the one shared validator (common/validate/answers.ts); these
 * tests pin what the renderer adds: the saved form of each value, and that the
 * shared messages reach the screen in both languages.
 */
import { describe, expect, it } from 'vitest';
import { formatDateDigits, normalizeAnswer, validateAll, validateAnswer, type QuestionLike } from '../../../renderer/src/form/validate.ts';

const NOW = new Date(2026, 10, 23, 10, 0, 0);
const q = (type: QuestionLike['type'], extra: Partial<QuestionLike> = {}): QuestionLike => ({ id: 'x', type, required: true, when: 'any', ...extra });
const problemOf = (r: ReturnType<typeof validateAnswer>) => (r.ok ? null : r.problem);

describe('dates', () => {
  it('accepts real dates and saves them as dd/mm/yyyy', () => {
    expect(validateAnswer(q('date'), '5/9/1958', NOW)).toEqual({ ok: true, value: '05/09/1958' });
    expect(validateAnswer(q('date'), '05.09.1958', NOW)).toEqual({ ok: true, value: '05/09/1958' });
    expect(validateAnswer(q('date'), ' 31/12/2000 ', NOW)).toEqual({ ok: true, value: '31/12/2000' });
    expect(validateAnswer(q('date'), '29/02/2024', NOW).ok).toBe(true);
  });

  it('rejects impossible dates with a plain message in both languages', () => {
    for (const bad of ['29/02/2023', '31/04/2020', '12/13/2020', '2020-01-12', 'mười hai', '01/01/1899']) {
      const p = problemOf(validateAnswer(q('date'), bad, NOW));
      expect(p, bad).not.toBeNull();
      expect(p!.vi).toMatch(/[ăâêôơưđ]/);
      expect(p!.en).not.toBe(p!.vi);
    }
  });

  it('honours when: past and when: future', () => {
    expect(validateAnswer(q('date', { when: 'past' }), '24/11/2026', NOW).ok).toBe(false);
    expect(validateAnswer(q('date', { when: 'past' }), '23/11/2026', NOW).ok).toBe(true);
    expect(validateAnswer(q('date', { when: 'future' }), '22/11/2026', NOW).ok).toBe(false);
    expect(validateAnswer(q('date'), '24/11/2026', NOW).ok).toBe(true);
  });

  it('the keypad helper inserts the slashes', () => {
    expect(formatDateDigits('0509')).toBe('05/09');
    expect(formatDateDigits('05091958')).toBe('05/09/1958');
    expect(formatDateDigits('050919581')).toBe('05/09/1958');
  });
});

describe('ID and phone numbers', () => {
  it('saves 12-digit IDs as digits; says how many digits were typed', () => {
    expect(validateAnswer(q('idNumber'), '001 190 012345', NOW)).toEqual({ ok: true, value: '001190012345' });
    expect(problemOf(validateAnswer(q('idNumber'), '07909001234', NOW))!.vi).toContain('11');
    expect(validateAnswer(q('idNumber'), '000190012345', NOW).ok).toBe(false);
    expect(validateAnswer(q('idNumber'), '07909001234A', NOW).ok).toBe(false);
  });

  it('saves phone numbers as digits, +84 as 0', () => {
    expect(validateAnswer(q('phone'), '0912 345 678', NOW)).toEqual({ ok: true, value: '0912345678' });
    expect(validateAnswer(q('phone'), '+84912345678', NOW)).toEqual({ ok: true, value: '0912345678' });
    expect(validateAnswer(q('phone'), '024 3825 1234', NOW)).toEqual({ ok: true, value: '02438251234' });
    expect(validateAnswer(q('phone'), '0112345678', NOW).ok).toBe(false);
    expect(validateAnswer(q('phone'), '091234567', NOW).ok).toBe(false);
  });
});

describe('validateAnswer / validateAll', () => {
  it('required vs optional; text as NFC; choices', () => {
    expect(problemOf(validateAnswer(q('text'), '   ', NOW))!.vi).toBe('Xin vui lòng trả lời câu hỏi này.');
    expect(validateAnswer(q('text', { required: false }), '', NOW)).toEqual({ ok: true, value: '' });
    expect(validateAnswer(q('text'), 'Hoa\u0300', NOW)).toEqual({ ok: true, value: 'Hoà' });
    expect(validateAnswer(q('text', { maxLength: 5 }), 'Nguyễn Văn', NOW).ok).toBe(false);
    const choice = q('choice', { options: [{ value: 'nam', label: { vi: 'Nam', en: 'Male' } }] });
    expect(validateAnswer(choice, 'nam', NOW).ok).toBe(true);
    expect(validateAnswer(choice, 'khac', NOW).ok).toBe(false);
    expect(validateAnswer(q('yesNo'), 'yes', NOW).ok).toBe(true);
    expect(validateAnswer(q('number'), '12a', NOW).ok).toBe(false);
  });

  it('validateAll reports each bad answer by question id', () => {
    const qs = [q('text', { id: 'a' }), q('phone', { id: 'b' }), q('idNumber', { id: 'c' })];
    expect(Object.keys(validateAll(qs, { a: 'x', b: '123', c: '079090012345' }, NOW))).toEqual(['b']);
    expect(Object.keys(validateAll(qs, {}, NOW))).toEqual(['a', 'b', 'c']);
  });

  it('normalizeAnswer leaves unknown shapes alone', () => {
    expect(normalizeAnswer({ type: 'date' }, 'hôm qua')).toBe('hôm qua');
    expect(normalizeAnswer({ type: 'number' }, ' 12 ')).toBe('12');
  });
});
