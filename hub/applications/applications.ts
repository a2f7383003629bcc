/**
 * The applications wing of the hub (issue 14 part 4): what kiosks deliver from
 * their outbox, exactly once by id; the kiosk's track questions; the ward's
 * inbox for staff (list, read, status). Moved out of `Fleet` unchanged; it
 * reaches sockets only through an `ApplicationsOutlet` (the gateway), like the
 * help queue's `HelpOutlet`.
 *
 * The hook: `onStored(listener)` — called once per application, after it is
 * stored and acknowledged to the kiosk (never for a duplicate delivery). The
 * hand-off to the province (hub/province/) listens here. A listener's failure
 * is logged by name and never undoes the store; a listener that must not miss
 * an application across a hub crash also catches up from the database at start.
 *
 * Every staff action checks the ward (staff: their own; admin: any) and is
 * audited, refusals too. Layer: hub (node).
 */
import type { Answers } from '../../common/contract/answers.ts';
import type { ErrorCode } from '../../common/contract/hub-common.ts';
import type { ApplicationView } from '../../common/contract/hub-console.ts';
import type { ApplicationStatus, HubToKiosk, OutboxItem, TrackResult } from '../../common/contract/hub-kiosk.ts';
import type { Unsequenced } from '../../common/contract/hub-common.ts';
import type { AuditEntry, HubRepository, KioskRecord, UserRecord } from '../db/repository.ts';
import { canActOnWard, type FleetResult } from '../fleet/fleet.ts';
import { InboxAdapter, type PortalAdapter } from '../fleet/portal-adapter.ts';
import { FleetStore } from '../fleet/store.ts';
import { ApplicationPagesStore, type PageRecord } from './store.ts';
import { ApplicationReader } from './reader.ts';
import { AgencyBinding } from '../security/agency-binding.ts';
import type { ProvinceTrack } from '../../common/province/track.ts';

/** How the wing reaches sockets (the gateway implements it). Neither message is replayed after a reconnect. */
export interface ApplicationsOutlet {
  /** To the kiosk's current socket, if it has one. */
  toKioskNow(kioskId: string, msg: Unsequenced<HubToKiosk>): void;
  /** To every connected staff member of the ward (and admins). */
  toWardStaff(ward: string, msg: Record<string, unknown> & { type: string }): void;
}

export interface ApplicationsOptions {
  /** Forwarding to the national portal; default: the inbox only. */
  adapter?: PortalAdapter;
  /** Tests only: runs after an outbox item is stored and before its ack is sent. */
  afterOutboxInsert?: (id: string) => Promise<void>;
}

/** What `onStored` listeners get: the application as stored (the resident's answers included). */
export interface StoredApplication {
  id: string;
  code: string;
  ward: string;
  kioskId: string;
  serviceCode: string;
  submittedAt: number;
  receivedAt: number;
  answers: Answers;
  /** The papers' pages in order (their JPEGs: `applications.pageData(id, pageId)`). */
  pages: PageRecord[];
}

export type StoredListener = (app: StoredApplication) => void | Promise<void>;

/**
 * The province's side of tracking (hub/province/link.ts): an official dossier number resolves to
 * the application it belongs to, and the track answer carries what the province said.
 */
export interface TrackExtension {
  resolve(code: string): Promise<string | null>;
  info(applicationId: string): Promise<ProvinceTrack>;
}

type KioskAnswer = { ok: true } | { ok: false; code: ErrorCode; message: string };
const ok = <T>(value: T): FleetResult<T> => ({ ok: true, value });
const no = (status: number, code: ErrorCode, message: string): FleetResult<never> => ({ ok: false, status, code, message });

