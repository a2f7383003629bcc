import { describe, expect, it } from 'vitest';
import { applyMark, applyTone, markWord, toneOf, toneWord, typeDirect } from '../../../renderer/src/keyboard/direct.ts';
import { createTextEntry, isNameQuestion, type TextEntry } from '../../../renderer/src/keyboard/entry.ts';

function type(e: TextEntry, keys: string): string {
  for (const k of keys) {
    if (k === ' ') e.space();
    else e.key(k);
  }
  return e.text();
}

describe('direct diacritics: tones', () => {
  it('puts the tone on the right vowel of the word being typed', () => {
    expect(applyTone('tieng', 'sac')).toBe('tiéng');
    expect(applyTone('hoa', 'huyen')).toBe('hòa');
    expect(applyTone('khoe', 'hoi')).toBe('khỏe');
    expect(applyTone('Nguyên', 'nga')).toBe('Nguyễn');
    expect(applyTone('ky', 'sac')).toBe('ký');
    expect(applyTone('dang ky', 'sac')).toBe('dang ký');
    expect(applyTone('gia', 'hoi')).toBe('giả');
  });

  it('the same tone again removes it; another tone replaces it', () => {
    expect(applyTone('má', 'sac')).toBe('ma');
    expect(applyTone('má', 'nang')).toBe('mạ');
    expect(toneOf('mạ')).toBe('nang');
    expect(toneOf('ma')).toBeNull();
  });

  it('applies to the last word after a space, and leaves words without vowels alone', () => {
    expect(applyTone('khai sinh ', 'nang')).toBe('khai sịnh ');
    expect(applyTone('tr', 'sac')).toBe('tr');
    expect(applyTone('', 'sac')).toBe('');
    expect(toneWord('123', 'sac')).toBe('123');
  });

  it('typing more letters re-places the tone (hó + an → hoán)', () => {
    let t = 'hó';
    for (const c of 'an') t = typeDirect(t, c);
    expect(t).toBe('hoán');
    expect(typeDirect('tí', 'n')).toBe('tín');
    expect(typeDirect('ab', ' ')).toBe('ab ');
  });
});

describe('direct diacritics: marks', () => {
  it('turns the matching letter and moves the tone onto the marked vowel', () => {
    expect(applyMark('tiéng', 'ee')).toBe('tiếng');
    expect(applyMark('dang', 'aw')).toBe('dăng');
    expect(applyMark('dăng', 'dd')).toBe('đăng');
    expect(applyMark('Viet', 'ee')).toBe('Viêt');
    expect(applyMark('mua', 'uw')).toBe('mưa');
    expect(applyMark('mo', 'ow')).toBe('mơ');
    expect(applyMark('co', 'oo')).toBe('cô');
    expect(applyMark('can', 'aa')).toBe('cân');
  });

  it('ư on "uo" gives "ươ"; ơ alone keeps the u (thuở)', () => {
    expect(applyMark('nguoi', 'uw')).toBe('ngươi');
    expect(applyMark('nguòi', 'uw')).toBe('người');
    expect(applyMark('thuỏ', 'ow')).toBe('thuở');
  });

  it('the same mark again turns the letter back', () => {
    expect(markWord('cân', 'aa')).toBe('can');
    expect(markWord('đi', 'dd')).toBe('di');
    expect(markWord('ă', 'aa')).toBe('â');
  });

  it('with nothing to mark, or after a space, types the letter', () => {
    expect(applyMark('', 'oo')).toBe('ô');
    expect(applyMark('ba ', 'dd')).toBe('ba đ');
    expect(applyMark('', 'uw', true)).toBe('Ư');
    expect(applyMark('th', 'ee')).toBe('thê');
  });
});

describe('the text entry (keyboard state)', () => {
  it('Telex and VNI go through the composer', () => {
    expect(type(createTextEntry({ layout: 'telex' }), 'ddangw kys khai sinh')).toBe('đăng ký khai sinh');
    expect(type(createTextEntry({ layout: 'vni' }), 'd9a8ng ky1')).toBe('đăng ký');
  });

  it('direct: letters, then tone and mark keys', () => {
    const e = createTextEntry({ layout: 'direct' });
    type(e, 'tieng');
    e.tone('sac');
    e.mark('ee');
    expect(e.text()).toBe('tiếng');
    e.space();
    type(e, 'viet');
    e.mark('ee');
    e.tone('nang');
    expect(e.text()).toBe('tiếng việt');
    e.backspace();
    expect(e.text()).toBe('tiếng việ');
    expect(e.clear()).toBe('');
  });

  it('keeps the text when the layout changes', () => {
    const e = createTextEntry({ layout: 'telex' });
    type(e, 'vieetj');
    e.setLayout('direct');
    expect(e.layout).toBe('direct');
    type(e, ' nam');
    expect(e.text()).toBe('việt nam');
    e.setLayout('vni');
    type(e, '6');
    expect(e.text()).toBe('việt nâm');
  });

  it('auto-capitalises each word of a name', () => {
    const e = createTextEntry({ layout: 'telex', autoCapitalize: true });
    expect(type(e, 'nguyeenx vawn an')).toBe('Nguyễn Văn An');
    const d = createTextEntry({ layout: 'direct', autoCapitalize: true });
    d.mark('dd');
    type(d, 'o');
    d.mark('oo');
    d.tone('nga');
    expect(d.text()).toBe('Đỗ');
    expect(d.upperNext()).toBe(false);
    d.space();
    expect(d.upperNext()).toBe(true);
    expect(isNameQuestion({ id: 'childName' })).toBe(true);
    expect(isNameQuestion({ id: 'x', autofill: 'fullName' })).toBe(true);
    expect(isNameQuestion({ id: 'placeOfBirth' })).toBe(false);
  });

  it('shift: once, lock, off', () => {
    const e = createTextEntry({ layout: 'direct' });
    expect(e.toggleShift()).toBe('once');
    type(e, 'ab');
    expect(e.text()).toBe('Ab');
    e.toggleShift();
    e.toggleShift();
    expect(e.shift()).toBe('lock');
    type(e, 'cd');
    expect(e.text()).toBe('AbCD');
    expect(e.toggleShift()).toBe('off');
  });

  it('ignores keys past maxLength', () => {
    const e = createTextEntry({ layout: 'direct', maxLength: 3 });
    expect(type(e, 'abcd')).toBe('abc');
    e.setText('ab');
    expect(type(e, 'cd')).toBe('abc');
  });
});
