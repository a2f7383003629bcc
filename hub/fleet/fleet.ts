/**
 * The fleet: what ward staff see and do with their kiosks.
 *
 *  - live status from heartbeats (in memory, persisted on change and every
 *    minute), offline when heartbeats stop (sweeper) or the socket closes;
 *  - alerts (alerts.ts rules) stored, pushed to the consoles, mailed;
 *  - published config versions per ward, fanned out as `config.available`;
 *  - remote commands with acks (the applications inbox is its own wing:
 *    hub/applications/);
 *  - daily statistics.
 *
 * Transport-agnostic: the gateway passes kiosk messages in, and the fleet
 * writes out through the gateway's channels. Every staff action checks the
 * ward (staff: their own; admin: any) and is audited, refusals too.
 * Layer: hub (node).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { ErrorCode } from '../../common/contract/hub-common.ts';
import type { AlertKind, AlertView, CommandView, FieldIssue, KioskStatusView } from '../../common/contract/hub-console.ts';
import type { CommandKind, KioskHealth, KioskLogLine, KioskToHub, MaintenanceParams } from '../../common/contract/hub-kiosk.ts';
import type { AuditEntry, HubRepository, KioskRecord, UserRecord } from '../db/repository.ts';
import type { Gateway } from '../server/gateway.ts';
import { activeAlerts, createMailer, DEFAULT_ALERT_RULES, type AlertRules, type Mailer, type SmtpConfig } from './alerts.ts';
import { buildReport, dayStart, type StatsReport } from './stats.ts';
import { FleetStore, type ConfigVersionRecord } from './store.ts';
import { validatePublication } from '../../common/validate/publication.ts';

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

interface Live {
  kiosk: KioskRecord;
  online: boolean;
  lastHeartbeatAt: number | null;
  health: KioskHealth | null;
  lastSampleAt: number;
  lastSavedAt: number;
  restarts: number[];
  /** A restart asked by staff is not a crash. */
  expectRestartUntil: number;
  alerts: Map<AlertKind, AlertView>;
}

const sha = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 32);
const significant = (a: KioskHealth | null, b: KioskHealth): boolean =>
  !a ||
  a.printer.state !== b.printer.state ||
  a.printer.paperNearEnd !== b.printer.paperNearEnd ||
  a.scanner.state !== b.scanner.state ||
  a.appVersion !== b.appVersion ||
  a.configVersion !== b.configVersion ||
  a.crashesLastHour !== b.crashesLastHour;

export function canActOnWard(user: UserRecord, ward: string): boolean {
  return user.role === 'admin' || (user.role === 'staff' && user.ward === ward);
}

