/**
 * The hub's HTTP boundary helpers, shared by every route module: one error
 * shape `{error: {code, message, issues?}}`, and one way to validate a request
 * part with its contract schema — on failure a 400 that names the field paths
 * (never the values) and an audit row.
 * Layer: hub (node).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AuditEntry } from '../db/repository.ts';

export function httpError(reply: FastifyReply, status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
  return reply.code(status).send({ error: { code, message, ...extra } });
}

/** Validates `value` (a body, params or query) with a contract schema; null after replying 400 and auditing. */
export function parseOrReply<S extends z.ZodType>(schema: S, value: unknown, req: FastifyRequest, reply: FastifyReply, audit: (e: AuditEntry) => void): z.infer<S> | null {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => i.path.join('.') || '(root)').slice(0, 10);
  audit({ actor: `ip:${req.ip}`, action: 'http.bad_body', target: req.routeOptions.url ?? null, detail: `issues=${issues.join(',')}` });
  void httpError(reply, 400, 'bad_request', 'the request does not match the contract', { issues });
  return null;
}
