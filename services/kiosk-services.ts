/**
 * The kiosk services: one object behind both carriers (Electron IPC and the
 * loopback WebSocket). Every call is validated against the contract here, at
 * the boundary, before any handler runs. Layer: node.
 */
import { createHash, randomUUID } from 'node:crypto';
import { trackingPin } from '../common/tracking-pin.ts';
import { mkdirSync, unwatchFile, watchFile } from 'node:fs';
import path from 'node:path';
import {
  issuesFrom,
  KioskError,
  kioskError,
  kioskMethods,
  type Envelope,
  type EndReason,
  type IdCardReading,
  type KioskEvent,
  type KioskInfo,
  type KioskMethod,
  type PayloadOf,
  type ResultOf,
} from '../common/contract/kiosk-api.ts';
import { REQUESTER, type Question, type Service } from '../kiosk-config/catalogue.schema.ts';
import type { KioskConfig } from '../kiosk-config/config.schema.ts';
import { pruneAnswers, validateForm } from '../common/forms/engine.ts';
import { decidingAgency } from '../common/forms/agency.ts';
import { answerText, type Answers } from '../common/contract/answers.ts';
import type { LoadedCatalogue } from './catalogue.ts';
import type { LoadedConfig } from './config-store.ts';
import { FleetAgent, type FleetHost, type FleetOptions } from './fleet/agent.ts';
import { ApplicationsAgent } from './applications/agent.ts';
import { SessionPapers } from './applications/papers.ts';
import { enrol, forgetSecret, kioskName, saveSecret, storedSecret } from './fleet/enrol.ts';
import { KioskPairing, type PairingTimings } from './fleet/pairing.ts';
import { testReceipt } from './fleet/print-test.ts';
import { loadEffectiveCatalogue, loadEffectiveConfig } from './fleet/published.ts';
import { createLogger, type Logger } from './log.ts';
import QRCode from 'qrcode';
import { CAMERA_CANDIDATES_KEY, IdCardCamera } from './devices/idcard-camera.ts';
import { CONSENT_KEY, IdCardReader, READING_KEY } from './devices/idcard-reader.ts';
import { ReceiptService } from './devices/receipt-printer.ts';
import { enrolWithHub, HubClient, type HubState } from './hub/hub-client.ts';
import { acquireInstanceLock } from './instance-lock.ts';
import { NoSessionError, SessionManager } from './session.ts';
import { StaffGate } from './staff.ts';
import { synthesize } from './voice.ts';
import { paymentView } from './payments/payment.ts';
import { computeFee } from '../common/payments/fees.ts';
import { deliveryAnswers, deliveryText } from '../common/payments/delivery.ts';
import { KioskStore } from './store.ts';
import { ScreenshotCollector } from './fleet/screenshot.ts';
import type { CallContext, KioskServicesApi } from './types.ts';
import { HAND_OFF_NOTE } from '../common/province/receipt-words.ts';

/** How long a submission waits for the hub and the province before the receipt prints (issue 14). */
const PROVINCE_WAIT_MS = 2500;

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

type Handler<M extends KioskMethod> = (params: ResultOfParams<M>, ctx: CallContext) => ResultOf<M> | Promise<ResultOf<M>>;
type ResultOfParams<M extends KioskMethod> = import('zod').output<(typeof kioskMethods)[M]['params']>;

/** Time zone of every date the kiosk prints or codes. */
const VN_OFFSET_MS = 7 * 3600 * 1000;

export function vnDay(d: Date): string {
  const v = new Date(d.getTime() + VN_OFFSET_MS);
  return `${String(v.getUTCFullYear()).slice(2)}${String(v.getUTCMonth() + 1).padStart(2, '0')}${String(v.getUTCDate()).padStart(2, '0')}`;
}

