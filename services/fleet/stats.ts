/**
 * The fleet agent's statistics: the day's counters (sessions, services used — each once per
 * session —, applications completed, ratings, help calls, receipts printed), sent with `stats`
 * on connect and every 5 min when they changed, cleared on `stats.ack` once the day is over.
 * Layer: node.
 */
import { KioskDayStats } from '../../common/contract/hub-kiosk.ts';
import { vnDate, type FleetJobContext } from './job.ts';

export class FleetStats {
  /** Services counted in this session (each once per session). */
  private readonly sessionServices = new Set<string>();
  private readonly inFlight = new Map<string, string>();

  constructor(private readonly ctx: FleetJobContext) {}

  /** A call went through the services (after it succeeded): count what it means. */
  observe(method: string, params: unknown): void {
    const p = (params ?? {}) as { serviceCode?: unknown; rating?: unknown };
    const code = typeof p.serviceCode === 'string' && /^\d\.\d{6}$/.test(p.serviceCode) ? p.serviceCode : null;
    switch (method) {
      case 'session.start':
        this.sessionServices.clear();
        this.count('sessions');
        break;
      case 'form.saveAnswer':
      case 'form.draft':
        if (code) this.serviceUsed(code);
        break;
      case 'application.submit':
        if (code) this.serviceUsed(code);
        this.count('completed');
        break;
      case 'feedback.submit':
        if (typeof p.rating === 'number' && p.rating >= 1 && p.rating <= 5) this.count(`rating:${p.rating}`);
        break;
      case 'help.request':
        this.count('helpCalls');
        break;
      default:
        break;
    }
  }

  sessionEnded(): void {
    this.sessionServices.clear();
  }

  count(name: string): void {
    this.ctx.fs.count(vnDate(this.ctx.host.now().getTime()), name);
  }

  /** The hub connection is up again: what was in flight goes again. */
  connected(): void {
    this.inFlight.clear();
    this.send(true);
  }

  send(force: boolean): void {
    const { ctx } = this;
    if (!ctx.connected() || ctx.closed()) return;
    for (const day of ctx.fs.statsDays()) {
      const s = ctx.fs.dayStats(day);
      const digest = JSON.stringify(s);
      if (ctx.fs.ackedDigest(day) === digest) continue;
      if (!force && this.inFlight.get(day) === digest) continue;
      const parsed = KioskDayStats.safeParse(s);
      if (!parsed.success) {
        ctx.host.log.warn('fleet.stats-invalid', { day });
        continue;
      }
      this.inFlight.set(day, digest);
      ctx.link()!.send({ type: 'stats', stats: parsed.data });
    }
  }

  acked(day: string): void {
    const digest = this.inFlight.get(day);
    if (!digest) return;
    this.inFlight.delete(day);
    const over = day < vnDate(this.ctx.host.now().getTime());
    // A day that is over is cleared, unless it changed since it was sent (then it goes again).
    this.ctx.fs.statsAcked(day, digest, over && JSON.stringify(this.ctx.fs.dayStats(day)) === digest);
  }

  private serviceUsed(code: string): void {
    if (this.sessionServices.has(code)) return;
    this.sessionServices.add(code);
    this.count(`service:${code}`);
  }
}
