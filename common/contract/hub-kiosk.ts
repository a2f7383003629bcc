/**
 * Kiosk ↔ hub: the enrolment HTTP call and the kiosk's WebSocket (HUB_KIOSK_WS_PATH).
 *
 * Layer: common — zod only. Sequencing and limits: see hub-common.ts.
 * The kiosk authenticates with the first message (`hello` with its id and the
 * device secret it got at enrolment). Nothing here carries personal data:
 * the help request names a language and a screen; the phone number of a
 * call-back request is the one exception, kept by the hub only until done.
 */
import { z } from 'zod';
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

/** `Authorization` header value for a kiosk's HTTP calls (e.g. GET /api/turn). */
export function kioskAuthorization(kioskId: string, secret: string): string {
  return `Kiosk ${kioskId}:${secret}`;
}

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

export const KioskToHub = z.discriminatedUnion('type', [
  KioskHello,
  Ping,
  /** The resident tapped "Cần hỗ trợ". One open request per kiosk: a repeat returns the open one. */
  z.object({ type: z.literal('help.request'), seq: Seq, lang: HubLang, screen: ScreenName }).strict(),
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
]);
export type HubToKiosk = z.infer<typeof HubToKiosk>;
