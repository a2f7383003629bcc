/**
 * The print queue: jobs in SQLite so none is lost to a crash, a restart or a printer that runs
 * out of paper.
 *
 *   queued ──▶ printing ──▶ printed            (the printer confirmed: online, paper in)
 *                  │
 *                  └──▶ failed (reason: paper-out | cover-open | offline | error | unreachable)
 *                          └──▶ queued again as soon as the printer reports ready
 *
 * A row left in `printing` by a crash goes back to `queued` when the queue opens again. Jobs print
 * strictly in order: a failed job holds the ones behind it. The bytes of a printed job are dropped
 * (they hold the applicant's name); the row is kept as a record.
 *
 * A job may have an owner (the kiosk passes the resident's session id): it lives only as long as its
 * owner. `expire(owner)` deletes the owner's jobs not yet printed (a job printing at that moment is
 * deleted if that attempt fails), and jobs with an owner left by an earlier run are deleted when the
 * queue opens (no session outlives its process) — a receipt with a resident's name never prints for
 * the next resident. Every deletion of job bytes is followed by `afterDelete` (the kiosk's store
 * scrubs its WAL there: services/store.ts).
 */
import { EventEmitter } from 'node:events';
import Database from 'better-sqlite3';
import type { ReceiptPrinter } from './device.ts';
import type { PrinterState } from './status.ts';

export type JobState = 'queued' | 'printing' | 'printed' | 'failed';

export interface PrintJob {
  id: number;
  label: string;
  state: JobState;
  attempts: number;
  /** Why the last attempt failed (what we are waiting for). */
  reason: PrinterState | null;
  detail: string | null;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: number;
  label: string;
  owner?: string | null;
  state: JobState;
  attempts: number;
  reason: PrinterState | null;
  detail: string | null;
  created_at: string;
  updated_at: string;
}

const toJob = (r: Row): PrintJob => ({ id: r.id, label: r.label, state: r.state, attempts: r.attempts, reason: r.reason, detail: r.detail, createdAt: r.created_at, updatedAt: r.updated_at });

export interface QueueEvents {
  job: [PrintJob];
}

export class PrintQueue extends EventEmitter<QueueEvents> {
  readonly db: Database.Database;
  private readonly ownsDb: boolean;
  private printer: ReceiptPrinter | null = null;
  private running = false;
  private again = false;
  private closed = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly retryMs: number;
  private readonly onReady = () => this.kick();

  /** Owners that expired while one of their jobs was printing: that job goes if the attempt fails. */
  private readonly expired = new Set<string>();
  private readonly afterDelete: () => void;

  /** `db`: an open better-sqlite3 handle (shared with the kiosk store) or a file path. */
  constructor(db: Database.Database | string, printer?: ReceiptPrinter | null, opts: { retryMs?: number; afterDelete?: () => void } = {}) {
    super();
    this.retryMs = opts.retryMs ?? 1000;
    this.afterDelete = opts.afterDelete ?? (() => undefined);
    this.ownsDb = typeof db === 'string';
    this.db = typeof db === 'string' ? new Database(db) : db;
    if (this.ownsDb) {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.db.pragma('secure_delete = ON');
    }
    this.db.exec(`CREATE TABLE IF NOT EXISTS print_jobs (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      label TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('queued','printing','printed','failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      reason TEXT,
      detail TEXT,
      bytes BLOB,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS print_jobs_pending ON print_jobs (state, id);`);
    const columns = this.db.prepare(`PRAGMA table_info(print_jobs)`).all() as { name: string }[];
    if (!columns.some((c) => c.name === 'owner')) this.db.exec(`ALTER TABLE print_jobs ADD COLUMN owner TEXT`);
    // an owner's jobs from an earlier run: their session ended with that run
    const purged = this.db.prepare(`DELETE FROM print_jobs WHERE owner IS NOT NULL AND state != 'printed'`).run().changes;
    if (purged) this.afterDelete();
    // interrupted by a crash or a close mid-job: print it again (a duplicate beats a lost receipt)
    this.db.prepare(`UPDATE print_jobs SET state = 'queued', updated_at = ? WHERE state = 'printing'`).run(new Date().toISOString());
    if (printer) this.attach(printer);
  }

  /** Connects the printer and starts its health poll; the queue retries whenever it reports ready again. */
  attach(printer: ReceiptPrinter): void {
    this.printer?.off('ready', this.onReady);
    this.printer = printer;
    printer.on('ready', this.onReady);
    printer.startPolling();
    this.kick();
  }

  /** `owner`: whose job it is (the kiosk: the session id); the job dies with `expire(owner)`. */
  enqueue(bytes: Uint8Array, label = 'receipt', owner: string | null = null): PrintJob {
    const now = new Date().toISOString();
    const { lastInsertRowid } = this.db
      .prepare(`INSERT INTO print_jobs (label, state, bytes, created_at, updated_at, owner) VALUES (?, 'queued', ?, ?, ?, ?)`)
      .run(label, Buffer.from(bytes), now, now, owner);
    const job = this.get(Number(lastInsertRowid))!;
    this.emit('job', job);
    this.kick();
    return job;
  }

