/**
 * The hub's login and enrolment routes (moved out of app.ts, issue 19's file size; behaviour unchanged):
 *   POST /api/login · POST /api/logout · GET /api/me
 *   POST /api/enrolment-codes (staff/admin) · POST /api/kiosks/enrol (one-time code)
 * Login limits (hub/security/login-limits.ts; shared by instances on PostgreSQL: shared-limits.ts)
 * and enrolment tries per address (finding 11) are checked here.
 * Layer: hub (node).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { EnrolmentCodeRequest, LoginRequest, SESSION_COOKIE } from '../../common/contract/hub-console.ts';
import { EnrolRequest } from '../../common/contract/hub-kiosk.ts';
import { dummyPasswordHash, newEnrolmentCode, newToken, sha256Hex, verifyPassword } from '../auth/crypto.ts';
import type { AuditEntry, HubRepository, UserRecord } from '../db/repository.ts';
import { addressKey } from '../security/audit-guard.ts';
import { WindowCounter } from '../security/limits.ts';
import { DEFAULT_LOGIN_LIMITS, LoginLimiter, type LoginLimits } from '../security/login-limits.ts';
import { SharedLoginLimiter, SqlWindowCounter } from '../security/shared-limits.ts';
import { httpError } from './http.ts';

/** The session cookie's name over HTTPS: `__Host-` binds it to this host, path / and Secure. */
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

export interface AuthRouteDeps {
  repo: HubRepository;
  audit: (e: AuditEntry) => void;
  now: () => number;
  body: <S extends z.ZodType>(schema: S, req: FastifyRequest, reply: FastifyReply) => z.infer<S> | null;
  sessionOf: (req: FastifyRequest) => Promise<{ user: UserRecord; tokenHash: string; expiresAt: number } | null>;
  secureFor: (req: FastifyRequest) => boolean;
  sessionTtlMs: number;
  endSession: (tokenHash: string) => void;
  /** Several instances on PostgreSQL: the limits are counted in the database. */
  shared: boolean;
  loginLimits?: Partial<LoginLimits>;
  enrolTriesPerAddress?: number;
}

