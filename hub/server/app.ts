/**
 * The hub server: Fastify 5 + @fastify/websocket, loopback by default.
 *
 *   buildHub(options) → { app, repo, queue, start(), close() }
 *
 * HTTP (JSON bodies ≤ 64 KiB, each validated with the hub-console / hub-kiosk schemas):
 *   POST /api/login · POST /api/logout · GET /api/me
 *   POST /api/enrolment-codes (staff/admin) · POST /api/kiosks/enrol (one-time code)
 *   POST /api/kiosks/pairing · /pairing/poll (the kiosk shows a code) · /pairing/lookup · /pairing/approve
 *        · /api/kiosks/:id/reenrol (staff/admin) — hub/fleet/pairing.ts
 *   GET  /api/turn (a logged-in user or an enrolled kiosk) · GET /api/calls/mine
 *   GET  /api/callbacks · POST /api/callbacks/:id/done (deletes the phone number)
 *   GET  /api/health · static pages under /volunteer/ and /staff/
 * WebSocket: HUB_KIOSK_WS_PATH (kiosks), HUB_CONSOLE_WS_PATH (consoles; cookie).
 * Layer: hub (node).
 */
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { HUB_CONSOLE_WS_PATH, HUB_KIOSK_WS_PATH, MAX_HUB_MESSAGE_BYTES } from '../../common/contract/hub-common.ts';
import { EnrolmentCodeRequest, LoginRequest, SESSION_COOKIE } from '../../common/contract/hub-console.ts';
import { EnrolRequest } from '../../common/contract/hub-kiosk.ts';
import {
  dummyPasswordHash,
  newEnrolmentCode,
  newToken,
  sameHash,
  sha256Hex,
  turnCredentials,
  verifyPassword,
  type TurnConfig,
} from '../auth/crypto.ts';
import { openRepository } from '../db/index.ts';
import type { AuditEntry, HubRepository, KioskRecord, UserRecord } from '../db/repository.ts';
import { HelpQueue, type WardContact } from '../help/queue.ts';
import { Fleet, type FleetOptions } from '../fleet/fleet.ts';
import { registerFleetRoutes } from '../fleet/routes.ts';
import { Applications, type ApplicationsOptions } from '../applications/applications.ts';
import { registerApplicationsRoutes } from '../applications/routes.ts';
import { Pairings, registerPairingRoutes, type PairingOptions } from '../fleet/pairing.ts';
import { httpError, parseOrReply } from './http.ts';
import { attachProvince, type ProvinceFileConfig, type ProvinceLink, type ProvinceLinkOptions } from '../province/link.ts';
import { registerProvinceRoutes } from '../province/routes.ts';
import { DEFAULT_LIMITS, Gateway, type GatewayLimits } from './gateway.ts';

export interface HubOptions {
  /** `sqlite:FILE` (default `sqlite:hub.sqlite` in the working dir), `postgres://…`, or an open repository. */
  db?: string | HubRepository;
  /** 127.0.0.1 unless you mean it. */
  host?: string;
  /** 0 = any free port. */
  port?: number;
  ringTimeoutMs?: number;
  escalateMs?: number;
  /** A volunteer rung this long for one request without answering goes Tạm vắng (default 30 s). */
  noAnswerMs?: number;
  callGraceMs?: number;
  sessionTtlMs?: number;
  /** coturn with `use-auth-secret`; null: GET /api/turn returns no servers. */
  turn?: TurnConfig | null;
  /** The ward's own contact, offered when nobody answers. */
  wardContacts?: Record<string, WardContact>;
  limits?: Partial<GatewayLimits>;
  /** Fleet (issue 7): offline window, alert rules, `smtp: {host, port, from, to}`, portal adapter. */
  fleet?: FleetOptions;
  /** The applications wing (hub/applications/): portal adapter, test hooks. */
  applications?: ApplicationsOptions;
  /** The province's one-stop system (issue 14, hub/province/): absent or null = inbox only. */
  province?: ProvinceFileConfig | null;
  /** Tests and the benchmark: another adapter, retry and poll timings. */
  provinceLink?: Omit<ProvinceLinkOptions, 'config'>;
  /** Pairing (the kiosk shows a code, staff type it in the console): code lifetime, poll interval, limits. */
  pairing?: PairingOptions;
  /** Set behind TLS (adds `Secure` to the session cookie). */
  secureCookies?: boolean;
  /**
   * The reverse proxies in front of the hub (addresses or CIDRs, e.g. ["127.0.0.1"]): only a request
   * that comes from one of them has its client address taken from X-Forwarded-For (for audit rows and
   * the per-address pairing and login limits). Empty or absent: the socket's address, always.
   */
  trustProxy?: string[];
  /** Console pages (placeholders until the consoles are built). */
  publicDir?: string;
  logger?: boolean;
  now?: () => number;
}

