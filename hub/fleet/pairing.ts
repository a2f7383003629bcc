/**
 * Pairing: a new kiosk shows a one-time code on its screen, ward staff type it in the console
 * ("Thêm kiosk"), see which kiosk is asking and confirm it for their ward — like ChromeOS or Xibo
 * display pairing. The other way round (staff make a code, type it on the kiosk) stays in app.ts.
 *
 *   kiosk  POST /api/kiosks/pairing {kioskId, name}     → {pairingCode, pollToken, expiresAt, pollMs}
 *   kiosk  POST /api/kiosks/pairing/poll {pollToken}    → waiting | approved (the device secret, once) | expired
 *   staff  POST /api/kiosks/pairing/lookup {pairingCode} → the kiosk id and name asking
 *   staff  POST /api/kiosks/pairing/approve {pairingCode, ward}
 *   staff  POST /api/kiosks/:id/reenrol                  → an enrolled kiosk id may pair again for 30 min
 *
 * Only SHA-256 hashes of the code and the poll token are stored (migration 3, `kiosk_pairings`);
 * the device secret is made when the kiosk collects it and only its hash is kept (`kiosks`). The
 * kiosk routes are unauthenticated, so they are bounded: at most `maxOpenPerIp` open pairings per
 * address, `startsPerMinutePerIp` requests, `pollsPerMinutePerIp` polls. Staff typing wrong codes
 * are locked out after `failuresMax` within `lockMs` (per account and per address). These limits are
 * counted by hub/security/pairing-limits.ts: in memory on one instance, in the shared `rate_limits`
 * table when several instances share PostgreSQL (issue 18). Every approval
 * and refusal is audited (`kiosk.paired`, `kiosk.pair.refused`, `kiosk.pairing.refused`).
 * Layer: hub (node).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { PairingApproveRequest, PairingLookupRequest, type PairingApproveResponse, type PairingView } from '../../common/contract/hub-console.ts';
import { PairingPollRequest, PairingStartRequest, type PairingPollResponse, type PairingStartResponse } from '../../common/contract/hub-kiosk.ts';
import { newEnrolmentCode, newToken, sha256Hex } from '../auth/crypto.ts';
import { isUniqueViolation, type SqlDriver } from '../db/driver.ts';
import type { AuditEntry, HubRepository, UserRecord } from '../db/repository.ts';
import { canActOnWard } from './fleet.ts';
import { parseOrReply } from '../server/http.ts';
import { MemoryPairingLimits, type PairingLimits } from '../security/pairing-limits.ts';

export interface PairingOptions {
  /** How long a code may be typed (15 min). */
  ttlMs?: number;
  /** How often kiosks poll (3 s). */
  pollMs?: number;
  /** Open (unapproved, unexpired) pairings one address may hold (10: kiosks behind one NAT pair at once). */
  maxOpenPerIp?: number;
  startsPerMinutePerIp?: number;
  pollsPerMinutePerIp?: number;
  /** Wrong codes a staff member (or an address) may type within `lockMs` before being locked out for `lockMs`. */
  failuresMax?: number;
  lockMs?: number;
  /** How long "Cho phép đăng ký lại" lasts (30 min). */
  reenrolWindowMs?: number;
  /** An approved code stays collectable at least this long after approval (5 min). */
  collectGraceMs?: number;
}

type Result<T> = { ok: true; value: T } | { ok: false; status: number; code: string; message: string; retryAfterSec?: number };
const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const no = (status: number, code: string, message: string, retryAfterSec?: number): Result<never> => ({ ok: false, status, code, message, ...(retryAfterSec ? { retryAfterSec } : {}) });

/** What staff read in the console (Vietnamese; the console shows the hub's message as is). */
export const PAIRING_MESSAGES = {
  badCode: 'Mã không đúng hoặc đã hết hạn. Xin xem lại mã đang hiện trên màn hình kiosk.',
  locked: 'Đã nhập sai mã quá nhiều lần. Xin chờ {min} phút rồi thử lại.',
  otherWard: 'Cán bộ chỉ được thêm kiosk cho phường của mình.',
  exists: 'Mã máy này đã được đăng ký. Muốn đăng ký lại, xin mở trang của máy và chọn “Cho phép đăng ký lại”.',
  reenrolWard: 'Máy này thuộc phường khác; chỉ cán bộ của phường đó được đăng ký lại.',
  staffOnly: 'Chỉ cán bộ phường được thêm kiosk.',
} as const;

