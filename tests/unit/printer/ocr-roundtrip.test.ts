/**
 * Vietnamese exact, end to end: receipt → ESC/POS bytes → virtual printer over TCP → its PNG →
 * OCR (tesseract.js, Vietnamese, offline data) → every line found.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createWorker, type Worker } from 'tesseract.js';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReceiptPrinter } from '../../../drivers/printer/device.ts';
import { buildReceiptJob, buildTextFileJob } from '../../../drivers/printer/job.ts';
import { readPng } from '../../../drivers/printer/raster.ts';
import { NetworkTransport } from '../../../drivers/printer/transports/network.ts';
import { VirtualPrinter } from '../../../drivers/printer/virtual/printer.ts';
import { sampleReceipt } from './helpers.ts';

const require = createRequire(import.meta.url);
const LANG_DIR = path.join(path.dirname(require.resolve('@tesseract.js-data/vie/package.json')), '4.0.0_best_int');

const LINES = [
  'Nguyễn Thị Hường',
  'Phường Hàng Bài',
  'Đăng ký khai sinh',
  'Giấy xác nhận tình trạng hôn nhân',
  'Thứ Hai đến Thứ Sáu',
  'Trần Văn Đức, Lê Thị Ngọc Ánh',
  'Ủy ban nhân dân phường Bến Nghé',
];

const squash = (s: string) => s.normalize('NFC').replace(/\s+/g, '');

let worker: Worker;
let vp: VirtualPrinter;
let printer: ReceiptPrinter;

async function printPng(bytes: Buffer): Promise<Buffer> {
  const page = vp.nextPage(10_000);
  expect(await printer.print(bytes)).toMatchObject({ ok: true });
  return vp.png(await page);
}

async function printAndRead(bytes: Buffer): Promise<string> {
  const { data } = await worker.recognize(await printPng(bytes));
  return data.text;
}

describe('Vietnamese round trip through the printer (OCR)', () => {
  beforeAll(async () => {
    if (!existsSync(path.join(LANG_DIR, 'vie.traineddata.gz'))) throw new Error(`Vietnamese OCR data missing: ${LANG_DIR}/vie.traineddata.gz (npm ci)`);
    worker = await createWorker('vie', 1, { langPath: LANG_DIR, cacheMethod: 'none', gzip: true });
    vp = await new VirtualPrinter().start();
    printer = new ReceiptPrinter(new NetworkTransport({ host: '127.0.0.1', port: vp.port }), { statusTimeoutMs: 2000 });
  }, 30_000);
  afterAll(async () => {
    await worker?.terminate();
    await printer?.close();
    await vp?.stop();
  });

  it('every diacritic-heavy line printed through the command path reads back exactly', async () => {
    const text = await printAndRead(buildTextFileJob(LINES).bytes);
    const got = text.split('\n').map(squash).filter(Boolean);
    for (const line of LINES) expect(got, `line "${line}" in OCR output:\n${text}`).toContain(squash(line));
  });

  it('a full receipt: the name, service, ward and documents read back exactly', async () => {
    const r = sampleReceipt();
    const text = squash(await printAndRead(buildReceiptJob(r).bytes));
    for (const want of [r.applicantName, r.serviceName, r.ward.name, 'Giấy xác nhận tình trạng hôn nhân', 'Thứ Hai đến Thứ Sáu', 'GIẤY BIÊN NHẬN HỒ SƠ'])
      expect(text, `"${want}"`).toContain(squash(want));
  });

  it('the printed QR decodes to the tracking payload', async () => {
    const bin = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
    await prepareZXingModule({ overrides: { wasmBinary: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer }, fireImmediately: true });
    const r = sampleReceipt();
    const png = readPng(await printPng(buildReceiptJob(r).bytes));
    const found = await readBarcodes({ data: new Uint8ClampedArray(png.data), width: png.width, height: png.height, colorSpace: 'srgb' } as ImageData, { formats: ['QRCode'] });
    expect(found.map((f) => f.text)).toEqual([r.trackingQr]);
  });
});
