/**
 * Kiosk ↔ hub: the enrolment HTTP call and the kiosk's WebSocket (HUB_KIOSK_WS_PATH).
 *
 * Layer: common — zod only. Sequencing and limits: see hub-common.ts.
 * The kiosk authenticates with the first message (`hello` with its id and the
 * device secret it got at enrolment). Nothing here carries personal data:
 * the help request names a language and a screen; the phone number of a
 * call-back request is the one exception, kept by the hub only until done.
 * Fleet (issue 7, docs/fleet.md): heartbeats, commands, config versions, the
 * outbox, track and stats — the outbox item's `answers` are the application
 * itself, kept in the ward's inbox only.
 */
import { z } from 'zod';
import { ProvinceTrack } from '../province/track.ts';
import { Answers } from './answers.ts';
import {
  CallEnded,
  CallId,
  ChatDelivered,
  ChatText,
  CssSelector,
  DisplayName,
  Epoch,
  Fraction,
  HubError,
  HubLang,
  KioskId,
  PeerStatus,
  Phone,
  Ping,
  Pong,
  RequestId,
  RequestState,
  RrwebEvent,
  RtcAnswer,
  RtcIce,
  RtcOffer,
  RtcRestart,
  ScreenName,
  Seq,
  WardId,
  Welcome,
} from './hub-common.ts';

// ---------------------------------------------------------------- HTTP: enrolment

/** A one-time code as staff read it out: 8 characters, no 0/O/1/I. */
export const ENROLMENT_CODE_RE = /^[A-HJ-NP-Z2-9]{8}$/;
export const EnrolmentCode = z.string().trim().toUpperCase().regex(ENROLMENT_CODE_RE);

/** POST /api/kiosks/enrol */
export const EnrolRequest = z
  .object({ code: EnrolmentCode, kioskId: KioskId, name: z.string().trim().min(1).max(80) })
  .strict();
export type EnrolRequest = z.infer<typeof EnrolRequest>;
/** The device secret is shown once; the hub keeps only its hash. */
export const EnrolResponse = z.object({ kioskId: KioskId, ward: WardId, secret: z.string().min(32).max(128) }).strict();
export type EnrolResponse = z.infer<typeof EnrolResponse>;

// ---------------------------------------------------------------- HTTP: pairing (the kiosk shows a code, staff type it in the console)

/** The poll token: 256 random bits, base64url; the hub keeps only its SHA-256. */
export const PairingPollToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
/**
 * POST /api/kiosks/pairing (unauthenticated, rate-limited): a kiosk without a device secret asks
 * for a one-time pairing code to show on its screen. Refused (409) for a kiosk id already enrolled,
 * unless staff allowed its re-enrolment.
 */
export const PairingStartRequest = z.object({ kioskId: KioskId, name: z.string().trim().min(1).max(80) }).strict();
export type PairingStartRequest = z.infer<typeof PairingStartRequest>;
export const PairingStartResponse = z
  .object({
    /** 8 characters of the enrolment alphabet (no 0/O/1/I), shown large on the kiosk. */
    pairingCode: z.string().regex(ENROLMENT_CODE_RE),
    pollToken: PairingPollToken,
    expiresAt: z.number(),
    /** How often the kiosk should poll. */
    pollMs: z.number().int().min(500).max(60_000),
  })
  .strict();
export type PairingStartResponse = z.infer<typeof PairingStartResponse>;
/** POST /api/kiosks/pairing/poll — until staff approve (then the device secret, exactly once) or the code expires. */
export const PairingPollRequest = z.object({ pollToken: PairingPollToken }).strict();
export const PairingPollResponse = z.discriminatedUnion('status', [
  z.object({ status: z.literal('waiting'), expiresAt: z.number() }).strict(),
  /** The secret is shown once; the hub keeps only its hash. A second poll gets 404. */
  z.object({ status: z.literal('approved'), kioskId: KioskId, ward: WardId, secret: z.string().min(32).max(128) }).strict(),
  /** Ask for a new code. */
  z.object({ status: z.literal('expired') }).strict(),
]);
export type PairingPollResponse = z.infer<typeof PairingPollResponse>;

