/**
 * What the kiosk's track screen (and the staff console) get about the province's side of an
 * application: queued or sent, the official number, the national code, the official timeline, a
 * supplement request with what to bring (code 5), a fee request (code 6: amount, payee, payment
 * URL — the payment screen renders the QR from it), and whether the result is ready.
 * Layer: common — zod only.
 */
import { z } from 'zod';
import { DossierNo } from './national-status.ts';

const Code = z.number().int().min(1).max(10);

export const ProvinceTimelineEntry = z
  .object({
    at: z.number().int().nonnegative(),
    code: Code,
    /** The step's name as the province wrote it. */
    action: z.string().max(200),
    /** Only for a supplement request (what to bring) or a refusal (why); empty otherwise. */
    note: z.string().max(1000),
  })
  .strict();

export const ProvincePayment = z
  .object({
    amount: z.number().int().nonnegative(),
    bankBin: z.string().regex(/^\d{6}$/),
    accountNo: z.string().regex(/^[0-9A-Za-z]{4,19}$/),
    accountName: z.string().max(70),
    paymentUrl: z.url().max(500).nullable(),
    paid: z.boolean(),
  })
  .strict();
export type ProvincePayment = z.infer<typeof ProvincePayment>;

export const ProvinceTrack = z
  .object({
    /** queued: kept by the hub, to be sent when the province can be reached; sent: the province has it. */
    state: z.enum(['queued', 'sent']),
    dossierNo: DossierNo.nullable(),
    code: Code.nullable(),
    timeline: z.array(ProvinceTimelineEntry).max(50),
    supplement: z.object({ note: z.string().max(1000), at: z.number().int().nonnegative() }).strict().nullable(),
    payment: ProvincePayment.nullable(),
    resultReady: z.boolean(),
    /** The postage the province stated for a result by post, in đồng (issue 16); absent until it states one. */
    postage: z.number().int().min(0).max(5_000_000).optional(),
    /** The result goes by post (only when it does): until `postage` comes, the track screen says the province has not stated it yet. */
    viaPostal: z.literal(true).optional(),
  })
  .strict();
export type ProvinceTrack = z.infer<typeof ProvinceTrack>;
