/**
 * Issue 17, the Must-show: nothing of a resident stays on the kiosk's disk.
 *
 * The real kiosk (services + loopback host, in its own process, with its
 * virtual scanner and printer) enrolled with a real hub. A resident starts a
 * session, consents, has their ID card read through the virtual serial
 * scanner, answers the form with what the card gave, photographs a paper
 * (papers.add in parts, as the renderer sends it), and submits while the
 * printer is out of paper (so the receipt with their name fails and waits in
 * the print spool); the session ends; the hub stores and acknowledges the
 * application. Then every regular file under the kiosk's data folder, its
 * session temp root and its TMPDIR (SQLite database, WAL, journals, temp
 * files, the print spool, camera frames, paper pages) and everything it logged is searched
 * for the resident's name, the child's name, the ID number and the phone
 * number in UTF-8, UTF-16LE and UTF-16BE, NFC and NFD — none may be found,
 * while the kiosk runs and after it stops. Paper back in, the receipt of the
 * resident who left must not print for the next one.
 *
 * Driven over the kiosk's WebSocket API (what the renderer calls), no Chromium.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Transport } from '../../common/contract/client.ts';
import { startKioskProcess, writeConfig, type KioskProcess } from '../support/kiosk-process.ts';
import { FIXTURE_CATALOGUE, tempDir } from '../support/paths.ts';
import { filesHolding, findResidue, regularFiles } from '../support/residue.ts';
import { pagePhoto, sendPhoto } from '../support/papers.ts';
import { connectWsTransport } from '../support/ws-transport.ts';
import { seededSqlite } from '../support/hub.ts';
import { login, post, startHub, until, WARD, type Running } from '../unit/fleet/helpers.ts';

const NAME = 'Lê Thị Hồng Nhung';
const ID = '079190054321';
const CHILD = 'Phạm Ngọc Diệp';
const PHONE = '0987612345';
const QR = `${ID}|025190054|${NAME}|12031990|Nữ|Số 8 Ngõ Huế, Phường Hai Bà Trưng, Hà Nội|01062021`;

/** The test catalogue with the declarant's name filled from the card (the receipt prints it). */
function catalogueWithDeclarantName(): string {
  const c = JSON.parse(readFileSync(FIXTURE_CATALOGUE, 'utf8')) as { services: { code: string; questions: unknown[] }[] };
  const s = c.services.find((x) => x.code === '1.001193')!;
  s.questions.unshift({ id: 'declarantName', type: 'text', label: { vi: 'Họ và tên người đi khai', en: "Declarant's full name" }, required: true, autofill: 'fullName' });
  const file = path.join(tempDir('privacy-catalogue'), 'services.json');
  writeFileSync(file, JSON.stringify(c));
  return file;
}

async function call<T = unknown>(t: Transport, method: string, params: unknown = {}): Promise<T> {
  const env = (await t.call(method as never, params as never)) as { ok: boolean; result?: unknown; error?: { code: string } };
  if (!env.ok) throw new Error(`${method}: ${env.error?.code}`);
  return env.result as T;
}

