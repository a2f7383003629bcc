import { describe, expect, it } from 'vitest';
import { deleteCodeKey, isCompleteCode, nextExpected, normalizeCode, typeCodeKey } from '../../../renderer/src/screens/track-code.ts';
import { highlight } from '../../../renderer/src/screens/highlight.ts';

const CODE = '000.00.12.H29-261123-1001';

function typeAll(keys: string): string {
  let v = '';
  for (const k of keys) v = typeCodeKey(v, k);
  return v;
}

describe('application codes on the track keypad', () => {
  it('puts the dots and dashes in as digits are typed, and accepts lower case', () => {
    expect(typeAll('0000012h292611231001')).toBe(CODE);
    expect(isCompleteCode(typeAll('0000012h292611231001'))).toBe(true);
    expect(typeAll('000.00.12.H29-261123-1001')).toBe(CODE);
  });

  it('ignores keys that cannot come next', () => {
    expect(typeCodeKey('000', '-')).toBe('000');
    expect(typeCodeKey('000.00.12.', '1')).toBe('000.00.12.');
    expect(typeCodeKey('000.00.12', 'h')).toBe('000.00.12.H');
    expect(typeCodeKey(CODE, '1')).toBe(CODE);
    expect(nextExpected('000.00.12')).toBe('letter');
    expect(nextExpected('000')).toBe('digit');
    expect(nextExpected(CODE)).toBe('none');
  });

  it('deletes a character and the separator before it', () => {
    expect(deleteCodeKey('000.0')).toBe('000');
    expect(deleteCodeKey('000.00.12.H29-2')).toBe('000.00.12.H29');
    expect(deleteCodeKey('')).toBe('');
  });

  it('normalises typed or pasted codes', () => {
    expect(normalizeCode(' 000.00.12.h29-261123-1001 ')).toBe(CODE);
    expect(normalizeCode('000 00 12 H29 261123 1001')).toBe(CODE);
    expect(normalizeCode('000.00.12.H29–261123–1001')).toBe(CODE);
    expect(normalizeCode('0000012H292611231001')).toBe(CODE);
    expect(normalizeCode('abc')).toBe('ABC');
  });
});

describe('search highlighting', () => {
  const hits = (text: string, q: string) => highlight(text, q).filter((s) => s.hit).map((s) => s.text);

  it('emphasises the words typed without diacritics', () => {
    expect(highlight('Đăng ký khai sinh', 'khai sinh')).toEqual([
      { text: 'Đăng ký ', hit: false },
      { text: 'khai', hit: true },
      { text: ' ', hit: false },
      { text: 'sinh', hit: true },
    ]);
    expect(hits('Đăng ký tạm trú', 'dang ky')).toEqual(['Đăng', 'ký']);
  });

  it('reads Telex, takes the last word as a prefix, forgives one typo', () => {
    expect(hits('Đăng ký khai sinh', 'dangw kys')).toEqual(['Đăng', 'ký']);
    expect(hits('Đăng ký tạm trú', 'tam tr')).toEqual(['tạm', 'trú']);
    expect(hits('Đăng ký tạm trú', 'tr ')).toEqual([]);
    expect(hits('Chứng thực chữ ký', 'chung thuc')).toEqual(['Chứng', 'thực']);
    expect(hits('Chứng thực bản sao', 'chungg')).toEqual(['Chứng']);
  });

  it('with no query, the text as it is', () => {
    expect(highlight('Khai tử', '  ')).toEqual([{ text: 'Khai tử', hit: false }]);
  });
});
