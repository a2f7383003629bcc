/**
 * The kiosk's local store: embedded SQLite (better-sqlite3), for what must
 * survive a power cut — the outbox of applications waiting for the hub, the
 * last good config, counters, local tracking, feedback. Layer: node.
 *
 * Durability: WAL journal with synchronous=FULL, so a transaction that
 * returned is on disk; a process killed mid-write loses only the transaction
 * that had not returned.
 *
 * Privacy: the outbox holds the submitted application (it is what the resident
 * asked us to deliver) until the hub acknowledges it; session drafts, ID data
 * and images never come here. Resident data lives in its own rows
 * (`outbox_payload`, the print spool's bytes) and leaves through one mechanism,
 * `forget()`: the rows are DELETEd with `secure_delete=ON` (SQLite overwrites
 * the deleted cells and freed pages with zeros), then the WAL is checkpointed
 * and truncated to zero bytes, so no older page image holding the data survives
 * in the database, its free pages, the WAL or a journal. Temporary tables and
 * sorts stay in memory (`temp_store=MEMORY`), never in a temp file. The same
 * scrub runs when the store opens (after a kill -9 between a delete and its
 * checkpoint). docs/security.md "Kiosk" has the whole picture.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export interface OutboxItem {
  id: string;
  code: string;
  serviceCode: string;
  payload: unknown;
  createdAt: string;
  attempts: number;
}

export interface TimelineRow {
  status: 'submitted' | 'queued' | 'received' | 'processing' | 'needs-more' | 'done';
  at: string;
  noteVi: string | null;
  noteEn: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS outbox (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  service_code TEXT NOT NULL,
  payload TEXT NOT NULL, -- always '' since schema 2: the application itself is in outbox_payload
  created_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  delivered_at TEXT
);
-- The resident's application, only while the hub has not acknowledged it: deleted (never blanked) by forget().
CREATE TABLE IF NOT EXISTS outbox_payload (id TEXT PRIMARY KEY, payload TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tracking (
  code TEXT NOT NULL,
  seq INTEGER NOT NULL,
  service_code TEXT NOT NULL,
  status TEXT NOT NULL,
  at TEXT NOT NULL,
  note_vi TEXT,
  note_en TEXT,
  PRIMARY KEY (code, seq)
);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS config_good (id INTEGER PRIMARY KEY CHECK (id = 1), version TEXT NOT NULL, json TEXT NOT NULL, saved_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, rating INTEGER NOT NULL, service_code TEXT, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS help_requests (id TEXT PRIMARY KEY, screen TEXT NOT NULL, at TEXT NOT NULL, status TEXT NOT NULL);
-- The papers of a submitted application (issue 13): its processed pages, only while the hub has not
-- acknowledged the application; deleted with its payload by markDelivered (through forget()).
CREATE TABLE IF NOT EXISTS outbox_pages (
  outbox_id TEXT NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
  page_id TEXT NOT NULL,
  paper_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  jpeg BLOB NOT NULL,
  sha256 TEXT NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  PRIMARY KEY (outbox_id, page_id)
);
`;

/** A page of a submitted application, in the outbox until the hub acknowledges it. */
export interface OutboxPageRow {
  pageId: string;
  paperId: string;
  seq: number;
  jpeg: Buffer;
  sha256: string;
  width: number;
  height: number;
}

/** How long to wait before trying a checkpoint again that a reader blocked. */
const SCRUB_RETRY_MS = 250;

