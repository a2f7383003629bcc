/**
 * The ward's statistics report (GET /api/fleet/stats): built by the hub
 * (hub/fleet/stats.ts), drawn by the staff console. Types only.
 * Layer: common.
 */
export interface DayFigures {
  day: string;
  sessions: number;
  completed: number;
  /** completed / sessions (0 when no session). */
  completionRate: number;
  receipts: number;
  /** Help calls from the hub's help queue. */
  helpCalls: number;
  helpAnswered: number;
  /** Mean time from request to accept, seconds (null: none answered). */
  helpWaitSec: number | null;
  ratings: [number, number, number, number, number];
  /** Mean rating 1..5 (null: no rating). */
  satisfaction: number | null;
  applications: number;
}

export interface StatsReport {
  ward: string;
  from: string;
  to: string;
  days: DayFigures[];
  perKiosk: { kioskId: string; sessions: number; completed: number; receipts: number }[];
  services: { code: string; sessions: number; applications: number }[];
  totals: Omit<DayFigures, 'day'>;
}
