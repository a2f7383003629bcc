/** Deterministic fake residents for the synthetic ID-card set. Every person is invented. */
import { icaoCheckDigit } from '../../common/idcard/mrz.ts';
import { toAsciiUpper, type IdCardFields, type Sex } from '../../common/idcard/fields.ts';

export type Rng = () => number;

/** mulberry32: small, fast, deterministic. */
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
export const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Đinh', 'Trịnh', 'Lương', 'Mai'];
const MIDDLE_M = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thành', 'Công', 'Xuân', 'Đình', 'Quang'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim', 'Phương', 'Mỹ', 'Hồng', 'Bích', 'Diệu'];
const GIVEN_M = ['An', 'Bình', 'Cường', 'Dũng', 'Hùng', 'Khánh', 'Long', 'Nam', 'Phúc', 'Quân', 'Sơn', 'Thắng', 'Tuấn', 'Việt', 'Hải', 'Đạt', 'Hiếu', 'Lộc', 'Trường', 'Tiến'];
const GIVEN_F = ['Anh', 'Chi', 'Dung', 'Hà', 'Hằng', 'Hoa', 'Hương', 'Lan', 'Linh', 'Mai', 'Ngọc', 'Nhung', 'Oanh', 'Phượng', 'Thảo', 'Trang', 'Tuyết', 'Yến', 'Quỳnh', 'Vân'];

const PROVINCES: [string, string][] = [
  ['001', 'Hà Nội'], ['079', 'TP. Hồ Chí Minh'], ['048', 'Đà Nẵng'], ['031', 'Hải Phòng'], ['092', 'Cần Thơ'],
  ['036', 'Nam Định'], ['038', 'Thanh Hóa'], ['040', 'Nghệ An'], ['046', 'Thừa Thiên Huế'], ['034', 'Thái Bình'],
  ['027', 'Bắc Ninh'], ['075', 'Đồng Nai'], ['089', 'An Giang'], ['066', 'Đắk Lắk'], ['022', 'Quảng Ninh'],
];
const STREETS = ['Phố Huế', 'Hàng Bài', 'Lê Lợi', 'Trần Hưng Đạo', 'Nguyễn Trãi', 'Lý Thường Kiệt', 'Hai Bà Trưng', 'Điện Biên Phủ', 'Quang Trung', 'Bạch Đằng'];
const WARDS = ['Phường Hàng Bạc', 'Phường Bến Nghé', 'Phường Tân Định', 'Phường Cửa Nam', 'Phường Đống Đa', 'Phường Hòa Cường', 'Phường Lê Lợi', 'Phường Trần Phú'];
const DISTRICTS = ['Quận Hoàn Kiếm', 'Quận 1', 'Quận Ba Đình', 'Quận Hải Châu', 'Quận Ninh Kiều', 'Thành phố Vinh', 'Quận Lê Chân'];
const COMMUNES = ['Xã Yên Phong', 'Xã Hải Hậu', 'Xã Quỳnh Lưu', 'Xã Tiên Du', 'Xã Thọ Xuân', 'Xã Kiến Xương', 'Xã Phú Vang'];
const RURAL = ['Huyện Yên Phong', 'Huyện Hải Hậu', 'Huyện Quỳnh Lưu', 'Huyện Tiên Du', 'Huyện Thọ Xuân', 'Huyện Kiến Xương'];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export interface FakePerson {
  /** What the card says (ISO dates; fullName in title case as in the QR). */
  fields: Required<Pick<IdCardFields, 'idNumber' | 'fullName' | 'dateOfBirth' | 'sex' | 'nationality' | 'placeOfOrigin' | 'placeOfResidence' | 'issueDate'>> &
    Pick<IdCardFields, 'oldIdNumber' | 'dateOfExpiry'>;
  fullNameAscii: string;
  /** 2021 = CCCD with chip, 2024 = Căn cước. */
  generation: 2021 | 2024;
  qrPayload: string;
  mrz: [string, string, string];
}

export const ddmmyyyy = (iso: string) => iso.slice(8, 10) + iso.slice(5, 7) + iso.slice(0, 4);
export const printed = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