interface PairingRow {
  codeHash: string;
  pollHash: string;
  kioskId: string;
  name: string;
  ip: string;
  state: 'open' | 'approved' | 'delivered' | 'cancelled';
  reenrol: boolean;
  createdAt: number;
  expiresAt: number;
  ward: string | null;
}

const toRow = (r: Record<string, unknown>): PairingRow => ({
  codeHash: String(r.code_hash),
  pollHash: String(r.poll_hash),
  kioskId: String(r.kiosk_id),
  name: String(r.name),
  ip: String(r.ip),
  state: r.state as PairingRow['state'],
  reenrol: Number(r.reenrol) === 1,
  createdAt: Number(r.created_at),
  expiresAt: Number(r.expires_at),
  ward: r.ward === null || r.ward === undefined ? null : String(r.ward),
});

export class Pairings {
  private readonly sql: SqlDriver;
  private readonly o: Required<PairingOptions>;

  constructor(
    private readonly repo: HubRepository,
    private readonly audit: (e: AuditEntry) => void,
    private readonly now: () => number,
    opts: PairingOptions = {},
    /** An enrolled kiosk got a new secret: close the sockets authenticated with the old one. */
    private readonly secretReplaced: (kioskId: string) => void = () => undefined,
    /** Where the limits are counted (several instances: SharedPairingLimits). */
    private readonly limits: PairingLimits = new MemoryPairingLimits(),
  ) {
    this.sql = repo.driver;
    this.o = {
      ttlMs: 15 * 60_000,
      pollMs: 3_000,
      maxOpenPerIp: 10,
      startsPerMinutePerIp: 30,
      pollsPerMinutePerIp: 600,
      failuresMax: 5,
      lockMs: 10 * 60_000,
      reenrolWindowMs: 30 * 60_000,
      collectGraceMs: 5 * 60_000,
      ...opts,
    };
  }

  /** Forget pairings that ended more than a day ago. */
  async sweep(): Promise<number> {
    return this.sql.run('DELETE FROM kiosk_pairings WHERE expires_at < ?', [this.now() - 86_400_000]);
  }

  // ------------------------------------------------------------------ kiosk side

  async start(ip: string, kioskId: string, name: string): Promise<Result<PairingStartResponse>> {
    const t = this.now();
    if (!(await this.limits.hit('start', ip, this.o.startsPerMinutePerIp, t))) {
      this.audit({ actor: `ip:${ip}`, action: 'kiosk.pairing.refused', target: `kiosk:${kioskId}`, detail: 'rate_limited' });
      return no(429, 'rate_limited', 'too many pairing requests from this address', await this.limits.retryAfterSec('start', ip, t));
    }
    let reenrol = false;
    const [existing] = await this.sql.all('SELECT reenrol_until FROM kiosks WHERE id = ? AND retired_at IS NULL', [kioskId]);
    if (existing) {
      const until = existing.reenrol_until === null || existing.reenrol_until === undefined ? 0 : Number(existing.reenrol_until);
      if (until <= t) {
        this.audit({ actor: `ip:${ip}`, action: 'kiosk.pairing.refused', target: `kiosk:${kioskId}`, detail: 'kiosk_exists' });
        return no(409, 'conflict', 'this kiosk id is already enrolled; staff can allow its re-enrolment on its device page');
      }
      reenrol = true;
    }
    // The same kiosk asking again from the same address (a restart, an expired code): its older open codes go.
    await this.sql.run("UPDATE kiosk_pairings SET state = 'cancelled' WHERE kiosk_id = ? AND ip = ? AND state = 'open'", [kioskId, ip]);
    const [open] = await this.sql.all("SELECT COUNT(*) AS n FROM kiosk_pairings WHERE ip = ? AND state = 'open' AND expires_at > ?", [ip, t]);
    if (Number(open?.n ?? 0) >= this.o.maxOpenPerIp) {
      this.audit({ actor: `ip:${ip}`, action: 'kiosk.pairing.refused', target: `kiosk:${kioskId}`, detail: `too_many_open max=${this.o.maxOpenPerIp}` });
      return no(429, 'rate_limited', 'too many open pairing codes from this address; wait until one is used or expires', Math.ceil(this.o.pollMs / 1000) * 10);
    }
    const pollToken = newToken();
    const expiresAt = t + this.o.ttlMs;
    for (let attempt = 0; ; attempt++) {
      const pairingCode = newEnrolmentCode();
      try {
        await this.sql.run(
          "INSERT INTO kiosk_pairings (code_hash, poll_hash, kiosk_id, name, ip, state, reenrol, created_at, expires_at) VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?)",
          [sha256Hex(pairingCode), sha256Hex(pollToken), kioskId, name, ip, reenrol ? 1 : 0, t, expiresAt],
        );
      } catch (e) {
        // 40 random bits colliding with a stored (possibly old) code: draw again.
        if (isUniqueViolation(e) && attempt < 5) continue;
        throw e;
      }
      this.audit({ actor: `ip:${ip}`, action: 'kiosk.pairing.start', target: `kiosk:${kioskId}`, detail: reenrol ? 'reenrol' : null });
      return ok({ pairingCode, pollToken, expiresAt, pollMs: this.o.pollMs });
    }
  }

