/**
 * Several hub instances in one test process, joined by an in-memory bus and
 * leases: every message reaches every live instance a microtask later, in
 * publish order (as the PostgreSQL bus does); a lease passes to the next
 * instance that holds it when its owner releases it or is cut off.
 *
 * `cut(instanceId)` is an instance's death as the others see it: it hears and
 * says nothing more, and its leases pass on after `takeoverMs` (the retry
 * interval of the PostgreSQL leases).
 */
import type { Cluster, ClusterBus, Leases } from '../../hub/cluster/index.ts';
import { InstancePresence } from '../../hub/cluster/presence.ts';

type Handler = (msg: unknown, from: string) => void;
interface Holder {
  instance: string;
  handlers: { onAcquire(): void; onLose(): void };
}

export class MemoryNetwork {
  private readonly subs = new Map<string, Map<string, Set<Handler>>>();
  private readonly cutOff = new Set<string>();
  private readonly leases = new Map<string, { owner: Holder | null; waiting: Holder[] }>();

  constructor(private readonly takeoverMs = 100) {}

  instance(instanceId: string): Cluster {
    const subs = this.subs;
    const cutOff = this.cutOff;
    const bus: ClusterBus = {
      instanceId,
      async publish(topic, msg) {
        if (cutOff.has(instanceId)) return;
        const text = JSON.stringify(msg);
        queueMicrotask(() => {
          for (const [inst, topics] of subs) {
            if (cutOff.has(inst)) continue;
            for (const h of [...(topics.get(topic) ?? [])]) h(JSON.parse(text), instanceId);
          }
        });
      },
      subscribe(topic, handler) {
        let topics = subs.get(instanceId);
        if (!topics) subs.set(instanceId, (topics = new Map()));
        let set = topics.get(topic);
        if (!set) topics.set(topic, (set = new Set()));
        set.add(handler);
        return () => void set.delete(handler);
      },
      onGap: () => () => undefined,
      close: async () => undefined,
    };
    const leases: Leases = {
      hold: (name, handlers) => {
        const l = this.lease(name);
        const h = { instance: instanceId, handlers };
        if (!l.owner) {
          l.owner = h;
          queueMicrotask(() => l.owner === h && handlers.onAcquire());
        } else l.waiting.push(h);
      },
      isOwner: (name) => this.lease(name).owner?.instance === instanceId,
      release: async (name) => this.give(name, instanceId, 0),
      close: async () => {
        for (const name of this.leases.keys()) this.give(name, instanceId, 0);
      },
    };
    // Presence (cluster): a cut instance says nothing more, so the others count it dead after 3 × 100 ms.
    const presence = new InstancePresence(bus, { everyMs: 100 });
    presence.start();
    return {
      instanceId,
      shared: true,
      bus,
      leases,
      presence,
      close: async () => {
        await presence.close();
        await leases.close();
      },
    };
  }

  private lease(name: string) {
    let l = this.leases.get(name);
    if (!l) this.leases.set(name, (l = { owner: null, waiting: [] }));
    return l;
  }

  /** `instance` gives up `name` (released, or dead): the next live holder gets it after `delayMs`. */
  private give(name: string, instance: string, delayMs: number): void {
    const l = this.lease(name);
    l.waiting = l.waiting.filter((h) => h.instance !== instance);
    if (l.owner?.instance !== instance) return;
    const was = l.owner;
    l.owner = null;
    if (!this.cutOff.has(instance)) was.handlers.onLose();
    setTimeout(() => {
      if (l.owner) return;
      const next = l.waiting.shift();
      if (!next) return;
      l.owner = next;
      next.handlers.onAcquire();
    }, delayMs);
  }

  /** The instance dies as far as the others can tell: no more messages either way; its leases pass on. */
  cut(instanceId: string): void {
    this.cutOff.add(instanceId);
    for (const name of this.leases.keys()) this.give(name, instanceId, this.takeoverMs);
  }

  owner(name: string): string | null {
    return this.leases.get(name)?.owner?.instance ?? null;
  }
}
