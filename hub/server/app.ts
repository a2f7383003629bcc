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
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { HUB_CONSOLE_WS_PATH, HUB_KIOSK_WS_PATH, MAX_HUB_MESSAGE_BYTES } from '../../common/contract/hub-common.ts';
import { SESSION_COOKIE } from '../../common/contract/hub-console.ts';
import { sameHash, sha256Hex, turnCredentials, type TurnConfig } from '../auth/crypto.ts';
import { openRepository } from '../db/index.ts';
import { localCluster, openCluster, type Cluster } from '../cluster/index.ts';
import { leasedInterval } from '../cluster/timers.ts';
import type { AuditEntry, HubRepository, KioskRecord, UserRecord } from '../db/repository.ts';
import type { HelpQueue, WardContact } from '../help/queue.ts';
import { DEFAULT_DESK_TIMINGS, HelpDesk, type DeskTimings } from '../help/desk.ts';
import { Fleet, type FleetOptions } from '../fleet/fleet.ts';
import { registerFleetRoutes } from '../fleet/routes.ts';
import { Applications, type ApplicationsOptions } from '../applications/applications.ts';
import { registerApplicationsRoutes } from '../applications/routes.ts';
import { Pairings, registerPairingRoutes, type PairingOptions } from '../fleet/pairing.ts';
import { MemoryPairingLimits, SharedPairingLimits } from '../security/pairing-limits.ts';
import { SocketCloser } from './socket-closer.ts';
import { httpError, parseOrReply } from './http.ts';
import { attachProvince, type ProvinceFileConfig, type ProvinceLink, type ProvinceLinkOptions } from '../province/link.ts';
import { registerProvinceRoutes } from '../province/routes.ts';
import { DEFAULT_LIMITS, Gateway, type GatewayLimits } from './gateway.ts';
import { AuditGuard, DEFAULT_AUDIT_LIMITS, type AuditLimits } from '../security/audit-guard.ts';
import type { LoginLimits } from '../security/login-limits.ts';
import { registerAuthRoutes, SECURE_SESSION_COOKIE } from './auth-routes.ts';
import { PASSWORD_CHANGE_ROUTES, registerAccountRoutes } from '../security/accounts.ts';
import { DEFAULT_RETENTION, sweepRetention, type RetentionRules } from '../security/retention.ts';
import { DEFAULT_TRACKING_LIMITS, Tracking, type TrackingLimits } from '../security/tracking.ts';

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
  /**
   * Always mark the session cookie `Secure` (and name it `__Host-hub_session`). Without it, this is
   * done per request when the hub is reached over HTTPS — directly, or through a trusted proxy
   * (`trustProxy`) that says so in X-Forwarded-Proto; HTTPS answers also carry HSTS.
   */
  secureCookies?: boolean;
  /** Audit rows per minute per unauthenticated address and overall (hub/security/audit-guard.ts). */
  auditLimits?: Partial<AuditLimits>;
  /** Login limits per user, per address and global (hub/security/login-limits.ts). */
  loginLimits?: Partial<LoginLimits>;
  /** Tries of POST /api/kiosks/enrol per address per 10 minutes (default 10). */
  enrolTriesPerAddress?: number;
  /** A request (headers and body) must arrive within this time (default 60 s): slow senders are cut off. */
  requestTimeoutMs?: number;
  /** Days the hub keeps personal data and audit rows (hub/security/retention.ts); hub.json `retention`. */
  retention?: Partial<RetentionRules>;
  /** Public tracking page misses per address, kiosks' lookups per hour (hub/security/tracking.ts). */
  trackingLimits?: Partial<TrackingLimits>;
  /** How often console sockets of expired sessions are closed (default 5 s). */
  sessionSweepMs?: number;
  /**
   * The reverse proxies in front of the hub (addresses or CIDRs, e.g. ["127.0.0.1"]): only a request
   * that comes from one of them has its client address taken from X-Forwarded-For (for audit rows and
   * the per-address pairing and login limits). Empty or absent: the socket's address, always.
   */
  trustProxy?: string[];
  /**
   * The bus and leases shared with the other instances (issue 18, hub/cluster/). Absent: opened from
   * `db` when it is a URL (SQLite: one instance — a second hub on the same file is refused;
   * PostgreSQL: several), or a one-instance cluster when `db` is an open repository.
   */
  cluster?: Cluster;
  /** Help desk timings between instances: action timeout, liveness beat, dead after (hub/help/desk.ts). */
  helpTimings?: Partial<DeskTimings>;
  /** Console pages (placeholders until the consoles are built). */
  publicDir?: string;
  logger?: boolean;
  now?: () => number;
}

