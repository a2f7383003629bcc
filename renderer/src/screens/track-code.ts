/**
 * Application codes as residents type them (Thông tư 01/2018/TT-VPCP Điều 19):
 * `V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX`, e.g. 000.00.12.H29-261123-1001.
 * Layer: renderer, pure. Lower case is accepted; the dots and dashes are put
 * in for the resident as the digits are typed, and a code written with spaces,
 * other dashes or no separators at all is rebuilt.
 */
import { APPLICATION_CODE_RE } from '../../../common/contract/kiosk-api.ts';

/** d = digit, L = letter, anything else = that separator. */
export const CODE_SHAPE = 'ddd.dd.dd.Ldd-dddddd-dddd';
export const CODE_LENGTH = CODE_SHAPE.length;

function fits(slot: string | undefined, ch: string): boolean {
  if (slot === 'd') return /^\d$/.test(ch);
  if (slot === 'L') return /^[A-Z]$/.test(ch);
  return slot === ch;
}

/** What the next typed character must be: a digit, a letter, or nothing (complete). */
export function nextExpected(value: string): 'digit' | 'letter' | 'none' {
  let i = value.length;
  while (i < CODE_LENGTH && CODE_SHAPE[i] !== 'd' && CODE_SHAPE[i] !== 'L') i++;
  if (i >= CODE_LENGTH) return 'none';
  return CODE_SHAPE[i] === 'L' ? 'letter' : 'digit';
}

/**
 * One key of the track keypad: digits, letters, "." and "-". Separators the
 * shape needs next are added before a digit or letter; a key that cannot come
 * next is ignored (returns the same value).
 */
export function typeCodeKey(value: string, key: string): string {
  const ch = key.toUpperCase();
  if (ch.length !== 1) return value;
  let v = value;
  if (ch === '.' || ch === '-') return fits(CODE_SHAPE[v.length], ch) ? v + ch : v;
  while (v.length < CODE_LENGTH && CODE_SHAPE[v.length] !== 'd' && CODE_SHAPE[v.length] !== 'L') v += CODE_SHAPE[v.length];
  return fits(CODE_SHAPE[v.length], ch) ? v + ch : value;
}

export function deleteCodeKey(value: string): string {
  // Remove the last character and any separator left dangling before it.
  let v = value.slice(0, -1);
  while (v.length > 0 && /[.-]$/.test(v)) v = v.slice(0, -1);
  return v;
}

/**
 * Whatever was typed or pasted → the code in its canonical form when it has
 * the 20 letters and digits of a code, else the cleaned-up text (upper case,
 * no spaces, any dash as "-").
 */
export function normalizeCode(input: string): string {
  const cleaned = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\u2010-\u2015\u2212_]/g, '-')
    .replace(/,/g, '.')
    .replace(/\s+/g, '');
  const alnum = cleaned.replace(/[^0-9A-Z]/g, '');
  if (alnum.length === 20) {
    let out = '';
    for (const ch of alnum) out = typeCodeKey(out, ch);
    if (APPLICATION_CODE_RE.test(out)) return out;
  }
  return cleaned;
}

export function isCompleteCode(value: string): boolean {
  return APPLICATION_CODE_RE.test(value);
}
