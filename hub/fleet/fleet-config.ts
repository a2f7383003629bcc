/**
 * Published config versions per ward (issue 7; one slice of the fleet, issue 18): validate, publish,
 * roll back, serve to kiosks. A publication is announced to every instance (`announce`), which tells
 * the ward's kiosks connected to it (`config.available`) and its staff.
 * Layer: hub (node).
 */
import { createHash } from 'node:crypto';
import type { FieldIssue } from '../../common/contract/hub-console.ts';
import { validatePublication } from '../../common/validate/publication.ts';
import type { AuditEntry, UserRecord } from '../db/repository.ts';
import type { FleetResult } from './fleet.ts';
import { canActOnWard } from './live.ts';
import type { ConfigVersionRecord, FleetStore } from './store.ts';

const sha = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 32);
const ok = <T>(value: T): FleetResult<T> => ({ ok: true, value });

/** What instances tell each other of a publication (the kiosk fetches the content over HTTP). */
export interface ConfigAnnouncement {
  ward: string;
  version: number;
  configHash: string;
  catalogueHash: string;
}

export function availableMsg(rec: ConfigAnnouncement) {
  return {
    type: 'config.available' as const,
    version: String(rec.version),
    configUrl: `/api/fleet/kiosk/config/${rec.version}`,
    configHash: rec.configHash,
    catalogueHash: rec.catalogueHash,
  };
}

export class FleetConfig {
  /** The latest version per ward (this instance's knowledge: loaded at start, then announced). */
  readonly latest = new Map<string, number>();
  private readonly cache = new Map<string, string>();

  constructor(
    private readonly store: FleetStore,
    private readonly audit: (e: AuditEntry) => void,
    private readonly now: () => number,
    private readonly announce: (a: ConfigAnnouncement) => void,
  ) {}

  /** A publication heard from any instance. */
  learn(ward: string, version: number): void {
    if ((this.latest.get(ward) ?? 0) < version) this.latest.set(ward, version);
  }

  async current(user: UserRecord, ward: string): Promise<FleetResult<unknown>> {
    if (!canActOnWard(user, ward)) return { ok: false, status: 403, code: 'forbidden', message: 'staff of that ward only' };
    const [cur, versions] = await Promise.all([this.store.latestVersion(ward), this.store.listVersions(ward)]);
    return ok({
      ward,
      current: cur ? { version: cur.version, config: JSON.parse(cur.config) as unknown, catalogue: JSON.parse(cur.catalogue) as unknown, publishedAt: cur.publishedAt, publishedBy: cur.publishedBy } : null,
      versions,
    });
  }

  validate(config: unknown, catalogue: unknown, ward: string): FieldIssue[] {
    const r = validatePublication(config, catalogue, ward);
    return r.ok ? [] : r.issues;
  }

  async publish(user: UserRecord, ward: string, config: unknown, catalogue: unknown, note: string | null, rollbackOf: number | null = null): Promise<FleetResult<{ version: number }>> {
    if (!canActOnWard(user, ward)) {
      this.audit({ actor: `user:${user.username}`, action: 'config.refused', target: `ward:${ward}`, detail: 'other_ward' });
      return { ok: false, status: 403, code: 'forbidden', message: 'staff of that ward only' };
    }
    const v = validatePublication(config, catalogue, ward);
    if (!v.ok) {
      this.audit({ actor: `user:${user.username}`, action: 'config.refused', target: `ward:${ward}`, detail: `issues=${v.issues.map((i) => `${i.part}:${i.path}`).slice(0, 8).join(',')}` });
      return { ok: false, status: 400, code: 'invalid', message: 'the config or the catalogue fails the schema', issues: v.issues };
    }
    const configText = JSON.stringify(v.config);
    const catalogueText = JSON.stringify(v.catalogue);
    for (let attempt = 0; attempt < 3; attempt++) {
      const version = ((await this.store.latestVersion(ward))?.version ?? 0) + 1;
      const rec: ConfigVersionRecord = {
        ward,
        version,
        config: configText,
        catalogue: catalogueText,
        configHash: sha(configText),
        catalogueHash: sha(catalogueText),
        publishedBy: user.username,
        publishedAt: this.now(),
        note,
        rollbackOf,
      };
      if (!(await this.store.insertVersion(rec))) continue;
      this.learn(ward, version);
      this.audit({ actor: `user:${user.username}`, action: rollbackOf === null ? 'config.publish' : 'config.rollback', target: `ward:${ward}`, detail: `version=${version}${rollbackOf !== null ? ` content_of=${rollbackOf}` : ''}` });
      this.announce({ ward, version, configHash: rec.configHash, catalogueHash: rec.catalogueHash });
      return ok({ version });
    }
    return { ok: false, status: 409, code: 'conflict', message: 'another publication is in progress; try again' };
  }

  /** One click: publishes the content of the version before the current one, as a new version. */
  async rollback(user: UserRecord, ward: string): Promise<FleetResult<{ version: number; contentOf: number }>> {
    if (!canActOnWard(user, ward)) {
      this.audit({ actor: `user:${user.username}`, action: 'config.refused', target: `ward:${ward}`, detail: 'other_ward rollback' });
      return { ok: false, status: 403, code: 'forbidden', message: 'staff of that ward only' };
    }
    const cur = await this.store.latestVersion(ward);
    const origin = cur ? (cur.rollbackOf ?? cur.version) : 0;
    const prev = origin > 1 ? await this.store.getVersion(ward, origin - 1) : null;
    if (!cur || !prev) return { ok: false, status: 409, code: 'conflict', message: 'no earlier version to go back to' };
    const r = await this.publish(user, ward, JSON.parse(prev.config), JSON.parse(prev.catalogue), `rollback to ${prev.version}`, prev.version);
    return r.ok ? ok({ version: r.value.version, contentOf: prev.version }) : r;
  }

  /**
   * The `config.available` a kiosk gets at its hello (issue 18): a published version never changes,
   * so it is read from the database once per version, not once per hello (a reconnect rush after an
   * instance's death is thousands of hellos in seconds).
   */
  async availableAt(ward: string, version: number): Promise<ReturnType<typeof availableMsg> | null> {
    const key = `${ward}/${version}`;
    const hit = this.available.get(key);
    if (hit) return hit;
    const rec = await this.store.getVersion(ward, version);
    if (!rec) return null;
    const msg = availableMsg(rec);
    if (this.available.size > 5000) this.available.clear();
    this.available.set(key, msg);
    return msg;
  }

  private readonly available = new Map<string, ReturnType<typeof availableMsg>>();

  /** What a kiosk fetches: its ward's version (serialised once per version and part). */
  async kioskConfig(ward: string, version: number, parts: 'all' | 'config' | 'catalogue'): Promise<string | null> {
    const key = `${ward}/${version}/${parts}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const rec = await this.store.getVersion(ward, version);
    if (!rec) return null;
    const text = `{"ward":${JSON.stringify(rec.ward)},"version":"${rec.version}","config":${parts === 'catalogue' ? 'null' : rec.config},"catalogue":${parts === 'config' ? 'null' : rec.catalogue},"configHash":"${rec.configHash}","catalogueHash":"${rec.catalogueHash}"}`;
    if (this.cache.size > 30) this.cache.clear();
    this.cache.set(key, text);
    return text;
  }
}
