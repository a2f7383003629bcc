/**
 * The WebSocket side of the hub: kiosk and console connections.
 *
 * Every message: ≤ MAX_HUB_MESSAGE_BYTES, text, JSON, valid against the
 * contract, within the socket's rate — else refused with an `error` message
 * and audited (bounded per socket), and the connection stays open unless it
 * keeps misbehaving (then closed 1008 and audited). A kiosk authenticates
 * with its first message; a console by its session cookie at the upgrade.
 * Layer: hub (node).
 */
import type { FastifyRequest } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import { CLOSE_KIOSK_RETIRED, CLOSE_UNAUTHORIZED, MAX_HUB_MESSAGE_BYTES, type ErrorCode, type Unsequenced } from '../../common/contract/hub-common.ts';
import { ConsoleToHub, type HubToConsole } from '../../common/contract/hub-console.ts';
import { KioskToHub, type HubToKiosk } from '../../common/contract/hub-kiosk.ts';
import { sameHash, sha256Hex } from '../auth/crypto.ts';
import type { AuditEntry, HubRepository, KioskRecord, UserRecord } from '../db/repository.ts';
import type { DeskHost, HelpDesk } from '../help/desk.ts';
import { CallChat, snapshotCallId } from '../help/call-chat.ts';
import type { HelpOutlet, KioskRef, Result } from '../help/queue.ts';
import type { Fleet } from '../fleet/fleet.ts';
import type { Applications, ApplicationsOutlet } from '../applications/applications.ts';
import { canActOnWard } from '../fleet/fleet.ts';
import { Channels, type Channel } from './channels.ts';
import { ConnIndex } from './conn-index.ts';
import { Admission } from './admission.ts';
import { KioskTouches } from './kiosk-touches.ts';
import { addressKey } from '../security/audit-guard.ts';

export interface GatewayLimits {
  /** Sustained messages per second per socket. */
  ratePerSecond: number;
  /** Burst above the sustained rate. */
  rateBurst: number;
  /** Refused messages within 10 s that make a socket abusive (closed). */
  strikesToClose: number;
  /** Refusals audited per socket; beyond, one summary row at close. */
  auditPerSocket: number;
  /** A kiosk must authenticate within this time. */
  helloTimeoutMs: number;
  /** Messages waiting for processing per socket. */
  maxQueued: number;
  /** Open WebSockets per address (an IPv6 address counts by its /64), authenticated or not. */
  connectionsPerAddress: number;
  /** Of those, kiosk sockets that have not said hello yet. */
  unauthenticatedPerAddress: number;
  /** Kiosk hellos at the database at once (their record; the fleet's reads); the others wait in order (hub/server/admission.ts). */
  hellosAtOnce: number;
}

export const DEFAULT_LIMITS: GatewayLimits = {
  ratePerSecond: 100,
  rateBurst: 200,
  strikesToClose: 30,
  auditPerSocket: 20,
  helloTimeoutMs: 10_000,
  maxQueued: 256,
  connectionsPerAddress: 32,
  unauthenticatedPerAddress: 8,
  hellosAtOnce: 8,
};

/** A console socket's login session: logging out or its expiry closes the socket (issue 17). */
export interface ConsoleSession {
  tokenHash: string;
  expiresAt: number;
}

/** Close code of a console socket whose session ended (logged out, expired, account disabled). */
export const CLOSE_SESSION_ENDED = 4401;

type Identity = { kind: 'kiosk'; kiosk: KioskRecord } | { kind: 'user'; user: UserRecord };

interface Conn {
  kind: 'kiosk' | 'console';
  socket: WebSocket;
  ip: string;
  /** Console: known from the cookie; kiosk: after hello. */
  preauth: UserRecord | null;
  identity: Identity | null;
  channel: Channel | null;
  tokens: number;
  refilledAt: number;
  strikes: number[];
  audited: number;
  suppressed: number;
  queued: number;
  chain: Promise<void>;
  lastRateNotice: number;
  helloTimer: NodeJS.Timeout | null;
  closed: boolean;
  /** Flagged abusive: closing; nothing more it sends is read or audited. */
  abusive: boolean;
  /** addressKey(ip), for the per-address connection caps. */
  addr: string;
  /** No hello yet and no console login (the per-address cap on those): kept by ConnIndex. */
  anonymous: boolean;
  session: ConsoleSession | null;
}

