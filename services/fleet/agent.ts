/**
 * The fleet agent: the kiosk's side of issue 7, over the existing HubClient
 * (services/hub/hub-client.ts: hello with the device secret, numbered
 * messages, resend after reconnect). Layer: node. See docs/fleet.md.
 *
 * This file wires its jobs, one module each (issue 19):
 *  - heartbeat.ts — every 15 s and soon after a change: health, screen name, crashes;
 *  - config-sync.ts — `config.available` → fetch, check, keep pending, apply between residents;
 *  - commands.ts — staff's commands, answered once each (`command.ack`, de-duplicated in SQLite);
 *  - stats.ts — the day's counters, sent with `stats`, cleared on `stats.ack` once the day is over;
 *  - (the outbox and tracking are the applications wing's: services/applications/agent.ts —
 *    it reads outboxRetryMs and trackTimeoutMs from these options).
 *
 * Every message from the hub was validated by HubClient against the zod
 * contract; the fetched config is validated before it is kept.
 */
import type { HubState } from '../hub/hub-client.ts';
import type { HubToKiosk } from '../../common/contract/hub-kiosk.ts';
import type { KioskEvent, KioskInfo } from '../../common/contract/kiosk-api.ts';
import { FleetCommands } from './commands.ts';
import { ConfigSync } from './config-sync.ts';
import { Heartbeat } from './heartbeat.ts';
import type { FleetHost, FleetHub, FleetJobContext, FleetLink, FleetOptions } from './job.ts';
import { FleetStats } from './stats.ts';
import { FleetStore } from './store.ts';

export type { FleetHost, FleetLink, FleetOptions } from './job.ts';
export { vnDate } from './job.ts';
export { SCREEN_BEAT_MS } from './heartbeat.ts';
export { TEST_PRINT_PREFIX } from './commands.ts';

/** The browser host exits with this code when the hub asks for a restart (EX_TEMPFAIL); its launcher starts it again. */
export const RESTART_EXIT_CODE = 75;

export const FLEET_MESSAGE_TYPES: ReadonlySet<string> = new Set(['heartbeat.ack', 'config.available', 'command', 'stats.ack']);

export class FleetAgent {
  readonly fs: FleetStore;
  private link: FleetLink | null = null;
  private hub: FleetHub | null = null;
  private readonly opts: Required<FleetOptions>;
  private timers: NodeJS.Timeout[] = [];
  private closed = false;
  private readonly offEvents: () => void;
  private readonly beats: Heartbeat;
  private readonly configs: ConfigSync;
  private readonly commands: FleetCommands;
  private readonly stats: FleetStats;

  constructor(
    private readonly host: FleetHost,
    options: FleetOptions = {},
  ) {
    const opts: Required<FleetOptions> = (this.opts = {
      heartbeatMs: 15_000,
      statsMs: 300_000,
      outboxRetryMs: 30_000,
      printTestTimeoutMs: 30_000,
      trackTimeoutMs: 3_000,
      configRetryMs: 30_000,
      restartDelayMs: 500,
      ...options,
    });
    this.fs = new FleetStore(host.store.db);
    const ctx: FleetJobContext = {
      host,
      fs: this.fs,
      opts,
      link: () => this.link,
      hub: () => this.hub,
      connected: () => this.connected,
      closed: () => this.closed,
    };
    this.beats = new Heartbeat(ctx, () => this.maintenance() !== null);
    this.configs = new ConfigSync(ctx, () => this.beats.beat());
    this.commands = new FleetCommands(ctx, () => {
      host.infoChanged();
      this.beats.soon();
    });
    this.stats = new FleetStats(ctx);
    const startedAt = host.now().getTime();
    // The previous run did not close cleanly (power cut, kill, crash): count it.
    if (this.fs.get('running') === '1') this.fs.addCrash(startedAt);
    this.fs.set('running', '1');
    this.fs.pruneCommands(startedAt - 7 * 86_400_000);
    this.offEvents = host.onEvent((event, payload) => this.onServicesEvent(event, payload));
  }

  // ------------------------------------------------------------------ life

  /** The hub client is up (enrolled): start heartbeating and reporting. */
  attach(link: FleetLink, hub: FleetHub): void {
    this.link = link;
    this.hub = hub;
    for (const t of this.timers) clearInterval(t);
    this.timers = [setInterval(() => this.beats.beat(), this.opts.heartbeatMs), setInterval(() => this.stats.send(false), this.opts.statsMs)];
    for (const t of this.timers) t.unref();
    this.configs.applySoon();
  }

  /** The hub link is gone for good (the kiosk was retired): stop heartbeating and reporting until attached again. */
  detach(): void {
    this.stopTimers();
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
    this.stopTimers();
    this.offEvents();
    this.commands.close();
    // A clean stop is not a crash.
    if (this.host.store.db.open) this.fs.set('running', null);
  }

  /** The hub connection changed (HubClient onState). */
  onHubState(state: HubState): void {
    if (state !== 'connected' || this.closed) return;
    this.beats.beat();
    this.stats.connected();
  }

  /** A message from the hub (validated by HubClient). True when it was the fleet's. */
  onHubMessage(msg: HubToKiosk): boolean {
    if (!FLEET_MESSAGE_TYPES.has(msg.type) || this.closed) return FLEET_MESSAGE_TYPES.has(msg.type);
    switch (msg.type) {
      case 'config.available':
        this.configs.announce(msg);
        break;
      case 'command':
        void this.commands.command(msg.command);
        break;
      case 'stats.ack':
        this.stats.acked(msg.day);
        break;
      default:
        break; // heartbeat.ack: nothing to do
    }
    return true;
  }

  // ------------------------------------------------------------------ what the services tell us

  /** A call went through the services (after it succeeded): the screen name and the day's counters. */
  observe(method: string, params: unknown): void {
    this.stats.observe(method, params);
    this.beats.observe(method, params);
  }

  /** The renderer crashed or hung (Electron recovery ends the session with 'crash'). */
  noteCrash(): void {
    this.fs.addCrash(this.host.now().getTime());
    this.beats.soon();
  }

  /** A device changed state (printer alert/ready, scanner plugged or pulled): tell the hub now. */
  deviceChanged(): void {
    this.beats.soon();
  }

  /** Maintenance asked by the hub, for KioskInfo (null: none). */
  maintenance(): KioskInfo['maintenance'] | null {
    const m = this.fs.maintenance();
    if (!m?.active) return null;
    const both = (s: string | null) => (s ? { vi: s, en: s } : null);
    return { active: true, message: both(m.message), instead: both(m.instead) };
  }

  /** The heartbeat's health, as sent (exported for tests: no personal data). */
  health() {
    return this.beats.health();
  }

  heartbeat(): void {
    this.beats.beat();
  }

  private stopTimers(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    this.beats.stop();
    this.configs.stop();
  }

  private onServicesEvent(event: KioskEvent, payload: unknown): void {
    if (event === 'session.ended') {
      this.beats.sessionEnded();
      this.stats.sessionEnded();
      // After the wipe has been announced: the next resident gets the new config.
      setImmediate(() => {
        if (this.closed || this.host.sessionActive()) return;
        if (!this.commands.sessionEnded()) this.configs.applyPending();
      });
    } else if (event === 'receipt.status') {
      const r = payload as { code: string; state: string; reason: string | null };
      if (!this.commands.receiptStatus(r) && r.state === 'printed') this.stats.count('receipts');
    }
  }
}
