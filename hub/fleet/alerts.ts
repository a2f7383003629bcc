/**
 * Alert rules (pure) and the mailer (nodemailer, only when `smtp` is configured).
 *
 *   offline          no heartbeat for `offlineAlertMs` (default 5 min)
 *   paper-out        printer.state = paper-out
 *   paper-near-end   printer.paperNearEnd (and not already out)
 *   scanner-missing  scanner.state = missing
 *   crashes          ≥ `crashThreshold` crashes in the last hour (the kiosk's count,
 *                    or app restarts the hub saw — uptime going back — not asked by staff)
 *
 * An alert opens once per (kiosk, kind) and resolves when the condition clears.
 * Layer: hub (node).
 */
import nodemailer from 'nodemailer';
import type { AlertKind, AlertView } from '../../common/contract/hub-console.ts';
import type { KioskHealth } from '../../common/contract/hub-kiosk.ts';

export interface AlertRules {
  offlineAlertMs: number;
  crashThreshold: number;
}
export const DEFAULT_ALERT_RULES: AlertRules = { offlineAlertMs: 5 * 60_000, crashThreshold: 3 };

export interface AlertInput {
  online: boolean;
  lastHeartbeatAt: number | null;
  health: KioskHealth | null;
  /** Restarts the hub saw within the last hour (uptime went back, not commanded). */
  restartsLastHour: number;
}

/** The alert kinds that hold now, with a short detail (codes and numbers only). */
export function activeAlerts(k: AlertInput, now: number, rules: AlertRules = DEFAULT_ALERT_RULES): Map<AlertKind, string | null> {
  const out = new Map<AlertKind, string | null>();
  if (!k.online && k.lastHeartbeatAt !== null && now - k.lastHeartbeatAt >= rules.offlineAlertMs) {
    out.set('offline', `minutes=${Math.floor((now - k.lastHeartbeatAt) / 60_000)}`);
  }
  const h = k.health;
  if (h) {
    if (h.printer.state === 'paper-out') out.set('paper-out', null);
    else if (h.printer.paperNearEnd) out.set('paper-near-end', null);
    if (h.scanner.state === 'missing') out.set('scanner-missing', null);
    const crashes = Math.max(h.crashesLastHour, k.restartsLastHour);
    if (crashes >= rules.crashThreshold) out.set('crashes', `lastHour=${crashes}`);
  }
  return out;
}

export const ALERT_LABEL_VI: Record<AlertKind, string> = {
  offline: 'Mất kết nối',
  'paper-out': 'Hết giấy in',
  'paper-near-end': 'Giấy in sắp hết',
  'scanner-missing': 'Không thấy máy quét',
  crashes: 'Ứng dụng lỗi lặp lại',
};

export interface SmtpConfig {
  host: string;
  port: number;
  from: string;
  to: string | string[];
  /** Per ward: an alert about a kiosk of a listed ward goes to these addresses instead of `to` (the ward's own một cửa). */
  toByWard?: Record<string, string[]>;
  /** TLS from the start (port 465). STARTTLS is used when the server offers it. */
  secure?: boolean;
  auth?: { user: string; pass: string } | null;
}

export interface Mailer {
  send(alert: AlertView, kioskName: string): Promise<void>;
  close(): void;
}

const timeVi = (ms: number): string => new Date(ms).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });

/**
 * Vietnamese mail for one alert: the kiosk, the problem, when — nothing else. A resolved alert
 * (sent only when its opening was mailed) says "Đã khắc phục" with both times.
 */
export function alertMail(alert: AlertView, kioskName: string): { subject: string; text: string } {
  const label = ALERT_LABEL_VI[alert.kind];
  const resolved = alert.state === 'resolved' && alert.resolvedAt !== null;
  return {
    subject: resolved ? `[Kiosk ${alert.kioskId}] Đã khắc phục: ${label}` : `[Kiosk ${alert.kioskId}] ${label}`,
    text: [
      `Máy kiosk: ${kioskName} (${alert.kioskId}), phường ${alert.ward}`,
      `${resolved ? 'Đã khắc phục' : 'Cảnh báo'}: ${label}${alert.detail ? ` (${alert.detail})` : ''}`,
      ...(resolved ? [`Bắt đầu: ${timeVi(alert.openedAt)}`, `Khắc phục lúc: ${timeVi(alert.resolvedAt!)}`] : [`Lúc: ${timeVi(alert.openedAt)}`]),
      '',
      'Xem chi tiết trong bảng điều khiển của cán bộ: /staff/',
    ].join('\n'),
  };
}

/** Who is mailed about an alert of this ward: the ward's own list when configured, else `to`. */
export function recipientsFor(smtp: Pick<SmtpConfig, 'to' | 'toByWard'>, ward: string): string | string[] {
  const own = smtp.toByWard?.[ward];
  return own && own.length > 0 ? own : smtp.to;
}

export function createMailer(smtp: SmtpConfig): Mailer {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure ?? false,
    ...(smtp.auth ? { auth: smtp.auth } : {}),
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 10_000,
  });
  return {
    async send(alert, kioskName) {
      const m = alertMail(alert, kioskName);
      await transport.sendMail({ from: smtp.from, to: recipientsFor(smtp, alert.ward), subject: m.subject, text: m.text });
    },
    close() {
      transport.close();
    },
  };
}
