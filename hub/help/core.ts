/**
 * The help queue's state and plumbing (hub/help/queue.ts is the whole queue):
 * the open requests and volunteers' presence in memory, the lock that
 * serialises every change, timers that run under it, and what each side is
 * shown (snapshots, a call's parties, counts).
 * Layer: hub (node).
 */
import type { ConsoleCallView, RingView, StatusReason, VolunteerStatus } from '../../common/contract/hub-console.ts';
import type { KioskRequestView } from '../../common/contract/hub-kiosk.ts';
import type { HelpRequestRecord, HubRepository } from '../db/repository.ts';
import type { Active, CallParties, HelpOutlet, HelpQueueOptions, Presence } from './types.ts';
import { consoleCall, kioskView, ringView } from './views.ts';

export abstract class QueueCore {
  protected readonly active = new Map<string, Active>();
  protected readonly presence = new Map<string, Presence>();
  protected readonly kiosksOnline = new Set<string>();
  protected chain: Promise<unknown> = Promise.resolve();
  protected closed = false;

  constructor(
    protected readonly repo: HubRepository,
    protected readonly out: HelpOutlet,
    protected readonly opts: HelpQueueOptions,
  ) {}

  /** Serialises every state change (each may await the database). */
  protected locked<T>(fn: () => Promise<T>): Promise<T> {
    const guarded = () => (this.closed ? Promise.reject(new Error('help queue closed')) : fn());
    const run = this.chain.then(guarded, guarded);
    this.chain = run.catch(() => undefined);
    return run;
  }

  protected later(ms: number, fn: () => Promise<void>): NodeJS.Timeout {
    const t = setTimeout(() => {
      if (this.closed) return;
      this.locked(fn).catch((e) => process.stderr.write(`${JSON.stringify({ event: 'hub.queue.timer_error', message: String((e as Error).message).slice(0, 200) })}\n`));
    }, ms);
    t.unref?.();
    return t;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.chain.catch(() => undefined);
    for (const a of this.active.values()) this.clearTimers(a, true);
  }

  protected newActive(rec: HelpRequestRecord, kioskName: string): Active {
    return {
      rec,
      kioskName,
      tier: 1,
      ringing: new Set(),
      declined: new Set(),
      ringTimer: null,
      escalateTimer: null,
      noAnswer: new Map(),
      volunteer: null,
      controlGranted: false,
      kioskOnline: this.kiosksOnline.has(rec.kioskId),
      volunteerOnline: false,
      graceTimer: null,
    };
  }

  protected clearTimers(a: Active, grace = false): void {
    if (a.ringTimer) clearTimeout(a.ringTimer);
    if (a.escalateTimer) clearTimeout(a.escalateTimer);
    a.ringTimer = a.escalateTimer = null;
    for (const t of a.noAnswer.values()) clearTimeout(t);
    a.noAnswer.clear();
    if (grace && a.graceTimer) {
      clearTimeout(a.graceTimer);
      a.graceTimer = null;
    }
  }

  // ------------------------------------------------------------------ views

  protected viewOf(a: Active): KioskRequestView {
    return kioskView(a, this.opts.wardContacts);
  }

  protected openFor(kioskId: string): Active | null {
    for (const a of this.active.values()) if (a.rec.kioskId === kioskId) return a;
    return null;
  }

  kioskSnapshot(kioskId: string): KioskRequestView | null {
    const a = this.openFor(kioskId);
    return a ? this.viewOf(a) : null;
  }

  consoleSnapshot(userId: string): { status: VolunteerStatus; statusReason: StatusReason | null; ringing: RingView[]; call: ConsoleCallView | null } {
    const p = this.presence.get(userId);
    const ringing: RingView[] = [];
    for (const a of this.active.values()) if (a.ringing.has(userId)) ringing.push(ringView(a));
    const a = p?.callId ? this.active.get(p.callId) : undefined;
    return { status: p?.status ?? 'busy', statusReason: p?.statusReason ?? null, ringing, call: a ? consoleCall(a) : null };
  }

  /** Pending no-answer timers (tests: none may outlive their ring). */
  noAnswerTimers(): number {
    let n = 0;
    for (const a of this.active.values()) n += a.noAnswer.size;
    return n;
  }

  /** The two parties of an accepted call, or null. */
  call(callId: string): CallParties | null {
    const a = this.active.get(callId);
    if (!a || a.rec.state !== 'accepted' || !a.volunteer) return null;
    return { callId, kioskId: a.rec.kioskId, userId: a.volunteer.id, controlGranted: a.controlGranted };
  }

  /** Every call in progress (a new owner of the queue tells the other hub instances). */
  calls(): CallParties[] {
    const out: CallParties[] = [];
    for (const id of this.active.keys()) {
      const c = this.call(id);
      if (c) out.push(c);
    }
    return out;
  }

  /** Ringing / waiting counts, for health and tests. */
  stats(): { open: number; ringing: number; calls: number; volunteersOnline: number } {
    let ringing = 0;
    let calls = 0;
    for (const a of this.active.values()) {
      if (a.rec.state === 'ringing') ringing++;
      if (a.rec.state === 'accepted') calls++;
    }
    return { open: this.active.size, ringing, calls, volunteersOnline: [...this.presence.values()].filter((p) => p.online).length };
  }

}
