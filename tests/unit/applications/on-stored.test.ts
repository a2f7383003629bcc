/**
 * The hub's applications wing: `hub.applications.onStored(listener)` is called once per
 * application stored (after its ack), never for a replay; a failing listener neither loses the
 * application nor stops the ack; unsubscribing stops the calls. SQLite and PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import type { StoredApplication } from '../../../hub/applications/applications.ts';
import { enrolKiosk, kioskClient, login, seededDb, startHub, useDatabases, WARD, type Client } from '../fleet/helpers.ts';

const targets = useDatabases();

describe.each(targets)('applications.onStored on $name', (target) => {
  it('fires once per stored application, not for replays; a throwing listener changes nothing', async () => {
    const r = await startHub(await seededDb(target));
    let k: Client | undefined;
    try {
      const cookie = await login(r, 'canbo');
      const secret = await enrolKiosk(r, 'hang-bai-01', cookie);
      k = await kioskClient(r, 'hang-bai-01', secret);
      const seen: StoredApplication[] = [];
      r.hub.applications.onStored((a) => {
        seen.push(a);
      });
      const off = r.hub.applications.onStored(() => {
        throw new Error('a listener that fails');
      });
      const item = { id: '3f0c7a52-1d4b-4b6e-9a43-0f2d8c1e5b71', code: `${WARD}-251206-1001`, serviceCode: '1.001193', submittedAt: Date.now(), answers: { childName: 'Lê Văn Bình' } };
      k.send({ type: 'outbox.deliver', item });
      expect((await k.type('outbox.ack')).duplicate).toBe(false);
      k.send({ type: 'outbox.deliver', item });
      expect((await k.type('outbox.ack')).duplicate).toBe(true);
      await r.hub.applications.settled();
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ id: item.id, code: item.code, ward: WARD, kioskId: 'hang-bai-01', serviceCode: '1.001193', answers: item.answers });
      expect(seen[0]!.receivedAt).toBeGreaterThan(0);
      off();
      const second = { ...item, id: '3f0c7a52-1d4b-4b6e-9a43-0f2d8c1e5b72', code: `${WARD}-251206-1002` };
      k.send({ type: 'outbox.deliver', item: second });
      expect((await k.type('outbox.ack')).duplicate).toBe(false);
      await r.hub.applications.settled();
      expect(seen.map((a) => a.code)).toEqual([item.code, second.code]);
      expect(await r.hub.applications.store.countApplications()).toBe(2);
    } finally {
      await k?.close();
      await r.hub.close();
    }
  });
});
