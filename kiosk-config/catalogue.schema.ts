/**
 * The service catalogue is data that ward staff change, never code.
 * Layer: common (zod only). Used by the kiosk services (loading), the renderer
 * (types), the hub (validating what staff publish) and the tests.
 */
import { z } from 'zod';
import { ETHNICITIES, NATIONALITIES, RELATIONSHIPS } from '../common/forms/lists.ts';
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

export const QuestionType = z.enum([
  'text',
  'longText',
  'date',
  'idNumber',
  'phone',
  'number',
  'choice',
  'yesNo',
  /** Nam / Nữ (the values the ID card uses). */
  'sex',
  /** One of the 54 ethnic groups of Viet Nam (common/forms/lists.ts), or "Khác" with a name. */
  'ethnicity',
  /** A nationality from the built-in list (common/forms/lists.ts), Việt Nam first. */
  'nationality',
  /** A choice from a long list (options in the data), shown with a search box. */
  'select',
  /** A family relationship (common/forms/lists.ts unless the question lists its own options). */
  'relationship',
  /** A number of copies (min..max, default 0..10). */
  'copies',
  /** An address: a structured answer (common/contract/answers.ts AddressAnswer). */
  'address',
]);
export type QuestionType = z.infer<typeof QuestionType>;

/** A question id (also the key of its answer). */
export const QuestionIdSchema = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/);

/** What an answer can be pre-filled from (the citizen ID card, issue "read the card"). */
export const AutofillSource = z.enum(['fullName', 'idNumber', 'dateOfBirth', 'sex', 'placeOfResidence', 'placeOfOrigin', 'nationality', 'issueDate']);
export type AutofillSource = z.infer<typeof AutofillSource>;

/** A person whose ID card may be read for the form. `requester` is always there: the resident at the kiosk. */
export const PersonId = z.string().regex(/^[a-z][a-zA-Z0-9]{0,31}$/);
export const REQUESTER = 'requester';

/**
 * Autofill: a card field alone means the requester's card (older catalogues); `{ person, field }`
 * fills from the card read for that person (a second read for the mother or the father).
 */
export const AutofillSchema = z.union([AutofillSource, z.object({ person: PersonId, field: AutofillSource }).strict()]);
export type Autofill = z.infer<typeof AutofillSchema>;

/**
 * When a question (or a section, or a group) is asked, by another answer:
 * `equals`: the answer is one of these values; `notEquals`: it is none of them (and answered);
 * `answered`: it has (true) or has not (false) a value; `olderThanDays`: a date answer lies more than
 * N days before today (registering late). Exactly one test. Inside a group, `question` names a question
 * of the same instance first, else a question of the form.
 */
export const ConditionSchema = z
  .object({
    question: QuestionIdSchema,
    equals: z.array(z.string().min(1).max(64)).min(1).max(20).optional(),
    notEquals: z.array(z.string().min(1).max(64)).min(1).max(20).optional(),
    answered: z.boolean().optional(),
    olderThanDays: z.number().int().min(1).max(36500).optional(),
  })
  .strict()
  .refine((c) => [c.equals, c.notEquals, c.answered, c.olderThanDays].filter((x) => x !== undefined).length === 1, {
    message: 'a condition has exactly one test: equals, notEquals, answered or olderThanDays',
  });
export type Condition = z.infer<typeof ConditionSchema>;

const OptionSchema = z.object({ value: z.string().min(1).max(64), label: LocalizedText }).strict();

/** Types whose options come from the data (required), may come from the data (optional), or never do. */
const OPTIONS_REQUIRED = new Set<QuestionType>(['choice', 'select']);
const OPTIONS_ALLOWED = new Set<QuestionType>(['choice', 'select', 'relationship']);

