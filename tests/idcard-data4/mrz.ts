/**
 * ICAO 9303 TD1 (three lines of 30) as the 2021 chip card's back prints it (reference: cccd.md):
 * line 1 `ID` `VNM`, document number = last 9 digits of the ID, its check digit, optional data =
 * the 12-digit ID, `<<`, the ID's check digit; line 2 birth, sex, expiry, nationality, composite
 * check; line 3 the name without diacritics, surname `<<` given names.
 */

const WEIGHTS = [7, 3, 1] as const;

/** The value of one MRZ character in the check-digit sum: digits as is, A–Z 10–35, `<` 0. */
function charValue(ch: string): number {
  if (ch >= '0' && ch <= '9') return ch.charCodeAt(0) - 48;
  if (ch >= 'A' && ch <= 'Z') return ch.charCodeAt(0) - 55;
  if (ch === '<') return 0;
  throw new Error(`not an MRZ character: ${JSON.stringify(ch)}`);
}

export function checkDigit(field: string): string {
  let sum = 0;
  for (let i = 0; i < field.length; i++) sum += charValue(field[i]!) * WEIGHTS[i % 3]!;
  return String(sum % 10);
}

/** Vietnamese letters to MRZ letters: diacritics dropped, Đ → D, anything else not A–Z becomes a filler. */
export function mrzLetters(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/[đĐ]/g, 'D')
    .toUpperCase()
    .replace(/[^A-Z]+/g, '<');
}

const pad = (s: string, n: number) => (s + '<'.repeat(n)).slice(0, n);

/** dd/mm/yyyy → YYMMDD */
export function mrzDate(ddmmyyyy: string): string {
  const [d, m, y] = ddmmyyyy.split('/');
  return `${y!.slice(2)}${m}${d}`;
}

export interface MrzInput {
  idNumber: string;
  /** Surname words and given-name words (with diacritics), as printed on the front. */
  surname: string[];
  given: string[];
  dateOfBirth: string;
  sex: 'Nam' | 'Nữ';
  dateOfExpiry: string;
}

export function composeTd1(p: MrzInput): [string, string, string] {
  if (!/^\d{12}$/.test(p.idNumber)) throw new Error('the ID must be 12 digits');
  const doc = p.idNumber.slice(3);
  const docCheck = checkDigit(doc);
  const optional1 = `${p.idNumber}<<${checkDigit(p.idNumber)}`;
  const line1 = `IDVNM${doc}${docCheck}${optional1}`;
  const birth = mrzDate(p.dateOfBirth);
  const expiry = mrzDate(p.dateOfExpiry);
  const head2 = `${birth}${checkDigit(birth)}${p.sex === 'Nam' ? 'M' : 'F'}${expiry}${checkDigit(expiry)}VNM`;
  const body2 = pad(head2, 29);
  // composite: line 1 positions 6–30, line 2 positions 1–7, 9–15, 19–29
  const composite = checkDigit(line1.slice(5, 30) + body2.slice(0, 7) + body2.slice(8, 15) + body2.slice(18, 29));
  const line2 = body2 + composite;
  const name = `${p.surname.map(mrzLetters).join('<')}<<${p.given.map(mrzLetters).join('<')}`;
  const line3 = pad(name, 30);
  for (const l of [line1, line2, line3]) if (l.length !== 30) throw new Error('an MRZ line is not 30 characters');
  return [line1, line2, line3];
}
