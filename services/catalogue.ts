/**
 * Loading the service catalogue (data that staff change). Layer: node.
 * A bad entry is skipped and reported; a broken file falls back to the last
 * good catalogue kept in the store, so residents never see a blank screen.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCatalogue, type Catalogue } from '../kiosk-config/catalogue.schema.ts';
import { SHIPPED_CONFIG_DIR } from './config-store.ts';
import type { KioskStore } from './store.ts';

export const SHIPPED_CATALOGUE = path.join(SHIPPED_CONFIG_DIR, 'catalogue', 'services.json');

export interface LoadedCatalogue extends Catalogue {
  /** Problems with the file as a whole (entry problems are in `problems`). */
  fileProblems: string[];
  /** 'hub': the version published by ward staff (services/fleet/published.ts). */
  source: 'file' | 'last-good' | 'empty' | 'hub';
}

export function loadCatalogue(file: string | undefined, store: KioskStore, enabled: 'all' | string[]): LoadedCatalogue {
  const target = file ?? SHIPPED_CATALOGUE;
  const fileProblems: string[] = [];
  const tryParse = (text: string, label: string): Catalogue | null => {
    try {
      return parseCatalogue(JSON.parse(text));
    } catch (e) {
      const msg = e instanceof Error ? e.message.split('\n').slice(0, 6).join(' ') : String(e);
      fileProblems.push(`${label}: ${msg}`);
      return null;
    }
  };
  let text: string | null = null;
  try {
    text = readFileSync(target, 'utf8');
  } catch (e) {
    fileProblems.push(`${path.basename(target)}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let parsed = text === null ? null : tryParse(text, path.basename(target));
  let source: LoadedCatalogue['source'] = 'file';
  if (parsed && text !== null) {
    store.db.prepare("INSERT INTO meta(key, value) VALUES ('catalogue_good', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(text);
  } else {
    const good = store.db.prepare("SELECT value FROM meta WHERE key = 'catalogue_good'").get() as { value: string } | undefined;
    parsed = good ? tryParse(good.value, 'last good catalogue') : null;
    source = parsed ? 'last-good' : 'empty';
  }
  const base: Catalogue = parsed ?? { version: 'none', categories: [], services: [], problems: [] };
  const services = enabled === 'all' ? base.services : base.services.filter((s) => enabled.includes(s.code));
  return { ...base, services, fileProblems, source };
}
