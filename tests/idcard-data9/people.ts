/**
 * Generator 9's invented holders: names, dates, places, the 12-digit number, the QR text and the MRZ,
 * all from the rules in the shared reference (cccd.md). Nobody here is a real person.
 */
import { units } from '../../common/admin/units.ts';
import type { Rand } from './rand.ts';

export type Generation = 2021 | 2024;
export type Sex = 'Nam' | 'Nữ';

export interface Holder {
  generation: Generation;
  idNumber: string;
  oldIdNumber: string;
  /** As in the QR (mixed case); the card prints it in capitals. */
  fullName: string;
  sex: Sex;
  /** ISO yyyy-mm-dd */
  dateOfBirth: string;
  issueDate: string;
  /** Absent when the card is valid for life (holder 58 or older at issue). */
  dateOfExpiry?: string;
  nationality: 'Việt Nam';
  placeOfOrigin: string;
  placeOfResidence: string;
  placeOfBirth: string;
  /** Cards issued before 1 July 2025 name the old units (with a district); later ones the 2025 units. */
  oldUnits: boolean;
  mark: string;
  qrText: string;
  mrz?: [string, string, string];
  /** What the MRZ's name line reads, spaces for fillers (the truth of fullNameAscii). */
  fullNameAscii: string;
}

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const RARE_SURNAMES = ['Ưng', 'Khổng', 'Quách', 'Mạc', 'Đàm', 'Lục', 'Ông', 'Kiều', 'Doãn', 'Ngụy', 'Nghiêm', 'Hứa', 'Giáp', 'Thẩm', 'Triệu', 'Ứng', 'Lữ', 'Ân'];
const TWO_WORD_SURNAMES = ['Tôn Thất', 'Âu Dương', 'Tôn Nữ', 'Nguyễn Phước', 'Hoàng Phủ'];
const MIDDLE_M = ['Văn', 'Đức', 'Hữu', 'Quang', 'Minh', 'Công', 'Thành', 'Xuân', 'Bá', 'Đình', 'Trọng', 'Khắc', 'Ngọc'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thu', 'Hồng', 'Bảo', 'Diệu', 'Khánh', 'Mỹ', 'Thùy', 'Phương', 'Tường'];
const GIVEN_M = ['Tuấn', 'Tuân', 'Dũng', 'Hưng', 'Cường', 'Lượng', 'Thượng', 'Vỹ', 'Khải', 'Ẩn', 'Đạt', 'Mạnh', 'Phúc', 'Lộc', 'Nghĩa', 'Thắng', 'Ước', 'Toản', 'Lợi', 'Giỏi', 'Mừng', 'Nhớ', 'Sang', 'Tèo', 'Khương', 'Dưỡng', 'Quyết', 'Thiện', 'Hỷ', 'Tỵ'];
const GIVEN_F = ['Hằng', 'Hàng', 'Ngân', 'Ngần', 'Mỹ', 'My', 'Thuỷ', 'Quỳnh', 'Ý', 'Yến', 'Nguyệt', 'Hương', 'Trâm', 'Oanh', 'Diệp', 'Lụa', 'Mận', 'Nụ', 'Hợp', 'Duyên', 'Nhàn', 'Mỵ', 'Ngữ', 'Ẩn', 'Gấm', 'Thắm', 'Bưởi', 'Xuyến'];
const EXTRA_M = ['Minh', 'Hoàng', 'Gia', 'Quốc', 'Anh', 'Nhật', 'Thiên'];
const EXTRA_F = ['Bảo', 'Ngọc', 'Minh', 'Thanh', 'Kim', 'Hoài', 'Tuệ'];
const STREETS = ['Nguyễn Thị Minh Khai', 'Lê Lợi', 'Trần Hưng Đạo', 'Phan Đình Phùng', 'Hùng Vương', 'Quang Trung', 'Lý Thường Kiệt', 'Nguyễn Trãi', 'Võ Thị Sáu', 'Hai Bà Trưng', 'Điện Biên Phủ', 'Tô Hiến Thành', 'Huỳnh Thúc Kháng', 'Đặng Dung'];
const HAMLETS = ['Thôn Đông Hạ', 'Xóm Bãi', 'Ấp Phước Lợi', 'Bản Nà Ngần', 'Thôn Thượng Ỷ', 'Xóm Mỹ Lợi', 'Ấp Vĩnh Hưng A', 'Thôn Quỳnh Đôi', 'Tổ dân phố Ước Lễ', 'Khu phố Đồng Nẫm', 'Xóm Chẵn', 'Tổ dân phố Nẵng Cát'];
const MARKS = ['Nốt ruồi C:1cm trên sau đầu mày trái', 'Sẹo chấm C:2cm dưới trước cằm', 'Nốt ruồi C:1,5cm dưới sau cánh mũi phải', 'Sẹo chấm C:0,5cm trên mép trái', 'Nốt ruồi C:2cm trên trước đuôi mắt phải'];

export const pad2 = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad2(m)}-${pad2(d)}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** yyyy-mm-dd → dd/mm/yyyy as printed */
export const printed = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
const dmy = (d: string) => `${d.slice(8, 10)}${d.slice(5, 7)}${d.slice(0, 4)}`;

