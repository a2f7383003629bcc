/**
 * Volunteer and staff consoles ↔ hub: HTTP bodies and the console WebSocket
 * (HUB_CONSOLE_WS_PATH, authenticated by the session cookie at the upgrade).
 *
 * Layer: common — zod only. Sequencing and limits: see hub-common.ts.
 */
import { z } from 'zod';
import {
  CallEnded,
  CallId,
  CallNote,
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
  Role,
  RrwebEvent,
  RtcAnswer,
  RtcIce,
  RtcOffer,
  RtcRestart,
  ScreenName,
  Seq,
  Username,
  WardId,
  Welcome,
} from './hub-common.ts';
import { ApplicationStatus, CommandKind, CommandResult, EnrolmentCode, KioskHealth, MaintenanceParams, StatsDay } from './hub-kiosk.ts';

export const SESSION_COOKIE = 'hub_session';

// ---------------------------------------------------------------- HTTP bodies

/** POST /api/login */
export const LoginRequest = z.object({ username: z.string().trim().toLowerCase().pipe(Username), password: z.string().min(1).max(256) }).strict();
export type LoginRequest = z.infer<typeof LoginRequest>;

export const UserView = z
  .object({ username: Username, displayName: DisplayName, role: Role, ward: WardId.nullable(), languages: z.array(HubLang).max(4) })
  .strict();
export type UserView = z.infer<typeof UserView>;
/** POST /api/login, GET /api/me */
export const MeResponse = z.object({ user: UserView, sessionExpiresAt: z.number(), mustChangePassword: z.boolean().optional() }).strict();

// ---------------------------------------------------------------- accounts (issue 17)
/** A password someone chooses: 10–128 characters (compared after NFC), never containing the user name. */
export const NewPassword = z.string().min(10).max(128);
/** POST /api/password — the logged-in user changes their own password (required after a new or reset one). */
export const PasswordChangeRequest = z.object({ currentPassword: z.string().min(1).max(256), newPassword: NewPassword }).strict();
export const PasswordChangeResponse = z.object({ ok: z.literal(true) }).strict();
/** POST /api/accounts — ward staff create their ward's volunteers; admins create staff (with a ward) and volunteers. */
export const AccountCreateRequest = z
  .object({ username: Username, displayName: DisplayName, role: Role, ward: WardId.nullable(), languages: z.array(HubLang).min(1).max(4) })
  .strict();
/** POST /api/accounts/:username/disable */
export const AccountDisableRequest = z.object({ disabled: z.boolean() }).strict();
export const AccountView = UserView.extend({ disabled: z.boolean(), mustChangePassword: z.boolean(), createdAt: z.number() }).strict();
export type AccountView = z.infer<typeof AccountView>;
/** GET /api/accounts */
export const AccountListResponse = z.object({ accounts: z.array(AccountView).max(1000) }).strict();
/** POST /api/accounts and /api/accounts/:username/reset-password: the one-time password, shown once. */
export const AccountPasswordResponse = z.object({ account: AccountView, temporaryPassword: z.string() }).strict();

/** POST /api/enrolment-codes (staff: own ward; admin: any) */
export const EnrolmentCodeRequest = z.object({ ward: WardId, ttlMinutes: z.number().int().min(1).max(24 * 60) }).strict();
export const EnrolmentCodeResponse = z.object({ code: z.string(), ward: WardId, expiresAt: z.number() }).strict();

/**
 * "Thêm kiosk": staff type the pairing code a new kiosk shows on its screen (staff: own ward; admin: any).
 * POST /api/kiosks/pairing/lookup {pairingCode} → which kiosk is asking; wrong or expired codes count
 * towards a lock (brute force), each refusal audited.
 */
export const PairingLookupRequest = z.object({ pairingCode: EnrolmentCode }).strict();
export const PairingView = z
  .object({
    kioskId: KioskId,
    name: z.string().max(80),
    requestedAt: z.number(),
    expiresAt: z.number(),
    /** The kiosk id is enrolled already and staff allowed its re-enrolment: approving replaces its device secret. */
    reenrol: z.boolean(),
    /** The ward of the kiosk being re-enrolled (it stays in it); null for a new kiosk. */
    enrolledWard: WardId.nullable(),
  })
  .strict();
export type PairingView = z.infer<typeof PairingView>;
/** POST /api/kiosks/pairing/approve {pairingCode, ward} → the kiosk gets its device secret on its next poll (audited `kiosk.paired`). */
export const PairingApproveRequest = z.object({ pairingCode: EnrolmentCode, ward: WardId }).strict();
export const PairingApproveResponse = z.object({ kioskId: KioskId, name: z.string().max(80), ward: WardId, reenrol: z.boolean() }).strict();
export type PairingApproveResponse = z.infer<typeof PairingApproveResponse>;
/** POST /api/kiosks/:id/reenrol {} → an enrolled kiosk may pair again (a lost secret, a replaced machine) until `until`. */
export const ReenrolResponse = z.object({ kioskId: KioskId, until: z.number() }).strict();

