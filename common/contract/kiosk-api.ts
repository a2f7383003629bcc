/**
 * The one contract between the renderer (touch UI) and the kiosk services.
 *
 * Layer: common — zod only; no Node, DOM or Electron imports, so the renderer,
 * the services, the Electron preload and the tests all import this file.
 *
 * Every call is `method(params) -> result`; params are one strict object, so
 * wrong or extra arguments are rejected at the boundary by the services.
 * Events flow the other way (services -> renderer).
 */
import { z } from 'zod';
import { CatalogueProblem, CategorySchema, ServiceSchema } from '../../kiosk-config/catalogue.schema.ts';
import { RrwebEvent, ScreenName } from './hub-common.ts';
import { HubToKiosk, KioskHelpMessages, KioskRequestView, type KioskToHub } from './hub-kiosk.ts';
import { MAX_FRAME_BYTES } from './ws-frames.ts';
import { ENROLMENT_CODE_RE, EnrolmentCode } from './hub-kiosk.ts';
import { FeeView, PaymentView } from '../payments/payment.ts';
import { Delivery } from '../payments/delivery.ts';
import { AnswerValue, Answers } from './answers.ts';
import { ProvinceTrack } from '../province/track.ts';
import { FORM_DATE_RE } from '../forms/dates.ts';
import { KioskErrorShape } from './kiosk-errors.ts';
import { FIELD_NAMES, SOURCES, type FieldName } from '../idcard/fields.ts';
import { paperMethods } from './kiosk-papers.ts';

export const Lang = z.enum(['vi', 'en']);
export type Lang = z.infer<typeof Lang>;

const Localized = z.object({ vi: z.string(), en: z.string() }).strict();
const none = z.object({}).strict();

/** Application code, Thông tư 01/2018/TT-VPCP Điều 19: V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX */
export const APPLICATION_CODE_RE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$/;
export const ApplicationCode = z.string().trim().toUpperCase().regex(APPLICATION_CODE_RE);
/** The province's side of an application (issue 14): official number, national code 1–10, timeline, supplement, fee. */
export const OfficialTrack = ProvinceTrack.extend({ kioskRef: ApplicationCode });
export type OfficialTrack = z.infer<typeof OfficialTrack>;
/**
 * What the receipt could say about the hand-off when it printed: `numbered` the province's number was
 * already assigned; `sent` the province has it, the official number follows; `kept` the province (or
 * the hub) could not be reached — kept and sent later; `inbox` the ward has no link to the province.
 */
export const HandOffState = z.enum(['numbered', 'sent', 'kept', 'inbox']);
export type HandOffState = z.infer<typeof HandOffState>;

export const EndReason = z.enum(['finished', 'cancelled', 'timeout', 'crash', 'disconnected', 'maintenance']);
export type EndReason = z.infer<typeof EndReason>;

export const SessionState = z.object({
  active: z.boolean(),
  /** Opaque id, never shown, never logged with personal data. */
  id: z.string().nullable(),
  lang: Lang,
  /** Seconds of inactivity before the warning appears. */
  idleSeconds: z.number().int().positive(),
  /** Length of the announced countdown. */
  warningSeconds: z.number().int().positive(),
  /** Present while the warning countdown runs. */
  warningEndsAt: z.number().nullable(),
  extensions: z.number().int().nonnegative(),
});
export type SessionState = z.infer<typeof SessionState>;

export const KioskInfo = z.object({
  appVersion: z.string(),
  configVersion: z.string(),
  kioskId: z.string(),
  ward: z.object({ name: Localized, address: Localized, hotline: z.string(), counterHours: Localized }),
  languages: z.object({ default: Lang, enabled: z.array(Lang).min(1) }),
  accessibility: z.object({ voiceGuidance: z.boolean(), largeTextDefault: z.boolean(), highContrastDefault: z.boolean() }),
  /** Where the electron shell runs the UI ('browser' = the loopback host). */
  carrier: z.enum(['electron', 'browser']),
  staffExit: z.object({ corner: z.enum(['top-left', 'top-right']), taps: z.number().int().min(3).max(10) }),
  /** From the config, or from the hub's maintenance command (then also where to go instead). */
  maintenance: z.object({ active: z.boolean(), message: Localized.nullable(), instead: Localized.nullable().optional() }),
  /** The link to the ward's hub (docs/fleet.md): none configured, waiting for staff to enrol this kiosk (the enrolment screen), enrolled. */
  enrolment: z.enum(['no-hub', 'needed', 'enrolled']).optional(),
});
export type KioskInfo = z.infer<typeof KioskInfo>;

