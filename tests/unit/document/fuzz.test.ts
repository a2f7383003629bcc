import fc from 'fast-check';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { processDocumentPage } from '../../../drivers/document/index.ts';

const CODES = ['not_image', 'too_large', 'too_small', 'decode_failed'];

describe('processDocumentPage at the boundary: any bytes give a result, never a throw', () => {
  it('random bytes, with and without an image signature in front', async () => {
    const heads = [Buffer.alloc(0), Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('RIFF\0\0\0\0WEBP', 'latin1'), Buffer.from('GIF89a', 'latin1')];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: heads.length - 1 }), fc.uint8Array({ maxLength: 4096 }), async (h, body) => {
        const r = await processDocumentPage(Buffer.concat([heads[h]!, Buffer.from(body)]));
        expect(r.ok).toBe(false);
        if (!r.ok) expect(CODES).toContain(r.code);
      }),
      { numRuns: 60 },
    );
  });

  it('a real JPEG with bytes flipped or cut gives a page or a code', async () => {
    const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#e8e4dc' } })
      .composite([{ input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"><rect x="160" y="40" width="320" height="400" fill="#fff"/><text x="190" y="120" font-size="24">Giấy chứng sinh</text></svg>') }])
      .jpeg()
      .toBuffer();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 12 }), fc.option(fc.nat()), async (flips, cut) => {
        const b = Buffer.from(jpeg);
        for (const [at, v] of flips) b[at % b.length] = v;
        const input = cut === null ? b : b.subarray(0, cut % b.length);
        const r = await processDocumentPage(input, { maxBytes: 200_000 });
        if (r.ok) expect(r.page.bytes).toBeLessThanOrEqual(200_000);
        else expect(CODES).toContain(r.code);
      }),
      { numRuns: 40 },
    );
  });
});
