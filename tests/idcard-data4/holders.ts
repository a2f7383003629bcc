/**
 * Generator 4's invented card holders: Vietnamese names with every tone (rare and compound surnames,
 * Hmong and Thái names, 2–5 words), birth dates, the 12-digit number built by its own rules
 * (province code of birth registration + century/sex digit + year + 6 random digits), issue and
 * expiry dates by the renewal ages, addresses from the 2025 conversion table (pre-2025 units on 2021
 * cards, the 2025 ward/province on 2024 cards), the chip card's QR text and the back's MRZ.
 * Nobody here is a real person.
 */
import { composeTd1, mrzLetters } from './mrz.ts';
import type { Rand } from './rng.ts';

const SURNAMES_COMMON = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Võ', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'] as const;
const SURNAMES_RARE = [
  'Âu', 'Cù', 'Diệp', 'Giáp', 'Khúc', 'Kiều', 'Lạc', 'Lục', 'Mạc', 'Mẫn', 'Nông', 'Ông', 'Phí', 'Quách', 'Sầm', 'Thạch',
  'Triệu', 'Tạ', 'Vi', 'Đàm', 'Đinh', 'Ninh', 'Lã', 'Lưu', 'Hứa', 'Chu', 'Châu', 'Bạch', 'Doãn', 'Hàn', 'Kha', 'Lò',
  'Ứng', 'Yên', 'Ỷ', 'Thân', 'Lữ', 'Ngũ', 'Khổng', 'Đoàn', 'Trịnh', 'Mẫu', 'Văn', 'Giang', 'Sử', 'Tiêu', 'Đường',
] as const;
/** Two-word surnames (the MRZ keeps both words before `<<`). */
const SURNAMES_COMPOUND = [['Âu', 'Dương'], ['Nguyễn', 'Phúc'], ['Tôn', 'Thất'], ['Hoàng', 'Phủ'], ['Tư', 'Mã']] as const;
const MIDDLE_MALE = ['Văn', 'Hữu', 'Đức', 'Quốc', 'Minh', 'Khắc', 'Đình', 'Thế', 'Xuân', 'Trọng', 'Bá', 'Công', 'Gia', 'Tường', 'Ngọc', 'Duy', 'Viết', 'Trí'] as const;
const MIDDLE_FEMALE = ['Thị', 'Ngọc', 'Thùy', 'Mỹ', 'Kim', 'Diệu', 'Phương', 'Như', 'Bảo', 'Thanh', 'Tuyết', 'Huyền', 'Quỳnh', 'Lệ', 'Hoài'] as const;
const GIVEN_MALE = [
  'An', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Hải', 'Hưng', 'Khải', 'Lộc', 'Nghĩa', 'Phổ', 'Quý', 'Sỹ', 'Tuấn', 'Thưởng', 'Vĩ',
  'Khiêm', 'Toản', 'Thiều', 'Kỳ', 'Dưỡng', 'Tiễn', 'Ngữ', 'Luỹ', 'Hiếu', 'Tiến', 'Trưởng', 'Khôi', 'Ẩn', 'Đô', 'Ưng', 'Mẫn',
] as const;
const GIVEN_FEMALE = [
  'Hằng', 'Hương', 'Khuê', 'Nhã', 'Oanh', 'Phượng', 'Thắm', 'Uyên', 'Xoan', 'Yến', 'Nguyệt', 'Hạ', 'Khiết', 'Mỵ', 'Tuệ',
  'Thụy', 'Ỷ Lan', 'Diễm', 'Nhẫn', 'Ngần', 'Loan', 'Trinh', 'Ánh', 'Ngà', 'Hiền', 'Thoả', 'Cúc', 'Lựu', 'Gấm', 'Ửng',
] as const;
/** Hmong and Thái names: surname, middle, given (e.g. "Giàng A Dính"). */
const HIGHLAND = [
  ['Giàng', 'A', 'Dính', 'Nam'], ['Sùng', 'Thị', 'Mỷ', 'Nữ'], ['Thào', 'Mí', 'Sính', 'Nam'], ['Lò', 'Văn', 'Piêng', 'Nam'],
  ['Hờ', 'Thị', 'Dở', 'Nữ'], ['Vàng', 'A', 'Páo', 'Nam'], ['Lầu', 'Thị', 'Chư', 'Nữ'], ['Cầm', 'Bá', 'Thước', 'Nam'],
] as const;

