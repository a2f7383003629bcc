/**
 * Generator 10's invented card holders: names (every tone, the rare letters ỷ ỹ ỵ, rare and two-word
 * surnames, 2–5 words), 12-digit numbers by the rules of ../shared/reference/cccd.md (province code of
 * the birth registration, century+sex digit, year), places from common/admin (cards issued before
 * 1 July 2025 name the old units, later ones the 2025 units), issue and expiry dates by the age rules,
 * the QR text and the ICAO 9303 TD1 MRZ. Everything follows from the seed; nobody here is real.
 */
import type { IdCardFields, Sex } from '../../common/idcard/fields.ts';
import { toAsciiUpper } from '../../common/idcard/fields.ts';
import { units, type OldWard } from '../../common/admin/units.ts';

/** mulberry32: small, fast, and the same on every machine. */
export type Rng = () => number;
export function makeRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
export const between = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

/** The day the set is "generated" (fixed, so a seed gives the same set any day): cards are issued before it. */
export const SET_DAY = '2026-11-30';

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Ông', 'Khúc', 'Lã', 'Mạc', 'Ninh', 'Âu', 'Ưng', 'Giáp', 'Tạ', 'Thạch', 'Triệu', 'Quách', 'Doãn', 'Lưu', 'Ứng'];
const TWO_WORD_SURNAMES = ['Tôn Thất', 'Âu Dương', 'Nguyễn Phúc', 'Hoàng Phủ', 'Tôn Nữ'];
const MIDDLE_MALE = ['Văn', 'Hữu', 'Đức', 'Quốc', 'Khắc', 'Bá', 'Trọng', 'Xuân', 'Minh', 'Thế'];
const MIDDLE_FEMALE = ['Thị', 'Ngọc', 'Thùy', 'Mỹ', 'Kim', 'Diệu', 'Thị Mỹ', 'Bích', 'Tuyết', 'Hồng'];
const GIVEN_MALE = ['Dũng', 'Đạt', 'Cường', 'Hưởng', 'Kỷ', 'Lộc', 'Sỹ', 'Vỹ', 'Thụy', 'Ẩn', 'Ổn', 'Ứng', 'Hỷ', 'Ngữ', 'Ất', 'Ước', 'Khải', 'Tuấn Kiệt', 'Bảo', 'Quỳnh', 'Khuê', 'Luỹ', 'Nghĩa', 'Thưởng'];
const GIVEN_FEMALE = ['Ánh', 'Hằng', 'Khuê', 'Mỵ', 'Nguyệt', 'Nhã', 'Oanh', 'Phượng', 'Quỳnh', 'Tuyết', 'Uyên', 'Xuyến', 'Yến', 'Mỹ Hạnh', 'Bảo Ngọc', 'Ỷ Lan', 'Thủy', 'Hỹ', 'Dạ Thảo', 'Ửng', 'An', 'Ngữ Yên'];

const STREETS = ['Phố Hàng Mành', 'đường Lê Lợi', 'đường Trần Hưng Đạo', 'phố Nguyễn Khuyến', 'đường Hùng Vương', 'đường 30 Tháng 4', 'đường Nguyễn Thị Minh Khai', 'phố Chùa Bộc', 'đường Ỷ Lan', 'đường Âu Cơ'];
const HAMLETS = ['Thôn Đông', 'Thôn Thượng', 'Xóm Bãi', 'Ấp Mỹ Lợi', 'Ấp 3', 'Khu phố 5', 'Tổ 7', 'Bản Nà Ngần', 'Thôn Phú Mỹ', 'Xóm Giữa'];
const MARKS = ['Nốt ruồi C:1cm trên sau đầu lông mày phải', 'Sẹo chấm C:2cm dưới trước cánh mũi trái', 'Nốt ruồi C:1,5cm dưới sau mép phải', 'Sẹo chấm C:3cm trên đuôi mắt trái', 'Nốt ruồi C:2cm dưới trước đầu mày trái'];

