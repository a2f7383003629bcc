/**
 * The province's side in the staff console (ward staff of the application's ward, and admins;
 * every view and action audited, without contents):
 *   GET  /api/province/applications/:id            → ProvinceStaffView
 *   POST /api/province/applications/:id/actions    {action: forward|askPapers|refuse, note} → ProvinceStaffView
 * The actions go through the same adapter as the hand-off.
 * Layer: hub (node).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ProvinceActionRequest, type ProvinceStaffView } from '../../common/contract/hub-console.ts';
import type { Applications } from '../applications/applications.ts';
import type { AuditEntry, UserRecord } from '../db/repository.ts';
import { canActOnWard } from '../fleet/fleet.ts';
import { httpError, parseOrReply } from '../server/http.ts';
import { ProvinceError } from './adapter.ts';
import type { ProvinceLink } from './link.ts';
import type { OutboxRow } from './outbox.ts';

const uuidParam = z.object({ id: z.uuid() });

export function staffViewOf(linked: boolean, row: OutboxRow | null): ProvinceStaffView {
  return {
    linked,
    state: row?.state ?? null,
    dossierNo: row?.dossierNo ?? null,
    code: row?.nationalCode ?? null,
    attempts: row?.attempts ?? 0,
    lastError: row?.lastError?.slice(0, 100) ?? null,
    submittedAt: row?.submittedAt ?? null,
    statusAt: row?.statusAt ?? null,
    timeline: (row?.timeline ?? []).slice(-200).map((e) => ({ at: e.at, code: e.code, action: e.action.slice(0, 200), actor: e.actor.slice(0, 200), note: e.note.slice(0, 1000) })),
    payment: row?.payment
      ? { amount: row.payment.amount, bankBin: row.payment.bankBin, accountNo: row.payment.accountNo, accountName: row.payment.accountName.slice(0, 70), paymentUrl: row.payment.paymentUrl, paid: row.payment.paid }
      : null,
    postage: row?.postage ?? null,
  };
}

export function registerProvinceRoutes(
  app: FastifyInstance,
  link: ProvinceLink | null,
  applications: Applications,
  deps: { audit: (e: AuditEntry) => void; userOf: (req: FastifyRequest) => Promise<UserRecord | null> },
): void {
  const { audit } = deps;

  /** The application, if the user is staff of its ward (or admin); otherwise replies and returns null. */
  async function allowed(req: FastifyRequest, reply: FastifyReply, what: string): Promise<{ user: UserRecord; id: string; code: string } | null> {
    const u = await deps.userOf(req);
    if (!u) return void httpError(reply, 401, 'unauthorized', 'log in first'), null;
    const p = parseOrReply(uuidParam, req.params, req, reply, audit);
    if (!p) return null;
    if (u.role !== 'staff' && u.role !== 'admin') {
      audit({ actor: `user:${u.username}`, action: `province.${what}.refused`, target: null, detail: `role=${u.role}` });
      return void httpError(reply, 403, 'forbidden', 'staff only'), null;
    }
    const a = await applications.store.getApplication(p.id);
    if (!a) return void httpError(reply, 404, 'not_found', 'no such application'), null;
    if (!canActOnWard(u, a.ward)) {
      audit({ actor: `user:${u.username}`, action: `province.${what}.refused`, target: a.code, detail: 'other_ward' });
      return void httpError(reply, 403, 'forbidden', 'another ward’s application'), null;
    }
    return { user: u, id: a.id, code: a.code };
  }

  app.get('/api/province/applications/:id', async (req, reply) => {
    const ok = await allowed(req, reply, 'view');
    if (!ok) return reply;
    audit({ actor: `user:${ok.user.username}`, action: 'province.view', target: ok.code, detail: null });
    return staffViewOf(link !== null, link ? await link.outbox.get(ok.id) : null);
  });

  app.post('/api/province/applications/:id/actions', async (req, reply) => {
    const ok = await allowed(req, reply, 'action');
    if (!ok) return reply;
    const body = parseOrReply(ProvinceActionRequest, req.body, req, reply, audit);
    if (!body) return reply;
    if (!link) return httpError(reply, 409, 'conflict', 'this hub has no province link');
    try {
      const row = await link.outbox.act(ok.id, body.action, body.note, ok.user.displayName || ok.user.username);
      audit({ actor: `user:${ok.user.username}`, action: 'province.action', target: ok.code, detail: `action=${body.action} code=${row.nationalCode ?? 'none'}` });
      return staffViewOf(true, row);
    } catch (e) {
      const kind = e instanceof ProvinceError ? e.kind : 'internal';
      const reason = e instanceof ProvinceError ? e.reason : 'error';
      audit({ actor: `user:${ok.user.username}`, action: 'province.action.failed', target: ok.code, detail: `action=${body.action} kind=${kind} reason=${reason}` });
      return httpError(reply, kind === 'refused' ? 409 : 502, kind === 'refused' ? 'conflict' : 'bad_gateway', kind === 'refused' ? 'the province does not allow this now' : 'the province could not be reached', { kind, reason });
    }
  });
}