export function registerAuthRoutes(app: FastifyInstance, d: AuthRouteDeps): void {
  const { repo, audit, now, body, sessionOf, secureFor, sessionTtlMs } = d;
  const userView = (u: UserRecord) => ({ username: u.username, displayName: u.displayName, role: u.role, ward: u.ward, languages: u.languages });

  // ---------------------------------------------------------------- auth
  // Issue 18: several instances share their limits through the database (hub/security/shared-limits.ts).
  const loginLimits = { ...DEFAULT_LOGIN_LIMITS, ...d.loginLimits };
  const logins = d.shared ? new SharedLoginLimiter(repo.driver, loginLimits, now) : new LoginLimiter(loginLimits, now);
  /** One audit row per address, user and scope per minute of refusals (not one per try). */
  const lockAudited = new WindowCounter(60_000, 10_000);

  app.post('/api/login', async (req, reply) => {
    const b = body(LoginRequest, req, reply);
    if (!b) return reply;
    const t = now();
    const verdict = await logins.check(b.username, req.ip);
    if (!verdict.ok) {
      if (lockAudited.hit(`${addressKey(req.ip)}|${b.username}|${verdict.scope}`, t) === 1) {
        audit({ actor: `ip:${req.ip}`, action: 'login.locked', target: `user:${b.username}`, detail: `scope=${verdict.scope}` });
      }
      reply.header('Retry-After', String(Math.ceil(verdict.retryAfterMs / 1000)));
      return httpError(reply, 429, 'locked', 'too many failed attempts; wait and try again', { scope: verdict.scope, retryAfterMs: verdict.retryAfterMs });
    }
    const user = await repo.getUserByUsername(b.username);
    const good = await verifyPassword(b.password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !good || user.disabledAt) {
      await logins.failed(b.username, req.ip);
      audit({ actor: `ip:${req.ip}`, action: 'login.failed', target: `user:${b.username}`, detail: !user ? 'unknown_user' : !good ? 'bad_password' : 'disabled' });
      return httpError(reply, 401, 'unauthorized', 'wrong username or password');
    }
    await logins.succeeded(b.username, req.ip);
    const token = newToken();
    const expiresAt = t + sessionTtlMs;
    await repo.createSession(sha256Hex(token), user.id, t, expiresAt);
    void repo.deleteExpiredSessions(t).catch(() => undefined);
    const secure = secureFor(req);
    reply.setCookie(secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure, maxAge: Math.floor(sessionTtlMs / 1000) });
    audit({ actor: `user:${user.username}`, action: 'login.ok', target: null, detail: `role=${user.role}` });
    return { user: userView(user), sessionExpiresAt: expiresAt, mustChangePassword: !!user.mustChangePassword };
  });

  app.post('/api/logout', async (req, reply) => {
    const a = await sessionOf(req);
    if (a) {
      await repo.deleteSession(a.tokenHash);
      d.endSession(a.tokenHash); // its console sockets close too (finding 5)
      audit({ actor: `user:${a.user.username}`, action: 'logout', target: null, detail: null });
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    if (secureFor(req)) reply.clearCookie(SECURE_SESSION_COOKIE, { path: '/', secure: true });
    return { ok: true };
  });

  app.get('/api/me', async (req, reply) => {
    const a = await sessionOf(req);
    if (!a) return httpError(reply, 401, 'unauthorized', 'log in first');
    return { user: userView(a.user), sessionExpiresAt: a.expiresAt, mustChangePassword: !!a.user.mustChangePassword };
  });

  // ---------------------------------------------------------------- kiosks
  app.post('/api/enrolment-codes', async (req, reply) => {
    const a = await sessionOf(req);
    if (!a) return httpError(reply, 401, 'unauthorized', 'log in first');
    const b = body(EnrolmentCodeRequest, req, reply);
    if (!b) return reply;
    const allowed = a.user.role === 'admin' || (a.user.role === 'staff' && a.user.ward === b.ward);
    if (!allowed) {
      audit({ actor: `user:${a.user.username}`, action: 'enrolment.code.refused', target: `ward:${b.ward}`, detail: `role=${a.user.role}` });
      return httpError(reply, 403, 'forbidden', 'staff of that ward only');
    }
    const code = newEnrolmentCode();
    const t = now();
    const expiresAt = t + b.ttlMinutes * 60_000;
    await repo.createEnrolmentCode({ codeHash: sha256Hex(code), ward: b.ward, createdBy: a.user.id, createdAt: t, expiresAt });
    audit({ actor: `user:${a.user.username}`, action: 'enrolment.code', target: `ward:${b.ward}`, detail: `ttlMinutes=${b.ttlMinutes}` });
    return { code, ward: b.ward, expiresAt };
  });

  // Finding 11: tries per address are limited; refusals are audited once per address per window, not per try.
  const enrolTries = d.shared ? new SqlWindowCounter(repo.driver, 'enrol.address', 10 * 60_000) : new WindowCounter(10 * 60_000, 50_000);
  const enrolTriesMax = d.enrolTriesPerAddress ?? 10;
  const enrolAudited = new WindowCounter(10 * 60_000, 50_000);
  const enrolRefused = (req: FastifyRequest, kioskId: string, detail: string, tries: number): void => {
    if (enrolAudited.hit(`${addressKey(req.ip)}|${detail}`, now()) === 1) audit({ actor: `ip:${req.ip}`, action: 'enrolment.refused', target: `kiosk:${kioskId}`, detail });
    if (tries === enrolTriesMax) audit({ actor: `ip:${req.ip}`, action: 'enrolment.limited', target: null, detail: `tries=${tries} window=10min` });
  };
  app.post('/api/kiosks/enrol', async (req, reply) => {
    const t0 = now();
    const key = addressKey(req.ip);
    if ((await enrolTries.count(key, t0)) >= enrolTriesMax) {
      reply.header('Retry-After', '600');
      return httpError(reply, 429, 'rate_limited', 'too many enrolment tries from this address; wait 10 minutes');
    }
    const b = body(EnrolRequest, req, reply);
    if (!b) return reply;
    const codeHash = sha256Hex(b.code);
    if (await repo.getKiosk(b.kioskId)) {
      enrolRefused(req, b.kioskId, 'kiosk_exists', await enrolTries.hit(key, t0));
      return httpError(reply, 409, 'conflict', 'this kiosk id is already enrolled');
    }
    const t = now();
    const used = await repo.consumeEnrolmentCode(codeHash, b.kioskId, t);
    if (!used) {
      enrolRefused(req, b.kioskId, 'bad_or_expired_code', await enrolTries.hit(key, t0));
      return httpError(reply, 403, 'forbidden', 'unknown, used or expired code');
    }
    const secret = newToken();
    if (!(await repo.insertKiosk({ id: b.kioskId, ward: used.ward, name: b.name, secretHash: sha256Hex(secret), enrolledAt: t }))) {
      await repo.releaseEnrolmentCode(codeHash);
      audit({ actor: `ip:${req.ip}`, action: 'enrolment.refused', target: `kiosk:${b.kioskId}`, detail: 'kiosk_exists' });
      return httpError(reply, 409, 'conflict', 'this kiosk id is already enrolled');
    }
    audit({ actor: `kiosk:${b.kioskId}`, action: 'enrolment.ok', target: `ward:${used.ward}`, detail: null });
    return { kioskId: b.kioskId, ward: used.ward, secret };
  });
}