/** GET /api/turn — RTCIceServer entries with ephemeral coturn credentials (kiosks: Authorization header; consoles: cookie). */
export const TurnResponse = z
  .object({
    iceServers: z.array(z.object({ urls: z.array(z.string()).min(1), username: z.string(), credential: z.string() }).strict()),
    expiresAt: z.number().nullable(),
  })
  .strict();
export type TurnResponse = z.infer<typeof TurnResponse>;

/** GET /api/callbacks (staff/admin: their ward or all; volunteers: all) — phone numbers deleted when done. */
export const CallbackView = z
  .object({ id: z.uuid(), requestId: RequestId, kioskId: KioskId, ward: WardId, lang: HubLang, phone: Phone, createdAt: z.number() })
  .strict();
export const CallbackList = z.object({ callbacks: z.array(CallbackView) }).strict();

/** GET /api/calls/mine — the volunteer's own history (no personal data). */
export const CallHistoryEntry = z
  .object({
    callId: CallId,
    kioskId: KioskId,
    ward: WardId,
    lang: HubLang,
    state: RequestState,
    createdAt: z.number(),
    acceptedAt: z.number().nullable(),
    endedAt: z.number().nullable(),
    note: z.string().nullable(),
  })
  .strict();
export const CallHistory = z.object({ calls: z.array(CallHistoryEntry) }).strict();

export const HttpError = z.object({ error: z.object({ code: z.string(), message: z.string(), issues: z.array(z.string()).optional() }).strict() }).strict();

// ---------------------------------------------------------------- fleet (issue 7): staff console views

export const KioskStatusView = z
  .object({
    kioskId: KioskId,
    ward: WardId,
    name: z.string().max(80),
    online: z.boolean(),
    lastHeartbeatAt: z.number().nullable(),
    health: KioskHealth.nullable(),
    /** The ward's published version (what the kiosk should run). */
    publishedVersion: z.string().max(64).nullable(),
    openAlerts: z.array(z.string().max(40)).max(10),
  })
  .strict();
export type KioskStatusView = z.infer<typeof KioskStatusView>;

export const AlertKind = z.enum(['offline', 'paper-out', 'paper-near-end', 'scanner-missing', 'crashes']);
export type AlertKind = z.infer<typeof AlertKind>;
export const AlertView = z
  .object({
    id: z.uuid(),
    ward: WardId,
    kioskId: KioskId,
    kind: AlertKind,
    state: z.enum(['open', 'resolved']),
    openedAt: z.number(),
    resolvedAt: z.number().nullable(),
    mailedAt: z.number().nullable(),
    detail: z.string().max(200).nullable(),
  })
  .strict();
export type AlertView = z.infer<typeof AlertView>;

export const CommandView = z
  .object({
    id: z.uuid(),
    kioskId: KioskId,
    ward: WardId,
    kind: CommandKind,
    maintenance: MaintenanceParams.nullable(),
    issuedBy: z.string().max(40),
    issuedAt: z.number(),
    ackedAt: z.number().nullable(),
    result: CommandResult.nullable(),
    detail: z.string().max(200).nullable(),
  })
  .strict();
export type CommandView = z.infer<typeof CommandView>;
/** POST /api/fleet/kiosks/:id/commands */
export const CommandRequest = z.object({ kind: CommandKind, maintenance: MaintenanceParams.nullable().default(null) }).strict();
/** POST /api/fleet/kiosks/:id/retire {confirm: the same id} → the kiosk leaves the fleet; its device secret stops working. */
export const RetireRequest = z.object({ confirm: KioskId }).strict();
export const RetireResponse = z.object({ kioskId: KioskId, retiredAt: z.number() }).strict();
export type RetireResponse = z.infer<typeof RetireResponse>;

export const ApplicationView = z
  .object({
    id: z.uuid(),
    code: z.string().max(40),
    ward: WardId,
    kioskId: KioskId,
    serviceCode: z.string().max(32),
    submittedAt: z.number(),
    receivedAt: z.number(),
    status: ApplicationStatus,
    statusAt: z.number(),
    note: z.string().max(500).nullable(),
  })
  .strict();
export type ApplicationView = z.infer<typeof ApplicationView>;
/** POST /api/fleet/applications/:id/status */
export const ApplicationStatusRequest = z.object({ status: ApplicationStatus, note: z.string().trim().max(500).nullable().default(null) }).strict();

/** POST /api/fleet/config/publish and /validate: ward settings (the kiosk config without kiosk, version, hub, devices) and the catalogue. */
export const PublishRequest = z
  .object({ ward: WardId, config: z.unknown(), catalogue: z.unknown(), note: z.string().trim().max(200).nullable().default(null) })
  .strict();
