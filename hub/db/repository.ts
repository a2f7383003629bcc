/**
 * The hub's one repository: users, sessions, kiosks, enrolment codes, help
 * requests, call-backs and the audit log. One implementation over two SQL
 * drivers (SQLite default, PostgreSQL by URL) with the same SQL.
 * Layer: hub (node).
 */
import type { HubLang, RequestState, Role } from '../../common/contract/hub-common.ts';
import { isUniqueViolation, type SqlDriver, type SqlValue } from './driver.ts';
import { MIGRATIONS } from './migrations.ts';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  ward: string | null;
  languages: HubLang[];
  available: boolean;
  createdAt: number;
  /** A new or reset password: the user must choose their own before anything else (issue 17). */
  mustChangePassword?: boolean;
  /** Disabled accounts cannot log in; null/absent: active. */
  disabledAt?: number | null;
}
export interface KioskRecord {
  id: string;
  ward: string;
  name: string;
  secretHash: string;
  enrolledAt: number;
  lastSeenAt: number | null;
}
export interface HelpRequestRecord {
  id: string;
  kioskId: string;
  ward: string;
  lang: HubLang;
  screen: string;
  state: RequestState;
  attempt: number;
  createdAt: number;
  updatedAt: number;
  firstRungAt: number | null;
  acceptedAt: number | null;
  acceptedBy: string | null;
  endedAt: number | null;
  endedBy: string | null;
  note: string | null;
}
export interface CallbackRecord {
  id: string;
  requestId: string;
  kioskId: string;
  ward: string;
  lang: HubLang;
  phone: string;
  createdAt: number;
}
export interface AuditEntry {
  /** `user:<username>`, `kiosk:<id>`, `ip:<address>`, `hub`. */
  actor: string;
  /** Dotted event name, e.g. `login.failed`, `call.join`, `ws.refused`. */
  action: string;
  target?: string | null;
  /** Codes and counts only: never message content or personal data. */
  detail?: string | null;
}
export interface AuditRecord extends Required<AuditEntry> {
  id: number;
  at: number;
}

/** Columns a state change may set (whitelisted: names are interpolated into SQL). */
export type RequestPatch = Partial<Pick<HelpRequestRecord, 'attempt' | 'firstRungAt' | 'acceptedAt' | 'acceptedBy' | 'endedAt' | 'endedBy' | 'note'>>;
const PATCH_COLUMNS: Record<keyof RequestPatch, string> = {
  attempt: 'attempt',
  firstRungAt: 'first_rung_at',
  acceptedAt: 'accepted_at',
  acceptedBy: 'accepted_by',
  endedAt: 'ended_at',
  endedBy: 'ended_by',
  note: 'note',
};

export const OPEN_STATES: RequestState[] = ['waiting', 'ringing', 'unanswered', 'accepted'];

export interface HubRepository {
  readonly dialect: 'sqlite' | 'postgres';
  migrate(): Promise<void>;
  close(): Promise<void>;

  createUser(u: Omit<UserRecord, 'available' | 'createdAt'> & { createdAt?: number }): Promise<UserRecord>;
  getUser(id: string): Promise<UserRecord | null>;
  getUserByUsername(username: string): Promise<UserRecord | null>;
  setUserAvailable(id: string, available: boolean): Promise<void>;

  createSession(tokenHash: string, userId: string, now: number, expiresAt: number): Promise<void>;
  /** The session if it has not expired. */
  getSession(tokenHash: string, now: number): Promise<{ userId: string; expiresAt: number } | null>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteExpiredSessions(now: number): Promise<number>;

  createEnrolmentCode(c: { codeHash: string; ward: string; createdBy: string; createdAt: number; expiresAt: number }): Promise<void>;
  /** Marks the code used if it exists, is unused and unexpired — atomically; returns its ward. */
  consumeEnrolmentCode(codeHash: string, kioskId: string, now: number): Promise<{ ward: string } | null>;
  releaseEnrolmentCode(codeHash: string): Promise<void>;
  /** false if the id is taken. */
  insertKiosk(k: Omit<KioskRecord, 'lastSeenAt'>): Promise<boolean>;
  getKiosk(id: string): Promise<KioskRecord | null>;
  kioskRetirement(id: string): Promise<{ at: number; by: string | null } | null>;
  retireKiosk(id: string, by: string, at: number): Promise<boolean>;
  touchKiosk(id: string, now: number): Promise<void>;

  insertRequest(r: Pick<HelpRequestRecord, 'id' | 'kioskId' | 'ward' | 'lang' | 'screen' | 'createdAt'>): Promise<void>;
  getRequest(id: string): Promise<HelpRequestRecord | null>;
  listRequestsInStates(states: RequestState[]): Promise<HelpRequestRecord[]>;
  /** Conditional state change: only if the request is in one of `from`. true if it changed. */
  transition(id: string, from: RequestState[], to: RequestState, now: number, patch?: RequestPatch): Promise<boolean>;
  callsByVolunteer(userId: string, limit: number): Promise<HelpRequestRecord[]>;

