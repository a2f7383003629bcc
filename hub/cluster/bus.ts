/**
 * The bus between hub instances (issue 18): an instance publishes a JSON message on a topic and
 * every instance subscribed to that topic — this one included — receives it, in publish order per
 * publisher. `LocalBus` is the one-instance bus (SQLite, tests); `PgBus` (pg-bus.ts) carries the same
 * messages between instances sharing one PostgreSQL, through LISTEN/NOTIFY.
 *
 * Messages are fire-and-forget signals of what changed, not a durable queue: an instance that was not
 * listening (restarting, reconnecting) misses them. Shared state lives in the database; `onGap` tells a
 * subscriber that messages may have been missed so it re-reads that state.
 * Layer: hub (node).
 */
import { randomUUID } from 'node:crypto';

export type BusHandler = (msg: unknown, fromInstance: string) => void;

export interface ClusterBus {
  readonly instanceId: string;
  /**
   * Delivered to every subscribed instance, this one included, in publish order per publisher.
   * Resolves once the message is handed to the transport (PostgreSQL: the NOTIFY committed).
   * `msg` must be JSON-serialisable.
   */
  publish(topic: string, msg: unknown): Promise<void>;
  /** Handlers run one message at a time; a throwing handler is logged and does not stop the others. */
  subscribe(topic: string, handler: BusHandler): () => void;
  /**
   * Called when messages may have been missed (the PostgreSQL listener lost its connection and came
   * back): re-read the shared state. Never called by LocalBus.
   */
  onGap(handler: () => void): () => void;
  close(): Promise<void>;
}

/** A new instance id: unique per process start (a restarted instance is a new instance). */
export function newInstanceId(): string {
  return `hub-${randomUUID().slice(0, 8)}`;
}

/** Topic names: short, printable, no spaces (they travel in every message). */
export const TOPIC_RE = /^[a-z][a-z0-9._:-]{0,63}$/;

export function checkTopic(topic: string): void {
  if (!TOPIC_RE.test(topic)) throw new Error(`cluster bus: bad topic name ${JSON.stringify(topic)}`);
}

/** Handler bookkeeping shared by both buses. */
export class Subscribers {
  private readonly byTopic = new Map<string, Set<BusHandler>>();
  private readonly gapHandlers = new Set<() => void>();

  add(topic: string, handler: BusHandler): () => void {
    checkTopic(topic);
    let set = this.byTopic.get(topic);
    if (!set) this.byTopic.set(topic, (set = new Set()));
    set.add(handler);
    return () => {
      set.delete(handler);
      if (set.size === 0 && this.byTopic.get(topic) === set) this.byTopic.delete(topic);
    };
  }

  addGap(handler: () => void): () => void {
    this.gapHandlers.add(handler);
    return () => void this.gapHandlers.delete(handler);
  }

  has(topic: string): boolean {
    return this.byTopic.has(topic);
  }

  deliver(topic: string, msg: unknown, from: string): void {
    const set = this.byTopic.get(topic);
    if (!set) return;
    for (const h of [...set]) {
      try {
        h(msg, from);
      } catch (e) {
        logBus('hub.cluster.handler_error', { topic, error: (e as Error)?.name ?? 'Error' });
      }
    }
  }

  gap(): void {
    for (const h of [...this.gapHandlers]) {
      try {
        h();
      } catch (e) {
        logBus('hub.cluster.handler_error', { topic: 'gap', error: (e as Error)?.name ?? 'Error' });
      }
    }
  }

  clear(): void {
    this.byTopic.clear();
    this.gapHandlers.clear();
  }
}

/** Logs carry event names, codes and counts only. */
export function logBus(event: string, fields: Record<string, string | number | null> = {}): void {
  process.stderr.write(`${JSON.stringify({ event, ...fields })}\n`);
}

/**
 * One instance: delivery is asynchronous (a microtask later, like the PostgreSQL bus, so code that
 * works here does not rely on a synchronous delivery) and in publish order; the message is copied
 * through JSON so a subscriber never shares an object with the publisher.
 */
export class LocalBus implements ClusterBus {
  readonly instanceId: string;
  private readonly subs = new Subscribers();
  private closed = false;

  constructor(instanceId: string = newInstanceId()) {
    this.instanceId = instanceId;
  }

  async publish(topic: string, msg: unknown): Promise<void> {
    checkTopic(topic);
    if (this.closed) throw new Error('cluster bus closed');
    const text = JSON.stringify(msg);
    if (text === undefined) throw new Error('cluster bus: message is not JSON');
    queueMicrotask(() => {
      if (!this.closed) this.subs.deliver(topic, JSON.parse(text), this.instanceId);
    });
  }

  subscribe(topic: string, handler: BusHandler): () => void {
    return this.subs.add(topic, handler);
  }

  onGap(handler: () => void): () => void {
    return this.subs.addGap(handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.subs.clear();
  }
}
