/**
 * Ringing (hub/help/queue.ts is the whole queue): tiers by ward and language,
 * escalation, the no-answer rule (a volunteer silent for `noAnswerMs` goes
 * Tạm vắng), the ring timeout (the resident told nobody answered), withdrawing
 * rings.
 * Layer: hub (node).
 */
import { QueueCore } from './core.ts';
import type { Active, Presence } from './types.ts';
import { ringView, unansweredOptions } from './views.ts';

export abstract class RingingQueue extends QueueCore {
  // ------------------------------------------------------------------ ringing

  protected tierOf(p: Presence, a: Active): 1 | 2 | 3 {
    const sameWard = p.user.ward !== null && p.user.ward === a.rec.ward;
    const speaks = p.user.languages.includes(a.rec.lang);
    return sameWard && speaks ? 1 : sameWard || speaks ? 2 : 3;
  }

  protected async ringRound(a: Active): Promise<void> {
    if (a.rec.state !== 'waiting' && a.rec.state !== 'ringing') return;
    const free = [...this.presence.values()].filter((p) => p.online && p.status === 'available' && !p.callId && !a.declined.has(p.user.id));
    // A preferred tier with nobody in it is skipped at once: "then anyone".
    while (a.tier < 3 && a.ringing.size === 0 && !free.some((p) => this.tierOf(p, a) <= a.tier)) a.tier = (a.tier + 1) as 2 | 3;
    const at = this.opts.now();
    for (const p of free) {
      if (this.tierOf(p, a) > a.tier || a.ringing.has(p.user.id)) continue;
      this.startRinging(a, p.user.id);
      this.out.toUser(p.user.id, { type: 'ring', ring: ringView(a), at });
    }
    if (a.tier < 3 && !a.escalateTimer) {
      a.escalateTimer = this.later(this.opts.escalateMs, async () => {
        a.escalateTimer = null;
        if (a.tier < 3) a.tier = (a.tier + 1) as 2 | 3;
        await this.ringRound(a);
      });
    }
    const next = a.ringing.size > 0 ? 'ringing' : 'waiting';
    if (next !== a.rec.state) {
      const from = a.rec.state;
      a.rec.state = next;
      const first = next === 'ringing' && a.rec.firstRungAt === null ? at : undefined;
      if (first !== undefined) a.rec.firstRungAt = first;
      await this.repo.transition(a.rec.id, [from], next, at, first !== undefined ? { firstRungAt: first } : {});
    }
  }

  protected async ringAll(): Promise<void> {
    for (const a of this.active.values()) await this.ringRound(a);
  }

  /** Adds a volunteer to a request's ring, with its no-answer timer. */
  protected startRinging(a: Active, userId: string): void {
    a.ringing.add(userId);
    const old = a.noAnswer.get(userId);
    if (old) clearTimeout(old);
    const t: NodeJS.Timeout = this.later(this.opts.noAnswerMs, async () => {
      // Fired, but only this very ring counts (not one withdrawn and rung again meanwhile).
      if (a.noAnswer.get(userId) !== t) return;
      a.noAnswer.delete(userId);
      await this.noAnswer(a, userId);
    });
    a.noAnswer.set(userId, t);
  }

  /** Takes a volunteer out of a request's ring, with its no-answer timer; false if they were not in it. */
  protected stopRinging(a: Active, userId: string): boolean {
    const t = a.noAnswer.get(userId);
    if (t) clearTimeout(t);
    a.noAnswer.delete(userId);
    return a.ringing.delete(userId);
  }

  protected cancelRings(a: Active, reason: 'taken' | 'cancelled' | 'timeout' | 'callback', except?: string): void {
    for (const id of a.ringing) if (id !== except) this.out.toUser(id, { type: 'ring.cancel', requestId: a.rec.id, reason });
    for (const id of [...a.ringing]) this.stopRinging(a, id);
  }

  /** Takes a volunteer out of every ring (busy, away, offline, in a call); rings others where that left nobody. */
  protected async unring(userId: string, notify: boolean, reason: 'busy' | 'no_answer' = 'busy'): Promise<Active[]> {
    const left: Active[] = [];
    for (const a of this.active.values()) {
      if (!this.stopRinging(a, userId)) continue;
      left.push(a);
      if (notify) this.out.toUser(userId, { type: 'ring.cancel', requestId: a.rec.id, reason });
      if (a.ringing.size === 0) await this.ringRound(a);
    }
    return left;
  }

  /**
   * `noAnswerMs` of ringing for `a` without accept or decline: the volunteer is
   * away (probably not at their phone). Every ring they had is withdrawn; each
   * request rings the others, or waits / escalates exactly as after a decline.
   */
  protected async noAnswer(a: Active, userId: string): Promise<void> {
    if (this.active.get(a.rec.id) !== a || (a.rec.state !== 'waiting' && a.rec.state !== 'ringing') || !a.ringing.has(userId)) return;
    const p = this.presence.get(userId);
    if (!p || p.status !== 'available' || p.callId) return;
    // Stored like Bận, so a restarted hub does not ring them either.
    await this.repo.setUserAvailable(userId, false);
    p.status = 'away';
    p.statusReason = 'no_answer';
    p.user.available = false;
    const left = await this.unring(userId, true, 'no_answer');
    this.out.toUser(userId, { type: 'status', status: 'away', reason: 'no_answer' });
    // The resident's screen learns the request still waits (how many ring now), never that it ended.
    for (const b of left) this.out.toKiosk(b.rec.kioskId, { type: 'help.queued', request: this.viewOf(b) });
    this.opts.audit({ actor: 'hub', action: 'volunteer.away', target: `user:${p.user.username}`, detail: `no_answer request=${a.rec.id}` });
  }

  protected async unanswered(a: Active): Promise<void> {
    a.ringTimer = null;
    if (a.rec.state !== 'waiting' && a.rec.state !== 'ringing') return;
    if (!(await this.repo.transition(a.rec.id, ['waiting', 'ringing'], 'unanswered', this.opts.now()))) return;
    this.clearTimers(a);
    this.cancelRings(a, 'timeout');
    a.rec.state = 'unanswered';
    this.out.toKiosk(a.rec.kioskId, { type: 'help.unanswered', requestId: a.rec.id, options: unansweredOptions(a, this.opts.wardContacts) });
    this.opts.audit({ actor: `kiosk:${a.rec.kioskId}`, action: 'help.unanswered', target: a.rec.id, detail: `attempt=${a.rec.attempt}` });
  }

  protected startAttempt(a: Active): void {
    a.tier = 1;
    a.declined.clear();
    this.clearTimers(a);
    a.ringTimer = this.later(this.opts.ringTimeoutMs, () => this.unanswered(a));
  }

}
