/**
 * How the resident receives the result (issue 16): at the ward's one-stop desk, or by the public
 * postal service to an address in the 2025 units (province → ward, then street and house number).
 * It travels with the application as two answers the province hand-off reads — `delivery`
 * ('desk' | 'post') and `postalAddress` (an address answer) — and is printed on the receipt.
 * Layer: common — zod only.
 */
import { z } from 'zod';
import { AddressAnswer } from '../contract/answers.ts';
import { formatVnd } from './fees.ts';

export const Delivery = z.discriminatedUnion('method', [
  z.object({ method: z.literal('desk') }).strict(),
  z
    .object({
      method: z.literal('post'),
      /** With the province and ward codes of the 2025 units, and a street line. */
      address: AddressAnswer.refine((a) => a.provinceCode !== undefined && a.wardCode !== undefined && a.line.trim() !== '' && a.text.trim() !== '', {
        message: 'a postal address needs the province, the ward and the street or house number',
      }),
    })
    .strict(),
]);
export type Delivery = z.infer<typeof Delivery>;

/**
 * The line printed on the receipt and shown on the confirmation page; by post, with the postage
 * when the province has stated it (`postage`, đồng — the province's figure, never the kiosk's).
 */
export function deliveryText(d: Delivery | undefined, postage: number | null = null): { vi: string; en: string } {
  if (!d || d.method === 'desk') return { vi: 'Tại Bộ phận một cửa của phường', en: "At the ward's one-stop desk" };
  const to = { vi: `Qua bưu điện, đến: ${d.address.text}`, en: `By post, to: ${d.address.text}` };
  if (postage === null || postage <= 0) return to;
  return { vi: `${to.vi}. ${postageText(postage).vi}`, en: `${to.en}. ${postageText(postage).en}` };
}

/** "Cước bưu chính (tỉnh báo): 25.000 đồng" — the postage as the province stated it. */
export function postageText(postage: number): { vi: string; en: string } {
  return { vi: `Cước bưu chính (tỉnh báo): ${formatVnd(postage, 'vi')}`, en: `Postage (as the province states): ${formatVnd(postage, 'en')}` };
}

/** The answers the province hand-off reads (hub/province/outbox.ts): nothing for the desk. */
export function deliveryAnswers(d: Delivery | undefined): Record<string, string | z.infer<typeof AddressAnswer>> {
  if (!d || d.method === 'desk') return { delivery: 'desk' };
  return { delivery: 'post', postalAddress: d.address };
}
