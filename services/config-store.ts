/**
 * Loading the kiosk configuration with a last-good fallback. Layer: node.
 *
 * Order: the configured file if it is valid (then it becomes the last good
 * one) → the last good config in the store → the shipped default. A bad file
 * never stops the kiosk: the error names the field and is kept for staff.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeConfigError, KioskConfigSchema, type KioskConfig } from '../kiosk-config/config.schema.ts';
import type { KioskStore } from './store.ts';
import { jsonErrorWhere } from '../common/validate/json-where.ts';

export const SHIPPED_CONFIG_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'kiosk-config');
export const SHIPPED_DEFAULT_CONFIG = path.join(SHIPPED_CONFIG_DIR, 'default.json');

export type ConfigSource = 'file' | 'last-good' | 'shipped-default';

export interface LoadedConfig {
  config: KioskConfig;
  source: ConfigSource;
  /** One line per problem, naming the file and the field. Empty when the file was good. */
  problems: string[];
}

/** Parse and validate config text; returns the config or field-named problems. */
export function parseConfigText(text: string, label: string): { ok: true; config: KioskConfig } | { ok: false; problems: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // Where, never what: V8's message quotes the text (the staff PIN's hash is in it), and problems are logged.
    return { ok: false, problems: [`${label}: not valid JSON${jsonErrorWhere(text)}`] };
  }
  const parsed = KioskConfigSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: describeConfigError(parsed.error).map((p) => `${label}: ${p}`) };
  return { ok: true, config: parsed.data };
}

export function loadConfig(configPath: string | undefined, store: KioskStore, now: () => Date = () => new Date()): LoadedConfig {
  const file = configPath ?? SHIPPED_DEFAULT_CONFIG;
  const problems: string[] = [];
  let text: string | null = null;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    problems.push(`${path.basename(file)}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (text !== null) {
    const result = parseConfigText(text, path.basename(file));
    if (result.ok) {
      store.saveGoodConfig(result.config.version, JSON.stringify(result.config), now().toISOString());
      return { config: result.config, source: 'file', problems };
    }
    problems.push(...result.problems);
  }
  const good = store.goodConfig();
  if (good) {
    const result = parseConfigText(good.json, 'last good config');
    if (result.ok) return { config: result.config, source: 'last-good', problems };
    problems.push(...result.problems);
  }
  const shipped = parseConfigText(readFileSync(SHIPPED_DEFAULT_CONFIG, 'utf8'), 'default.json');
  if (!shipped.ok) throw new Error(`The shipped default config is invalid: ${shipped.problems.join('; ')}`);
  return { config: shipped.config, source: 'shipped-default', problems };
}
