/**
 * The enrolment and staff-exit slice: the kiosk's link to the ward's hub (enrolling with a
 * one-time code or a pairing code shown on the enrolment screen, starting the hub client,
 * forgetting the device secret when staff retire the kiosk) and the staff's PIN exit (its
 * lock-out kept across restarts). Messages from the hub go to the applications wing, the fleet
 * agent, or — only during a session — the resident's help screen. Layer: node.
 */
import { kioskError } from '../../common/contract/kiosk-api.ts';
import type { ApplicationsAgent } from '../applications/agent.ts';
import { enrol, forgetSecret, kioskName, saveSecret, storedSecret } from '../fleet/enrol.ts';
import { KioskPairing, type PairingTimings } from '../fleet/pairing.ts';
import { enrolWithHub, HubClient, type HubState } from '../hub/hub-client.ts';
import { StaffGate } from '../staff.ts';
import type { Handlers, KioskCore, Slice } from './slice.ts';

type EnrolmentMethods = 'staff.unlock' | 'staff.exit' | 'staff.enrol' | 'enrolment.pairing';

export interface EnrolmentOptions {
  /** A one-time enrolment code from ward staff, used when this kiosk has no hub secret yet. */
  hubEnrolmentCode?: string;
  /** Pairing back-offs (tests); the poll interval comes from the hub. */
  pairing?: PairingTimings;
}

export class EnrolmentSlice implements Slice<EnrolmentMethods> {
  readonly handlers: Handlers<EnrolmentMethods>;
  private readonly staff: StaffGate;
  private client: HubClient | null = null;
  /** While enrolment is needed: the code on the enrolment screen, from the hub (services/fleet/pairing.ts). */
  private pairing: KioskPairing | null = null;

  constructor(
    private readonly core: KioskCore,
    private readonly applications: ApplicationsAgent,
    private readonly opts: EnrolmentOptions,
  ) {
    const { store, log, sessions } = core;
    // The PIN pad's lock-out survives a restart (issue 17, finding 15): kept in the store's meta table.
    this.staff = new StaffGate(() => core.config().staff.pinHash, {
      load: () => {
        const row = store.db.prepare("SELECT value FROM meta WHERE key = 'staff_lockout'").get() as { value: string } | undefined;
        try {
          return row ? (JSON.parse(row.value) as unknown) : null;
        } catch {
          return null;
        }
      },
      save: (state) => {
        store.db.prepare("INSERT INTO meta(key, value) VALUES ('staff_lockout', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(JSON.stringify(state));
      },
    });
    this.handlers = {
      'staff.unlock': ({ pin }) => {
        const r = this.staff.unlock(pin);
        log.info('staff.unlock', { ok: r.unlocked });
        if (r.retryAfterSeconds > 0 && !r.unlocked) log.warn('staff.locked-out', { seconds: r.retryAfterSeconds });
        return r;
      },
      'staff.exit': () => {
        if (!this.staff.isUnlocked()) throw kioskError('E_FORBIDDEN');
        this.staff.lock();
        sessions.end('cancelled');
        log.info('staff.exit', {});
        core.emit('staff.exit', {});
        return { exiting: true };
      },
      'staff.enrol': async ({ code }) => {
        if (!this.staff.isUnlocked()) throw kioskError('E_FORBIDDEN');
        const c = core.config();
        const url = c.hub.url;
        if (!url) return { enrolled: false, reason: 'no-hub' as const };
        if (this.enrolment() === 'enrolled') return { enrolled: true, reason: null };
        const r = await enrol(url, code, c.kiosk.id, this.name());
        log.info('hub.enrol', { ok: r.ok, reason: r.ok ? null : r.reason });
        if (!r.ok) return { enrolled: false, reason: r.reason };
        saveSecret(store, url, r.secret);
        this.pairing?.stop();
        await this.startHub();
        core.emit('kiosk.changed', core.info());
        return { enrolled: true, reason: null };
      },
      'enrolment.pairing': () =>
        this.enrolment() === 'needed' && this.pairing ? this.pairing.view : { state: 'off' as const, code: null, expiresAt: null, kioskId: core.config().kiosk.id, name: this.name() },
    };
  }

  /** The hub link when enrolled and started. */
  get hub(): HubClient | null {
    return this.client;
  }

  /** A kiosk whose config names a hub and that has no device secret yet shows the enrolment screen. */
  enrolment(): 'no-hub' | 'needed' | 'enrolled' {
    const url = this.core.config().hub.url;
    if (!url) return 'no-hub';
    return this.client || storedSecret(this.core.store, url) ? 'enrolled' : 'needed';
  }

  /** Connect to the hub when the config names one (enrolling first with a one-time code if needed). Never fatal. */
  async startHub(): Promise<void> {
    const { core } = this;
    const c = core.config();
    const url = c.hub.url;
    if (!url || this.client) return;
    const key = `hub_secret:${url}`;
    const row = core.store.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    let secret = row?.value ?? null;
    if (!secret && this.opts.hubEnrolmentCode) {
      try {
        secret = await enrolWithHub(url, this.opts.hubEnrolmentCode, c.kiosk.id, this.name());
        core.store.db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, secret);
        core.log.info('hub.enrolled', { kioskId: c.kiosk.id });
      } catch (e) {
        core.log.error('hub.enrol-failed', { error: e instanceof Error ? e.message : String(e) });
      }
    }
    if (!secret) {
      core.log.warn('hub.not-enrolled', { kioskId: c.kiosk.id });
      this.startPairing(url);
      return;
    }
    this.pairing?.stop();
    const hub = new HubClient({
      url,
      kioskId: c.kiosk.id,
      secret,
      log: core.log,
      onState: (state: HubState) => {
        core.emit('help.connection', { hub: state });
        core.fleet.onHubState(state);
        this.applications.onHubState(state);
      },
      onRetired: () => {
        this.retired(url).catch((e: unknown) => core.log.error('hub.retire-failed', { error: e instanceof Error ? e.name : typeof e }));
      },
      onMessage: (msg) => {
        if (msg.type === 'welcome' || msg.type === 'pong' || msg.type === 'error') return;
        if (this.applications.onHubMessage(msg)) return; // outbox acks, track
        if (core.fleet.onHubMessage(msg)) return; // heartbeat acks, config, commands, stats
        // The help channel belongs to the resident who asked: nothing of it reaches a screen without a session.
        if (core.sessions.active) core.emit('help.event', msg);
      },
    });
    this.client = hub;
    core.fleet.attach(hub, { url, kioskId: c.kiosk.id, secret });
    this.applications.attach(hub, { url, kioskId: c.kiosk.id, secret });
    hub.start();
  }

