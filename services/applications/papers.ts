/**
 * The papers of an application in the kiosk session (issue 13 part 2): which papers a procedure
 * asks for (the catalogue's `papers`; until a catalogue has them, its `documents`, all optional),
 * the photos the renderer sends in parts, each processed by drivers/document into a bounded
 * black-on-white page, kept ONLY in the session: the page's metadata in the session's memory, its
 * JPEG in the session's temp folder (mode 0600) — both wiped with the session. Nothing reaches the
 * kiosk's database before submit; at submit the pages go into the outbox with the answers
 * (KioskStore.enqueueApplication) and leave it through the same purge when the hub acknowledges.
 *
 * Bounds: one photo ≤ PAPER_INPUT_MAX_BYTES (sent in ≤ PAPER_MAX_PARTS parts), each page ≤
 * PAPER_PAGE_MAX_BYTES after processing, ≤ maxPages per paper (catalogue; default 5), ≤
 * PAPERS_MAX_TOTAL_PAGES per application. Refusals are the contract's Vietnamese errors. Logs carry
 * counts and codes only. Layer: node.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import {
  KioskError,
  kioskError,
  PAPER_DEFAULT_MAX_PAGES,
  PAPER_INPUT_MAX_BYTES,
  PAPER_MAX_PARTS,
  PAPER_PAGE_MAX_BYTES,
  PAPER_PREVIEW_MAX_CHARS,
  PAPERS_MAX_TOTAL_PAGES,
  type PaperPageView,
  type PaperView,
  type ParamsOf,
  type ResultOf,
} from '../../common/contract/kiosk-api.ts';
import type { Service } from '../../kiosk-config/catalogue.schema.ts';
import { processDocumentPage, type DocumentResult } from '../../drivers/document/index.ts';
import type { Logger } from '../log.ts';
import type { SessionManager } from '../session.ts';

export interface PaperSpec {
  id: string;
  name: { vi: string; en: string };
  hint: { vi: string; en: string } | null;
  required: boolean;
  maxPages: number;
}

/** The papers a procedure asks for: the catalogue's `papers`, else its `documents` (all optional, 5 pages each). */
export function papersOf(service: Service): PaperSpec[] {
  const papers = (service as { papers?: unknown }).papers;
  if (Array.isArray(papers) && papers.length) {
    return (papers as { id: string; name: { vi: string; en: string }; hint?: { vi: string; en: string }; required: boolean; maxPages?: number }[]).map((p) => ({
      id: p.id,
      name: p.name,
      hint: p.hint ?? null,
      required: p.required,
      maxPages: Math.min(PAPERS_MAX_TOTAL_PAGES, p.maxPages ?? PAPER_DEFAULT_MAX_PAGES),
    }));
  }
  return service.documents.map((d, i) => ({ id: `giay-to-${i + 1}`, name: d.text, hint: null, required: false, maxPages: PAPER_DEFAULT_MAX_PAGES }));
}

/** One processed page, in the session. */
export interface SessionPage {
  pageId: string;
  serviceCode: string;
  paperId: string;
  file: string;
  width: number;
  height: number;
  bytes: number;
  edgesFound: boolean;
  sha256: string;
}

/** A page as it goes into the outbox (and to the hub). */
export interface OutboxPage {
  pageId: string;
  paperId: string;
  /** Order within the application, from 1. */
  seq: number;
  jpeg: Buffer;
  sha256: string;
  width: number;
  height: number;
}

interface Upload {
  uploadId: string;
  serviceCode: string;
  paperId: string;
  parts: number;
  chunks: Buffer[];
  bytes: number;
}

const PAGES_KEY = 'papers:pages';
const UPLOAD_KEY = 'papers:upload';

export type PageProcessor = (input: Buffer, opts: { maxBytes: number; maxInputBytes: number }) => Promise<DocumentResult>;

export class SessionPapers {
  constructor(
    private readonly sessions: SessionManager,
    private readonly log: Logger,
    /** The kiosk has a camera: only then are required papers required (a kiosk without one cannot photograph them). */
    private readonly camera: () => boolean,
    private readonly process: PageProcessor = processDocumentPage,
  ) {}

