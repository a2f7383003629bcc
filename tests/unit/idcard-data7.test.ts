/**
 * Generator 7 (tests/idcard-data7, docs/idcard-gen7.md): deterministic; every MRZ passes an independent
 * ICAO 9303 check (the `mrz` package, not our own check digits); the 12-digit numbers follow the reference's
 * rules; each QR, decoded by zxing-wasm from the drawn card, holds the truth. Never at the report seed 7707.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parse as parseMrz } from 'mrz';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { DEFAULT_SEED7, generateSet7, holderCards } from '../idcard-data7/generate.ts';
import { loadPlaces, makeHolder, mrzLines, qrPayload, truthOf } from '../idcard-data7/people.ts';
import { FONTS } from '../idcard-data7/card.ts';
import { loadFont } from '../idcard-data7/font.ts';
import type { Canvas } from '../idcard-data7/raster.ts';
import { rand } from '../idcard-data7/rng.ts';
import { quadAt, type Box } from '../idcard-data7/scenes.ts';

const require = createRequire(import.meta.url);
const SEED = 11; // a development seed: never DEFAULT_SEED7
const conv = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../common/admin/data/conversion-2025.json'), 'utf8')) as { oldProvinces: [string, string][] };
const PROVINCES = new Set(conv.oldProvinces.map(([c]) => `0${c}`));

/** The reference's rules, written again here: province + century/sex digit + 2-digit year + 6 digits. */
function idProblems(id: string, isoBirth: string, sex: string): string[] {
  const out: string[] = [];
  if (!/^\d{12}$/.test(id)) out.push('not 12 digits');
  if (!PROVINCES.has(id.slice(0, 3))) out.push(`province ${id.slice(0, 3)}`);
  const y = Number(isoBirth.slice(0, 4));
  const g = Number(id[3]);
  if (Math.floor(g / 2) !== Math.floor((y - 1900) / 100) || g % 2 !== (sex === 'Nữ' ? 1 : 0)) out.push(`century/sex digit ${g} for ${y} ${sex}`);
  if (id.slice(4, 6) !== isoBirth.slice(2, 4)) out.push('year digits');
  return out;
}

const ymd = (iso: string) => iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
const dmyc = (iso: string) => iso.slice(8, 10) + iso.slice(5, 7) + iso.slice(0, 4);

async function decodeQr(c: Canvas): Promise<string[]> {
  const rgba = new Uint8ClampedArray(c.width * c.height * 4);
  for (let i = 0; i < c.width * c.height; i++) {
    for (let k = 0; k < 3; k++) rgba[i * 4 + k] = Math.max(0, Math.min(255, Math.round(c.data[i * 3 + k]!)));
    rgba[i * 4 + 3] = 255;
  }
  const found = await readBarcodes({ data: rgba, width: c.width, height: c.height, colorSpace: 'srgb' } as ImageData, { formats: ['QRCode'] });
  return found.map((f) => f.text);
}

