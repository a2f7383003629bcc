/**
 * The OpenCPS implementation of ProvinceAdapter (REST API v2, read in VietOpenCPS/opencps-v2):
 * HTTP Basic + `groupId` header, form-encoded requests (multipart for files), JSON answers.
 *
 * Every answer is checked before it is believed: HTTP status (203 is an error: a guest), content
 * type JSON, size under a cap, JSON that parses, the shape (zod), the status mapped to a national
 * code 1–10, the dossier number `""` or `<unit>-YYMMDD-NNNN`, dates `dd/MM/yyyy HH:mm:ss`. A bad
 * answer is a ProvinceError('bad_reply', reason) — the outbox logs the reason (a code) and keeps
 * the application queued.
 * Layer: hub (node).
 */
import { z } from 'zod';
import {
  nationalCodeOf,
  parseDossierNo,
  parseOpenCpsDate,
  PROVINCE_ACTIONS,
  type NationalCode,
  type ProvinceActionName,
} from '../../common/province/national-status.ts';
import { ProvinceError, type DossierState, type HandOff, type HandOffFile, type PaymentRequest, type ProvinceAdapter, type StaffAction, type TimelineItem } from './adapter.ts';

export interface OpenCpsConfig {
  /** The system's address, e.g. https://motcua.tinh.gov.vn (the REST base /o/rest/v2 is added). */
  url: string;
  user: string;
  password: string;
  groupId: string;
  /** The agency that receives the kiosk's dossiers (govAgencyCode). */
  agencyCode: string;
  /** The process's action codes, when they differ from the defaults (PROVINCE_ACTIONS). */
  actions?: Partial<Record<ProvinceActionName, string>>;
  /** Per request (default 10 s). */
  timeoutMs?: number;
  /** An answer larger than this is refused (default 512 KiB). */
  maxReplyBytes?: number;
  /** `originality`: 1 = online public service (default), 3 = one-stop desk. */
  originality?: number;
}

const REST = '/o/rest/v2';
const Str = z.string().max(2000);
/** An OpenCPS id: a whole non-negative number or its digits (never `-5e-324` or `1e+21` in a URL). */
const Num = z.union([z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\d{1,18}$/)]).transform((v) => String(v));
const DateOrEmpty = z.string().refine((s) => s === '' || parseOpenCpsDate(s) !== null, 'date');
const DossierNoOrEmpty = z.string().refine((s) => s === '' || parseDossierNo(s) !== null, 'dossier_no');

const Detail = z
  .object({
    dossierId: Num,
    referenceUid: Str.optional(),
    dossierNo: z.string().max(64),
    dossierStatus: z.string().max(64),
    dossierSubStatus: z.string().max(64).optional().default(''),
    submitting: z.enum(['true', 'false']).optional(),
    modifiedDate: DateOrEmpty.optional(),
  })
  .loose();
const Empty = z.object({}).strict();
const Action = z
  .object({
    dossierId: Num,
    createDate: z.string(),
    actionName: Str.optional().default(''),
    actionUser: Str.optional().default(''),
    actionNote: Str.optional().default(''),
    dossierStatus: z.string().max(64),
    dossierSubStatus: z.string().max(64).optional().default(''),
  })
  .loose();
const Actions = z.object({ total: z.number().int().nonnegative().optional(), data: z.array(Action).max(500) }).loose();
const Payment = z
  .object({
    paymentAmount: z.number().int().nonnegative().max(10_000_000_000),
    paymentNote: Str.optional().default(''),
    bankInfo: z.string().max(2000),
    epaymentProfile: z.string().max(2000).optional().default('{}'),
    paymentStatus: z.number().int().min(0).max(5),
  })
  .loose();
