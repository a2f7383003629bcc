/**
 * A small picture that cannot be read (session 13, idlowres): generator 10's 480 px gallery thumbnail at JPEG q20 came
 * back "không tìm thấy thẻ" or "quá thời gian xử lý" — neither tells the resident what to do. A small picture (long side
 * ≤ SMALL_FRAME_SIDE) in which a card was seen but nothing read, or whose read took the whole limit, is refused with
 * "ảnh quá nhỏ hoặc quá mờ, xin chụp lại gần hơn"; a larger picture keeps its reasons. OCR stands in by stubs (nothing
 * read; never answering), so the test is about the refusal, not tesseract.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { IDCARD_ERROR_TEXT } from '../../../common/idcard/fields.ts';
import { detectCard, loadFrame } from '../../../drivers/idcard/image.ts';
import type { OcrPool, OcrResult } from '../../../drivers/idcard/ocr-pool.ts';
import { SMALL_FRAME_SIDE } from '../../../drivers/idcard/qr-image.ts';
import { readCardImage, type CardReaders } from '../../../drivers/idcard/read-card.ts';

/** A pale card (85.6 × 54 mm) with no print on a dark desk, `width` px wide, JPEG q20. */
async function blankCard(width: number): Promise<Buffer> {
  const height = Math.round(width * 0.75);
  const cw = Math.round(width * 0.8);
  const ch = Math.round((cw * 54) / 85.6);
  const card = await sharp({ create: { width: cw, height: ch, channels: 3, background: '#e6ece4' } }).png().toBuffer();
  return sharp({ create: { width, height, channels: 3, background: '#4a4038' } })
    .composite([{ input: card, left: Math.round((width - cw) / 2), top: Math.round((height - ch) / 2) }])
    .jpeg({ quality: 20 })
    .toBuffer();
}

const nothingRead: OcrResult = { text: '', confidence: 0, lines: [], ms: 0 };
const readersThat = (recognize: () => Promise<OcrResult>): CardReaders => {
  const pool = { recognize } as unknown as OcrPool;
  return { vie: pool, eng: pool };
};

describe('a small picture that cannot be read is refused with a reason the resident can act on', () => {
  it('a thumbnail whose card is seen but nothing on it read: "ảnh quá nhỏ hoặc quá mờ…"; the same at a larger size: "không tìm thấy thẻ"', async () => {
    const small = await blankCard(480);
    expect(480).toBeLessThanOrEqual(SMALL_FRAME_SIDE);
    // the card's edge is found: a card was seen
    expect(await detectCard(await loadFrame(small))).toBeDefined();
    const r = await readCardImage(small, readersThat(async () => nothingRead));
    expect(r).toMatchObject({ ok: false, errorCode: 'too_small', error: IDCARD_ERROR_TEXT.too_small.vi, fields: {} });
    expect(r.error).toBe('ảnh quá nhỏ hoặc quá mờ, xin chụp lại gần hơn');
    const large = await readCardImage(await blankCard(1200), readersThat(async () => nothingRead));
    expect(large).toMatchObject({ ok: false, errorCode: 'no_card', fields: {} });
    // a thumbnail with no card in it at all: no card seen, "không tìm thấy thẻ" as before
    const empty = await sharp({ create: { width: 480, height: 360, channels: 3, background: '#4a4038' } }).jpeg({ quality: 20 }).toBuffer();
    expect(await readCardImage(empty, readersThat(async () => nothingRead))).toMatchObject({ ok: false, errorCode: 'no_card' });
  }, 60_000);

  it('a thumbnail whose read takes the whole limit: "ảnh quá nhỏ hoặc quá mờ…"; a larger picture: "quá thời gian xử lý"', async () => {
    const hangs = readersThat(() => new Promise<OcrResult>(() => undefined));
    const small = await readCardImage(await blankCard(480), hangs, { timeoutMs: 2500 });
    expect(small).toMatchObject({ ok: false, errorCode: 'too_small', fields: {} });
    const large = await readCardImage(await blankCard(1200), hangs, { timeoutMs: 2500 });
    expect(large).toMatchObject({ ok: false, errorCode: 'timeout', fields: {} });
  }, 60_000);
});
