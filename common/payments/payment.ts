/**
 * Paying a fee by QR: what the kiosk shows and prints, and the checks on what
 * the province sends.
 *
 *  - The QR is the province's payment address when it gives one (the resident's
 *    bank or PayGov page opens), else a VietQR transfer to the payee with the
 *    dossier number as the purpose.
 *  - The kiosk never marks a fee paid: `paid` comes only from the province's
 *    payment status (through the hub), never from the kiosk.
 *  - An amount the province sends that is not a whole positive number of đồng
 *    within reason is refused, by code (the caller logs the code, never the value).
 *
 * Layer: common — pure code.
 */
import { z } from 'zod';
import { plainPurpose, PURPOSE_MAX, vietQrPayload } from './vietqr.ts';

/** No ward procedure's fee (200.000 đ at most, plus postage) comes near this: above it, the amount is refused. */
export const MAX_FEE_VND = 5_000_000;

export type AmountProblem = 'amount_not_number' | 'amount_negative' | 'amount_zero' | 'amount_fraction' | 'amount_absurd';

/** A fee amount from outside (the province, through the hub): the amount, or why it is refused. */
export function checkFeeAmount(raw: unknown): { ok: true; amount: number } | { ok: false; code: AmountProblem } {
  const n = typeof raw === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isFinite(n)) return { ok: false, code: 'amount_not_number' };
  if (n < 0) return { ok: false, code: 'amount_negative' };
  if (n === 0) return { ok: false, code: 'amount_zero' };
  if (!Number.isInteger(n)) return { ok: false, code: 'amount_fraction' };
  if (n > MAX_FEE_VND) return { ok: false, code: 'amount_absurd' };
  return { ok: true, amount: n };
}

const Localized = z.object({ vi: z.string(), en: z.string() }).strict();

/** The payee shown under the QR (from the ward's config, or the province's bill). */
export const PayeeView = z.object({ bankBin: z.string().regex(/^\d{6}$/), account: z.string().regex(/^[0-9A-Za-z]{1,19}$/), accountName: z.string().max(70) }).strict();
export type PayeeView = z.infer<typeof PayeeView>;

/** A payment the resident can make now, as the renderer shows it. */
export const PaymentView = z
  .object({
    amountVnd: z.number().int().positive().max(MAX_FEE_VND),
    /** 'vietqr': a bank transfer QR; 'url': the province's payment address as a QR. */
    kind: z.enum(['vietqr', 'url']),
    /** What the QR encodes. */
    payload: z.string().min(1).max(512),
    /** The QR as an SVG data URL (made by the kiosk services). */
    qr: z.string().startsWith('data:image/svg+xml'),
    payee: PayeeView.nullable(),
    /** The transfer note (the dossier number), as bank apps show it. */
    purpose: z.string().max(PURPOSE_MAX),
    /** Only ever from the province: true when it says the fee is paid. */
    paid: z.boolean(),
  })
  .strict();
export type PaymentView = z.infer<typeof PaymentView>;

/** The fee of an application as computed at submission (common/payments/fees.ts), for screens and receipt. */
export const FeeView = z
  .object({
    state: z.enum(['free', 'due', 'province', 'unknown']),
    amountVnd: z.number().int().nonnegative().nullable(),
    counterVnd: z.number().int().nonnegative().nullable(),
    explanation: Localized,
    law: Localized,
  })
  .strict();
export type FeeView = z.infer<typeof FeeView>;

/**
 * The QR payload for a fee: the province's payment address when given, else a VietQR to the payee
 * with the dossier number (diacritics stripped, at most 25 characters) as the purpose. Null when
 * there is neither a payment address nor a payee.
 */
export function paymentPayload(p: { amountVnd: number; dossierNo: string; payee: PayeeView | null; paymentUrl?: string | null }): { kind: 'vietqr' | 'url'; payload: string; purpose: string } | null {
  const purpose = plainPurpose(p.dossierNo).replace(/[^A-Za-z0-9 .-]/g, '').slice(0, PURPOSE_MAX);
  if (p.paymentUrl) {
    const u = z.url({ protocol: /^https?$/ }).max(512).safeParse(p.paymentUrl);
    if (u.success) return { kind: 'url', payload: u.data, purpose };
  }
  if (!p.payee) return null;
  return { kind: 'vietqr', payload: vietQrPayload({ bankBin: p.payee.bankBin, account: p.payee.account, amount: p.amountVnd, purpose }), purpose };
}