export const RollbackRequest = z.object({ ward: WardId }).strict();
/** A schema problem: the field path (e.g. `timeouts.warningSeconds`) and a Vietnamese message. */
export const FieldIssue = z.object({ part: z.enum(['config', 'catalogue']), path: z.string().max(200), message: z.string().max(300) }).strict();
export type FieldIssue = z.infer<typeof FieldIssue>;

export const StatsQuery = z.object({ ward: WardId, from: StatsDay, to: StatsDay }).strict();

export const FleetConsoleMessages = [
  /** Status changes, batched (about once a second); never replayed — the console reloads the list on reconnect. */
  z.object({ type: z.literal('fleet.kiosks'), seq: Seq, kiosks: z.array(KioskStatusView).max(5000) }).strict(),
  z.object({ type: z.literal('fleet.alert'), seq: Seq, alert: AlertView }).strict(),
  z.object({ type: z.literal('fleet.command'), seq: Seq, command: CommandView }).strict(),
  z.object({ type: z.literal('fleet.application'), seq: Seq, application: ApplicationView }).strict(),
  z.object({ type: z.literal('fleet.config'), seq: Seq, ward: WardId, version: z.string().max(64) }).strict(),
  z.object({ type: z.literal('fleet.screenshot'), seq: Seq, kioskId: KioskId, at: z.number() }).strict(),
  z.object({ type: z.literal('fleet.logs'), seq: Seq, kioskId: KioskId, at: z.number() }).strict(),
  /** The kiosk was retired ("Gỡ kiosk"): it leaves every console's list. */
  z.object({ type: z.literal('fleet.kioskRetired'), seq: Seq, kioskId: KioskId, by: z.string().max(64) }).strict(),
] as const;

// ---------------------------------------------------------------- console → hub

/** Sẵn sàng / Bận / Tạm vắng. `away` is set by the hub when a ring goes unanswered (or by the volunteer); not rung, like busy. */
export const VolunteerStatus = z.enum(['available', 'busy', 'away']);
export type VolunteerStatus = z.infer<typeof VolunteerStatus>;
/** Why the hub changed a volunteer's status: `no_answer` — rang `noAnswerMs` without accept or decline. */
export const StatusReason = z.enum(['no_answer']);
export type StatusReason = z.infer<typeof StatusReason>;

export const ConsoleHello = z.object({ type: z.literal('hello'), seq: Seq, epoch: Epoch.nullable(), lastServerSeq: Seq }).strict();

export const ConsoleToHub = z.discriminatedUnion('type', [
  ConsoleHello,
  Ping,
  /** Sẵn sàng / Bận / Tạm vắng. */
  z.object({ type: z.literal('status.set'), seq: Seq, status: VolunteerStatus }).strict(),
  z.object({ type: z.literal('ring.accept'), seq: Seq, requestId: RequestId }).strict(),
  z.object({ type: z.literal('ring.decline'), seq: Seq, requestId: RequestId }).strict(),
  RtcOffer,
  RtcAnswer,
  RtcIce,
  RtcRestart,
  z.object({ type: z.literal('chat'), seq: Seq, callId: CallId, text: ChatText }).strict(),
  z.object({ type: z.literal('call.end'), seq: Seq, callId: CallId, note: CallNote.nullable() }).strict(),
  z.object({ type: z.literal('pointer'), seq: Seq, callId: CallId, x: Fraction, y: Fraction, selector: CssSelector.nullable() }).strict(),
  /** Typing on the kiosk: refused unless the resident granted control. */
  z.object({ type: z.literal('control.input'), seq: Seq, callId: CallId, selector: CssSelector, text: z.string().max(500) }).strict(),
]);
export type ConsoleToHub = z.infer<typeof ConsoleToHub>;
export type ConsoleToHubType = ConsoleToHub['type'];

// ---------------------------------------------------------------- hub → console

export const RingView = z
  .object({
    requestId: RequestId,
    kioskId: KioskId,
    kioskName: z.string().max(80),
    ward: WardId,
    lang: HubLang,
    screen: ScreenName,
    createdAt: z.number(),
    attempt: z.number().int().positive(),
  })
  .strict();
export type RingView = z.infer<typeof RingView>;

export const ConsoleCallView = RingView.extend({
  callId: CallId,
  acceptedAt: z.number(),
  controlGranted: z.boolean(),
  peerOnline: z.boolean(),
}).strict();
export type ConsoleCallView = z.infer<typeof ConsoleCallView>;

export const ConsoleSnapshot = z
  .object({
    type: z.literal('snapshot'),
    seq: Seq,
    user: UserView,
    status: VolunteerStatus,
    /** Why the hub set `status` (absent or null: the volunteer chose it). */
    statusReason: StatusReason.nullable().optional(),
    ringing: z.array(RingView),
    call: ConsoleCallView.nullable(),
  })
  .strict();

