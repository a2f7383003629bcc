/**
 * The fleet agent: the kiosk's side of issue 7, over the existing HubClient
 * (services/hub/hub-client.ts: hello with the device secret, numbered
 * messages, resend after reconnect). Layer: node. See docs/fleet.md.
 *
 *  - heartbeat every 15 s (and at once on connect, on a device change, after
 *    a config is applied): versions, uptime, printer/scanner, disk, the name
 *    of the screen, crashes in the last hour — never personal data;
 *  - `config.available` → fetch the version (Authorization: Kiosk id:secret),
 *    check it (schema, merged over this kiosk's own file, whole catalogue),
 *    keep it as pending, apply it when no resident is using the kiosk (at the
 *    end of the current session, at once when idle), report `config.report`;
 *    a version that fails keeps the last good one running;
 *  - commands, each answered with `command.ack` and de-duplicated by id in
 *    SQLite (a command the hub resends is answered from the stored result);
 *  - (the outbox and tracking are the applications wing's:
 *    services/applications/agent.ts — it reads outboxRetryMs and
 *    trackTimeoutMs from these options);
 *  - the day's counters, sent with `stats`, cleared on `stats.ack` once the
 *    day is over.
 *
 * Every message from the hub was validated by HubClient against the zod
 * contract; the fetched config is validated here before it is kept.
 */
import type { HubState } from '../hub/hub-client.ts';
import type { Unsequenced } from '../../common/contract/hub-common.ts';
import { KIOSK_LOG_LINES, KioskDayStats, KioskLogLine, kioskAuthorization, type HubToKiosk, type KioskCommand, type KioskToHub, type MaintenanceParams } from '../../common/contract/hub-kiosk.ts';
import type { KioskEvent, KioskInfo } from '../../common/contract/kiosk-api.ts';
import type { KioskConfig } from '../../kiosk-config/config.schema.ts';
import { recentLog, type Logger } from '../log.ts';
import type { KioskStore } from '../store.ts';
import { buildHealth } from './health.ts';
import { checkFetched, runningPublished } from './published.ts';
import { FleetStore, type CommandOutcome } from './store.ts';

export interface FleetOptions {
  /** Heartbeat period (default 15 s). */
  heartbeatMs?: number;
  /** How often the day's counters are sent when they changed (default 5 min; also on every connect). */
  statsMs?: number;
  /** An application not acknowledged within this time is sent again (default 30 s; also on every connect). */
  outboxRetryMs?: number;
  /** How long a test print may take before the command is answered `failed` (default 30 s). */
  printTestTimeoutMs?: number;
  /** How long the track screen waits for the hub (default 3 s). */
  trackTimeoutMs?: number;
  /** A config fetch that failed on the network is tried again after this (default 30 s). */
  configRetryMs?: number;
  /** Between the restart command's ack and the restart (default 500 ms: the ack leaves first). */
  restartDelayMs?: number;
}

/** What the agent needs from the kiosk services (KioskServices implements it in a few lines). */
export interface FleetHost {
  appVersion: string;
  dataDir: string;
  store: KioskStore;
  log: Logger;
  now(): Date;
  sessionActive(): boolean;
  config(): KioskConfig;
  configProblems(): string[];
  /** Re-read config and catalogue (the agent calls it only between sessions). */
  requestReload(): void;
  serviceName(code: string): { vi: string; en: string } | null;
  printer(): { state: string; paperNearEnd: boolean };
  scanner(): string;
  /** Lay out and queue a test receipt through the real receipt path; 'none' when there is no printer. */
  printTest(label: string): 'queued' | 'none';
  clearPrintQueue(): number;
  /** Maintenance or enrolment changed: tell the renderer (kiosk.changed). */
  infoChanged(): void;
  onEvent(listener: (event: KioskEvent, payload: unknown) => void): () => void;
  /** Restart the app the way its launcher expects; null when nothing would start it again. */
  restart: (() => void) | null;
  /** A masked snapshot of the screen from the renderer (rrweb events as JSON), or null when it did not answer. */
  screenshot(): Promise<string | null>;
}

/** The hub link as the agent uses it (HubClient). */
export interface FleetLink {
  readonly connection: HubState;
  send(msg: Unsequenced<KioskToHub>): boolean;
  waitFor<T extends HubToKiosk>(match: (m: HubToKiosk) => m is T, timeoutMs: number): Promise<T | null>;
}

