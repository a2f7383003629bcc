/**
 * Generator 8's invented holders: names, dates, places, the 12-digit number, the QR text and the MRZ,
 * from the public rules in the project's reference notes (card generations, ID digits, QR fields,
 * ICAO 9303 TD1). Nobody here is real. Written from scratch for the eighth (held-out) set.
 */
import { readFileSync } from 'node:fs';
import type { Rand } from './rand.ts';

export type Generation = 2021 | 2024;
export type Sex = 'Nam' | 'Nữ';

export interface Holder {
  generation: Generation;
  idNumber: string;
  /** The old 9-digit CMND in the QR's field 1, or '' (many have none). */
  oldIdNumber: string;
  /** As in the QR: each word capitalised, full diacritics (NFC). The card prints it in capitals. */
  fullName: string;
  /** The MRZ's name, words joined by one space (no diacritics, Đ → D). */
  fullNameAscii: string;
  /** The MRZ's name line split: surname (first word) and given names. */
  surnameAscii: string;
  givenAscii: string[];
  dateOfBirth: string; // ISO
  sex: Sex;
  nationality: 'Việt Nam';
  placeOfOrigin: string;
  placeOfResidence: string;
  /** 2024 backs only: Nơi đăng ký khai sinh. */
  placeOfBirth: string;
  issueDate: string; // ISO
  /** ISO, or undefined when the card is valid for life ("Không thời hạn"). */
  dateOfExpiry?: string;
  /** A personal mark for the 2021 back. */
  mark: string;
}

// ---------------------------------------------------------------- names
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Lương', 'Trương', 'Đinh', 'Mạc', 'Kiều', 'Khổng', 'Ưng', 'Ông', 'Quách', 'Thạch', 'Ninh', 'Lò', 'Giàng', 'Hà', 'Tạ', 'Thái', 'Từ', 'Âu', 'Diệp', 'Triệu', 'Tăng', 'Ứng', 'Mẫn', 'Khúc', 'Ngụy', 'Lã'] as const;
const COMPOUND_SURNAMES = ['Tôn Nữ', 'Tôn Thất', 'Công Tằng Tôn Nữ', 'Âu Dương', 'Nguyễn Phúc', 'Hoàng Phủ', 'Tư Mã'] as const;
const MIDDLE_MALE = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quang', 'Xuân', 'Thanh', 'Bảo', 'Gia', 'Khắc', 'Trọng', 'Thế', 'Đình', 'Công', 'Viết', 'Ngọc', 'A'] as const;
const MIDDLE_FEMALE = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Diệu', 'Khánh', 'Mỹ', 'Phương', 'Bích', 'Kim', 'Hồng', 'Tường', 'Thùy', 'Xuân'] as const;
/** Sino-Vietnamese given names, then pure-Vietnamese ones; chosen to carry the rare letters too (Ư Ơ Ă Đ ỹ ặ ợ ỵ ỷ ẩ …). */
const GIVEN_MALE = ['Dũng', 'Hùng', 'Tuấn', 'Nghĩa', 'Trí', 'Hưng', 'Cường', 'Vượng', 'Khiêm', 'Thượng', 'Lợi', 'Hợp', 'Hỷ', 'Kỷ', 'Cẩn', 'Ưu', 'Ơn', 'Đạt', 'Đặng', 'Quyết', 'Khải', 'Nhượng', 'Thuận', 'Lực', 'Vỹ', 'Tường', 'Huỳnh', 'Sử', 'Páo', 'Khoa'] as const;
const GIVEN_FEMALE = ['Quỳnh', 'Nguyệt', 'Phượng', 'Thủy', 'Thụy', 'Mỵ', 'Cẩm', 'Mỹ', 'Ngữ', 'Hằng', 'Ánh', 'Yến', 'Nhạn', 'Oanh', 'Hạnh', 'Trinh', 'Uyển', 'Diễm', 'Khuê', 'Tuyết', 'Loan', 'Ngân', 'Duyên', 'Ỷ Lan'] as const;
const GIVEN_PURE = ['Mây', 'Sương', 'Nắng', 'Mận', 'Bé', 'Lúa', 'Mướp', 'Sen', 'Bống', 'Gấm', 'Tý', 'Tèo', 'Mít', 'Nụ', 'Thắm', 'Đào', 'Hến', 'Sáo', 'Ngỗng', 'Rạng'] as const;

const ASCII_FOLD: Record<string, string> = { đ: 'd', Đ: 'D' };
export function foldAscii(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, (c) => ASCII_FOLD[c]!)
    .toUpperCase();
}

