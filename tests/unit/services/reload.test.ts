import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKioskServices } from '../../../services/kiosk-services.ts';
import { memoryLogger } from '../../../services/log.ts';
import { DEFAULT_CONFIG, FIXTURE_CATALOGUE, tempDir } from '../../support/paths.ts';

describe('config changes are applied between residents', () => {
  it('waits for the session to end, then applies a good file and keeps the last good one over a bad file', async () => {
    const dir = tempDir('reload');
    const configPath = path.join(dir, 'kiosk.json');
    const base = JSON.parse(readFileSync(DEFAULT_CONFIG, 'utf8')) as Record<string, any>;
    writeFileSync(configPath, JSON.stringify({ ...base, version: 'v1' }));
    const logger = memoryLogger();
    const s = await createKioskServices({ configPath, cataloguePath: FIXTURE_CATALOGUE, dataDir: dir, tmpRoot: tempDir('reload-tmp'), carrier: 'browser', appVersion: 't', logger });
    const changed: string[] = [];
    s.onEvent((event, payload) => {
      if (event === 'kiosk.changed') changed.push((payload as { configVersion: string }).configVersion);
    });
    const ctx = { carrier: 'browser' as const };
    await s.dispatch('session.start', { lang: 'vi' }, ctx);
    writeFileSync(configPath, JSON.stringify({ ...base, version: 'v2', maintenance: { active: true, message: { vi: 'Bảo trì', en: 'Maintenance' } } }));
    s.requestReload();
    expect(changed).toEqual([]); // not mid-session
    expect(s.config.version).toBe('v1');
    await s.dispatch('session.end', { reason: 'finished' }, ctx);
    expect(changed).toEqual(['v2']);
    expect(s.info().maintenance.active).toBe(true);
    // in maintenance a session cannot start
    const refused = await s.dispatch('session.start', { lang: 'vi' }, ctx);
    expect(refused.ok === false && refused.error.code).toBe('E_UNAVAILABLE');

    writeFileSync(configPath, JSON.stringify({ ...base, version: 'v3', timeouts: { idleSeconds: 1, warningSeconds: 1 } }));
    s.requestReload();
    expect(changed).toEqual(['v2', 'v2']);
    expect(s.config.version).toBe('v2');
    expect(JSON.stringify(logger.lines)).toContain('timeouts.idleSeconds');
    await s.close();
  });
});

describe('watching the files', () => {
  it('notices when staff save a new config file', async () => {
    const dir = tempDir('watch');
    const configPath = path.join(dir, 'kiosk.json');
    const base = JSON.parse(readFileSync(DEFAULT_CONFIG, 'utf8')) as Record<string, any>;
    writeFileSync(configPath, JSON.stringify({ ...base, version: 'w1' }));
    const s = await createKioskServices({ configPath, cataloguePath: FIXTURE_CATALOGUE, dataDir: dir, tmpRoot: tempDir('watch-tmp'), carrier: 'browser', appVersion: 't', logger: memoryLogger(), watchFiles: true });
    const changed = new Promise<string>((resolve) => s.onEvent((event, payload) => event === 'kiosk.changed' && resolve((payload as { configVersion: string }).configVersion)));
    await new Promise((r) => setTimeout(r, 50));
    writeFileSync(configPath, JSON.stringify({ ...base, version: 'w2' }));
    expect(await changed).toBe('w2');
    await s.close();
  }, 15_000);
});
