/**
 * Fleet test helpers: a simulated kiosk (heartbeats, acks) on top of the hub
 * test helpers. Loopback only; every wait is bounded.
 */
import type { KioskHealth } from '../../../common/contract/hub-kiosk.ts';
import { kioskAuthorization } from '../../../common/contract/hub-kiosk.ts';
import { get, type Client } from '../hub/helpers.ts';

export * from '../hub/helpers.ts';

export const HEALTH: KioskHealth = {
  appVersion: '0.1.0',
  configVersion: null,
  uptimeSec: 100,
  printer: { state: 'ok', paperNearEnd: false },
  scanner: { state: 'ok' },
  diskFreeMb: 20_000,
  screen: 'home',
  crashesLastHour: 0,
};

export function health(over: Partial<KioskHealth> = {}): KioskHealth {
  return { ...HEALTH, ...over };
}

/** Sends a heartbeat and waits for its ack. */
export async function beat(c: Client, over: Partial<KioskHealth> = {}): Promise<void> {
  const seq = c.send({ type: 'heartbeat', health: health(over) });
  await c.next((m) => m.type === 'heartbeat.ack' && m.refSeq === seq, 3000, `heartbeat.ack ${seq}`);
}

export async function until<T>(f: () => Promise<T | null | undefined | false> | T | null | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function kioskGet(url: string, kioskId: string, secret: string) {
  return get(url, { authorization: kioskAuthorization(kioskId, secret) });
}

export const BASE_SETTINGS = {
  schemaVersion: 1,
  ward: {
    name: { vi: 'UBND Phường Cửa Nam (demo)', en: 'Cua Nam Ward (demo)' },
    address: { vi: 'Nhà sinh hoạt cộng đồng tổ dân phố 5', en: 'Community house 5' },
    agencyCode: '000.00.12.H29',
    hotline: '024 3825 1234',
    counterHours: { vi: 'Thứ Hai đến Thứ Sáu', en: 'Monday to Friday' },
    unit: { provinceCode: '01', wardCode: '00082' },
  },
  timeouts: { idleSeconds: 90, warningSeconds: 30 },
  languages: { default: 'vi', enabled: ['vi', 'en'] },
  accessibility: { voiceGuidance: true, largeTextDefault: false, highContrastDefault: false },
  staff: {
    pinHash: 'pin6$scrypt$16384$8$1$2f8f6133dfc06d837093e397534fad05$26cddb2477e1e3d34b39124ef97b499ec447d5713a57ebc77d01d8a100a0dd4b',
    exitCorner: 'top-left',
    exitTaps: 5,
  },
  services: 'all',
  maintenance: { active: false, message: null },
};

export const SMALL_CATALOGUE = {
  schemaVersion: 1,
  categories: [{ id: 'ho-tich', name: { vi: 'Hộ tịch', en: 'Civil status' }, description: { vi: 'Khai sinh, kết hôn', en: 'Birth, marriage' }, icon: 'family' }],
  services: [
    {
      code: '1.001193',
      name: { vi: 'Đăng ký khai sinh', en: 'Birth registration' },
      field: 'ho-tich',
      audience: { vi: 'Cha mẹ', en: 'Parents' },
      summary: { vi: 'Đăng ký khai sinh cho trẻ', en: 'Register a birth' },
      documents: [{ text: { vi: 'Giấy chứng sinh', en: 'Birth certificate' }, required: true }],
      fee: { counter: { amountVnd: 0 }, online: { amountVnd: 0 } },
      legalTime: { vi: 'Trong ngày', en: 'Same day' },
      online: { level: 'toan-trinh', essential: true },
      popularity: 90,
      questions: [],
    },
  ],
};
