/**
 * Generator 11's holders: invented residents with numbers, dates and places that follow the real cards'
 * rules (the reference beside the project, ../shared/reference/cccd.md; the Law on Identification 2023 for the renewal ages), places from
 * common/admin (cards issued before 1 July 2025 name the old units, from that day the 2025 units).
 * Written from scratch for generator 11; shares nothing with generators 1–10.
 */
import type { IdCardFields, Sex } from '../../common/idcard/fields.ts';
import { toAsciiUpper } from '../../common/idcard/fields.ts';
import { currentUnits } from '../../common/admin/wards.ts';
import { units, type OldWard } from '../../common/admin/units.ts';

/** A small deterministic generator (xorshift128+ folded to 32 bits): the same seed gives the same set. */
export class Rng {
  private a: number;
  private b: number;
  constructor(seed: number) {
    this.a = (seed ^ 0x9e3779b9) >>> 0 || 1;
    this.b = (Math.imul(seed, 0x85ebca6b) ^ 0xc2b2ae35) >>> 0 || 2;
    for (let i = 0; i < 12; i++) this.u32();
  }
  u32(): number {
    let s1 = this.a;
    const s0 = this.b;
    this.a = s0;
    s1 ^= s1 << 23;
    s1 ^= s1 >>> 17;
    s1 ^= s0 ^ (s0 >>> 26);
    this.b = s1 >>> 0;
    return (this.a + this.b) >>> 0;
  }
  next(): number {
    return this.u32() / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  between(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }
}

// Surnames: common, rare, and two-word ones (the MRZ puts `<<` after the first word).
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const RARE_SURNAMES = ['Ưng', 'Ông', 'Khúc', 'Quách', 'Lữ', 'Mạc', 'Thạch', 'Kiều', 'Ninh', 'Đàm', 'Giáp', 'Diệp', 'Lò', 'Hứa', 'Âu', 'Ứng', 'Tạ', 'Văn', 'Vi', 'Y', 'Khổng', 'Chử', 'Lạc', 'Thái', 'Đinh'];
const TWO_WORD_SURNAMES = ['Tôn Nữ', 'Tôn Thất', 'Âu Dương', 'Hoàng Phủ', 'Nguyễn Phúc', 'Tư Mã'];
const MIDDLE_MALE = ['Văn', 'Hữu', 'Đức', 'Quốc', 'Minh', 'Thế', 'Xuân', 'Công', 'Bá', 'Trọng', 'Khắc', 'Duy'];
const MIDDLE_FEMALE = ['Thị', 'Ngọc', 'Thị Mỹ', 'Thu', 'Bích', 'Thị Kim', 'Diễm', 'Quỳnh', 'Thị Ánh'];
const GIVEN_MALE = ['Dũng', 'Khải', 'Tuấn', 'Vỹ', 'Sỹ', 'Kỷ', 'Thụy', 'Hưởng', 'Dưỡng', 'Lực', 'Toản', 'Quyết', 'Nghĩa', 'Hiếu', 'Thưởng', 'Đạt', 'Lộc', 'Ẩn', 'Uy', 'Ỷ', 'Khiêm', 'Nhượng', 'Luyện', 'Ngữ', 'Cường', 'Tỵ'];
const GIVEN_FEMALE = ['Hường', 'Mỹ', 'Tuyết', 'Nguyệt', 'Thủy', 'Yến', 'Huệ', 'Ngân', 'Trinh', 'Hằng', 'Duyên', 'Diệu', 'Ửng', 'Quế', 'Xuyến', 'Oanh', 'Lụa', 'Nhụy', 'Thoa', 'Ỹ', 'Ngọc Hân', 'Khuê', 'Liễu', 'Gấm'];
const STREETS = ['Lê Lợi', 'Trần Hưng Đạo', 'Nguyễn Trãi', 'Hùng Vương', 'Phan Đình Phùng', 'Lý Thường Kiệt', 'Bà Triệu', 'Quang Trung', 'Hai Bà Trưng', 'Ngô Quyền', 'Điện Biên Phủ', 'Yết Kiêu'];
const HAMLETS = ['Đông', 'Thượng', 'Hạ', 'Trung', 'Phú Mỹ', 'Tân Lập', 'Bình An', 'Kỳ Sơn', 'Hòa Bình', 'Nà Ngần', 'Vĩnh Phước'];
const MARKS = ['Nốt ruồi C:1cm trên sau đuôi mắt phải', 'Sẹo chấm C:2cm dưới trước cằm trái', 'Nốt ruồi C:1,5cm dưới mép phải', 'Sẹo chấm C:3cm trên đầu mày trái', 'Nốt ruồi C:2cm trên cánh mũi phải'];
const DIRECTORS = ['Lạc Hữu Nghị', 'Khúc Thừa Vỹ', 'Ninh Quốc Tuệ'];

export type Generation = 2021 | 2024;

export interface Holder {
  generation: Generation;
  fullName: string;
  surnameWords: number;
  sex: Sex;
  dob: { y: number; m: number; d: number };
  idNumber: string;
  oldIdNumber?: string;
  /** Place of origin (2021 cards) — old units. */
  placeOfOrigin: string;
  /** Place of birth registration (2024 backs). */
  placeOfBirth: string;
  placeOfResidence: string;
  issue: { y: number; m: number; d: number };
  /** undefined: valid for life ("Không thời hạn"). */
  expiry?: { y: number; m: number; d: number };
  mark: string;
  director: string;
  qrPayload: string;
  mrz?: [string, string, string];
  truth: IdCardFields;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
export const iso = (d: { y: number; m: number; d: number }) => `${d.y}-${pad(d.m)}-${pad(d.d)}`;
export const printed = (d: { y: number; m: number; d: number }) => `${pad(d.d)}/${pad(d.m)}/${d.y}`;
const ddmmyyyy = (d: { y: number; m: number; d: number }) => `${pad(d.d)}${pad(d.m)}${d.y}`;
const yymmdd = (d: { y: number; m: number; d: number }) => `${pad(d.y % 100)}${pad(d.m)}${pad(d.d)}`;
const ord = (d: { y: number; m: number; d: number }) => d.y * 10000 + d.m * 100 + d.d;

/** ICAO 9303 check digit (weights 7, 3, 1; A=10 … Z=35, `<` = 0). */
export function icaoCheck(s: string): string {
  const w = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const v = c === '<' ? 0 : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
    sum += v * w[i % 3]!;
  }
  return String(sum % 10);
}

/**
 * The renewal ages (14, 25, 40, 60 — 2021 cards from 14, so 25, 40, 60): a card is valid until the
 * birthday of the first renewal age more than two years after its issue; from two years before 60, for life.
 */
export function expiryOf(dob: { y: number; m: number; d: number }, issue: { y: number; m: number; d: number }, generation: Generation): { y: number; m: number; d: number } | undefined {
  const ages = generation === 2024 ? [14, 25, 40, 60] : [25, 40, 60];
  for (const a of ages) {
    const twoYearsBefore = { y: dob.y + a - 2, m: dob.m, d: dob.d };
    if (ord(issue) < ord(twoYearsBefore)) return { y: dob.y + a, m: dob.m, d: dob.d };
  }
  return undefined;
}

function mrzName(fullName: string): string {
  const words = toAsciiUpper(fullName).split(' ');
  return `${words.slice(0, 1).join('<')}<<${words.slice(1).join('<')}`.padEnd(30, '<');
}

export function mrzOf(h: Pick<Holder, 'idNumber' | 'dob' | 'sex' | 'expiry' | 'fullName'>): [string, string, string] | undefined {
  if (!h.expiry) return undefined;
  const doc = h.idNumber.slice(3);
  const l1 = `IDVNM${doc}${icaoCheck(doc)}${h.idNumber}<<${icaoCheck(h.idNumber)}`;
  const birth = yymmdd(h.dob);
  const exp = yymmdd(h.expiry);
  const head = `${birth}${icaoCheck(birth)}${h.sex === 'Nam' ? 'M' : 'F'}${exp}${icaoCheck(exp)}VNM${'<'.repeat(11)}`;
  const composite = icaoCheck(l1.slice(5, 30) + head.slice(0, 7) + head.slice(8, 15) + head.slice(18, 29));
  const l3 = mrzName(h.fullName);
  if (l1.length !== 30 || head.length + 1 !== 30 || l3.length !== 30) return undefined;
  return [l1, head + composite, l3];
}

function oldAddress(rng: Rng, w: OldWard, withHouse: boolean): string {
  const urban = /^(Phường|Thị trấn)/.test(w.name);
  const house = !withHouse ? '' : urban ? (rng.chance(0.6) ? `Số ${rng.int(1, 240)} ${rng.pick(STREETS)}, ` : `Tổ ${rng.int(1, 30)}, `) : `${rng.pick(['Thôn', 'Xóm', 'Ấp', 'Bản'])} ${rng.pick(HAMLETS)}, `;
  return `${house}${w.name}, ${w.districtName}, ${w.provinceName}`;
}

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
function dateBetween(rng: Rng, lo: { y: number; m: number; d: number }, hi: { y: number; m: number; d: number }) {
  const t0 = Date.UTC(lo.y, lo.m - 1, lo.d), t1 = Date.UTC(hi.y, hi.m - 1, hi.d);
  const t = new Date(t0 + Math.floor(rng.next() * ((t1 - t0) / 86400000 + 1)) * 86400000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** One holder; `index` spreads the ages and the generations over the set. */
export function makeHolder(rng: Rng, index: number): Holder {
  const u = units();
  const cur = currentUnits();
  const generation: Generation = index % 2 === 0 ? 2021 : 2024;
  const sex: Sex = rng.chance(0.5) ? 'Nam' : 'Nữ';
  // the name: 2–5 words, every tone and the rare letters over the set; its MRZ line must fit 30 characters
  let fullName = '';
  let surnameWords = 1;
  for (let tries = 0; tries < 50; tries++) {
    const kind = rng.next();
    const surname = kind < 0.15 ? rng.pick(TWO_WORD_SURNAMES) : kind < 0.5 ? rng.pick(RARE_SURNAMES) : rng.pick(SURNAMES);
    surnameWords = surname.split(' ').length;
    const middle = rng.chance(0.12) ? '' : sex === 'Nam' ? rng.pick(MIDDLE_MALE) : rng.pick(MIDDLE_FEMALE);
    const given = sex === 'Nam' ? rng.pick(GIVEN_MALE) : rng.pick(GIVEN_FEMALE);
    const extra = rng.chance(0.15) && middle ? (sex === 'Nam' ? 'Minh' : 'Như') + ' ' : '';
    if (surname === 'Tôn Nữ' && sex === 'Nam') continue;
    fullName = [surname, middle, extra.trim(), given].filter(Boolean).join(' ');
    const words = fullName.split(' ').length;
    if (words >= 2 && words <= 5 && mrzName(fullName).replace(/<+$/, '').length <= 30) break;
  }
  // ages across the range: born 1938–2018, the card issued at 14 or older (2021) or 6 or older (2024)
  const issueLo = generation === 2021 ? { y: 2021, m: 1, d: 15 } : { y: 2024, m: 7, d: 1 };
  const issueHi = generation === 2021 ? { y: 2024, m: 6, d: 28 } : { y: 2026, m: 11, d: 27 };
  const issue = dateBetween(rng, issueLo, issueHi);
  const minAge = generation === 2021 ? 14 : 6;
  const ageBand = [minAge + rng.int(0, 8), rng.int(22, 27), rng.int(28, 45), rng.int(38, 41), rng.int(46, 62), rng.int(52, 58), rng.int(63, 88)][index % 7]!;
  const by = issue.y - Math.max(minAge + 1, ageBand);
  const dob = { y: by, m: rng.int(1, 12), d: 0 };
  dob.d = rng.int(1, Math.min(28, daysIn(dob.y, dob.m)));
  // ID: province of birth registration, century+sex, year, six digits
  const birthWard = rng.pick(u.oldWards.filter((w) => w.name));
  const century = Math.floor(dob.y / 100) - 19;
  const g = century * 2 + (sex === 'Nữ' ? 1 : 0);
  const idNumber = `0${birthWard.provinceCode}${g}${pad(dob.y % 100)}${pad(rng.int(0, 999999), 6)}`;
  const oldIdNumber = generation === 2021 && dob.y < 1999 && rng.chance(0.6) ? `${pad(rng.int(1, 38), 2)}${pad(rng.int(0, 9999999), 7)}` : undefined;
  const originWard = rng.chance(0.5) ? birthWard : rng.pick(u.oldWards.filter((w) => w.name));
  const placeOfOrigin = oldAddress(rng, originWard, false);
  const after2025 = ord(issue) >= 20250701;
  const newProvince = cur.province(u.newProvincesOfOld(birthWard.provinceCode)[0] ?? '');
  const placeOfBirth = after2025 && newProvince ? newProvince.name : birthWard.provinceName;
  let placeOfResidence: string;
  if (after2025) {
    const p = rng.pick(cur.provinces);
    const w = rng.pick(cur.wardsOf(p.code));
    const urban = /^Phường/.test(w.name);
    const house = urban ? `Số ${rng.int(1, 300)} ${rng.pick(STREETS)}` : `${rng.pick(['Thôn', 'Xóm', 'Ấp', 'Bản'])} ${rng.pick(HAMLETS)}`;
    placeOfResidence = `${house}, ${w.name}, ${p.name}`;
  } else placeOfResidence = oldAddress(rng, rng.chance(0.4) ? originWard : rng.pick(u.oldWards.filter((w) => w.name)), true);
  const expiry = expiryOf(dob, issue, generation);
  const base = { idNumber, dob, sex, expiry, fullName, surnameWords };
  const mrz = mrzOf(base);
  const fields = [idNumber, oldIdNumber ?? '', fullName, ddmmyyyy(dob), sex, placeOfResidence, ddmmyyyy(issue)];
  const qrPayload = (generation === 2024 ? [...fields, '', '', '', ''] : fields).join('|');
  const truth: IdCardFields = {
    idNumber,
    ...(oldIdNumber ? { oldIdNumber } : {}),
    fullName,
    fullNameAscii: toAsciiUpper(fullName),
    dateOfBirth: iso(dob),
    sex,
    nationality: 'Việt Nam',
    ...(generation === 2021 ? { placeOfOrigin } : {}),
    placeOfResidence,
    issueDate: iso(issue),
    ...(expiry ? { dateOfExpiry: iso(expiry) } : {}),
  };
  return { generation, fullName, surnameWords, sex, dob, idNumber, oldIdNumber, placeOfOrigin, placeOfBirth, placeOfResidence, issue, expiry, mark: rng.pick(MARKS), director: rng.pick(DIRECTORS), qrPayload, mrz, truth };
}
