/**
 * Statistics (pure): kiosk day reports + the hub's own data (help requests,
 * applications) → per-day and per-kiosk figures, and the CSV export.
 * Days are calendar days in Vietnam (UTC+7, no daylight saving).
 * Layer: hub (node-free). The report's types live in common/stats/report.ts (the staff console draws them).
 */
import type { KioskDayStats } from '../../common/contract/hub-kiosk.ts';
import type { DayFigures, StatsReport } from '../../common/stats/report.ts';

export type { DayFigures, StatsReport };

export const VN_OFFSET_MS = 7 * 3600_000;

/** YYYY-MM-DD of a time in Vietnam. */
export function dayOf(ms: number): string {
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 10);
}
/** Start of a Vietnamese day, in ms since the epoch. */
export function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - VN_OFFSET_MS;
}
export function daysBetween(from: string, to: string, max = 366): string[] {
  const out: string[] = [];
  for (let t = dayStart(from); t <= dayStart(to) && out.length < max; t += 86_400_000) out.push(dayOf(t));
  return out;
}

const mean = (ratings: readonly number[]): number | null => {
  const count = ratings.reduce((a, b) => a + b, 0);
  return count ? ratings.reduce((a, c, i) => a + c * (i + 1), 0) / count : null;
};

export function buildReport(input: {
  ward: string;
  from: string;
  to: string;
  kioskDays: { kioskId: string; day: string; counters: KioskDayStats }[];
  help: { createdAt: number; acceptedAt: number | null }[];
  applications: { receivedAt: number; serviceCode: string }[];
}): StatsReport {
  const days = new Map<string, DayFigures & { waitSum: number }>();
  for (const d of daysBetween(input.from, input.to)) {
    days.set(d, { day: d, sessions: 0, completed: 0, completionRate: 0, receipts: 0, helpCalls: 0, helpAnswered: 0, helpWaitSec: null, ratings: [0, 0, 0, 0, 0], satisfaction: null, applications: 0, waitSum: 0 });
  }
  const perKiosk = new Map<string, { kioskId: string; sessions: number; completed: number; receipts: number }>();
  const services = new Map<string, { code: string; sessions: number; applications: number }>();
  const svc = (code: string) => {
    let s = services.get(code);
    if (!s) services.set(code, (s = { code, sessions: 0, applications: 0 }));
    return s;
  };
  for (const r of input.kioskDays) {
    const d = days.get(r.day);
    if (!d) continue;
    const c = r.counters;
    d.sessions += c.sessions;
    d.completed += c.completed;
    d.receipts += c.receipts;
    c.ratings.forEach((v, i) => (d.ratings[i] = (d.ratings[i] ?? 0) + v));
    const k = perKiosk.get(r.kioskId) ?? { kioskId: r.kioskId, sessions: 0, completed: 0, receipts: 0 };
    k.sessions += c.sessions;
    k.completed += c.completed;
    k.receipts += c.receipts;
    perKiosk.set(r.kioskId, k);
    for (const [code, count] of Object.entries(c.services)) svc(code).sessions += count;
  }
  for (const h of input.help) {
    const d = days.get(dayOf(h.createdAt));
    if (!d) continue;
    d.helpCalls++;
    if (h.acceptedAt !== null) {
      d.helpAnswered++;
      d.waitSum += Math.max(0, h.acceptedAt - h.createdAt);
    }
  }
  for (const a of input.applications) {
    const d = days.get(dayOf(a.receivedAt));
    if (!d) continue;
    d.applications++;
    svc(a.serviceCode).applications++;
  }
  const list: DayFigures[] = [...days.values()].map(({ waitSum, ...d }) => ({
    ...d,
    completionRate: d.sessions ? d.completed / d.sessions : 0,
    helpWaitSec: d.helpAnswered ? Math.round(waitSum / d.helpAnswered / 100) / 10 : null,
    satisfaction: mean(d.ratings),
  }));
  const sum = (f: (d: DayFigures) => number) => list.reduce((a, d) => a + f(d), 0);
  const ratings = [0, 1, 2, 3, 4].map((i) => sum((d) => d.ratings[i]!)) as DayFigures['ratings'];
  const waitTotal = [...days.values()].reduce((a, d) => a + d.waitSum, 0);
  const totals: StatsReport['totals'] = {
    sessions: sum((d) => d.sessions),
    completed: sum((d) => d.completed),
    completionRate: 0,
    receipts: sum((d) => d.receipts),
    helpCalls: sum((d) => d.helpCalls),
    helpAnswered: sum((d) => d.helpAnswered),
    helpWaitSec: null,
    ratings,
    satisfaction: mean(ratings),
    applications: sum((d) => d.applications),
  };
  totals.completionRate = totals.sessions ? totals.completed / totals.sessions : 0;
  totals.helpWaitSec = totals.helpAnswered ? Math.round(waitTotal / totals.helpAnswered / 100) / 10 : null;
  return {
    ward: input.ward,
    from: input.from,
    to: input.to,
    days: list,
    perKiosk: [...perKiosk.values()].sort((a, b) => a.kioskId.localeCompare(b.kioskId)),
    services: [...services.values()].sort((a, b) => b.sessions - a.sessions || b.applications - a.applications || a.code.localeCompare(b.code)),
    totals,
  };
}

const cell = (v: string | number | null): string => {
  const s = v === null ? '' : String(v);
  // Quote always; neutralise formula injection in spreadsheets.
  return `"${(/^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s).replace(/"/g, '""')}"`;
};

/** One row per day, UTF-8 with a BOM (Excel opens Vietnamese headers right). */
export function reportCsv(r: StatsReport): string {
  const head = ['ngay', 'phien', 'hoan_thanh', 'ty_le_hoan_thanh', 'bien_nhan_in', 'goi_ho_tro', 'ho_tro_duoc_tra_loi', 'cho_trung_binh_giay', 'danh_gia_1', 'danh_gia_2', 'danh_gia_3', 'danh_gia_4', 'danh_gia_5', 'hai_long_trung_binh', 'ho_so_nhan'];
  const rows = r.days.map((d) => [
    d.day,
    d.sessions,
    d.completed,
    d.completionRate.toFixed(3),
    d.receipts,
    d.helpCalls,
    d.helpAnswered,
    d.helpWaitSec,
    ...d.ratings,
    d.satisfaction === null ? null : d.satisfaction.toFixed(2),
    d.applications,
  ]);
  return `\ufeff${[head, ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
