/**
 * The papers' part of the renderer ↔ kiosk services contract (issue 13 part 2; docs/applications.md):
 * the bounds of a photographed page and the `papers.*` methods, merged into kioskMethods
 * (kiosk-api.ts re-exports everything here). Layer: common — zod only.
 */
import { z } from 'zod';
import { MAX_FRAME_BYTES } from './ws-frames.ts';

const Localized = z.object({ vi: z.string(), en: z.string() }).strict();

/** A paper's id as the catalogue names it (`papers[].id`). */
export const PaperId = z.string().regex(/^[a-z][a-zA-Z0-9-]{0,40}$/);
/** One part of a photo being sent (`papers.add`): base64, at most this many characters (one carrier frame with room for the envelope). */
export const PAPER_PART_MAX_BASE64 = MAX_FRAME_BYTES - 4 * 1024;
/** The largest photo of a page the kiosk takes in (before processing). */
export const PAPER_INPUT_MAX_BYTES = 8 * 1024 * 1024;
/** How many parts a photo of PAPER_INPUT_MAX_BYTES needs at most. */
export const PAPER_MAX_PARTS = Math.ceil(Math.ceil((PAPER_INPUT_MAX_BYTES * 4) / 3) / PAPER_PART_MAX_BASE64);
/** Each processed page is bounded to this (greyscale JPEG). */
export const PAPER_PAGE_MAX_BYTES = 400 * 1024;
/** Pages per paper when the catalogue does not say (its `maxPages` otherwise). */
export const PAPER_DEFAULT_MAX_PAGES = 5;
/** Pages of one application, all papers together. */
export const PAPERS_MAX_TOTAL_PAGES = 20;
/** A preview (`papers.preview`) as a data URL, at most this long (one carrier frame). */
export const PAPER_PREVIEW_MAX_CHARS = MAX_FRAME_BYTES - 6 * 1024;

export const PaperPageView = z.object({
  pageId: z.uuid(),
  paperId: PaperId,
  /** 1-based, in the order the pages were taken. */
  index: z.number().int().positive(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: z.number().int().positive(),
  /** The page's edges were found and its perspective corrected (false: the whole frame was kept). */
  edgesFound: z.boolean(),
});
export type PaperPageView = z.infer<typeof PaperPageView>;
export const PaperView = z.object({
  paperId: PaperId,
  name: Localized,
  hint: Localized.nullable(),
  required: z.boolean(),
  maxPages: z.number().int().positive(),
  pages: z.array(PaperPageView),
});
export type PaperView = z.infer<typeof PaperView>;
const Base64Part = z
  .string()
  .min(1)
  .max(PAPER_PART_MAX_BASE64)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/);

/** The papers' methods (merged into kioskMethods). Pages live in the session only (memory + its temp folder) until submit. */
export const paperMethods = {
  /** The papers this procedure asks for (from the catalogue) and the pages taken so far in this session. */
  'papers.list': {
    params: z.object({ serviceCode: z.string().max(32) }).strict(),
    result: z.object({
      papers: z.array(PaperView),
      totalPages: z.number().int().nonnegative(),
      maxTotalPages: z.number().int().positive(),
      /** The kiosk has a camera (`devices.camera`): without one the papers step is skipped and no paper is required (the resident brings them to the desk). */
      camera: z.boolean(),
    }),
  },
  /**
   * One photo of a page (a camera frame or a chosen picture, JPEG/PNG), sent in parts of at most
   * PAPER_PART_MAX_BASE64 base64 characters, in order (part 0 … parts-1, one uploadId). The last part
   * processes the page (drivers/document: edges, perspective, black on white, ≤ 400 KB) and returns
   * it. E_PAPER_NOT_IMAGE, E_PAPER_TOO_BIG, E_PAPER_TOO_SMALL, E_PAPER_TOO_MANY.
   */
  'papers.add': {
    params: z
      .object({
        serviceCode: z.string().max(32),
        paperId: PaperId,
        uploadId: z.uuid(),
        part: z.number().int().nonnegative().max(100_000),
        parts: z.number().int().positive().max(100_000),
        data: Base64Part,
      })
      .strict(),
    result: z.object({ complete: z.boolean(), page: PaperPageView.nullable() }),
  },
  'papers.remove': { params: z.object({ pageId: z.uuid() }).strict(), result: z.object({ removed: z.boolean() }) },
  /**
   * The camera in document mode opens or closes (in a session, on a kiosk with `devices.camera`):
   * opening emits `papers.camera` {open:true}, on which the Electron shell grants the camera; closing
   * (or the session's end) takes it back. E_UNAVAILABLE without a camera.
   */
  'papers.camera': { params: z.object({ open: z.boolean() }).strict(), result: z.object({ open: z.boolean() }) },
  /** A page as a JPEG data URL: 'thumb' (the check page) or 'large' (the preview), each within one carrier frame. */
  'papers.preview': {
    params: z.object({ pageId: z.uuid(), size: z.enum(['thumb', 'large']) }).strict(),
    result: z.object({ jpeg: z.string().startsWith('data:image/jpeg;base64,').max(PAPER_PREVIEW_MAX_CHARS) }),
  },
} as const;
