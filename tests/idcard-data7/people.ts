/**
 * Generator 7's invented holders: names (Kinh names with all tones and rare letters, two-word surnames,
 * names with no middle name, 4–5 word names, ethnic-minority names in the form public Vietnamese sources
 * print them), birth years from the 1930s to the 2010s, addresses in the units before 1 July 2025 for cards
 * issued before that day and in the 2025 units after it (the official conversion table in
 * common/admin/data, the repository's copy of the national statistics office's table), the 12-digit
 * number built from the rules in the CCCD reference (birth-registration province code, century+sex digit,
 * two-digit year, six random digits), the QR payload and the ICAO 9303 TD1 MRZ.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Rand } from './rng.ts';

export type Generation = 2021 | 2024;
export type Sex = 'Nam' | 'Nữ';

export interface Place {
  provinceCode: string; // old 2-digit province code (the ID's province part is this, zero-padded to 3)
  oldWard: string;
  oldDistrict: string;
  oldProvince: string;
  newWard: string;
  newProvince: string;
}

export interface Holder {
  generation: Generation;
  fullName: string; // with diacritics, as in the QR (title case)
  sex: Sex;
  birth: { y: number; m: number; d: number };
  idNumber: string;
  oldIdNumber: string;
  placeOfOrigin: string;
  placeOfResidence: string;
  placeOfBirth: string; // 2024 back: "Nơi đăng ký khai sinh"
  issue: { y: number; m: number; d: number };
  expiry: { y: number; m: number; d: number } | null; // null: "Không thời hạn"
  ethnic: string | null;
  marks: string; // 2021 back: "Đặc điểm nhân dạng"
}

// ---------------------------------------------------------------- places
let placesCache: Place[] | undefined;
/** Every old ward/commune with its district and province and the 2025 ward it went into (the repository's copy of the official table). */
export function loadPlaces(): Place[] {
  if (placesCache) return placesCache;
  const dir = fileURLToPath(new URL('../../common/admin/data/', import.meta.url));
  const conv = JSON.parse(readFileSync(path.join(dir, 'conversion-2025.json'), 'utf8')) as { oldProvinces: [string, string][]; oldDistricts: [string, string, string][]; oldWards: [string, string, string, [string, number][]][] };
  const wards = JSON.parse(readFileSync(path.join(dir, 'wards-2025.json'), 'utf8')) as { provinces: [string, string][]; wards: [string, string, string][] };
  const oldProv = new Map(conv.oldProvinces);
  const oldDist = new Map(conv.oldDistricts.map(([c, n, p]) => [c, { n, p }]));
  const newProv = new Map(wards.provinces);
  const newWard = new Map(wards.wards.map(([c, n, p]) => [c, { n, p }]));
  const out: Place[] = [];
  for (const [, name, dcode, into] of conv.oldWards) {
    const d = oldDist.get(dcode);
    const nw = into[0] && newWard.get(into[0][0]);
    if (!d || !nw) continue;
    const op = oldProv.get(d.p);
    const np = newProv.get(nw.p);
    if (!op || !np) continue;
    out.push({ provinceCode: d.p, oldWard: name, oldDistrict: d.n, oldProvince: op, newWard: nw.n, newProvince: np });
  }
  placesCache = out;
  return out;
}

function placeIn(r: Rand, places: Place[], codes?: readonly string[]): Place {
  if (!codes) return r.pick(places);
  const pool = places.filter((p) => codes.includes(p.provinceCode));
  return r.pick(pool.length ? pool : places);
}

/** "Tỉnh Nam Định" → "Nam Định", "Thành phố Hà Nội" → "Hà Nội" (cards often print the province bare). */
const bareProvince = (s: string) => s.replace(/^(Tỉnh|Thành phố) /u, '');
const bareDistrict = (s: string) => s.replace(/^(Huyện|Quận|Thị xã|Thành phố) /u, '');

