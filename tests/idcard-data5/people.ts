/**
 * Generator 5's invented holders: number rules, dates, addresses (old units before 1 July 2025, the 2025
 * units after), all drawn from its own RNG. Nothing here is read from the other generators or the reader.
 *
 * - ID (12 digits): the province of birth registration (0 + the statistics office's 2-digit code of one of
 *   the 63 pre-2025 provinces) + the century/sex digit (0/1 born 1900s male/female, 2/3 born 2000s) + the
 *   birth year's last two digits + 6 random digits.
 * - Expiry: the card is renewed on the 25th, 40th and 60th birthday (2021 chip cards; the 2024 cards also on
 *   the 14th); a card issued less than two years before such a birthday runs to the next one; a card issued
 *   at 58 or later has none ("Không thời hạn").
 */
import { readFileSync } from 'node:fs';
import { asciiUpper, makeName, type HolderName } from './names.ts';
import type { Rng } from './rng.ts';

type OldWard = [code: string, name: string, district: string, to: [string, number][]];
interface Units {
  oldProvinces: Map<string, string>;
  oldDistricts: Map<string, [name: string, province: string]>;
  oldWards: OldWard[];
  newWards: Map<string, [name: string, province: string]>;
  newProvinces: Map<string, string>;
}

let units: Units | undefined;
function loadUnits(): Units {
  if (units) return units;
  const conv = JSON.parse(readFileSync(new URL('../../common/admin/data/conversion-2025.json', import.meta.url), 'utf8')) as {
    oldProvinces: [string, string][];
    oldDistricts: [string, string, string][];
    oldWards: OldWard[];
  };
  const cur = JSON.parse(readFileSync(new URL('../../common/admin/data/wards-2025.json', import.meta.url), 'utf8')) as {
    provinces: [string, string][];
    wards: [string, string, string][];
  };
  units = {
    oldProvinces: new Map(conv.oldProvinces),
    oldDistricts: new Map(conv.oldDistricts.map(([c, n, p]) => [c, [n, p]])),
    oldWards: conv.oldWards,
    newWards: new Map(cur.wards.map(([c, n, p]) => [c, [n, p]])),
    newProvinces: new Map(cur.provinces),
  };
  return units;
}

export interface Holder {
  name: HolderName;
  fullNameAscii: string;
  female: boolean;
  sex: 'Nam' | 'Nữ';
  idNumber: string;
  oldIdNumber: string;
  /** ISO yyyy-mm-dd */
  dateOfBirth: string;
  issueDate: string;
  /** undefined: valid for life */
  dateOfExpiry?: string;
  generation: 2021 | 2024;
  placeOfOrigin: string;
  placeOfResidence: string;
  placeOfBirthRegistration: string;
  /** the ethnic group, the religion and the identifying mark printed on the back */
  mark: string;
}

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
export const toDmy = (isoDate: string, sep = '/') => isoDate.split('-').reverse().join(sep);

function randomDate(rng: Rng, from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return new Date(a + Math.floor(rng.next() * ((b - a) / 86400000 + 1)) * 86400000).toISOString().slice(0, 10);
}

function birthdayAt(dob: string, age: number): string {
  const [y, m, d] = dob.split('-').map(Number) as [number, number, number];
  const yy = y + age;
  return iso(yy, m, Math.min(d, daysIn(yy, m)));
}

export function expiryFor(dob: string, issue: string, generation: 2021 | 2024): string | undefined {
  const ages = generation === 2024 ? [14, 25, 40, 60] : [25, 40, 60];
  const issueT = Date.parse(issue);
  for (const age of ages) {
    const b = birthdayAt(dob, age);
    if (Date.parse(b) - issueT > 2 * 365.25 * 86400000) return b;
  }
  return undefined;
}

const STREETS = ['Lê Lợi', 'Trần Hưng Đạo', 'Nguyễn Trãi', 'Hai Bà Trưng', 'Lý Thường Kiệt', 'Phan Đình Phùng', 'Hoàng Diệu', 'Quang Trung', 'Võ Thị Sáu', 'Nguyễn Thị Minh Khai', 'Bà Triệu', 'Ngô Quyền', 'Yết Kiêu', 'Chu Văn An', 'Tôn Đức Thắng', 'Lạc Long Quân', 'Âu Cơ', 'Hùng Vương', 'Đội Cấn', 'Thủ Khoa Huân'];
const HAMLETS = ['Thôn Thượng', 'Thôn Đông', 'Thôn Hạ', 'Xóm Giữa', 'Ấp Bình Hòa', 'Ấp 3', 'Bản Nà Ngần', 'Thôn Ngọc Lũy', 'Tổ dân phố 7', 'Khu phố 4', 'Buôn Ea Knốp', 'Làng Kon Klor', 'Xóm Trại', 'Thôn Yên Ổn'];

