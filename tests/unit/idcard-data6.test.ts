/**
 * Generator 6 (tests/idcard-data6): the same seed gives the same set, byte for byte; its MRZs pass a check written
 * here independently of people.ts (ICAO 9303 TD1: 7-3-1 weights, the composite over line 1 from position 6 and
 * line 2's dates and expiry), and agree with the truth; its numbers have the structure of the reference; the QR it
 * prints decodes (zxing-wasm, on the flat face) to the reference's text of the truth, and a front said to have no
 * QR has none.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { drawFace } from '../idcard-data6/cards.ts';
import { generateSet6 } from '../idcard-data6/generate.ts';
import { makeHolder, makeRand, mrzLines, qrText, truthOf } from '../idcard-data6/people.ts';

/** An independent ICAO 9303 check digit. */
function icao(s: string): number {
  const val = (c: string) => (c === '<' ? 0 : c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 65 + 10);
  return [...s].reduce((sum, c, i) => sum + val(c) * [7, 3, 1][i % 3]!, 0) % 10;
}
function td1Valid([l1, l2]: string[]): boolean {
  const d = (s: string) => Number(s);
  return (
    icao(l1!.slice(5, 14)) === d(l1![14]!) &&
    icao(l2!.slice(0, 6)) === d(l2![6]!) &&
    icao(l2!.slice(8, 14)) === d(l2![14]!) &&
    icao(l1!.slice(5, 30) + l2!.slice(0, 7) + l2!.slice(8, 15) + l2!.slice(18, 29)) === d(l2![29]!)
  );
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const hashes = (dir: string, files: string[]) => files.map((f) => createHash('sha256').update(readFileSync(path.join(dir, f))).digest('hex'));

describe('generator 6', () => {
  it('is deterministic: the same seed writes the same images and truth', async () => {
    const a = mkdtempSync(path.join(tmpdir(), 'g6a-'));
    const b = mkdtempSync(path.join(tmpdir(), 'g6b-'));
    dirs.push(a, b);
    const sa = await generateSet6({ outDir: a, cards: 3, seed: 31 });
    const sb = await generateSet6({ outDir: b, cards: 3, seed: 31 });
    expect(sa.length).toBeGreaterThanOrEqual(4);
    expect(sb).toEqual(sa);
    expect(hashes(b, sb.map((s) => s.file))).toEqual(hashes(a, sa.map((s) => s.file)));
    expect(JSON.parse(readFileSync(path.join(a, 'truth.json'), 'utf8'))).toEqual(sa);
    // another seed: other holders
    const r = makeRand(32);
    expect(truthOf(makeHolder(r, 0)).idNumber).not.toBe(sa[0]!.truth.idNumber);
  }, 60_000);

  it('makes MRZs that pass an independent check and carry the truth', () => {
    const r = makeRand(7);
    let checked = 0;
    for (let i = 0; i < 300; i++) {
      const h = makeHolder(r, i);
      const t = truthOf(h);
      // the 12 digits: 0 + province code, G (even male, odd female; 0/1 for 1900s, 2/3 for 2000s), YY of birth
      expect(t.idNumber).toMatch(/^0\d{11}$/);
      const g = Number(t.idNumber[3]);
      expect(g % 2).toBe(t.sex === 'Nam' ? 0 : 1);
      expect(Math.floor(g / 2)).toBe(Number(t.dateOfBirth.slice(0, 4)) >= 2000 ? 1 : 0);
      expect(t.idNumber.slice(4, 6)).toBe(t.dateOfBirth.slice(2, 4));
      // the QR: 7 fields (2021) or 11 (2024), name and dates as printed
      const q = qrText(h).split('|');
      expect(q.length).toBe(h.generation === 2021 ? 7 : 11);
      expect(q[0]).toBe(t.idNumber);
      expect(q[2]).toBe(t.fullName);
      expect(q[3]).toBe(t.dateOfBirth.split('-').reverse().join(''));
      const m = mrzLines(h);
      if (!m) {
        expect(t.dateOfExpiry).toBeUndefined();
        continue;
      }
      checked++;
      expect(m.map((l) => l.length)).toEqual([30, 30, 30]);
      for (const l of m) expect(l).toMatch(/^[A-Z0-9<]{30}$/);
      expect(td1Valid(m)).toBe(true);
      expect(m[0].slice(15, 27)).toBe(t.idNumber);
      expect(icao(t.idNumber)).toBe(Number(m[0][29]));
      expect(m[1].slice(0, 6)).toBe(t.dateOfBirth.slice(2).replaceAll('-', ''));
      expect(m[1].slice(8, 14)).toBe(t.dateOfExpiry!.slice(2).replaceAll('-', ''));
      expect(m[1][7]).toBe(t.sex === 'Nam' ? 'M' : 'F');
      if (t.fullNameAscii) expect(m[2].replace(/<+/g, ' ').trim()).toBe(t.fullNameAscii);
      // one changed digit breaks it
      const bad = m[1].slice(0, 3) + String((Number(m[1][3]) + 1) % 10) + m[1].slice(4);
      expect(td1Valid([m[0], bad])).toBe(false);
    }
    expect(checked).toBeGreaterThan(150);
  });

  it('draws names with every tone and the rare letters, long names and two-word surnames', () => {
    const r = makeRand(9);
    const holders = Array.from({ length: 400 }, (_, i) => makeHolder(r, i));
    const names = holders.map((h) => h.fullName);
    const all = names.join(' ');
    for (const ch of ['Ư', 'ơ', 'ă', 'Đ', 'ỹ', 'ợ', 'ẫ', 'ặ', 'ạ', 'ả', 'ủ', 'ỷ']) expect(all.toLowerCase()).toContain(ch.toLowerCase());
    expect(holders.map((h) => h.placeOfResidence + h.placeOfBirth).join(' ')).toContain('ẵ');
    expect(names.some((n) => n.split(' ').length >= 5)).toBe(true);
    expect(names.some((n) => /^(Tôn Thất|Âu Dương|Tư Mã|Tôn Nữ) /u.test(n))).toBe(true);
    expect(names.every((n) => n === n.normalize('NFC'))).toBe(true);
  });

  it('prints QRs that decode to the truth, where it says a face has one', async () => {
    const require = createRequire(import.meta.url);
    const wasm = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
    prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer }, fireImmediately: true });
    const r = makeRand(5);
    const seen = { front2021: 0, noQr: 0, back2024: 0 };
    for (let i = 0; i < 12; i++) {
      const h = makeHolder(r, i);
      const face = h.generation === 2021 ? 'front' : 'back';
      if (face === 'back' && !h.expiry) continue;
      const png = drawFace(h, face, r, 8).toBuffer('image/png');
      const found = await readBarcodes(new Uint8Array(png), { formats: ['QRCode'], tryHarder: true });
      const t = truthOf(h);
      if (face === 'back' || h.frontQr) {
        expect(found.map((b) => b.text)).toEqual([qrText(h)]);
        const f = found[0]!.text.split('|');
        expect([f[0], f[2], f[4]]).toEqual([t.idNumber, t.fullName, t.sex]);
        seen[face === 'back' ? 'back2024' : 'front2021']++;
      } else {
        expect(found).toEqual([]);
        seen.noQr++;
      }
    }
    expect(seen.front2021).toBeGreaterThan(2);
    expect(seen.back2024).toBeGreaterThan(1);
    expect(seen.noQr).toBeGreaterThan(0);
  }, 30_000);
});
