/**
 * Exactly once across a hub killed mid-delivery, on SQLite and PostgreSQL:
 * the hub (a child process) stores the outbox item and is SIGKILLed before it
 * acknowledges; the kiosk reconnects to the restarted hub and resends; the
 * hub acknowledges the replay as a duplicate → exactly one application.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../hub/auth/crypto.ts';
import { openRepository } from '../../../hub/db/index.ts';
import { FleetStore } from '../../../hub/fleet/store.ts';
import { ApplicationPagesStore } from '../../../hub/applications/store.ts';
import { applicationPagePath, kioskAuthorization } from '../../../common/contract/hub-kiosk.ts';
import { createHash } from 'node:crypto';
import { pagePhoto } from '../../support/papers.ts';
import { ROOT } from '../../support/paths.ts';
import { Client, seededDb, useDatabases, WARD } from './helpers.ts';

const targets = useDatabases();
const SECRET = 'k'.repeat(43);

function startChild(dbUrl: string, hang: boolean): Promise<{ child: ChildProcess; url: string; lines: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/unit/fleet/hub-child.ts', dbUrl, ...(hang ? ['--hang-after-insert'] : [])], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('hub child did not start'));
    }, 20_000);
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        lines.push(line);
        if (line.startsWith('READY ')) {
          clearTimeout(timer);
          resolve({ child, url: line.slice(6), lines });
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`hub child exited ${code}`)));
  });
}

async function connect(url: string): Promise<Client> {
  const c = new Client(url.replace(/^http/, 'ws'), 'kiosk');
  await c.opened;
  c.send({ type: 'hello', kioskId: 'hang-bai-01', secret: SECRET, epoch: null, lastServerSeq: 0 });
  await c.type('snapshot', 5000);
  return c;
}

describe.each(targets)('outbox exactly once on $name', (target) => {
  it('hub killed (SIGKILL) between storing and acknowledging: the resend is acknowledged once, one application', async () => {
    const dbUrl = await seededDb(target, (repo) => repo.insertKiosk({ id: 'hang-bai-01', ward: WARD, name: 'Kiosk 1', secretHash: sha256Hex(SECRET), enrolledAt: Date.now() }).then(() => undefined));
    const jpegs = [pagePhoto(320, 240, 'Trang 1'), pagePhoto(320, 240, 'Trang 2')];
    const pageIds = ['7a1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01', '7a1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c02'];
    const pages = jpegs.map((j, i) => ({ pageId: pageIds[i]!, paperId: 'giay-chung-sinh', paperName: 'Giấy chứng sinh', seq: i + 1, bytes: j.length, sha256: createHash('sha256').update(j).digest('hex'), width: 320, height: 240 }));
    const item = { id: '5d1c2f4e-8b9a-4c3d-9e2f-1a2b3c4d5e6f', code: `${WARD}-251123-1001`, serviceCode: '1.001193', submittedAt: Date.now(), answers: { childName: 'Trần Thị B' }, pages };
    const upload = async (url: string) => {
      for (let i = 0; i < 2; i++) {
        const res = await fetch(new URL(applicationPagePath(item.id, pageIds[i]!), url), { method: 'PUT', headers: { authorization: kioskAuthorization('hang-bai-01', SECRET), 'content-type': 'image/jpeg' }, body: new Uint8Array(jpegs[i]!) });
        expect(res.status).toBe(200);
      }
    };
    let first: Awaited<ReturnType<typeof startChild>> | null = null;
    let second: Awaited<ReturnType<typeof startChild>> | null = null;
    let k: Client | null = null;
    try {
      first = await startChild(dbUrl, true);
      k = await connect(first.url);
      await upload(first.url);
      k.send({ type: 'outbox.deliver', item });
      const until = Date.now() + 10_000;
      while (!first.lines.includes(`INSERTED ${item.id}`)) {
        if (Date.now() > until) throw new Error('the hub never stored the item');
        await new Promise((r) => setTimeout(r, 20));
      }
      first.child.kill('SIGKILL');
      await k.closed;
      expect(k.received.some((m) => m.type === 'outbox.ack')).toBe(false);
      await k.close();

      // The kiosk keeps the item (never acknowledged) and resends it to the restarted hub.
      second = await startChild(dbUrl, false);
      k = await connect(second.url);
      await upload(second.url); // the kiosk uploads again after a reconnect: already there
      k.send({ type: 'outbox.deliver', item });
      const ack = await k.type('outbox.ack', 5000);
      expect(ack).toMatchObject({ id: item.id, duplicate: true });
      // And once more (a replay after the ack was lost): still one.
      k.send({ type: 'outbox.deliver', item });
      expect((await k.type('outbox.ack', 5000)).duplicate).toBe(true);
    } finally {
      await k?.close();
      first?.child.kill('SIGKILL');
      second?.child.kill('SIGTERM');
      if (second) await new Promise((r) => (second!.child.exitCode !== null ? r(null) : second!.child.once('exit', r)));
    }
    const repo = await openRepository(dbUrl);
    try {
      const store = new FleetStore(repo.driver);
      expect(await store.countApplications()).toBe(1);
      const a = await store.applicationByCode(item.code);
      expect(a).toMatchObject({ id: item.id, status: 'received', kioskId: 'hang-bai-01' });
      const stored = new ApplicationPagesStore(repo.driver);
      expect(await stored.count()).toBe(2);
      expect((await stored.list(item.id)).map((p) => p.pageId)).toEqual(pageIds);
      expect((await stored.data(item.id, pageIds[1]!))!.equals(jpegs[1]!)).toBe(true);
    } finally {
      await repo.close();
    }
  }, 60_000);
});