describe('generator 7 (held-out 7 set)', () => {
  const dirs: string[] = [];
  beforeAll(async () => {
    const bin = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
    await prepareZXingModule({ overrides: { wasmBinary: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer }, fireImmediately: true });
  });
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('the report seed is 7707 and this test never uses it', () => {
    expect(DEFAULT_SEED7).toBe(7707);
    expect(SEED).not.toBe(DEFAULT_SEED7);
  });

  it('our font reader gives every letter a glyph and an outline in every face; marks make the letter taller', () => {
    const letters = [...new Set('AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXYaăâđêôơưÀẢÃÁẠẰẲẴẮẶẦẨẪẤẬÈẺẼÉẸỀỂỄẾỆÌỈĨÍỊÒỎÕÓỌỒỔỖỐỘỜỞỠỚỢÙỦŨÚỤỪỬỮỨỰỲỶỸÝỴàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ0123456789/:,.'.split(''))];
    const top = (segs: { y: number }[]) => Math.max(...segs.map((s) => s.y));
    const bottom = (segs: { y: number }[]) => Math.min(...segs.map((s) => s.y));
    for (const file of [...FONTS.labels, ...FONTS.values, ...FONTS.id, ...FONTS.header]) {
      const f = loadFont(file);
      for (const ch of letters) {
        const g = f.glyphOf(ch.codePointAt(0)!);
        expect(g, `${file} ${ch}`).toBeGreaterThan(0);
        expect(f.outline(g).length, `${file} ${ch}`).toBeGreaterThan(3);
        expect(f.advance(g)).toBeGreaterThan(0);
        // the points we read span exactly the box the glyph's header declares (composites: after their offsets)
        const segs = f.outline(g);
        const xs = segs.flatMap((q) => (q.t === 'Q' ? [q.x, q.cx] : [q.x]));
        const ys = segs.flatMap((q) => (q.t === 'Q' ? [q.y, q.cy] : [q.y]));
        const box = f.declaredBox(g)!;
        const got = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
        for (let k = 0; k < 4; k++) expect(Math.abs(got[k]! - box[k]!), `${file} ${ch} box ${box} got ${got}`).toBeLessThanOrEqual(2);
      }
      const o = (ch: string) => f.outline(f.glyphOf(ch.codePointAt(0)!));
      expect(top(o('Ặ'))).toBeGreaterThan(top(o('A')) + f.unitsPerEm * 0.1); // breve + acute above (composite)
      expect(bottom(o('Ặ'))).toBeLessThan(bottom(o('A')) - f.unitsPerEm * 0.03); // dot below
    }
    // OCR-B (CFF): every MRZ letter stands on the baseline and is as tall as H, every digit as tall as 1 (OCR-B's
    // digits are taller than its capitals), inside its advance
    const ocrb = loadFont(FONTS.mrz[0]!);
    const em = ocrb.unitsPerEm;
    for (const ch of 'ABCDEFGHIJKLMNOPRSTUVWXYZ0123456789') {
      const H = ocrb.outline(ocrb.glyphOf(/\d/.test(ch) ? 49 : 72));
      const g = ocrb.glyphOf(ch.codePointAt(0)!);
      const segs = ocrb.outline(g);
      expect(segs.length, `OCR-B ${ch}`).toBeGreaterThan(2);
      const ys = segs.map((q) => q.y);
      const xs = segs.map((q) => q.x);
      expect(Math.abs(Math.max(...ys) - top(H)), `OCR-B ${ch} top`).toBeLessThan(em * 0.03);
      expect(Math.abs(Math.min(...ys) - bottom(H)), `OCR-B ${ch} bottom`).toBeLessThan(em * 0.03);
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...xs)).toBeLessThanOrEqual(ocrb.advance(g));
    }
    expect(ocrb.outline(ocrb.glyphOf(60)).length).toBeGreaterThan(2); // <
  });

  it('every scene keeps the whole card in frame: the quad shrinks until its corners are inside', () => {
    const r = rand(SEED);
    const box: Box = [12, 12, 1588, 1188];
    for (let i = 0; i < 200; i++) {
      const q = quadAt(800 + r.range(-80, 80), 600 + r.range(-60, 60), r.range(1300, 1600), r.range(-0.1, 0.1), r.range(-0.2, 0.2), r.range(-0.3, 0.3), box);
      for (const [x, y] of q) expect(x >= box[0] && y >= box[1] && x <= box[2] && y <= box[3], `${x},${y}`).toBe(true);
    }
  });

  it('holders: ID rules, MRZ valid by an independent ICAO 9303 parser and equal to the truth, QR payload = truth', () => {
    const places = loadPlaces();
    const r = rand(SEED);
    const years = new Set<number>();
    let lifetime = 0;
    for (let i = 0; i < 300; i++) {
      const h = makeHolder(r.fork(`p${i}`), places, i % 2 ? 2024 : 2021);
      const t = truthOf(h);
      years.add(Math.floor(h.birth.y / 10) * 10);
      expect(idProblems(t.idNumber, t.dateOfBirth, t.sex), `${t.idNumber} ${t.dateOfBirth} ${t.sex}`).toEqual([]);
      const lines = mrzLines(h);
      for (const l of lines) expect(l).toMatch(/^[A-Z0-9<]{30}$/);
      const m = parseMrz(lines);
      expect(m.valid, `${lines.join('\n')}\n${JSON.stringify(m.details.filter((d) => !d.valid))}`).toBe(true);
      expect(m.format).toBe('TD1');
      expect(m.fields.documentNumber).toBe(t.idNumber.slice(3));
      expect(m.fields.optional1?.replace(/[<\s].*$/, '')).toBe(t.idNumber);
      expect(m.fields.birthDate).toBe(ymd(t.dateOfBirth));
      expect(m.fields.sex).toBe(t.sex === 'Nam' ? 'male' : 'female');
      if (t.dateOfExpiry) expect(m.fields.expirationDate).toBe(ymd(t.dateOfExpiry));
      else lifetime++;
      expect(`${m.fields.lastName} ${m.fields.firstName}`).toBe(t.fullNameAscii);
      const q = qrPayload(h).split('|');
      expect(q.length).toBe(h.generation === 2024 ? 11 : 7);
      expect([q[0], q[2], q[3], q[4], q[5], q[6]]).toEqual([t.idNumber, t.fullName, dmyc(t.dateOfBirth), t.sex, t.placeOfResidence, dmyc(t.issueDate)]);
      expect(t.fullName).toBe(t.fullName.normalize('NFC'));
    }
    // people born from the 1930s to the 2010s, and some cards valid for life
    expect([...years].sort()).toEqual([1930, 1940, 1950, 1960, 1970, 1980, 1990, 2000, 2010]);
    expect(lifetime).toBeGreaterThan(0);
  });

  it('each QR drawn on a card decodes to the truth', async () => {
    let decoded = 0;
    for (let i = 0; i < 8 && decoded < 3; i++) {
      const { h, faces } = holderCards(SEED, i);
      for (const f of faces.filter((x) => x.hasQr)) {
        expect(await decodeQr(f.canvas)).toEqual([qrPayload(h)]);
        decoded++;
      }
    }
    expect(decoded).toBeGreaterThanOrEqual(3);
  });

  it('the same seed gives the same images and truth; the truth matches the holder', async () => {
    const run = async () => {
      const d = mkdtempSync(path.join(os.tmpdir(), 'idgen7-'));
      dirs.push(d);
      return { d, set: await generateSet7({ outDir: d, cards: 1, seed: SEED }) };
    };
    const a = await run();
    const b = await run();
    expect(b.set).toEqual(a.set);
    expect(a.set).toHaveLength(2);
    expect(JSON.parse(readFileSync(path.join(a.d, 'truth.json'), 'utf8'))).toEqual(a.set);
    for (const s of a.set) {
      expect(readFileSync(path.join(b.d, s.file)).equals(readFileSync(path.join(a.d, s.file))), s.file).toBe(true);
      const meta = await sharp(path.join(a.d, s.file)).metadata();
      expect([meta.width, meta.height, meta.orientation ?? 1]).toEqual([s.width, s.height, 1]);
      expect(s.face.startsWith('front') || s.hasMrz).toBe(true);
      expect(`${s.truth.dateOfBirth}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(a.set.map((s) => s.truth)).toEqual([0, 0].map((i) => holderCards(SEED, i).truth));
  }, 60_000);
});
