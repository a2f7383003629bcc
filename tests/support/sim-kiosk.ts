/**
 * A simulated kiosk speaking the hub-kiosk contract over WebSocket, for the multi-instance tests:
 * it connects from its own loopback address (127.x.y.z — as real kiosks come from their own
 * addresses, so the hub's per-address caps see one kiosk each through X-Forwarded-For), notes
 * which instance served it (HAProxy's x-served-by), reconnects by itself with the real kiosk's
 * back-off (common/backoff.ts) after a close it did not ask for, and resends an application until the hub acks it —
 * as the kiosk's outbox does. Every message it gets is checked against the contract.
 */
import WebSocket from 'ws';
import { HUB_KIOSK_WS_PATH } from '../../common/contract/hub-common.ts';
import { HubToKiosk, type OutboxItem } from '../../common/contract/hub-kiosk.ts';
import { reconnectDelay } from '../../common/backoff.ts';

type Msg = { type: string; seq?: number } & Record<string, unknown>;

/** The i-th kiosk's own source address: 127.1.0.1, 127.1.0.2, … (any 127/8 address is local on Linux). */
export function kioskAddress(i: number): string {
  const n = i + 1;
  return `127.${1 + Math.floor(n / 65_536)}.${Math.floor(n / 256) % 256}.${n % 256}`;
}

export class SimKiosk {
  ws: WebSocket | null = null;
  /** Which instance served each connection (x-served-by), in order. */
  readonly servedBy: string[] = [];
  /** performance.now() of each upgrade answer (same order as servedBy). */
  readonly servedAt: number[] = [];
  readonly received: Msg[] = [];
  readonly invalid: unknown[] = [];
  /** Connections that ended without close() being called. */
  drops = 0;
  /** performance.now() of the last snapshot (the kiosk is connected and known to the hub). */
  readySince = 0;
  private seq = 0;
  private attempt = 0;
  private stopped = false;
  private readonly pending = new Map<string, OutboxItem>();
  readonly acked = new Map<string, boolean>();
  private waiters: (() => void)[] = [];

  constructor(
    readonly lbUrl: string,
    readonly id: string,
    readonly secret: string,
    readonly localAddress: string,
  ) {}

  get ready(): boolean {
    return this.ws?.readyState === WebSocket.OPEN && this.readySince > 0;
  }

  /** Connects (once); resolves on the snapshot, rejects after 10 s. */
  connect(): Promise<void> {
    const ws = new WebSocket(this.lbUrl.replace(/^http/, 'ws') + HUB_KIOSK_WS_PATH, { localAddress: this.localAddress, perMessageDeflate: false });
    this.ws = ws;
    this.readySince = 0;
    ws.on('upgrade', (res) => {
      this.servedBy.push(String(res.headers['x-served-by'] ?? '?'));
      this.servedAt.push(performance.now());
    });
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', seq: ++this.seq, kioskId: this.id, secret: this.secret, epoch: null, lastServerSeq: 0 })));
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as Msg;
      if (!HubToKiosk.safeParse(msg).success) this.invalid.push(msg);
      this.received.push(msg);
      if (msg.type === 'snapshot') {
        this.readySince = performance.now();
        this.attempt = 0;
        for (const item of this.pending.values()) this.sendNow({ type: 'outbox.deliver', item });
      } else if (msg.type === 'outbox.ack') {
        const id = String(msg.id);
        this.pending.delete(id);
        this.acked.set(id, Boolean(msg.duplicate));
      }
      this.wake();
    });
    ws.on('close', () => {
      this.readySince = 0;
      if (this.ws !== ws || this.stopped) return;
      this.drops++;
      // The real kiosk's back-off (no help request of its own is tracked here: never urgent).
      setTimeout(() => void this.reconnect(), reconnectDelay(this.attempt++, false));
    });
    ws.on('error', () => undefined); // 'close' follows
    return this.until(() => this.ready, 10_000, 'snapshot');
  }

  private async reconnect(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.connect();
    } catch {
      /* its close handler schedules the next try */
    }
  }

  private sendNow(m: Record<string, unknown>): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ ...m, seq: ++this.seq }));
  }

  send(m: Record<string, unknown>): void {
    this.sendNow(m);
  }

  /** Hands an application to the hub; resent on every reconnect until acknowledged. */
  deliver(item: OutboxItem): void {
    this.pending.set(item.id, item);
    if (this.ready) this.sendNow({ type: 'outbox.deliver', item });
  }

  get unacked(): number {
    return this.pending.size;
  }

  /** Waits (bounded) for `pred`; re-checked on every message and close. */
  async until(pred: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!pred()) {
      const left = end - Date.now();
      if (left <= 0) throw new Error(`kiosk ${this.id}: no ${what} in ${timeoutMs} ms`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.min(left, 100));
        this.waiters.push(() => (clearTimeout(t), r()));
      });
    }
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  close(): void {
    this.stopped = true;
    this.ws?.terminate();
  }
}
