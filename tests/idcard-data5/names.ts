/**
 * Generator 5's invented holders' names: uncommon surnames (and a few compound ones), given names with
 * every tone and the rare letters (Ư, Ơ, Ă, Đ, ỹ, ặ), and surname-first names of some minority peoples
 * (Tày, Thái, Hmong, Khmer, Chăm, Jrai). Invented combinations; no real person is meant.
 */
import type { Rng } from './rng.ts';

export const SURNAMES_RARE = [
  'Ưng', 'Khúc', 'Giáp', 'Nghiêm', 'Quách', 'Diệp', 'Mạc', 'Đàm', 'Ninh', 'Kiều', 'Lạc', 'Hứa', 'Tạ', 'Ông', 'Chử',
  'Phí', 'Mẫn', 'Cù', 'Doãn', 'Đồng', 'Thân', 'Vương', 'Tăng', 'Sầm', 'Triệu', 'Hầu', 'Lữ', 'Phùng', 'Khương',
  'Ngạc', 'Ôn', 'Đổng', 'Cấn', 'Bạch', 'Từ', 'Nhữ', 'Lỗ', 'Ân', 'Ngụy', 'Viên', 'Đặng', 'Lưu', 'Văn', 'Thái',
  'Trịnh', 'Tống', 'Mai', 'Hồ', 'Kha', 'Lều', 'Đoàn', 'Ứng', 'Yên', 'Bồ',
] as const;
export const SURNAMES_COMMON = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Vũ', 'Bùi', 'Đỗ'] as const;
export const SURNAMES_COMPOUND = ['Nguyễn Phúc', 'Tư Mã', 'Lê Phạm', 'Đặng Trần'] as const;

