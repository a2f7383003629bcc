/**
 * Leases (issue 18): exactly one owner at a time among instances on one PostgreSQL; the owner's
 * death (its connection cut, its process killed with SIGKILL) hands the lease to another instance.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalLeases, type Leases } from '../../../../hub/cluster/lease.ts';
import { leaseKey, PgLeases } from '../../../../hub/cluster/pg-lease.ts';
import { startTestPostgres, type TestPostgres } from '../../../support/postgres.ts';

async function until(cond: () => boolean, ms = 5_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function track(leases: Leases, name: string): { events: string[] } {
  const t = { events: [] as string[] };
  leases.hold(name, { onAcquire: () => t.events.push('acquire'), onLose: () => t.events.push('lose') });
  return t;
}

describe('LocalLeases', () => {
  it('owns every lease it holds until released or closed', async () => {
    const l = new LocalLeases();
    const a = track(l, 'fleet.sweep');
    const b = track(l, 'alerts.mail');
    expect(l.isOwner('fleet.sweep')).toBe(false); // a microtask later, like the real one
    await until(() => l.isOwner('fleet.sweep') && l.isOwner('alerts.mail'));
    expect(() => track(l, 'fleet.sweep')).toThrow(/already held/);
    expect(() => track(l, 'Bad name')).toThrow(/bad name/);
    await l.release('fleet.sweep');
    expect(a.events).toEqual(['acquire', 'lose']);
    await l.close();
    expect(b.events).toEqual(['acquire', 'lose']);
  });
});

describe('PgLeases', () => {
  let server: TestPostgres;
  let url: string;
  const open: Leases[] = [];
  const start = (id: string) => {
    const l = new PgLeases({ url, instanceId: id, retryMs: 100 });
    open.push(l);
    return l;
  };

  beforeAll(async () => {
    server = await startTestPostgres();
    url = await server.newDatabase();
  }, 60_000);
  afterAll(async () => {
    for (const l of open) await l.close();
    await server?.stop();
  }, 30_000);

  it('lease keys are stable int4 values', () => {
    expect(leaseKey('fleet.sweep')).toBe(leaseKey('fleet.sweep'));
    expect(leaseKey('fleet.sweep')).not.toBe(leaseKey('fleet.sweep2'));
    expect(Number.isInteger(leaseKey('x')) && Math.abs(leaseKey('x')) < 2 ** 31).toBe(true);
  });

  it('one owner among three; the owner cut off loses it and another takes over', async () => {
    const ls = [start('hub-a'), start('hub-b'), start('hub-c')];
    const ts = ls.map((l) => track(l, 'fleet.sweep'));
    await until(() => ls.some((l) => l.isOwner('fleet.sweep')), 5_000, 'an owner');
    await new Promise((r) => setTimeout(r, 400)); // several retries: nobody else may acquire
    expect(ls.filter((l) => l.isOwner('fleet.sweep'))).toHaveLength(1);
    expect(ts.flatMap((t) => t.events)).toEqual(['acquire']);

    const i = ls.findIndex((l) => l.isOwner('fleet.sweep'));
    const owner = ls[i] as PgLeases;
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const cutAt = Date.now();
    await c.query('SELECT pg_terminate_backend($1)', [owner.backendPid()]);
    await c.end();
    await until(() => ts[i]!.events.includes('lose'), 5_000, 'the cut owner losing');
    await until(() => ls.some((l, j) => j !== i && l.isOwner('fleet.sweep')), 5_000, 'a new owner');
    expect(Date.now() - cutAt).toBeLessThan(2_000);
    // The cut instance tries again but the lease is taken: still exactly one owner.
    await new Promise((r) => setTimeout(r, 400));
    expect(ls.filter((l) => l.isOwner('fleet.sweep'))).toHaveLength(1);

    // Closing the owner hands it on too.
    const j = ls.findIndex((l) => l.isOwner('fleet.sweep'));
    await ls[j]!.close();
    await until(() => ls.some((l, k) => k !== j && l.isOwner('fleet.sweep')), 5_000, 'a third owner');
  });

  it('release gives the lease up; different names are owned independently', async () => {
    const a = start('hub-r1');
    const b = start('hub-r2');
    const ta = track(a, 'retention');
    await until(() => a.isOwner('retention'));
    const tb = track(b, 'retention');
    track(b, 'province.poll');
    await until(() => b.isOwner('province.poll'));
    expect(b.isOwner('retention')).toBe(false);
    await a.release('retention');
    expect(ta.events).toEqual(['acquire', 'lose']);
    await until(() => b.isOwner('retention'), 5_000, 'b taking retention');
    expect(tb.events).toEqual(['acquire']);
  });

  it('the owner process killed with SIGKILL: another instance takes over', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'lease-holder.ts'), url, 'province.poll2'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    try {
      await until(() => out.includes('owner'), 15_000, 'the child owning the lease');
      const b = start('hub-survivor');
      const tb = track(b, 'province.poll2');
      await new Promise((r) => setTimeout(r, 300));
      expect(b.isOwner('province.poll2')).toBe(false);
      const killedAt = Date.now();
      child.kill('SIGKILL');
      await until(() => b.isOwner('province.poll2'), 5_000, 'takeover after kill -9');
      expect(Date.now() - killedAt).toBeLessThan(2_000);
      expect(tb.events).toEqual(['acquire']);
    } finally {
      child.kill('SIGKILL');
    }
  }, 30_000);
});
