/**
 * The applications wing of the kiosk (issue 14 part 4): the outbox's delivery
 * to the hub and tracking, over the same HubClient as the fleet agent but
 * apart from it. Layer: node. See docs/applications.md.
 *
 *  - every application not yet acknowledged is (re)sent after each connect,
 *    after each submit and on a timer; it is marked delivered only on
 *    `outbox.ack` (a duplicate ack counts: the hub has it) — and only then is
 *    the resident's content dropped, through the store's `markDelivered`;
 *  - an application with papers: each page is first PUT to the hub
 *    (`/api/applications/kiosk/:id/pages/:pageId`, image/jpeg, the device
 *    secret), then `outbox.deliver` lists them (paper, order, sha256); the hub
 *    stores the application only with all of them, then acknowledges;
 *  - track through the hub (socket, then HTTP), falling back to the local store.
 */
import type { HubState } from '../hub/hub-client.ts';
import type { Unsequenced } from '../../common/contract/hub-common.ts';
import { applicationPagePath, OutboxItem, TrackResult, kioskAuthorization, type HubToKiosk, type KioskToHub } from '../../common/contract/hub-kiosk.ts';
import type { ResultOf } from '../../common/contract/kiosk-api.ts';
import type { Logger } from '../log.ts';
import { provincePaymentView } from '../payments/payment.ts';
import type { KioskStore, OutboxItem as StoredOutboxItem } from '../store.ts';
import { createHash } from 'node:crypto';
import { trackingPin } from '../../common/tracking-pin.ts';

export interface ApplicationsAgentOptions {
  /** An application not acknowledged within this time is sent again (default 30 s; also on every connect). */
  outboxRetryMs?: number;
  /** How long the track screen waits for the hub (default 3 s). */
  trackTimeoutMs?: number;
}

export interface ApplicationsHost {
  store: KioskStore;
  log: Logger;
  now(): Date;
  serviceName(code: string): { vi: string; en: string } | null;
}

/** The hub link as the wing uses it (HubClient). */
export interface ApplicationsLink {
  readonly connection: HubState;
  send(msg: Unsequenced<KioskToHub>): boolean;
  waitFor<T extends HubToKiosk>(match: (m: HubToKiosk) => m is T, timeoutMs: number): Promise<T | null>;
}

export const APPLICATION_MESSAGE_TYPES: ReadonlySet<string> = new Set(['outbox.ack', 'track.result']);

type TrackAnswer = ResultOf<'application.track'>;

export class ApplicationsAgent {
  private link: ApplicationsLink | null = null;
  private hub: { url: string; kioskId: string; secret: string } | null = null;
  private readonly opts: Required<ApplicationsAgentOptions>;
  private readonly outboxSentAt = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Pages the hub confirmed since the last connect (`id/pageId`). */
  private readonly uploaded = new Set<string>();
  /** Applications whose pages are being uploaded now. */
  private readonly uploading = new Set<string>();

  constructor(
    private readonly host: ApplicationsHost,
    options: ApplicationsAgentOptions = {},
  ) {
    this.opts = { outboxRetryMs: options.outboxRetryMs ?? 30_000, trackTimeoutMs: options.trackTimeoutMs ?? 3_000 };
  }

  /** The hub client is up (enrolled): deliver on a timer. */
  attach(link: ApplicationsLink, hub: { url: string; kioskId: string; secret: string }): void {
    this.link = link;
    this.hub = hub;
    if (this.timer) clearInterval(this.timer);
    this.timer = setInterval(() => this.deliverOutbox(false), Math.max(1000, Math.floor(this.opts.outboxRetryMs / 2)));
    this.timer.unref();
  }

  /** The hub link is gone for good (the kiosk was retired): the outbox waits for the next enrolment. */
  detach(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.link = null;
    this.hub = null;
  }

  get connected(): boolean {
    return this.link?.connection === 'connected';
  }

  close(): void {
    this.closed = true;
    this.detach();
  }

  /** The hub connection changed (HubClient onState). */
  onHubState(state: HubState): void {
    if (state !== 'connected' || this.closed) return;
    this.outboxSentAt.clear();
    this.uploaded.clear();
    this.deliverOutbox(true);
  }

  /** A message from the hub (validated by HubClient). True when it was the wing's. */
  onHubMessage(msg: HubToKiosk): boolean {
    if (!APPLICATION_MESSAGE_TYPES.has(msg.type)) return false;
    if (this.closed) return true;
    if (msg.type === 'outbox.ack') this.outboxAcked(msg.id, msg.duplicate);
    // track.result: waited for where it is needed
    return true;
  }

  /** An application was just submitted: send it now. */
  submitted(): void {
    setImmediate(() => this.deliverOutbox(true));
  }

  // ------------------------------------------------------------------ outbox

