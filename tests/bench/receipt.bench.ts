/**
 * `npm run bench:receipt`: time from "submit" (a Receipt object) to ESC/POS bytes ready, default
 * profile (raster, 80 mm), warm, 50 runs. One JSON line on stdout. Target: ≤ 150 ms.
 */
import { buildReceiptJob } from '../../drivers/printer/job.ts';
import type { Receipt } from '../../drivers/printer/receipt.ts';

const RUNS = 50;
const WARMUP = 5;
const BUDGET_MS = 60_000; // bounded even on a loaded machine
const TARGET_MS = 150;

function receipt(i: number): Receipt {
  const code = `000.00.12.H29-250314-1${String(i).padStart(3, '0')}`;
  return {
    ward: { name: 'UBND Phường Hàng Bài', address: '36 Hàng Bài, Phường Hàng Bài, Quận Hoàn Kiếm, Hà Nội', hotline: '024 3825 3530' },
    serviceName: 'Đăng ký khai sinh',
    applicantName: i % 2 ? 'Nguyễn Thị Hường' : 'Công Tằng Tôn Nữ Thị Hoàng Phương Anh Thư',
    applicationCode: code,
    trackingQr: `https://dichvucong.gov.vn/tra-cuu?ma=${code}`,
    submittedAt: new Date(Date.UTC(2025, 2, 14, 2, i % 60)),
    documentsToBring: ['Giấy xác nhận tình trạng hôn nhân (bản chính)', 'Căn cước công dân của cha hoặc mẹ'],
    fee: i % 3 ? 0 : 50_000,
    expectedResultDate: new Date(Date.UTC(2025, 2, 17)),
    nextSteps: ['Nhận kết quả tại Bộ phận một cửa, Thứ Hai đến Thứ Sáu', 'Mang theo phiếu này và giấy tờ tùy thân'],
  };
}

for (let i = 0; i < WARMUP; i++) buildReceiptJob(receipt(i));

const times: number[] = [];
let bytes = 0;
const start = performance.now();
for (let i = 0; i < RUNS && performance.now() - start < BUDGET_MS; i++) {
  const r = receipt(i);
  const t0 = performance.now();
  const job = buildReceiptJob(r);
  times.push(performance.now() - t0);
  bytes = job.bytes.length;
}
times.sort((a, b) => a - b);
const q = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!;
const round = (x: number) => Math.round(x * 10) / 10;
const result = { runs: times.length, bytesReadyMs: { median: round(q(0.5)), p95: round(q(0.95)) }, bytes };
console.log(JSON.stringify(result));
if (result.bytesReadyMs.p95 > TARGET_MS) console.error(`receipt bench: p95 ${result.bytesReadyMs.p95} ms is over the ${TARGET_MS} ms target`);