const MIDDLE_M = ['Văn', 'Hữu', 'Đức', 'Quang', 'Minh', 'Thế', 'Công', 'Đình', 'Xuân', 'Bá', 'Khắc', 'Ngọc', 'Trọng', 'Tiến', 'Doãn', 'Mạnh', 'Thượng'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thu', 'Thùy', 'Diệu', 'Mỹ', 'Bảo', 'Kim', 'Hồng', 'Phương', 'Quỳnh', 'Tuệ', 'Ánh', 'Nguyệt', 'Hải'];
const GIVEN_M = [
  'An', 'Bảo', 'Cường', 'Dũng', 'Đạt', 'Đức', 'Giang', 'Hải', 'Hưng', 'Khang', 'Khôi', 'Kiên', 'Lâm', 'Lộc', 'Lực',
  'Mạnh', 'Nghĩa', 'Ngữ', 'Nhân', 'Phong', 'Phước', 'Quyết', 'Sỹ', 'Tài', 'Thắng', 'Thuận', 'Thưởng', 'Tín',
  'Toản', 'Trọng', 'Tuấn', 'Vỹ', 'Ẩn', 'Lũy', 'Hoạt', 'Thuật', 'Uẩn', 'Kỷ', 'Tự', 'Chiến', 'Ước', 'Ơn', 'Thịnh',
  'Luận', 'Ngọ', 'Hiếu', 'Khiêm', 'Lượng', 'Mừng', 'Quỹ', 'Đằng', 'Tường', 'Sửu', 'Dậu', 'Ngạn', 'Khoa',
];
const GIVEN_F = [
  'Ánh', 'Bích', 'Chi', 'Diễm', 'Dung', 'Giao', 'Hằng', 'Hạnh', 'Huệ', 'Hương', 'Khuyên', 'Liễu', 'Loan', 'Mỹ',
  'My', 'Ngân', 'Nguyệt', 'Nhạn', 'Nhung', 'Oanh', 'Phượng', 'Quyên', 'Sương', 'Thảo', 'Thoa', 'Thủy', 'Trâm',
  'Tuyết', 'Uyên', 'Vân', 'Xuyến', 'Yến', 'Ý', 'Lụa', 'Gấm', 'Nụ', 'Thơm', 'Mơ', 'Ngần', 'Đào', 'Dạ', 'Hoài',
  'Lài', 'Ước', 'Thắm', 'Hảo', 'Nương', 'Kỹ', 'Ưng', 'Thư', 'Ngữ', 'Khánh', 'Quế', 'Diệp',
];

/** Surname-first names of minority peoples: [surname(s), middle (male), middle (female), given names]. */
const MINORITY: { surnames: string[]; mid: [string[], string[]]; given: [string[], string[]] }[] = [
  { surnames: ['Bế', 'Nông', 'Lục', 'Hoàng', 'Lương'], mid: [['Văn', 'Đức'], ['Thị']], given: [['Pảo', 'Slẩy', 'Kiếm', 'Thượng'], ['Mẩy', 'Nhài', 'Ỏn', 'Piểng']] },
  { surnames: ['Lò', 'Cầm', 'Lường', 'Quàng', 'Tòng'], mid: [['Văn'], ['Thị']], given: [['Pầng', 'Xuân', 'Ích', 'Cương'], ['Ỏn', 'Ẻng', 'Lả', 'Hượng']] },
  { surnames: ['Giàng', 'Sùng', 'Vàng', 'Thào', 'Mùa', 'Hờ'], mid: [['A', 'Seo', 'Mí'], ['Thị']], given: [['Páo', 'Dính', 'Chứ', 'Lử', 'Súa'], ['Dợ', 'Mỷ', 'Sú', 'Dua', 'Pàng']] },
  { surnames: ['Thạch', 'Sơn', 'Danh', 'Kim', 'Lâm'], mid: [['Sóc', ''], ['Thị']], given: [['Sà Rết', 'Khánh', 'Sô Phal', 'Đa Ra'], ['Sa Vênh', 'Sà Ny', 'Chanh Đa', 'Sô Phia']] },
  { surnames: ['Đàng', 'Thập', 'Quảng', 'Châu'], mid: [['Năng', 'Văn'], ['Thị']], given: [['Thọ', 'Tường', 'Sạ', 'Hải'], ['Thu', 'Hiền', 'Ngọc', 'Sương']] },
  { surnames: ['Ksor', 'Rơ Mah', 'Siu', 'Nay', 'Rcom'], mid: [['Y'], ['H\'']], given: [['Phun', 'Blơ', 'Đức', 'Jun'], ['Bia', 'Lan', 'Blin', 'Ngăm']] },
];

export interface HolderName {
  surname: string;
  given: string;
  full: string;
}

export function makeName(rng: Rng, female: boolean): HolderName {
  const g = female ? 1 : 0;
  const roll = rng.next();
  if (roll < 0.14) {
    const m = rng.pick(MINORITY);
    const surname = rng.pick(m.surnames);
    const mid = rng.pick(m.mid[g]!);
    const given = rng.pick(m.given[g]!);
    // Jrai women's names are written H'Bia: the mark is part of the name
    const givenFull = mid.endsWith("'") ? `${mid}${given}` : [mid, given].filter(Boolean).join(' ');
    return { surname, given: givenFull, full: `${surname} ${givenFull}` };
  }
  const surname = roll < 0.2 ? rng.pick(SURNAMES_COMPOUND) : roll < 0.35 ? rng.pick(SURNAMES_COMMON) : rng.pick(SURNAMES_RARE);
  const mids = female ? MIDDLE_F : MIDDLE_M;
  const givens = female ? GIVEN_F : GIVEN_M;
  const nMid = rng.chance(0.12) ? 0 : rng.chance(0.25) ? 2 : 1;
  const parts: string[] = [];
  for (let i = 0; i < nMid; i++) {
    let w = rng.pick(mids);
    while (parts.includes(w)) w = rng.pick(mids);
    parts.push(w);
  }
  let given = rng.pick(givens);
  while (parts.includes(given)) given = rng.pick(givens);
  parts.push(given);
  const givenFull = parts.join(' ');
  return { surname, given: givenFull, full: `${surname} ${givenFull}` };
}

/** The MRZ's and the ASCII form's letters: no marks, Đ → D, apostrophes dropped, upper case. */
export function asciiUpper(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[Đđ]/g, 'D')
    .replace(/['’]/g, '')
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .trim();
}