/** `Authorization` header value for a kiosk's HTTP calls (e.g. GET /api/turn). */
export function kioskAuthorization(kioskId: string, secret: string): string {
  return `Kiosk ${kioskId}:${secret}`;
}

// ---------------------------------------------------------------- fleet (issue 7)

/** Printer health as the kiosk's driver sees it (DLE EOT): never what was printed. */
export const PrinterState = z.enum(['ok', 'paper-out', 'offline', 'error', 'none']);
export type PrinterState = z.infer<typeof PrinterState>;
export const ScannerState = z.enum(['ok', 'missing', 'error', 'none']);
export type ScannerState = z.infer<typeof ScannerState>;
export const VersionLabel = z.string().regex(/^[A-Za-z0-9._+-]{1,64}$/);

/** Health and versions, every 15 s; never personal data (the screen is a name such as "form:1.000894"). */
export const KioskHealth = z
  .object({
    appVersion: VersionLabel,
    /** The published config version the kiosk runs now (null: its local file only). */
    configVersion: VersionLabel.nullable(),
    uptimeSec: z.number().int().nonnegative().max(10 * 365 * 86_400),
    printer: z.object({ state: PrinterState, paperNearEnd: z.boolean() }).strict(),
    scanner: z.object({ state: ScannerState }).strict(),
    diskFreeMb: z.number().int().nonnegative().max(1e9),
    screen: ScreenName,
    /** Renderer/app crashes within the last hour (the kiosk's own count). */
    crashesLastHour: z.number().int().nonnegative().max(1000),
  })
  .strict();
export type KioskHealth = z.infer<typeof KioskHealth>;

export const CommandId = z.uuid();
export const CommandKind = z.enum(['restart', 'reload-catalogue', 'print-test', 'maintenance', 'clear-print-queue', 'screenshot', 'send-logs']);

/** One line of the kiosk's log as it uploads it (PUT /api/fleet/kiosk/logs): names, codes, counts — never a resident's data. */
export const KioskLogLine = z
  .object({
    at: z.string().max(40),
    level: z.enum(['info', 'warn', 'error']),
    scope: z.string().max(40),
    event: z.string().max(80),
    fields: z.record(z.string().max(40), z.union([z.string().max(210), z.number(), z.boolean(), z.null()])).refine((f) => Object.keys(f).length <= 20, 'at most 20 fields'),
  })
  .strict();
export type KioskLogLine = z.infer<typeof KioskLogLine>;
export const KIOSK_LOG_LINES = 300;
export const KioskLogUpload = z.object({ lines: z.array(KioskLogLine).max(KIOSK_LOG_LINES) }).strict();
export type CommandKind = z.infer<typeof CommandKind>;
/** Maintenance mode: the kiosk shows "Tạm ngưng phục vụ", the message and where to go instead. */
export const MaintenanceParams = z
  .object({ active: z.boolean(), message: z.string().trim().max(200).nullable(), instead: z.string().trim().max(200).nullable() })
  .strict();
export type MaintenanceParams = z.infer<typeof MaintenanceParams>;
export const KioskCommand = z
  .object({ id: CommandId, kind: CommandKind, maintenance: MaintenanceParams.nullable(), issuedAt: z.number() })
  .strict();
export type KioskCommand = z.infer<typeof KioskCommand>;
export const CommandResult = z.enum(['ok', 'failed', 'unsupported']);

/** An application code (Thông tư 01/2018/TT-VPCP): AGENCY-YYMMDD-NXXX. */
export const AppCode = z.string().trim().toUpperCase().regex(/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$/);
/** What staff set; the kiosk's track screen shows it (đã tiếp nhận, đang xử lý, cần bổ sung, đã có kết quả). */
export const ApplicationStatus = z.enum(['received', 'processing', 'needs-more', 'done']);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;
/**
 * One page of an application's papers, as the outbox item lists it (issue 13). The JPEG itself
 * goes first by HTTP — `PUT /api/applications/kiosk/:applicationId/pages/:pageId` (image/jpeg,
 * Authorization: Kiosk …, at most APPLICATION_PAGE_MAX_BYTES) — and the hub stores the application
 * only when every listed page is there with this sha256.
 */
