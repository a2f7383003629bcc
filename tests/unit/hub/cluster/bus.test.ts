/**
 * The cluster bus (issue 18): LocalBus for one instance, PgBus between instances on a throwaway
 * PostgreSQL — delivery to every instance (the publisher included), order per publisher, large
 * messages through the spill table, bad notifications refused, a lost listener coming back with a gap.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalBus, type ClusterBus } from '../../../../hub/cluster/bus.ts';
import { BUS_CHANNEL, PgBus } from '../../../../hub/cluster/pg-bus.ts';
import { startTestPostgres, type TestPostgres } from '../../../support/postgres.ts';

async function until(cond: () => boolean, ms = 5_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function collect(bus: ClusterBus, topic: string): { msg: unknown; from: string }[] {
  const got: { msg: unknown; from: string }[] = [];
  bus.subscribe(topic, (msg, from) => got.push({ msg, from }));
  return got;
}

describe('LocalBus', () => {
  it('delivers to its own subscribers, later, in order, as a copy', async () => {
    const bus = new LocalBus('hub-a');
    const got = collect(bus, 'fleet.status');
    const other = collect(bus, 'help.ring');
    const msg = { kiosk: 'k1', n: 0 };
    const p = bus.publish('fleet.status', msg);
    expect(got).toHaveLength(0); // never synchronous
    await p;
    for (let n = 1; n < 5; n++) await bus.publish('fleet.status', { kiosk: 'k1', n });
    await until(() => got.length === 5);
    expect(got.map((g) => (g.msg as { n: number }).n)).toEqual([0, 1, 2, 3, 4]);
    expect(got[0]!.from).toBe('hub-a');
    expect(got[0]!.msg).not.toBe(msg);
    expect(other).toHaveLength(0);
    await bus.close();
  });

  it('stops delivering after unsubscribe; refuses bad topics and non-JSON', async () => {
    const bus = new LocalBus();
    const got: unknown[] = [];
    const off = bus.subscribe('t', (m) => got.push(m));
    await bus.publish('t', 1);
    await until(() => got.length === 1);
    off();
    await bus.publish('t', 2);
    await new Promise((r) => setTimeout(r, 20));
    expect(got).toEqual([1]);
    await expect(bus.publish('Bad Topic', 1)).rejects.toThrow(/bad topic/);
    await expect(bus.publish('t', undefined)).rejects.toThrow(/not JSON/);
    await bus.close();
    await expect(bus.publish('t', 3)).rejects.toThrow(/closed/);
  });

  it('a throwing handler does not stop the others', async () => {
    const bus = new LocalBus();
    const got: unknown[] = [];
    bus.subscribe('t', () => {
      throw new Error('boom');
    });
    bus.subscribe('t', (m) => got.push(m));
    await bus.publish('t', 'x');
    await until(() => got.length === 1);
    await bus.close();
  });
});

describe('PgBus (two and three instances on one PostgreSQL)', () => {
  let server: TestPostgres;
  let url: string;
  const open: ClusterBus[] = [];
  const start = async (id: string) => {
    const b = await PgBus.start({ url, instanceId: id, reconnectMs: 50 });
    open.push(b);
    return b;
  };

  beforeAll(async () => {
    server = await startTestPostgres();
    url = await server.newDatabase();
  }, 60_000);
  afterAll(async () => {
    for (const b of open) await b.close();
    await server?.stop();
  }, 30_000);

  it('delivers to every instance, the publisher included, in publish order per publisher', async () => {
    const [a, b, c] = [await start('hub-a'), await start('hub-b'), await start('hub-c')];
    const onA = collect(a, 'order');
    const onB = collect(b, 'order');
    const onC = collect(c, 'order');
    // Not awaited one by one: the publisher batches them and must still keep the order.
    const sends: Promise<void>[] = [];
    for (let n = 0; n < 300; n++) {
      sends.push(a.publish('order', { p: 'a', n }));
      sends.push(b.publish('order', { p: 'b', n }));
    }
    await Promise.all(sends);
    await until(() => onA.length === 600 && onB.length === 600 && onC.length === 600, 10_000, 'all 600 on each');
    for (const got of [onA, onB, onC]) {
      for (const p of ['a', 'b']) {
        const seq = got.filter((g) => (g.msg as { p: string }).p === p).map((g) => (g.msg as { n: number }).n);
        expect(seq).toEqual([...Array(300).keys()]);
      }
      expect(new Set(got.filter((g) => (g.msg as { p: string }).p === 'a').map((g) => g.from))).toEqual(new Set(['hub-a']));
    }
    // Identical messages are not folded into one (PostgreSQL folds identical NOTIFYs of one transaction).
    const same = collect(c, 'same');
    await Promise.all([a.publish('same', { x: 1 }), a.publish('same', { x: 1 }), a.publish('same', { x: 1 })]);
    await until(() => same.length === 3, 5_000, '3 identical');
  });

  it('carries a message over NOTIFY’s 8000-byte limit through the spill table, in order', async () => {
    const a = await start('hub-big-a');
    const b = await start('hub-big-b');
    const got = collect(b, 'big');
    const big = { blob: 'ư'.repeat(20_000) }; // 40 kB of UTF-8
    await Promise.all([a.publish('big', { n: 1 }), a.publish('big', big), a.publish('big', { n: 3 })]);
    await until(() => got.length === 3, 5_000, 'three messages');
    expect(got[0]!.msg).toEqual({ n: 1 });
    expect(got[1]!.msg).toEqual(big);
    expect(got[2]!.msg).toEqual({ n: 3 });
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const rows = await c.query('SELECT count(*)::int AS n FROM cluster_bus_spill');
    await c.end();
    expect(rows.rows[0].n).toBe(1);
  });

  it('ignores notifications that are not bus messages, and topics nobody here subscribed to', async () => {
    const a = await start('hub-bad-a');
    const got = collect(a, 'fine');
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`SELECT pg_notify('${BUS_CHANNEL}', $1)`, ['not json']);
    await c.query(`SELECT pg_notify('${BUS_CHANNEL}', $1)`, [JSON.stringify({ i: 'x', n: 1, t: 'BAD TOPIC', m: 1 })]);
    await c.query(`SELECT pg_notify('${BUS_CHANNEL}', $1)`, [JSON.stringify({ i: 'x', n: -1, t: 'fine', m: 1 })]);
    await c.query(`SELECT pg_notify('${BUS_CHANNEL}', $1)`, [JSON.stringify({ i: 'x', n: 2, t: 'fine', m: 'ok' })]);
    await c.end();
    await until(() => got.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(got).toEqual([{ msg: 'ok', from: 'x' }]);
  });

  it('a listener cut off comes back, says there was a gap, and hears the bus again', async () => {
    const a = await start('hub-cut-a');
    const b = (await start('hub-cut-b')) as PgBus;
    const got = collect(b, 'after');
    let gaps = 0;
    b.onGap(() => gaps++);
    const pid = b.listenerPid();
    expect(pid).toBeGreaterThan(0);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query('SELECT pg_terminate_backend($1)', [pid]);
    await c.end();
    await until(() => gaps === 1, 5_000, 'the gap');
    expect(b.listenerPid()).not.toBe(pid);
    await a.publish('after', 'again');
    await until(() => got.length === 1, 5_000, 'delivery after reconnect');
  });
});
