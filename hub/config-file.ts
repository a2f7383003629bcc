/**
 * The hub's `--config hub.json` file (hub/main.ts): every key optional,
 * unknown keys refused (a typo must not pass silently), checked here so the
 * schema can be tested without starting a hub. Layer: hub (node).
 *
 *   { ringTimeoutMs, escalateMs, noAnswerMs, callGraceMs, sessionTtlMs, secureCookies, trustProxy: [addr|cidr],
 *     turn: {urls, secret, ttl}, wardContacts: {ward: {name, phone}},
 *     fleet: { offlineAfterMs, sweepMs, alertRules: {offlineAlertMs, crashThreshold},
 *              smtp: {host, port, from, to, toByWard: {ward: [to]}, secure, auth: {user, pass}} },
 *     retention: { applicationDataDays, callbackDays, auditDays, screenshotDays, kioskLogDays, callNoteDays } (docs/security.md),
 *     pairing: { ttlMs, pollMs, maxOpenPerIp, startsPerMinutePerIp, pollsPerMinutePerIp,
 *                failuresMax, lockMs, reenrolWindowMs, collectGraceMs },
 *     province: { kind: "opencps", url, user, password, groupId, agencyCode, pollMs, actions, timeoutMs },
 *     cluster: { leaseRetryMs, presence: {everyMs, deadAfterMs}, help: {beatMs, deadAfterMs, opTimeoutMs, startWaitMs} } (hub/cluster/config.ts) }
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import { WardId } from '../common/contract/hub-common.ts';
import { jsonErrorWhere } from '../common/validate/json-where.ts';
import { ProvinceFileConfig } from './province/link.ts';
import { ClusterFileConfig } from './cluster/config.ts';

const Email = z.email().max(254);
/** An IP address or a CIDR block ("10.0.0.0/8", "::1"). */
const ProxyAddress = z
  .string()
  .max(64)
  .refine((v) => {
    const [addr = '', bits, extra] = v.split('/');
    const family = isIP(addr);
    if (!family || extra !== undefined) return false;
    if (bits === undefined) return true;
    return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
  }, 'an IP address or CIDR block');

export const SmtpFileConfig = z
  .object({
    host: z.string().min(1).max(253),
    port: z.number().int().min(1).max(65535),
    from: Email,
    to: z.union([Email, z.array(Email).min(1).max(50)]),
    /** Per ward (its code): alerts about that ward's kiosks go to these addresses instead of `to`. */
    toByWard: z.record(WardId, z.array(Email).min(1).max(50)).optional(),
    /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. */
    secure: z.boolean().optional(),
    auth: z.object({ user: z.string().min(1).max(200), pass: z.string().min(1).max(500) }).strict().nullable().optional(),
  })
  .strict();

export const FleetFileConfig = z
  .object({
    /** No heartbeat for this long → offline (kiosks beat every 15 s; default 30 s). */
    offlineAfterMs: z.number().int().min(5_000).max(3_600_000).optional(),
    sweepMs: z.number().int().min(500).max(60_000).optional(),
    alertRules: z
      .object({ offlineAlertMs: z.number().int().min(10_000).max(7 * 86_400_000).optional(), crashThreshold: z.number().int().min(1).max(100).optional() })
      .strict()
      .optional(),
    /** Alerts are mailed when set (null or absent: shown in the console only). */
    smtp: SmtpFileConfig.nullable().optional(),
  })
  .strict();

/** Pairing (hub/fleet/pairing.ts): the code's lifetime, the poll interval, the limits. */
export const PairingFileConfig = z
  .object({
    ttlMs: z.number().int().min(60_000).max(24 * 3600_000).optional(),
    pollMs: z.number().int().min(500).max(60_000).optional(),
    maxOpenPerIp: z.number().int().min(1).max(10_000).optional(),
    startsPerMinutePerIp: z.number().int().min(1).max(100_000).optional(),
    pollsPerMinutePerIp: z.number().int().min(1).max(1_000_000).optional(),
    failuresMax: z.number().int().min(1).max(100).optional(),
    lockMs: z.number().int().min(1000).max(24 * 3600_000).optional(),
    reenrolWindowMs: z.number().int().min(60_000).max(7 * 86_400_000).optional(),
    collectGraceMs: z.number().int().min(10_000).max(3600_000).optional(),
  })
  .strict();

export const HubFileConfig = z
  .object({
    ringTimeoutMs: z.number().int().min(1000).max(600_000).optional(),
    escalateMs: z.number().int().min(100).max(600_000).optional(),
    /** Rung this long for one request without answering → the volunteer goes Tạm vắng (default 30 s). */
    noAnswerMs: z.number().int().min(1000).max(600_000).optional(),
    callGraceMs: z.number().int().min(1000).max(3_600_000).optional(),
    sessionTtlMs: z.number().int().min(60_000).max(30 * 24 * 3600_000).optional(),
    secureCookies: z.boolean().optional(),
    /** Reverse proxies whose X-Forwarded-For is believed: IPv4/IPv6 addresses or CIDRs. */
    trustProxy: z.array(ProxyAddress).max(20).optional(),
    turn: z.object({ urls: z.array(z.string().regex(/^turns?:/)).min(1), secret: z.string().min(16), ttl: z.number().int().min(60).max(86_400) }).strict().nullable().optional(),
    wardContacts: z.record(z.string(), z.object({ name: z.string().max(120), phone: z.string().max(40) }).strict()).optional(),
    fleet: FleetFileConfig.optional(),
    pairing: PairingFileConfig.optional(),
    /** Days personal data and audit rows are kept (hub/security/retention.ts, docs/security.md "Retention"). */
    retention: z
      .object({
        applicationDataDays: z.number().int().min(1).max(3650).optional(),
        callbackDays: z.number().int().min(1).max(365).optional(),
        auditDays: z.number().int().min(30).max(3650).optional(),
        screenshotDays: z.number().int().min(1).max(365).optional(),
        kioskLogDays: z.number().int().min(1).max(365).optional(),
        callNoteDays: z.number().int().min(1).max(3650).optional(),
      })
      .strict()
      .optional(),
    /** The province's one-stop system (hub/province/link.ts); absent or null: inbox only. */
    province: ProvinceFileConfig.nullable().optional(),
    /** Timings between hub instances (issue 18, docs/cluster.md). */
    cluster: ClusterFileConfig.optional(),
  })
  .strict();
export type HubFileConfig = z.infer<typeof HubFileConfig>;

/** Parse the file's text; the error names the field paths (never the values: the file holds secrets). */
export function parseHubFileConfig(text: string, label = 'hub.json'): HubFileConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // Where, never what: V8's own message quotes the text around the fault, and the file holds secrets.
    throw new Error(`${label}: not valid JSON${jsonErrorWhere(text)}`);
  }
  const r = HubFileConfig.safeParse(raw);
  if (!r.success) throw new Error(`${label}: ${r.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.code === 'custom' ? i.message : i.code}`).join('; ')}`);
  return r.data;
}
