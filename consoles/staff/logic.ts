/**
 * The staff console's pure logic (tested in tests/unit/fleet/console-logic.test.ts):
 * Vietnamese labels, the live-state reducer, JSON editing with errors per field.
 */
import type { AlertView, ApplicationView, CommandView, FieldIssue, KioskStatusView } from '../../common/contract/hub-console.ts';
import type { ApplicationStatus, CommandKind, KioskHealth } from '../../common/contract/hub-kiosk.ts';
import { validatePublication } from '../../common/validate/publication.ts';

export const STATUS_VI: Record<ApplicationStatus, string> = {
  received: 'Đã tiếp nhận',
  processing: 'Đang xử lý',
  'needs-more': 'Cần bổ sung',
  done: 'Đã có kết quả',
};

export const ALERT_VI: Record<AlertView['kind'], string> = {
  offline: 'Mất kết nối',
  'paper-out': 'Hết giấy in',
  'paper-near-end': 'Giấy in sắp hết',
  'scanner-missing': 'Không thấy máy quét',
  crashes: 'Ứng dụng lỗi lặp lại',
};

export const COMMAND_VI: Record<CommandKind, string> = {
  restart: 'Khởi động lại ứng dụng',
  'reload-catalogue': 'Tải lại danh mục thủ tục',
  'print-test': 'In thử biên nhận',
  maintenance: 'Chế độ bảo trì',
  'clear-print-queue': 'Xoá hàng đợi in',
  screenshot: 'Chụp màn hình',
  'send-logs': 'Lấy nhật ký máy',
};

export const RESULT_VI: Record<NonNullable<CommandView['result']>, string> = { ok: 'Đã thực hiện', failed: 'Thất bại', unsupported: 'Máy không hỗ trợ' };

export function printerVi(h: KioskHealth | null): string {
  if (!h) return '—';
  switch (h.printer.state) {
    case 'paper-out':
      return 'Hết giấy';
    case 'offline':
      return 'Mất kết nối máy in';
    case 'error':
      return 'Lỗi máy in';
    case 'none':
      return 'Không có máy in';
    default:
      return h.printer.paperNearEnd ? 'Sắp hết giấy' : 'Bình thường';
  }
}

export function scannerVi(h: KioskHealth | null): string {
  if (!h) return '—';
  return { ok: 'Bình thường', missing: 'Không thấy máy quét', error: 'Lỗi máy quét', none: 'Không có' }[h.scanner.state];
}

export function timeVi(ms: number | null): string {
  if (ms === null) return '—';
  return new Date(ms).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });
}

export function uptimeVi(sec: number): string {
  const h = Math.floor(sec / 3600);
  const m = Math.floor((sec % 3600) / 60);
  return h ? `${h} giờ ${m} phút` : `${m} phút`;
}

export interface LiveState {
  kiosks: Record<string, KioskStatusView>;
  alerts: AlertView[];
  applications: ApplicationView[];
  commands: Record<string, CommandView>;
  /** Bumped when the published version changes (the config page reloads). */
  configTick: number;
  screenshotTick: number;
  /** Bumped when a kiosk uploaded its recent logs (the device page reloads them). */
  logsTick: number;
  /** Kiosks retired while this console was open: id → who retired it (a device page open on one says so). */
  retired: Record<string, string>;
}

export const EMPTY: LiveState = { kiosks: {}, alerts: [], applications: [], commands: {}, configTick: 0, screenshotTick: 0, logsTick: 0, retired: {} };

/** A real kiosk can acknowledge a command before the POST that issued it has answered: never go back to pending. */
function keepAcked(prev: CommandView | undefined, next: CommandView): CommandView {
  return prev?.ackedAt && !next.ackedAt ? prev : next;
}