export class Applications {
  readonly store: FleetStore;
  readonly pages: ApplicationPagesStore;
  /** The staff console's reader (answers by section, pages; ward-only, audited). */
  readonly reader: ApplicationReader;
  private readonly agencies: AgencyBinding;
  private readonly adapter: PortalAdapter;
  private readonly listeners = new Set<StoredListener>();
  private trackExtension: TrackExtension | null = null;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    repo: HubRepository,
    private readonly out: ApplicationsOutlet,
    private readonly audit: (e: AuditEntry) => void,
    private readonly now: () => number,
    private readonly opts: ApplicationsOptions = {},
  ) {
    this.store = new FleetStore(repo.driver);
    this.pages = new ApplicationPagesStore(repo.driver);
    this.reader = new ApplicationReader(this.store, this.pages, audit);
    this.agencies = new AgencyBinding(repo.driver);
    this.adapter = opts.adapter ?? new InboxAdapter();
  }

  /** The hook: called once for every application stored (after its ack), never for a replay. Returns the unsubscribe. */
  /** Issue 17: a bound on each kiosk's track lookups (hub/security/tracking.ts); none by default. */
  private trackGate: ((kioskId: string) => boolean) | null = null;
  /** Whether `pin` is the tracking PIN of the application `code` (hub/security/tracking.ts; issue 17). */
  private pinCheck: ((code: string, pin: string) => Promise<boolean>) | null = null;
  setPinCheck(check: (code: string, pin: string) => Promise<boolean>): void {
    this.pinCheck = check;
  }
  setTrackGate(gate: (kioskId: string) => boolean): void {
    this.trackGate = gate;
  }
  mayTrack(kioskId: string): boolean {
    return this.trackGate ? this.trackGate(kioskId) : true;
  }

  onStored(listener: StoredListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The province link sets this (one link per hub). */
  setTrackExtension(ext: TrackExtension | null): void {
    this.trackExtension = ext;
  }

  /** Waits for background work (forwarding, listeners): tests, close. */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending].map((p) => p.catch(() => undefined)));
  }

  async close(): Promise<void> {
    await this.settled();
  }

  private bg(p: Promise<unknown>, what: string): void {
    const q = p
      .catch((e) => process.stderr.write(`${JSON.stringify({ event: 'hub.applications.error', what, error: e instanceof Error ? e.name : typeof e })}\n`))
      .finally(() => this.pending.delete(q));
    this.pending.add(q);
  }

  // ------------------------------------------------------------------ kiosk socket

  /** `outbox.deliver` and `track` from a kiosk; refusals are returned for the gateway to send and audit. */
  async fromKiosk(kiosk: KioskRecord, msg: { type: 'outbox.deliver'; item: OutboxItem } | { type: 'track'; code: string; pin?: string }): Promise<KioskAnswer> {
    if (msg.type === 'outbox.deliver') return this.deliver(kiosk, msg.item);
    if (!this.mayTrack(kiosk.id)) return { ok: false, code: 'rate_limited', message: 'too many tracking lookups from this kiosk; wait a while' };
    this.out.toKioskNow(kiosk.id, { type: 'track.result', result: await this.track(kiosk, msg.code, msg.pin) });
    return { ok: true };
  }

  private async deliver(kiosk: KioskRecord, item: OutboxItem): Promise<KioskAnswer> {
    const refusal = await this.agencies.refusal(kiosk.ward, item.code); // free-form ward ids too (issue 17, finding 13)
    if (refusal) {
      this.audit({ actor: `kiosk:${kiosk.id}`, action: 'outbox.refused', target: `ward:${kiosk.ward}`, detail: refusal });
      return { ok: false, code: 'forbidden', message: 'the application code belongs to another ward' };
    }
    const t = this.now();
    const pages = item.pages ?? [];
    if (pages.length) {
      // Stored only with every page it lists (uploaded before by HTTP, sha256 checked): never half an application.
      const missing = await this.pages.missing(item.id, kiosk.id, pages);
      if (missing.length) {
        this.audit({ actor: `kiosk:${kiosk.id}`, action: 'outbox.incomplete', target: item.code, detail: `missing_pages=${missing.length}` });
        return { ok: false, code: 'not_found', message: `${missing.length} page(s) not uploaded` };
      }
      await this.pages.describe(item.id, pages);
    }
    const r = await this.store.insertApplication(item, kiosk.id, kiosk.ward, t);
    if (r === 'conflict') {
      this.audit({ actor: `kiosk:${kiosk.id}`, action: 'outbox.refused', target: item.code, detail: 'code_conflict' });
      return { ok: false, code: 'conflict', message: 'this application code is taken by another application' };
    }
    if (r === 'duplicate') {
      const existing = await this.store.getApplication(item.id);
      if (existing && existing.kioskId !== kiosk.id) {
        this.audit({ actor: `kiosk:${kiosk.id}`, action: 'outbox.refused', target: existing.code, detail: 'another_kiosks_application' });
        return { ok: false, code: 'forbidden', message: 'another kiosk’s application' };
      }
      this.audit({ actor: `kiosk:${kiosk.id}`, action: 'outbox.duplicate', target: item.code, detail: null });
    } else {
      if (this.opts.afterOutboxInsert) await this.opts.afterOutboxInsert(item.id);
      this.audit({ actor: `kiosk:${kiosk.id}`, action: 'application.received', target: item.code, detail: `service=${item.serviceCode}${pages.length ? ` pages=${pages.length}` : ''}` });
    }
    this.out.toKioskNow(kiosk.id, { type: 'outbox.ack', id: item.id, duplicate: r === 'duplicate' });
    if (r === 'inserted') {
      this.agencies.bound(kiosk.ward, item.code);
      const view: ApplicationView = { id: item.id, code: item.code, ward: kiosk.ward, kioskId: kiosk.id, serviceCode: item.serviceCode, submittedAt: item.submittedAt, receivedAt: t, status: 'received', statusAt: t, note: null };
      this.out.toWardStaff(kiosk.ward, { type: 'fleet.application', application: view });
      this.bg(
        this.adapter.forward({ id: item.id, code: item.code, ward: kiosk.ward, kioskId: kiosk.id, serviceCode: item.serviceCode, submittedAt: item.submittedAt, answers: item.answers }).then((x) => {
          if (this.adapter.name !== 'inbox') this.audit({ actor: 'hub', action: 'application.forwarded', target: item.code, detail: `adapter=${this.adapter.name}${x.externalId ? ' external=yes' : ''}` });
        }),
        'forward',
      );
      const stored = { id: item.id, code: item.code, ward: kiosk.ward, kioskId: kiosk.id, serviceCode: item.serviceCode, submittedAt: item.submittedAt, receivedAt: t, answers: item.answers };
      this.bg(
        this.pages.list(item.id).then((list) => this.stored({ ...stored, pages: list })),
        'on_stored',
      );
    }
    return { ok: true };
  }

  private stored(app: StoredApplication): void {
    for (const l of this.listeners) {
      this.bg(
        (async () => {
          await l(app);
        })(),
        'on_stored',
      );
    }
  }

  /** One page's JPEG of a stored application (for the hand-off to the province; staff go through `page`). */
  async pageData(applicationId: string, pageId: string): Promise<Buffer | null> {
    return this.pages.data(applicationId, pageId);
  }

  /** A kiosk uploads one page before delivering its application (routes.ts checks size and type). */
  async putPage(kiosk: KioskRecord, applicationId: string, pageId: string, jpeg: Buffer, sha256: string): Promise<KioskAnswer> {
    const existing = await this.store.getApplication(applicationId);
    if (existing && existing.kioskId !== kiosk.id) {
      this.audit({ actor: `kiosk:${kiosk.id}`, action: 'page.refused', target: existing.code, detail: 'another_kiosks_application' });
      return { ok: false, code: 'forbidden', message: 'another kiosk’s application' };
    }
    // Already stored with its pages (a replay after a lost ack): nothing changes any more.
    if (existing) return { ok: true };
    const r = await this.pages.put(applicationId, pageId, kiosk.id, jpeg, sha256, this.now());
    if (r === 'other_kiosk') {
      this.audit({ actor: `kiosk:${kiosk.id}`, action: 'page.refused', target: null, detail: 'another_kiosks_application' });
      return { ok: false, code: 'forbidden', message: 'another kiosk’s application' };
    }
    return { ok: true };
  }

  /**
   * A kiosk's lookup (by the kiosk's code or the official number): status and time only. An
   * application another kiosk filed needs its tracking PIN (issue 17, finding 6): the PIN derives
   * from the filing kiosk's secret, so a kiosk — or a thief with its secret — reads only its own
   * without one. A PIN given is always checked.
   */
  async track(kiosk: KioskRecord, code: string, pin?: string): Promise<TrackResult> {
    let a = await this.store.applicationByCode(code);
    if (!a && this.trackExtension) {
      // the official dossier number the province assigned (issue 14)
      const id = await this.trackExtension.resolve(code);
      a = id ? ((await this.store.getApplication(id)) ?? null) : null;
    }
    if (!a || a.ward !== kiosk.ward) return { code, found: false, serviceCode: null, timeline: [] };
    const pinOk = pin !== undefined ? !!this.pinCheck && (await this.pinCheck(a.code, pin)) : a.kioskId === kiosk.id || !this.pinCheck;
    if (!pinOk) return { code, found: false, serviceCode: null, timeline: [] };
    const events = await this.store.applicationEvents(a.id);
    // Status and time only: a staff note is for staff (it may name the resident or quote a paper) and
    // never reaches a kiosk (issue 17, finding 6). The province's own timeline (below) is official.
    const timeline = [{ status: 'received' as const, at: a.receivedAt, note: null }, ...events.map((e) => ({ status: e.status, at: e.at, note: null }))];
    const result: TrackResult = { code, found: true, serviceCode: a.serviceCode, timeline: timeline.slice(0, 100) };
    if (this.trackExtension) result.province = { ...(await this.trackExtension.info(a.id)), kioskRef: a.code };
    return result;
  }

  // ------------------------------------------------------------------ staff

  async list(user: UserRecord, ward: string, status: string | null): Promise<FleetResult<ApplicationView[]>> {
    if (!canActOnWard(user, ward)) return no(403, 'forbidden', 'staff of that ward only');
    return ok(await this.store.listApplications(ward, status));
  }

  async detail(user: UserRecord, id: string) {
    const a = await this.store.getApplication(id);
    if (!a) return no(404, 'not_found', 'no such application');
    if (!canActOnWard(user, a.ward)) {
      this.audit({ actor: `user:${user.username}`, action: 'application.view.refused', target: a.code, detail: 'other_ward' });
      return no(403, 'forbidden', 'another ward’s application');
    }
    this.audit({ actor: `user:${user.username}`, action: 'application.view', target: a.code, detail: null });
    return ok({ application: a, events: await this.store.applicationEvents(id) });
  }

  async setStatus(user: UserRecord, id: string, status: ApplicationStatus, note: string | null): Promise<FleetResult<ApplicationView>> {
    const a = await this.store.getApplication(id);
    if (!a) return no(404, 'not_found', 'no such application');
    if (!canActOnWard(user, a.ward)) {
      this.audit({ actor: `user:${user.username}`, action: 'application.status.refused', target: a.code, detail: 'other_ward' });
      return no(403, 'forbidden', 'another ward’s application');
    }
    const t = this.now();
    await this.store.setApplicationStatus(id, status, note, t, user.username);
    this.audit({ actor: `user:${user.username}`, action: 'application.status', target: a.code, detail: `status=${status}` });
    const { answers: _a, ...rest } = a;
    const view: ApplicationView = { ...rest, status, statusAt: t, note };
    this.out.toWardStaff(a.ward, { type: 'fleet.application', application: view });
    return ok(view);
  }
}