/**
 * Pairing with the ward's hub (docs/fleet.md "Enrolment"): while enrolment is needed the services ask
 * the hub for a one-time code and the enrolment screen shows it, large, with the kiosk's id and name;
 * staff type it in the console ("Thêm kiosk"). Nothing secret: the code only lets staff approve this
 * kiosk. 'off': no hub, enrolled, or not started; 'requesting': asking for a code; 'showing': the
 * code; 'unreachable' / 'busy' (the hub limits requests): retrying by itself; 'already-enrolled':
 * the hub knows this kiosk id and staff have not allowed its re-enrolment (retrying every 30 s).
 */
export const PairingState = z.object({
  state: z.enum(['off', 'requesting', 'showing', 'unreachable', 'busy', 'already-enrolled']),
  code: z.string().regex(ENROLMENT_CODE_RE).nullable(),
  expiresAt: z.number().nullable(),
  kioskId: z.string(),
  /** The name staff will see in the console ("Kiosk số 1 · …"). */
  name: z.string(),
});
export type PairingState = z.infer<typeof PairingState>;

/** The answers' shape (strings, addresses, repeating groups) is defined once, in answers.ts. */
export { AddressAnswer, AnswerKey, AnswerValue, Answers, GroupAnswer, GroupInstance, ScalarAnswer } from './answers.ts';

export const TimelineEntry = z.object({
  status: z.enum(['submitted', 'queued', 'received', 'processing', 'needs-more', 'done']),
  at: z.string(),
  note: Localized.nullable(),
});

export const ReceiptState = z.enum(['queued', 'printing', 'printed', 'failed', 'none']);

export const Submitted = z.object({
  code: ApplicationCode,
  submittedAt: z.string(),
  serviceCode: z.string(),
  expectedResult: Localized,
  nextSteps: z.array(Localized),
  /** The printed receipt's state; 'none' when the kiosk has no printer. Updates come as `receipt.status`. */
  receipt: z.object({ state: ReceiptState, reason: z.string().nullable() }),
  /** The tracking QR as an SVG data URL, shown on screen (to photograph when printing fails). */
  trackingQr: z.string().startsWith('data:image/svg+xml'),
  /** The tracking PIN printed under the QR (issue 17); null when the kiosk has no hub to track with. */
  trackingPin: z.string().regex(/^\d{8}$/).nullable().optional(),
  /** The hand-off to the province as the receipt printed it (issue 14). */
  handOff: HandOffState.optional(),
  officialNumber: z.string().max(64).nullable().optional(),
  /** The fee computed from the answers (issue 16; docs/payments.md). */
  fee: FeeView.optional(),
  /** When a fee is due now and the ward has a payee: the QR to pay it (also printed). */
  payment: PaymentView.nullable().optional(),
  /** How the result will be received, as printed on the receipt. */
  delivery: Localized.optional(),
});
export type Submitted = z.infer<typeof Submitted>;

/** A calendar date as the whole contract writes it: dd/mm/yyyy (common/forms/dates.ts). */
export const CalendarDate = z.string().regex(FORM_DATE_RE);

