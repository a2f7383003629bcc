/**
 * One small interface for every way bytes reach a printer. `query` writes a real-time request and
 * collects exactly `replyBytes` bytes, or rejects on timeout / disconnect (then the printer counts
 * as unreachable). Bytes that arrive with no query waiting (automatic status back, noise) are dropped.
 */
import { EventEmitter } from 'node:events';

export interface PrinterTransport {
  readonly kind: 'serial' | 'network' | 'usb';
  /** For logs and staff screens: `tcp://127.0.0.1:9100`, `serial:/dev/ttyUSB0`, `usb:/dev/usb/lp0`. */
  readonly address: string;
  write(bytes: Uint8Array): Promise<void>;
  query(bytes: Uint8Array, replyBytes: number, timeoutMs: number): Promise<Buffer>;
  close(): Promise<void>;
  on(event: 'disconnect', listener: (err: Error) => void): this;
}

export class TransportError extends Error {
  constructor(
    message: string,
    readonly code: 'timeout' | 'disconnected' | 'io',
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

interface Waiter {
  need: number;
  got: number[];
  resolve: (b: Buffer) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

/** Reply collection shared by the transports. */
export abstract class ByteTransport extends EventEmitter {
  private waiter: Waiter | null = null;

  abstract write(bytes: Uint8Array): Promise<void>;

  protected received(chunk: Buffer): void {
    const w = this.waiter;
    if (!w) return;
    for (const b of chunk) {
      w.got.push(b);
      if (w.got.length === w.need) {
        this.settle(null, Buffer.from(w.got));
        return;
      }
    }
  }

  /** The link dropped: fail the pending query and tell listeners. */
  protected lost(err: Error): void {
    this.settle(new TransportError(err.message, 'disconnected'));
    if (this.listenerCount('disconnect')) this.emit('disconnect', err);
  }

  private settle(err: Error | null, value?: Buffer): void {
    const w = this.waiter;
    if (!w) return;
    this.waiter = null;
    clearTimeout(w.timer);
    if (err) w.reject(err);
    else w.resolve(value!);
  }

  /** Hook for transports that must poll for input while a query waits (USB device files). */
  protected awaitingReply(): void {}

  async query(bytes: Uint8Array, replyBytes: number, timeoutMs: number): Promise<Buffer> {
    if (this.waiter) throw new TransportError('a status query is already waiting', 'io');
    const reply = new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => this.settle(new TransportError(`no status reply within ${timeoutMs} ms`, 'timeout')), timeoutMs);
      this.waiter = { need: replyBytes, got: [], resolve, reject, timer };
    });
    // not awaited: a write that never completes must still end in the reply timeout
    this.write(bytes).then(
      () => this.awaitingReply(),
      (e: Error) => this.settle(e),
    );
    return reply;
  }

  protected get waiting(): boolean {
    return this.waiter !== null;
  }
}
