/**
 * The province outbox across hub instances (issue 18): applications delivered on any instance are
 * handed to the province once each, by the one instance that owns the lease `province.outbox`; when
 * the owner goes, another instance takes the work over.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRepository } from '../../../../hub/db/index.ts';
import { PROVINCE_LEASE } from '../../../../hub/province/link.ts';
import { buildProvince, DEFAULT_GROUP, DEFAULT_USER, type Province } from '../../../../province/server.ts';
import { startTestPostgres, type TestPostgres } from '../../../support/postgres.ts';
import { enrolKiosk, kioskClient, login, seedUsers, startHub, until, WARD, type Running } from '../../fleet/helpers.ts';

const SERVICE = '1.001193';
let server: TestPostgres;
let province: Province;
beforeAll(async () => {
  server = await startTestPostgres();
  province = await buildProvince({ services: { [SERVICE]: 'Đăng ký khai sinh' }, agencies: { [WARD]: 'UBND phường' } });
}, 60_000);
afterAll(async () => {
  await province?.close();
  await server?.stop();
}, 30_000);

function item(n: number) {
  return {
    id: `7d1e2f30-4a5b-4c6d-8e9f-${n.toString(16).padStart(12, '0')}`,
    code: `${WARD}-261207-1${String(n).padStart(3, '0')}`,
    serviceCode: SERVICE,
    submittedAt: Date.now(),
    answers: { declarantName: 'Nguyễn Thị Hoa', declarantId: '001190000123', childName: 'Lê Minh Khang', postalAddress: '12 Hàng Bạc' } as Record<string, string>,
  };
}

describe('province outbox under a lease (PostgreSQL)', () => {
  it('hands each application over once, from the lease owner; another instance takes over', async () => {
    const url = await server.newDatabase();
    const repo = await openRepository(url);
    await seedUsers(repo);
    await repo.close();
    const { url: provinceUrl } = await province.start();
    const opts = {
      province: { kind: 'opencps' as const, url: provinceUrl, user: DEFAULT_USER.user, password: DEFAULT_USER.password, groupId: DEFAULT_GROUP, agencyCode: WARD, pollMs: 200 },
      provinceLink: { outbox: { baseDelayMs: 40, maxDelayMs: 300, tickMs: 30 } },
    };
    const a: Running = await startHub(url, opts);
    const b: Running = await startHub(url, opts);
    const hubs = [a, b];
    try {
      await until(() => hubs.some((h) => h.hub.cluster.leases.isOwner(PROVINCE_LEASE)), 'a lease owner');
      const owner = hubs.find((h) => h.hub.cluster.leases.isOwner(PROVINCE_LEASE))!;
      const other = hubs.find((h) => h !== owner)!;
      // The kiosk delivers on the instance that does not own the lease.
      const secret = await enrolKiosk(other, 'hang-bai-01', await login(other, 'canbo'));
      const k = await kioskClient(other, 'hang-bai-01', secret);
      for (let n = 1; n <= 3; n++) {
        k.send({ type: 'outbox.deliver', item: item(n) });
        await k.type('outbox.ack');
      }
      const submitted = () => (province.store.db.prepare('SELECT COUNT(*) AS n FROM dossiers WHERE submitted = 1').get() as { n: number }).n;
      await until(() => submitted() === 3, 'three dossiers submitted', 15_000);
      // The province stores the submission before its answer reaches the hub (which then asks the postage): wait for the hub's count.
      await until(() => owner.hub.province!.outbox.counters.submitted === 3, 'the owner counts three submitted');
      expect(other.hub.province!.outbox.counters.submitted).toBe(0);
      // The owner goes: the other instance owns the lease and hands over what comes next.
      await owner.hub.close();
      await until(() => other.hub.cluster.leases.isOwner(PROVINCE_LEASE), 'takeover', 10_000);
      k.send({ type: 'outbox.deliver', item: item(4) });
      await k.type('outbox.ack');
      await until(() => submitted() === 4, 'the fourth submitted by the survivor', 15_000);
      await until(() => other.hub.province!.outbox.counters.submitted === 1, 'the survivor counts the fourth submitted');
      const refs = province.store.db.prepare('SELECT reference_uid, COUNT(*) AS n FROM dossiers GROUP BY reference_uid').all() as { n: number }[];
      expect(refs.every((r) => r.n === 1)).toBe(true);
      await k.close();
    } finally {
      for (const h of hubs) await h.hub.close().catch(() => undefined);
    }
  }, 60_000);
});
