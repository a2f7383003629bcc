/**
 * Schema migrations, applied in order at start. The same DDL runs on SQLite and
 * PostgreSQL; `{{autoid}}` is the one dialect difference (auto-increment key).
 * Times are milliseconds since the epoch (BIGINT); booleans are 0/1 INTEGERs.
 */
export const MIGRATIONS: { version: number; ddl: string[] }[] = [
  {
    version: 1,
    ddl: [
      `CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('volunteer', 'staff', 'admin')),
        ward TEXT,
        languages TEXT NOT NULL,
        available INTEGER NOT NULL DEFAULT 0,
        created_at BIGINT NOT NULL
      )`,
      `CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL
      )`,
      `CREATE INDEX sessions_expiry ON sessions (expires_at)`,
      `CREATE TABLE kiosks (
        id TEXT PRIMARY KEY,
        ward TEXT NOT NULL,
        name TEXT NOT NULL,
        secret_hash TEXT NOT NULL,
        enrolled_at BIGINT NOT NULL,
        last_seen_at BIGINT
      )`,
      `CREATE TABLE enrolment_codes (
        code_hash TEXT PRIMARY KEY,
        ward TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        used_at BIGINT,
        used_by_kiosk TEXT
      )`,
      `CREATE TABLE help_requests (
        id TEXT PRIMARY KEY,
        kiosk_id TEXT NOT NULL REFERENCES kiosks(id),
        ward TEXT NOT NULL,
        lang TEXT NOT NULL,
        screen TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('waiting', 'ringing', 'accepted', 'unanswered', 'callback', 'cancelled', 'ended')),
        attempt INTEGER NOT NULL DEFAULT 1,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        first_rung_at BIGINT,
        accepted_at BIGINT,
        accepted_by TEXT REFERENCES users(id),
        ended_at BIGINT,
        ended_by TEXT,
        note TEXT
      )`,
      `CREATE INDEX help_requests_state ON help_requests (state)`,
      `CREATE INDEX help_requests_volunteer ON help_requests (accepted_by, created_at)`,
      `CREATE TABLE callbacks (
        id TEXT PRIMARY KEY,
        request_id TEXT NOT NULL UNIQUE REFERENCES help_requests(id),
        kiosk_id TEXT NOT NULL,
        ward TEXT NOT NULL,
        lang TEXT NOT NULL,
        phone TEXT NOT NULL,
        created_at BIGINT NOT NULL
      )`,
      `CREATE TABLE audit_log (
        id {{autoid}},
        at BIGINT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT,
        detail TEXT
      )`,
      `CREATE INDEX audit_log_action ON audit_log (action, at)`,
    ],
  },
];
