/**
 * Which read fields the confirmation screen marks "Xin kiểm tra lại" (common/idcard/review.ts), on
 * readings made by the real fusion (common/idcard/fuse.ts) from candidates as the readers give them.
 */
import { describe, expect, it } from 'vitest';
import { candidatesFrom, fuse, QR_CONFIDENCE } from '../../../common/idcard/fuse.ts';
import type { Candidate } from '../../../common/idcard/fields.ts';
import { DEFAULT_REVIEW_BELOW, fieldsToReview, REVIEW_BELOW } from '../../../common/idcard/review.ts';
import { UNSURE_CONFIDENCE } from '../../../common/idcard/id-vote.ts';

const NOW = new Date('2026-12-07T00:00:00Z');
const CARD = { idNumber: '079090012345', fullName: 'Nguyễn Văn An', dateOfBirth: '1990-01-01', sex: 'Nam' as const, placeOfResidence: 'Hà Nội', issueDate: '2021-04-15' };

describe('fields to check on the confirmation screen', () => {
  it('a QR reading that agrees with itself marks nothing', () => {
    expect(fieldsToReview(fuse(candidatesFrom(CARD, 'qr', QR_CONFIDENCE), { now: NOW }))).toEqual({});
  });

  it('a sex that contradicts the ID number’s century/sex digit marks both, even from the QR', () => {
    const r = fuse(candidatesFrom({ ...CARD, sex: 'Nữ' }, 'qr', QR_CONFIDENCE), { now: NOW });
    expect(fieldsToReview(r)).toEqual({ idNumber: 'disputed', sex: 'disputed' });
  });

  it('a sex worked out from the ID’s digit is always marked, whatever its confidence', () => {
    const cs: Candidate[] = [
      { field: 'idNumber', value: CARD.idNumber, source: 'ocr', confidence: 0.97 },
      { field: 'dateOfBirth', value: CARD.dateOfBirth, source: 'ocr', confidence: 0.95 },
      { field: 'sex', value: 'Nam', source: 'ocr-id-digit', confidence: 0.99 },
    ];
    expect(fieldsToReview(fuse(cs, { now: NOW }))).toEqual({ sex: 'derived' });
  });

  it('OCR fields below their own threshold are marked, above it they are not', () => {
    const just = (f: keyof typeof REVIEW_BELOW, d: number) => (REVIEW_BELOW[f] ?? DEFAULT_REVIEW_BELOW) + d;
    const mk = (d: number) =>
      fieldsToReview({
        sources: { idNumber: 'ocr', fullName: 'ocr', dateOfBirth: 'ocr', placeOfOrigin: 'ocr', nationality: 'ocr' },
        confidence: { idNumber: just('idNumber', d), fullName: just('fullName', d), dateOfBirth: just('dateOfBirth', d), placeOfOrigin: just('placeOfOrigin', d), nationality: DEFAULT_REVIEW_BELOW + d },
      });
    expect(mk(-0.01)).toEqual({ idNumber: 'unsure', fullName: 'unsure', dateOfBirth: 'unsure', placeOfOrigin: 'unsure', nationality: 'unsure' });
    expect(mk(+0.01)).toEqual({});
  });

  it('an OCR reading that differs from the QR casts no doubt on the QR’s value; one that differs from another OCR field does', () => {
    const cs = [...candidatesFrom(CARD, 'qr', QR_CONFIDENCE), { field: 'fullName', value: 'Nguyễn Văn Ân', source: 'ocr', confidence: 0.7 } as Candidate];
    const r = fuse(cs, { now: NOW });
    expect(r.issues.some((i) => i.code === 'mismatch')).toBe(true);
    expect(fieldsToReview(r)).toEqual({});
    // OCR's ID whose year digits contradict OCR's date of birth: both doubted, whatever their confidence.
    const ocr: Candidate[] = [
      { field: 'idNumber', value: '079091012345', source: 'ocr', confidence: 0.97 },
      { field: 'dateOfBirth', value: CARD.dateOfBirth, source: 'ocr', confidence: 0.95 },
    ];
    expect(fieldsToReview(fuse(ocr, { now: NOW }))).toEqual({ idNumber: 'disputed', dateOfBirth: 'disputed' });
  });

  it('an expired card is no doubt about what was read', () => {
    const r = fuse(candidatesFrom({ ...CARD, dateOfExpiry: '2025-01-01' }, 'qr', QR_CONFIDENCE), { now: NOW });
    expect(r.expired).toBe(true);
    expect(fieldsToReview(r)).toEqual({});
  });

  it('an ID whose renderings disagree stays marked after the fusion’s raises (id-vote.ts is set for this threshold)', () => {
    // Agreeing with the date of birth and with a printed sex raise the ID twice (fuse.ts, +30 % of the gap each).
    const cs: Candidate[] = [
      { field: 'idNumber', value: CARD.idNumber, source: 'ocr', confidence: UNSURE_CONFIDENCE },
      { field: 'dateOfBirth', value: CARD.dateOfBirth, source: 'ocr', confidence: 0.95 },
      { field: 'sex', value: 'Nam', source: 'ocr', confidence: 0.95 },
    ];
    const r = fuse(cs, { now: NOW });
    expect(r.confidence.idNumber!).toBeGreaterThan(UNSURE_CONFIDENCE);
    expect(r.confidence.idNumber!).toBeLessThan(REVIEW_BELOW.idNumber!);
    expect(fieldsToReview(r)).toEqual({ idNumber: 'unsure' });
  });
});
