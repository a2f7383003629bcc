/**
 * The hub repository, the same tests on SQLite and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toDollarParams } from '../../../hub/db/driver.ts';
import { openRepository } from '../../../hub/db/index.ts';
import type { HubRepository } from '../../../hub/db/repository.ts';
import { useDatabases } from './helpers.ts';

const targets = useDatabases();

async function withRepo(url: string, fn: (repo: HubRepository) => Promise<void>): Promise<void> {
  const repo = await openRepository(url);
  try {
    await fn(repo);
  } finally {
    await repo.close();
  }
}

it('translates ? placeholders for PostgreSQL', () => {
  expect(toDollarParams('SELECT * FROM t WHERE a = ? AND b IN (?, ?)')).toBe('SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)');
});

describe.each(targets)('repository on $name', (target) => {
  it('migrates once: opening the same database again keeps the data', async () => {
    const url = await target.newUrl();
    await withRepo(url, async (repo) => {
      expect(repo.dialect).toBe(target.name);
      await repo.audit({ actor: 'hub', action: 'first' });
    });
    await withRepo(url, async (repo) => {
      await repo.migrate();
      expect((await repo.listAudit()).map((a) => a.action)).toEqual(['first']);
    });
  });

  it('users: unique usernames, languages, availability', async () => {
    await withRepo(await target.newUrl(), async (repo) => {
      const u = await repo.createUser({ id: randomUUID(), username: 'tnv1', displayName: 'Lan', passwordHash: 'x', role: 'volunteer', ward: 'w1', languages: ['vi', 'en'] });
      await expect(repo.createUser({ ...u, id: randomUUID() })).rejects.toThrow();
      await repo.setUserAvailable(u.id, true);
      const back = await repo.getUserByUsername('tnv1');
      expect(back).toMatchObject({ id: u.id, role: 'volunteer', ward: 'w1', languages: ['vi', 'en'], available: true });
      expect(typeof back!.createdAt).toBe('number');
      expect(await repo.getUser('nobody')).toBeNull();
    });
  });

  it('sessions expire and are swept', async () => {
    await withRepo(await target.newUrl(), async (repo) => {
      const u = await repo.createUser({ id: randomUUID(), username: 'canbo', displayName: 'Hà', passwordHash: 'x', role: 'staff', ward: 'w1', languages: ['vi'] });
      await repo.createSession('h1', u.id, 1000, 2000);
      await repo.createSession('h2', u.id, 1000, 9000);
      expect(await repo.getSession('h1', 1999)).toEqual({ userId: u.id, expiresAt: 2000 });
      expect(await repo.getSession('h1', 2000)).toBeNull();
      expect(await repo.deleteExpiredSessions(5000)).toBe(1);
      await repo.deleteSession('h2');
      expect(await repo.getSession('h2', 1000)).toBeNull();
    });
  });

  it('enrolment codes are one-time and expire; kiosk ids are unique', async () => {
    await withRepo(await target.newUrl(), async (repo) => {
      await repo.createEnrolmentCode({ codeHash: 'c1', ward: 'w1', createdBy: 'u', createdAt: 0, expiresAt: 1000 });
      await repo.createEnrolmentCode({ codeHash: 'c2', ward: 'w1', createdBy: 'u', createdAt: 0, expiresAt: 1000 });
      expect(await repo.consumeEnrolmentCode('c2', 'k-1', 1000)).toBeNull(); // expired at 1000
      const [a, b] = await Promise.all([repo.consumeEnrolmentCode('c1', 'k-1', 500), repo.consumeEnrolmentCode('c1', 'k-2', 500)]);
      expect([a, b].filter(Boolean)).toEqual([{ ward: 'w1' }]);
      expect(await repo.consumeEnrolmentCode('nope', 'k-1', 500)).toBeNull();
      expect(await repo.insertKiosk({ id: 'k-1', ward: 'w1', name: 'K1', secretHash: 'aa', enrolledAt: 1 })).toBe(true);
      expect(await repo.insertKiosk({ id: 'k-1', ward: 'w2', name: 'K1b', secretHash: 'bb', enrolledAt: 2 })).toBe(false);
      await repo.touchKiosk('k-1', 77);
      expect(await repo.getKiosk('k-1')).toMatchObject({ ward: 'w1', secretHash: 'aa', lastSeenAt: 77 });
    });
  });

  it('help requests: conditional transitions let exactly one accept win', async () => {
    await withRepo(await target.newUrl(), async (repo) => {
      await repo.insertKiosk({ id: 'k-1', ward: 'w1', name: 'K1', secretHash: 'aa', enrolledAt: 1 });
      const ids = await Promise.all(
        ['v1', 'v2', 'v3'].map((n) => repo.createUser({ id: randomUUID(), username: n, displayName: n, passwordHash: 'x', role: 'volunteer', ward: 'w1', languages: ['vi'] })),
      );
      const id = randomUUID();
      await repo.insertRequest({ id, kioskId: 'k-1', ward: 'w1', lang: 'vi', screen: 'welcome', createdAt: 10 });
      expect(await repo.transition(id, ['waiting'], 'ringing', 11, { firstRungAt: 11 })).toBe(true);
      const wins = await Promise.all(ids.map((u) => repo.transition(id, ['waiting', 'ringing'], 'accepted', 12, { acceptedAt: 12, acceptedBy: u.id })));
      expect(wins.filter(Boolean)).toHaveLength(1);
      const rec = await repo.getRequest(id);
      expect(rec).toMatchObject({ state: 'accepted', firstRungAt: 11, acceptedAt: 12, attempt: 1 });
      expect(ids.map((u) => u.id)).toContain(rec!.acceptedBy);
      expect((await repo.listRequestsInStates(['accepted'])).map((r) => r.id)).toEqual([id]);
      expect(await repo.transition(id, ['accepted'], 'ended', 20, { endedAt: 20, endedBy: 'volunteer', note: 'ok' })).toBe(true);
      expect(await repo.transition(id, ['accepted'], 'ended', 21)).toBe(false);
      expect(await repo.callsByVolunteer(rec!.acceptedBy!, 10)).toMatchObject([{ id, state: 'ended', note: 'ok', endedBy: 'volunteer' }]);
    });
  });

  it('call-backs: the phone number is gone once done', async () => {
    await withRepo(await target.newUrl(), async (repo) => {
      await repo.insertKiosk({ id: 'k-1', ward: 'w1', name: 'K1', secretHash: 'aa', enrolledAt: 1 });
      const rid = randomUUID();
      await repo.insertRequest({ id: rid, kioskId: 'k-1', ward: 'w1', lang: 'vi', screen: 'welcome', createdAt: 10 });
      const cb = { id: randomUUID(), requestId: rid, kioskId: 'k-1', ward: 'w1', lang: 'vi' as const, phone: '0912 345 678', createdAt: 11 };
      await repo.insertCallback(cb);
      expect(await repo.listCallbacks('w1')).toEqual([cb]);
      expect(await repo.listCallbacks('w2')).toEqual([]);
      expect(await repo.deleteCallback(cb.id)).toBe(true);
      expect(await repo.getCallback(cb.id)).toBeNull();
      expect(await repo.listCallbacks(null)).toEqual([]);
    });
  });

  it('audit log: newest first, filtered, bounded field lengths', async () => {
    await withRepo(await target.newUrl(), async (repo) => {
      await repo.audit({ actor: 'user:tnv1', action: 'login.ok' }, 1);
      await repo.audit({ actor: 'ip:127.0.0.1', action: 'login.failed', target: 'user:x', detail: 'd'.repeat(1000) }, 2);
      const all = await repo.listAudit();
      expect(all.map((a) => a.action)).toEqual(['login.failed', 'login.ok']);
      expect(all[0]!.detail!.length).toBe(300);
      expect(await repo.listAudit({ action: 'login.ok' })).toMatchObject([{ actor: 'user:tnv1', at: 1, target: null }]);
    });
  });
});