  private pages(): SessionPage[] {
    let p = this.sessions.get<SessionPage[]>(PAGES_KEY);
    if (!p) {
      p = [];
      this.sessions.put(PAGES_KEY, p);
    }
    return p;
  }

  private view(all: SessionPage[], page: SessionPage): PaperPageView {
    const same = all.filter((x) => x.serviceCode === page.serviceCode && x.paperId === page.paperId);
    return { pageId: page.pageId, paperId: page.paperId, index: same.indexOf(page) + 1, width: page.width, height: page.height, bytes: page.bytes, edgesFound: page.edgesFound };
  }

  list(service: Service): ResultOf<'papers.list'> {
    this.sessions.tmpDir(); // throws without a session
    const all = this.pages();
    const mine = all.filter((p) => p.serviceCode === service.code);
    const papers: PaperView[] = papersOf(service).map((spec) => ({
      paperId: spec.id,
      name: spec.name,
      hint: spec.hint,
      required: spec.required,
      maxPages: spec.maxPages,
      pages: mine.filter((p) => p.paperId === spec.id).map((p) => this.view(all, p)),
    }));
    return { papers, totalPages: mine.length, maxTotalPages: PAPERS_MAX_TOTAL_PAGES, camera: this.camera() };
  }

  async add(service: Service, params: ParamsOf<'papers.add'>): Promise<ResultOf<'papers.add'>> {
    const sessionId = this.sessions.state().id;
    this.sessions.tmpDir(); // throws without a session
    const spec = papersOf(service).find((p) => p.id === params.paperId);
    if (!spec) throw kioskError('E_NOT_FOUND');
    if (params.part >= params.parts) throw kioskError('E_INVALID_PARAMS');
    if (params.parts > PAPER_MAX_PARTS) {
      this.sessions.remove(UPLOAD_KEY);
      this.log.warn('papers.refused', { reason: 'too_big', parts: params.parts });
      throw kioskError('E_PAPER_TOO_BIG');
    }
    this.checkRoom(service, spec);
    let up = this.sessions.get<Upload>(UPLOAD_KEY);
    if (params.part === 0) {
      up = { uploadId: params.uploadId, serviceCode: service.code, paperId: spec.id, parts: params.parts, chunks: [], bytes: 0 };
      this.sessions.put(UPLOAD_KEY, up);
    }
    if (!up || up.uploadId !== params.uploadId || up.serviceCode !== service.code || up.paperId !== spec.id || up.parts !== params.parts) throw kioskError('E_INVALID_PARAMS');
    if (params.part < up.chunks.length) return { complete: false, page: null }; // a part sent again
    if (params.part !== up.chunks.length) throw kioskError('E_INVALID_PARAMS');
    const chunk = Buffer.from(params.data, 'base64');
    up.bytes += chunk.length;
    if (up.bytes > PAPER_INPUT_MAX_BYTES) {
      this.sessions.remove(UPLOAD_KEY);
      this.log.warn('papers.refused', { reason: 'too_big' });
      throw kioskError('E_PAPER_TOO_BIG');
    }
    up.chunks.push(chunk);
    if (up.chunks.length < up.parts) return { complete: false, page: null };
    this.sessions.remove(UPLOAD_KEY);
    const input = Buffer.concat(up.chunks);
    up.chunks.length = 0;
    const t0 = Date.now();
    const r = await this.process(input, { maxBytes: PAPER_PAGE_MAX_BYTES, maxInputBytes: PAPER_INPUT_MAX_BYTES });
    input.fill(0);
    if (!r.ok) {
      this.log.warn('papers.refused', { reason: r.code });
      throw kioskError(r.code === 'too_large' ? 'E_PAPER_TOO_BIG' : r.code === 'too_small' ? 'E_PAPER_TOO_SMALL' : 'E_PAPER_NOT_IMAGE');
    }
    // The resident may have left while the page was processed: nothing of it is kept then.
    if (this.sessions.state().id !== sessionId) throw kioskError('E_NO_SESSION');
    this.checkRoom(service, spec);
    if (r.page.bytes > PAPER_PAGE_MAX_BYTES) throw kioskError('E_PAPER_TOO_BIG');
    const dir = path.join(this.sessions.tmpDir(), 'papers');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const pageId = randomUUID();
    const file = path.join(dir, `${pageId}.jpg`);
    writeFileSync(file, r.page.jpeg, { mode: 0o600 });
    const page: SessionPage = {
      pageId,
      serviceCode: service.code,
      paperId: spec.id,
      file,
      width: r.page.width,
      height: r.page.height,
      bytes: r.page.bytes,
      edgesFound: r.page.edgesFound,
      sha256: createHash('sha256').update(r.page.jpeg).digest('hex'),
    };
    const all = this.pages();
    all.push(page);
    this.log.info('papers.page-added', { bytes: page.bytes, edgesFound: page.edgesFound, ms: Date.now() - t0, pages: all.length });
    return { complete: true, page: this.view(all, page) };
  }

