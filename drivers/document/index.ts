/**
 * Document mode of the kiosk camera: one frame or photo of a paper page → a legible, bounded,
 * black-on-white page. decode → find the page (detect.ts) → perspective correction to the page's
 * ratio (rectify.ts) → illumination flattening and adaptive threshold (binarize.ts) → JPEG bounded
 * in bytes (encode.ts). When no page outline is found the whole frame is used (the page is never
 * lost) and `edgesFound` is false. See docs/document.md.
 */
import { binarize, clearBorder, flatten } from './binarize.ts';
import { DocumentError, decodeFrame, DEFAULT_MAX_INPUT_BYTES, toGrey } from './decode.ts';
import { DETECT_SIDE, detectPage } from './detect.ts';
import { DEFAULT_MAX_BYTES, encodeBounded } from './encode.ts';
import type { Quad } from './geometry.ts';
import { rectify } from './rectify.ts';
import sharp from 'sharp';
import type { DocumentOptions, DocumentResult } from './types.ts';

export type { DocumentPage, DocumentErrorCode, DocumentResult, DocumentOptions } from './types.ts';
export { DEFAULT_MAX_BYTES } from './encode.ts';
export { DEFAULT_MAX_INPUT_BYTES, MAX_INPUT_PIXELS, MIN_INPUT_SIDE } from './decode.ts';

function abortCheck(signal?: AbortSignal): () => void {
  return () => {
    if (signal?.aborted) throw signal.reason ?? new DOMException('Aborted', 'AbortError');
  };
}

/** Let the event loop breathe between the pixel stages (each is a synchronous loop of 50–300 ms). */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One camera frame or photo of a paper page → a legible, bounded, black-on-white page (~≤ 400 KB). */
export async function processDocumentPage(input: Buffer, opts: DocumentOptions = {}): Promise<DocumentResult> {
  const t0 = performance.now();
  const check = abortCheck(opts.signal);
  check();
  const maxBytes = Math.max(1024, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  try {
    const frame = await decodeFrame(input, opts.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES);
    check();
    const { width: W, height: H } = frame;
    const grey = toGrey(frame.data, W, H);
    const small = await reduceRgb(frame.data, W, H);
    await breathe();
    check();
    const found = detectPage(small, grey, W, H);
    await breathe();
    check();
    // corners from here on in continuous coordinates: pixel i spans [i, i + 1]
    const quad: Quad = found
      ? (found.corners.map(([x, y]) => [x + 0.5, y + 0.5]) as Quad)
      : [
          [0, 0],
          [W, 0],
          [W, H],
          [0, H],
        ];
    const page = found ? rectify(grey, W, H, quad) : { grey, width: W, height: H };
    await breathe();
    check();
    const flat = flatten(page.grey, page.width, page.height);
    await breathe();
    check();
    const bw = binarize(flat, page.width, page.height);
    if (found) clearBorder(bw, page.width, page.height);
    await breathe();
    check();
    const out = await encodeBounded(bw, page.width, page.height, maxBytes, check);
    const corners = found ? quad.map(([x, y]) => [round2(x * frame.scale), round2(y * frame.scale)] as [number, number]) : null;
    return {
      ok: true,
      page: { jpeg: out.jpeg, width: out.width, height: out.height, bytes: out.jpeg.length, edgesFound: !!found, corners, ms: performance.now() - t0 },
    };
  } catch (e) {
    if (e instanceof DocumentError) return { ok: false, code: e.code };
    throw e;
  }
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** The frame reduced to about DETECT_SIDE px on its long side (RGB), for finding the page. */
async function reduceRgb(rgb: Buffer, W: number, H: number): Promise<{ data: Buffer; width: number; height: number }> {
  const f = Math.max(1, Math.max(W, H) / DETECT_SIDE);
  const width = Math.max(8, Math.round(W / f));
  const height = Math.max(8, Math.round(H / f));
  if (width === W && height === H) return { data: rgb, width, height };
  const data = await sharp(rgb, { raw: { width: W, height: H, channels: 3 } }).resize(width, height, { fit: 'fill', kernel: 'cubic' }).raw().toBuffer();
  return { data, width, height };
}
