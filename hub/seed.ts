/**
 * Demo users: `tnv1`, `tnv2` (volunteers) and `canbo` (staff) of the demo
 * ward, with one printed demo password. Idempotent (existing users are kept).
 *
 *   node --import tsx hub/seed.ts [--db sqlite:FILE|postgres://…] [--password P]
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { HubLang, Role } from '../common/contract/hub-common.ts';
import { hashPassword } from './auth/crypto.ts';
import { openRepository } from './db/index.ts';
import type { HubRepository } from './db/repository.ts';

/** The demo ward: the receiving-agency code of kiosk-config/default.json. */
export const DEMO_WARD = '000.00.12.H29';
export const DEMO_PASSWORD = 'hotro-2468';

export const DEMO_USERS: { username: string; displayName: string; role: Role; ward: string | null; languages: HubLang[] }[] = [
  { username: 'tnv1', displayName: 'Nguyễn Thị Lan (TNV)', role: 'volunteer', ward: DEMO_WARD, languages: ['vi', 'en'] },
  { username: 'tnv2', displayName: 'Trần Văn Minh (TNV)', role: 'volunteer', ward: DEMO_WARD, languages: ['vi'] },
  { username: 'canbo', displayName: 'Lê Thu Hà (cán bộ)', role: 'staff', ward: DEMO_WARD, languages: ['vi'] },
];

/** Creates the demo users that do not exist yet; returns the usernames created. */
export async function seedDemo(repo: HubRepository, password = DEMO_PASSWORD, scryptN = 16384): Promise<string[]> {
  const created: string[] = [];
  for (const u of DEMO_USERS) {
    if (await repo.getUserByUsername(u.username)) continue;
    await repo.createUser({ id: randomUUID(), ...u, passwordHash: await hashPassword(password, scryptN) });
    created.push(u.username);
  }
  return created;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const repo = await openRepository(arg('--db') ?? 'sqlite:hub.sqlite');
  const password = arg('--password') ?? DEMO_PASSWORD;
  try {
    const created = await seedDemo(repo, password);
    process.stdout.write(`demo users: ${DEMO_USERS.map((u) => `${u.username} (${u.role})`).join(', ')}; created now: ${created.join(', ') || 'none'}\n`);
    process.stdout.write(`demo password: ${password}\n`);
  } finally {
    await repo.close();
  }
}