export class KioskStore {
  readonly db: Database.Database;
  private scrubTimer: NodeJS.Timeout | null = null;
  /** Scrubs that completed (a checkpoint that copied every frame and truncated the WAL). */
  scrubs = 0;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 2000');
    // Deleted content is overwritten with zeros (cells and freed pages); ON, not FAST: FAST leaves freed pages as they were.
    this.db.pragma('secure_delete = ON');
    // Sorts and temporary tables in memory: nothing of a query ever lands in a temp file.
    this.db.pragma('temp_store = MEMORY');
    // A WAL that is reset shrinks back to nothing rather than keeping old frames as slack.
    this.db.pragma('journal_size_limit = 0');
    this.db.exec(SCHEMA);
    this.db.prepare("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', '1')").run();
    this.migrate();
    this.scrub();
  }

  /** Schema 2: the application moved from outbox.payload (blanked on delivery) to outbox_payload (deleted on delivery). */
  private migrate(): void {
    const v = (this.db.prepare("SELECT value FROM meta WHERE key = 'schema'").get() as { value: string }).value;
    if (Number(v) >= 2) return;
    this.db.transaction(() => {
      this.db.prepare("INSERT OR IGNORE INTO outbox_payload(id, payload) SELECT id, payload FROM outbox WHERE delivered_at IS NULL AND payload != ''").run();
      this.db.prepare("UPDATE outbox SET payload = ''").run();
      this.db.prepare("UPDATE meta SET value = '2' WHERE key = 'schema'").run();
    })();
    // Schema 1 ran without secure_delete: payloads it blanked may still sit in free pages. Rebuild the
    // file once (VACUUM writes every live page anew; the old free pages are gone with the scrub that follows).
    this.db.exec('VACUUM');
  }

  close(): void {
    if (this.scrubTimer) clearTimeout(this.scrubTimer);
    this.scrubTimer = null;
    if (!this.db.open) return;
    this.scrub();
    this.db.close();
  }

  /**
   * The one way resident data leaves the kiosk's disk: `remove` deletes rows (in one transaction),
   * then the store scrubs (see `scrub`). Every holder of resident data on disk (the outbox, the
   * print spool, papers) calls this rather than deleting by itself.
   */
  forget<T>(remove: (db: Database.Database) => T): T {
    const out = this.db.transaction(() => remove(this.db))();
    this.scrub();
    return out;
  }

  /**
   * Copy every WAL frame into the database and truncate the WAL to zero bytes: after a delete under
   * secure_delete, no older image of a deleted page is left anywhere. A reader on another connection
   * can keep the checkpoint from finishing: then it is tried again shortly until it does. Returns
   * whether this attempt finished.
   */
  scrub(): boolean {
    if (!this.db.open) return false;
    const [r] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    const done = !!r && r.busy === 0 && r.log <= 0;
    if (done) {
      this.scrubs += 1;
      if (this.scrubTimer) clearTimeout(this.scrubTimer);
      this.scrubTimer = null;
    } else if (!this.scrubTimer) {
      this.scrubTimer = setTimeout(() => {
        this.scrubTimer = null;
        this.scrub();
      }, SCRUB_RETRY_MS);
      this.scrubTimer.unref();
    }
    return done;
  }

  /** Atomically add one to a counter and return the new value. */
  increment(name: string, by = 1): number {
    const row = this.db
      .prepare('INSERT INTO counters(name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = value + excluded.value RETURNING value')
      .get(name, by) as { value: number };
    return row.value;
  }

  counter(name: string): number {
    const row = this.db.prepare('SELECT value FROM counters WHERE name = ?').get(name) as { value: number } | undefined;
    return row?.value ?? 0;
  }

  counters(prefix = ''): Record<string, number> {
    const rows = this.db.prepare("SELECT name, value FROM counters WHERE name LIKE ? || '%' ORDER BY name").all(prefix) as { name: string; value: number }[];
    return Object.fromEntries(rows.map((r) => [r.name, r.value]));
  }

  /**
   * Allocate the next application code and enqueue the application, in one
   * transaction: either both happen or neither does.
   */
  enqueueApplication(input: {
    id: string;
    makeCode: (dailySequence: number) => string;
    day: string;
    serviceCode: string;
    payload: unknown;
    now: string;
    /** The application's papers (processed pages), stored in the same transaction. */
    pages?: OutboxPageRow[];
  }): OutboxItem {
    const tx = this.db.transaction(() => {
      const seq = this.increment(`seq:${input.day}`);
      const code = input.makeCode(seq);
      this.db.prepare("INSERT INTO outbox(id, code, service_code, payload, created_at) VALUES (?, ?, ?, '', ?)").run(input.id, code, input.serviceCode, input.now);
      this.db.prepare('INSERT INTO outbox_payload(id, payload) VALUES (?, ?)').run(input.id, JSON.stringify(input.payload));
      const page = this.db.prepare('INSERT INTO outbox_pages(outbox_id, page_id, paper_id, seq, jpeg, sha256, width, height) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      for (const p of input.pages ?? []) page.run(input.id, p.pageId, p.paperId, p.seq, p.jpeg, p.sha256, p.width, p.height);
      this.db
        .prepare('INSERT INTO tracking(code, seq, service_code, status, at, note_vi, note_en) VALUES (?, 1, ?, ?, ?, NULL, NULL)')
        .run(code, input.serviceCode, 'submitted', input.now);
      this.increment('applications:submitted');
      return code;
    });
    const code = tx();
    return { id: input.id, code, serviceCode: input.serviceCode, payload: input.payload, createdAt: input.now, attempts: 0 };
  }

  /** Applications not yet acknowledged by the hub, oldest first. */
  pendingOutbox(limit = 50): OutboxItem[] {
    const rows = this.db
      .prepare(
        'SELECT o.id, o.code, o.service_code, p.payload, o.created_at, o.attempts FROM outbox o LEFT JOIN outbox_payload p ON p.id = o.id WHERE o.delivered_at IS NULL ORDER BY o.created_at, o.id LIMIT ?',
      )
      .all(limit) as { id: string; code: string; service_code: string; payload: string | null; created_at: string; attempts: number }[];
    return rows.map((r) => ({ id: r.id, code: r.code, serviceCode: r.service_code, payload: r.payload === null ? {} : (JSON.parse(r.payload) as unknown), createdAt: r.created_at, attempts: r.attempts }));
  }

  /**
   * The hub has it: delete the resident's data (inside the caller's transaction when there is one),
   * keep the code for tracking. On its own it is a `forget()`; inside a caller's transaction the
   * scrub runs right after that transaction (it cannot run inside one).
   */
  markDelivered(id: string, at: string): void {
    const run = () => {
      this.db.prepare('UPDATE outbox SET delivered_at = ? WHERE id = ?').run(at, id);
      this.db.prepare('DELETE FROM outbox_payload WHERE id = ?').run(id);
      this.db.prepare('DELETE FROM outbox_pages WHERE outbox_id = ?').run(id);
    };
    if (!this.db.inTransaction) return this.forget(run);
    run();
    this.scrubSoon();
  }

  /** A scrub as soon as the current (synchronous) transaction is over. */
  private scrubSoon(): void {
    setImmediate(() => this.scrub()).unref();
  }

  /** The pages of an application still in the outbox, in order. */
  outboxPages(id: string): OutboxPageRow[] {
    const rows = this.db
      .prepare('SELECT page_id, paper_id, seq, jpeg, sha256, width, height FROM outbox_pages WHERE outbox_id = ? ORDER BY seq')
      .all(id) as { page_id: string; paper_id: string; seq: number; jpeg: Buffer; sha256: string; width: number; height: number }[];
    return rows.map((r) => ({ pageId: r.page_id, paperId: r.paper_id, seq: r.seq, jpeg: r.jpeg, sha256: r.sha256, width: r.width, height: r.height }));
  }

  /** How many residents' applications are on this disk now (waiting for the hub). */
  residentPayloads(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM outbox_payload').get() as { n: number }).n;
  }

  appendTimeline(code: string, status: TimelineRow['status'], at: string, note: { vi: string; en: string } | null): void {
    const tx = this.db.transaction(() => {
      const first = this.db.prepare('SELECT service_code, MAX(seq) AS seq FROM tracking WHERE code = ?').get(code) as { service_code: string | null; seq: number | null };
      if (!first.service_code || first.seq === null) throw new Error('unknown application code');
      this.db
        .prepare('INSERT INTO tracking(code, seq, service_code, status, at, note_vi, note_en) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(code, first.seq + 1, first.service_code, status, at, note?.vi ?? null, note?.en ?? null);
    });
    tx();
  }

  timeline(code: string): { serviceCode: string; entries: TimelineRow[] } | null {
    const rows = this.db
      .prepare('SELECT service_code, status, at, note_vi, note_en FROM tracking WHERE code = ? ORDER BY seq')
      .all(code) as { service_code: string; status: TimelineRow['status']; at: string; note_vi: string | null; note_en: string | null }[];
    if (rows.length === 0) return null;
    return { serviceCode: rows[0]!.service_code, entries: rows.map((r) => ({ status: r.status, at: r.at, noteVi: r.note_vi, noteEn: r.note_en })) };
  }

  saveGoodConfig(version: string, json: string, at: string): void {
    this.db
      .prepare('INSERT INTO config_good(id, version, json, saved_at) VALUES (1, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET version = excluded.version, json = excluded.json, saved_at = excluded.saved_at')
      .run(version, json, at);
  }

  goodConfig(): { version: string; json: string; savedAt: string } | null {
    const row = this.db.prepare('SELECT version, json, saved_at FROM config_good WHERE id = 1').get() as { version: string; json: string; saved_at: string } | undefined;
    return row ? { version: row.version, json: row.json, savedAt: row.saved_at } : null;
  }

  addFeedback(rating: number, serviceCode: string | null, at: string): void {
    this.db.prepare('INSERT INTO feedback(rating, service_code, at) VALUES (?, ?, ?)').run(rating, serviceCode, at);
  }

  feedbackSummary(): { count: number; average: number | null } {
    const row = this.db.prepare('SELECT COUNT(*) AS count, AVG(rating) AS average FROM feedback').get() as { count: number; average: number | null };
    return row;
  }

  addHelpRequest(id: string, screen: string, at: string): void {
    this.db.prepare("INSERT INTO help_requests(id, screen, at, status) VALUES (?, ?, ?, 'recorded')").run(id, screen, at);
  }

  helpRequests(): { id: string; screen: string; at: string; status: string }[] {
    return this.db.prepare('SELECT id, screen, at, status FROM help_requests ORDER BY at').all() as { id: string; screen: string; at: string; status: string }[];
  }
}
