/**
 * The kiosk services: one object behind both carriers (Electron IPC and the
 * loopback WebSocket). Every call is validated against the contract here, at
 * the boundary, before any handler runs. Layer: node.
 *
 * This file is the wiring only (issue 19): the store, the config and catalogue, the session, the
 * fleet agent, and the capability slices in services/slices/ — session, forms/applications, ID
 * card, help, receipts, enrolment/staff exit, voice, fleet screenshots — each owning its handlers
 * and device adapters. A new method goes into its slice's handler table (or a new slice
 * registered below); the compiler refuses a contract method without a handler.
 */
import { mkdirSync, unwatchFile, watchFile } from 'node:fs';
import path from 'node:path';
import { issuesFrom, KioskError, kioskError, kioskMethods, type Envelope, type EndReason, type KioskEvent, type KioskInfo, type KioskMethod, type PayloadOf } from '../common/contract/kiosk-api.ts';
import type { KioskConfig } from '../kiosk-config/config.schema.ts';
import type { LoadedCatalogue } from './catalogue.ts';
import type { LoadedConfig } from './config-store.ts';
import type { ApplicationsAgent } from './applications/agent.ts';
import type { SessionPapers } from './applications/papers.ts';
import type { IdCardCamera } from './devices/idcard-camera.ts';
import type { IdCardReader } from './devices/idcard-reader.ts';
import type { ReceiptService } from './devices/receipt-printer.ts';
import { FleetAgent, type FleetHost, type FleetOptions } from './fleet/agent.ts';
import type { PairingTimings } from './fleet/pairing.ts';
import { testReceipt } from './fleet/print-test.ts';
import { loadEffectiveCatalogue, loadEffectiveConfig } from './fleet/published.ts';
import { acquireInstanceLock } from './instance-lock.ts';
import { createLogger, type Logger } from './log.ts';
import { NoSessionError, SessionManager } from './session.ts';
import { KioskStore } from './store.ts';
import type { CallContext, KioskServicesApi } from './types.ts';
import { EnrolmentSlice } from './slices/enrolment.ts';
import { FleetSlice } from './slices/fleet.ts';
import { FormsSlice } from './slices/forms.ts';
import { helpSlice } from './slices/help.ts';
import { IdCardSlice } from './slices/idcard.ts';
import { ReceiptsSlice } from './slices/receipts.ts';
import { sessionSlice } from './slices/session.ts';
import { findService, registerHandlers, type AllHandlers, type Handler, type KioskCore, type SliceLife } from './slices/slice.ts';
import { voiceSlice } from './slices/voice.ts';

export { vnDay } from './slices/forms.ts';

export interface KioskServicesOptions {
  /** Folder for the SQLite store. */
  dataDir: string;
  /** The kiosk config file; defaults to kiosk-config/default.json. */
  configPath?: string;
  /** The catalogue file; defaults to kiosk-config/catalogue/services.json. */
  cataloguePath?: string;
  carrier: 'electron' | 'browser';
  appVersion: string;
  /** Where session temp folders go (default: the OS temp dir). */
  tmpRoot?: string;
  logger?: Logger;
  now?: () => Date;
  /** Where the virtual printer saves the receipts it prints, as PNG (demo). */
  receiptsDir?: string;
  /** Re-read the config and catalogue files when staff edit them (applied between residents). */
  watchFiles?: boolean;
  /** A one-time enrolment code from ward staff, used when this kiosk has no hub secret yet. */
  hubEnrolmentCode?: string;
  /** Restart the app as its launcher expects (Electron: relaunch; browser host: exit with RESTART_EXIT_CODE). Without it the hub's restart command answers 'unsupported'. */
  restart?: () => void;
  /** Fleet agent timings (heartbeat every 15 s by default; docs/fleet.md). */
  fleet?: FleetOptions;
  /** Pairing back-offs (tests); the poll interval comes from the hub. */
  pairing?: PairingTimings;
}

