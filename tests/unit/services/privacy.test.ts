import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createKioskServices } from '../../../services/kiosk-services.ts';
import { memoryLogger } from '../../../services/log.ts';
import { DEFAULT_CONFIG, FIXTURE_CATALOGUE, tempDir } from '../../support/paths.ts';

describe('privacy: a resident’s data never reaches a log and dies with the session', () => {
  it('logs events and codes only, through good calls and bad ones', async () => {
    const logger = memoryLogger();
    const tmpRoot = tempDir('privacy-tmp');
    const s = await createKioskServices({ configPath: DEFAULT_CONFIG, cataloguePath: FIXTURE_CATALOGUE, dataDir: tempDir('privacy'), tmpRoot, carrier: 'browser', appVersion: 't', logger });
    const ctx = { carrier: 'browser' as const };
    const secrets = ['Hoàng Thị Lan', '079190054321', '0987654321', '12/12/2023'];
    await s.dispatch('session.start', { lang: 'vi' }, ctx);
    await s.dispatch('form.saveAnswer', { serviceCode: '1.001193', questionId: 'childName', value: secrets[0] }, ctx);
    await s.dispatch('form.saveAnswer', { serviceCode: '1.001193', questionId: 'childName', value: secrets[0], extra: secrets[1] }, ctx);
    await s.dispatch('application.submit', { serviceCode: '1.001193', consent: true, answers: { childName: secrets[0], childBirthDate: '31/13/2023', childSex: 'nu', declarantId: 'x' + secrets[1], phone: secrets[2] } }, ctx);
    const ok = await s.dispatch('application.submit', { serviceCode: '1.001193', consent: true, answers: { childName: secrets[0], childBirthDate: secrets[3], childSex: 'nu', declarantId: secrets[1], phone: secrets[2] } }, ctx);
    expect(ok.ok).toBe(true);
    await s.dispatch('no.such.method', { name: secrets[0] }, ctx);
    await s.dispatch('session.end', { reason: 'finished' }, ctx);
    const text = JSON.stringify(logger.lines);
    expect(logger.lines.length).toBeGreaterThan(3);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).toContain('application.queued');
    expect(readdirSync(tmpRoot)).toEqual([]);
    await s.close();
  });
});