/** Old units (for cards issued before July 2025) and the 2025 unit they went into, from the 2025 conversion table. */
const UNITS: readonly (readonly [string, string, string, string, string, string])[] = [
  ['Xã An Thắng', 'Huyện An Lão', 'Thành phố Hải Phòng', '31', 'Xã An Lão', 'Thành phố Hải Phòng'],
  ['Xã Hà Ngọc', 'Huyện Hà Trung', 'Tỉnh Thanh Hóa', '38', 'Xã Hà Trung', 'Tỉnh Thanh Hóa'],
  ['Xã Chiềng Kheo', 'Huyện Mai Sơn', 'Tỉnh Sơn La', '14', 'Xã Chiềng Mai', 'Tỉnh Sơn La'],
  ['Xã Quế Hiệp', 'Huyện Quế Sơn', 'Tỉnh Quảng Nam', '49', 'Xã Quế Sơn Trung', 'Thành phố Đà Nẵng'],
  ['Xã Phan Thanh', 'Huyện Bắc Bình', 'Tỉnh Bình Thuận', '60', 'Xã Hồng Thái', 'Tỉnh Lâm Đồng'],
  ['Phường Hồng Hải', 'Thành phố Hạ Long', 'Tỉnh Quảng Ninh', '22', 'Phường Hạ Long', 'Tỉnh Quảng Ninh'],
  ['Xã Ma Quai', 'Huyện Sìn Hồ', 'Tỉnh Lai Châu', '12', 'Xã Hồng Thu', 'Tỉnh Lai Châu'],
  ['Xã Phú Nam', 'Huyện Bắc Mê', 'Tỉnh Hà Giang', '02', 'Xã Đường Hồng', 'Tỉnh Tuyên Quang'],
  ['Phường Xuân Khanh', 'Thị xã Sơn Tây', 'Thành phố Hà Nội', '01', 'Phường Tùng Thiện', 'Thành phố Hà Nội'],
  ['Xã Bình Hòa Tây', 'Huyện Mộc Hóa', 'Tỉnh Long An', '80', 'Xã Bình Hiệp', 'Tỉnh Tây Ninh'],
  ['Phường Lưu Kiếm', 'Thành phố Thuỷ Nguyên', 'Thành phố Hải Phòng', '31', 'Phường Lưu Kiếm', 'Thành phố Hải Phòng'],
  ['Phường 27', 'Quận Bình Thạnh', 'Thành phố Hồ Chí Minh', '79', 'Phường Bình Quới', 'Thành phố Hồ Chí Minh'],
  ['Xã Tân Thạnh Đông', 'Huyện Củ Chi', 'Thành phố Hồ Chí Minh', '79', 'Xã Phú Hòa Đông', 'Thành phố Hồ Chí Minh'],
  ['Xã Cẩm Trung', 'Huyện Cẩm Xuyên', 'Tỉnh Hà Tĩnh', '42', 'Xã Cẩm Trung', 'Tỉnh Hà Tĩnh'],
  ['Xã Yên Phúc', 'Huyện Ý Yên', 'Tỉnh Nam Định', '36', 'Xã Yên Cường', 'Tỉnh Ninh Bình'],
  ['Phường Sa Pa', 'Thị xã Sa Pa', 'Tỉnh Lào Cai', '10', 'Phường Sa Pa', 'Tỉnh Lào Cai'],
  ['Xã Quang Bình', 'Huyện Kiến Xương', 'Tỉnh Thái Bình', '34', 'Xã Kiến Xương', 'Tỉnh Hưng Yên'],
  ['Phường Thanh Bình', 'Thành phố Hải Dương', 'Tỉnh Hải Dương', '30', 'Phường Lê Thanh Nghị', 'Thành phố Hải Phòng'],
  ['Xã Đặng Xá', 'Huyện Gia Lâm', 'Thành phố Hà Nội', '01', 'Xã Phù Đổng', 'Thành phố Hà Nội'],
  ['Xã Lợi An', 'Huyện Trần Văn Thời', 'Tỉnh Cà Mau', '96', 'Xã Trần Văn Thời', 'Tỉnh Cà Mau'],
  ['Xã Xăm Khòe', 'Huyện Mai Châu', 'Tỉnh Hoà Bình', '17', 'Xã Bao La', 'Tỉnh Phú Thọ'],
  ['Xã Đông Xá', 'Huyện Vân Đồn', 'Tỉnh Quảng Ninh', '22', 'Đặc khu Vân Đồn', 'Tỉnh Quảng Ninh'],
  ['Phường Nam Ngạn', 'Thành phố Thanh Hóa', 'Tỉnh Thanh Hóa', '38', 'Phường Hàm Rồng', 'Tỉnh Thanh Hóa'],
  ['Xã Hiệp Hưng', 'Huyện Phụng Hiệp', 'Tỉnh Hậu Giang', '93', 'Xã Hiệp Hưng', 'Thành phố Cần Thơ'],
  ['Xã Lản Nhì Thàng', 'Huyện Phong Thổ', 'Tỉnh Lai Châu', '12', 'Phường Đoàn Kết', 'Tỉnh Lai Châu'],
  ['Phường Mỹ An', 'Quận Ngũ Hành Sơn', 'Thành phố Đà Nẵng', '48', 'Phường Ngũ Hành Sơn', 'Thành phố Đà Nẵng'],
  ['Xã Phú Túc', 'Huyện Định Quán', 'Tỉnh Đồng Nai', '75', 'Xã Thống Nhất', 'Tỉnh Đồng Nai'],
  ['Thị trấn Biển Động', 'Huyện Lục Ngạn', 'Tỉnh Bắc Giang', '24', 'Xã Biển Động', 'Tỉnh Bắc Ninh'],
  ['Xã Phù Ủng', 'Huyện Ân Thi', 'Tỉnh Hưng Yên', '33', 'Xã Phạm Ngũ Lão', 'Tỉnh Hưng Yên'],
  ['Phường Thanh Hải', 'Thành phố Phan Thiết', 'Tỉnh Bình Thuận', '60', 'Phường Phú Thuỷ', 'Tỉnh Lâm Đồng'],
  ['Xã Bình Chánh', 'Huyện Châu Phú', 'Tỉnh An Giang', '89', 'Xã Bình Mỹ', 'Tỉnh An Giang'],
  ['Xã Lạng Sơn', 'Huyện Anh Sơn', 'Tỉnh Nghệ An', '40', 'Xã Anh Sơn Đông', 'Tỉnh Nghệ An'],
];
const STREETS = ['Thôn Đồng Mới', 'Xóm 4', 'Bản Nà Khoang', 'Tổ 12', 'Ấp Tân Lập', 'Khu phố 3', 'Số 7 ngõ 115 đường Trường Chinh', 'Số 22/4 Phan Đình Phùng', 'Thôn Thượng Phúc', 'Số 309 Nguyễn Trãi', 'Tổ dân phố Đoàn Kết', 'Ngách 3/19 phố Vĩnh Hưng'] as const;

