import { describe, expect, it } from 'vitest';
import { ServiceSchema, type Service } from '../../../kiosk-config/catalogue.schema.ts';
import { addInstance, answerAt, checkSections, displayAnswer, pages, pruneAnswers, removeInstance, setAnswer, validateForm } from '../../../common/forms/engine.ts';
import { autofillFor, cardPeople, reuseRequester } from '../../../common/forms/autofill.ts';
import type { AnswerValue } from '../../../common/contract/answers.ts';

const now = new Date('2026-11-23T05:00:00Z');
const L = (vi: string, en = vi) => ({ vi, en });

/** A small form shaped like the official ones: sections, a second card holder, a condition, a repeating group. */
const raw = {
  code: '9.000001',
  name: L('Thủ tục thử', 'Test procedure'),
  field: 'ho-tich',
  audience: L('Người dân', 'Residents'),
  summary: L('Thử', 'Test'),
  documents: [],
  fee: { counter: { amountVnd: 0 }, online: { amountVnd: 0 } },
  legalTime: L('Trong ngày', 'Same day'),
  online: { level: 'toan-trinh', essential: false },
  popularity: 0,
  agency: { kind: 'ubnd', name: L('Ủy ban nhân dân phường', 'Ward People’s Committee') },
  sections: [
    { id: 'child', title: L('Người được khai sinh', 'The child') },
    { id: 'father', title: L('Người cha', 'The father'), showIf: { question: 'fatherKnown', equals: ['yes'] } },
    { id: 'household', title: L('Hộ gia đình', 'Household') },
    { id: 'requester', title: L('Người yêu cầu', 'The requester') },
  ],
  people: [{ id: 'father', name: L('người cha', 'the father') }],
  papers: [{ id: 'birth-notice', name: L('Giấy chứng sinh', 'Birth notice'), required: true, maxPages: 2 }],
  questions: [
    { id: 'childName', type: 'text', label: L('Họ, chữ đệm, tên'), required: true, section: 'child' },
    { id: 'childSex', type: 'sex', label: L('Giới tính'), required: true, section: 'child' },
    { id: 'childBirthDate', type: 'date', label: L('Ngày sinh'), required: true, when: 'past', section: 'child' },
    { id: 'lateReason', type: 'longText', label: L('Lý do đăng ký quá hạn'), required: true, section: 'child', showIf: { question: 'childBirthDate', olderThanDays: 60 } },
    { id: 'childEthnicity', type: 'ethnicity', label: L('Dân tộc'), required: true, section: 'child' },
    { id: 'childNationality', type: 'nationality', label: L('Quốc tịch'), required: true, section: 'child' },
    { id: 'fatherKnown', type: 'yesNo', label: L('Đã xác định được người cha?'), required: true, section: 'child' },
    { id: 'fatherName', type: 'text', label: L('Họ tên cha'), required: true, section: 'father', autofill: { person: 'father', field: 'fullName' } },
    { id: 'fatherBirthDate', type: 'date', label: L('Ngày sinh cha'), required: true, when: 'past', section: 'father', autofill: { person: 'father', field: 'dateOfBirth' } },
    { id: 'fatherId', type: 'idNumber', label: L('Số định danh cha'), required: true, section: 'father', autofill: { person: 'father', field: 'idNumber' } },
    { id: 'fatherNationality', type: 'nationality', label: L('Quốc tịch cha'), required: true, section: 'father', autofill: { person: 'father', field: 'nationality' } },
    { id: 'fatherResidence', type: 'address', label: L('Nơi cư trú của cha'), required: true, section: 'father', autofill: { person: 'father', field: 'placeOfResidence' } },
    {
      id: 'members',
      type: 'group',
      label: L('Thành viên hộ gia đình'),
      itemLabel: L('Thành viên', 'Member'),
      min: 1,
      max: 3,
      section: 'household',
      questions: [
        { id: 'memberName', type: 'text', label: L('Họ tên'), required: true },
        { id: 'memberRelation', type: 'relationship', label: L('Quan hệ với chủ hộ'), required: true },
        { id: 'memberRelationOther', type: 'text', label: L('Ghi rõ quan hệ'), required: true, showIf: { question: 'memberRelation', equals: ['khac'] } },
      ],
    },
    { id: 'declarantName', type: 'text', label: L('Họ tên người yêu cầu'), required: true, section: 'requester', autofill: 'fullName' },
    { id: 'declarantSex', type: 'sex', label: L('Giới tính'), required: false, section: 'requester', autofill: 'sex' },
    { id: 'relation', type: 'relationship', label: L('Quan hệ với người được khai sinh'), required: true, section: 'requester' },
    { id: 'copies', type: 'copies', label: L('Số bản sao'), required: true, min: 0, max: 5, section: 'requester' },
    { id: 'choice', type: 'select', label: L('Nơi đăng ký'), required: false, section: 'requester', options: [{ value: 'a', label: L('Nơi A') }, { value: 'b', label: L('Nơi B') }] },
    { id: 'phone', type: 'phone', label: L('Điện thoại'), required: false, section: 'requester' },
  ],
};
const form: Service = ServiceSchema.parse(raw);

