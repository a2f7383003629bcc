/**
 * Generator 9 (tests/idcard-data9): its cards say what its truth says. Deterministic output, every MRZ
 * passing an ICAO 9303 check written here independently of the generator, the 12-digit number's rules,
 * the QR of a drawn face decoding to the truth. Nothing here runs the reader.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { units } from '../../common/admin/units.ts';
import { generateSet9, planSet9 } from '../idcard-data9/generate.ts';
import { encode } from '../idcard-data9/encode.ts';
import { covers } from '../idcard-data9/font.ts';
import { ALL_MRZ_FONTS, ALL_TEXT_FONTS, font, VIETNAMESE_TEST } from '../idcard-data9/fonts.ts';
import { apply, blank, cardQuad, homography, warpCard } from '../idcard-data9/pixels.ts';
import { draw, toBytes } from '../idcard-data9/raster.ts';
import { DEFAULT_CARDS9, DEFAULT_SEED9 } from '../idcard-data9/seed.ts';

/** ICAO 9303 part 3 §4.9, written again here: weights 7-3-1, digits as themselves, A–Z as 10–35, < as 0. */
function check(field: string): string {
  const value = (c: string) => (c === '<' ? 0 : c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 65 + 10);
  let sum = 0;
  for (let i = 0; i < field.length; i++) sum += value(field[i]!) * [7, 3, 1][i % 3]!;
  return String(sum % 10);
}
const yymmdd = (iso: string) => iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
const ddmmyyyy = (iso: string) => iso.slice(8, 10) + iso.slice(5, 7) + iso.slice(0, 4);
const oldProvinceCodes = new Set(units().oldWards.map((w) => `0${w.provinceCode}`));

const plans = [...planSet9(DEFAULT_SEED9, DEFAULT_CARDS9), ...planSet9(31, 24)];
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('generator 9: holders and their codes', () => {
  it('draws 24 holders at the report seed, both generations, fronts for all and backs for those not valid for life', () => {
    const report = plans.slice(0, DEFAULT_CARDS9);
    expect(report).toHaveLength(24);
    expect(new Set(report.map((p) => p.holder.generation))).toEqual(new Set([2021, 2024]));
    for (const p of report) {
      expect(p.faces[0]!.face.startsWith('front')).toBe(true);
      expect(p.faces.length).toBe(p.holder.dateOfExpiry ? 2 : 1);
    }
    expect(report.some((p) => p.faces.some((f) => f.face === 'front-2021' && f.hasQr))).toBe(true);
    // cards valid for life in both generations ("Không thời hạn" on a 2021 front)
    expect(new Set(report.filter((p) => !p.holder.dateOfExpiry).map((p) => p.holder.generation))).toEqual(new Set([2021, 2024]));
    const words = report.map((p) => p.holder.fullName.split(' ').length);
    expect(Math.max(...words)).toBe(5);
    expect(Math.min(...words)).toBe(2);
    expect(report.filter((p) => p.holder.generation === 2021)).toHaveLength(12);
    const text = report.map((p) => `${p.holder.fullName} ${p.holder.placeOfResidence}`).join(' ').toLowerCase();
    for (const letter of ['ư', 'ơ', 'ă', 'đ', 'ỹ', 'ặ', 'ẵ', 'ợ', 'ỵ', 'ỷ', 'ẩ', 'ỗ', 'ữ']) expect(text).toContain(letter);
    expect(report.some((p) => p.holder.oldUnits) && report.some((p) => !p.holder.oldUnits)).toBe(true);
    const years = report.map((p) => Number(p.holder.dateOfBirth.slice(0, 4)));
    expect(Math.min(...years)).toBeLessThan(1940);
    expect(Math.max(...years)).toBeGreaterThanOrEqual(2010);
  });

  it('every ID number follows the rules: province code, century/sex digit, year of birth', () => {
    for (const { holder: h } of plans) {
      expect(h.idNumber).toMatch(/^\d{12}$/);
      expect(oldProvinceCodes.has(h.idNumber.slice(0, 3))).toBe(true);
      const year = Number(h.dateOfBirth.slice(0, 4));
      const digit = Number(h.idNumber[3]);
      expect(digit).toBe((year >= 2000 ? 2 : 0) + (h.sex === 'Nữ' ? 1 : 0));
      expect(h.idNumber.slice(4, 6)).toBe(h.dateOfBirth.slice(2, 4));
    }
  });

  it('every MRZ passes an independent ICAO 9303 TD1 check and says what the truth says', () => {
    let n = 0;
    for (const { holder: h } of plans) {
      if (!h.mrz) continue;
      n++;
      const [l1, l2, l3] = h.mrz;
      for (const l of h.mrz) expect(l).toMatch(/^[A-Z0-9<]{30}$/);
      expect(l1.slice(0, 5)).toBe('IDVNM');
      expect(l1.slice(5, 14)).toBe(h.idNumber.slice(3));
      expect(l1[14]).toBe(check(l1.slice(5, 14)));
      expect(l1.slice(15, 27)).toBe(h.idNumber);
      expect(l1.slice(27, 29)).toBe('<<');
      expect(l1[29]).toBe(check(h.idNumber));
      expect(l2.slice(0, 6)).toBe(yymmdd(h.dateOfBirth));
      expect(l2[6]).toBe(check(l2.slice(0, 6)));
      expect(l2[7]).toBe(h.sex === 'Nam' ? 'M' : 'F');
      expect(l2.slice(8, 14)).toBe(yymmdd(h.dateOfExpiry!));
      expect(l2[14]).toBe(check(l2.slice(8, 14)));
      expect(l2.slice(15, 18)).toBe('VNM');
      expect(l2[29]).toBe(check(l1.slice(5) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29)));
      expect(l3.replace(/<+$/, '').replace(/<+/g, ' ')).toBe(h.fullNameAscii);
      const letters = h.fullName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'D').toUpperCase();
      expect(letters.startsWith(h.fullNameAscii)).toBe(true);
    }
    expect(n).toBeGreaterThan(20);
  });

  it('the QR text holds the truth in the reference order, all text in NFC', () => {
    for (const { holder: h } of plans) {
      for (const v of [h.fullName, h.placeOfOrigin, h.placeOfResidence, h.placeOfBirth]) expect(v).toBe(v.normalize('NFC'));
      const words = h.fullName.split(' ');
      expect(new Set(words.slice(1)).size).toBe(words.length - 1);
      const f = h.qrText.split('|');
      expect([7, 11]).toContain(f.length);
      expect(f.slice(0, 7)).toEqual([h.idNumber, h.oldIdNumber, h.fullName, ddmmyyyy(h.dateOfBirth), h.sex, h.placeOfResidence, ddmmyyyy(h.issueDate)]);
    }
  });
});