const keyOf = (id: Identity): string => (id.kind === 'kiosk' ? `kiosk:${id.kiosk.id}` : `user:${id.user.id}`);
const actorOf = (c: Conn): string => (c.identity ? (c.identity.kind === 'kiosk' ? `kiosk:${c.identity.kiosk.id}` : `user:${c.identity.user.username}`) : c.preauth ? `user:${c.preauth.username}` : `ip:${c.ip}`);

function rawText(raw: RawData): Buffer {
  if (Buffer.isBuffer(raw)) return raw;
  if (Array.isArray(raw)) return Buffer.concat(raw);
  return Buffer.from(raw as ArrayBuffer);
}

export class Gateway implements HelpOutlet, ApplicationsOutlet, DeskHost {
  readonly channels = new Channels();
  private readonly conns = new ConnIndex<Conn>();
  private desk!: HelpDesk;
  private fleet: Fleet | null = null;
  private applications: Applications | null = null;
  readonly admission: Admission;
  /** Kiosks' last-seen times, written once a second (hub/server/kiosk-touches.ts). */
  readonly touches: KioskTouches;
  /** A call's chat in the database, for a party that comes back through another instance (hub/help/call-chat.ts). */
  private readonly callChat: CallChat;

  constructor(
    private readonly repo: HubRepository,
    readonly epoch: string,
    private readonly audit: (e: AuditEntry) => void,
    private readonly limits: GatewayLimits,
    private readonly now: () => number,
  ) {
    this.callChat = new CallChat(repo.driver);
    this.admission = new Admission(limits.hellosAtOnce);
    this.touches = new KioskTouches(repo.driver, now);
  }

  /** The help desk (hub/help/desk.ts): the queue, wherever it runs among the hub's instances. */
  attachDesk(desk: HelpDesk): void {
    this.desk = desk;
    desk.attach(this);
  }

  /** The fleet (issue 7): heartbeats, commands, outbox, stats on the kiosk socket. */
  attachFleet(fleet: Fleet): void {
    this.fleet = fleet;
  }

  /** The applications wing (issue 14 part 4): the outbox and track on the kiosk socket. */
  attachApplications(applications: Applications): void {
    this.applications = applications;
  }

  /** Users with an open console socket (the current one of their channel). */
  connectedUsers(): UserRecord[] {
    const out: UserRecord[] = [];
    for (const c of this.conns.consoles) if (c.identity?.kind === 'user' && c.channel?.socket === c.socket) out.push(c.identity.user);
    return out;
  }

  // ------------------------------------------------------------------ HelpOutlet (to a party on any instance)

  toKiosk(kioskId: string, msg: Unsequenced<HubToKiosk>): void {
    this.desk.toKiosk(kioskId, msg);
  }

  toUser(userId: string, msg: Unsequenced<HubToConsole>): void {
    this.desk.toUser(userId, msg);
  }

  // ------------------------------------------------------------------ DeskHost (the sockets of this instance)

  deliver(key: string, msg: { type: string }): void {
    // Pointer moves and live-view frames are worthless late: never replayed.
    const channel = this.channels.peek(key);
    channel?.send(msg, msg.type !== (key.startsWith('kiosk:') ? 'pointer' : 'liveview'));
    // The call is over: its chat leaves this party's replay buffer (hub/help/call-chat.ts wipes the stored copy).
    if (msg.type === 'call.ended') channel?.forgetChat(String((msg as { callId?: unknown }).callId));
  }

  private current(key: string): Conn | null {
    const c = this.conns.of(this.channels.peek(key)?.socket);
    return c?.identity && !c.closed && keyOf(c.identity) === key && c.channel?.socket === c.socket ? c : null;
  }

  held(): { key: string; kiosk: KioskRef | null }[] {
    const out: { key: string; kiosk: KioskRef | null }[] = [];
    for (const c of this.conns.values()) if (c.identity && !c.closed && c.channel?.socket === c.socket) out.push({ key: keyOf(c.identity), kiosk: c.identity.kind === 'kiosk' ? c.identity.kiosk : null });
    return out;
  }