/** Screen changes are reported at most this often (the regular heartbeat stays every 15 s). */
export const SCREEN_BEAT_MS = 5_000;

/** The browser host exits with this code when the hub asks for a restart (EX_TEMPFAIL); its launcher starts it again. */
export const RESTART_EXIT_CODE = 75;

export const FLEET_MESSAGE_TYPES: ReadonlySet<string> = new Set(['heartbeat.ack', 'config.available', 'command', 'stats.ack']);
/** Test receipts are labelled so; they are not counted as residents' receipts. */
export const TEST_PRINT_PREFIX = 'IN-THU-';

const VN_OFFSET_MS = 7 * 3600_000;
/** The Vietnam day (Asia/Ho_Chi_Minh, no DST) of a time: YYYY-MM-DD. */
export function vnDate(t: number): string {
  return new Date(t + VN_OFFSET_MS).toISOString().slice(0, 10);
}

type Announced = Extract<HubToKiosk, { type: 'config.available' }>;

export class FleetAgent {
  readonly fs: FleetStore;
  private link: FleetLink | null = null;
  private hub: { url: string; kioskId: string; secret: string } | null = null;
  private readonly startedAt: number;
  private readonly opts: Required<FleetOptions>;
  private screen = 'welcome';
  /** Services counted in this session (each once per session). */
  private readonly sessionServices = new Set<string>();
  private timers: NodeJS.Timeout[] = [];
  private beatSoon: NodeJS.Timeout | null = null;
  /** A heartbeat for a new screen name, at most one per SCREEN_BEAT_MS (staff see where a resident is, live). */
  private screenBeat: NodeJS.Timeout | null = null;
  private lastScreenBeatAt = 0;
  private configRetry: NodeJS.Timeout | null = null;
  private readonly statsInFlight = new Map<string, string>();
  private readonly runningCommands = new Set<string>();
  private readonly printWaiters = new Map<string, (state: string, reason: string | null) => void>();
  private announced: Announced | null = null;
  private fetching = false;
  private refetch = false;
  private restartAfterSession = false;
  private closed = false;
  private readonly offEvents: () => void;

  constructor(
    private readonly host: FleetHost,
    options: FleetOptions = {},
  ) {
    this.opts = {
      heartbeatMs: 15_000,
      statsMs: 300_000,
      outboxRetryMs: 30_000,
      printTestTimeoutMs: 30_000,
      trackTimeoutMs: 3_000,
      configRetryMs: 30_000,
      restartDelayMs: 500,
      ...options,
    };
    this.fs = new FleetStore(host.store.db);
    this.startedAt = host.now().getTime();
    // The previous run did not close cleanly (power cut, kill, crash): count it.
    if (this.fs.get('running') === '1') this.fs.addCrash(this.startedAt);
    this.fs.set('running', '1');
    this.fs.pruneCommands(this.startedAt - 7 * 86_400_000);
    this.offEvents = host.onEvent((event, payload) => this.onServicesEvent(event, payload));
  }

  // ------------------------------------------------------------------ life

  /** The hub client is up (enrolled): start heartbeating, delivering, reporting. */
  attach(link: FleetLink, hub: { url: string; kioskId: string; secret: string }): void {
    this.link = link;
    this.hub = hub;
    for (const t of this.timers) clearInterval(t);
    this.timers = [
      setInterval(() => this.heartbeat(), this.opts.heartbeatMs),
      setInterval(() => this.sendStats(false), this.opts.statsMs),
    ];
    for (const t of this.timers) t.unref();
    this.applySoon();
  }

  /** The hub link is gone for good (the kiosk was retired): stop heartbeating and delivering until attached again. */
  detach(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    if (this.beatSoon) clearTimeout(this.beatSoon);
    if (this.screenBeat) clearTimeout(this.screenBeat);
    if (this.configRetry) clearTimeout(this.configRetry);
    this.beatSoon = this.screenBeat = this.configRetry = null;
    this.link = null;
    this.hub = null;
  }

  get attached(): boolean {
    return this.link !== null;
  }

  get connected(): boolean {
    return this.link?.connection === 'connected';
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    if (this.beatSoon) clearTimeout(this.beatSoon);
    if (this.screenBeat) clearTimeout(this.screenBeat);
    if (this.configRetry) clearTimeout(this.configRetry);
    this.offEvents();
    for (const w of this.printWaiters.values()) w('failed', 'closing');
    // A clean stop is not a crash.
    if (this.host.store.db.open) this.fs.set('running', null);
  }

