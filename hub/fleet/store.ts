/**
 * The fleet's tables (migration 2): the same SQL on SQLite and PostgreSQL,
 * through the repository's driver. Upserts use `ON CONFLICT … DO …`, which both
 * databases understand. Times are milliseconds since the epoch.
 * Layer: hub (node).
 */
import type { Answers } from '../../common/contract/answers.ts';
import type { AlertView, ApplicationView, CommandView } from '../../common/contract/hub-console.ts';
import type { ApplicationStatus, KioskDayStats, KioskHealth, OutboxItem } from '../../common/contract/hub-kiosk.ts';
import type { SqlDriver } from '../db/driver.ts';
import { num as n, numOrNull as nn, toKiosk, type DbRow as R, type KioskRecord } from '../db/repository.ts';

const sn = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export interface ConfigVersionRecord {
  ward: string;
  version: number;
  config: string;
  catalogue: string;
  configHash: string;
  catalogueHash: string;
  publishedBy: string;
  publishedAt: number;
  note: string | null;
  rollbackOf: number | null;
}

export interface StatsRow {
  kioskId: string;
  ward: string;
  day: string;
  counters: KioskDayStats;
}

export interface KioskEventRecord {
  kioskId: string;
  at: number;
  kind: string;
  detail: string | null;
}

const toAlert = (r: R): AlertView => ({
  id: String(r.id),
  ward: String(r.ward),
  kioskId: String(r.kiosk_id),
  kind: r.kind as AlertView['kind'],
  state: r.state as AlertView['state'],
  openedAt: n(r.opened_at),
  resolvedAt: nn(r.resolved_at),
  mailedAt: nn(r.mailed_at),
  detail: sn(r.detail),
});
const toCommand = (r: R): CommandView => ({
  id: String(r.id),
  kioskId: String(r.kiosk_id),
  ward: String(r.ward),
  kind: r.kind as CommandView['kind'],
  maintenance: r.params ? (JSON.parse(String(r.params)) as CommandView['maintenance']) : null,
  issuedBy: String(r.issued_by),
  issuedAt: n(r.issued_at),
  ackedAt: nn(r.acked_at),
  result: (sn(r.result) as CommandView['result']) ?? null,
  detail: sn(r.detail),
});
const toApplication = (r: R): ApplicationView => ({
  id: String(r.id),
  code: String(r.code),
  ward: String(r.ward),
  kioskId: String(r.kiosk_id),
  serviceCode: String(r.service_code),
  submittedAt: n(r.submitted_at),
  receivedAt: n(r.received_at),
  status: r.status as ApplicationStatus,
  statusAt: n(r.status_at),
  note: sn(r.note),
});
const toVersion = (r: R): ConfigVersionRecord => ({
  ward: String(r.ward),
  version: n(r.version),
  config: String(r.config),
  catalogue: String(r.catalogue),
  configHash: String(r.config_hash),
  catalogueHash: String(r.catalogue_hash),
  publishedBy: String(r.published_by),
  publishedAt: n(r.published_at),
  note: sn(r.note),
  rollbackOf: nn(r.rollback_of),
});

export class FleetStore {
  constructor(readonly sql: SqlDriver) {}

  // ------------------------------------------------------------ kiosks and health
  async listKiosks(ward: string | null): Promise<KioskRecord[]> {
    const rows = ward
      ? await this.sql.all('SELECT * FROM kiosks WHERE ward = ? AND retired_at IS NULL ORDER BY id', [ward])
      : await this.sql.all('SELECT * FROM kiosks WHERE retired_at IS NULL ORDER BY id');
    return rows.map(toKiosk);
  }

  async loadStatuses(): Promise<{ kioskId: string; lastHeartbeatAt: number | null; health: KioskHealth | null }[]> {
    const rows = await this.sql.all('SELECT kiosk_id, last_heartbeat_at, health FROM kiosk_status');
    return rows.map((r) => ({ kioskId: String(r.kiosk_id), lastHeartbeatAt: nn(r.last_heartbeat_at), health: r.health ? (JSON.parse(String(r.health)) as KioskHealth) : null }));
  }

  async saveStatus(kioskId: string, ward: string, at: number, health: KioskHealth): Promise<void> {
    await this.sql.run(
      `INSERT INTO kiosk_status (kiosk_id, ward, last_heartbeat_at, health, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (kiosk_id) DO UPDATE SET last_heartbeat_at = excluded.last_heartbeat_at, health = excluded.health, updated_at = excluded.updated_at`,
      [kioskId, ward, at, JSON.stringify(health), at],
    );
  }

