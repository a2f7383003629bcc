/**
 * The help desk of one hub instance (issue 18): what the WebSocket gateway
 * talks to, whichever instance owns the queue.
 *
 *   gateway ──action──▶ desk ──help.in──▶ owner (HelpOwner + HelpQueue, one instance)
 *   gateway ◀─deliver── desk ◀─help.out── owner, or another instance relaying a call
 *
 * - Actions (a request, an accept, a party connecting…) go to the owner on
 *   `help.in`, addressed to it; its reply comes back on `help.out`. Until an
 *   owner is known they wait here, in order; when a new owner announces itself
 *   every unanswered action is sent again to it (the actions are safe to
 *   repeat: a repeated request gets the open one, a repeated hang-up "no such
 *   call"). An action unanswered after `opTimeoutMs` fails with `not_available`.
 * - A party connecting gets its snapshot from the owner in the reply, written
 *   to the socket from the bus handler itself, so everything the owner says to
 *   that party afterwards arrives after it.
 * - The calls in progress are known on every instance (the owner tells each
 *   change before the parties hear of it): signalling, chat, live view and
 *   pointer go straight from the sender's instance to the other party's
 *   instance over `help.out`, never through the owner.
 * - Every instance beats `alive`; an owner silent for `deadAfterMs` is
 *   forgotten (actions wait for the next one, which the lease elects).
 * Layer: hub (node).
 */
import type { HubLang, Unsequenced } from '../../common/contract/hub-common.ts';
import type { HubToConsole, VolunteerStatus } from '../../common/contract/hub-console.ts';
import type { HubToKiosk } from '../../common/contract/hub-kiosk.ts';
import type { HubRepository } from '../db/repository.ts';
import type { ClusterBus, Leases } from '../cluster/index.ts';
import { HelpOwner } from './owner.ts';
import type { HelpQueue, KioskRef } from './queue.ts';
import type { CallParties, HelpQueueOptions, Result } from './types.ts';
import { HELP_IN, HELP_LEASE, HELP_OUT, HelpIn, HelpOut, type HelpOp, type ReplyResult } from './wire.ts';

/** What the desk needs of the instance's sockets (the gateway). */
export interface DeskHost {
  /** Writes a message to the party's socket if this instance holds it (its channel); else nothing. */
  deliver(key: string, msg: { type: string }): void;
  /** The parties whose current socket is on this instance. */
  held(): { key: string; kiosk: KioskRef | null }[];
  /** A fresh snapshot for a party held here (after the queue changed owner). */
  resnapshot(key: string, snapshot: unknown): void;
  /** The party connected to another instance: close its older socket here. */
  drop(key: string): void;
}

export interface DeskTimings {
  /** An action unanswered this long fails (`not_available`). */
  opTimeoutMs: number;
  beatMs: number;
  deadAfterMs: number;
  /** How long start() waits for an owner to be known. */
  startWaitMs: number;
}

export const DEFAULT_DESK_TIMINGS: DeskTimings = { opTimeoutMs: 10_000, beatMs: 1_000, deadAfterMs: 5_000, startWaitMs: 5_000 };

interface Pending {
  body: HelpOp;
  onReply: ((r: ReplyResult) => void) | null;
  /** The owner it was last sent to (null: not sent yet). */
  sentTo: string | null;
  resolve: (r: ReplyResult) => void;
  timer: NodeJS.Timeout;
}

const MOVING: ReplyResult = { ok: false, code: 'not_available', message: 'the help desk is moving to another hub instance; try again' };

function logEvent(event: string, fields: Record<string, string | number> = {}): void {
  process.stderr.write(`${JSON.stringify({ event, ...fields })}\n`);
}

const kioskRef = (k: KioskRef): KioskRef => ({ id: k.id, ward: k.ward, name: k.name });

const toResult = (r: ReplyResult): Result => (r.ok ? { ok: true, value: undefined } : r);

export class HelpDesk {
  readonly owner: HelpOwner;
  private host: DeskHost | null = null;
  private ownerId: string | null = null;
  private readonly pending = new Map<string, Pending>();
  private readonly calls = new Map<string, CallParties>();
  private readonly seen = new Map<string, number>();
  private ownerWaiters: (() => void)[] = [];
  private unsubscribe: (() => void)[] = [];
  private beat: NodeJS.Timeout | null = null;
  private counter = 0;
  private closed = false;

  constructor(
    private readonly repo: HubRepository,
    private readonly bus: ClusterBus,
    private readonly leases: Leases,
    queueOptions: Omit<HelpQueueOptions, 'onCall'>,
    private readonly timings: DeskTimings = DEFAULT_DESK_TIMINGS,
    private readonly now: () => number = Date.now,
  ) {
    this.owner = new HelpOwner(repo, bus, queueOptions, timings, now);
  }

  attach(host: DeskHost): void {
    this.host = host;
  }

  /** The queue, while this instance owns it. */
  localQueue(): HelpQueue | null {
    return this.owner.current();
  }