  async close(): Promise<void> {
    this.pairing?.stop();
  }

  /** The hub client stops last of the links (after the fleet and applications agents). */
  async stopHub(): Promise<void> {
    await this.client?.stop();
  }

  private name(): string {
    const c = this.core.config();
    return kioskName(c.kiosk.number, c.ward.name.vi);
  }

  /**
   * Ward staff retired this kiosk at the hub: its device secret is dead. Forget it, stop the hub
   * link and show the enrolment screen (with a new pairing code) once no resident is using the
   * kiosk. Applications still in the outbox stay and are delivered after the kiosk is enrolled again.
   */
  private async retired(url: string): Promise<void> {
    const { core } = this;
    forgetSecret(core.store, url);
    core.fleet.detach();
    this.applications.detach();
    const hub = this.client;
    this.client = null;
    await hub?.stop();
    core.emit('help.connection', { hub: 'connecting' });
    this.startPairing(url);
    core.emit('kiosk.changed', core.info());
  }

  /** Ask the hub for a pairing code to show on the enrolment screen, until staff approve it (docs/fleet.md "Enrolment"). */
  private startPairing(url: string): void {
    if (this.pairing?.running) return;
    const { core } = this;
    this.pairing = new KioskPairing(
      {
        url,
        kioskId: core.config().kiosk.id,
        name: this.name(),
        log: core.log,
        changed: (state) => core.emit('enrolment.pairing', state),
        paired: async (secret) => {
          if (this.client || storedSecret(core.store, url)) return; // enrolled meanwhile with a typed code
          saveSecret(core.store, url, secret);
          await this.startHub();
          core.emit('kiosk.changed', core.info());
        },
      },
      this.opts.pairing,
    );
    this.pairing.start();
  }
}
