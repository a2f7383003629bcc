/**
 * The fleet's in-memory view of one kiosk, shared by the fleet's slices (fleet.ts, fleet-alerts.ts,
 * fleet-cluster.ts). Across hub instances (issue 18) one instance is the kiosk's *authority*: the one
 * its socket last connected to (`instance`, `connAt`). Only the authority sweeps it, evaluates its
 * alerts and tells the others what changed; a newer connection (later `connAt`) takes over.
 * Layer: hub (node).
 */
import type { AlertKind, AlertView, KioskStatusView } from '../../common/contract/hub-console.ts';
import type { KioskHealth } from '../../common/contract/hub-kiosk.ts';
import type { KioskRecord, UserRecord } from '../db/repository.ts';

export interface Live {
  kiosk: KioskRecord;
  online: boolean;
  lastHeartbeatAt: number | null;
  health: KioskHealth | null;
  lastSampleAt: number;
  lastSavedAt: number;
  restarts: number[];
  /** A restart asked by staff is not a crash. */
  expectRestartUntil: number;
  alerts: Map<AlertKind, AlertView>;
  /** The instance that is the kiosk's authority (null: none yet — the sweep lease's owner looks after it). */
  instance: string | null;
  /** When the kiosk's socket connected to that instance (orders authority claims). */
  connAt: number;
}

export function newLive(k: KioskRecord): Live {
  return { kiosk: k, online: false, lastHeartbeatAt: null, health: null, lastSampleAt: 0, lastSavedAt: 0, restarts: [], expectRestartUntil: 0, alerts: new Map(), instance: null, connAt: 0 };
}

export const significant = (a: KioskHealth | null, b: KioskHealth): boolean =>
  !a ||
  a.printer.state !== b.printer.state ||
  a.printer.paperNearEnd !== b.printer.paperNearEnd ||
  a.scanner.state !== b.scanner.state ||
  a.appVersion !== b.appVersion ||
  a.configVersion !== b.configVersion ||
  a.crashesLastHour !== b.crashesLastHour;

export function canActOnWard(user: UserRecord, ward: string): boolean {
  return user.role === 'admin' || (user.role === 'staff' && user.ward === ward);
}

export function statusView(l: Live, publishedVersion: number | undefined): KioskStatusView {
  return {
    kioskId: l.kiosk.id,
    ward: l.kiosk.ward,
    name: l.kiosk.name,
    online: l.online,
    lastHeartbeatAt: l.lastHeartbeatAt,
    health: l.health,
    publishedVersion: publishedVersion === undefined ? null : String(publishedVersion),
    openAlerts: [...l.alerts.keys()],
  };
}
