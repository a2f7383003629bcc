/**
 * The papers in the kiosk session (issue 13 part 2), through the real services' dispatch:
 * a photo sent in parts is processed (drivers/document) into a bounded page kept only in the
 * session's temp folder; list, preview, remove; the Vietnamese refusals (not an image, too big,
 * one page too many, a required paper missing at submit); nothing in the kiosk database before
 * submit, the pages in the outbox after it, and nothing left when the session ends.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { PAPER_MAX_PARTS, PAPER_PAGE_MAX_BYTES, PAPER_PART_MAX_BASE64, PAPER_PREVIEW_MAX_CHARS, type Envelope } from '../../../common/contract/kiosk-api.ts';
import type { Service } from '../../../kiosk-config/catalogue.schema.ts';
import { papersOf, SessionPapers } from '../../../services/applications/papers.ts';
import { createKioskServices, type KioskServices } from '../../../services/kiosk-services.ts';
import { memoryLogger } from '../../../services/log.ts';
import { SessionManager } from '../../../services/session.ts';
import { pagePhoto, sendPhoto as send } from '../../support/papers.ts';
import { DEFAULT_CONFIG, FIXTURE_CATALOGUE, tempDir } from '../../support/paths.ts';

const ctx = { carrier: 'browser' as const };
const SERVICE = '1.001193';
const VALID = { childName: 'Nguyễn Thị Mai', childBirthDate: '05/09/2024', childSex: 'nu', declarantId: '001190012345', phone: '0912345678' };

async function call(s: KioskServices, method: string, params: unknown): Promise<Envelope> {
  return s.dispatch(method, params, ctx);
}

const sendPhoto = (s: KioskServices, bytes: Buffer, paperId = 'giay-to-1') => send(s, SERVICE, bytes, paperId);

let open: KioskServices | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

async function services(label: string) {
  const logger = memoryLogger();
  const tmpRoot = tempDir(`${label}-tmp`);
  const s = await createKioskServices({ configPath: DEFAULT_CONFIG, cataloguePath: FIXTURE_CATALOGUE, dataDir: tempDir(label), tmpRoot, carrier: 'browser', appVersion: 't', logger });
  open = s;
  return { s, logger, tmpRoot };
}

const countPages = (s: KioskServices) => (s.store.db.prepare('SELECT COUNT(*) AS n FROM outbox_pages').get() as { n: number }).n;

describe('papers in the kiosk session', () => {
  it('a photo in parts → a bounded page in the session only → preview, list, remove; into the outbox at submit; nothing left after', async () => {
    const { s, logger, tmpRoot } = await services('papers');
    expect((await call(s, 'papers.list', { serviceCode: SERVICE })).ok).toBe(false); // no session
    await call(s, 'session.start', { lang: 'vi' });
    const list0 = await call(s, 'papers.list', { serviceCode: SERVICE });
    expect(list0).toMatchObject({ ok: true, result: { totalPages: 0, papers: [{ paperId: 'giay-to-1', name: { vi: 'Giấy chứng sinh' }, pages: [] }] } });

    const big = pagePhoto(1600, 1200);
    expect(big.toString('base64').length).toBeGreaterThan(PAPER_PART_MAX_BASE64); // really sent in several parts
    const added = await sendPhoto(s, big);
    expect(added.ok).toBe(true);
    const page = (added as { result: { complete: boolean; page: { pageId: string; bytes: number; index: number } } }).result;
    expect(page.complete).toBe(true);
    expect(page.page.bytes).toBeLessThanOrEqual(PAPER_PAGE_MAX_BYTES);
    expect(page.page.index).toBe(1);
    // Only in the session's temp folder: the kiosk database has nothing of it.
    expect(countPages(s)).toBe(0);
    const sessionDirs = readdirSync(tmpRoot);
    expect(sessionDirs).toHaveLength(1);
    expect(readdirSync(`${tmpRoot}/${sessionDirs[0]}/papers`)).toEqual([`${page.page.pageId}.jpg`]);

    for (const size of ['thumb', 'large'] as const) {
      const p = await call(s, 'papers.preview', { pageId: page.page.pageId, size });
      expect(p.ok).toBe(true);
      const url = (p as { result: { jpeg: string } }).result.jpeg;
      expect(url.startsWith('data:image/jpeg;base64,')).toBe(true);
      expect(url.length).toBeLessThanOrEqual(PAPER_PREVIEW_MAX_CHARS);
    }

    const second = await sendPhoto(s, pagePhoto());
    expect(second.ok).toBe(true);
    const secondId = (second as { result: { page: { pageId: string; index: number } } }).result.page;
    expect(secondId.index).toBe(2);
    expect(await call(s, 'papers.remove', { pageId: secondId.pageId })).toEqual({ ok: true, result: { removed: true } });
    const list1 = await call(s, 'papers.list', { serviceCode: SERVICE });
    expect((list1 as { result: { totalPages: number } }).result.totalPages).toBe(1);

    const sub = await call(s, 'application.submit', { serviceCode: SERVICE, answers: VALID, consent: true });
    expect(sub.ok).toBe(true);
    expect(countPages(s)).toBe(1);
    const [pending] = s.store.pendingOutbox();
    const pages = s.store.outboxPages(pending!.id);
    expect(pages.map((p) => p.pageId)).toEqual([page.page.pageId]);
    expect(pages[0]!.jpeg.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    // Delivered → the pages go with the answers.
    s.store.markDelivered(pending!.id, new Date().toISOString());
    expect(countPages(s)).toBe(0);

    await call(s, 'session.end', { reason: 'finished' });
    expect(readdirSync(tmpRoot)).toEqual([]);
    const text = JSON.stringify(logger.lines);
    expect(text).toContain('papers.page-added');
    expect(text).not.toContain(page.page.pageId);
  });

  it('refuses what is not an image, a photo too big, and one page too many — in Vietnamese', async () => {
    const { s } = await services('papers-bad');
    await call(s, 'session.start', { lang: 'vi' });
    const notImage = await sendPhoto(s, Buffer.from('%PDF-1.7 đây không phải là ảnh chụp một trang giấy'));
    expect(notImage).toMatchObject({ ok: false, error: { code: 'E_PAPER_NOT_IMAGE', message: 'Tệp này không phải là ảnh. Xin vui lòng chụp lại giấy tờ.' } });

    const tooManyParts = await call(s, 'papers.add', { serviceCode: SERVICE, paperId: 'giay-to-1', uploadId: randomUUID(), part: 0, parts: PAPER_MAX_PARTS + 1, data: 'AAAA' });
    expect(tooManyParts).toMatchObject({ ok: false, error: { code: 'E_PAPER_TOO_BIG', message: 'Ảnh quá lớn (tối đa 8 MB). Xin vui lòng chụp lại.' } });
    // Parts that add up to more than 8 MB whatever `parts` said.
    const uploadId = randomUUID();
    const chunk = Buffer.alloc((PAPER_PART_MAX_BASE64 / 4) * 3, 7).toString('base64');
    let over: Envelope | null = null;
    for (let part = 0; part < PAPER_MAX_PARTS; part++) {
      over = await call(s, 'papers.add', { serviceCode: SERVICE, paperId: 'giay-to-1', uploadId, part, parts: PAPER_MAX_PARTS, data: chunk });
      if (!over.ok) break;
    }
    expect(over).toMatchObject({ ok: false, error: { code: 'E_PAPER_TOO_BIG' } });

    const small = pagePhoto(640, 480);
    for (let i = 0; i < 5; i++) expect((await sendPhoto(s, small)).ok).toBe(true);
    const sixth = await sendPhoto(s, small);
    expect(sixth).toMatchObject({ ok: false, error: { code: 'E_PAPER_TOO_MANY', message: 'Đã đủ số trang tối đa. Xin vui lòng xóa bớt một trang nếu muốn chụp thêm.' } });
    expect((await call(s, 'papers.add', { serviceCode: SERVICE, paperId: 'no-such-paper', uploadId: randomUUID(), part: 0, parts: 1, data: 'AAAA' })).ok).toBe(false);
    // Out of order parts are refused at the boundary of the upload.
    expect(await call(s, 'papers.add', { serviceCode: SERVICE, paperId: 'giay-to-1', uploadId: randomUUID(), part: 1, parts: 2, data: 'AAAA' })).toMatchObject({ ok: false });
  });

  it('a required paper without a page refuses the submit (E_PAPERS_MISSING, naming the paper); the catalogue’s papers and maxPages are used', async () => {
    const sessions = new SessionManager(() => ({ idleSeconds: 600, warningSeconds: 30 }), { warning: () => undefined, extended: () => undefined, ended: () => undefined }, () => 'vi', tempDir('papers-req'));
    const service = {
      code: SERVICE,
      documents: [],
      papers: [
        { id: 'giay-chung-sinh', name: { vi: 'Giấy chứng sinh', en: 'Birth notice' }, required: true, maxPages: 2 },
        { id: 'giay-ket-hon', name: { vi: 'Giấy chứng nhận kết hôn', en: 'Marriage certificate' }, required: false, maxPages: 1 },
      ],
    } as unknown as Service;
    expect(papersOf(service).map((p) => [p.id, p.required, p.maxPages])).toEqual([
      ['giay-chung-sinh', true, 2],
      ['giay-ket-hon', false, 1],
    ]);
    const papers = new SessionPapers(sessions, memoryLogger(), () => true);
    sessions.start('vi');
    try {
      papers.forSubmit(service);
      expect.unreachable();
    } catch (e) {
      expect((e as { code: string }).code).toBe('E_PAPERS_MISSING');
      expect((e as { issues: { path: string; message: string }[] }).issues).toEqual([{ path: 'papers.giay-chung-sinh', message: 'Chưa chụp: Giấy chứng sinh.', messageEn: 'Not photographed: Birth notice.' }]);
    }
    const photo = pagePhoto(640, 480).toString('base64');
    const add = (paperId: string) => papers.add(service, { serviceCode: SERVICE, paperId, uploadId: randomUUID(), part: 0, parts: 1, data: photo });
    await add('giay-chung-sinh');
    await add('giay-ket-hon');
    await expect(add('giay-ket-hon')).rejects.toMatchObject({ code: 'E_PAPER_TOO_MANY' });
    await add('giay-chung-sinh');
    expect(papers.forSubmit(service).map((p) => [p.paperId, p.seq])).toEqual([
      ['giay-chung-sinh', 1],
      ['giay-chung-sinh', 2],
      ['giay-ket-hon', 3],
    ]);
    // A kiosk without a camera cannot photograph them: nothing is required there.
    const noCamera = new SessionPapers(sessions, memoryLogger(), () => false);
    sessions.start('vi');
    expect(noCamera.forSubmit(service)).toEqual([]);
    expect(noCamera.list(service).camera).toBe(false);
    sessions.dispose();
  });

  it('a page still being processed when the session ends is not kept', async () => {
    const sessions = new SessionManager(() => ({ idleSeconds: 600, warningSeconds: 30 }), { warning: () => undefined, extended: () => undefined, ended: () => undefined }, () => 'vi', tempDir('papers-end'));
    let release: () => void = () => undefined;
    const papers = new SessionPapers(sessions, memoryLogger(), () => true, async (input) => {
      await new Promise<void>((r) => (release = r));
      const { processDocumentPage } = await import('../../../drivers/document/index.ts');
      return processDocumentPage(input);
    });
    const service = { code: SERVICE, documents: [{ text: { vi: 'Giấy chứng sinh', en: 'Birth notice' }, required: true }] } as unknown as Service;
    sessions.start('vi');
    const pending = papers.add(service, { serviceCode: SERVICE, paperId: 'giay-to-1', uploadId: randomUUID(), part: 0, parts: 1, data: pagePhoto(640, 480).toString('base64') });
    await new Promise((r) => setTimeout(r, 20));
    sessions.end('timeout');
    release();
    await expect(pending).rejects.toMatchObject({ code: 'E_NO_SESSION' });
    sessions.start('vi');
    expect(papers.list(service).totalPages).toBe(0);
    sessions.dispose();
  });
});