describe('generator 9: drawn images', () => {
  it('the QR drawn on a 2021 front and on a 2024 back decodes to the truth', async () => {
    const require = createRequire(import.meta.url);
    prepareZXingModule({ overrides: { wasmBinary: readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm')).buffer as ArrayBuffer } });
    const faces = plans.flatMap((p) => p.faces.filter((f) => f.hasQr).map((f) => ({ f, h: p.holder })));
    const picked = [faces.find((x) => x.f.face === 'front-2021')!, faces.find((x) => x.f.face === 'back-2024')!];
    for (const { f, h } of picked) {
      const pic = await draw(f.page, 300, { shapes: 8, text: 8 });
      const png = await sharp(toBytes(pic), { raw: { width: pic.w, height: pic.h, channels: 3 } }).png().toBuffer();
      const found = await readBarcodes(new Uint8Array(png), { formats: ['QRCode'], tryHarder: true });
      expect(found.map((b) => b.text)).toContain(h.qrText);
    }
  }, 20_000);

  it('is deterministic: the same seed writes the same bytes and truth', async () => {
    const a = mkdtempSync(path.join(tmpdir(), 'gen9-a-'));
    const b = mkdtempSync(path.join(tmpdir(), 'gen9-b-'));
    dirs.push(a, b);
    const sa = await generateSet9({ outDir: a, seed: 77, cards: 3, only: [1] });
    const sb = await generateSet9({ outDir: b, seed: 77, cards: 3, only: [1] });
    expect(sa.length).toBeGreaterThan(0);
    expect(sb).toEqual(sa);
    const hash = (d: string) => readdirSync(d).sort().map((f) => `${f} ${createHash('sha256').update(readFileSync(path.join(d, f))).digest('hex')}`);
    expect(hash(b)).toEqual(hash(a));
    const truth = JSON.parse(readFileSync(path.join(a, 'truth.json'), 'utf8')) as { file: string; truth: { dateOfBirth: string } }[];
    for (const s of truth) expect(s.truth.dateOfBirth).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  }, 20_000);
});

describe('generator 9: file formats', () => {
  const pic = blank(40, 30, [200, 60, 40]);
  for (let x = 0; x < 20; x++) for (let y = 0; y < 30; y++) pic.rgb.set([30, 140, 220], (y * 40 + x) * 3);

  it('writes a 16-bit PNG in Display P3 whose colours come back to the sRGB drawn', async () => {
    const { bytes, ext } = await encode(pic, { kind: 'png16-p3' });
    expect(ext).toBe('png');
    const meta = await sharp(bytes).metadata();
    expect(meta.format).toBe('png');
    expect(meta.depth).toBe('ushort');
    expect(meta.icc?.toString('latin1').replace(/\0/g, '')).toMatch(/P3/);
    // stored values are P3, not the sRGB ones: a reader ignoring the profile sees other numbers
    const ignored = await sharp(bytes).raw().toBuffer();
    expect(Math.abs(ignored[0]! - 30)).toBeGreaterThan(20);
    const back = await sharp(bytes).withIccProfile('srgb').raw().toBuffer();
    const at = (x: number) => [...back.subarray(x * 3, x * 3 + 3)];
    for (const [got, want] of [[at(5), [30, 140, 220]], [at(30), [200, 60, 40]]] as const) for (let c = 0; c < 3; c++) expect(Math.abs(got[c]! - want[c]!)).toBeLessThanOrEqual(3);
  });

  it('writes WebP, JPEG and grey PNG as it says', async () => {
    expect((await sharp((await encode(pic, { kind: 'webp', quality: 50 })).bytes).metadata()).format).toBe('webp');
    const jpeg = await sharp((await encode(pic, { kind: 'jpeg', quality: 70, chroma: '4:2:0' })).bytes).metadata();
    expect(jpeg.format).toBe('jpeg');
    expect(jpeg.chromaSubsampling).toBe('4:2:0');
    const grey = await sharp((await encode(pic, { kind: 'png-grey' })).bytes).metadata();
    expect(grey.channels).toBe(1);
  });
});

describe('generator 9: fonts and geometry', () => {
  it('every card face covers Vietnamese (ư ơ ă đ, U+1EA0–1EF9) and every MRZ face the MRZ alphabet', () => {
    for (const k of new Set(ALL_TEXT_FONTS)) expect(covers(font(k), VIETNAMESE_TEST), k).toBe(true);
    for (const k of ALL_MRZ_FONTS) expect(covers(font(k), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<'), k).toBe(true);
  });

  it('the homography takes the four corners where asked, and the warped card lands inside its quad', () => {
    const quad = cardQuad(200, 150, 240, 12, 0.15, 1);
    const H = homography([[0, 0], [856, 0], [856, 540], [0, 540]], quad);
    [[0, 0], [856, 0], [856, 540], [0, 540]].forEach(([x, y], i) => {
      const [u, v] = apply(H, x!, y!);
      expect(Math.hypot(u - quad[i]![0], v - quad[i]![1])).toBeLessThan(1e-6);
    });
    const dst = blank(400, 300, [0, 0, 0]);
    warpCard(dst, blank(856, 540, [255, 255, 255]), quad, 20);
    const at = (x: number, y: number) => dst.rgb[(Math.round(y) * 400 + Math.round(x)) * 3]!;
    const mid = quad.reduce((a, q) => [a[0] + q[0] / 4, a[1] + q[1] / 4], [0, 0]);
    expect(at(mid[0]!, mid[1]!)).toBeGreaterThan(250);
    expect(at(5, 5)).toBe(0);
    // a rounded corner: the very corner point stays dark, a point a little inside is card
    expect(at(quad[0]![0], quad[0]![1])).toBeLessThan(128);
    expect(at(quad[0]![0] + (mid[0]! - quad[0]![0]) * 0.2, quad[0]![1] + (mid[1]! - quad[0]![1]) * 0.2)).toBeGreaterThan(250);
  });
});

