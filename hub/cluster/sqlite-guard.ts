/**
 * SQLite serves one hub instance (issue 18): a second hub started on the same SQLite file is refused
 * at start with a clear message, before it touches the database. The guard is an exclusive lock on a
 * small side file (`<db>-instance`): SQLite's own file lock (`locking_mode=EXCLUSIVE` after a write
 * keeps it), which the operating system drops when the process dies — a crashed hub never blocks
 * the next start. Layer: hub (node).
 */
import Database from 'better-sqlite3';

export class SecondInstanceError extends Error {
  readonly code = 'second_instance';
  constructor(file: string) {
    super(
      `Another hub is already running on the SQLite database ${file}. SQLite serves one hub instance only: ` +
        'stop the other hub first, or run several instances on PostgreSQL (--db postgres://…, see docs/cluster.md). ' +
        '/ Một hub khác đang chạy trên cơ sở dữ liệu SQLite này. SQLite chỉ phục vụ một phiên bản hub: ' +
        'hãy dừng hub kia, hoặc chạy nhiều phiên bản trên PostgreSQL.',
    );
    this.name = 'SecondInstanceError';
  }
}

/** `sqlite:FILE` or a plain path → FILE; `:memory:` (nothing to share) → null. */
export function sqliteFileOf(dbUrl: string): string | null {
  const file = dbUrl.replace(/^sqlite:/, '');
  return file === '' || file === ':memory:' ? null : file;
}

/** Takes the instance lock of the SQLite file or throws SecondInstanceError; `release()` gives it back. */
export function claimSqliteInstance(file: string): { release(): void } {
  let db: Database.Database | null = null;
  try {
    db = new Database(`${file}-instance`, { timeout: 0 });
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('CREATE TABLE IF NOT EXISTS instance (pid INTEGER, started_at INTEGER)');
    db.exec('DELETE FROM instance');
    db.prepare('INSERT INTO instance VALUES (?, ?)').run(process.pid, Date.now());
    db.exec('COMMIT'); // the exclusive lock stays with this connection until it closes
  } catch (e) {
    try {
      db?.close();
    } catch {
      /* closing after a failed lock */
    }
    if ((e as { code?: string }).code === 'SQLITE_BUSY' || (e as { code?: string }).code === 'SQLITE_LOCKED') throw new SecondInstanceError(file);
    throw e;
  }
  const held = db;
  return {
    release: () => {
      if (held.open) held.close();
    },
  };
}