export type Generation = 2021 | 2024;
export type Sex = 'Nam' | 'Nữ';

export interface Holder {
  generation: Generation;
  idNumber: string;
  /** The old 9-digit number (CMND), empty when the holder never had one. */
  oldIdNumber: string;
  surname: string[];
  given: string[];
  /** Title case with diacritics, as the QR carries it ("Âu Dương Thị Ửng"). */
  fullName: string;
  /** As the front prints it: capitals with diacritics. */
  printedName: string;
  fullNameAscii: string;
  dateOfBirth: string;
  sex: Sex;
  nationality: 'Việt Nam';
  placeOfOrigin: string;
  placeOfResidence: string;
  /** The 2025 unit of the residence (printed on the 2024 card's back, not its front). */
  residence2025: string;
  /** Place of birth registration in 2025 units (the 2024 card's back). */
  placeOfBirth: string;
  issueDate: string;
  /** Absent when the card is valid for life ("Không thời hạn"). */
  dateOfExpiry?: string;
  qrPayload: string;
  mrz?: [string, string, string];
}

const two = (n: number) => String(n).padStart(2, '0');
const fmt = (d: number, m: number, y: number) => `${two(d)}/${two(m)}/${y}`;
const compact = (s: string) => s.replaceAll('/', '');

function titleWord(w: string): string {
  const lower = w.toLocaleLowerCase('vi');
  return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
}

function pickName(r: Rand, sex: Sex): { surname: string[]; given: string[] } {
  const kind = r.next();
  if (kind < 0.08) {
    const h = r.pick(HIGHLAND.filter((x) => x[3] === sex));
    return { surname: [h[0]], given: [h[1], h[2]] };
  }
  const surname = kind < 0.18 ? [...r.pick(SURNAMES_COMPOUND)] : [r.chance(0.45) ? r.pick(SURNAMES_RARE) : r.pick(SURNAMES_COMMON)];
  const middles = sex === 'Nam' ? MIDDLE_MALE : MIDDLE_FEMALE;
  const givens = sex === 'Nam' ? GIVEN_MALE : GIVEN_FEMALE;
  const given: string[] = [];
  const nMiddle = r.pick([0, 1, 1, 1, 1, 2, 2]);
  for (let i = 0; i < nMiddle; i++) {
    const m = r.pick(middles);
    if (!given.includes(m)) given.push(m);
  }
  given.push(...r.pick(givens).split(' '));
  return { surname, given };
}