/** What the card reader fused from its sources (QR > MRZ > OCR). Dates are dd/mm/yyyy, like the form's. A field not read is absent. */
export const IdCardReading = z.object({
  fields: z
    .object({
      idNumber: z.string(),
      oldIdNumber: z.string(),
      fullName: z.string(),
      fullNameAscii: z.string(),
      dateOfBirth: CalendarDate,
      sex: z.enum(['Nam', 'Nữ']),
      nationality: z.string(),
      placeOfOrigin: z.string(),
      placeOfResidence: z.string(),
      issueDate: CalendarDate,
      dateOfExpiry: CalendarDate,
    })
    .partial()
    .strict(),
  /** `ocr-id-digit`: the sex given by the ID's century+sex digit, no printed sex being legible (lower confidence). */
  sources: z.record(z.string(), z.enum(SOURCES)),
  confidence: z.record(z.string(), z.number().min(0).max(1)),
  /** What the cross-checks found; `fields` names the fields an issue doubts (the confirmation screen marks them, common/idcard/review.ts). */
  issues: z.array(z.object({ code: z.string().max(40), message: z.string().max(300), fields: z.array(z.enum(FIELD_NAMES as unknown as [FieldName, ...FieldName[]])).max(11).optional() })),
  expired: z.boolean(),
});
export type IdCardReading = z.infer<typeof IdCardReading>;

/**
 * The largest camera frame (`idcard.frame`, JPEG as base64): one frame of the browser carrier
 * (64 KiB) with room for the call's envelope. The renderer lowers the JPEG quality until it fits.
 */
export const IDCARD_FRAME_MAX_BASE64 = MAX_FRAME_BYTES - 4 * 1024;

/**
 * The help channel, passed through the kiosk services to the hub: what the
 * renderer may send (the hub contract's kiosk messages without `seq`, which the
 * services number, and without hello/ping, which the services own) and what it
 * receives (the hub's messages for the kiosk, minus connection housekeeping).
 */
const noSeq = { seq: true } as const;
const [helpWait, helpCallback, helpCancel, rtcOffer, rtcAnswer, rtcIce, rtcRestart, chat, callEnd, controlGrant, controlRevoke, liveview] = KioskHelpMessages;
/** Strict and typed: the hub contract's own member schemas without `seq` — an unknown type or key is refused here. */
export const HelpOutbound = z.discriminatedUnion('type', [
  helpWait.omit(noSeq),
  helpCallback.omit(noSeq),
  helpCancel.omit(noSeq),
  rtcOffer.omit(noSeq),
  rtcAnswer.omit(noSeq),
  rtcIce.omit(noSeq),
  rtcRestart.omit(noSeq),
  chat.omit(noSeq),
  callEnd.omit(noSeq),
  controlGrant.omit(noSeq),
  controlRevoke.omit(noSeq),
  liveview.omit(noSeq),
]);
export type HelpOutbound = z.infer<typeof HelpOutbound>;
// The compiler keeps the list above whole: every help member of KioskToHub (without seq) is a HelpOutbound, and nothing else is.
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type HelpMember = DistributiveOmit<Extract<KioskToHub, { type: z.infer<(typeof KioskHelpMessages)[number]>['type'] }>, 'seq'>;
const sameHelpTypes: [HelpMember, HelpOutbound] extends [HelpOutbound, HelpMember] ? true : false = true;
void sameHelpTypes;

const INBOUND_EXCLUDED = new Set(['welcome', 'pong', 'error']);
export type HelpInbound = Exclude<HubToKiosk, { type: 'welcome' | 'pong' | 'error' }>;
export const HelpInbound = HubToKiosk.refine((m) => !INBOUND_EXCLUDED.has(m.type), { message: 'not a help-channel message' }) as unknown as z.ZodType<HelpInbound>;

// The papers' methods and bounds (issue 13 part 2; docs/applications.md): kiosk-papers.ts.
export * from './kiosk-papers.ts';

