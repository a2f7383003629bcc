import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURE_CATALOGUE = path.join(ROOT, 'tests', 'support', 'fixtures', 'catalogue.json');
export const DEFAULT_CONFIG = path.join(ROOT, 'kiosk-config', 'default.json');
/** Where end-to-end tests save screenshots of what they saw (gitignored; docs/img has the chosen ones). */
export const SCREENS_DIR = path.join(ROOT, 'tests', 'artifacts', 'screens');
/** The demo's staff PIN (its scrypt hash is in kiosk-config/default.json). */
export const DEMO_PIN = '246810';

export function tempDir(label: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `ward-kiosk-test-${label}-`));
}