export class KioskServices implements KioskServicesApi {
  readonly store: KioskStore;
  readonly sessions: SessionManager;
  private loaded: LoadedConfig;
  private catalogue: LoadedCatalogue;
  private pendingReload = false;
  private readonly listeners = new Set<(event: KioskEvent, payload: unknown) => void>();
  private readonly staff: StaffGate;
  private readonly log: Logger;
  /** Screenshots staff ask for, collected from the renderer. */
  private readonly screenshots = new ScreenshotCollector();
  private readonly now: () => Date;
  private readonly handlers: { [M in KioskMethod]: Handler<M> };
  private readonly releaseLock: () => void;
  readonly idcard: IdCardReader;
  /** Camera frames from the renderer's preview (when the config has `devices.camera`). */
  readonly idcardCamera: IdCardCamera;
  readonly receipts: ReceiptService;
  private hub: HubClient | null = null;
  /** While enrolment is needed: the code on the enrolment screen, from the hub (services/fleet/pairing.ts). */
  private pairing: KioskPairing | null = null;
  /** Issue 7: heartbeats, published config, commands, outbox delivery, track, statistics (services/fleet/). */
  readonly fleet: FleetAgent;
  /** Issue 14 part 4: the outbox's delivery and tracking (services/applications/). */
  readonly applications: ApplicationsAgent;
  /** Issue 13: the papers' pages, in the session only until submit (services/applications/papers.ts). */
  readonly papers: SessionPapers;
  /** The session whose papers step has the camera (null: closed). */
  private paperCameraFor: string | null = null;