/** Each method: its params (one strict object) and its result. */
export const kioskMethods = {
  'kiosk.info': { params: none, result: KioskInfo },
  'catalogue.list': {
    params: none,
    result: z.object({
      version: z.string(),
      categories: z.array(CategorySchema),
      services: z.array(ServiceSchema),
      /** Entries skipped because they failed the schema — for staff, never a blank screen. */
      problems: z.array(CatalogueProblem),
    }),
  },
  'session.start': { params: z.object({ lang: Lang }).strict(), result: SessionState },
  'session.state': { params: none, result: SessionState },
  'session.setLanguage': { params: z.object({ lang: Lang }).strict(), result: SessionState },
  /** The resident touched the screen (the renderer throttles it). */
  'session.activity': { params: none, result: SessionState },
  /** "Tôi cần thêm thời gian" — restarts the idle clock, any number of times. */
  'session.extend': { params: none, result: SessionState },
  'session.end': { params: z.object({ reason: z.enum(['finished', 'cancelled']) }).strict(), result: z.object({ ended: z.boolean() }) },
  /**
   * Draft answers live only in the session, and are wiped with it. `value`: a string, an address, or
   * (for a repeating group, saved whole under the group's id) the list of its instances.
   */
  'form.saveAnswer': {
    params: z.object({ serviceCode: z.string().max(32), questionId: z.string().max(64), value: AnswerValue }).strict(),
    result: z.object({ saved: z.literal(true) }),
  },
  'form.draft': { params: z.object({ serviceCode: z.string().max(32) }).strict(), result: z.object({ answers: Answers }) },
  'application.submit': {
    params: z
      .object({
        serviceCode: z.string().max(32),
        answers: Answers,
        consent: z.literal(true),
        /** How the result is received (issue 16): at the desk (default) or by post to an address in the 2025 units. */
        delivery: Delivery.optional(),
      })
      .strict(),
    result: Submitted,
  },
  'application.track': {
    /** `pin`: the tracking PIN printed on the receipt (issue 17); checked by the kiosk for its own applications and by the hub. */
    params: z.object({ code: ApplicationCode, pin: z.string().regex(/^\d{8}$/).optional() }).strict(),
    result: z.object({
      found: z.boolean(),
      serviceName: Localized.nullable(),
      timeline: z.array(TimelineEntry),
      /** 'hub': the ward's answer; 'local': the kiosk's own record (mayBeOutdated when the hub could not be asked). */
      source: z.enum(['hub', 'local']).optional(),
      mayBeOutdated: z.boolean().optional(),
      /** The province's side, when the ward's hub is linked to it. */
      official: OfficialTrack.optional(),
      /** A fee the province asked for (national code 6), paid or not as the province says (issue 16). */
      payment: PaymentView.nullable().optional(),
      /** Nothing shown without the tracking PIN printed on the receipt (issue 17): ask for it, then track again with it. */
      pinNeeded: z.boolean().optional(),
    }),
  },
  /**
   * "Cần hỗ trợ": rings the volunteers through the hub when it is reachable
   * ('ringing'); otherwise the request is recorded for staff ('recorded').
   */
  /** The receipt's state now (the confirmation page asks once, then follows `receipt.status`). */
  'receipt.state': {
    params: z.object({ code: ApplicationCode }).strict(),
    result: z.object({ code: z.string(), state: ReceiptState, reason: z.string().nullable(), message: Localized.nullable() }),
  },
  'help.request': {
    params: z.object({ screen: z.string().max(64) }).strict(),
    result: z.object({ requestId: z.string(), status: z.enum(['recorded', 'ringing']), request: KioskRequestView.nullable() }),
  },
  /** A message of the help channel to the hub (the services add seq); false when the hub is not reachable now (it is resent on reconnect). */
  'help.send': { params: z.object({ message: HelpOutbound }).strict(), result: z.object({ sent: z.boolean() }) },
  /** A part of the screenshot staff asked for (rrweb events, masked in the renderer); `last` closes it. */
  'fleet.screenshotPart': {
    params: z.object({ requestId: z.uuid(), events: z.array(RrwebEvent).max(500), last: z.boolean() }).strict(),
    result: z.object({ accepted: z.boolean() }),
  },
  /** ICE servers for the call's RTCPeerConnection (the hub's TURN with short-lived credentials; empty without one). */
  'help.iceServers': {
    params: none,
    result: z.object({ iceServers: z.array(z.object({ urls: z.array(z.string().max(256)).min(1).max(8), username: z.string().max(256), credential: z.string().max(256) }).strict()).max(8) }),
  },
  /** The help channel as it is now (after a reload the renderer resyncs from here). */
  'help.state': { params: none, result: z.object({ hub: z.enum(['none', 'connecting', 'connected']), request: KioskRequestView.nullable() }) },
  /**
   * The screen the resident sees now, for the staff console's "Màn hình hiện tại" (a name such as
   * `service:1.001193` — never a resident's data). Sent by the renderer as a screen opens.
   */
  'ui.screen': { params: z.object({ screen: ScreenName }).strict(), result: z.object({ ok: z.literal(true) }) },
  'feedback.submit': {
    params: z.object({ rating: z.number().int().min(1).max(5), serviceCode: z.string().max(32).nullable() }).strict(),
    result: z.object({ saved: z.literal(true) }),
  },
  /**
   * The resident agrees (or not) that the kiosk reads their ID card to fill the form
   * ("Kiosk sẽ đọc thẻ để điền giúp; không lưu lại sau khi bạn rời đi"). Without it,
   * scans are ignored. The reading lives in the session only.
   */
  'idcard.consent': {
    params: z.object({ allow: z.boolean() }).strict(),
    /** `camera`: the kiosk has a camera for cards (devices.camera): show the live preview step. */
    result: z.object({ listening: z.boolean(), scanner: z.enum(['connected', 'missing', 'none']), camera: z.boolean() }),
  },
  'idcard.reading': { params: none, result: z.object({ reading: IdCardReading.nullable() }) },
  /** Forget the reading (after the resident confirmed or refused it). */
  'idcard.clear': { params: none, result: z.object({ cleared: z.literal(true) }) },
  /**
   * The reading as the resident confirmed it (each field as shown, perhaps corrected) applied to the
   * form in one call: the services take this session's reading and the catalogue's questions, fill
   * every top-level question the card fills for `person` (the requester by default) in the form's
   * own format, save them in the draft, and forget the reading. E_NOT_FOUND without a reading.
   */
  'idcard.apply': {
    params: z
      .object({
        serviceCode: z.string().max(32),
        person: z.string().max(40).optional(),
        corrections: z.partialRecord(z.enum(['idNumber', 'oldIdNumber', 'fullName', 'fullNameAscii', 'dateOfBirth', 'sex', 'nationality', 'placeOfOrigin', 'placeOfResidence', 'issueDate', 'dateOfExpiry']), z.string().max(200)),
      })
      .strict(),
    /** The answers filled (and saved), by question id. */
    result: z.object({ answers: Answers }),
  },
  /**
   * The ID camera step opens or closes (only in a session, after consent, on a kiosk with a camera).
   * Opening emits `idcard.camera` {open:true}, on which the Electron shell grants the camera; closing
   * (or the session's end) takes it back. E_FORBIDDEN without consent, E_UNAVAILABLE without a camera.
   */
  'idcard.camera': { params: z.object({ open: z.boolean() }).strict(), result: z.object({ open: z.boolean() }) },
  /**
   * One downscaled camera frame (JPEG as base64, at most IDCARD_FRAME_MAX_BASE64 characters), only
   * while the camera step is open. 'scan': the card's QR (zxing-wasm), else its MRZ; 'front': the
   * resident tapped "Chụp mặt trước", so the printed front is OCR'd too (slower). Read off the request
   * path, one frame at a time (a newer scan frame replaces a waiting one: `queued` false when it was
   * dropped instead); results come as `idcard.read` / `idcard.error`. Frames stay in memory and go
   * with the session.
   */
  'idcard.frame': {
    params: z
      .object({
        jpeg: z
          .string()
          .min(64)
          .max(IDCARD_FRAME_MAX_BASE64)
          .regex(/^[A-Za-z0-9+/]+={0,2}$/),
        mode: z.enum(['scan', 'front']),
      })
      .strict(),
    result: z.object({ queued: z.boolean() }),
  },
  /**
   * Voice guidance: the kiosk's offline Vietnamese voice (espeak-ng) reads a
   * screen's heading and instruction. Only UI text is sent — never answers.
   */
  'voice.speak': {
    params: z.object({ text: z.string().trim().min(1).max(400), lang: Lang }).strict(),
    result: z.object({ mime: z.literal('audio/wav'), base64: z.string() }),
  },
  /** Staff exit: the hidden gesture opens a PIN pad; the PIN is checked against the config's scrypt hash. */
  'staff.unlock': {
    // 6 to 12 digits (issue 17, finding 15; kiosk-config MIN_PIN_DIGITS)
    params: z.object({ pin: z.string().regex(/^\d{6,12}$/) }).strict(),
    result: z.object({ unlocked: z.boolean(), retryAfterSeconds: z.number().int().nonnegative() }),
  },
  'staff.exit': { params: none, result: z.object({ exiting: z.boolean() }) },
  /** Enrol this kiosk with the ward's hub: the one-time code staff created in the console (staff only, after the PIN). */
  'staff.enrol': {
    params: z.object({ code: EnrolmentCode }).strict(),
    result: z.object({ enrolled: z.boolean(), reason: z.enum(['bad-code', 'already-enrolled', 'unreachable', 'no-hub', 'refused']).nullable() }),
  },
  /** The pairing code the enrolment screen shows (no PIN: it reveals nothing); updates come as `enrolment.pairing`. */
  'enrolment.pairing': { params: none, result: PairingState },
  ...paperMethods,
} as const;

