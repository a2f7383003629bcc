/**
 * Receipts as the kiosk services use them: the configured printer (or the
 * virtual one, which renders what it receives to PNG), the SQLite print queue
 * that survives restarts, and status events for the resident's screen and for
 * staff. Layer: node.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { buildReceiptJob, createTransport, describeStatus, PrintQueue, ReceiptPrinter, VirtualPrinter, type PrintJob, type PrinterStatus, type Receipt } from '../../drivers/printer/index.ts';
import type { KioskConfig } from '../../kiosk-config/config.schema.ts';
import type { Logger } from '../log.ts';

export type ReceiptState = 'queued' | 'printing' | 'printed' | 'failed' | 'none';

export interface ReceiptStatusEvent {
  code: string;
  state: ReceiptState;
  reason: string | null;
  message: { vi: string; en: string } | null;
}

export interface PrinterHealth {
  state: PrinterStatus['state'] | 'none';
  paperNearEnd: boolean;
  message: { vi: string; en: string };
}

export class ReceiptService {
  private queue: PrintQueue | null = null;
  private printer: ReceiptPrinter | null = null;
  private virtual: VirtualPrinter | null = null;
  /** The last state of recent receipts, by application code (codes are not personal data). */
  private readonly lastByCode = new Map<string, ReceiptStatusEvent>();

  constructor(
    private readonly config: KioskConfig['devices']['printer'],
    private readonly db: Database.Database,
    private readonly onStatus: (e: ReceiptStatusEvent) => void,
    private readonly onHealth: (h: PrinterHealth) => void,
    private readonly log: Logger,
    /** Where the virtual printer saves each page it prints (demo). */
    private readonly virtualOutDir: string | null = null,
    /** After job bytes are deleted: the kiosk store's scrub (services/store.ts), so no old page of them survives. */
    private readonly scrub: () => void = () => undefined,
  ) {}

  get enabled(): boolean {
    return this.queue !== null;
  }

  /** The virtual printer, when configured (tests set paper-out, read pages). */
  get virtualPrinter(): VirtualPrinter | null {
    return this.virtual;
  }

  health(): PrinterHealth {
    const s = this.printer?.lastStatus;
    if (!this.printer) return { state: 'none', paperNearEnd: false, message: { vi: 'Kiosk không có máy in.', en: 'This kiosk has no printer.' } };
    if (!s) return { state: 'unreachable', paperNearEnd: false, message: { vi: 'Đang kiểm tra máy in.', en: 'Checking the printer.' } };
    return { state: s.state, paperNearEnd: s.paperNearEnd, message: describeStatus(s) };
  }

  async start(): Promise<void> {
    const c = this.config;
    if (c.transport === 'none') return;
    if (c.transport === 'virtual') {
      this.virtual = await new VirtualPrinter({ dots: c.paperWidthMm === 58 ? 384 : 576 }).start();
      if (this.virtualOutDir) {
        mkdirSync(this.virtualOutDir, { recursive: true });
        let n = 0;
        this.virtual.on('page', (page) => {
          n += 1;
          writeFileSync(path.join(this.virtualOutDir!, `receipt-${String(n).padStart(3, '0')}.png`), this.virtual!.png(page));
        });
      }
    }
    const transport = createTransport(c, this.virtual ? { port: this.virtual.port } : undefined);
    if (!transport) return;
    this.printer = new ReceiptPrinter(transport);
    this.printer.on('alert', (s) => {
      this.log.warn('printer.alert', { state: s.state, paperNearEnd: s.paperNearEnd });
      this.onHealth(this.health());
    });
    this.printer.on('ready', () => {
      this.log.info('printer.ready', {});
      this.onHealth(this.health());
    });
    this.queue = new PrintQueue(this.db, null, { afterDelete: this.scrub });
    this.queue.on('job', (job) => this.onJob(job));
    this.queue.attach(this.printer);
  }

  /**
   * Lay out and queue a receipt; returns its state right away (bytes are ready well under 150 ms).
   * `session`: the resident's session — the receipt is deleted unprinted when it ends (`expire`).
   */
  print(receipt: Receipt, session: string | null = null): { state: ReceiptState; reason: string | null } {
    if (!this.queue) return { state: 'none', reason: null };
    const job = buildReceiptJob(receipt, { paperWidthMm: 'paperWidthMm' in this.config ? this.config.paperWidthMm : 80, model: 'model' in this.config ? this.config.model : undefined });
    // The job's label is the application code: status events name the receipt by it.
    const queued = this.queue.enqueue(job.bytes, receipt.applicationCode, session);
    const now = this.lastByCode.get(receipt.applicationCode);
    return { state: now?.state ?? queued.state, reason: now?.reason ?? queued.reason };
  }

  /** Where a receipt is now. */
  stateOf(code: string): ReceiptStatusEvent {
    return this.lastByCode.get(code) ?? { code, state: this.queue ? 'queued' : 'none', reason: null, message: null };
  }

  /** The resident's session ended: their receipts not yet printed never print (issue 17, finding 14). */
  expire(session: string): number {
    const n = this.queue?.expire(session) ?? 0;
    if (n) this.log.info('receipt.expired', { count: n });
    return n;
  }

  /** Staff: drop jobs not yet printed. */
  clear(): number {
    return this.queue?.clear() ?? 0;
  }

  pending(): PrintJob[] {
    return this.queue?.pending() ?? [];
  }

  async stop(): Promise<void> {
    this.queue?.close();
    this.queue = null;
    await this.printer?.close();
    this.printer = null;
    await this.virtual?.stop();
    this.virtual = null;
  }

  private onJob(job: PrintJob): void {
    const code = job.label;
    const message = job.state === 'failed' && this.printer?.lastStatus ? describeStatus(this.printer.lastStatus) : null;
    this.log.info('receipt.job', { state: job.state, reason: job.reason, attempts: job.attempts });
    const e: ReceiptStatusEvent = { code, state: job.state, reason: job.reason, message };
    this.lastByCode.set(code, e);
    if (this.lastByCode.size > 200) this.lastByCode.delete(this.lastByCode.keys().next().value!);
    this.onStatus(e);
  }
}
