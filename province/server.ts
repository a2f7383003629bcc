/**
 * A simulated provincial one-stop system speaking OpenCPS's REST API v2 (the parts a kiosk hub
 * uses), faithful to the traits read in VietOpenCPS/opencps-v2 (docs/province.md):
 *
 *   base /o/rest/v2 · HTTP Basic + `groupId` header · form-encoded requests (multipart for files) ·
 *   JSON answers · a guest request answered HTTP 203 with an error body · business errors 403 ·
 *   GET /dossiers/{id} by id or referenceUid, unknown → 200 {} · `originality` required on create ·
 *   an unknown serviceCode or agency refused ("Cant find process") · a repeated referenceUid in the
 *   group returns the existing dossier · /submit only marks the dossier submitted; the status moves
 *   by workflow actions (POST /dossiers/{id}/actions) · dossierNo "" until the receiving step, then
 *   `<agency>-YYMMDD-NNNN` from a per-unit, per-day counter on an injectable clock · dates
 *   `dd/MM/yyyy HH:mm:ss` Asia/Ho_Chi_Minh · applicantName upper-cased · online, viaPostal and
 *   submitting as strings.
 *
 * The state machine runs over the national codes 1–10 (common/province/national-status.ts,
 * PROVINCE_ACTIONS); every change appends a timeline entry. A fee is asked at code 6 (amount, payee
 * bank BIN/account/name, optional payment URL) and is paid only when the clerk marks it.
 *
 * Also: a clerk page in Vietnamese at `/` (its JSON under /clerk/api/), and fault injection
 * (`/admin/faults`: down, slow, 5xx, 429 + Retry-After, credentials refused, garbage, HTML, a huge
 * body, an unknown status, a dossier number in the wrong format). Loopback only.
 * Layer: province (node).
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  actionByCode,
  formatDossierNo,
  formatOpenCpsDate,
  NATIONAL_STATUS,
  openCpsStatusOf,
  PROVINCE_ACTIONS,
  vnDayKey,
  type NationalCode,
  type ProvinceActionName,
} from '../common/province/national-status.ts';
import { CLERK_PAGE } from './clerk-page.ts';
import { DEFAULT_POSTAGE_VND, paymentFile, PostageBook } from './postage.ts';
import { boundaryOf, parseMultipart } from './multipart.ts';
import { ProvinceStore, type DossierRow } from './store.ts';

export const REST_BASE = '/o/rest/v2';

export interface Faults {
  /** Every REST request has its connection dropped (the province cannot be reached). */
  down: boolean;
  /** Every REST answer waits this long first. */
  slowMs: number;
  /** Every REST request gets HTTP 503. */
  error5xx: boolean;
  /** Every REST request gets HTTP 429 with `Retry-After: retryAfterSec`. */
  tooMany: boolean;
  retryAfterSec: number;
  /** Every REST request gets HTTP 401, whatever the credentials (an expired or revoked account). */
  refuseCredentials: boolean;
  /** Bad answers, for the adapter's boundary: */
  garbage: boolean;
  html: boolean;
  huge: boolean;
  unknownStatus: boolean;
  badDossierNo: boolean;
}

export const NO_FAULTS: Faults = {
  down: false,
  slowMs: 0,
  error5xx: false,
  tooMany: false,
  retryAfterSec: 1,
  refuseCredentials: false,
  garbage: false,
  html: false,
  huge: false,
  unknownStatus: false,
  badDossierNo: false,
};

export const FaultsPatch = z
  .object({
    down: z.boolean(),
    slowMs: z.number().int().min(0).max(120_000),
    error5xx: z.boolean(),
    tooMany: z.boolean(),
    retryAfterSec: z.number().int().min(0).max(3600),
    refuseCredentials: z.boolean(),
    garbage: z.boolean(),
    html: z.boolean(),
    huge: z.boolean(),
    unknownStatus: z.boolean(),
    badDossierNo: z.boolean(),
  })
  .partial()
  .strict();

