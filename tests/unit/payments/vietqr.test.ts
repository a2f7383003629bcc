/**
 * VietQR payloads: known answers produced by other implementations (a payment
 * gateway's live payload and a published generator's test vector), the CRC's
 * catalogue check value, and a round trip through a decoder we did not write
 * (zxing-wasm reading the QR rendered as an image), then an EMVCo reading.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import QRCode from 'qrcode';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPng } from '../../../drivers/printer/raster.ts';
import { crc16ccittFalse, parseVietQr, plainPurpose, readTlv, vietQrPayload } from '../../../common/payments/vietqr.ts';
import { ROOT } from '../../support/paths.ts';

const require = createRequire(import.meta.url);

describe('VietQR payload', () => {
  it('CRC-16/CCITT-FALSE has the catalogue check value', () => {
    expect(crc16ccittFalse('123456789')).toBe('29B1');
  });

  it('reproduces payloads made by other implementations byte for byte', () => {
    // a payment gateway's live dynamic QR (BIN 970422, alphanumeric virtual account)
    expect(vietQrPayload({ bankBin: '970422', account: 'VQRQADAIJ5512', amount: 7000, purpose: 'TL89 100' })).toBe(
      '00020101021238570010A000000727012700069704220113VQRQADAIJ55120208QRIBFTTA5303704540470005802VN62120808TL89 1006304E346',
    );
    // a published generator's test vector
    expect(vietQrPayload({ bankBin: '970415', account: '0011001932418', amount: 120000, purpose: 'ung ho lu lut' })).toBe(
      '00020101021238570010A0000007270127000697041501130011001932418' + '0208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C',
    );
  });

  it('is static (01=11, no amount) without an amount, dynamic (01=12) with one', () => {
    const s = vietQrPayload({ bankBin: '970415', account: '113366668888' });
    const f = readTlv(s);
    expect(f.map((x) => x.id)).toEqual(['00', '01', '38', '53', '58', '63']);
    expect(f[1]!.value).toBe('11');
    const d = readTlv(vietQrPayload({ bankBin: '970415', account: '113366668888', amount: 20000, purpose: '000.00.12.H29-261206-1001' }));
    expect(d.map((x) => x.id)).toEqual(['00', '01', '38', '53', '54', '58', '62', '63']);
    expect(d[1]!.value).toBe('12');
    expect(d[4]!.value).toBe('20000');
    expect(readTlv(d[6]!.value)).toEqual([{ id: '08', value: '000.00.12.H29-261206-1001' }]);
  });

  it('strips diacritics from the purpose for bank apps, and refuses what they cannot show', () => {
    expect(plainPurpose('  Lệ phí  đăng ký ')).toBe('Le phi dang ky');
    expect(parseVietQr(vietQrPayload({ bankBin: '970415', account: '1', amount: 1, purpose: 'Lệ phí Đăng ký' }))!.purpose).toBe('Le phi Dang ky');
    const bad = (i: Parameters<typeof vietQrPayload>[0]) => () => vietQrPayload(i);
    expect(bad({ bankBin: '97041', account: '1' })).toThrow(/BIN is 6 digits/);
    expect(bad({ bankBin: '97041a', account: '1' })).toThrow(/BIN/);
    expect(bad({ bankBin: '970415', account: '0011 0019' })).toThrow(/account/);
    expect(bad({ bankBin: '970415', account: '1'.repeat(20) })).toThrow(/account/);
    expect(bad({ bankBin: '970415', account: '' })).toThrow(/account/);
    expect(bad({ bankBin: '970415', account: '1', amount: 0 })).toThrow(/above 0/);
    expect(bad({ bankBin: '970415', account: '1', amount: -5 })).toThrow();
    expect(bad({ bankBin: '970415', account: '1', amount: 1.5 })).toThrow(/whole/);
    expect(bad({ bankBin: '970415', account: '1', amount: Number.NaN })).toThrow();
    expect(bad({ bankBin: '970415', account: '1', purpose: 'x'.repeat(26) })).toThrow(/25/);
    expect(bad({ bankBin: '970415', account: '1', purpose: 'phí #1' })).toThrow(/letters, digits/);
    expect(bad({ bankBin: '970415', account: '1', purpose: '   ' })).toThrow(/empty/);
  });

  it('the parser refuses a payload with a wrong CRC or a foreign GUID', () => {
    const p = vietQrPayload({ bankBin: '970415', account: '123', amount: 5000, purpose: 'X' });
    expect(parseVietQr(p)).toEqual({ bankBin: '970415', account: '123', amount: 5000, purpose: 'X', dynamic: true });
    expect(parseVietQr(p.slice(0, -1) + (p.endsWith('0') ? '1' : '0'))).toBeNull();
    expect(parseVietQr(p.replace('540450005802', '540450015802'))).toBeNull(); // amount changed, CRC not
  });
});

describe('VietQR round trip through an independent decoder (zxing-wasm on the rendered image)', () => {
  beforeAll(async () => {
    const bin = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
    await prepareZXingModule({ overrides: { wasmBinary: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer }, fireImmediately: true });
  });

  const cases = [
    { bankBin: '970436', account: '1023456789', amount: 25000, purpose: '000.00.12.H29-261206-1001' },
    { bankBin: '970418', account: 'ABC123XYZ', amount: 1, purpose: 'Le phi' },
    { bankBin: '970405', account: '1500201234567', amount: 200000 },
    { bankBin: '970415', account: '113366668888' },
  ];
  for (const c of cases) {
    it(`decodes ${c.bankBin}/${c.account}${c.amount ? ` ${c.amount}đ` : ' static'}`, async () => {
      const payload = vietQrPayload(c);
      const png = readPng(await QRCode.toBuffer(payload, { errorCorrectionLevel: 'M', margin: 4, scale: 6 }));
      const found = await readBarcodes({ data: new Uint8ClampedArray(png.data), width: png.width, height: png.height, colorSpace: 'srgb' } as ImageData, { formats: ['QRCode'] });
      expect(found.map((f) => f.text)).toEqual([payload]);
      expect(parseVietQr(found[0]!.text)).toEqual({ bankBin: c.bankBin, account: c.account, amount: c.amount ?? null, purpose: c.purpose ?? null, dynamic: c.amount !== undefined });
    });
  }
});

describe('npm run vietqr', () => {
  it('prints the payload on one line', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/vietqr.ts', '--bank', '970415', '--account', '0011001932418', '--amount', '120000', '--purpose', 'ung ho lu lut'], { cwd: ROOT, encoding: 'utf8' });
    expect(out).toBe('00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C\n');
  });

  it('refuses a malformed BIN or amount with a reason and exit 2', () => {
    for (const args of [['--bank', '9704', '--account', '1'], ['--bank', '970415', '--account', '1', '--amount', '-1'], ['--bank', '970415']]) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/vietqr.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^vietqr: /);
    }
  });
});
