/**
 * Issue 18: SQLite serves one hub instance — a second hub on the same SQLite file is refused with a
 * clear message (in process and as `hub/main.ts`), and a hub that stopped (or died) frees the file.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SecondInstanceError } from '../../../../hub/cluster/index.ts';
import { buildHub } from '../../../../hub/server/app.ts';
import { ROOT, tempDir } from '../../../support/paths.ts';
import { rmSync } from 'node:fs';

const dir = tempDir('single-instance');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('one hub per SQLite database', () => {
  it('refuses a second hub on the same file, takes it again once the first closed', async () => {
    const db = `sqlite:${path.join(dir, 'a.sqlite')}`;
    const first = await buildHub({ db });
    try {
      const second = buildHub({ db });
      await expect(second).rejects.toBeInstanceOf(SecondInstanceError);
      await expect(second).rejects.toThrow(/Another hub is already running on the SQLite database .*a\.sqlite.*PostgreSQL/s);
      // Another file is fine.
      const other = await buildHub({ db: `sqlite:${path.join(dir, 'b.sqlite')}` });
      await other.close();
    } finally {
      await first.close();
    }
    const again = await buildHub({ db });
    await again.close();
  });

  it('hub/main.ts started on a file a hub is using exits with the message, before opening the database', async () => {
    const file = path.join(dir, 'c.sqlite');
    const first = await buildHub({ db: `sqlite:${file}` });
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'hub/main.ts', '--port', '0', '--db', `sqlite:${file}`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      let out = '';
      child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
      child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(3);
      expect(err).toContain('Another hub is already running on the SQLite database');
      expect(err).toContain('Một hub khác đang chạy');
      expect(out).not.toContain('hub: http');
    } finally {
      await first.close();
    }
  }, 30_000);

  it('a hub killed with SIGKILL does not block the next start', async () => {
    const file = path.join(dir, 'd.sqlite');
    const child = spawn(process.execPath, ['--import', 'tsx', 'hub/main.ts', '--port', '0', '--db', `sqlite:${file}`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const until = Date.now() + 20_000;
    while (!out.includes('hub: http') && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(out).toContain('hub: http');
    await expect(buildHub({ db: `sqlite:${file}` })).rejects.toBeInstanceOf(SecondInstanceError);
    child.kill('SIGKILL');
    await exited;
    const next = await buildHub({ db: `sqlite:${file}` });
    await next.close();
  }, 30_000);
});