  private checkRoom(service: Service, spec: PaperSpec): void {
    const mine = this.pages().filter((p) => p.serviceCode === service.code);
    if (mine.filter((p) => p.paperId === spec.id).length >= spec.maxPages || mine.length >= PAPERS_MAX_TOTAL_PAGES) {
      this.sessions.remove(UPLOAD_KEY);
      this.log.warn('papers.refused', { reason: 'too_many' });
      throw kioskError('E_PAPER_TOO_MANY');
    }
  }

  remove(pageId: string): ResultOf<'papers.remove'> {
    this.sessions.tmpDir();
    const all = this.pages();
    const i = all.findIndex((p) => p.pageId === pageId);
    if (i < 0) return { removed: false };
    const [page] = all.splice(i, 1);
    rmSync(page!.file, { force: true });
    return { removed: true };
  }

  async preview(pageId: string, size: 'thumb' | 'large'): Promise<ResultOf<'papers.preview'>> {
    this.sessions.tmpDir();
    const page = this.pages().find((p) => p.pageId === pageId);
    if (!page) throw kioskError('E_NOT_FOUND');
    const jpeg = readFileSync(page.file);
    const widths = size === 'thumb' ? [240, 180, 120] : [900, 760, 640, 520, 400];
    const prefix = 'data:image/jpeg;base64,';
    for (const w of widths) {
      for (const quality of [70, 55, 40]) {
        const out = await sharp(jpeg).resize({ width: Math.min(w, page.width), withoutEnlargement: true }).jpeg({ quality, mozjpeg: true }).toBuffer();
        const url = prefix + out.toString('base64');
        if (url.length <= PAPER_PREVIEW_MAX_CHARS) return { jpeg: url };
      }
    }
    throw kioskError('E_INTERNAL');
  }

  /** Paper id → its Vietnamese name (for staff, with the application). */
  names(service: Service): Record<string, string> {
    return Object.fromEntries(papersOf(service).map((p) => [p.id, p.name.vi]));
  }

  /** At submit: the pages of this procedure in order; E_PAPERS_MISSING when a required paper has none (on a kiosk with a camera). */
  forSubmit(service: Service): OutboxPage[] {
    const specs = papersOf(service);
    const mine = this.pages().filter((p) => p.serviceCode === service.code);
    const missing = this.camera() ? specs.filter((s) => s.required && !mine.some((p) => p.paperId === s.id)) : [];
    if (missing.length) {
      throw new KioskError({
        ...kioskError('E_PAPERS_MISSING').toShape(),
        issues: missing.map((s) => ({ path: `papers.${s.id}`, message: `Chưa chụp: ${s.name.vi}.`, messageEn: `Not photographed: ${s.name.en}.` })),
      });
    }
    const order = new Map(specs.map((s, i) => [s.id, i]));
    const sorted = [...mine].filter((p) => order.has(p.paperId)).sort((a, b) => order.get(a.paperId)! - order.get(b.paperId)!);
    return sorted.map((p, i) => ({ pageId: p.pageId, paperId: p.paperId, seq: i + 1, jpeg: readFileSync(p.file), sha256: p.sha256, width: p.width, height: p.height }));
  }
}
