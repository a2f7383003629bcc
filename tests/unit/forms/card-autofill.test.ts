/**
 * From an ID card reading to form answers (common/forms/autofill.ts, applied by the services'
 * `idcard.apply`): the reading's dates are dd/mm/yyyy like the form's — one date format.
 */
import { describe, expect, it } from 'vitest';
import type { Question } from '../../../kiosk-config/catalogue.schema.ts';
import { autofillFor } from '../../../common/forms/autofill.ts';
import { fromIsoDate, normalizeFormDate } from '../../../common/forms/dates.ts';

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
  const fields = { fullName: 'Nguyễn Thị Hường', idNumber: '001190012345', dateOfBirth: '31/01/1990', sex: 'Nữ' as const };

  it('fills only the questions that name a card field, in the form formats', () => {
    expect(autofillFor(questions, 'requester', fields)).toEqual({ declarantName: 'Nguyễn Thị Hường', declarantId: '001190012345', dob: '31/01/1990', sex: 'nu' });
  });

  it('never invents: a field the card did not give stays empty, and the child is never filled from the card', () => {
    const a = autofillFor(questions, 'requester', { idNumber: '001190012345' });
    expect(a).toEqual({ declarantId: '001190012345' });
    expect(a.childName).toBeUndefined();
  });

  it('writes dates one way (dd/mm/yyyy): a corrected date is padded, an ISO or malformed one refused', () => {
    expect(fromIsoDate('2024-09-05')).toBe('05/09/2024');
    expect(fromIsoDate('05/09/2024')).toBeNull();
    expect(normalizeFormDate('5/9/2024')).toBe('05/09/2024');
    expect(normalizeFormDate('2024-09-05')).toBeNull();
    expect(autofillFor(questions, 'requester', { dateOfBirth: '1/2/1990' })).toEqual({ dob: '01/02/1990' });
    expect(autofillFor(questions, 'requester', { dateOfBirth: '1990-02-01' })).toEqual({});
  });
});