export const QuestionSchema = z
  .object({
    id: QuestionIdSchema,
    type: QuestionType,
    label: LocalizedText,
    hint: LocalizedText.optional(),
    required: z.boolean(),
    options: z.array(OptionSchema).min(2).max(400).optional(),
    maxLength: z.number().int().min(1).max(2000).optional(),
    /** For `copies` and `number`: the smallest and largest value accepted. */
    min: z.number().int().min(0).max(1_000_000).optional(),
    max: z.number().int().min(0).max(1_000_000).optional(),
    /** For dates: must the date be in the past (birth, death), the future (end of a stay), or either? */
    when: z.enum(['past', 'future', 'any']).default('any'),
    autofill: AutofillSchema.optional(),
    /** Personal data: masked in the volunteer's live view unless the resident allows it. */
    personal: z.boolean().default(true),
    /** The section it belongs to (the check page groups by sections). */
    section: z.string().regex(/^[a-z][a-zA-Z0-9-]{0,40}$/).optional(),
    /** Asked only when this holds. */
    showIf: ConditionSchema.optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (OPTIONS_REQUIRED.has(q.type) && q.options === undefined) ctx.addIssue({ code: 'custom', message: `options are required for ${q.type} questions`, path: ['options'] });
    if (!OPTIONS_ALLOWED.has(q.type) && q.options !== undefined) ctx.addIssue({ code: 'custom', message: `a ${q.type} question has no options`, path: ['options'] });
    if (q.type === 'choice' && q.options && q.options.length > 12) ctx.addIssue({ code: 'custom', message: 'a choice has at most 12 options (use select for a long list)', path: ['options'] });
    if (q.options) {
      const seen = new Set<string>();
      q.options.forEach((o, i) => {
        if (seen.has(o.value)) ctx.addIssue({ code: 'custom', message: `duplicate option value "${o.value}"`, path: ['options', i, 'value'] });
        seen.add(o.value);
      });
    }
    if ((q.min !== undefined || q.max !== undefined) && q.type !== 'copies' && q.type !== 'number') ctx.addIssue({ code: 'custom', message: 'min and max are for copies and number questions', path: ['min'] });
    if (q.min !== undefined && q.max !== undefined && q.min > q.max) ctx.addIssue({ code: 'custom', message: 'min is larger than max', path: ['max'] });
    if (q.maxLength !== undefined && !['text', 'longText', 'address'].includes(q.type)) ctx.addIssue({ code: 'custom', message: 'maxLength is for text, longText and address questions', path: ['maxLength'] });
  });
export type Question = z.infer<typeof QuestionSchema>;

/**
 * A repeating group (household members): its own questions asked once per instance; the resident
 * adds ("Thêm người") and removes instances between `min` and `max`. Its answer is an array.
 */
export const GroupSchema = z
  .object({
    id: QuestionIdSchema,
    type: z.literal('group'),
    label: LocalizedText,
    hint: LocalizedText.optional(),
    /** What one instance is called ("Thành viên", "Member"); the pages say "Thành viên 2". */
    itemLabel: LocalizedText,
    min: z.number().int().min(0).max(20),
    max: z.number().int().min(1).max(20),
    questions: z.array(QuestionSchema).min(1).max(20),
    section: z.string().regex(/^[a-z][a-zA-Z0-9-]{0,40}$/).optional(),
    showIf: ConditionSchema.optional(),
    personal: z.boolean().default(true),
  })
  .strict()
  .superRefine((g, ctx) => {
    if (g.min > g.max) ctx.addIssue({ code: 'custom', message: 'min is larger than max', path: ['max'] });
    const ids = new Set<string>();
    g.questions.forEach((q, i) => {
      if (ids.has(q.id)) ctx.addIssue({ code: 'custom', message: `duplicate id "${q.id}"`, path: ['questions', i, 'id'] });
      ids.add(q.id);
    });
  });
export type Group = z.infer<typeof GroupSchema>;

/** One entry of a form: a question or a repeating group. */
export const FormItemSchema = z.discriminatedUnion('type', [GroupSchema, QuestionSchema]);
export type FormItem = Question | Group;
export const isGroupItem = (i: FormItem): i is Group => i.type === 'group';

export const SectionSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-zA-Z0-9-]{0,40}$/),
    title: LocalizedText,
    /** Asked only when this holds (e.g. the father's section when the father is known). */
    showIf: ConditionSchema.optional(),
  })
  .strict();
export type Section = z.infer<typeof SectionSchema>;

/** Someone other than the requester whose ID card may be read for this form (the mother, the father). */
export const PersonSchema = z
  .object({
    id: PersonId,
    /** As the card step names them: "người mẹ" (Đọc thẻ căn cước của người mẹ). */
    name: LocalizedText,
    /**
     * When this holds, the requester is this person (the mother registering her child): the
     * requester's answers fill this person's questions that read the same card field.
     */
    isRequesterIf: ConditionSchema.optional(),
  })
  .strict();
export type Person = z.infer<typeof PersonSchema>;

