/**
 * A kiosk's last-seen time, written in batches (issue 18): each kiosk hello used to write its own
 * `UPDATE kiosks SET last_seen_at` before it was answered — during the reconnect rush after an
 * instance's death, thousands of single-row writes queued in the pool ahead of everything else.
 * Now a hello notes the kiosk here and one statement per second (`WHERE id IN (…)`, 500 ids at a
 * time) writes the time of that flush for all of them: last-seen is a record of when a kiosk was
 * last heard (nothing reads it to the second — live status is the fleet's, in memory); at most a
 * second late. Flushed on close.
 * Layer: hub (node).
 */
import type { SqlDriver } from '../db/driver.ts';

const CHUNK = 500;

export class KioskTouches {
  private pending = new Set<string>();
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  /** Statements written so far (tests, health). */
  statements = 0;

  constructor(
    private readonly sql: SqlDriver,
    private readonly now: () => number,
    everyMs = 1000,
  ) {
    this.timer = setInterval(() => void this.flush(), everyMs);
    this.timer.unref?.();
  }

  touch(kioskId: string): void {
    this.pending.add(kioskId);
  }

  /** Writes what is pending (one statement per 500 kiosks); resolves when written. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write()).catch((e: unknown) => {
      process.stderr.write(`${JSON.stringify({ event: 'hub.kiosk_touch_failed', error: (e as Error)?.name ?? 'Error' })}\n`);
    });
    return this.flushing;
  }

  private async write(): Promise<void> {
    if (this.pending.size === 0) return;
    const ids = [...this.pending];
    this.pending = new Set();
    const t = this.now();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const part = ids.slice(i, i + CHUNK);
      this.statements++;
      await this.sql.run(`UPDATE kiosks SET last_seen_at = ? WHERE id IN (${part.map(() => '?').join(', ')})`, [t, ...part]);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
