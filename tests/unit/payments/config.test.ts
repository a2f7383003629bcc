/** The ward's unit (2025 table) and payee in the kiosk config: a bad one is refused at load, the last good config kept. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KioskConfigSchema } from '../../../kiosk-config/config.schema.ts';
import { loadConfig } from '../../../services/config-store.ts';
import { KioskStore } from '../../../services/store.ts';
import { validateWardSettings } from '../../../common/validate/publication.ts';
import { DEFAULT_CONFIG, tempDir } from '../../support/paths.ts';

const good = () => JSON.parse(readFileSync(DEFAULT_CONFIG, 'utf8')) as Record<string, any>;

function loadAfterGood(mutate: (c: Record<string, any>) => void) {
  const dir = tempDir('payments-config');
  const file = path.join(dir, 'kiosk.json');
  const store = new KioskStore(path.join(dir, 'k.sqlite'));
  writeFileSync(file, JSON.stringify({ ...good(), version: 'v-good' }));
  expect(loadConfig(file, store).source).toBe('file');
  const bad = good();
  bad.version = 'v-bad';
  mutate(bad);
  writeFileSync(file, JSON.stringify(bad));
  const r = loadConfig(file, store);
  store.close();
  return r;
}

describe('kiosk config: the ward in the 2025 units', () => {
  it('the demo ward is Phường Cửa Nam, Thành phố Hà Nội (01/00082), with a payee', () => {
    const c = KioskConfigSchema.parse(good());
    expect(c.ward.unit).toEqual({ provinceCode: '01', wardCode: '00082' });
    expect(c.ward.name.vi).toContain('Phường Cửa Nam');
    expect(c.ward.payee).toMatchObject({ bankBin: expect.stringMatching(/^\d{6}$/) });
  });

  it('a ward that no longer exists (Hàng Bài, 00088) is refused at load; the last good config is kept', () => {
    const r = loadAfterGood((c) => (c.ward.unit = { provinceCode: '01', wardCode: '00088' }));
    expect(r.source).toBe('last-good');
    expect(r.config.version).toBe('v-good');
    expect(r.problems.join('\n')).toMatch(/ward\.unit\.wardCode: not a current ward of that province/);
  });

  it('a ward of another province, a malformed code, or no unit at all is refused', () => {
    expect(loadAfterGood((c) => (c.ward.unit = { provinceCode: '79', wardCode: '00082' })).problems.join()).toMatch(/ward\.unit\.wardCode/);
    expect(loadAfterGood((c) => (c.ward.unit = { provinceCode: '1', wardCode: '82' })).problems.join()).toMatch(/provinceCode is 2 digits.*wardCode is 5 digits|wardCode is 5 digits/s);
    expect(loadAfterGood((c) => delete c.ward.unit).problems.join()).toContain('ward.unit');
  });
});

describe('kiosk config: the payee of the ward fees', () => {
  it('a malformed BIN or account is refused at load with a clear message; the last good config is kept', () => {
    const bin = loadAfterGood((c) => (c.ward.payee.bankBin = '97041'));
    expect(bin.source).toBe('last-good');
    expect(bin.config.ward.payee).toEqual(good().ward.payee);
    expect(bin.problems.join()).toMatch(/ward\.payee\.bankBin: the bank BIN is 6 digits/);
    const acc = loadAfterGood((c) => (c.ward.payee.account = '0011 0019 324'));
    expect(acc.source).toBe('last-good');
    expect(acc.problems.join()).toMatch(/ward\.payee\.account: the account is 1–19 letters or digits/);
    expect(loadAfterGood((c) => (c.ward.payee.accountName = '')).problems.join()).toContain('ward.payee.accountName');
    expect(loadAfterGood((c) => (c.ward.payee.extra = 1)).problems.join()).toContain('extra');
  });

  it('no payee (null) is allowed: the kiosk then shows only the province\'s payment address', () => {
    const c = good();
    c.ward.payee = null;
    expect(KioskConfigSchema.parse(c).ward.payee).toBeNull();
    delete c.ward.payee;
    expect(KioskConfigSchema.parse(c).ward.payee).toBeNull();
  });

  it('the hub refuses to publish ward settings with a gone ward or a bad payee', () => {
    const { kiosk: _k, version: _v, hub: _h, devices: _d, ...settings } = good();
    expect(validateWardSettings(settings, settings.ward.agencyCode).ok).toBe(true);
    const bad = structuredClone(settings);
    bad.ward.unit.wardCode = '00088';
    bad.ward.payee.bankBin = 'abcdef';
    const r = validateWardSettings(bad, settings.ward.agencyCode);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path).sort()).toEqual(['ward.payee.bankBin', 'ward.unit.wardCode']);
  });
});
