/**
 * ID-card benchmark: npm run bench:idcard [-- --cards N]
 * Generates the synthetic set (fake data, degraded photos) into the OS temp dir, then measures each
 * source separately — serial scanner QR (virtual pty), camera-frame QR, MRZ, front OCR with a warm
 * pool — and the fusion. Prints per-field exact-match accuracy and median/p95 ms per source as one
 * JSON line, then a readable table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Candidate, FieldName, IdCardFields } from '../../common/idcard/fields.ts';
import { candidatesFrom, fuse, MRZ_CONFIDENCE, QR_CONFIDENCE } from '../../common/idcard/fuse.ts';
import { detectCard, loadFrame } from '../../drivers/idcard/image.ts';
import { readMrzFromCard } from '../../drivers/idcard/mrz-image.ts';
import { readFront } from '../../drivers/idcard/ocr-front.ts';
import { closeReaders, createReaders } from '../../drivers/idcard/read-card.ts';
import { readQrFromFrame } from '../../drivers/idcard/qr-image.ts';
import { IdScanner, type CardEvent } from '../../drivers/idcard/scanner/index.ts';
import { VirtualScanner } from '../../drivers/idcard/scanner/virtual.ts';
import { generateSet, type SampleTruth } from '../idcard-data/generate.ts';
import { makePerson, makeRng } from '../idcard-data/people.ts';

const arg = (n: string, d: string) => {
  const i = process.argv.indexOf(`--${n}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : d;
};
const CARDS = Number(arg('cards', '40'));

const pct = (xs: number[], p: number) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10;
};

type Stat = { ms: number[]; hit: Record<string, number>; total: Record<string, number>; failed: number; n: number };
const stats: Record<string, Stat> = {};
const stat = (k: string): Stat => (stats[k] ??= { ms: [], hit: {}, total: {}, failed: 0, n: 0 });
function score(k: string, got: IdCardFields, truth: IdCardFields, fields: FieldName[]): void {
  const s = stat(k);
  for (const f of fields) {
    s.total[f] = (s.total[f] ?? 0) + 1;
    if (got[f] !== undefined && got[f] === truth[f]) s.hit[f] = (s.hit[f] ?? 0) + 1;
  }
}

const QR_FIELDS: FieldName[] = ['idNumber', 'fullName', 'dateOfBirth', 'sex', 'placeOfResidence', 'issueDate'];
const MRZ_FIELDS: FieldName[] = ['idNumber', 'fullNameAscii', 'dateOfBirth', 'sex', 'dateOfExpiry', 'nationality'];
const FRONT_FIELDS: Record<2021 | 2024, FieldName[]> = {
  2021: ['idNumber', 'fullName', 'dateOfBirth', 'sex', 'nationality', 'placeOfOrigin', 'placeOfResidence', 'dateOfExpiry'],
  2024: ['idNumber', 'fullName', 'dateOfBirth', 'sex', 'nationality'],
};

// ---------------------------------------------------------------- serial scanner
async function benchSerial(n: number): Promise<void> {
  const v = await VirtualScanner.create();
  const s = new IdScanner({ path: v.devicePath, suffix: 'cr' });
  let resolveCard: ((c: CardEvent) => void) | undefined;
  s.on('card', (c: CardEvent) => resolveCard?.(c));
  s.on('error', () => resolveCard?.({ fields: {}, issues: [], fieldCount: 0, ms: 0 }));
  await s.start();
  const rng = makeRng(7);
  for (let i = 0; i < n; i++) {
    const p = makePerson(rng, i % 2 ? 2024 : 2021);
    const got = new Promise<CardEvent>((r) => (resolveCard = r));
    const t0 = performance.now();
    await v.feed(p.qrPayload, 'cr');
    const c = await got;
    const st = stat('serial-qr');
    st.ms.push(performance.now() - t0);
    st.n++;
    score('serial-qr', c.fields, p.fields, QR_FIELDS);
  }
  await s.stop();
  await v.close();
}

// ---------------------------------------------------------------- images
async function benchImages(set: SampleTruth[], dir: string): Promise<void> {
  const readers = await createReaders({ vieWorkers: 2, engWorkers: 1, warm: true });
  for (const smp of set) {
    const file = path.join(dir, smp.file);
    const frame = await loadFrame(file);
    const t0 = performance.now();
    const det = await detectCard(frame);
    const detectMs = performance.now() - t0;
    stat('detect').ms.push(detectMs);
    const cands: Candidate[] = [];
    if (smp.hasQr) {
      const t = performance.now();
      let qr;
      try {
        qr = await readQrFromFrame(frame, det);
      } catch {
        qr = undefined;
      }
      const st = stat('camera-qr');
      st.ms.push(performance.now() - t);
      st.n++;
      if (!qr) st.failed++;
      score('camera-qr', qr?.fields ?? {}, smp.truth, QR_FIELDS);
      if (qr) cands.push(...candidatesFrom(qr.fields, 'qr', QR_CONFIDENCE));
    }
    if (smp.hasMrz) {
      const st = stat('mrz');
      st.n++;
      const t = performance.now();
      let fields: IdCardFields = {};
      if (det) {
        try {
          fields = (await readMrzFromCard(det, readers.eng)).fields;
        } catch {
          st.failed++;
        }
      } else st.failed++;
      st.ms.push(performance.now() - t + detectMs);
      score('mrz', fields, smp.truth, MRZ_FIELDS);
      cands.push(...candidatesFrom(fields, 'mrz', MRZ_CONFIDENCE));
    }
    if (smp.face === 'front2021' || smp.face === 'front2024') {
      const st = stat('front-ocr');
      st.n++;
      const t = performance.now();
      let fc: Candidate[] = [];
      if (det) fc = (await readFront(det, readers.vie)).candidates;
      else st.failed++;
      st.ms.push(performance.now() - t + detectMs);
      const got = Object.fromEntries(fc.map((c) => [c.field, c.value])) as IdCardFields;
      score('front-ocr', got, smp.truth, FRONT_FIELDS[smp.generation]);
      cands.push(...fc);
      // the front alone, fused (no QR): the "front only" target
      score('fused-front-only', fuse(fc, { minConfidence: 0.35 }).fields, smp.truth, ['idNumber', 'dateOfBirth', 'fullName']);
    }
    const fused = fuse(cands, { minConfidence: 0.35 }).fields;
    if (smp.hasQr || smp.hasMrz) score('fused-qr-or-mrz-visible', fused, smp.truth, ['idNumber', 'dateOfBirth']);
    if (smp.hasQr) score('fused-qr-visible', fused, smp.truth, ['fullName']);
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  await closeReaders(readers);
}

const dir = mkdtempSync(path.join(tmpdir(), 'idcard-bench-'));
try {
  const tg = performance.now();
  const set = await generateSet({ outDir: dir, cards: CARDS, seed: 20240701 });
  const genMs = Math.round(performance.now() - tg);
  await benchSerial(CARDS);
  await benchImages(set, dir);
  const summary: Record<string, unknown> = { cards: CARDS, images: set.length, generateMs: genMs };
  for (const [k, s] of Object.entries(stats)) {
    const acc: Record<string, number> = {};
    for (const f of Object.keys(s.total)) acc[f] = Math.round(((s.hit[f] ?? 0) / s.total[f]!) * 1000) / 1000;
    summary[k] = { n: s.n || s.ms.length || Object.values(s.total)[0], medianMs: pct(s.ms, 50), p95Ms: pct(s.ms, 95), failed: s.failed, accuracy: acc };
  }
  console.log(JSON.stringify(summary));
  console.log('');
  console.log('source                    n    median ms  p95 ms  failed  per-field exact match');
  for (const [k, s] of Object.entries(stats)) {
    const acc = Object.keys(s.total)
      .map((f) => `${f} ${(((s.hit[f] ?? 0) / s.total[f]!) * 100).toFixed(1)}%`)
      .join(', ');
    const n = s.n || s.ms.length || Object.values(s.total)[0] || 0;
    console.log(`${k.padEnd(25)} ${String(n).padStart(4)} ${String(pct(s.ms, 50)).padStart(10)} ${String(pct(s.ms, 95)).padStart(7)} ${String(s.failed).padStart(7)}  ${acc}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
