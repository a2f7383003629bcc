/**
 * The help queue: requests from kiosks, rings to volunteers, calls.
 *
 *   waiting ──ring──▶ ringing ──accept──▶ accepted ──end──▶ ended
 *      ▲                 │  (ringTimeoutMs)
 *      └──help.wait── unanswered ──help.callback──▶ callback
 *   any open state ──help.cancel──▶ cancelled
 *
 * Ringing goes in tiers: (1) same ward and speaks the language, (2) same ward
 * or speaks the language, (3) anyone available. A tier with nobody to ring is
 * skipped at once; otherwise the next tier joins after `escalateMs`. The first
 * accept wins: a conditional UPDATE in the database (so two hubs sharing
 * PostgreSQL could not both win) under an in-process lock.
 *
 * No answer: a volunteer rung for one request `noAnswerMs` without accepting
 * or declining is taken out of rotation — every ring withdrawn
 * (`ring.cancel no_answer`), status `away` (Tạm vắng) pushed with the reason,
 * audited — and the request carries on as after a decline. One timer per
 * (request, volunteer) ring, cleared whenever that ring ends.
 *
 * The database holds every request; after a restart the open ones are loaded:
 * waiting/ringing ones ring again as volunteers reconnect, calls wait
 * `callGraceMs` for their parties to come back.
 *
 * One hub instance runs the queue at a time — the holder of the `help` lease
 * (hub/help/owner.ts); every instance's sockets reach it through its help desk
 * (hub/help/desk.ts), and what it says goes out on the bus to the instance
 * holding the party's socket (docs/hub.md, "Help across instances").
 *
 * Slices: core.ts (state, lock, timers, views), ringing.ts (tiers, no-answer,
 * ring timeout), this file (the actions of each side and the call).
 * Transport-agnostic: messages go out through a HelpOutlet. Layer: hub (node).
 */
import { randomUUID } from 'node:crypto';
import type { HubLang } from '../../common/contract/hub-common.ts';
import type { ConsoleCallView, VolunteerStatus } from '../../common/contract/hub-console.ts';
import type { KioskRequestView } from '../../common/contract/hub-kiosk.ts';
import { OPEN_STATES, type HelpRequestRecord, type KioskRecord, type UserRecord } from '../db/repository.ts';
import { RingingQueue } from './ringing.ts';
import { no, ok, type Active, type CallParties, type Result } from './types.ts';
import { consoleCall, kioskCall } from './views.ts';

/** What the queue needs to know of a kiosk. */
export type KioskRef = Pick<KioskRecord, 'id' | 'ward' | 'name'>;

export type { CallParties, HelpOutlet, HelpQueueOptions, Result, WardContact } from './types.ts';

export class HelpQueue extends RingingQueue {
  /** Loads the open requests of a previous run. */
  async start(): Promise<void> {
    const open = await this.repo.listRequestsInStates(OPEN_STATES);
    const now = this.opts.now();
    const retired = new Set<string>();
    for (const rec of open) {
      const kiosk = await this.repo.getKiosk(rec.kioskId);
      // Retired while its `kiosk.retired` was on the way to an owner that died: withdrawn below.
      if (!kiosk && (await this.repo.kioskRetirement(rec.kioskId))) retired.add(rec.kioskId);
      const a = this.newActive(rec, kiosk?.name ?? rec.kioskId);
      if (rec.state === 'ringing') {
        await this.repo.transition(rec.id, ['ringing'], 'waiting', now);
        rec.state = 'waiting';
      }
      if (rec.state === 'waiting') a.ringTimer = this.later(this.opts.ringTimeoutMs, () => this.unanswered(a));
      if (rec.state === 'accepted' && rec.acceptedBy) {
        const u = await this.repo.getUser(rec.acceptedBy);
        a.volunteer = u ? { id: u.id, displayName: u.displayName, languages: u.languages } : null;
        this.checkGrace(a);
      }
      this.active.set(rec.id, a);
    }
    for (const id of retired) await this.kioskRetired(id);
  }

  // ------------------------------------------------------------------ kiosk side

  kioskConnected(kiosk: KioskRef, sendSnapshot: () => void): Promise<void> {
    return this.locked(async () => {
      this.kiosksOnline.add(kiosk.id);
      const a = this.openFor(kiosk.id);
      if (a) {
        a.kioskName = kiosk.name;
        a.kioskOnline = true;
        if (a.rec.state === 'accepted' && a.volunteer) this.out.toUser(a.volunteer.id, { type: 'peer', callId: a.rec.id, online: true });
        this.checkGrace(a);
      }
      sendSnapshot();
    });
  }

