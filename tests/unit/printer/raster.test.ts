import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { describe, expect, it } from 'vitest';
import { buildReceiptJob, buildTextFileJob } from '../../../drivers/printer/job.ts';
import { bitmapToPng, encodeRaster, readPng, renderBlocks, type Bitmap } from '../../../drivers/printer/raster.ts';
import { PAPER, plainTextBlocks } from '../../../drivers/printer/receipt.ts';
import { sampleReceipt } from './helpers.ts';

function checker(width: number, height: number): Bitmap {
  const stride = (width + 7) >> 3;
  const bits = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if ((x >> 2) % 2 === (y >> 2) % 2 && x % 7 !== 3) bits[y * stride + (x >> 3)]! |= 0x80 >> (x & 7);
  return { width, height, stride, bits };
}

describe('GS v 0 raster', () => {
  it('encodes the header and rows exactly (MSB = leftmost dot)', () => {
    const bm: Bitmap = { width: 16, height: 2, stride: 2, bits: Uint8Array.from([0x80, 0x01, 0xff, 0x00]) };
    expect([...encodeRaster(bm)]).toEqual([0x1d, 0x76, 0x30, 0x30, 2, 0, 2, 0, 0x80, 0x01, 0xff, 0x00]);
  });

  it('splits tall images into bands whose rows add back up to the image', () => {
    const bm = checker(576, 500);
    const out = encodeRaster(bm, 240);
    const heights: number[] = [];
    let i = 0;
    const rows: Buffer[] = [];
    while (i < out.length) {
      expect([...out.subarray(i, i + 4)]).toEqual([0x1d, 0x76, 0x30, 0x30]);
      const w = out[i + 4]! | (out[i + 5]! << 8);
      const h = out[i + 6]! | (out[i + 7]! << 8);
      expect(w).toBe(72);
      heights.push(h);
      rows.push(out.subarray(i + 8, i + 8 + w * h));
      i += 8 + w * h;
    }
    expect(heights).toEqual([240, 240, 20]);
    expect(Buffer.concat(rows).equals(Buffer.from(bm.bits))).toBe(true);
  });

  it("is byte-identical to node-thermal-printer's printImageBuffer for the same image", async () => {
    for (const width of [384, 576, 100]) {
      const bm = checker(width, 200);
      const p = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: '' });
      await p.printImageBuffer(bitmapToPng(bm));
      expect(Buffer.from(p.getBuffer()).equals(encodeRaster(bm))).toBe(true);
    }
  });
});

describe('receipt jobs', () => {
  for (const mm of [58, 80] as const) {
    it(`${mm} mm: init, raster as wide as the paper, feed, cut, reset`, () => {
      const job = buildReceiptJob(sampleReceipt(), { paperWidthMm: mm });
      expect(job.mode).toBe('raster');
      expect(job.bitmap!.width).toBe(PAPER[mm].dots);
      expect([...job.bytes.subarray(0, 2)]).toEqual([0x1b, 0x40]);
      expect(job.bytes.indexOf(Buffer.from([0x1d, 0x76, 0x30, 0x30, PAPER[mm].dots / 8, 0]))).toBeGreaterThan(0);
      expect([...job.bytes.subarray(-5)]).toEqual([0x1d, 0x56, 0x01, 0x1b, 0x40]);
      // no text bytes at all: every letter went as dots
      expect(job.bytes.includes(Buffer.from('Nguy'))).toBe(false);
    });
  }

  it('the rendered receipt has ink (text, QR) and a white margin', () => {
    const bm = renderBlocks(plainTextBlocks(['Nguyễn Thị Hường']), PAPER[80]);
    const png = readPng(bitmapToPng(bm));
    expect(png.width).toBe(576);
    let black = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i] === 0) black++;
    expect(black).toBeGreaterThan(500);
    for (let y = 0; y < bm.height; y++) expect(bm.bits[y * bm.stride]! & 0xfe).toBe(0); // first 7 dots blank (margin)
  });

  it('the text-file path and the receipt path share the framing', () => {
    const a = buildTextFileJob(['Phường Hàng Bài']);
    expect([...a.bytes.subarray(0, 2)]).toEqual([0x1b, 0x40]);
    expect([...a.bytes.subarray(-5)]).toEqual([0x1d, 0x56, 0x01, 0x1b, 0x40]);
  });
});
