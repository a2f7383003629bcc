/**
 * Pieces shared by the two hub contracts (kiosk ↔ hub, consoles ↔ hub).
 *
 * Layer: common — zod only. Every object is strict (extra keys are refused),
 * every string has a length limit, and one WebSocket message is at most
 * MAX_HUB_MESSAGE_BYTES of UTF-8 JSON.
 *
 * Sequencing (both directions): every message carries `seq`.
 *  - client → hub: the client's own counter, strictly increasing per connection
 *    identity; the hub ignores a message whose seq it has already processed
 *    (so a client may resend its unacknowledged messages after a reconnect) and
 *    reports the last one it processed in `welcome.lastClientSeq`.
 *  - hub → client: the hub's counter for that party (per hub `epoch`). On a
 *    reconnect the client sends `hello {epoch, lastServerSeq}`; the hub answers
 *    `welcome`, replays what the client missed (if still buffered) and then
 *    sends a full `snapshot` — the snapshot is always the truth.
 *    `welcome` and `snapshot` carry the current seq without consuming one.
 */
import { z } from 'zod';

/** The largest WebSocket message or HTTP body the hub accepts (bytes). */
export const MAX_HUB_MESSAGE_BYTES = 64 * 1024;
export const HUB_KIOSK_WS_PATH = '/ws/kiosk';
export const HUB_CONSOLE_WS_PATH = '/ws/console';
/**
 * WebSocket close codes the hub uses: 4401 unknown kiosk or wrong secret (the kiosk keeps its secret
 * and retries — the hub's database may come back); 4410 this kiosk was retired by ward staff (the
 * kiosk forgets its secret and shows the enrolment screen).
 */
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_KIOSK_RETIRED = 4410;

export const Seq = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
export const Epoch = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
export const HubLang = z.enum(['vi', 'en']);
export type HubLang = z.infer<typeof HubLang>;

/** A ward: its receiving-agency code (e.g. 000.00.12.H29) or a short slug. */
export const WardId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/);
/** Same rule as kiosk-config's `kiosk.id`. */
export const KioskId = z.string().regex(/^[a-z0-9][a-z0-9-]{2,40}$/);
export const RequestId = z.uuid();
/** A call is identified by the help request it answers (callId === requestId). */
export const CallId = RequestId;
/** Where the resident is (a screen name such as "form:1.000894"), never what they typed. */
export const ScreenName = z.string().regex(/^[A-Za-z0-9._:/-]{1,64}$/);
export const Username = z.string().regex(/^[a-z0-9][a-z0-9._-]{1,31}$/);
export const DisplayName = z.string().trim().min(1).max(80);
export const Role = z.enum(['volunteer', 'staff', 'admin']);
export type Role = z.infer<typeof Role>;

export const RequestState = z.enum(['waiting', 'ringing', 'accepted', 'unanswered', 'callback', 'cancelled', 'ended']);
export type RequestState = z.infer<typeof RequestState>;

export const Sdp = z.string().min(1).max(32 * 1024);
export const IceCandidate = z
  .object({
    candidate: z.string().max(1024),
    sdpMid: z.string().max(64).nullable(),
    sdpMLineIndex: z.number().int().min(0).max(64).nullable(),
    usernameFragment: z.string().max(256).nullable(),
  })
  .strict();
export const ChatText = z.string().trim().min(1).max(1000);
/** Volunteer's closing note (their own record; no personal data of the resident). */
export const CallNote = z.string().trim().max(280);
export const Fraction = z.number().min(0).max(1);
export const CssSelector = z.string().min(1).max(256);
/** Phone number for a call back: digits with optional +, spaces, dots, dashes. */
export const Phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 .-]{7,18}$/)
  .refine((p) => {
    const digits = p.replace(/\D/g, '').length;
    return digits >= 9 && digits <= 12;
  }, 'a phone number has 9 to 12 digits');

/** One rrweb event, opaque to the hub (recorded with masking on the kiosk). */
export const RrwebEvent = z
  .object({ type: z.number().int().min(0).max(64), data: z.unknown(), timestamp: z.number(), delay: z.number().optional() })
  .strict();

export const ErrorCode = z.enum([
  'bad_message', // not JSON, unknown type, fails the schema
  'too_large', // over MAX_HUB_MESSAGE_BYTES
  'rate_limited',
  'hello_first',
  'unauthorized',
  'forbidden', // not your call, not your ward, not granted
  'not_found',
  'conflict', // wrong state for this action
  'already_taken',
  'not_available',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The hub's refusal of one message; the connection stays open. */
export const HubError = z
  .object({
    type: z.literal('error'),
    seq: Seq,
    code: ErrorCode,
    message: z.string().max(200),
    /** The client seq and type of the refused message, when they could be read. */
    refSeq: Seq.nullable(),
    refType: z.string().max(40).nullable(),
  })
  .strict();

export const Pong = z.object({ type: z.literal('pong'), seq: Seq, at: z.number() }).strict();
export const Ping = z.object({ type: z.literal('ping'), seq: Seq }).strict();

export const Welcome = z
  .object({
    type: z.literal('welcome'),
    seq: Seq,
    epoch: Epoch,
    /** The last client seq the hub processed for this party. */
    lastClientSeq: Seq,
    /** true: the missed messages follow (then the snapshot); false: only the snapshot. */
    resumed: z.boolean(),
    replayed: z.number().int().nonnegative(),
  })
  .strict();

/** Signalling relayed between the two parties of a call (same shape both ways; the hub adds nothing but seq). */
export const RtcOffer = z.object({ type: z.literal('rtc.offer'), seq: Seq, callId: CallId, sdp: Sdp }).strict();
export const RtcAnswer = z.object({ type: z.literal('rtc.answer'), seq: Seq, callId: CallId, sdp: Sdp }).strict();
export const RtcIce = z.object({ type: z.literal('rtc.ice'), seq: Seq, callId: CallId, candidate: IceCandidate.nullable() }).strict();
/** "Please restart ICE" (network change): the receiver renegotiates with iceRestart. */
export const RtcRestart = z.object({ type: z.literal('rtc.restart'), seq: Seq, callId: CallId }).strict();

export const Party = z.enum(['kiosk', 'volunteer']);
export type Party = z.infer<typeof Party>;

/** Chat line as delivered by the hub. */
export const ChatDelivered = z
  .object({ type: z.literal('chat'), seq: Seq, callId: CallId, from: Party, text: ChatText, at: z.number() })
  .strict();
export const CallEnded = z
  .object({
    type: z.literal('call.ended'),
    seq: Seq,
    callId: CallId,
    by: z.enum(['kiosk', 'volunteer', 'timeout']),
  })
  .strict();
/** The other party of the call dropped or came back (a call survives a short drop). */
export const PeerStatus = z.object({ type: z.literal('peer'), seq: Seq, callId: CallId, online: z.boolean() }).strict();

/** `Omit<'seq'>` for each member of a union (what server code builds before the hub numbers it). */
export type Unsequenced<T> = T extends unknown ? Omit<T, 'seq'> : never;