  kioskDisconnected(kioskId: string): Promise<void> {
    return this.locked(async () => {
      this.kiosksOnline.delete(kioskId);
      const a = this.openFor(kioskId);
      if (!a) return;
      a.kioskOnline = false;
      if (a.rec.state === 'accepted' && a.volunteer) {
        this.out.toUser(a.volunteer.id, { type: 'peer', callId: a.rec.id, online: false });
        this.checkGrace(a);
      }
    });
  }

  /** A resident asks for help. One open request per kiosk: a repeat gets the open one. */
  request(kiosk: KioskRef, lang: HubLang, screen: string): Promise<Result<KioskRequestView>> {
    return this.locked(async () => {
      const existing = this.openFor(kiosk.id);
      if (existing) {
        const view = this.viewOf(existing);
        this.out.toKiosk(kiosk.id, { type: 'help.queued', request: view });
        return ok(view);
      }
      const now = this.opts.now();
      const rec: HelpRequestRecord = {
        id: randomUUID(),
        kioskId: kiosk.id,
        ward: kiosk.ward,
        lang,
        screen,
        state: 'waiting',
        attempt: 1,
        createdAt: now,
        updatedAt: now,
        firstRungAt: null,
        acceptedAt: null,
        acceptedBy: null,
        endedAt: null,
        endedBy: null,
        note: null,
      };
      await this.repo.insertRequest(rec);
      const a = this.newActive(rec, kiosk.name);
      a.kioskOnline = true;
      this.active.set(rec.id, a);
      this.startAttempt(a);
      await this.ringRound(a);
      const view = this.viewOf(a);
      this.out.toKiosk(kiosk.id, { type: 'help.queued', request: view });
      this.opts.audit({ actor: `kiosk:${kiosk.id}`, action: 'help.request', target: rec.id, detail: `lang=${lang} ringing=${a.ringing.size}` });
      return ok(view);
    });
  }

  private ownRequest(kioskId: string, requestId: string): Result<Active> {
    const a = this.active.get(requestId);
    if (!a) return no('not_found', 'no such open request');
    if (a.rec.kioskId !== kioskId) return no('forbidden', 'not this kiosk’s request');
    return ok(a);
  }

  /** After `help.unanswered`: ring again (a new attempt). */
  keepWaiting(kioskId: string, requestId: string): Promise<Result<KioskRequestView>> {
    return this.locked(async () => {
      const r = this.ownRequest(kioskId, requestId);
      if (!r.ok) return r;
      const a = r.value;
      if (a.rec.state === 'waiting' || a.rec.state === 'ringing') return ok(this.viewOf(a));
      if (a.rec.state !== 'unanswered') return no('conflict', `request is ${a.rec.state}`);
      const attempt = a.rec.attempt + 1;
      if (!(await this.repo.transition(a.rec.id, ['unanswered'], 'waiting', this.opts.now(), { attempt }))) return no('conflict', 'request changed');
      a.rec.state = 'waiting';
      a.rec.attempt = attempt;
      this.startAttempt(a);
      await this.ringRound(a);
      const view = this.viewOf(a);
      this.out.toKiosk(kioskId, { type: 'help.queued', request: view });
      this.opts.audit({ actor: `kiosk:${kioskId}`, action: 'help.wait', target: a.rec.id, detail: `attempt=${attempt}` });
      return ok(view);
    });
  }

  /** The resident leaves a phone number; the request leaves the live queue. */
  leaveCallback(kioskId: string, requestId: string, phone: string): Promise<Result> {
    return this.locked(async () => {
      const r = this.ownRequest(kioskId, requestId);
      if (!r.ok) return r;
      const a = r.value;
      if (!['waiting', 'ringing', 'unanswered'].includes(a.rec.state)) return no('conflict', `request is ${a.rec.state}`);
      const now = this.opts.now();
      if (!(await this.repo.transition(a.rec.id, ['waiting', 'ringing', 'unanswered'], 'callback', now))) return no('conflict', 'request changed');
      await this.repo.insertCallback({ id: randomUUID(), requestId: a.rec.id, kioskId, ward: a.rec.ward, lang: a.rec.lang, phone, createdAt: now });
      this.clearTimers(a, true);
      this.cancelRings(a, 'callback');
      a.rec.state = 'callback';
      this.active.delete(a.rec.id);
      this.out.toKiosk(kioskId, { type: 'help.callback.recorded', requestId: a.rec.id });
      this.opts.audit({ actor: `kiosk:${kioskId}`, action: 'help.callback', target: a.rec.id, detail: null });
      return ok(undefined);
    });
  }

