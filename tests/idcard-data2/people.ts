/**
 * Invented card holders for the second (reporting) ID-card set. Written independently of
 * tests/idcard-data: its own random source (sfc32), its own name and place lists (rarer surnames,
 * 2–5-word names, 2025-style addresses without a district), its own check-digit code for the MRZ.
 * Every person here is invented.
 */

export type Rand = () => number;

/** sfc32 seeded from a number (splitmix-style expansion of the seed). */
export function seeded(seed: number): Rand {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = next();
  let b = next();
  let c = next();
  let d = next();
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

export const oneOf = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
export const between = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

// Frequent and rarer surnames alike (a real ward has both).
const FAMILY = [
  'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương', 'Đinh', 'Trương', 'Lâm', 'Phùng',
  'Cao', 'Tạ', 'Lưu', 'Tô', 'Châu', 'Quách', 'Triệu', 'Kiều', 'Khúc', 'Nghiêm', 'Âu', 'Nông', 'Thân', 'Giáp', 'Diệp',
  'Đoàn', 'Đào', 'Lại', 'Mạc', 'Hứa', 'Tăng', 'Văn', 'Khổng', 'Lục', 'Vương',
];
const MID_MALE = ['Văn', 'Hữu', 'Đức', 'Quốc', 'Trọng', 'Thế', 'Gia', 'Bá', 'Tiến', 'Hoài', 'Nhật', 'Duy', 'Khắc', 'Trung'];
const MID_FEMALE = ['Thị', 'Ngọc', 'Thùy', 'Khánh', 'Minh', 'Bảo', 'Hải', 'Tường', 'Diễm', 'Như', 'Quỳnh', 'Thảo', 'Cẩm'];
const GIVEN_MALE = [
  'Khoa', 'Nghĩa', 'Hưng', 'Kiên', 'Trọng', 'Toàn', 'Thịnh', 'Vượng', 'Luân', 'Nhân', 'Phong', 'Tùng', 'Dũng', 'Khải',
  'Thuận', 'Quý', 'Bảo', 'Khôi', 'Huy', 'Tài', 'Sang', 'Đông', 'Chiến', 'Lực', 'Thông', 'Trí', 'Nguyên', 'Vĩnh',
];
const GIVEN_FEMALE = [
  'Duyên', 'Nguyệt', 'Huyền', 'Giang', 'Uyên', 'Vy', 'Hạnh', 'Thư', 'Tâm', 'Ngân', 'Ánh', 'Quyên', 'Xuyến', 'Thủy',
  'Loan', 'Liên', 'Nga', 'Điệp', 'Thoa', 'Trinh', 'My', 'Nhi', 'Hiền', 'Thắm', 'Khuyên', 'Lụa', 'Yến', 'Châm',
];

/** Birth-registration province codes (Thông tư 07/2016) with the province names of the time. */
const BIRTH_PROVINCES: [string, string][] = [
  ['002', 'Hà Giang'], ['004', 'Cao Bằng'], ['010', 'Lào Cai'], ['015', 'Yên Bái'], ['019', 'Thái Nguyên'],
  ['024', 'Bắc Giang'], ['025', 'Phú Thọ'], ['026', 'Vĩnh Phúc'], ['030', 'Hải Dương'], ['033', 'Hưng Yên'],
  ['035', 'Hà Nam'], ['037', 'Ninh Bình'], ['042', 'Hà Tĩnh'], ['044', 'Quảng Bình'], ['045', 'Quảng Trị'],
  ['049', 'Quảng Nam'], ['051', 'Quảng Ngãi'], ['052', 'Bình Định'], ['054', 'Phú Yên'], ['056', 'Khánh Hòa'],
  ['064', 'Gia Lai'], ['068', 'Lâm Đồng'], ['072', 'Tây Ninh'], ['074', 'Bình Dương'], ['080', 'Long An'],
  ['083', 'Bến Tre'], ['086', 'Vĩnh Long'], ['091', 'Kiên Giang'], ['094', 'Sóc Trăng'], ['096', 'Cà Mau'],
  ['001', 'Hà Nội'], ['079', 'Hồ Chí Minh'], ['048', 'Đà Nẵng'],
];
const HAMLETS = ['Thôn Đông', 'Thôn Trung Hòa', 'Xóm 3', 'Ấp Phú Lợi', 'Tổ 7', 'Khu phố 4', 'Thôn An Phú', 'Bản Nà Lầu', 'Tổ dân phố 12'];
const STREETS = ['Kim Mã', 'Giảng Võ', 'Nguyễn Chí Thanh', 'Võ Văn Tần', 'Pasteur', 'Hùng Vương', 'Lạc Long Quân', 'Tôn Đức Thắng', 'Phan Đình Phùng', 'Nguyễn Văn Cừ'];
const NEW_WARDS = ['Phường Ba Đình', 'Phường Giảng Võ', 'Phường Sài Gòn', 'Phường Bàn Cờ', 'Phường Hải Châu', 'Phường Thanh Khê', 'Xã Sóc Sơn', 'Xã Bình Chánh', 'Phường Ô Chợ Dừa'];
const NEW_PROVINCES = ['Thành phố Hà Nội', 'Thành phố Hồ Chí Minh', 'Thành phố Đà Nẵng', 'Tỉnh Ninh Bình', 'Tỉnh Gia Lai', 'Tỉnh Đồng Tháp'];
const OLD_COMMUNES = ['Xã Tân Lập', 'Xã Phú Xuân', 'Xã Đại Đồng', 'Thị trấn Vĩnh Trụ', 'Xã Cẩm Bình', 'Xã Nghĩa Hưng', 'Phường Trung Liệt'];
const OLD_DISTRICTS = ['Huyện Lý Nhân', 'Huyện Cẩm Xuyên', 'Huyện Tư Nghĩa', 'Quận Đống Đa', 'Huyện Gia Viễn', 'Thị xã Sơn Tây', 'Huyện Đức Hòa'];

export interface CardHolder {
  generation: 2021 | 2024;
  idNumber: string;
  oldIdNumber?: string;
  /** Title case with diacritics, NFC (as in the QR). */
  fullName: string;
  /** ISO dates. */
  dateOfBirth: string;
  sex: 'Nam' | 'Nữ';
  nationality: 'Việt Nam';
  placeOfOrigin: string;
  placeOfResidence: string;
  issueDate: string;
  dateOfExpiry?: string;
  identifyingMark: string;
  qr: string;
  mrz: [string, string, string];
}

const p2 = (n: number) => String(n).padStart(2, '0');
export const dmy = (iso: string, sep = '/') => `${iso.slice(8, 10)}${sep}${iso.slice(5, 7)}${sep}${iso.slice(0, 4)}`;

/** ICAO 9303 check digit, written here again on purpose (the set must not share the reader's code). */
export function checkDigit(s: string): string {
  const weights = [7, 3, 1];
  let total = 0;
  [...s].forEach((ch, i) => {
    const v = /\d/.test(ch) ? Number(ch) : /[A-Z]/.test(ch) ? ch.charCodeAt(0) - 55 : 0;
    total += v * weights[i % 3]!;
  });
  return String(total % 10);
}

function ascii(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'D').toUpperCase();
}