  /** The hub connection changed (HubClient onState). */
  onHubState(state: HubState): void {
    if (state !== 'connected' || this.closed) return;
    this.statsInFlight.clear();
    this.heartbeat();
    this.sendStats(true);
  }

  /** A message from the hub (validated by HubClient). True when it was the fleet's. */
  onHubMessage(msg: HubToKiosk): boolean {
    if (!FLEET_MESSAGE_TYPES.has(msg.type) || this.closed) return FLEET_MESSAGE_TYPES.has(msg.type);
    switch (msg.type) {
      case 'config.available':
        this.announced = msg;
        void this.fetchConfig();
        break;
      case 'command':
        void this.command(msg.command);
        break;
      case 'stats.ack':
        this.statsAcked(msg.day);
        break;
      default:
        break; // heartbeat.ack: nothing to do
    }
    return true;
  }

  // ------------------------------------------------------------------ what the services tell us

  /** A call went through the services (after it succeeded): the screen name and the day's counters. */
  observe(method: string, params: unknown): void {
    const before = this.screen;
    this.observeCall(method, params);
    if (this.screen !== before) this.screenChanged();
  }

  private observeCall(method: string, params: unknown): void {
    const p = (params ?? {}) as { serviceCode?: unknown; rating?: unknown; screen?: unknown };
    const code = typeof p.serviceCode === 'string' && /^\d\.\d{6}$/.test(p.serviceCode) ? p.serviceCode : null;
    switch (method) {
      case 'session.start':
        this.screen = 'home';
        this.sessionServices.clear();
        this.count('sessions');
        break;
      case 'form.saveAnswer':
      case 'form.draft':
        if (code) {
          this.screen = `form:${code}`;
          this.serviceUsed(code);
        }
        break;
      case 'application.submit':
        if (code) {
          this.screen = `confirmation:${code}`;
          this.serviceUsed(code);
        }
        this.count('completed');
        break;
      case 'application.track':
        this.screen = 'track';
        break;
      case 'feedback.submit':
        this.screen = 'rating';
        if (typeof p.rating === 'number' && p.rating >= 1 && p.rating <= 5) this.count(`rating:${p.rating}`);
        break;
      case 'help.request':
        this.count('helpCalls');
        break;
      case 'staff.unlock':
        this.screen = 'staff';
        break;
      case 'ui.screen':
        // what the renderer shows (checked against ScreenName at the call boundary)
        if (typeof p.screen === 'string') this.screen = p.screen;
        break;
      default:
        break;
    }
  }

  /** The renderer crashed or hung (Electron recovery ends the session with 'crash'). */
  noteCrash(): void {
    this.fs.addCrash(this.host.now().getTime());
    this.scheduleBeat();
  }

  /** A device changed state (printer alert/ready, scanner plugged or pulled): tell the hub now. */
  deviceChanged(): void {
    this.scheduleBeat();
  }

  /** Maintenance asked by the hub, for KioskInfo (null: none). */
  maintenance(): KioskInfo['maintenance'] | null {
    const m = this.fs.maintenance();
    if (!m?.active) return null;
    const both = (s: string | null) => (s ? { vi: s, en: s } : null);
    return { active: true, message: both(m.message), instead: both(m.instead) };
  }

  private count(name: string): void {
    this.fs.count(vnDate(this.host.now().getTime()), name);
  }

  private serviceUsed(code: string): void {
    if (this.sessionServices.has(code)) return;
    this.sessionServices.add(code);
    this.count(`service:${code}`);
  }

  private onServicesEvent(event: KioskEvent, payload: unknown): void {
    if (event === 'session.ended') {
      this.screen = 'welcome';
      this.screenChanged();
      this.sessionServices.clear();
      // After the wipe has been announced: the next resident gets the new config.
      setImmediate(() => {
        if (this.closed || this.host.sessionActive()) return;
        if (this.restartAfterSession) this.restartNow();
        else this.applyPending();
      });
    } else if (event === 'receipt.status') {
      const r = payload as { code: string; state: string; reason: string | null };
      if (r.code.startsWith(TEST_PRINT_PREFIX)) {
        if (r.state === 'printed' || r.state === 'failed') this.printWaiters.get(r.code)?.(r.state, r.reason);
      } else if (r.state === 'printed') this.count('receipts');
    }
  }

  // ------------------------------------------------------------------ heartbeat