/** Who decides the procedure: the commune/ward People's Committee, or the commune/ward police (residence). */
export const AgencySchema = z.object({ kind: z.enum(['ubnd', 'cong-an']), name: LocalizedText }).strict();
export type Agency = z.infer<typeof AgencySchema>;

/** A paper the kiosk photographs for this procedure (the papers step). */
export const PaperSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-zA-Z0-9-]{0,40}$/),
    name: LocalizedText,
    hint: LocalizedText.optional(),
    required: z.boolean(),
    maxPages: z.number().int().min(1).max(20),
  })
  .strict();
export type Paper = z.infer<typeof PaperSchema>;

/** The official declaration the form follows (cited in the data, shown to staff). */
export const FormRefSchema = z.object({ name: LocalizedText, basis: z.string().min(1).max(300) }).strict();

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
    /** Who decides it (the next steps and the receipt name it). Absent only in catalogues older than this field. */
    agency: AgencySchema.optional(),
    /** The official declaration the form follows. */
    form: FormRefSchema.optional(),
    /** The check page's sections, in order. When there are sections every form item names one. */
    sections: z.array(SectionSchema).max(20).default([]),
    /** People other than the requester whose ID card may be read for this form. */
    people: z.array(PersonSchema).max(6).default([]),
    /** The papers the kiosk photographs (the papers step). */
    papers: z.array(PaperSchema).max(12).default([]),
    /** The guided form: one question per page. Empty when the kiosk cannot take it. */
    questions: z.array(FormItemSchema).max(80),
  })
  .strict()
  .superRefine((s, ctx) => checkForm(s, ctx));
export type Service = z.infer<typeof ServiceSchema>;

/** What a question's answer can be tested against in a condition (its fixed values), or null for free answers. */
function fixedValues(q: Question): Set<string> | null {
  if (q.type === 'yesNo') return new Set(['yes', 'no']);
  if (q.type === 'sex') return new Set(['Nam', 'Nữ']);
  if (q.type === 'choice' || q.type === 'select') return new Set((q.options ?? []).map((o) => o.value));
  if (q.type === 'relationship') return new Set((q.options ?? RELATIONSHIPS).map((o) => o.value));
  if (q.type === 'ethnicity') return new Set(ETHNICITIES.map((o) => o.value));
  if (q.type === 'nationality') return new Set(NATIONALITIES.map((o) => o.value));
  return null;
}

type Ctx = z.core.$RefinementCtx<unknown>;
type ServiceShape = {
  questions: FormItem[];
  sections: Section[];
  people: Person[];
  papers: Paper[];
};

