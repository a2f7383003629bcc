/**
 * A procedure's fee as a rule (data that ward staff can update, never code):
 * how much, depending on what, on which legal basis, and where that fact was
 * read. Computed from the answers by common/payments/fees.ts.
 *
 * Kinds:
 *   free              — no fee.
 *   flat              — one amount; the online amount may be reduced against the counter one.
 *   free-within-days  — free when the event (a date answer) is at most `days` days before the
 *                       application; later, the late fee (null: set by the province, shown as such).
 *   per-copy          — an amount per copy (a number answer), online and counter.
 *   per-page          — per page of the original (a number answer): the first `firstPages` at one
 *                       price, the rest at another, capped per copy; times the copies if asked.
 *   by-province       — set by the province/city (HĐND) and not known to the kiosk: the province
 *                       states it (national status 6) and the kiosk shows it then.
 *
 * Layer: common (zod only).
 */
import { z } from 'zod';

const Text = z.object({ vi: z.string().min(1), en: z.string().min(1) }).strict();
const Vnd = z.number().int().nonnegative().max(100_000_000);
const AnswerId = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/);

/** The legal basis of a fee, and where that fact was read (so staff can check and update it). */
export const FeeBasis = z
  .object({
    /** e.g. "Thông tư 75/2022/TT-BTC, Điều 4" */
    law: Text,
    /** Where the amount was read: a title, its address if public, and when it was checked (YYYY-MM-DD). */
    source: z.object({ title: z.string().min(1).max(300), url: z.url().optional(), checked: z.iso.date() }).strict(),
  })
  .strict();
export type FeeBasis = z.infer<typeof FeeBasis>;

export const FeeRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('free'), basis: FeeBasis }).strict(),
  z
    .object({
      kind: z.literal('flat'),
      counterVnd: Vnd,
      /** The reduced fee when filed online (the kiosk files online); null: not filed online. */
      onlineVnd: Vnd.nullable(),
      basis: FeeBasis,
    })
    .strict(),
  z
    .object({
      kind: z.literal('free-within-days'),
      days: z.number().int().min(1).max(3650),
      /** The date answer (dd/mm/yyyy) the days count from — the birth, the death. */
      eventAnswer: AnswerId,
      /** After the deadline: the fee, or null when the province sets it. */
      lateCounterVnd: Vnd.nullable(),
      lateOnlineVnd: Vnd.nullable(),
      basis: FeeBasis,
    })
    .strict(),
  z
    .object({
      kind: z.literal('per-copy'),
      copiesAnswer: AnswerId,
      counterVnd: Vnd,
      onlineVnd: Vnd.nullable(),
      maxCopies: z.number().int().min(1).max(100).default(20),
      basis: FeeBasis,
    })
    .strict(),
  z
    .object({
      kind: z.literal('per-page'),
      pagesAnswer: AnswerId,
      /** Absent: one copy. */
      copiesAnswer: AnswerId.optional(),
      firstPages: z.number().int().min(0).max(100),
      firstPageVnd: Vnd,
      laterPageVnd: Vnd,
      capPerCopyVnd: Vnd.nullable(),
      maxPages: z.number().int().min(1).max(2000).default(500),
      maxCopies: z.number().int().min(1).max(100).default(20),
      basis: FeeBasis,
    })
    .strict(),
  z.object({ kind: z.literal('by-province'), basis: FeeBasis }).strict(),
]);
export type FeeRule = z.infer<typeof FeeRule>;
