/** The document driver's public types (see index.ts). */
export interface DocumentPage {
  /** Greyscale JPEG of the page, black on white. */
  jpeg: Buffer;
  width: number;
  height: number;
  /** jpeg.length */
  bytes: number;
  /** Whether the page's four edges were found (false: the whole frame was used). */
  edgesFound: boolean;
  /** The page's corners in input pixels (top-left, top-right, bottom-right, bottom-left), or null. */
  corners: [number, number][] | null;
  /** Processing time. */
  ms: number;
}
export type DocumentErrorCode = 'not_image' | 'too_large' | 'too_small' | 'decode_failed';
export type DocumentResult = { ok: true; page: DocumentPage } | { ok: false; code: DocumentErrorCode };
export interface DocumentOptions {
  /** Bound of the output JPEG (default 400 KB = 409 600 bytes). */
  maxBytes?: number;
  /** Largest accepted input (default 20 MB). */
  maxInputBytes?: number;
  /** Aborts between stages: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}
