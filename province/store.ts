/**
 * The simulated province's records (better-sqlite3): dossiers, their files, the executed actions
 * (the timeline), payment files and the per-unit, per-day dossier-number counter.
 * Layer: province (node).
 */
import Database from 'better-sqlite3';

export interface DossierRow {
  id: number;
  group_id: string;
  reference_uid: string;
  service_code: string;
  gov_agency_code: string;
  dossier_template_no: string;
  applicant_name: string;
  applicant_id_type: string;
  applicant_id_no: string;
  address: string;
  ward_code: string;
  contact_tel_no: string;
  contact_email: string;
  via_postal: number;
  postal_address: string;
  online: number;
  originality: number;
  meta_data: string;
  code: number;
  dossier_no: string;
  submitted: number;
  create_at: number;
  modified_at: number;
  submit_at: number | null;
  receive_at: number | null;
  release_at: number | null;
}

export interface ActionRow {
  id: number;
  dossier_id: number;
  action_code: string;
  action_name: string;
  action_user: string;
  action_note: string;
  from_code: number;
  to_code: number;
  at: number;
}

export interface FileRow {
  id: number;
  dossier_id: number;
  reference_uid: string;
  dossier_part_no: string;
  file_template_no: string;
  display_name: string;
  mime: string;
  size: number;
  sha256: string;
  at: number;
}

