/**
 * A language prior for the words of a name after the surname (middle and given names), used ONLY to
 * break a tie on a mark or tone: when the readings of the name line, or the OCR model's own
 * alternatives for a character (drivers/idcard/name-choices.ts), disagree on it. It never adds letters,
 * never overrides a mark that no reading or alternative disputes, and a word not on the lists keeps
 * its reading.
 *
 * Source: written for this project from general knowledge of Vietnamese naming (no list was copied).
 * Reasoning, in docs/idcard.md ("Session 8 — idname"):
 *  - COMMON: the middle names most people carry (Văn, Thị, Đức, Ngọc, Minh, Thanh …) and the given
 *    names heard in every class register of the last decades, male and female (Anh, Hải, Hương,
 *    Tuấn, Thảo, Diễm …). Tone is meaning in Vietnamese: "Hải" (sea) and "Thảo" (grass, filial) are
 *    names; "Hai" and "Thao" as written without the mark are rare as names, "Câm" (mute) and "Nhà"
 *    (house) are not names at all.
 *  - IN_USE: real but rarer given names, and names that are also common words (Hai … Mười, birth-order
 *    names of older people in the South; Khuyến, Hiến, Tiễn, Phủ …): on the list so that they are
 *    not pushed aside by a common name when the model read them and nothing disputes it, but ranked
 *    below the common ones when the model itself is unsure between the two.
 * The rank is a tie-break between spellings the model offered for the same letters, not a claim that
 * a name off the list is wrong.
 */
import { fold, normalizeVi } from '../text/fold.ts';

const COMMON = `
Văn Thị Đức Ngọc Minh Quốc Thanh Hữu Xuân Thu Kim Hoàng Gia Bảo Anh Công Đình Quang Tuấn Thành Trọng
Khánh Phương Hồng Mỹ Thùy Thúy Diệu Bích Hải Nhật Tấn Như Hoài Thế Duy Việt Thiên Trung Tiến Mạnh Chí
Phúc Hà Lan Huyền Ánh Cẩm Khắc Bá Đăng Hoàng Huy Trường Vĩnh Phước Thái Hiếu Nguyên Thục Tường Vân
An Bình Cường Chiến Dũng Dương Đạt Định Đông Giang Hào Hiệp Hòa Hùng Hưng Khang Khải Khoa Khôi Kiên
Lâm Linh Long Lộc Luân Lực Nam Nghĩa Nhân Phát Phong Phú Quân Quý Sơn Tài Tâm Tân Thắng Thiện Thịnh
Thông Toàn Trí Tú Tùng Vinh Vũ Vương Hậu Hiển Hoan Lợi Luật Quyết Sang Sỹ Sĩ Tín Toản Tuệ Đạo Điền Hiền
Hoàn Khiêm Hạnh Châu Chi Cúc Diệp Diễm Dung Duyên Hằng Hân Hoa Huệ Hương Hường Kiều Liên Liễu Loan Ly
Mai My Nga Ngân Nguyệt Nhi Nhung Nhàn Nhã Oanh Phượng Quyên Quỳnh Sương Thảo Thắm Thơ Thủy Thư
Thương Trang Trâm Trinh Tuyết Tuyền Uyên Vy Yến Hảo Lệ Đào Ngà Tiên Thoa Thơm Tươi Xoan Ngát Hạ
Khuyên Gấm Hợp Nhung Mơ Mừng Thuận Thủy Trà Trúc Tuyên Vi Yên Bằng Cảnh Cương Dân Doanh Đoàn Giáp
Hạo Hiệu Học Hội Khương Kỳ Lãm Lành Lĩnh Lượng Mẫn Mậu Ngôn Nhạc Ninh Phi Phụng Quế Sáng Sinh Tạo
Thạch Thăng Thân Thiêm Thiệu Thọ Thống Thuyết Tiệp Tín Tịnh Toại Trác Triết Triều Trực Tuân Tuyển
Uy Ước Văn Viên Võ Vượng Xuyên Ý Ấn Âu Bội Ca Cầm Chinh Cơ Dạ Dao Đài Điệp Đoan Hạnh Hiếu Hòa
Huân Hưởng Khanh Khuê Lam Lụa Miên Mộng Nghi Ngọ Nhiên Nhu Nương Phấn Phượng Quỳ Sa Sen Thi Thiết
Thìn Thường Tình Trầm Tuyền Tứ Uyển Vịnh Xuân Yên Hiển Đại Lập Mãi Kha Khả Kính Tịch Nhẫn Thuần
`;

