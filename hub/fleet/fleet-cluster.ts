/**
 * The fleet across hub instances (issue 18; one slice of the fleet): what one instance tells the
 * others, on the cluster bus, and what it does with what it hears. Every message is checked with zod.
 *
 *   fleet.status   the kiosks this instance is the authority of, changed since the last flush
 *                  (online, last heartbeat, health, authority) — batched, ≤ 500 per message
 *   fleet.alert    an alert opened, mailed or resolved (by the kiosk's authority only)
 *   fleet.config   a config version published for a ward: each instance tells its own kiosks of it
 *   fleet.kiosk    a message for a kiosk whose socket is on another instance (commands)
 *   fleet.ward     a message for the ward's staff, wherever their console is connected
 *   fleet.retired  a kiosk retired on one instance: the others forget it and close its socket
 *   fleet.sync     a new (or reconnected) instance asks everyone for the kiosks they are the authority of
 * Layer: hub (node).
 */
import { z } from 'zod';
import { AlertView } from '../../common/contract/hub-console.ts';
import { KioskHealth } from '../../common/contract/hub-kiosk.ts';
import type { ClusterBus } from '../cluster/bus.ts';
import type { ConfigAnnouncement } from './fleet-config.ts';

const Id = z.string().min(1).max(80);

export const StatusItem = z.object({
  /** kiosk id */
  k: Id,
  on: z.boolean(),
  /** last heartbeat (ms) */
  hb: z.number().nullable(),
  h: KioskHealth.nullable(),
  /** authority instance, and when the kiosk connected to it */
  i: Id.nullable(),
  c: z.number(),
});
export type StatusItem = z.infer<typeof StatusItem>;

const StatusMsg = z.object({ items: z.array(StatusItem).max(1000) });
const AlertMsg = z.object({ alert: AlertView });
const ConfigMsg = z.object({ ward: Id, version: z.number().int().positive(), configHash: z.string().max(128), catalogueHash: z.string().max(128) });
const Body = z.looseObject({ type: z.string().min(1).max(64) });
const KioskMsg = z.object({ kioskId: Id, msg: Body });
const WardMsg = z.object({ ward: Id, body: Body });
const RetiredMsg = z.object({ kioskId: Id });
const SyncMsg = z.object({});

export type Body = z.infer<typeof Body>;

export interface FleetClusterHooks {
  status(item: StatusItem, from: string): void;
  alert(a: AlertView, from: string): void;
  config(c: ConfigAnnouncement): void;
  kiosk(kioskId: string, msg: Body, from: string): void;
  ward(ward: string, body: Body): void;
  retired(kioskId: string, from: string): void;
  /** The items of every kiosk this instance is the authority of (answer to a sync request). */
  mine(): StatusItem[];
}

const CHUNK = 500;

export class FleetCluster {
  private readonly offs: (() => void)[] = [];

  constructor(
    private readonly bus: ClusterBus,
    private readonly hooks: FleetClusterHooks,
  ) {
    const on = <S extends z.ZodType>(topic: string, schema: S, handle: (m: z.infer<S>, from: string) => void) =>
      this.offs.push(
        bus.subscribe(topic, (raw, from) => {
          const m = schema.safeParse(raw);
          if (m.success) handle(m.data, from);
          else process.stderr.write(`${JSON.stringify({ event: 'hub.fleet.bad_bus_message', topic })}\n`);
        }),
      );
    on('fleet.status', StatusMsg, (m, from) => {
      for (const item of m.items) hooks.status(item, from);
    });
    on('fleet.alert', AlertMsg, (m, from) => hooks.alert(m.alert, from));
    on('fleet.config', ConfigMsg, (m) => hooks.config(m));
    on('fleet.kiosk', KioskMsg, (m, from) => hooks.kiosk(m.kioskId, m.msg, from));
    on('fleet.ward', WardMsg, (m) => hooks.ward(m.ward, m.body));
    on('fleet.retired', RetiredMsg, (m, from) => hooks.retired(m.kioskId, from));
    on('fleet.sync', SyncMsg, (_m, from) => {
      if (from !== bus.instanceId) this.status(hooks.mine());
    });
    // Messages may have been missed: tell ours again and ask for theirs.
    this.offs.push(bus.onGap(() => this.requestSync()));
  }

  get instanceId(): string {
    return this.bus.instanceId;
  }

  private send(topic: string, msg: unknown): void {
    this.bus.publish(topic, msg).catch((e: unknown) => process.stderr.write(`${JSON.stringify({ event: 'hub.fleet.bus_failed', topic, error: (e as Error)?.name ?? 'Error' })}\n`));
  }

  status(items: StatusItem[]): void {
    for (let i = 0; i < items.length; i += CHUNK) this.send('fleet.status', { items: items.slice(i, i + CHUNK) });
  }

  alert(a: AlertView): void {
    this.send('fleet.alert', { alert: a });
  }

  config(c: ConfigAnnouncement): void {
    this.send('fleet.config', c);
  }

  toKiosk(kioskId: string, msg: Body): void {
    this.send('fleet.kiosk', { kioskId, msg });
  }

  toWard(ward: string, body: Body): void {
    this.send('fleet.ward', { ward, body });
  }

  retired(kioskId: string): void {
    this.send('fleet.retired', { kioskId });
  }

  requestSync(): void {
    this.status(this.hooks.mine());
    this.send('fleet.sync', {});
  }

  close(): void {
    for (const off of this.offs.splice(0)) off();
  }
}