export function makePerson(rng: Rng, generation: 2021 | 2024): FakePerson {
  const sex: Sex = rng() < 0.5 ? 'Nam' : 'Nữ';
  const surname = pick(rng, SURNAMES);
  const middle = pick(rng, sex === 'Nam' ? MIDDLE_M : MIDDLE_F);
  const given = pick(rng, sex === 'Nam' ? GIVEN_M : GIVEN_F);
  const fullName = rng() < 0.25 ? `${surname} ${middle} ${pick(rng, sex === 'Nam' ? MIDDLE_M : MIDDLE_F)} ${given}` : `${surname} ${middle} ${given}`;
  const year = int(rng, 1966, 2007);
  const month = int(rng, 1, 12);
  const day = int(rng, 1, 28);
  const dob = `${year}-${pad(month)}-${pad(day)}`;
  const [pcode, pname] = pick(rng, PROVINCES);
  const g = (Math.floor((year - 1900) / 100) * 2 + (sex === 'Nam' ? 0 : 1)).toString();
  const idNumber = `${pcode}${g}${pad(year % 100)}${pad(int(rng, 0, 999999), 6)}`;
  const oldIdNumber = year < 1995 && rng() < 0.6 ? pad(int(rng, 10000000, 399999999), 9) : undefined;
  const issueYear = generation === 2021 ? int(rng, 2021, 2023) : int(rng, 2024, 2025);
  const issueMonth = generation === 2024 && issueYear === 2024 ? int(rng, 7, 12) : int(rng, 1, 5);
  const issueDate = `${issueYear}-${pad(issueMonth)}-${pad(int(rng, 1, 28))}`;
  const ageAtIssue = issueYear - year;
  const expAge: number | undefined = ageAtIssue < 23 ? 25 : ageAtIssue < 38 ? 40 : ageAtIssue < 60 ? 60 : undefined;
  const dateOfExpiry = expAge ? `${year + expAge}-${pad(month)}-${pad(day)}` : undefined;
  const residence = `Số ${int(rng, 1, 199)} ${pick(rng, STREETS)}, ${pick(rng, WARDS)}, ${pick(rng, DISTRICTS)}, ${pname}`;
  const origin = `${pick(rng, COMMUNES)}, ${pick(rng, RURAL)}, ${pick(rng, PROVINCES)[1]}`;
  const fields: FakePerson['fields'] = {
    idNumber,
    fullName,
    dateOfBirth: dob,
    sex,
    nationality: 'Việt Nam',
    placeOfOrigin: origin,
    placeOfResidence: residence,
    issueDate,
    ...(oldIdNumber ? { oldIdNumber } : {}),
    ...(dateOfExpiry ? { dateOfExpiry } : {}),
  };
  const qrFields = [idNumber, oldIdNumber ?? '', fullName, ddmmyyyy(dob), sex, residence, ddmmyyyy(issueDate)];
  const qrPayload = (generation === 2024 ? [...qrFields, '', '', '', ''] : qrFields).join('|');
  const fullNameAscii = toAsciiUpper(fullName);
  return { fields, fullNameAscii, generation, qrPayload, mrz: makeMrz(idNumber, dob, sex, dateOfExpiry, fullName) };
}

export function makeMrz(id: string, dob: string, sex: Sex, expiry: string | undefined, fullName: string): [string, string, string] {
  const doc = id.slice(3);
  const l1 = `IDVNM${doc}${icaoCheckDigit(doc)}${id}<<${icaoCheckDigit(id)}`;
  const b = dob.slice(2, 4) + dob.slice(5, 7) + dob.slice(8, 10);
  // Everyone in this set is born 1966 or later, so every card has an expiry date.
  const ex = expiry ?? dob;
  const e = ex.slice(2, 4) + ex.slice(5, 7) + ex.slice(8, 10);
  const body = `${b}${icaoCheckDigit(b)}${sex === 'Nam' ? 'M' : 'F'}${e}${icaoCheckDigit(e)}VNM<<<<<<<<<<<`;
  const comp = icaoCheckDigit(l1.slice(5, 30) + body.slice(0, 7) + body.slice(8, 15) + body.slice(18, 29));
  const words = toAsciiUpper(fullName).split(' ');
  const l3 = `${words[0]}<<${words.slice(1).join('<')}`.padEnd(30, '<').slice(0, 30);
  return [l1, body + comp, l3];
}
