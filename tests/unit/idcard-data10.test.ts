/**
 * Generator 10 (tests/idcard-data10): its cards follow the rules, what it draws is what its truth says.
 * Never at the report seed (1010): these use seeds 31, 4242 and 9001. The MRZ check here is written
 * again from ICAO 9303 (not imported from the generator), so a wrong check in the generator fails it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { units } from '../../common/admin/units.ts';
import { toAsciiUpper } from '../../common/idcard/fields.ts';
import { CARD_H, CARD_W, chooseFonts, drawFace, FAMILIES, FONT_FILES, type FaceName } from '../idcard-data10/faces.ts';
import { generateSet10 } from '../idcard-data10/generate.ts';
import { makeHolder, makeRng, SET_DAY, type Holder } from '../idcard-data10/holders.ts';
import { DEFAULT_SEED10 } from '../idcard-data10/seed.ts';
import { readPng } from '../idcard-data10/raster.ts';
import { loadTtf, missingGlyphs } from '../idcard-data10/ttf.ts';

const require = createRequire(import.meta.url);

/** ICAO 9303 §4.9: weights 7 3 1, digits as is, A–Z 10–35, filler 0. */
function icao(s: string): number {
  const w = [7, 3, 1];
  let sum = 0;
  [...s].forEach((c, i) => {
    const v = c === '<' ? 0 : c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 65 + 10;
    sum += v * w[i % 3]!;
  });
  return sum % 10;
}

function holders(seed: number, n: number): Holder[] {
  const rng = makeRng(seed);
  return Array.from({ length: n }, (_, i) => makeHolder(rng, i, i % 2 ? 2024 : 2021));
}

const MANY = holders(9001, 240);