export class KioskServices implements KioskServicesApi {
  readonly store: KioskStore;
  readonly sessions: SessionManager;
  private loaded: LoadedConfig;
  private catalogue: LoadedCatalogue;
  private pendingReload = false;
  private readonly listeners = new Set<(event: KioskEvent, payload: unknown) => void>();
  private readonly log: Logger;
  private readonly now: () => Date;
  private readonly handlers: AllHandlers;
  private readonly releaseLock: () => void;
  /** Issue 7: heartbeats, published config, commands, statistics (services/fleet/). */
  readonly fleet: FleetAgent;
  // The capability slices (services/slices/); those with a life of their own in `slices`, in the order a session's end reaches them.
  private readonly help: ReturnType<typeof helpSlice>;
  private readonly idcards: IdCardSlice;
  private readonly forms: FormsSlice;
  private readonly receiptsSlice: ReceiptsSlice;
  private readonly enrolmentSlice: EnrolmentSlice;
  private readonly fleetSlice: FleetSlice;
  private readonly slices: SliceLife[];

  constructor(private readonly opts: KioskServicesOptions) {
    this.now = opts.now ?? (() => new Date());
    this.log = opts.logger ?? createLogger('services');
    mkdirSync(opts.dataDir, { recursive: true });
    // A second kiosk on the same data folder is refused before it touches anything.
    this.releaseLock = acquireInstanceLock(opts.dataDir);
    this.store = new KioskStore(path.join(opts.dataDir, 'kiosk.sqlite'));
    this.fleet = new FleetAgent(this.fleetHost(), opts.fleet);
    this.loaded = loadEffectiveConfig(opts.configPath, this.store, this.fleet.fs, this.now);
    for (const p of this.loaded.problems) this.log.warn('config.problem', { problem: p, using: this.loaded.source });
    this.catalogue = loadEffectiveCatalogue(opts.cataloguePath, this.store, this.fleet.fs, this.loaded.config.services);
    this.reportCatalogueProblems();
    this.sessions = new SessionManager(
      () => this.config.timeouts,
      {
        warning: (secondsLeft, endsAt) => this.emit('session.warning', { secondsLeft, endsAt }),
        extended: (state) => this.emit('session.extended', state),
        ended: (reason, info) => {
          for (const s of this.slices) s.sessionEnded?.(info.id);
          this.store.increment(`sessions:${reason}`);
          this.log.info('session.ended', { reason, durationMs: info.durationMs, extensions: info.extensions });
          this.emit('session.ended', { reason });
          if (this.pendingReload) this.reload();
        },
      },
      () => this.config.languages.default,
      opts.tmpRoot,
    );
    const core = this.core();
    this.help = helpSlice(core);
    this.idcards = new IdCardSlice(core);
    this.receiptsSlice = new ReceiptsSlice(core, opts.receiptsDir ?? null);
    this.forms = new FormsSlice(core, this.receiptsSlice, { outboxRetryMs: opts.fleet?.outboxRetryMs, trackTimeoutMs: opts.fleet?.trackTimeoutMs });
    this.enrolmentSlice = new EnrolmentSlice(core, this.forms.applications, { hubEnrolmentCode: opts.hubEnrolmentCode, pairing: opts.pairing });
    this.fleetSlice = new FleetSlice(core);
    const session = sessionSlice(core, () => this.enrolmentSlice.enrolment());
    const voice = voiceSlice(core);
    this.slices = [this.help, this.idcards, this.forms, this.receiptsSlice, this.enrolmentSlice];
    this.handlers = registerHandlers(
      session.handlers,
      this.forms.handlers,
      this.idcards.handlers,
      this.help.handlers,
      this.receiptsSlice.handlers,
      this.enrolmentSlice.handlers,
      this.fleetSlice.handlers,
      voice.handlers,
    );
    if (opts.watchFiles) for (const f of this.watchedFiles()) watchFile(f, { interval: 2000 }, () => this.requestReload());
    const swept = this.sessions.sweepLeftovers();
    if (swept) this.log.warn('session.leftovers-removed', { count: swept });
  }

