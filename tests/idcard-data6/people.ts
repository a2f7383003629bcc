/**
 * Generator 6's invented holders: names, numbers, dates and places, and what the card carries from them
 * (the QR text of both generations, the TD1 MRZ). Written from the facts in the shared reference
 * (the 12-digit number: province code · century/sex digit · year · 6 random digits; QR fields joined by `|`;
 * ICAO 9303 TD1 with 7-3-1 check digits) — not from any other generator of this project.
 */

/** sfc32 seeded through splitmix32: generator 6's own random stream. */
export type Rand = () => number;
export function makeRand(seed: number): Rand {
  let s = seed >>> 0;
  const mix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = mix(), b = mix(), c = mix(), d = mix();
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}
export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
export const between = (r: Rand, lo: number, hi: number): number => lo + (hi - lo) * r();
export const intIn = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

// ------------------------------------------------------------------------------------------ names
const SURNAMES_COMMON = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const SURNAMES_RARE = ['Ưng', 'Khổng', 'Ông', 'Lã', 'Mạc', 'Thạch', 'Doãn', 'Quách', 'Giáp', 'Lưu', 'Tạ', 'Hứa', 'Kha', 'Lò', 'Cù', 'Diệp', 'Ứng', 'Thái', 'Triệu', 'Mẫn'];
const SURNAMES_TWO = ['Tôn Thất', 'Âu Dương', 'Tư Mã', 'Tôn Nữ'];
const MIDDLE_M = ['Văn', 'Đức', 'Hữu', 'Minh', 'Quốc', 'Thành', 'Công', 'Xuân', 'Đình', 'Ngọc', 'Trọng', 'Quang', 'Bá', 'Thế', 'Khắc', 'Tường'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Mỹ', 'Bảo', 'Kim', 'Diệu', 'Phương', 'Tuyết', 'Hồng', 'Nguyệt'];
/**
 * Given names from general knowledge of Vietnamese naming: the everyday ones (Hùng, Dũng, Lan, Hương, …) and
 * rarer ones that carry the rare letters and every tone (Hỷ, Duẫn, Ước, Ượng, Vỹ, …).
 */
const GIVEN_M = ['An', 'Bảo', 'Cường', 'Dũng', 'Đạt', 'Hưng', 'Khải', 'Lực', 'Mạnh', 'Nghĩa', 'Phước', 'Quyết', 'Sơn', 'Thắng', 'Tưởng', 'Vượng', 'Lợi', 'Hợp', 'Kỹ', 'Thưởng', 'Ẩn', 'Ngữ', 'Tuấn', 'Hải', 'Tiến', 'Đặng', 'Lĩnh', 'Duẫn', 'Hỷ', 'Ước', 'Hùng', 'Long', 'Nam', 'Phong', 'Quân', 'Trung', 'Vinh', 'Thịnh', 'Khoa', 'Toàn', 'Huỳnh', 'Tùng', 'Lộc', 'Đông', 'Kiên', 'Chiến', 'Hiếu', 'Nhân'];
const GIVEN_F = ['Diễm', 'Hải', 'Khuyên', 'Thảo', 'Nhã', 'Hiền', 'Ánh', 'Duyên', 'Hằng', 'Yến', 'Trâm', 'Khuê', 'Ngà', 'Nguyệt', 'Thủy', 'Oanh', 'Quỳnh', 'Mỹ', 'Lụa', 'Xuyến', 'Cẩm', 'Nhạn', 'Vỹ', 'Ượng', 'Huệ', 'Ngọc', 'Gấm', 'Thơ', 'Trinh', 'Lệ', 'Lan', 'Hương', 'Linh', 'Mai', 'Hoa', 'Nga', 'Phượng', 'Loan', 'Tâm', 'Vân', 'Dung', 'Thắm', 'Nhung', 'Tuyết', 'Hạnh', 'Châu', 'Giang', 'Liễu'];
/** Extra given-name words that make 4- and 5-word names (double given names are common since the 1990s). */
const SECOND_M = ['Minh', 'Gia', 'Quốc', 'Hoàng', 'Nhật', 'Đăng', 'Thiện', 'Bảo'];
const SECOND_F = ['Bảo', 'Ngọc', 'Khánh', 'Phương', 'Thảo', 'Tường', 'Hoài', 'Diệu'];

// ------------------------------------------------------------------------------------------ places
/**
 * Units taken from the 2025 conversion table of the shared data (old commune, district, province with its
 * 2-digit statistics code → new ward/commune and province). The ID's province code is `0` + the old
 * province's statistics code (the province where the birth was registered).
 */
export interface Place {
  oldCommune: string;
  oldDistrict: string;
  oldProvince: string;
  code: string;
  newWard: string;
  newProvince: string;
}
export const PLACES: Place[] = [
  { oldCommune: 'Xã Bản Díu', oldDistrict: 'Huyện Xín Mần', oldProvince: 'Tỉnh Hà Giang', code: '02', newWard: 'Xã Xín Mần', newProvince: 'Tỉnh Tuyên Quang' },
  { oldCommune: 'Xã Quang Sơn', oldDistrict: 'Huyện Đô Lương', oldProvince: 'Tỉnh Nghệ An', code: '40', newWard: 'Xã Văn Hiến', newProvince: 'Tỉnh Nghệ An' },
  { oldCommune: 'Xã Tân Lộc', oldDistrict: 'Huyện Thới Bình', oldProvince: 'Tỉnh Cà Mau', code: '96', newWard: 'Xã Tân Lộc', newProvince: 'Tỉnh Cà Mau' },
  { oldCommune: 'Xã Mộ Đạo', oldDistrict: 'Thị xã Quế Võ', oldProvince: 'Tỉnh Bắc Ninh', code: '27', newWard: 'Phường Bồng Lai', newProvince: 'Tỉnh Bắc Ninh' },
  { oldCommune: 'Xã Triệu Thành', oldDistrict: 'Huyện Triệu Sơn', oldProvince: 'Tỉnh Thanh Hóa', code: '38', newWard: 'Xã Hợp Tiến', newProvince: 'Tỉnh Thanh Hóa' },
  { oldCommune: 'Thị trấn Phước An', oldDistrict: 'Huyện Krông Pắc', oldProvince: 'Tỉnh Đắk Lắk', code: '66', newWard: 'Xã Krông Pắc', newProvince: 'Tỉnh Đắk Lắk' },
  { oldCommune: 'Phường Lưu Kiếm', oldDistrict: 'Thành phố Thuỷ Nguyên', oldProvince: 'Thành phố Hải Phòng', code: '31', newWard: 'Phường Lưu Kiếm', newProvince: 'Thành phố Hải Phòng' },
  { oldCommune: 'Phường 1', oldDistrict: 'Quận 11', oldProvince: 'Thành phố Hồ Chí Minh', code: '79', newWard: 'Phường Minh Phụng', newProvince: 'Thành phố Hồ Chí Minh' },
  { oldCommune: 'Xã Hành Tín Tây', oldDistrict: 'Huyện Nghĩa Hành', oldProvince: 'Tỉnh Quảng Ngãi', code: '51', newWard: 'Xã Thiện Tín', newProvince: 'Tỉnh Quảng Ngãi' },
  { oldCommune: 'Xã Nậm Dạng', oldDistrict: 'Huyện Văn Bàn', oldProvince: 'Tỉnh Lào Cai', code: '10', newWard: 'Xã Võ Lao', newProvince: 'Tỉnh Lào Cai' },
  { oldCommune: 'Xã Bãi Thơm', oldDistrict: 'Thành phố Phú Quốc', oldProvince: 'Tỉnh Kiên Giang', code: '91', newWard: 'Đặc khu Phú Quốc', newProvince: 'Tỉnh An Giang' },
  { oldCommune: 'Xã Giao Thiện', oldDistrict: 'Huyện Giao Thủy', oldProvince: 'Tỉnh Nam Định', code: '36', newWard: 'Xã Giao Minh', newProvince: 'Tỉnh Ninh Bình' },
  { oldCommune: 'Xã Vĩnh Lâm', oldDistrict: 'Huyện Vĩnh Linh', oldProvince: 'Tỉnh Quảng Trị', code: '45', newWard: 'Xã Vĩnh Thủy', newProvince: 'Tỉnh Quảng Trị' },
  { oldCommune: 'Xã Lộc Hòa', oldDistrict: 'Huyện Long Hồ', oldProvince: 'Tỉnh Vĩnh Long', code: '86', newWard: 'Xã Phú Quới', newProvince: 'Tỉnh Vĩnh Long' },
  { oldCommune: 'Phường Mân Thái', oldDistrict: 'Quận Sơn Trà', oldProvince: 'Thành phố Đà Nẵng', code: '48', newWard: 'Phường Sơn Trà', newProvince: 'Thành phố Đà Nẵng' },
  { oldCommune: 'Xã Kế Thành', oldDistrict: 'Huyện Kế Sách', oldProvince: 'Tỉnh Sóc Trăng', code: '94', newWard: 'Xã Kế Sách', newProvince: 'Thành phố Cần Thơ' },
  { oldCommune: 'Xã Thụy Chính', oldDistrict: 'Huyện Thái Thụy', oldProvince: 'Tỉnh Thái Bình', code: '34', newWard: 'Xã Tây Thụy Anh', newProvince: 'Tỉnh Hưng Yên' },
  { oldCommune: 'Xã Phú Châu', oldDistrict: 'Huyện Ba Vì', oldProvince: 'Thành phố Hà Nội', code: '01', newWard: 'Xã Vật Lại', newProvince: 'Thành phố Hà Nội' },
  { oldCommune: 'Xã Thịnh Vượng', oldDistrict: 'Huyện Nguyên Bình', oldProvince: 'Tỉnh Cao Bằng', code: '04', newWard: 'Xã Bạch Đằng', newProvince: 'Tỉnh Cao Bằng' },
  { oldCommune: 'Thị trấn Nông trường Liên Sơn', oldDistrict: 'Huyện Văn Chấn', oldProvince: 'Tỉnh Yên Bái', code: '15', newWard: 'Xã Liên Sơn', newProvince: 'Tỉnh Lào Cai' },
  { oldCommune: 'Xã Hương Lâm', oldDistrict: 'Huyện Hương Khê', oldProvince: 'Tỉnh Hà Tĩnh', code: '42', newWard: 'Xã Hương Xuân', newProvince: 'Tỉnh Hà Tĩnh' },
  { oldCommune: 'Xã Hồng Thủy', oldDistrict: 'Huyện Lệ Thủy', oldProvince: 'Tỉnh Quảng Bình', code: '44', newWard: 'Xã Cam Hồng', newProvince: 'Tỉnh Quảng Trị' },
  { oldCommune: 'Xã Cát Tường', oldDistrict: 'Huyện Phù Cát', oldProvince: 'Tỉnh Bình Định', code: '52', newWard: 'Xã Xuân An', newProvince: 'Tỉnh Gia Lai' },
  { oldCommune: 'Xã Hòa Thắng', oldDistrict: 'Huyện Phú Hoà', oldProvince: 'Tỉnh Phú Yên', code: '54', newWard: 'Xã Phú Hòa 1', newProvince: 'Tỉnh Đắk Lắk' },
  { oldCommune: 'Xã Phước Diêm', oldDistrict: 'Huyện Thuận Nam', oldProvince: 'Tỉnh Ninh Thuận', code: '58', newWard: 'Xã Cà Ná', newProvince: 'Tỉnh Khánh Hòa' },
  { oldCommune: 'Xã Đăng Hà', oldDistrict: 'Huyện Bù Đăng', oldProvince: 'Tỉnh Bình Phước', code: '70', newWard: 'Xã Phước Sơn', newProvince: 'Tỉnh Đồng Nai' },
  { oldCommune: 'Xã Tân Thủy', oldDistrict: 'Huyện Ba Tri', oldProvince: 'Tỉnh Bến Tre', code: '83', newWard: 'Xã Tân Thủy', newProvince: 'Tỉnh Vĩnh Long' },
  { oldCommune: 'Xã Định Thành', oldDistrict: 'Huyện Đông Hải', oldProvince: 'Tỉnh Bạc Liêu', code: '95', newWard: 'Xã Định Thành', newProvince: 'Tỉnh Cà Mau' },
  { oldCommune: 'Xã Lương Nghĩa', oldDistrict: 'Huyện Long Mỹ', oldProvince: 'Tỉnh Hậu Giang', code: '93', newWard: 'Xã Lương Tâm', newProvince: 'Thành phố Cần Thơ' },
  { oldCommune: 'Xã Tìa Dình', oldDistrict: 'Huyện Điện Biên Đông', oldProvince: 'Tỉnh Điện Biên', code: '11', newWard: 'Xã Tìa Dình', newProvince: 'Tỉnh Điện Biên' },
  { oldCommune: 'Xã Sa Nghĩa', oldDistrict: 'Huyện Sa Thầy', oldProvince: 'Tỉnh Kon Tum', code: '62', newWard: 'Xã Sa Bình', newProvince: 'Tỉnh Quảng Ngãi' },
  { oldCommune: 'Thị trấn Phước Hải', oldDistrict: 'Huyện Long Đất', oldProvince: 'Tỉnh Bà Rịa - Vũng Tàu', code: '77', newWard: 'Xã Phước Hải', newProvince: 'Thành phố Hồ Chí Minh' },
];
const STREETS = ['Phố Huế', 'Đường Trần Hưng Đạo', 'Ngõ Chợ Khâm Thiên', 'Đường Nguyễn Thị Minh Khai', 'Đường Lê Lợi', 'Phố Lãn Ông', 'Đường Ỷ Lan', 'Kiệt 45 Ông Ích Khiêm'];
const HAMLETS = ['Thôn 3', 'Xóm Đông', 'Ấp Tân Thuận', 'Bản Nà Lừa', 'Tổ dân phố Bắc Sơn', 'Thôn Thượng Ước', 'Khối 7'];
const MARKS = ['Nốt ruồi C:1cm trên sau đầu mày trái', 'Sẹo chấm C:2cm dưới trước cánh mũi phải', 'Nốt ruồi C:1,5cm dưới sau mép trái', 'Sẹo dài 2cm ở trán phải', 'Nốt ruồi C:3cm trên trước tai phải'];

/** Without the unit's kind ("Huyện Đô Lương" → "Đô Lương"), as cards often print the higher levels. */
const bare = (u: string): string => (/ \d+$/.test(u) ? u : u.replace(/^(Tỉnh|Thành phố|Huyện|Quận|Thị xã|Thị trấn) /u, ''));

export interface Holder {
  index: number;
  generation: 2021 | 2024;
  fullName: string;
  /** the words of the name: surname (one or two words) first */
  surnameWords: number;
  sex: 'Nam' | 'Nữ';
  dob: { y: number; m: number; d: number };
  idNumber: string;
  oldIdNumber: string;
  issue: { y: number; m: number; d: number };
  expiry?: { y: number; m: number; d: number };
  placeOfOrigin: string;
  placeOfResidence: string;
  placeOfBirth: string;
  marks: string;
  /** whether the 2021 front prints its QR (2024 fronts never do; 2024 backs always) */
  frontQr: boolean;
}

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const randomDate = (r: Rand, y0: number, y1: number) => {
  const y = intIn(r, y0, y1);
  const m = intIn(r, 1, 12);
  return { y, m, d: intIn(r, 1, daysIn(y, m)) };
};
const before = (a: { y: number; m: number; d: number }, b: { y: number; m: number; d: number }) => a.y * 10000 + a.m * 100 + a.d < b.y * 10000 + b.m * 100 + b.d;

/**
 * Expiry by the renewal ages (25, 40, 60): the card runs to the birthday of the next renewal age, or the one after
 * when it was issued within two years of it; from 58 on it has none ("Không thời hạn").
 */
function expiryOf(dob: { y: number; m: number; d: number }, issue: { y: number; m: number; d: number }) {
  for (const age of [25, 40, 60]) {
    const at = { y: dob.y + age, m: dob.m, d: Math.min(dob.d, daysIn(dob.y + age, dob.m)) };
    const twoBefore = { ...at, y: at.y - 2 };
    if (before(issue, twoBefore)) return at;
  }
  return undefined;
}

export function makeHolder(r: Rand, index: number): Holder {
  const generation: 2021 | 2024 = index % 2 === 0 ? 2021 : 2024;
  const sex: 'Nam' | 'Nữ' = r() < 0.5 ? 'Nam' : 'Nữ';
  const male = sex === 'Nam';
  const u = r();
  let surname = u < 0.6 ? pick(r, SURNAMES_COMMON) : u < 0.88 ? pick(r, SURNAMES_RARE) : pick(r, SURNAMES_TWO);
  if (surname === 'Tôn Nữ' && male) surname = 'Tôn Thất';
  const words = [surname];
  const mid = r();
  if (index % 4 === 3) {
    // every fourth holder gets a long name: a middle name, one or two more name words, the given name (4–6 words)
    words.push(pick(r, male ? MIDDLE_M : MIDDLE_F));
    if (r() < 0.4) words.push(pick(r, male ? SECOND_M : SECOND_F));
    words.push(pick(r, male ? SECOND_M : SECOND_F));
  } else if (mid > 0.12) words.push(pick(r, male ? MIDDLE_M : MIDDLE_F));
  words.push(pick(r, male ? GIVEN_M : GIVEN_F));
  const fullName = [...new Set(words)].join(' ');

  // ages: many elderly (the kiosk's residents), some young
  const dob = randomDate(r, index % 5 === 0 ? 1941 : 1958, index % 3 === 0 ? 2009 : 1999);
  const issue = generation === 2021 ? randomDate(r, 2021, 2024) : randomDate(r, 2025, 2026);
  if (generation === 2021 && issue.y === 2024 && issue.m > 6) issue.m = intIn(r, 1, 6);
  if (generation === 2024) {
    // issued under the 2025 units (after 1 July 2025), up to November 2026
    if (issue.y === 2025 && issue.m < 7) issue.m = intIn(r, 7, 12);
    if (issue.y === 2026 && issue.m > 11) issue.m = intIn(r, 1, 11);
  }
  if (issue.y - dob.y < 15) dob.y = issue.y - 15;
  issue.d = Math.min(issue.d, daysIn(issue.y, issue.m));
  dob.d = Math.min(dob.d, daysIn(dob.y, dob.m));

  const origin = pick(r, PLACES);
  const home = r() < 0.4 ? origin : pick(r, PLACES);
  const century = dob.y < 2000 ? 0 : 2;
  const g = century + (male ? 0 : 1);
  let six = '';
  for (let i = 0; i < 6; i++) six += String(intIn(r, 0, 9));
  const idNumber = `0${origin.code}${g}${String(dob.y % 100).padStart(2, '0')}${six}`;
  let oldIdNumber = '';
  if (dob.y < 1995 && r() < 0.7) for (let i = 0; i < 9; i++) oldIdNumber += String(intIn(r, i === 0 ? 1 : 0, 9));

  const placeOfOrigin = r() < 0.5 ? `${origin.oldCommune}, ${bare(origin.oldDistrict)}, ${bare(origin.oldProvince)}` : `${bare(origin.oldCommune)}, ${bare(origin.oldDistrict)}, ${bare(origin.oldProvince)}`;
  const street = r() < 0.5 ? `Số ${intIn(r, 1, 215)} ${pick(r, STREETS)}` : pick(r, HAMLETS);
  const placeOfResidence = generation === 2021 ? `${street}, ${home.oldCommune}, ${home.oldDistrict}, ${home.oldProvince}` : `${street}, ${home.newWard}, ${home.newProvince}`;
  const placeOfBirth = generation === 2021 ? bare(origin.oldProvince) : `${origin.newWard}, ${origin.newProvince}`;
  return {
    index,
    generation,
    fullName,
    surnameWords: surname.split(' ').length,
    sex,
    dob,
    idNumber,
    oldIdNumber,
    issue,
    expiry: expiryOf(dob, issue),
    placeOfOrigin,
    placeOfResidence,
    placeOfBirth,
    marks: pick(r, MARKS),
    frontQr: generation === 2021 && index % 6 !== 4,
  };
}

// ------------------------------------------------------------------------------------------ formats
const p2 = (n: number) => String(n).padStart(2, '0');
export const dmy = (d: { y: number; m: number; d: number }): string => `${p2(d.d)}/${p2(d.m)}/${d.y}`;
export const iso = (d: { y: number; m: number; d: number }): string => `${d.y}-${p2(d.m)}-${p2(d.d)}`;
const compact = (d: { y: number; m: number; d: number }): string => `${p2(d.d)}${p2(d.m)}${d.y}`;
const yymmdd = (d: { y: number; m: number; d: number }): string => `${p2(d.y % 100)}${p2(d.m)}${p2(d.d)}`;

/** Upper case the Vietnamese way (toUpperCase handles every precomposed letter; NFC so marks stay precomposed). */
export const upper = (s: string): string => s.normalize('NFC').toUpperCase().normalize('NFC');

/** The name without marks, Đ as D, in capitals — what the MRZ carries. */
export const ascii = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toUpperCase();

/** The QR text: 7 fields for a 2021 card; 2024 cards seen publicly carry 4 more, empty. */
export function qrText(h: Holder): string {
  const f = [h.idNumber, h.oldIdNumber, h.fullName, compact(h.dob), h.sex, h.placeOfResidence, compact(h.issue)];
  return (h.generation === 2024 ? [...f, '', '', '', ''] : f).join('|');
}

/** ICAO 9303 check digit: weights 7, 3, 1; digits as themselves, A–Z as 10–35, `<` as 0. */
export function checkDigit(s: string): string {
  const w = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const v = c === '<' ? 0 : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
    sum += v * w[i % 3]!;
  }
  return String(sum % 10);
}