const good: Record<string, AnswerValue> = {
  childName: 'Nguyễn Minh An',
  childSex: 'Nam',
  childBirthDate: '01/11/2026',
  childEthnicity: 'Kinh',
  childNationality: 'Việt Nam',
  fatherKnown: 'yes',
  fatherName: 'Nguyễn Văn Bình',
  fatherBirthDate: '02/03/1990',
  fatherId: '001090012345',
  fatherNationality: 'Việt Nam',
  fatherResidence: { line: 'Số 12 ngõ 5 Hàng Bạc', provinceCode: '01', wardCode: '00070', text: 'Số 12 ngõ 5 Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội' },
  members: [{ memberName: 'Nguyễn Văn Bình', memberRelation: 'cha' }],
  declarantName: 'Trần Thị Cúc',
  relation: 'me',
  copies: '2',
};

const keys = (a: Record<string, AnswerValue>) => pages(form, a, now).map((p) => p.key);

describe('form engine: conditional questions', () => {
  it('asks the father’s section only when the father is known, and drops his answers when he is not', () => {
    expect(keys(good)).toContain('q:fatherName');
    const unknown = { ...good, fatherKnown: 'no' };
    expect(keys(unknown).filter((k) => k.startsWith('q:father'))).toEqual(['q:fatherKnown']);
    expect(validateForm(form, unknown, now)).toEqual([]);
    const pruned = pruneAnswers(form, unknown, now);
    expect(pruned.fatherName).toBeUndefined();
    expect(pruned.fatherResidence).toBeUndefined();
    expect(pruned.childName).toBe('Nguyễn Minh An');
    // With the father known, his questions are required again.
    expect(validateForm(form, { ...good, fatherName: '' }, now).map((p) => p.questionId)).toEqual(['fatherName']);
  });

  it('asks why a birth is registered late only when the birth was more than 60 days ago', () => {
    expect(keys(good)).not.toContain('q:lateReason');
    const late = { ...good, childBirthDate: '01/01/2026' };
    expect(keys(late)).toContain('q:lateReason');
    expect(validateForm(form, late, now).map((p) => p.questionId)).toEqual(['lateReason']);
    expect(validateForm(form, { ...late, lateReason: 'Gia đình ở xa, chưa kịp đăng ký.' }, now)).toEqual([]);
  });

  it('asks a group member’s own follow-up only for that member', () => {
    const a = { ...good, members: [{ memberName: 'A', memberRelation: 'cha' }, { memberName: 'B', memberRelation: 'khac' }] };
    const k = keys(a);
    expect(k).not.toContain('g:members:0:memberRelationOther');
    expect(k).toContain('g:members:1:memberRelationOther');
    expect(validateForm(form, a, now).map((p) => p.questionId)).toEqual(['members.1.memberRelationOther']);
  });
});

describe('form engine: repeating groups', () => {
  it('pages each instance’s questions, then the group’s own page; pads up to min', () => {
    const k = keys({ ...good, members: [] });
    const i = k.indexOf('g:members:0:memberName');
    expect(i).toBeGreaterThan(0);
    expect(k.slice(i, i + 3)).toEqual(['g:members:0:memberName', 'g:members:0:memberRelation', 'g:members']);
    // min 1: an empty form still asks the first member, and refuses to have none.
    expect(validateForm(form, { ...good, members: [] }, now).map((p) => p.questionId)).toEqual(expect.arrayContaining(['members', 'members.0.memberName']));
  });

  it('adds up to max, removes down to min, and sets answers inside an instance', () => {
    let a: Record<string, AnswerValue> = { ...good };
    const added = addInstance(form.questions.find((q) => q.id === 'members') as never, a)!;
    expect(added.index).toBe(1);
    a = setAnswer(form, added.answers, { questionId: 'memberName', group: { id: 'members', index: 1 } }, 'Nguyễn Thị Dung');
    a = setAnswer(form, a, { questionId: 'memberRelation', group: { id: 'members', index: 1 } }, 'vo');
    expect(answerAt(a, { questionId: 'memberName', group: { id: 'members', index: 1 } })).toBe('Nguyễn Thị Dung');
    expect(validateForm(form, a, now)).toEqual([]);
    const group = form.questions.find((q) => q.id === 'members')! as never;
    const third = addInstance(group, a)!;
    expect(addInstance(group, third.answers)).toBeNull(); // max 3
    const removed = removeInstance(group, a, 0);
    expect((removed.members as unknown[]).length).toBe(1);
    expect(answerAt(removed, { questionId: 'memberName', group: { id: 'members', index: 0 } })).toBe('Nguyễn Thị Dung');
    expect((removeInstance(group, removed, 0).members as unknown[]).length).toBe(1); // min 1
    // More instances than max, or answers to questions the group has not, are refused.
    const over = { ...good, members: [1, 2, 3, 4].map(() => ({ memberName: 'X', memberRelation: 'con' })) };
    expect(validateForm(form, over, now).map((p) => p.questionId)).toContain('members');
    expect(validateForm(form, { ...good, members: [{ memberName: 'X', memberRelation: 'con', salary: '1' }] }, now).map((p) => p.questionId)).toEqual(['members.0.salary']);
    expect(validateForm(form, { ...good, members: 'X' }, now).map((p) => p.questionId)).toEqual(['members']);
  });
});

