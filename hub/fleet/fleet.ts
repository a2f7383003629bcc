/**
 * The fleet: what ward staff see and do with their kiosks.
 *
 *  - live status from heartbeats (in memory, persisted on change and every
 *    minute), offline when heartbeats stop (sweeper) or the socket closes;
 *  - alerts (alerts.ts rules; fleet-alerts.ts) stored, pushed to the consoles, mailed;
 *  - published config versions per ward (fleet-config.ts), fanned out as `config.available`;
 *  - remote commands with acks (the applications inbox is its own wing:
 *    hub/applications/);
 *  - daily statistics.
 *
 * Several hub instances (issue 18, fleet-cluster.ts): each kiosk has one authority instance — the
 * one its socket is on (live.ts). The authority sweeps it, opens and resolves its alerts (so each is
 * mailed once) and tells the other instances what changed; staff on any instance see every kiosk,
 * and commands, config and console messages reach their kiosk or console on whichever instance it
 * is connected to. Kiosks of an instance that died are taken over by the owner of the lease
 * `fleet.sweep`: offline if they do not reconnect elsewhere.
 *
 * Transport-agnostic: the gateway passes kiosk messages in, and the fleet
 * writes out through the gateway's channels. Every staff action checks the
 * ward (staff: their own; admin: any) and is audited, refusals too.
 * Layer: hub (node).
 */
import { randomUUID } from 'node:crypto';
import { CLOSE_KIOSK_RETIRED, type ErrorCode } from '../../common/contract/hub-common.ts';
import type { AlertView, CommandView, FieldIssue, KioskStatusView } from '../../common/contract/hub-console.ts';
import type { CommandKind, KioskHealth, KioskLogLine, KioskToHub, MaintenanceParams } from '../../common/contract/hub-kiosk.ts';
import { localCluster, type Cluster } from '../cluster/index.ts';
import type { AuditEntry, HubRepository, KioskRecord, UserRecord } from '../db/repository.ts';
import type { Gateway } from '../server/gateway.ts';
import { createMailer, DEFAULT_ALERT_RULES, type AlertRules, type Mailer, type SmtpConfig } from './alerts.ts';
import { FleetAlerts } from './fleet-alerts.ts';
import { FleetCluster, type Body, type StatusItem } from './fleet-cluster.ts';
import { availableMsg, FleetConfig } from './fleet-config.ts';
import { canActOnWard, newLive, significant, statusView, type Live } from './live.ts';
import { FleetReads } from './fleet-reads.ts';
import type { StatsReport } from './stats.ts';
import { FleetStore } from './store.ts';

export { canActOnWard } from './live.ts';

export interface FleetOptions {
  /** No heartbeat for this long → offline (heartbeats every 15 s; default 22 s: one missed heartbeat and 7 s of slack). */
  offlineAfterMs?: number;
  /** How often the sweeper looks (default 2 s), so a silent kiosk shows offline within 25 s of its last heartbeat. */
  sweepMs?: number;
  alertRules?: Partial<AlertRules>;
  /** Alerts are mailed when set. */
  smtp?: SmtpConfig | null;
  /** A health sample is kept at least this often per kiosk (and on every change). Default 5 min. */
  healthSampleMs?: number;
  /** Console status updates are batched over this period (default 1 s). */
  consoleFlushMs?: number;
}

export type FleetResult<T = undefined> = { ok: true; value: T } | { ok: false; code: ErrorCode | 'invalid'; message: string; issues?: FieldIssue[]; status: number };
const ok = <T>(value: T): FleetResult<T> => ({ ok: true, value });
const no = (status: number, code: ErrorCode, message: string): FleetResult<never> => ({ ok: false, status, code, message });

/** The lease whose owner looks after kiosks no living instance is the authority of. */
export const FLEET_SWEEP_LEASE = 'fleet.sweep';

export class Fleet {
  readonly store: FleetStore;
  private readonly live = new Map<string, Live>();
  /** Kiosks whose view changed: to this instance's consoles at the next flush. */
  private readonly dirty = new Set<string>();
  /** Kiosks this instance is the authority of that changed: to the other instances at the next flush. */
  private readonly own = new Set<string>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly rules: AlertRules;
  private readonly mailer: Mailer | null;
  private readonly alertDesk: FleetAlerts;
  private readonly config: FleetConfig;
  private readonly cluster: Cluster;
  private readonly ownCluster: boolean;
  private readonly peers: FleetCluster;
  private readonly reads: FleetReads;
  private sweeper: NodeJS.Timeout | null = null;
  private flusher: NodeJS.Timeout | null = null;
  private closed = false;
  /** Counters for /api/health and the benchmark. */
  readonly counters = { heartbeats: 0, mails: 0, mailFailures: 0 };

