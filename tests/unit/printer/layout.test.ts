import { describe, expect, it } from 'vitest';
import { FontNotFoundError, resolveFonts } from '../../../drivers/printer/fonts.ts';
import { canvasMeasurer, layoutFor } from '../../../drivers/printer/raster.ts';
import { graphemes, PAPER, receiptBlocks, wrapText, type Line } from '../../../drivers/printer/receipt.ts';
import { sampleReceipt } from './helpers.ts';

const COMBINING = /^\p{M}/u;
const textLines = (lines: Line[]) => lines.filter((l): l is Extract<Line, { kind: 'text' }> => l.kind === 'text');

describe('wrapping on rendered width', () => {
  const paper = PAPER[58];
  const m = canvasMeasurer(paper);
  const max = paper.dots - 2 * paper.margin;
  const measure = (s: string) => m.width(s, 'body');

  it('wraps a very long name and address between words, never inside one', () => {
    const address =
      'Số 118 ngõ 27 đường Nguyễn Khuyến, tổ dân phố số 14, Phường Văn Miếu – Quốc Tử Giám, Quận Đống Đa, Thành phố Hà Nội, Việt Nam';
    const name = 'Tôn Nữ Hoàng Thị Phương Thảo Nguyễn Huỳnh Lê Trần Ngọc Quỳnh Hương';
    for (const text of [address, name]) {
      const lines = wrapText(text, max, measure);
      expect(lines.length).toBeGreaterThan(1);
      // joining the lines with single spaces gives back the text: breaks fell only on spaces
      expect(lines.join(' ')).toBe(text.normalize('NFC'));
      const words = new Set(text.normalize('NFC').split(' '));
      for (const l of lines) {
        expect(measure(l)).toBeLessThanOrEqual(max);
        for (const w of l.split(' ')) expect(words.has(w)).toBe(true);
      }
    }
  });

  it('decomposed input (NFD) is normalised and wraps the same as NFC', () => {
    const text = 'Giấy xác nhận tình trạng hôn nhân của Nguyễn Thị Hường, Phường Hàng Bài';
    expect(wrapText(text.normalize('NFD'), max, measure)).toEqual(wrapText(text, max, measure));
  });

  it('breaks a single over-long token between graphemes, never between a letter and its marks', () => {
    const token = 'Nguyễn'.repeat(12).normalize('NFD'); // every ễ is three code points here
    const lines = wrapText(token, max, measure);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe(token.normalize('NFC'));
    for (const l of lines) {
      expect(l).not.toMatch(COMBINING);
      expect(measure(l)).toBeLessThanOrEqual(max);
      expect(graphemes(l).join('')).toBe(l);
    }
  });

  it('prefers the hyphens of an application code, and keeps a hotline together', () => {
    const lines = layoutFor(receiptBlocks(sampleReceipt()), paper);
    const code = textLines(lines).filter((l) => l.style === 'code').map((l) => l.text);
    expect(code).toEqual(['000.00.12.H29-', '250314-1007']);
    const hotline = textLines(lines).map((l) => l.text).find((t) => t.includes('3825'));
    expect(hotline?.replace(/\u00a0/g, ' ')).toBe('024 3825 3530');
  });

  it('prints the tracking PIN as text under the QR, in two groups of four (issue 17); none without one', () => {
    const texts = (pin: string | null) => receiptBlocks({ ...sampleReceipt(), trackingPin: pin }).flatMap((b) => (b.kind === 'text' ? [b.text] : []));
    const withPin = texts('01234567');
    expect(withPin).toContain('Mã PIN tra cứu: 0123 4567');
    expect(withPin.indexOf('Mã PIN tra cứu: 0123 4567')).toBe(withPin.indexOf('Quét mã QR để tra cứu hồ sơ') + 1);
    expect(texts(null).some((t) => t.startsWith('Mã PIN'))).toBe(false);
  });

  it('every laid-out line fits the paper, on 58 and 80 mm', () => {
    for (const p of [PAPER[58], PAPER[80]]) {
      const mm = canvasMeasurer(p);
      for (const l of textLines(layoutFor(receiptBlocks(sampleReceipt({ applicantName: 'Công Tằng Tôn Nữ Thị Hoàng Phương Anh Thư Ngọc Diệp' })), p)))
        expect(l.x + mm.width(l.text, l.style)).toBeLessThanOrEqual(p.dots - 2 * p.margin + 0.5);
    }
  });
});

describe('fonts', () => {
  it('resolves the first installed family and names what it searched when none is', () => {
    expect(resolveFonts((p) => p.includes('noto')).family).toBe('Noto Sans');
    expect(() => resolveFonts(() => false)).toThrow(FontNotFoundError);
    expect(() => resolveFonts(() => false)).toThrow(/fonts-dejavu-core/);
  });
});
