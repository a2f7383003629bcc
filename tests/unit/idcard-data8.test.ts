/**
 * Generator 8 (the held-out 8 ID-card set, tests/idcard-data8): the same seed gives the same files;
 * every MRZ passes an ICAO 9303 check written here and the `mrz` package's; the 12-digit numbers follow
 * the rules (province, century+sex, year); each drawn QR decodes to the truth; the truth is whole.
 * Needs ImageMagick (Debian `imagemagick`, in .ci/run's APT_PACKAGES) and the fonts listed there.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseMrz } from 'mrz';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { CARD_H, CARD_W, drawFace, FONT_KITS, FONT_PACKAGES } from '../idcard-data8/cards.ts';
import { readOrientation, withOrientation } from '../idcard-data8/exif.ts';
import { generateSet8 } from '../idcard-data8/generate.ts';
import { magick, requireFonts } from '../idcard-data8/magick.ts';
import { makeHolder, mrzLines, qrText, type Holder } from '../idcard-data8/people.ts';
import { makeRand } from '../idcard-data8/rand.ts';
import { discBlur, homography, makeImg, warpCard, type Img } from '../idcard-data8/raster.ts';
import { SCENES } from '../idcard-data8/scenes.ts';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'idcard8-test-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** ICAO 9303 check digit, written again here (weights 7 3 1; A=10 … Z=35; < = 0). */
function check(s: string): string {
  const val = (c: string) => (c === '<' ? 0 : c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55);
  return String([...s].reduce((a, c, i) => a + val(c) * [7, 3, 1][i % 3]!, 0) % 10);
}
const OLD_PROVINCES = new Set((JSON.parse(readFileSync(new URL('../../common/admin/data/conversion-2025.json', import.meta.url), 'utf8')) as { oldProvinces: [string, string][] }).oldProvinces.map(([c]) => `0${c}`));

function holders(n: number, seed: number): Holder[] {
  const r = makeRand(seed);
  return Array.from({ length: n }, (_, i) => makeHolder(r.fork(i), i % 2 ? 2024 : 2021));
}

describe('generator 8: holders, numbers and MRZ', () => {
  const hs = holders(400, 4242);
  it('gives 12-digit numbers by the rules: an old province code, the century+sex digit, the birth year', () => {
    for (const h of hs) {
      expect(h.idNumber).toMatch(/^\d{12}$/);
      expect(OLD_PROVINCES.has(h.idNumber.slice(0, 3))).toBe(true);
      const year = Number(h.dateOfBirth.slice(0, 4));
      const g = Number(h.idNumber[3]);
      expect(Math.floor(g / 2)).toBe(Math.floor(year / 100) - 19);
      expect(g % 2).toBe(h.sex === 'Nữ' ? 1 : 0);
      expect(h.idNumber.slice(4, 6)).toBe(h.dateOfBirth.slice(2, 4));
    }
  });
  it('covers the spread the set promises: births 1930s–2010s, children on 2024 cards, long and compound names, both unit systems', () => {
    const decades = new Set(hs.map((h) => h.dateOfBirth.slice(0, 3)));
    for (const d of ['193', '194', '195', '196', '197', '198', '199', '200', '201']) expect(decades.has(d)).toBe(true);
    expect(hs.some((h) => h.generation === 2024 && h.issueDate.slice(0, 4) < String(Number(h.dateOfBirth.slice(0, 4)) + 14))).toBe(true);
    expect(hs.filter((h) => h.generation === 2021).every((h) => h.issueDate < '2024-07-01')).toBe(true);
    expect(hs.some((h) => h.fullName.split(' ').length >= 5)).toBe(true);
    expect(hs.some((h) => /^(Tôn Nữ|Tôn Thất|Công Tằng Tôn Nữ|Âu Dương) /.test(h.fullName))).toBe(true);
    expect(hs.some((h) => h.placeOfResidence.includes('Huyện'))).toBe(true); // old units (before 1 July 2025)
    expect(hs.some((h) => h.issueDate >= '2025-07-01' && !/Huyện|Quận|Thị xã/.test(h.placeOfResidence))).toBe(true); // 2025 units: no district
    const letters = hs.map((h) => h.fullName + h.placeOfResidence + h.placeOfOrigin).join('');
    for (const c of ['Ư', 'ơ', 'ă', 'Đ', 'ỹ', 'ặ', 'ợ', 'ỵ', 'ỷ', 'ẩ']) expect(letters.includes(c), c).toBe(true);
  });
  it('writes every text in NFC (the form the reader and the QR are compared in)', () => {
    for (const h of hs) for (const v of [h.fullName, h.placeOfOrigin, h.placeOfResidence, h.placeOfBirth, qrText(h)]) expect(v).toBe(v.normalize('NFC'));
  });
  it('writes MRZs that pass ICAO 9303 checks (ours and the mrz package) and agree with the holder', () => {
    let n = 0;
    for (const h of hs) {
      const m = mrzLines(h);
      if (!h.dateOfExpiry) {
        expect(m).toBeUndefined();
        continue;
      }
      n++;
      const [l1, l2, l3] = m!;
      for (const l of m!) expect(l).toMatch(/^[A-Z0-9<]{30}$/);
      expect(l1.slice(5, 14)).toBe(h.idNumber.slice(3));
      expect(l1[14]).toBe(check(l1.slice(5, 14)));
      expect(l1.slice(15, 27)).toBe(h.idNumber);
      expect(l1[29]).toBe(check(h.idNumber));
      expect(l2[6]).toBe(check(l2.slice(0, 6)));
      expect(l2[14]).toBe(check(l2.slice(8, 14)));
      expect(l2[29]).toBe(check(l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29)));
      const p = parseMrz([l1, l2, l3]);
      expect(p.valid).toBe(true);
      expect(p.fields.birthDate).toBe(h.dateOfBirth.slice(2).replaceAll('-', ''));
      expect(p.fields.expirationDate).toBe(h.dateOfExpiry.slice(2).replaceAll('-', ''));
      expect(p.fields.sex).toBe(h.sex === 'Nam' ? 'male' : 'female');
      expect(`${p.fields.lastName} ${p.fields.firstName}`).toBe(h.fullNameAscii);
    }
    expect(n).toBeGreaterThan(200);
  });
  it("checks itself against the reference's own worked example", () => {
    expect(check('090012345')).toBe('0');
    expect(check('IDVNM0900123450079090012345<<0'.slice(5) + '9001011' + '3001019' + '<'.repeat(11))).toBe('8');
  });
});