// ---------------------------------------------------------------- names
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Trương', 'Đinh', 'Lương', 'Ưng', 'Ông', 'Khúc', 'Mạc', 'Giáp', 'Khổng', 'Thân', 'Ứng', 'Đàm', 'Quách', 'Lưu', 'Hứa', 'Tạ', 'Doãn', 'Lã'] as const;
const TWO_WORD_SURNAMES = { Nam: ['Tôn Thất', 'Âu Dương', 'Nguyễn Phúc'], Nữ: ['Tôn Nữ', 'Âu Dương', 'Nguyễn Phúc'] } as const;
const MIDDLE = { Nam: ['Văn', 'Đức', 'Hữu', 'Minh', 'Quốc', 'Thành', 'Công', 'Xuân', 'Đình', 'Bá', 'Trọng', 'Khắc'], Nữ: ['Thị', 'Ngọc', 'Thu', 'Thùy', 'Mỹ', 'Bảo', 'Kim', 'Diệu', 'Hoài'] } as const;
const GIVEN = {
  Nam: ['Dũng', 'Hưng', 'Cường', 'Lộc', 'Thắng', 'Tuấn', 'Phước', 'Lực', 'Khải', 'Quyết', 'Vỹ', 'Thuận', 'Nghĩa', 'Trưởng', 'Hiếu', 'Kiệt', 'Tỵ', 'Lợi', 'Hợp', 'Đạt', 'Thưởng', 'Ẩn', 'Khoa', 'Nhật'],
  Nữ: ['Hằng', 'Hương', 'Thủy', 'Loan', 'Yến', 'Ánh', 'Nguyệt', 'Phượng', 'Trâm', 'Diễm', 'Ngà', 'Xuyến', 'Quỳnh', 'Huyền', 'Mỹ', 'Oanh', 'Ơn', 'Thư', 'Nhặn', 'Dặm', 'Ngợi', 'Trắc', 'Lụa', 'Ỷ'],
} as const;
const SECOND_GIVEN = { Nam: ['Anh', 'Gia', 'Hoàng', 'Nhật', 'Thiên', 'Đăng'], Nữ: ['Bích', 'Ngọc', 'Thanh', 'Phương', 'Khánh', 'Như'] } as const;

/**
 * Ethnic-minority holders: names as Vietnamese newspapers and public registers print them (Ê Đê women's names
 * begin with H, men's with Y, the family name last; Gia Rai family names Ksor, Rơ Châm, Siu, Rơ Mah; Khmer
 * family names Thạch, Danh, Sơn, Lâm, Kim; Chăm Đàng, Thông, Quảng; Hmông Giàng, Sùng, Vàng, Thào with A/Seo/
 * Thị; Thái Lò, Cầm, Lường, Quàng). All invented combinations; provinces are the old province codes where
 * each people mostly lives.
 */
const ETHNIC: { people: string; provinces: string[]; names: { name: string; sex: Sex }[] }[] = [
  { people: 'Ê Đê', provinces: ['66', '67'], names: [{ name: 'H Yơn Niê Kđăm', sex: 'Nữ' }, { name: 'Y Ngông Êban', sex: 'Nam' }, { name: 'H Bhiăn Mlô', sex: 'Nữ' }, { name: 'Y Thuăn Byă', sex: 'Nam' }] },
  { people: 'Gia Rai', provinces: ['64', '62'], names: [{ name: 'Ksor Y Phơn', sex: 'Nữ' }, { name: 'Rơ Châm Blưk', sex: 'Nam' }, { name: 'Siu Thị Hiơ', sex: 'Nữ' }, { name: 'Rơ Mah Thuyết', sex: 'Nam' }] },
  { people: 'Khmer', provinces: ['94', '84', '91'], names: [{ name: 'Thạch Thị Sa Ri', sex: 'Nữ' }, { name: 'Danh Sóc Kha', sex: 'Nam' }, { name: 'Sơn Thị Kim Thoa', sex: 'Nữ' }, { name: 'Lâm Sà Rết', sex: 'Nam' }] },
  { people: 'Chăm', provinces: ['58', '60', '89'], names: [{ name: 'Đàng Năng Thọ', sex: 'Nam' }, { name: 'Thông Thị Mỹ Lệ', sex: 'Nữ' }, { name: 'Quảng Đại Tuyên', sex: 'Nam' }] },
  { people: 'Hmông', provinces: ['02', '10', '14', '11'], names: [{ name: 'Giàng A Páo', sex: 'Nam' }, { name: 'Sùng Thị Mỷ', sex: 'Nữ' }, { name: 'Vàng Seo Sử', sex: 'Nam' }, { name: 'Thào Thị Dợ', sex: 'Nữ' }] },
  { people: 'Thái', provinces: ['14', '11', '40'], names: [{ name: 'Lò Văn Puôn', sex: 'Nam' }, { name: 'Cầm Thị Ọn', sex: 'Nữ' }, { name: 'Lường Văn Ún', sex: 'Nam' }, { name: 'Quàng Thị Xương', sex: 'Nữ' }] },
];

