/** The ID camera's frame geometry and encoding in the renderer (pure parts of renderer/src/idcard/camera.ts). */
import { describe, expect, it } from 'vitest';
import { IDCARD_FRAME_MAX_BASE64, kioskMethods } from '../../../common/contract/kiosk-api.ts';
import { MAX_FRAME_BYTES } from '../../../common/contract/ws-frames.ts';
import { CARD_ASPECT, fitJpeg, guideRect, JPEG_QUALITIES, MAX_SEND_WIDTH, sendRect } from '../../../renderer/src/idcard/camera.ts';
import { stopStream } from '../../../renderer/src/ui/Camera.tsx';

describe('ID camera frame', () => {
  it('draws a card-shaped frame, centred, inside 16:9 and 4:3 previews', () => {
    for (const [w, h] of [
      [1280, 720],
      [640, 480],
      [720, 1280],
    ] as const) {
      const g = guideRect(w, h);
      expect(g.w / g.h).toBeCloseTo(CARD_ASPECT, 5);
      expect(g.x).toBeGreaterThan(0);
      expect(g.y).toBeGreaterThan(0);
      expect(g.x + g.w).toBeLessThan(w);
      expect(g.y + g.h).toBeLessThan(h);
      expect(g.x * 2 + g.w).toBeCloseTo(w, 5);
    }
  });

  it('sends the frame with a margin of table around it, at most 960 px wide', () => {
    const { src, outW, outH } = sendRect(1280, 720);
    const g = guideRect(1280, 720);
    expect(src.x).toBeLessThan(g.x);
    expect(src.x + src.w).toBeGreaterThan(g.x + g.w);
    expect(src.x).toBeGreaterThanOrEqual(0);
    expect(src.y).toBeGreaterThanOrEqual(0);
    expect(src.x + src.w).toBeLessThanOrEqual(1280);
    expect(src.y + src.h).toBeLessThanOrEqual(720);
    expect(outW).toBeLessThanOrEqual(MAX_SEND_WIDTH);
    expect(outW / outH).toBeCloseTo(src.w / src.h, 2);
    // a small camera is not upscaled
    expect(sendRect(640, 360).outW).toBeLessThanOrEqual(640);
  });

  it('lowers the JPEG quality until the frame fits one carrier frame, and gives up past the last', () => {
    const tried: number[] = [];
    const b64 = fitJpeg((q) => {
      tried.push(q);
      return 'A'.repeat(q > 0.6 ? IDCARD_FRAME_MAX_BASE64 + 1 : 1000);
    });
    expect(b64).toHaveLength(1000);
    expect(tried).toEqual([0.85, 0.75, 0.65, 0.55]);
    expect(fitJpeg(() => 'A'.repeat(IDCARD_FRAME_MAX_BASE64 + 1))).toBeNull();
    expect(fitJpeg(() => '')).toBeNull();
    expect(JPEG_QUALITIES[0]).toBeGreaterThan(JPEG_QUALITIES.at(-1)!);
  });

  it('the contract bounds a frame so that the call fits the WebSocket carrier', () => {
    const p = kioskMethods['idcard.frame'].params;
    const ok = 'A'.repeat(IDCARD_FRAME_MAX_BASE64);
    expect(p.safeParse({ jpeg: ok, mode: 'scan' }).success).toBe(true);
    expect(p.safeParse({ jpeg: `${ok}A`, mode: 'scan' }).success).toBe(false);
    expect(p.safeParse({ jpeg: 'not base64 at all!', mode: 'scan' }).success).toBe(false);
    expect(p.safeParse({ jpeg: ok, mode: 'other' }).success).toBe(false);
    expect(p.safeParse({ jpeg: ok, mode: 'scan', extra: 1 }).success).toBe(false);
    const frame = JSON.stringify({ t: 'call', id: 123456, method: 'idcard.frame', params: { jpeg: ok, mode: 'front' } });
    expect(Buffer.byteLength(frame)).toBeLessThan(MAX_FRAME_BYTES);
  });

  it('stops every track of the camera stream', () => {
    const stopped: string[] = [];
    const track = (id: string) => ({ stop: () => stopped.push(id) });
    stopStream({ getTracks: () => [track('video'), track('other')] } as unknown as MediaStream);
    expect(stopped).toEqual(['video', 'other']);
    stopStream(null);
  });
});
