/**
 * PostgreSQL driver (`pg` Pool). BIGINT columns come back as numbers (all our
 * BIGINTs are millisecond timestamps or ids well below 2^53).
 * Layer: hub (node).
 */
import pg from 'pg';
import { toDollarParams, type Row, type SqlDriver, type SqlValue } from './driver.ts';

const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Serialises concurrent migrations of several hubs sharing one database. */
const MIGRATION_LOCK = 4_610_006;

export class PostgresDriver implements SqlDriver {
  readonly dialect = 'postgres' as const;
  private readonly pool: pg.Pool;

  constructor(url: string, max = 10) {
    this.pool = new pg.Pool({ connectionString: url, max, types, idleTimeoutMillis: 10_000, connectionTimeoutMillis: 5_000 });
    // An idle client losing its connection must not crash the hub; the pool replaces it.
    this.pool.on('error', (e) => process.stderr.write(`${JSON.stringify({ event: 'hub.pg.idle_error', code: (e as { code?: string }).code ?? null })}\n`));
  }

  async all<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const r = await this.pool.query(toDollarParams(sql), params as SqlValue[]);
    return r.rows as T[];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    const r = await this.pool.query(toDollarParams(sql), params as SqlValue[]);
    return r.rowCount ?? 0;
  }

  async migrate(apply: (exec: (ddl: string) => Promise<void>, applied: Set<number>) => Promise<number[]>): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      try {
        await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
        const rows = (await client.query('SELECT version FROM schema_migrations')).rows as { version: number }[];
        const applied = new Set(rows.map((r) => r.version));
        await client.query('BEGIN');
        try {
          const versions = await apply(async (ddl) => void (await client.query(ddl.replaceAll('{{autoid}}', 'BIGSERIAL PRIMARY KEY'))), applied);
          for (const v of versions) await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [v, Date.now()]);
          await client.query('COMMIT');
        } catch (e) {
          await client.query('ROLLBACK');
          throw e;
        }
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      }
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
