/**
 * Generator 5 (tests/idcard-data5, the fully held-out set): a seed fixes the plan and the image bytes, its
 * MRZs pass an independent check (the `mrz` package) and read back the truth, its numbers and QR texts have
 * the structure of cccd.md. Nothing here looks at a generated image's content beyond its bytes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'mrz';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { faceHtml, makeStyle } from '../idcard-data5/card-html.ts';
import { generateSet5, planSet5, type PlannedImage } from '../idcard-data5/generate.ts';
import { checkDigit, td1 } from '../idcard-data5/mrz.ts';
import { expiryFor } from '../idcard-data5/people.ts';
import { CardRenderer } from '../idcard-data5/render.ts';
import { makeRng } from '../idcard-data5/rng.ts';
import { photograph } from '../idcard-data5/scenes.ts';

const strip = (p: PlannedImage[]) => p.map((x) => ({ sample: x.sample, holder: x.holder, qr: x.qr }));

describe('generator 5', () => {
  it('gives the same plan for a seed and another plan for another seed', () => {
    expect(strip(planSet5(24, 5)).length).toBeGreaterThan(24);
    expect(strip(planSet5(24, 5))).toEqual(strip(planSet5(24, 5)));
    expect(strip(planSet5(24, 6))).not.toEqual(strip(planSet5(24, 5)));
  });

  it('computes ICAO check digits (the specimen values of ICAO 9303)', () => {
    expect(checkDigit('L898902C3')).toBe('6');
    expect(checkDigit('740812')).toBe('2');
    expect(checkDigit('120415')).toBe('9');
    expect(checkDigit('D23145890')).toBe('7');
  });

  it('writes MRZs that the mrz package accepts and that read back the truth', () => {
    let backs = 0;
    for (const seed of [1, 2, 3, 4]) {
      for (const p of planSet5(40, seed).filter((x) => x.sample.hasMrz)) {
        backs++;
        const lines = td1(p.holder);
        const r = parse(lines);
        expect(r.valid, lines.join('\n')).toBe(true);
        const t = p.sample.truth;
        expect(r.fields.documentNumber).toBe(t.idNumber.slice(3));
        expect(r.fields.optional1?.replace(/\s+\d$/, '')).toBe(t.idNumber);
        expect(lines[0]!.slice(29)).toBe(checkDigit(t.idNumber));
        expect(r.fields.birthDate).toBe(t.dateOfBirth.slice(2).replace(/-/g, ''));
        expect(r.fields.expirationDate).toBe(t.dateOfExpiry!.slice(2).replace(/-/g, ''));
        expect(r.fields.sex).toBe(t.sex === 'Nam' ? 'male' : 'female');
        expect(`${r.fields.lastName} ${r.fields.firstName}`).toBe(t.fullNameAscii);
      }
    }
    expect(backs).toBeGreaterThan(40);
  });

  it('numbers the holders by province, century and sex, and birth year; dates and QR texts have their structure', () => {
    const faces = new Set<string>();
    const scenes = new Set<string>();
    for (const p of planSet5(60, 9)) {
      const t = p.sample.truth;
      faces.add(p.sample.face);
      scenes.add(p.sample.scene);
      expect(t.idNumber).toMatch(/^0\d{11}$/);
      const year = Number(t.dateOfBirth.slice(0, 4));
      expect(Number(t.idNumber[3])).toBe((year >= 2000 ? 2 : 0) + (t.sex === 'Nữ' ? 1 : 0));
      expect(t.idNumber.slice(4, 6)).toBe(t.dateOfBirth.slice(2, 4));
      expect(t.fullName.normalize('NFC')).toBe(t.fullName);
      const f = p.qr.split('|');
      expect([7, 11]).toContain(f.length);
      expect(f[0]).toBe(t.idNumber);
      expect(f[2]).toBe(t.fullName);
      expect(f[3]).toBe(t.dateOfBirth.split('-').reverse().join(''));
      expect(f[4]).toBe(t.sex);
      if (t.dateOfExpiry) expect(t.dateOfExpiry.slice(5)).toBe(t.dateOfBirth.slice(5) === '02-29' ? t.dateOfExpiry.slice(5) : t.dateOfBirth.slice(5));
    }
    expect(faces).toEqual(new Set(['front-2021', 'front-2024', 'back-2021', 'back-2024']));
    expect(scenes.size).toBe(8);
  });

  it('renews on the 14th/25th/40th/60th birthday, two years of grace, none from 58', () => {
    expect(expiryFor('1990-05-10', '2021-06-01', 2021)).toBe('2030-05-10');
    expect(expiryFor('1982-05-10', '2021-06-01', 2021)).toBe('2042-05-10');
    expect(expiryFor('1962-05-10', '2021-06-01', 2021)).toBeUndefined();
    expect(expiryFor('2015-05-10', '2025-01-01', 2024)).toBe('2029-05-10');
    expect(expiryFor('2012-05-10', '2025-01-01', 2024)).toBe('2037-05-10');
  });

  it('draws QR codes that decode back to their text (UTF-8, both generations)', async () => {
    const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
    prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer } });
    const plan = planSet5(40, 21).filter((p) => p.sample.hasQr);
    const picks = [plan.find((p) => p.sample.face === 'front-2021')!, plan.find((p) => p.sample.face === 'back-2024')!];
    const r = await CardRenderer.open();
    try {
      for (const p of picks) {
        const rng = makeRng(1);
        const png = await r.render(faceHtml(p.sample.face, p.holder, makeStyle(rng), rng, true, p.qr), 1000);
        const got = await readBarcodes(new Uint8Array(png), { formats: ['QRCode'], tryHarder: true });
        expect(got.map((b) => b.text)).toEqual([p.qr]);
        expect(p.qr).toMatch(/[À-ỹ]/u);
      }
    } finally {
      await r.close();
    }
  }, 20_000);

  it('stores some wooden-table photos sideways with EXIF Orientation 6, upright once oriented', async () => {
    const turned = planSet5(60, 3).filter((p) => p.sample.exifOrientation === 6);
    expect(turned.length).toBeGreaterThan(0);
    expect(new Set(turned.map((p) => p.sample.scene))).toEqual(new Set(['wood-table']));
    const card = await sharp({ create: { width: 856, height: 540, channels: 4, background: '#dde8ee' } }).png().toBuffer();
    const { jpeg, width, height } = await photograph('wood-table', card, makeRng(4), true);
    const meta = await sharp(jpeg).metadata();
    expect(meta.orientation).toBe(6);
    expect([meta.width, meta.height]).toEqual([1500, 2000]);
    expect([width, height]).toEqual([2000, 1500]);
  }, 20_000);

  it('draws the same bytes for the same seed (Chromium + its own photography)', async () => {
    const dirs = [mkdtempSync(path.join(tmpdir(), 'idgen5-a-')), mkdtempSync(path.join(tmpdir(), 'idgen5-b-'))];
    try {
      const first = planSet5(8, 77).find((p) => p.sample.scene === 'tilted')!;
      const only = (p: PlannedImage) => p.sample.file === first.sample.file;
      await Promise.all(dirs.map((d) => generateSet5({ outDir: d, cards: 8, seed: 77, only })));
      const [a, b] = dirs.map((d) => readFileSync(path.join(d, first.sample.file)));
      expect((await sharp(a).metadata()).format).toBe('jpeg');
      expect(a!.length).toBeGreaterThan(20_000);
      expect(a!.equals(b!)).toBe(true);
      expect(JSON.parse(readFileSync(path.join(dirs[0]!, 'truth.json'), 'utf8'))).toEqual([first.sample]);
    } finally {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    }
  }, 20_000);
});
