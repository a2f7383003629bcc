/**
 * Generator 5's own TD1 machine-readable zone (ICAO 9303 part 5; the Vietnamese layout of cccd.md):
 * line 1 `ID` `VNM` + document number (the ID's last 9 digits) + its check digit + the 12-digit ID, `<<`
 * and the ID's check digit; line 2 birth, sex, expiry, `VNM`, fillers, composite; line 3 the name.
 * The check digits are computed here (weights 7, 3, 1; `<` = 0, A = 10 … Z = 35), independently of the
 * reader; the unit test checks them against the `mrz` package.
 */
import type { Holder } from './people.ts';

export function checkDigit(s: string): string {
  const w = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const v = c === '<' ? 0 : c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55;
    sum += v * w[i % 3]!;
  }
  return String(sum % 10);
}

const yymmdd = (iso: string) => iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
const pad = (s: string, n: number) => (s + '<'.repeat(n)).slice(0, n);

export function td1(h: Holder): [string, string, string] {
  if (!h.dateOfExpiry) throw new Error('a card valid for life gets no MRZ here');
  const doc = h.idNumber.slice(3);
  const l1 = `IDVNM${doc}${checkDigit(doc)}${h.idNumber}<<${checkDigit(h.idNumber)}`;
  const birth = yymmdd(h.dateOfBirth);
  const exp = yymmdd(h.dateOfExpiry);
  const l2a = `${birth}${checkDigit(birth)}${h.female ? 'F' : 'M'}${exp}${checkDigit(exp)}VNM`;
  const l2b = pad(l2a, 29);
  const composite = l1.slice(5, 30) + l2b.slice(0, 7) + l2b.slice(8, 15) + l2b.slice(18, 29);
  const l2 = l2b + checkDigit(composite);
  const surname = h.fullNameAscii.split(' ').slice(0, h.name.surname.split(' ').length);
  const given = h.fullNameAscii.split(' ').slice(surname.length);
  const l3 = pad(`${surname.join('<')}<<${given.join('<')}`, 30);
  if (l1.length !== 30 || l2.length !== 30) throw new Error('TD1 line length');
  return [l1, l2, l3];
}