  constructor(
    private readonly repo: HubRepository,
    private readonly gateway: Gateway,
    private readonly audit: (e: AuditEntry) => void,
    private readonly now: () => number,
    private readonly opts: FleetOptions = {},
    cluster?: Cluster,
  ) {
    this.store = new FleetStore(repo.driver);
    this.rules = { ...DEFAULT_ALERT_RULES, ...opts.alertRules };
    this.mailer = opts.smtp ? createMailer(opts.smtp) : null;
    this.ownCluster = !cluster;
    this.cluster = cluster ?? localCluster();
    this.peers = new FleetCluster(this.cluster.bus, {
      status: (item, from) => this.heard(item, from),
      alert: (a) => {
        this.withLive(a.kioskId, (l) => this.alertDesk.apply(l, a));
        this.toWardHere(a.ward, { type: 'fleet.alert', alert: a });
      },
      config: (c) => {
        this.config.learn(c.ward, c.version);
        const msg = availableMsg(c);
        for (const l of this.live.values()) {
          if (l.kiosk.ward !== c.ward) continue;
          this.toKioskHere(l.kiosk.id, msg);
          this.dirty.add(l.kiosk.id);
        }
        this.toWardHere(c.ward, { type: 'fleet.config', ward: c.ward, version: String(c.version) });
      },
      kiosk: (kioskId, msg, from) => {
        if (from !== this.cluster.instanceId) this.toKioskHere(kioskId, msg);
      },
      ward: (ward, body) => this.toWardHere(ward, body),
      retired: (kioskId, from) => {
        if (from === this.cluster.instanceId) return;
        this.forget(kioskId);
        if (this.gateway.channels.peek(`kiosk:${kioskId}`)) {
          this.gateway.closeKiosk(kioskId, CLOSE_KIOSK_RETIRED, 'retired');
          this.gateway.channels.drop(`kiosk:${kioskId}`);
        }
      },
      mine: () => [...this.live.values()].filter((l) => l.instance === this.cluster.instanceId).map((l) => this.item(l)),
    });
    this.alertDesk = new FleetAlerts({
      store: this.store,
      audit,
      now,
      rules: this.rules,
      mailer: this.mailer,
      bg: (p, what) => this.bg(p, what),
      dirty: (id) => this.dirty.add(id),
      announce: (a) => this.peers.alert(a),
      counters: this.counters,
    });
    this.config = new FleetConfig(this.store, audit, now, (c) => this.peers.config(c));
    this.reads = new FleetReads(this.store, audit, (id) => this.live.get(id)?.kiosk);
  }

  get offlineAfterMs(): number {
    return this.opts.offlineAfterMs ?? 22_000;
  }

  get instanceId(): string {
    return this.cluster.instanceId;
  }

