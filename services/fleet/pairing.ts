/**
 * Pairing, the kiosk's side (docs/fleet.md "Enrolment"): a kiosk whose config names a hub and that has
 * no device secret asks the hub for a one-time code (POST /api/kiosks/pairing), shows it on the
 * enrolment screen, and polls (POST /api/kiosks/pairing/poll, every `pollMs` the hub names, ~3 s)
 * until staff have typed the code in the console and approved it — then it gets its device secret,
 * once — or until the code expires, when it asks for a new one (and the screen changes).
 *
 * Errors back off (3 s, doubling up to a minute); a hub that says the kiosk id is already enrolled is
 * asked again every 30 s (staff may allow its re-enrolment meanwhile). Every answer is validated with
 * the hub-kiosk contract. The poll token stays in memory only: after a restart the kiosk asks for a
 * new code (its old one is replaced at the hub). Logs carry event names only, never the code or token.
 * Layer: node.
 */
import { PairingPollRequest, PairingPollResponse, PairingStartRequest, PairingStartResponse } from '../../common/contract/hub-kiosk.ts';
import type { PairingState } from '../../common/contract/kiosk-api.ts';
import type { Logger } from '../log.ts';

export interface PairingTimings {
  /** First back-off after an error (3 s); doubles up to `maxBackoffMs`. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** After "already enrolled" (30 s). */
  refusedRetryMs?: number;
  /** Each HTTP request (10 s). */
  requestTimeoutMs?: number;
}

export interface PairingHost {
  url: string;
  kioskId: string;
  name: string;
  log: Logger;
  /** The screen's state changed. */
  changed(state: PairingState): void;
  /** The device secret, exactly once. */
  paired(secret: string, ward: string): Promise<void> | void;
}

type Fetched = { status: number; json: unknown; retryAfterMs: number | null } | null;

export class KioskPairing {
  private state: PairingState;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private pollToken: string | null = null;
  private pollMs = 3000;
  private backoff = 0;
  private readonly t: Required<PairingTimings>;
  private readonly inflight = new Set<AbortController>();

  constructor(
    private readonly host: PairingHost,
    timings: PairingTimings = {},
  ) {
    this.t = { minBackoffMs: 3000, maxBackoffMs: 60_000, refusedRetryMs: 30_000, requestTimeoutMs: 10_000, ...timings };
    this.state = { state: 'off', code: null, expiresAt: null, kioskId: host.kioskId, name: host.name };
  }

  get view(): PairingState {
    return this.state;
  }

  get running(): boolean {
    return !this.stopped;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.set({ state: 'requesting', code: null, expiresAt: null });
    this.schedule(0, () => this.request());
  }