/** The postage stated on the payment file: a whole number of đồng, none above 5.000.000 đ (no postal return comes near it). */
const Postage = z.object({ shipAmount: z.number().int().min(0).max(5_000_000).optional() }).loose();
/** The payment file's dossier (checked before its amounts are read). */
const PaymentOf = z.object({ dossierId: Num }).loose();
const BankInfo = z.object({ bankCode: z.string().regex(/^\d{6}$/), accountNo: z.string().regex(/^[0-9A-Za-z]{4,19}$/), accountName: z.string().min(1).max(70) }).loose();
/** Only an http(s) link is believed (a `javascript:` or `data:` link would reach the kiosk and the console). */
const EPaymentProfile = z.object({ paymentUrl: z.url({ protocol: /^https?$/ }).max(500).optional() }).loose();
const FileAnswer = z.object({ dossierFileId: Num, referenceUid: Str }).loose();

function retryAfter(h: string | null): number | null {
  if (!h) return null;
  if (/^\d{1,6}$/.test(h.trim())) return Number(h.trim()) * 1000;
  const t = Date.parse(h);
  return Number.isFinite(t) ? Math.max(0, t - Date.now()) : null;
}

export class OpenCpsAdapter implements ProvinceAdapter {
  readonly name = 'opencps';
  private readonly base: string;
  private readonly auth: string;

  constructor(private readonly cfg: OpenCpsConfig) {
    this.base = cfg.url.replace(/\/+$/, '') + REST;
    this.auth = `Basic ${Buffer.from(`${cfg.user}:${cfg.password}`).toString('base64')}`;
  }

  private code(a: ProvinceActionName): string {
    return this.cfg.actions?.[a] ?? PROVINCE_ACTIONS[a].code;
  }

