/**
 * Tracking that cannot be walked (issue 17, findings 6 and 15).
 *
 *  - Each application has a tracking PIN (common/tracking-pin.ts): the kiosk puts it in the
 *    receipt's QR (`/track/CODE?pin=…`); the hub keeps only its SHA-256 (`tracking_pins`,
 *    migration 8), written when the application is stored — or, for one stored before or
 *    whose row is missing, computes it from the submitting kiosk's secret hash.
 *  - `GET /track/:code` is a small public page: without a PIN it asks for it; with the right
 *    PIN it shows the status and dates only (never a staff note, never the answers); a wrong
 *    PIN is a miss, and an address has `missesPerAddress` misses per 10 minutes (then 429).
 *  - A kiosk's track lookups are bounded too (`kioskLookupsPerHour`), so a stolen kiosk secret
 *    cannot walk the ward's codes quickly.
 * Layer: hub (node).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { AppCode, type ApplicationStatus } from '../../common/contract/hub-kiosk.ts';
import { TRACKING_PIN, trackingPin } from '../../common/tracking-pin.ts';
import type { StoredApplication } from '../applications/applications.ts';
import type { AuditEntry, HubRepository } from '../db/repository.ts';
import { addressKey } from './audit-guard.ts';
import { WindowCounter } from './limits.ts';

export interface TrackingLimits {
  missesPerAddress: number;
  kioskLookupsPerHour: number;
}
export const DEFAULT_TRACKING_LIMITS: TrackingLimits = { missesPerAddress: 20, kioskLookupsPerHour: 120 };

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

const STATUS_VI: Record<ApplicationStatus, string> = {
  received: 'Đã tiếp nhận',
  processing: 'Đang xử lý',
  'needs-more': 'Cần bổ sung giấy tờ — xin liên hệ bộ phận một cửa',
  done: 'Đã có kết quả',
};
const STATUS_EN: Record<ApplicationStatus, string> = {
  received: 'Received',
  processing: 'In progress',
  'needs-more': 'More papers needed — please contact the one-stop desk',
  done: 'Result ready',
};

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const when = (ms: number): string => new Date(ms).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour12: false });

export class Tracking {
  private readonly misses = new WindowCounter(10 * 60_000, 50_000);
  private readonly kioskLookups = new WindowCounter(3_600_000, 10_000);

  constructor(
    private readonly repo: HubRepository,
    private readonly audit: (e: AuditEntry) => void,
    private readonly now: () => number,
    readonly limits: TrackingLimits = DEFAULT_TRACKING_LIMITS,
  ) {}

  /** onStored listener: keeps the hash of the application's PIN. */
  async remember(app: StoredApplication): Promise<void> {
    const pin = await this.expectedPin(app.kioskId, app.code);
    if (!pin) return;
    await this.repo.driver.run('INSERT INTO tracking_pins (application_id, pin_hash, created_at) VALUES (?, ?, ?) ON CONFLICT (application_id) DO NOTHING', [app.id, sha(pin), this.now()]);
  }

  /** Whether a kiosk may look up one more code now. */
  kioskMayLookUp(kioskId: string): boolean {
    const n = this.kioskLookups.hit(kioskId, this.now());
    if (n === this.limits.kioskLookupsPerHour + 1) this.audit({ actor: `kiosk:${kioskId}`, action: 'track.limited', target: `kiosk:${kioskId}`, detail: `lookups>${this.limits.kioskLookupsPerHour}/h` });
    return n <= this.limits.kioskLookupsPerHour;
  }

  private async expectedPin(kioskId: string, code: string): Promise<string | null> {
    const [k] = await this.repo.driver.all('SELECT secret_hash FROM kiosks WHERE id = ?', [kioskId]);
    const secretHash = k ? String(k.secret_hash) : '';
    return secretHash ? trackingPin(secretHash, code) : null;
  }

  /** The application if the PIN is its own; null otherwise (unknown code, wrong PIN). */
  async verify(code: string, pin: string): Promise<{ id: string; serviceCode: string; receivedAt: number } | null> {
    const [a] = await this.repo.driver.all('SELECT a.id, a.kiosk_id, a.service_code, a.received_at, p.pin_hash FROM applications a LEFT JOIN tracking_pins p ON p.application_id = a.id WHERE a.code = ?', [code]);
    const given = Buffer.from(sha(pin), 'hex');
    let stored = a?.pin_hash ? String(a.pin_hash) : null;
    if (a && !stored) {
      const pinNow = await this.expectedPin(String(a.kiosk_id), code);
      stored = pinNow ? sha(pinNow) : null;
    }
    const want = Buffer.from(stored ?? sha(`no-such-application:${code}`), 'hex');
    const ok = timingSafeEqual(given, want) && !!a && !!stored;
    return ok ? { id: String(a!.id), serviceCode: String(a!.service_code), receivedAt: Number(a!.received_at) } : null;
  }

  register(app: FastifyInstance): void {
    app.get<{ Params: { code: string }; Querystring: { pin?: string } }>('/track/:code', async (req, reply) => {
      reply.type('text/html; charset=utf-8');
      const c = AppCode.safeParse(req.params.code);
      if (!c.success) return reply.code(404).send(page('Không tìm thấy hồ sơ', '<p>Mã hồ sơ không đúng dạng.</p><p lang="en">Not an application code.</p>'));
      const code = c.data;
      const pin = typeof req.query.pin === 'string' ? req.query.pin.trim() : '';
      if (!pin) return page(`Tra cứu hồ sơ ${code}`, form(code, false));
      const key = addressKey(req.ip);
      const t = this.now();
      if (this.misses.count(key, t) >= this.limits.missesPerAddress) {
        reply.header('Retry-After', '600');
        return reply.code(429).send(page('Xin thử lại sau', '<p>Bạn đã nhập sai nhiều lần. Xin thử lại sau 10 phút.</p><p lang="en">Too many wrong tries. Please try again in 10 minutes.</p>'));
      }
      const a = TRACKING_PIN.test(pin) ? await this.verify(code, pin) : null;
      if (!a) {
        if (this.misses.hit(key, t) === 1) this.audit({ actor: `ip:${req.ip}`, action: 'track.miss', target: null, detail: null });
        return reply.code(404).send(page(`Tra cứu hồ sơ ${code}`, `<p class="err" role="alert">Mã hồ sơ hoặc mã PIN không đúng.</p><p lang="en">Wrong application code or PIN.</p>${form(code, true)}`));
      }
      const events = await this.repo.driver.all('SELECT at, status FROM application_events WHERE application_id = ? ORDER BY at, id', [a.id]);
      const steps = [{ at: a.receivedAt, status: 'received' as ApplicationStatus }, ...events.map((e) => ({ at: Number(e.at), status: String(e.status) as ApplicationStatus }))];
      const items = steps
        .slice(-20)
        .map((s) => `<li><strong>${esc(STATUS_VI[s.status] ?? s.status)}</strong> <span lang="en">(${esc(STATUS_EN[s.status] ?? s.status)})</span><br><time>${esc(when(s.at))}</time></li>`)
        .join('');
      return page(`Hồ sơ ${code}`, `<p>Mã thủ tục: ${esc(a.serviceCode)}</p><ol class="steps">${items}</ol>`);
    });
  }
}

function form(code: string, retry: boolean): string {
  return `<form method="get" action="/track/${esc(code)}">
<label for="pin">Mã PIN tra cứu (8 chữ số, in cùng mã QR trên phiếu hẹn)<br><span lang="en">Tracking PIN (8 digits, with the QR code on the receipt)</span></label>
<input id="pin" name="pin" inputmode="numeric" autocomplete="off" pattern="[0-9]{8}" maxlength="8" required${retry ? ' autofocus' : ''}>
<button type="submit">Tra cứu · Track</button>
</form>`;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer"><title>${esc(title)}</title>
<style>body{font:20px/1.5 system-ui,sans-serif;margin:0 auto;max-width:40rem;padding:1rem;color:#111;background:#fff}input,button{font:inherit;min-height:48px;margin:.5rem 0;padding:0 .75rem}button{background:#0b57d0;color:#fff;border:0;border-radius:6px}.err{color:#a00;font-weight:bold}.steps li{margin:.5rem 0}</style>
</head><body><h1>${esc(title)}</h1>${body}</body></html>`;
}