export const APPLICATION_PAGE_MAX_BYTES = 400 * 1024;
export const APPLICATION_MAX_PAGES = 20;
export const ApplicationPageManifest = z
  .object({
    pageId: z.uuid(),
    paperId: z.string().regex(/^[a-z][a-zA-Z0-9-]{0,40}$/),
    /** The paper's name as the catalogue says it (Vietnamese), for staff. */
    paperName: z.string().trim().min(1).max(200),
    /** Order within the application, from 1. */
    seq: z.number().int().min(1).max(APPLICATION_MAX_PAGES),
    bytes: z.number().int().positive().max(APPLICATION_PAGE_MAX_BYTES),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    width: z.number().int().positive().max(10_000),
    height: z.number().int().positive().max(10_000),
  })
  .strict();
export type ApplicationPageManifest = z.infer<typeof ApplicationPageManifest>;
export function applicationPagePath(applicationId: string, pageId: string): string {
  return `/api/applications/kiosk/${applicationId}/pages/${pageId}`;
}

/** One item of the kiosk's outbox. `id` makes delivery idempotent (a replay is acknowledged, never stored twice). */
export const OutboxItem = z
  .object({
    id: z.uuid(),
    code: AppCode,
    serviceCode: z.string().regex(/^\d\.\d{6}$/),
    submittedAt: z.number().int().nonnegative(),
    /**
     * The resident's answers: personal data, kept only in the ward's inbox. Strings, addresses and
     * repeating groups (common/contract/answers.ts); a kiosk older than groups sends strings only.
     */
    answers: Answers,
    /** The papers' pages (uploaded before; absent: none — and from kiosks older than issue 13). */
    pages: z
      .array(ApplicationPageManifest)
      .max(APPLICATION_MAX_PAGES)
      .refine((ps) => new Set(ps.map((p) => p.pageId)).size === ps.length, 'duplicate pageId')
      .optional(),
  })
  .strict();
export type OutboxItem = z.infer<typeof OutboxItem>;
export const TrackEntry = z.object({ status: ApplicationStatus, at: z.number(), note: z.string().max(500).nullable() }).strict();
export const TrackResult = z
  .object({
    code: AppCode,
    found: z.boolean(),
    serviceCode: z.string().max(32).nullable(),
    timeline: z.array(TrackEntry).max(100),
    /** The province's side (issue 14), when the hub has a province link: official number, code 1–10, timeline, supplement, fee. */
    province: ProvinceTrack.extend({ kioskRef: AppCode }).optional(),
  })
  .strict();
export type TrackResult = z.infer<typeof TrackResult>;

export const StatsDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** The kiosk's counters for one day (Asia/Ho_Chi_Minh); the latest report for a day replaces the earlier ones. */
export const KioskDayStats = z
  .object({
    day: StatsDay,
    sessions: z.number().int().nonnegative().max(1e6),
    completed: z.number().int().nonnegative().max(1e6),
    receipts: z.number().int().nonnegative().max(1e6),
    helpCalls: z.number().int().nonnegative().max(1e6),
    /** Count of ratings 1..5. */
    ratings: z.array(z.number().int().nonnegative().max(1e6)).length(5),
    /** Sessions per procedure code. */
    services: z.record(z.string().regex(/^\d\.\d{6}$/), z.number().int().nonnegative().max(1e6)).refine((r) => Object.keys(r).length <= 500, 'at most 500 services'),
  })
  .strict();
export type KioskDayStats = z.infer<typeof KioskDayStats>;