  async poll(ip: string, pollToken: string): Promise<Result<PairingPollResponse>> {
    const t = this.now();
    if (!(await this.limits.hit('poll', ip, this.o.pollsPerMinutePerIp, t))) return no(429, 'rate_limited', 'polling too often', await this.limits.retryAfterSec('poll', ip, t));
    const pollHash = sha256Hex(pollToken);
    const [r] = await this.sql.all('SELECT * FROM kiosk_pairings WHERE poll_hash = ?', [pollHash]);
    const p = r ? toRow(r) : null;
    if (!p || p.state === 'delivered' || p.state === 'cancelled') {
      // Unknown, replaced, or collected already: a replayed poll gets nothing. Audited when the token
      // was real (an unknown one — after the hub's database was reset, say — would only fill the log).
      if (p) this.audit({ actor: `ip:${ip}`, action: 'kiosk.pairing.poll_refused', target: `kiosk:${p.kioskId}`, detail: p.state });
      return no(404, 'not_found', 'no such pairing');
    }
    if (p.expiresAt <= t) return ok({ status: 'expired' });
    if (p.state === 'open') return ok({ status: 'waiting', expiresAt: p.expiresAt });
    // Approved: exactly one poll takes it (a conditional update, safe with two hubs on one PostgreSQL).
    const taken = await this.sql.run("UPDATE kiosk_pairings SET state = 'delivered', delivered_at = ? WHERE poll_hash = ? AND state = 'approved' AND expires_at > ?", [t, pollHash, t]);
    if (taken !== 1) return no(404, 'not_found', 'no such pairing');
    const ward = p.ward!;
    const secret = newToken();
    if (p.reenrol) {
      const changed = await this.sql.run('UPDATE kiosks SET secret_hash = ?, name = ?, reenrol_until = NULL WHERE id = ? AND ward = ? AND retired_at IS NULL', [sha256Hex(secret), p.name, p.kioskId, ward]);
      if (changed !== 1) {
        this.audit({ actor: `kiosk:${p.kioskId}`, action: 'kiosk.pairing.refused', target: `ward:${ward}`, detail: 'reenrol_kiosk_gone' });
        return no(409, 'conflict', 'the kiosk changed since staff approved it');
      }
      this.secretReplaced(p.kioskId);
    } else if (!(await this.repo.insertKiosk({ id: p.kioskId, ward, name: p.name, secretHash: sha256Hex(secret), enrolledAt: t }))) {
      // Enrolled the other way (a code typed on the kiosk) between approval and collection.
      this.audit({ actor: `kiosk:${p.kioskId}`, action: 'kiosk.pairing.refused', target: `ward:${ward}`, detail: 'kiosk_exists' });
      return no(409, 'conflict', 'this kiosk id is already enrolled');
    }
    this.audit({ actor: `kiosk:${p.kioskId}`, action: 'kiosk.pairing.collected', target: `ward:${ward}`, detail: p.reenrol ? 'reenrol' : null });
    return ok({ status: 'approved', kioskId: p.kioskId, ward, secret });
  }

  // ------------------------------------------------------------------ staff side

