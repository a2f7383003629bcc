/**
 * The fleet agent's heartbeat: every 15 s (and soon after a device change, a crash, a screen
 * change — those at most one per SCREEN_BEAT_MS): versions, uptime, printer/scanner, disk, the
 * name of the screen, crashes in the last hour — never personal data. Layer: node.
 */
import { buildHealth } from './health.ts';
import type { FleetJobContext } from './job.ts';
import { runningPublished } from './published.ts';

/** Screen changes are reported at most this often (the regular heartbeat stays every 15 s). */
export const SCREEN_BEAT_MS = 5_000;

export class Heartbeat {
  private readonly startedAt: number;
  private screen = 'welcome';
  private beatSoon: NodeJS.Timeout | null = null;
  /** A heartbeat for a new screen name, at most one per SCREEN_BEAT_MS (staff see where a resident is, live). */
  private screenBeat: NodeJS.Timeout | null = null;
  private lastScreenBeatAt = 0;

  constructor(
    private readonly ctx: FleetJobContext,
    /** The hub asked for maintenance (the screen is then 'maintenance' between residents). */
    private readonly maintenance: () => boolean,
  ) {
    this.startedAt = ctx.host.now().getTime();
  }

  /** A call went through the services: the name of the screen the resident sees now. */
  observe(method: string, params: unknown): void {
    const before = this.screen;
    const p = (params ?? {}) as { serviceCode?: unknown; screen?: unknown };
    const code = typeof p.serviceCode === 'string' && /^\d\.\d{6}$/.test(p.serviceCode) ? p.serviceCode : null;
    switch (method) {
      case 'session.start':
        this.screen = 'home';
        break;
      case 'form.saveAnswer':
      case 'form.draft':
        if (code) this.screen = `form:${code}`;
        break;
      case 'application.submit':
        if (code) this.screen = `confirmation:${code}`;
        break;
      case 'application.track':
        this.screen = 'track';
        break;
      case 'feedback.submit':
        this.screen = 'rating';
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
    if (this.screen !== before) this.screenChanged();
  }

  /** The session ended: back to the welcome screen. */
  sessionEnded(): void {
    this.screen = 'welcome';
    this.screenChanged();
  }

  /** A heartbeat soon (a device changed, a crash, maintenance). */
  soon(): void {
    if (this.beatSoon || this.ctx.closed()) return;
    this.beatSoon = setTimeout(() => {
      this.beatSoon = null;
      this.beat();
    }, 200);
    this.beatSoon.unref();
  }

  /** The screen changed: a heartbeat soon, but never more than one per SCREEN_BEAT_MS for screen changes. */
  private screenChanged(): void {
    if (this.screenBeat || this.ctx.closed()) return;
    const wait = Math.max(200, this.lastScreenBeatAt + SCREEN_BEAT_MS - this.ctx.host.now().getTime());
    this.screenBeat = setTimeout(() => {
      this.screenBeat = null;
      this.lastScreenBeatAt = this.ctx.host.now().getTime();
      this.beat();
    }, wait);
    this.screenBeat.unref();
  }

  private currentScreen(): string {
    if (this.ctx.host.sessionActive()) return this.screen;
    if (this.maintenance() || this.ctx.host.config().maintenance.active) return 'maintenance';
    return 'welcome';
  }

  /** The heartbeat's health, as sent (no personal data). */
  health() {
    const { host, fs } = this.ctx;
    const t = host.now().getTime();
    return buildHealth({
      appVersion: host.appVersion,
      configVersion: runningPublished(host.config()),
      startedAt: this.startedAt,
      now: t,
      printer: host.printer(),
      scanner: host.scanner(),
      dataDir: host.dataDir,
      screen: this.currentScreen(),
      crashesLastHour: fs.crashesSince(t - 3600_000),
    });
  }

  beat(): void {
    if (!this.ctx.connected() || this.ctx.closed()) return;
    this.ctx.link()!.send({ type: 'heartbeat', health: this.health() });
  }

  /** Stop the pending beats (detached or closing). */
  stop(): void {
    if (this.beatSoon) clearTimeout(this.beatSoon);
    if (this.screenBeat) clearTimeout(this.screenBeat);
    this.beatSoon = this.screenBeat = null;
  }
}
