/**
 * The repository's security additions (issue 17) on SQLite and PostgreSQL: the
 * per-ward audit read in SQL (migration 6's `audit_log.ward`), user accounts'
 * must-change and disabled columns.
 */
import { describe, expect, it } from 'vitest';
import { openRepository } from '../../../hub/db/index.ts';
import { useDatabases } from './helpers.ts';

describe.each(useDatabases())('security repository on $name', (target) => {
  it('auditForWard: the ward’s newest rows and the reader’s own, never another ward’s', async () => {
    const repo = await openRepository(await target.newUrl());
    try {
      await repo.audit({ actor: 'kiosk:a-01', action: 'mine.old', target: null }, 1000, 'W1');
      for (let i = 0; i < 50; i++) await repo.audit({ actor: 'user:x', action: 'other', target: 'ward:W2' }, 2000 + i, 'W2');
      await repo.audit({ actor: 'ip:203.0.113.5', action: 'junk', target: null }, 3000, null);
      await repo.audit({ actor: 'user:reader', action: 'own', target: 'ward:W2' }, 4000, 'W2');
      await repo.audit({ actor: 'kiosk:a-01', action: 'mine.new', target: null }, 5000, 'W1');
      const rows = await repo.auditForWard('W1', 'user:reader', 10);
      expect(rows.map((r) => r.action)).toEqual(['mine.new', 'own', 'mine.old']);
      expect((await repo.auditForWard('W1', null, 1)).map((r) => r.action)).toEqual(['mine.new']);
      expect((await repo.listAudit({ ward: 'W2', limit: 1000 })).length).toBe(51);
    } finally {
      await repo.close();
    }
  });
});