describe('generator 10: holders', () => {
  it('never uses the report seed here', () => {
    expect(DEFAULT_SEED10).toBe(1010);
    for (const s of [31, 4242, 9001]) expect(s).not.toBe(DEFAULT_SEED10);
  });

  it('every MRZ passes the ICAO 9303 TD1 checks and says what the truth says', () => {
    for (const h of MANY) {
      const [l1, l2, l3] = h.mrz;
      for (const l of h.mrz) expect(l).toMatch(/^[A-Z0-9<]{30}$/);
      expect(l1.slice(0, 5)).toBe('IDVNM');
      expect(l1.slice(5, 14)).toBe(h.idNumber.slice(3));
      expect(icao(l1.slice(5, 14))).toBe(Number(l1[14]));
      expect(l1.slice(15, 27)).toBe(h.idNumber);
      expect(l1.slice(27, 29)).toBe('<<');
      expect(icao(h.idNumber)).toBe(Number(l1[29]));
      const dob = h.dateOfBirth.replace(/-/g, '').slice(2);
      const exp = h.dateOfExpiry.replace(/-/g, '').slice(2);
      expect(l2.slice(0, 6)).toBe(dob);
      expect(icao(l2.slice(0, 6))).toBe(Number(l2[6]));
      expect(l2[7]).toBe(h.sex === 'Nam' ? 'M' : 'F');
      expect(l2.slice(8, 14)).toBe(exp);
      expect(icao(l2.slice(8, 14))).toBe(Number(l2[14]));
      expect(l2.slice(15, 18)).toBe('VNM');
      expect(icao(l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29))).toBe(Number(l2[29]));
      const [sur, given] = l3.replace(/<+$/, '').split('<<');
      expect(`${sur!.replace(/</g, ' ')} ${given!.replace(/</g, ' ')}`).toBe(h.fullNameAscii);
      expect(h.fullNameAscii).toBe(toAsciiUpper(h.fullName));
    }
  });

  it('12-digit numbers follow the rules: an old province code, the century+sex digit, the year', () => {
    const u = units();
    for (const h of MANY) {
      expect(h.idNumber).toMatch(/^\d{12}$/);
      expect(u.oldProvinceName(h.idNumber.slice(1, 3))).toBeTruthy();
      expect(h.idNumber[0]).toBe('0');
      const y = Number(h.dateOfBirth.slice(0, 4));
      expect(Number(h.idNumber[3])).toBe((y >= 2000 ? 2 : 0) + (h.sex === 'Nữ' ? 1 : 0));
      expect(h.idNumber.slice(4, 6)).toBe(h.dateOfBirth.slice(2, 4));
      // the province of the birth registration is the one printed as the place of birth (when old units)
      const birth = h.placeOfBirth.split(', ');
      if (birth.length === 3) expect(birth[2]).toBe(u.oldProvinceName(h.idNumber.slice(1, 3)));
      else expect(u.newProvincesOfOld(h.idNumber.slice(1, 3)).map((c) => u.province(c)!.name)).toContain(birth[1]);
    }
  });

  it('dates: issued by generation, expiry at 14/25/40/60 by the age at issue, cards not yet expired', () => {
    for (const h of MANY) {
      if (h.generation === 2021) expect(h.issueDate < '2024-07-01').toBe(true);
      else expect(h.issueDate >= '2024-07-01' && h.issueDate <= SET_DAY).toBe(true);
      expect(h.dateOfExpiry > SET_DAY).toBe(true);
      const born = Number(h.dateOfBirth.slice(0, 4));
      const age = Number(h.dateOfExpiry.slice(0, 4)) - born;
      expect(h.generation === 2024 ? [14, 25, 40, 60] : [25, 40, 60]).toContain(age);
      expect(h.dateOfExpiry.slice(5)).toBe(h.dateOfBirth.slice(5) === '02-29' && h.dateOfExpiry.slice(5) === '02-28' ? '02-28' : h.dateOfBirth.slice(5));
      // issued at least two years before that birthday unless it was the next milestone
      const ageAtIssue = Number(h.issueDate.slice(0, 4)) - born - (h.issueDate.slice(5) < h.dateOfBirth.slice(5) ? 1 : 0);
      expect(ageAtIssue).toBeLessThan(age);
      expect(ageAtIssue).toBeLessThan(58);
    }
  });

  it('places: old units (with a district) before 1 July 2025, the 2025 units after', () => {
    const u = units();
    const newProvinces = new Set(u.provinces.map((p) => p.name));
    const newWards = new Set(u.wards.map((w) => w.name));
    for (const h of MANY) {
      const parts = h.placeOfResidence.split(', ');
      if (h.issueDate >= '2025-07-01') {
        expect(newProvinces.has(parts.at(-1)!)).toBe(true);
        expect(newWards.has(parts.at(-2)!)).toBe(true);
        expect(h.placeOfResidence).not.toMatch(/Quận |Huyện /);
      } else {
        expect(u.oldWards.some((w) => w.name === parts.at(-3) && w.districtName === parts.at(-2) && w.provinceName === parts.at(-1))).toBe(true);
      }
      expect(u.oldWards.some((w) => `${w.name}, ${w.districtName}, ${w.provinceName}` === h.placeOfOrigin)).toBe(true);
    }
  });

  it('names: 2–5 words, every tone, the rare letters and two-word surnames appear', () => {
    const all = MANY.map((h) => h.fullName).join(' ');
    for (const h of MANY) {
      expect(h.fullName.split(' ').length).toBeGreaterThanOrEqual(2);
      expect(h.fullName.split(' ').length).toBeLessThanOrEqual(5);
    }
    const marks = new Set(all.normalize('NFD').match(/[\u0300\u0301\u0303\u0309\u0323]/g));
    expect(marks.size).toBe(5);
    for (const ch of ['ỷ', 'ỹ', 'ỵ', 'đ', 'ư', 'ơ', 'ă', 'â', 'ê', 'ô']) expect(all.toLowerCase()).toContain(ch);
    expect(MANY.some((h) => h.surname.includes(' '))).toBe(true);
    expect(new Set(MANY.map((h) => h.fullName.split(' ').length)).size).toBeGreaterThanOrEqual(3);
  });

  it('the QR text: 7 fields (2021) or 11 (2024), the truth in each', () => {
    for (const h of MANY) {
      const f = h.qrText.split('|');
      expect(f.length).toBe(h.generation === 2021 ? 7 : 11);
      expect(f[0]).toBe(h.idNumber);
      expect(f[1]).toBe(h.oldIdNumber ?? '');
      expect(f[2]).toBe(h.fullName);
      expect(f[3]).toBe(`${h.dateOfBirth.slice(8)}${h.dateOfBirth.slice(5, 7)}${h.dateOfBirth.slice(0, 4)}`);
      expect(f[4]).toBe(h.sex);
      expect(f[5]).toBe(h.placeOfResidence);
      expect(f[6]).toBe(`${h.issueDate.slice(8)}${h.issueDate.slice(5, 7)}${h.issueDate.slice(0, 4)}`);
    }
  });
});