/** GET /api/fleet/kiosk/config/:version (Authorization: Kiosk …) */
export const PublishedConfigResponse = z
  .object({ ward: WardId, version: VersionLabel, config: z.record(z.string(), z.unknown()).nullable(), catalogue: z.record(z.string(), z.unknown()).nullable(), configHash: z.string(), catalogueHash: z.string() })
  .strict();

/** Kiosk → hub messages of the fleet (also members of KioskToHub). */
export const KioskFleetMessages = [
  z.object({ type: z.literal('heartbeat'), seq: Seq, health: KioskHealth }).strict(),
  z.object({ type: z.literal('command.ack'), seq: Seq, commandId: CommandId, result: CommandResult, detail: z.string().max(200).nullable() }).strict(),
  z.object({ type: z.literal('config.report'), seq: Seq, version: VersionLabel, status: z.enum(['applied', 'failed']), problems: z.array(z.string().max(200)).max(20) }).strict(),
  z.object({ type: z.literal('outbox.deliver'), seq: Seq, item: OutboxItem }).strict(),
  /** `pin`: the tracking PIN the resident typed (issue 17); needed for an application another kiosk filed. */
  z.object({ type: z.literal('track'), seq: Seq, code: AppCode, pin: z.string().regex(/^\d{8}$/).optional() }).strict(),
  z.object({ type: z.literal('stats'), seq: Seq, stats: KioskDayStats }).strict(),
] as const;

/** Hub → kiosk messages of the fleet (also members of HubToKiosk). */
export const HubFleetMessages = [
  z.object({ type: z.literal('heartbeat.ack'), seq: Seq, refSeq: Seq, at: z.number() }).strict(),
  /** A new version for this ward: fetch it (GET configUrl), apply at the end of the current session, keep the last good one. */
  z.object({ type: z.literal('config.available'), seq: Seq, version: VersionLabel, configUrl: z.string().max(200), configHash: z.string().max(80), catalogueHash: z.string().max(80) }).strict(),
  z.object({ type: z.literal('command'), seq: Seq, command: KioskCommand }).strict(),
  /** The outbox item is stored (duplicate: it already was — drop it from the outbox all the same). */
  z.object({ type: z.literal('outbox.ack'), seq: Seq, id: z.uuid(), duplicate: z.boolean() }).strict(),
  z.object({ type: z.literal('track.result'), seq: Seq, result: TrackResult }).strict(),
  z.object({ type: z.literal('stats.ack'), seq: Seq, day: StatsDay }).strict(),
] as const;

// ---------------------------------------------------------------- kiosk → hub

export const KioskHello = z
  .object({
    type: z.literal('hello'),
    seq: Seq,
    kioskId: KioskId,
    secret: z.string().min(32).max(128),
    /** null on a first connection. */
    epoch: Epoch.nullable(),
    lastServerSeq: Seq,
  })
  .strict();

/**
 * Kiosk → hub messages of a help request and its call that the renderer writes and the kiosk
 * services pass through (kiosk-api.ts `HelpOutbound`: these without `seq`). Also members of KioskToHub.
 */
export const KioskHelpMessages = [
  /** After `help.unanswered`: keep waiting (ring again). */
  z.object({ type: z.literal('help.wait'), seq: Seq, requestId: RequestId }).strict(),
  /** After `help.unanswered`: leave a phone number for a call back. */
  z.object({ type: z.literal('help.callback'), seq: Seq, requestId: RequestId, phone: Phone }).strict(),
  z.object({ type: z.literal('help.cancel'), seq: Seq, requestId: RequestId }).strict(),
  RtcOffer,
  RtcAnswer,
  RtcIce,
  RtcRestart,
  z.object({ type: z.literal('chat'), seq: Seq, callId: CallId, text: ChatText }).strict(),
  z.object({ type: z.literal('call.end'), seq: Seq, callId: CallId }).strict(),
  /** The resident allows the volunteer to type on the screen (revocable). */
  z.object({ type: z.literal('control.grant'), seq: Seq, callId: CallId }).strict(),
  z.object({ type: z.literal('control.revoke'), seq: Seq, callId: CallId }).strict(),
  /** Masked rrweb events for the live view; only while in a call; never replayed. */
  z.object({ type: z.literal('liveview'), seq: Seq, callId: CallId, events: z.array(RrwebEvent).min(1).max(500) }).strict(),
] as const;