  private scheduleBeat(): void {
    if (this.beatSoon || this.closed) return;
    this.beatSoon = setTimeout(() => {
      this.beatSoon = null;
      this.heartbeat();
    }, 200);
    this.beatSoon.unref();
  }

  /** The screen changed: a heartbeat soon, but never more than one per SCREEN_BEAT_MS for screen changes. */
  private screenChanged(): void {
    if (this.screenBeat || this.closed) return;
    const wait = Math.max(200, this.lastScreenBeatAt + SCREEN_BEAT_MS - this.host.now().getTime());
    this.screenBeat = setTimeout(() => {
      this.screenBeat = null;
      this.lastScreenBeatAt = this.host.now().getTime();
      this.heartbeat();
    }, wait);
    this.screenBeat.unref();
  }

  private currentScreen(): string {
    if (this.host.sessionActive()) return this.screen;
    if (this.maintenance() || this.host.config().maintenance.active) return 'maintenance';
    return 'welcome';
  }

  /** The heartbeat's health, as sent (exported for tests: no personal data). */
  health() {
    const t = this.host.now().getTime();
    return buildHealth({
      appVersion: this.host.appVersion,
      configVersion: runningPublished(this.host.config()),
      startedAt: this.startedAt,
      now: t,
      printer: this.host.printer(),
      scanner: this.host.scanner(),
      dataDir: this.host.dataDir,
      screen: this.currentScreen(),
      crashesLastHour: this.fs.crashesSince(t - 3600_000),
    });
  }

  heartbeat(): void {
    if (!this.connected || this.closed) return;
    this.link!.send({ type: 'heartbeat', health: this.health() });
  }

  // ------------------------------------------------------------------ config

  private async fetchConfig(): Promise<void> {
    if (this.fetching) {
      this.refetch = true;
      return;
    }
    this.fetching = true;
    try {
      do {
        this.refetch = false;
        if (this.announced && !this.closed) await this.fetchOne(this.announced);
      } while (this.refetch && !this.closed);
    } finally {
      this.fetching = false;
    }
  }

  private async fetchOne(a: Announced): Promise<void> {
    const same = (c: { version: string; configHash: string; catalogueHash: string } | null) =>
      !!c && c.version === a.version && c.configHash === a.configHash && c.catalogueHash === a.catalogueHash;
    const cur = this.fs.config('current');
    const pending = this.fs.config('pending');
    if (same(cur) && runningPublished(this.host.config()) === a.version) return; // running it already
    if (same(pending)) return this.applySoon();
    const key = `${a.version}:${a.configHash}:${a.catalogueHash}`;
    if (this.fs.get('config_failed') === key) return; // reported already; the last good one runs
    const hub = this.hub;
    if (!hub) return;
    const base = [pending, cur].find((c) => c && c.catalogueHash === a.catalogueHash) ?? null;
    let url: URL;
    try {
      url = new URL(a.configUrl, hub.url);
    } catch {
      return this.configFailed(a, key, ['configUrl: not a URL']);
    }
    // The device secret goes to the hub it belongs to, nowhere else.
    if (url.origin !== new URL(hub.url).origin) return this.configFailed(a, key, ['configUrl: another origin']);
    url.searchParams.set('parts', base ? 'config' : 'all');
    let body: unknown;
    try {
      const res = await fetch(url, { headers: { authorization: kioskAuthorization(hub.kioskId, hub.secret), accept: 'application/json' }, signal: AbortSignal.timeout(15_000) });
      if (res.status >= 500 || res.status === 429) throw new Error(`HTTP ${res.status}`);
      if (!res.ok) return this.configFailed(a, key, [`fetch: HTTP ${res.status}`]);
      const text = await res.text();
      if (text.length > 8 * 1024 * 1024) return this.configFailed(a, key, ['fetch: too large']);
      body = JSON.parse(text);
    } catch (e) {
      // The network or the hub: not the version's fault. Try again later (and after the next hello).
      this.host.log.warn('fleet.config-fetch-failed', { version: a.version, error: e instanceof Error ? e.name : 'error' });
      if (this.configRetry) clearTimeout(this.configRetry);
      this.configRetry = setTimeout(() => {
        this.configRetry = null;
        void this.fetchConfig();
      }, this.opts.configRetryMs);
      this.configRetry.unref();
      return;
    }
    const checked = checkFetched(body, a, this.host.config(), base?.catalogue ?? null, this.host.now().getTime());
    if (!checked.ok) return this.configFailed(a, key, checked.problems);
    this.fs.setConfig('pending', checked.published);
    this.host.log.info('fleet.config-fetched', { version: a.version, waiting: this.host.sessionActive() });
    this.applySoon();
  }

