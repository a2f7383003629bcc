/**
 * The simulated province states the postage of a result sent by post (issue 16): when a dossier
 * arrives with `viaPostal`, the province records the postage of the public postal service's
 * result return at its tariff (simulated: a flat amount per dossier, `postageVnd`, default
 * 25.000 đ; a real province's tariff is its own) and states it on the dossier's payment file as
 * OpenCPS does — PaymentFile `shipAmount` (docs: ../shared/reference/portal-integration.md §7, beside the project),
 * with a note on how it is paid. Before any fee is asked the payment file carries only the
 * postage (`feeAmount` 0, `paymentStatus` 0 = nothing requested); once a fee is asked it carries
 * both (the fee is `paymentAmount`; the postage stays `shipAmount`, paid to the postman).
 *
 * Layer: province (the simulator; node).
 */
import type Database from 'better-sqlite3';
import { formatOpenCpsDate } from '../common/province/national-status.ts';
import type { DossierRow, PaymentRow } from './store.ts';

export const DEFAULT_POSTAGE_VND = 25_000;
export const POSTAGE_NOTE = 'Cước bưu chính công ích chuyển trả kết quả: trả cho nhân viên bưu điện khi nhận kết quả.';

export interface PostageRow {
  dossier_id: number;
  amount: number;
  note: string;
  at: number;
}

/** The postage table, beside the province's own (created if missing; an older file keeps working). */
export class PostageBook {
  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS postage (
      dossier_id INTEGER PRIMARY KEY REFERENCES dossiers(id),
      amount INTEGER NOT NULL,
      note TEXT NOT NULL,
      at INTEGER NOT NULL
    )`);
  }

  /** Once per dossier (a repeated create of the same referenceUid keeps the first). */
  state(d: DossierRow, amount: number | null, at: number): void {
    if (!d.via_postal || amount === null) return;
    this.db.prepare('INSERT OR IGNORE INTO postage (dossier_id, amount, note, at) VALUES (?, ?, ?, ?)').run(d.id, amount, POSTAGE_NOTE, at);
  }

  of(dossierId: number): PostageRow | null {
    return (this.db.prepare('SELECT * FROM postage WHERE dossier_id = ?').get(dossierId) as PostageRow | undefined) ?? null;
  }
}

/** GET /dossiers/{id}/payment: the payment file (OpenCPS PaymentFile fields), or null when there is nothing to state. */
export function paymentFile(d: DossierRow, p: PaymentRow | null, postage: PostageRow | null): Record<string, unknown> | null {
  if (!p && !postage) return null;
  const ship = postage ? { shipAmount: postage.amount } : {};
  if (!p) {
    return {
      referenceUid: `${d.reference_uid}-payment`,
      dossierId: d.id,
      feeAmount: 0,
      ...ship,
      paymentAmount: 0,
      paymentNote: postage!.note,
      bankInfo: '',
      epaymentProfile: '{}',
      paymentStatus: 0,
      createDate: formatOpenCpsDate(postage!.at),
      confirmDate: '',
    };
  }
  return {
    referenceUid: `${d.reference_uid}-payment`,
    dossierId: d.id,
    feeAmount: p.amount,
    ...ship,
    paymentAmount: p.amount,
    paymentNote: p.note,
    bankInfo: JSON.stringify({ bankCode: p.bank_bin, accountNo: p.account_no, accountName: p.account_name }),
    epaymentProfile: JSON.stringify(p.payment_url ? { paymentUrl: p.payment_url } : {}),
    paymentStatus: p.payment_status,
    createDate: formatOpenCpsDate(p.request_at),
    confirmDate: p.confirm_at === null ? '' : formatOpenCpsDate(p.confirm_at),
  };
}