  resnapshot(key: string, snapshot: unknown): void {
    const c = this.current(key);
    if (c?.identity && c.channel && c.socket.readyState === c.socket.OPEN) c.socket.send(c.channel.marker(this.snapshotOf(c.identity, snapshot)));
  }

  drop(key: string): void {
    const c = this.current(key);
    if (c) this.closeConn(c, 4000, 'replaced by a newer connection');
    this.channels.drop(key);
  }

  private snapshotOf(identity: Identity, snapshot: unknown): object {
    if (identity.kind === 'kiosk') return { type: 'snapshot', kioskId: identity.kiosk.id, ward: identity.kiosk.ward, request: snapshot ?? null };
    const u = identity.user;
    return { type: 'snapshot', user: { username: u.username, displayName: u.displayName, role: u.role, ward: u.ward, languages: u.languages }, ...(snapshot as object) };
  }

  // ------------------------------------------------------------------ ApplicationsOutlet

  toKioskNow(kioskId: string, msg: Unsequenced<HubToKiosk>): void {
    this.channels.peek(`kiosk:${kioskId}`)?.send(msg, false);
  }

  toWardStaff(ward: string, msg: Record<string, unknown> & { type: string }): void {
    for (const u of this.connectedUsers()) if (canActOnWard(u, ward)) this.channels.peek(`user:${u.id}`)?.send(msg, false);
  }

  // ------------------------------------------------------------------ connections

  connectionCount(): number {
    return this.conns.size;
  }

  /**
   * Whether a new WebSocket from this address may open (checked at the upgrade): at most
   * connectionsPerAddress open, and for kiosk sockets at most unauthenticatedPerAddress still
   * without a hello. Refusals are audited once per address per minute by the caller's budget.
   */
  admits(ip: string, kind: 'kiosk' | 'console'): boolean {
    const { all, anon } = this.conns.countsOf(addressKey(ip));
    return all < this.limits.connectionsPerAddress && (kind === 'console' || anon < this.limits.unauthenticatedPerAddress);
  }

  /** Closes the console sockets of one login session (logout). */
  endSession(tokenHash: string, reason = 'logged out'): void {
    for (const c of this.conns.values()) if (c.session?.tokenHash === tokenHash) this.closeConn(c, CLOSE_SESSION_ENDED, reason);
  }

  /** Closes every console socket of a user (account disabled, password reset) — but those of session `except` (a password change). */
  closeUser(userId: string, reason: string, except?: string): void {
    for (const c of this.conns.values()) if ((c.preauth ?? (c.identity?.kind === 'user' ? c.identity.user : null))?.id === userId && (!except || c.session?.tokenHash !== except)) this.closeConn(c, CLOSE_SESSION_ENDED, reason);
  }

  /** Closes console sockets whose session has expired (called every few seconds, and on each message). */
  sweepSessions(): void {
    const t = this.now();
    for (const c of this.conns.values()) if (c.session && c.session.expiresAt <= t) this.closeConn(c, CLOSE_SESSION_ENDED, 'session expired');
  }

  private closeConn(c: Conn, code: number, reason: string): void {
    if (c.closed) return;
    c.abusive = c.abusive || code === CLOSE_SESSION_ENDED; // read nothing more from it
    c.socket.close(code, reason);
    // The socket's own 'close' comes after the closing handshake: the call side forgets the party now.
    void this.onClose(c).catch(() => undefined);
  }

  closeAll(code: number, reason: string): void {
    for (const c of this.conns.values()) c.socket.close(code, reason);
  }

  /** Closes the sockets of one kiosk (its device secret was replaced by re-enrolment). */
  closeKiosk(kioskId: string, code: number, reason: string): void {
    for (const c of this.conns.values()) if (c.identity?.kind === 'kiosk' && c.identity.kiosk.id === kioskId) c.socket.close(code, reason);
  }

  /** The kiosk was retired: its sockets close with CLOSE_KIOSK_RETIRED, its channel (seqs, replay) is forgotten, its help request ends. */
  retireKiosk(kioskId: string): Promise<void> {
    this.closeKiosk(kioskId, CLOSE_KIOSK_RETIRED, 'retired');
    this.channels.drop(`kiosk:${kioskId}`);
    return this.desk.kioskRetired(kioskId); // its help request: withdrawn, or its call ended
  }

