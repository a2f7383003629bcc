/**
 * Admission of kiosk hellos (issue 18): at most `limit` hellos of one instance are being
 * processed at a time; the others wait their turn in arrival order.
 *
 * A hello costs database round trips (the kiosk's record, its last-seen time, the ward's current
 * config, its pending commands) and a round trip to the help queue's owner over the bus. When an
 * instance dies, a third of the fleet says hello to the survivors within seconds; unpaced, those
 * hellos fill the connection pool's queue, and what the kiosks already connected there ask of the
 * database meanwhile (an application handed in, a help request stored by the queue's owner) waits
 * behind all of them. Admitted a few at a time, the hellos keep most of the pool free for those;
 * a heartbeat needs no database and never waits here.
 *
 * Fair: first come, first served; a slot that frees goes straight to the next waiter (a newcomer
 * cannot overtake it). Layer: hub (node).
 */
export class Admission {
  private running = 0;
  private readonly queue: (() => void)[] = [];
  /** Most waiting at once since start (for the health counters). */
  peakWaiting = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error('admission limit: a whole number ≥ 1');
  }

  get active(): number {
    return this.running;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** Runs `f` when a slot is free; the slot is released when it settles (also on a throw). */
  async run<T>(f: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await f();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.running < this.limit) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      this.queue.push(resolve);
      if (this.queue.length > this.peakWaiting) this.peakWaiting = this.queue.length;
    });
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next(); // the slot passes to the next waiter: `running` stays
    else this.running--;
  }
}
