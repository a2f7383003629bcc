import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireInstanceLock, AlreadyRunningError } from '../../../services/instance-lock.ts';
import { createKioskServices } from '../../../services/kiosk-services.ts';
import { memoryLogger } from '../../../services/log.ts';
import { DEFAULT_CONFIG, FIXTURE_CATALOGUE, tempDir } from '../../support/paths.ts';

describe('one kiosk per data folder', () => {
  it('refuses a second instance with a clear error, and the first keeps working', async () => {
    const dataDir = tempDir('lock');
    const opts = { dataDir, configPath: DEFAULT_CONFIG, cataloguePath: FIXTURE_CATALOGUE, tmpRoot: tempDir('lock-tmp'), carrier: 'browser' as const, appVersion: 't', logger: memoryLogger() };
    const first = await createKioskServices(opts);
    await expect(createKioskServices(opts)).rejects.toThrow(/already running .*data folder/);
    expect((await first.dispatch('session.start', { lang: 'vi' }, { carrier: 'browser' })).ok).toBe(true);
    await first.close();
    expect(existsSync(path.join(dataDir, 'kiosk.lock'))).toBe(false);
    const again = await createKioskServices(opts);
    await again.close();
  });

  it('takes over a lock left by a dead process', () => {
    const dir = tempDir('lock-stale');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(path.join(dir, 'kiosk.lock'), dead);
    const release = acquireInstanceLock(dir);
    expect(() => acquireInstanceLock(dir)).toThrow(AlreadyRunningError);
    release();
  });
});
