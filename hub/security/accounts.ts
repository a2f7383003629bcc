/**
 * Accounts (issue 17): who may create, disable and reset whom, the password rules, and the
 * HTTP API the staff console's account pages use. The CLI (`npm run hub-user`, scripts/hub-user.ts)
 * uses the same store and rules.
 *
 *  - ward staff manage the volunteer accounts of their own ward; admins manage staff and
 *    volunteers of any ward; nobody manages admins here (the CLI does);
 *  - staff accounts always have a ward (one without is refused); volunteers too; admins none;
 *  - a new or reset password is a one-time password: it must be changed at first login (every
 *    route but /api/me, /api/logout and /api/password answers 403 `password_change_required`
 *    until then, and the console WebSocket is refused);
 *  - a chosen password: 10–128 characters, not containing the user name;
 *  - disabling or resetting ends the account's sessions and closes its sockets;
 *  - every change is audited (never the password).
 * Layer: hub (node).
 */
import { randomInt } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AccountCreateRequest, AccountDisableRequest, PasswordChangeRequest, type AccountView } from '../../common/contract/hub-console.ts';
import { Username, WardId, type HubLang, type Role } from '../../common/contract/hub-common.ts';
import { hashPassword, verifyPassword } from '../auth/crypto.ts';
import type { SqlDriver } from '../db/driver.ts';
import type { AuditEntry, HubRepository, UserRecord } from '../db/repository.ts';
import { httpError, parseOrReply } from '../server/http.ts';
import { randomUUID } from 'node:crypto';

export const MIN_PASSWORD = 10;

/** Why a password is not acceptable (Vietnamese first), or null. */
export function passwordProblem(username: string, password: string): { vi: string; en: string } | null {
  const p = password.normalize('NFC');
  if ([...p].length < MIN_PASSWORD) return { vi: `Mật khẩu cần ít nhất ${MIN_PASSWORD} ký tự.`, en: `At least ${MIN_PASSWORD} characters.` };
  if ([...p].length > 128) return { vi: 'Mật khẩu dài quá 128 ký tự.', en: 'At most 128 characters.' };
  if (p.toLowerCase().includes(username.toLowerCase())) return { vi: 'Mật khẩu không được chứa tên đăng nhập.', en: 'The password must not contain the user name.' };
  return null;
}

/** A one-time password a person can read out and type: 12 characters without look-alikes. */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  let s = '';
  for (let i = 0; i < 12; i++) s += alphabet[randomInt(alphabet.length)];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/** Who may manage whom. */
export function mayManage(actor: UserRecord, target: { role: Role; ward: string | null }): boolean {
  if (target.role === 'admin') return false;
  if (actor.role === 'admin') return true;
  return actor.role === 'staff' && !!actor.ward && target.role === 'volunteer' && target.ward === actor.ward;
}

export function wardRuleProblem(role: Role, ward: string | null): string | null {
  if (role === 'admin') return ward === null ? null : 'an admin has no ward';
  return ward && WardId.safeParse(ward).success ? null : `a ${role} account needs a ward`;
}

export class AccountStore {
  constructor(
    private readonly repo: HubRepository,
    private readonly scryptN = 16384,
  ) {}

  private get sql(): SqlDriver {
    return this.repo.driver;
  }

  async create(u: { username: string; displayName: string; role: Role; ward: string | null; languages: HubLang[]; password: string; mustChange: boolean }, now: number): Promise<UserRecord | 'taken'> {
    if (await this.repo.getUserByUsername(u.username)) return 'taken';
    await this.repo.createUser({ id: randomUUID(), username: u.username, displayName: u.displayName, role: u.role, ward: u.ward, languages: u.languages, passwordHash: await hashPassword(u.password.normalize('NFC'), this.scryptN), createdAt: now });
    if (u.mustChange) await this.sql.run('UPDATE users SET must_change_password = 1 WHERE username = ?', [u.username]);
    return (await this.repo.getUserByUsername(u.username))!;
  }