export type KioskMethod = keyof typeof kioskMethods;
export type ParamsOf<M extends KioskMethod> = z.input<(typeof kioskMethods)[M]['params']>;
export type ResultOf<M extends KioskMethod> = z.output<(typeof kioskMethods)[M]['result']>;
export const KIOSK_METHODS = Object.keys(kioskMethods) as KioskMethod[];

/** Events pushed by the services. */
export const kioskEvents = {
  /** The idle clock ran out: show the countdown dialog. */
  'session.warning': z.object({ secondsLeft: z.number().int().nonnegative(), endsAt: z.number() }),
  /** The resident asked for more time (or touched): hide the dialog. */
  'session.extended': SessionState,
  /** The session ended and everything of it was wiped: go back to welcome. */
  'session.ended': z.object({ reason: EndReason }),
  /** A message of the help channel from the hub (ringing, accepted, signalling, chat, pointer…). */
  'help.event': HelpInbound,
  /** The hub connection changed. */
  'help.connection': z.object({ hub: z.enum(['none', 'connecting', 'connected']) }),
  /** The pairing code changed (a new one after expiry, the hub unreachable, …); once paired, `kiosk.changed` says enrolled. */
  'enrolment.pairing': PairingState,
  /** The card was read (only after consent, only during a session). */
  'idcard.read': IdCardReading,
  /** The card could not be read: a clear reason in Vietnamese ("không phải mã QR của thẻ căn cước", "sai số kiểm tra"). */
  'idcard.error': z.object({ code: z.string(), message: z.string(), messageEn: z.string() }),
  /** The ID camera step opened or closed (the Electron shell grants the camera only while it is open). */
  'idcard.camera': z.object({ open: z.boolean() }),
  /** The papers step's camera opened or closed (the Electron shell grants the camera only while it is open). */
  'papers.camera': z.object({ open: z.boolean() }),
  /** The receipt of an application: printing, printed, or failed with the printer's reason (paper out, cover open…). */
  'receipt.status': z.object({ code: z.string(), state: ReceiptState, reason: z.string().nullable(), message: Localized.nullable() }),
  /** A new config or catalogue was applied (only ever between sessions). */
  'kiosk.changed': KioskInfo,
  /** Staff exit granted: the shell leaves kiosk mode. */
  'staff.exit': z.object({}),
  /** Ward staff asked for a screenshot: send a masked snapshot of the screen with `fleet.screenshotPart`. */
  'fleet.screenshot': z.object({ requestId: z.uuid() }),
} as const;

export type KioskEvent = keyof typeof kioskEvents;
export type PayloadOf<E extends KioskEvent> = z.output<(typeof kioskEvents)[E]>;
export const KIOSK_EVENTS = Object.keys(kioskEvents) as KioskEvent[];

// The error codes, their texts (Vietnamese and English, each in one place) and KioskError: kiosk-errors.ts.
export * from './kiosk-errors.ts';

/** What each carrier hands back for a call. */
export const Envelope = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: KioskErrorShape }),
]);
export type Envelope = z.infer<typeof Envelope>;
