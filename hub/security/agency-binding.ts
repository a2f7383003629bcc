/**
 * Which ward an application code may come from (issue 17, finding 13).
 *
 * A code is `<agency>-<YYMMDD>-<NNNN>`, the agency being a receiving-agency code such as
 * `000.00.12.H29`. A kiosk of a ward whose id is such a code may only use its own. A ward
 * with a free-form id (a pilot, a test ward) is bound to one agency code: the first one its
 * kiosks use that no other ward on this hub has — neither as its id nor in its applications.
 * From then on that ward uses that agency code only, and no other ward may. So one kiosk
 * cannot take another ward's codes (squatting them, or making their kiosks' deliveries fail).
 * Layer: hub (node).
 */
import type { SqlDriver } from '../db/driver.ts';

export const AGENCY_ID = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

export class AgencyBinding {
  /** agency → ward, and ward → agency, once known (bindings never change). */
  private readonly wardOfAgency = new Map<string, string>();
  private readonly agencyOfWard = new Map<string, string>();

  constructor(private readonly sql: SqlDriver) {}

  /** null when the kiosk's ward may use the code; else why not. */
  async refusal(ward: string, code: string): Promise<'code_of_another_ward' | 'ward_bound_to_another_agency' | null> {
    const agency = code.slice(0, code.indexOf('-'));
    if (agency === ward) return null;
    if (AGENCY_ID.test(ward)) return 'code_of_another_ward';
    const mine = await this.agencyOf(ward);
    if (mine !== null) return mine === agency ? null : 'ward_bound_to_another_agency';
    const owner = await this.ownerOf(agency);
    if (owner !== null && owner !== ward) return 'code_of_another_ward';
    return null;
  }

  /** Called once an application of `ward` with this code is stored. */
  bound(ward: string, code: string): void {
    const agency = code.slice(0, code.indexOf('-'));
    if (agency === ward || AGENCY_ID.test(ward)) return;
    this.agencyOfWard.set(ward, agency);
    this.wardOfAgency.set(agency, ward);
  }

  private async agencyOf(ward: string): Promise<string | null> {
    const hit = this.agencyOfWard.get(ward);
    if (hit) return hit;
    const [r] = await this.sql.all('SELECT code FROM applications WHERE ward = ? ORDER BY received_at LIMIT 1', [ward]);
    if (!r) return null;
    const code = String(r.code);
    this.bound(ward, code);
    return code.slice(0, code.indexOf('-'));
  }

  /** The ward that owns an agency code on this hub: a ward with that id, or one whose applications use it. */
  private async ownerOf(agency: string): Promise<string | null> {
    const hit = this.wardOfAgency.get(agency);
    if (hit) return hit;
    const [asWard] = await this.sql.all('SELECT ward FROM kiosks WHERE ward = ? UNION SELECT ward FROM users WHERE ward = ?', [agency, agency]);
    if (asWard) return agency;
    const [used] = await this.sql.all('SELECT ward FROM applications WHERE code LIKE ? LIMIT 1', [`${agency}-%`]);
    if (!used) return null;
    this.wardOfAgency.set(agency, String(used.ward));
    return String(used.ward);
  }
}