export interface Holder {
  index: number;
  generation: 2021 | 2024;
  fullName: string;
  /** The MRZ name line read with spaces (`SURNAME GIVEN NAMES`). */
  fullNameAscii: string;
  surname: string;
  givenNames: string;
  sex: Sex;
  dateOfBirth: string;
  idNumber: string;
  oldIdNumber?: string;
  /** Birth registration (the ID's province code) — on the 2024 back as "Nơi đăng ký khai sinh". */
  placeOfBirth: string;
  placeOfOrigin: string;
  placeOfResidence: string;
  issueDate: string;
  dateOfExpiry: string;
  mark: string;
  qrText: string;
  mrz: [string, string, string];
}

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
export const ddmmyyyy = (isoDate: string, sep = '') => `${isoDate.slice(8, 10)}${sep}${isoDate.slice(5, 7)}${sep}${isoDate.slice(0, 4)}`;
const yymmdd = (isoDate: string) => isoDate.slice(2, 4) + isoDate.slice(5, 7) + isoDate.slice(8, 10);
function randomDate(rng: Rng, from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return new Date(a + Math.floor(rng() * ((b - a) / 86400000 + 1)) * 86400000).toISOString().slice(0, 10);
}

/** ICAO 9303 check digit (weights 7, 3, 1; `<` = 0, A = 10 … Z = 35). */
export function mrzCheck(s: string): string {
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const v = c === '<' ? 0 : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
    sum += v * [7, 3, 1][i % 3]!;
  }
  return String(sum % 10);
}

/**
 * Expiry by the age rules: the card is changed at 25, 40 and 60 (and at 14 for a 2024 card issued to a
 * child); a card issued within two years before one of those ages runs to the next. Issued at 58 or later
 * it would be valid for life — the holders here are drawn so that does not happen (the MRZ would have no
 * expiry to write).
 */
export function expiryFor(dob: string, issue: string, generation: 2021 | 2024): string {
  const y = Number(dob.slice(0, 4));
  const ageAt = (d: string) => {
    const years = Number(d.slice(0, 4)) - y;
    return d.slice(5) < dob.slice(5) ? years - 1 : years;
  };
  const milestones = generation === 2024 ? [14, 25, 40, 60] : [25, 40, 60];
  const age = ageAt(issue);
  for (const m of milestones) {
    if (age >= m) continue;
    // issued within 2 years before the milestone: runs to the next one
    const birthdayAt = `${y + m}${dob.slice(4)}`;
    const twoYearsBefore = `${y + m - 2}${dob.slice(4)}`;
    if (issue >= twoYearsBefore && m !== 60) continue;
    if (issue >= twoYearsBefore && m === 60) throw new Error('idcard-data10: a card for life');
    return birthdayAt.endsWith('-02-29') && daysIn(y + m, 2) === 28 ? `${y + m}-02-28` : birthdayAt;
  }
  throw new Error('idcard-data10: a card for life');
}

function oldUnitsOf(w: OldWard): string {
  return `${w.name}, ${w.districtName}, ${w.provinceName}`;
}
function newUnitsOf(w: OldWard, rng: Rng): string {
  const u = units();
  const t = pick(rng, w.targets);
  const ward = u.ward(t.wardCode)!;
  return `${ward.name}, ${u.province(ward.provinceCode)!.name}`;
}

function makeName(rng: Rng, sex: Sex): { fullName: string; surname: string; givenNames: string } {
  for (;;) {
    const surname = rng() < 0.18 ? pick(rng, TWO_WORD_SURNAMES) : pick(rng, SURNAMES);
    if (surname === 'Tôn Nữ' && sex === 'Nam') continue;
    const middles = sex === 'Nữ' ? MIDDLE_FEMALE : MIDDLE_MALE;
    const nMiddle = surname.includes(' ') ? between(rng, 0, 1) : rng() < 0.1 ? 0 : 1;
    const middle = nMiddle ? pick(rng, middles) : '';
    const given = pick(rng, sex === 'Nữ' ? GIVEN_FEMALE : GIVEN_MALE);
    const words = [surname, middle, given].filter(Boolean).join(' ').split(' ');
    if (words.length < 2 || words.length > 5) continue;
    const givenNames = [middle, given].filter(Boolean).join(' ');
    const mrzName = `${toAsciiUpper(surname).replace(/ /g, '<')}<<${toAsciiUpper(givenNames).replace(/ /g, '<')}`;
    if (mrzName.length > 30) continue;
    return { fullName: words.join(' '), surname, givenNames };
  }
}