/** ICAO 9303 check digit (weights 7, 3, 1; < = 0, A = 10 …). */
export function icaoCheck(s: string): number {
  const w = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const v = c === '<' ? 0 : /[0-9]/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
    sum += v * w[i % 3]!;
  }
  return sum % 10;
}

/** Vietnamese → MRZ letters: no diacritics, Đ → D, capitals. */
export function asciiUpper(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'D').toUpperCase();
}

/** Names drawn at random, with a few shapes forced by the holder's place in the set so every set has them. */
function makeName(r: Rand, sex: Sex, index: number): string {
  const slot = index % 12;
  let surname = r.chance(0.16) ? r.pick(TWO_WORD_SURNAMES) : r.chance(0.3) ? r.pick(RARE_SURNAMES) : r.pick(SURNAMES);
  if (slot === 3) surname = 'Đỗ';
  if (slot === 2) surname = 'Đặng';
  if (slot === 8) surname = 'Ưng';
  if (slot === 7) surname = r.pick(TWO_WORD_SURNAMES);
  const parts = [surname];
  let shape = r();
  if (slot === 11) shape = 0;
  if (slot === 7) shape = 0.2;
  if (shape < 0.12) {
    // no middle name
  } else if (shape < 0.35) {
    const middle = r.pick(sex === 'Nam' ? MIDDLE_M : MIDDLE_F);
    const extra = r.pick((sex === 'Nam' ? EXTRA_M : EXTRA_F).filter((w) => w !== middle));
    parts.push(middle, extra);
  } else parts.push(r.pick(sex === 'Nam' ? MIDDLE_M : MIDDLE_F));
  let given = r.pick(sex === 'Nam' ? GIVEN_M : GIVEN_F);
  if (slot === 0) given = 'Ẩn';
  if (slot === 4) given = sex === 'Nam' ? 'Lợi' : 'Hợp';
  if (slot === 6) given = sex === 'Nam' ? 'Vỹ' : 'Mỹ';
  if (slot === 5) given = sex === 'Nam' ? 'Tỵ' : 'Mỵ';
  if (slot === 1) given = sex === 'Nam' ? 'Hỷ' : 'Thuỷ';
  if (slot === 10) given = sex === 'Nam' ? 'Khải' : 'Ngữ';
  if (slot === 10 && sex === 'Nam' && parts.length > 1) parts[1] = 'Hữu';
  if (slot === 9) given = sex === 'Nam' ? r.pick(['Tuân', 'Tuấn']) : r.pick(['Hàng', 'Ngần', 'My']);
  if (surname === 'Tôn Nữ' && sex === 'Nam') parts[0] = 'Tôn Thất';
  if (parts.includes(given)) given = sex === 'Nam' ? 'Khải' : 'Gấm';
  parts.push(given);
  return parts.join(' ');
}

/** The expiry rule: the birthday at the next age step, skipping one reached within two years of issue; none from 58. */
function expiry(gen: Generation, birth: string, issue: string): string | undefined {
  const by = Number(birth.slice(0, 4));
  const age = (Date.parse(issue) - Date.parse(birth)) / (365.2425 * 864e5);
  if (age >= 58) return undefined;
  const steps = gen === 2021 ? [25, 40, 60] : [14, 25, 40, 60];
  const step = steps.find((a) => a - age > 2) ?? 60;
  const m = Number(birth.slice(5, 7));
  const d = Math.min(Number(birth.slice(8, 10)), daysIn(by + step, m));
  return iso(by + step, m, d);
}

interface Place {
  /** Old (pre-2025) or new units, most specific first, as a card prints them. */
  units: string[];
  provinceCode: string;
}

const u = units();
const named = u.oldWards.filter((w) => w.name && w.districtName && w.provinceName);

function place(r: Rand, old: boolean): Place {
  const w = r.pick(named);
  if (old) return { units: [w.name, w.districtName, w.provinceName], provinceCode: w.provinceCode };
  const target = u.ward(r.pick(w.targets).wardCode)!;
  return { units: [target.name, u.province(target.provinceCode)!.name], provinceCode: w.provinceCode };
}

