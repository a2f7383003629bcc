/**
 * The two SQL drivers behind the repository: the same SQL text with `?`
 * placeholders runs on both (PostgreSQL's are translated to $1, $2, …).
 * Layer: hub (node).
 */
export type SqlValue = string | number | null;
export type Row = Record<string, unknown>;

export interface SqlDriver {
  readonly dialect: 'sqlite' | 'postgres';
  all<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs a statement; resolves to the number of rows changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs DDL (several statements) inside one transaction, under a lock other hubs respect. */
  migrate(apply: (exec: (ddl: string) => Promise<void>, applied: Set<number>) => Promise<number[]>): Promise<void>;
  close(): Promise<void>;
  /**
   * After personal data was deleted or blanked: make sure no old copy stays in the database's files
   * (SQLite: checkpoint and truncate the WAL, whose old frames still hold the deleted rows; with
   * secure_delete the database's free pages are zeroed already). PostgreSQL: nothing here —
   * autovacuum reclaims dead tuples (docs/security.md).
   */
  scrub?(): Promise<void>;
}

/** `?` → `$n` (our SQL has no `?` inside string literals). */
export function toDollarParams(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** A unique-constraint violation, in either database. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string };
  return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}
