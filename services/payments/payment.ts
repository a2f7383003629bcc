/**
 * The payment QR as the renderer shows it: payload (common/payments/payment.ts) + SVG.
 * Layer: node (kiosk services).
 */
import QRCode from 'qrcode';
import { paymentPayload, type PayeeView, type PaymentView } from '../../common/payments/payment.ts';

/** Null when there is neither a payment address nor a payee (the resident then pays at the desk). */
export async function paymentView(amountVnd: number, dossierNo: string, payee: { bankBin: string; account: string; accountName: string } | null, paymentUrl: string | null, paid: boolean): Promise<PaymentView | null> {
  const p: PayeeView | null = payee ? { bankBin: payee.bankBin, account: payee.account, accountName: payee.accountName } : null;
  const q = paymentPayload({ amountVnd, dossierNo, payee: p, paymentUrl });
  if (!q) return null;
  // Q error correction: the screen QR is photographed at an angle, through glare.
  const svg = await QRCode.toString(q.payload, { type: 'svg', margin: 2, errorCorrectionLevel: 'Q' });
  return { amountVnd, kind: q.kind, payload: q.payload, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`, payee: q.kind === 'vietqr' ? p : null, purpose: q.purpose, paid };
}