  async setPassword(userId: string, password: string, mustChange: boolean): Promise<void> {
    await this.sql.run('UPDATE users SET password_hash = ?, must_change_password = ? WHERE id = ?', [await hashPassword(password.normalize('NFC'), this.scryptN), mustChange ? 1 : 0, userId]);
  }

  async setDisabled(userId: string, at: number | null): Promise<void> {
    await this.sql.run('UPDATE users SET disabled_at = ? WHERE id = ?', [at, userId]);
  }

  /** Ends every session of the user (disable, reset, a changed password ends the others). */
  async endSessions(userId: string, except: string | null = null): Promise<void> {
    if (except) await this.sql.run('DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?', [userId, except]);
    else await this.sql.run('DELETE FROM sessions WHERE user_id = ?', [userId]);
  }

  async list(filter: { ward: string | null; roles: Role[] }): Promise<UserRecord[]> {
    const roles = filter.roles.map(() => '?').join(', ');
    const rows = filter.ward
      ? await this.sql.all(`SELECT id FROM users WHERE ward = ? AND role IN (${roles}) ORDER BY username LIMIT 1000`, [filter.ward, ...filter.roles])
      : await this.sql.all(`SELECT id FROM users WHERE role IN (${roles}) ORDER BY username LIMIT 1000`, filter.roles);
    const out: UserRecord[] = [];
    for (const r of rows) {
      const u = await this.repo.getUser(String(r.id));
      if (u) out.push(u);
    }
    return out;
  }
}

export const accountView = (u: UserRecord): AccountView => ({
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  ward: u.ward,
  languages: u.languages,
  disabled: !!u.disabledAt,
  mustChangePassword: !!u.mustChangePassword,
  createdAt: u.createdAt,
});

export interface AccountRouteDeps {
  repo: HubRepository;
  audit: (e: AuditEntry) => void;
  now: () => number;
  session: (req: FastifyRequest) => Promise<{ user: UserRecord; tokenHash: string } | null>;
  /** Closes the user's console sockets (disable, reset; a password change: all but the changing session's). */
  closeUser: (userId: string, reason: string, exceptTokenHash?: string) => void;
  scryptN?: number;
}

/** Routes a user who must change their password may still use. */
export const PASSWORD_CHANGE_ROUTES = new Set(['/api/me', '/api/logout', '/api/password', '/api/login']);

