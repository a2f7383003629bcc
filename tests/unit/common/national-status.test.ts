import { describe, expect, it } from 'vitest';
import {
  DossierNo,
  FINAL_CODES,
  formatDossierNo,
  formatOpenCpsDate,
  isFinalCode,
  NATIONAL_CODES,
  NATIONAL_STATUS,
  nationalCodeOf,
  openCpsStatusOf,
  parseDossierNo,
  parseOpenCpsDate,
  PROVINCE_ACTIONS,
} from '../../../common/province/national-status.ts';

describe('the national status vocabulary', () => {
  it('has codes 1–10, each with both labels and a plain Vietnamese explanation', () => {
    expect(NATIONAL_CODES).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const c of NATIONAL_CODES) {
      const t = NATIONAL_STATUS[c];
      expect(t.vi.length).toBeGreaterThan(5);
      expect(t.en.length).toBeGreaterThan(3);
      expect(t.explainVi).toMatch(/[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/);
    }
    expect(NATIONAL_STATUS[5].vi).toBe('Yêu cầu bổ sung giấy tờ');
    expect(NATIONAL_STATUS[10].vi).toBe('Đã trả kết quả');
  });

  it('knows the final codes 3, 8 and 10', () => {
    expect([...FINAL_CODES]).toEqual([3, 8, 10]);
    expect(NATIONAL_CODES.filter(isFinalCode)).toEqual([3, 8, 10]);
  });

  it('maps OpenCPS statuses both ways, and refuses an unknown one', () => {
    for (const c of NATIONAL_CODES) {
      const s = openCpsStatusOf(c);
      expect(nationalCodeOf(s.status, s.subStatus)).toBe(c);
    }
    expect(nationalCodeOf('processing', 'processing_0')).toBe(2);
    expect(nationalCodeOf('processing', 'something_else')).toBe(4);
    expect(nationalCodeOf('dangxuly_khac', '')).toBeNull();
  });

  it('actions never leave a final code', () => {
    for (const a of Object.values(PROVINCE_ACTIONS)) for (const f of a.from) expect(isFinalCode(f)).toBe(false);
  });
});

describe('the official dossier number <unit>-YYMMDD-NNNN', () => {
  it('accepts the circular’s example and refuses wrong shapes and dates', () => {
    expect(parseDossierNo('000.00.01.H22-240315-0007')).toEqual({ unit: '000.00.01.H22', date: '2024-03-15', seq: 7 });
    for (const bad of ['000.00.01.H22-240230-0007', '000.00.01.H22-241315-0001', '000.00.01.H22-240315-0000', '000.00.01.H22-240315-007', 'HS12/0007', '000.00.01.h22-240315-0007', ' 000.00.01.H22-240315-0007', ''])
      expect(parseDossierNo(bad), bad).toBeNull();
    expect(DossierNo.safeParse('HS12/0007').success).toBe(false);
  });

  it('uses the date in Vietnam (UTC+7), not UTC', () => {
    // 2026-12-06 18:30 UTC is 2026-12-07 01:30 in Hà Nội
    const t = Date.UTC(2026, 11, 6, 18, 30);
    expect(formatDossierNo('000.00.12.H29', t, 12)).toBe('000.00.12.H29-261207-0012');
    expect(() => formatDossierNo('000.00.12.H29', t, 10_000)).toThrow();
  });
});

describe('OpenCPS dates dd/MM/yyyy HH:mm:ss in Asia/Ho_Chi_Minh', () => {
  it('round-trips and refuses malformed dates', () => {
    const t = Date.UTC(2026, 11, 6, 18, 30, 5);
    expect(formatOpenCpsDate(t)).toBe('07/12/2026 01:30:05');
    expect(parseOpenCpsDate('07/12/2026 01:30:05')).toBe(t);
    expect(parseOpenCpsDate('31/02/2026 01:30:05')).toBeNull();
    expect(parseOpenCpsDate('2026-12-07 01:30:05')).toBeNull();
  });
});
