/**
 * What the help side needs of the cluster (hub/cluster/: the bus between hub
 * instances and the leases), as the smallest interfaces it uses — the
 * cluster's own classes fit them.
 * Layer: hub (node).
 */
export interface ClusterBus {
  readonly instanceId: string;
  /** Delivered to every subscribed instance, this one included, in publish order per publisher. */
  publish(topic: string, msg: unknown): Promise<void>;
  subscribe(topic: string, handler: (msg: unknown, fromInstance: string) => void): () => void;
}

export interface Leases {
  /** Hold `name` whenever possible: onAcquire when this instance becomes owner, onLose when it stops being owner. */
  hold(name: string, handlers: { onAcquire(): void; onLose(): void }): void;
  isOwner(name: string): boolean;
  release(name: string): Promise<void>;
}

/** The bus and leases of one instance (hub/cluster/index.ts `Cluster` is one). */
export interface HelpCluster {
  bus: ClusterBus;
  leases: Leases;
}
