/**
 * Retention (issue 17, findings 2 and 8): what the hub keeps and for how long, in days,
 * configurable in hub.json (`retention`), applied at start and every hour. Nghị định
 * 13/2023/NĐ-CP asks that personal data be kept only as long as the purpose needs it
 * (data minimisation): a resident's answers and papers serve the ward until the application
 * is settled and the province has it; the audit log serves accountability for a year.
 *
 *  - `applicationDataDays` (default 90): an application's answers are emptied (`{}`) and its
 *    paper pages deleted this many days after its last status change — whatever the status,
 *    so an abandoned one does not stay forever. The code, service, ward, dates and status
 *    history stay (statistics, tracking), without a person in them.
 *  - `callbackDays` (30): a call-back phone number nobody marked done is deleted.
 *  - `auditDays` (365): audit rows older than this are deleted.
 *  - `screenshotDays` (7), `kioskLogDays` (30): the kiosks' latest screenshot and log upload.
 *  - `callNoteDays` (90): a volunteer's note on a finished call is emptied.
 *  - expired sessions and pairing codes are deleted at every sweep.
 * After a sweep that removed anything, SQLite's WAL is checkpointed and truncated (with
 * secure_delete on, no copy stays in the files); PostgreSQL's autovacuum reclaims the space.
 * Layer: hub (node).
 */
import type { AuditEntry, HubRepository } from '../db/repository.ts';

export interface RetentionRules {
  applicationDataDays: number;
  callbackDays: number;
  auditDays: number;
  screenshotDays: number;
  kioskLogDays: number;
  callNoteDays: number;
}

export const DEFAULT_RETENTION: RetentionRules = { applicationDataDays: 90, callbackDays: 30, auditDays: 365, screenshotDays: 7, kioskLogDays: 30, callNoteDays: 90 };

const DAY = 86_400_000;

export async function sweepRetention(repo: HubRepository, rules: RetentionRules, now: number, audit: (e: AuditEntry) => void): Promise<Record<string, number>> {
  const sql = repo.driver;
  const before = (days: number) => now - days * DAY;
  const counts: Record<string, number> = {};
  const appsCut = before(rules.applicationDataDays);
  counts.pages = await sql.run('DELETE FROM application_pages WHERE application_id IN (SELECT id FROM applications WHERE status_at < ?)', [appsCut]);
  counts.answers = await sql.run("UPDATE applications SET answers = '{}' WHERE status_at < ? AND answers <> '{}'", [appsCut]);
  counts.callbacks = await sql.run('DELETE FROM callbacks WHERE created_at < ?', [before(rules.callbackDays)]);
  counts.audit = await sql.run('DELETE FROM audit_log WHERE at < ?', [before(rules.auditDays)]);
  counts.screenshots = await sql.run('DELETE FROM kiosk_screenshots WHERE at < ?', [before(rules.screenshotDays)]);
  counts.logs = await sql.run('DELETE FROM kiosk_logs WHERE at < ?', [before(rules.kioskLogDays)]);
  counts.callNotes = await sql.run('UPDATE help_requests SET note = NULL WHERE note IS NOT NULL AND ended_at IS NOT NULL AND ended_at < ?', [before(rules.callNoteDays)]);
  counts.sessions = await repo.deleteExpiredSessions(now);
  const removed = Object.values(counts).reduce((a, b) => a + b, 0);
  if (removed > 0) {
    await sql.scrub?.();
    audit({ actor: 'hub', action: 'retention.sweep', target: null, detail: Object.entries(counts).filter(([, n]) => n > 0).map(([k, n]) => `${k}=${n}`).join(' ') });
  }
  return counts;
}