const STREETS = ['Lê Lợi', 'Trần Hưng Đạo', 'Nguyễn Thị Minh Khai', 'Hoàng Quốc Việt', 'Phạm Ngũ Lão', 'Huỳnh Thúc Kháng', 'Võ Thị Sáu', '30 Tháng 4', 'Lý Thường Kiệt', 'Nguyễn Trãi', 'Hùng Vương', 'Điện Biên Phủ', 'Phan Đình Phùng', 'Nguyễn Hữu Thọ', 'Ỷ Lan', 'Tôn Đức Thắng'];
const VILLAGES = ['Thôn Đông Hưng', 'Ấp Phước Lợi', 'Bản Nà Lừa', 'Buôn Ko Sĩer', 'Tổ dân phố 7', 'Khu phố 3', 'Thôn Thượng Phước', 'Xóm Bãi Ngựa', 'Ấp Mỹ Ơn', 'Làng Kép'];
const MARKS = ['Sẹo chấm C:2cm trên sau đuôi mắt phải', 'Nốt ruồi C:1cm dưới trước cánh mũi trái', 'Sẹo chấm C:3cm dưới sau mép phải', 'Nốt ruồi C:1,5cm trên trước đầu mày trái', 'Sẹo dài 2cm ở cằm'];

function makeName(r: Rand, sex: Sex): string {
  const kind = r.next();
  const mids = MIDDLE[sex];
  const given = r.pick(GIVEN[sex]);
  if (kind < 0.12) return `${r.pick(SURNAMES)} ${given}`; // no middle name
  if (kind < 0.22) return `${r.pick(TWO_WORD_SURNAMES[sex])} ${r.pick(mids)} ${given}`; // two-word surname
  if (kind < 0.4) {
    // 4–5 words
    const a = r.pick(mids);
    let b: string = r.pick(mids);
    if (b === a) b = r.pick(SECOND_GIVEN[sex]);
    return r.chance(0.5) ? `${r.pick(SURNAMES)} ${a} ${b} ${r.pick(SECOND_GIVEN[sex])} ${given}` : `${r.pick(SURNAMES)} ${a} ${r.pick(SECOND_GIVEN[sex])} ${given}`;
  }
  return `${r.pick(SURNAMES)} ${r.pick(mids)} ${given}`;
}

