/** Shared fixtures for the printer tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Receipt } from '../../../drivers/printer/receipt.ts';

export function sampleReceipt(over: Partial<Receipt> = {}): Receipt {
  return {
    ward: { name: 'UBND Phường Hàng Bài', address: '36 Hàng Bài, Phường Hàng Bài, Quận Hoàn Kiếm, Hà Nội', hotline: '024 3825 3530' },
    serviceName: 'Đăng ký khai sinh',
    applicantName: 'Nguyễn Thị Hường',
    applicationCode: '000.00.12.H29-250314-1007',
    trackingQr: 'https://dichvucong.gov.vn/tra-cuu?ma=000.00.12.H29-250314-1007',
    submittedAt: new Date('2025-03-14T02:35:00Z'),
    documentsToBring: ['Giấy xác nhận tình trạng hôn nhân (bản chính)', 'Căn cước công dân của cha hoặc mẹ'],
    fee: 0,
    expectedResultDate: new Date('2025-03-17T02:00:00Z'),
    nextSteps: ['Nhận kết quả tại Bộ phận một cửa, Thứ Hai đến Thứ Sáu', 'Mang theo phiếu này và giấy tờ tùy thân'],
    ...over,
  };
}

export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Polls `pred` until true (or throws after `ms`). */
export async function until(pred: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