describe('generator 8: its own picture arithmetic', () => {
  it('maps the four corners where asked (homography) and lays the card there, nothing outside', () => {
    const quad: [number, number][] = [
      [30, 20],
      [170, 35],
      [160, 120],
      [25, 110],
    ];
    const m = homography([[0, 0], [100, 0], [100, 60], [0, 60]], quad);
    const ap = (x: number, y: number) => {
      const z = m[6]! * x + m[7]! * y + m[8]!;
      return [(m[0]! * x + m[1]! * y + m[2]!) / z, (m[3]! * x + m[4]! * y + m[5]!) / z];
    };
    expect(ap(100, 60)[0]).toBeCloseTo(160, 6);
    expect(ap(100, 60)[1]).toBeCloseTo(120, 6);
    // a card: left half red, right half blue; the scene grey
    const card: Img = makeImg(200, 120);
    for (let y = 0; y < 120; y++) for (let x = 0; x < 200; x++) card.d.set(x < 100 ? [1, 0, 0] : [0, 0, 1], (y * 200 + x) * 3);
    const scene = makeImg(200, 140, [0.5, 0.5, 0.5]);
    warpCard(scene, card, quad, 0);
    const at = (x: number, y: number) => [...scene.d.subarray((y * 200 + x) * 3, (y * 200 + x) * 3 + 3)].map((v) => Math.round(v * 10) / 10);
    expect(at(60, 60)).toEqual([1, 0, 0]); // left part of the card: red
    expect(at(140, 80)).toEqual([0, 0, 1]); // right part: blue
    expect(at(10, 10)).toEqual([0.5, 0.5, 0.5]); // outside: untouched
    expect(at(190, 130)).toEqual([0.5, 0.5, 0.5]);
  });
  it('blurs with a disc: a point spreads evenly to radius R and not beyond', () => {
    const img = makeImg(21, 21);
    img.d.fill(1, (10 * 21 + 10) * 3, (10 * 21 + 10) * 3 + 3);
    const b = discBlur(img, 4);
    const v = (x: number, y: number) => b.d[(y * 21 + x) * 3]!;
    expect(v(10, 10)).toBeCloseTo(v(13, 10), 6);
    expect(v(10, 14)).toBeGreaterThan(0);
    expect(v(10, 15)).toBe(0);
    expect(v(14, 14)).toBe(0);
  });
  it('every scene gives a picture in range with the card in it', () => {
    const card: Img = makeImg(280, 177, [0.95, 0.95, 0.9]);
    for (let y = 60; y < 120; y++) for (let x = 40; x < 240; x++) card.d.fill(0.05, (y * 280 + x) * 3, (y * 280 + x) * 3 + 3);
    for (const [name, scene] of Object.entries(SCENES)) {
      const { img, enc } = scene(card, makeRand(9));
      expect(img.d.length, name).toBe(img.w * img.h * 3);
      expect(['jpg', 'png']).toContain(enc.format);
      let dark = 0;
      let finite = true;
      for (let i = 0; i < img.d.length; i += 3) {
        if (!Number.isFinite(img.d[i]!)) finite = false;
        if (img.d[i]! < 0.25 && img.d[i + 1]! < 0.25 && img.d[i + 2]! < 0.25) dark++;
      }
      expect(finite, name).toBe(true);
      expect(dark, `${name}: the card's dark band is in the picture`).toBeGreaterThan(200);
    }
  }, 20000);
});

