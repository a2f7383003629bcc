/**
 * A receipt printer on a transport: real-time status (DLE EOT 1, 2, 4) polled and turned into
 * events, and print jobs that count as printed only when the printer says so afterwards.
 *
 * Every exchange with the printer goes through one lock: a status query sent in the middle of a
 * `GS v 0` image would be read as image data.
 */
import { EventEmitter } from 'node:events';
import { isReady, isStatusByte, parseStatus, STATUS_QUERY, unreachableStatus, type PrinterState, type PrinterStatus } from './status.ts';
import type { PrinterTransport } from './transports/transport.ts';

export interface ReceiptPrinterOptions {
  /** A status reply slower than this means the printer is unreachable. */
  statusTimeoutMs?: number;
  /** Health poll period while polling is on. */
  pollMs?: number;
  /** Bytes per write; smaller chunks notice a dropped link sooner. */
  chunkBytes?: number;
  /** Wait after the data before the final status query (a real printer is still printing). */
  settleMs?: number;
  /** A chunk the link has not taken after this long means the printer is gone. */
  writeTimeoutMs?: number;
}

export type PrintOutcome = { ok: true; status: PrinterStatus } | { ok: false; reason: PrinterState; status: PrinterStatus; detail: string };

export interface PrinterEvents {
  status: [PrinterStatus];
  /** Entered a state that stops printing, or paper near end: tell staff (and the hub). */
  alert: [PrinterStatus];
  /** Back to printable after an alert. */
  ready: [PrinterStatus];
}

export class ReceiptPrinter extends EventEmitter<PrinterEvents> {
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private last: PrinterStatus | null = null;
  private closed = false;
  private readonly opts: Required<ReceiptPrinterOptions>;

  constructor(
    readonly transport: PrinterTransport,
    opts: ReceiptPrinterOptions = {},
  ) {
    super();
    this.opts = { statusTimeoutMs: 1500, pollMs: 2000, chunkBytes: 4096, settleMs: 0, writeTimeoutMs: 10_000, ...opts };
    transport.on('disconnect', () => {
      if (!this.closed) void this.status().catch(() => {});
    });
  }

  get lastStatus(): PrinterStatus | null {
    return this.last;
  }

  private locked<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => {});
    return run;
  }

  private async queryNow(): Promise<PrinterStatus> {
    let s: PrinterStatus;
    try {
      const r = await this.transport.query(STATUS_QUERY, 3, this.opts.statusTimeoutMs);
      // every reply byte carries fixed bits; anything else is noise or a stream out of step
      s = [...r].every(isStatusByte) ? parseStatus(r[0]!, r[1]!, r[2]!) : unreachableStatus();
    } catch {
      s = unreachableStatus();
    }
    this.observe(s);
    return s;
  }

  private observe(s: PrinterStatus): void {
    if (this.closed) return;
    const prev = this.last;
    this.last = s;
    const changed = !prev || prev.state !== s.state || prev.paperNearEnd !== s.paperNearEnd;
    if (!changed) return;
    this.emit('status', s);
    const wasReady = prev ? isReady(prev) : false;
    if (!isReady(s) || (s.paperNearEnd && !prev?.paperNearEnd)) this.emit('alert', s);
    if (isReady(s) && !wasReady) this.emit('ready', s);
  }

  /** One DLE EOT 1/2/4 round trip; a timeout or a dropped link reads as `unreachable`. */
  status(): Promise<PrinterStatus> {
    return this.locked(() => this.queryNow());
  }

  startPolling(): void {
    if (this.timer || this.closed) return;
    const tick = () => {
      void this.status().finally(() => {
        if (this.timer) this.timer = setTimeout(tick, this.opts.pollMs);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  stopPolling(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * Sends a whole job: status first (no bytes go to a printer that cannot print), the data in
   * chunks, then a final status round trip. Printed only if that says online with paper in.
   */
  print(bytes: Uint8Array): Promise<PrintOutcome> {
    return this.locked(async () => {
      const before = await this.queryNow();
      if (!isReady(before)) return { ok: false, reason: before.state, status: before, detail: 'printer not ready before the job' };
      try {
        for (let off = 0; off < bytes.length; off += this.opts.chunkBytes) await this.writeChunk(bytes.subarray(off, off + this.opts.chunkBytes));
      } catch (e) {
        const s = await this.queryNow();
        return { ok: false, reason: isReady(s) ? 'unreachable' : s.state, status: s, detail: `write failed: ${(e as Error).message}` };
      }
      if (this.opts.settleMs) await new Promise((r) => setTimeout(r, this.opts.settleMs));
      const after = await this.queryNow();
      if (!isReady(after)) return { ok: false, reason: after.state, status: after, detail: 'printer stopped during the job' };
      return { ok: true, status: after };
    });
  }

  private writeChunk(chunk: Uint8Array): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`link took no data for ${this.opts.writeTimeoutMs} ms`)), this.opts.writeTimeoutMs);
    });
    return Promise.race([this.transport.write(chunk), timeout]).finally(() => clearTimeout(timer));
  }

  async close(): Promise<void> {
    this.stopPolling();
    await this.chain;
    this.closed = true;
    await this.transport.close();
  }
}
