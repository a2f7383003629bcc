/**
 * The fleet agent's commands from ward staff (restart, reload the catalogue, test print,
 * maintenance, clear the print queue, screenshot, send logs), each answered with `command.ack`
 * and de-duplicated by id in SQLite (a command the hub resends is answered from the stored
 * result, never run twice). Layer: node.
 */
import { KIOSK_LOG_LINES, KioskLogLine, kioskAuthorization, type KioskCommand, type MaintenanceParams } from '../../common/contract/hub-kiosk.ts';
import { recentLog } from '../log.ts';
import { vnDate, type FleetJobContext } from './job.ts';
import type { CommandOutcome } from './store.ts';

/** Test receipts are labelled so; they are not counted as residents' receipts. */
export const TEST_PRINT_PREFIX = 'IN-THU-';

export class FleetCommands {
  private readonly running = new Set<string>();
  private readonly printWaiters = new Map<string, (state: string, reason: string | null) => void>();
  private restartAfterSession = false;

  constructor(
    private readonly ctx: FleetJobContext,
    /** Maintenance changed: tell the renderer and the hub soon. */
    private readonly maintenanceChanged: () => void,
  ) {}

  /** A receipt's state: a test print's end answers its command. True when it was a test print. */
  receiptStatus(r: { code: string; state: string; reason: string | null }): boolean {
    if (!r.code.startsWith(TEST_PRINT_PREFIX)) return false;
    if (r.state === 'printed' || r.state === 'failed') this.printWaiters.get(r.code)?.(r.state, r.reason);
    return true;
  }

  /** The session ended: a restart asked during it happens now. True when it did. */
  sessionEnded(): boolean {
    if (!this.restartAfterSession) return false;
    this.restartNow();
    return true;
  }

  close(): void {
    for (const w of this.printWaiters.values()) w('failed', 'closing');
  }

  private ack(id: string, o: CommandOutcome): void {
    this.ctx.link()?.send({ type: 'command.ack', commandId: id, result: o.result, detail: o.detail === null ? null : o.detail.slice(0, 200) });
  }

  async command(c: KioskCommand): Promise<void> {
    const { host, fs } = this.ctx;
    if (this.running.has(c.id)) return; // the hub sent it again while it runs: the ack follows
    const known = fs.command(c.id);
    if (known) {
      // Handled before (maybe before a restart): answer again, never run it twice.
      const o = known.outcome ?? { result: 'failed' as const, detail: 'interrupted' };
      if (!known.outcome) fs.finishCommand(c.id, o, host.now().getTime());
      this.ack(c.id, o);
      return;
    }
    if (!fs.beginCommand(c.id, c.kind, host.now().getTime())) return;
    this.running.add(c.id);
    host.log.info('fleet.command', { kind: c.kind });
    let o: CommandOutcome;
    try {
      o = await this.run(c);
    } catch (e) {
      o = { result: 'failed', detail: e instanceof Error ? e.name : 'error' };
    } finally {
      this.running.delete(c.id);
    }
    fs.finishCommand(c.id, o, host.now().getTime());
    host.log.info('fleet.command-done', { kind: c.kind, result: o.result });
    this.ack(c.id, o);
    if (c.kind === 'restart' && o.result === 'ok' && !this.restartAfterSession) setTimeout(() => this.restartNow(), this.ctx.opts.restartDelayMs).unref();
  }

  private async run(c: KioskCommand): Promise<CommandOutcome> {
    const { host } = this.ctx;
    switch (c.kind) {
      case 'restart':
        if (!host.restart) return { result: 'unsupported', detail: 'no launcher to start the app again' };
        if (host.sessionActive()) {
          this.restartAfterSession = true;
          return { result: 'ok', detail: 'at the end of the current session' };
        }
        return { result: 'ok', detail: null };
      case 'reload-catalogue':
        host.requestReload();
        return { result: 'ok', detail: host.sessionActive() ? 'at the end of the current session' : null };
      case 'print-test':
        return this.printTest();
      case 'maintenance':
        return this.setMaintenance(c.maintenance);
      case 'clear-print-queue': {
        const n = host.clearPrintQueue();
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
    const hub = this.ctx.hub();
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
    if (!this.ctx.hub()) return { result: 'failed', detail: 'not enrolled' };
    const data = await this.ctx.host.screenshot();
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
    this.ctx.fs.set('maintenance', m.active ? JSON.stringify(m) : null);
    this.maintenanceChanged();
    return { result: 'ok', detail: m.active && this.ctx.host.sessionActive() ? 'after the current session' : null };
  }

  private async printTest(): Promise<CommandOutcome> {
    const t = this.ctx.host.now();
    const label = `${TEST_PRINT_PREFIX}${vnDate(t.getTime()).replace(/-/g, '')}-${String(t.getTime() % 1e6).padStart(6, '0')}`;
    const done = new Promise<{ state: string; reason: string | null }>((resolve) => {
      const timer = setTimeout(() => finish('timeout', null), this.ctx.opts.printTestTimeoutMs);
      const finish = (state: string, reason: string | null) => {
        clearTimeout(timer);
        this.printWaiters.delete(label);
        resolve({ state, reason });
      };
      this.printWaiters.set(label, finish);
    });
    if (this.ctx.host.printTest(label) === 'none') {
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
    const { host } = this.ctx;
    if (this.ctx.closed() || !host.restart) return;
    host.log.info('fleet.restart', {});
    this.ctx.fs.set('running', null); // asked for: not a crash
    host.restart();
  }
}