export interface ProvinceOptions {
  /** SQLite file; default in memory. */
  dbFile?: string;
  now?: () => number;
  users?: { user: string; password: string }[];
  groupId?: string;
  /** Agencies (unit code → name) that accept dossiers. */
  agencies?: Record<string, string>;
  /** Procedures (code → name); default: the kiosk catalogue's. */
  services?: Record<string, string>;
  /** Run the receiving step at submission (some processes receive automatically): dossierNo at once. */
  autoReceive?: boolean;
  host?: string;
  port?: number;
  faults?: Partial<Faults>;
  /** The postage stated for a result by post (province/postage.ts); null: none stated. Default 25.000 đ. */
  postageVnd?: number | null;
}

export const DEFAULT_USER = { user: 'motcua', password: 'motcua-2468' };
export const DEFAULT_GROUP = '35417';
export const DEFAULT_AGENCIES: Record<string, string> = { '000.00.12.H29': 'UBND phường (demo)' };

function catalogueServices(): Record<string, string> {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'kiosk-config', 'catalogue', 'services.json');
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { services?: { code?: unknown; name?: unknown }[] };
    const out: Record<string, string> = {};
    for (const s of raw.services ?? []) {
      if (typeof s.code !== 'string') continue;
      const n = s.name as { vi?: unknown } | string | undefined;
      out[s.code] = typeof n === 'string' ? n : typeof n?.vi === 'string' ? n.vi : s.code;
    }
    return out;
  } catch {
    return {};
  }
}

export interface Province {
  app: FastifyInstance;
  store: ProvinceStore;
  faults: Faults;
  setFaults(p: Partial<Faults>): void;
  /** Runs a workflow action as the clerk would (tests and the clerk page). */
  act(id: number, action: ProvinceActionName, input?: ActInput): ActResult;
  readonly url: string;
  start(): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
  /** Counters for the benchmark: REST requests by kind. */
  readonly counters: { requests: number; creates: number; createsDeduplicated: number; faulted: number };
}

export interface ActInput {
  user?: string;
  note?: string;
  payment?: { amount: number; bankBin: string; accountNo: string; accountName: string; paymentUrl?: string; note?: string };
}
export type ActResult = { ok: true; dossier: DossierRow } | { ok: false; status: number; message: string };

const PaymentInput = z
  .object({
    feeAmount: z.coerce.number().int().min(1).max(1_000_000_000),
    paymentNote: z.string().max(500).optional(),
    bankInfo: z.object({ bankCode: z.string().regex(/^\d{6}$/), accountNo: z.string().regex(/^[0-9A-Za-z]{4,19}$/), accountName: z.string().min(1).max(70) }),
    paymentUrl: z.url().max(500).optional(),
  })
  .loose();

const s = (v: unknown, max = 500): string => (typeof v === 'string' ? v.slice(0, max) : '');
const bool = (b: boolean | number): string => (b ? 'true' : 'false');

