/**
 * The cluster of one hub: its bus and its leases, chosen from the database URL.
 * SQLite → one instance (LocalBus, LocalLeases); PostgreSQL → PgBus and PgLeases, so several
 * instances may share the database. Layer: hub (node).
 */
import { LocalBus, newInstanceId, type ClusterBus } from './bus.ts';
import { LocalLeases, type Leases } from './lease.ts';
import { PgBus } from './pg-bus.ts';
import { PgLeases } from './pg-lease.ts';
import { InstancePresence, type PresenceOptions } from './presence.ts';
import { claimSqliteInstance, sqliteFileOf } from './sqlite-guard.ts';

export type { BusHandler, ClusterBus } from './bus.ts';
export type { LeaseHandlers, Leases } from './lease.ts';
export { SecondInstanceError } from './sqlite-guard.ts';

export interface Cluster {
  readonly instanceId: string;
  /** True on PostgreSQL: other instances may be running. */
  readonly shared: boolean;
  readonly bus: ClusterBus;
  readonly leases: Leases;
  /** Which instances are alive (`cluster.alive` on the bus). */
  readonly presence: InstancePresence;
  close(): Promise<void>;
}

export interface ClusterOptions {
  instanceId?: string;
  /** PgLeases retry interval (ms): how soon a lease is taken over after its owner died. */
  leaseRetryMs?: number;
  /** How often an instance says it is alive, and after how long unheard it counts as dead. */
  presence?: PresenceOptions;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/** A one-instance cluster (SQLite, tests); `onClose` runs after it closed (the SQLite guard's release). */
export function localCluster(instanceId: string = newInstanceId(), onClose: () => void = () => undefined): Cluster {
  const bus = new LocalBus(instanceId);
  const leases = new LocalLeases();
  const presence = new InstancePresence(bus);
  return {
    instanceId,
    shared: false,
    bus,
    leases,
    presence,
    close: async () => {
      await presence.close();
      await leases.close();
      await bus.close();
      onClose();
    },
  };
}

export async function openCluster(dbUrl: string, opts: ClusterOptions = {}): Promise<Cluster> {
  const instanceId = opts.instanceId ?? newInstanceId();
  if (!isPostgresUrl(dbUrl)) {
    // SQLite: one instance only — a second hub on the same file is refused here (SecondInstanceError).
    const file = sqliteFileOf(dbUrl);
    const guard = file ? claimSqliteInstance(file) : null;
    return localCluster(instanceId, () => guard?.release());
  }
  const bus = await PgBus.start({ url: dbUrl, instanceId });
  const leases = new PgLeases({ url: dbUrl, instanceId, retryMs: opts.leaseRetryMs });
  const presence = new InstancePresence(bus, opts.presence);
  presence.start();
  return {
    instanceId,
    shared: true,
    bus,
    leases,
    presence,
    close: async () => {
      await presence.close(); // says bye: the others take over at once
      await leases.close();
      await bus.close();
    },
  };
}