export type LiveAction =
  | { type: 'kiosks.load'; kiosks: KioskStatusView[] }
  | { type: 'alerts.load'; alerts: AlertView[] }
  | { type: 'applications.load'; applications: ApplicationView[] }
  | { type: 'commands.load'; commands: CommandView[] }
  | { type: 'fleet.kiosks'; kiosks: KioskStatusView[] }
  | { type: 'fleet.alert'; alert: AlertView }
  | { type: 'fleet.application'; application: ApplicationView }
  | { type: 'fleet.command'; command: CommandView }
  | { type: 'fleet.config' }
  | { type: 'fleet.screenshot' }
  | { type: 'fleet.logs' }
  | { type: 'fleet.kioskRetired'; kioskId: string; by: string };

const upsert = <T extends { id: string }>(list: T[], x: T, newestFirst = true): T[] => {
  const i = list.findIndex((y) => y.id === x.id);
  if (i >= 0) return list.map((y, j) => (j === i ? x : y));
  return newestFirst ? [x, ...list] : [...list, x];
};

export function reduce(s: LiveState, a: LiveAction): LiveState {
  switch (a.type) {
    case 'kiosks.load':
      return { ...s, kiosks: Object.fromEntries(a.kiosks.map((k) => [k.kioskId, k])) };
    case 'fleet.kiosks': {
      const kiosks = { ...s.kiosks };
      for (const k of a.kiosks) kiosks[k.kioskId] = k;
      return { ...s, kiosks };
    }
    case 'alerts.load':
      return { ...s, alerts: a.alerts };
    case 'fleet.alert':
      return { ...s, alerts: upsert(s.alerts, a.alert) };
    case 'applications.load':
      return { ...s, applications: a.applications };
    case 'fleet.application':
      return { ...s, applications: upsert(s.applications, a.application) };
    case 'commands.load': {
      const commands = { ...s.commands };
      for (const c of a.commands) commands[c.id] = keepAcked(commands[c.id], c);
      return { ...s, commands };
    }
    case 'fleet.command':
      return { ...s, commands: { ...s.commands, [a.command.id]: keepAcked(s.commands[a.command.id], a.command) } };
    case 'fleet.config':
      return { ...s, configTick: s.configTick + 1 };
    case 'fleet.screenshot':
      return { ...s, screenshotTick: s.screenshotTick + 1 };
    case 'fleet.logs':
      return { ...s, logsTick: s.logsTick + 1 };
    case 'fleet.kioskRetired': {
      const kiosks = { ...s.kiosks };
      delete kiosks[a.kioskId];
      return { ...s, kiosks, retired: { ...s.retired, [a.kioskId]: a.by } };
    }
  }
}

export interface EditorCheck {
  /** JSON syntax errors, per part. */
  syntax: { part: 'config' | 'catalogue'; message: string }[];
  issues: FieldIssue[];
  ok: boolean;
}

function parseJson(text: string, part: 'config' | 'catalogue'): { value: unknown } | { error: { part: 'config' | 'catalogue'; message: string } } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (e) {
    return { error: { part, message: `JSON không hợp lệ: ${(e as Error).message}` } };
  }
}

/** What the editor shows under the text areas: syntax errors, then schema issues per field path. */
export function checkEditor(configText: string, catalogueText: string, ward: string): EditorCheck {
  const a = parseJson(configText, 'config');
  const b = parseJson(catalogueText, 'catalogue');
  const syntax = [...('error' in a ? [a.error] : []), ...('error' in b ? [b.error] : [])];
  if (syntax.length || !('value' in a) || !('value' in b)) return { syntax, issues: [], ok: false };
  const v = validatePublication(a.value, b.value, ward);
  return { syntax: [], issues: v.ok ? [] : v.issues, ok: v.ok };
}

/** Last `days` days ending today (Vietnam), as YYYY-MM-DD. */
export function lastDays(days: number, now = Date.now()): { from: string; to: string } {
  const d = (ms: number) => new Date(ms + 7 * 3600_000).toISOString().slice(0, 10);
  return { from: d(now - (days - 1) * 86_400_000), to: d(now) };
}

export function sortedKiosks(s: LiveState): KioskStatusView[] {
  return Object.values(s.kiosks).sort((a, b) => Number(b.online) - Number(a.online) || a.kioskId.localeCompare(b.kioskId));
}