  cancel(kioskId: string, requestId: string): Promise<Result> {
    return this.locked(async () => {
      const r = this.ownRequest(kioskId, requestId);
      if (!r.ok) return r;
      const a = r.value;
      if (a.rec.state === 'accepted') return this.endCallLocked(a, 'kiosk', null);
      if (!(await this.repo.transition(a.rec.id, ['waiting', 'ringing', 'unanswered'], 'cancelled', this.opts.now()))) return no('conflict', 'request changed');
      this.clearTimers(a, true);
      this.cancelRings(a, 'cancelled');
      a.rec.state = 'cancelled';
      this.active.delete(a.rec.id);
      this.out.toKiosk(kioskId, { type: 'help.cancelled', requestId: a.rec.id });
      this.opts.audit({ actor: `kiosk:${kioskId}`, action: 'help.cancel', target: a.rec.id, detail: null });
      return ok(undefined);
    });
  }

  /**
   * Ward staff retired the kiosk: its open request will never be answered by anyone at that
   * kiosk. A waiting or ringing one is withdrawn (rings cancelled), a call in progress ends.
   */
  kioskRetired(kioskId: string): Promise<void> {
    return this.locked(async () => {
      this.kiosksOnline.delete(kioskId);
      const a = this.openFor(kioskId);
      if (!a) return;
      if (a.rec.state === 'accepted') {
        await this.endCallLocked(a, 'kiosk', null);
      } else if (await this.repo.transition(a.rec.id, ['waiting', 'ringing', 'unanswered'], 'cancelled', this.opts.now())) {
        this.clearTimers(a, true);
        this.cancelRings(a, 'cancelled');
        a.rec.state = 'cancelled';
        this.active.delete(a.rec.id);
      }
      this.opts.audit({ actor: 'hub', action: 'help.cancel', target: a.rec.id, detail: 'kiosk_retired' });
    });
  }

  // ------------------------------------------------------------------ volunteer side

  /** Marks the volunteer online, sends their snapshot, then rings them for what waits. */
  volunteerConnected(user: UserRecord, sendSnapshot: () => void): Promise<void> {
    return this.locked(async () => {
      let p = this.presence.get(user.id);
      if (!p) {
        p = { user, online: true, status: user.available ? 'available' : 'busy', statusReason: null, callId: null };
        this.presence.set(user.id, p);
      }
      p.online = true;
      for (const a of this.active.values()) {
        if (a.rec.state === 'accepted' && a.volunteer?.id === user.id) {
          p.callId = a.rec.id;
          a.volunteerOnline = true;
          this.out.toKiosk(a.rec.kioskId, { type: 'peer', callId: a.rec.id, online: true });
          this.checkGrace(a);
        }
      }
      sendSnapshot();
      if (p.status === 'available' && !p.callId) await this.ringAll();
    });
  }

  volunteerDisconnected(userId: string): Promise<void> {
    return this.locked(async () => {
      const p = this.presence.get(userId);
      if (!p) return;
      p.online = false;
      await this.unring(userId, false);
      const a = p.callId ? this.active.get(p.callId) : undefined;
      if (a) {
        a.volunteerOnline = false;
        this.out.toKiosk(a.rec.kioskId, { type: 'peer', callId: a.rec.id, online: false });
        this.checkGrace(a);
      }
    });
  }

  /** Sẵn sàng / Bận / Tạm vắng, the volunteer's own choice (Sẵn sàng after `away` puts them back in rotation). */
  setStatus(userId: string, status: VolunteerStatus): Promise<Result<VolunteerStatus>> {
    return this.locked(async () => {
      const p = this.presence.get(userId);
      if (!p) return no('not_found', 'not connected');
      p.status = status;
      p.statusReason = null;
      p.user.available = status === 'available';
      await this.repo.setUserAvailable(userId, status === 'available');
      this.out.toUser(userId, { type: 'status', status });
      if (status !== 'available') await this.unring(userId, true);
      else if (!p.callId) await this.ringAll();
      return ok(status);
    });
  }

  accept(userId: string, requestId: string): Promise<Result<ConsoleCallView>> {
    return this.locked(async () => {
      const a = this.active.get(requestId);
      const p = this.presence.get(userId);
      if (!a) return no('not_found', 'no such open request');
      if (a.rec.state === 'accepted') return no('already_taken', 'another volunteer took it');
      if (a.rec.state !== 'waiting' && a.rec.state !== 'ringing') return no('conflict', `request is ${a.rec.state}`);
      if (!a.ringing.has(userId) || !p) return no('forbidden', 'this request is not ringing for you');
      if (p.callId) return no('not_available', 'one call at a time');
      const now = this.opts.now();
      if (!(await this.repo.transition(a.rec.id, ['waiting', 'ringing'], 'accepted', now, { acceptedAt: now, acceptedBy: userId }))) {
        return no('already_taken', 'another volunteer took it');
      }
      this.clearTimers(a);
      this.cancelRings(a, 'taken', userId);
      a.rec.state = 'accepted';
      a.rec.acceptedAt = now;
      a.rec.acceptedBy = userId;
      a.volunteer = { id: userId, displayName: p.user.displayName, languages: p.user.languages };
      a.volunteerOnline = p.online;
      a.kioskOnline = this.kiosksOnline.has(a.rec.kioskId);
      a.controlGranted = false;
      p.callId = a.rec.id;
      await this.unring(userId, true);
      this.opts.onCall?.(a.rec.id, this.call(a.rec.id));
      const view = consoleCall(a);
      this.out.toUser(userId, { type: 'call.started', call: view });
      this.out.toKiosk(a.rec.kioskId, { type: 'help.accepted', requestId: a.rec.id, call: kioskCall(a) });
      this.opts.audit({ actor: `user:${p.user.username}`, action: 'call.join', target: a.rec.id, detail: `kiosk=${a.rec.kioskId} waitedMs=${now - a.rec.createdAt}` });
      this.checkGrace(a);
      return ok(view);
    });
  }

