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

  it('meets a tight bound by lowering quality and size', async () => {
    const r = await processDocumentPage(photo(2400, 1800), { maxBytes: 60 * 1024 });
    expect(r.ok && r.page.bytes).toBeLessThanOrEqual(60 * 1024);
    const loose = await processDocumentPage(photo(2400, 1800), { maxBytes: 4 * 1024 * 1024 });
    expect(loose.ok && r.ok && loose.page.width).toBeGreaterThan(r.ok ? r.page.width : 0);
  });
});