describe('generator 8: pictures', () => {
  it('draws QR codes that decode to the truth (2021 front and 2024 back)', async () => {
    await prepareZXingModule({ overrides: { wasmBinary: readFileSync(new URL('../../node_modules/zxing-wasm/dist/reader/zxing_reader.wasm', import.meta.url)).buffer as ArrayBuffer }, fireImmediately: true });
    const [a, b] = holders(12, 77).filter((h) => h.dateOfExpiry);
    for (const [h, face] of [
      [a!, a!.generation === 2021 ? 'front-2021' : 'back-2024'],
      [b!, b!.generation === 2021 ? 'front-2021' : 'back-2024'],
    ] as const) {
      const d = await drawFace(h, face, FONT_KITS[1]!, makeRand(5), true);
      expect(d.hasQr).toBe(true);
      const png = await magick(['-size', `${CARD_W}x${CARD_H}`, '-depth', '8', 'rgb:-', 'png:-'], d.rgb);
      const got = await readBarcodes(new Uint8Array(png), { formats: ['QRCode'], tryHarder: true });
      expect(got.map((g) => g.text)).toEqual([qrText(h)]);
      const f = qrText(h).split('|');
      expect([f[0], f[2], f[4], f[5]]).toEqual([h.idNumber, h.fullName, h.sex, h.placeOfResidence]);
      expect(f.length).toBe(h.generation === 2024 ? 11 : 7);
    }
  }, 20000);

  it('is deterministic: the same seed gives byte-identical files and truth; the truth is whole', async () => {
    const [d1, d2] = [tmp(), tmp()];
    const s1 = await generateSet8({ outDir: d1, cards: 1, seed: 31, limit: 1 });
    const s2 = await generateSet8({ outDir: d2, cards: 1, seed: 31, limit: 1 });
    expect(s1).toEqual(s2);
    expect(s1).toHaveLength(1);
    const s = s1[0]!;
    expect(readFileSync(path.join(d1, s.file)).equals(readFileSync(path.join(d2, s.file)))).toBe(true);
    expect(s.truth.idNumber).toMatch(/^\d{12}$/);
    expect(s.truth.dateOfBirth).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(s.face).toBe('front-2021');
    expect(s.truth.fullName).toBeTruthy();
    expect(s.truth.placeOfResidence).toBeTruthy();
    if (s.hasQr) expect(s.qr!.split('|')[0]).toBe(s.truth.idNumber);
    expect(JSON.parse(readFileSync(path.join(d1, 'truth.json'), 'utf8'))).toEqual(s1);
    // another seed, other people
    expect(holders(3, 32).map((h) => h.idNumber)).not.toEqual(holders(3, 31).map((h) => h.idNumber));
  }, 30000);

  it('refuses to draw with a font ImageMagick does not have (it would substitute one silently)', async () => {
    await expect(requireFonts(['JetBrains-Mono-Regular', 'No-Such-Face-Bold'], FONT_PACKAGES)).rejects.toThrow(/No-Such-Face-Bold.*apt-get install fonts-cantarell/);
    await expect(requireFonts(FONT_KITS.map((k) => k.mrz), FONT_PACKAGES)).resolves.toBeUndefined();
  });

  it('writes the EXIF Orientation tag a turned photo needs', () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xd9]);
    expect(readOrientation(jpeg)).toBeUndefined();
    for (const v of [3, 6, 8]) expect(readOrientation(withOrientation(jpeg, v))).toBe(v);
  });
});