  private toItem(it: StoredOutboxItem): OutboxItem | null {
    const p = (it.payload ?? {}) as { answers?: unknown; submittedAt?: unknown; paperNames?: Record<string, string> };
    const submittedAt = Date.parse(typeof p.submittedAt === 'string' ? p.submittedAt : it.createdAt);
    const pages = this.host.store.outboxPages(it.id).map((pg) => ({
      pageId: pg.pageId,
      paperId: pg.paperId,
      paperName: (p.paperNames ?? {})[pg.paperId] ?? pg.paperId,
      seq: pg.seq,
      bytes: pg.jpeg.length,
      sha256: pg.sha256,
      width: pg.width,
      height: pg.height,
    }));
    const parsed = OutboxItem.safeParse({
      id: it.id,
      code: it.code,
      serviceCode: it.serviceCode,
      submittedAt: Number.isFinite(submittedAt) ? submittedAt : 0,
      answers: p.answers ?? {},
      ...(pages.length ? { pages } : {}),
    });
    return parsed.success ? parsed.data : null;
  }

  /** PUT every page of the item the hub has not confirmed since the last connect; true when all are there. */
  private async uploadPages(item: OutboxItem): Promise<boolean> {
    const hub = this.hub;
    if (!hub) return false;
    for (const page of this.host.store.outboxPages(item.id)) {
      const key = `${item.id}/${page.pageId}`;
      if (this.uploaded.has(key)) continue;
      try {
        const res = await fetch(new URL(applicationPagePath(item.id, page.pageId), hub.url), {
          method: 'PUT',
          headers: { authorization: kioskAuthorization(hub.kioskId, hub.secret), 'content-type': 'image/jpeg' },
          body: new Uint8Array(page.jpeg),
          signal: AbortSignal.timeout(30_000),
        });
        const body = (await res.json().catch(() => null)) as { sha256?: unknown } | null;
        if (!res.ok || body?.sha256 !== page.sha256) {
          this.host.log.warn('applications.page-upload-failed', { status: res.status });
          return false;
        }
      } catch (e) {
        this.host.log.warn('applications.page-upload-failed', { error: e instanceof Error ? e.name : 'error' });
        return false;
      }
      this.uploaded.add(key);
    }
    return true;
  }

  /** Send every application the hub has not acknowledged (oldest first); `force` ignores the retry spacing. */
  deliverOutbox(force: boolean): void {
    if (!this.connected || this.closed) return;
    const t = Date.now();
    for (const it of this.host.store.pendingOutbox(50)) {
      const last = this.outboxSentAt.get(it.id);
      // An item the hub keeps refusing (a code conflict, another ward's code) is tried less and less often (up to 30 min).
      const spacing = Math.min(30 * 60_000, this.opts.outboxRetryMs * 2 ** Math.min(Math.max(0, it.attempts - 1), 6));
      if (!force && last !== undefined && t - last < spacing) continue;
      if (force && last !== undefined && t - last < 1000) continue;
      const item = this.toItem(it);
      if (!item) {
        // Never dropped: it stays in the outbox for staff (and a fixed version) to deliver.
        if (last === undefined) this.host.log.error('fleet.outbox-item-invalid', { serviceCode: it.serviceCode });
        this.outboxSentAt.set(it.id, t);
        continue;
      }
      this.outboxSentAt.set(it.id, t);
      this.host.store.db.prepare('UPDATE outbox SET attempts = attempts + 1 WHERE id = ?').run(it.id);
      if (!item.pages?.length) {
        this.link!.send({ type: 'outbox.deliver', item });
        continue;
      }
      if (this.uploading.has(item.id)) continue;
      // Sent before and not acknowledged: the hub may have lost a page (restored, refused) — upload them all again.
      if (last !== undefined) for (const k of this.uploaded) if (k.startsWith(`${item.id}/`)) this.uploaded.delete(k);
      this.uploading.add(item.id);
      void this.uploadPages(item)
        .then((all) => {
          if (all && this.connected && !this.closed) this.link!.send({ type: 'outbox.deliver', item });
        })
        .finally(() => this.uploading.delete(item.id));
    }
  }

  private outboxAcked(id: string, duplicate: boolean): void {
    this.outboxSentAt.delete(id);
    for (const k of this.uploaded) if (k.startsWith(`${id}/`)) this.uploaded.delete(k);
    const db = this.host.store.db;
    const at = this.host.now().toISOString();
    // forget(): the application is deleted and the WAL scrubbed in the same step (services/store.ts)
    const code = this.host.store.forget(() => {
      const row = db.prepare('SELECT code, delivered_at FROM outbox WHERE id = ?').get(id) as { code: string; delivered_at: string | null } | undefined;
      if (!row || row.delivered_at) return null;
      this.host.store.markDelivered(id, at);
      this.host.store.appendTimeline(row.code, 'received', at, null);
      return row.code;
    });
    if (code) this.host.log.info('fleet.outbox-delivered', { duplicate });
  }

  // ------------------------------------------------------------------ track

  private localTrack(code: string): TrackAnswer {
    const t = this.host.store.timeline(code);
    if (!t) return { found: false, serviceName: null, timeline: [] };
    return {
      found: true,
      serviceName: this.host.serviceName(t.serviceCode),
      timeline: t.entries.map((e) => ({ status: e.status, at: e.at, note: e.noteVi && e.noteEn ? { vi: e.noteVi, en: e.noteEn } : null })),
    };
  }

