import { describe, expect, it } from 'vitest';
import { IdCardError } from '../../../common/idcard/fields.ts';
import { parseCccdQr } from '../../../common/idcard/qr.ts';

const SAMPLE = '079090012345|025123456|Nguyễn Văn An|01011990|Nam|Số 12 Phố Huế, Hàng Bài, Hoàn Kiếm, Hà Nội|15042021';

function err(fn: () => unknown): IdCardError {
  try {
    fn();
  } catch (e) {
    if (e instanceof IdCardError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('parseCccdQr', () => {
  it('parses the 7-field payload of a 2021 card', () => {
    const r = parseCccdQr(SAMPLE);
    expect(r.fieldCount).toBe(7);
    expect(r.issues).toEqual([]);
    expect(r.fields).toEqual({
      idNumber: '079090012345',
      oldIdNumber: '025123456',
      fullName: 'Nguyễn Văn An',
      dateOfBirth: '1990-01-01',
      sex: 'Nam',
      placeOfResidence: 'Số 12 Phố Huế, Hàng Bài, Hoàn Kiếm, Hà Nội',
      issueDate: '2021-04-15',
    });
  });

  it('parses an 11-field 2024 payload (4 trailing empty fields) and a CRLF suffix', () => {
    const r = parseCccdQr('001305001234||Trần Thị Bích Ngọc|05062005|Nữ|Phường Hàng Bạc, Hà Nội|20082024||||\r\n');
    expect(r.fieldCount).toBe(11);
    expect(r.fields.fullName).toBe('Trần Thị Bích Ngọc');
    expect(r.fields.sex).toBe('Nữ');
    expect(r.fields.dateOfBirth).toBe('2005-06-05');
  });

  it('keeps field 1 in place when the old ID is empty: the name is not mis-indexed', () => {
    const r = parseCccdQr('079090012345||Nguyễn Văn An|01011990|Nam|Hà Nội|15042021');
    expect(r.fields.oldIdNumber).toBeUndefined();
    expect(r.fields.fullName).toBe('Nguyễn Văn An');
    expect(r.fields.dateOfBirth).toBe('1990-01-01');
  });

  it('normalises a decomposed (NFD) name to NFC', () => {
    const r = parseCccdQr(SAMPLE.normalize('NFD'));
    expect(r.fields.fullName).toBe('Nguyễn Văn An'.normalize('NFC'));
    expect(r.fields.sex).toBe('Nam');
  });

  it('refuses a QR that is not an ID card', () => {
    for (const p of ['https://dichvucong.gov.vn/', 'hello|world|x|y|z|w|v', '', '12345|a|b|c|d|e|f']) {
      const e = err(() => parseCccdQr(p));
      expect(e.code).toBe('not_id_qr');
      expect(e.message).toContain('không phải mã QR của thẻ căn cước');
    }
  });

  it('reports a truncated payload', () => {
    const e = err(() => parseCccdQr('079090012345|025123456|Nguyễn Văn An|010119'));
    expect(e.code).toBe('truncated');
  });

  it('drops an invalid field instead of guessing it', () => {
    const r = parseCccdQr('079090012345|025123456|Nguyễn Văn An|31021990|Nam|Hà Nội|15042021');
    expect(r.fields.dateOfBirth).toBeUndefined();
    expect(r.issues.map((i) => i.field)).toEqual(['dateOfBirth']);
    expect(r.fields.fullName).toBe('Nguyễn Văn An');
  });

  it('refuses control characters (garbage)', () => {
    expect(err(() => parseCccdQr('079090012345|\u0000|x|01011990|Nam|Hà Nội|15042021')).code).toBe('not_id_qr');
  });
});