  accept(kind: 'kiosk' | 'console', socket: WebSocket, req: FastifyRequest, user: UserRecord | null, session: ConsoleSession | null = null): void {
    const c: Conn = {
      kind,
      socket,
      ip: req.ip,
      preauth: user,
      identity: null,
      channel: null,
      tokens: this.limits.rateBurst,
      refilledAt: this.now(),
      strikes: [],
      audited: 0,
      suppressed: 0,
      queued: 0,
      chain: Promise.resolve(),
      lastRateNotice: 0,
      helloTimer: null,
      closed: false,
      abusive: false,
      addr: addressKey(req.ip),
      anonymous: !user,
      session,
    };
    this.conns.add(c);
    c.helloTimer = setTimeout(() => {
      if (!c.identity) {
        this.refuse(c, 'unauthorized', 'no hello in time', null, null, true);
        socket.close(4401, 'hello timeout');
      }
    }, this.limits.helloTimeoutMs);
    c.helloTimer.unref?.();
    // Handlers are attached synchronously (nothing is missed while async work runs).
    socket.on('message', (raw, isBinary) => this.onMessage(c, raw, isBinary));
    socket.on('close', () => {
      this.onClose(c).catch(() => undefined); // after close() the queue refuses: nothing to do
    });
    socket.on('error', (e) => {
      const code = (e as { code?: string }).code ?? 'error';
      this.audit({ actor: actorOf(c), action: 'ws.error', target: null, detail: `code=${code}` });
    });
  }

  private async onClose(c: Conn): Promise<void> {
    if (c.closed) return;
    c.closed = true;
    this.conns.remove(c);
    if (c.helloTimer) clearTimeout(c.helloTimer);
    if (c.suppressed > 0) this.audit({ actor: actorOf(c), action: 'ws.refused.suppressed', target: null, detail: `count=${c.suppressed}` });
    await c.chain.catch(() => undefined);
    if (!c.identity || !c.channel || c.channel.socket !== c.socket) return;
    c.channel.socket = null;
    if (c.identity.kind === 'kiosk') {
      this.fleet?.kioskDisconnected(c.identity.kiosk.id);
      await this.desk.kioskDisconnected(c.identity.kiosk.id);
    } else await this.desk.volunteerDisconnected(c.identity.user.id);
  }

  /** Counts a refusal; true when it made the socket abusive (flagged before anything more is written). */
  private strike(c: Conn): boolean {
    if (c.abusive) return true;
    const t = this.now();
    c.strikes.push(t);
    while (c.strikes.length && c.strikes[0]! < t - 10_000) c.strikes.shift();
    if (c.strikes.length >= this.limits.strikesToClose && !c.closed) {
      c.abusive = true;
      this.audit({ actor: actorOf(c), action: 'ws.abusive', target: null, detail: `refused=${c.strikes.length} in 10s` });
      c.socket.close(1008, 'too many refused messages');
      return true;
    }
    return false;
  }

  /** Sends an `error` (not replayed), audits within the socket's budget, counts a strike. */
  private refuse(c: Conn, code: ErrorCode, message: string, refSeq: number | null, refType: string | null, audit = true, detail = ''): void {
    if (c.abusive) return;
    // Flag abuse first: the refusal that makes a socket abusive writes only the ws.abusive row.
    if (code !== 'already_taken' && code !== 'not_found' && code !== 'conflict' && this.strike(c)) return;
    const body = { type: 'error' as const, code, message: message.slice(0, 200), refSeq, refType: refType?.slice(0, 40) ?? null };
    if (c.channel && c.identity) c.channel.send(body, false);
    else if (c.socket.readyState === c.socket.OPEN) c.socket.send(JSON.stringify({ ...body, seq: 0 }));
    if (audit) {
      if (c.audited < this.limits.auditPerSocket) {
        c.audited++;
        this.audit({ actor: actorOf(c), action: 'ws.refused', target: refType, detail: `code=${code}${detail ? ` ${detail}` : ''}`.slice(0, 300) });
      } else c.suppressed++;
    }
  }