  private async hubTrack(code: string, pin?: string): Promise<TrackResult | null> {
    const link = this.link;
    if (!link || link.connection !== 'connected') return null;
    const answer = link.waitFor((m): m is Extract<HubToKiosk, { type: 'track.result' }> => m.type === 'track.result' && m.result.code === code, this.opts.trackTimeoutMs);
    link.send({ type: 'track', code, ...(pin ? { pin } : {}) });
    const r = await answer;
    if (r) return r.result;
    // The socket said nothing in time: the same question over HTTP.
    const hub = this.hub;
    if (!hub) return null;
    try {
      const res = await fetch(new URL(`/api/fleet/kiosk/track/${encodeURIComponent(code)}${pin ? `?pin=${pin}` : ''}`, hub.url), {
        headers: { authorization: kioskAuthorization(hub.kioskId, hub.secret) },
        signal: AbortSignal.timeout(this.opts.trackTimeoutMs),
      });
      if (!res.ok) return null;
      const parsed = TrackResult.safeParse(await res.json());
      return parsed.success && parsed.data.code === code ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** application.track: the hub's answer when it is reachable, else the kiosk's own record (maybe out of date). */
  async track(code: string, pin?: string): Promise<TrackAnswer> {
    // A kiosk linked to a hub prints a tracking PIN on every receipt: nothing is shown without it (issue 17, finding 6).
    if (pin === undefined && this.hub) return { found: false, serviceName: null, timeline: [], pinNeeded: true };
    // A PIN given is checked here for our own applications (we hold the secret it derives from) and by the hub for all.
    if (pin !== undefined && this.hub && this.host.store.timeline(code) && pin !== (await trackingPin(createHash('sha256').update(this.hub.secret).digest('hex'), code))) {
      return { found: false, serviceName: null, timeline: [] };
    }
    const local = this.localTrack(code);
    const hub = this.link ? await this.hubTrack(code, pin) : null;
    if (!hub) return { ...local, source: 'local', mayBeOutdated: this.link !== null };
    if (!hub.found) return { ...local, source: local.found ? 'local' : 'hub', mayBeOutdated: false };
    const fromHub = hub.timeline.map((e) => ({ status: e.status, at: new Date(e.at).toISOString(), note: e.note ? { vi: e.note, en: e.note } : null }));
    this.mirror(code, fromHub);
    const submitted = local.timeline.filter((e) => e.status === 'submitted');
    return {
      found: true,
      serviceName: (hub.serviceCode ? this.host.serviceName(hub.serviceCode) : null) ?? local.serviceName,
      timeline: [...submitted, ...fromHub],
      source: 'hub',
      mayBeOutdated: false,
      ...(hub.province ? { official: hub.province } : {}),
      // a fee the province asked for (code 6), paid or not as it says; a bad amount refused by code (services/payments; issue 16)
      payment: await provincePaymentView(hub.province, this.host.log),
    };
  }

  /**
   * For the receipt (issue 14): how far the hand-off got within `waitMs` of the submission —
   * the province's number already, the province has it, kept (the hub or the province cannot be
   * reached), or inbox (the ward has no province link).
   */
  async handOffState(code: string, waitMs: number, byPost = false): Promise<{ state: 'numbered' | 'sent' | 'kept' | 'inbox'; officialNumber: string | null; postage: number | null }> {
    const end = Date.now() + waitMs;
    let last: TrackResult | null = null;
    // by post, the postage the province states comes with the hand-off (issue 16): printed when it is there by then
    const postage = (r: TrackResult | null) => r?.province?.postage ?? null;
    while (this.link && this.connected) {
      const left = end - Date.now();
      if (left <= 0) break;
      const r = await Promise.race([this.hubTrack(code), new Promise<null>((res) => setTimeout(() => res(null), left))]);
      if (r?.found) {
        last = r;
        if (!r.province) return { state: 'inbox', officialNumber: null, postage: null };
        if (r.province.dossierNo && (!byPost || postage(r) !== null)) return { state: 'numbered', officialNumber: r.province.dossierNo, postage: postage(r) };
        if (r.province.state === 'sent' && !byPost) return { state: 'sent', officialNumber: null, postage: null };
      }
      if (Date.now() + 250 >= end) break;
      await new Promise((res) => setTimeout(res, 250));
    }
    if (last?.province?.dossierNo) return { state: 'numbered', officialNumber: last.province.dossierNo, postage: postage(last) };
    if (last?.province?.state === 'sent') return { state: 'sent', officialNumber: null, postage: postage(last) };
    if (last && !last.province) return { state: 'inbox', officialNumber: null, postage: null };
    return { state: 'kept', officialNumber: null, postage: null };
  }

  /** Keep the local record of one of our applications as the hub last told it (the fallback when offline). */
  private mirror(code: string, fromHub: TrackAnswer['timeline']): void {
    const t = this.host.store.timeline(code);
    if (!t) return;
    const mirrored = t.entries.filter((e) => e.status !== 'submitted' && e.status !== 'queued').length;
    for (const e of fromHub.slice(mirrored)) {
      this.host.store.appendTimeline(code, e.status, e.at, e.note);
    }
  }
}