  /** One request; resolves to the parsed JSON of a 200, or throws a ProvinceError. */
  private async call(method: 'GET' | 'POST', path: string, body?: URLSearchParams | FormData): Promise<unknown> {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), this.cfg.timeoutMs ?? 10_000);
    let res: Response;
    try {
      res = await fetch(this.base + path, {
        method,
        headers: { authorization: this.auth, groupid: this.cfg.groupId, accept: 'application/json' },
        body,
        signal: ctl.signal,
        redirect: 'error',
      });
    } catch {
      clearTimeout(timer);
      throw new ProvinceError('unreachable', ctl.signal.aborted ? 'timeout' : 'network');
    }
    try {
      const s = res.status;
      if (s === 203 || s === 401) {
        await res.body?.cancel();
        throw new ProvinceError('auth', `http_${s}`, s);
      }
      if (s === 429) {
        await res.body?.cancel();
        throw new ProvinceError('rate_limited', 'http_429', s, retryAfter(res.headers.get('retry-after')));
      }
      if (s >= 500) {
        await res.body?.cancel();
        throw new ProvinceError('server', `http_${s}`, s);
      }
      let text: string;
      try {
        text = await this.readCapped(res);
      } catch (e) {
        // The answer cut or stalled mid-body (the stream's own TypeError / AbortError): try later.
        if (e instanceof ProvinceError) throw e;
        throw new ProvinceError('unreachable', ctl.signal.aborted ? 'timeout' : 'network', s);
      }
      if (s === 403 && /access denied/i.test(text)) throw new ProvinceError('auth', 'http_403', s);
      if (s !== 200) throw new ProvinceError('refused', `http_${s}`, s);
      if (!/^application\/json\b/i.test(res.headers.get('content-type') ?? '')) throw new ProvinceError('bad_reply', 'content_type', s);
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new ProvinceError('bad_reply', 'not_json', s);
      }
    } finally {
      clearTimeout(timer);
    }
  }

  private async readCapped(res: Response): Promise<string> {
    const cap = this.cfg.maxReplyBytes ?? 512 * 1024;
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > cap) {
      await res.body?.cancel();
      throw new ProvinceError('bad_reply', 'too_large', res.status);
    }
    if (!res.body) return '';
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let n = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      n += value.byteLength;
      if (n > cap) {
        await reader.cancel();
        throw new ProvinceError('bad_reply', 'too_large', res.status);
      }
      chunks.push(value);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  private parse<T>(schema: z.ZodType<T>, raw: unknown, what: string): T {
    const r = schema.safeParse(raw);
    if (!r.success) {
      const bad = r.error.issues[0];
      const field = bad?.path[0];
      throw new ProvinceError('bad_reply', field === 'dossierNo' ? 'dossier_no' : `shape_${what}`, 200);
    }
    return r.data;
  }

  /**
   * A dossier answer, which must be about the dossier asked for (`ref`: its id or the kiosk's
   * reference): an answer about another dossier — a garbled or misrouted reply — is refused, or
   * the outbox would take it for its own and believe a hand-off that never happened.
   */
  private state(raw: unknown, ref: string): DossierState {
    const d = this.parse(Detail, raw, 'dossier');
    if (d.dossierId !== ref && d.referenceUid !== ref) throw new ProvinceError('bad_reply', 'other_dossier', 200);
    const code = nationalCodeOf(d.dossierStatus, d.dossierSubStatus);
    if (code === null) throw new ProvinceError('bad_reply', 'status_code', 200);
    if (d.dossierNo !== '' && !DossierNoOrEmpty.safeParse(d.dossierNo).success) throw new ProvinceError('bad_reply', 'dossier_no', 200);
    return {
      dossierId: d.dossierId,
      dossierNo: d.dossierNo === '' ? null : d.dossierNo,
      code,
      submitted: d.submitting === 'true',
      modifiedAt: d.modifiedDate ? parseOpenCpsDate(d.modifiedDate) : null,
    };
  }

  /**
   * A timeline or payment answer names its dossier (`dossierId` on each action and on the payment
   * file): asked by dossier id (as the outbox polls), another id is refused — a wrong but well-formed
   * answer is never shown as this application's. Asked by the kiosk's reference, the id is only required.
   */
  private sameDossier(dossierId: string, ref: string): void {
    if (/^\d+$/.test(ref) && dossierId !== ref) throw new ProvinceError('bad_reply', 'other_dossier', 200);
  }

  /** `{}` (OpenCPS's unknown dossier) → null. */
  private stateOrNull(raw: unknown, ref: string): DossierState | null {
    if (Empty.safeParse(raw).success) return null;
    return this.state(raw, ref);
  }

  async find(kioskRef: string): Promise<DossierState | null> {
    return this.stateOrNull(await this.call('GET', `/dossiers/${encodeURIComponent(kioskRef)}`), kioskRef);
  }

  async create(h: HandOff): Promise<DossierState> {
    const f = new URLSearchParams({
      serviceCode: h.serviceCode,
      govAgencyCode: h.agencyCode,
      dossierTemplateNo: h.serviceCode,
      applicantName: h.applicant.name,
      applicantIdType: h.applicant.idType,
      applicantIdNo: h.applicant.idNo,
      address: h.applicant.address,
      wardCode: h.applicant.wardCode,
      contactTelNo: h.applicant.phone,
      contactEmail: h.applicant.email,
      viaPostal: h.viaPostal ? '2' : '0',
      postalAddress: h.postalAddress,
      online: 'true',
      originality: String(this.cfg.originality ?? 1),
      referenceUid: h.kioskRef,
      metaData: h.metaData,
    });
    const s = this.state(await this.call('POST', '/dossiers', f), h.kioskRef);
    return s;
  }

  async uploadFile(dossierId: string, file: HandOffFile): Promise<void> {
    const fd = new FormData();
    fd.set('referenceUid', file.ref);
    fd.set('dossierPartNo', file.partNo);
    fd.set('displayName', file.name);
    fd.set('file', new Blob([new Uint8Array(file.data)], { type: file.mime }), file.name);
    const a = this.parse(FileAnswer, await this.call('POST', `/dossiers/${encodeURIComponent(dossierId)}/files`, fd), 'file');
    if (a.referenceUid !== file.ref) throw new ProvinceError('bad_reply', 'other_file', 200);
  }

  async submitDossier(dossierId: string): Promise<DossierState> {
    return this.state(await this.call('POST', `/dossiers/${encodeURIComponent(dossierId)}/submit`, new URLSearchParams()), dossierId);
  }

  async getStatus(ref: string): Promise<DossierState | null> {
    return this.find(ref);
  }

  async getTimeline(ref: string): Promise<TimelineItem[]> {
    const a = this.parse(Actions, await this.call('GET', `/dossiers/${encodeURIComponent(ref)}/actions`), 'actions');
    return a.data.map((x) => {
      this.sameDossier(x.dossierId, ref);
      const code = nationalCodeOf(x.dossierStatus, x.dossierSubStatus);
      if (code === null) throw new ProvinceError('bad_reply', 'status_code', 200);
      const at = parseOpenCpsDate(x.createDate);
      if (at === null) throw new ProvinceError('bad_reply', 'date', 200);
      return { at, code, action: x.actionName, actor: x.actionUser, note: x.actionNote };
    });
  }

  async getPaymentRequest(ref: string): Promise<PaymentRequest | null> {
    const raw = await this.call('GET', `/dossiers/${encodeURIComponent(ref)}/payment`);
    if (Empty.safeParse(raw).success) return null;
    this.sameDossier(this.parse(PaymentOf, raw, 'payment').dossierId, ref);
    const p = this.parse(Payment, raw, 'payment');
    if (p.paymentStatus === 0) return null; // a payment file with nothing requested (e.g. only the postage stated)
    let bank: z.infer<typeof BankInfo>;
    let profile: z.infer<typeof EPaymentProfile>;
    try {
      bank = this.parse(BankInfo, JSON.parse(p.bankInfo), 'bank');
      profile = this.parse(EPaymentProfile, JSON.parse(p.epaymentProfile || '{}'), 'epayment');
    } catch (e) {
      if (e instanceof ProvinceError) throw e;
      throw new ProvinceError('bad_reply', 'shape_payment', 200);
    }
    return {
      amount: p.paymentAmount,
      bankBin: bank.bankCode,
      accountNo: bank.accountNo,
      accountName: bank.accountName,
      paymentUrl: profile.paymentUrl ?? null,
      note: p.paymentNote,
      paid: p.paymentStatus === 5 || p.paymentStatus === 3,
    };
  }

  async getPostage(ref: string): Promise<number | null> {
    const raw = await this.call('GET', `/dossiers/${encodeURIComponent(ref)}/payment`);
    if (Empty.safeParse(raw).success) return null;
    this.sameDossier(this.parse(PaymentOf, raw, 'payment').dossierId, ref);
    const ship = Postage.safeParse(raw);
    if (!ship.success) throw new ProvinceError('bad_reply', 'postage_amount', 200);
    return ship.data.shipAmount ? ship.data.shipAmount : null;
  }

  async act(ref: string, current: DossierState, action: StaffAction, note: string, user: string): Promise<DossierState> {
    const c: NationalCode = current.code;
    const step: ProvinceActionName | null =
      action === 'forward'
        ? c === 1
          ? 'receive'
          : c === 2
            ? 'process'
            : c === 5
              ? 'papersReceived'
              : null
        : action === 'askPapers'
          ? c === 2 || c === 4
            ? 'askPapers'
            : null
          : c === 1 || c === 2
            ? 'refuse'
            : c === 4
              ? 'stop'
              : null;
    if (!step) throw new ProvinceError('refused', 'not_allowed_here');
    const f = new URLSearchParams({ actionCode: this.code(step), actionUser: user, actionNote: note });
    return this.state(await this.call('POST', `/dossiers/${encodeURIComponent(ref)}/actions`, f), ref);
  }
}
