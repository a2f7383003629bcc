/** The third (held-out) generator makes the faces it says, with a truth whose MRZ the card carries (tests/idcard-data3). */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFields } from '../../../common/idcard/check.ts';
import { parseMrz } from '../../../common/idcard/mrz.ts';
import { generateSet3, mrzOf } from '../../../tests/idcard-data3/generate.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'idcard3-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('held-out generator (set 3)', () => {
  it('writes both fronts and the 2021 back as JPEG photos, with a consistent truth', async () => {
    const set = await generateSet3({ outDir: dir, cards: 2, seed: 11 });
    expect(set.map((s) => s.face)).toEqual(['front2021', 'back2021', 'front2024']);
    expect(readdirSync(dir).sort()).toEqual([...set.map((s) => s.file), 'truth.json'].sort());
    for (const s of set) {
      const m = await sharp(path.join(dir, s.file)).metadata();
      expect(m.format).toBe('jpeg');
      expect(m.width).toBeGreaterThan(600);
      // the ID's structure agrees with the date of birth and the sex (the reader's checks would flag it otherwise)
      expect(checkFields(s.truth).issues.filter((i) => i.code !== 'expired')).toEqual([]);
      expect(s.hasMrz).toBe(s.face === 'back2021');
    }
  });

  it('draws an MRZ whose check digits pass and that carries the holder', () => {
    const lines = mrzOf({ id: '079083296976', name: 'Tưởng Tường Chiến', dob: { d: 5, m: 11, y: 1983 }, sex: 'Nam', expiry: { d: 5, m: 11, y: 2043 } });
    expect(lines.map((l) => l.length)).toEqual([30, 30, 30]);
    expect(parseMrz(lines).fields).toMatchObject({ idNumber: '079083296976', dateOfBirth: '1983-11-05', sex: 'Nam', dateOfExpiry: '2043-11-05', fullNameAscii: 'TUONG TUONG CHIEN' });
  });
});