  decline(userId: string, requestId: string): Promise<Result> {
    return this.locked(async () => {
      const a = this.active.get(requestId);
      if (!a || !this.stopRinging(a, userId)) return no('not_found', 'not ringing for you');
      a.declined.add(userId);
      this.out.toUser(userId, { type: 'ring.cancel', requestId, reason: 'declined' });
      if (a.ringing.size === 0) await this.ringRound(a);
      return ok(undefined);
    });
  }

  // ------------------------------------------------------------------ the call

  /** Either party hangs up; only the volunteer's note is kept (their own record). */
  endCall(party: { kioskId: string } | { userId: string }, callId: string, note: string | null): Promise<Result> {
    return this.locked(async () => {
      const c = this.call(callId);
      if (!c) return no('not_found', 'no such call');
      const mine = 'kioskId' in party ? party.kioskId === c.kioskId : party.userId === c.userId;
      if (!mine) return no('forbidden', 'not your call');
      return this.endCallLocked(this.active.get(callId)!, 'kioskId' in party ? 'kiosk' : 'volunteer', 'userId' in party ? note : null);
    });
  }

  protected async endCallLocked(a: Active, by: 'kiosk' | 'volunteer' | 'timeout', note: string | null): Promise<Result> {
    const now = this.opts.now();
    if (!(await this.repo.transition(a.rec.id, ['accepted'], 'ended', now, { endedAt: now, endedBy: by, note: note || null }))) return no('conflict', 'call already ended');
    this.clearTimers(a, true);
    a.rec.state = 'ended';
    this.active.delete(a.rec.id);
    this.opts.onCall?.(a.rec.id, null);
    const userId = a.volunteer?.id;
    this.out.toKiosk(a.rec.kioskId, { type: 'call.ended', callId: a.rec.id, by });
    if (userId) this.out.toUser(userId, { type: 'call.ended', callId: a.rec.id, by });
    this.opts.audit({ actor: by === 'kiosk' ? `kiosk:${a.rec.kioskId}` : by === 'timeout' ? 'hub' : `user:${userId}`, action: 'call.end', target: a.rec.id, detail: `by=${by} durationMs=${now - (a.rec.acceptedAt ?? now)}` });
    const p = userId ? this.presence.get(userId) : undefined;
    if (p) {
      p.callId = null;
      if (p.online && p.status === 'available') await this.ringAll();
    }
    return ok(undefined);
  }

  /** The resident grants or revokes typing on their screen. */
  setControl(kioskId: string, callId: string, granted: boolean): Result<CallParties> {
    const c = this.call(callId);
    if (!c || c.kioskId !== kioskId) return no('forbidden', 'not your call');
    const a = this.active.get(callId)!;
    a.controlGranted = granted;
    this.opts.onCall?.(callId, { ...c, controlGranted: granted });
    this.out.toKiosk(kioskId, { type: 'control.state', callId, granted });
    this.out.toUser(c.userId, { type: 'control.state', callId, granted });
    this.opts.audit({ actor: `kiosk:${kioskId}`, action: granted ? 'control.grant' : 'control.revoke', target: callId, detail: null });
    return ok({ ...c, controlGranted: granted });
  }

  protected checkGrace(a: Active): void {
    if (a.rec.state !== 'accepted') return;
    const bothOnline = a.kioskOnline && a.volunteerOnline;
    if (bothOnline && a.graceTimer) {
      clearTimeout(a.graceTimer);
      a.graceTimer = null;
    } else if (!bothOnline && !a.graceTimer) {
      a.graceTimer = this.later(this.opts.callGraceMs, async () => {
        a.graceTimer = null;
        if (a.rec.state === 'accepted' && !(a.kioskOnline && a.volunteerOnline)) await this.endCallLocked(a, 'timeout', null);
      });
    }
  }
}