export async function buildProvince(opts: ProvinceOptions = {}): Promise<Province> {
  const now = opts.now ?? Date.now;
  const store = new ProvinceStore(opts.dbFile ?? ':memory:');
  const postage = new PostageBook(store.db);
  const users = opts.users ?? [DEFAULT_USER];
  const groupId = opts.groupId ?? DEFAULT_GROUP;
  const agencies = opts.agencies ?? DEFAULT_AGENCIES;
  const services = opts.services ?? catalogueServices();
  const faults: Faults = { ...NO_FAULTS, ...opts.faults };
  const counters = { requests: 0, creates: 0, createsDeduplicated: 0, faulted: 0 };
  let url = '';

  const app = Fastify({ logger: false, bodyLimit: 12 * 1024 * 1024 });

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 256 * 1024 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: 12 * 1024 * 1024 }, (req, body, done) => {
    const b = boundaryOf(String(req.headers['content-type'] ?? ''));
    if (!b) return done(Object.assign(new Error('no multipart boundary'), { statusCode: 400 }), undefined);
    try {
      done(null, { multipart: parseMultipart(body as Buffer, b) });
    } catch (e) {
      done(Object.assign(new Error(`bad multipart body: ${(e as Error).message}`), { statusCode: 400 }), undefined);
    }
  });

  const err = (reply: FastifyReply, status: number, message: string, description = message) => reply.code(status).send({ code: status, message, description });

  // ------------------------------------------------------------------ faults + auth on the REST API
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith(`${REST_BASE}/`)) return;
    counters.requests++;
    if (faults.down) {
      counters.faulted++;
      reply.hijack();
      req.raw.socket.destroy();
      return reply;
    }
    if (faults.slowMs) await new Promise((r) => setTimeout(r, faults.slowMs));
    if (faults.error5xx) {
      counters.faulted++;
      return err(reply, 503, 'Service Unavailable');
    }
    if (faults.tooMany) {
      counters.faulted++;
      reply.header('retry-after', String(faults.retryAfterSec));
      return err(reply, 429, 'Too Many Requests');
    }
    if (faults.garbage) {
      counters.faulted++;
      return reply.code(200).type('application/json').send('{"dossierId": 12, "dossierStatus": [garbage');
    }
    if (faults.html) {
      counters.faulted++;
      return reply.code(200).type('text/html; charset=utf-8').send('<!DOCTYPE html><html><body><h1>Hệ thống đang bảo trì</h1></body></html>');
    }
    if (faults.huge) {
      counters.faulted++;
      return reply.code(200).type('application/json').send(`{"dossierId":1,"pad":"${'x'.repeat(3 * 1024 * 1024)}"}`);
    }
    const auth = req.headers.authorization;
    if (!auth) {
      // Liferay lets the request through as a guest; OpenCPS answers 203 with an error body.
      return reply.code(203).send({ message: 'Non-Authoritative Information.', code: 203, description: 'Non-Authoritative Information.' });
    }
    if (faults.refuseCredentials) {
      counters.faulted++;
      return reply.code(401).header('www-authenticate', 'Basic realm="PortalRealm"').send({ code: 401, message: 'Unauthorized', description: 'Unauthorized' });
    }
    const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(auth);
    const [u, ...pw] = m ? Buffer.from(m[1]!, 'base64').toString('utf8').split(':') : [];
    if (!users.some((x) => x.user === u && x.password === pw.join(':'))) {
      return reply.code(401).header('www-authenticate', 'Basic realm="PortalRealm"').send({ code: 401, message: 'Unauthorized', description: 'Unauthorized' });
    }
    if (req.headers.groupid !== groupId) return err(reply, 403, 'Access denied', 'unknown groupId');
  });

  // ------------------------------------------------------------------ models
  const detail = (d: DossierRow) => {
    const st = openCpsStatusOf(d.code as NationalCode);
    return {
      dossierId: d.id,
      groupId: Number(d.group_id),
      referenceUid: d.reference_uid,
      serviceCode: d.service_code,
      serviceName: services[d.service_code] ?? '',
      govAgencyCode: d.gov_agency_code,
      govAgencyName: agencies[d.gov_agency_code] ?? '',
      dossierTemplateNo: d.dossier_template_no,
      applicantName: d.applicant_name,
      applicantIdType: d.applicant_id_type,
      applicantIdNo: d.applicant_id_no,
      address: d.address,
      wardCode: d.ward_code,
      contactTelNo: d.contact_tel_no,
      contactEmail: d.contact_email,
      dossierNo: faults.badDossierNo && d.dossier_no ? `HS${d.id}/${d.dossier_no.slice(-4)}` : d.dossier_no,
      dossierStatus: faults.unknownStatus ? 'dangxuly_khac' : st.status,
      dossierStatusText: NATIONAL_STATUS[d.code as NationalCode].vi,
      dossierSubStatus: st.subStatus,
      dossierSubStatusText: '',
      originality: d.originality,
      online: bool(d.online),
      viaPostal: bool(d.via_postal),
      postalAddress: d.postal_address,
      submitting: bool(d.submitted),
      createDate: formatOpenCpsDate(d.create_at),
      modifiedDate: formatOpenCpsDate(d.modified_at),
      submitDate: d.submit_at === null ? '' : formatOpenCpsDate(d.submit_at),
      receiveDate: d.receive_at === null ? '' : formatOpenCpsDate(d.receive_at),
      releaseDate: d.release_at === null ? '' : formatOpenCpsDate(d.release_at),
    };
  };

  const find = (req: FastifyRequest, idOrRef: string): DossierRow | null => {
    const g = String(req.headers.groupid);
    if (/^\d{1,15}$/.test(idOrRef)) {
      const d = store.dossier(Number(idOrRef));
      if (d && d.group_id === g) return d;
    }
    return store.byReference(g, idOrRef);
  };

  // ------------------------------------------------------------------ REST
  app.post(`${REST_BASE}/dossiers`, async (req, reply) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    if (typeof req.body !== 'object' || req.body === null || 'multipart' in b) return err(reply, 415, 'form-encoded only');
    const originality = s(b.originality);
    if (!/^-?\d+$/.test(originality)) return err(reply, 500, 'java.lang.NumberFormatException: For input string: "' + originality.slice(0, 20) + '"', 'originality is required');
    const serviceCode = s(b.serviceCode, 64);
    const agency = s(b.govAgencyCode, 64);
    if (!services[serviceCode] || !agencies[agency]) return err(reply, 403, 'Cant find process', 'no process for this serviceCode, govAgencyCode and dossierTemplateNo');
    const referenceUid = s(b.referenceUid, 128) || createHash('sha1').update(`${now()}:${Math.random()}`).digest('hex');
    const viaPostal = s(b.viaPostal);
    const { row, created } = store.create({
      group_id: String(req.headers.groupid),
      reference_uid: referenceUid,
      service_code: serviceCode,
      gov_agency_code: agency,
      dossier_template_no: s(b.dossierTemplateNo, 64) || serviceCode,
      applicant_name: s(b.applicantName, 200).toLocaleUpperCase('vi'),
      applicant_id_type: s(b.applicantIdType, 20) || 'citizen',
      applicant_id_no: s(b.applicantIdNo, 20),
      address: s(b.address),
      ward_code: s(b.wardCode, 20),
      contact_tel_no: s(b.contactTelNo, 20),
      contact_email: s(b.contactEmail, 254),
      via_postal: viaPostal === 'true' || viaPostal === '2' || viaPostal === '1' ? 1 : 0,
      postal_address: s(b.postalAddress),
      online: s(b.online) === 'false' ? 0 : 1,
      originality: Number(originality),
      meta_data: s(b.metaData, 4000),
      create_at: now(),
    });
    postage.state(row, opts.postageVnd === undefined ? DEFAULT_POSTAGE_VND : opts.postageVnd, now());
    if (created) counters.creates++;
    else counters.createsDeduplicated++;
    return reply.send(detail(row));
  });

  app.get<{ Params: { id: string } }>(`${REST_BASE}/dossiers/:id`, async (req, reply) => {
    const d = find(req, req.params.id);
    return reply.send(d ? detail(d) : {});
  });

  app.post<{ Params: { id: string } }>(`${REST_BASE}/dossiers/:id/files`, async (req, reply) => {
    const d = find(req, req.params.id);
    if (!d) return err(reply, 404, 'Not found');
    const parts = (req.body as { multipart?: ReturnType<typeof parseMultipart> } | undefined)?.multipart;
    if (!parts) return err(reply, 415, 'multipart/form-data only');
    const field = (n: string) => parts.find((p) => p.name === n && p.filename === null)?.data.toString('utf8') ?? '';
    const file = parts.find((p) => p.name === 'file' && p.filename !== null);
    if (!file || file.data.length === 0) return err(reply, 403, 'file is required');
    const partNo = field('dossierPartNo').slice(0, 64);
    if (!partNo) return err(reply, 403, 'dossierPartNo is required');
    const { row } = store.addFile({
      dossier_id: d.id,
      reference_uid: field('referenceUid').slice(0, 128) || createHash('sha256').update(file.data).digest('hex').slice(0, 32),
      dossier_part_no: partNo,
      file_template_no: field('fileTemplateNo').slice(0, 64),
      display_name: (field('displayName') || file.filename || 'file').slice(0, 200),
      mime: file.contentType.slice(0, 100),
      size: file.data.length,
      sha256: createHash('sha256').update(file.data).digest('hex'),
      data: file.data,
      at: now(),
    });
    return reply.send({
      dossierFileId: row.id,
      referenceUid: row.reference_uid,
      dossierPartNo: row.dossier_part_no,
      fileTemplateNo: row.file_template_no,
      displayName: row.display_name,
      fileType: row.mime,
      fileSize: row.size,
      createDate: formatOpenCpsDate(row.at),
    });
  });

  app.get<{ Params: { id: string } }>(`${REST_BASE}/dossiers/:id/files`, async (req, reply) => {
    const d = find(req, req.params.id);
    const files = d ? store.files(d.id) : [];
    return reply.send({
      total: files.length,
      data: files.map((f) => ({ dossierFileId: f.id, referenceUid: f.reference_uid, dossierPartNo: f.dossier_part_no, displayName: f.display_name, fileType: f.mime, fileSize: f.size })),
    });
  });

  const submit = async (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const d = find(req, req.params.id);
    if (!d) return err(reply, 404, 'Not found');
    if (!d.submitted) {
      const t = now();
      store.markSubmitted(d.id, t);
      store.addAction(d.id, { code: '1000', name: 'Nộp hồ sơ', user: d.applicant_name, note: '', from: d.code, to: d.code, at: t });
      if (opts.autoReceive) act(d.id, 'receive', { user: 'Hệ thống' });
    }
    return reply.send(detail(store.dossier(d.id)!));
  };
  app.post(`${REST_BASE}/dossiers/:id/submit`, submit);
  app.post(`${REST_BASE}/dossiers/:id/submitting`, submit);

  app.get<{ Params: { id: string } }>(`${REST_BASE}/dossiers/:id/actions`, async (req, reply) => {
    const d = find(req, req.params.id);
    const actions = d ? store.actions(d.id) : [];
    return reply.send({
      total: actions.length,
      data: actions.map((a) => {
        const st = openCpsStatusOf(a.to_code as NationalCode);
        return {
          dossierActionId: a.id,
          dossierId: d!.id,
          createDate: formatOpenCpsDate(a.at),
          actionCode: a.action_code,
          actionUser: a.action_user,
          actionName: a.action_name,
          actionNote: a.action_note,
          stepCode: String(a.to_code * 100),
          stepName: NATIONAL_STATUS[a.to_code as NationalCode].vi,
          dossierStatus: faults.unknownStatus ? 'dangxuly_khac' : st.status,
          dossierSubStatus: st.subStatus,
        };
      }),
    });
  });

  app.post<{ Params: { id: string } }>(`${REST_BASE}/dossiers/:id/actions`, async (req, reply) => {
    const d = find(req, req.params.id);
    if (!d) return err(reply, 404, 'Not found');
    const b = (req.body ?? {}) as Record<string, unknown>;
    const name = actionByCode(s(b.actionCode, 20));
    if (!name) return err(reply, 403, 'Action not found', 'no such action in this process');
    let payment: ActInput['payment'];
    if (name === 'askFee') {
      let raw: unknown;
      try {
        raw = JSON.parse(s(b.payment, 4000) || 'null');
      } catch {
        raw = null;
      }
      const p = PaymentInput.safeParse(raw);
      if (!p.success) return err(reply, 403, 'payment is required', 'payment: {feeAmount, bankInfo: {bankCode, accountNo, accountName}, paymentUrl?}');
      payment = { amount: p.data.feeAmount, bankBin: p.data.bankInfo.bankCode, accountNo: p.data.bankInfo.accountNo, accountName: p.data.bankInfo.accountName, paymentUrl: p.data.paymentUrl, note: p.data.paymentNote };
    }
    const r = act(d.id, name, { user: s(b.actionUser, 100) || 'Cán bộ một cửa', note: s(b.actionNote, 1000), payment });
    if (!r.ok) return err(reply, r.status, r.message);
    return reply.send(detail(r.dossier));
  });

  app.get<{ Params: { id: string } }>(`${REST_BASE}/dossiers/:id/payment`, async (req, reply) => {
    const d = find(req, req.params.id);
    return reply.send((d && paymentFile(d, store.payment(d.id), postage.of(d.id))) ?? {});
  });

  // ------------------------------------------------------------------ the workflow
  function act(id: number, name: ProvinceActionName, input: ActInput = {}): ActResult {
    const d = store.dossier(id);
    if (!d) return { ok: false, status: 404, message: 'Not found' };
    if (!d.submitted) return { ok: false, status: 403, message: 'dossier not submitted' };
    const a = PROVINCE_ACTIONS[name];
    if (!(a.from as readonly number[]).includes(d.code)) return { ok: false, status: 403, message: `action ${a.code} not allowed at status ${d.code}` };
    const t = now();
    const user = input.user ?? 'Cán bộ một cửa';
    const note = (input.note ?? '').slice(0, 1000);
    const extra: { dossierNo?: string; receiveAt?: number; releaseAt?: number } = {};
    if (name === 'receive' && !d.dossier_no) {
      extra.dossierNo = formatDossierNo(d.gov_agency_code, t, store.nextSeq(d.gov_agency_code, vnDayKey(t)));
      extra.receiveAt = t;
    }
    if (name === 'finish') extra.releaseAt = t;
    if (name === 'askFee') {
      const p = input.payment;
      if (!p) return { ok: false, status: 403, message: 'payment is required' };
      store.requestPayment({ dossier_id: id, amount: p.amount, bank_bin: p.bankBin, account_no: p.accountNo, account_name: p.accountName, payment_url: p.paymentUrl ?? '', note: p.note ?? note, request_at: t });
    }
    if (name === 'paid') store.confirmPayment(id, t);
    store.transition(id, { code: a.code, name: a.vi, user, note, from: d.code, to: a.to, at: t }, extra);
    return { ok: true, dossier: store.dossier(id)! };
  }

  // ------------------------------------------------------------------ clerk page + admin
  app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').send(CLERK_PAGE));
  app.get('/clerk/api/dossiers', async () => ({
    dossiers: store.list().map((d) => ({
      ...detail(d),
      code: d.code,
      statusVi: NATIONAL_STATUS[d.code as NationalCode].vi,
      timeline: store.actions(d.id).map((a) => ({ at: formatOpenCpsDate(a.at), name: a.action_name, note: a.action_note, code: a.to_code })),
      files: store.files(d.id).map((f) => ({ name: f.display_name, part: f.dossier_part_no, size: f.size })),
      payment: store.payment(d.id),
      postage: postage.of(d.id)?.amount ?? null,
    })),
  }));
  const ClerkAct = z
    .object({
      action: z.enum(Object.keys(PROVINCE_ACTIONS) as [ProvinceActionName, ...ProvinceActionName[]]),
      note: z.string().max(1000).optional(),
      payment: z
        .object({ amount: z.number().int().min(1).max(1_000_000_000), bankBin: z.string().regex(/^\d{6}$/), accountNo: z.string().regex(/^[0-9A-Za-z]{4,19}$/), accountName: z.string().min(1).max(70), paymentUrl: z.url().max(500).optional() })
        .strict()
        .optional(),
    })
    .strict();
  app.post<{ Params: { id: string } }>('/clerk/api/dossiers/:id/act', async (req, reply) => {
    const p = ClerkAct.safeParse(req.body);
    if (!p.success || !/^\d{1,15}$/.test(req.params.id)) return reply.code(400).send({ message: 'Dữ liệu không hợp lệ' });
    const r = act(Number(req.params.id), p.data.action, { user: 'Cán bộ một cửa', note: p.data.note, payment: p.data.payment });
    if (!r.ok) return reply.code(r.status).send({ message: r.message });
    return reply.send({ ok: true, dossierNo: r.dossier.dossier_no, code: r.dossier.code });
  });
  app.get('/admin/faults', async () => faults);
  app.post('/admin/faults', async (req, reply) => {
    const p = FaultsPatch.safeParse(req.body);
    if (!p.success) return reply.code(400).send({ message: 'unknown or bad fault', issues: p.error.issues.map((i) => i.path.join('.')) });
    Object.assign(faults, p.data);
    return faults;
  });
  app.get('/admin/stats', async () => ({ dossiers: store.count(), ...counters }));

  return {
    app,
    store,
    faults,
    counters,
    setFaults: (p) => void Object.assign(faults, p),
    act,
    get url() {
      return url;
    },
    async start() {
      const addr = await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 });
      const port = Number(new URL(addr).port);
      url = `http://127.0.0.1:${port}`;
      return { url, port };
    },
    async close() {
      await app.close();
      store.close();
    },
  };
}