export const KioskToHub = z.discriminatedUnion('type', [
  KioskHello,
  Ping,
  /** The resident tapped "Cần hỗ trợ". One open request per kiosk: a repeat returns the open one. */
  z.object({ type: z.literal('help.request'), seq: Seq, lang: HubLang, screen: ScreenName }).strict(),
  ...KioskHelpMessages,
  ...KioskFleetMessages,
]);
export type KioskToHub = z.infer<typeof KioskToHub>;
export type KioskToHubType = KioskToHub['type'];

// ---------------------------------------------------------------- hub → kiosk

export const VolunteerPublic = z.object({ displayName: DisplayName, languages: z.array(HubLang).max(4) }).strict();

export const UnansweredOptions = z
  .object({
    wait: z.literal(true),
    callback: z.literal(true),
    /** The ward's own contact, when the hub knows it. */
    contact: z.object({ name: z.string().max(120), phone: z.string().max(40) }).strict().nullable(),
  })
  .strict();

export const KioskCallView = z
  .object({ callId: CallId, volunteer: VolunteerPublic, acceptedAt: z.number(), controlGranted: z.boolean(), peerOnline: z.boolean() })
  .strict();

export const KioskRequestView = z
  .object({
    requestId: RequestId,
    state: RequestState,
    lang: HubLang,
    screen: ScreenName,
    createdAt: z.number(),
    attempt: z.number().int().positive(),
    /** Volunteers ringing now (a count, no names). */
    ringing: z.number().int().nonnegative(),
    options: UnansweredOptions.nullable(),
    call: KioskCallView.nullable(),
  })
  .strict();
export type KioskRequestView = z.infer<typeof KioskRequestView>;

export const KioskSnapshot = z
  .object({
    type: z.literal('snapshot'),
    seq: Seq,
    kioskId: KioskId,
    ward: WardId,
    /** The kiosk's open request (waiting, ringing, unanswered or in a call), if any. */
    request: KioskRequestView.nullable(),
  })
  .strict();

export const HubToKiosk = z.discriminatedUnion('type', [
  Welcome,
  KioskSnapshot,
  HubError,
  Pong,
  /** The request is recorded (state waiting or ringing; ringing = how many volunteers ring). */
  z.object({ type: z.literal('help.queued'), seq: Seq, request: KioskRequestView }).strict(),
  z.object({ type: z.literal('help.accepted'), seq: Seq, requestId: RequestId, call: KioskCallView }).strict(),
  z.object({ type: z.literal('help.unanswered'), seq: Seq, requestId: RequestId, options: UnansweredOptions }).strict(),
  z.object({ type: z.literal('help.callback.recorded'), seq: Seq, requestId: RequestId }).strict(),
  z.object({ type: z.literal('help.cancelled'), seq: Seq, requestId: RequestId }).strict(),
  RtcOffer,
  RtcAnswer,
  RtcIce,
  RtcRestart,
  ChatDelivered,
  CallEnded,
  PeerStatus,
  /** Where the volunteer points: a highlight at (x, y) of the viewport, or on the element. */
  z.object({ type: z.literal('pointer'), seq: Seq, callId: CallId, x: Fraction, y: Fraction, selector: CssSelector.nullable() }).strict(),
  /** Typing by the volunteer; sent only while the resident's grant stands. */
  z.object({ type: z.literal('control.input'), seq: Seq, callId: CallId, selector: CssSelector, text: z.string().max(500) }).strict(),
  z.object({ type: z.literal('control.state'), seq: Seq, callId: CallId, granted: z.boolean() }).strict(),
  ...HubFleetMessages,
]);
export type HubToKiosk = z.infer<typeof HubToKiosk>;
