/**
 * Which hub instances are alive (issue 18): every instance says `cluster.alive` on the bus every
 * `everyMs` and `cluster.bye` when it closes; an instance not heard for `deadAfterMs` is dead (killed,
 * frozen, cut off). Whatever a dead instance was the authority of (kiosks, calls) is taken over by
 * the owner of the matching lease. Layer: hub (node).
 */
import { z } from 'zod';
import type { ClusterBus } from './bus.ts';

const Alive = z.object({ at: z.number() });

export interface PresenceOptions {
  everyMs?: number;
  deadAfterMs?: number;
  now?: () => number;
}

export class InstancePresence {
  private readonly seen = new Map<string, number>();
  /** Instances that said bye, and when. */
  private readonly gone = new Map<string, number>();
  private readonly startedAt: number;
  private timer: NodeJS.Timeout | null = null;
  private readonly offs: (() => void)[] = [];
  readonly everyMs: number;
  readonly deadAfterMs: number;
  private readonly now: () => number;

  constructor(
    private readonly bus: ClusterBus,
    opts: PresenceOptions = {},
  ) {
    this.everyMs = opts.everyMs ?? 5_000;
    this.deadAfterMs = opts.deadAfterMs ?? 3 * this.everyMs;
    this.now = opts.now ?? Date.now;
    this.startedAt = this.now();
    this.offs.push(
      bus.subscribe('cluster.alive', (m, from) => {
        if (!Alive.safeParse(m).success) return;
        this.seen.set(from, this.now());
        this.gone.delete(from);
      }),
      bus.subscribe('cluster.bye', (_m, from) => {
        if (from === bus.instanceId) return;
        this.gone.set(from, this.now());
        this.seen.delete(from);
      }),
    );
  }

  start(): void {
    if (this.timer) return;
    const say = () => void this.bus.publish('cluster.alive', { at: this.now() }).catch(() => undefined);
    say();
    this.timer = setInterval(say, this.everyMs);
    this.timer.unref?.();
  }

  /** This instance: always. Another: heard within deadAfterMs (an unknown one gets that long from our start). */
  isAlive(instance: string): boolean {
    if (instance === this.bus.instanceId) return true;
    if (this.gone.has(instance)) return false;
    const last = this.seen.get(instance) ?? this.startedAt;
    return this.now() - last < this.deadAfterMs;
  }

  /** When `instance` was last heard of (alive or bye); this instance: now; unknown: our start. */
  lastHeard(instance: string): number {
    if (instance === this.bus.instanceId) return this.now();
    return this.gone.get(instance) ?? this.seen.get(instance) ?? this.startedAt;
  }

  /** Instances heard from recently (this one included). */
  alive(): string[] {
    return [this.bus.instanceId, ...[...this.seen.keys()].filter((i) => this.isAlive(i) && i !== this.bus.instanceId)];
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const off of this.offs) off();
    await this.bus.publish('cluster.bye', {}).catch(() => undefined);
  }
}