  private configFailed(a: { version: string }, key: string, problems: string[]): void {
    this.fs.set('config_failed', key);
    // Field paths and schema messages only: a config holds no resident's data.
    this.host.log.warn('fleet.config-failed', { version: a.version, problems: problems.length, first: problems[0] ?? null });
    this.link?.send({ type: 'config.report', version: a.version, status: 'failed', problems: problems.slice(0, 20).map((p) => p.slice(0, 200)) });
  }

  /** Apply the pending version now if nobody is using the kiosk; otherwise at the end of the session. */
  private applySoon(): void {
    if (!this.fs.config('pending')) return;
    if (this.host.sessionActive()) this.host.log.info('fleet.config-waits-for-session-end', {});
    else this.applyPending();
  }

  private applyPending(): void {
    if (this.closed || this.host.sessionActive()) return;
    const p = this.fs.promotePending();
    if (!p) return;
    this.host.requestReload();
    const running = runningPublished(this.host.config());
    const v = p.promoted.version;
    if (running === v) {
      this.fs.set('config_failed', null);
      this.host.log.info('fleet.config-applied', { version: v });
      this.link?.send({ type: 'config.report', version: v, status: 'applied', problems: [] });
      this.heartbeat();
      return;
    }
    // It passed every check when it was fetched and still did not load (the kiosk's own file changed since?): go back.
    const problems = this.host.configProblems().filter((x) => x.startsWith(`published version ${v}:`));
    this.fs.setConfig('current', p.previous);
    this.host.requestReload();
    this.configFailed({ version: v }, `${v}:${p.promoted.configHash}:${p.promoted.catalogueHash}`, problems.length ? problems : ['did not load']);
  }

  // ------------------------------------------------------------------ commands

  private ack(id: string, o: CommandOutcome): void {
    this.link?.send({ type: 'command.ack', commandId: id, result: o.result, detail: o.detail === null ? null : o.detail.slice(0, 200) });
  }

  private async command(c: KioskCommand): Promise<void> {
    if (this.runningCommands.has(c.id)) return; // the hub sent it again while it runs: the ack follows
    const known = this.fs.command(c.id);
    if (known) {
      // Handled before (maybe before a restart): answer again, never run it twice.
      const o = known.outcome ?? { result: 'failed' as const, detail: 'interrupted' };
      if (!known.outcome) this.fs.finishCommand(c.id, o, this.host.now().getTime());
      this.ack(c.id, o);
      return;
    }
    if (!this.fs.beginCommand(c.id, c.kind, this.host.now().getTime())) return;
    this.runningCommands.add(c.id);
    this.host.log.info('fleet.command', { kind: c.kind });
    let o: CommandOutcome;
    try {
      o = await this.run(c);
    } catch (e) {
      o = { result: 'failed', detail: e instanceof Error ? e.name : 'error' };
    } finally {
      this.runningCommands.delete(c.id);
    }
    this.fs.finishCommand(c.id, o, this.host.now().getTime());
    this.host.log.info('fleet.command-done', { kind: c.kind, result: o.result });
    this.ack(c.id, o);
    if (c.kind === 'restart' && o.result === 'ok' && !this.restartAfterSession) setTimeout(() => this.restartNow(), this.opts.restartDelayMs).unref();
  }

  private async run(c: KioskCommand): Promise<CommandOutcome> {
    switch (c.kind) {
      case 'restart':
        if (!this.host.restart) return { result: 'unsupported', detail: 'no launcher to start the app again' };
        if (this.host.sessionActive()) {
          this.restartAfterSession = true;
          return { result: 'ok', detail: 'at the end of the current session' };
        }
        return { result: 'ok', detail: null };
      case 'reload-catalogue':
        this.host.requestReload();
        return { result: 'ok', detail: this.host.sessionActive() ? 'at the end of the current session' : null };
      case 'print-test':
        return this.printTest();
      case 'maintenance':
        return this.setMaintenance(c.maintenance);
      case 'clear-print-queue': {
        const n = this.host.clearPrintQueue();
        return { result: 'ok', detail: `cleared ${n}` };
      }
      case 'screenshot':
        return this.screenshot();
      case 'send-logs':
        return this.sendLogs();
      default:
        return { result: 'unsupported', detail: null };
    }
  }

