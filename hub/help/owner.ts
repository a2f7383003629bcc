/**
 * The owner of the help queue (issue 18): exactly one hub instance at a time —
 * the holder of the `help` lease — runs the queue's state machine (hub/help/
 * queue.ts) and its timers (ring timeout, escalation, no-answer, call grace).
 * The other instances send it what their sockets say (`help.in`); what it has
 * to say to a party goes out on `help.out`, where the instance holding that
 * party's socket writes it.
 *
 * On taking the lease it loads the open requests from the database (as after a
 * restart), tells every instance it owns the queue and the calls in progress,
 * and they re-announce the parties they hold, so presence is rebuilt.
 *
 * It also remembers which instance holds each party: an instance that stops
 * beating (`alive`) for `deadAfterMs` is taken for dead and its parties as
 * disconnected — a call's other party is told the peer dropped and the call
 * waits `callGraceMs` for them to come back through another instance. An
 * instance heard again after that is asked to re-announce.
 * Layer: hub (node).
 */
import type { HubRepository } from '../db/repository.ts';
import type { ClusterBus } from '../cluster/index.ts';
import { CallChat } from './call-chat.ts';
import { HelpQueue } from './queue.ts';
import type { CallParties, HelpQueueOptions, Result } from './types.ts';
import { HELP_OUT, type HelpIn, type HelpOp, type HelpOut, type ReplyResult } from './wire.ts';

export interface OwnerTimings {
  /** How often an instance says it is alive. */
  beatMs: number;
  /** Silent this long: the instance is taken for dead. */
  deadAfterMs: number;
}

function logEvent(event: string, fields: Record<string, string | number> = {}): void {
  process.stderr.write(`${JSON.stringify({ event, ...fields })}\n`);
}

export class HelpOwner {
  private queue: HelpQueue | null = null;
  /** The last queue this instance ran, kept after it lost the lease or closed (tests check its timers). */
  private last: HelpQueue | null = null;
  private starting: Promise<void> | null = null;
  /** Party key → the instance holding its socket (as last announced). */
  private readonly at = new Map<string, string>();
  private readonly seen = new Map<string, number>();
  private readonly dead = new Set<string>();
  private sweep: NodeJS.Timeout | null = null;
  private generation = 0;
  /** The calls' chat (kept for a party reconnecting elsewhere): wiped when a call ends. */
  private readonly chat: CallChat;

  constructor(
    private readonly repo: HubRepository,
    private readonly bus: ClusterBus,
    private readonly queueOptions: Omit<HelpQueueOptions, 'onCall'>,
    private readonly timings: OwnerTimings,
    private readonly now: () => number,
  ) {
    this.chat = new CallChat(repo.driver);
  }

  /** The queue while this instance owns it (tests, health). */
  current(): HelpQueue | null {
    return this.queue;
  }

  latest(): HelpQueue | null {
    return this.last;
  }

  isReady(): boolean {
    return this.queue !== null && this.starting === null;
  }

  private out(m: HelpOut): void {
    this.bus.publish(HELP_OUT, m).catch((e) => logEvent('hub.help.publish_failed', { kind: m.k, error: (e as Error)?.name ?? 'Error' }));
  }

  /** This instance got the lease: load the open requests, then announce. Resolves when ready. */
  acquire(): Promise<void> {
    if (this.queue) return this.starting ?? Promise.resolve();
    const gen = ++this.generation;
    const queue = new HelpQueue(
      this.repo,
      {
        toKiosk: (id, msg) => this.out({ k: 'deliver', key: `kiosk:${id}`, msg }),
        toUser: (id, msg) => this.out({ k: 'deliver', key: `user:${id}`, msg }),
      },
      {
        ...this.queueOptions,
        onCall: (callId, parties) => {
          if (!parties) this.chat.wipe(callId); // resident data: gone with the call
          this.out(parties ? { k: 'call', call: parties } : { k: 'call.ended', callId });
        },
      },
    );
    this.queue = this.last = queue;
    this.at.clear();
    this.dead.clear();
    this.seen.clear();
    const starting = (async () => {
      await queue.start();
      if (gen !== this.generation) return;
      await this.chat.purgeEnded().catch(() => undefined); // calls that ended while no owner ran
      this.starting = null;
      this.sweep = setInterval(() => this.sweepDead(), this.timings.beatMs);
      this.sweep.unref();
      logEvent('hub.help.owner', { calls: queue.calls().length });
      this.out({ k: 'owner', calls: queue.calls(), reannounce: true });
    })().catch((e) => {
      logEvent('hub.help.owner_start_failed', { error: (e as Error)?.name ?? 'Error' });
      if (gen === this.generation) void this.lose();
      throw e;
    });
    this.starting = starting;
    return starting;
  }

  /** This instance lost the lease (or is closing): stop the queue's timers; the database keeps the state. */
  async lose(): Promise<void> {
    this.generation++;
    const q = this.queue;
    this.queue = null;
    this.starting = null;
    if (this.sweep) clearInterval(this.sweep);
    this.sweep = null;
    this.at.clear();
    await q?.close();
  }

  /** After a gap on the bus: tell every instance again (they resend what is unanswered and re-announce). */
  announce(): void {
    if (this.queue && !this.starting) this.out({ k: 'owner', calls: this.queue.calls(), reannounce: true });
  }

