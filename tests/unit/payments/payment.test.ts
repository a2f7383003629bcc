/**
 * Paying by QR: the province's amount refused by code when absurd; URL or VietQR; and the
 * receipt's payment QR decoded (zxing-wasm) from the printed bitmap, large enough for a phone
 * at arm's length.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFeeAmount, MAX_FEE_VND, paymentPayload } from '../../../common/payments/payment.ts';
import { parseVietQr } from '../../../common/payments/vietqr.ts';
import { buildReceiptJob } from '../../../drivers/printer/job.ts';
import { receiptBlocks } from '../../../drivers/printer/receipt.ts';
import { Delivery, deliveryAnswers, deliveryText } from '../../../common/payments/delivery.ts';
import { bitmapToPng, readPng } from '../../../drivers/printer/raster.ts';
import { paymentView, provincePaymentView } from '../../../services/payments/payment.ts';
import { sampleReceipt } from '../printer/helpers.ts';

const require = createRequire(import.meta.url);
const PAYEE = { bankBin: '970415', account: 'KIOSKDEMO01', accountName: 'UBND PHUONG CUA NAM (DEMO)' };
const CODE = '000.00.12.H29-261206-1001';

describe('a fee amount from the province', () => {
  it('accepts a whole positive number of đồng (or its digits as text)', () => {
    expect(checkFeeAmount(20000)).toEqual({ ok: true, amount: 20000 });
    expect(checkFeeAmount('7000')).toEqual({ ok: true, amount: 7000 });
    expect(checkFeeAmount(MAX_FEE_VND)).toEqual({ ok: true, amount: MAX_FEE_VND });
  });
  it('refuses, by code, what is negative, absurd or not a number', () => {
    expect(checkFeeAmount(-5000)).toEqual({ ok: false, code: 'amount_negative' });
    expect(checkFeeAmount('-5000')).toEqual({ ok: false, code: 'amount_negative' });
    expect(checkFeeAmount(MAX_FEE_VND + 1)).toEqual({ ok: false, code: 'amount_absurd' });
    expect(checkFeeAmount(1e15)).toEqual({ ok: false, code: 'amount_absurd' });
    expect(checkFeeAmount(Number.NaN)).toEqual({ ok: false, code: 'amount_not_number' });
    expect(checkFeeAmount(Infinity)).toEqual({ ok: false, code: 'amount_not_number' });
    expect(checkFeeAmount('20.000 đ')).toEqual({ ok: false, code: 'amount_not_number' });
    expect(checkFeeAmount(null)).toEqual({ ok: false, code: 'amount_not_number' });
    expect(checkFeeAmount({})).toEqual({ ok: false, code: 'amount_not_number' });
    expect(checkFeeAmount(0)).toEqual({ ok: false, code: 'amount_zero' });
    expect(checkFeeAmount(1500.5)).toEqual({ ok: false, code: 'amount_fraction' });
  });
});

describe('the payment QR', () => {
  it('is a VietQR to the payee with the dossier number as the note', () => {
    const q = paymentPayload({ amountVnd: 10000, dossierNo: CODE, payee: PAYEE })!;
    expect(q.kind).toBe('vietqr');
    expect(parseVietQr(q.payload)).toEqual({ bankBin: '970415', account: 'KIOSKDEMO01', amount: 10000, purpose: CODE, dynamic: true });
  });
  it('is the province\'s payment address when it gives one (https only)', () => {
    expect(paymentPayload({ amountVnd: 10000, dossierNo: CODE, payee: PAYEE, paymentUrl: 'https://pay.example.vn/p/123' })).toMatchObject({ kind: 'url', payload: 'https://pay.example.vn/p/123' });
    expect(paymentPayload({ amountVnd: 10000, dossierNo: CODE, payee: PAYEE, paymentUrl: 'javascript:alert(1)' })!.kind).toBe('vietqr');
  });
  it('is nothing without a payee or an address (the resident pays at the desk)', () => {
    expect(paymentPayload({ amountVnd: 10000, dossierNo: CODE, payee: null })).toBeNull();
  });
  it('the screen view carries an SVG QR and never says paid unless told', async () => {
    const v = (await paymentView(10000, CODE, PAYEE, null, false))!;
    expect(v.qr.startsWith('data:image/svg+xml;base64,')).toBe(true);
    expect(v.paid).toBe(false);
    expect(v.payee).toEqual(PAYEE);
  });
});

describe('the receipt with a fee to pay', () => {
  beforeAll(async () => {
    const bin = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
    await prepareZXingModule({ overrides: { wasmBinary: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer }, fireImmediately: true });
  });

  for (const paper of [80, 58] as const) {
    it(`${paper} mm: the payment QR decodes to the VietQR payload and is large (≥ ${paper === 80 ? 45 : 30} mm)`, async () => {
      const q = paymentPayload({ amountVnd: 10000, dossierNo: CODE, payee: PAYEE })!;
      const r = sampleReceipt({ applicationCode: CODE, fee: 10000, payment: { amountVnd: 10000, qrPayload: q.payload, payeeName: PAYEE.accountName, purpose: q.purpose }, delivery: 'Qua bưu điện: Số 5 Tràng Tiền, Phường Cửa Nam, Thành phố Hà Nội' });
      const job = buildReceiptJob(r, { paperWidthMm: paper });
      expect(job.mode).toBe('raster');
      const png = readPng(bitmapToPng(job.bitmap!));
      const found = await readBarcodes({ data: new Uint8ClampedArray(png.data), width: png.width, height: png.height, colorSpace: 'srgb' } as ImageData, { formats: ['QRCode'], maxNumberOfSymbols: 4 });
      const pay = found.find((f) => f.text === q.payload);
      expect(pay, found.map((f) => f.text).join(' | ')).toBeDefined();
      expect(found.some((f) => f.text === r.trackingQr)).toBe(true);
      // 203 dpi: 8 dots per mm
      const widthMm = (pay!.position.topRight.x - pay!.position.topLeft.x) / 8;
      expect(widthMm).toBeGreaterThanOrEqual(paper === 80 ? 45 : 30);
      const track = found.find((f) => f.text === r.trackingQr)!;
      expect(pay!.position.topRight.x - pay!.position.topLeft.x).toBeGreaterThan(track.position.topRight.x - track.position.topLeft.x);
    });
  }
});

describe('the fee the province asks for (code 6), on the track screen', () => {
  const bill = (amount: unknown, more: Record<string, unknown> = {}) =>
    ({ dossierNo: CODE, kioskRef: '000.00.12.H29-261206-1001', payment: { amount, bankBin: '970436', accountNo: '0011001234567', accountName: 'KHO BAC NHA NUOC', paymentUrl: null, paid: false, ...more } }) as never;
  const logger = () => {
    const lines: { event: string; fields: Record<string, unknown> }[] = [];
    return { lines, warn: (event: string, fields: Record<string, string | number | boolean | null>) => lines.push({ event, fields }) };
  };

  it('a good bill: a VietQR to the province\'s payee, paid or not as the province says', async () => {
    const log = logger();
    const v = (await provincePaymentView(bill(30000), log))!;
    expect(parseVietQr(v.payload)).toMatchObject({ bankBin: '970436', account: '0011001234567', amount: 30000, purpose: CODE });
    expect(v.paid).toBe(false);
    expect((await provincePaymentView(bill(30000, { paid: true }), log))!.paid).toBe(true);
    expect((await provincePaymentView(bill(30000, { paymentUrl: 'https://dichvucong.example.vn/pay/1' }), log))!).toMatchObject({ kind: 'url', payload: 'https://dichvucong.example.vn/pay/1', payee: null });
    expect(log.lines).toEqual([]);
  });

  it('a negative, absurd or non-numeric amount: no QR, and the refusal logged by code only', async () => {
    for (const [amount, code] of [[-30000, 'amount_negative'], [9_000_000_000, 'amount_absurd'], [Number.NaN, 'amount_not_number'], ['ba mươi nghìn', 'amount_not_number'], [0, 'amount_zero']] as const) {
      const log = logger();
      expect(await provincePaymentView(bill(amount), log)).toBeNull();
      expect(log.lines).toEqual([{ event: 'payment.refused', fields: { code } }]);
      expect(JSON.stringify(log.lines)).not.toContain(String(amount));
    }
  });

  it('no bill: nothing shown', async () => {
    expect(await provincePaymentView(undefined, logger())).toBeNull();
  });
});

describe('the delivery choice', () => {
  const address = { line: 'Số 5 Tràng Tiền', provinceCode: '01', wardCode: '00082', text: 'Số 5 Tràng Tiền, Phường Cửa Nam, Thành phố Hà Nội' };
  it('by post goes to the province as the answers its hand-off reads, and is printed on the receipt', () => {
    const d = Delivery.parse({ method: 'post', address });
    expect(deliveryAnswers(d)).toEqual({ delivery: 'post', postalAddress: address });
    expect(deliveryAnswers({ method: 'desk' })).toEqual({ delivery: 'desk' });
    expect(deliveryText(d).vi).toBe('Qua bưu điện, đến: Số 5 Tràng Tiền, Phường Cửa Nam, Thành phố Hà Nội');
    const blocks = receiptBlocks(sampleReceipt({ delivery: deliveryText(d).vi }));
    expect(blocks).toContainEqual({ kind: 'field', label: 'Nhận kết quả', value: 'Qua bưu điện, đến: Số 5 Tràng Tiền, Phường Cửa Nam, Thành phố Hà Nội', style: 'body' });
  });
  it('with the postage the province stated, on the confirmation and the receipt; none for the desk or when not stated', () => {
    const d = Delivery.parse({ method: 'post', address });
    expect(deliveryText(d, 25_000)).toEqual({
      vi: 'Qua bưu điện, đến: Số 5 Tràng Tiền, Phường Cửa Nam, Thành phố Hà Nội. Cước bưu chính (tỉnh báo): 25.000 đồng',
      en: 'By post, to: Số 5 Tràng Tiền, Phường Cửa Nam, Thành phố Hà Nội. Postage (as the province states): 25,000 đồng',
    });
    expect(deliveryText(d, null).vi).not.toContain('Cước');
    // not stated when the receipt prints: who will state it, and where to see it
    expect(deliveryText(d, null, 'province')).toEqual({
      vi: 'Qua bưu điện, đến: Số 5 Tràng Tiền, Phường Cửa Nam, Thành phố Hà Nội. Cước bưu chính: tỉnh chưa báo — ông/bà xem khi tra cứu hồ sơ',
      en: 'By post, to: Số 5 Tràng Tiền, Phường Cửa Nam, Thành phố Hà Nội. Postage: not stated by the province yet — see it when you track the application',
    });
    expect(deliveryText(d, null, 'ward').vi).toBe('Qua bưu điện, đến: Số 5 Tràng Tiền, Phường Cửa Nam, Thành phố Hà Nội. Cước bưu chính: cán bộ phường sẽ báo');
    expect(deliveryText(d, 25_000, 'province').vi).toContain('Cước bưu chính (tỉnh báo): 25.000 đồng');
    expect(deliveryText({ method: 'desk' }, null, 'province').vi).toBe('Tại Bộ phận một cửa của phường');
    expect(deliveryText({ method: 'desk' }, 25_000).vi).toBe('Tại Bộ phận một cửa của phường');
    const blocks = receiptBlocks(sampleReceipt({ delivery: deliveryText(d, 25_000).vi }));
    expect(blocks).toContainEqual(expect.objectContaining({ kind: 'field', label: 'Nhận kết quả', value: expect.stringContaining('Cước bưu chính (tỉnh báo): 25.000 đồng') }));
  });
  it('refuses a postal address without its ward, province or street', () => {
    expect(Delivery.safeParse({ method: 'post', address: { ...address, wardCode: undefined } }).success).toBe(false);
    expect(Delivery.safeParse({ method: 'post', address: { ...address, line: ' ' } }).success).toBe(false);
    expect(Delivery.safeParse({ method: 'post', address: { line: 'x', text: 'x', wardCode: '00082' } }).success).toBe(false);
    expect(Delivery.safeParse({ method: 'drone' }).success).toBe(false);
  });
});
