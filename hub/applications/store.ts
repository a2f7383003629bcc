/**
 * The papers' pages at the hub (migration 6, `application_pages`), on SQLite and PostgreSQL.
 * A page arrives by HTTP before its application (staged: keyed by the application's id and the
 * page's id, tied to the kiosk that sent it); `outbox.deliver` names it (paper, order) and the
 * application is stored only when every page it lists is here with the listed sha256. Layer: hub.
 */
import type { ApplicationPageManifest } from '../../common/contract/hub-kiosk.ts';
import type { SqlDriver } from '../db/driver.ts';
import { isUniqueViolation } from '../db/driver.ts';

export interface PageRecord {
  pageId: string;
  paperId: string;
  paperName: string;
  seq: number;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
}

const n = (v: unknown): number => Number(v);

export class ApplicationPagesStore {
  constructor(private readonly sql: SqlDriver) {}

  /**
   * Keeps one uploaded page (idempotent). 'stored': new or the same bytes again; 'other_kiosk': the
   * application id is another kiosk's; 'replaced': different bytes for a page not yet delivered.
   */
  async put(applicationId: string, pageId: string, kioskId: string, jpeg: Buffer, sha256: string, at: number): Promise<'stored' | 'other_kiosk' | 'replaced'> {
    const existing = (await this.sql.all('SELECT kiosk_id, sha256 FROM application_pages WHERE application_id = ? LIMIT 1', [applicationId]))[0];
    if (existing && String(existing.kiosk_id) !== kioskId) return 'other_kiosk';
    const same = (await this.sql.all('SELECT sha256 FROM application_pages WHERE application_id = ? AND page_id = ?', [applicationId, pageId]))[0];
    if (same) {
      if (String(same.sha256) === sha256) return 'stored';
      // Bytes of a page never change in a kiosk's outbox; the earlier upload was cut short or corrupted.
      await this.sql.run('UPDATE application_pages SET data = ?, sha256 = ?, bytes = ?, received_at = ? WHERE application_id = ? AND page_id = ? AND kiosk_id = ?', [
        jpeg.toString('base64'),
        sha256,
        jpeg.length,
        at,
        applicationId,
        pageId,
        kioskId,
      ]);
      return 'replaced';
    }
    try {
      await this.sql.run('INSERT INTO application_pages (application_id, page_id, kiosk_id, bytes, sha256, data, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        applicationId,
        pageId,
        kioskId,
        jpeg.length,
        sha256,
        jpeg.toString('base64'),
        at,
      ]);
    } catch (e) {
      if (!isUniqueViolation(e)) throw e; // the same upload twice at once: one row
    }
    return 'stored';
  }

  /** The listed pages that are here from this kiosk with the listed sha256 (the others are missing). */
  async missing(applicationId: string, kioskId: string, pages: ApplicationPageManifest[]): Promise<string[]> {
    if (!pages.length) return [];
    const rows = await this.sql.all('SELECT page_id, sha256 FROM application_pages WHERE application_id = ? AND kiosk_id = ?', [applicationId, kioskId]);
    const have = new Map(rows.map((r) => [String(r.page_id), String(r.sha256)]));
    return pages.filter((p) => have.get(p.pageId) !== p.sha256).map((p) => p.pageId);
  }

  /** The manifest names each page (paper, name, order, size): written before the application is stored. */
  async describe(applicationId: string, pages: ApplicationPageManifest[]): Promise<void> {
    for (const p of pages) {
      await this.sql.run('UPDATE application_pages SET paper_id = ?, paper_name = ?, seq = ?, width = ?, height = ? WHERE application_id = ? AND page_id = ?', [
        p.paperId,
        p.paperName,
        p.seq,
        p.width,
        p.height,
        applicationId,
        p.pageId,
      ]);
    }
  }

  /** The pages of a stored application, in order (no bytes). */
  async list(applicationId: string): Promise<PageRecord[]> {
    const rows = await this.sql.all('SELECT page_id, paper_id, paper_name, seq, width, height, bytes, sha256 FROM application_pages WHERE application_id = ? AND seq IS NOT NULL ORDER BY seq', [applicationId]);
    return rows.map((r) => ({ pageId: String(r.page_id), paperId: String(r.paper_id), paperName: String(r.paper_name), seq: n(r.seq), width: n(r.width), height: n(r.height), bytes: n(r.bytes), sha256: String(r.sha256) }));
  }

  /** One page's JPEG. */
  async data(applicationId: string, pageId: string): Promise<Buffer | null> {
    const r = (await this.sql.all('SELECT data FROM application_pages WHERE application_id = ? AND page_id = ? AND seq IS NOT NULL', [applicationId, pageId]))[0];
    return r ? Buffer.from(String(r.data), 'base64') : null;
  }

  async count(): Promise<number> {
    return n((await this.sql.all('SELECT COUNT(*) AS c FROM application_pages WHERE seq IS NOT NULL'))[0]?.c ?? 0);
  }
}
