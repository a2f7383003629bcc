import { describe, expect, it } from 'vitest';
import type { Question } from '../../../kiosk-config/catalogue.schema.ts';
import { autofillAnswers, fromFormDate, toFormDate } from '../../../renderer/src/idcard/autofill.ts';

const q = (id: string, type: Question['type'], autofill?: Question['autofill'], options?: Question['options']) =>
  ({ id, type, autofill, options, label: { vi: id, en: id }, required: true, personal: true, when: 'any' }) as Question;

describe('ID card → form answers', () => {
  const questions = [
    q('declarantName', 'text', 'fullName'),
    q('declarantId', 'idNumber', 'idNumber'),
    q('dob', 'date', 'dateOfBirth'),
    q('sex', 'choice', 'sex', [
      { value: 'nam', label: { vi: 'Nam', en: 'Male' } },
      { value: 'nu', label: { vi: 'Nữ', en: 'Female' } },
    ]),
    q('address', 'longText', 'placeOfResidence'),
    q('childName', 'text'),
  ];
  const reading = {
    fields: { fullName: 'Nguyễn Thị Hường', idNumber: '001190012345', dateOfBirth: '1990-01-31', sex: 'Nữ' as const },
    sources: {},
    confidence: {},
    issues: [],
    expired: false,
  };

  it('fills only the questions that name a card field, in the form formats', () => {
    expect(autofillAnswers(questions, reading)).toEqual({ declarantName: 'Nguyễn Thị Hường', declarantId: '001190012345', dob: '31/01/1990', sex: 'nu' });
  });

  it('never invents: a field the card did not give stays empty, and the child is never filled from the card', () => {
    const a = autofillAnswers(questions, { ...reading, fields: { idNumber: '001190012345' } });
    expect(a).toEqual({ declarantId: '001190012345' });
    expect(a.childName).toBeUndefined();
  });

  it('formats dates and refuses malformed ones', () => {
    expect(toFormDate('2024-09-05')).toBe('05/09/2024');
    expect(toFormDate('05/09/2024')).toBeNull();
    expect(fromFormDate('5/9/2024')).toBe('2024-09-05');
    expect(fromFormDate('2024-09-05')).toBeNull();
  });
});
