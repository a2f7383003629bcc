/**
 * The hub → province outbox through kill -9, on SQLite and PostgreSQL: a hub (a child process)
 * killed twice in the middle of handing applications over (the province answers slowly, so steps
 * are in flight) resumes from each row's persisted step: every application reaches the province
 * once — none lost, none duplicated.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../hub/auth/crypto.ts';
import { buildProvince, DEFAULT_GROUP, DEFAULT_USER } from '../../../province/server.ts';
import { ROOT } from '../../support/paths.ts';
import { freePort, killAndWait } from '../../support/processes.ts';
import { Client, seededDb, until, useDatabases, WARD } from '../fleet/helpers.ts';

const targets = useDatabases();
const SECRET = 'k'.repeat(43);
const N = 8;

function startChild(dbUrl: string, province: unknown, port: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/unit/province/hub-child.ts', dbUrl, JSON.stringify(province), '--port', String(port), '--outbox', JSON.stringify({ baseDelayMs: 50, maxDelayMs: 400, tickMs: 30 })], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('hub child did not start'));
    }, 20_000);
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /READY (\S+)/.exec(buf);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
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

describe.each(targets)('province outbox through kill -9 on $name', (target) => {
  it('resumes every hand-off from its persisted step: all delivered once', async () => {
    const province = await buildProvince({ services: { '1.001193': 'Đăng ký khai sinh' }, agencies: { [WARD]: 'UBND phường' }, faults: { slowMs: 120 } });
    const { url: pUrl } = await province.start();
    const cfg = { kind: 'opencps', url: pUrl, user: DEFAULT_USER.user, password: DEFAULT_USER.password, groupId: DEFAULT_GROUP, agencyCode: WARD, pollMs: 300 };
    const dbUrl = await seededDb(target, (repo) => repo.insertKiosk({ id: 'hang-bai-01', ward: WARD, name: 'Kiosk 1', secretHash: sha256Hex(SECRET), enrolledAt: Date.now() }).then(() => undefined));
    const port = await freePort();
    let hub: Awaited<ReturnType<typeof startChild>> | null = null;
    let k: Client | null = null;
    const submitted = () => (province.store.db.prepare('SELECT COUNT(*) AS n FROM dossiers WHERE submitted = 1').get() as { n: number }).n;
    try {
      hub = await startChild(dbUrl, cfg, port);
      k = await connect(hub.url);
      const codes: string[] = [];
      for (let i = 1; i <= N; i++) {
        const item = { id: `9a8b7c6d-5e4f-4a3b-8c2d-${String(i).padStart(12, '0')}`, code: `${WARD}-261206-1${String(i).padStart(3, '0')}`, serviceCode: '1.001193', submittedAt: Date.now(), answers: { declarantName: 'Phạm Văn C' } };
        codes.push(item.code);
        k.send({ type: 'outbox.deliver', item });
        await k.type('outbox.ack', 5000);
      }
      // kill while hand-offs are in flight (some created, not all submitted)
      await until(() => province.counters.creates >= 2, 'two creates', 10_000);
      expect(submitted()).toBeLessThan(N);
      await killAndWait(hub.child.pid!, 'SIGKILL');
      await k.close().catch(() => undefined);
      hub = await startChild(dbUrl, cfg, port);
      await until(() => province.counters.creates >= 5 || submitted() >= 5, 'more progress', 15_000);
      await killAndWait(hub.child.pid!, 'SIGKILL');
      hub = await startChild(dbUrl, cfg, port);
      await until(() => submitted() === N, 'all submitted', 30_000);
      const byRef = province.store.db.prepare('SELECT reference_uid AS ref, COUNT(*) AS n FROM dossiers GROUP BY reference_uid ORDER BY reference_uid').all() as { ref: string; n: number }[];
      expect(byRef.map((x) => x.ref)).toEqual(codes);
      expect(byRef.every((x) => x.n === 1)).toBe(true);
      // each dossier has its e-form exactly once
      const files = province.store.db.prepare('SELECT dossier_id, COUNT(*) AS n FROM dossier_files GROUP BY dossier_id').all() as { n: number }[];
      expect(files).toHaveLength(N);
      expect(files.every((f) => f.n === 1)).toBe(true);
    } finally {
      await k?.close().catch(() => undefined);
      if (hub) await killAndWait(hub.child.pid!, 'SIGKILL').catch(() => undefined);
      await province.close();
    }
  }, 90_000);
});
