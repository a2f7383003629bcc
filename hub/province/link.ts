/**
 * The hub's link to its province (hub.json `province: { kind: "opencps", url, user, password,
 * groupId, agencyCode }`): the adapter, the durable outbox fed by the applications wing's
 * `onStored` hook, the poller's changes pushed to the ward's staff consoles, and the track
 * extension that lets the kiosk find an application by its official number and see the
 * province's side of it. Without a `province` block the hub stays inbox-only.
 * Layer: hub (node).
 */
import type { Leases } from '../cluster/lease.ts';
import { z } from 'zod';
import { UnitCode } from '../../common/province/national-status.ts';
import type { ProvinceTrack } from '../../common/province/track.ts';
import type { Applications } from '../applications/applications.ts';
import type { AuditEntry, HubRepository } from '../db/repository.ts';
import type { HandOffFile, ProvinceAdapter } from './adapter.ts';
import { OpenCpsAdapter } from './opencps.ts';
import { handOffFromAnswers, ProvinceOutbox, type OutboxOptions, type OutboxRow } from './outbox.ts';

export const ProvinceFileConfig = z
  .object({
    kind: z.literal('opencps'),
    url: z.url().max(500).refine((u) => /^https?:\/\//.test(u), 'http(s) only'),
    user: z.string().min(1).max(200),
    password: z.string().min(1).max(500),
    groupId: z.string().regex(/^\d{1,18}$/),
    /** The agency that receives the ward's dossiers (govAgencyCode, TT 10/2016 shape). */
    agencyCode: UnitCode,
    /** How often a dossier's status is read until a final code (default 15 s). */
    pollMs: z.number().int().min(200).max(3_600_000).optional(),
    /** The process's action codes when they differ from the defaults. */
    actions: z.record(z.enum(['receive', 'refuse', 'process', 'askPapers', 'papersReceived', 'askFee', 'paid', 'withdraw', 'stop', 'finish', 'handOver']), z.string().regex(/^[0-9A-Za-z_-]{1,20}$/)).optional(),
    timeoutMs: z.number().int().min(500).max(120_000).optional(),
  })
  .strict();
export type ProvinceFileConfig = z.infer<typeof ProvinceFileConfig>;

export interface ProvinceLinkOptions {
  config: ProvinceFileConfig;
  /** Tests: another adapter; retry and poll timings. */
  adapter?: ProvinceAdapter;
  outbox?: Partial<Pick<OutboxOptions, 'baseDelayMs' | 'maxDelayMs' | 'pollMs' | 'tickMs' | 'concurrency' | 'random'>>;
}

export interface ProvinceLink {
  adapter: ProvinceAdapter;
  outbox: ProvinceOutbox;
  close(): Promise<void>;
}

/** The kiosk's view of a row: notes only where the resident needs them (what to bring, why refused). */
export function trackOf(row: OutboxRow | null): ProvinceTrack {
  if (!row || row.state !== 'submitted') return { state: 'queued', dossierNo: null, code: null, timeline: [], supplement: null, payment: null, resultReady: false };
  const code = row.nationalCode;
  const lastAsk = [...row.timeline].reverse().find((e) => e.code === 5);
  return {
    state: 'sent',
    dossierNo: row.dossierNo,
    code,
    timeline: row.timeline.slice(-50).map((e) => ({ at: e.at, code: e.code, action: e.action.slice(0, 200), note: e.code === 5 || e.code === 3 ? e.note.slice(0, 1000) : '' })),
    supplement: code === 5 && lastAsk ? { note: lastAsk.note.slice(0, 1000), at: lastAsk.at } : null,
    // A fee the province asked for stays on the track answer once paid, so the resident sees "paid" (issue 16).
    payment: row.payment
      ? { amount: row.payment.amount, bankBin: row.payment.bankBin, accountNo: row.payment.accountNo, accountName: row.payment.accountName.slice(0, 70), paymentUrl: row.payment.paymentUrl, paid: row.payment.paid }
      : null,
    resultReady: code === 9 || code === 10,
    ...(row.postage !== null ? { postage: row.postage } : {}),
    ...(row.viaPostal ? { viaPostal: true as const } : {}),
  };
}

/** The lease of the province outbox's worker (hand-offs and status polls): one instance at a time. */
export const PROVINCE_LEASE = 'province.outbox';

export async function attachProvince(p: {
  repo: HubRepository;
  applications: Applications;
  audit: (e: AuditEntry) => void;
  now: () => number;
  toWardStaff: (ward: string, msg: Record<string, unknown> & { type: string }) => void;
  options: ProvinceLinkOptions;
  /** Several hub instances (issue 18): the outbox worker and poller run on the owner of `province.outbox` only. */
  leases?: Leases;
}): Promise<ProvinceLink> {
  const cfg = p.options.config;
  const adapter = p.options.adapter ?? new OpenCpsAdapter({ url: cfg.url, user: cfg.user, password: cfg.password, groupId: cfg.groupId, agencyCode: cfg.agencyCode, actions: cfg.actions, timeoutMs: cfg.timeoutMs });
  const store = p.applications.store;
  const outbox = new ProvinceOutbox(p.repo.driver, adapter, {
    now: p.now,
    pollMs: cfg.pollMs,
    ...p.options.outbox,
    readApplication: async (id) => {
      const a = await store.getApplication(id);
      return a ? { id: a.id, code: a.code, ward: a.ward, serviceCode: a.serviceCode, answers: a.answers } : null;
    },
    // the e-form, then each page of the papers (issue 13), in order; a page's reference is stable
    handOff: async (app) => {
      const files: HandOffFile[] = [];
      for (const pg of await p.applications.pages.list(app.id)) {
        const data = await p.applications.pageData(app.id, pg.pageId);
        if (!data) continue;
        files.push({ ref: `${app.code}-${pg.pageId}`.slice(0, 128), partNo: pg.paperId.slice(0, 64), name: `${pg.paperName} — trang ${pg.seq}.jpg`.slice(0, 200), mime: 'image/jpeg', data });
      }
      return handOffFromAnswers(app, cfg.agencyCode, files);
    },
    recordStatus: (id, status, at) => store.setApplicationStatus(id, status, null, at, 'province'),
    ...(p.leases ? { gate: () => p.leases!.isOwner(PROVINCE_LEASE) } : {}),
  });
  p.leases?.hold(PROVINCE_LEASE, { onAcquire: () => outbox.kick(), onLose: () => undefined });
  p.applications.onStored(async (app) => {
    await outbox.enqueue({ id: app.id, code: app.code, ward: app.ward });
  });
  p.applications.setTrackExtension({
    resolve: async (code) => (await outbox.byDossierNo(code))?.applicationId ?? null,
    info: async (applicationId) => trackOf(await outbox.get(applicationId)),
  });
  // The ward's consoles hear of a change as an updated application (their province panel re-reads it).
  outbox.onChange((c) => {
    void store
      .getApplication(c.applicationId)
      .then((a) => {
        if (!a) return;
        const { answers: _answers, ...view } = a;
        p.toWardStaff(c.ward, { type: 'fleet.application', application: view });
      })
      .catch(() => undefined);
  });
  await outbox.start();
  return {
    adapter,
    outbox,
    close: async () => {
      await p.leases?.release(PROVINCE_LEASE);
      await outbox.close();
    },
  };
}
