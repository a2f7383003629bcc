/**
 * The sample receipt behind docs/img/receipt-80mm.png and receipt-58mm.png
 * (`npm run --silent receipt -- --sample --out OUT.bin --png OUT.png [--paper 58|80]`): the demo
 * ward (kiosk-config/default.json), an invented resident, every line a real receipt of a birth
 * registration sent by post carries — the kiosk's code with the words that the official number
 * follows, the tracking QR with the 8-digit tracking PIN under it (issue 17), the result by post
 * with the postage the province stated (issue 16). Fixed date, so the image changes only when
 * the receipt's layout or words do.
 * Layer: scripts (node).
 */
import { HAND_OFF_NOTE } from '../common/province/receipt-words.ts';
import type { Receipt } from '../drivers/printer/receipt.ts';

const CODE = '000.00.12.H29-261207-1003';

export const SAMPLE_RECEIPT: Receipt = {
  ward: { name: 'UBND Phường Cửa Nam (demo)', address: 'Nhà sinh hoạt cộng đồng tổ dân phố 5, Phường Cửa Nam, Thành phố Hà Nội', hotline: '024 3825 1234' },
  serviceName: 'Đăng ký khai sinh',
  agency: 'UBND Phường Cửa Nam',
  applicantName: 'Nguyễn Thị Hường',
  applicationCode: CODE,
  officialNumber: null,
  codeNote: HAND_OFF_NOTE.sent?.vi ?? null,
  trackingQr: `http://127.0.0.1:4620/track/${CODE}?pin=40718265`,
  trackingPin: '40718265',
  submittedAt: new Date('2026-12-07T02:35:00Z'),
  documentsToBring: ['Giấy chứng sinh (bản chính)'],
  fee: 0,
  expectedResultDate: 'Ngay trong ngày tiếp nhận; nếu nhận sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo',
  nextSteps: ['Tra cứu hồ sơ tại kiosk bằng mã và mã PIN trên phiếu này', 'Kết quả được gửi qua bưu điện; cước bưu chính trả cho nhân viên bưu điện khi nhận'],
  delivery: 'Qua bưu điện, đến: Số 5 Tràng Tiền, Phường Cửa Nam, Thành phố Hà Nội. Cước bưu chính (tỉnh báo): 25.000 đồng',
};