  /** The instance owning the queue, as far as this one knows. */
  ownerInstance(): string | null {
    return this.ownerId;
  }

  async start(): Promise<void> {
    // Calls already in progress (a restart, a new instance): known before any party speaks.
    for (const r of await this.repo.listRequestsInStates(['accepted'])) {
      if (r.acceptedBy) this.calls.set(r.id, { callId: r.id, kioskId: r.kioskId, userId: r.acceptedBy, controlGranted: false });
    }
    this.unsubscribe.push(
      this.bus.subscribe(HELP_IN, (m, from) => this.fromIn(m, from)),
      this.bus.subscribe(HELP_OUT, (m, from) => this.fromOut(m, from)),
      // Messages may have been lost (the bus's listener reconnected): find the owner again, which
      // resends every unanswered action and re-announces our parties; an owner asks everyone to.
      this.bus.onGap(() => {
        logEvent('hub.help.bus_gap');
        this.ownerId = null;
        this.owner.announce();
        this.ask(true);
      }),
    );
    this.beat = setInterval(() => this.tick(), this.timings.beatMs);
    this.beat.unref();
    this.leases.hold(HELP_LEASE, {
      onAcquire: () => void this.owner.acquire().catch(() => undefined),
      onLose: () => {
        if (this.ownerId === this.bus.instanceId) this.ownerId = null;
        void this.owner.lose();
      },
    });
    this.publish(HELP_IN, { id: this.nextId(), to: null, body: { op: 'who' } });
    // Wait (bounded) for an owner — this one when it takes the lease at once (one instance).
    await new Promise<void>((resolve) => {
      if (this.ownerId) return resolve();
      const t = setTimeout(resolve, this.timings.startWaitMs);
      t.unref();
      this.ownerWaiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.beat) clearInterval(this.beat);
    for (const u of this.unsubscribe) u();
    this.unsubscribe = [];
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.resolve(MOVING);
    }
    await this.leases.release(HELP_LEASE).catch(() => undefined);
    await this.owner.lose();
  }

  private nextId(): string {
    return `${this.bus.instanceId}:${++this.counter}`;
  }

  private publish(topic: string, m: HelpIn | HelpOut): void {
    if (this.closed) return;
    this.bus.publish(topic, m).catch((e) => logEvent('hub.help.publish_failed', { topic, error: (e as Error)?.name ?? 'Error' }));
  }

  // ------------------------------------------------------------------ bus

  private fromIn(raw: unknown, from: string): void {
    const m = HelpIn.safeParse(raw);
    if (!m.success) return logEvent('hub.help.bad_bus_message', { topic: HELP_IN });
    if (this.owner.current()) void this.owner.handle(m.data, from);
  }

  private fromOut(raw: unknown, from: string): void {
    const parsed = HelpOut.safeParse(raw);
    if (!parsed.success) return logEvent('hub.help.bad_bus_message', { topic: HELP_OUT });
    const m = parsed.data;
    this.seen.set(from, this.now());
    switch (m.k) {
      case 'deliver':
        return this.host?.deliver(m.key, m.msg);
      case 'reply': {
        if (m.instance !== this.bus.instanceId) return;
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        clearTimeout(p.timer);
        p.onReply?.(m.result);
        return p.resolve(m.result);
      }
      case 'call':
        this.calls.set(m.call.callId, m.call);
        return;
      case 'call.ended':
        this.calls.delete(m.callId);
        return;
      case 'owner':
        return this.newOwner(from, m.calls, m.reannounce);
      case 'moved':
        if (m.at !== this.bus.instanceId) this.host?.drop(m.key);
        return;
      case 'alive':
        this.owner.heard(from);
        if (m.owner && this.ownerId !== from && from !== this.bus.instanceId) this.ask();
        return;
      case 'reannounce':
        if (m.instance === this.bus.instanceId) this.reannounce();
        return;
    }
  }

  private newOwner(from: string, calls: CallParties[], reannounce: boolean): void {
    const changed = this.ownerId !== from;
    this.ownerId = from;
    this.calls.clear();
    for (const c of calls) this.calls.set(c.callId, c);
    for (const w of this.ownerWaiters.splice(0)) w();
    if (!changed && !reannounce) return;
    // Unanswered actions go to the new owner, in the order they were made.
    for (const [id, p] of this.pending) {
      if (p.sentTo === from && !reannounce) continue;
      p.sentTo = from;
      this.publish(HELP_IN, { id, to: from, body: p.body });
    }
    this.reannounce();
  }

  private asked = 0;
  /** Someone beats as owner and it is not the one we know: ask who owns the queue. */
  private ask(force = false): void {
    const t = this.now();
    if (!force && t - this.asked < this.timings.beatMs) return;
    this.asked = t;
    this.publish(HELP_IN, { id: this.nextId(), to: null, body: { op: 'who' } });
  }

