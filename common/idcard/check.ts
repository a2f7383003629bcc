/**
 * Cross-checks a reader can do without the chip: the structure of the 12-digit ID against birth
 * year and sex, plausible dates, expiry. Pure.
 *
 * ID = PPP (province of birth registration) · G (century + sex: 0/1 → 1900s male/female, 2/3 → 2000s …)
 *      · YY (birth year mod 100) · 6 digits.
 */
import { todayIso, type IdCardFields, type Sex } from './fields.ts';

/** Province codes of the 12-digit ID (Thông tư 07/2016/TT-BCA, 63 provinces). */
export const PROVINCE_CODES: ReadonlySet<string> = new Set(
  ('001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 038 040 042 ' +
    '044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 080 082 083 084 086 087 ' +
    '089 091 092 093 094 095 096').split(' '),
);

export interface IdStructure {
  province: string;
  provinceKnown: boolean;
  /** First year of the century the G digit encodes (1900, 2000 …). */
  century: number;
  sex: Sex;
  /** Birth year mod 100. */
  yy: number;
}

/** Decode the ID's structure, or undefined when it is not 12 digits. */
export function decodeIdNumber(id: string): IdStructure | undefined {
  if (!/^\d{12}$/.test(id)) return undefined;
  const g = Number(id[3]);
  return {
    province: id.slice(0, 3),
    provinceKnown: PROVINCE_CODES.has(id.slice(0, 3)),
    century: 1900 + 100 * Math.floor(g / 2),
    sex: g % 2 === 0 ? 'Nam' : 'Nữ',
    yy: Number(id.slice(4, 6)),
  };
}

export type CheckCode =
  | 'id_format'
  | 'id_province'
  | 'id_birth_year'
  | 'id_sex'
  | 'birth_implausible'
  | 'issue_implausible'
  | 'expiry_before_issue'
  | 'expired'
  | 'expiry_not_birthday';

export interface CheckIssue {
  code: CheckCode;
  fields: (keyof IdCardFields)[];
  /** Vietnamese, for staff. */
  message: string;
}

export interface CheckResult {
  issues: CheckIssue[];
  /** Pairs that were checked and agree: [field, field]. Used by the fusion to raise confidence. */
  agreements: [keyof IdCardFields, keyof IdCardFields][];
  /** The card's validity date is past (flagged, not an error). */
  expired: boolean;
}

function yearsBetween(a: string, b: string): number {
  const [ya, ma, da] = a.split('-').map(Number) as [number, number, number];
  const [yb, mb, db] = b.split('-').map(Number) as [number, number, number];
  let y = yb - ya;
  if (mb < ma || (mb === ma && db < da)) y--;
  return y;
}

/** Check the fields that can be checked against each other and against today. */
export function checkFields(f: IdCardFields, now: Date = new Date()): CheckResult {
  const today = todayIso(now);
  const issues: CheckIssue[] = [];
  const agreements: CheckResult['agreements'] = [];
  let expired = false;

  if (f.idNumber !== undefined) {
    const s = decodeIdNumber(f.idNumber);
    if (!s) issues.push({ code: 'id_format', fields: ['idNumber'], message: 'số định danh phải có 12 chữ số' });
    else {
      if (!s.provinceKnown) issues.push({ code: 'id_province', fields: ['idNumber'], message: `mã tỉnh ${s.province} không có` });
      if (f.dateOfBirth) {
        const year = Number(f.dateOfBirth.slice(0, 4));
        if (year - (year % 100) === s.century && year % 100 === s.yy) agreements.push(['idNumber', 'dateOfBirth']);
        else issues.push({ code: 'id_birth_year', fields: ['idNumber', 'dateOfBirth'], message: 'số định danh không khớp năm sinh' });
      }
      if (f.sex) {
        if (f.sex === s.sex) agreements.push(['idNumber', 'sex']);
        else issues.push({ code: 'id_sex', fields: ['idNumber', 'sex'], message: 'số định danh không khớp giới tính' });
      }
    }
  }

  if (f.dateOfBirth) {
    const age = yearsBetween(f.dateOfBirth, today);
    if (f.dateOfBirth > today || age > 125)
      issues.push({ code: 'birth_implausible', fields: ['dateOfBirth'], message: 'ngày sinh không hợp lý' });
  }
  if (f.issueDate) {
    // The 12-digit CCCD exists since 2016.
    if (f.issueDate > today || f.issueDate < '2016-01-01' || (f.dateOfBirth && f.issueDate < f.dateOfBirth))
      issues.push({ code: 'issue_implausible', fields: ['issueDate'], message: 'ngày cấp không hợp lý' });
  }
  if (f.dateOfExpiry) {
    if (f.issueDate && f.dateOfExpiry <= f.issueDate)
      issues.push({ code: 'expiry_before_issue', fields: ['dateOfExpiry', 'issueDate'], message: 'ngày hết hạn trước ngày cấp' });
    if (f.dateOfExpiry < today) {
      expired = true;
      issues.push({ code: 'expired', fields: ['dateOfExpiry'], message: 'thẻ đã hết hạn' });
    }
    // A card expires on the holder's 25th, 40th or 60th birthday (14th for a 2024 card of a child).
    if (f.dateOfBirth) {
      const sameDay = f.dateOfExpiry.slice(5) === f.dateOfBirth.slice(5) || (f.dateOfBirth.slice(5) === '02-29' && f.dateOfExpiry.slice(5) === '02-28');
      const age = Number(f.dateOfExpiry.slice(0, 4)) - Number(f.dateOfBirth.slice(0, 4));
      if (sameDay && [14, 25, 40, 60].includes(age)) agreements.push(['dateOfBirth', 'dateOfExpiry']);
      else issues.push({ code: 'expiry_not_birthday', fields: ['dateOfExpiry'], message: 'ngày hết hạn không trùng mốc tuổi 25/40/60' });
    }
  }
  return { issues, agreements, expired };
}
