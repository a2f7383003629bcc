/**
 * One hub instance alone: a bus that delivers to this instance only (a
 * microtask later, in publish order, through JSON like a real bus) and leases
 * that are always this instance's.
 * Layer: hub (node).
 */
import { randomUUID } from 'node:crypto';
import type { ClusterBus, Leases } from './bus-types.ts';

export interface HelpCluster {
  bus: ClusterBus;
  leases: Leases;
}

export function localCluster(instanceId = `hub-${randomUUID().slice(0, 8)}`): HelpCluster {
  const handlers = new Map<string, Set<(msg: unknown, from: string) => void>>();
  const bus: ClusterBus = {
    instanceId,
    async publish(topic, msg) {
      const text = JSON.stringify(msg);
      queueMicrotask(() => {
        for (const h of [...(handlers.get(topic) ?? [])]) h(JSON.parse(text), instanceId);
      });
    },
    subscribe(topic, handler) {
      let set = handlers.get(topic);
      if (!set) handlers.set(topic, (set = new Set()));
      set.add(handler);
      return () => void set.delete(handler);
    },
  };
  const held = new Map<string, { onAcquire(): void; onLose(): void }>();
  const leases: Leases = {
    hold(name, h) {
      held.set(name, h);
      queueMicrotask(() => held.get(name) === h && h.onAcquire());
    },
    isOwner: (name) => held.has(name),
    async release(name) {
      const h = held.get(name);
      held.delete(name);
      h?.onLose();
    },
  };
  return { bus, leases };
}