export interface Hub {
  app: FastifyInstance;
  repo: HubRepository;
  /** The help queue's state machine this instance runs or last ran as its owner (throws if never; tests). */
  readonly queue: HelpQueue;
  /** The help desk of this instance: actions to the queue's owner, deliveries to this instance's sockets. */
  help: HelpDesk;
  gateway: Gateway;
  fleet: Fleet;
  /** The applications wing; `hub.applications.onStored(listener)` is the hook for each stored application. */
  applications: Applications;
  /** The link to the province (null: inbox only). */
  province: ProvinceLink | null;
  /** Every route registered (method + path; HEAD twins left out), for tests/adversarial/hub/matrix.test.ts. */
  routes: { method: string; url: string }[];
  /** Changes on every start: clients compare it to know whether a replay is possible. */
  epoch: string;
  /** This instance's bus and leases (hub/cluster/). */
  cluster: Cluster;
  start(): Promise<{ url: string; port: number }>;
  /** Waits for pending audit writes (tests). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** The consoles as built by `npm run build:consoles` (consoles/ → dist/consoles). */
const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'consoles');
/** The session cookie's name over HTTPS (defined with the login route). */
export { SECURE_SESSION_COOKIE };

interface Authed {
  user: UserRecord;
  tokenHash: string;
  expiresAt: number;
}


