/**
 * The request guards the staff-and-kiosk route modules share (fleet, applications): who is
 * asking (a staff member or admin from the session cookie; a kiosk from its secret), which ward a
 * staff query means, a contract check of a request part, and one way to send a route's result.
 * Layer: hub (node).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { WardId } from '../../common/contract/hub-common.ts';
import type { AuditEntry, KioskRecord, UserRecord } from '../db/repository.ts';
import { httpError, parseOrReply } from './http.ts';

export interface GuardDeps {
  audit: (e: AuditEntry) => void;
  userOf: (req: FastifyRequest) => Promise<UserRecord | null>;
  kioskOf: (req: FastifyRequest) => Promise<KioskRecord | null>;
}

/** A route's outcome: a value, or a refusal with its HTTP status, error code and field issues. */
export type RouteResult<T> = { ok: true; value: T } | { ok: false; status: number; code: string; message: string; issues?: unknown[] };

export function routeGuards(deps: GuardDeps) {
  const { audit } = deps;
  return {
    /** A request part checked with its contract schema; null after a 400 (field paths only) and an audit row. */
    parse: <S extends z.ZodType>(schema: S, value: unknown, req: FastifyRequest, reply: FastifyReply): z.infer<S> | null => parseOrReply(schema, value, req, reply, audit),

    /** Staff or admin from the session cookie; 401 without a login, 403 (audited) for other roles. */
    async staff(req: FastifyRequest, reply: FastifyReply): Promise<UserRecord | null> {
      const u = await deps.userOf(req);
      if (!u) {
        void httpError(reply, 401, 'unauthorized', 'log in first');
        return null;
      }
      if (u.role !== 'staff' && u.role !== 'admin') {
        audit({ actor: `user:${u.username}`, action: 'fleet.refused', target: req.routeOptions.url ?? null, detail: `role=${u.role}` });
        void httpError(reply, 403, 'forbidden', 'staff only');
        return null;
      }
      return u;
    },

    /** The kiosk its secret names; 401 otherwise. */
    async kiosk(req: FastifyRequest, reply: FastifyReply): Promise<KioskRecord | null> {
      const k = await deps.kioskOf(req);
      if (!k) void httpError(reply, 401, 'unauthorized', 'authenticate the kiosk');
      return k;
    },

    /** The ward a staff query asks for (`?ward=`, when well formed), else the user's own. */
    wardParam(u: UserRecord, q: unknown): string | null {
      const w = (q as { ward?: unknown }).ward;
      if (typeof w === 'string' && WardId.safeParse(w).success) return w;
      return u.ward;
    },

    /** The value (wrapped if asked), or the refusal in the hub's one error shape. */
    send<T>(reply: FastifyReply, r: RouteResult<T>, wrap: (v: T) => unknown = (v) => v) {
      if (r.ok) return wrap(r.value);
      return httpError(reply, r.status, r.code, r.message, r.issues ? { issues: r.issues } : {});
    },
  };
}
