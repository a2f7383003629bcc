/**
 * The papers from the kiosk's outbox to the hub (issue 13 / 14 part 4), on SQLite and PostgreSQL:
 * pages uploaded by HTTP with the device secret (JPEG only, ≤ 400 KB, idempotent, another kiosk
 * refused), the application stored only once every page it lists is there with its sha256, and
 * then exactly once; the onStored hook sees the pages.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { APPLICATION_PAGE_MAX_BYTES, applicationPagePath, kioskAuthorization } from '../../../common/contract/hub-kiosk.ts';
import type { StoredApplication } from '../../../hub/applications/applications.ts';
import { pagePhoto } from '../../support/papers.ts';
import { enrolKiosk, kioskClient, login, seededDb, startHub, useDatabases, WARD, type Client } from '../fleet/helpers.ts';

const targets = useDatabases();

describe.each(targets)('papers to the hub on $name', (target) => {
  it('uploaded pages, then the delivery: stored whole and once; refusals for bad pages and other kiosks', async () => {
    const r = await startHub(await seededDb(target));
    let k: Client | undefined;
    try {
      const cookie = await login(r, 'canbo');
      const secret = await enrolKiosk(r, 'hang-bai-01', cookie);
      const other = await enrolKiosk(r, 'hang-bai-02', cookie);
      k = await kioskClient(r, 'hang-bai-01', secret);
      const seen: StoredApplication[] = [];
      r.hub.applications.onStored((a) => void seen.push(a));
      const id = '9c2b7e11-5f0d-4a8e-b1c3-2d4e6f8a0b01';
      const jpegs = [pagePhoto(400, 300, 'Trang 1'), pagePhoto(400, 300, 'Trang 2')];
      const pageIds = ['9c2b7e11-5f0d-4a8e-b1c3-2d4e6f8a0c01', '9c2b7e11-5f0d-4a8e-b1c3-2d4e6f8a0c02'];
      const put = (pageId: string, body: Uint8Array<ArrayBuffer>, auth = kioskAuthorization('hang-bai-01', secret), type = 'image/jpeg') =>
        fetch(new URL(applicationPagePath(id, pageId), r.url), { method: 'PUT', headers: { authorization: auth, 'content-type': type }, body });
      const item = {
        id,
        code: `${WARD}-251206-1001`,
        serviceCode: '1.001193',
        submittedAt: Date.now(),
        answers: { childName: 'Phạm Văn Cường' },
        pages: jpegs.map((j, i) => ({ pageId: pageIds[i]!, paperId: i === 0 ? 'giay-chung-sinh' : 'giay-ket-hon', paperName: i === 0 ? 'Giấy chứng sinh' : 'Giấy chứng nhận kết hôn', seq: i + 1, bytes: j.length, sha256: createHash('sha256').update(j).digest('hex'), width: 400, height: 300 })),
      };

      // Bad uploads.
      expect((await put(pageIds[0]!, new Uint8Array(jpegs[0]!), 'Kiosk hang-bai-01:' + 'x'.repeat(43))).status).toBe(401);
      expect((await put(pageIds[0]!, new TextEncoder().encode('%PDF-1.7 not a jpeg'))).status).toBe(415);
      expect((await put(pageIds[0]!, new Uint8Array(APPLICATION_PAGE_MAX_BYTES + 1).fill(0xff))).status).toBe(413);
      expect((await put(pageIds[0]!, new TextEncoder().encode('{"a":1}'), undefined, 'application/json')).status).toBe(415);

      // Only the first page: the delivery is refused and nothing is stored.
      const first = await put(pageIds[0]!, new Uint8Array(jpegs[0]!));
      expect(first.status).toBe(200);
      expect(((await first.json()) as { sha256: string }).sha256).toBe(item.pages[0]!.sha256);
      k.send({ type: 'outbox.deliver', item });
      expect((await k.type('error')).code).toBe('not_found');
      expect(await r.hub.applications.store.countApplications()).toBe(0);
      // Another kiosk cannot add to this application.
      expect((await put(pageIds[1]!, new Uint8Array(jpegs[1]!), kioskAuthorization('hang-bai-02', other))).status).toBe(403);

      // Both pages (the first twice): stored, acknowledged, once.
      expect((await put(pageIds[0]!, new Uint8Array(jpegs[0]!))).status).toBe(200);
      expect((await put(pageIds[1]!, new Uint8Array(jpegs[1]!))).status).toBe(200);
      k.send({ type: 'outbox.deliver', item });
      expect((await k.type('outbox.ack')).duplicate).toBe(false);
      k.send({ type: 'outbox.deliver', item });
      expect((await k.type('outbox.ack')).duplicate).toBe(true);
      const pages = await r.hub.applications.pages.list(id);
      expect(pages.map((p) => [p.seq, p.paperId, p.paperName, p.bytes])).toEqual([
        [1, 'giay-chung-sinh', 'Giấy chứng sinh', jpegs[0]!.length],
        [2, 'giay-ket-hon', 'Giấy chứng nhận kết hôn', jpegs[1]!.length],
      ]);
      expect((await r.hub.applications.pageData(id, pageIds[1]!))!.equals(jpegs[1]!)).toBe(true);
      await r.hub.applications.settled();
      expect(seen).toHaveLength(1);
      expect(seen[0]!.pages.map((p) => p.pageId)).toEqual(pageIds);
      // A stored application's pages never change.
      expect((await put(pageIds[1]!, new Uint8Array(jpegs[0]!))).status).toBe(200);
      expect((await r.hub.applications.pageData(id, pageIds[1]!))!.equals(jpegs[1]!)).toBe(true);
      // The audit names counts, never contents.
      const audit = JSON.stringify(await r.hub.repo.listAudit({ limit: 200 }));
      expect(audit).toContain('pages=2');
      expect(audit).not.toContain('Phạm Văn Cường');
    } finally {
      await k?.close();
      await r.hub.close();
    }
  });
});
