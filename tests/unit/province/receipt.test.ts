import { describe, expect, it } from 'vitest';
import { HAND_OFF_NOTE } from '../../../common/province/receipt-words.ts';
import { receiptBlocks, type Receipt } from '../../../drivers/printer/receipt.ts';

const base: Receipt = {
  ward: { name: 'UBND phường Hoàn Kiếm', address: 'Hà Nội', hotline: '024 3825 1234' },
  serviceName: 'Đăng ký khai sinh',
  applicantName: 'Nguyễn Thị Hoa',
  applicationCode: '000.00.12.H29-261206-1001',
  trackingQr: '000.00.12.H29-261206-1001',
  submittedAt: new Date(Date.UTC(2026, 11, 6, 2)),
  documentsToBring: [],
  fee: 0,
  expectedResultDate: null,
  nextSteps: [],
};
const texts = (r: Receipt) => receiptBlocks(r).flatMap((b) => (b.kind === 'text' ? [b.text] : []));

describe('the receipt carries the best code there is when it prints', () => {
  it('the province’s number when assigned at once, with the kiosk code beside it', () => {
    const t = texts({ ...base, officialNumber: '000.00.12.H29-261206-0001', codeNote: HAND_OFF_NOTE.numbered!.vi });
    expect(t).toContain('Số hồ sơ');
    expect(t).toContain('000.00.12.H29-261206-0001');
    expect(t).toContain('Mã kiosk: 000.00.12.H29-261206-1001');
    expect(t).toContain(HAND_OFF_NOTE.numbered!.vi);
  });

  it('else the kiosk’s code with the words that the official number follows, or that it is kept while the province is unreachable', () => {
    const sent = texts({ ...base, officialNumber: null, codeNote: HAND_OFF_NOTE.sent!.vi });
    expect(sent).toContain('Mã hồ sơ');
    expect(sent).toContain(base.applicationCode);
    expect(sent.join(' ')).toMatch(/số hồ sơ chính thức sẽ được cấp khi cán bộ tiếp nhận/);
    const kept = texts({ ...base, codeNote: HAND_OFF_NOTE.kept!.vi });
    expect(kept.join(' ')).toMatch(/hồ sơ đã được lưu giữ và sẽ được gửi ngay khi kết nối lại/);
    // inbox-only wards: the receipt is as before
    expect(texts(base)).toEqual(texts({ ...base, officialNumber: null, codeNote: null }));
    expect(HAND_OFF_NOTE.inbox).toBeNull();
  });
});