export function registerAccountRoutes(app: FastifyInstance, deps: AccountRouteDeps): AccountStore {
  const { audit, now } = deps;
  const store = new AccountStore(deps.repo, deps.scryptN);
  const parse = <S extends z.ZodType>(schema: S, value: unknown, req: FastifyRequest, reply: FastifyReply): z.infer<S> | null => parseOrReply(schema, value, req, reply, audit);

  async function manager(req: FastifyRequest, reply: FastifyReply): Promise<UserRecord | null> {
    const s = await deps.session(req);
    if (!s) {
      void httpError(reply, 401, 'unauthorized', 'log in first');
      return null;
    }
    if (s.user.role === 'admin' || (s.user.role === 'staff' && s.user.ward)) return s.user;
    audit({ actor: `user:${s.user.username}`, action: 'account.refused', target: req.routeOptions.url ?? null, detail: `role=${s.user.role}` });
    void httpError(reply, 403, 'forbidden', 'ward staff and admins only');
    return null;
  }

  async function target(req: FastifyRequest, reply: FastifyReply, actor: UserRecord, action: string): Promise<UserRecord | null> {
    const name = Username.safeParse((req.params as { username?: string }).username);
    const u = name.success ? await deps.repo.getUserByUsername(name.data) : null;
    if (!u) {
      void httpError(reply, 404, 'not_found', 'no such account');
      return null;
    }
    if (!mayManage(actor, u)) {
      audit({ actor: `user:${actor.username}`, action: `${action}.refused`, target: `user:${u.username}`, detail: `role=${u.role}` });
      void httpError(reply, 403, 'forbidden', 'not an account you manage');
      return null;
    }
    return u;
  }

  app.get('/api/accounts', async (req, reply) => {
    const m = await manager(req, reply);
    if (!m) return reply;
    const users = m.role === 'admin' ? await store.list({ ward: null, roles: ['staff', 'volunteer'] }) : await store.list({ ward: m.ward, roles: ['volunteer'] });
    return { accounts: users.map(accountView) };
  });

  app.post('/api/accounts', async (req, reply) => {
    const m = await manager(req, reply);
    if (!m) return reply;
    const b = parse(AccountCreateRequest, req.body, req, reply);
    if (!b) return reply;
    const wardProblem = wardRuleProblem(b.role, b.ward);
    if (wardProblem) return httpError(reply, 400, 'bad_request', wardProblem, { issues: ['ward'] });
    if (!mayManage(m, b)) {
      audit({ actor: `user:${m.username}`, action: 'account.create.refused', target: `user:${b.username}`, detail: `role=${b.role}` });
      return httpError(reply, 403, 'forbidden', 'not an account you may create');
    }
    const temp = temporaryPassword();
    const u = await store.create({ ...b, password: temp, mustChange: true }, now());
    if (u === 'taken') return httpError(reply, 409, 'conflict', 'this user name is taken');
    audit({ actor: `user:${m.username}`, action: 'account.create', target: `user:${u.username}`, detail: `role=${u.role}${u.ward ? ` ward=${u.ward}` : ''}` });
    return { account: accountView(u), temporaryPassword: temp };
  });

  app.post('/api/accounts/:username/disable', async (req, reply) => {
    const m = await manager(req, reply);
    if (!m) return reply;
    const u = await target(req, reply, m, 'account.disable');
    if (!u) return reply;
    const b = parse(AccountDisableRequest, req.body, req, reply);
    if (!b) return reply;
    await store.setDisabled(u.id, b.disabled ? now() : null);
    if (b.disabled) {
      await store.endSessions(u.id);
      deps.closeUser(u.id, 'account disabled');
    }
    audit({ actor: `user:${m.username}`, action: b.disabled ? 'account.disable' : 'account.enable', target: `user:${u.username}`, detail: null });
    return { account: accountView((await deps.repo.getUser(u.id))!) };
  });

  app.post('/api/accounts/:username/reset-password', async (req, reply) => {
    const m = await manager(req, reply);
    if (!m) return reply;
    const u = await target(req, reply, m, 'account.reset');
    if (!u) return reply;
    const temp = temporaryPassword();
    await store.setPassword(u.id, temp, true);
    await store.endSessions(u.id);
    deps.closeUser(u.id, 'password reset');
    audit({ actor: `user:${m.username}`, action: 'account.reset_password', target: `user:${u.username}`, detail: null });
    return { account: accountView((await deps.repo.getUser(u.id))!), temporaryPassword: temp };
  });

  app.post('/api/password', async (req, reply) => {
    const s = await deps.session(req);
    if (!s) return httpError(reply, 401, 'unauthorized', 'log in first');
    const b = parse(PasswordChangeRequest, req.body, req, reply);
    if (!b) return reply;
    if (!(await verifyPassword(b.currentPassword, s.user.passwordHash))) {
      audit({ actor: `user:${s.user.username}`, action: 'password.change.refused', target: null, detail: 'bad_current' });
      return httpError(reply, 403, 'forbidden', 'the current password is wrong');
    }
    const problem = passwordProblem(s.user.username, b.newPassword) ?? (b.newPassword.normalize('NFC') === b.currentPassword.normalize('NFC') ? { vi: 'Mật khẩu mới phải khác mật khẩu cũ.', en: 'The new password must differ from the old one.' } : null);
    if (problem) return httpError(reply, 400, 'weak_password', problem.en, { issues: ['newPassword'], messageVi: problem.vi });
    await store.setPassword(s.user.id, b.newPassword, false);
    await store.endSessions(s.user.id, s.tokenHash); // other devices log in again
    deps.closeUser(s.user.id, 'password changed', s.tokenHash); // and their open consoles close, on every hub instance
    audit({ actor: `user:${s.user.username}`, action: 'password.change', target: null, detail: null });
    return { ok: true };
  });

  return store;
}
