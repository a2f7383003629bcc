import { describe, expect, it } from 'vitest';
import { format, strings, t } from '../../../renderer/src/i18n/index.ts';

const entries = Object.entries(strings) as [string, { vi: string; en: string }][];
const VI_MARKS = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;
/** Words that are never right without their marks in Vietnamese UI text. */
const UNMARKED = /\b(khong|duoc|vui long|tiep tuc|ho so|thong tin|dich vu|thu tuc|dang ky|nhap|chon|xoa|giay|thoat)\b/i;
/** Strings that are the same in both languages (names of languages, placeholders only). */
const SAME_OK = new Set(['langVi', 'langEn', 'kbTelex', 'kbVni']);
/** Names that have no Vietnamese marks (the input methods, the English language). */
const NO_MARKS_OK = new Set(['langEn', 'kbTelex', 'kbVni']);

describe('i18n strings', () => {
  it('every key has a non-empty vi and en', () => {
    for (const [key, e] of entries) {
      expect(e.vi.trim(), `${key}.vi`).not.toBe('');
      expect(e.en.trim(), `${key}.en`).not.toBe('');
    }
  });

  it('Vietnamese text is NFC and carries diacritics', () => {
    for (const [key, e] of entries) {
      expect(e.vi, `${key} not NFC`).toBe(e.vi.normalize('NFC'));
      if (NO_MARKS_OK.has(key)) continue;
      if (/[a-z]{2,}/i.test(e.vi.replace(/\{\w+\}/g, ''))) expect(e.vi, `${key}.vi has no diacritics`).toMatch(VI_MARKS);
      expect(e.vi, `${key}.vi has an unmarked word`).not.toMatch(UNMARKED);
    }
  });

  it('English is not a copy of Vietnamese, and both use the same placeholders', () => {
    for (const [key, e] of entries) {
      if (!SAME_OK.has(key)) expect(e.en, `${key}`).not.toBe(e.vi);
      const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(ph(e.en), `${key} placeholders`).toEqual(ph(e.vi));
    }
  });

  it('has the exact texts the kiosk promises', () => {
    expect(strings.welcomeStart.vi).toBe('Chạm vào màn hình để bắt đầu');
    expect(strings.welcomeStart.en).toBe('Touch the screen to start');
    expect(strings.timeoutExtend.vi).toBe('Tôi cần thêm thời gian');
    expect(strings.help.vi).toBe('Cần hỗ trợ');
    expect(strings.helpRecorded.vi).toBe('Đã ghi nhận yêu cầu hỗ trợ, xin vui lòng chờ trong giây lát');
    expect(strings.apply.vi).toBe('Bắt đầu nộp hồ sơ');
    expect(strings.maintenanceTitle.vi).toBe('Tạm ngưng phục vụ');
    expect(strings.change.vi).toBe('Sửa');
    expect(strings.finish.vi).toBe('Hoàn tất');
    expect(strings.next.vi).toBe('Tiếp tục');
  });

  it('addresses residents as “ông/bà”, never “bạn”', () => {
    for (const [key, e] of entries) expect(e.vi, key).not.toMatch(/(^|[^\p{L}])bạn([^\p{L}]|$)/iu);
    expect(strings.ratingTitle.vi).toBe('Ông/bà hài lòng với dịch vụ hôm nay không?');
    expect(strings.searchSuggestions.vi).toBe('khai sinh, tạm trú, chứng thực');
  });

  it('formats placeholders', () => {
    expect(t('vi', 'step', { n: 3, total: 7 })).toBe('Bước 3/7');
    expect(t('en', 'step', { n: 3, total: 7 })).toBe('Step 3 of 7');
    expect(format('{a} {b}', { a: 1 })).toBe('1 {b}');
  });
});
