import { describe, expect, it } from 'vitest';
import { Admission } from '../../../hub/server/admission.ts';

const tick = () => new Promise((r) => setTimeout(r, 0));

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('admission of hellos (hub/server/admission.ts)', () => {
  it('never more than the limit at once; the rest wait in arrival order', async () => {
    const a = new Admission(3);
    const started: number[] = [];
    const gates = Array.from({ length: 10 }, () => deferred());
    let running = 0;
    let peak = 0;
    const all = gates.map((g, i) =>
      a.run(async () => {
        started.push(i);
        peak = Math.max(peak, ++running);
        await g.promise;
        running--;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1, 2]);
    expect(a.waiting).toBe(7);
    // Release out of order: the freed slots go to the oldest waiters.
    gates[2]!.resolve();
    gates[0]!.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    for (const g of gates) g.resolve();
    await Promise.all(all);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(peak).toBe(3);
    expect(a.active).toBe(0);
    expect(a.peakWaiting).toBe(7);
  });

  it('a freed slot goes to the waiter, not to a newcomer arriving in the same turn', async () => {
    const a = new Admission(1);
    const order: string[] = [];
    const g = deferred();
    const first = a.run(async () => {
      order.push('first');
      await g.promise;
    });
    const waiter = a.run(async () => void order.push('waiter'));
    await tick();
    g.resolve();
    await first; // the slot is handed over here; a newcomer now must queue behind the waiter
    const newcomer = a.run(async () => void order.push('newcomer'));
    await Promise.all([waiter, newcomer]);
    expect(order).toEqual(['first', 'waiter', 'newcomer']);
    expect(a.active).toBe(0);
  });

  it('a hello that throws releases its slot', async () => {
    const a = new Admission(1);
    await expect(a.run(async () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await a.run(async () => 42)).toBe(42);
    expect(a.active).toBe(0);
    expect(() => new Admission(0)).toThrow();
  });
});
