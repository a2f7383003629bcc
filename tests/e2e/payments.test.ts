/**
 * Issue 16 end to end in Chromium against the real kiosk (virtual printer saving PNGs):
 * a procedure with a fee (tách hộ: 5.000 đ online against 10.000 đ at the counter) → the fee
 * on the check-answers page → after submitting, a VietQR on screen, large, with Vietnamese steps
 * → the same VietQR printed large on the receipt. Both QRs are decoded with zxing-wasm (a decoder
 * we did not write) and read as EMVCo: the ward's payee, the amount, the dossier number as note.
 * The resident gives the current address with the picker (province → ward → street), chooses the result by
 * post to it (offered on the check page), and the confirmation and the printed receipt (read by OCR) say so.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { createWorker } from 'tesseract.js';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseVietQr } from '../../common/payments/vietqr.ts';
import { readPng } from '../../drivers/printer/raster.ts';
import { answerAddress } from '../support/address.ts';
import type { KioskProcess } from '../support/kiosk-process.ts';
import { currentScreen, type KioskPage, openKioskPage, openService, typeOnKioskKeyboard } from '../support/kiosk-page.ts';
import { ROOT, tempDir } from '../support/paths.ts';

const SHOTS = path.join(ROOT, 'tests', 'artifacts', 'screens');
const require = createRequire(import.meta.url);
const OCR_LANG_DIR = path.join(path.dirname(require.resolve('@tesseract.js-data/vie/package.json')), '4.0.0_best_int');
const squash = (s: string) => s.normalize('NFC').replace(/\s+/g, '');

async function decode(png: Buffer): Promise<string[]> {
  const img = readPng(png);
  const found = await readBarcodes({ data: new Uint8ClampedArray(img.data), width: img.width, height: img.height, colorSpace: 'srgb' } as ImageData, { formats: ['QRCode'], maxNumberOfSymbols: 4 });
  return found.map((f) => f.text);
}

describe('a fee paid by QR: the check page, the screen and the receipt (Chromium, virtual printer)', () => {
  let kiosk: KioskProcess;
  let rig: KioskPage;
  let page: Page;
  const receipts = tempDir('receipts');

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const bin = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
    await prepareZXingModule({ overrides: { wasmBinary: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer }, fireImmediately: true });
    rig = await openKioskPage({ env: { WARD_KIOSK_RECEIPTS: receipts } });
    ({ kiosk, page } = rig);
  });
  afterAll(async () => {
    await rig?.close();
  });

  const screen = () => currentScreen(page);
  const typeKeys = (text: string) => typeOnKioskKeyboard(page, text);
  async function next(expected = 'question'): Promise<void> {
    await page.getByTestId('question-next').click();
    await expect.poll(screen).toBe(expected);
  }

  it('shows the fee, then a VietQR on screen and on the receipt for the dossier', async () => {
    await openService(page, kiosk.url, 'cu-tru', '1.010038');

    await page.getByTestId('kb-telex').click();
    await typeKeys('nguyeenx vawn an');
    await next();
    await typeKeys('001190012345');
    await next();
    // the current address: picked in the 2025 units (province → ward typed without diacritics → street)
    expect(await answerAddress(page, { province: '01', wardQuery: 'cua nam', wardCode: '00082', line: 'so 5 trang tien' })).toBe('picked');
    await next();
    await typeKeys('traanf vawn binh');
    await next();
    await page.getByTestId('choice-yes').click();
    await next();
    await typeKeys('3');
    await next();
    await typeKeys('0912345678');
    await next('check');

    // The fee on the check page: computed from the rule, online against counter, with its basis.
    const fee = page.getByTestId('fee-summary');
    await expect.poll(() => fee.getAttribute('data-amount')).toBe('5000');
    await expect(fee.innerText()).resolves.toMatch(/5\.000 đồng[\s\S]*Nộp tại quầy: 10\.000 đồng/);
    await expect(fee.innerText()).resolves.toContain('Thông tư 75/2022/TT-BTC');
    await page.screenshot({ path: path.join(SHOTS, 'vi-40-check-fee.png') });

    // The result by post: the address step offers the form's current address (already in the 2025 units); the address shown whole.
    await page.getByTestId('delivery-post').click();
    await page.getByTestId('delivery-from-card').click();
    await expect(page.getByTestId('delivery-summary').innerText()).resolves.toContain('so 5 trang tien, Phường Cửa Nam, Thành phố Hà Nội');
    await page.getByTestId('delivery').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'vi-42-delivery-post.png') });

    await page.getByTestId('consent').click();
    await page.getByTestId('submit').click();
    await expect.poll(screen, { timeout: 10_000 }).toBe('confirmation');
    // no province link here: the ward's staff will state the postage, and the receipt says so (issue 16)
    await expect(page.getByTestId('delivery-confirmed').innerText()).resolves.toBe('Nhận kết quả: Qua bưu điện, đến: so 5 trang tien, Phường Cửa Nam, Thành phố Hà Nội. Cước bưu chính: cán bộ phường sẽ báo');
    const code = (await page.getByTestId('application-code').innerText()).replace(/\s+/g, '');

    // On screen: the QR large, the amount, three steps, the payee and the note.
    const pay = page.getByTestId('payment');
    await pay.waitFor();
    expect(await pay.getAttribute('data-kind')).toBe('vietqr');
    await expect(page.getByTestId('payment-amount').innerText()).resolves.toBe('5.000 đồng');
    await expect(pay.innerText()).resolves.toContain('Mở ứng dụng ngân hàng');
    await expect(pay.innerText()).resolves.toContain('Kiosk không thu tiền');
    await expect(page.getByTestId('payment-purpose').innerText()).resolves.toBe(code);
    const qr = page.getByTestId('payment-qr');
    const box = (await qr.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(300); // large on a 1920×1080 screen
    await pay.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'vi-41-payment.png') });
    const onScreen = await decode(await qr.screenshot());
    expect(onScreen).toHaveLength(1);
    expect(parseVietQr(onScreen[0]!)).toEqual({ bankBin: '970415', account: 'KIOSKDEMO01', amount: 5000, purpose: code, dynamic: true });

    // On the receipt: the same payload, printed large.
    const status = page.getByTestId('receipt-status');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 15_000 }).toBe('printed');
    await expect.poll(() => readdirSync(receipts).filter((f) => f.endsWith('.png')).length, { timeout: 10_000 }).toBeGreaterThan(0);
    const file = readdirSync(receipts).filter((f) => f.endsWith('.png')).sort().at(-1)!;
    const printed = await decode(readFileSync(path.join(receipts, file)));
    expect(printed).toContain(onScreen[0]);
    copyFileSync(path.join(receipts, file), path.join(SHOTS, 'receipt-payment.png'));

    // The receipt says how the result comes: read back from the printed PNG by OCR (tesseract, Vietnamese).
    const worker = await createWorker('vie', 1, { langPath: OCR_LANG_DIR, cacheMethod: 'none', gzip: true });
    try {
      const text = squash((await worker.recognize(readFileSync(path.join(receipts, file)))).data.text);
      for (const want of ['Nhận kết quả', 'Qua bưu điện', 'Phường Cửa Nam', 'Thành phố Hà Nội']) expect(text, want).toContain(squash(want));
    } finally {
      await worker.terminate();
    }
  });
});
