/**
 * Document mode of the kiosk camera: one frame or photo of a paper page → a legible, bounded,
 * black-on-white page. See docs/document.md for the pipeline and its limits.
 */
import { DocumentError, decodeFrame, DEFAULT_MAX_INPUT_BYTES, toGrey } from './decode.ts';
import { binarize, flatten } from './binarize.ts';
import { DEFAULT_MAX_BYTES, encodeBounded } from './encode.ts';
import type { DocumentOptions, DocumentResult } from './types.ts';

export type { DocumentPage, DocumentErrorCode, DocumentResult, DocumentOptions } from './types.ts';
export { DEFAULT_MAX_BYTES } from './encode.ts';
export { DEFAULT_MAX_INPUT_BYTES, MAX_INPUT_PIXELS, MIN_INPUT_SIDE } from './decode.ts';

function abortCheck(signal?: AbortSignal): () => void {
  return () => {
    if (signal?.aborted) throw signal.reason ?? new DOMException('Aborted', 'AbortError');
  };
}

/** One camera frame or photo of a paper page → a legible, bounded, black-on-white page (~≤ 400 KB). */
export async function processDocumentPage(input: Buffer, opts: DocumentOptions = {}): Promise<DocumentResult> {
  const t0 = performance.now();
  const check = abortCheck(opts.signal);
  check();
  const maxBytes = Math.max(1024, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  try {
    const frame = await decodeFrame(input, opts.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES);
    check();
    const grey = toGrey(frame.data, frame.width, frame.height);
    const bw = binarize(flatten(grey, frame.width, frame.height), frame.width, frame.height);
    check();
    const out = await encodeBounded(bw, frame.width, frame.height, maxBytes, check);
    return {
      ok: true,
      page: { jpeg: out.jpeg, width: out.width, height: out.height, bytes: out.jpeg.length, edgesFound: false, corners: null, ms: performance.now() - t0 },
    };
  } catch (e) {
    if (e instanceof DocumentError) return { ok: false, code: e.code };
    throw e;
  }
}
