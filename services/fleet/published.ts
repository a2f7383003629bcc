/**
 * The configuration ward staff publish on the hub, as the kiosk takes it.
 * Layer: node.
 *
 * What the hub publishes per ward is the kiosk config **without** `kiosk`
 * (this machine's id and number), `version`, `hub` and `devices` (local to
 * each machine), plus the whole catalogue. The kiosk merges those settings
 * over its own file: the file keeps `kiosk`, `hub` and `devices`, the
 * published settings replace everything else, and the result must pass the
 * same KioskConfigSchema as the file. The catalogue must parse with no
 * skipped entry (the hub checks that too: staff never publish a broken one).
 *
 * `loadEffectiveConfig` / `loadEffectiveCatalogue` are what the services load
 * at start and on every reload: the file (with its last-good fallback, see
 * config-store.ts), then the published version the kiosk runs, if any.
 */
import { PublishedConfigResponse } from '../../common/contract/hub-kiosk.ts';
import { parseCatalogue, type Catalogue } from '../../kiosk-config/catalogue.schema.ts';
import { describeConfigError, KioskConfigSchema, type KioskConfig } from '../../kiosk-config/config.schema.ts';
import { loadCatalogue, type LoadedCatalogue } from '../catalogue.ts';
import { loadConfig, type LoadedConfig } from '../config-store.ts';
import type { KioskStore } from '../store.ts';
import type { FleetStore, PublishedConfig } from './store.ts';

/** The ward settings staff publish (same cut as common/validate/publication.ts). */
export const WardSettingsSchema = KioskConfigSchema.omit({ kiosk: true, version: true, hub: true, devices: true });

/** The config's `version` when it runs published version `v` ("hub-v3"). */
export const publishedLabel = (v: string): string => `hub-v${v}`;

/** The published version a config runs ("3"), or null for the kiosk's own file. */
export function runningPublished(config: KioskConfig): string | null {
  const m = /^hub-v(\d{1,12})$/.exec(config.version);
  return m ? m[1]! : null;
}

type Merge = { ok: true; config: KioskConfig } | { ok: false; problems: string[] };

/** The published settings over the kiosk's own config (which keeps kiosk, hub and devices). */
export function mergeSettings(local: KioskConfig, settingsJson: string, version: string): Merge {
  let raw: unknown;
  try {
    raw = JSON.parse(settingsJson);
  } catch {
    return { ok: false, problems: ['config: not valid JSON'] };
  }
  const s = WardSettingsSchema.safeParse(raw);
  if (!s.success) return { ok: false, problems: describeConfigError(s.error).map((p) => `config.${p}`) };
  const merged = KioskConfigSchema.safeParse({ ...s.data, kiosk: local.kiosk, hub: local.hub, devices: local.devices, version: publishedLabel(version) });
  if (!merged.success) return { ok: false, problems: describeConfigError(merged.error).map((p) => `config.${p}`) };
  return { ok: true, config: merged.data };
}

/** The published catalogue: every entry must be good (a skipped entry fails the version). */
export function parsePublishedCatalogue(catalogueJson: string, version: string): { ok: true; catalogue: Catalogue } | { ok: false; problems: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(catalogueJson);
  } catch {
    return { ok: false, problems: ['catalogue: not valid JSON'] };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, problems: ['catalogue: not an object'] };
  try {
    const c = parseCatalogue({ ...(raw as Record<string, unknown>), version: publishedLabel(version) });
    if (c.problems.length) return { ok: false, problems: c.problems.slice(0, 20).map((p) => `catalogue.services.${p.index}: ${p.problems.join('; ')}`) };
    return { ok: true, catalogue: c };
  } catch (e) {
    const issues = (e as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
    return { ok: false, problems: issues ? issues.slice(0, 20).map((i) => `catalogue.${i.path.map(String).join('.') || '(root)'}: ${i.message}`) : ['catalogue: not valid'] };
  }
}

/**
 * Check a fetched version completely, before it is kept: the response shape,
 * that it is the version announced (same hashes), the settings merged over
 * this kiosk's config, the catalogue. `previousCatalogue` is reused when the
 * kiosk asked for the settings only (the catalogue's hash had not changed).
 */
export function checkFetched(
  body: unknown,
  announced: { version: string; configHash: string; catalogueHash: string },
  local: KioskConfig,
  previousCatalogue: string | null,
  now: number,
): { ok: true; published: PublishedConfig } | { ok: false; problems: string[] } {
  const r = PublishedConfigResponse.safeParse(body);
  if (!r.success) return { ok: false, problems: r.error.issues.slice(0, 10).map((i) => `response.${i.path.map(String).join('.') || '(root)'}: ${i.code}`) };
  const res = r.data;
  if (res.version !== announced.version || res.configHash !== announced.configHash || res.catalogueHash !== announced.catalogueHash) {
    return { ok: false, problems: ['response: not the version announced'] };
  }
  if (!res.config) return { ok: false, problems: ['response: no config'] };
  const settings = JSON.stringify(res.config);
  const catalogue = res.catalogue ? JSON.stringify(res.catalogue) : previousCatalogue;
  if (!catalogue) return { ok: false, problems: ['response: no catalogue'] };
  const problems: string[] = [];
  const m = mergeSettings(local, settings, res.version);
  if (!m.ok) problems.push(...m.problems);
  const c = parsePublishedCatalogue(catalogue, res.version);
  if (!c.ok) problems.push(...c.problems);
  if (problems.length) return { ok: false, problems: problems.slice(0, 20) };
  return { ok: true, published: { version: res.version, settings, catalogue, configHash: res.configHash, catalogueHash: res.catalogueHash, fetchedAt: now } };
}

/** The kiosk's file config (with its fallbacks), then the published settings it runs over it. */
export function loadEffectiveConfig(configPath: string | undefined, store: KioskStore, fleet: FleetStore, now: () => Date = () => new Date()): LoadedConfig {
  const local = loadConfig(configPath, store, now);
  const cur = fleet.config('current');
  if (!cur) return local;
  const m = mergeSettings(local.config, cur.settings, cur.version);
  if (!m.ok) return { ...local, problems: [...local.problems, ...m.problems.map((p) => `published version ${cur.version}: ${p}`)] };
  return { ...local, config: m.config };
}

/** The published catalogue the kiosk runs, else the file (with its last-good fallback). */
export function loadEffectiveCatalogue(cataloguePath: string | undefined, store: KioskStore, fleet: FleetStore, enabled: 'all' | string[]): LoadedCatalogue {
  const cur = fleet.config('current');
  if (cur) {
    const c = parsePublishedCatalogue(cur.catalogue, cur.version);
    if (c.ok) {
      const services = enabled === 'all' ? c.catalogue.services : c.catalogue.services.filter((s) => enabled.includes(s.code));
      return { ...c.catalogue, services, fileProblems: [], source: 'hub' };
    }
    const fromFile = loadCatalogue(cataloguePath, store, enabled);
    return { ...fromFile, fileProblems: [...fromFile.fileProblems, ...c.problems.map((p) => `published version ${cur.version}: ${p}`)] };
  }
  return loadCatalogue(cataloguePath, store, enabled);
}