  /** A beat or any message from an instance: it lives. */
  heard(instance: string): void {
    if (!this.queue) return;
    this.seen.set(instance, this.now());
    if (this.dead.delete(instance)) {
      logEvent('hub.help.instance_back');
      this.out({ k: 'reannounce', instance });
    }
  }

  private sweepDead(): void {
    const q = this.queue;
    if (!q || this.starting) return;
    const t = this.now();
    for (const [instance, last] of this.seen) {
      if (instance === this.bus.instanceId || t - last < this.timings.deadAfterMs) continue;
      this.seen.delete(instance);
      this.dead.add(instance);
      let parties = 0;
      for (const [key, where] of [...this.at]) {
        if (where !== instance) continue;
        this.at.delete(key);
        parties++;
        const id = key.slice(key.indexOf(':') + 1);
        void (key.startsWith('kiosk:') ? q.kioskDisconnected(id) : q.volunteerDisconnected(id)).catch(() => undefined);
      }
      logEvent('hub.help.instance_dead', { parties });
    }
  }

  /** An action for the queue, from instance `from` (this one included). */
  async handle(m: HelpIn, from: string): Promise<void> {
    const q = this.queue;
    if (!q) return;
    this.heard(from);
    if (m.body.op === 'who') {
      if (!this.starting) this.out({ k: 'owner', calls: q.calls(), reannounce: false });
      return;
    }
    if (m.to !== this.bus.instanceId) return;
    if (this.starting) await this.starting.catch(() => undefined);
    if (this.queue !== q) return; // lost the lease meanwhile: the sender resends to the next owner
    const reply = (result: ReplyResult): void => this.out({ k: 'reply', instance: from, id: m.id, result });
    const answer = (r: Result<unknown>): void => reply(r.ok ? { ok: true } : { ok: false, code: r.code, message: r.message.slice(0, 300) });
    try {
      await this.run(q, m.body, from, reply, answer);
    } catch (e) {
      if (this.queue !== q) return;
      logEvent('hub.help.op_failed', { op: m.body.op, error: (e as Error)?.name ?? 'Error' });
      reply({ ok: false, code: 'internal', message: 'internal error' });
    }
  }

  /** Records where a party sits; a party that moved has its older socket closed where it was. */
  private place(key: string, from: string): void {
    const before = this.at.get(key);
    this.at.set(key, from);
    if (before && before !== from) this.out({ k: 'moved', key, at: from });
  }

  /** A disconnect counts only from the instance the party was last announced on. */
  private leaves(key: string, from: string): boolean {
    if (this.at.get(key) !== from) return false;
    this.at.delete(key);
    return true;
  }

  private async run(q: HelpQueue, b: HelpOp, from: string, reply: (r: ReplyResult) => void, answer: (r: Result<unknown>) => void): Promise<void> {
    switch (b.op) {
      case 'who':
        return;
      case 'kiosk.connected': {
        const kiosk = b.kiosk;
        this.place(`kiosk:${kiosk.id}`, from);
        return q.kioskConnected(kiosk, () => reply({ ok: true, snapshot: b.snap ? q.kioskSnapshot(kiosk.id) : undefined }));
      }
      case 'kiosk.disconnected':
        if (this.leaves(`kiosk:${b.kioskId}`, from)) await q.kioskDisconnected(b.kioskId);
        return reply({ ok: true });
      case 'user.connected': {
        const user = await this.repo.getUser(b.userId);
        if (!user || user.disabledAt) return reply({ ok: false, code: 'unauthorized', message: 'unknown or disabled user' });
        this.place(`user:${user.id}`, from);
        return q.volunteerConnected(user, () => reply({ ok: true, snapshot: b.snap ? q.consoleSnapshot(user.id) : undefined }));
      }
      case 'user.disconnected':
        if (this.leaves(`user:${b.userId}`, from)) await q.volunteerDisconnected(b.userId);
        return reply({ ok: true });
      case 'request':
        return answer(await q.request(b.kiosk, b.lang, b.screen));
      case 'wait':
        return answer(await q.keepWaiting(b.kioskId, b.requestId));
      case 'callback':
        return answer(await q.leaveCallback(b.kioskId, b.requestId, b.phone));
      case 'cancel':
        return answer(await q.cancel(b.kioskId, b.requestId));
      case 'kiosk.retired':
        this.at.delete(`kiosk:${b.kioskId}`);
        await q.kioskRetired(b.kioskId);
        return reply({ ok: true });
      case 'status':
        return answer(await q.setStatus(b.userId, b.status));
      case 'accept':
        return answer(await q.accept(b.userId, b.requestId));
      case 'decline':
        return answer(await q.decline(b.userId, b.requestId));
      case 'end':
        return answer(await q.endCall(b.kioskId !== null ? { kioskId: b.kioskId } : { userId: b.userId ?? '' }, b.callId, b.note));
      case 'control':
        return answer(q.setControl(b.kioskId, b.callId, b.granted));
    }
  }

  /** Calls in progress (for the owner's announcements). */
  calls(): CallParties[] {
    return this.queue?.calls() ?? [];
  }
}
