/**
 * The fleet's alerts (issue 7; one slice of the fleet, issue 18): opened and resolved by the kiosk's
 * authority instance only, so each alert is stored and mailed once in the whole cluster; `announce`
 * tells every instance (their consoles, their view of the kiosk).
 * Layer: hub (node).
 */
import { randomUUID } from 'node:crypto';
import type { AlertView } from '../../common/contract/hub-console.ts';
import type { AuditEntry } from '../db/repository.ts';
import { activeAlerts, type AlertRules, type Mailer } from './alerts.ts';
import type { Live } from './live.ts';
import type { FleetStore } from './store.ts';

export interface AlertDeps {
  store: FleetStore;
  audit: (e: AuditEntry) => void;
  now: () => number;
  rules: AlertRules;
  mailer: Mailer | null;
  bg: (p: Promise<unknown>, what: string) => void;
  dirty: (kioskId: string) => void;
  /** An alert opened, mailed or resolved: to every instance (consoles of its ward, views). */
  announce: (a: AlertView) => void;
  counters: { mails: number; mailFailures: number };
}

export class FleetAlerts {
  /** The insert of each open alert, so its resolve runs after it (PostgreSQL may reorder pooled queries). */
  readonly writes = new Map<string, Promise<unknown>>();

  constructor(private readonly d: AlertDeps) {}

  /** An alert announced by any instance (this one too): kept in the kiosk's view. */
  apply(l: Live, a: AlertView): void {
    if (a.state === 'open') l.alerts.set(a.kind, a);
    else if (l.alerts.get(a.kind)?.id === a.id) l.alerts.delete(a.kind);
    this.d.dirty(l.kiosk.id);
  }

  evaluate(l: Live): void {
    const { store, audit, now, mailer, counters } = this.d;
    const t = now();
    const active = activeAlerts({ online: l.online, lastHeartbeatAt: l.lastHeartbeatAt, health: l.health, restartsLastHour: l.restarts.length }, t, this.d.rules);
    for (const [kind, detail] of active) {
      if (l.alerts.has(kind)) continue;
      const a: AlertView = { id: randomUUID(), ward: l.kiosk.ward, kioskId: l.kiosk.id, kind, state: 'open', openedAt: t, resolvedAt: null, mailedAt: null, detail };
      l.alerts.set(kind, a);
      this.d.dirty(l.kiosk.id);
      audit({ actor: 'hub', action: 'alert.open', target: `kiosk:${l.kiosk.id}`, detail: `kind=${kind}` });
      const inserted = store.insertAlert(a);
      this.writes.set(a.id, inserted);
      this.d.bg(
        (async () => {
          await inserted;
          this.d.announce(a);
          if (mailer) {
            try {
              await mailer.send(a, l.kiosk.name);
              a.mailedAt = now();
              counters.mails++;
              await store.markMailed(a.id, a.mailedAt);
              this.d.announce(a);
            } catch (e) {
              counters.mailFailures++;
              audit({ actor: 'hub', action: 'alert.mail_failed', target: `kiosk:${l.kiosk.id}`, detail: `code=${(e as { code?: string }).code ?? 'error'}` });
            }
          }
        })(),
        'alert',
      );
    }
    for (const [kind, a] of [...l.alerts]) {
      if (active.has(kind)) continue;
      l.alerts.delete(kind);
      this.d.dirty(l.kiosk.id);
      const resolved: AlertView = { ...a, state: 'resolved', resolvedAt: t };
      audit({ actor: 'hub', action: 'alert.resolved', target: `kiosk:${l.kiosk.id}`, detail: `kind=${kind}` });
      this.d.bg(
        (async () => {
          await this.writes.get(a.id)?.catch(() => undefined);
          this.writes.delete(a.id);
          await store.resolveAlert(a.id, t);
          this.d.announce(resolved);
          // Whoever was told of the problem by mail is told it is over.
          if (mailer && a.mailedAt !== null) {
            try {
              await mailer.send(resolved, l.kiosk.name);
              counters.mails++;
            } catch (e) {
              counters.mailFailures++;
              audit({ actor: 'hub', action: 'alert.mail_failed', target: `kiosk:${l.kiosk.id}`, detail: `code=${(e as { code?: string }).code ?? 'error'} resolved` });
            }
          }
        })(),
        'alert',
      );
    }
  }
}