/** The references inside a form: ids unique, sections and people known, conditions on earlier questions with values they can have. */
function checkForm(s: ServiceShape, ctx: Ctx): void {
  const sectionIds = new Set<string>();
  s.sections.forEach((sec, i) => {
    if (sectionIds.has(sec.id)) ctx.addIssue({ code: 'custom', message: `duplicate section id "${sec.id}"`, path: ['sections', i, 'id'] });
    sectionIds.add(sec.id);
  });
  const people = new Set<string>([REQUESTER]);
  s.people.forEach((p, i) => {
    if (people.has(p.id)) ctx.addIssue({ code: 'custom', message: `duplicate person id "${p.id}"`, path: ['people', i, 'id'] });
    people.add(p.id);
    const c = p.isRequesterIf;
    if (c) {
      const target = s.questions.find((q) => q.id === c.question);
      if (!target || target.type === 'group') ctx.addIssue({ code: 'custom', message: `isRequesterIf: "${c.question}" is not a question of the form`, path: ['people', i, 'isRequesterIf', 'question'] });
      else {
        const values = fixedValues(target);
        for (const key of ['equals', 'notEquals'] as const)
          c[key]?.forEach((v, j) => values && !values.has(v) && ctx.addIssue({ code: 'custom', message: `isRequesterIf: "${v}" is not a value of "${c.question}"`, path: ['people', i, 'isRequesterIf', key, j] }));
      }
    }
  });
  const paperIds = new Set<string>();
  s.papers.forEach((p, i) => {
    if (paperIds.has(p.id)) ctx.addIssue({ code: 'custom', message: `duplicate paper id "${p.id}"`, path: ['papers', i, 'id'] });
    paperIds.add(p.id);
  });
  // Questions asked so far (conditions may only look back, so a form never loops).
  const earlier = new Map<string, Question | Group>();
  const checkCondition = (c: Condition | undefined, path: (string | number)[], siblings?: Map<string, Question>) => {
    if (!c) return;
    const target = siblings?.get(c.question) ?? earlier.get(c.question);
    if (!target) {
      ctx.addIssue({ code: 'custom', message: `showIf: "${c.question}" is not a question asked before this one`, path: [...path, 'question'] });
      return;
    }
    if (target.type === 'group') {
      ctx.addIssue({ code: 'custom', message: `showIf: "${c.question}" is a group`, path: [...path, 'question'] });
      return;
    }
    if (c.olderThanDays !== undefined && target.type !== 'date') ctx.addIssue({ code: 'custom', message: `showIf: olderThanDays needs a date question ("${c.question}" is ${target.type})`, path: [...path, 'olderThanDays'] });
    const values = fixedValues(target);
    for (const key of ['equals', 'notEquals'] as const) {
      const list = c[key];
      if (!list) continue;
      if (!values) ctx.addIssue({ code: 'custom', message: `showIf: ${key} needs a question with fixed values ("${c.question}" is ${target.type})`, path: [...path, key] });
      else list.forEach((v, i) => values.has(v) || ctx.addIssue({ code: 'custom', message: `showIf: "${v}" is not a value of "${c.question}"`, path: [...path, key, i] }));
    }
  };
  const checkAutofill = (q: Question, path: (string | number)[]) => {
    if (q.autofill && typeof q.autofill === 'object' && !people.has(q.autofill.person)) {
      ctx.addIssue({ code: 'custom', message: `autofill: unknown person "${q.autofill.person}" (add it to people)`, path: [...path, 'autofill', 'person'] });
    }
  };
  const sectionOrder = s.sections.map((x) => x.id);
  let lastSection = 0;
  s.sections.forEach((sec, i) => {
    // A section's condition may look at any question before the section's first item.
    const first = s.questions.findIndex((q) => q.section === sec.id);
    if (!sec.showIf) return;
    const before = new Map<string, Question | Group>();
    s.questions.slice(0, first < 0 ? 0 : first).forEach((q) => before.set(q.id, q));
    const saved = new Map(earlier);
    earlier.clear();
    before.forEach((v, k) => earlier.set(k, v));
    checkCondition(sec.showIf, ['sections', i, 'showIf']);
    earlier.clear();
    saved.forEach((v, k) => earlier.set(k, v));
  });
  const ids = new Set<string>();
  s.questions.forEach((item, i) => {
    const path: (string | number)[] = ['questions', i];
    if (ids.has(item.id)) ctx.addIssue({ code: 'custom', message: `duplicate id "${item.id}"`, path: [...path, 'id'] });
    ids.add(item.id);
    if (s.sections.length) {
      if (item.section === undefined) ctx.addIssue({ code: 'custom', message: 'section: every item names a section when the form has sections', path: [...path, 'section'] });
      else if (!sectionIds.has(item.section)) ctx.addIssue({ code: 'custom', message: `section: unknown section "${item.section}"`, path: [...path, 'section'] });
      else {
        const at = sectionOrder.indexOf(item.section);
        if (at < lastSection) ctx.addIssue({ code: 'custom', message: `section: "${item.section}" comes after its items' section order (keep each section's items together, in the sections' order)`, path: [...path, 'section'] });
        lastSection = at;
      }
    } else if (item.section !== undefined) ctx.addIssue({ code: 'custom', message: `section: unknown section "${item.section}" (the form has no sections)`, path: [...path, 'section'] });
    checkCondition(item.showIf, [...path, 'showIf']);
    if (item.type === 'group') {
      const siblings = new Map<string, Question>();
      item.questions.forEach((q, j) => {
        const qpath = [...path, 'questions', j];
        if (ids.has(q.id)) ctx.addIssue({ code: 'custom', message: `duplicate id "${q.id}" (ids are unique across the form, groups included)`, path: [...qpath, 'id'] });
        ids.add(q.id);
        if (q.section !== undefined) ctx.addIssue({ code: 'custom', message: 'section: a question inside a group takes the group\'s section', path: [...qpath, 'section'] });
        checkCondition(q.showIf, [...qpath, 'showIf'], siblings);
        checkAutofill(q, qpath);
        siblings.set(q.id, q);
      });
    } else checkAutofill(item, path);
    earlier.set(item.id, item);
  });
}

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
    if (own.length) {
      problems.push({ index, code, problems: own });
      return;
    }
    seen.add(s.code);
    services.push(s);
  });
  return { version: file.version, categories: file.categories, services, problems };
}
