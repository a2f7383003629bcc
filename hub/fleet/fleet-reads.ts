/**
 * What staff read about their ward's kiosks (one slice of the fleet): statistics, alerts, screenshots,
 * logs, the ward's audit — each checked against the reader's ward (staff: their own; admin: any),
 * refusals audited. Reads the database, so every instance answers the same.
 * Layer: hub (node).
 */
import type { AlertView } from '../../common/contract/hub-console.ts';
import type { KioskLogLine } from '../../common/contract/hub-kiosk.ts';
import type { AuditEntry, HubRepository, KioskRecord, UserRecord } from '../db/repository.ts';
import type { FleetResult } from './fleet.ts';
import { canActOnWard } from './live.ts';
import { buildReport, dayStart, type StatsReport } from './stats.ts';
import type { FleetStore } from './store.ts';

const ok = <T>(value: T): FleetResult<T> => ({ ok: true, value });
const no = (status: number, code: 'forbidden' | 'not_found' | 'bad_message', message: string): FleetResult<never> => ({ ok: false, status, code, message });

export class FleetReads {
  constructor(
    private readonly store: FleetStore,
    private readonly audit: (e: AuditEntry) => void,
    private readonly known: (kioskId: string) => KioskRecord | undefined,
  ) {}

  async kioskFor(user: UserRecord, kioskId: string, action: string): Promise<FleetResult<KioskRecord>> {
    const k = this.known(kioskId) ?? (await this.store.listKiosks(null)).find((x) => x.id === kioskId) ?? null;
    if (!k) return no(404, 'not_found', 'no such kiosk');
    if (!canActOnWard(user, k.ward)) {
      this.audit({ actor: `user:${user.username}`, action: `${action}.refused`, target: `kiosk:${kioskId}`, detail: `other_ward role=${user.role}` });
      return no(403, 'forbidden', 'another ward’s kiosk');
    }
    return ok(k);
  }

  async stats(user: UserRecord, ward: string, from: string, to: string): Promise<FleetResult<StatsReport>> {
    if (!canActOnWard(user, ward)) return no(403, 'forbidden', 'staff of that ward only');
    if (from > to) return no(400, 'bad_message', 'from after to');
    const fromMs = dayStart(from);
    const toMs = dayStart(to) + 86_400_000;
    const [kioskDays, help, applications] = await Promise.all([this.store.statsRows(ward, from, to), this.store.helpRequests(ward, fromMs, toMs), this.store.applicationsReceived(ward, fromMs, toMs)]);
    return ok(buildReport({ ward, from, to, kioskDays, help, applications }));
  }

  async alerts(user: UserRecord, ward: string): Promise<FleetResult<AlertView[]>> {
    if (!canActOnWard(user, ward)) return no(403, 'forbidden', 'staff of that ward only');
    return ok(await this.store.listAlerts(ward));
  }

  async screenshot(user: UserRecord, kioskId: string) {
    const k = await this.kioskFor(user, kioskId, 'screenshot.view');
    if (!k.ok) return k;
    return ok(await this.store.getScreenshot(kioskId));
  }

  async logs(user: UserRecord, kioskId: string) {
    const k = await this.kioskFor(user, kioskId, 'logs.view');
    if (!k.ok) return k;
    const row = await this.store.getLogs(kioskId);
    return ok(row ? { at: row.at, lines: JSON.parse(row.data) as KioskLogLine[] } : null);
  }

  /**
   * Audit rows about the ward (its kiosks, the ward itself, its people — the row's ward, set when it
   * was written: hub/security/audit-guard.ts) and the reader's own, read per ward in SQL, so rows of
   * other wards or of unknown addresses can never push the ward's own off the page (issue 17).
   */
  async auditFor(user: UserRecord, ward: string, repo: HubRepository) {
    if (!canActOnWard(user, ward)) return no(403, 'forbidden', 'staff of that ward only');
    return ok(await repo.auditForWard(ward, `user:${user.username}`, 300));
  }
}
