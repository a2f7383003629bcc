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
  {
    // Fleet (issue 7): kiosk status and health, alerts, published config versions,
    // remote commands, the applications inbox and daily statistics.
    version: 2,
    ddl: [
      `CREATE TABLE kiosk_status (
        kiosk_id TEXT PRIMARY KEY REFERENCES kiosks(id),
        ward TEXT NOT NULL,
        last_heartbeat_at BIGINT,
        health TEXT,
        updated_at BIGINT NOT NULL
      )`,
      `CREATE TABLE kiosk_health (
        id {{autoid}},
        kiosk_id TEXT NOT NULL,
        at BIGINT NOT NULL,
        online INTEGER NOT NULL,
        health TEXT
      )`,
      `CREATE INDEX kiosk_health_kiosk ON kiosk_health (kiosk_id, at)`,
      `CREATE TABLE kiosk_events (
        id {{autoid}},
        kiosk_id TEXT NOT NULL,
        ward TEXT NOT NULL,
        at BIGINT NOT NULL,
        kind TEXT NOT NULL,
        detail TEXT
      )`,
      `CREATE INDEX kiosk_events_kiosk ON kiosk_events (kiosk_id, at)`,
      `CREATE TABLE fleet_alerts (
        id TEXT PRIMARY KEY,
        ward TEXT NOT NULL,
        kiosk_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('open', 'resolved')),
        opened_at BIGINT NOT NULL,
        resolved_at BIGINT,
        mailed_at BIGINT,
        detail TEXT
      )`,
      `CREATE INDEX fleet_alerts_ward ON fleet_alerts (ward, opened_at)`,
      `CREATE TABLE config_versions (
        ward TEXT NOT NULL,
        version INTEGER NOT NULL,
        config TEXT NOT NULL,
        catalogue TEXT NOT NULL,
        config_hash TEXT NOT NULL,
        catalogue_hash TEXT NOT NULL,
        published_by TEXT NOT NULL,
        published_at BIGINT NOT NULL,
        note TEXT,
        rollback_of INTEGER,
        PRIMARY KEY (ward, version)
      )`,
      `CREATE TABLE fleet_commands (
        id TEXT PRIMARY KEY,
        kiosk_id TEXT NOT NULL,
        ward TEXT NOT NULL,
        kind TEXT NOT NULL,
        params TEXT,
        issued_by TEXT NOT NULL,
        issued_at BIGINT NOT NULL,
        acked_at BIGINT,
        result TEXT,
        detail TEXT
      )`,
      `CREATE INDEX fleet_commands_kiosk ON fleet_commands (kiosk_id, issued_at)`,
      `CREATE TABLE applications (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        kiosk_id TEXT NOT NULL,
        ward TEXT NOT NULL,
        service_code TEXT NOT NULL,
        answers TEXT NOT NULL,
        submitted_at BIGINT NOT NULL,
        received_at BIGINT NOT NULL,
        status TEXT NOT NULL,
        status_at BIGINT NOT NULL,
        note TEXT
      )`,
      `CREATE INDEX applications_ward ON applications (ward, received_at)`,
      `CREATE TABLE application_events (
        id {{autoid}},
        application_id TEXT NOT NULL REFERENCES applications(id),
        at BIGINT NOT NULL,
        status TEXT NOT NULL,
        note TEXT,
        by_user TEXT
      )`,
      `CREATE TABLE kiosk_stats (
        kiosk_id TEXT NOT NULL,
        day TEXT NOT NULL,
        ward TEXT NOT NULL,
        counters TEXT NOT NULL,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (kiosk_id, day)
      )`,
      `CREATE TABLE kiosk_screenshots (
        kiosk_id TEXT PRIMARY KEY,
        at BIGINT NOT NULL,
        format TEXT NOT NULL,
        data TEXT NOT NULL
      )`,
    ],
  },
  {
    // Pairing (issue 7): a new kiosk shows a one-time code, staff type it in the console
    // (hub/fleet/pairing.ts). Only hashes of the code and of the poll token are kept; the device
    // secret is made when the kiosk collects it. `kiosks.reenrol_until`: staff allowed an enrolled
    // kiosk id to pair again (a lost secret, a replaced machine) until then.
    version: 3,
    ddl: [
      `CREATE TABLE kiosk_pairings (
        code_hash TEXT PRIMARY KEY,
        poll_hash TEXT NOT NULL UNIQUE,
        kiosk_id TEXT NOT NULL,
        name TEXT NOT NULL,
        ip TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('open', 'approved', 'delivered', 'cancelled')),
        reenrol INTEGER NOT NULL DEFAULT 0,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        ward TEXT,
        approved_by TEXT,
        approved_at BIGINT,
        delivered_at BIGINT
      )`,
      `CREATE INDEX kiosk_pairings_ip ON kiosk_pairings (ip, state, expires_at)`,
      `CREATE INDEX kiosk_pairings_kiosk ON kiosk_pairings (kiosk_id, state)`,
      `ALTER TABLE kiosks ADD COLUMN reenrol_until BIGINT`,
    ],
  },
  {
    // Recent logs (issue 7): the kiosk's last log lines, uploaded when staff ask ("send-logs");
    // event names, codes and counts only — the kiosk's logs never hold a resident's data.
    version: 4,
    ddl: [
      `CREATE TABLE kiosk_logs (
        kiosk_id TEXT PRIMARY KEY,
        at BIGINT NOT NULL,
        data TEXT NOT NULL
      )`,
    ],
  },
  {
    // Retiring a kiosk (staff "Gỡ kiosk khỏi hệ thống"): the row stays — its applications, stats,
    // events and audit keep pointing at it — but it no longer counts as enrolled: its secret is
    // cleared, it leaves the fleet, and its id may be enrolled again (the row is then reused).
    version: 5,
    ddl: [`ALTER TABLE kiosks ADD COLUMN retired_at BIGINT`, `ALTER TABLE kiosks ADD COLUMN retired_by TEXT`],
  },
  {
    // The hand-off to the province (issue 14, hub/province/outbox.ts): one row per stored application,
    // a resumable state (pending → created(dossier_id) → uploaded → submitted), the retry clock, and
    // what the poller last read from the province (national code 1–10, official number, timeline,
    // payment request) until a final code.
    version: 6,
    ddl: [
      `CREATE TABLE province_outbox (
        application_id TEXT PRIMARY KEY,
        code TEXT NOT NULL,
        ward TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'created', 'uploaded', 'submitted')),
        dossier_id TEXT,
        files_done INTEGER NOT NULL DEFAULT 0,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_at BIGINT NOT NULL,
        last_error TEXT,
        enqueued_at BIGINT NOT NULL,
        submitted_at BIGINT,
        dossier_no TEXT,
        national_code INTEGER,
        final INTEGER NOT NULL DEFAULT 0,
        poll_at BIGINT,
        status_at BIGINT,
        timeline TEXT,
        payment TEXT
      )`,
      `CREATE INDEX province_outbox_due ON province_outbox (state, next_at)`,
      `CREATE INDEX province_outbox_poll ON province_outbox (final, poll_at)`,
      `CREATE INDEX province_outbox_no ON province_outbox (dossier_no)`,
    ],
  },
  {
    // Security (issue 17, hub side — docs/security.md). `audit_log.ward`: the ward a row is about
    // (hub/security/audit-guard.ts), so the staff audit page reads its ward's rows in SQL. Accounts:
    // a new or reset password must be changed at first login; a disabled account cannot log in.
    version: 7,
    ddl: [
      `ALTER TABLE audit_log ADD COLUMN ward TEXT`,
      `CREATE INDEX audit_log_ward ON audit_log (ward, id)`,
      `CREATE INDEX audit_log_at ON audit_log (at)`,
      `ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0`,
      `ALTER TABLE users ADD COLUMN disabled_at BIGINT`,
    ],
  },
  {
    // Tracking PINs (issue 17, hub/security/tracking.ts): the SHA-256 of each application's PIN, so
    // the public /track page can check it even after the submitting kiosk's secret changed.
    version: 8,
    ddl: [
      `CREATE TABLE tracking_pins (
        application_id TEXT PRIMARY KEY,
        pin_hash TEXT NOT NULL,
        created_at BIGINT NOT NULL
      )`,
    ],
  },
  {
    // The papers of an application (issue 13, docs/applications.md): each page a kiosk uploads
    // (PUT /api/applications/kiosk/:id/pages/:pageId), base64 JPEG ≤ 400 KB, keyed by the
    // application's id so a replay never stores it twice; it belongs to the application once
    // `outbox.deliver` lists it (paper, name, order) and the application is stored.
    version: 9,
    ddl: [
      `CREATE TABLE application_pages (
        application_id TEXT NOT NULL,
        page_id TEXT NOT NULL,
        kiosk_id TEXT NOT NULL,
        paper_id TEXT,
        paper_name TEXT,
        seq INTEGER,
        width INTEGER,
        height INTEGER,
        bytes INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        data TEXT NOT NULL,
        received_at BIGINT NOT NULL,
        PRIMARY KEY (application_id, page_id)
      )`,
    ],
  },
  {
    // The postage the province states for a result by post (issue 16, docs/payments.md): whether
    // the dossier was handed over for post, and the postage once the province states it (đồng).
    version: 10,
    ddl: [`ALTER TABLE province_outbox ADD COLUMN via_postal INTEGER NOT NULL DEFAULT 0`, `ALTER TABLE province_outbox ADD COLUMN postage INTEGER`],
  },
  {
    // Issue 18: limits shared by every hub instance (hub/security/shared-limits.ts) — fixed windows of
    // failed logins per user and address, enrolment tries per address, known addresses per user.
    version: 11,
    ddl: [
      `CREATE TABLE rate_limits (
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        start_at BIGINT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (scope, key)
      )`,
    ],
  },
  {
    // Issue 18: a call's chat, kept for the call's duration only (hub/help/call-chat.ts) so a party
    // reconnecting to another hub instance gets the lines it missed; deleted when the call ends.
    version: 12,
    ddl: [
      `CREATE TABLE call_chat (
        id {{autoid}},
        call_id TEXT NOT NULL,
        from_party TEXT NOT NULL CHECK (from_party IN ('kiosk', 'volunteer')),
        text TEXT NOT NULL,
        at BIGINT NOT NULL
      )`,
      `CREATE INDEX call_chat_call ON call_chat (call_id, at)`,
    ],
  },
];
