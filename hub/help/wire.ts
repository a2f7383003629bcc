/**
 * What hub instances tell each other about help (issue 18), checked with zod
 * when it arrives from the bus (another instance is still outside this one).
 *
 *   `help.in`  — an action for the owner of the help queue (the instance holding
 *                the `help` lease): a party connected or left, a request, an
 *                accept, a hang-up… Addressed to one owner by its instance id
 *                (`who` to any), answered on `help.out` with `reply`.
 *   `help.out` — to every instance: a message for a party (each instance writes
 *                it to the socket it holds, if any), a reply, the calls in
 *                progress (so any instance can relay a call's signalling at
 *                once), the owner's announcement, and liveness beats.
 *
 * The party messages carried inside (`msg`) and the snapshots are the hub's own
 * contract messages, built by the owner; the clients check them against the
 * contract again. Layer: hub (node).
 */
import { z } from 'zod';
import { ErrorCode, HubLang } from '../../common/contract/hub-common.ts';
import { VolunteerStatus } from '../../common/contract/hub-console.ts';

export const HELP_IN = 'help.in';
export const HELP_OUT = 'help.out';
export const HELP_LEASE = 'help';

const Id = z.string().min(1).max(120);
const Text = z.string().max(4000);
const KioskRef = z.object({ id: Id, ward: z.string().max(40), name: z.string().max(200) }).strict();

/** An action for the queue's owner. `snap`: answer with the party's snapshot. */
export const HelpOp = z.discriminatedUnion('op', [
  z.object({ op: z.literal('who') }).strict(),
  z.object({ op: z.literal('kiosk.connected'), kiosk: KioskRef, snap: z.boolean() }).strict(),
  z.object({ op: z.literal('kiosk.disconnected'), kioskId: Id }).strict(),
  z.object({ op: z.literal('user.connected'), userId: Id, snap: z.boolean() }).strict(),
  z.object({ op: z.literal('user.disconnected'), userId: Id }).strict(),
  z.object({ op: z.literal('request'), kiosk: KioskRef, lang: HubLang, screen: z.string().max(200) }).strict(),
  z.object({ op: z.literal('wait'), kioskId: Id, requestId: Id }).strict(),
  z.object({ op: z.literal('callback'), kioskId: Id, requestId: Id, phone: z.string().max(40) }).strict(),
  z.object({ op: z.literal('cancel'), kioskId: Id, requestId: Id }).strict(),
  z.object({ op: z.literal('kiosk.retired'), kioskId: Id }).strict(),
  z.object({ op: z.literal('status'), userId: Id, status: VolunteerStatus }).strict(),
  z.object({ op: z.literal('accept'), userId: Id, requestId: Id }).strict(),
  z.object({ op: z.literal('decline'), userId: Id, requestId: Id }).strict(),
  z.object({ op: z.literal('end'), kioskId: Id.nullable(), userId: Id.nullable(), callId: Id, note: Text.nullable() }).strict(),
  z.object({ op: z.literal('control'), kioskId: Id, callId: Id, granted: z.boolean() }).strict(),
]);
export type HelpOp = z.infer<typeof HelpOp>;

/** `to`: the owner it is meant for (null: whoever owns the queue, for `who`). */
export const HelpIn = z.object({ id: Id, to: Id.nullable(), body: HelpOp }).strict();
export type HelpIn = z.infer<typeof HelpIn>;

export const CallPartiesWire = z.object({ callId: Id, kioskId: Id, userId: Id, controlGranted: z.boolean() }).strict();

const PartyKey = z.string().regex(/^(kiosk|user):[^\s]{1,120}$/);

export const ReplyResult = z.union([
  z.object({ ok: z.literal(true), snapshot: z.unknown().optional() }).strict(),
  z.object({ ok: z.literal(false), code: ErrorCode, message: z.string().max(300) }).strict(),
]);
export type ReplyResult = z.infer<typeof ReplyResult>;

export const HelpOut = z.discriminatedUnion('k', [
  /** For one party: written to its socket by the instance that holds it. */
  z.object({ k: z.literal('deliver'), key: PartyKey, msg: z.object({ type: z.string().max(40) }).passthrough() }).strict(),
  z.object({ k: z.literal('reply'), instance: Id, id: Id, result: ReplyResult }).strict(),
  /** A call started or changed (control granted/revoked); `ended`: it is over. */
  z.object({ k: z.literal('call'), call: CallPartiesWire }).strict(),
  z.object({ k: z.literal('call.ended'), callId: Id }).strict(),
  /** The sender owns the queue now (every call in progress): instances re-announce their parties. */
  z.object({ k: z.literal('owner'), calls: z.array(CallPartiesWire).max(100_000), reannounce: z.boolean() }).strict(),
  /** The party now sits on instance `at`: an older socket elsewhere closes. */
  z.object({ k: z.literal('moved'), key: PartyKey, at: Id }).strict(),
  /** Liveness: every instance, every beat. */
  z.object({ k: z.literal('alive'), owner: z.boolean() }).strict(),
  /** The owner had given `instance` up for dead, and hears it again: announce your parties. */
  z.object({ k: z.literal('reannounce'), instance: Id }).strict(),
]);
export type HelpOut = z.infer<typeof HelpOut>;
