/** The Y4M writer used for Chromium's fake camera in the end-to-end test. */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { imageToY4m, rgbaToI420 } from '../../idcard-data/y4m.ts';

describe('Y4M (YUV4MPEG2 4:2:0) from an image', () => {
  it('converts RGB to studio-range BT.601 I420', () => {
    const px = (r: number, g: number, b: number) => Buffer.from([r, g, b, 255, r, g, b, 255, r, g, b, 255, r, g, b, 255]);
    const white = rgbaToI420(px(255, 255, 255), 2, 2);
    expect([...white.y]).toEqual([235, 235, 235, 235]);
    expect([white.u[0], white.v[0]]).toEqual([128, 128]);
    const black = rgbaToI420(px(0, 0, 0), 2, 2);
    expect(black.y[0]).toBe(16);
    const red = rgbaToI420(px(255, 0, 0), 2, 2);
    expect(red.v[0]).toBe(240);
    expect(red.u[0]).toBeLessThan(128);
    expect(() => rgbaToI420(Buffer.alloc(12), 3, 1)).toThrow(/even/);
  });

  it('writes the header Chromium reads and one FRAME per frame with its three planes', async () => {
    const png = await sharp({ create: { width: 64, height: 36, channels: 3, background: '#808080' } }).png().toBuffer();
    const y4m = await imageToY4m(png, { width: 32, height: 18, frames: 3 });
    const header = 'YUV4MPEG2 W32 H18 F10:1 Ip A1:1 C420jpeg\n';
    expect(y4m.subarray(0, header.length).toString('latin1')).toBe(header);
    const frame = 6 + 32 * 18 * 1.5;
    expect(y4m.length).toBe(header.length + 3 * frame);
    expect(y4m.subarray(header.length, header.length + 6).toString('latin1')).toBe('FRAME\n');
    expect(y4m.subarray(header.length + frame, header.length + frame + 6).toString('latin1')).toBe('FRAME\n');
  });
});
