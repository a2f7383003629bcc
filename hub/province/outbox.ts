/**
 * The durable hub → province outbox (table `province_outbox`, SQLite and PostgreSQL).
 *
 * One row per stored application, written when the applications wing reports it stored (and, at
 * start, for any stored application a crash kept from the outbox). Each row walks a resumable
 * state, persisted after every step, so a hub killed with kill -9 resumes where it was:
 *
 *   pending ──find(referenceUid) or create──▶ created(dossierId) ──each file, counted──▶ uploaded ──submit──▶ submitted
 *
 * Exactly once: the step before `created` looks the kiosk's reference up before creating (and
 * OpenCPS answers a repeated referenceUid with the existing dossier); each file carries its own
 * reference; submitting twice is harmless. Any failure (unreachable, 5xx, 429, credentials refused,
 * a business refusal, a bad answer) leaves the row where it was, to be tried again after a back-off
 * with jitter (Retry-After honoured); a failure that says the province as a whole is unwell
 * also holds every other row until then. Nothing is dropped.
 *
 * Then the poller: every submitted row whose code is not final (3, 8, 10) is asked for its status,
 * timeline and payment request; a change is stored on the row, recorded as an application event
 * (so the kiosk's existing track path shows it) and announced to listeners (the staff console).
 *
 * Logs: event names, kinds, reasons, HTTP statuses and counts — never a value.
 * Layer: hub (node).
 */
import { isFinalCode, type NationalCode } from '../../common/province/national-status.ts';
import type { ApplicationStatus } from '../../common/contract/hub-kiosk.ts';
import type { Answers } from '../../common/contract/answers.ts';
import type { SqlDriver } from '../db/driver.ts';
import { ProvinceError, type DossierState, type HandOff, type HandOffFile, type PaymentRequest, type ProvinceAdapter, type StaffAction, type TimelineItem } from './adapter.ts';

export type OutboxState = 'pending' | 'created' | 'uploaded' | 'submitted';

export interface OutboxRow {
  applicationId: string;
  code: string;
  ward: string;
  state: OutboxState;
  dossierId: string | null;
  filesDone: number;
  attempts: number;
  nextAt: number;
  lastError: string | null;
  enqueuedAt: number;
  submittedAt: number | null;
  dossierNo: string | null;
  nationalCode: NationalCode | null;
  final: boolean;
  pollAt: number | null;
  statusAt: number | null;
  timeline: TimelineItem[];
  payment: PaymentRequest | null;
  /** Handed over for a result by post, and the postage the province stated (đồng), null until it does. */
  viaPostal: boolean;
  postage: number | null;
}

export interface StoredApp {
  id: string;
  code: string;
  ward: string;
  serviceCode: string;
  answers: Answers;
}

export interface OutboxOptions {
  now?: () => number;
  random?: () => number;
  /** First retry after about this (default 1 s), doubling per attempt… */
  baseDelayMs?: number;
  /** …up to this (default 5 min). */
  maxDelayMs?: number;
  /** Status poll interval per dossier until a final code (default 15 s). */
  pollMs?: number;
  /** The worker's tick (default 250 ms). */
  tickMs?: number;
  /** Rows handled at once (default 4). */
  concurrency?: number;
  /** Applications older than this are not caught up at start (default 7 days). */
  catchUpMs?: number;
  /** The application's hand-off (answers → dossier fields, files). */
  handOff: (app: StoredApp) => Promise<HandOff> | HandOff;
  /** Reads a stored application (with its answers). */
  readApplication: (id: string) => Promise<StoredApp | null>;
  /** Records a status change as an application event (the kiosk's track path). */
  recordStatus: (id: string, status: ApplicationStatus, at: number) => Promise<void>;
  log?: (line: Record<string, unknown>) => void;
  /** Several hub instances (issue 18): the worker runs only while this says so (the lease `province.outbox`). */
  gate?: () => boolean;
}

export interface OutboxChange {
  applicationId: string;
  ward: string;
  row: OutboxRow;
}

/** The kiosk's coarse status for a national code. */
export function applicationStatusOf(code: NationalCode): ApplicationStatus {
  if (code === 5) return 'needs-more';
  if (code === 4 || code === 6 || code === 7) return 'processing';
  if (code === 3 || code === 8 || code === 9 || code === 10) return 'done';
  return 'received';
}

