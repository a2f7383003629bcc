import { describe, expect, it } from 'vitest';
import { fold, foldWords, normalizeVi } from '../../../common/text/fold.ts';
import { parseSyllable, toneIndex } from '../../../common/text/syllable.ts';

describe('fold', () => {
  it.each([
    ['Đăng ký khai sinh', 'dang ky khai sinh'],
    ['  ĐĂNG   KÝ\tTẠM TRÚ \n', 'dang ky tam tru'],
    ['Đường', 'duong'],
    ['đ Đ', 'd d'],
    ['Hộ tịch', 'ho tich'],
    ['Chứng thực', 'chung thuc'],
    ['Nguyễn Thị Hường', 'nguyen thi huong'],
    ['ắằẳẵặấầẩẫậếềểễệốồổỗộớờởỡợứừửữựýỳỷỹỵ', 'aaaaaaaaaaeeeeeoooooooooouuuuuyyyyy'],
    ['hoa\u0300', 'hoa'], // decomposed input
    ['Birth registration', 'birth registration'],
    ['1.001193', '1.001193'],
    ['', ''],
  ])('%j → %j', (input, want) => expect(fold(input)).toBe(want));

  it('splits into words of letters and digits', () => {
    expect(foldWords('Liên thông: đăng ký khai sinh, thường trú (dưới 6 tuổi)')).toEqual(['lien', 'thong', 'dang', 'ky', 'khai', 'sinh', 'thuong', 'tru', 'duoi', '6', 'tuoi']);
    expect(foldWords(' — ')).toEqual([]);
  });
});

describe('normalizeVi: one tone placement, NFC', () => {
  it.each([
    ['hoà', 'hòa'],
    ['hòa', 'hòa'],
    ['thuý', 'thúy'],
    ['thúy', 'thúy'],
    ['khoẻ', 'khỏe'],
    ['thuỷ', 'thủy'],
    ['Hoà Bình', 'Hòa Bình'],
    ['HOÀ', 'HÒA'],
    ['qúy', 'quý'], // the u of qu is part of the onset
    ['gía', 'giá'], // the i of gi is part of the onset
    ['gì', 'gì'],
    ['hòan', 'hoàn'], // a final consonant puts it on the last vowel
    ['ngòai', 'ngoài'], // three vowels: the middle one
    ['trừơng', 'trường'], // ươ: on ơ
    ['muà', 'mùa'], // ua: on u
    ['tiéng', 'tiéng'], // not a real word, but one placement already
    ['hoa\u0300 bi\u0300nh', 'hòa bình'], // NFD
  ])('%j → %j', (input, want) => {
    const out = normalizeVi(input);
    expect(out).toBe(want.normalize('NFC'));
    expect(out).toBe(out.normalize('NFC'));
  });

  it('makes text from different engines compare equal', () => {
    expect(normalizeVi('Phường Hoà Khánh, Thuỷ Nguyên')).toBe(normalizeVi('Phường Hòa Khánh, Thủy Nguyên'));
    expect(normalizeVi('sức khoẻ')).toBe(normalizeVi('sức khỏe'));
  });

  it('leaves words that are not Vietnamese syllables alone', () => {
    expect(normalizeVi('café résumé naïve')).toBe('café résumé naïve');
    expect(normalizeVi('Email: a.b@x.vn, 0912 345 678')).toBe('Email: a.b@x.vn, 0912 345 678');
  });

  it('the reformed style puts it on the second vowel of oa/oe/uy instead', () => {
    expect(normalizeVi('hòa khỏe thủy mùa', 'reformed')).toBe('hoà khoẻ thuỷ mùa');
    expect(normalizeVi('hoàn quý', 'reformed')).toBe('hoàn quý');
  });
});

describe('the tone placement table', () => {
  // [nucleus bases, has final consonant, classic index, reformed index]
  const table: readonly [string[], boolean, number, number][] = [
    [['a'], false, 0, 0],
    [['o', 'a'], false, 0, 1],
    [['o', 'e'], false, 0, 1],
    [['u', 'y'], false, 0, 1],
    [['u', 'a'], false, 0, 0],
    [['i', 'a'], false, 0, 0],
    [['a', 'i'], false, 0, 0],
    [['o', 'a'], true, 1, 1],
    [['u', 'y'], true, 1, 1],
    [['o', 'a', 'i'], false, 1, 1],
    [['u', 'y', 'u'], false, 1, 1],
    [['ư', 'ơ'], true, 1, 1],
    [['ư', 'ơ', 'i'], false, 1, 1],
    [['ư', 'u'], false, 0, 0],
    [['u', 'ô'], true, 1, 1],
    [['i', 'ê'], true, 1, 1],
    [['u', 'y', 'ê'], true, 2, 2],
    [['u', 'ê'], false, 1, 1],
    [[], false, -1, -1],
  ];
  it.each(table)('%j final=%s → classic %i, reformed %i', (bases, coda, classic, reformed) => {
    expect(toneIndex(bases, coda, 'classic')).toBe(classic);
    expect(toneIndex(bases, coda, 'reformed')).toBe(reformed);
  });

  it('parses onsets, gi/qu and codas', () => {
    expect(parseSyllable('Nghiêng')).toMatchObject({ onset: 'Ngh', coda: 'ng', tone: 0 });
    expect(parseSyllable('giường')?.onset).toBe('gi');
    expect(parseSyllable('gìn')?.nucleus.map((v) => v.base)).toEqual(['i']);
    expect(parseSyllable('quốc')).toMatchObject({ onset: 'qu', coda: 'c', tone: 1 });
    expect(parseSyllable('tr')).toMatchObject({ onset: 'tr', nucleus: [] });
    expect(parseSyllable('hello')).toBeNull(); // "ll" is not a final consonant
    expect(parseSyllable('áà')).toBeNull(); // two tones
    expect(parseSyllable('str')).toBeNull();
  });
});