  async addHealthSample(kioskId: string, at: number, online: boolean, health: KioskHealth | null): Promise<void> {
    await this.sql.run('INSERT INTO kiosk_health (kiosk_id, at, online, health) VALUES (?, ?, ?, ?)', [kioskId, at, online ? 1 : 0, health ? JSON.stringify(health) : null]);
  }

  async healthHistory(kioskId: string, limit = 200): Promise<{ at: number; online: boolean; health: KioskHealth | null }[]> {
    const rows = await this.sql.all('SELECT at, online, health FROM kiosk_health WHERE kiosk_id = ? ORDER BY at DESC, id DESC LIMIT ?', [kioskId, limit]);
    return rows.map((r) => ({ at: n(r.at), online: n(r.online) === 1, health: r.health ? (JSON.parse(String(r.health)) as KioskHealth) : null }));
  }

  async addEvent(kioskId: string, ward: string, at: number, kind: string, detail: string | null): Promise<void> {
    await this.sql.run('INSERT INTO kiosk_events (kiosk_id, ward, at, kind, detail) VALUES (?, ?, ?, ?, ?)', [kioskId, ward, at, kind.slice(0, 60), detail?.slice(0, 300) ?? null]);
  }

  async events(kioskId: string, limit = 100): Promise<KioskEventRecord[]> {
    const rows = await this.sql.all('SELECT kiosk_id, at, kind, detail FROM kiosk_events WHERE kiosk_id = ? ORDER BY at DESC, id DESC LIMIT ?', [kioskId, limit]);
    return rows.map((r) => ({ kioskId: String(r.kiosk_id), at: n(r.at), kind: String(r.kind), detail: sn(r.detail) }));
  }

  // ------------------------------------------------------------ alerts
  async openAlerts(): Promise<AlertView[]> {
    return (await this.sql.all("SELECT * FROM fleet_alerts WHERE state = 'open'")).map(toAlert);
  }

