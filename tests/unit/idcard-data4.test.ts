/**
 * Generator 4 (the second held-out ID-card set): the same seed gives the same set, and what it draws
 * is a valid card by checks written independently of it — the `mrz` package for the TD1 check
 * digits, a separate check-digit routine for the 12-digit ID in the optional field, the ID's own
 * structure (province, century/sex digit, year) against the holder, the QR text's fields, and the
 * drawn QR codes decoded by zxing-wasm back to that text.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'mrz';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { pickStyle } from '../idcard-data4/faces.ts';
import { drawFace, drawSample4, planSet4 } from '../idcard-data4/generate.ts';
import { makeHolder } from '../idcard-data4/holders.ts';
import { makeRand } from '../idcard-data4/rng.ts';
import { SCENES } from '../idcard-data4/scenes.ts';

/** ICAO 9303 check digit, written here again on purpose (not imported from the generator). */
function icaoCheck(s: string): number {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let total = 0;
  [...s].forEach((ch, i) => {
    total += (ch === '<' ? 0 : alphabet.indexOf(ch)) * [7, 3, 1][i % 3]!;
  });
  return total % 10;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('generator 4', () => {
  it('plans the same set for the same seed, and a different one for another seed', () => {
    const a = planSet4(4404, 40).map((p) => p.sample);
    const b = planSet4(4404, 40).map((p) => p.sample);
    const c = planSet4(4405, 40).map((p) => p.sample);
    expect(a).toEqual(b);
    expect(JSON.stringify(c)).not.toEqual(JSON.stringify(a));
    // both generations' fronts and backs (MRZ; QR on 2024 backs), QR drawn on some 2021 fronts, every scene
    const faces = new Set(a.map((s) => s.face));
    expect(faces).toEqual(new Set(['front-2021', 'front-2024', 'back-2021', 'back-2024']));
    expect(a.some((s) => s.hasQr) && a.some((s) => s.face === 'front-2021' && !s.hasQr)).toBe(true);
    expect(a.filter((s) => s.face.startsWith('back')).every((s) => s.hasMrz)).toBe(true);
    expect(a.filter((s) => s.face === 'back-2024').every((s) => s.hasQr)).toBe(true);
    expect(a.filter((s) => s.face === 'front-2024').every((s) => !s.hasQr && !s.hasMrz)).toBe(true);
    expect(new Set(a.map((s) => s.scene))).toEqual(new Set(SCENES));
    expect(new Set(a.map((s) => s.file)).size).toBe(a.length);
  });

  it('draws the same bytes for the same seed', async () => {
    const plan = planSet4(4404, 3);
    const p = plan.find((x) => x.sample.face === 'back-2021') ?? plan[0]!;
    const one = await drawSample4(4404, p);
    const two = await drawSample4(4404, p);
    expect(sha(two)).toBe(sha(one));
    expect(one.subarray(0, 3).toString('hex')).toBe('ffd8ff'); // a JPEG
  }, 60_000);

  it('writes MRZs whose check digits an independent parser accepts and whose fields match the truth', () => {
    const r = makeRand(77);
    let checked = 0;
    for (let i = 0; i < 300; i++) {
      const h = makeHolder(r.fork(i), i % 2 ? 2021 : 2024);
      if (!h.mrz) {
        expect(h.dateOfExpiry).toBeUndefined(); // valid for life: no MRZ drawn
        continue;
      }
      const res = parse(h.mrz);
      expect(res.valid, h.mrz.join('\n')).toBe(true);
      expect(res.format).toBe('TD1');
      expect(res.fields.documentNumber).toBe(h.idNumber.slice(3));
      const [d, m, y] = h.dateOfBirth.split('/');
      expect(res.fields.birthDate).toBe(`${y!.slice(2)}${m}${d}`);
      expect(res.fields.sex).toBe(h.sex === 'Nam' ? 'male' : 'female');
      const [ed, em, ey] = h.dateOfExpiry!.split('/');
      expect(res.fields.expirationDate).toBe(`${ey!.slice(2)}${em}${ed}`);
      // the optional field: the full 12-digit ID, `<<`, its check digit
      const opt = h.mrz[0].slice(15, 30);
      expect(opt.slice(0, 12)).toBe(h.idNumber);
      expect(opt.slice(12, 14)).toBe('<<');
      expect(Number(opt[14])).toBe(icaoCheck(h.idNumber));
      expect(`${res.fields.lastName} ${res.fields.firstName}`).toBe(h.fullNameAscii);
      checked++;
    }
    expect(checked).toBeGreaterThan(180);
  });

  it('builds each ID number by the rules: province, century and sex, year of birth', () => {
    const r = makeRand(5);
    for (let i = 0; i < 300; i++) {
      const h = makeHolder(r.fork(i), i % 3 ? 2021 : 2024);
      expect(h.idNumber).toMatch(/^0\d{11}$/);
      const year = Number(h.dateOfBirth.slice(6));
      const g = Number(h.idNumber[3]);
      expect(g).toBe((year >= 2000 ? 2 : 0) + (h.sex === 'Nữ' ? 1 : 0));
      expect(h.idNumber.slice(4, 6)).toBe(String(year).slice(2));
      expect(h.fullName).toBe(h.fullName.normalize('NFC'));
      expect(h.printedName).toBe(h.fullName.toLocaleUpperCase('vi'));
      expect(h.fullNameAscii).toMatch(/^[A-Z]+( [A-Z]+)+$/);
      // the chip card's QR text: id | old id | name | ddmmyyyy | sex | address | issue ddmmyyyy
      const q = h.qrPayload.split('|');
      expect(q.length === 7 || (h.generation === 2024 && q.length === 11 && q.slice(7).every((x) => x === ''))).toBe(true);
      expect(q[0]).toBe(h.idNumber);
      expect(q[1]).toMatch(/^(\d{9})?$/);
      expect(q[2]).toBe(h.fullName);
      expect(q[3]).toBe(h.dateOfBirth.replaceAll('/', ''));
      expect(q[4]).toBe(h.sex);
      expect(q[6]).toBe(h.issueDate.replaceAll('/', ''));
    }
  });

  it('draws QR codes that decode to the QR text (2021 front, 2024 back)', async () => {
    const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
    prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) }, fireImmediately: true });
    const plan = planSet4(4404, 12);
    const picks = [plan.find((p) => p.sample.face === 'front-2021' && p.sample.hasQr)!, plan.find((p) => p.sample.face === 'back-2024')!];
    for (const p of picks) {
      const face = await drawFace(p.sample.face, p.holder, pickStyle(makeRand(1)), makeRand(2), true);
      const png = await sharp(face.toRgb(), { raw: { width: face.w, height: face.h, channels: 3 } }).png().toBuffer();
      const found = await readBarcodes(new Uint8Array(png), { formats: ['QRCode'], tryHarder: true });
      expect(found.map((b) => b.text), p.sample.file).toEqual([p.holder.qrPayload]);
      expect(p.holder.qrPayload.split('|').length).toBeGreaterThanOrEqual(7);
    }
  }, 60_000);
});
