/**
 * The service catalogue is data that ward staff change, never code.
 * Layer: common (zod only). Used by the kiosk services (loading), the renderer
 * (types), the hub (validating what staff publish) and the tests.
 */
import { z } from 'zod';
import { FeeRule } from './fee-rule.schema.ts';

export const LocalizedText = z.object({ vi: z.string().min(1), en: z.string().min(1) }).strict();
export type LocalizedText = z.infer<typeof LocalizedText>;

export const CategorySchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
    name: LocalizedText,
    /** A short description shown under the category tile. */
    description: LocalizedText,
    /** Name of an icon in the renderer's icon set. */
    icon: z.string().max(32),
  })
  .strict();
export type Category = z.infer<typeof CategorySchema>;

export const QuestionType = z.enum(['text', 'longText', 'date', 'idNumber', 'phone', 'number', 'choice', 'yesNo']);
export type QuestionType = z.infer<typeof QuestionType>;

/** What an answer can be pre-filled from (the citizen ID card, issue "read the card"). */
export const AutofillSource = z.enum(['fullName', 'idNumber', 'dateOfBirth', 'sex', 'placeOfResidence', 'placeOfOrigin', 'nationality']);

export const QuestionSchema = z
  .object({
    id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/),
    type: QuestionType,
    label: LocalizedText,
    hint: LocalizedText.optional(),
    required: z.boolean(),
    options: z.array(z.object({ value: z.string().min(1).max(64), label: LocalizedText }).strict()).min(2).optional(),
    maxLength: z.number().int().min(1).max(2000).optional(),
    /** For dates: must the date be in the past (birth, death), the future (end of a stay), or either? */
    when: z.enum(['past', 'future', 'any']).default('any'),
    autofill: AutofillSource.optional(),
    /** Personal data: masked in the volunteer's live view unless the resident allows it. */
    personal: z.boolean().default(true),
  })
  .strict()
  .refine((q) => (q.type === 'choice') === (q.options !== undefined), {
    message: 'options are required for, and only for, choice questions',
    path: ['options'],
  });
export type Question = z.infer<typeof QuestionSchema>;

const Fee = z
  .object({
    /** Amount in đồng; null when it is set by the province or varies. */
    amountVnd: z.number().int().nonnegative().nullable(),
    note: LocalizedText.optional(),
  })
  .strict();

export const OnlineLevel = z.enum(['toan-trinh', 'mot-phan', 'khong']);
export type OnlineLevel = z.infer<typeof OnlineLevel>;

export const ServiceSchema = z
  .object({
    /** National procedure code (e.g. 1.001193). */
    code: z.string().regex(/^\d\.\d{6}$/),
    name: LocalizedText,
    /** Category (lĩnh vực) id. */
    field: z.string(),
    /** Other fields the procedure also belongs to (linked procedures). */
    alsoIn: z.array(z.string()).default([]),
    /** Who it is for, in plain words. */
    audience: LocalizedText,
    summary: LocalizedText,
    documents: z.array(z.object({ text: LocalizedText, required: z.boolean() }).strict()),
    fee: z.object({ counter: Fee, online: Fee }).strict(),
    /** The fee as a rule computed from the answers, with its legal basis and source (fee-rule.schema.ts; issue 16). */
    feeRule: FeeRule.optional(),
    legalTime: LocalizedText,
    online: z
      .object({
        level: OnlineLevel,
        /** Why it is not (fully) online, and what to do instead. */
        reason: LocalizedText.optional(),
        instead: LocalizedText.optional(),
        /** Chỉ thị 24/CT-TTg: accepted only online from 1/10/2025. */
        essential: z.boolean(),
      })
      .strict()
      .refine((o) => o.level === 'toan-trinh' || (o.reason !== undefined && o.instead !== undefined), {
        message: 'a procedure that is not fully online must say why and what to do instead',
      }),
    /** Higher shows first among "most used". 0 = not featured. */
    popularity: z.number().int().min(0).max(100),
    /** Extra words residents use (without needing diacritics). */
    keywords: z.array(z.string().max(64)).default([]),
    /** The guided form: one question per page. Empty when the kiosk cannot take it. */
    questions: z.array(QuestionSchema).max(40),
  })
  .strict();
export type Service = z.infer<typeof ServiceSchema>;

export const CatalogueFileSchema = z
  .object({
    schemaVersion: z.literal(1),
    version: z.string().min(1),
    categories: z.array(CategorySchema).min(1),
    /** Validated one by one: a bad entry is skipped and reported, the rest still show. */
    services: z.array(z.unknown()),
  })
  .strict();

export const CatalogueProblem = z.object({
  index: z.number().int(),
  code: z.string().nullable(),
  problems: z.array(z.string()),
});
export type CatalogueProblem = z.infer<typeof CatalogueProblem>;

export interface Catalogue {
  version: string;
  categories: z.infer<typeof CategorySchema>[];
  services: Service[];
  problems: CatalogueProblem[];
}

/** Parse a catalogue file: the envelope must be right; entries are checked one by one. */
export function parseCatalogue(raw: unknown): Catalogue {
  const file = CatalogueFileSchema.parse(raw);
  const categoryIds = new Set(file.categories.map((c) => c.id));
  const services: Service[] = [];
  const problems: CatalogueProblem[] = [];
  const seen = new Set<string>();
  file.services.forEach((entry, index) => {
    const code = typeof entry === 'object' && entry !== null && typeof (entry as { code?: unknown }).code === 'string' ? String((entry as { code: string }).code) : null;
    const parsed = ServiceSchema.safeParse(entry);
    if (!parsed.success) {
      problems.push({ index, code, problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(entry)'}: ${i.message}`) });
      return;
    }
    const s = parsed.data;
    const own: string[] = [];
    if (!categoryIds.has(s.field)) own.push(`field: unknown category "${s.field}"`);
    for (const f of s.alsoIn) if (!categoryIds.has(f)) own.push(`alsoIn: unknown category "${f}"`);
    if (seen.has(s.code)) own.push(`code: duplicate "${s.code}"`);
    const qids = new Set<string>();
    for (const q of s.questions) {
      if (qids.has(q.id)) own.push(`questions: duplicate id "${q.id}"`);
      qids.add(q.id);
    }
    if (own.length) {
      problems.push({ index, code, problems: own });
      return;
    }
    seen.add(s.code);
    services.push(s);
  });
  return { version: file.version, categories: file.categories, services, problems };
}