function streetPart(rng: Rng, ward: string): string {
  if (/^Phường|^Thị trấn/.test(ward) && rng.chance(0.75)) {
    const n = rng.int(1, 280);
    const lane = rng.chance(0.5) ? `Ngõ ${rng.int(2, 160)}, ` : rng.chance(0.3) ? `Hẻm ${rng.int(2, 99)}/${rng.int(1, 40)}, ` : '';
    return `Số ${n}, ${lane}${rng.chance(0.5) ? 'Đường' : 'Phố'} ${rng.pick(STREETS)}`;
  }
  return rng.pick(HAMLETS);
}

/** An address in the units before 1 July 2025: "…, Xã …, Huyện …, Tỉnh …" (unit kinds spelled out, or not). */
function oldAddress(rng: Rng, w: OldWard, withStreet: boolean, short: boolean): string {
  const u = loadUnits();
  const [dName, pCode] = u.oldDistricts.get(w[2])!;
  const pName = u.oldProvinces.get(pCode)!;
  const strip = (s: string) => s.replace(/^(Thành phố|Tỉnh|Quận|Huyện|Thị xã|Phường|Xã|Thị trấn) /, '');
  const parts = short ? [strip(w[1]), strip(dName), strip(pName)] : [w[1], dName, pName];
  if (withStreet) parts.unshift(streetPart(rng, w[1]));
  return parts.join(', ');
}

/** The same place in the 2025 units: "…, Phường …, Thành phố …" (two levels). */
function newAddress(rng: Rng, w: OldWard, withStreet: boolean): string {
  const u = loadUnits();
  const [wName, pCode] = u.newWards.get(w[3][0]![0]) ?? [w[1], ''];
  const pName = u.newProvinces.get(pCode) ?? '';
  return [withStreet ? streetPart(rng, wName) : '', wName, pName].filter(Boolean).join(', ');
}

const ETHNIC = ['Kinh', 'Kinh', 'Kinh', 'Tày', 'Thái', 'Mường', 'Khmer', 'Nùng', 'Hmông', 'Chăm'];
const MARKS = ['Nốt ruồi C: 1cm trên trước đầu mày phải', 'Sẹo chấm C: 2cm dưới sau cánh mũi trái', 'Nốt ruồi cách 1,5cm dưới sau mép phải', 'Sẹo chấm cách 3cm trên đuôi mắt trái', 'Nốt ruồi C: 2cm dưới trước dái tai trái'];

export function makeHolder(rng: Rng, generation: 2021 | 2024): Holder {
  const u = loadUnits();
  const female = rng.chance(0.5);
  const name = makeName(rng, female);
  const issueDate = generation === 2021 ? randomDate(rng, '2021-01-04', '2024-06-28') : randomDate(rng, '2024-07-01', '2026-11-27');
  const issueYear = Number(issueDate.slice(0, 4));
  const young = generation === 2024 && rng.chance(0.12);
  const dateOfBirth = young ? randomDate(rng, `${issueYear - 13}-01-01`, `${issueYear - 6}-12-31`) : randomDate(rng, '1938-01-01', `${issueYear - 15}-12-31`);
  const by = Number(dateOfBirth.slice(0, 4));
  const origin = rng.pick(u.oldWards);
  const residence = rng.chance(0.35) ? origin : rng.pick(u.oldWards);
  const regWard = rng.chance(0.6) ? origin : residence;
  const regProvince = u.oldDistricts.get(regWard[2])![1];
  const g = (by >= 2000 ? 2 : 0) + (female ? 1 : 0);
  let tail = '';
  for (let i = 0; i < 6; i++) tail += rng.int(0, 9);
  const idNumber = `0${regProvince}${g}${String(by % 100).padStart(2, '0')}${tail}`;
  let oldIdNumber = '';
  if (by < 2004 && rng.chance(0.6)) for (let i = 0; i < 9; i++) oldIdNumber += i === 0 ? rng.int(0, 3) : rng.int(0, 9);
  const after2025 = issueDate >= '2025-07-01';
  const short = rng.chance(0.5);
  return {
    name,
    fullNameAscii: asciiUpper(name.full),
    female,
    sex: female ? 'Nữ' : 'Nam',
    idNumber,
    oldIdNumber,
    dateOfBirth,
    issueDate,
    dateOfExpiry: expiryFor(dateOfBirth, issueDate, generation),
    generation,
    placeOfOrigin: oldAddress(rng, origin, false, short),
    placeOfResidence: after2025 ? newAddress(rng, residence, true) : oldAddress(rng, residence, true, false),
    placeOfBirthRegistration: after2025 ? newAddress(rng, regWard, false) : oldAddress(rng, regWard, false, short),
    mark: `${rng.pick(ETHNIC)} · ${rng.pick(MARKS)}`,
  };
}

/** The 2021 chip card's QR text (the reference's 7 fields), and the 2024 card's (sometimes 4 more, empty). */
export function qrText(h: Holder, rng: Rng): string {
  const f = [h.idNumber, h.oldIdNumber, h.name.full, toDmy(h.dateOfBirth, ''), h.sex, h.placeOfResidence, toDmy(h.issueDate, '')];
  if (h.generation === 2024 && rng.chance(0.5)) f.push('', '', '', '');
  return f.join('|');
}
