/**
 * Hubs for end-to-end tests: a fresh SQLite file with the demo users, and the
 * consoles built once (they are served by the hub from dist/consoles).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { openRepository } from '../../hub/db/index.ts';
import { seedUsers } from '../unit/hub/helpers.ts';
import { ROOT, tempDir } from './paths.ts';

/** A new SQLite hub database in a temp folder, migrated, with the demo users. */
export async function seededSqlite(label: string): Promise<{ url: string; file: string }> {
  const file = path.join(tempDir(label), 'hub.sqlite');
  const repo = await openRepository(`sqlite:${file}`);
  await seedUsers(repo);
  await repo.close();
  return { url: `sqlite:${file}`, file };
}

/** Builds the volunteer and staff consoles unless dist/consoles already has them. */
export function ensureConsolesBuilt(): void {
  const built = ['volunteer', 'staff'].every((c) => {
    const html = path.join(ROOT, 'dist', 'consoles', c, 'index.html');
    return existsSync(html) && readFileSync(html, 'utf8').includes('<script type="module"');
  });
  if (built) return;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'consoles/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', timeout: 120_000 });
}
