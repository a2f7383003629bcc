/**
 * The staff console's application reader at the hub (issue 13 part 4), on SQLite and PostgreSQL:
 * the answers with the catalogue's labels (option labels, not codes), the pages listed and served
 * as JPEG — to staff of the application's ward only (another ward's staff and volunteers: 403);
 * every read and page view audited with who and which application, never the contents.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applicationPagePath, kioskAuthorization } from '../../../common/contract/hub-kiosk.ts';
import { ApplicationReading } from '../../../common/contract/hub-console.ts';
import { pagePhoto } from '../../support/papers.ts';
import { addUser, enrolKiosk, get, kioskClient, login, seededDb, startHub, useDatabases, waitAudit, WARD, type Client } from '../fleet/helpers.ts';

const targets = useDatabases();
const OTHER_WARD = '000.00.13.H30';

describe.each(targets)('application reader on $name', (target) => {
  it('answers by section with labels and the pages, ward staff only, every view audited without contents', async () => {
    const r = await startHub(
      await seededDb(target, async (repo) => {
        await addUser(repo, { username: 'canbo-khac', role: 'staff', ward: OTHER_WARD });
      }),
    );
    let k: Client | undefined;
    try {
      const cookie = await login(r, 'canbo');
      const secret = await enrolKiosk(r, 'hang-bai-01', cookie);
      k = await kioskClient(r, 'hang-bai-01', secret);
      const id = '1b6a2f40-7c3e-4d8a-9f21-3e5d7c9b1a01';
      const pageId = '1b6a2f40-7c3e-4d8a-9f21-3e5d7c9b1a02';
      const jpeg = pagePhoto(400, 300, 'Giấy chứng sinh');
      const res = await fetch(new URL(applicationPagePath(id, pageId), r.url), { method: 'PUT', headers: { authorization: kioskAuthorization('hang-bai-01', secret), 'content-type': 'image/jpeg' }, body: new Uint8Array(jpeg) });
      expect(res.status).toBe(200);
      const answers = { childName: 'Đỗ Thị Hạnh', childSex: 'Nữ', relationship: 'me', placeOfBirth: 'Bệnh viện Phụ sản Hà Nội', phone: '0912345678' };
      const item = {
        id,
        code: `${WARD}-251206-1007`,
        serviceCode: '1.001193',
        submittedAt: Date.now(),
        answers,
        pages: [{ pageId, paperId: 'birth-notice', paperName: 'Giấy chứng sinh', seq: 1, bytes: jpeg.length, sha256: createHash('sha256').update(jpeg).digest('hex'), width: 400, height: 300 }],
      };
      k.send({ type: 'outbox.deliver', item });
      expect((await k.type('outbox.ack')).duplicate).toBe(false);

      const read = await get(`${r.url}/api/applications/${id}/reading`, { cookie });
      expect(read.status).toBe(200);
      const reading = ApplicationReading.parse(read.json);
      expect(reading.application.code).toBe(item.code);
      expect(reading.serviceName).toContain('khai sinh');
      const rows = reading.sections.flatMap((s) => s.rows);
      expect(rows).toEqual(expect.arrayContaining([{ label: 'Họ, chữ đệm và tên của cháu bé', value: 'Đỗ Thị Hạnh', group: null }]));
      expect(rows.find((x) => x.label === 'Giới tính của cháu')?.value).toBe('Nữ');
      // a choice shows its option's label, never its code
      expect(rows.find((x) => x.label === 'Ông/bà là gì của cháu bé?')?.value).toBe('Mẹ');
      expect(reading.pages).toEqual([{ pageId, paperId: 'birth-notice', paperName: 'Giấy chứng sinh', seq: 1, width: 400, height: 300, bytes: jpeg.length }]);
      const img = await fetch(new URL(`/api/applications/${id}/pages/${pageId}`, r.url), { headers: { cookie } });
      expect(img.status).toBe(200);
      expect(img.headers.get('content-type')).toBe('image/jpeg');
      expect(Buffer.from(await img.arrayBuffer()).equals(jpeg)).toBe(true);

      // Another ward's staff, a volunteer, nobody: refused.
      const other = await login(r, 'canbo-khac');
      expect((await get(`${r.url}/api/applications/${id}/reading`, { cookie: other })).status).toBe(403);
      expect((await fetch(new URL(`/api/applications/${id}/pages/${pageId}`, r.url), { headers: { cookie: other } })).status).toBe(403);
      const volunteer = await login(r, 'tnv1');
      expect((await get(`${r.url}/api/applications/${id}/reading`, { cookie: volunteer })).status).toBe(403);
      expect((await get(`${r.url}/api/applications/${id}/reading`)).status).toBe(401);
      expect((await get(`${r.url}/api/applications/1b6a2f40-7c3e-4d8a-9f21-3e5d7c9b1aff/reading`, { cookie })).status).toBe(404);

      await waitAudit(r, (a) => a.action === 'application.read' && a.actor === 'user:canbo' && a.target === item.code);
      await waitAudit(r, (a) => a.action === 'application.page' && a.actor === 'user:canbo' && a.target === item.code);
      await waitAudit(r, (a) => a.action === 'application.read.refused' && a.actor === 'user:canbo-khac' && a.target === item.code);
      await waitAudit(r, (a) => a.action === 'application.page.refused' && a.actor === 'user:canbo-khac');
      const audit = JSON.stringify(await r.hub.repo.listAudit({ limit: 500 }));
      for (const secret of ['Đỗ Thị Hạnh', 'Phụ sản', '0912345678']) expect(audit).not.toContain(secret);
    } finally {
      await k?.close();
      await r.hub.close();
    }
  });
});