  /** PUT to the hub with this kiosk's credentials (screenshots, logs). */
  private async upload(path: string, body: unknown): Promise<CommandOutcome> {
    const hub = this.hub;
    if (!hub) return { result: 'failed', detail: 'not enrolled' };
    const res = await fetch(new URL(path, hub.url), {
      method: 'PUT',
      headers: { authorization: kioskAuthorization(hub.kioskId, hub.secret), 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    return res.ok ? { result: 'ok', detail: null } : { result: 'failed', detail: `upload: HTTP ${res.status}` };
  }

  /** The renderer's masked snapshot of its screen, uploaded to the hub (PUT /api/fleet/kiosk/screenshot). */
  private async screenshot(): Promise<CommandOutcome> {
    if (!this.hub) return { result: 'failed', detail: 'not enrolled' };
    const data = await this.host.screenshot();
    if (!data) return { result: 'failed', detail: 'the screen did not answer' };
    return this.upload('/api/fleet/kiosk/screenshot', { format: 'rrweb', data });
  }

  /** The last log lines of this kiosk (names, codes, counts — the logs never hold a resident's data). */
  private async sendLogs(): Promise<CommandOutcome> {
    const lines = recentLog
      .snapshot()
      .map((l) => ({ ...l, event: l.event.slice(0, 80), scope: l.scope.slice(0, 40) }))
      .filter((l) => KioskLogLine.safeParse(l).success)
      .slice(-KIOSK_LOG_LINES);
    const o = await this.upload('/api/fleet/kiosk/logs', { lines });
    return o.result === 'ok' ? { result: 'ok', detail: `${lines.length} lines` } : o;
  }

  private setMaintenance(m: MaintenanceParams | null): CommandOutcome {
    if (!m) return { result: 'failed', detail: 'no maintenance parameters' };
    this.fs.set('maintenance', m.active ? JSON.stringify(m) : null);
    this.host.infoChanged();
    this.scheduleBeat();
    return { result: 'ok', detail: m.active && this.host.sessionActive() ? 'after the current session' : null };
  }

  private async printTest(): Promise<CommandOutcome> {
    const t = this.host.now();
    const label = `${TEST_PRINT_PREFIX}${vnDate(t.getTime()).replace(/-/g, '')}-${String(t.getTime() % 1e6).padStart(6, '0')}`;
    const done = new Promise<{ state: string; reason: string | null }>((resolve) => {
      const timer = setTimeout(() => finish('timeout', null), this.opts.printTestTimeoutMs);
      const finish = (state: string, reason: string | null) => {
        clearTimeout(timer);
        this.printWaiters.delete(label);
        resolve({ state, reason });
      };
      this.printWaiters.set(label, finish);
    });
    if (this.host.printTest(label) === 'none') {
      this.printWaiters.get(label)?.('none', null);
      await done;
      return { result: 'unsupported', detail: 'no printer' };
    }
    const r = await done;
    if (r.state === 'printed') return { result: 'ok', detail: null };
    return { result: 'failed', detail: r.state === 'timeout' ? 'timeout' : (r.reason ?? 'failed') };
  }

  private restartNow(): void {
    this.restartAfterSession = false;
    if (this.closed || !this.host.restart) return;
    this.host.log.info('fleet.restart', {});
    this.fs.set('running', null); // asked for: not a crash
    this.host.restart();
  }

  // ------------------------------------------------------------------ statistics

  private sendStats(force: boolean): void {
    if (!this.connected || this.closed) return;
    for (const day of this.fs.statsDays()) {
      const s = this.fs.dayStats(day);
      const digest = JSON.stringify(s);
      if (this.fs.ackedDigest(day) === digest) continue;
      if (!force && this.statsInFlight.get(day) === digest) continue;
      const parsed = KioskDayStats.safeParse(s);
      if (!parsed.success) {
        this.host.log.warn('fleet.stats-invalid', { day });
        continue;
      }
      this.statsInFlight.set(day, digest);
      this.link!.send({ type: 'stats', stats: parsed.data });
    }
  }

  private statsAcked(day: string): void {
    const digest = this.statsInFlight.get(day);
    if (!digest) return;
    this.statsInFlight.delete(day);
    const over = day < vnDate(this.host.now().getTime());
    // A day that is over is cleared, unless it changed since it was sent (then it goes again).
    this.fs.statsAcked(day, digest, over && JSON.stringify(this.fs.dayStats(day)) === digest);
  }
}