describe('the kiosk keeps nothing of a resident on its disk (real kiosk process, real hub)', () => {
  let hub: Running;
  let kiosk: KioskProcess;
  let ws: Transport;
  let tmpdir: string;

  beforeAll(async () => {
    hub = await startHub((await seededSqlite('privacy-e2e')).url, {});
    const cookie = await login(hub, 'canbo');
    const code = (await post(`${hub.url}/api/enrolment-codes`, { ward: WARD, ttlMinutes: 10 }, cookie)).json.code as string;
    tmpdir = tempDir('privacy-osTmp');
    mkdirSync(tmpdir, { recursive: true });
    kiosk = await startKioskProcess({
      configPath: writeConfig((c) => (c.hub = { url: hub.url })),
      cataloguePath: catalogueWithDeclarantName(),
      hubEnrolmentCode: code,
      verbose: true,
      env: { TMPDIR: tmpdir, WARD_KIOSK_HEARTBEAT_MS: '500' },
    });
    ws = await connectWsTransport(kiosk.base, kiosk.token);
  });
  afterAll(async () => {
    ws?.close?.();
    await kiosk?.stop();
    await hub?.hub.close();
  });

  it('after the session ends and the hub has the application, no file and no log line holds the name or the ID number', async () => {
    await until(async () => (await call<{ hub: string }>(ws, 'help.state')).hub === 'connected', 'kiosk connected to the hub', 20_000);

    // The printer runs out of paper before the resident comes: their receipt will fail and wait.
    await kiosk.setPrinter({ paperOut: true });
    await new Promise((r) => setTimeout(r, 2500)); // the printer's health poll notices
    const pagesBefore = await kiosk.printedPages();

    const events: { event: string; payload: any }[] = [];
    ws.on((event, payload) => events.push({ event, payload }));
    await call(ws, 'session.start', { lang: 'vi' });
    await call(ws, 'idcard.consent', { allow: true });
    await kiosk.scan(QR);
    const read = await until(() => events.find((e) => e.event === 'idcard.read'), 'the card was read', 10_000);
    expect(read.payload.fields).toMatchObject({ fullName: NAME, idNumber: ID });
    const reading = (await call<{ reading: { fields: { fullName: string; idNumber: string } } }>(ws, 'idcard.reading')).reading;

    const answers = { declarantName: reading.fields.fullName, childName: CHILD, childBirthDate: '05/09/2024', childSex: 'nu', declarantId: reading.fields.idNumber, phone: PHONE };
    for (const [questionId, value] of Object.entries(answers)) await call(ws, 'form.saveAnswer', { serviceCode: '1.001193', questionId, value });
    // A paper photographed: the page lives in the session's temp folder until submit, then in the outbox.
    const papers = await call<{ papers: { paperId: string }[] }>(ws, 'papers.list', { serviceCode: '1.001193' });
    expect(papers.papers.length).toBeGreaterThan(0);
    const photo = pagePhoto(960, 720, `Giấy chứng sinh — mẹ: ${NAME}`);
    const added = await sendPhoto({ dispatch: (m, p) => ws.call(m as never, p as never) as never }, '1.001193', photo, papers.papers[0]!.paperId);
    expect(added.ok).toBe(true);
    const pageFiles = regularFiles([kiosk.tmpRoot]).filter((f) => /\.(jpe?g|png)$/i.test(f));
    expect(pageFiles.length).toBe(1);
    const page = readFileSync(pageFiles[0]!);
    const slices = [photo, page].map((b) => b.subarray(Math.floor(b.length / 2), Math.floor(b.length / 2) + 512));

    const submitted = await call<{ code: string }>(ws, 'application.submit', { serviceCode: '1.001193', consent: true, answers });
    await until(async () => (await call<{ state: string }>(ws, 'receipt.state', { code: submitted.code })).state === 'failed', 'the receipt failed (no paper)', 10_000);

    await call(ws, 'session.end', { reason: 'finished' });
    expect(await kiosk.sessionDirs()).toEqual([]);

    // Delivered: the hub stored it and the kiosk took the acknowledgement.
    await until(async () => (await hub.hub.fleet.store.applicationByCode(submitted.code)) !== null, 'the hub has the application', 20_000);
    await until(() => kiosk.stderr().includes('"fleet.outbox-delivered"'), 'the kiosk took the ack', 20_000);
    await new Promise((r) => setTimeout(r, 1000));

    const dirs = [kiosk.dataDir, kiosk.tmpRoot, tmpdir];
    expect(regularFiles(dirs).some((f) => f.endsWith('kiosk.sqlite'))).toBe(true);
    const needles = [NAME, ID, CHILD, PHONE];
    const log = () => ({ name: 'kiosk log (stderr)', bytes: Buffer.from(kiosk.stderr(), 'utf8') });
    expect(findResidue(dirs, needles, [log()])).toEqual([]);
    for (const slice of slices) expect(filesHolding(dirs, slice, [log()])).toEqual([]);

    // Paper back: the receipt of the resident who left is not printed for whoever comes next.
    await kiosk.setPrinter({ paperOut: false });
    await new Promise((r) => setTimeout(r, 3000));
    expect(await kiosk.printedPages()).toBe(pagesBefore);
    expect(findResidue(dirs, needles, [log()])).toEqual([]);

    // And after a clean stop: no application or page waiting, no receipt bytes in the spool.
    ws.close?.();
    await kiosk.stop();
    expect(findResidue(dirs, needles, [log()])).toEqual([]);
    const db = new Database(path.join(kiosk.dataDir, 'kiosk.sqlite'), { readonly: true });
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM outbox_payload').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM outbox_pages').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM print_jobs WHERE bytes IS NOT NULL').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
