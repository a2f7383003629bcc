/**
 * The payment QR as the renderer shows it: payload (common/payments/payment.ts) + SVG.
 * Layer: node (kiosk services).
 */
import QRCode from 'qrcode';
import { checkFeeAmount, paymentPayload, type PayeeView, type PaymentView } from '../../common/payments/payment.ts';

/** Null when there is neither a payment address nor a payee (the resident then pays at the desk). */
export async function paymentView(amountVnd: number, dossierNo: string, payee: { bankBin: string; account: string; accountName: string } | null, paymentUrl: string | null, paid: boolean): Promise<PaymentView | null> {
  const p: PayeeView | null = payee ? { bankBin: payee.bankBin, account: payee.account, accountName: payee.accountName } : null;
  const q = paymentPayload({ amountVnd, dossierNo, payee: p, paymentUrl });
  if (!q) return null;
  // Q error correction: the screen QR is photographed at an angle, through glare.
  const svg = await QRCode.toString(q.payload, { type: 'svg', margin: 2, errorCorrectionLevel: 'Q' });
  return { amountVnd, kind: q.kind, payload: q.payload, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`, payee: q.kind === 'vietqr' ? p : null, purpose: q.purpose, paid };
}

/**
 * The fee the province asked for (national code 6), from the hub's track answer, as the track
 * screen shows it — paid or not as the province says. An amount that is not a whole positive
 * number of đồng within reason is refused: no QR, and the code (never the value) is logged.
 */
export async function provincePaymentView(
  province: { dossierNo: string | null; kioskRef: string; payment: { amount: number; bankBin: string; accountNo: string; accountName: string; paymentUrl: string | null; paid: boolean } | null } | undefined,
  log: { warn(event: string, fields: Record<string, string | number | boolean | null>): void },
): Promise<PaymentView | null> {
  const p = province?.payment;
  if (!p) return null;
  const amount = checkFeeAmount(p.amount);
  if (!amount.ok) {
    log.warn('payment.refused', { code: amount.code });
    return null;
  }
  const view = await paymentView(amount.amount, province.dossierNo ?? province.kioskRef, { bankBin: p.bankBin, account: p.accountNo, accountName: p.accountName }, p.paymentUrl, p.paid);
  if (!view) log.warn('payment.refused', { code: 'no_payee' });
  return view;
}