export class Fleet {
  readonly store: FleetStore;
  private readonly live = new Map<string, Live>();
  private readonly latest = new Map<string, number>();
  private readonly dirty = new Set<string>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly configCache = new Map<string, string>();
  /** The insert of each open alert, so its resolve runs after it (PostgreSQL may reorder pooled queries). */
  private readonly alertWrites = new Map<string, Promise<unknown>>();
  private readonly rules: AlertRules;
  private readonly mailer: Mailer | null;
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
  ) {
    this.store = new FleetStore(repo.driver);
    this.rules = { ...DEFAULT_ALERT_RULES, ...opts.alertRules };
    this.mailer = opts.smtp ? createMailer(opts.smtp) : null;
  }

  get offlineAfterMs(): number {
    return this.opts.offlineAfterMs ?? 22_000;
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
    for (const [w, v] of latest) this.latest.set(w, v);
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
      l = { kiosk: k, online: false, lastHeartbeatAt: null, health: null, lastSampleAt: 0, lastSavedAt: 0, restarts: [], expectRestartUntil: 0, alerts: new Map() };
      this.live.set(k.id, l);
    }
    return l;
  }

  private view(l: Live): KioskStatusView {
    const v = this.latest.get(l.kiosk.ward);
    return {
      kioskId: l.kiosk.id,
      ward: l.kiosk.ward,
      name: l.kiosk.name,
      online: l.online,
      lastHeartbeatAt: l.lastHeartbeatAt,
      health: l.health,
      publishedVersion: v === undefined ? null : String(v),
      openAlerts: [...l.alerts.keys()],
    };
  }

  // ------------------------------------------------------------------ consoles

  private staffOf(ward: string): UserRecord[] {
    return this.gateway.connectedUsers().filter((u) => canActOnWard(u, ward));
  }

  /** Non-replayed message to every connected staff member of the ward (and admins). */
  private toWard(ward: string, body: Record<string, unknown> & { type: string }): void {
    for (const u of this.staffOf(ward)) this.gateway.channels.peek(`user:${u.id}`)?.send(body, false);
  }

  private flush(): void {
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
    const v = this.latest.get(kiosk.ward);
    if (v !== undefined) {
      const rec = await this.store.getVersion(kiosk.ward, v);
      if (rec) this.gateway.toKiosk(kiosk.id, this.availableMsg(rec));
    }
    for (const c of await this.store.pendingCommands(kiosk.id, this.now() - 3600_000)) {
      this.gateway.toKiosk(kiosk.id, { type: 'command', command: { id: c.id, kind: c.kind, maintenance: c.maintenance, issuedAt: c.issuedAt } });
    }
  }

  kioskDisconnected(kioskId: string): void {
    if (this.closed) return; // the hub is closing: its sockets go, the database with them
    const l = this.live.get(kioskId);
    if (l?.online) this.goOffline(l, 'socket_closed');
  }

  private goOffline(l: Live, why: string): void {
    const t = this.now();
    l.online = false;
    this.dirty.add(l.kiosk.id);
    this.bg(this.store.addEvent(l.kiosk.id, l.kiosk.ward, t, 'offline', why), 'event');
    this.bg(this.store.addHealthSample(l.kiosk.id, t, false, l.health), 'sample');
    this.evaluate(l);
  }

  private sweep(): void {
    if (this.closed) return;
    const t = this.now();
    for (const l of this.live.values()) {
      if (l.online && l.lastHeartbeatAt !== null && t - l.lastHeartbeatAt > this.offlineAfterMs) this.goOffline(l, 'no_heartbeat');
      else if (!l.online && l.lastHeartbeatAt !== null && !l.alerts.has('offline')) this.evaluate(l);
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
    if (l.health && l.health.screen !== h.screen) this.dirty.add(kiosk.id);
    l.online = true;
    l.lastHeartbeatAt = t;
    l.health = h;
    if (!wasOnline) {
      this.dirty.add(kiosk.id);
      this.bg(this.store.addEvent(kiosk.id, kiosk.ward, t, 'online', null), 'event');
    }
    if (changed || !wasOnline) this.dirty.add(kiosk.id);
    if (changed || !wasOnline || t - l.lastSavedAt >= 60_000) {
      l.lastSavedAt = t;
      this.bg(this.store.saveStatus(kiosk.id, kiosk.ward, t, h), 'status');
    }
    if (changed || !wasOnline || t - l.lastSampleAt >= (this.opts.healthSampleMs ?? 300_000)) {
      l.lastSampleAt = t;
      this.bg(this.store.addHealthSample(kiosk.id, t, true, h), 'sample');
    }
    if (changed || !wasOnline || l.alerts.size) this.evaluate(l);
  }

  // ------------------------------------------------------------------ alerts

  private evaluate(l: Live): void {
    const t = this.now();
    const active = activeAlerts({ online: l.online, lastHeartbeatAt: l.lastHeartbeatAt, health: l.health, restartsLastHour: l.restarts.length }, t, this.rules);
    for (const [kind, detail] of active) {
      if (l.alerts.has(kind)) continue;
      const a: AlertView = { id: randomUUID(), ward: l.kiosk.ward, kioskId: l.kiosk.id, kind, state: 'open', openedAt: t, resolvedAt: null, mailedAt: null, detail };
      l.alerts.set(kind, a);
      this.dirty.add(l.kiosk.id);
      this.audit({ actor: 'hub', action: 'alert.open', target: `kiosk:${l.kiosk.id}`, detail: `kind=${kind}` });
      const inserted = this.store.insertAlert(a);
      this.alertWrites.set(a.id, inserted);
      this.bg(
        (async () => {
          await inserted;
          this.toWard(a.ward, { type: 'fleet.alert', alert: a });
          if (this.mailer) {
            try {
              await this.mailer.send(a, l.kiosk.name);
              a.mailedAt = this.now();
              this.counters.mails++;
              await this.store.markMailed(a.id, a.mailedAt);
              this.toWard(a.ward, { type: 'fleet.alert', alert: a });
            } catch (e) {
              this.counters.mailFailures++;
              this.audit({ actor: 'hub', action: 'alert.mail_failed', target: `kiosk:${l.kiosk.id}`, detail: `code=${(e as { code?: string }).code ?? 'error'}` });
            }
          }
        })(),
        'alert',
      );
    }
    for (const [kind, a] of [...l.alerts]) {
      if (active.has(kind)) continue;
      l.alerts.delete(kind);
      this.dirty.add(l.kiosk.id);
      const resolved: AlertView = { ...a, state: 'resolved', resolvedAt: t };
      this.audit({ actor: 'hub', action: 'alert.resolved', target: `kiosk:${l.kiosk.id}`, detail: `kind=${kind}` });
      this.bg(
        (async () => {
          await this.alertWrites.get(a.id)?.catch(() => undefined);
          this.alertWrites.delete(a.id);
          await this.store.resolveAlert(a.id, t);
          this.toWard(a.ward, { type: 'fleet.alert', alert: resolved });
          // Whoever was told of the problem by mail is told it is over.
          if (this.mailer && a.mailedAt !== null) {
            try {
              await this.mailer.send(resolved, l.kiosk.name);
              this.counters.mails++;
            } catch (e) {
              this.counters.mailFailures++;
              this.audit({ actor: 'hub', action: 'alert.mail_failed', target: `kiosk:${l.kiosk.id}`, detail: `code=${(e as { code?: string }).code ?? 'error'} resolved` });
            }
          }
        })(),
        'alert',
      );
    }
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

  private async kioskFor(user: UserRecord, kioskId: string, action: string): Promise<FleetResult<KioskRecord>> {
    const k = this.live.get(kioskId)?.kiosk ?? (await this.store.listKiosks(null)).find((x) => x.id === kioskId) ?? null;
    if (!k) return no(404, 'not_found', 'no such kiosk');
    if (!canActOnWard(user, k.ward)) {
      this.audit({ actor: `user:${user.username}`, action: `${action}.refused`, target: `kiosk:${kioskId}`, detail: `other_ward role=${user.role}` });
      return no(403, 'forbidden', 'another ward’s kiosk');
    }
    return ok(k);
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
   * screen), its open alerts are resolved. Its applications, statistics, events and audit stay; the
   * id may be enrolled again later (the row is reused). Undelivered applications in the kiosk's
   * outbox stay on the kiosk and are delivered once it is enrolled again.
   */
  async retire(user: UserRecord, kioskId: string): Promise<FleetResult<{ kioskId: string; retiredAt: number }>> {
    const k = await this.kioskFor(user, kioskId, 'kiosk.retire');
    if (!k.ok) return k;
    const t = this.now();
    if (!(await this.repo.retireKiosk(kioskId, user.username, t))) return no(404, 'not_found', 'no such kiosk');
    const l = this.live.get(kioskId);
    this.live.delete(kioskId);
    this.dirty.delete(kioskId);
    // (an alert opened a moment ago may still be on its way to the database: resolve it after)
    for (const a of l?.alerts.values() ?? []) await this.alertWrites.get(a.id)?.catch(() => undefined);
    for (const a of await this.store.openAlerts()) if (a.kioskId === kioskId) await this.store.resolveAlert(a.id, t);
    this.audit({ actor: `user:${user.username}`, action: 'kiosk.retired', target: `kiosk:${kioskId}`, detail: `ward=${k.value.ward}` });
    this.bg(this.store.addEvent(kioskId, k.value.ward, t, 'retired', `by=${user.username}`), 'event');
    await this.gateway.retireKiosk(kioskId);
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
    this.gateway.toKiosk(kioskId, { type: 'command', command: { id: c.id, kind, maintenance, issuedAt: t } });
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

  // ------------------------------------------------------------------ config

  private availableMsg(rec: ConfigVersionRecord) {
    return {
      type: 'config.available' as const,
      version: String(rec.version),
      configUrl: `/api/fleet/kiosk/config/${rec.version}`,
      configHash: rec.configHash,
      catalogueHash: rec.catalogueHash,
    };
  }

  async currentConfig(user: UserRecord, ward: string) {
    if (!canActOnWard(user, ward)) return no(403, 'forbidden', 'staff of that ward only');
    const [cur, versions] = await Promise.all([this.store.latestVersion(ward), this.store.listVersions(ward)]);
    return ok({
      ward,
      current: cur ? { version: cur.version, config: JSON.parse(cur.config) as unknown, catalogue: JSON.parse(cur.catalogue) as unknown, publishedAt: cur.publishedAt, publishedBy: cur.publishedBy } : null,
      versions,
    });
  }

  validate(config: unknown, catalogue: unknown, ward: string): FieldIssue[] {
    const r = validatePublication(config, catalogue, ward);
    return r.ok ? [] : r.issues;
  }

  async publish(user: UserRecord, ward: string, config: unknown, catalogue: unknown, note: string | null, rollbackOf: number | null = null): Promise<FleetResult<{ version: number }>> {
    if (!canActOnWard(user, ward)) {
      this.audit({ actor: `user:${user.username}`, action: 'config.refused', target: `ward:${ward}`, detail: 'other_ward' });
      return no(403, 'forbidden', 'staff of that ward only');
    }
    const v = validatePublication(config, catalogue, ward);
    if (!v.ok) {
      this.audit({ actor: `user:${user.username}`, action: 'config.refused', target: `ward:${ward}`, detail: `issues=${v.issues.map((i) => `${i.part}:${i.path}`).slice(0, 8).join(',')}` });
      return { ok: false, status: 400, code: 'invalid', message: 'the config or the catalogue fails the schema', issues: v.issues };
    }
    const configText = JSON.stringify(v.config);
    const catalogueText = JSON.stringify(v.catalogue);
    for (let attempt = 0; attempt < 3; attempt++) {
      const version = ((await this.store.latestVersion(ward))?.version ?? 0) + 1;
      const rec: ConfigVersionRecord = {
        ward,
        version,
        config: configText,
        catalogue: catalogueText,
        configHash: sha(configText),
        catalogueHash: sha(catalogueText),
        publishedBy: user.username,
        publishedAt: this.now(),
        note,
        rollbackOf,
      };
      if (!(await this.store.insertVersion(rec))) continue;
      this.latest.set(ward, version);
      this.audit({ actor: `user:${user.username}`, action: rollbackOf === null ? 'config.publish' : 'config.rollback', target: `ward:${ward}`, detail: `version=${version}${rollbackOf !== null ? ` content_of=${rollbackOf}` : ''}` });
      this.fanOut(rec);
      return ok({ version });
    }
    return no(409, 'conflict', 'another publication is in progress; try again');
  }

  /** One click: publishes the content of the version before the current one, as a new version. */
  async rollback(user: UserRecord, ward: string): Promise<FleetResult<{ version: number; contentOf: number }>> {
    if (!canActOnWard(user, ward)) {
      this.audit({ actor: `user:${user.username}`, action: 'config.refused', target: `ward:${ward}`, detail: 'other_ward rollback' });
      return no(403, 'forbidden', 'staff of that ward only');
    }
    const cur = await this.store.latestVersion(ward);
    const origin = cur ? (cur.rollbackOf ?? cur.version) : 0;
    const prev = origin > 1 ? await this.store.getVersion(ward, origin - 1) : null;
    if (!cur || !prev) return no(409, 'conflict', 'no earlier version to go back to');
    const r = await this.publish(user, ward, JSON.parse(prev.config), JSON.parse(prev.catalogue), `rollback to ${prev.version}`, prev.version);
    return r.ok ? ok({ version: r.value.version, contentOf: prev.version }) : r;
  }

  private fanOut(rec: ConfigVersionRecord): void {
    const msg = this.availableMsg(rec);
    for (const l of this.live.values()) {
      if (l.kiosk.ward !== rec.ward) continue;
      if (this.gateway.channels.peek(`kiosk:${l.kiosk.id}`)?.socket) this.gateway.toKiosk(l.kiosk.id, msg);
      this.dirty.add(l.kiosk.id);
    }
    this.toWard(rec.ward, { type: 'fleet.config', ward: rec.ward, version: String(rec.version) });
  }

  /** What a kiosk fetches: its ward's version (serialised once per version and part). */
  async kioskConfig(kiosk: KioskRecord, version: number, parts: 'all' | 'config' | 'catalogue'): Promise<string | null> {
    const key = `${kiosk.ward}/${version}/${parts}`;
    const hit = this.configCache.get(key);
    if (hit) return hit;
    const rec = await this.store.getVersion(kiosk.ward, version);
    if (!rec) return null;
    const text = `{"ward":${JSON.stringify(rec.ward)},"version":"${rec.version}","config":${parts === 'catalogue' ? 'null' : rec.config},"catalogue":${parts === 'config' ? 'null' : rec.catalogue},"configHash":"${rec.configHash}","catalogueHash":"${rec.catalogueHash}"}`;
    if (this.configCache.size > 30) this.configCache.clear();
    this.configCache.set(key, text);
    return text;
  }

  // ------------------------------------------------------------------ statistics, alerts, screenshots

  async stats(user: UserRecord, ward: string, from: string, to: string): Promise<FleetResult<StatsReport>> {
    if (!canActOnWard(user, ward)) return no(403, 'forbidden', 'staff of that ward only');
    if (from > to) return no(400, 'bad_message', 'from after to');
    const fromMs = dayStart(from);
    const toMs = dayStart(to) + 86_400_000;
    const [kioskDays, help, applications] = await Promise.all([this.store.statsRows(ward, from, to), this.store.helpRequests(ward, fromMs, toMs), this.store.applicationsReceived(ward, fromMs, toMs)]);
    return ok(buildReport({ ward, from, to, kioskDays, help, applications }));
  }

  async alerts(user: UserRecord, ward: string): Promise<FleetResult<AlertView[]>> {
    if (!canActOnWard(user, ward)) return no(403, 'forbidden', 'staff of that ward only');
    return ok(await this.store.listAlerts(ward));
  }

  async saveScreenshot(kiosk: KioskRecord, format: string, data: string): Promise<void> {
    const t = this.now();
    await this.store.saveScreenshot(kiosk.id, t, format, data);
    this.audit({ actor: `kiosk:${kiosk.id}`, action: 'screenshot.received', target: `kiosk:${kiosk.id}`, detail: `format=${format}` });
    this.toWard(kiosk.ward, { type: 'fleet.screenshot', kioskId: kiosk.id, at: t });
  }

  async screenshot(user: UserRecord, kioskId: string) {
    const k = await this.kioskFor(user, kioskId, 'screenshot.view');
    if (!k.ok) return k;
    return ok(await this.store.getScreenshot(kioskId));
  }

  /** The kiosk's recent log lines (uploaded on `send-logs`); the console refreshes on `fleet.logs`. */
  async saveLogs(kiosk: KioskRecord, lines: KioskLogLine[]): Promise<void> {
    const t = this.now();
    await this.store.saveLogs(kiosk.id, t, JSON.stringify(lines));
    this.audit({ actor: `kiosk:${kiosk.id}`, action: 'logs.received', target: `kiosk:${kiosk.id}`, detail: `lines=${lines.length}` });
    this.toWard(kiosk.ward, { type: 'fleet.logs', kioskId: kiosk.id, at: t });
  }

  async logs(user: UserRecord, kioskId: string) {
    const k = await this.kioskFor(user, kioskId, 'logs.view');
    if (!k.ok) return k;
    const row = await this.store.getLogs(kioskId);
    return ok(row ? { at: row.at, lines: JSON.parse(row.data) as KioskLogLine[] } : null);
  }

  /**
   * Audit rows about the ward (its kiosks, the ward itself, its people — the row's ward, set when it
   * was written: hub/security/audit-guard.ts) and the reader's own, read per ward in SQL, so rows of
   * other wards or of unknown addresses can never push the ward's own off the page (issue 17).
   */
  async auditFor(user: UserRecord, ward: string, repo: HubRepository) {
    if (!canActOnWard(user, ward)) return no(403, 'forbidden', 'staff of that ward only');
    return ok(await repo.auditForWard(ward, `user:${user.username}`, 300));
  }

  health(): { kiosks: number; online: number; heartbeats: number } {
    let online = 0;
    for (const l of this.live.values()) if (l.online) online++;
    return { kiosks: this.live.size, online, heartbeats: this.counters.heartbeats };
  }
}
