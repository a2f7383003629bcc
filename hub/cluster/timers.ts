/**
 * A timer that runs on one instance of the cluster at a time: it runs while this instance owns the
 * lease `name` (started on acquire, stopped on lose), so when the owner dies another instance's
 * timer starts within the lease retry interval. Layer: hub (node).
 */
import type { Leases } from './lease.ts';

export interface LeasedTimer {
  /** Whether this instance runs it now. */
  running(): boolean;
  stop(): Promise<void>;
}

export function leasedInterval(
  leases: Leases,
  name: string,
  everyMs: number,
  run: () => unknown,
  opts: { immediately?: boolean } = {},
): LeasedTimer {
  let timer: NodeJS.Timeout | null = null;
  const tick = () => {
    try {
      const r = run();
      if (r instanceof Promise) r.catch(() => undefined);
    } catch {
      /* the job logs its own failures */
    }
  };
  leases.hold(name, {
    onAcquire: () => {
      if (timer) return;
      timer = setInterval(tick, everyMs);
      timer.unref?.();
      if (opts.immediately) tick();
    },
    onLose: () => {
      if (timer) clearInterval(timer);
      timer = null;
    },
  });
  return {
    running: () => timer !== null,
    stop: () => leases.release(name),
  };
}
