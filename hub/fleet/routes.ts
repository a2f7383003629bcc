/**
 * The fleet's HTTP API.
 *
 * Staff console (session cookie; staff: own ward, admin: any; volunteers: 403):
 *   GET  /api/fleet/kiosks?ward=            GET  /api/fleet/kiosks/:id (history, events, commands, alerts)
 *   POST /api/fleet/kiosks/:id/commands     GET  /api/fleet/kiosks/:id/screenshot
 *   POST /api/fleet/kiosks/:id/retire {confirm: id} (the kiosk leaves the fleet; its secret stops working)
 *   GET  /api/fleet/alerts?ward=
 *   GET  /api/fleet/config?ward=            POST /api/fleet/config/validate · /publish · /rollback
 *   (the applications' routes: hub/applications/routes.ts)
 *   GET  /api/fleet/stats?ward=&from=&to=   GET  /api/fleet/stats.csv?ward=&from=&to=
 *   GET  /api/fleet/audit?ward=
 * Kiosk (Authorization: Kiosk <id>:<secret>):
 *   GET  /api/fleet/kiosk/config/:version?parts=all|config|catalogue
 *   PUT  /api/fleet/kiosk/screenshot · PUT /api/fleet/kiosk/logs
 *   GET  /api/fleet/kiosks/:id/logs
 * Layer: hub (node).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CommandRequest, PublishRequest, RetireRequest, RollbackRequest, StatsQuery } from '../../common/contract/hub-console.ts';
import { KioskLogUpload } from '../../common/contract/hub-kiosk.ts';
import type { AuditEntry, HubRepository, KioskRecord, UserRecord } from '../db/repository.ts';
import type { Fleet } from './fleet.ts';
import { reportCsv } from './stats.ts';
import { routeGuards } from '../server/guards.ts';
import { httpError } from '../server/http.ts';

export interface FleetRouteDeps {
  repo: HubRepository;
  audit: (e: AuditEntry) => void;
  userOf: (req: FastifyRequest) => Promise<UserRecord | null>;
  kioskOf: (req: FastifyRequest) => Promise<KioskRecord | null>;
}

/** Config and catalogue together (the catalogue is ~150 KB); kiosks' screenshots. */
const PUBLISH_BODY_LIMIT = 2 * 1024 * 1024;
const SCREENSHOT_BODY_LIMIT = 4 * 1024 * 1024;

const Screenshot = z
  .object({ format: z.enum(['png', 'rrweb']), data: z.string().min(1).max(SCREENSHOT_BODY_LIMIT - 1024) })
  .strict()
  .refine((s) => s.format !== 'png' || /^[A-Za-z0-9+/]+=*$/.test(s.data), { message: 'png data must be base64', path: ['data'] });

const err = httpError;