  insertCallback(c: CallbackRecord): Promise<void>;
  listCallbacks(ward: string | null): Promise<CallbackRecord[]>;
  getCallback(id: string): Promise<CallbackRecord | null>;
  /** Deletes the phone number for good. */
  deleteCallback(id: string): Promise<boolean>;

  /** `ward`: the ward the row is about (hub/security/audit-guard.ts), for the per-ward audit page. */
  audit(e: AuditEntry, at?: number, ward?: string | null): Promise<void>;
  listAudit(filter?: { action?: string; actor?: string; ward?: string; limit?: number }): Promise<AuditRecord[]>;
  /** The newest rows about one ward, plus the reader's own rows (read in SQL, newest first). */
  auditForWard(ward: string, ownActor: string | null, limit: number): Promise<AuditRecord[]>;

  /** The SQL driver, for the fleet's own store (hub/fleet/store.ts; tables of migration 2). */
  readonly driver: SqlDriver;
}

/** A row as either driver returns it, and the column readers shared with the fleet's store (BIGINTs come back as strings from PostgreSQL). */
export type DbRow = Record<string, unknown>;
export const num = (v: unknown): number => Number(v);
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toUser(r: DbRow): UserRecord {
  return {
    id: String(r.id),
    username: String(r.username),
    displayName: String(r.display_name),
    passwordHash: String(r.password_hash),
    role: r.role as Role,
    ward: strOrNull(r.ward),
    languages: String(r.languages).split(',').filter(Boolean) as HubLang[],
    available: num(r.available) === 1,
    createdAt: num(r.created_at),
    mustChangePassword: num(r.must_change_password ?? 0) === 1,
    disabledAt: numOrNull(r.disabled_at),
  };
}
export function toKiosk(r: DbRow): KioskRecord {
  return {
    id: String(r.id),
    ward: String(r.ward),
    name: String(r.name),
    secretHash: String(r.secret_hash),
    enrolledAt: num(r.enrolled_at),
    lastSeenAt: numOrNull(r.last_seen_at),
  };
}
function toRequest(r: DbRow): HelpRequestRecord {
  return {
    id: String(r.id),
    kioskId: String(r.kiosk_id),
    ward: String(r.ward),
    lang: r.lang as HubLang,
    screen: String(r.screen),
    state: r.state as RequestState,
    attempt: num(r.attempt),
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
    firstRungAt: numOrNull(r.first_rung_at),
    acceptedAt: numOrNull(r.accepted_at),
    acceptedBy: strOrNull(r.accepted_by),
    endedAt: numOrNull(r.ended_at),
    endedBy: strOrNull(r.ended_by),
    note: strOrNull(r.note),
  };
}
function toCallback(r: DbRow): CallbackRecord {
  return {
    id: String(r.id),
    requestId: String(r.request_id),
    kioskId: String(r.kiosk_id),
    ward: String(r.ward),
    lang: r.lang as HubLang,
    phone: String(r.phone),
    createdAt: num(r.created_at),
  };
}

const toAudit = (r: DbRow): AuditRecord => ({
  id: num(r.id),
  at: num(r.at),
  actor: String(r.actor),
  action: String(r.action),
  target: strOrNull(r.target),
  detail: strOrNull(r.detail),
});

const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

export class SqlRepository implements HubRepository {
  constructor(private readonly sql: SqlDriver) {}

  get dialect(): 'sqlite' | 'postgres' {
    return this.sql.dialect;
  }

  get driver(): SqlDriver {
    return this.sql;
  }

  async migrate(): Promise<void> {
    await this.sql.migrate(async (exec, applied) => {
      const done: number[] = [];
      for (const m of MIGRATIONS) {
        if (applied.has(m.version)) continue;
        for (const ddl of m.ddl) await exec(ddl);
        done.push(m.version);
      }
      return done;
    });
  }

  close(): Promise<void> {
    return this.sql.close();
  }

  async createUser(u: Omit<UserRecord, 'available' | 'createdAt'> & { createdAt?: number }): Promise<UserRecord> {
    const createdAt = u.createdAt ?? Date.now();
    await this.sql.run(
      'INSERT INTO users (id, username, display_name, password_hash, role, ward, languages, available, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)',
      [u.id, u.username, u.displayName, u.passwordHash, u.role, u.ward, u.languages.join(','), createdAt],
    );
    return { ...u, available: false, createdAt };
  }

  async getUser(id: string): Promise<UserRecord | null> {
    const [r] = await this.sql.all('SELECT * FROM users WHERE id = ?', [id]);
    return r ? toUser(r) : null;
  }

