import { readFileSync, rmSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { processDocumentPage } from '../../../drivers/document/index.ts';
import { makePaperVideo, makePaperVideoWithTruth } from '../../support/paper-video.ts';

/** Parse a Y4M file (C420jpeg) into its header fields and RGB frames (BT.601 studio range). */
function readY4m(buf: Buffer): { width: number; height: number; fps: string; frames: Buffer[] } {
  const nl = buf.indexOf(0x0a);
  const header = buf.subarray(0, nl).toString('latin1');
  const m = /^YUV4MPEG2 W(\d+) H(\d+) F(\d+:\d+) Ip A1:1 C420jpeg$/.exec(header);
  if (!m) throw new Error(`bad header: ${header}`);
  const width = Number(m[1]);
  const height = Number(m[2]);
  const size = width * height * 1.5;
  const frames: Buffer[] = [];
  let p = nl + 1;
  while (p < buf.length) {
    if (buf.subarray(p, p + 6).toString('latin1') !== 'FRAME\n') throw new Error(`no FRAME marker at ${p}`);
    p += 6;
    if (p + size > buf.length) throw new Error('truncated frame');
    const Y = buf.subarray(p, p + width * height);
    const U = buf.subarray(p + width * height, p + width * height * 1.25);
    const V = buf.subarray(p + width * height * 1.25, p + size);
    const rgb = Buffer.alloc(width * height * 3);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const c = 1.164 * (Y[y * width + x]! - 16);
        const ci = (y >> 1) * (width >> 1) + (x >> 1);
        const d = U[ci]! - 128;
        const e = V[ci]! - 128;
        const o = (y * width + x) * 3;
        rgb[o] = Math.max(0, Math.min(255, c + 1.596 * e));
        rgb[o + 1] = Math.max(0, Math.min(255, c - 0.392 * d - 0.813 * e));
        rgb[o + 2] = Math.max(0, Math.min(255, c + 2.017 * d));
      }
    frames.push(rgb);
    p += size;
  }
  return { width, height, fps: m[3]!, frames };
}

const files: string[] = [];
afterAll(() => files.forEach((f) => rmSync(f, { force: true })));

describe('paper video for the fake camera', () => {
  it('writes a valid Y4M whose frame shows a page that processDocumentPage finds', async () => {
    const v = await makePaperVideoWithTruth({ paper: 'birth-notice', frames: 3 });
    files.push(v.file);
    const y4m = readY4m(readFileSync(v.file));
    expect([y4m.width, y4m.height, y4m.fps, y4m.frames.length]).toEqual([1280, 720, '10:1', 3]);
    expect(v.lines).toContain('GIẤY CHỨNG SINH');
    const png = await sharp(y4m.frames[1]!, { raw: { width: y4m.width, height: y4m.height, channels: 3 } }).png().toBuffer();
    const r = await processDocumentPage(png);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.page.edgesFound).toBe(true);
    const diag = Math.hypot(1280, 720);
    r.page.corners!.forEach(([x, y], i) => {
      expect(Math.hypot(x - v.corners[i]![0], y - v.corners[i]![1])).toBeLessThan(0.01 * diag);
    });
    // portrait A4 output
    expect(r.page.height / r.page.width).toBeCloseTo(Math.SQRT2, 2);
  });

  it('shows a different paper on request, at the requested size', async () => {
    const a = await makePaperVideoWithTruth({ paper: 'residence', width: 640, height: 480, frames: 1 });
    files.push(a.file);
    expect(a.lines).toContain('GIẤY XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ');
    const y4m = readY4m(readFileSync(a.file));
    expect([y4m.width, y4m.height, y4m.frames.length]).toEqual([640, 480, 1]);
    const path = await makePaperVideo({ paper: 'birth-notice', width: 640, height: 480, frames: 1 });
    files.push(path);
    expect(readFileSync(path).equals(readFileSync(a.file))).toBe(false);
    await expect(makePaperVideo({ width: 641 })).rejects.toThrow(/even/);
  });

  it('plays several papers in sequence', async () => {
    const file = await makePaperVideo({ sequence: ['birth-notice', 'residence'], width: 640, height: 480, frames: 2 });
    files.push(file);
    const y4m = readY4m(readFileSync(file));
    expect(y4m.frames.length).toBe(4);
    expect(y4m.frames[0]!.equals(y4m.frames[1]!)).toBe(true);
    expect(y4m.frames[1]!.equals(y4m.frames[2]!)).toBe(false);
  });
});