function makeName(r: Rand, sex: Sex): { fullName: string; words: string[] } {
  const surname = r.chance(0.14) ? r.pick(COMPOUND_SURNAMES) : r.pick(SURNAMES);
  const female = sex === 'Nữ';
  let middle: string[];
  const shape = r.next();
  if (shape < 0.1) middle = []; // no middle name (common in the South, with some ethnic groups)
  else if (shape < 0.72) middle = [r.pick(female ? MIDDLE_FEMALE : MIDDLE_MALE)];
  else if (shape < 0.92) middle = [r.pick(female ? MIDDLE_FEMALE : MIDDLE_MALE), r.pick(female ? ['Ngọc', 'Bảo', 'Minh', 'Như', 'Hoài'] : ['Hoàng', 'Minh', 'Quốc', 'Nhật', 'Thiện'])];
  else middle = [r.pick(['Nguyễn', 'Lê', 'Trần', 'Phạm']), r.pick(female ? ['Bảo', 'Khánh', 'Thảo'] : ['Hoàng', 'Đăng', 'Anh'])]; // the mother's surname as a middle name
  const given = r.chance(0.17) ? r.pick(GIVEN_PURE) : r.pick(female ? GIVEN_FEMALE : GIVEN_MALE);
  const words = [...surname.split(' '), ...middle, ...given.split(' ')].filter((w, i, a) => i === 0 || w !== a[i - 1]);
  return { fullName: words.join(' '), words };
}

// ---------------------------------------------------------------- places
interface Units {
  oldProvinces: Map<string, string>;
  oldDistricts: Map<string, [string, string]>; // code → [name, province code]
  oldWards: Array<[string, string, string]>; // code, name, district code
  newProvinces: Map<string, string>;
  newWards: Array<[string, string, string]>; // code, name, province code
}
let units: Units | undefined;
function loadUnits(): Units {
  if (units) return units;
  const conv = JSON.parse(readFileSync(new URL('../../common/admin/data/conversion-2025.json', import.meta.url), 'utf8')) as {
    oldProvinces: [string, string][];
    oldDistricts: [string, string, string][];
    oldWards: [string, string, string, unknown][];
  };
  const now = JSON.parse(readFileSync(new URL('../../common/admin/data/wards-2025.json', import.meta.url), 'utf8')) as { provinces: [string, string][]; wards: [string, string, string][] };
  units = {
    oldProvinces: new Map(conv.oldProvinces),
    oldDistricts: new Map(conv.oldDistricts.map(([c, n, p]) => [c, [n, p]])),
    oldWards: conv.oldWards.map(([c, n, d]) => [c, n, d]),
    newProvinces: new Map(now.provinces),
    newWards: now.wards,
  };
  return units;
}

const STREETS = ['Lê Lợi', 'Trần Hưng Đạo', 'Nguyễn Thị Minh Khai', 'Điện Biên Phủ', 'Hai Bà Trưng', 'Võ Thị Sáu', 'Lý Thường Kiệt', 'Phạm Ngũ Lão', 'Huỳnh Thúc Kháng', 'Nguyễn Trãi', 'Ngô Quyền', 'Tôn Đức Thắng', 'Quang Trung', 'Bạch Đằng', 'Hùng Vương', 'Nguyễn Hữu Thọ', 'Lạc Long Quân', 'Âu Cơ', 'Phan Bội Châu', 'Trưng Nữ Vương'];
const VILLAGES = ['Đông Hạ', 'Phú Lợi', 'Thượng Đạt', 'Nà Pục', 'Hữu Bằng', 'Yên Mỹ', 'Khả Lễ', 'Văn Điển', 'Ngọc Hồi', 'Trung Ương', 'Phước Thạnh', 'Bình Ổn', 'Ỷ La', 'Cẩm Đường'];

function streetPart(r: Rand, urban: boolean): string {
  const n = r.int(1, 420);
  if (urban) {
    switch (r.int(0, 6)) {
      case 0:
        return `Số ${r.int(2, 99)}${r.pick(['A', 'B', 'C'])}/${r.int(1, 9)}${r.pick(['A', 'B'])} đường ${r.pick(STREETS)}`;
      case 1:
        return `Số ${n} ngõ ${r.int(2, 250)} phố ${r.pick(STREETS)}`;
      case 2:
        return `Tổ dân phố ${r.int(1, 28)}`;
      case 3:
        return `Khu phố ${r.int(1, 12)}`;
      case 4:
        return `${n}/${r.int(2, 80)}/${r.int(1, 19)} ${r.pick(STREETS)}`;
      case 5:
        return `Số nhà ${n}, hẻm ${r.int(10, 300)}, Tổ dân phố ${r.int(1, 15)}`;
      default:
        return `${n}${r.pick(['', 'A', 'Bis'])} ${r.pick(STREETS)}`;
    }
  }
  switch (r.int(0, 4)) {
    case 0:
      return `Thôn ${r.pick(VILLAGES)}`;
    case 1:
      return `Bản ${r.pick(VILLAGES)}`;
    case 2:
      return `Xóm ${r.int(1, 14)}`;
    case 3:
      return `Ấp ${r.pick(VILLAGES)}`;
    default:
      return `Thôn ${r.int(1, 12)}`;
  }
}