  get config(): KioskConfig {
    return this.loaded.config;
  }

  /** The serial ID card scanner (services/slices/idcard.ts). */
  get idcard(): IdCardReader {
    return this.idcards.reader;
  }

  /** Camera frames from the renderer's preview (when the config has `devices.camera`). */
  get idcardCamera(): IdCardCamera {
    return this.idcards.camera;
  }

  /** The printer and its queue (services/slices/receipts.ts). */
  get receipts(): ReceiptService {
    return this.receiptsSlice.printer;
  }

  /** Issue 14 part 4: the outbox's delivery and tracking (services/slices/forms.ts). */
  get applications(): ApplicationsAgent {
    return this.forms.applications;
  }

  /** Issue 13: the papers' pages, in the session only until submit. */
  get papers(): SessionPapers {
    return this.forms.papers;
  }

  /** What staff need to see: config and catalogue problems. */
  problems(): { config: string[]; configSource: string; catalogue: LoadedCatalogue['problems']; catalogueFile: string[] } {
    return { config: this.loaded.problems, configSource: this.loaded.source, catalogue: this.catalogue.problems, catalogueFile: this.catalogue.fileProblems };
  }

  async dispatch(method: string, params: unknown, ctx: CallContext): Promise<Envelope> {
    if (typeof method !== 'string' || !Object.hasOwn(kioskMethods, method)) {
      this.log.warn('call.unknown-method', { carrier: ctx.carrier });
      return { ok: false, error: kioskError('E_UNKNOWN_METHOD').toShape() };
    }
    const m = method as KioskMethod;
    const parsed = kioskMethods[m].params.safeParse(params ?? {});
    if (!parsed.success) {
      this.log.warn('call.invalid-params', { method: m, carrier: ctx.carrier });
      return { ok: false, error: kioskError('E_INVALID_PARAMS', issuesFrom(parsed.error)).toShape() };
    }
    try {
      const handler = this.handlers[m] as Handler<KioskMethod>;
      const result = await handler(parsed.data as never, ctx);
      this.fleet.observe(m, parsed.data);
      return { ok: true, result };
    } catch (e) {
      if (e instanceof KioskError) return { ok: false, error: e.toShape() };
      if (e instanceof NoSessionError) return { ok: false, error: kioskError('E_NO_SESSION').toShape() };
      // Only the method and the error's class: an error message could carry a resident's data.
      this.log.error('call.failed', { method: m, error: e instanceof Error ? e.name : typeof e });
      return { ok: false, error: kioskError('E_INTERNAL').toShape() };
    }
  }

