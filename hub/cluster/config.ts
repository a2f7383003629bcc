/**
 * hub.json `cluster` (issue 18): the timings of several hub instances — how soon a lease is taken
 * over, how often an instance says it is alive and after how long it counts as dead, and the help
 * desk's beat, dead-after, action timeout and start wait (hub/help/desk.ts). Every key optional
 * (the defaults are the figures docs/cluster.md gives); unknown keys refused; the relations between
 * them checked with the defaults filled in, so a file cannot make an instance declare a live peer
 * dead between two of its beats. Layer: hub (node).
 *
 *   "cluster": { "leaseRetryMs": 1000,
 *                "presence": { "everyMs": 5000, "deadAfterMs": 15000 },
 *                "help": { "beatMs": 1000, "deadAfterMs": 5000, "opTimeoutMs": 10000, "startWaitMs": 5000 } }
 */
import { z } from 'zod';
import { DEFAULT_DESK_TIMINGS, type DeskTimings } from '../help/desk.ts';
import type { ClusterOptions } from './index.ts';

/** PgLeases' default retry (hub/cluster/pg-lease.ts) and InstancePresence's (presence.ts). */
export const DEFAULT_LEASE_RETRY_MS = 1_000;
export const DEFAULT_PRESENCE_EVERY_MS = 5_000;

const ms = (min: number, max: number) => z.number().int().min(min).max(max).optional();

export const ClusterFileConfig = z
  .object({
    /** How often an instance tries to take a lease whose owner died (the takeover delay). */
    leaseRetryMs: ms(100, 60_000),
    /** `cluster.alive` on the bus (fleet takeover of a dead instance's kiosks). */
    presence: z.object({ everyMs: ms(100, 60_000), deadAfterMs: ms(300, 600_000) }).strict().optional(),
    /** The help desk between instances (hub/help/desk.ts, owner.ts). */
    help: z.object({ beatMs: ms(50, 30_000), deadAfterMs: ms(150, 300_000), opTimeoutMs: ms(500, 600_000), startWaitMs: ms(100, 120_000) }).strict().optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const every = c.presence?.everyMs ?? DEFAULT_PRESENCE_EVERY_MS;
    const presenceDead = c.presence?.deadAfterMs ?? 3 * every;
    if (presenceDead < 2 * every) ctx.addIssue({ code: 'custom', path: ['presence', 'deadAfterMs'], message: 'must be at least twice presence.everyMs (a live instance would be taken for dead between two beats)' });
    const h = { ...DEFAULT_DESK_TIMINGS, ...c.help };
    if (h.deadAfterMs < 3 * h.beatMs) ctx.addIssue({ code: 'custom', path: ['help', 'deadAfterMs'], message: 'must be at least three times help.beatMs (a live instance would be taken for dead after one late beat)' });
    const takeover = h.deadAfterMs + (c.leaseRetryMs ?? DEFAULT_LEASE_RETRY_MS);
    if (h.opTimeoutMs <= takeover) ctx.addIssue({ code: 'custom', path: ['help', 'opTimeoutMs'], message: 'must be longer than help.deadAfterMs + leaseRetryMs (an action must outlive the owner’s death and the takeover)' });
  });
export type ClusterFileConfig = z.infer<typeof ClusterFileConfig>;

/** What hub/main.ts passes on: the cluster's options (openCluster) and the desk's timings (buildHub). */
export function clusterSettings(c: ClusterFileConfig | undefined): { cluster: Pick<ClusterOptions, 'leaseRetryMs' | 'presence'>; helpTimings: Partial<DeskTimings> } {
  const presence = c?.presence ? { ...(c.presence.everyMs !== undefined ? { everyMs: c.presence.everyMs } : {}), ...(c.presence.deadAfterMs !== undefined ? { deadAfterMs: c.presence.deadAfterMs } : {}) } : undefined;
  return {
    cluster: { ...(c?.leaseRetryMs !== undefined ? { leaseRetryMs: c.leaseRetryMs } : {}), ...(presence ? { presence } : {}) },
    helpTimings: { ...c?.help },
  };
}
