import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KioskConfigSchema } from '../../../kiosk-config/config.schema.ts';
import { loadConfig } from '../../../services/config-store.ts';
import { KioskStore } from '../../../services/store.ts';
import { DEFAULT_CONFIG, tempDir } from '../../support/paths.ts';

const good = () => JSON.parse(readFileSync(DEFAULT_CONFIG, 'utf8')) as Record<string, any>;

function setup() {
  const dir = tempDir('config');
  const file = path.join(dir, 'kiosk.json');
  const store = new KioskStore(path.join(dir, 'k.sqlite'));
  return { file, store, write: (v: unknown) => writeFileSync(file, typeof v === 'string' ? v : JSON.stringify(v)) };
}

describe('kiosk config', () => {
  it('the shipped default config is valid', () => {
    expect(KioskConfigSchema.safeParse(good()).success).toBe(true);
  });

  it('a good file is used and becomes the last good config', () => {
    const s = setup();
    s.write({ ...good(), version: 'v-good' });
    const r = loadConfig(s.file, s.store);
    expect(r.source).toBe('file');
    expect(r.problems).toEqual([]);
    expect(s.store.goodConfig()!.version).toBe('v-good');
  });

  it('a bad file gets an error naming the field, and the kiosk keeps its last good config', () => {
    const s = setup();
    s.write({ ...good(), version: 'v-good' });
    loadConfig(s.file, s.store);
    const bad = good();
    bad.version = 'v-bad';
    bad.timeouts.warningSeconds = 5;
    s.write(bad);
    const r = loadConfig(s.file, s.store);
    expect(r.source).toBe('last-good');
    expect(r.config.version).toBe('v-good');
    expect(r.problems.join('\n')).toMatch(/kiosk\.json: timeouts\.warningSeconds: .*20/);
    expect(s.store.goodConfig()!.version).toBe('v-good');
  });

  it('names every kind of problem: missing field, extra field, wrong enum, malformed JSON, missing file', () => {
    const s = setup();
    const missing = good();
    delete missing.ward.agencyCode;
    s.write(missing);
    expect(loadConfig(s.file, s.store).problems.join()).toContain('ward.agencyCode');

    s.write({ ...good(), surprise: true });
    expect(loadConfig(s.file, s.store).problems.join()).toContain('surprise');

    const lang = good();
    lang.languages.default = 'fr';
    s.write(lang);
    expect(loadConfig(s.file, s.store).problems.join()).toContain('languages.default');

    s.write('{ "schemaVersion": 1,');
    expect(loadConfig(s.file, s.store).problems.join()).toMatch(/not valid JSON/);

    const r = loadConfig(path.join(path.dirname(s.file), 'absent.json'), s.store);
    expect(r.problems.join()).toContain('cannot be read (ENOENT)');
    expect(r.source).toBe('shipped-default');
  });

  it('refuses a staff PIN stored in clear instead of a hash', () => {
    const c = good();
    c.staff.pinHash = '2468';
    const r = KioskConfigSchema.safeParse(c);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['staff', 'pinHash']);
  });
});
