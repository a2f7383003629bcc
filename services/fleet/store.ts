/**
 * The fleet agent's own tables in the kiosk's SQLite store (services/store.ts
 * opens the database: WAL, synchronous=FULL). Layer: node.
 *
 *  - fleet_kv: small facts (maintenance set from the hub, the config version
 *    that failed, the clean-shutdown marker);
 *  - fleet_config: the published ward settings + catalogue the kiosk runs
 *    (`current`) and the one fetched and waiting for the end of a session
 *    (`pending`);
 *  - fleet_commands: every hub command id handled, with its result, so a
 *    command the hub sends again (after a reconnect or a restart) is answered
 *    from here and never run twice;
 *  - fleet_stats: the day's counters (Vietnam day), sent with `stats` and
 *    cleared on `stats.ack` once the day is over;
 *  - fleet_crashes: renderer crashes and unclean exits, for `crashesLastHour`.
 *
 * Nothing here is personal: versions, command ids and kinds, counts.
 */
import type Database from 'better-sqlite3';
import type { KioskDayStats, MaintenanceParams } from '../../common/contract/hub-kiosk.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS fleet_kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS fleet_config (
  slot TEXT PRIMARY KEY CHECK (slot IN ('current', 'pending')),
  version TEXT NOT NULL,
  settings TEXT NOT NULL,
  catalogue TEXT NOT NULL,
  config_hash TEXT NOT NULL,
  catalogue_hash TEXT NOT NULL,
  fetched_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS fleet_commands (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  result TEXT,
  detail TEXT,
  received_at INTEGER NOT NULL,
  done_at INTEGER
);
CREATE TABLE IF NOT EXISTS fleet_stats (day TEXT NOT NULL, name TEXT NOT NULL, value INTEGER NOT NULL, PRIMARY KEY (day, name));
CREATE TABLE IF NOT EXISTS fleet_stats_acked (day TEXT PRIMARY KEY, digest TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS fleet_crashes (at INTEGER NOT NULL);
`;

export interface PublishedConfig {
  /** The hub's version number for the ward, as a label ("3"). */
  version: string;
  /** Ward settings JSON (the kiosk config without kiosk, version, hub, devices). */
  settings: string;
  /** Catalogue JSON (without its version). */
  catalogue: string;
  configHash: string;
  catalogueHash: string;
  fetchedAt: number;
}

export type CommandOutcome = { result: 'ok' | 'failed' | 'unsupported'; detail: string | null };

export class FleetStore {
  constructor(readonly db: Database.Database) {
    db.exec(SCHEMA);
  }

  // ------------------------------------------------------------------ kv

  get(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM fleet_kv WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  set(key: string, value: string | null): void {
    if (value === null) this.db.prepare('DELETE FROM fleet_kv WHERE key = ?').run(key);
    else this.db.prepare('INSERT INTO fleet_kv(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** Maintenance asked by the hub (null: none). Survives restarts. */
  maintenance(): MaintenanceParams | null {
    const v = this.get('maintenance');
    if (!v) return null;
    try {
      return JSON.parse(v) as MaintenanceParams;
    } catch {
      return null;
    }
  }

  // ------------------------------------------------------------------ published config

  config(slot: 'current' | 'pending'): PublishedConfig | null {
    const r = this.db.prepare('SELECT version, settings, catalogue, config_hash, catalogue_hash, fetched_at FROM fleet_config WHERE slot = ?').get(slot) as
      | { version: string; settings: string; catalogue: string; config_hash: string; catalogue_hash: string; fetched_at: number }
      | undefined;
    return r ? { version: r.version, settings: r.settings, catalogue: r.catalogue, configHash: r.config_hash, catalogueHash: r.catalogue_hash, fetchedAt: r.fetched_at } : null;
  }

  setConfig(slot: 'current' | 'pending', c: PublishedConfig | null): void {
    if (!c) {
      this.db.prepare('DELETE FROM fleet_config WHERE slot = ?').run(slot);
      return;
    }
    this.db
      .prepare(
        `INSERT INTO fleet_config(slot, version, settings, catalogue, config_hash, catalogue_hash, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(slot) DO UPDATE SET version = excluded.version, settings = excluded.settings, catalogue = excluded.catalogue,
           config_hash = excluded.config_hash, catalogue_hash = excluded.catalogue_hash, fetched_at = excluded.fetched_at`,
      )
      .run(slot, c.version, c.settings, c.catalogue, c.configHash, c.catalogueHash, c.fetchedAt);
  }

  /** pending → current in one transaction; returns what was current before (to go back to). */
  promotePending(): { promoted: PublishedConfig; previous: PublishedConfig | null } | null {
    return this.db.transaction(() => {
      const p = this.config('pending');
      if (!p) return null;
      const previous = this.config('current');
      this.setConfig('current', p);
      this.setConfig('pending', null);
      return { promoted: p, previous };
    })();
  }

  // ------------------------------------------------------------------ commands

  /** The stored outcome of a command (undefined: never seen; result null: started and never finished). */
  command(id: string): { kind: string; outcome: CommandOutcome | null } | undefined {
    const r = this.db.prepare('SELECT kind, result, detail FROM fleet_commands WHERE id = ?').get(id) as { kind: string; result: string | null; detail: string | null } | undefined;
    if (!r) return undefined;
    return { kind: r.kind, outcome: r.result ? { result: r.result as CommandOutcome['result'], detail: r.detail } : null };
  }

  /** Records that a command starts (false when its id is known already). */
  beginCommand(id: string, kind: string, at: number): boolean {
    return this.db.prepare('INSERT INTO fleet_commands(id, kind, received_at) VALUES (?, ?, ?) ON CONFLICT(id) DO NOTHING').run(id, kind, at).changes === 1;
  }

  finishCommand(id: string, outcome: CommandOutcome, at: number): void {
    this.db.prepare('UPDATE fleet_commands SET result = ?, detail = ?, done_at = ? WHERE id = ?').run(outcome.result, outcome.detail, at, id);
  }

  /** The hub resends unacknowledged commands for an hour: ids older than a week are of no use. */
  pruneCommands(before: number): void {
    this.db.prepare('DELETE FROM fleet_commands WHERE received_at < ?').run(before);
  }

  // ------------------------------------------------------------------ statistics

  count(day: string, name: string, by = 1): void {
    this.db.prepare('INSERT INTO fleet_stats(day, name, value) VALUES (?, ?, ?) ON CONFLICT(day, name) DO UPDATE SET value = value + excluded.value').run(day, name, by);
  }

  statsDays(): string[] {
    return (this.db.prepare('SELECT DISTINCT day FROM fleet_stats ORDER BY day').all() as { day: string }[]).map((r) => r.day);
  }

  dayStats(day: string): KioskDayStats {
    const rows = this.db.prepare('SELECT name, value FROM fleet_stats WHERE day = ?').all(day) as { name: string; value: number }[];
    const s: KioskDayStats = { day, sessions: 0, completed: 0, receipts: 0, helpCalls: 0, ratings: [0, 0, 0, 0, 0], services: {} };
    for (const { name, value } of rows) {
      if (name === 'sessions' || name === 'completed' || name === 'receipts' || name === 'helpCalls') s[name] = value;
      else if (name.startsWith('rating:')) {
        const i = Number(name.slice(7)) - 1;
        if (i >= 0 && i < 5) s.ratings[i] = value;
      } else if (name.startsWith('service:') && Object.keys(s.services).length < 500) s.services[name.slice(8)] = value;
    }
    return s;
  }

  ackedDigest(day: string): string | null {
    const r = this.db.prepare('SELECT digest FROM fleet_stats_acked WHERE day = ?').get(day) as { digest: string } | undefined;
    return r?.digest ?? null;
  }

  /** The hub has this day's counters as they were (digest); a day that is over is cleared. */
  statsAcked(day: string, digest: string, dayIsOver: boolean): void {
    this.db.transaction(() => {
      if (dayIsOver) {
        this.db.prepare('DELETE FROM fleet_stats WHERE day = ?').run(day);
        this.db.prepare('DELETE FROM fleet_stats_acked WHERE day = ?').run(day);
      } else {
        this.db.prepare('INSERT INTO fleet_stats_acked(day, digest) VALUES (?, ?) ON CONFLICT(day) DO UPDATE SET digest = excluded.digest').run(day, digest);
      }
    })();
  }

  // ------------------------------------------------------------------ crashes

  addCrash(at: number): void {
    this.db.prepare('INSERT INTO fleet_crashes(at) VALUES (?)').run(at);
    this.db.prepare('DELETE FROM fleet_crashes WHERE at < ?').run(at - 24 * 3600_000);
  }

  crashesSince(t: number): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM fleet_crashes WHERE at >= ?').get(t) as { n: number }).n;
  }
}
