/**
 * SQLite driver (better-sqlite3, the default): WAL, foreign keys on, and (issue 17) synchronous=FULL —
 * the hub acknowledges an application to the kiosk, which then clears it, once the row is stored, so
 * the commit must be on disk when the statement returns (NORMAL in WAL mode may lose the last commits
 * on a power cut) — and secure_delete=ON, so a deleted call-back phone number or a blanked answer is
 * overwritten with zeros, not left in free pages.
 * Layer: hub (node).
 */
import Database from 'better-sqlite3';
import type { Row, SqlDriver, SqlValue } from './driver.ts';

export class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly cache = new Map<string, Database.Statement>();

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('secure_delete = ON');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
  }

  private stmt(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      if (this.cache.size > 200) this.cache.clear();
      this.cache.set(sql, s);
    }
    return s;
  }

  async all<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.stmt(sql).all(...params) as T[];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.stmt(sql).run(...params).changes;
  }

  async migrate(apply: (exec: (ddl: string) => Promise<void>, applied: Set<number>) => Promise<number[]>): Promise<void> {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
    const applied = new Set((this.db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
    const pending: string[] = [];
    const versions = await apply(async (ddl) => void pending.push(ddl), applied);
    if (versions.length === 0) return;
    this.db.transaction(() => {
      for (const ddl of pending) this.db.exec(ddl.replaceAll('{{autoid}}', 'INTEGER PRIMARY KEY AUTOINCREMENT'));
      for (const v of versions) this.db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(v, Date.now());
    })();
  }

  async scrub(): Promise<void> {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    this.cache.clear();
    if (this.db.open) this.db.close();
  }
}
