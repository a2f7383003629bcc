/** The ID camera's frame geometry and encoding in the renderer (pure parts of renderer/src/idcard/camera.ts). */
import { describe, expect, it } from 'vitest';
import { IDCARD_FRAME_MAX_BASE64, kioskMethods } from '../../../common/contract/kiosk-api.ts';
import { MAX_FRAME_BYTES } from '../../../common/contract/ws-frames.ts';
import { CARD_ASPECT, fitFrame, frameAttempts, grabFrame, guideRect, JPEG_QUALITIES, MAX_SEND_WIDTH, SEND_WIDTHS, sendRect, SMOOTH_QUALITIES, SMOOTH_SIGMA } from '../../../renderer/src/idcard/camera.ts';
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
    const fitted = fitFrame((_w, q) => {
      tried.push(q);
      return 'A'.repeat(q > 0.6 ? IDCARD_FRAME_MAX_BASE64 + 1 : 1000);
    }, 960);
    expect(fitted?.b64).toHaveLength(1000);
    expect(fitted).toMatchObject({ width: 960, quality: 0.55, smooth: 0 });
    expect(tried).toEqual([0.85, 0.75, 0.65, 0.55]);
    expect(fitFrame(() => 'A'.repeat(IDCARD_FRAME_MAX_BASE64 + 1), 960)).toBeNull();
    expect(fitFrame(() => '', 960)).toBeNull();
    expect(JPEG_QUALITIES[0]).toBeGreaterThan(JPEG_QUALITIES.at(-1)!);
  });

  it('smooths, then steps the width down when even the lowest quality does not fit, instead of sending nothing', () => {
    const attempts = frameAttempts(960);
    expect(attempts.slice(0, JPEG_QUALITIES.length)).toEqual(JPEG_QUALITIES.map((quality) => ({ width: 960, quality, smooth: 0 })));
    expect(attempts.slice(JPEG_QUALITIES.length, JPEG_QUALITIES.length + SMOOTH_QUALITIES.length)).toEqual(SMOOTH_QUALITIES.map((quality) => ({ width: 960, quality, smooth: SMOOTH_SIGMA })));
    expect([...new Set(attempts.map((a) => a.width))]).toEqual([960, ...SEND_WIDTHS]);
    expect(attempts.filter((a) => a.width < 960).every((a) => a.smooth === 0)).toBe(true);
    // a camera narrower than 960 starts at its own width and only steps below it
    expect([...new Set(frameAttempts(700).map((a) => a.width))]).toEqual([700, 640, 480]);
    // texture that smoothing does not shrink: size ∝ area × quality; fits only at 640 px, quality 0.65
    const size = (w: number, q: number) => Math.round(IDCARD_FRAME_MAX_BASE64 * 3.3 * (w / 960) ** 2 * q);
    const tried: string[] = [];
    const f = fitFrame((w, q, sm) => {
      tried.push(`${w}@${q}${sm ? '~' : ''}`);
      return 'A'.repeat(size(w, q));
    }, 960);
    expect(f).toMatchObject({ width: 640, quality: 0.65, smooth: 0 });
    expect(f!.b64.length).toBeLessThanOrEqual(IDCARD_FRAME_MAX_BASE64);
    expect(tried.slice(5, 8)).toEqual(['960@0.65~', '960@0.55~', '960@0.45~']);
    expect(tried.slice(-3)).toEqual(['640@0.85', '640@0.75', '640@0.65']);
    expect(tried).toHaveLength(2 * JPEG_QUALITIES.length + SMOOTH_QUALITIES.length + 3);
    // sensor noise, which smoothing does shrink: sent at full width, smoothed
    const noisy = fitFrame((w, q, sm) => 'A'.repeat(Math.round(size(w, q) * (sm ? 0.5 : 1))), 960);
    expect(noisy).toMatchObject({ width: 960, quality: 0.55, smooth: SMOOTH_SIGMA });
    // nothing fits even at the narrowest width: null (the caller sends nothing this time)
    expect(fitFrame(() => 'A'.repeat(IDCARD_FRAME_MAX_BASE64 + 1), 960)).toBeNull();
  });

  it('grabFrame redraws the video smoothed, then narrower, when the frame does not fit, keeping its aspect', () => {
    const video = { videoWidth: 1280, videoHeight: 720, readyState: 4 } as unknown as HTMLVideoElement;
    const draws: { args: number[]; filter: string }[] = [];
    const ctx = { filter: 'none', drawImage: (...a: number[]) => draws.push({ args: a.slice(1), filter: ctx.filter }) };
    const canvas = {
      width: 0,
      height: 0,
      getContext: () => ctx,
      // JPEG size grows with the canvas's area (smoothing does not help here): too big at 960 and 800 px, fits at 640
      toDataURL: (_t: string, q: number) => `data:image/jpeg;base64,${'A'.repeat(Math.round(((canvas.width * canvas.height) / 2.4) * q))}`,
    };
    const b64 = grabFrame(video, canvas as unknown as HTMLCanvasElement);
    expect(b64).not.toBeNull();
    expect(b64!.length).toBeLessThanOrEqual(IDCARD_FRAME_MAX_BASE64);
    const { src, outW, outH } = sendRect(1280, 720);
    expect(draws.map((d) => d.args[6])).toEqual([outW, outW, 800, 640]);
    expect(draws.map((d) => d.filter)).toEqual(['none', `blur(${SMOOTH_SIGMA}px)`, 'none', 'none']);
    expect(ctx.filter).toBe('none');
    expect(canvas.width).toBe(640);
    expect(canvas.height).toBe(Math.round((outH * 640) / outW));
    for (const d of draws) expect(d.args.slice(0, 4)).toEqual([src.x, src.y, src.w, src.h]);
  });

  it('grabFrame sends only the card region, at the camera resolution, when one card is found in the frame', () => {
    const video = { videoWidth: 1920, videoHeight: 1080, readyState: 4 } as unknown as HTMLVideoElement;
    const draws: number[][] = [];
    const canvas = { width: 0, height: 0, getContext: () => ctx, toDataURL: () => `data:image/jpeg;base64,${'A'.repeat(1000)}` };
    // the thumbnail: a dark table with a light card in its middle third
    const ctx = {
      filter: 'none',
      drawImage: (...a: number[]) => draws.push(a.slice(1)),
      getImageData: (_x: number, _y: number, w: number, h: number) => {
        const data = new Uint8ClampedArray(w * h * 4);
        for (let y = 0; y < h; y++)
          for (let x = 0; x < w; x++) {
            const card = x >= w / 3 && x < (2 * w) / 3 && y >= h / 3 && y < (2 * h) / 3;
            data.set(card ? [235, 232, 220, 255] : [90, 60, 40, 255], (y * w + x) * 4);
          }
        return { data, width: w, height: h };
      },
    };
    expect(grabFrame(video, canvas as unknown as HTMLCanvasElement)).not.toBeNull();
    const base = sendRect(1920, 1080).src;
    // first the thumbnail of the whole send region, then the card's region
    expect(draws[0]!.slice(0, 4)).toEqual([base.x, base.y, base.w, base.h]);
    const [x, y, w, h] = draws[1]!;
    expect(x).toBeGreaterThan(base.x + base.w / 4);
    expect(x! + w!).toBeLessThan(base.x + (3 * base.w) / 4);
    expect(y).toBeGreaterThan(base.y + base.h / 5);
    // the card region is narrower than 960 px here: sent at its own pixels, not upscaled
    expect(canvas.width).toBe(Math.min(MAX_SEND_WIDTH, w!));
    expect(canvas.height).toBe(Math.round(h!));
    // a thumbnail with no card (or a canvas that cannot be read back): the whole region, as before
    const plain = { ...ctx, getImageData: (_x: number, _y: number, w2: number, h2: number) => ({ data: new Uint8ClampedArray(w2 * h2 * 4).fill(90), width: w2, height: h2 }) };
    draws.length = 0;
    const canvas2 = { ...canvas, getContext: () => plain };
    grabFrame(video, canvas2 as unknown as HTMLCanvasElement);
    expect(draws[1]!.slice(0, 4)).toEqual([base.x, base.y, base.w, base.h]);
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