export function mrzOf(h: Pick<CardHolder, 'idNumber' | 'dateOfBirth' | 'sex' | 'dateOfExpiry' | 'fullName'>): [string, string, string] {
  const doc = h.idNumber.slice(3);
  const line1 = `IDVNM${doc}${checkDigit(doc)}${h.idNumber}<<${checkDigit(h.idNumber)}`;
  const yymmdd = (iso: string) => iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
  const birth = yymmdd(h.dateOfBirth);
  const exp = h.dateOfExpiry ? yymmdd(h.dateOfExpiry) : '<<<<<<';
  const expCheck = h.dateOfExpiry ? checkDigit(exp) : '<';
  const head = `${birth}${checkDigit(birth)}${h.sex === 'Nam' ? 'M' : 'F'}${exp}${expCheck}VNM`;
  const optional = '<'.repeat(11);
  const composite = checkDigit(line1.slice(5, 30) + birth + checkDigit(birth) + exp + expCheck + optional);
  const line2 = head + optional + composite;
  const parts = ascii(h.fullName).split(' ');
  const line3 = `${parts[0]}<<${parts.slice(1).join('<')}`.padEnd(30, '<').slice(0, 30);
  return [line1, line2, line3];
}

/** One invented holder of a card of the given generation. */
export function holder(r: Rand, generation: 2021 | 2024): CardHolder {
  const sex: 'Nam' | 'Nữ' = r() < 0.5 ? 'Nam' : 'Nữ';
  const mids = sex === 'Nam' ? MID_MALE : MID_FEMALE;
  const words = [oneOf(r, FAMILY)];
  const nMid = r() < 0.12 ? 0 : r() < 0.75 ? 1 : r() < 0.85 ? 3 : 2;
  for (let i = 0; i < nMid; i++) words.push(oneOf(r, mids));
  words.push(oneOf(r, sex === 'Nam' ? GIVEN_MALE : GIVEN_FEMALE));
  const fullName = words.join(' ').normalize('NFC');
  // 2021 cards: issued 2021 – mid 2024; 2024 cards: from July 2024 (children from 14 on the new one).
  const issueYear = generation === 2021 ? between(r, 2021, 2024) : between(r, 2024, 2026);
  const issueMonth = generation === 2021 ? (issueYear === 2024 ? between(r, 1, 6) : between(r, 1, 12)) : issueYear === 2024 ? between(r, 7, 12) : issueYear === 2026 ? between(r, 1, 10) : between(r, 1, 12);
  const issueDate = `${issueYear}-${p2(issueMonth)}-${p2(between(r, 1, 28))}`;
  const year = between(r, issueYear - 57, issueYear - 14);
  const month = between(r, 1, 12);
  const day = between(r, 1, month === 2 ? 28 : 30);
  const dateOfBirth = `${year}-${p2(month)}-${p2(day)}`;
  const age = issueYear - year;
  const expAge = age < 14 ? 14 : age < 23 ? 25 : age < 38 ? 40 : 60;
  const dateOfExpiry = `${year + expAge}-${p2(month)}-${p2(day)}`;
  const [code, birthProvince] = oneOf(r, BIRTH_PROVINCES);
  const g = String(2 * Math.floor((year - 1900) / 100) + (sex === 'Nam' ? 0 : 1));
  const idNumber = `${code}${g}${String(year % 100).padStart(2, '0')}${String(between(r, 0, 999999)).padStart(6, '0')}`;
  const oldIdNumber = year < 1998 && r() < 0.5 ? String(between(r, 100000000, 389999999)) : undefined;
  const placeOfOrigin = `${oneOf(r, OLD_COMMUNES)}, ${oneOf(r, OLD_DISTRICTS)}, ${birthProvince}`;
  const placeOfResidence =
    r() < 0.5
      ? `${between(r, 2, 240)} ${oneOf(r, STREETS)}, ${oneOf(r, NEW_WARDS)}, ${oneOf(r, NEW_PROVINCES)}`
      : `${oneOf(r, HAMLETS)}, ${oneOf(r, NEW_WARDS)}, ${oneOf(r, NEW_PROVINCES)}`;
  const dd = (iso: string) => dmy(iso, '');
  const qrParts = [idNumber, oldIdNumber ?? '', fullName, dd(dateOfBirth), sex, placeOfResidence, dd(issueDate)];
  const qr = (generation === 2024 ? [...qrParts, '', '', '', ''] : qrParts).join('|');
  const identifyingMark = oneOf(r, ['Nốt ruồi C: 1cm dưới sau mép trái', 'Sẹo chấm C: 2cm trên đuôi mắt phải', 'Nốt ruồi cách 3cm trên trước cánh mũi trái', 'Sẹo chấm cách 1,5cm dưới cằm']);
  const base = { idNumber, dateOfBirth, sex, dateOfExpiry, fullName };
  return {
    generation,
    idNumber,
    ...(oldIdNumber ? { oldIdNumber } : {}),
    fullName,
    dateOfBirth,
    sex,
    nationality: 'Việt Nam',
    placeOfOrigin,
    placeOfResidence,
    issueDate,
    dateOfExpiry,
    identifyingMark,
    qr,
    mrz: mrzOf(base),
  };
}
