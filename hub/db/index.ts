/**
 * Opens the hub's database from a `--db` value: `sqlite:FILE` (or a plain
 * path; `sqlite::memory:` for tests) or `postgres://…` / `postgresql://…`.
 * Migrations run before the repository is returned.
 */
import { PostgresDriver } from './postgres.ts';
import { SqlRepository, type HubRepository } from './repository.ts';
import { SqliteDriver } from './sqlite.ts';

export type { HubRepository } from './repository.ts';

export function describeDb(url: string): string {
  return /^postgres(ql)?:\/\//.test(url) ? url.replace(/\/\/[^@/]*@/, '//***@') : url;
}

export async function openRepository(url: string): Promise<HubRepository> {
  const driver = /^postgres(ql)?:\/\//.test(url) ? new PostgresDriver(url) : new SqliteDriver(url.replace(/^sqlite:/, ''));
  const repo = new SqlRepository(driver);
  try {
    await repo.migrate();
  } catch (e) {
    await repo.close().catch(() => undefined);
    throw e;
  }
  return repo;
}