type R = Record<string, unknown>;
const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toRow(r: R): OutboxRow {
  return {
    applicationId: String(r.application_id),
    code: String(r.code),
    ward: String(r.ward),
    state: r.state as OutboxState,
    dossierId: strOrNull(r.dossier_id),
    filesDone: num(r.files_done),
    attempts: num(r.attempts),
    nextAt: num(r.next_at),
    lastError: strOrNull(r.last_error),
    enqueuedAt: num(r.enqueued_at),
    submittedAt: numOrNull(r.submitted_at),
    dossierNo: strOrNull(r.dossier_no),
    nationalCode: numOrNull(r.national_code) as NationalCode | null,
    final: num(r.final) === 1,
    pollAt: numOrNull(r.poll_at),
    statusAt: numOrNull(r.status_at),
    timeline: r.timeline ? (JSON.parse(String(r.timeline)) as TimelineItem[]) : [],
    payment: r.payment ? (JSON.parse(String(r.payment)) as PaymentRequest) : null,
    viaPostal: num(r.via_postal) === 1,
    postage: numOrNull(r.postage),
  };
}

const PROVINCE_WIDE: ReadonlySet<string> = new Set(['unreachable', 'server', 'rate_limited', 'auth']);

export class ProvinceOutbox {
  private readonly now: () => number;
  private readonly random: () => number;
  private timer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<string>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly listeners = new Set<(c: OutboxChange) => void>();
  /** The province as a whole is unwell until then (in memory: a restart tries at once). */
  private holdUntil = 0;
  private closed = false;
  private ticking = false;
  readonly counters = { created: 0, found: 0, uploaded: 0, submitted: 0, failures: 0, polls: 0, changes: 0 };

  constructor(
    private readonly sql: SqlDriver,
    private readonly adapter: ProvinceAdapter,
    private readonly opts: OutboxOptions,
  ) {
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
  }

  private log(line: Record<string, unknown>): void {
    (this.opts.log ?? ((l) => process.stderr.write(`${JSON.stringify(l)}\n`)))(line);
  }