  get(id: number): PrintJob | null {
    const r = this.db.prepare(`SELECT id, label, state, attempts, reason, detail, created_at, updated_at FROM print_jobs WHERE id = ?`).get(id) as Row | undefined;
    return r ? toJob(r) : null;
  }

  /** Jobs not yet printed, oldest first. */
  pending(): PrintJob[] {
    return (this.db.prepare(`SELECT id, label, state, attempts, reason, detail, created_at, updated_at FROM print_jobs WHERE state != 'printed' ORDER BY id`).all() as Row[]).map(toJob);
  }

  /** Staff action: drop every job not printed and not printing now. Returns how many. */
  clear(): number {
    const n = this.db.prepare(`DELETE FROM print_jobs WHERE state IN ('queued','failed')`).run().changes;
    if (n) this.afterDelete();
    return n;
  }

  /**
   * The owner is gone (the resident's session ended): delete their jobs not yet printed; a job of
   * theirs printing now is deleted if this attempt fails. Returns how many were deleted now.
   */
  expire(owner: string): number {
    const n = this.db.prepare(`DELETE FROM print_jobs WHERE owner = ? AND state IN ('queued','failed')`).run(owner).changes;
    const printing = this.db.prepare(`SELECT COUNT(*) AS n FROM print_jobs WHERE owner = ? AND state = 'printing'`).get(owner) as { n: number };
    if (printing.n) this.expired.add(owner);
    if (n) this.afterDelete();
    return n;
  }

  /** Resolves when the job is printed (or, with `orFailed`, at its first failure). */
  waitFor(id: number, orFailed = false): Promise<PrintJob> {
    return new Promise((resolve) => {
      const check = (j: PrintJob) => {
        if (j.id === id && (j.state === 'printed' || (orFailed && j.state === 'failed'))) {
          this.off('job', check);
          resolve(j);
        }
      };
      this.on('job', check);
      const now = this.get(id);
      if (now) check(now);
    });
  }

  private setState(id: number, state: JobState, reason: PrinterState | null = null, detail: string | null = null): void {
    if (this.closed) return;
    const now = new Date().toISOString();
    if (state === 'printing') this.db.prepare(`UPDATE print_jobs SET state = ?, attempts = attempts + 1, updated_at = ? WHERE id = ?`).run(state, now, id);
    else if (state === 'printed') {
      this.db.prepare(`UPDATE print_jobs SET state = ?, reason = NULL, detail = NULL, bytes = NULL, updated_at = ? WHERE id = ?`).run(state, now, id);
      this.afterDelete();
    } else this.db.prepare(`UPDATE print_jobs SET state = ?, reason = ?, detail = ?, updated_at = ? WHERE id = ?`).run(state, reason, detail, now, id);
    const job = this.get(id)!;
    if (state !== 'printing') this.forgetIfExpired(id);
    this.emit('job', job);
  }

  /** After an attempt: a job whose owner expired while it printed is deleted if it did not print. */
  private forgetIfExpired(id: number): void {
    if (this.expired.size === 0) return;
    const r = this.db.prepare(`SELECT owner, state FROM print_jobs WHERE id = ?`).get(id) as { owner: string | null; state: JobState } | undefined;
    if (!r?.owner || !this.expired.has(r.owner)) return;
    if (r.state !== 'printed') {
      this.db.prepare(`DELETE FROM print_jobs WHERE id = ?`).run(id);
      this.afterDelete();
    }
    const left = this.db.prepare(`SELECT COUNT(*) AS n FROM print_jobs WHERE owner = ? AND state = 'printing'`).get(r.owner) as { n: number };
    if (!left.n) this.expired.delete(r.owner);
  }

  /** Prints pending jobs in order until one fails or none is left. */
  kick(): void {
    if (this.closed || !this.printer) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.drain().finally(() => {
      this.running = false;
      if (this.again && !this.closed) {
        this.again = false;
        this.kick();
      }
    });
  }

  private async drain(): Promise<void> {
    const printer = this.printer!;
    for (;;) {
      if (this.closed) return;
      this.again = false;
      const row = this.db.prepare(`SELECT id, bytes FROM print_jobs WHERE state IN ('queued','failed') ORDER BY id LIMIT 1`).get() as { id: number; bytes: Buffer } | undefined;
      if (!row) return;
      this.setState(row.id, 'printing');
      const outcome = await printer.print(row.bytes);
      if (this.closed) return; // the row stays `printing`: the next start prints it again
      if (outcome.ok) this.setState(row.id, 'printed');
      else {
        this.setState(row.id, 'failed', outcome.reason, outcome.detail);
        // normally the printer's next 'ready' event retries; if it already reads ready (a link
        // that dropped and came straight back) no event will come, so try again shortly
        if (printer.lastStatus?.state === 'ready') {
          this.retryTimer = setTimeout(() => this.kick(), this.retryMs);
          this.retryTimer.unref();
        }
        return;
      }
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.printer?.off('ready', this.onReady);
    if (this.ownsDb) this.db.close();
  }
}
