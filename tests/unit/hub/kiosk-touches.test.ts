/**
 * Kiosks' last-seen times written in batches (hub/server/kiosk-touches.ts), on SQLite and PostgreSQL:
 * one statement for many hellos, every kiosk's time written, nothing written when nothing is pending.
 */
import { describe, expect, it } from 'vitest';
import { openRepository } from '../../../hub/db/index.ts';
import { KioskTouches } from '../../../hub/server/kiosk-touches.ts';
import { useDatabases } from './helpers.ts';

const targets = useDatabases();

describe.each(targets)('kiosk last-seen batches on $name', (target) => {
  it('1,200 hellos → 3 statements (500 a time), each kiosk stamped with the flush time; repeated ids once', async () => {
    const repo = await openRepository(await target.newUrl());
    let clock = 1_000;
    const touches = new KioskTouches(repo.driver, () => clock, 3_600_000); // flushed by hand here
    try {
      const ids = Array.from({ length: 1200 }, (_, i) => `kiosk-${String(i).padStart(4, '0')}`);
      for (const id of ids) await repo.insertKiosk({ id, ward: 'w1', name: id, secretHash: 'aa', enrolledAt: 1 });
      for (const id of ids) touches.touch(id);
      touches.touch(ids[0]!); // a second hello of the same kiosk
      clock = 5_000;
      await touches.flush();
      expect(touches.statements).toBe(3);
      for (const id of [ids[0]!, ids[499]!, ids[500]!, ids[1199]!]) expect((await repo.getKiosk(id))?.lastSeenAt).toBe(5_000);
      await touches.flush(); // nothing pending: no statement
      expect(touches.statements).toBe(3);
      touches.touch(ids[7]!);
      clock = 9_000;
      await touches.close(); // close flushes
      expect(touches.statements).toBe(4);
      expect((await repo.getKiosk(ids[7]!))?.lastSeenAt).toBe(9_000);
      expect((await repo.getKiosk(ids[8]!))?.lastSeenAt).toBe(5_000);
    } finally {
      await touches.close();
      await repo.close();
    }
  });
});