  onChange(l: (c: OutboxChange) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** Writes the row (once per application; a second call changes nothing) and wakes the worker. */
  async enqueue(app: { id: string; code: string; ward: string }): Promise<void> {
    const t = this.now();
    await this.sql.run(
      `INSERT INTO province_outbox (application_id, code, ward, state, files_done, attempts, next_at, enqueued_at, final)
       VALUES (?, ?, ?, 'pending', 0, 0, ?, ?, 0) ON CONFLICT (application_id) DO NOTHING`,
      [app.id, app.code, app.ward, t, t],
    );
    this.kick();
  }

  /** Rows for stored applications that a crash kept out of the outbox (between the store and the enqueue). */
  async catchUp(): Promise<number> {
    const since = this.now() - (this.opts.catchUpMs ?? 7 * 86_400_000);
    const rows = await this.sql.all(
      `SELECT a.id, a.code, a.ward FROM applications a LEFT JOIN province_outbox o ON o.application_id = a.id
       WHERE o.application_id IS NULL AND a.received_at >= ? ORDER BY a.received_at LIMIT 10000`,
      [since],
    );
    for (const r of rows) await this.enqueue({ id: String(r.id), code: String(r.code), ward: String(r.ward) });
    if (rows.length) this.log({ event: 'hub.province.catch_up', count: rows.length });
    return rows.length;
  }

  async start(): Promise<void> {
    await this.catchUp();
    this.timer = setInterval(() => this.kick(), this.opts.tickMs ?? 250);
    this.timer.unref();
    this.kick();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    while (this.pending.size) await Promise.all([...this.pending].map((p) => p.catch(() => undefined)));
  }

  /** Runs one pass now (the timer also does). */
  kick(): void {
    if (this.closed || this.ticking || (this.opts.gate && !this.opts.gate())) return;
    this.ticking = true;
    const p = this.tick()
      .catch((e) => this.log({ event: 'hub.province.tick_error', error: e instanceof Error ? e.name : 'error' }))
      .finally(() => {
        this.ticking = false;
        this.pending.delete(p);
      });
    this.pending.add(p);
  }

  private async tick(): Promise<void> {
    const t = this.now();
    if (t < this.holdUntil) return;
    const free = (this.opts.concurrency ?? 4) - this.inFlight.size;
    if (free <= 0) return;
    const due = (
      await this.sql.all(
        `SELECT * FROM province_outbox WHERE (state <> 'submitted' AND next_at <= ?) OR (state = 'submitted' AND final = 0 AND poll_at <= ?)
         ORDER BY next_at LIMIT ?`,
        [t, t, free + this.inFlight.size],
      )
    )
      .map(toRow)
      .filter((r) => !this.inFlight.has(r.applicationId))
      .slice(0, free);
    for (const row of due) {
      this.inFlight.add(row.applicationId);
      const p = (row.state === 'submitted' ? this.poll(row) : this.advance(row))
        .catch((e) => this.failed(row, e))
        .catch((e) => this.log({ event: 'hub.province.store_error', error: e instanceof Error ? e.name : 'error' }))
        .finally(() => {
          this.inFlight.delete(row.applicationId);
          this.pending.delete(p);
          if (!this.closed) setImmediate(() => this.kick());
        });
      this.pending.add(p);
    }
  }

  private delay(attempts: number, e: ProvinceError | null): number {
    const base = this.opts.baseDelayMs ?? 1000;
    const max = this.opts.maxDelayMs ?? 300_000;
    const exp = Math.min(max, base * 2 ** Math.min(20, Math.max(0, attempts - 1)));
    const jittered = exp / 2 + (this.random() * exp) / 2;
    if (e?.retryAfterMs !== null && e?.retryAfterMs !== undefined) return Math.min(Math.max(e.retryAfterMs, 0) * (1 + this.random() * 0.2), 3600_000);
    return jittered;
  }

  private async failed(row: OutboxRow, e: unknown): Promise<void> {
    const pe = e instanceof ProvinceError ? e : null;
    const kind = pe?.kind ?? 'internal';
    const reason = pe?.reason ?? (e instanceof Error ? e.name : 'error');
    this.counters.failures++;
    const attempts = row.attempts + 1;
    const wait = Math.round(this.delay(attempts, pe));
    const t = this.now();
    this.log({ event: pe?.kind === 'bad_reply' ? 'hub.province.bad_reply' : 'hub.province.retry', kind, reason, http: pe?.httpStatus ?? null, state: row.state, attempts, waitMs: Math.round(wait) });
    if (PROVINCE_WIDE.has(kind)) this.holdUntil = Math.max(this.holdUntil, t + wait);
    if (row.state === 'submitted') {
      // a poll failed: poll again later, the hand-off itself is done
      await this.sql.run('UPDATE province_outbox SET poll_at = ?, last_error = ? WHERE application_id = ?', [t + Math.max(wait, 1000), `${kind}:${reason}`, row.applicationId]);
    } else {
      await this.sql.run('UPDATE province_outbox SET attempts = ?, next_at = ?, last_error = ? WHERE application_id = ?', [attempts, t + wait, `${kind}:${reason}`, row.applicationId]);
    }
  }

  /** One row, as far as it goes: pending → created → uploaded → submitted. */
  private async advance(row: OutboxRow): Promise<void> {
    const app = await this.opts.readApplication(row.applicationId);
    if (!app) {
      this.log({ event: 'hub.province.missing_application' });
      await this.sql.run('UPDATE province_outbox SET next_at = ?, last_error = ? WHERE application_id = ?', [this.now() + (this.opts.maxDelayMs ?? 300_000), 'internal:missing', row.applicationId]);
      return;
    }
    const h = await this.opts.handOff(app);
    let state = row.state;
    let dossierId = row.dossierId;
    let filesDone = row.filesDone;
    if (state === 'pending') {
      const existing = await this.adapter.find(h.kioskRef);
      let s: DossierState;
      if (existing) {
        this.counters.found++;
        s = existing;
      } else {
        s = await this.adapter.create(h);
        this.counters.created++;
      }
      dossierId = s.dossierId;
      if (existing?.submitted) {
        await this.markSubmitted(row, s, h.viaPostal);
        return;
      }
      state = 'created';
      await this.sql.run("UPDATE province_outbox SET state = 'created', dossier_id = ?, last_error = NULL WHERE application_id = ?", [dossierId, row.applicationId]);
    }
    if (state === 'created') {
      for (let i = filesDone; i < h.files.length; i++) {
        await this.adapter.uploadFile(dossierId!, h.files[i]!);
        filesDone = i + 1;
        this.counters.uploaded++;
        await this.sql.run('UPDATE province_outbox SET files_done = ? WHERE application_id = ?', [filesDone, row.applicationId]);
      }
      state = 'uploaded';
      await this.sql.run("UPDATE province_outbox SET state = 'uploaded', last_error = NULL WHERE application_id = ?", [row.applicationId]);
    }
    if (state === 'uploaded') {
      const s = await this.adapter.submitDossier(dossierId!);
      await this.markSubmitted(row, s, h.viaPostal);
    }
  }

  private async markSubmitted(row: OutboxRow, s: DossierState, viaPostal: boolean): Promise<void> {
    // the postage, when the province states it at once (else the poll asks again)
    const postage = viaPostal ? await this.postageOf(s.dossierId) : null;
    const t = this.now();
    this.counters.submitted++;
    await this.sql.run(
      `UPDATE province_outbox SET state = 'submitted', dossier_id = ?, submitted_at = ?, attempts = 0, last_error = NULL, dossier_no = ?, national_code = ?,
        final = ?, poll_at = ?, status_at = ?, via_postal = ?, postage = ? WHERE application_id = ?`,
      [s.dossierId, t, s.dossierNo, s.code, isFinalCode(s.code) ? 1 : 0, t + this.pollMs(), t, viaPostal ? 1 : 0, postage, row.applicationId],
    );
    this.log({ event: 'hub.province.submitted', code: s.code, numbered: s.dossierNo !== null });
    const fresh = await this.get(row.applicationId);
    if (fresh) {
      if (s.dossierNo !== null || s.code !== 1) await this.opts.recordStatus(row.applicationId, applicationStatusOf(s.code), t);
      this.emit(fresh);
    }
  }

  /** The postage the province states, or null (none yet, or it could not be read now: asked again at the next poll; a bad amount is refused and logged by code). */
  private async postageOf(ref: string): Promise<number | null> {
    try {
      return await this.adapter.getPostage(ref);
    } catch (e) {
      const pe = e instanceof ProvinceError ? e : null;
      this.log({ event: pe?.kind === 'bad_reply' ? 'hub.province.postage_refused' : 'hub.province.postage_later', kind: pe?.kind ?? 'internal', reason: pe?.reason ?? 'error' });
      return null;
    }
  }

  private pollMs(): number {
    const p = this.opts.pollMs ?? 15_000;
    return Math.round(p * (0.9 + this.random() * 0.2));
  }

  /** Status, timeline and payment of a submitted dossier; a change is stored, recorded and announced. */
  private async poll(row: OutboxRow): Promise<void> {
    this.counters.polls++;
    const ref = row.dossierId ?? row.code;
    const s = await this.adapter.getStatus(ref);
    if (!s) throw new ProvinceError('bad_reply', 'dossier_gone', 200);
    const timeline = await this.adapter.getTimeline(ref);
    const payment = s.code === 6 || (row.payment && !row.payment.paid) ? await this.adapter.getPaymentRequest(ref) : row.payment;
    const postage = row.viaPostal && row.postage === null ? await this.postageOf(ref) : row.postage;
    const t = this.now();
    const changed =
      s.code !== row.nationalCode ||
      s.dossierNo !== row.dossierNo ||
      JSON.stringify(timeline) !== JSON.stringify(row.timeline) ||
      JSON.stringify(payment) !== JSON.stringify(row.payment) ||
      postage !== row.postage;
    const final = isFinalCode(s.code);
    await this.sql.run(
      `UPDATE province_outbox SET poll_at = ?, last_error = NULL, dossier_no = ?, national_code = ?, final = ?, timeline = ?, payment = ?, postage = ?, status_at = ? WHERE application_id = ?`,
      [t + this.pollMs(), s.dossierNo, s.code, final ? 1 : 0, JSON.stringify(timeline), payment ? JSON.stringify(payment) : null, postage, changed ? t : row.statusAt, row.applicationId],
    );
    if (!changed) return;
    this.counters.changes++;
    if (s.code !== row.nationalCode || s.dossierNo !== row.dossierNo) await this.opts.recordStatus(row.applicationId, applicationStatusOf(s.code), t);
    this.log({ event: 'hub.province.changed', code: s.code, numbered: s.dossierNo !== null, entries: timeline.length, final });
    const fresh = await this.get(row.applicationId);
    if (fresh) this.emit(fresh);
  }

  private emit(row: OutboxRow): void {
    for (const l of this.listeners) {
      try {
        l({ applicationId: row.applicationId, ward: row.ward, row });
      } catch {
        this.log({ event: 'hub.province.listener_error' });
      }
    }
  }

  async get(applicationId: string): Promise<OutboxRow | null> {
    const r = (await this.sql.all('SELECT * FROM province_outbox WHERE application_id = ?', [applicationId]))[0];
    return r ? toRow(r) : null;
  }

  async byDossierNo(dossierNo: string): Promise<OutboxRow | null> {
    const r = (await this.sql.all('SELECT * FROM province_outbox WHERE dossier_no = ?', [dossierNo]))[0];
    return r ? toRow(r) : null;
  }

  async all(): Promise<OutboxRow[]> {
    return (await this.sql.all('SELECT * FROM province_outbox ORDER BY enqueued_at')).map(toRow);
  }

  /** A ward-staff action through the adapter; the next poll comes at once. */
  async act(applicationId: string, action: StaffAction, note: string, user: string): Promise<OutboxRow> {
    const row = await this.get(applicationId);
    if (!row || row.state !== 'submitted' || !row.dossierId || row.nationalCode === null) throw new ProvinceError('refused', 'not_submitted');
    await this.adapter.act(row.dossierId, { dossierId: row.dossierId, dossierNo: row.dossierNo, code: row.nationalCode, submitted: true, modifiedAt: null }, action, note, user);
    await this.poll(row);
    return (await this.get(applicationId))!;
  }
}

/** The e-form: the answers as the dossier's first part (TP01), JSON. */
export function formFile(kioskRef: string, answers: Answers): HandOffFile {
  return { ref: `${kioskRef}-TP01`, partNo: 'TP01', name: 'to-khai.json', mime: 'application/json', data: Buffer.from(JSON.stringify(answers), 'utf8') };
}

/** The first of these answers that is given: a text, or an address's text. */
const pick = (a: Answers, keys: string[]): string => {
  for (const k of keys) {
    const v = a[k];
    const text = typeof v === 'string' ? v : v && !Array.isArray(v) ? v.text : '';
    if (text.trim()) return text.trim();
  }
  return '';
};

/** Answers → the dossier's fields (the applicant is the declarant the card filled in). */
export function handOffFromAnswers(app: StoredApp, agencyCode: string, files: HandOffFile[] = []): HandOff {
  const a = app.answers;
  const postal = pick(a, ['postalAddress', 'deliveryAddress']);
  const via = pick(a, ['viaPostal', 'delivery', 'deliveryMethod']);
  return {
    kioskRef: app.code,
    serviceCode: app.serviceCode,
    agencyCode,
    applicant: {
      name: pick(a, ['declarantName', 'fullName', 'applicantName', 'personName']),
      idNo: pick(a, ['declarantId', 'idNumber', 'applicantIdNo', 'personId']),
      idType: 'citizen',
      phone: pick(a, ['phone', 'contactTelNo']),
      email: pick(a, ['email', 'contactEmail']),
      address: pick(a, ['address', 'placeOfResidence', 'stayAddress']),
      wardCode: app.ward,
    },
    viaPostal: postal !== '' && /^(true|post|postal|2|buu-dien)$/i.test(via || 'post'),
    postalAddress: postal,
    metaData: JSON.stringify(a),
    files: [formFile(app.code, a), ...files],
  };
}
