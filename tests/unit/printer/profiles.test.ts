import { PrinterTypes, ThermalPrinter, CharacterSet } from 'node-thermal-printer';
import { describe, expect, it } from 'vitest';
import { cp1258, roundTrips, vietnameseRepertoire, type Codec } from '../../../drivers/printer/codepage.ts';
import { buildReceiptJob } from '../../../drivers/printer/job.ts';
import { effectiveMode, PROFILES, resolveProfile } from '../../../drivers/printer/profiles.ts';
import { sampleReceipt } from './helpers.ts';

const TRICKY = ['ơ', 'ư', 'ă', 'đ', 'Ơ', 'Ư', 'Ă', 'Đ', 'ễ', 'ị', 'ờ', 'ự', 'ẫ', 'Ậ', 'ỡ', 'ẳ', 'Ữ', 'ỹ', 'Ỵ'];

describe('printer profiles', () => {
  it('an unknown model falls back to the generic raster profile', () => {
    expect(resolveProfile('acme-9000').model).toBe('generic');
    expect(resolveProfile(undefined).model).toBe('generic');
    expect(effectiveMode(resolveProfile('acme-9000')).mode).toBe('raster');
    expect(buildReceiptJob(sampleReceipt(), { model: 'acme-9000' }).mode).toBe('raster');
  });

  it('text mode only where the code page round-trips and the firmware combines marks', () => {
    expect(effectiveMode(PROFILES['epson-tm-t88vi']!).mode).toBe('text');
    expect(effectiveMode(PROFILES['pos-5890']!)).toMatchObject({ mode: 'raster' });
    // a code page that loses letters is refused even if a profile asks for it
    const lossy: Codec = { ...cp1258, name: 'lossy', encode: (t) => cp1258.encode(t.replace(/ễ/g, 'e')) };
    const profile = { ...PROFILES['epson-tm-t88vi']!, text: { ...PROFILES['epson-tm-t88vi']!.text!, codec: lossy } };
    expect(effectiveMode(profile)).toMatchObject({ mode: 'raster', why: expect.stringMatching(/round-trip/) });
  });
});

describe('CP1258 encoder', () => {
  it('round-trips ơ ư ă đ and every precomposed tone, NFC and NFD input alike', () => {
    for (const ch of TRICKY) {
      for (const input of [ch, ch.normalize('NFD')]) {
        const { bytes, unmappable } = cp1258.encode(input);
        expect(unmappable).toEqual([]);
        expect(cp1258.decode(bytes)).toBe(ch.normalize('NFC'));
      }
    }
    expect(roundTrips(cp1258)).toBe(true);
    expect(vietnameseRepertoire()).toContain('Ỵ');
  });

  it('keeps ă â ê ô ơ ư đ whole and sends only the tone as a combining byte', () => {
    expect([...cp1258.encode('ơ ư ă đ').bytes]).toEqual([0xf5, 0x20, 0xfd, 0x20, 0xe3, 0x20, 0xf0]);
    expect([...cp1258.encode('ễ').bytes]).toEqual([0xea, 0xde]); // ê + tilde
    expect([...cp1258.encode('Ự').bytes]).toEqual([0xdd, 0xf2]); // Ư + dot below
    expect(cp1258.encode('日').unmappable).toEqual(['日']);
  });

  it("node-thermal-printer's own WPC1258 path does not round-trip (why we never use print())", () => {
    const p = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: '', characterSet: CharacterSet.WPC1258_VIETNAMESE });
    const original = 'Nguyễn Thị Hường';
    p.print(original);
    const bytes = Buffer.from(p.getBuffer()).subarray(3); // after its ESC t n
    const decoded = cp1258.decode(bytes);
    expect(decoded).not.toContain('Nguyễn');
    expect(decoded).not.toContain('Hường');
  });
});

describe('text mode through the virtual printer', () => {
  it('an Epson TM-T88VI receipt decodes back to the exact Vietnamese lines', async () => {
    const { VirtualPrinter } = await import('../../../drivers/printer/virtual/printer.ts');
    const vp = new VirtualPrinter();
    const r = sampleReceipt();
    const job = buildReceiptJob(r, { model: 'epson-tm-t88vi' });
    expect(job.mode).toBe('text');
    expect(job.bytes.includes(Buffer.from([0x1b, 0x74, 52]))).toBe(true);
    vp.feed(job.bytes);
    expect(vp.pages).toHaveLength(1);
    const text = vp.pages[0]!.text.map((l) => l.trim());
    for (const want of [r.applicantName, r.serviceName, r.ward.name, 'GIẤY BIÊN NHẬN HỒ SƠ', 'Căn cước công dân của cha hoặc mẹ'])
      expect(text.some((l) => l.includes(want.normalize('NFC'))), want).toBe(true);
  });
});