  /** Enrolled (by pairing or by a code typed on the kiosk), or closing. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const c of this.inflight) c.abort();
    this.pollToken = null;
    this.set({ state: 'off', code: null, expiresAt: null });
  }

  private set(s: Omit<PairingState, 'kioskId' | 'name'>): void {
    const next = { ...s, kioskId: this.host.kioskId, name: this.host.name };
    const same = next.state === this.state.state && next.code === this.state.code && next.expiresAt === this.state.expiresAt;
    this.state = next;
    if (!same) this.host.changed(next);
  }

  private schedule(ms: number, f: () => Promise<void>): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      f().catch((e) => {
        this.host.log.error('hub.pairing.error', { error: e instanceof Error ? e.name : typeof e });
        this.retryLater(() => this.request());
      });
    }, ms);
    this.timer.unref?.();
  }

  private nextBackoff(): number {
    this.backoff = this.backoff ? Math.min(this.backoff * 2, this.t.maxBackoffMs) : this.t.minBackoffMs;
    return this.backoff;
  }

  private retryLater(f: () => Promise<void>, at: number | null = null): void {
    this.schedule(Math.max(at ?? 0, this.nextBackoff()), f);
  }

  private async post(path: string, body: unknown): Promise<Fetched> {
    const ctl = new AbortController();
    this.inflight.add(ctl);
    const timer = setTimeout(() => ctl.abort(), this.t.requestTimeoutMs);
    try {
      const res = await fetch(new URL(path, this.host.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: ctl.signal,
      });
      let json: unknown = null;
      try {
        json = await res.json();
      } catch {
        /* not JSON: the status decides */
      }
      const ra = Number(res.headers.get('retry-after'));
      return { status: res.status, json, retryAfterMs: Number.isFinite(ra) && ra > 0 ? Math.min(ra * 1000, 15 * 60_000) : null };
    } catch {
      return null; // unreachable, timed out, or stopped
    } finally {
      clearTimeout(timer);
      this.inflight.delete(ctl);
    }
  }

  private async request(): Promise<void> {
    this.pollToken = null;
    this.set({ state: 'requesting', code: null, expiresAt: null });
    const r = await this.post('/api/kiosks/pairing', PairingStartRequest.parse({ kioskId: this.host.kioskId, name: this.host.name }));
    if (this.stopped) return;
    if (r?.status === 200) {
      const p = PairingStartResponse.safeParse(r.json);
      if (p.success) {
        this.backoff = 0;
        this.pollToken = p.data.pollToken;
        this.pollMs = p.data.pollMs;
        this.set({ state: 'showing', code: p.data.pairingCode, expiresAt: p.data.expiresAt });
        this.host.log.info('hub.pairing.code', { expiresInSec: Math.round((p.data.expiresAt - Date.now()) / 1000) });
        this.schedule(this.pollMs, () => this.poll());
        return;
      }
      this.host.log.warn('hub.pairing.bad-answer', { path: 'start' });
    }
    if (r?.status === 409) {
      this.host.log.warn('hub.pairing.already-enrolled', { kioskId: this.host.kioskId });
      this.set({ state: 'already-enrolled', code: null, expiresAt: null });
      this.schedule(this.t.refusedRetryMs, () => this.request());
      return;
    }
    if (r?.status === 429) {
      this.host.log.warn('hub.pairing.busy', {});
      this.set({ state: 'busy', code: null, expiresAt: null });
      this.retryLater(() => this.request(), r.retryAfterMs);
      return;
    }
    this.host.log.warn('hub.pairing.unreachable', { status: r?.status ?? null });
    this.set({ state: 'unreachable', code: null, expiresAt: null });
    this.retryLater(() => this.request());
  }

  private async poll(): Promise<void> {
    const token = this.pollToken;
    if (!token) return this.request();
    const r = await this.post('/api/kiosks/pairing/poll', PairingPollRequest.parse({ pollToken: token }));
    if (this.stopped) return;
    if (r?.status === 200) {
      const p = PairingPollResponse.safeParse(r.json);
      if (p.success) {
        this.backoff = 0;
        if (p.data.status === 'waiting') {
          if (p.data.expiresAt !== this.state.expiresAt) this.set({ ...this.state, expiresAt: p.data.expiresAt });
          this.schedule(this.pollMs, () => this.poll());
          return;
        }
        if (p.data.status === 'expired') {
          this.host.log.info('hub.pairing.expired', {});
          return this.request();
        }
        if (p.data.kioskId !== this.host.kioskId) {
          this.host.log.error('hub.pairing.bad-answer', { path: 'poll' });
          return this.request();
        }
        this.host.log.info('hub.pairing.paired', { kioskId: this.host.kioskId });
        this.pollToken = null;
        this.stopped = true;
        this.set({ state: 'off', code: null, expiresAt: null });
        await this.host.paired(p.data.secret, p.data.ward);
        return;
      }
      this.host.log.warn('hub.pairing.bad-answer', { path: 'poll' });
    }
    // Unknown to the hub (restarted on another database, replaced, collected): a new code.
    if (r?.status === 404) return this.request();
    if (r?.status === 409) {
      this.set({ state: 'already-enrolled', code: null, expiresAt: null });
      this.schedule(this.t.refusedRetryMs, () => this.request());
      return;
    }
    // Unreachable or busy: the code stays on screen while it is valid; polls slow down.
    const expired = this.state.expiresAt !== null && Date.now() > this.state.expiresAt;
    if (expired) return this.request();
    this.retryLater(() => this.poll(), r?.status === 429 ? r.retryAfterMs : null);
  }
}