  async insertAlert(a: AlertView): Promise<void> {
    await this.sql.run('INSERT INTO fleet_alerts (id, ward, kiosk_id, kind, state, opened_at, resolved_at, mailed_at, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
      a.id,
      a.ward,
      a.kioskId,
      a.kind,
      a.state,
      a.openedAt,
      a.resolvedAt,
      a.mailedAt,
      a.detail,
    ]);
  }

  async resolveAlert(id: string, at: number): Promise<void> {
    await this.sql.run("UPDATE fleet_alerts SET state = 'resolved', resolved_at = ? WHERE id = ? AND state = 'open'", [at, id]);
  }

  async markMailed(id: string, at: number): Promise<void> {
    await this.sql.run('UPDATE fleet_alerts SET mailed_at = ? WHERE id = ?', [at, id]);
  }

  async listAlerts(ward: string | null, limit = 200): Promise<AlertView[]> {
    const rows = ward
      ? await this.sql.all('SELECT * FROM fleet_alerts WHERE ward = ? ORDER BY opened_at DESC LIMIT ?', [ward, limit])
      : await this.sql.all('SELECT * FROM fleet_alerts ORDER BY opened_at DESC LIMIT ?', [limit]);
    return rows.map(toAlert);
  }

  // ------------------------------------------------------------ config versions
  async insertVersion(v: ConfigVersionRecord): Promise<boolean> {
    try {
      await this.sql.run(
        'INSERT INTO config_versions (ward, version, config, catalogue, config_hash, catalogue_hash, published_by, published_at, note, rollback_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [v.ward, v.version, v.config, v.catalogue, v.configHash, v.catalogueHash, v.publishedBy, v.publishedAt, v.note, v.rollbackOf],
      );
      return true;
    } catch (e) {
      if ((e as { code?: string }).code === '23505' || /CONSTRAINT/.test(String((e as { code?: string }).code))) return false;
      throw e;
    }
  }

  async latestVersion(ward: string): Promise<ConfigVersionRecord | null> {
    const r = (await this.sql.all('SELECT * FROM config_versions WHERE ward = ? ORDER BY version DESC LIMIT 1', [ward]))[0];
    return r ? toVersion(r) : null;
  }

  async getVersion(ward: string, version: number): Promise<ConfigVersionRecord | null> {
    const r = (await this.sql.all('SELECT * FROM config_versions WHERE ward = ? AND version = ?', [ward, version]))[0];
    return r ? toVersion(r) : null;
  }

  async listVersions(ward: string, limit = 50): Promise<Omit<ConfigVersionRecord, 'config' | 'catalogue'>[]> {
    const rows = await this.sql.all(
      'SELECT ward, version, config_hash, catalogue_hash, published_by, published_at, note, rollback_of FROM config_versions WHERE ward = ? ORDER BY version DESC LIMIT ?',
      [ward, limit],
    );
    return rows.map((r) => {
      const { config: _c, catalogue: _k, ...rest } = toVersion({ ...r, config: '', catalogue: '' });
      return rest;
    });
  }

  async latestVersionsAll(): Promise<Map<string, number>> {
    const rows = await this.sql.all('SELECT ward, MAX(version) AS v FROM config_versions GROUP BY ward');
    return new Map(rows.map((r) => [String(r.ward), n(r.v)]));
  }

  // ------------------------------------------------------------ commands
  async insertCommand(c: CommandView): Promise<void> {
    await this.sql.run('INSERT INTO fleet_commands (id, kiosk_id, ward, kind, params, issued_by, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      c.id,
      c.kioskId,
      c.ward,
      c.kind,
      c.maintenance ? JSON.stringify(c.maintenance) : null,
      c.issuedBy,
      c.issuedAt,
    ]);
  }

  async getCommand(id: string): Promise<CommandView | null> {
    const r = (await this.sql.all('SELECT * FROM fleet_commands WHERE id = ?', [id]))[0];
    return r ? toCommand(r) : null;
  }

  /** Records the ack once; false if it was already acknowledged. */
  async ackCommand(id: string, at: number, result: string, detail: string | null): Promise<boolean> {
    return (await this.sql.run('UPDATE fleet_commands SET acked_at = ?, result = ?, detail = ? WHERE id = ? AND acked_at IS NULL', [at, result, detail, id])) === 1;
  }

  async pendingCommands(kioskId: string, since: number): Promise<CommandView[]> {
    const rows = await this.sql.all('SELECT * FROM fleet_commands WHERE kiosk_id = ? AND acked_at IS NULL AND issued_at >= ? ORDER BY issued_at', [kioskId, since]);
    return rows.map(toCommand);
  }

  async listCommands(kioskId: string, limit = 50): Promise<CommandView[]> {
    return (await this.sql.all('SELECT * FROM fleet_commands WHERE kiosk_id = ? ORDER BY issued_at DESC LIMIT ?', [kioskId, limit])).map(toCommand);
  }

  // ------------------------------------------------------------ applications
  /**
   * Stores the application unless its id is known: one statement, so a crash
   * leaves it either stored or not. Returns 'inserted', 'duplicate' (same id),
   * or 'conflict' (the code belongs to another id).
   */
  async insertApplication(item: OutboxItem, kioskId: string, ward: string, at: number): Promise<'inserted' | 'duplicate' | 'conflict'> {
    try {
      const changed = await this.sql.run(
        `INSERT INTO applications (id, code, kiosk_id, ward, service_code, answers, submitted_at, received_at, status, status_at, note)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, NULL) ON CONFLICT (id) DO NOTHING`,
        [item.id, item.code, kioskId, ward, item.serviceCode, JSON.stringify(item.answers), item.submittedAt, at, at],
      );
      return changed === 1 ? 'inserted' : 'duplicate';
    } catch (e) {
      const code = String((e as { code?: string }).code ?? '');
      if (code === '23505' || code.startsWith('SQLITE_CONSTRAINT')) return 'conflict';
      throw e;
    }
  }

  async getApplication(id: string): Promise<(ApplicationView & { answers: Answers }) | null> {
    const r = (await this.sql.all('SELECT * FROM applications WHERE id = ?', [id]))[0];
    return r ? { ...toApplication(r), answers: JSON.parse(String(r.answers)) as Answers } : null;
  }

  async applicationByCode(code: string): Promise<ApplicationView | null> {
    const r = (await this.sql.all('SELECT * FROM applications WHERE code = ?', [code]))[0];
    return r ? toApplication(r) : null;
  }

  async listApplications(ward: string | null, status: string | null, limit = 200): Promise<ApplicationView[]> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (ward) {
      where.push('ward = ?');
      params.push(ward);
    }
    if (status) {
      where.push('status = ?');
      params.push(status);
    }
    params.push(limit);
    const rows = await this.sql.all(
      `SELECT id, code, kiosk_id, ward, service_code, submitted_at, received_at, status, status_at, note FROM applications ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY received_at DESC LIMIT ?`,
      params,
    );
    return rows.map(toApplication);
  }

  async countApplications(): Promise<number> {
    return n((await this.sql.all('SELECT COUNT(*) AS c FROM applications'))[0]?.c ?? 0);
  }

  async setApplicationStatus(id: string, status: ApplicationStatus, note: string | null, at: number, by: string): Promise<void> {
    await this.sql.run('UPDATE applications SET status = ?, status_at = ?, note = ? WHERE id = ?', [status, at, note, id]);
    await this.sql.run('INSERT INTO application_events (application_id, at, status, note, by_user) VALUES (?, ?, ?, ?, ?)', [id, at, status, note, by]);
  }

  async applicationEvents(id: string): Promise<{ at: number; status: ApplicationStatus; note: string | null }[]> {
    const rows = await this.sql.all('SELECT at, status, note FROM application_events WHERE application_id = ? ORDER BY at, id', [id]);
    return rows.map((r) => ({ at: n(r.at), status: r.status as ApplicationStatus, note: sn(r.note) }));
  }

  async applicationsReceived(ward: string, fromMs: number, toMs: number): Promise<{ receivedAt: number; serviceCode: string; status: string }[]> {
    const rows = await this.sql.all('SELECT received_at, service_code, status FROM applications WHERE ward = ? AND received_at >= ? AND received_at < ?', [ward, fromMs, toMs]);
    return rows.map((r) => ({ receivedAt: n(r.received_at), serviceCode: String(r.service_code), status: String(r.status) }));
  }

  // ------------------------------------------------------------ statistics
  /** Idempotent per (kiosk, day): the latest report replaces the earlier one. */
  async saveStats(kioskId: string, ward: string, s: KioskDayStats, at: number): Promise<void> {
    await this.sql.run(
      `INSERT INTO kiosk_stats (kiosk_id, day, ward, counters, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (kiosk_id, day) DO UPDATE SET counters = excluded.counters, updated_at = excluded.updated_at`,
      [kioskId, s.day, ward, JSON.stringify(s), at],
    );
  }

  async statsRows(ward: string, from: string, to: string): Promise<StatsRow[]> {
    const rows = await this.sql.all('SELECT kiosk_id, ward, day, counters FROM kiosk_stats WHERE ward = ? AND day >= ? AND day <= ? ORDER BY day, kiosk_id', [ward, from, to]);
    return rows.map((r) => ({ kioskId: String(r.kiosk_id), ward: String(r.ward), day: String(r.day), counters: JSON.parse(String(r.counters)) as KioskDayStats }));
  }

  async helpRequests(ward: string, fromMs: number, toMs: number): Promise<{ createdAt: number; acceptedAt: number | null; state: string; kioskId: string }[]> {
    const rows = await this.sql.all('SELECT created_at, accepted_at, state, kiosk_id FROM help_requests WHERE ward = ? AND created_at >= ? AND created_at < ?', [ward, fromMs, toMs]);
    return rows.map((r) => ({ createdAt: n(r.created_at), acceptedAt: nn(r.accepted_at), state: String(r.state), kioskId: String(r.kiosk_id) }));
  }

  // ------------------------------------------------------------ screenshots
  async saveScreenshot(kioskId: string, at: number, format: string, data: string): Promise<void> {
    await this.sql.run(
      `INSERT INTO kiosk_screenshots (kiosk_id, at, format, data) VALUES (?, ?, ?, ?)
       ON CONFLICT (kiosk_id) DO UPDATE SET at = excluded.at, format = excluded.format, data = excluded.data`,
      [kioskId, at, format, data],
    );
  }

  // ------------------------------------------------------------ recent logs
  async saveLogs(kioskId: string, at: number, data: string): Promise<void> {
    await this.sql.run(
      `INSERT INTO kiosk_logs (kiosk_id, at, data) VALUES (?, ?, ?)
       ON CONFLICT (kiosk_id) DO UPDATE SET at = excluded.at, data = excluded.data`,
      [kioskId, at, data],
    );
  }

  async getLogs(kioskId: string): Promise<{ at: number; data: string } | null> {
    const r = (await this.sql.all('SELECT at, data FROM kiosk_logs WHERE kiosk_id = ?', [kioskId]))[0];
    return r ? { at: n(r.at), data: String(r.data) } : null;
  }

  async getScreenshot(kioskId: string): Promise<{ at: number; format: string; data: string } | null> {
    const r = (await this.sql.all('SELECT at, format, data FROM kiosk_screenshots WHERE kiosk_id = ?', [kioskId]))[0];
    return r ? { at: n(r.at), format: String(r.format), data: String(r.data) } : null;
  }
}