  /** The open pairing for a typed code, counting wrong codes towards the lock. */
  private async openPairing(user: UserRecord, ip: string, code: string, action: 'lookup' | 'approve'): Promise<Result<PairingRow>> {
    const t = this.now();
    const keys = [`user:${user.id}`, `ip:${ip}`];
    const actor = `user:${user.username}`;
    const locked = await this.limits.lockedUntil(keys, t);
    if (locked) {
      this.audit({ actor, action: 'kiosk.pair.refused', target: null, detail: `locked ${action}` });
      const min = Math.ceil((locked - t) / 60_000);
      return no(429, 'locked', PAIRING_MESSAGES.locked.replace('{min}', String(min)), Math.ceil((locked - t) / 1000));
    }
    const [r] = await this.sql.all('SELECT * FROM kiosk_pairings WHERE code_hash = ?', [sha256Hex(code)]);
    const p = r ? toRow(r) : null;
    if (!p || p.state !== 'open' || p.expiresAt <= t) {
      await this.limits.fail(keys, t, this.o.failuresMax, this.o.lockMs);
      const why = !p ? 'bad_code' : p.state !== 'open' ? `code_${p.state}` : 'code_expired';
      this.audit({ actor, action: 'kiosk.pair.refused', target: p ? `kiosk:${p.kioskId}` : null, detail: `${why} ${action}` });
      return no(404, 'not_found', PAIRING_MESSAGES.badCode);
    }
    return ok(p);
  }

  private async enrolledWard(kioskId: string): Promise<string | null> {
    return (await this.repo.getKiosk(kioskId))?.ward ?? null;
  }

  async lookup(user: UserRecord, ip: string, code: string): Promise<Result<PairingView>> {
    const r = await this.openPairing(user, ip, code, 'lookup');
    if (!r.ok) return r;
    const p = r.value;
    const enrolledWard = p.reenrol ? await this.enrolledWard(p.kioskId) : null;
    return ok({ kioskId: p.kioskId, name: p.name, requestedAt: p.createdAt, expiresAt: p.expiresAt, reenrol: p.reenrol, enrolledWard });
  }

  async approve(user: UserRecord, ip: string, code: string, ward: string): Promise<Result<PairingApproveResponse>> {
    const actor = `user:${user.username}`;
    if (!canActOnWard(user, ward)) {
      this.audit({ actor, action: 'kiosk.pair.refused', target: `ward:${ward}`, detail: `other_ward role=${user.role}` });
      return no(403, 'forbidden', PAIRING_MESSAGES.otherWard);
    }
    const r = await this.openPairing(user, ip, code, 'approve');
    if (!r.ok) return r;
    const p = r.value;
    const t = this.now();
    const enrolledWard = await this.enrolledWard(p.kioskId);
    if (enrolledWard !== null && !p.reenrol) {
      this.audit({ actor, action: 'kiosk.pair.refused', target: `kiosk:${p.kioskId}`, detail: 'kiosk_exists' });
      return no(409, 'conflict', PAIRING_MESSAGES.exists);
    }
    if (p.reenrol && enrolledWard !== ward) {
      this.audit({ actor, action: 'kiosk.pair.refused', target: `kiosk:${p.kioskId}`, detail: `reenrol_other_ward ward=${ward}` });
      return no(403, 'forbidden', PAIRING_MESSAGES.reenrolWard);
    }
    const expiresAt = Math.max(p.expiresAt, t + this.o.collectGraceMs);
    const changed = await this.sql.run(
      "UPDATE kiosk_pairings SET state = 'approved', ward = ?, approved_by = ?, approved_at = ?, expires_at = ? WHERE code_hash = ? AND state = 'open' AND expires_at > ?",
      [ward, user.id, t, expiresAt, p.codeHash, t],
    );
    if (changed !== 1) {
      // Approved by someone else a moment ago, or it expired meanwhile.
      this.audit({ actor, action: 'kiosk.pair.refused', target: `kiosk:${p.kioskId}`, detail: 'code_taken approve' });
      return no(404, 'not_found', PAIRING_MESSAGES.badCode);
    }
    await this.limits.clear([`user:${user.id}`, `ip:${ip}`]);
    this.audit({ actor, action: 'kiosk.paired', target: `kiosk:${p.kioskId}`, detail: `ward=${ward}${p.reenrol ? ' reenrol' : ''}` });
    return ok({ kioskId: p.kioskId, name: p.name, ward, reenrol: p.reenrol });
  }