  onEvent(listener: <E extends KioskEvent>(event: E, payload: PayloadOf<E>) => void): () => void {
    const l = listener as (event: KioskEvent, payload: unknown) => void;
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  async endSession(reason: EndReason): Promise<void> {
    if (reason === 'crash') this.fleet.noteCrash();
    this.sessions.end(reason);
  }

  /** Re-read config and catalogue now, or at the end of the current session. */
  requestReload(): void {
    if (this.sessions.active) this.pendingReload = true;
    else this.reload();
  }

  /** Connect to the hub when the config names one (enrolling first with a one-time code if needed). Never fatal. */
  startHub(): Promise<void> {
    return this.enrolmentSlice.startHub();
  }

  /** Start the devices (scanner; printer with its issue). A device that fails to start is reported, never fatal. */
  async startDevices(): Promise<void> {
    for (const s of this.slices) await s.start?.();
  }

  private watchedFiles(): string[] {
    return [this.opts.configPath, this.opts.cataloguePath].filter((f): f is string => typeof f === 'string');
  }

  async close(): Promise<void> {
    if (this.opts.watchFiles) for (const f of this.watchedFiles()) unwatchFile(f);
    // End the resident's session while every device is still there: its wipe expires their receipts too.
    this.sessions.dispose();
    await this.enrolmentSlice.close();
    await this.fleet.close();
    await this.forms.close();
    await this.enrolmentSlice.stopHub();
    await this.idcards.close();
    await this.receiptsSlice.close();
    this.sessions.dispose();
    this.listeners.clear();
    this.store.close();
    this.releaseLock();
  }

  info(): KioskInfo {
    const c = this.config;
    return {
      appVersion: this.opts.appVersion,
      configVersion: c.version,
      kioskId: c.kiosk.id,
      ward: { name: c.ward.name, address: c.ward.address, hotline: c.ward.hotline, counterHours: c.ward.counterHours },
      languages: c.languages,
      accessibility: c.accessibility,
      carrier: this.opts.carrier,
      staffExit: { corner: c.staff.exitCorner, taps: c.staff.exitTaps },
      maintenance: this.fleet.maintenance() ?? c.maintenance,
      enrolment: this.enrolmentSlice.enrolment(),
    };
  }

  /** What every slice may use (services/slices/slice.ts). */
  private core(): KioskCore {
    return {
      store: this.store,
      sessions: this.sessions,
      log: this.log,
      fleet: this.fleet,
      now: () => this.now(),
      config: () => this.config,
      catalogue: () => this.catalogue,
      service: (code) => findService(this.catalogue, code),
      hub: () => this.enrolmentSlice.hub,
      info: () => this.info(),
      emit: (event, payload) => this.emit(event, payload),
    };
  }

  /** What the fleet agent needs from the services (services/fleet/agent.ts). */
  private fleetHost(): FleetHost {
    return {
      appVersion: this.opts.appVersion,
      dataDir: this.opts.dataDir,
      store: this.store,
      log: this.log,
      now: () => this.now(),
      sessionActive: () => this.sessions.active,
      config: () => this.config,
      configProblems: () => this.loaded.problems,
      requestReload: () => this.requestReload(),
      serviceName: (code) => this.catalogue.services.find((s) => s.code === code)?.name ?? null,
      printer: () => this.receipts.health(),
      scanner: () => this.idcard.status,
      printTest: (label) => (this.receipts.print(testReceipt(this.config, label, this.now())).state === 'none' ? 'none' : 'queued'),
      clearPrintQueue: () => this.receipts.clear(),
      infoChanged: () => this.emit('kiosk.changed', this.info()),
      onEvent: (listener) => this.onEvent(listener as Parameters<KioskServices['onEvent']>[0]),
      restart: this.opts.restart ?? null,
      screenshot: () => this.fleetSlice.screenshot(),
    };
  }

  private reload(): void {
    this.pendingReload = false;
    this.loaded = loadEffectiveConfig(this.opts.configPath, this.store, this.fleet.fs, this.now);
    for (const p of this.loaded.problems) this.log.warn('config.problem', { problem: p, using: this.loaded.source });
    this.catalogue = loadEffectiveCatalogue(this.opts.cataloguePath, this.store, this.fleet.fs, this.loaded.config.services);
    this.reportCatalogueProblems();
    this.emit('kiosk.changed', this.info());
  }

  private reportCatalogueProblems(): void {
    for (const p of this.catalogue.fileProblems) this.log.warn('catalogue.file-problem', { problem: p, using: this.catalogue.source });
    for (const p of this.catalogue.problems) this.log.warn('catalogue.entry-skipped', { index: p.index, code: p.code, problems: p.problems.join('; ') });
  }

  private emit<E extends KioskEvent>(event: E, payload: PayloadOf<E>): void {
    for (const l of this.listeners) {
      try {
        l(event, payload);
      } catch (e) {
        this.log.error('event.listener-failed', { event, error: e instanceof Error ? e.name : typeof e });
      }
    }
  }
}

export async function createKioskServices(opts: KioskServicesOptions): Promise<KioskServices> {
  const services = new KioskServices(opts);
  await services.startDevices();
  await services.startHub();
  return services;
}