export function registerFleetRoutes(app: FastifyInstance, fleet: Fleet, deps: FleetRouteDeps): void {
  const { audit } = deps;
  const { parse, staff, kiosk, wardParam, send } = routeGuards(deps);

  const idParam = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{2,40}$/) });

  // ------------------------------------------------------------ kiosks
  app.get('/api/fleet/kiosks', async (req, reply) => {
    const u = await staff(req, reply);
    if (!u) return reply;
    const w = wardParam(u, req.query);
    return send(reply, await fleet.kiosksFor(u, w), (kiosks) => ({ ward: w, kiosks, offlineAfterMs: fleet.offlineAfterMs }));
  });

  app.get('/api/fleet/kiosks/:id', async (req, reply) => {
    const u = await staff(req, reply);
    if (!u) return reply;
    const p = parse(idParam, req.params, req, reply);
    if (!p) return reply;
    return send(reply, await fleet.kioskDetail(u, p.id));
  });

  app.post('/api/fleet/kiosks/:id/commands', async (req, reply) => {
    const u = await staff(req, reply);
    if (!u) return reply;
    const p = parse(idParam, req.params, req, reply);
    const b = p && parse(CommandRequest, req.body, req, reply);
    if (!p || !b) return reply;
    return send(reply, await fleet.command(u, p.id, b.kind, b.maintenance), (command) => ({ command }));
  });

  app.post('/api/fleet/kiosks/:id/retire', async (req, reply) => {
    const u = await staff(req, reply);
    if (!u) return reply;
    const p = parse(idParam, req.params, req, reply);
    const b = p && parse(RetireRequest, req.body, req, reply);
    if (!p || !b) return reply;
    if (b.confirm !== p.id) return err(reply, 400, 'bad_message', 'confirm must repeat the kiosk id');
    return send(reply, await fleet.retire(u, p.id));
  });

  app.get('/api/fleet/kiosks/:id/screenshot', async (req, reply) => {
    const u = await staff(req, reply);
    if (!u) return reply;
    const p = parse(idParam, req.params, req, reply);
    if (!p) return reply;
    return send(reply, await fleet.screenshot(u, p.id), (screenshot) => ({ screenshot }));
  });

  app.get('/api/fleet/kiosks/:id/logs', async (req, reply) => {
    const u = await staff(req, reply);
    if (!u) return reply;
    const p = parse(idParam, req.params, req, reply);
    if (!p) return reply;
    return send(reply, await fleet.logs(u, p.id), (logs) => ({ logs }));
  });

  app.get('/api/fleet/alerts', async (req, reply) => {
    const u = await staff(req, reply);
    if (!u) return reply;
    const w = wardParam(u, req.query);
    if (!w) return err(reply, 400, 'bad_request', 'ward?');
    return send(reply, await fleet.alerts(u, w), (alerts) => ({ alerts }));
  });

  // ------------------------------------------------------------ config
  app.get('/api/fleet/config', async (req, reply) => {
    const u = await staff(req, reply);
    if (!u) return reply;
    const w = wardParam(u, req.query);
    if (!w) return err(reply, 400, 'bad_request', 'ward?');
    return send(reply, await fleet.currentConfig(u, w));
  });

  app.post('/api/fleet/config/validate', { bodyLimit: PUBLISH_BODY_LIMIT }, async (req, reply) => {
    const u = await staff(req, reply);
    if (!u) return reply;
    const b = parse(PublishRequest, req.body, req, reply);
    if (!b) return reply;
    return { issues: fleet.validate(b.config, b.catalogue, b.ward) };
  });

  app.post('/api/fleet/config/publish', { bodyLimit: PUBLISH_BODY_LIMIT }, async (req, reply) => {
    const u = await staff(req, reply);
    if (!u) return reply;
    const b = parse(PublishRequest, req.body, req, reply);
    if (!b) return reply;
    return send(reply, await fleet.publish(u, b.ward, b.config, b.catalogue, b.note));
  });

  app.post('/api/fleet/config/rollback', async (req, reply) => {
    const u = await staff(req, reply);
    if (!u) return reply;
    const b = parse(RollbackRequest, req.body, req, reply);
    if (!b) return reply;
    return send(reply, await fleet.rollback(u, b.ward));
  });

  // ------------------------------------------------------------ statistics, audit
  app.get('/api/fleet/stats', async (req, reply) => {
    const u = await staff(req, reply);
    if (!u) return reply;
    const q = parse(StatsQuery, { ...(req.query as object), ward: wardParam(u, req.query) }, req, reply);
    if (!q) return reply;
    return send(reply, await fleet.stats(u, q.ward, q.from, q.to));
  });

  app.get('/api/fleet/stats.csv', async (req, reply) => {
    const u = await staff(req, reply);
    if (!u) return reply;
    const q = parse(StatsQuery, { ...(req.query as object), ward: wardParam(u, req.query) }, req, reply);
    if (!q) return reply;
    const r = await fleet.stats(u, q.ward, q.from, q.to);
    if (!r.ok) return send(reply, r);
    audit({ actor: `user:${u.username}`, action: 'stats.export', target: `ward:${q.ward}`, detail: `from=${q.from} to=${q.to}` });
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="thong-ke-${q.ward}-${q.from}-${q.to}.csv"`);
    return reportCsv(r.value);
  });

  app.get('/api/fleet/audit', async (req, reply) => {
    const u = await staff(req, reply);
    if (!u) return reply;
    const w = wardParam(u, req.query);
    if (!w) return err(reply, 400, 'bad_request', 'ward?');
    return send(reply, await fleet.auditFor(u, w, deps.repo), (audit) => ({ audit }));
  });

  // ------------------------------------------------------------ kiosk side
  app.get('/api/fleet/kiosk/config/:version', async (req, reply) => {
    const k = await kiosk(req, reply);
    if (!k) return reply;
    const v = Number((req.params as { version: string }).version);
    if (!Number.isSafeInteger(v) || v < 1) return err(reply, 400, 'bad_request', 'version');
    const partsQ = (req.query as { parts?: string }).parts;
    const parts = partsQ === 'config' || partsQ === 'catalogue' ? partsQ : 'all';
    const text = await fleet.kioskConfig(k, v, parts);
    if (!text) return err(reply, 404, 'not_found', 'no such version for this ward');
    reply.header('content-type', 'application/json; charset=utf-8');
    return text;
  });

  app.put('/api/fleet/kiosk/logs', { bodyLimit: 1024 * 1024 }, async (req, reply) => {
    const k = await kiosk(req, reply);
    if (!k) return reply;
    const b = parse(KioskLogUpload, req.body, req, reply);
    if (!b) return reply;
    await fleet.saveLogs(k, b.lines);
    return { ok: true };
  });

  app.put('/api/fleet/kiosk/screenshot', { bodyLimit: SCREENSHOT_BODY_LIMIT }, async (req, reply) => {
    const k = await kiosk(req, reply);
    if (!k) return reply;
    const b = parse(Screenshot, req.body, req, reply);
    if (!b) return reply;
    await fleet.saveScreenshot(k, b.format, b.data);
    return { ok: true };
  });
}
