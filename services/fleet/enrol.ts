/**
 * Enrolment: a new kiosk exchanges a one-time code for its device secret.
 * Layer: node.
 *
 * The flow (docs/fleet.md "Enrolment"): ward staff create the code in the
 * staff console (8 characters, no 0/O/1/I, valid 30 minutes); at the kiosk
 * they open the staff menu (hidden corner + PIN) and type it on the code pad —
 * or, for an automated install, the installer passes it once on the command
 * line (`--enrol-code`) or in WARD_KIOSK_HUB_CODE. The kiosk posts
 * `{code, kioskId, name}` to POST /api/kiosks/enrol and keeps the secret in
 * its SQLite store (meta `hub_secret:<hub url>`): the code is spent, never
 * stored. The other way round — the kiosk shows a code, staff type it in the
 * console — is services/fleet/pairing.ts.
 */
import { EnrolmentCode, EnrolRequest, EnrolResponse } from '../../common/contract/hub-kiosk.ts';
import type { KioskStore } from '../store.ts';

export type EnrolFailure = 'bad-code' | 'already-enrolled' | 'unreachable' | 'no-hub' | 'refused';
export type EnrolOutcome = { ok: true; secret: string; ward: string } | { ok: false; reason: EnrolFailure };

const secretKey = (hubUrl: string) => `hub_secret:${hubUrl}`;

export function storedSecret(store: KioskStore, hubUrl: string): string | null {
  const row = store.db.prepare('SELECT value FROM meta WHERE key = ?').get(secretKey(hubUrl)) as { value: string } | undefined;
  return row?.value ?? null;
}

export function saveSecret(store: KioskStore, hubUrl: string, secret: string): void {
  store.db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(secretKey(hubUrl), secret);
}

/** The hub retired this kiosk: its secret is dead. */
export function forgetSecret(store: KioskStore, hubUrl: string): void {
  store.db.prepare('DELETE FROM meta WHERE key = ?').run(secretKey(hubUrl));
}

/** The kiosk's name in the staff console: its number and ward (≤ 80 characters). */
export function kioskName(number: number, wardName: string): string {
  return `Kiosk số ${number} · ${wardName}`.slice(0, 80);
}

export async function enrol(hubUrl: string, code: string, kioskId: string, name: string, timeoutMs = 10_000): Promise<EnrolOutcome> {
  const c = EnrolmentCode.safeParse(code);
  if (!c.success) return { ok: false, reason: 'bad-code' };
  const body = EnrolRequest.parse({ code: c.data, kioskId, name });
  let res: Response;
  try {
    res = await fetch(new URL('/api/kiosks/enrol', hubUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    return { ok: false, reason: 'unreachable' };
  }
  if (res.status === 403 || res.status === 400) return { ok: false, reason: 'bad-code' };
  if (res.status === 409) return { ok: false, reason: 'already-enrolled' };
  if (!res.ok) return { ok: false, reason: res.status >= 500 ? 'unreachable' : 'refused' };
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    return { ok: false, reason: 'refused' };
  }
  const parsed = EnrolResponse.safeParse(json);
  if (!parsed.success || parsed.data.kioskId !== kioskId) return { ok: false, reason: 'refused' };
  return { ok: true, secret: parsed.data.secret, ward: parsed.data.ward };
}