export async function buildHub(options: HubOptions = {}): Promise<Hub> {
  const now = options.now ?? Date.now;
  // The cluster first: on SQLite a second instance is refused before it touches the database.
  const ownCluster = !options.cluster;
  const cluster = options.cluster ?? (typeof options.db === 'object' ? localCluster() : await openCluster(options.db ?? 'sqlite:hub.sqlite'));
  let repo: HubRepository;
  try {
    repo = typeof options.db === 'object' ? options.db : await openRepository(options.db ?? 'sqlite:hub.sqlite');
  } catch (e) {
    if (ownCluster) await cluster.close();
    throw e;
  }
  const sessionTtlMs = options.sessionTtlMs ?? 12 * 3600_000;
  const turn = options.turn ?? null;
  const epoch = randomBytes(9).toString('base64url');

  const pendingAudits = new Set<Promise<void>>();
  const auditGuard = new AuditGuard({ ...DEFAULT_AUDIT_LIMITS, ...options.auditLimits }, now, {
    kioskWard: async (id) => {
      const [r] = await repo.driver.all('SELECT ward FROM kiosks WHERE id = ?', [id]);
      return r ? String(r.ward) : null;
    },
    userWard: async (username) => {
      const [r] = await repo.driver.all('SELECT ward FROM users WHERE username = ?', [username]);
      return r && r.ward !== null ? String(r.ward) : null;
    },
  });
  const write = (e: AuditEntry): void => {
    const at = now();
    const p = auditGuard
      .wardOf(e)
      .catch(() => null)
      .then((ward) => repo.audit(e, at, ward))
      .catch((err) => {
        process.stderr.write(`${JSON.stringify({ event: 'hub.audit.failed', action: e.action, message: String((err as Error).message).slice(0, 200) })}\n`);
      })
      .finally(() => pendingAudits.delete(p));
    pendingAudits.add(p);
  };
  /** Every audit row goes through here: rows of unauthenticated addresses are bounded (finding 2). */
  const audit = (e: AuditEntry): void => {
    if (auditGuard.admit(e)) write(e);
    for (const d of auditGuard.due()) write(d);
  };
  const auditSweep = setInterval(() => {
    for (const d of auditGuard.due()) write(d);
  }, 10_000);
  auditSweep.unref();

  const gateway = new Gateway(repo, epoch, audit, { ...DEFAULT_LIMITS, ...options.limits }, now);
  // Logout, a disabled account, a replaced kiosk secret: the sockets close on every instance (issue 18).
  const closer = new SocketCloser(cluster.bus, gateway);
  // The help queue runs on the instance holding the `help` lease (hub/help/desk.ts).
  const desk = new HelpDesk(
    repo,
    cluster.bus,
    cluster.leases,
    {
      ringTimeoutMs: options.ringTimeoutMs ?? 30_000,
      escalateMs: options.escalateMs ?? 5_000,
      noAnswerMs: options.noAnswerMs ?? 30_000,
      callGraceMs: options.callGraceMs ?? 60_000,
      wardContacts: options.wardContacts ?? {},
      now,
      audit,
    },
    { ...DEFAULT_DESK_TIMINGS, ...options.helpTimings },
    now,
  );
  gateway.attachDesk(desk);
  await desk.start();
  const fleet = new Fleet(repo, gateway, audit, now, options.fleet ?? {}, cluster);
  gateway.attachFleet(fleet);
  await fleet.start();
  const applications = new Applications(repo, gateway, audit, now, options.applications ?? {});
  gateway.attachApplications(applications);
  const province = options.province
    ? await attachProvince({
        repo,
        applications,
        audit,
        now,
        // Issue 18: the change is heard on the lease owner; staff may be on any instance (fleet.ward on the bus).
        toWardStaff: (w, m) => void cluster.bus.publish('fleet.ward', { ward: w, body: m }).catch(() => undefined),
        options: { ...options.provinceLink, config: options.province },
        leases: cluster.leases,
      })
    : null;

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: MAX_HUB_MESSAGE_BYTES,
    trustProxy: options.trustProxy?.length ? options.trustProxy : false,
    // Errors the router raises before any route (a parameter too long, a bad URL) get the one error
    // shape too (found by the HTTP fuzzer, tests/fuzz/hub/http.test.ts).
    frameworkErrors: (error, _req, reply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
      void httpError(reply, status, (error as { code?: string }).code ?? 'bad_request', error.message.slice(0, 120));
    },
    // Slow senders (headers or a body dribbled a byte at a time) are cut off: Node checks the
    // request timeout every connectionsCheckingInterval (30 s by default; here a few seconds).
    serverFactory: (handler) => {
      const requestTimeout = options.requestTimeoutMs ?? 60_000;
      const server = http.createServer({ requestTimeout, headersTimeout: Math.min(requestTimeout, 30_000), connectionsCheckingInterval: Math.min(5_000, Math.max(250, requestTimeout / 4)) }, handler);
      server.keepAliveTimeout = 72_000; // Fastify's own default (Node's is 5 s, which races clients' reuse of idle connections)
      return server;
    },
  });
  // Every route the server has (method + path), for the generated authorisation matrix (issue 17).
  const routeList: { method: string; url: string }[] = [];
  app.addHook('onRoute', (r) => {
    for (const m of Array.isArray(r.method) ? r.method : [r.method]) if (m !== 'HEAD') routeList.push({ method: m, url: r.url });
  });
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
    const styleSrc = req.url.startsWith('/volunteer/') || req.url.startsWith('/staff/') || req.url.startsWith('/track/') ? "style-src 'self' 'unsafe-inline'; " : '';
    reply.header('Content-Security-Policy', `default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; ${styleSrc}frame-ancestors 'none'; base-uri 'none'`);
    if (req.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
    if (req.protocol === 'https') reply.header('Strict-Transport-Security', 'max-age=31536000');
    return payload;
  });

  app.setNotFoundHandler((_req, reply) => httpError(reply, 404, 'not_found', 'no such page or route'));

  app.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status === 413) audit({ actor: `ip:${req.ip}`, action: 'http.too_large', target: req.routeOptions.url ?? null, detail: null });
    else if (status === 400 || status === 415) audit({ actor: `ip:${req.ip}`, action: 'http.bad_body', target: req.routeOptions.url ?? null, detail: `code=${err.code ?? 'bad'}` });
    else if (status >= 500) process.stderr.write(`${JSON.stringify({ event: 'hub.http.error', url: req.routeOptions.url ?? null, message: err.message.slice(0, 200) })}\n`);
    return httpError(reply, status, err.code ?? 'error', status >= 500 ? 'internal error' : err.message.slice(0, 200));
  });

  /** Validates a body with a contract schema; on failure replies 400 (field paths only) and audits. */
  const body = <S extends z.ZodType>(schema: S, req: FastifyRequest, reply: FastifyReply): z.infer<S> | null => parseOrReply(schema, req.body, req, reply, audit);

  /** Whether the session cookie gets `Secure` and the `__Host-` name: HTTPS (directly or via a trusted proxy), or secureCookies. */
  const secureFor = (req: FastifyRequest): boolean => options.secureCookies === true || req.protocol === 'https';
  const sessions = new WeakMap<FastifyRequest, Promise<Authed | null>>();
  const sessionOf = (req: FastifyRequest): Promise<Authed | null> => {
    let p = sessions.get(req);
    if (!p) sessions.set(req, (p = readSession(req)));
    return p;
  };
  async function readSession(req: FastifyRequest): Promise<Authed | null> {
    const token = req.cookies[SECURE_SESSION_COOKIE] ?? req.cookies[SESSION_COOKIE];
    if (!token || token.length > 100) return null;
    const tokenHash = sha256Hex(token);
    const s = await repo.getSession(tokenHash, now());
    if (!s) return null;
    const user = await repo.getUser(s.userId);
    return user && !user.disabledAt ? { user, tokenHash, expiresAt: s.expiresAt } : null;
  }

  const kiosks = new WeakMap<FastifyRequest, Promise<KioskRecord | null>>();
  const kioskOf = (req: FastifyRequest): Promise<KioskRecord | null> => {
    let p = kiosks.get(req);
    if (!p) kiosks.set(req, (p = readKiosk(req)));
    return p;
  };
  async function readKiosk(req: FastifyRequest): Promise<KioskRecord | null> {
    const m = /^Kiosk ([a-z0-9][a-z0-9-]{2,40}):([A-Za-z0-9_-]{32,128})$/.exec(req.headers.authorization ?? '');
    if (!m) return null;
    const k = await repo.getKiosk(m[1]!);
    if (!k || !sameHash(sha256Hex(m[2]!), k.secretHash)) {
      audit({ actor: `ip:${req.ip}`, action: 'kiosk.auth_failed', target: `kiosk:${m[1]}`, detail: k ? 'bad_secret http' : 'unknown_kiosk http' });
      return null;
    }
    return k;
  }

  // Finding 10: a route that accepts bodies over the default 64 KiB (screenshots, logs, config) reads
  // them only from an authenticated party — a logged-in user or an enrolled kiosk — checked from the
  // headers before a byte of the body is read. The route itself still checks who may do what.
  app.addHook('onRequest', async (req, reply) => {
    if ((req.routeOptions.bodyLimit ?? MAX_HUB_MESSAGE_BYTES) <= MAX_HUB_MESSAGE_BYTES) return;
    if (req.method === 'GET' || req.method === 'HEAD') return;
    if ((await sessionOf(req)) || (await kioskOf(req))) return;
    audit({ actor: `ip:${req.ip}`, action: 'http.unauthenticated_body', target: req.routeOptions.url ?? null, detail: null });
    reply.header('Connection', 'close');
    return httpError(reply, 401, 'unauthorized', 'log in or authenticate the kiosk before sending a large body');
  });

  // Accounts (issue 17): a user whose password is new or reset uses only these routes until they change it.
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/') || PASSWORD_CHANGE_ROUTES.has(req.routeOptions.url ?? '')) return;
    const a = req.cookies === undefined ? null : await sessionOf(req);
    if (!a?.user.mustChangePassword) return;
    return httpError(reply, 403, 'password_change_required', 'choose a new password first (POST /api/password)');
  });
  registerAccountRoutes(app, { repo, audit, now, session: sessionOf, closeUser: (id, reason, except) => closer.closeUser(id, reason, except) });

  // Login, logout, me, enrolment codes and enrolment (hub/server/auth-routes.ts).
  registerAuthRoutes(app, {
    repo,
    audit,
    now,
    body,
    sessionOf,
    secureFor,
    sessionTtlMs,
    endSession: (tokenHash) => closer.endSession(tokenHash),
    shared: cluster.shared,
    loginLimits: options.loginLimits,
    enrolTriesPerAddress: options.enrolTriesPerAddress,
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

  // Call-backs (a resident's phone number) belong to the staff of the kiosk's ward only: not
  // volunteers, not admins, not staff without a ward (finding 1).
  const callbackReader = (a: Authed, reply: FastifyReply, req: FastifyRequest): string | null => {
    if (a.user.role === 'staff' && a.user.ward) return a.user.ward;
    audit({ actor: `user:${a.user.username}`, action: 'callback.refused', target: req.routeOptions.url ?? null, detail: `role=${a.user.role}${a.user.ward ? '' : ' no_ward'}` });
    void httpError(reply, 403, 'forbidden', 'call-backs are for the staff of the kiosk’s ward');
    return null;
  };
  app.get('/api/callbacks', async (req, reply) => {
    const a = await sessionOf(req);
    if (!a) return httpError(reply, 401, 'unauthorized', 'log in first');
    const ward = callbackReader(a, reply, req);
    if (!ward) return reply;
    return { callbacks: await repo.listCallbacks(ward) };
  });

  app.post<{ Params: { id: string } }>('/api/callbacks/:id/done', async (req, reply) => {
    const a = await sessionOf(req);
    if (!a) return httpError(reply, 401, 'unauthorized', 'log in first');
    const ward = callbackReader(a, reply, req);
    if (!ward) return reply;
    const cb = /^[0-9a-f-]{36}$/.test(req.params.id) ? await repo.getCallback(req.params.id) : null;
    if (!cb) return httpError(reply, 404, 'not_found', 'no such call-back');
    if (ward !== cb.ward) {
      audit({ actor: `user:${a.user.username}`, action: 'callback.refused', target: cb.requestId, detail: 'other_ward' });
      return httpError(reply, 403, 'forbidden', 'another ward’s call-back');
    }
    await repo.deleteCallback(cb.id);
    audit({ actor: `user:${a.user.username}`, action: 'callback.done', target: cb.requestId, detail: null });
    return { ok: true };
  });

  // Counts of the queue and the fleet only for staff and admins (finding 15); anyone: alive + epoch.
  app.get('/api/health', async (req) => {
    const a = await sessionOf(req);
    if (!a || a.user.role === 'volunteer') return { ok: true, epoch };
    const q = desk.localQueue();
    return { ok: true, epoch, helpOwner: desk.ownerInstance(), ...(q ? q.stats() : {}), fleet: fleet.health() };
  });

  registerFleetRoutes(app, fleet, { repo, audit, userOf: async (req) => (await sessionOf(req))?.user ?? null, kioskOf });
  // Issue 17: the receipt QR's /track/CODE?pin=… page, PINs kept hashed, kiosks' lookups bounded.
  const tracking = new Tracking(repo, audit, now, { ...DEFAULT_TRACKING_LIMITS, ...options.trackingLimits });
  applications.onStored((a) => tracking.remember(a));
  applications.setTrackGate((kioskId) => tracking.kioskMayLookUp(kioskId));
  applications.setPinCheck(async (code, pin) => (await tracking.verify(code, pin)) !== null);
  tracking.register(app);
  registerApplicationsRoutes(app, applications, { audit, userOf: async (req) => (await sessionOf(req))?.user ?? null, kioskOf });
  registerProvinceRoutes(app, province, applications, { audit, userOf: async (req) => (await sessionOf(req))?.user ?? null });
  // Issue 18: several instances count the pairing limits together (hub/security/pairing-limits.ts).
  const pairingLimits = cluster.shared ? new SharedPairingLimits(repo.driver) : new MemoryPairingLimits();
  const pairings = new Pairings(repo, audit, now, options.pairing, (kioskId) => closer.closeKiosk(kioskId, 4401, 'device secret replaced'), pairingLimits);
  await pairings.sweep();
  registerPairingRoutes(app, pairings, { audit, userOf: async (req) => (await sessionOf(req))?.user ?? null });

  // ---------------------------------------------------------------- WebSockets
  const consoleUsers = new WeakMap<FastifyRequest, UserRecord>();
  const consoleSessions = new WeakMap<FastifyRequest, { tokenHash: string; expiresAt: number }>();
  /** At the upgrade: at most so many sockets per address (finding 9); refusals audited within the address's budget. */
  const capConnections = (kind: 'kiosk' | 'console') => async (req: FastifyRequest, reply: FastifyReply) => {
    if (gateway.admits(req.ip, kind)) return;
    audit({ actor: `ip:${req.ip}`, action: 'ws.too_many', target: null, detail: `kind=${kind}` });
    return httpError(reply, 429, 'rate_limited', 'too many connections from this address');
  };
  app.get(HUB_KIOSK_WS_PATH, { websocket: true, preValidation: capConnections('kiosk') }, (socket, req) => gateway.accept('kiosk', socket, req, null));
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
        if (a.user.mustChangePassword) return httpError(reply, 403, 'password_change_required', 'choose a new password first');
        const capped = await capConnections('console')(req, reply);
        if (capped) return capped;
        consoleUsers.set(req, a.user);
        consoleSessions.set(req, { tokenHash: a.tokenHash, expiresAt: a.expiresAt });
      },
    },
    (socket, req) => gateway.accept('console', socket, req, consoleUsers.get(req) ?? null, consoleSessions.get(req) ?? null),
  );
  const sessionSweep = setInterval(() => gateway.sweepSessions(), options.sessionSweepMs ?? 5_000);
  sessionSweep.unref();
  // Retention (issue 17): at start and every hour — on one instance of the cluster (lease hub.retention).
  const retentionRules = { ...DEFAULT_RETENTION, ...options.retention };
  const retain = (): Promise<unknown> =>
    sweepRetention(repo, retentionRules, now(), audit).catch((e) => process.stderr.write(`${JSON.stringify({ event: 'hub.retention.failed', message: String((e as Error).message).slice(0, 200) })}\n`));
  if (!cluster.shared) await retain(); // alone: done before the hub serves anyone
  const retentionSweep = leasedInterval(cluster.leases, 'hub.retention', 3_600_000, retain, { immediately: cluster.shared });

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
    routes: routeList,
    repo,
    get queue(): HelpQueue {
      const q = desk.owner.latest();
      if (!q) throw new Error('the help queue runs on another hub instance');
      return q;
    },
    help: desk,
    gateway,
    fleet,
    applications,
    province,
    epoch,
    cluster,
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
      clearInterval(sessionSweep);
      await retentionSweep.stop();
      clearInterval(auditSweep);
      closer.close();
      await desk.close(); // from here on, disconnects change nothing: the database keeps the state for the next start
      gateway.closeAll(1012, 'hub restarting');
      await gateway.touches.close();
      await app.close();
      await fleet.close();
      await province?.close();
      await applications.close();
      for (const d of auditGuard.due(true)) write(d);
      await hub.settled();
      if (typeof options.db !== 'object') await repo.close();
      if (ownCluster) await cluster.close();
    },
  };
  return hub;
}

/** A fresh user id (for seeding and tests). */
export const newUserId = (): string => randomUUID();