  constructor(private readonly opts: KioskServicesOptions) {
    this.now = opts.now ?? (() => new Date());
    this.log = opts.logger ?? createLogger('services');
    mkdirSync(opts.dataDir, { recursive: true });
    // A second kiosk on the same data folder is refused before it touches anything.
    this.releaseLock = acquireInstanceLock(opts.dataDir);
    this.store = new KioskStore(path.join(opts.dataDir, 'kiosk.sqlite'));
    this.fleet = new FleetAgent(this.fleetHost(), opts.fleet);
    this.applications = new ApplicationsAgent(
      { store: this.store, log: this.log, now: () => this.now(), serviceName: (code) => this.catalogue.services.find((s) => s.code === code)?.name ?? null },
      { outboxRetryMs: opts.fleet?.outboxRetryMs, trackTimeoutMs: opts.fleet?.trackTimeoutMs },
    );
    this.loaded = loadEffectiveConfig(opts.configPath, this.store, this.fleet.fs, this.now);
    for (const p of this.loaded.problems) this.log.warn('config.problem', { problem: p, using: this.loaded.source });
    this.catalogue = loadEffectiveCatalogue(opts.cataloguePath, this.store, this.fleet.fs, this.loaded.config.services);
    this.reportCatalogueProblems();
    // The PIN pad's lock-out survives a restart (issue 17, finding 15): kept in the store's meta table.
    this.staff = new StaffGate(() => this.config.staff.pinHash, {
      load: () => {
        const row = this.store.db.prepare("SELECT value FROM meta WHERE key = 'staff_lockout'").get() as { value: string } | undefined;
        try {
          return row ? (JSON.parse(row.value) as unknown) : null;
        } catch {
          return null;
        }
      },
      save: (state) => {
        this.store.db.prepare("INSERT INTO meta(key, value) VALUES ('staff_lockout', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(JSON.stringify(state));
      },
    });
    this.sessions = new SessionManager(
      () => this.config.timeouts,
      {
        warning: (secondsLeft, endsAt) => this.emit('session.warning', { secondsLeft, endsAt }),
        extended: (state) => this.emit('session.extended', state),
        ended: (reason, info) => {
          this.closeHelp();
          this.idcardCamera.sessionEnded();
          this.closePaperCamera();
          // Their receipt not printed yet (printer out of paper): deleted, never printed for the next resident.
          this.receipts.expire(info.id);
          this.store.increment(`sessions:${reason}`);
          this.log.info('session.ended', { reason, durationMs: info.durationMs, extensions: info.extensions });
          this.emit('session.ended', { reason });
          if (this.pendingReload) this.reload();
        },
      },
      () => this.config.languages.default,
      opts.tmpRoot,
    );
    this.papers = new SessionPapers(this.sessions, this.log, () => this.config.devices.camera);
    this.idcard = new IdCardReader(
      this.config.devices.scanner,
      this.sessions,
      {
        read: (reading) => this.emit('idcard.read', reading),
        error: (e) => this.emit('idcard.error', e),
        status: () => this.fleet.deviceChanged(),
      },
      this.log,
    );
    this.idcardCamera = new IdCardCamera(
      () => this.config.devices.camera,
      this.sessions,
      {
        read: (reading) => this.emit('idcard.read', reading),
        error: (e) => this.emit('idcard.error', e),
        camera: (open) => this.emit('idcard.camera', { open }),
      },
      this.log,
    );
    this.receipts = new ReceiptService(
      this.config.devices.printer,
      this.store.db,
      (e) => {
        if (e.state === 'printed') this.store.increment('receipts:printed');
        this.emit('receipt.status', e);
      },
      () => this.fleet.deviceChanged(),
      this.log,
      opts.receiptsDir ?? null,
      () => this.store.scrub(),
    );
    if (opts.watchFiles) for (const f of this.watchedFiles()) watchFile(f, { interval: 2000 }, () => this.requestReload());
    const swept = this.sessions.sweepLeftovers();
    if (swept) this.log.warn('session.leftovers-removed', { count: swept });
    this.handlers = this.makeHandlers();
  }

  get config(): KioskConfig {
    return this.loaded.config;
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
  async startHub(): Promise<void> {
    const url = this.config.hub.url;
    if (!url || this.hub) return;
    const key = `hub_secret:${url}`;
    const row = this.store.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    let secret = row?.value ?? null;
    if (!secret && this.opts.hubEnrolmentCode) {
      try {
        secret = await enrolWithHub(url, this.opts.hubEnrolmentCode, this.config.kiosk.id, kioskName(this.config.kiosk.number, this.config.ward.name.vi));
        this.store.db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, secret);
        this.log.info('hub.enrolled', { kioskId: this.config.kiosk.id });
      } catch (e) {
        this.log.error('hub.enrol-failed', { error: e instanceof Error ? e.message : String(e) });
      }
    }
    if (!secret) {
      this.log.warn('hub.not-enrolled', { kioskId: this.config.kiosk.id });
      this.startPairing(url);
      return;
    }
    this.pairing?.stop();
    this.hub = new HubClient({
      url,
      kioskId: this.config.kiosk.id,
      secret,
      log: this.log,
      onState: (state: HubState) => {
        this.emit('help.connection', { hub: state });
        this.fleet.onHubState(state);
        this.applications.onHubState(state);
      },
      onRetired: () => {
        this.retired(url).catch((e: unknown) => this.log.error('hub.retire-failed', { error: e instanceof Error ? e.name : typeof e }));
      },
      onMessage: (msg) => {
        if (msg.type === 'welcome' || msg.type === 'pong' || msg.type === 'error') return;
        if (this.applications.onHubMessage(msg)) return; // outbox acks, track
        if (this.fleet.onHubMessage(msg)) return; // heartbeat acks, config, commands, stats
        // The help channel belongs to the resident who asked: nothing of it reaches a screen without a session.
        if (this.sessions.active) this.emit('help.event', msg);
      },
    });
    this.fleet.attach(this.hub, { url, kioskId: this.config.kiosk.id, secret });
    this.applications.attach(this.hub, { url, kioskId: this.config.kiosk.id, secret });
    this.hub.start();
  }

  /**
   * Ward staff retired this kiosk at the hub: its device secret is dead. Forget it, stop the hub
   * link and show the enrolment screen (with a new pairing code) once no resident is using the
   * kiosk. Applications still in the outbox stay and are delivered after the kiosk is enrolled again.
   */
  private async retired(url: string): Promise<void> {
    forgetSecret(this.store, url);
    this.fleet.detach();
    this.applications.detach();
    const hub = this.hub;
    this.hub = null;
    await hub?.stop();
    this.emit('help.connection', { hub: 'connecting' });
    this.startPairing(url);
    this.emit('kiosk.changed', this.info());
  }

  /** Ask the hub for a pairing code to show on the enrolment screen, until staff approve it (docs/fleet.md "Enrolment"). */
  private startPairing(url: string): void {
    if (this.pairing?.running) return;
    this.pairing = new KioskPairing(
      {
        url,
        kioskId: this.config.kiosk.id,
        name: kioskName(this.config.kiosk.number, this.config.ward.name.vi),
        log: this.log,
        changed: (state) => this.emit('enrolment.pairing', state),
        paired: async (secret) => {
          if (this.hub || storedSecret(this.store, url)) return; // enrolled meanwhile with a typed code
          saveSecret(this.store, url, secret);
          await this.startHub();
          this.emit('kiosk.changed', this.info());
        },
      },
      this.opts.pairing,
    );
    this.pairing.start();
  }

  /** Start the devices (scanner; printer with its issue). A device that fails to start is reported, never fatal. */
  async startDevices(): Promise<void> {
    try {
      await this.idcard.start();
    } catch (e) {
      this.log.error('scanner.start-failed', { error: e instanceof Error ? e.message : String(e) });
    }
    // The camera's readers (OCR workers, QR wasm) warm up in the background: the first resident does not wait.
    this.idcardCamera.warm();
    try {
      await this.receipts.start();
    } catch (e) {
      this.log.error('printer.start-failed', { error: e instanceof Error ? e.message : String(e) });
    }
  }

  private closePaperCamera(): void {
    if (this.paperCameraFor === null) return;
    this.paperCameraFor = null;
    this.emit('papers.camera', { open: false });
  }

  /** The resident left: hang up and withdraw their help request. */
  private closeHelp(): void {
    const r = this.hub?.request;
    if (!this.hub || !r) return;
    if (r.call) this.hub.send({ type: 'call.end', callId: r.call.callId });
    else if (r.state === 'waiting' || r.state === 'ringing' || r.state === 'unanswered') this.hub.send({ type: 'help.cancel', requestId: r.requestId });
  }

  private watchedFiles(): string[] {
    return [this.opts.configPath, this.opts.cataloguePath].filter((f): f is string => typeof f === 'string');
  }

  async close(): Promise<void> {
    if (this.opts.watchFiles) for (const f of this.watchedFiles()) unwatchFile(f);
    // End the resident's session while every device is still there: its wipe expires their receipts too.
    this.sessions.dispose();
    this.pairing?.stop();
    await this.fleet.close();
    this.applications.close();
    await this.hub?.stop();
    await this.idcard.stop();
    await this.idcardCamera.stop();
    await this.receipts.stop();
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
      enrolment: this.enrolment(),
    };
  }

