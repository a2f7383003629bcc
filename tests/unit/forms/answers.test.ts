import { describe, expect, it } from 'vitest';
import { QuestionSchema, type Question } from '../../../kiosk-config/catalogue.schema.ts';
import { validateAnswer } from '../../../common/validate/answers.ts';
import { Answers, MAX_ANSWERS_JSON_CHARS } from '../../../common/contract/answers.ts';
import { kioskMethods } from '../../../common/contract/kiosk-api.ts';
import { OutboxItem } from '../../../common/contract/hub-kiosk.ts';

const now = new Date('2026-11-23T05:00:00Z');
const L = (vi: string) => ({ vi, en: vi });
const q = (type: Question['type'], extra: Record<string, unknown> = {}): Question => QuestionSchema.parse({ id: 'x', type, label: L('Câu hỏi'), required: true, ...extra });
const ok = (question: Question, v: unknown) => expect(validateAnswer(question, v as never, now), JSON.stringify(v)).toBeNull();
const bad = (question: Question, v: unknown, contains?: string) => {
  const m = validateAnswer(question, v as never, now);
  expect(m, JSON.stringify(v)).not.toBeNull();
  if (contains) expect(m!.vi).toContain(contains);
};

describe('every answer type is validated', () => {
  it('required answers, and the wrong shape for a type', () => {
    for (const t of ['text', 'longText', 'date', 'idNumber', 'phone', 'number', 'yesNo', 'sex', 'ethnicity', 'nationality', 'relationship', 'copies', 'address'] as const) {
      bad(q(t), undefined, 'Xin vui lòng trả lời');
      bad(q(t), '  ', t === 'address' ? undefined : 'Xin vui lòng trả lời');
      expect(validateAnswer(q(t, { required: false }), undefined, now)).toBeNull();
    }
    bad(q('text'), { line: 'a', text: 'abc' }, 'không đúng dạng');
    bad(q('address'), 'Số 1 Hàng Bạc', 'không đúng dạng');
  });

  it('text, longText: length and control characters', () => {
    ok(q('text'), 'Nguyễn Văn An');
    bad(q('text'), 'a'.repeat(201), 'dài quá 200');
    ok(q('longText'), 'a'.repeat(1000));
    bad(q('text', { maxLength: 5 }), 'abcdef', 'dài quá 5');
    bad(q('text'), 'An\u0007', 'ký tự không hợp lệ');
  });

  it('date, idNumber, phone', () => {
    ok(q('date', { when: 'past' }), '05/09/1958');
    bad(q('date', { when: 'past' }), '24/11/2026', 'chưa tới');
    bad(q('date'), '31/02/2020');
    ok(q('idNumber'), '001090012345');
    bad(q('idNumber'), '00109001234', '12 chữ số');
    ok(q('phone'), '0912 345 678');
    bad(q('phone'), '12345');
  });

  it('number and copies: digits within bounds', () => {
    ok(q('number'), '12');
    bad(q('number'), '1.5', 'chữ số');
    bad(q('number', { min: 1, max: 3 }), '4', 'lớn nhất là 3');
    ok(q('copies'), '0');
    ok(q('copies'), '10');
    bad(q('copies'), '11', 'từ 0 đến 10');
    bad(q('copies', { min: 1, max: 3 }), '0', 'từ 1 đến 3');
    bad(q('copies'), 'hai');
  });

  it('yesNo, sex, choice, select, relationship, ethnicity, nationality: one of their values', () => {
    ok(q('yesNo'), 'yes');
    bad(q('yesNo'), 'maybe', 'Có hoặc Không');
    ok(q('sex'), 'Nữ');
    bad(q('sex'), 'nu', 'Nam hoặc Nữ');
    const opts = [{ value: 'a', label: L('A') }, { value: 'b', label: L('B') }];
    ok(q('choice', { options: opts }), 'b');
    bad(q('choice', { options: opts }), 'c', 'Xin chọn');
    ok(q('select', { options: opts }), 'a');
    bad(q('select', { options: opts }), 'A');
    ok(q('relationship'), 'me');
    bad(q('relationship'), 'hàng xóm');
    ok(q('relationship', { options: [{ value: 'chu-ho', label: L('Chủ hộ') }, { value: 'khac', label: L('Khác') }] }), 'chu-ho');
    bad(q('relationship', { options: [{ value: 'chu-ho', label: L('Chủ hộ') }, { value: 'khac', label: L('Khác') }] }), 'me');
    ok(q('ethnicity'), 'Kinh');
    ok(q('ethnicity'), 'Ê-đê');
    bad(q('ethnicity'), 'Kinh tế');
    ok(q('nationality'), 'Việt Nam');
    bad(q('nationality'), 'Atlantis');
  });

  it('address: structured, with codes that look like the 2025 units’ codes', () => {
    const a = q('address');
    ok(a, { line: 'Số 12 ngõ 5 Hàng Bạc', provinceCode: '01', wardCode: '00070', text: 'Số 12 ngõ 5 Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội' });
    ok(a, { line: '', text: 'Thôn Đông, xã Tân Lập, tỉnh Phú Thọ' });
    bad(a, { line: '', text: '' }, 'Xin vui lòng trả lời');
    bad(a, { line: '', text: 'abc' }, 'quá ngắn');
    bad(a, { line: '', text: 'Thôn Đông', provinceCode: '1' }, 'không đúng dạng');
    bad(a, { line: '', text: 'Thôn Đông', wardCode: '00070' }, 'không đúng dạng'); // a ward without its province
    bad(a, { line: '', text: 'Thôn Đông', street: 'x' }, 'không đúng dạng');
    bad(a, { line: '', text: 'x'.repeat(401) }, 'không đúng dạng');
  });
});

describe('the answers at the boundaries', () => {
  it('keeps older, all-string answers readable and takes addresses and groups', () => {
    const older = { declarantName: 'Nguyễn Văn An', copies: '1' };
    expect(Answers.parse(older)).toEqual(older);
    const newer = { residence: { line: 'Số 1', text: 'Số 1 Hàng Bạc, Hà Nội' }, members: [{ memberName: 'A', memberResidence: { line: '', text: 'Hà Nội' } }] };
    expect(Answers.parse(newer)).toEqual(newer);
    const item = { id: '4b1c1f7e-6a43-4c5a-9b8e-0f8a0b1e2c3d', code: '000.00.01.H01-261123-1001', serviceCode: '1.001193', submittedAt: 1 };
    expect(OutboxItem.parse({ ...item, answers: older }).answers).toEqual(older);
    expect(OutboxItem.parse({ ...item, answers: newer }).answers).toEqual(newer);
    const save = kioskMethods['form.saveAnswer'].params;
    expect(save.safeParse({ serviceCode: '1.001193', questionId: 'members', value: newer.members }).success).toBe(true);
  });

  it('refuses nested groups, bad keys, too many instances and oversized forms', () => {
    expect(Answers.safeParse({ members: [{ inner: [{ a: 'b' }] }] }).success).toBe(false);
    expect(Answers.safeParse({ 'bad key': 'x' }).success).toBe(false);
    expect(Answers.safeParse({ members: Array.from({ length: 21 }, () => ({})) }).success).toBe(false);
    expect(Answers.safeParse({ a: 1 }).success).toBe(false);
    const big = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`q${i}`, 'x'.repeat(2000)]));
    expect(JSON.stringify(big).length).toBeGreaterThan(MAX_ANSWERS_JSON_CHARS);
    expect(Answers.safeParse(big).success).toBe(false);
  });
});
