import { createCanvas } from '@napi-rs/canvas';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { processDocumentPage } from '../../../drivers/document/index.ts';

/** A white page of black lines on a grey desk, lit unevenly. */
function photo(w = 1280, h = 960): Buffer {
  const c = createCanvas(w, h);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#5a4a3a';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#f4f1ea';
  ctx.fillRect(w * 0.2, h * 0.05, w * 0.6, h * 0.9);
  ctx.fillStyle = '#202020';
  ctx.font = '22px sans-serif';
  for (let i = 0; i < 24; i++) ctx.fillText('Giấy chứng sinh — họ và tên mẹ: Nguyễn Thị Hoà', w * 0.24, h * 0.12 + i * 32);
  const g = ctx.createLinearGradient(0, 0, w, 0);
  g.addColorStop(0, 'rgba(0,0,0,0.35)');
  g.addColorStop(1, 'rgba(0,0,0,0)');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, w, h);
  return c.toBuffer('image/jpeg', 90);
}

describe('processDocumentPage: input bounds', () => {
  it('refuses bytes that are not an image', async () => {
    expect(await processDocumentPage(Buffer.from('%PDF-1.7 this is not a photo of a page'))).toEqual({ ok: false, code: 'not_image' });
    expect(await processDocumentPage(Buffer.alloc(0))).toEqual({ ok: false, code: 'not_image' });
  });

  it('refuses a truncated JPEG', async () => {
    const j = photo();
    expect(await processDocumentPage(j.subarray(0, Math.floor(j.length / 2)))).toEqual({ ok: false, code: 'decode_failed' });
  });

  it('refuses an input over maxInputBytes and an image over the pixel limit', async () => {
    expect(await processDocumentPage(photo(), { maxInputBytes: 1000 })).toEqual({ ok: false, code: 'too_large' });
    // 8000 × 8000 = 64 MP, a tiny PNG (one colour) that would decode to 192 MB.
    const huge = await sharp({ create: { width: 8000, height: 8000, channels: 3, background: '#fff' } }).png().toBuffer();
    expect(huge.length).toBeLessThan(2_000_000);
    expect(await processDocumentPage(huge)).toEqual({ ok: false, code: 'too_large' });
  });

  it('refuses an image too small to hold a legible page', async () => {
    const tiny = await sharp({ create: { width: 200, height: 150, channels: 3, background: '#fff' } }).jpeg().toBuffer();
    expect(await processDocumentPage(tiny)).toEqual({ ok: false, code: 'too_small' });
  });

  it('rejects with the reason when aborted', async () => {
    const ac = new AbortController();
    ac.abort(new Error('stop'));
    await expect(processDocumentPage(photo(), { signal: ac.signal })).rejects.toThrow('stop');
    // aborted while the frame is being decoded: stops at the next stage
    const late = new AbortController();
    const p = processDocumentPage(photo(), { signal: late.signal });
    setImmediate(() => late.abort(new Error('gone')));
    await expect(p).rejects.toThrow('gone');
  });
});

describe('processDocumentPage: output', () => {
  it('gives a greyscale JPEG, mostly white, with dark ink, within maxBytes', async () => {
    const r = await processDocumentPage(photo());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { page } = r;
    expect(page.bytes).toBe(page.jpeg.length);
    expect(page.bytes).toBeLessThanOrEqual(400 * 1024);
    const meta = await sharp(page.jpeg).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.channels).toBe(1);
    expect([meta.width, meta.height]).toEqual([page.width, page.height]);
    const { data } = await sharp(page.jpeg).raw().toBuffer({ resolveWithObject: true });
    let white = 0;
    let black = 0;
    for (const v of data) {
      if (v > 200) white++;
      else if (v < 60) black++;
    }
    expect(white / data.length).toBeGreaterThan(0.7);
    expect(black / data.length).toBeGreaterThan(0.01);
  });

  it('finds the page edges and returns its corners in input pixels', async () => {
    const r = await processDocumentPage(photo());
    expect(r.ok && r.page.edgesFound).toBe(true);
    if (!r.ok) return;
    const truth = [
      [256, 48],
      [1024, 48],
      [1024, 912],
      [256, 912],
    ];
    r.page.corners!.forEach(([x, y], i) => expect(Math.hypot(x - truth[i]![0]!, y - truth[i]![1]!)).toBeLessThan(3));
    // 768 × 864 px page: not A4, so the detected ratio is kept
    expect(r.page.height / r.page.width).toBeCloseTo(864 / 768, 1);
  });

  it('keeps the whole frame when no page outline is there (edgesFound false)', async () => {
    const c = createCanvas(1200, 900);
    const ctx = c.getContext('2d');
    ctx.fillStyle = '#f2f0ea';
    ctx.fillRect(0, 0, 1200, 900);
    ctx.fillStyle = '#222';
    ctx.font = '26px sans-serif';
    // a page of text as written: lines of different lengths, paragraphs indented. (Twenty copies of one line
    // make a text block justified on both sides, a rectangle that some fonts' strokes outline well enough
    // to be taken for a page: that depended on which font 'sans-serif' resolved to on the machine.)
    const words = 'Họ và tên Trần Văn Bình nơi cư trú phường Cửa Nam ngày tháng năm sinh quốc tịch Việt Nam đề nghị cấp bản sao trích lục khai sinh'.split(' ');
    for (let i = 0; i < 20; i++) ctx.fillText(words.slice(i % 6, (i % 6) + 4 + ((i * 7) % 9)).join(' '), i % 3 === 0 ? 100 : 60, 60 + i * 42);
    const r = await processDocumentPage(c.toBuffer('image/png'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.page.edgesFound).toBe(false);
    expect(r.page.corners).toBeNull();
    expect([r.page.width, r.page.height]).toEqual([1200, 900]);
  });

  it('meets a tight bound by lowering quality and size', async () => {
    const r = await processDocumentPage(photo(2400, 1800), { maxBytes: 60 * 1024 });
    expect(r.ok && r.page.bytes).toBeLessThanOrEqual(60 * 1024);
    const loose = await processDocumentPage(photo(2400, 1800), { maxBytes: 4 * 1024 * 1024 });
    expect(loose.ok && r.ok && loose.page.width).toBeGreaterThan(r.ok ? r.page.width : 0);
  });
});