  private onMessage(c: Conn, raw: RawData, isBinary: boolean): void {
    if (c.abusive || c.closed) return; // closing: frames already on the wire are dropped unread
    if (c.session && c.session.expiresAt <= this.now()) return this.closeConn(c, CLOSE_SESSION_ENDED, 'session expired');
    const buf = rawText(raw);
    if (buf.length > MAX_HUB_MESSAGE_BYTES) return this.refuse(c, 'too_large', `message over ${MAX_HUB_MESSAGE_BYTES} bytes`, null, null, true, `bytes=${buf.length}`);
    if (isBinary) return this.refuse(c, 'bad_message', 'text frames only', null, null);
    // Token bucket per socket.
    const t = this.now();
    c.tokens = Math.min(this.limits.rateBurst, c.tokens + ((t - c.refilledAt) / 1000) * this.limits.ratePerSecond);
    c.refilledAt = t;
    if (c.tokens < 1 || c.queued >= this.limits.maxQueued) {
      const notify = t - c.lastRateNotice > 1000;
      if (notify) c.lastRateNotice = t;
      if (notify) this.refuse(c, 'rate_limited', 'slow down', null, null, true);
      else this.strike(c);
      return;
    }
    c.tokens -= 1;
    let data: unknown;
    try {
      data = JSON.parse(buf.toString('utf8'));
    } catch {
      return this.refuse(c, 'bad_message', 'not JSON', null, null);
    }
    const schema = c.kind === 'kiosk' ? KioskToHub : ConsoleToHub;
    const parsed = schema.safeParse(data);
    const d = data as { seq?: unknown; type?: unknown } | null;
    const refSeq = typeof d?.seq === 'number' && Number.isSafeInteger(d.seq) && d.seq >= 0 ? d.seq : null;
    const refType = typeof d?.type === 'string' ? d.type.slice(0, 40) : null;
    if (!parsed.success) {
      const paths = parsed.error.issues.map((i) => i.path.join('.') || '(root)').slice(0, 5).join(',');
      return this.refuse(c, 'bad_message', 'message does not match the contract', refSeq, refType, true, `issues=${paths}`);
    }
    c.queued++;
    c.chain = c.chain
      .then(() => (c.closed ? undefined : this.handle(c, parsed.data)))
      .catch((e) => {
        process.stderr.write(`${JSON.stringify({ event: 'hub.ws.handler_error', type: refType, message: String((e as Error).message).slice(0, 200) })}\n`);
        this.refuse(c, 'internal', 'internal error', refSeq, refType, false);
      })
      .finally(() => {
        c.queued--;
      });
  }

  private async handle(c: Conn, msg: KioskToHub | ConsoleToHub): Promise<void> {
    if (msg.type === 'hello') return this.hello(c, msg);
    if (!c.identity || !c.channel) return this.refuse(c, 'hello_first', 'send hello first', msg.seq, msg.type);
    if (msg.seq <= c.channel.lastClientSeq) return; // a resend of something already processed
    c.channel.lastClientSeq = msg.seq;
    if (msg.type === 'ping') return c.channel.send({ type: 'pong', at: this.now() }, false);
    if (c.identity.kind === 'kiosk') return this.fromKiosk(c, c.identity.kiosk, msg as KioskToHub);
    return this.fromConsole(c, c.identity.user, msg as ConsoleToHub);
  }