export function makeHolder(rng: Rng, index: number, generation: 2021 | 2024): Holder {
  const u = units();
  const sex: Sex = rng() < 0.5 ? 'Nam' : 'Nữ';
  const { fullName, surname, givenNames } = makeName(rng, sex);
  // ages across the range; the card is issued before 58 (see expiryFor)
  let dob: string;
  let issueDate: string;
  let dateOfExpiry: string;
  for (;;) {
    issueDate = generation === 2021 ? randomDate(rng, '2021-01-15', '2024-06-30') : randomDate(rng, '2024-07-01', SET_DAY);
    const ageAtIssue = generation === 2024 && rng() < 0.15 ? between(rng, 6, 13) : between(rng, 14, 57);
    const y = Number(issueDate.slice(0, 4)) - ageAtIssue - (rng() < 0.5 ? 1 : 0);
    const m = between(rng, 1, 12);
    dob = iso(y, m, between(rng, 1, daysIn(y, m)));
    if (dob >= issueDate) continue;
    try {
      dateOfExpiry = expiryFor(dob, issueDate, generation);
    } catch {
      continue;
    }
    if (dateOfExpiry > SET_DAY) break;
  }
  const withName = u.oldWards.filter((w) => w.name);
  const birthWard = pick(rng, withName);
  const originWard = rng() < 0.6 ? birthWard : pick(rng, withName);
  const homeWard = rng() < 0.5 ? originWard : pick(rng, withName);
  const after2025 = issueDate >= '2025-07-01';
  const houseNo = `Số ${between(rng, 1, 219)}${rng() < 0.2 ? `/${between(rng, 2, 40)}` : ''}`;
  const street = rng() < 0.5 ? `${houseNo}, ${pick(rng, STREETS)}` : `${pick(rng, HAMLETS)}`;
  const placeOfResidence = `${street}, ${after2025 ? newUnitsOf(homeWard, rng) : oldUnitsOf(homeWard)}`;
  const placeOfOrigin = oldUnitsOf(originWard);
  const placeOfBirth = after2025 ? newUnitsOf(birthWard, rng) : oldUnitsOf(birthWard);

  const y = Number(dob.slice(0, 4));
  const centurySex = (y >= 2000 ? 2 : 0) + (sex === 'Nữ' ? 1 : 0);
  const idNumber = `0${birthWard.provinceCode}${centurySex}${dob.slice(2, 4)}${String(between(rng, 0, 999999)).padStart(6, '0')}`;
  const oldIdNumber = y < 1998 && rng() < 0.6 ? String(between(rng, 10000000, 389999999)).padStart(9, '0') : undefined;

  const qrText = [idNumber, oldIdNumber ?? '', fullName, ddmmyyyy(dob), sex, placeOfResidence, ddmmyyyy(issueDate)].join('|') + (generation === 2024 ? '||||' : '');

  const doc = idNumber.slice(3);
  const line1 = `IDVNM${doc}${mrzCheck(doc)}${idNumber}<<${mrzCheck(idNumber)}`;
  const b = yymmdd(dob);
  const e = yymmdd(dateOfExpiry);
  const line2head = `${b}${mrzCheck(b)}${sex === 'Nam' ? 'M' : 'F'}${e}${mrzCheck(e)}VNM`;
  const line2body = line2head.padEnd(29, '<');
  const composite = mrzCheck(line1.slice(5, 30) + line2body.slice(0, 7) + line2body.slice(8, 15) + line2body.slice(18, 29));
  const line2 = line2body + composite;
  const line3 = `${toAsciiUpper(surname).replace(/ /g, '<')}<<${toAsciiUpper(givenNames).replace(/ /g, '<')}`.padEnd(30, '<');
  if (line1.length !== 30 || line2.length !== 30 || line3.length !== 30) throw new Error('idcard-data10: MRZ line length');

  return {
    index,
    generation,
    fullName,
    fullNameAscii: `${toAsciiUpper(surname)} ${toAsciiUpper(givenNames)}`,
    surname,
    givenNames,
    sex,
    dateOfBirth: dob,
    idNumber,
    ...(oldIdNumber ? { oldIdNumber } : {}),
    placeOfBirth,
    placeOfOrigin,
    placeOfResidence,
    issueDate,
    dateOfExpiry,
    mark: pick(rng, MARKS),
    qrText,
    mrz: [line1, line2, line3],
  };
}

/** The fields a reader should return for this holder (ISO dates; the name as in the QR). */
export function truthOf(h: Holder): IdCardFields {
  return {
    idNumber: h.idNumber,
    ...(h.oldIdNumber ? { oldIdNumber: h.oldIdNumber } : {}),
    fullName: h.fullName,
    fullNameAscii: h.fullNameAscii,
    dateOfBirth: h.dateOfBirth,
    sex: h.sex,
    nationality: 'Việt Nam',
    ...(h.generation === 2021 ? { placeOfOrigin: h.placeOfOrigin } : {}),
    placeOfResidence: h.placeOfResidence,
    issueDate: h.issueDate,
    dateOfExpiry: h.dateOfExpiry,
  };
}