/** The renewal ages of each generation's law; a card issued within 2 years of one runs to the next. */
const MILESTONES: Record<Generation, number[]> = { 2021: [25, 40, 60], 2024: [14, 25, 40, 60] };


export function makeHolder(r: Rand, generation: Generation): Holder {
  const sex: Sex = r.chance(0.5) ? 'Nam' : 'Nữ';
  const { surname, given } = pickName(r, sex);
  // issue date first, then a birth date that makes the holder at least 14 on it
  const issueY = generation === 2021 ? r.int(2021, 2024) : r.int(2024, 2026);
  let issueM = r.int(1, 12);
  if (generation === 2021 && issueY === 2024) issueM = r.int(1, 6);
  if (generation === 2024 && issueY === 2024) issueM = r.int(7, 12);
  if (generation === 2024 && issueY === 2026) issueM = r.int(1, 11);
  const issueD = r.int(1, 28);
  // ages at issue 15–75, younger holders more often (as among the people who renew a card)
  const birthY = issueY - 15 - Math.floor(r.next() ** 1.8 * 61);
  const birthM = r.int(1, 12);
  const birthD = r.int(1, birthM === 2 ? 28 : 30);
  const unit = r.pick(UNITS);
  const origin = r.pick(UNITS);
  const centuryDigit = (birthY >= 2000 ? 2 : 0) + (sex === 'Nữ' ? 1 : 0);
  let random6 = '';
  for (let i = 0; i < 6; i++) random6 += String(r.int(0, 9));
  const idNumber = `0${unit[3]}${centuryDigit}${String(birthY).slice(2)}${random6}`;
  let oldIdNumber = '';
  if (generation === 2021 && birthY < 2004 && r.chance(0.7)) for (let i = 0; i < 9; i++) oldIdNumber += String(i === 0 ? r.int(0, 3) : r.int(0, 9));
  const issueAge = issueY - birthY - (issueM < birthM || (issueM === birthM && issueD < birthD) ? 1 : 0);
  const milestone = MILESTONES[generation].find((a) => a - issueAge > 2);
  const dateOfExpiry = milestone === undefined ? undefined : fmt(birthD, birthM, birthY + milestone);
  const street = r.pick(STREETS);
  const old = `${street}, ${unit[0]}, ${unit[1]}, ${unit[2]}`;
  const residence2025 = `${street}, ${unit[4]}, ${unit[5]}`;
  const placeOfResidence = generation === 2021 ? old : residence2025;
  const placeOfOrigin = r.chance(0.5) ? `${origin[0]}, ${origin[1]}, ${origin[2]}` : `${origin[0].replace(/^(Xã|Phường|Thị trấn) /, '')}, ${origin[1].replace(/^(Huyện|Quận|Thị xã|Thành phố) /, '')}, ${origin[2].replace(/^(Tỉnh|Thành phố) /, '')}`;
  const words = [...surname, ...given];
  const fullName = words.map(titleWord).join(' ');
  const printedName = words.map((w) => w.toLocaleUpperCase('vi')).join(' ');
  const dateOfBirth = fmt(birthD, birthM, birthY);
  const issueDate = fmt(issueD, issueM, issueY);
  const placeOfBirth = `${origin[4]}, ${origin[5]}`;
  const fields = [idNumber, oldIdNumber, fullName, compact(dateOfBirth), sex, placeOfResidence, compact(issueDate)];
  // a 2024 card's QR may carry four more (empty) fields, as a public sample does (cccd.md)
  if (generation === 2024 && r.chance(0.5)) fields.push('', '', '', '');
  const qrPayload = fields.join('|');
  const h: Holder = {
    generation, idNumber, oldIdNumber, surname, given, fullName, printedName,
    fullNameAscii: words.map((w) => mrzLetters(w)).join(' '),
    dateOfBirth, sex, nationality: 'Việt Nam', placeOfOrigin, placeOfResidence, residence2025, placeOfBirth, issueDate, qrPayload,
  };
  if (dateOfExpiry) {
    h.dateOfExpiry = dateOfExpiry;
    h.mrz = composeTd1({ idNumber, surname, given, dateOfBirth, sex, dateOfExpiry });
  }
  return h;
}

/** The truth a reader is scored against (dates dd/mm/yyyy, sex Nam/Nữ, as the kiosk contract writes them). */
export function truthOf(h: Holder): Record<string, string> {
  const t: Record<string, string> = {
    idNumber: h.idNumber, fullName: h.fullName, fullNameAscii: h.fullNameAscii, dateOfBirth: h.dateOfBirth, sex: h.sex, nationality: h.nationality,
  };
  if (h.dateOfExpiry) t.dateOfExpiry = h.dateOfExpiry;
  return t;
}