  private async hello(c: Conn, msg: Extract<KioskToHub | ConsoleToHub, { type: 'hello' }>): Promise<void> {
    if (c.identity) {
      if ('kioskId' in msg && c.identity.kind === 'kiosk' && msg.kioskId !== c.identity.kiosk.id) {
        this.audit({ actor: actorOf(c), action: 'kiosk.impersonation', target: `kiosk:${msg.kioskId}`, detail: 'second hello with another id' });
        this.refuse(c, 'forbidden', 'identity cannot change', msg.seq, 'hello', false);
        c.socket.close(4403, 'identity change');
        return;
      }
      return this.refuse(c, 'conflict', 'already said hello', msg.seq, 'hello', false);
    }
    let identity: Identity;
    if ('kioskId' in msg) {
      if (c.kind !== 'kiosk') return this.refuse(c, 'bad_message', 'kiosk hello on the console socket', msg.seq, 'hello');
      // The database parts of a hello are admitted a few at a time; the help desk's round trip is not (it waits on the bus, not the pool).
      const kiosk = await this.admission.run(() => this.repo.getKiosk(msg.kioskId));
      if (c.closed) return;
      if (!kiosk && (await this.repo.kioskRetirement(msg.kioskId))) {
        this.audit({ actor: `ip:${c.ip}`, action: 'kiosk.auth_failed', target: `kiosk:${msg.kioskId}`, detail: 'retired' });
        this.refuse(c, 'unauthorized', 'this kiosk was retired', msg.seq, 'hello', false);
        c.socket.close(CLOSE_KIOSK_RETIRED, 'retired');
        return;
      }
      if (!kiosk || !sameHash(sha256Hex(msg.secret), kiosk.secretHash)) {
        this.audit({ actor: `ip:${c.ip}`, action: 'kiosk.auth_failed', target: `kiosk:${msg.kioskId}`, detail: kiosk ? 'bad_secret' : 'unknown_kiosk' });
        this.refuse(c, 'unauthorized', 'unknown kiosk or wrong secret', msg.seq, 'hello', false);
        c.socket.close(CLOSE_UNAUTHORIZED, 'unauthorized');
        return;
      }
      this.touches.touch(kiosk.id);
      identity = { kind: 'kiosk', kiosk };
    } else {
      if (c.kind !== 'console' || !c.preauth) return this.refuse(c, 'bad_message', 'console hello on the kiosk socket', msg.seq, 'hello');
      identity = { kind: 'user', user: c.preauth };
    }
    if (c.helloTimer) clearTimeout(c.helloTimer);
    c.identity = identity;
    this.conns.identified(c);
    const channel = this.channels.get(keyOf(identity));
    c.channel = channel;
    const sendOpening = (snapshot: unknown) => {
      if (c.closed) return;
      // One socket per party: a new one replaces the old (a phone and a laptop: the last one wins).
      const old = channel.socket;
      if (old && old !== c.socket) old.close(4000, 'replaced by a newer connection');
      channel.socket = c.socket;
      const replay = msg.epoch === this.epoch ? channel.replayAfter(msg.lastServerSeq) : null;
      const send = (text: string) => c.socket.readyState === c.socket.OPEN && c.socket.send(text);
      send(channel.marker({ type: 'welcome', epoch: this.epoch, lastClientSeq: channel.lastClientSeq, resumed: replay !== null, replayed: replay?.length ?? 0 }));
      for (const text of replay ?? []) send(text);
      send(channel.marker(this.snapshotOf(identity, snapshot)));
      // No replay here (another instance, a restart): the call's chat follows from the database.
      const callId = replay === null ? snapshotCallId(snapshot) : null;
      if (callId) void this.callChat.lines(callId).then((lines) => lines.forEach((l) => channel.socket === c.socket && channel.send(l)), () => undefined);
    };
    if (msg.seq > channel.lastClientSeq) channel.lastClientSeq = msg.seq;
    const opened = identity.kind === 'kiosk' ? await this.desk.kioskConnected(identity.kiosk, sendOpening) : await this.desk.volunteerConnected(identity.user.id, sendOpening);
    // No owner of the help queue answered (it is moving between instances): come back shortly.
    if (!opened.ok) return void this.closeConn(c, 1013, 'try again later');
    const fleet = this.fleet;
    if (identity.kind === 'kiosk' && fleet && !c.closed) await this.admission.run(() => fleet.kioskConnected(identity.kiosk));
  }

  /** Result of a queue action: refusals go back to the sender; `forbidden` is always audited. */
  private answer(c: Conn, r: Result<unknown>, msg: { seq: number; type: string }, target?: string): void {
    if (r.ok) return;
    this.refuse(c, r.code, r.message, msg.seq, msg.type, r.code === 'forbidden', target ? `target=${target}` : '');
  }

