import { describe, expect, it } from 'vitest';
import { parseCatalogue, ServiceSchema } from '../../../kiosk-config/catalogue.schema.ts';

const L = (vi: string) => ({ vi, en: vi });
type Raw = Record<string, unknown> & { questions: Record<string, unknown>[] };

const base = (): Raw => ({
  code: '9.000001',
  name: L('Thủ tục thử'),
  field: 'ho-tich',
  audience: L('Người dân'),
  summary: L('Thử'),
  documents: [],
  fee: { counter: { amountVnd: 0 }, online: { amountVnd: 0 } },
  legalTime: L('Trong ngày'),
  online: { level: 'toan-trinh', essential: false },
  popularity: 0,
  agency: { kind: 'cong-an', name: L('Công an phường') },
  sections: [{ id: 'a', title: L('Phần A') }, { id: 'b', title: L('Phần B') }],
  people: [{ id: 'mother', name: L('người mẹ') }],
  papers: [{ id: 'p1', name: L('Giấy tờ'), required: true, maxPages: 3 }],
  questions: [
    { id: 'known', type: 'yesNo', label: L('Biết?'), required: true, section: 'a' },
    { id: 'name', type: 'text', label: L('Tên'), required: true, section: 'a', showIf: { question: 'known', equals: ['yes'] }, autofill: { person: 'mother', field: 'fullName' } },
    {
      id: 'members',
      type: 'group',
      label: L('Thành viên'),
      itemLabel: L('Thành viên'),
      min: 0,
      max: 5,
      section: 'b',
      questions: [{ id: 'memberName', type: 'text', label: L('Tên'), required: true }],
    },
  ],
});

/** The paths of the problems of a service entry, as parseCatalogue reports them to staff. */
function problemsOf(entry: unknown): string[] {
  const r = ServiceSchema.safeParse(entry);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('the catalogue schema refuses a malformed form, naming the field', () => {
  it('accepts the well-formed one', () => {
    expect(problemsOf(base())).toEqual([]);
  });

  const cases: [string, (r: Raw) => void, string][] = [
    ['a question of an unknown type', (r) => (r.questions[0]!.type = 'signature'), 'questions.0.type'],
    ['a choice without options', (r) => r.questions.push({ id: 'c', type: 'choice', label: L('C'), required: true, section: 'b' }), 'questions.3.options'],
    ['options on a date', (r) => r.questions.push({ id: 'c', type: 'date', label: L('C'), required: true, section: 'b', options: [{ value: 'a', label: L('a') }, { value: 'b', label: L('b') }] }), 'questions.3.options'],
    ['copies with min above max', (r) => r.questions.push({ id: 'c', type: 'copies', label: L('C'), required: true, section: 'b', min: 5, max: 2 }), 'questions.3.max'],
    ['a condition on a later question', (r) => (r.questions[0]!.showIf = { question: 'name', answered: true }), 'questions.0.showIf.question'],
    ['a condition on a value the question cannot have', (r) => ((r.questions[1]!.showIf as { equals: string[] }).equals = ['maybe']), 'questions.1.showIf.equals.0'],
    ['a condition with two tests', (r) => (r.questions[1]!.showIf = { question: 'known', equals: ['yes'], answered: true }), 'questions.1.showIf'],
    ['a card read for a person the form does not name', (r) => (r.questions[1]!.autofill = { person: 'father', field: 'fullName' }), 'questions.1.autofill.person'],
    ['an unknown card field', (r) => (r.questions[1]!.autofill = { person: 'mother', field: 'bloodType' }), 'questions.1.autofill'],
    ['an unknown section', (r) => (r.questions[0]!.section = 'z'), 'questions.0.section'],
    ['an item without a section when the form has sections', (r) => delete r.questions[0]!.section, 'questions.0.section'],
    ['a section out of order', (r) => (r.questions[0]!.section = 'b'), 'questions.1.section'],
    ['a group with min above max', (r) => (r.questions[2]!.min = 6), 'questions.2.max'],
    ['a group without questions', (r) => (r.questions[2]!.questions = []), 'questions.2.questions'],
    ['a group inside a group', (r) => (r.questions[2]!.questions as unknown[]).push({ id: 'inner', type: 'group', label: L('x'), itemLabel: L('x'), min: 0, max: 1, questions: [] }), 'questions.2.questions.1.type'],
    ['a duplicate id across a group', (r) => ((r.questions[2]!.questions as { id: string }[])[0]!.id = 'name'), 'questions.2.questions.0.id'],
    ['a paper without maxPages', (r) => delete (r.papers as Record<string, unknown>[])[0]!.maxPages, 'papers.0.maxPages'],
    ['a paper allowing 50 pages', (r) => ((r.papers as Record<string, unknown>[])[0]!.maxPages = 50), 'papers.0.maxPages'],
    ['an agency of an unknown kind', (r) => (r.agency = { kind: 'toa-an', name: L('Tòa án') }), 'agency.kind'],
    ['a section title without English', (r) => ((r.sections as Record<string, unknown>[])[0]!.title = { vi: 'Phần A' }), 'sections.0.title.en'],
    ['an unknown key (a typo)', (r) => (r.questions[0]!.requred = true), 'questions.0'],
  ];
  for (const [what, breakIt, path] of cases) {
    it(`refuses ${what} at ${path}`, () => {
      const r = base();
      breakIt(r);
      const problems = problemsOf(r);
      expect(problems.some((p) => p.startsWith(`${path}:`)), problems.join('\n')).toBe(true);
    });
  }

  it('a broken form skips only its own entry, with the path in the problem staff see', () => {
    const broken = base();
    broken.code = '9.000002';
    broken.questions[1]!.autofill = { person: 'father', field: 'fullName' };
    const cat = parseCatalogue({ schemaVersion: 1, version: 't', categories: [{ id: 'ho-tich', name: L('Hộ tịch'), description: L('x'), icon: 'x' }], services: [base(), broken] });
    expect(cat.services.map((s) => s.code)).toEqual(['9.000001']);
    expect(cat.problems).toEqual([{ index: 1, code: '9.000002', problems: [expect.stringContaining('questions.1.autofill.person: autofill: unknown person "father"')] }]);
  });

  it('reads a catalogue written before sections, groups and agencies (bare autofill, no sections)', () => {
    const old = base();
    delete old.sections;
    delete old.people;
    delete old.papers;
    delete old.agency;
    old.questions = [
      { id: 'declarantName', type: 'text', label: L('Tên'), required: true, autofill: 'fullName' },
      { id: 'sex', type: 'choice', label: L('Giới tính'), required: true, options: [{ value: 'nam', label: L('Nam') }, { value: 'nu', label: L('Nữ') }] },
    ];
    const r = ServiceSchema.parse(old);
    expect(r.sections).toEqual([]);
    expect(r.papers).toEqual([]);
    expect(r.agency).toBeUndefined();
  });
});

describe('a catalogue edit with a broken form is refused at publish (the hub)', () => {
  it('names the broken field of the form, and accepts the same catalogue once fixed', async () => {
    const { validateCatalogue } = await import('../../../common/validate/publication.ts');
    const cat = (entry: unknown) => ({ schemaVersion: 1, version: 't', categories: [{ id: 'ho-tich', name: L('Hộ tịch'), description: L('x'), icon: 'x' }], services: [entry] });
    expect(validateCatalogue(cat(base())).ok).toBe(true);
    const broken = base();
    broken.questions[0]!.showIf = { question: 'name', answered: true }; // looks at a later question
    const r = validateCatalogue(cat(broken));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toContain('services.0.questions.0.showIf.question');
  });
});
