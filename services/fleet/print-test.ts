/**
 * The test receipt for the hub's `print-test` command: laid out and queued
 * through the same path as a resident's receipt (drivers/printer receipt
 * layout → SQLite print queue → the configured printer), so it proves the
 * whole chain. It names the ward and the time only. Layer: node.
 */
import type { Receipt } from '../../drivers/printer/index.ts';
import type { KioskConfig } from '../../kiosk-config/config.schema.ts';

export function testReceipt(c: KioskConfig, label: string, now: Date): Receipt {
  return {
    ward: { name: c.ward.name.vi, address: c.ward.address.vi, hotline: c.ward.hotline },
    serviceName: 'IN THỬ — kiểm tra máy in',
    applicantName: `Kiosk ${c.kiosk.id}`,
    applicationCode: label,
    trackingQr: label,
    submittedAt: now,
    documentsToBring: [],
    fee: 0,
    expectedResultDate: null,
    nextSteps: ['Phiếu in thử theo yêu cầu của cán bộ phường, không phải biên nhận hồ sơ.', 'Nếu chữ có dấu và mã QR in rõ, máy in hoạt động tốt.'],
  };
}
