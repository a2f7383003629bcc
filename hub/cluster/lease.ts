/**
 * Leases (issue 18): a timer owner (offline sweep, alert mail, province poller, retention, help ring
 * timeouts, …) runs on exactly one instance at a time. `hold(name)` asks for the lease and keeps
 * asking: `onAcquire` when this instance becomes the owner (start the timer), `onLose` when it stops
 * being the owner (stop it). `LocalLeases` is the one-instance version (always the owner);
 * `PgLeases` (pg-lease.ts) uses session advisory locks on a dedicated PostgreSQL connection, so the
 * owner's death — process killed, connection gone — releases the lease and another instance takes
 * over within its retry interval.
 * Layer: hub (node).
 */
import { logBus } from './bus.ts';

export interface LeaseHandlers {
  onAcquire(): void;
  onLose(): void;
}

export interface Leases {
  /** Hold `name` whenever possible: onAcquire when this instance becomes owner, onLose when it stops being owner. */
  hold(name: string, handlers: LeaseHandlers): void;
  isOwner(name: string): boolean;
  /** Gives up `name` (onLose if owned) so another instance may take it. */
  release(name: string): Promise<void>;
  /** Releases everything (onLose for each lease owned). */
  close(): Promise<void>;
}

export const LEASE_NAME_RE = /^[a-z][a-z0-9._:-]{0,63}$/;

export function checkLeaseName(name: string): void {
  if (!LEASE_NAME_RE.test(name)) throw new Error(`lease: bad name ${JSON.stringify(name)}`);
}

export function callSafely(name: string, what: 'acquire' | 'lose', fn: () => void): void {
  try {
    fn();
  } catch (e) {
    logBus('hub.lease.handler_error', { lease: name, what, error: (e as Error)?.name ?? 'Error' });
  }
}

/** One instance owns every lease, from `hold` (a microtask later) until `release`/`close`. */
export class LocalLeases implements Leases {
  private readonly held = new Map<string, { handlers: LeaseHandlers; owner: boolean }>();
  private closed = false;

  hold(name: string, handlers: LeaseHandlers): void {
    checkLeaseName(name);
    if (this.held.has(name)) throw new Error(`lease ${name} already held`);
    if (this.closed) throw new Error('leases closed');
    const entry = { handlers, owner: false };
    this.held.set(name, entry);
    queueMicrotask(() => {
      if (this.held.get(name) !== entry || this.closed) return;
      entry.owner = true;
      callSafely(name, 'acquire', () => handlers.onAcquire());
    });
  }

  isOwner(name: string): boolean {
    return this.held.get(name)?.owner ?? false;
  }

  async release(name: string): Promise<void> {
    const entry = this.held.get(name);
    if (!entry) return;
    this.held.delete(name);
    if (entry.owner) {
      entry.owner = false;
      callSafely(name, 'lose', () => entry.handlers.onLose());
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const name of [...this.held.keys()]) await this.release(name);
  }
}
