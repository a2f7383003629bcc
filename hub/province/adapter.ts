/**
 * The hub's view of a province's one-stop system, in the national vocabulary
 * (common/province/national-status.ts): codes 1–10, the official dossier number, the timeline
 * (progress entries), the payment request. One implementation per product (OpenCPS: opencps.ts).
 *
 * Errors are `ProvinceError`s with a kind the outbox acts on — every kind means "try later";
 * nothing is ever dropped. A log line carries the kind and HTTP status only, never a value.
 * Layer: hub (node).
 */
import type { NationalCode } from '../../common/province/national-status.ts';

export type ProvinceErrorKind =
  /** connection refused / reset / timed out */
  | 'unreachable'
  /** HTTP 5xx */
  | 'server'
  /** HTTP 429 (retryAfterMs when the province said) */
  | 'rate_limited'
  /** HTTP 203 (a guest), 401, or 403 "Access denied": credentials or group refused */
  | 'auth'
  /** a business refusal (403/4xx): unknown procedure, action not allowed here */
  | 'refused'
  /** an answer that fails the boundary: content type, size, JSON, shape, status code, dossier number */
  | 'bad_reply';

export class ProvinceError extends Error {
  constructor(
    readonly kind: ProvinceErrorKind,
    /** A short code for the log (`content_type`, `http_503`, `shape`…), never a value. */
    readonly reason: string,
    readonly httpStatus: number | null = null,
    readonly retryAfterMs: number | null = null,
  ) {
    super(`province ${kind}: ${reason}`);
    this.name = 'ProvinceError';
  }
}

/** What is handed to the province (answers mapped to the dossier's fields, files as bytes). */
export interface HandOff {
  /** The kiosk's reference (the application code): the dossier's `referenceUid`. */
  kioskRef: string;
  serviceCode: string;
  agencyCode: string;
  applicant: { name: string; idNo: string; idType: 'citizen' | 'business'; phone: string; email: string; address: string; wardCode: string };
  viaPostal: boolean;
  postalAddress: string;
  /** The form's answers as JSON (OpenCPS `metaData`). */
  metaData: string;
  files: HandOffFile[];
}

export interface HandOffFile {
  /** Stable per application and part: `<kioskRef>-<partNo>`; the upload is idempotent on it. */
  ref: string;
  partNo: string;
  name: string;
  mime: string;
  data: Buffer;
}

export interface DossierState {
  /** The province's own id. */
  dossierId: string;
  /** The official number once the desk has received the dossier; null before. */
  dossierNo: string | null;
  code: NationalCode;
  submitted: boolean;
  modifiedAt: number | null;
}

export interface TimelineItem {
  at: number;
  code: NationalCode;
  /** The step's name as the province wrote it (Vietnamese). */
  action: string;
  actor: string;
  /** The clerk's note: for code 5, what to bring. */
  note: string;
}

export interface PaymentRequest {
  amount: number;
  bankBin: string;
  accountNo: string;
  accountName: string;
  paymentUrl: string | null;
  note: string;
  paid: boolean;
}

/** What ward staff may do through the adapter. */
export type StaffAction = 'forward' | 'askPapers' | 'refuse';

export interface ProvinceAdapter {
  readonly name: string;
  /** The dossier handed over with this kiosk reference, or null (look up before create). */
  find(kioskRef: string): Promise<DossierState | null>;
  /** Creates the dossier (idempotent on kioskRef in OpenCPS). */
  create(h: HandOff): Promise<DossierState>;
  uploadFile(dossierId: string, f: HandOffFile): Promise<void>;
  submitDossier(dossierId: string): Promise<DossierState>;
  getStatus(ref: string): Promise<DossierState | null>;
  getTimeline(ref: string): Promise<TimelineItem[]>;
  getPaymentRequest(ref: string): Promise<PaymentRequest | null>;
  /** The postage the province states for a result by post (OpenCPS PaymentFile `shipAmount`), in đồng; null when it states none. */
  getPostage(ref: string): Promise<number | null>;
  /** A ward-staff action; returns the new state. */
  act(ref: string, current: DossierState, action: StaffAction, note: string, user: string): Promise<DossierState>;
}