  /** "Cho phép đăng ký lại": the kiosk id may pair again (its ward's staff, or an admin). */
  async allowReenrol(user: UserRecord, kioskId: string): Promise<Result<{ kioskId: string; until: number }>> {
    const k = await this.repo.getKiosk(kioskId);
    if (!k) return no(404, 'not_found', 'no such kiosk');
    if (!canActOnWard(user, k.ward)) {
      this.audit({ actor: `user:${user.username}`, action: 'kiosk.reenrol.refused', target: `kiosk:${kioskId}`, detail: `other_ward role=${user.role}` });
      return no(403, 'forbidden', PAIRING_MESSAGES.reenrolWard);
    }
    const until = this.now() + this.o.reenrolWindowMs;
    await this.sql.run('UPDATE kiosks SET reenrol_until = ? WHERE id = ? AND retired_at IS NULL', [until, kioskId]);
    this.audit({ actor: `user:${user.username}`, action: 'kiosk.reenrol.allowed', target: `kiosk:${kioskId}`, detail: `minutes=${Math.round(this.o.reenrolWindowMs / 60_000)}` });
    return ok({ kioskId, until });
  }
}

export interface PairingRouteDeps {
  audit: (e: AuditEntry) => void;
  userOf: (req: FastifyRequest) => Promise<UserRecord | null>;
}

export function registerPairingRoutes(app: FastifyInstance, pairings: Pairings, deps: PairingRouteDeps): void {
  const { audit } = deps;
  const parse = <S extends z.ZodType>(schema: S, value: unknown, req: FastifyRequest, reply: FastifyReply): z.infer<S> | null => parseOrReply(schema, value, req, reply, audit);
  function send<T>(reply: FastifyReply, r: Result<T>) {
    if (r.ok) return r.value;
    if (r.retryAfterSec) reply.header('Retry-After', String(r.retryAfterSec));
    return reply.code(r.status).send({ error: { code: r.code, message: r.message } });
  }
  async function staff(req: FastifyRequest, reply: FastifyReply): Promise<UserRecord | null> {
    const u = await deps.userOf(req);
    if (!u) {
      void reply.code(401).send({ error: { code: 'unauthorized', message: 'log in first' } });
      return null;
    }
    if (u.role !== 'staff' && u.role !== 'admin') {
      audit({ actor: `user:${u.username}`, action: 'kiosk.pair.refused', target: req.routeOptions.url ?? null, detail: `role=${u.role}` });
      void reply.code(403).send({ error: { code: 'forbidden', message: PAIRING_MESSAGES.staffOnly } });
      return null;
    }
    return u;
  }

  app.post('/api/kiosks/pairing', async (req, reply) => {
    const b = parse(PairingStartRequest, req.body, req, reply);
    if (!b) return reply;
    return send(reply, await pairings.start(req.ip, b.kioskId, b.name));
  });
  app.post('/api/kiosks/pairing/poll', async (req, reply) => {
    const b = parse(PairingPollRequest, req.body, req, reply);
    if (!b) return reply;
    return send(reply, await pairings.poll(req.ip, b.pollToken));
  });
  app.post('/api/kiosks/pairing/lookup', async (req, reply) => {
    const u = await staff(req, reply);
    if (!u) return reply;
    const b = parse(PairingLookupRequest, req.body, req, reply);
    if (!b) return reply;
    return send(reply, await pairings.lookup(u, req.ip, b.pairingCode));
  });
  app.post('/api/kiosks/pairing/approve', async (req, reply) => {
    const u = await staff(req, reply);
    if (!u) return reply;
    const b = parse(PairingApproveRequest, req.body, req, reply);
    if (!b) return reply;
    return send(reply, await pairings.approve(u, req.ip, b.pairingCode, b.ward));
  });
  app.post('/api/kiosks/:id/reenrol', async (req, reply) => {
    const u = await staff(req, reply);
    if (!u) return reply;
    const p = parse(z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{2,40}$/) }), req.params, req, reply);
    if (!p) return reply;
    return send(reply, await pairings.allowReenrol(u, p.id));
  });
}