  /** A kiosk whose config names a hub and that has no device secret yet shows the enrolment screen. */
  private enrolment(): 'no-hub' | 'needed' | 'enrolled' {
    const url = this.config.hub.url;
    if (!url) return 'no-hub';
    return this.hub || storedSecret(this.store, url) ? 'enrolled' : 'needed';
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
      screenshot: () => this.screenshots.request((requestId) => this.emit('fleet.screenshot', { requestId })),
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

  private service(code: string): Service {
    const s = this.catalogue.services.find((x) => x.code === code);
    if (!s) throw kioskError('E_NOT_FOUND');
    return s;
  }

  private makeHandlers(): { [M in KioskMethod]: Handler<M> } {
    return {
      'kiosk.info': () => this.info(),
      'catalogue.list': () => ({
        version: this.catalogue.version,
        categories: this.catalogue.categories,
        services: this.catalogue.services,
        problems: this.catalogue.problems,
      }),
      'session.start': ({ lang }) => {
        if (this.info().maintenance.active || this.enrolment() === 'needed') throw kioskError('E_UNAVAILABLE');
        if (!this.config.languages.enabled.includes(lang)) throw kioskError('E_INVALID_PARAMS');
        const state = this.sessions.start(lang);
        this.store.increment('sessions:started');
        return state;
      },
      'session.state': () => this.sessions.state(),
      'session.setLanguage': ({ lang }) => {
        if (!this.config.languages.enabled.includes(lang)) throw kioskError('E_INVALID_PARAMS');
        return this.sessions.setLanguage(lang);
      },
      'session.activity': () => this.sessions.activity(),
      'session.extend': () => this.sessions.extend(),
      'session.end': ({ reason }) => ({ ended: this.sessions.end(reason) }),
      'form.saveAnswer': ({ serviceCode, questionId, value }) => {
        const s = this.service(serviceCode);
        const item = s.questions.find((q) => q.id === questionId);
        if (!item) throw kioskError('E_NOT_FOUND');
        // A group is saved whole (its instances); any other question takes a string or an address.
        if ((item.type === 'group') !== Array.isArray(value)) throw kioskError('E_INVALID_PARAMS', [{ path: 'value', message: 'Câu trả lời không đúng dạng.', messageEn: 'The answer is not in the right form.' }]);
        this.sessions.saveAnswer(serviceCode, questionId, value);
        return { saved: true as const };
      },
      'form.draft': ({ serviceCode }) => {
        this.service(serviceCode);
        return { answers: this.sessions.draft(serviceCode) };
      },
      'application.submit': async ({ serviceCode, answers, delivery }) => {
        if (!this.sessions.active) throw new NoSessionError();
        const s = this.service(serviceCode);
        if (s.questions.length === 0) throw kioskError('E_FORBIDDEN');
        const problems = validateForm(s, answers);
        if (problems.length) {
          throw kioskError(
            'E_INVALID_ANSWERS',
            problems.map((p) => ({ path: p.questionId, message: p.message.vi, messageEn: p.message.en })),
          );
        }
        // The papers' pages (E_PAPERS_MISSING when a required one has none) go into the outbox with the answers.
        const pages = this.papers.forSubmit(s);
        const now = this.now();
        const c = this.config;
        const item = this.store.enqueueApplication({
          pages,
          id: randomUUID(),
          day: vnDay(now),
          serviceCode,
          now: now.toISOString(),
          // the delivery choice travels as two answers the province hand-off reads (delivery, postalAddress)
          payload: { serviceCode, answers: { ...pruneAnswers(s, answers), ...deliveryAnswers(delivery) }, kioskId: c.kiosk.id, submittedAt: now.toISOString(), ...(pages.length ? { paperNames: this.papers.names(s) } : {}) },
          makeCode: (seq) => {
            if (seq > 999) throw kioskError('E_UNAVAILABLE');
            return `${c.ward.agencyCode}-${vnDay(now)}-${String(c.kiosk.number * 1000 + seq).padStart(4, '0')}`;
          },
        });
        this.log.info('application.queued', { serviceCode, pages: pages.length });
        this.applications.submitted();
        const fee = s.feeRule ? computeFee(s.feeRule, answers, now) : null;
        const payment = fee?.state === 'due' && fee.amountVnd ? await paymentView(fee.amountVnd, item.code, c.ward.payee, null, false) : null;
        const steps = nextSteps(s, c);
        // The receipt's QR opens the hub's tracking page with the application's PIN (issue 17): the
        // PIN is derived from this kiosk's device secret, so nobody can walk other residents' codes.
        const hubSecret = c.hub.url ? storedSecret(this.store, c.hub.url) : null;
        const pin = hubSecret ? await trackingPin(createHash('sha256').update(hubSecret).digest('hex'), item.code) : null;
        const trackingText = c.hub.url ? `${c.hub.url.replace(/\/$/, '')}/track/${item.code}${pin ? `?pin=${pin}` : ''}` : item.code;
        // The best code there is when the receipt prints (issue 14): the province's number if already
        // assigned, else the kiosk's code with the words that the official number follows (or that the
        // application is kept while the province cannot be reached).
        const handOff = c.hub.url ? await this.applications.handOffState(item.code, PROVINCE_WAIT_MS) : { state: 'inbox' as const, officialNumber: null };
        const receipt = this.receipts.print({
          ward: { name: c.ward.name.vi, address: c.ward.address.vi, hotline: c.ward.hotline },
          serviceName: s.name.vi,
          applicantName: applicantName(s, answers),
          applicationCode: item.code,
          officialNumber: handOff.officialNumber,
          codeNote: HAND_OFF_NOTE[handOff.state]?.vi ?? null,
          trackingQr: trackingText,
          submittedAt: now,
          documentsToBring: s.documents.filter((d) => d.required && !FORM_FILLED_HERE.test(d.text.vi)).map((d) => d.text.vi),
          agency: decidingAgency(s.agency, c.ward.name).vi,
          fee: fee ? (fee.state === 'free' || fee.state === 'due' ? (fee.amountVnd ?? 0) : fee.explanation.vi) : (s.fee.online.amountVnd ?? s.fee.online.note?.vi ?? 'Theo quy định'),
          expectedResultDate: s.legalTime.vi,
          nextSteps: steps.map((x) => x.vi),
          delivery: deliveryText(delivery).vi,
          payment: payment ? { amountVnd: payment.amountVnd, qrPayload: payment.payload, payeeName: payment.payee?.accountName ?? null, purpose: payment.purpose } : null,
        }, this.sessions.state().id);
        const svg = await QRCode.toString(trackingText, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
        return {
          code: item.code,
          submittedAt: item.createdAt,
          serviceCode,
          expectedResult: s.legalTime,
          nextSteps: steps,
          receipt,
          trackingQr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
          handOff: handOff.state,
          officialNumber: handOff.officialNumber,
          ...(fee ? { fee: { state: fee.state, amountVnd: fee.amountVnd, counterVnd: fee.counterVnd, explanation: fee.explanation, law: fee.basis.law } } : {}),
          payment,
          delivery: deliveryText(delivery),
        };
      },
      // The hub's answer when it is reachable, else the kiosk's own record (services/applications/agent.ts).
      'application.track': ({ code }) => this.applications.track(code),
      'receipt.state': ({ code }) => this.receipts.stateOf(code),
      'help.request': async ({ screen }) => {
        this.store.increment('help:requested');
        const hub = this.hub;
        if (hub && hub.connection === 'connected' && this.sessions.active) {
          const answer = hub.waitFor((m): m is Extract<typeof m, { type: 'help.queued' }> => m.type === 'help.queued', 3000);
          hub.send({ type: 'help.request', lang: this.sessions.state().lang, screen: screen.replace(/[^A-Za-z0-9._:/-]/g, '-').slice(0, 64) || 'unknown' });
          const queued = await answer;
          if (queued) return { requestId: queued.request.requestId, status: 'ringing' as const, request: queued.request };
        }
        const id = randomUUID();
        this.store.addHelpRequest(id, screen, this.now().toISOString());
        return { requestId: id, status: 'recorded' as const, request: null };
      },
      'help.send': ({ message }) => {
        if (!this.sessions.active) throw new NoSessionError();
        if (!this.hub) throw kioskError('E_UNAVAILABLE');
        return { sent: this.hub.send(message) };
      },
      'fleet.screenshotPart': ({ requestId, events, last }) => ({ accepted: this.screenshots.part(requestId, events, last) }),
      'help.iceServers': async () => {
        if (!this.sessions.active) throw new NoSessionError();
        if (!this.hub) return { iceServers: [] };
        try {
          return { iceServers: await this.hub.iceServers() };
        } catch (e) {
          // Without TURN the call still works on the same network.
          this.log.warn('help.turn_unavailable', { error: e instanceof Error ? e.message : 'error' });
          return { iceServers: [] };
        }
      },
      'help.state': () => ({ hub: this.hub ? this.hub.connection : ('none' as const), request: this.sessions.active ? (this.hub?.request ?? null) : null }),
      // the fleet agent takes the name from the call (observe): nothing else to do
      'ui.screen': () => ({ ok: true as const }),
      'feedback.submit': ({ rating, serviceCode }) => {
        if (!this.sessions.active) throw new NoSessionError();
        this.store.addFeedback(rating, serviceCode, this.now().toISOString());
        return { saved: true as const };
      },
      'idcard.consent': ({ allow }) => {
        this.sessions.put(CONSENT_KEY, allow);
        if (!allow) {
          this.sessions.remove(READING_KEY);
          this.idcardCamera.close();
        }
        return { listening: allow, scanner: this.idcard.status, camera: this.idcardCamera.available };
      },
      'idcard.reading': () => {
        if (!this.sessions.active) throw new NoSessionError();
        return { reading: this.sessions.get<IdCardReading>(READING_KEY) ?? null };
      },
      'idcard.clear': () => {
        this.sessions.remove(READING_KEY);
        this.sessions.remove(CAMERA_CANDIDATES_KEY);
        return { cleared: true as const };
      },
      'idcard.camera': ({ open }) => this.idcardCamera.setOpen(open),
      'idcard.frame': ({ jpeg, mode }) => this.idcardCamera.frame(jpeg, mode),
      'voice.speak': async ({ text, lang }) => {
        if (!this.config.accessibility.voiceGuidance) throw kioskError('E_UNAVAILABLE');
        const wav = await synthesize(text, lang);
        return { mime: 'audio/wav' as const, base64: wav.toString('base64') };
      },
      'staff.unlock': ({ pin }) => {
        const r = this.staff.unlock(pin);
        this.log.info('staff.unlock', { ok: r.unlocked });
        if (r.retryAfterSeconds > 0 && !r.unlocked) this.log.warn('staff.locked-out', { seconds: r.retryAfterSeconds });
        return r;
      },
      'staff.exit': () => {
        if (!this.staff.isUnlocked()) throw kioskError('E_FORBIDDEN');
        this.staff.lock();
        this.sessions.end('cancelled');
        this.log.info('staff.exit', {});
        this.emit('staff.exit', {});
        return { exiting: true };
      },
      'staff.enrol': async ({ code }) => {
        if (!this.staff.isUnlocked()) throw kioskError('E_FORBIDDEN');
        const url = this.config.hub.url;
        if (!url) return { enrolled: false, reason: 'no-hub' as const };
        if (this.enrolment() === 'enrolled') return { enrolled: true, reason: null };
        const r = await enrol(url, code, this.config.kiosk.id, kioskName(this.config.kiosk.number, this.config.ward.name.vi));
        this.log.info('hub.enrol', { ok: r.ok, reason: r.ok ? null : r.reason });
        if (!r.ok) return { enrolled: false, reason: r.reason };
        saveSecret(this.store, url, r.secret);
        this.pairing?.stop();
        await this.startHub();
        this.emit('kiosk.changed', this.info());
        return { enrolled: true, reason: null };
      },
      'papers.list': ({ serviceCode }) => this.papers.list(this.service(serviceCode)),
      'papers.add': (params) => this.papers.add(this.service(params.serviceCode), params),
      'papers.remove': ({ pageId }) => this.papers.remove(pageId),
      'papers.preview': ({ pageId, size }) => this.papers.preview(pageId, size),
      'papers.camera': ({ open }) => {
        if (!open) {
          this.closePaperCamera();
          return { open: false };
        }
        if (!this.sessions.active) throw new NoSessionError();
        if (!this.config.devices.camera) throw kioskError('E_UNAVAILABLE');
        if (this.paperCameraFor !== this.sessions.state().id) {
          this.paperCameraFor = this.sessions.state().id;
          this.emit('papers.camera', { open: true });
        }
        return { open: true };
      },
      'enrolment.pairing': () =>
        this.enrolment() === 'needed' && this.pairing
          ? this.pairing.view
          : { state: 'off' as const, code: null, expiresAt: null, kioskId: this.config.kiosk.id, name: kioskName(this.config.kiosk.number, this.config.ward.name.vi) },
    };
  }
}

/** The applicant's name as the form asked it (the question filled from the ID card's name). */
function applicantName(s: Service, answers: Answers): string {
  const top = s.questions.filter((x): x is Question => x.type !== 'group');
  const q = top.find((x) => x.autofill === 'fullName' || (typeof x.autofill === 'object' && x.autofill.person === REQUESTER && x.autofill.field === 'fullName')) ?? top.find((x) => x.type === 'text');
  return (q && answerText(answers[q.id]).trim()) || '—';
}

/** The catalogue's line for the declaration the kiosk fills ("— máy này sẽ giúp ông/bà điền"). */
const FORM_FILLED_HERE = /máy này sẽ giúp/u;

function nextSteps(s: Service, c: KioskConfig): { vi: string; en: string }[] {
  const bare = (t: string) => t.trim().replace(/[.;]+$/, '');
  const agency = decidingAgency(s.agency, c.ward.name);
  const steps = [
    { vi: 'Xin giữ mã hồ sơ này để tra cứu tình trạng hồ sơ tại kiosk.', en: 'Keep this application code to track the application at the kiosk.' },
    { vi: `Hồ sơ do ${agency.vi} xem xét và giải quyết. Thời hạn giải quyết: ${bare(s.legalTime.vi)}.`, en: `The application is decided by ${agency.en}. Processing time: ${bare(s.legalTime.en)}.` },
  ];
  // The declaration itself was filled at the kiosk: never asked for again.
  const required = s.documents.filter((d) => d.required && !FORM_FILLED_HERE.test(d.text.vi));
  const papers = s.papers.filter((p) => p.required);
  if (papers.length) {
    steps.push({
      vi: `Khi nhận kết quả, xin mang theo thẻ căn cước và bản chính các giấy tờ đã chụp (${papers.map((p) => bare(p.name.vi)).join('; ')}) để cán bộ đối chiếu.`,
      en: `When you collect the result, please bring your ID card and the originals of the papers you photographed (${papers.map((p) => bare(p.name.en)).join('; ')}) for staff to compare.`,
    });
  } else if (required.length) {
    steps.push({
      vi: `Khi nhận kết quả, xin mang theo: ${required.map((d) => bare(d.text.vi)).join('; ')}.`,
      en: `When you collect the result, please bring: ${required.map((d) => bare(d.text.en)).join('; ')}.`,
    });
  }
  steps.push({ vi: `Cần giúp đỡ, xin gọi ${c.ward.hotline} (${c.ward.counterHours.vi}).`, en: `For help, call ${c.ward.hotline} (${c.ward.counterHours.en}).` });
  return steps;
}

export async function createKioskServices(opts: KioskServicesOptions): Promise<KioskServices> {
  const services = new KioskServices(opts);
  await services.startDevices();
  await services.startHub();
  return services;
}