export interface Hub {
  app: FastifyInstance;
  repo: HubRepository;
  queue: HelpQueue;
  gateway: Gateway;
  fleet: Fleet;
  /** The applications wing; `hub.applications.onStored(listener)` is the hook for each stored application. */
  applications: Applications;
  /** The link to the province (null: inbox only). */
  province: ProvinceLink | null;
  /** Changes on every start: clients compare it to know whether a replay is possible. */
  epoch: string;
  start(): Promise<{ url: string; port: number }>;
  /** Waits for pending audit writes (tests). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** The consoles as built by `npm run build:consoles` (hub/consoles → dist/consoles). */
const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'consoles');
const LOGIN_FAILURES_MAX = 5;
const LOGIN_LOCK_MS = 60_000;

interface Authed {
  user: UserRecord;
  tokenHash: string;
  expiresAt: number;
}


export async function buildHub(options: HubOptions = {}): Promise<Hub> {
  const now = options.now ?? Date.now;
  const repo = typeof options.db === 'object' ? options.db : await openRepository(options.db ?? 'sqlite:hub.sqlite');
  const sessionTtlMs = options.sessionTtlMs ?? 12 * 3600_000;
  const turn = options.turn ?? null;
  const epoch = randomBytes(9).toString('base64url');

  const pendingAudits = new Set<Promise<void>>();
  const audit = (e: AuditEntry): void => {
    const p = repo
      .audit(e, now())
      .catch((err) => {
        process.stderr.write(`${JSON.stringify({ event: 'hub.audit.failed', action: e.action, message: String((err as Error).message).slice(0, 200) })}\n`);
      })
      .finally(() => pendingAudits.delete(p));
    pendingAudits.add(p);
  };

  const gateway = new Gateway(repo, epoch, audit, { ...DEFAULT_LIMITS, ...options.limits }, now);
  const queue = new HelpQueue(repo, gateway, {
    ringTimeoutMs: options.ringTimeoutMs ?? 30_000,
    escalateMs: options.escalateMs ?? 5_000,
    noAnswerMs: options.noAnswerMs ?? 30_000,
    callGraceMs: options.callGraceMs ?? 60_000,
    wardContacts: options.wardContacts ?? {},
    now,
    audit,
  });
  gateway.attachQueue(queue);
  await queue.start();
  const fleet = new Fleet(repo, gateway, audit, now, options.fleet ?? {});
  gateway.attachFleet(fleet);
  await fleet.start();
  const applications = new Applications(repo, gateway, audit, now, options.applications ?? {});
  gateway.attachApplications(applications);
  const province = options.province
    ? await attachProvince({ repo, applications, audit, now, toWardStaff: (w, m) => gateway.toWardStaff(w, m), options: { ...options.provinceLink, config: options.province } })
    : null;

  const app = Fastify({ logger: options.logger ?? false, bodyLimit: MAX_HUB_MESSAGE_BYTES, trustProxy: options.trustProxy?.length ? options.trustProxy : false });
  await app.register(cookie);
  await app.register(websocket, {
    // Hard cap: ws closes the socket (1009). Below it, the gateway refuses > 64 KiB politely.
    options: { maxPayload: 4 * MAX_HUB_MESSAGE_BYTES },
    errorHandler: (error, socket) => {
      audit({ actor: 'hub', action: 'ws.handler_error', target: null, detail: String(error.message).slice(0, 120) });
      socket.terminate();
    },
  });

  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    // The consoles replay the kiosk's DOM (the volunteer's live view, the staff's screenshot) in a
    // sandboxed about:blank iframe, which inherits this policy: the kiosk's stylesheets arrive as
    // <style> text and style attributes, so those pages allow inline styles (never inline scripts).
    const styleSrc = req.url.startsWith('/volunteer/') || req.url.startsWith('/staff/') ? "style-src 'self' 'unsafe-inline'; " : '';
    reply.header('Content-Security-Policy', `default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; ${styleSrc}frame-ancestors 'none'; base-uri 'none'`);
    if (req.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
    return payload;
  });

  app.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status === 413) audit({ actor: `ip:${req.ip}`, action: 'http.too_large', target: req.routeOptions.url ?? null, detail: null });
    else if (status === 400 || status === 415) audit({ actor: `ip:${req.ip}`, action: 'http.bad_body', target: req.routeOptions.url ?? null, detail: `code=${err.code ?? 'bad'}` });
    else if (status >= 500) process.stderr.write(`${JSON.stringify({ event: 'hub.http.error', url: req.routeOptions.url ?? null, message: err.message.slice(0, 200) })}\n`);
    return httpError(reply, status, err.code ?? 'error', status >= 500 ? 'internal error' : err.message.slice(0, 200));
  });

  /** Validates a body with a contract schema; on failure replies 400 (field paths only) and audits. */
  const body = <S extends z.ZodType>(schema: S, req: FastifyRequest, reply: FastifyReply): z.infer<S> | null => parseOrReply(schema, req.body, req, reply, audit);

  async function sessionOf(req: FastifyRequest): Promise<Authed | null> {
    const token = req.cookies[SESSION_COOKIE];
    if (!token || token.length > 100) return null;
    const tokenHash = sha256Hex(token);
    const s = await repo.getSession(tokenHash, now());
    if (!s) return null;
    const user = await repo.getUser(s.userId);
    return user ? { user, tokenHash, expiresAt: s.expiresAt } : null;
  }

  async function kioskOf(req: FastifyRequest): Promise<KioskRecord | null> {
    const m = /^Kiosk ([a-z0-9][a-z0-9-]{2,40}):([A-Za-z0-9_-]{32,128})$/.exec(req.headers.authorization ?? '');
    if (!m) return null;
    const k = await repo.getKiosk(m[1]!);
    if (!k || !sameHash(sha256Hex(m[2]!), k.secretHash)) {
      audit({ actor: `ip:${req.ip}`, action: 'kiosk.auth_failed', target: `kiosk:${m[1]}`, detail: k ? 'bad_secret http' : 'unknown_kiosk http' });
      return null;
    }
    return k;
  }

  const userView = (u: UserRecord) => ({ username: u.username, displayName: u.displayName, role: u.role, ward: u.ward, languages: u.languages });

  // ---------------------------------------------------------------- auth
  const loginFailures = new Map<string, { count: number; until: number }>();

  app.post('/api/login', async (req, reply) => {
    const b = body(LoginRequest, req, reply);
    if (!b) return reply;
    const t = now();
    const f = loginFailures.get(b.username);
    if (f && f.until > t) {
      audit({ actor: `ip:${req.ip}`, action: 'login.locked', target: `user:${b.username}`, detail: null });
      return httpError(reply, 429, 'locked', 'too many failed attempts; wait a minute');
    }
    const user = await repo.getUserByUsername(b.username);
    const good = await verifyPassword(b.password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !good) {
      const count = (f && f.until > 0 && f.until <= t ? 0 : (f?.count ?? 0)) + 1;
      if (loginFailures.size > 10_000) loginFailures.clear();
      loginFailures.set(b.username, { count, until: count >= LOGIN_FAILURES_MAX ? t + LOGIN_LOCK_MS : 0 });
      audit({ actor: `ip:${req.ip}`, action: 'login.failed', target: `user:${b.username}`, detail: user ? 'bad_password' : 'unknown_user' });
      return httpError(reply, 401, 'unauthorized', 'wrong username or password');
    }
    loginFailures.delete(b.username);
    const token = newToken();
    const expiresAt = t + sessionTtlMs;
    await repo.createSession(sha256Hex(token), user.id, t, expiresAt);
    void repo.deleteExpiredSessions(t).catch(() => undefined);
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure: options.secureCookies ?? false, maxAge: Math.floor(sessionTtlMs / 1000) });
    audit({ actor: `user:${user.username}`, action: 'login.ok', target: null, detail: `role=${user.role}` });
    return { user: userView(user), sessionExpiresAt: expiresAt };
  });

  app.post('/api/logout', async (req, reply) => {
    const a = await sessionOf(req);
    if (a) {
      await repo.deleteSession(a.tokenHash);
      audit({ actor: `user:${a.user.username}`, action: 'logout', target: null, detail: null });
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/me', async (req, reply) => {
    const a = await sessionOf(req);
    if (!a) return httpError(reply, 401, 'unauthorized', 'log in first');
    return { user: userView(a.user), sessionExpiresAt: a.expiresAt };
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

  app.post('/api/kiosks/enrol', async (req, reply) => {
    const b = body(EnrolRequest, req, reply);
    if (!b) return reply;
    const codeHash = sha256Hex(b.code);
    if (await repo.getKiosk(b.kioskId)) {
      audit({ actor: `ip:${req.ip}`, action: 'enrolment.refused', target: `kiosk:${b.kioskId}`, detail: 'kiosk_exists' });
      return httpError(reply, 409, 'conflict', 'this kiosk id is already enrolled');
    }
    const t = now();
    const used = await repo.consumeEnrolmentCode(codeHash, b.kioskId, t);
    if (!used) {
      audit({ actor: `ip:${req.ip}`, action: 'enrolment.refused', target: `kiosk:${b.kioskId}`, detail: 'bad_or_expired_code' });
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

  // ---------------------------------------------------------------- calls
  app.get('/api/turn', async (req, reply) => {
    const a = await sessionOf(req);
    const k = a ? null : await kioskOf(req);
    if (!a && !k) return httpError(reply, 401, 'unauthorized', 'log in or authenticate the kiosk');
    if (!turn) return { iceServers: [], expiresAt: null };
    const c = turnCredentials(turn, a ? `user-${a.user.username}` : `kiosk-${k!.id}`, now());
    return { iceServers: [{ urls: c.urls, username: c.username, credential: c.credential }], expiresAt: c.expiresAt };
  });

  app.get('/api/calls/mine', async (req, reply) => {
    const a = await sessionOf(req);
    if (!a) return httpError(reply, 401, 'unauthorized', 'log in first');
    const rows = await repo.callsByVolunteer(a.user.id, 100);
    return {
      calls: rows.map((r) => ({ callId: r.id, kioskId: r.kioskId, ward: r.ward, lang: r.lang, state: r.state, createdAt: r.createdAt, acceptedAt: r.acceptedAt, endedAt: r.endedAt, note: r.note })),
    };
  });

  app.get('/api/callbacks', async (req, reply) => {
    const a = await sessionOf(req);
    if (!a) return httpError(reply, 401, 'unauthorized', 'log in first');
    const ward = a.user.role === 'staff' ? a.user.ward : null;
    return { callbacks: await repo.listCallbacks(ward) };
  });

  app.post<{ Params: { id: string } }>('/api/callbacks/:id/done', async (req, reply) => {
    const a = await sessionOf(req);
    if (!a) return httpError(reply, 401, 'unauthorized', 'log in first');
    const cb = /^[0-9a-f-]{36}$/.test(req.params.id) ? await repo.getCallback(req.params.id) : null;
    if (!cb) return httpError(reply, 404, 'not_found', 'no such call-back');
    if (a.user.role === 'staff' && a.user.ward !== cb.ward) {
      audit({ actor: `user:${a.user.username}`, action: 'callback.refused', target: cb.requestId, detail: 'other_ward' });
      return httpError(reply, 403, 'forbidden', 'another ward’s call-back');
    }
    await repo.deleteCallback(cb.id);
    audit({ actor: `user:${a.user.username}`, action: 'callback.done', target: cb.requestId, detail: null });
    return { ok: true };
  });

  app.get('/api/health', async () => ({ ok: true, epoch, ...queue.stats(), fleet: fleet.health() }));

  registerFleetRoutes(app, fleet, { repo, audit, userOf: async (req) => (await sessionOf(req))?.user ?? null, kioskOf });
  registerApplicationsRoutes(app, applications, { audit, userOf: async (req) => (await sessionOf(req))?.user ?? null, kioskOf });
  registerProvinceRoutes(app, province, applications, { audit, userOf: async (req) => (await sessionOf(req))?.user ?? null });
  const pairings = new Pairings(repo, audit, now, options.pairing, (kioskId) => gateway.closeKiosk(kioskId, 4401, 'device secret replaced'));
  await pairings.sweep();
  registerPairingRoutes(app, pairings, { audit, userOf: async (req) => (await sessionOf(req))?.user ?? null });

  // ---------------------------------------------------------------- WebSockets
  const consoleUsers = new WeakMap<FastifyRequest, UserRecord>();
  app.get(HUB_KIOSK_WS_PATH, { websocket: true }, (socket, req) => gateway.accept('kiosk', socket, req, null));
  app.get(
    HUB_CONSOLE_WS_PATH,
    {
      websocket: true,
      preValidation: async (req, reply) => {
        const origin = req.headers.origin;
        if (origin) {
          let host = '';
          try {
            host = new URL(origin).host;
          } catch {
            /* refused below */
          }
          if (host !== req.headers.host) {
            audit({ actor: `ip:${req.ip}`, action: 'ws.origin_refused', target: null, detail: null });
            return httpError(reply, 403, 'forbidden', 'cross-origin WebSocket');
          }
        }
        const a = await sessionOf(req);
        if (!a) return httpError(reply, 401, 'unauthorized', 'log in first');
        consoleUsers.set(req, a.user);
      },
    },
    (socket, req) => gateway.accept('console', socket, req, consoleUsers.get(req) ?? null),
  );

  // ---------------------------------------------------------------- pages
  await app.register(fastifyStatic, { root: options.publicDir ?? PUBLIC_DIR, prefix: '/', index: ['index.html'] });

  // Dead sockets (no pong within 30 s) are dropped, so presence stays true.
  const alive = new WeakMap<object, boolean>();
  const heartbeat = setInterval(() => {
    for (const s of app.websocketServer?.clients ?? []) {
      if (alive.get(s) === false) {
        s.terminate();
        continue;
      }
      alive.set(s, false);
      s.once('pong', () => alive.set(s, true));
      s.ping();
    }
  }, 30_000);
  heartbeat.unref();

  let closed = false;
  const hub: Hub = {
    app,
    repo,
    queue,
    gateway,
    fleet,
    applications,
    province,
    epoch,
    async start() {
      const host = options.host ?? '127.0.0.1';
      await app.listen({ host, port: options.port ?? 0 });
      const addr = app.server.address();
      const port = typeof addr === 'object' && addr ? addr.port : (options.port ?? 0);
      return { url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, port };
    },
    async settled() {
      while (pendingAudits.size) await Promise.all([...pendingAudits]);
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      await queue.close(); // from here on, disconnects change nothing: the database keeps the state for the next start
      gateway.closeAll(1012, 'hub restarting');
      await app.close();
      await fleet.close();
      await province?.close();
      await applications.close();
      await hub.settled();
      if (typeof options.db !== 'object') await repo.close();
    },
  };
  return hub;
}

/** A fresh user id (for seeding and tests). */
export const newUserId = (): string => randomUUID();
