/**
 * The pairing limits (hub/security/pairing-limits.ts) counted in memory (one instance) and in the
 * shared `rate_limits` table (several instances) follow the same rules — the shared one on SQLite
 * and PostgreSQL: requests per minute per address and kind, Retry-After, wrong codes locking a key
 * for `lockMs`, a new window after `lockMs`, a right code clearing the count and the lock.
 */
import { describe, expect, it } from 'vitest';
import { openRepository } from '../../../hub/db/index.ts';
import { MemoryPairingLimits, SharedPairingLimits, type PairingLimits } from '../../../hub/security/pairing-limits.ts';
import { useDatabases } from './helpers.ts';

const dbs = useDatabases();
const T = 1_000_000;

async function sameRules(l: PairingLimits): Promise<void> {
  // Three requests a minute per address and kind; the other kind and another address count apart.
  expect([await l.hit('start', '10.0.0.1', 3, T), await l.hit('start', '10.0.0.1', 3, T + 1), await l.hit('start', '10.0.0.1', 3, T + 2)]).toEqual([true, true, true]);
  expect(await l.hit('start', '10.0.0.1', 3, T + 3)).toBe(false);
  expect(await l.hit('poll', '10.0.0.1', 3, T + 3)).toBe(true);
  expect(await l.hit('start', '10.0.0.2', 3, T + 3)).toBe(true);
  expect(await l.retryAfterSec('start', '10.0.0.1', T + 20_000)).toBe(40);
  expect(await l.hit('start', '10.0.0.1', 3, T + 60_000)).toBe(true); // a new minute
  // Wrong codes: the third within lockMs locks both keys; another account is free.
  const keys = ['user:u1', 'ip:10.0.0.1'];
  await l.fail(keys, T, 3, 600_000);
  await l.fail(keys, T + 1, 3, 600_000);
  expect(await l.lockedUntil(keys, T + 2)).toBe(0);
  await l.fail(keys, T + 2, 3, 600_000);
  expect(await l.lockedUntil(['user:u1'], T + 3)).toBe(T + 2 + 600_000);
  expect(await l.lockedUntil(['ip:10.0.0.1', 'user:u2'], T + 3)).toBe(T + 2 + 600_000);
  expect(await l.lockedUntil(['user:u2'], T + 3)).toBe(0);
  expect(await l.lockedUntil(keys, T + 2 + 600_000)).toBe(0); // the lock ran out
  // Failures older than lockMs start a new count; a right code clears count and lock.
  await l.fail(['user:u3'], T, 2, 1_000);
  await l.fail(['user:u3'], T + 5_000, 2, 1_000);
  expect(await l.lockedUntil(['user:u3'], T + 5_001)).toBe(0);
  await l.fail(['user:u3'], T + 5_002, 2, 1_000);
  expect(await l.lockedUntil(['user:u3'], T + 5_003)).toBe(T + 6_002);
  await l.clear(['user:u3']);
  expect(await l.lockedUntil(['user:u3'], T + 5_004)).toBe(0);
  await l.fail(['user:u3'], T + 5_005, 2, 1_000);
  expect(await l.lockedUntil(['user:u3'], T + 5_006)).toBe(0);
}

describe('pairing limits', () => {
  it('in memory (one instance)', async () => {
    await sameRules(new MemoryPairingLimits());
  });

  it.each(dbs)('shared in rate_limits on $name', async (db) => {
    const repo = await openRepository(await db.newUrl());
    try {
      await sameRules(new SharedPairingLimits(repo.driver));
    } finally {
      await repo.close();
    }
  });
});
