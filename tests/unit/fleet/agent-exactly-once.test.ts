/**
 * Applications reach the hub exactly once with the real kiosk agent:
 *
 *  - the kiosk process is SIGKILLed after the hub stored its application and
 *    before the ack reached it: the restarted kiosk sends it again, the hub
 *    answers `duplicate`, the kiosk drops it — one application;
 *  - the hub process is SIGKILLed between storing and acknowledging (SQLite
 *    and PostgreSQL): the kiosk keeps the item, reconnects to the restarted
 *    hub, sends it again, gets `duplicate` — one application.
 * Both with two photographed pages (issue 13): uploaded, stored once, dropped
 * from the kiosk's outbox with the answers.
 *
 * (tests/unit/fleet/exactly-once.test.ts is the same on the hub's side with a
 * simulated kiosk.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../hub/auth/crypto.ts';
import { openRepository } from '../../../hub/db/index.ts';
import { FleetStore as HubFleetStore } from '../../../hub/fleet/store.ts';
import { ApplicationPagesStore } from '../../../hub/applications/store.ts';
import { pagePhoto, sendPhoto } from '../../support/papers.ts';
import { saveSecret } from '../../../services/fleet/enrol.ts';
import { createKioskServices } from '../../../services/kiosk-services.ts';
import { memoryLogger } from '../../../services/log.ts';
import { KioskStore } from '../../../services/store.ts';
import { DEFAULT_CONFIG, FIXTURE_CATALOGUE, ROOT, tempDir } from '../../support/paths.ts';
import { get, login, post, seedUsers, seededDb, startHub, until, useDatabases, WARD } from './helpers.ts';
import { freePort } from '../../support/processes.ts';

const targets = useDatabases();
const SECRET = 's'.repeat(43);
const VALID = { childName: 'Nguyễn Thị Mai', childBirthDate: '05/09/2024', childSex: 'nu', declarantId: '001190012345', phone: '0912345678' };

interface Proc {
  child: ChildProcess;
  lines: string[];
  line(pred: (l: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

function run(args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, WARD_KIOSK_QUIET: '1', ...env } });
  const lines: string[] = [];
  let buf = '';
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      lines.push(buf.slice(0, nl));
      buf = buf.slice(nl + 1);
    }
  });
  return {
    child,
    lines,
    line: (pred, what, timeoutMs = 20_000) =>
      until(() => {
        if (child.exitCode !== null && !lines.some(pred)) throw new Error(`${what}: the process exited (${child.exitCode})`);
        return lines.find(pred);
      }, what, timeoutMs),
    async kill(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
    },
  };
}

function kioskConfig(dir: string, hubUrl: string): string {
  const base = JSON.parse(readFileSync(DEFAULT_CONFIG, 'utf8')) as Record<string, any>;
  const file = path.join(dir, 'kiosk.json');
  writeFileSync(file, JSON.stringify({ ...base, hub: { url: hubUrl }, devices: { ...base.devices, printer: { transport: 'none' }, scanner: { transport: 'none' } } }));
  return file;
}


describe('outbox exactly once with the real kiosk', () => {
  it('kiosk killed (SIGKILL) after the hub stored its application, before the ack: resent on restart, one application', async () => {
    const dir = tempDir('eo-kiosk');
    const file = path.join(dir, 'hub.sqlite');
    const repo = await openRepository(`sqlite:${file}`);
    await seedUsers(repo);
    await repo.close();
    const inserted: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const hub = await startHub(`sqlite:${file}`, {
      applications: {
        afterOutboxInsert: async (id) => {
          inserted.push(id);
          await gate; // stored, not yet acknowledged
        },
      },
    });
    const kiosks: Proc[] = [];
    try {
      const cookie = await login(hub, 'canbo');
      const code = (await post(`${hub.url}/api/enrolment-codes`, { ward: WARD, ttlMinutes: 10 }, cookie)).json.code as string;
      const config = kioskConfig(dir, hub.url);
      const dataDir = path.join(dir, 'kiosk');
      const first = run(['tests/unit/fleet/kiosk-child.ts', config, dataDir, '--submit', '--papers'], { WARD_KIOSK_HUB_CODE: code });
      kiosks.push(first);
      const appCode = (await first.line((l) => l.startsWith('SUBMITTED '), 'submitted')).slice(10);
      await until(() => inserted.length === 1, 'stored at the hub');
      await first.kill('SIGKILL');
      release(); // the ack goes to a socket that is gone
      await hub.hub.settled();
      const store = hub.hub.fleet.store;
      expect(await store.countApplications()).toBe(1);
      // The kiosk kept it: its outbox still holds the application.
      const local = new KioskStore(path.join(dataDir, 'kiosk.sqlite'));
      expect(local.pendingOutbox().map((i) => i.code)).toEqual([appCode]);
      local.close();

      const second = run(['tests/unit/fleet/kiosk-child.ts', config, dataDir]);
      kiosks.push(second);
      await second.line((l) => l === 'PENDING 0', 'outbox emptied after the restart');
      await hub.hub.settled();
      expect(await store.countApplications()).toBe(1);
      expect(inserted.length).toBe(1);
      expect(await store.applicationByCode(appCode)).toMatchObject({ id: inserted[0], kioskId: 'hang-bai-01', status: 'received' });
      // Its two pages came with it, once each; the kiosk dropped them with the answers.
      const pages = await hub.hub.applications.pages.list(inserted[0]!);
      expect(pages.map((p) => [p.seq, p.paperId])).toEqual([
        [1, 'giay-to-1'],
        [2, 'giay-to-1'],
      ]);
      expect(await hub.hub.applications.pages.count()).toBe(2);
      const after = new KioskStore(path.join(dataDir, 'kiosk.sqlite'));
      expect((after.db.prepare('SELECT COUNT(*) AS n FROM outbox_pages').get() as { n: number }).n).toBe(0);
      after.close();
      const audit = await hub.hub.repo.listAudit({ limit: 200 });
      expect(audit.some((a) => a.action === 'outbox.duplicate' && a.target === appCode)).toBe(true);
      // The kill was not a clean stop: the restarted kiosk reports the crash in its heartbeat.
      await until(async () => (await get(`${hub.url}/api/fleet/kiosks/hang-bai-01`, { cookie })).json.kiosk?.health?.crashesLastHour === 1, 'crash reported');
    } finally {
      release();
      for (const k of kiosks) await k.kill('SIGTERM');
      await hub.hub.close();
    }
  }, 60_000);
});

describe.each(targets)('outbox exactly once with the real kiosk on $name', (target) => {
  it('hub killed (SIGKILL) between storing and acknowledging: the kiosk keeps the item and resends it to the restarted hub, one application', async () => {
    const dbUrl = await seededDb(target, (repo) => repo.insertKiosk({ id: 'hang-bai-01', ward: WARD, name: 'Kiosk 1', secretHash: sha256Hex(SECRET), enrolledAt: Date.now() }).then(() => undefined));
    const port = await freePort();
    const hubUrl = `http://127.0.0.1:${port}`;
    const dir = tempDir('eo-hub');
    const dataDir = path.join(dir, 'kiosk');
    const seed = new KioskStore(path.join(dataDir, 'kiosk.sqlite'));
    saveSecret(seed, hubUrl, SECRET); // enrolled before (the secret from its enrolment)
    seed.close();
    const hubs: Proc[] = [];
    const s = await createKioskServices({
      configPath: kioskConfig(dir, hubUrl),
      cataloguePath: FIXTURE_CATALOGUE,
      dataDir,
      tmpRoot: tempDir('eo-hub-tmp'),
      carrier: 'browser',
      appVersion: '0.1.0',
      logger: memoryLogger(),
      fleet: { heartbeatMs: 500, outboxRetryMs: 1000 },
    });
    try {
      const first = run(['tests/unit/fleet/hub-child.ts', dbUrl, '--hang-after-insert', '--port', String(port)]);
      hubs.push(first);
      await first.line((l) => l.startsWith('READY '), 'hub ready');
      await until(() => s.fleet.connected, 'kiosk connected', 15_000);
      await s.dispatch('session.start', { lang: 'vi' }, { carrier: 'browser' });
      for (const text of ['Trang 1', 'Trang 2']) expect((await sendPhoto(s, '1.001193', pagePhoto(960, 720, text))).ok).toBe(true);
      const sub = await s.dispatch('application.submit', { serviceCode: '1.001193', consent: true, answers: VALID }, { carrier: 'browser' });
      expect(sub.ok).toBe(true);
      const id = s.store.pendingOutbox()[0]!.id;
      await first.line((l) => l === `INSERTED ${id}`, 'stored by the hub');
      await first.kill('SIGKILL');
      await until(() => !s.fleet.connected, 'kiosk sees the hub gone');
      expect(s.store.pendingOutbox().map((i) => i.id)).toEqual([id]); // never acknowledged: kept

      const second = run(['tests/unit/fleet/hub-child.ts', dbUrl, '--port', String(port)]);
      hubs.push(second);
      await second.line((l) => l.startsWith('READY '), 'hub restarted');
      await until(() => s.store.pendingOutbox().length === 0, 'delivered to the restarted hub', 20_000);
      expect(s.store.timeline((sub as { result: { code: string } }).result.code)!.entries.map((e) => e.status)).toEqual(['submitted', 'received']);
      expect((s.store.db.prepare('SELECT COUNT(*) AS n FROM outbox_pages').get() as { n: number }).n).toBe(0);
    } finally {
      await s.close();
      for (const h of hubs) await h.kill('SIGTERM');
    }
    const repo = await openRepository(dbUrl);
    try {
      const store = new HubFleetStore(repo.driver);
      expect(await store.countApplications()).toBe(1);
      const pages = new ApplicationPagesStore(repo.driver);
      expect(await pages.count()).toBe(2);
      // The restarted hub saw the resend as what it was: a duplicate of what it had stored.
      expect((await repo.listAudit({ limit: 100 })).some((a) => a.action === 'outbox.duplicate')).toBe(true);
    } finally {
      await repo.close();
    }
  }, 90_000);
});