function street(r: Rand): string {
  const k = r();
  if (k < 0.3) return `Số ${r.int(1, 240)}${r.chance(0.3) ? `/${r.int(2, 40)}` : ''} đường ${r.pick(STREETS)}`;
  if (k < 0.5) return `Số nhà ${r.int(3, 99)}, ngõ ${r.int(2, 180)}, phố ${r.pick(STREETS)}`;
  if (k < 0.8) return r.pick(HAMLETS);
  return `Tổ ${r.int(1, 28)}, ${r.pick(HAMLETS)}`;
}

export function makeHolder(r: Rand, gen: Generation, index: number): Holder {
  const sex: Sex = r.chance(0.5) ? 'Nam' : 'Nữ';
  const fullName = makeName(r, sex, index);
  // issue date: 2021 cards from 2021-01 to 2024-06; 2024 cards from 2024-07 to 2026-11
  const issueDay = gen === 2021 ? r.int(Date.UTC(2021, 0, 4) / 864e5, Date.UTC(2024, 5, 28) / 864e5) : r.int(Date.UTC(2024, 6, 1) / 864e5, Date.UTC(2026, 10, 27) / 864e5);
  const issue = new Date(issueDay * 864e5).toISOString().slice(0, 10);
  const iy = Number(issue.slice(0, 4));
  // birth decades spread over the holders, 1930s … 2010s, fewer of the oldest (their cards are valid for life: no back)
  const decades = [1980, 1930, 1990, 1970, 2000, 1985, 1950, 2010, 1966, 1975, 1995, 1940];
  let by = decades[index % decades.length]! + r.int(0, 9);
  const minAge = gen === 2021 ? 14 : 0;
  if (iy - by < minAge + 1) by = iy - minAge - 1 - r.int(0, 3);
  const bm = r.int(1, 12);
  const birth = iso(by, bm, r.int(1, daysIn(by, bm)));
  const oldUnits = issue < '2025-07-01';
  const origin = place(r, oldUnits);
  const home = place(r, oldUnits);
  const born = place(r, oldUnits);
  const residence = `${index % 12 === 8 ? 'Tổ dân phố Nẵng Cát' : street(r)}, ${home.units.join(', ')}`;
  const centurySex = (by >= 2000 ? 2 : 0) + (sex === 'Nữ' ? 1 : 0);
  const idNumber = `0${origin.provinceCode}${centurySex}${String(by % 100).padStart(2, '0')}${String(r.int(0, 999999)).padStart(6, '0')}`;
  const oldIdNumber = by < 2000 && r.chance(0.6) ? String(r.int(10000000, 389999999)).padStart(9, '0') : '';
  const dateOfExpiry = expiry(gen, birth, issue);
  const qrFields = [idNumber, oldIdNumber, fullName, dmy(birth), sex, residence, dmy(issue)];
  if (gen === 2024 && r.chance(0.5)) qrFields.push('', '', '', '');
  const h: Holder = {
    generation: gen,
    idNumber,
    oldIdNumber,
    fullName,
    sex,
    dateOfBirth: birth,
    issueDate: issue,
    ...(dateOfExpiry ? { dateOfExpiry } : {}),
    nationality: 'Việt Nam',
    placeOfOrigin: origin.units.join(', '),
    placeOfResidence: residence,
    placeOfBirth: born.units.join(', '),
    oldUnits,
    mark: r.pick(MARKS),
    qrText: qrFields.join('|'),
    fullNameAscii: '',
  };
  const words = asciiUpper(fullName).split(' ');
  const line3 = `${words[0]}<<${words.slice(1).join('<')}`.padEnd(30, '<').slice(0, 30);
  h.fullNameAscii = line3.replace(/<+$/, '').replace(/<+/g, ' ').trim();
  if (dateOfExpiry) h.mrz = mrzLines(h, line3);
  return h;
}

function mrzLines(h: Holder, line3: string): [string, string, string] {
  const doc = h.idNumber.slice(3);
  const l1 = `IDVNM${doc}${icaoCheck(doc)}${h.idNumber}<<${icaoCheck(h.idNumber)}`;
  const yymmdd = (d: string) => d.slice(2, 4) + d.slice(5, 7) + d.slice(8, 10);
  const b = yymmdd(h.dateOfBirth);
  const e = yymmdd(h.dateOfExpiry!);
  const head = `${b}${icaoCheck(b)}${h.sex === 'Nam' ? 'M' : 'F'}${e}${icaoCheck(e)}VNM`;
  const l2noCheck = head.padEnd(29, '<');
  const composite = l1.slice(5, 30) + l2noCheck.slice(0, 7) + l2noCheck.slice(8, 15) + l2noCheck.slice(18, 29);
  return [l1, `${l2noCheck}${icaoCheck(composite)}`, line3];
}