  private async fromKiosk(c: Conn, kiosk: KioskRecord, msg: KioskToHub): Promise<void> {
    switch (msg.type) {
      case 'help.request':
        return this.answer(c, await this.desk.request(kiosk, msg.lang, msg.screen), msg);
      case 'help.wait':
        return this.answer(c, await this.desk.keepWaiting(kiosk.id, msg.requestId), msg, msg.requestId);
      case 'help.callback':
        return this.answer(c, await this.desk.leaveCallback(kiosk.id, msg.requestId, msg.phone), msg, msg.requestId);
      case 'help.cancel':
        return this.answer(c, await this.desk.cancel(kiosk.id, msg.requestId), msg, msg.requestId);
      case 'call.end':
        return this.answer(c, await this.desk.endCall({ kioskId: kiosk.id }, msg.callId, null), msg, msg.callId);
      case 'control.grant':
      case 'control.revoke':
        return this.answer(c, await this.desk.setControl(kiosk.id, msg.callId, msg.type === 'control.grant'), msg, msg.callId);
      case 'rtc.offer':
      case 'rtc.answer':
      case 'rtc.ice':
      case 'rtc.restart':
      case 'chat':
      case 'liveview': {
        const call = this.desk.call(msg.callId);
        if (!call || call.kioskId !== kiosk.id) return this.answer(c, { ok: false, code: 'forbidden', message: 'not your call' }, msg, msg.callId);
        if (msg.type === 'chat') return this.chat(call.kioskId, call.userId, msg.callId, 'kiosk', msg.text);
        const { seq: _seq, ...body } = msg;
        return this.toUser(call.userId, body);
      }
      case 'outbox.deliver':
      case 'track': {
        if (!this.applications) return this.refuse(c, 'not_available', 'no applications on this hub', msg.seq, msg.type, false);
        const r = await this.applications.fromKiosk(kiosk, msg);
        if (!r.ok) this.refuse(c, r.code, r.message, msg.seq, msg.type, r.code === 'forbidden', `kiosk=${kiosk.id}`);
        return;
      }
      case 'heartbeat':
      case 'command.ack':
      case 'config.report':
      case 'stats': {
        if (!this.fleet) return this.refuse(c, 'not_available', 'no fleet on this hub', msg.seq, msg.type, false);
        const r = await this.fleet.fromKiosk(kiosk, msg);
        if (!r.ok) this.refuse(c, r.code, r.message, msg.seq, msg.type, r.code === 'forbidden', `kiosk=${kiosk.id}`);
        return;
      }
      default:
        return this.refuse(c, 'bad_message', 'not for this socket', (msg as { seq: number }).seq, (msg as { type: string }).type);
    }
  }

  private async fromConsole(c: Conn, user: UserRecord, msg: ConsoleToHub): Promise<void> {
    switch (msg.type) {
      case 'status.set':
        return this.answer(c, await this.desk.setStatus(user.id, msg.status), msg);
      case 'ring.accept':
        return this.answer(c, await this.desk.accept(user.id, msg.requestId), msg, msg.requestId);
      case 'ring.decline':
        return this.answer(c, await this.desk.decline(user.id, msg.requestId), msg, msg.requestId);
      case 'call.end':
        return this.answer(c, await this.desk.endCall({ userId: user.id }, msg.callId, msg.note), msg, msg.callId);
      case 'rtc.offer':
      case 'rtc.answer':
      case 'rtc.ice':
      case 'rtc.restart':
      case 'chat':
      case 'pointer':
      case 'control.input': {
        const call = this.desk.call(msg.callId);
        if (!call || call.userId !== user.id) return this.answer(c, { ok: false, code: 'forbidden', message: 'not your call' }, msg, msg.callId);
        if (msg.type === 'chat') return this.chat(call.kioskId, call.userId, msg.callId, 'volunteer', msg.text);
        if (msg.type === 'control.input' && !call.controlGranted) {
          return this.answer(c, { ok: false, code: 'forbidden', message: 'the resident has not granted control' }, msg, msg.callId);
        }
        const { seq: _seq, ...body } = msg;
        return this.toKiosk(call.kioskId, body);
      }
      default:
        return this.refuse(c, 'bad_message', 'not for this socket', (msg as { seq: number }).seq, (msg as { type: string }).type);
    }
  }

  /** Chat goes to both parties (the sender's copy numbers it in their stream, so a resync has the whole conversation). */
  private async chat(kioskId: string, userId: string, callId: string, from: 'kiosk' | 'volunteer', text: string): Promise<void> {
    const line = { type: 'chat' as const, callId, from, text, at: this.now() };
    await this.callChat.add(line); // stored before it is relayed: a party reconnecting elsewhere gets it
    this.toKiosk(kioskId, line);
    this.toUser(userId, line);
  }
}