export interface PaymentRow {
  dossier_id: number;
  amount: number;
  bank_bin: string;
  account_no: string;
  account_name: string;
  payment_url: string;
  note: string;
  payment_status: number;
  request_at: number;
  confirm_at: number | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS dossiers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  group_id TEXT NOT NULL,
  reference_uid TEXT NOT NULL,
  service_code TEXT NOT NULL,
  gov_agency_code TEXT NOT NULL,
  dossier_template_no TEXT NOT NULL,
  applicant_name TEXT NOT NULL,
  applicant_id_type TEXT NOT NULL,
  applicant_id_no TEXT NOT NULL,
  address TEXT NOT NULL,
  ward_code TEXT NOT NULL,
  contact_tel_no TEXT NOT NULL,
  contact_email TEXT NOT NULL,
  via_postal INTEGER NOT NULL,
  postal_address TEXT NOT NULL,
  online INTEGER NOT NULL,
  originality INTEGER NOT NULL,
  meta_data TEXT NOT NULL,
  code INTEGER NOT NULL,
  dossier_no TEXT NOT NULL DEFAULT '',
  submitted INTEGER NOT NULL DEFAULT 0,
  create_at INTEGER NOT NULL,
  modified_at INTEGER NOT NULL,
  submit_at INTEGER,
  receive_at INTEGER,
  release_at INTEGER,
  UNIQUE (group_id, reference_uid)
);
CREATE TABLE IF NOT EXISTS dossier_files (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
  reference_uid TEXT NOT NULL,
  dossier_part_no TEXT NOT NULL,
  file_template_no TEXT NOT NULL,
  display_name TEXT NOT NULL,
  mime TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  data BLOB NOT NULL,
  at INTEGER NOT NULL,
  UNIQUE (dossier_id, reference_uid)
);
CREATE TABLE IF NOT EXISTS dossier_actions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
  action_code TEXT NOT NULL,
  action_name TEXT NOT NULL,
  action_user TEXT NOT NULL,
  action_note TEXT NOT NULL,
  from_code INTEGER NOT NULL,
  to_code INTEGER NOT NULL,
  at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS payments (
  dossier_id INTEGER PRIMARY KEY REFERENCES dossiers(id),
  amount INTEGER NOT NULL,
  bank_bin TEXT NOT NULL,
  account_no TEXT NOT NULL,
  account_name TEXT NOT NULL,
  payment_url TEXT NOT NULL,
  note TEXT NOT NULL,
  payment_status INTEGER NOT NULL,
  request_at INTEGER NOT NULL,
  confirm_at INTEGER
);
CREATE TABLE IF NOT EXISTS counters (
  unit TEXT NOT NULL,
  day TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (unit, day)
);
`;

export type NewDossier = Omit<DossierRow, 'id' | 'code' | 'dossier_no' | 'submitted' | 'modified_at' | 'submit_at' | 'receive_at' | 'release_at'>;

export class ProvinceStore {
  readonly db: Database.Database;

  constructor(file = ':memory:') {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(SCHEMA);
  }

  close(): void {
    this.db.close();
  }

  dossier(id: number): DossierRow | null {
    return (this.db.prepare('SELECT * FROM dossiers WHERE id = ?').get(id) as DossierRow | undefined) ?? null;
  }

  byReference(groupId: string, referenceUid: string): DossierRow | null {
    return (this.db.prepare('SELECT * FROM dossiers WHERE group_id = ? AND reference_uid = ?').get(groupId, referenceUid) as DossierRow | undefined) ?? null;
  }

  list(limit = 200): DossierRow[] {
    return this.db.prepare('SELECT * FROM dossiers ORDER BY id DESC LIMIT ?').all(limit) as DossierRow[];
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM dossiers').get() as { n: number }).n;
  }

  /** Creates the dossier, or returns the one already there for this (group, referenceUid). */
  create(d: NewDossier): { row: DossierRow; created: boolean } {
    return this.db.transaction(() => {
      const existing = this.byReference(d.group_id, d.reference_uid);
      if (existing) return { row: existing, created: false };
      const r = this.db
        .prepare(
          `INSERT INTO dossiers (group_id, reference_uid, service_code, gov_agency_code, dossier_template_no, applicant_name, applicant_id_type,
            applicant_id_no, address, ward_code, contact_tel_no, contact_email, via_postal, postal_address, online, originality, meta_data, code,
            create_at, modified_at)
           VALUES (@group_id, @reference_uid, @service_code, @gov_agency_code, @dossier_template_no, @applicant_name, @applicant_id_type,
            @applicant_id_no, @address, @ward_code, @contact_tel_no, @contact_email, @via_postal, @postal_address, @online, @originality, @meta_data, 1,
            @create_at, @create_at)`,
        )
        .run(d);
      return { row: this.dossier(Number(r.lastInsertRowid))!, created: true };
    })();
  }

  markSubmitted(id: number, at: number): void {
    this.db.prepare('UPDATE dossiers SET submitted = 1, submit_at = COALESCE(submit_at, ?), modified_at = ? WHERE id = ?').run(at, at, id);
  }

  /** The next number of the unit's day (one transaction: no two dossiers share a number). */
  nextSeq(unit: string, day: string): number {
    return this.db.transaction(() => {
      this.db.prepare('INSERT INTO counters (unit, day, seq) VALUES (?, ?, 0) ON CONFLICT (unit, day) DO NOTHING').run(unit, day);
      this.db.prepare('UPDATE counters SET seq = seq + 1 WHERE unit = ? AND day = ?').run(unit, day);
      return (this.db.prepare('SELECT seq FROM counters WHERE unit = ? AND day = ?').get(unit, day) as { seq: number }).seq;
    })();
  }

  /** Moves the dossier and appends the timeline entry, in one transaction. */
  transition(
    id: number,
    a: { code: string; name: string; user: string; note: string; from: number; to: number; at: number },
    extra: { dossierNo?: string; receiveAt?: number; releaseAt?: number } = {},
  ): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `UPDATE dossiers SET code = ?, modified_at = ?, dossier_no = COALESCE(?, dossier_no), receive_at = COALESCE(?, receive_at),
            release_at = COALESCE(?, release_at) WHERE id = ?`,
        )
        .run(a.to, a.at, extra.dossierNo ?? null, extra.receiveAt ?? null, extra.releaseAt ?? null, id);
      this.addAction(id, a);
    })();
  }

  addAction(id: number, a: { code: string; name: string; user: string; note: string; from: number; to: number; at: number }): void {
    this.db
      .prepare('INSERT INTO dossier_actions (dossier_id, action_code, action_name, action_user, action_note, from_code, to_code, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, a.code, a.name, a.user, a.note, a.from, a.to, a.at);
  }

  actions(id: number): ActionRow[] {
    return this.db.prepare('SELECT * FROM dossier_actions WHERE dossier_id = ? ORDER BY id').all(id) as ActionRow[];
  }

  addFile(f: Omit<FileRow, 'id'> & { data: Buffer }): { row: FileRow; created: boolean } {
    return this.db.transaction(() => {
      const existing = this.db.prepare('SELECT id, dossier_id, reference_uid, dossier_part_no, file_template_no, display_name, mime, size, sha256, at FROM dossier_files WHERE dossier_id = ? AND reference_uid = ?').get(f.dossier_id, f.reference_uid) as FileRow | undefined;
      if (existing) return { row: existing, created: false };
      const r = this.db
        .prepare('INSERT INTO dossier_files (dossier_id, reference_uid, dossier_part_no, file_template_no, display_name, mime, size, sha256, data, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(f.dossier_id, f.reference_uid, f.dossier_part_no, f.file_template_no, f.display_name, f.mime, f.size, f.sha256, f.data, f.at);
      return { row: { ...f, id: Number(r.lastInsertRowid) }, created: true };
    })();
  }

  files(id: number): FileRow[] {
    return this.db.prepare('SELECT id, dossier_id, reference_uid, dossier_part_no, file_template_no, display_name, mime, size, sha256, at FROM dossier_files WHERE dossier_id = ? ORDER BY id').all(id) as FileRow[];
  }

  payment(id: number): PaymentRow | null {
    return (this.db.prepare('SELECT * FROM payments WHERE dossier_id = ?').get(id) as PaymentRow | undefined) ?? null;
  }

  requestPayment(p: Omit<PaymentRow, 'payment_status' | 'confirm_at'>): void {
    this.db
      .prepare(
        `INSERT INTO payments (dossier_id, amount, bank_bin, account_no, account_name, payment_url, note, payment_status, request_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 2, ?)
         ON CONFLICT (dossier_id) DO UPDATE SET amount = excluded.amount, bank_bin = excluded.bank_bin, account_no = excluded.account_no,
           account_name = excluded.account_name, payment_url = excluded.payment_url, note = excluded.note, payment_status = 2,
           request_at = excluded.request_at, confirm_at = NULL`,
      )
      .run(p.dossier_id, p.amount, p.bank_bin, p.account_no, p.account_name, p.payment_url, p.note, p.request_at);
  }

  confirmPayment(id: number, at: number): void {
    this.db.prepare('UPDATE payments SET payment_status = 5, confirm_at = ? WHERE dossier_id = ?').run(at, id);
  }
}