const IN_USE = `
Hai Ba Tư Năm Sáu Bảy Tám Chín Mười Út Khuyến Hiến Tiễn Phủ Giàu Thao Quí Tấm Mận Lài Lựu Tý Sửu
Dần Mão Tỵ Mùi Dậu Tuất Hợi Nhị Tam Bính Đinh Kỷ Canh Nhâm Ất Đẳng Hoành Huấn Hướng Khiết Lễ Liêm
Luyện Ngữ Nhiệm Nhượng Phổ Quảng Thẩm Thiều Thước Thưởng Tiếp Tổ Trãi Tưởng Tỷ Ưng Vỹ Mỵ Quyến Hiên
`;

// (session 12) Keys and look-ups in one tone placement: a card may print the older "THUỶ" as well as "THỦY", one name.
const words = (s: string) => s.split(/\s+/).filter(Boolean).map((w) => normalizeVi(w.toLocaleLowerCase('vi')));
const RANK = new Map<string, number>();
for (const w of words(IN_USE)) RANK.set(w, 1);
for (const w of words(COMMON)) RANK.set(w, 2);

/** 2: a common middle or given name; 1: a name in use but rarer; 0: not on the lists. Any case, either tone placement (Thuỷ is Thủy). */
export function givenNameRank(word: string): number {
  return RANK.get(normalizeVi(word.toLocaleLowerCase('vi'))) ?? 0;
}

/**
 * Two-word surnames (family lines): Âu Dương, Tư Mã, Hoàng Phủ, Gia Cát, Thượng Quan — old surnames of
 * Chinese origin still carried by some families — and the royal Nguyễn Phúc line's Tôn Thất (men),
 * Tôn Nữ and Công Tằng Tôn Nữ (women). Read as one surname, their first word is not "corrected"
 * to a one-word surname of the same letters (Tư is not Từ), and their second word is not a given name.
 */
export const TWO_WORD_SURNAMES: readonly string[] = ['Âu Dương', 'Tư Mã', 'Hoàng Phủ', 'Gia Cát', 'Thượng Quan', 'Tôn Thất', 'Tôn Nữ', 'Công Tằng'];

/** The two-word surname a name's first two words are (exact, any case), or undefined. */
export function twoWordSurname(first: string, second: string): string | undefined {
  const k = `${first} ${second}`.normalize('NFC').toLocaleLowerCase('vi');
  return TWO_WORD_SURNAMES.find((s) => s.toLocaleLowerCase('vi') === k);
}

/** The two-word surnames whose letters (no marks) are those of the two words: what they could have been read from. */
export function twoWordSurnamesByFold(first: string, second: string): string[] {
  const k = `${fold(first)} ${fold(second)}`;
  return TWO_WORD_SURNAMES.filter((s) => fold(s) === k);
}

/**
 * The middle names most people carry (session 9, idname2): the word between the surname and the given
 * name is, for most Vietnamese, one of a few dozen — Văn (men) and Thị (women) above all, then Đức,
 * Ngọc, Minh, Quốc, Hữu … Written for this project from general knowledge of Vietnamese naming, no list
 * copied. Used by drivers/idcard/name-restore.ts to put back a mark tesseract lost on every reading of
 * a middle word ("VAN" → Văn, "THI" → Thị): in the middle of a name the unmarked "Van" and "Thi" are
 * all but unheard of, their marked twins are the two most common words there.
 */
const MIDDLE = `
Văn Thị Đức Ngọc Minh Quốc Thanh Hữu Xuân Thu Kim Hoàng Gia Bảo Công Đình Quang Trọng Thế Duy Mạnh Khắc
Bá Đăng Thành Tấn Như Hoài Diệu Bích Mỹ Hồng Phương Anh Nhật Hải Tiến Trung Thiên Việt Chí Phúc Tuấn
Cẩm Huy Trường Vĩnh Phước Tường Thục Đại Viết Khánh Tố Lệ Mai Trúc
`;
const MIDDLE_SET = new Set(words(MIDDLE));

/** A common middle name (any case). */
export function isCommonMiddleName(word: string): boolean {
  return MIDDLE_SET.has(word.normalize('NFC').toLocaleLowerCase('vi'));
}

const BY_FOLD_GIVEN = new Map<string, string[]>();
for (const w of [...RANK.keys(), ...MIDDLE_SET]) {
  const k = fold(w);
  const l = BY_FOLD_GIVEN.get(k) ?? [];
  if (!l.includes(w)) l.push(w);
  BY_FOLD_GIVEN.set(k, l);
}

/** The names on the priors (common, in use, middle; lower case) whose letters without marks are `word`'s. */
export function namesOfLetters(word: string): string[] {
  return BY_FOLD_GIVEN.get(fold(word)) ?? [];
}