describe('form engine: the check page', () => {
  it('groups the answers by section, in order, with the page each "Sửa" opens; hidden sections are left out', () => {
    const sections = checkSections(form, good, now);
    expect(sections.map((s) => s.section?.id)).toEqual(['child', 'father', 'household', 'requester']);
    const father = sections[1]!.items.map((i) => (i.kind === 'row' ? i.row.pageKey : ''));
    expect(father).toEqual(['q:fatherName', 'q:fatherBirthDate', 'q:fatherId', 'q:fatherNationality', 'q:fatherResidence']);
    const household = sections[2]!.items[0]!;
    expect(household.kind).toBe('group');
    if (household.kind === 'group') expect(household.group.instances[0]!.rows.map((r) => r.pageKey)).toEqual(['g:members:0:memberName', 'g:members:0:memberRelation']);
    expect(checkSections(form, { ...good, fatherKnown: 'no' }, now).map((s) => s.section?.id)).toEqual(['child', 'household', 'requester']);
  });

  it('shows answers as people read them', () => {
    const q = (id: string) => form.questions.find((x) => x.id === id) as never;
    expect(displayAnswer(q('relation'), 'me', 'vi')).toBe('Mẹ');
    expect(displayAnswer(q('relation'), 'me', 'en')).toBe('Mother');
    expect(displayAnswer(q('fatherKnown'), 'yes', 'vi')).toBe('Có');
    expect(displayAnswer(q('childSex'), 'Nữ', 'en')).toBe('Female');
    expect(displayAnswer(q('copies'), '2', 'vi')).toBe('2 bản');
    expect(displayAnswer(q('fatherResidence'), good.fatherResidence as never, 'vi')).toContain('Phường Hoàn Kiếm');
  });
});

describe('form engine: a card read for a named person', () => {
  const card = { fullName: 'NGUYỄN VĂN BÌNH', idNumber: '001090012345', dateOfBirth: '02/03/1990', sex: 'Nam', nationality: 'Việt Nam', placeOfResidence: 'Số 12 ngõ 5 Hàng Bạc, Hoàn Kiếm, Hà Nội' };

  it('the father’s card fills the father’s questions only; the requester’s card fills the requester’s', () => {
    expect(cardPeople(form.questions)).toEqual(['father', 'requester']);
    const father = autofillFor(form.questions, 'father', card);
    expect(father).toEqual({
      fatherName: 'NGUYỄN VĂN BÌNH',
      fatherBirthDate: '02/03/1990',
      fatherId: '001090012345',
      fatherNationality: 'Việt Nam',
      fatherResidence: { line: '', text: 'Số 12 ngõ 5 Hàng Bạc, Hoàn Kiếm, Hà Nội' },
    });
    const requester = autofillFor(form.questions, 'requester', { fullName: 'Trần Thị Cúc', sex: 'Nữ', idNumber: '001190012345' });
    expect(requester).toEqual({ declarantName: 'Trần Thị Cúc', declarantSex: 'Nữ' });
    // Nothing invented: a card without a field leaves it empty, and the child is never filled.
    expect(autofillFor(form.questions, 'father', { idNumber: '001090012345' })).toEqual({ fatherId: '001090012345' });
    expect(Object.keys(father).some((k) => k.startsWith('child'))).toBe(false);
    // The filled answers pass validation as they are.
    expect(validateForm(form, { ...good, ...father }, now)).toEqual([]);
  });

  it('reuses the requester’s answers for the person the requester is (the father registering his child)', () => {
    const f = ServiceSchema.parse({
      ...raw,
      people: [{ id: 'father', name: L('người cha', 'the father'), isRequesterIf: { question: 'relation', equals: ['cha'] } }],
      questions: raw.questions.map((q) => (q.id === 'relation' ? { ...q, section: 'child' } : q)).sort((a, b) => (a.id === 'relation' ? -1 : b.id === 'relation' ? 1 : 0)),
    });
    const base = { declarantName: 'Nguyễn Văn Bình', relation: 'cha', fatherKnown: 'yes' };
    expect(reuseRequester(f, base)).toEqual({ fatherName: 'Nguyễn Văn Bình' });
    // Not when the requester is someone else, and never over an answer already given.
    expect(reuseRequester(f, { ...base, relation: 'me' })).toEqual({});
    expect(reuseRequester(f, { ...base, fatherName: 'Khác' })).toEqual({});
  });
});