describe('generator 10: fonts', () => {
  it('the text faces have every Vietnamese letter, lower and upper case (134 beyond ASCII)', () => {
    let letters = 'đĐ';
    for (const v of 'aăâeêioôơuưyAĂÂEÊIOÔƠUƯY') for (const t of ['', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323']) letters += `${v}${t}`.normalize('NFC');
    expect([...letters].filter((c) => c.charCodeAt(0) > 127).length).toBe(134);
    for (const fam of FAMILIES) for (const k of [fam.label, fam.value, fam.name, fam.title]) expect(missingGlyphs(loadTtf(FONT_FILES[k]), letters)).toEqual([]);
  });

  it('every text drawn on every face is covered by its font', () => {
    const rng = makeRng(31);
    for (const h of MANY.slice(0, 60)) {
      const fonts = chooseFonts(rng);
      for (const side of ['front', 'back']) {
        const d = drawFace(`${side}-${h.generation}` as FaceName, h, fonts, rng);
        expect(d.texts.length).toBeGreaterThan(5);
        for (const t of d.texts) expect(missingGlyphs(loadTtf(FONT_FILES[t.font]), t.text)).toEqual([]);
        if (side === 'front') expect(d.texts.some((t) => t.text === h.fullName.toUpperCase())).toBe(true);
      }
    }
  });

  it('refuses a font that lacks a Vietnamese letter instead of drawing another glyph', () => {
    const h = MANY.find((x) => /[ỷỹỵạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(x.fullName))!;
    expect(missingGlyphs(loadTtf(FONT_FILES.goMono), h.fullName.toUpperCase()).length).toBeGreaterThan(0);
    const fonts = { ...chooseFonts(makeRng(1)), name: 'goMono' as const };
    expect(() => drawFace(`front-${h.generation}`, h, fonts, makeRng(2))).toThrow(/lacks .* refused/);
  });
});

describe('generator 10: images', () => {
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'idgen10-test-'));
    const bin = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
    await prepareZXingModule({ overrides: { wasmBinary: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer }, fireImmediately: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the drawn QR of both generations decodes to the truth (zxing-wasm on the Ghostscript raster)', async () => {
    for (const [i, face] of [
      [0, 'front-2021'],
      [1, 'back-2024'],
    ] as const) {
      const h = MANY[i]!;
      const d = drawFace(face, h, chooseFonts(makeRng(5)), makeRng(6));
      const out = path.join(dir, `${face}.png`);
      const src = path.join(dir, `${face}.ps`);
      writeFileSync(src, `%!PS\n${d.ps}\n10 dup scale CardFace showpage\n`);
      execFileSync('gs', ['-q', '-dSAFER', '-dBATCH', '-dNOPAUSE', '-sDEVICE=png16m', '-r72', `-g${Math.round(CARD_W * 10)}x${Math.round(CARD_H * 10)}`, `-sOutputFile=${out}`, src]);
      const png = readPng(readFileSync(out));
      const found = await readBarcodes({ data: new Uint8ClampedArray(png.data), width: png.width, height: png.height, colorSpace: 'srgb' } as ImageData, { formats: ['QRCode'], tryHarder: true });
      expect(found.map((f) => f.text)).toEqual([h.qrText]);
      expect(found[0]!.text.split('|')[2]).toBe(h.fullName);
    }
  }, 60_000);

  it('a set: both faces of each card, files as their names say, truth.json the same, and the same bytes again for the same seed', async () => {
    const a = await generateSet10({ outDir: path.join(dir, 'a'), cards: 1, seed: 4242 });
    expect(a.length).toBe(2);
    for (const holder of [0]) {
      const faces = a.filter((s) => s.holder === holder);
      const g = faces[0]!.generation;
      expect(faces.map((s) => s.face).sort()).toEqual([`back-${g}`, `front-${g}`]);
      expect(faces[0]!.scene).not.toBe(faces[1]!.scene);
    }
    for (const s of a) {
      const b = readFileSync(path.join(dir, 'a', s.file));
      if (s.file.endsWith('.png')) {
        expect(b.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
        const png = readPng(b);
        expect(png.width).toBeGreaterThanOrEqual(400);
      } else {
        expect(s.file.endsWith('.jpg')).toBe(true);
        expect(b.subarray(0, 3).toString('hex')).toBe('ffd8ff');
        expect(b.subarray(-2).toString('hex')).toBe('ffd9');
      }
      expect(s.hasQr).toBe(s.face === 'front-2021' || s.face === 'back-2024');
      expect(s.hasMrz).toBe(s.face.startsWith('back'));
      expect(s.truth.dateOfBirth).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['Nam', 'Nữ']).toContain(s.truth.sex);
      expect(s.face.endsWith(String(s.generation))).toBe(true);
    }
    expect(new Set(a.map((s) => s.holder)).size).toBe(1);
    expect(JSON.parse(readFileSync(path.join(dir, 'a', 'truth.json'), 'utf8'))).toEqual(a);
    const again = await generateSet10({ outDir: path.join(dir, 'b'), cards: 1, seed: 4242 });
    expect(again).toEqual(a);
    for (const s of a) expect(readFileSync(path.join(dir, 'b', s.file)).equals(readFileSync(path.join(dir, 'a', s.file)))).toBe(true);
  }, 120_000);

  it('refuses a bad size or seed before drawing anything', async () => {
    await expect(generateSet10({ outDir: path.join(dir, 'x'), cards: 0, seed: 1 })).rejects.toThrow(/cards/);
    await expect(generateSet10({ outDir: path.join(dir, 'x'), cards: 2, seed: -3 })).rejects.toThrow(/seed/);
  });
});
