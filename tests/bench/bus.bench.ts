/**
 * `npm run --silent bench:bus [-- --messages N --rate R --instances I]`: the cluster bus between hub
 * instances (issue 18) on a throwaway PostgreSQL — figures for the choice of LISTEN/NOTIFY
 * (docs/cluster.md, docs/scale.md). Every instance is a PgBus with its own connections, in this
 * process (same clock: publish and delivery times compare directly). One JSON line on stdout:
 *   {"instances","messages","rate",
 *    "crossInstanceMs":{"p50","p95","p99","max"},   publish() called on instance 0 → handler on instance 1
 *    "selfMs":{"p50","p95"},                          the same message back on instance 0
 *    "spillMs":{"p50","p95"},                         20 kB messages (through the spill table), cross-instance
 *    "burstPerSecond"}                                 N messages published at once, all delivered everywhere
 * Paced: `rate` messages per second (default 500) spread evenly. Bounded: N ≤ 100 000.
 */
import { PgBus } from '../../hub/cluster/pg-bus.ts';
import { startTestPostgres } from '../support/postgres.ts';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = Math.max(100, Math.min(100_000, arg('--messages', 5_000)));
const RATE = Math.max(1, Math.min(20_000, arg('--rate', 500)));
const INSTANCES = Math.max(2, Math.min(8, arg('--instances', 3)));

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]! * 100) / 100;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const server = await startTestPostgres();
  const buses: PgBus[] = [];
  try {
    const url = await server.newDatabase();
    for (let i = 0; i < INSTANCES; i++) buses.push(await PgBus.start({ url, instanceId: `bench-${i}` }));
    const [a, b] = [buses[0]!, buses[1]!];
    const cross: number[] = [];
    const self: number[] = [];
    const spill: number[] = [];
    const sentAt = new Map<number, number>();
    b.subscribe('bench.paced', (m) => {
      const t = sentAt.get((m as { n: number }).n);
      if (t !== undefined) cross.push(performance.now() - t);
    });
    a.subscribe('bench.paced', (m) => {
      const t = sentAt.get((m as { n: number }).n);
      if (t !== undefined) self.push(performance.now() - t);
    });
    // Warm-up.
    for (let n = 0; n < 50; n++) await a.publish('bench.warm', { n });

    const gap = 1000 / RATE;
    const t0 = performance.now();
    for (let n = 0; n < N; n++) {
      const due = t0 + n * gap;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      sentAt.set(n, performance.now());
      void a.publish('bench.paced', { n, kiosk: `k-${n % 10_000}`, state: 'online', at: Date.now() });
    }
    const until = Date.now() + 30_000;
    while ((cross.length < N || self.length < N) && Date.now() < until) await sleep(20);

    const spillAt = new Map<number, number>();
    b.subscribe('bench.spill', (m) => {
      const t = spillAt.get((m as { n: number }).n);
      if (t !== undefined) spill.push(performance.now() - t);
    });
    const blob = 'x'.repeat(20_000);
    for (let n = 0; n < 100; n++) {
      spillAt.set(n, performance.now());
      await a.publish('bench.spill', { n, blob });
      await sleep(5);
    }
    while (spill.length < 100 && Date.now() < until) await sleep(20);

    let burstGot = 0;
    for (const bus of buses) bus.subscribe('bench.burst', () => burstGot++);
    const burstStart = performance.now();
    await Promise.all(Array.from({ length: N }, (_, n) => (buses[n % INSTANCES] as PgBus).publish('bench.burst', { n })));
    while (burstGot < N * INSTANCES && Date.now() < until + 30_000) await sleep(5);
    const burstSeconds = (performance.now() - burstStart) / 1000;

    process.stdout.write(
      `${JSON.stringify({
        instances: INSTANCES,
        messages: N,
        rate: RATE,
        crossInstanceMs: { p50: pct(cross, 50), p95: pct(cross, 95), p99: pct(cross, 99), max: pct(cross, 100) },
        selfMs: { p50: pct(self, 50), p95: pct(self, 95) },
        spillMs: { p50: pct(spill, 50), p95: pct(spill, 95) },
        delivered: { cross: cross.length, self: self.length, spill: spill.length, burst: burstGot },
        burstPerSecond: Math.round(N / burstSeconds),
      })}\n`,
    );
  } finally {
    for (const bus of buses) await bus.close();
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`bench:bus failed: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