/** A place in the units before 1 July 2025: ward/commune, district, province. */
function oldPlace(r: Rand): { ward: string; district: string; province: string; provinceCode: string } {
  const u = loadUnits();
  const [, ward, d] = r.pick(u.oldWards);
  const [district, p] = u.oldDistricts.get(d)!;
  return { ward, district, province: u.oldProvinces.get(p)!, provinceCode: p };
}

function oldAddress(r: Rand, withStreet: boolean): { text: string; provinceCode: string } {
  const p = oldPlace(r);
  const urban = /^(Phường|Thị trấn)/.test(p.ward);
  const parts = [p.ward, p.district, p.province];
  if (withStreet) parts.unshift(streetPart(r, urban));
  return { text: parts.join(', '), provinceCode: p.provinceCode };
}

function newAddress(r: Rand): string {
  const u = loadUnits();
  const [, ward, p] = r.pick(u.newWards);
  return [streetPart(r, /^(Phường|Đặc khu)/.test(ward)), ward, u.newProvinces.get(p)!].join(', ');
}

// ---------------------------------------------------------------- dates and numbers
const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
function dateBetween(r: Rand, from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return new Date(a + Math.floor(r.next() * ((b - a) / 86400000 + 1)) * 86400000).toISOString().slice(0, 10);
}
/** The same day and month in another year (29/02 → 28/02 when that year has none). */
function birthdayIn(dob: string, year: number): string {
  const [, m, d] = dob.split('-').map(Number) as [number, number, number];
  return iso(year, m, Math.min(d, daysIn(year, m)));
}
function ageOn(dob: string, day: string): number {
  const [by, bm, bd] = dob.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * The expiry: the card runs to the birthday at the next renewal age (14, 25, 40, 60); a card issued
 * within two years before one of them runs to the one after; from 58 on it is valid for life.
 */
export function expiryFor(dob: string, issue: string): string | undefined {
  const age = ageOn(dob, issue);
  const by = Number(dob.slice(0, 4));
  for (const at of [14, 25, 40, 60]) {
    if (age < at - 2) return birthdayIn(dob, by + at);
  }
  return undefined;
}

/** The century+sex digit: 0/1 for 1900–1999, 2/3 for 2000–2099 (male/female). */
export function centurySexDigit(year: number, sex: Sex): number {
  return (Math.floor(year / 100) - 19) * 2 + (sex === 'Nữ' ? 1 : 0);
}

// ---------------------------------------------------------------- holders
function pickWeighted<T>(r: Rand, xs: readonly T[], w: readonly number[]): T {
  let t = r.next() * w.reduce((a, b) => a + b, 0);
  for (let i = 0; i < xs.length; i++) if ((t -= w[i]!) < 0) return xs[i]!;
  return xs[xs.length - 1]!;
}

const MARKS = ['Nốt ruồi C:1cm trên sau đuôi mắt trái', 'Sẹo chấm C:2cm dưới trước cằm', 'Nốt ruồi cách 1,5cm trên đầu mày phải', 'Sẹo thẳng dài 1cm ở gò má phải', 'Nốt ruồi C:0,5cm dưới cánh mũi trái', 'Vết bớt nâu C:3cm sau tai phải'];

export function makeHolder(r: Rand, generation: Generation): Holder {
  const sex: Sex = r.chance(0.5) ? 'Nam' : 'Nữ';
  // only the 2024 card is issued to children under 14
  // births from the 1930s to the 2010s, weighted towards the working ages (most residents at a ward kiosk)
  const adult = () => {
    const decade = pickWeighted(r, [1930, 1940, 1950, 1960, 1970, 1980, 1990, 2000], [3, 5, 7, 12, 18, 22, 22, 11]);
    return dateBetween(r, `${decade}-01-01`, decade === 2000 ? (generation === 2021 ? '2008-12-31' : '2006-12-31') : `${decade + 9}-12-31`);
  };
  const dob = generation === 2024 && r.chance(0.25) ? dateBetween(r, '2010-01-01', '2018-06-30') : adult();
  let issue = generation === 2021 ? dateBetween(r, '2021-01-15', '2024-06-30') : r.chance(0.5) ? dateBetween(r, '2024-07-01', '2025-06-30') : dateBetween(r, '2025-07-01', '2026-11-20');
  if (ageOn(dob, issue) < 14 && generation === 2021) issue = dateBetween(r, birthdayIn(dob, Number(dob.slice(0, 4)) + 14), '2024-06-30');
  if (ageOn(dob, issue) < 6) issue = birthdayIn(dob, Number(dob.slice(0, 4)) + 6 + r.int(0, 1));
  let name = makeName(r, sex);
  // the MRZ's name line holds 30 characters: a name that does not fit is drawn again (the truth must be whole)
  for (let i = 0; i < 20 && mrzNameLine(name.words).length > 30; i++) name = makeName(r, sex);
  const words = name.words.map(foldAscii);
  const origin = oldAddress(r, false);
  const birthPlace = oldAddress(r, false);
  const afterReform = issue >= '2025-07-01';
  const residence = afterReform ? newAddress(r) : oldAddress(r, true).text;
  const year = Number(dob.slice(0, 4));
  const idNumber = `0${birthPlace.provinceCode}${centurySexDigit(year, sex)}${dob.slice(2, 4)}${String(r.int(0, 999999)).padStart(6, '0')}`;
  return {
    generation,
    idNumber,
    oldIdNumber: year < 2004 && r.chance(0.55) ? String(r.int(10000000, 389999999)).padStart(9, '0') : '',
    fullName: name.fullName,
    fullNameAscii: words.join(' '),
    surnameAscii: words[0]!,
    givenAscii: words.slice(1),
    dateOfBirth: dob,
    sex,
    nationality: 'Việt Nam',
    placeOfOrigin: origin.text,
    placeOfResidence: residence,
    placeOfBirth: birthPlace.text,
    issueDate: issue,
    dateOfExpiry: expiryFor(dob, issue),
    mark: r.pick(MARKS),
  };
}

/** dd/mm/yyyy, as printed. */
export const dmy = (isoDate: string) => `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}`;
const compact = (isoDate: string) => `${isoDate.slice(8, 10)}${isoDate.slice(5, 7)}${isoDate.slice(0, 4)}`;

/** The QR's text (7 fields separated by `|`; 2024 cards add 4 empty ones). */
export function qrText(h: Holder): string {
  const f = [h.idNumber, h.oldIdNumber, h.fullName, compact(h.dateOfBirth), h.sex, h.placeOfResidence, compact(h.issueDate)];
  return (h.generation === 2024 ? [...f, '', '', '', ''] : f).join('|');
}

// ---------------------------------------------------------------- MRZ (ICAO 9303 TD1)
const MRZ_WEIGHTS = [7, 3, 1];
export function mrzCheck(s: string): number {
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const v = c === '<' ? 0 : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
    sum += v * MRZ_WEIGHTS[i % 3]!;
  }
  return sum % 10;
}
function mrzNameLine(words: string[]): string {
  const w = words.map(foldAscii);
  return `${w[0]}<<${w.slice(1).join('<')}`;
}
const pad = (s: string, n: number) => (s + '<'.repeat(n)).slice(0, n);

/** Three lines of 30; undefined for a card valid for life (its back is not drawn by this generator). */
export function mrzLines(h: Holder): [string, string, string] | undefined {
  if (!h.dateOfExpiry) return undefined;
  const doc = h.idNumber.slice(3);
  const l1 = pad(`IDVNM${doc}${mrzCheck(doc)}${h.idNumber}<<${mrzCheck(h.idNumber)}`, 30);
  const birth = h.dateOfBirth.slice(2).replaceAll('-', '');
  const exp = h.dateOfExpiry.slice(2).replaceAll('-', '');
  const head = `${birth}${mrzCheck(birth)}${h.sex === 'Nam' ? 'M' : 'F'}${exp}${mrzCheck(exp)}VNM`;
  const opt2 = '<'.repeat(11);
  const composite = mrzCheck(l1.slice(5, 30) + head.slice(0, 7) + head.slice(8, 15) + opt2);
  const l2 = `${head}${opt2}${composite}`;
  const l3 = pad(`${h.surnameAscii}<<${h.givenAscii.join('<')}`, 30);
  return [l1, l2, l3];
}
