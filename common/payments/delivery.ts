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
 * Not stated yet (`null`) and `pending` given: who will state it, so the receipt never leaves the
 * resident wondering — the province (seen later on the track screen) or, with no province link,
 * the ward's staff. The kiosk does not keep the resident waiting for it.
 */
export function deliveryText(d: Delivery | undefined, postage: number | null = null, pending?: PostagePending): { vi: string; en: string } {
  if (!d || d.method === 'desk') return { vi: 'Tại Bộ phận một cửa của phường', en: "At the ward's one-stop desk" };
  const to = { vi: `Qua bưu điện, đến: ${d.address.text}`, en: `By post, to: ${d.address.text}` };
  const more = postage !== null && postage > 0 ? postageText(postage) : postage === null && pending ? postagePendingText(pending) : null;
  return more ? { vi: `${to.vi}. ${more.vi}`, en: `${to.en}. ${more.en}` } : to;
}

/** Who will state a postage not known yet: the province (the hand-off went or will go there) or the ward's staff (no province link). */
export type PostagePending = 'province' | 'ward';

/** "Cước bưu chính: tỉnh chưa báo — …": on the receipt and the confirmation, and on the track screen until the province states it. */
export function postagePendingText(from: PostagePending): { vi: string; en: string } {
  return from === 'province'
    ? { vi: 'Cước bưu chính: tỉnh chưa báo — ông/bà xem khi tra cứu hồ sơ', en: 'Postage: not stated by the province yet — see it when you track the application' }
    : { vi: 'Cước bưu chính: cán bộ phường sẽ báo', en: "Postage: the ward's staff will tell you" };
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