// ---------------------------------------------------------------- dates, numbers
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
function dateBetween(r: Rand, from: [number, number, number], to: [number, number, number]): { y: number; m: number; d: number } {
  const a = Date.UTC(from[0], from[1] - 1, from[2]);
  const b = Date.UTC(to[0], to[1] - 1, to[2]);
  const t = new Date(a + Math.floor(r.next() * (b - a) / 86400000) * 86400000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}
const before = (a: { y: number; m: number; d: number }, b: { y: number; m: number; d: number }) => a.y * 10000 + a.m * 100 + a.d < b.y * 10000 + b.m * 100 + b.d;
export const iso = (x: { y: number; m: number; d: number }) => `${x.y}-${pad(x.m)}-${pad(x.d)}`;
export const dmy = (x: { y: number; m: number; d: number }) => `${pad(x.d)}/${pad(x.m)}/${x.y}`;
export const dmyCompact = (x: { y: number; m: number; d: number }) => `${pad(x.d)}${pad(x.m)}${x.y}`;

/** Renewal ages (Luật Căn cước công dân 2014 art. 21; Luật Căn cước 2023 art. 21 adds 14); within 2 years of one, the next counts. */
function expiryOf(birth: { y: number; m: number; d: number }, issue: { y: number; m: number; d: number }, gen: Generation): { y: number; m: number; d: number } | null {
  const ages = gen === 2024 ? [14, 25, 40, 60] : [25, 40, 60];
  const age = issue.y - birth.y - (issue.m * 100 + issue.d < birth.m * 100 + birth.d ? 1 : 0);
  for (const a of ages) {
    if (a - age > 2 || (a - age > 0 && a === 14)) {
      const y = birth.y + a;
      return { y, m: birth.m, d: Math.min(birth.d, daysIn(y, birth.m)) };
    }
  }
  return null;
}

export function centuryDigit(year: number, sex: Sex): number {
  const c = Math.floor((year - 1900) / 100);
  return c * 2 + (sex === 'Nữ' ? 1 : 0);
}

export function makeHolder(r: Rand, places: Place[], gen: Generation): Holder {
  const ethnicChance = 0.22;
  let fullName: string;
  let sex: Sex;
  let ethnic: string | null = null;
  let home: Place;
  if (r.chance(ethnicChance)) {
    const e = r.pick(ETHNIC);
    const n = r.pick(e.names);
    fullName = n.name;
    sex = n.sex;
    ethnic = e.people;
    home = placeIn(r, places, e.provinces);
  } else {
    sex = r.chance(0.5) ? 'Nam' : 'Nữ';
    fullName = makeName(r, sex);
    home = placeIn(r, places);
  }
  // birth: 1930s … 2010s; the 2021 chip card was issued from age 14, the 2024 card also to children
  const issue = gen === 2021 ? dateBetween(r, [2021, 1, 15], [2024, 6, 28]) : dateBetween(r, [2024, 7, 1], [2026, 11, 30]);
  // every decade from the 1930s, weighted towards the working ages that most cardholders are
  const decades = [1930, 1940, 1950, 1950, 1960, 1960, 1960, 1970, 1970, 1970, 1980, 1980, 1980, 1980, 1990, 1990, 1990, 1990, 2000, 2000, 2000];
  const decade = r.pick(gen === 2024 ? [...decades, 2010, 2010, 2010] : decades);
  let birth = dateBetween(r, [decade, 1, 1], [decade + 9, 12, 31]);
  const latest = { y: issue.y - (gen === 2021 ? 14 : 1), m: issue.m, d: issue.d };
  if (!before(birth, latest)) birth = dateBetween(r, [latest.y - 3, 1, 1], [latest.y, 1, 1]);
  const idNumber = `0${home.provinceCode}${centuryDigit(birth.y, sex)}${pad(birth.y % 100)}${pad(r.int(0, 999999), 6)}`;
  const oldIdNumber = gen === 2021 && birth.y < 1995 && r.chance(0.6) ? String(r.int(10, 38)).padStart(2, '0') + pad(r.int(0, 9999999), 7) : '';
  const residencePlace = r.chance(0.6) ? home : placeIn(r, places);
  const newUnits = !before(issue, { y: 2025, m: 7, d: 1 });
  const origin = placeIn(r, places, [home.provinceCode]);
  const placeOfOrigin = r.chance(0.5) ? `${origin.oldWard}, ${bareDistrict(origin.oldDistrict)}, ${bareProvince(origin.oldProvince)}` : `${origin.oldWard}, ${origin.oldDistrict}, ${origin.oldProvince}`;
  const street = r.chance(0.55);
  const lead = street
    ? `Số ${r.int(1, 489)}${r.chance(0.3) ? `/${r.int(2, 88)}` : ''}${r.chance(0.35) ? `, Ngõ ${r.int(2, 299)}` : ''}, Đường ${r.pick(STREETS)}${r.chance(0.4) ? `, Tổ ${r.int(1, 42)}` : ''}`
    : `${r.pick(VILLAGES)}`;
  const placeOfResidence = newUnits ? `${lead}, ${residencePlace.newWard}, ${residencePlace.newProvince}` : `${lead}, ${residencePlace.oldWard}, ${residencePlace.oldDistrict}, ${residencePlace.oldProvince}`;
  const placeOfBirth = newUnits ? `${home.newWard}, ${home.newProvince}` : `${home.oldWard}, ${bareDistrict(home.oldDistrict)}, ${home.oldProvince}`;
  return {
    generation: gen,
    fullName: fullName.normalize('NFC'),
    sex,
    birth,
    idNumber,
    oldIdNumber,
    placeOfOrigin: placeOfOrigin.normalize('NFC'),
    placeOfResidence: placeOfResidence.normalize('NFC'),
    placeOfBirth: placeOfBirth.normalize('NFC'),
    issue,
    expiry: expiryOf(birth, issue, gen),
    ethnic,
    marks: r.pick(MARKS),
  };
}

/** Name as printed on the card: upper case with diacritics. */
export const printedName = (h: Holder) => h.fullName.toLocaleUpperCase('vi');

export function asciiName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toUpperCase()
    .replace(/[^A-Z ]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

// ---------------------------------------------------------------- QR and MRZ
export function qrPayload(h: Holder): string {
  const base = [h.idNumber, h.oldIdNumber, h.fullName, dmyCompact(h.birth), h.sex, h.placeOfResidence, dmyCompact(h.issue)];
  return (h.generation === 2024 ? [...base, '', '', '', ''] : base).join('|');
}

const MRZ_VALUE = (c: string) => (c === '<' ? 0 : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55);
export function checkDigit(s: string): string {
  const w = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += MRZ_VALUE(s[i]!) * w[i % 3]!;
  return String(sum % 10);
}

export function mrzLines(h: Holder): [string, string, string] {
  const doc = h.idNumber.slice(3);
  const opt1 = `${h.idNumber}<<${checkDigit(h.idNumber)}`.padEnd(15, '<');
  const l1 = `IDVNM${doc}${checkDigit(doc)}${opt1}`;
  const yymmdd = (x: { y: number; m: number; d: number }) => `${pad(x.y % 100)}${pad(x.m)}${pad(x.d)}`;
  const b = yymmdd(h.birth);
  const e = h.expiry ? yymmdd(h.expiry) : '<<<<<<';
  const head = `${b}${checkDigit(b)}${h.sex === 'Nam' ? 'M' : 'F'}${e}${checkDigit(e)}VNM`.padEnd(29, '<');
  const composite = checkDigit(l1.slice(5, 30) + head.slice(0, 7) + head.slice(8, 15) + head.slice(18, 29));
  const l2 = head + composite;
  const words = asciiName(h.fullName).split(' ');
  // a two-word surname goes whole before the << separator; otherwise the first word
  const sw = /^(TON THAT|TON NU|AU DUONG|NGUYEN PHUC) /.exec(words.join(' ')) ? 2 : 1;
  const l3 = `${words.slice(0, sw).join('<')}<<${words.slice(sw).join('<')}`.padEnd(30, '<').slice(0, 30);
  return [l1, l2, l3];
}

export interface Truth7 {
  idNumber: string;
  oldIdNumber?: string;
  fullName: string;
  fullNameAscii: string;
  dateOfBirth: string;
  sex: Sex;
  nationality: string;
  placeOfOrigin?: string;
  placeOfResidence: string;
  issueDate: string;
  dateOfExpiry?: string;
}

export function truthOf(h: Holder): Truth7 {
  const t: Truth7 = {
    idNumber: h.idNumber,
    fullName: h.fullName,
    fullNameAscii: asciiName(h.fullName),
    dateOfBirth: iso(h.birth),
    sex: h.sex,
    nationality: 'Việt Nam',
    placeOfResidence: h.placeOfResidence,
    issueDate: iso(h.issue),
  };
  if (h.oldIdNumber) t.oldIdNumber = h.oldIdNumber;
  if (h.generation === 2021) t.placeOfOrigin = h.placeOfOrigin;
  if (h.expiry) t.dateOfExpiry = iso(h.expiry);
  return t;
}