const fill = (s: string, n: number) => (s + '<'.repeat(n)).slice(0, n);

/** The three TD1 lines of 30 characters; undefined for a card with no expiry (it gets no back here). */
export function mrzLines(h: Holder): [string, string, string] | undefined {
  if (!h.expiry) return undefined;
  const doc = h.idNumber.slice(3);
  const l1 = `IDVNM${doc}${checkDigit(doc)}${h.idNumber}<<${checkDigit(h.idNumber)}`;
  const b = yymmdd(h.dob);
  const e = yymmdd(h.expiry);
  const l2a = `${b}${checkDigit(b)}${h.sex === 'Nam' ? 'M' : 'F'}${e}${checkDigit(e)}VNM${'<'.repeat(11)}`;
  const composite = checkDigit(l1.slice(5, 30) + l2a.slice(0, 7) + l2a.slice(8, 15) + l2a.slice(18, 29));
  const l2 = l2a + composite;
  const words = ascii(h.fullName).split(' ');
  const l3 = fill(`${words.slice(0, 1).join('<')}<<${words.slice(1).join('<')}`, 30);
  return [l1, l2, l3];
}

/** Whether the MRZ's name line holds the whole name (else the truth leaves fullNameAscii out). */
export const mrzHoldsName = (h: Holder): boolean => ascii(h.fullName).length + 1 <= 30;

export interface Truth6 {
  idNumber: string;
  oldIdNumber?: string;
  fullName: string;
  fullNameAscii?: string;
  dateOfBirth: string;
  sex: 'Nam' | 'Nữ';
  nationality: string;
  placeOfOrigin?: string;
  placeOfResidence: string;
  issueDate: string;
  dateOfExpiry?: string;
}

/** The truth of a holder, dates ISO (the readers' form), every field the card (front, back, QR, MRZ) prints. */
export function truthOf(h: Holder): Truth6 {
  const t: Truth6 = {
    idNumber: h.idNumber,
    fullName: h.fullName,
    dateOfBirth: iso(h.dob),
    sex: h.sex,
    nationality: 'Việt Nam',
    placeOfResidence: h.placeOfResidence,
    issueDate: iso(h.issue),
  };
  if (h.oldIdNumber) t.oldIdNumber = h.oldIdNumber;
  if (mrzHoldsName(h)) t.fullNameAscii = ascii(h.fullName);
  if (h.generation === 2021) t.placeOfOrigin = h.placeOfOrigin;
  if (h.expiry) t.dateOfExpiry = iso(h.expiry);
  return t;
}