export const HubToConsole = z.discriminatedUnion('type', [
  Welcome,
  ConsoleSnapshot,
  HubError,
  Pong,
  /** `reason` only when the hub changed the status itself (absent or null: the volunteer's own choice). */
  z.object({ type: z.literal('status'), seq: Seq, status: VolunteerStatus, reason: StatusReason.nullable().optional() }).strict(),
  /** Ring: `at` is the hub's time when it rang (for latency measurement). */
  z.object({ type: z.literal('ring'), seq: Seq, ring: RingView, at: z.number() }).strict(),
  z
    .object({
      type: z.literal('ring.cancel'),
      seq: Seq,
      requestId: RequestId,
      /** `no_answer`: this volunteer rang `noAnswerMs` without answering and is now `away`. */
      reason: z.enum(['taken', 'cancelled', 'timeout', 'declined', 'busy', 'callback', 'no_answer']),
    })
    .strict(),
  z.object({ type: z.literal('call.started'), seq: Seq, call: ConsoleCallView }).strict(),
  RtcOffer,
  RtcAnswer,
  RtcIce,
  RtcRestart,
  ChatDelivered,
  CallEnded,
  PeerStatus,
  z.object({ type: z.literal('control.state'), seq: Seq, callId: CallId, granted: z.boolean() }).strict(),
  z.object({ type: z.literal('liveview'), seq: Seq, callId: CallId, events: z.array(RrwebEvent).min(1).max(500) }).strict(),
  ...FleetConsoleMessages,
]);
export type HubToConsole = z.infer<typeof HubToConsole>;

// ---------------------------------------------------------------- the province's side (issue 14)
/** GET /api/province/applications/:id — what the province says about one application, for ward staff. */
export const ProvinceStaffView = z
  .object({
    /** false: the hub has no province link (inbox only). */
    linked: z.boolean(),
    /** The hand-off's step; null when not (yet) in the outbox. */
    state: z.enum(['pending', 'created', 'uploaded', 'submitted']).nullable(),
    dossierNo: z.string().max(64).nullable(),
    code: z.number().int().min(1).max(10).nullable(),
    attempts: z.number().int().nonnegative(),
    /** The last failure as `kind:reason` (codes only), null when the last step went through. */
    lastError: z.string().max(100).nullable(),
    submittedAt: z.number().nullable(),
    statusAt: z.number().nullable(),
    timeline: z.array(z.object({ at: z.number(), code: z.number().int().min(1).max(10), action: z.string().max(200), actor: z.string().max(200), note: z.string().max(1000) }).strict()).max(200),
    payment: z
      .object({ amount: z.number(), bankBin: z.string().max(10), accountNo: z.string().max(19), accountName: z.string().max(70), paymentUrl: z.string().max(500).nullable(), paid: z.boolean() })
      .strict()
      .nullable(),
    /** The postage the province stated for a result by post, in đồng (issue 16); null when none. */
    postage: z.number().int().nonnegative().nullable().optional(),
  })
  .strict();
export type ProvinceStaffView = z.infer<typeof ProvinceStaffView>;
/** POST /api/province/applications/:id/actions — forward, ask for papers (note: what to bring), refuse (note: why). */
export const ProvinceActionRequest = z
  .object({ action: z.enum(['forward', 'askPapers', 'refuse']), note: z.string().trim().max(1000).default('') })
  .strict()
  .refine((r) => r.action === 'forward' || r.note.length > 0, { message: 'a note is needed', path: ['note'] });

// ---------------------------------------------------------------- the application reader (issue 13 part 4; docs/applications.md)
/** One page of an application's papers as staff see it listed (the JPEG: GET /api/applications/:id/pages/:pageId). */
export const ReadingPage = z
  .object({ pageId: z.uuid(), paperId: z.string().max(41), paperName: z.string().max(200), seq: z.number().int().positive(), width: z.number().int().positive(), height: z.number().int().positive(), bytes: z.number().int().positive() })
  .strict();
/** GET /api/applications/:id/reading — staff of the application's ward only (403 otherwise); every read audited (who, when, which — never the contents). */
export const ApplicationReading = z
  .object({
    application: ApplicationView,
    /** The procedure's name from the ward's catalogue (null when the catalogue no longer has it). */
    serviceName: z.string().nullable(),
    /** The answers by the form's sections, with the catalogue's labels (the raw keys when the catalogue has no such form). */
    sections: z.array(
      z
        .object({
          title: z.string().nullable(),
          rows: z.array(z.object({ label: z.string(), value: z.string(), group: z.string().nullable() }).strict()),
        })
        .strict(),
    ),
    pages: z.array(ReadingPage),
  })
  .strict();
export type ApplicationReading = z.infer<typeof ApplicationReading>;
