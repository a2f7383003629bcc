/**
 * The applications wing's HTTP API (paths unchanged from when it lived in the fleet).
 *
 * Staff console (session cookie; staff: own ward, admin: any; volunteers: 403):
 *   GET  /api/fleet/applications?ward=&status=   GET /api/fleet/applications/:id
 *   POST /api/fleet/applications/:id/status
 *   GET  /api/applications/:id/reading (answers by section, the pages listed; audited)
 *   GET  /api/applications/:id/pages/:pageId (image/jpeg; audited)
 * Kiosk (Authorization: Kiosk <id>:<secret>):
 *   GET  /api/fleet/kiosk/track/:code
 *   PUT  /api/applications/kiosk/:id/pages/:pageId (image/jpeg ≤ 400 KB; registerPageUpload)
 * Layer: hub (node).
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApplicationStatusRequest } from '../../common/contract/hub-console.ts';
import { APPLICATION_PAGE_MAX_BYTES, AppCode, ApplicationStatus } from '../../common/contract/hub-kiosk.ts';
import type { AuditEntry, KioskRecord, UserRecord } from '../db/repository.ts';
import { routeGuards } from '../server/guards.ts';
import { httpError } from '../server/http.ts';
import type { Applications } from './applications.ts';

export interface ApplicationsRouteDeps {
  audit: (e: AuditEntry) => void;
  userOf: (req: FastifyRequest) => Promise<UserRecord | null>;
  kioskOf: (req: FastifyRequest) => Promise<KioskRecord | null>;
}

const err = httpError;
const uuidParam = z.object({ id: z.uuid() });

export function registerApplicationsRoutes(app: FastifyInstance, applications: Applications, deps: ApplicationsRouteDeps): void {
  const { parse, staff, kiosk, wardParam, send } = routeGuards(deps);

  app.get('/api/fleet/applications', async (req, reply) => {
    const u = await staff(req, reply);
    if (!u) return reply;
    const w = wardParam(u, req.query);
    if (!w) return err(reply, 400, 'bad_request', 'ward?');
    const st = ApplicationStatus.safeParse((req.query as { status?: unknown }).status);
    return send(reply, await applications.list(u, w, st.success ? st.data : null), (list) => ({ applications: list }));
  });

  app.get('/api/fleet/applications/:id', async (req, reply) => {
    const u = await staff(req, reply);
    if (!u) return reply;
    const p = parse(uuidParam, req.params, req, reply);
    if (!p) return reply;
    return send(reply, await applications.detail(u, p.id));
  });

  app.post('/api/fleet/applications/:id/status', async (req, reply) => {
    const u = await staff(req, reply);
    if (!u) return reply;
    const p = parse(uuidParam, req.params, req, reply);
    const b = p && parse(ApplicationStatusRequest, req.body, req, reply);
    if (!p || !b) return reply;
    return send(reply, await applications.setStatus(u, p.id, b.status, b.note), (application) => ({ application }));
  });

  app.get('/api/applications/:id/reading', async (req, reply) => {
    const u = await staff(req, reply);
    if (!u) return reply;
    const p = parse(uuidParam, req.params, req, reply);
    if (!p) return reply;
    reply.header('cache-control', 'no-store');
    return send(reply, await applications.reader.read(u, p.id));
  });

  app.get('/api/applications/:id/pages/:pageId', async (req, reply) => {
    const u = await staff(req, reply);
    if (!u) return reply;
    const p = parse(z.object({ id: z.uuid(), pageId: z.string().max(64) }).strict(), req.params, req, reply);
    if (!p) return reply;
    // The ward is checked first (an unknown or malformed page id is a 404 only to the ward's staff).
    const r = await applications.reader.page(u, p.id, p.pageId);
    if (!r.ok) return send(reply, r);
    reply.header('cache-control', 'no-store');
    reply.type('image/jpeg');
    return reply.send(r.value);
  });

  app.get('/api/fleet/kiosk/track/:code', async (req, reply) => {
    const k = await kiosk(req, reply);
    if (!k) return reply;
    const c = AppCode.safeParse((req.params as { code: string }).code);
    if (!c.success) return err(reply, 400, 'bad_request', 'code');
    if (!applications.mayTrack(k.id)) return err(reply, 429, 'rate_limited', 'too many tracking lookups from this kiosk; wait a while');
    const pin = (req.query as { pin?: unknown }).pin;
    if (pin !== undefined && (typeof pin !== 'string' || !/^\d{8}$/.test(pin))) return err(reply, 400, 'bad_request', 'pin');
    return applications.track(k, c.data, pin);
  });
  registerPageUpload(app, applications, deps);
}

/**
 * Kiosk: `PUT /api/applications/kiosk/:id/pages/:pageId` (image/jpeg, ≤ APPLICATION_PAGE_MAX_BYTES,
 * Authorization: Kiosk …) — one page of an application, before its `outbox.deliver`. Idempotent.
 */
export function registerPageUpload(app: FastifyInstance, applications: Applications, deps: ApplicationsRouteDeps): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser('image/jpeg', { parseAs: 'buffer', bodyLimit: APPLICATION_PAGE_MAX_BYTES }, (_req, body, done) => done(null, body));
    scope.put('/api/applications/kiosk/:id/pages/:pageId', { bodyLimit: APPLICATION_PAGE_MAX_BYTES }, async (req, reply) => {
      const k = await deps.kioskOf(req);
      if (!k) return err(reply, 401, 'unauthorized', 'authenticate the kiosk');
      const p = z.object({ id: z.uuid(), pageId: z.uuid() }).strict().safeParse(req.params);
      if (!p.success) return err(reply, 400, 'bad_request', 'ids');
      const body = req.body;
      // A JPEG: its SOI marker and an end; the bytes are never decoded here.
      if (!Buffer.isBuffer(body) || body.length < 4 || body[0] !== 0xff || body[1] !== 0xd8 || body[2] !== 0xff) {
        deps.audit({ actor: `kiosk:${k.id}`, action: 'page.refused', target: null, detail: 'not_jpeg' });
        return err(reply, 415, 'bad_request', 'a page is a JPEG');
      }
      const sha256 = createHash('sha256').update(body).digest('hex');
      const r = await applications.putPage(k, p.data.id, p.data.pageId, body, sha256);
      if (!r.ok) return err(reply, 403, r.code, r.message);
      return { ok: true, sha256 };
    });
  });
}