  private tick(): void {
    this.publish(HELP_OUT, { k: 'alive', owner: this.owner.isReady() });
    const o = this.ownerId;
    if (o && o !== this.bus.instanceId && this.now() - (this.seen.get(o) ?? 0) > this.timings.deadAfterMs) {
      logEvent('hub.help.owner_silent');
      this.ownerId = null; // actions wait for the next owner
    }
  }

  /** The parties held here, announced again to the (new) owner; each gets a fresh snapshot. */
  private reannounce(): void {
    for (const h of this.host?.held() ?? []) {
      const body: HelpOp = h.kiosk ? { op: 'kiosk.connected', kiosk: kioskRef(h.kiosk), snap: true } : { op: 'user.connected', userId: h.key.slice('user:'.length), snap: true };
      void this.op(body, (r) => {
        if (r.ok) this.host?.resnapshot(h.key, r.snapshot ?? null);
      });
    }
  }

  /** Sends an action to the owner (or keeps it until one is known); resolves with its reply. */
  private op(body: HelpOp, onReply: ((r: ReplyResult) => void) | null = null): Promise<ReplyResult> {
    if (this.closed) return Promise.resolve(MOVING);
    const id = this.nextId();
    return new Promise<ReplyResult>((resolve) => {
      const timer = setTimeout(() => {
        if (!this.pending.delete(id)) return;
        logEvent('hub.help.op_timeout', { op: body.op });
        resolve(MOVING);
      }, this.timings.opTimeoutMs);
      timer.unref();
      this.pending.set(id, { body, onReply, resolve, timer, sentTo: this.ownerId });
      if (this.ownerId) this.publish(HELP_IN, { id, to: this.ownerId, body });
    });
  }

  // ------------------------------------------------------------------ for the gateway

  /** The parties of a call in progress, or null. */
  call(callId: string): CallParties | null {
    return this.calls.get(callId) ?? null;
  }

  /** A message for a party wherever its socket is (a call's relay: signalling, chat, live view, pointer). */
  toKiosk(kioskId: string, msg: Unsequenced<HubToKiosk>): void {
    this.publish(HELP_OUT, { k: 'deliver', key: `kiosk:${kioskId}`, msg });
  }

  toUser(userId: string, msg: Unsequenced<HubToConsole>): void {
    this.publish(HELP_OUT, { k: 'deliver', key: `user:${userId}`, msg });
  }

  /** A kiosk's socket said hello: `onSnapshot` runs with the owner's snapshot before anything newer arrives. */
  async kioskConnected(kiosk: KioskRef, onSnapshot: (snapshot: unknown) => void): Promise<Result> {
    return toResult(await this.op({ op: 'kiosk.connected', kiosk: kioskRef(kiosk), snap: true }, (r) => r.ok && onSnapshot(r.snapshot ?? null)));
  }

  async volunteerConnected(userId: string, onSnapshot: (snapshot: unknown) => void): Promise<Result> {
    return toResult(await this.op({ op: 'user.connected', userId, snap: true }, (r) => r.ok && onSnapshot(r.snapshot ?? null)));
  }

  async kioskDisconnected(kioskId: string): Promise<void> {
    await this.op({ op: 'kiosk.disconnected', kioskId });
  }

  async volunteerDisconnected(userId: string): Promise<void> {
    await this.op({ op: 'user.disconnected', userId });
  }

  async request(kiosk: KioskRef, lang: HubLang, screen: string): Promise<Result> {
    return toResult(await this.op({ op: 'request', kiosk: kioskRef(kiosk), lang, screen }));
  }

  async keepWaiting(kioskId: string, requestId: string): Promise<Result> {
    return toResult(await this.op({ op: 'wait', kioskId, requestId }));
  }

  async leaveCallback(kioskId: string, requestId: string, phone: string): Promise<Result> {
    return toResult(await this.op({ op: 'callback', kioskId, requestId, phone }));
  }

  async cancel(kioskId: string, requestId: string): Promise<Result> {
    return toResult(await this.op({ op: 'cancel', kioskId, requestId }));
  }

  async kioskRetired(kioskId: string): Promise<void> {
    await this.op({ op: 'kiosk.retired', kioskId });
  }

  async setStatus(userId: string, status: VolunteerStatus): Promise<Result> {
    return toResult(await this.op({ op: 'status', userId, status }));
  }

  async accept(userId: string, requestId: string): Promise<Result> {
    return toResult(await this.op({ op: 'accept', userId, requestId }));
  }

  async decline(userId: string, requestId: string): Promise<Result> {
    return toResult(await this.op({ op: 'decline', userId, requestId }));
  }

  async endCall(party: { kioskId: string } | { userId: string }, callId: string, note: string | null): Promise<Result> {
    const body: HelpOp = 'kioskId' in party ? { op: 'end', kioskId: party.kioskId, userId: null, callId, note: null } : { op: 'end', kioskId: null, userId: party.userId, callId, note };
    return toResult(await this.op(body));
  }

  async setControl(kioskId: string, callId: string, granted: boolean): Promise<Result> {
    return toResult(await this.op({ op: 'control', kioskId, callId, granted }));
  }
}
