/**
 * VietQR payloads (NAPAS, on EMVCo QR Code Specification for Payment Systems —
 * Merchant-Presented Mode): any Vietnamese banking app reads them and fills
 * in the transfer.
 *
 *   00 Payload Format Indicator = "01"
 *   01 Point of Initiation = "12" (dynamic: with an amount) or "11" (static)
 *   38 Merchant Account Information (NAPAS):
 *        00 GUID = "A000000727"
 *        01 beneficiary = { 00 acquirer/bank BIN (6 digits), 01 account number }
 *        02 service = "QRIBFTTA" (transfer to an account)
 *   53 currency = "704" (VND)   54 amount (whole đồng)   58 country = "VN"
 *   62 additional data = { 08 purpose of transaction } (the dossier number)
 *   63 CRC = CRC-16/CCITT-FALSE over everything before it, including "6304"
 *
 * Inputs are checked (never silently truncated): the BIN is 6 digits, the
 * account 1–19 letters or digits, the amount a whole number of đồng, the
 * purpose at most 25 characters of A–Z, 0–9, space, "." and "-" after
 * diacritics are stripped (bank apps show it as the transfer note, and many
 * drop anything else).
 *
 * Layer: common — pure code.
 */
import { z } from 'zod';

export const VIETQR_GUID = 'A000000727';
export const VIETQR_SERVICE = 'QRIBFTTA';
/** EMVCo: tag 62/08 "Purpose of Transaction" is at most 25 characters. */
export const PURPOSE_MAX = 25;
/** Tag 54 is at most 13 characters; a transfer above this is not a fee. */
export const AMOUNT_MAX = 9_999_999_999;

export const BankBin = z.string().regex(/^\d{6}$/, 'the bank BIN is 6 digits (NAPAS acquirer id, e.g. 970415)');
export const AccountNumber = z.string().regex(/^[0-9A-Za-z]{1,19}$/, 'the account is 1–19 letters or digits, no spaces');

/** Strip diacritics (đ → d) and keep what every bank app shows: A–Z a–z 0–9 space . - */
export function plainPurpose(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/\s+/g, ' ')
    .trim();
}

export const Purpose = z
  .string()
  .transform(plainPurpose)
  .pipe(
    z
      .string()
      .min(1, 'the purpose is empty')
      .max(PURPOSE_MAX, `the purpose is at most ${PURPOSE_MAX} characters`)
      .regex(/^[A-Za-z0-9 .-]+$/, 'the purpose may only have letters, digits, spaces, "." and "-"'),
  );

export const VietQrInput = z
  .object({
    bankBin: BankBin,
    account: AccountNumber,
    /** Whole đồng; absent for a static QR (the payer types the amount). */
    amount: z.number().int('the amount is whole đồng').positive('the amount must be above 0').max(AMOUNT_MAX, 'the amount is too large').optional(),
    purpose: Purpose.optional(),
  })
  .strict();
export type VietQrInput = z.input<typeof VietQrInput>;

/** One TLV field: 2-digit id, 2-digit length, value. */
function tlv(id: string, value: string): string {
  if (value.length > 99) throw new Error(`EMVCo field ${id} is longer than 99`);
  return id + String(value.length).padStart(2, '0') + value;
}

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no xor-out), 4 upper-case hex digits. */
export function crc16ccittFalse(text: string): string {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** The payload text (throws a ZodError naming the bad input). */
export function vietQrPayload(input: VietQrInput): string {
  const v = VietQrInput.parse(input);
  const merchant = tlv('00', VIETQR_GUID) + tlv('01', tlv('00', v.bankBin) + tlv('01', v.account)) + tlv('02', VIETQR_SERVICE);
  let s = tlv('00', '01') + tlv('01', v.amount === undefined ? '11' : '12') + tlv('38', merchant) + tlv('53', '704');
  if (v.amount !== undefined) s += tlv('54', String(v.amount));
  s += tlv('58', 'VN');
  if (v.purpose !== undefined) s += tlv('62', tlv('08', v.purpose));
  s += '6304';
  return s + crc16ccittFalse(s);
}

export interface TlvField {
  id: string;
  value: string;
}

/** Read EMVCo TLV fields (one level); throws on a malformed length. */
export function readTlv(s: string): TlvField[] {
  const out: TlvField[] = [];
  let i = 0;
  while (i < s.length) {
    const id = s.slice(i, i + 2);
    const len = s.slice(i + 2, i + 4);
    if (!/^\d{2}$/.test(id) || !/^\d{2}$/.test(len) || i + 4 + Number(len) > s.length) throw new Error(`malformed EMVCo field at ${i}`);
    out.push({ id, value: s.slice(i + 4, i + 4 + Number(len)) });
    i += 4 + Number(len);
  }
  return out;
}

export interface ParsedVietQr {
  bankBin: string;
  account: string;
  amount: number | null;
  purpose: string | null;
  dynamic: boolean;
}

/** Parse and check a VietQR payload (CRC, GUID, currency, country); null when it is not one. */
export function parseVietQr(payload: string): ParsedVietQr | null {
  try {
    if (!/6304[0-9A-F]{4}$/.test(payload) || crc16ccittFalse(payload.slice(0, -4)) !== payload.slice(-4)) return null;
    const top = new Map(readTlv(payload).map((f) => [f.id, f.value]));
    if (top.get('00') !== '01' || top.get('53') !== '704' || top.get('58') !== 'VN') return null;
    const m = new Map(readTlv(top.get('38') ?? '').map((f) => [f.id, f.value]));
    if (m.get('00') !== VIETQR_GUID) return null;
    const b = new Map(readTlv(m.get('01') ?? '').map((f) => [f.id, f.value]));
    const add = top.has('62') ? new Map(readTlv(top.get('62')!).map((f) => [f.id, f.value])) : new Map<string, string>();
    const bankBin = b.get('00');
    const account = b.get('01');
    if (!bankBin || !account) return null;
    return { bankBin, account, amount: top.has('54') ? Number(top.get('54')) : null, purpose: add.get('08') ?? null, dynamic: top.get('01') === '12' };
  } catch {
    return null;
  }
}
