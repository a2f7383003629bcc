/**
 * Bounded counters for the hub's abuse limits (issue 17): per address, per user
 * name, global. Every map is bounded — when full, the oldest key is evicted (never
 * the whole map, so an attacker cannot reset a limit by filling it).
 * Layer: hub (node).
 */

/** Fixed-window counters per key: "at most `max` events per `windowMs` per key". */
export class WindowCounter {
  private readonly map = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly windowMs: number,
    private readonly maxKeys = 50_000,
  ) {}

  /** The count in the key's current window (0 when it has rolled over). */
  count(key: string, now: number): number {
    const e = this.map.get(key);
    return e && now - e.start < this.windowMs ? e.count : 0;
  }

  /** Adds one event; returns the count including it. */
  hit(key: string, now: number, n = 1): number {
    let e = this.map.get(key);
    if (!e || now - e.start >= this.windowMs) {
      this.map.delete(key);
      e = { start: now, count: 0 };
      if (this.map.size >= this.maxKeys) this.map.delete(this.map.keys().next().value!);
      this.map.set(key, e);
    }
    e.count += n;
    return e.count;
  }

  reset(key: string): void {
    this.map.delete(key);
  }

  get size(): number {
    return this.map.size;
  }
}

/** A bounded LRU-ish map (insertion order; re-setting moves a key to the end). */
export class BoundedMap<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly maxKeys: number) {}
  get(k: K): V | undefined {
    return this.map.get(k);
  }
  set(k: K, v: V): void {
    this.map.delete(k);
    if (this.map.size >= this.maxKeys) this.map.delete(this.map.keys().next().value!);
    this.map.set(k, v);
  }
  delete(k: K): void {
    this.map.delete(k);
  }
  get size(): number {
    return this.map.size;
  }
}