  async start(): Promise<void> {
    const [kiosks, statuses, alerts, latest] = await Promise.all([this.store.listKiosks(null), this.store.loadStatuses(), this.store.openAlerts(), this.store.latestVersionsAll()]);
    for (const k of kiosks) this.ensure(k);
    for (const s of statuses) {
      const l = this.live.get(s.kioskId);
      if (l) {
        l.lastHeartbeatAt = s.lastHeartbeatAt;
        l.health = s.health;
      }
    }
    for (const a of alerts) this.live.get(a.kioskId)?.alerts.set(a.kind, a);
    for (const [w, v] of latest) this.config.learn(w, v);
    this.cluster.leases.hold(FLEET_SWEEP_LEASE, { onAcquire: () => undefined, onLose: () => undefined });
    this.peers.requestSync(); // the other instances tell us which kiosks are online on them
    this.sweeper = setInterval(() => this.sweep(), this.opts.sweepMs ?? 2_000);
    this.sweeper.unref();
    this.flusher = setInterval(() => this.flush(), this.opts.consoleFlushMs ?? 1_000);
    this.flusher.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.sweeper) clearInterval(this.sweeper);
    if (this.flusher) clearInterval(this.flusher);
    await this.settled();
    this.peers.close();
    await this.cluster.leases.release(FLEET_SWEEP_LEASE);
    if (this.ownCluster) await this.cluster.close();
    this.mailer?.close();
  }

  /** Waits for background writes and mails (tests, close). */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending].map((p) => p.catch(() => undefined)));
  }

  private bg(p: Promise<unknown>, what: string): void {
    const q = p
      .catch((e) => process.stderr.write(`${JSON.stringify({ event: 'hub.fleet.error', what, message: String((e as Error).message).slice(0, 200) })}\n`))
      .finally(() => this.pending.delete(q));
    this.pending.add(q);
  }

  private ensure(k: KioskRecord): Live {
    let l = this.live.get(k.id);
    if (!l) {
      l = newLive(k);
      this.live.set(k.id, l);
    }
    return l;
  }

  private view(l: Live): KioskStatusView {
    return statusView(l, this.config.latest.get(l.kiosk.ward));
  }

  // ------------------------------------------------------------------ instances

  private item(l: Live): StatusItem {
    return { k: l.kiosk.id, on: l.online, hb: l.lastHeartbeatAt, h: l.health, i: l.instance, c: l.connAt };
  }

  /** This instance is (now) the authority of the kiosk: its socket is here. */
  private claim(l: Live): void {
    if (l.instance === this.cluster.instanceId) return;
    l.instance = this.cluster.instanceId;
    l.connAt = Math.max(this.now(), l.connAt + 1);
    this.changed(l);
  }

  /** A change of a kiosk this instance is the authority of: to consoles here and to the other instances. */
  private changed(l: Live): void {
    this.dirty.add(l.kiosk.id);
    this.own.add(l.kiosk.id);
  }

  /** What another instance says of a kiosk it is the authority of. */
  private heard(item: StatusItem, from: string): void {
    if (from === this.cluster.instanceId || this.closed) return;
    this.withLive(item.k, (l) => this.take(l, item));
  }

  /** Runs `fn` on the kiosk's view; a kiosk enrolled on another instance since we started is read first. */
  private withLive(kioskId: string, fn: (l: Live) => void): void {
    const l = this.live.get(kioskId);
    if (l) return fn(l);
    this.bg(
      this.repo.getKiosk(kioskId).then((k) => {
        if (k && !this.closed) fn(this.ensure(k));
      }),
      'kiosk',
    );
  }

  private take(l: Live, item: StatusItem): void {
    if (item.c < l.connAt) return; // older news than what we know (the kiosk has reconnected since)
    if (l.instance === this.cluster.instanceId && item.i !== this.cluster.instanceId) this.own.delete(l.kiosk.id); // it moved away
    l.online = item.on;
    l.lastHeartbeatAt = item.hb;
    if (item.h) l.health = item.h;
    l.instance = item.i;
    l.connAt = item.c;
    this.dirty.add(l.kiosk.id);
  }

  private forget(kioskId: string): void {
    this.live.delete(kioskId);
    this.dirty.delete(kioskId);
    this.own.delete(kioskId);
  }

  // ------------------------------------------------------------------ consoles

  /** Non-replayed message to every connected staff member of the ward (and admins), on every instance. */
  private toWard(ward: string, body: Body): void {
    this.peers.toWard(ward, body);
  }

  private toWardHere(ward: string, body: Body): void {
    for (const u of this.gateway.connectedUsers()) if (canActOnWard(u, ward)) this.gateway.channels.peek(`user:${u.id}`)?.send(body, false);
  }

  /** To the kiosk on whichever instance its socket is. */
  private toKiosk(kioskId: string, msg: Body): void {
    if (this.gateway.channels.peek(`kiosk:${kioskId}`)?.socket) this.toKioskHere(kioskId, msg);
    else this.peers.toKiosk(kioskId, msg);
  }

  private toKioskHere(kioskId: string, msg: Body): void {
    if (!this.gateway.channels.peek(`kiosk:${kioskId}`)?.socket) return;
    const command = msg.type === 'command' ? (msg as { command?: { kind?: string } }).command : undefined;
    const l = this.live.get(kioskId);
    if (command?.kind === 'restart' && l) l.expectRestartUntil = this.now() + 10 * 60_000;
    // Its socket is here: straight to it (kept for replay), not round the cluster bus (issue 18 — a
    // config published for a ward of 10,000 kiosks was 10,000 NOTIFYs, each read by every instance).
    this.gateway.channels.peek(`kiosk:${kioskId}`)?.send(msg, true);
  }

  private flush(): void {
    if (this.own.size > 0) {
      const items = [...this.own].map((id) => this.live.get(id)).filter((l): l is Live => !!l && l.instance === this.cluster.instanceId).map((l) => this.item(l));
      this.own.clear();
      this.peers.status(items);
    }
    if (this.dirty.size === 0) return;
    const views = [...this.dirty].map((id) => this.live.get(id)).filter((l): l is Live => !!l).map((l) => this.view(l));
    this.dirty.clear();
    const users = this.gateway.connectedUsers().filter((u) => u.role === 'staff' || u.role === 'admin');
    for (const u of users) {
      const mine = views.filter((v) => canActOnWard(u, v.ward));
      for (let i = 0; i < mine.length; i += 5000) this.gateway.channels.peek(`user:${u.id}`)?.send({ type: 'fleet.kiosks', kiosks: mine.slice(i, i + 5000) }, false);
    }
  }

  // ------------------------------------------------------------------ kiosk socket

  /** After the kiosk's welcome + snapshot: the ward's current version and commands not yet acknowledged. */
  async kioskConnected(kiosk: KioskRecord): Promise<void> {
    const l = this.ensure(kiosk);
    l.kiosk = kiosk;
    l.instance = null; // a new connection: claimed afresh even if this instance had it before
    this.claim(l);
    const v = this.config.latest.get(kiosk.ward);
    if (v !== undefined) {
      const msg = await this.config.availableAt(kiosk.ward, v);
      if (msg) this.toKioskHere(kiosk.id, msg);
    }
    for (const c of await this.store.pendingCommands(kiosk.id, this.now() - 3600_000)) {
      this.toKioskHere(kiosk.id, { type: 'command', command: { id: c.id, kind: c.kind, maintenance: c.maintenance, issuedAt: c.issuedAt } });
    }
  }

  kioskDisconnected(kioskId: string): void {
    if (this.closed) return; // the hub is closing: its sockets go, the database with them
    const l = this.live.get(kioskId);
    // Reconnected to another instance meanwhile: that one is the authority now, nothing to say.
    if (l?.online && l.instance === this.cluster.instanceId) this.goOffline(l, 'socket_closed');
  }

  private goOffline(l: Live, why: string): void {
    const t = this.now();
    l.online = false;
    this.changed(l);
    this.bg(this.store.addEvent(l.kiosk.id, l.kiosk.ward, t, 'offline', why), 'event');
    this.bg(this.store.addHealthSample(l.kiosk.id, t, false, l.health), 'sample');
    this.alertDesk.evaluate(l);
  }

  /**
   * Kiosks this instance is the authority of; and, on the owner of the sweep lease, kiosks no living
   * instance is the authority of — those of a dead instance are adopted and go offline once they have
   * been silent for offlineAfterMs since the later of their last heartbeat and the instance's last word.
   */
  private sweep(): void {
    if (this.closed) return;
    const t = this.now();
    const me = this.cluster.instanceId;
    const caretaker = this.cluster.leases.isOwner(FLEET_SWEEP_LEASE);
    const presence = this.cluster.presence;
    for (const l of this.live.values()) {
      let silentSince = l.lastHeartbeatAt;
      if (l.instance !== me) {
        if (!caretaker || (l.instance !== null && presence.isAlive(l.instance))) continue;
        if (l.instance !== null && l.online) {
          silentSince = Math.max(l.lastHeartbeatAt ?? 0, presence.lastHeard(l.instance));
          if (t - silentSince <= this.offlineAfterMs) continue;
          l.instance = me; // adopted (same connAt: a reconnection anywhere still wins)
          this.goOffline(l, 'instance_lost');
          continue;
        }
      }
      if (l.online && silentSince !== null && t - silentSince > this.offlineAfterMs) this.goOffline(l, 'no_heartbeat');
      else if (!l.online && l.lastHeartbeatAt !== null && !l.alerts.has('offline')) this.alertDesk.evaluate(l);
    }
  }

  /** The fleet's kiosk messages; refusals are returned for the gateway to send and audit. */
  async fromKiosk(kiosk: KioskRecord, msg: KioskToHub): Promise<{ ok: true } | { ok: false; code: ErrorCode; message: string }> {
    switch (msg.type) {
      case 'heartbeat':
        this.heartbeat(kiosk, msg.seq, msg.health);
        return { ok: true };
      case 'command.ack':
        return this.commandAck(kiosk, msg.commandId, msg.result, msg.detail);
      case 'config.report': {
        const t = this.now();
        this.bg(this.store.addEvent(kiosk.id, kiosk.ward, t, `config.${msg.status}`, `version=${msg.version}${msg.problems.length ? ` problems=${msg.problems.length}` : ''}`), 'event');
        if (msg.status === 'failed') this.audit({ actor: `kiosk:${kiosk.id}`, action: 'config.failed', target: `ward:${kiosk.ward}`, detail: `version=${msg.version}` });
        this.dirty.add(kiosk.id);
        return { ok: true };
      }
      case 'stats':
        await this.store.saveStats(kiosk.id, kiosk.ward, msg.stats, this.now());
        this.gateway.channels.peek(`kiosk:${kiosk.id}`)?.send({ type: 'stats.ack', day: msg.stats.day }, false);
        return { ok: true };
      default:
        return { ok: false, code: 'bad_message', message: 'not for this socket' };
    }
  }

  heartbeat(kiosk: KioskRecord, seq: number, h: KioskHealth): void {
    const t = this.now();
    this.counters.heartbeats++;
    // Ack first: it is what the kiosk measures.
    this.gateway.channels.peek(`kiosk:${kiosk.id}`)?.send({ type: 'heartbeat.ack', refSeq: seq, at: t }, false);
    const l = this.ensure(kiosk);
    this.claim(l);
    const wasOnline = l.online;
    const changed = significant(l.health, h);
    if (l.health && h.uptimeSec + 5 < l.health.uptimeSec) {
      const asked = t < l.expectRestartUntil;
      if (!asked) l.restarts.push(t);
      l.expectRestartUntil = 0;
      this.bg(this.store.addEvent(kiosk.id, kiosk.ward, t, 'restart', asked ? 'commanded' : 'unexpected'), 'event');
    }
    l.restarts = l.restarts.filter((x) => x > t - 3600_000);
    if (l.health && l.health.configVersion !== h.configVersion) this.bg(this.store.addEvent(kiosk.id, kiosk.ward, t, 'config.running', `version=${h.configVersion ?? 'local'}`), 'event');
    if (l.health && l.health.screen !== h.screen) this.changed(l);
    l.online = true;
    l.lastHeartbeatAt = t;
    l.health = h;
    if (!wasOnline) this.bg(this.store.addEvent(kiosk.id, kiosk.ward, t, 'online', null), 'event');
    if (changed || !wasOnline) this.changed(l);
    if (changed || !wasOnline || t - l.lastSavedAt >= 60_000) {
      l.lastSavedAt = t;
      this.changed(l); // the other instances' view of the last heartbeat stays within a minute
      this.bg(this.store.saveStatus(kiosk.id, kiosk.ward, t, h), 'status');
    }
    if (changed || !wasOnline || t - l.lastSampleAt >= (this.opts.healthSampleMs ?? 300_000)) {
      l.lastSampleAt = t;
      this.bg(this.store.addHealthSample(kiosk.id, t, true, h), 'sample');
    }
    if (changed || !wasOnline || l.alerts.size) this.alertDesk.evaluate(l);
  }

  // ------------------------------------------------------------------ staff: kiosks

  async kiosksFor(user: UserRecord, ward: string | null): Promise<FleetResult<KioskStatusView[]>> {
    const w = ward ?? user.ward;
    if (user.role !== 'admin' && (!w || !canActOnWard(user, w))) return no(403, 'forbidden', 'staff of that ward only');
    for (const k of await this.store.listKiosks(w)) {
      const l = this.ensure(k);
      l.kiosk = k;
    }
    return ok([...this.live.values()].filter((l) => !w || l.kiosk.ward === w).map((l) => this.view(l)).sort((a, b) => a.kioskId.localeCompare(b.kioskId)));
  }

  private kioskFor(user: UserRecord, kioskId: string, action: string): Promise<FleetResult<KioskRecord>> {
    return this.reads.kioskFor(user, kioskId, action);
  }

  async kioskDetail(user: UserRecord, kioskId: string) {
    const k = await this.kioskFor(user, kioskId, 'kiosk.view');
    if (!k.ok) return k;
    const l = this.ensure(k.value);
    const [history, events, commands, alerts, shot] = await Promise.all([
      this.store.healthHistory(kioskId, 100),
      this.store.events(kioskId, 50),
      this.store.listCommands(kioskId, 30),
      this.store.listAlerts(k.value.ward, 500).then((a) => a.filter((x) => x.kioskId === kioskId).slice(0, 30)),
      this.store.getScreenshot(kioskId),
    ]);
    return ok({ kiosk: this.view(l), history, events, commands, alerts, screenshot: shot ? { at: shot.at, format: shot.format } : null });
  }

  // ------------------------------------------------------------------ retiring

  /**
   * "Gỡ kiosk khỏi hệ thống": the kiosk leaves the fleet — its secret stops working at once, its
   * socket is closed with CLOSE_KIOSK_RETIRED (the kiosk forgets the secret and shows the enrolment
   * screen), on whichever instance it is, its open alerts are resolved. Its applications, statistics,
   * events and audit stay; the id may be enrolled again later (the row is reused). Undelivered
   * applications in the kiosk's outbox stay on the kiosk and are delivered once it is enrolled again.
   */
  async retire(user: UserRecord, kioskId: string): Promise<FleetResult<{ kioskId: string; retiredAt: number }>> {
    const k = await this.kioskFor(user, kioskId, 'kiosk.retire');
    if (!k.ok) return k;
    const t = this.now();
    if (!(await this.repo.retireKiosk(kioskId, user.username, t))) return no(404, 'not_found', 'no such kiosk');
    const l = this.live.get(kioskId);
    this.forget(kioskId);
    // (an alert opened a moment ago may still be on its way to the database: resolve it after)
    for (const a of l?.alerts.values() ?? []) await this.alertDesk.writes.get(a.id)?.catch(() => undefined);
    for (const a of await this.store.openAlerts()) if (a.kioskId === kioskId) await this.store.resolveAlert(a.id, t);
    this.audit({ actor: `user:${user.username}`, action: 'kiosk.retired', target: `kiosk:${kioskId}`, detail: `ward=${k.value.ward}` });
    this.bg(this.store.addEvent(kioskId, k.value.ward, t, 'retired', `by=${user.username}`), 'event');
    await this.gateway.retireKiosk(kioskId);
    this.peers.retired(kioskId);
    this.toWard(k.value.ward, { type: 'fleet.kioskRetired', kioskId, by: user.username });
    return ok({ kioskId, retiredAt: t });
  }

  // ------------------------------------------------------------------ commands

  async command(user: UserRecord, kioskId: string, kind: CommandKind, maintenance: MaintenanceParams | null): Promise<FleetResult<CommandView>> {
    const k = await this.kioskFor(user, kioskId, 'command');
    if (!k.ok) return k;
    if ((kind === 'maintenance') !== (maintenance !== null)) return no(400, 'bad_message', 'maintenance parameters go with the maintenance command only');
    const t = this.now();
    const c: CommandView = { id: randomUUID(), kioskId, ward: k.value.ward, kind, maintenance, issuedBy: user.username, issuedAt: t, ackedAt: null, result: null, detail: null };
    await this.store.insertCommand(c);
    if (kind === 'restart') this.ensure(k.value).expectRestartUntil = t + 10 * 60_000;
    this.audit({ actor: `user:${user.username}`, action: 'command.issued', target: `kiosk:${kioskId}`, detail: `kind=${kind} id=${c.id}${maintenance ? ` active=${maintenance.active}` : ''}` });
    this.bg(this.store.addEvent(kioskId, k.value.ward, t, 'command', `kind=${kind}`), 'event');
    this.toKiosk(kioskId, { type: 'command', command: { id: c.id, kind, maintenance, issuedAt: t } });
    this.toWard(c.ward, { type: 'fleet.command', command: c });
    return ok(c);
  }

  private async commandAck(kiosk: KioskRecord, id: string, result: 'ok' | 'failed' | 'unsupported', detail: string | null): Promise<{ ok: true } | { ok: false; code: ErrorCode; message: string }> {
    const c = await this.store.getCommand(id);
    if (!c || c.kioskId !== kiosk.id) {
      this.audit({ actor: `kiosk:${kiosk.id}`, action: 'command.ack.refused', target: c ? `kiosk:${c.kioskId}` : null, detail: c ? 'not_this_kiosk' : 'unknown_command' });
      return { ok: false, code: c ? 'forbidden' : 'not_found', message: c ? 'not your command' : 'unknown command' };
    }
    const t = this.now();
    if (!(await this.store.ackCommand(id, t, result, detail))) return { ok: true }; // a resent ack
    const acked: CommandView = { ...c, ackedAt: t, result, detail };
    this.audit({ actor: `kiosk:${kiosk.id}`, action: 'command.ack', target: `kiosk:${kiosk.id}`, detail: `kind=${c.kind} id=${id} result=${result}` });
    this.bg(this.store.addEvent(kiosk.id, kiosk.ward, t, 'command.ack', `kind=${c.kind} result=${result}`), 'event');
    this.toWard(c.ward, { type: 'fleet.command', command: acked });
    return { ok: true };
  }

  // ------------------------------------------------------------------ config (fleet-config.ts)

  currentConfig(user: UserRecord, ward: string) {
    return this.config.current(user, ward);
  }

  validate(config: unknown, catalogue: unknown, ward: string): FieldIssue[] {
    return this.config.validate(config, catalogue, ward);
  }

  publish(user: UserRecord, ward: string, config: unknown, catalogue: unknown, note: string | null, rollbackOf: number | null = null): Promise<FleetResult<{ version: number }>> {
    return this.config.publish(user, ward, config, catalogue, note, rollbackOf);
  }

  rollback(user: UserRecord, ward: string): Promise<FleetResult<{ version: number; contentOf: number }>> {
    return this.config.rollback(user, ward);
  }

  kioskConfig(kiosk: KioskRecord, version: number, parts: 'all' | 'config' | 'catalogue'): Promise<string | null> {
    return this.config.kioskConfig(kiosk.ward, version, parts);
  }

  // ------------------------------------------------------------------ statistics, alerts, screenshots

  stats(user: UserRecord, ward: string, from: string, to: string): Promise<FleetResult<StatsReport>> {
    return this.reads.stats(user, ward, from, to);
  }

  alerts(user: UserRecord, ward: string): Promise<FleetResult<AlertView[]>> {
    return this.reads.alerts(user, ward);
  }

  async saveScreenshot(kiosk: KioskRecord, format: string, data: string): Promise<void> {
    const t = this.now();
    await this.store.saveScreenshot(kiosk.id, t, format, data);
    this.audit({ actor: `kiosk:${kiosk.id}`, action: 'screenshot.received', target: `kiosk:${kiosk.id}`, detail: `format=${format}` });
    this.toWard(kiosk.ward, { type: 'fleet.screenshot', kioskId: kiosk.id, at: t });
  }

  screenshot(user: UserRecord, kioskId: string) {
    return this.reads.screenshot(user, kioskId);
  }

  /** The kiosk's recent log lines (uploaded on `send-logs`); the console refreshes on `fleet.logs`. */
  async saveLogs(kiosk: KioskRecord, lines: KioskLogLine[]): Promise<void> {
    const t = this.now();
    await this.store.saveLogs(kiosk.id, t, JSON.stringify(lines));
    this.audit({ actor: `kiosk:${kiosk.id}`, action: 'logs.received', target: `kiosk:${kiosk.id}`, detail: `lines=${lines.length}` });
    this.toWard(kiosk.ward, { type: 'fleet.logs', kioskId: kiosk.id, at: t });
  }

  logs(user: UserRecord, kioskId: string) {
    return this.reads.logs(user, kioskId);
  }

  /** Audit rows about the ward and the reader's own (fleet-reads.ts). */
  auditFor(user: UserRecord, ward: string, repo: HubRepository) {
    return this.reads.auditFor(user, ward, repo);
  }

  health(): { kiosks: number; online: number; heartbeats: number } {
    let online = 0;
    for (const l of this.live.values()) if (l.online) online++;
    return { kiosks: this.live.size, online, heartbeats: this.counters.heartbeats };
  }
}