  async getUserByUsername(username: string): Promise<UserRecord | null> {
    const [r] = await this.sql.all('SELECT * FROM users WHERE username = ?', [username]);
    return r ? toUser(r) : null;
  }

  async setUserAvailable(id: string, available: boolean): Promise<void> {
    await this.sql.run('UPDATE users SET available = ? WHERE id = ?', [available ? 1 : 0, id]);
  }

  async createSession(tokenHash: string, userId: string, now: number, expiresAt: number): Promise<void> {
    await this.sql.run('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [tokenHash, userId, now, expiresAt]);
  }

  async getSession(tokenHash: string, now: number): Promise<{ userId: string; expiresAt: number } | null> {
    const [r] = await this.sql.all('SELECT user_id, expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?', [tokenHash, now]);
    return r ? { userId: String(r.user_id), expiresAt: num(r.expires_at) } : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.sql.run('DELETE FROM sessions WHERE token_hash = ?', [tokenHash]);
  }

  deleteExpiredSessions(now: number): Promise<number> {
    return this.sql.run('DELETE FROM sessions WHERE expires_at <= ?', [now]);
  }

  async createEnrolmentCode(c: { codeHash: string; ward: string; createdBy: string; createdAt: number; expiresAt: number }): Promise<void> {
    await this.sql.run('INSERT INTO enrolment_codes (code_hash, ward, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', [
      c.codeHash,
      c.ward,
      c.createdBy,
      c.createdAt,
      c.expiresAt,
    ]);
  }

  async consumeEnrolmentCode(codeHash: string, kioskId: string, now: number): Promise<{ ward: string } | null> {
    const changed = await this.sql.run(
      'UPDATE enrolment_codes SET used_at = ?, used_by_kiosk = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?',
      [now, kioskId, codeHash, now],
    );
    if (changed !== 1) return null;
    const [r] = await this.sql.all('SELECT ward FROM enrolment_codes WHERE code_hash = ?', [codeHash]);
    return r ? { ward: String(r.ward) } : null;
  }

  async releaseEnrolmentCode(codeHash: string): Promise<void> {
    await this.sql.run('UPDATE enrolment_codes SET used_at = NULL, used_by_kiosk = NULL WHERE code_hash = ?', [codeHash]);
  }

  /** Enrols a kiosk id; false when it is enrolled already. A retired id is enrolled again in its old row. */
  async insertKiosk(k: Omit<KioskRecord, 'lastSeenAt'>): Promise<boolean> {
    try {
      await this.sql.run('INSERT INTO kiosks (id, ward, name, secret_hash, enrolled_at) VALUES (?, ?, ?, ?, ?)', [k.id, k.ward, k.name, k.secretHash, k.enrolledAt]);
      return true;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    const revived = await this.sql.run(
      'UPDATE kiosks SET ward = ?, name = ?, secret_hash = ?, enrolled_at = ?, last_seen_at = NULL, reenrol_until = NULL, retired_at = NULL, retired_by = NULL WHERE id = ? AND retired_at IS NOT NULL',
      [k.ward, k.name, k.secretHash, k.enrolledAt, k.id],
    );
    return revived === 1;
  }

  /** An enrolled kiosk (a retired one is not). */
  async getKiosk(id: string): Promise<KioskRecord | null> {
    const [r] = await this.sql.all('SELECT * FROM kiosks WHERE id = ? AND retired_at IS NULL', [id]);
    return r ? toKiosk(r) : null;
  }

  /** When and by whom the kiosk id was retired; null if it is enrolled or unknown. */
  async kioskRetirement(id: string): Promise<{ at: number; by: string | null } | null> {
    const [r] = await this.sql.all('SELECT retired_at, retired_by FROM kiosks WHERE id = ? AND retired_at IS NOT NULL', [id]);
    return r ? { at: num(r.retired_at), by: strOrNull(r.retired_by) } : null;
  }

  /** Takes an enrolled kiosk out of the fleet: its secret no longer works. False if it was not enrolled. */
  async retireKiosk(id: string, by: string, at: number): Promise<boolean> {
    const n = await this.sql.run("UPDATE kiosks SET retired_at = ?, retired_by = ?, secret_hash = '', reenrol_until = NULL WHERE id = ? AND retired_at IS NULL", [at, by, id]);
    return n === 1;
  }

  async touchKiosk(id: string, now: number): Promise<void> {
    await this.sql.run('UPDATE kiosks SET last_seen_at = ? WHERE id = ?', [now, id]);
  }

  async insertRequest(r: Pick<HelpRequestRecord, 'id' | 'kioskId' | 'ward' | 'lang' | 'screen' | 'createdAt'>): Promise<void> {
    await this.sql.run(
      "INSERT INTO help_requests (id, kiosk_id, ward, lang, screen, state, attempt, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'waiting', 1, ?, ?)",
      [r.id, r.kioskId, r.ward, r.lang, r.screen, r.createdAt, r.createdAt],
    );
  }

  async getRequest(id: string): Promise<HelpRequestRecord | null> {
    const [r] = await this.sql.all('SELECT * FROM help_requests WHERE id = ?', [id]);
    return r ? toRequest(r) : null;
  }

  async listRequestsInStates(states: RequestState[]): Promise<HelpRequestRecord[]> {
    if (states.length === 0) return [];
    const rows = await this.sql.all(`SELECT * FROM help_requests WHERE state IN (${placeholders(states.length)}) ORDER BY created_at, id`, states);
    return rows.map(toRequest);
  }

  async transition(id: string, from: RequestState[], to: RequestState, now: number, patch: RequestPatch = {}): Promise<boolean> {
    const sets = ['state = ?', 'updated_at = ?'];
    const params: SqlValue[] = [to, now];
    for (const [key, value] of Object.entries(patch) as [keyof RequestPatch, SqlValue | undefined][]) {
      if (value === undefined) continue;
      sets.push(`${PATCH_COLUMNS[key]} = ?`);
      params.push(value);
    }
    params.push(id, ...from);
    const changed = await this.sql.run(`UPDATE help_requests SET ${sets.join(', ')} WHERE id = ? AND state IN (${placeholders(from.length)})`, params);
    return changed === 1;
  }

  async callsByVolunteer(userId: string, limit: number): Promise<HelpRequestRecord[]> {
    const rows = await this.sql.all('SELECT * FROM help_requests WHERE accepted_by = ? ORDER BY created_at DESC, id LIMIT ?', [userId, limit]);
    return rows.map(toRequest);
  }

  async insertCallback(c: CallbackRecord): Promise<void> {
    await this.sql.run('INSERT INTO callbacks (id, request_id, kiosk_id, ward, lang, phone, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      c.id,
      c.requestId,
      c.kioskId,
      c.ward,
      c.lang,
      c.phone,
      c.createdAt,
    ]);
  }

  async listCallbacks(ward: string | null): Promise<CallbackRecord[]> {
    const rows =
      ward === null
        ? await this.sql.all('SELECT * FROM callbacks ORDER BY created_at, id LIMIT 500')
        : await this.sql.all('SELECT * FROM callbacks WHERE ward = ? ORDER BY created_at, id LIMIT 500', [ward]);
    return rows.map(toCallback);
  }

  async getCallback(id: string): Promise<CallbackRecord | null> {
    const [r] = await this.sql.all('SELECT * FROM callbacks WHERE id = ?', [id]);
    return r ? toCallback(r) : null;
  }

  async deleteCallback(id: string): Promise<boolean> {
    const n = await this.sql.run('DELETE FROM callbacks WHERE id = ?', [id]);
    await this.sql.scrub?.();
    return n === 1;
  }

  async audit(e: AuditEntry, at = Date.now(), ward: string | null = null): Promise<void> {
    await this.sql.run('INSERT INTO audit_log (at, actor, action, target, detail, ward) VALUES (?, ?, ?, ?, ?, ?)', [
      at,
      e.actor.slice(0, 120),
      e.action.slice(0, 80),
      e.target?.slice(0, 120) ?? null,
      e.detail?.slice(0, 300) ?? null,
      ward?.slice(0, 40) ?? null,
    ]);
  }

  async auditForWard(ward: string, ownActor: string | null, limit: number): Promise<AuditRecord[]> {
    const n = Math.max(1, Math.min(limit, 1000));
    const rows = ownActor
      ? await this.sql.all(
          'SELECT * FROM (SELECT * FROM audit_log WHERE ward = ? ORDER BY id DESC LIMIT ?) w UNION SELECT * FROM (SELECT * FROM audit_log WHERE actor = ? ORDER BY id DESC LIMIT ?) o ORDER BY id DESC LIMIT ?',
          [ward, n, ownActor, n, n],
        )
      : await this.sql.all('SELECT * FROM audit_log WHERE ward = ? ORDER BY id DESC LIMIT ?', [ward, n]);
    return rows.map(toAudit);
  }

  async listAudit(filter: { action?: string; actor?: string; ward?: string; limit?: number } = {}): Promise<AuditRecord[]> {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (filter.action) {
      where.push('action = ?');
      params.push(filter.action);
    }
    if (filter.actor) {
      where.push('actor = ?');
      params.push(filter.actor);
    }
    if (filter.ward) {
      where.push('ward = ?');
      params.push(filter.ward);
    }
    params.push(Math.min(filter.limit ?? 200, 1000));
    const rows = await this.sql.all(`SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`, params);
    return rows.map(toAudit);
  }
}
