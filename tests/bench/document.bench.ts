/**
 * Document-mode benchmark: npm run --silent bench:document [-- --n 40] [--n2 44] [--ocr 12] [--set tuning|reporting|both]
 *
 * Two generated sets of paper photos, reported separately and labelled:
 *   - TUNING set    — tests/document-data  (generator A; the pipeline was tuned on it),
 *   - REPORTING set — tests/document-data2 (generator B, written separately: other fonts, layouts,
 *                     desks, warp method and degradations; never tuned on).
 * Each photo goes through processDocumentPage as the kiosk calls it. Figures: found rate (edgesFound
 * on photos whose page lies wholly in the frame), corner error (the worst of the four corners, px and
 * % of the frame's diagonal), wrong outlines (found but a corner off by more than 2 % of the
 * diagonal), output bytes, time per page, and legibility: tesseract.js (offline `vie` data) word
 * accuracy of the output against the printed words, on the first `--ocr` photos (the variants come
 * round robin, so each is covered), next to the same OCR on
 * the clean rendered page at the same size (the ceiling). Prints one JSON object.
 */
import sharp from 'sharp';
import { createWorker, type Worker } from 'tesseract.js';
import { processDocumentPage } from '../../drivers/document/index.ts';
import { langPathFor } from '../../drivers/idcard/ocr-pool.ts';
import { wordAccuracy, words } from '../document-data/legibility.ts';
import { generateSetA, type PaperSample } from '../document-data/set-a.ts';
import { generateSetB } from '../document-data2/set-b.ts';

const arg = (n: string, d: string) => {
  const i = process.argv.indexOf(`--${n}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : d;
};
const N_A = Number(arg('n', '40'));
const N_B = Number(arg('n2', '44'));
const N_OCR = Number(arg('ocr', '12'));
const WHICH = arg('set', 'both');
const SEED_A = 20261206;
const SEED_B = 99173;

const pct = (xs: number[], p: number) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 100) / 100;
};
const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 1000) / 1000 : null);

let worker: Worker | undefined;
async function ocr(image: Buffer): Promise<string> {
  if (!worker) {
    const langPath = langPathFor('vie');
    if (!langPath) throw new Error('missing @tesseract.js-data/vie');
    worker = await createWorker('vie', 1, { langPath, cacheMethod: 'none', gzip: true, errorHandler: () => undefined });
  }
  const r = await worker.recognize(image);
  return r.data.text;
}

interface SetFigures {
  set: string;
  generator: string;
  seed: number;
  photos: number;
  pageInFrame: number;
  found: number;
  foundRate: number | null;
  wrongOutlines: number;
  cornerErrorPx: { median: number | null; p95: number | null; max: number | null; worst: string };
  cornerErrorPctDiag: { median: number | null; p95: number | null; max: number | null };
  outputBytes: { median: number | null; max: number | null; overBound: number };
  msPerPage: { median: number | null; p95: number | null };
  legibility: { pages: number; wordAccuracy: number | null; ceilingWordAccuracy: number | null };
  byVariant: Record<string, { n: number; found: number; cornerErrPctMedian: number | null; wordAccuracy: number | null }>;
  misses: string[];
}

async function run(set: string, generator: string, seed: number, gen: AsyncGenerator<PaperSample>, n: number, renderIdeal: (s: PaperSample, w: number, h: number) => Promise<Buffer>): Promise<SetFigures> {
  const errPx: number[] = [];
  const errPct: number[] = [];
  const bytes: number[] = [];
  const ms: number[] = [];
  const acc: number[] = [];
  const ceil: number[] = [];
  const byVariant: Record<string, { n: number; found: number; err: number[]; acc: number[] }> = {};
  const misses: string[] = [];
  const worst = { px: 0, name: '' };
  let inFrame = 0;
  let found = 0;
  let wrong = 0;
  let over = 0;
  let i = 0;
  for await (const s of gen) {
    const v = (byVariant[s.variant] ??= { n: 0, found: 0, err: [], acc: [] });
    v.n++;
    const r = await processDocumentPage(s.jpeg);
    if (!r.ok) {
      misses.push(`${s.name}: refused ${r.code}`);
      i++;
      continue;
    }
    bytes.push(r.page.bytes);
    if (r.page.bytes > 400 * 1024) over++;
    ms.push(r.page.ms);
    const diag = Math.hypot(s.width, s.height);
    if (s.inside) {
      inFrame++;
      if (r.page.edgesFound && r.page.corners) {
        found++;
        v.found++;
        const e = Math.max(...r.page.corners.map(([x, y], k) => Math.hypot(x - s.corners[k]![0], y - s.corners[k]![1])));
        errPx.push(e);
        errPct.push((100 * e) / diag);
        v.err.push((100 * e) / diag);
        if (e > worst.px) Object.assign(worst, { px: Math.round(e * 100) / 100, name: s.name });
        if ((100 * e) / diag > 2) {
          wrong++;
          misses.push(`${s.name}: outline off by ${e.toFixed(1)} px`);
        }
      } else misses.push(`${s.name}: no outline`);
    }
    if (i < N_OCR) {
      const truth = words(s.lines.join('\n'));
      const a = wordAccuracy(truth, words(await ocr(r.page.jpeg)));
      acc.push(a);
      v.acc.push(a);
      const ideal = await renderIdeal(s, r.page.width, r.page.height);
      ceil.push(wordAccuracy(truth, words(await ocr(ideal))));
    }
    i++;
  }
  return {
    set,
    generator,
    seed,
    photos: i,
    pageInFrame: inFrame,
    found,
    foundRate: inFrame ? Math.round((found / inFrame) * 1000) / 1000 : null,
    wrongOutlines: wrong,
    cornerErrorPx: { median: pct(errPx, 50), p95: pct(errPx, 95), max: pct(errPx, 100), worst: worst.name },
    cornerErrorPctDiag: { median: pct(errPct, 50), p95: pct(errPct, 95), max: pct(errPct, 100) },
    outputBytes: { median: pct(bytes, 50), max: pct(bytes, 100), overBound: over },
    msPerPage: { median: pct(ms, 50), p95: pct(ms, 95) },
    legibility: { pages: acc.length, wordAccuracy: mean(acc), ceilingWordAccuracy: mean(ceil) },
    byVariant: Object.fromEntries(Object.entries(byVariant).map(([k, v]) => [k, { n: v.n, found: v.found, cornerErrPctMedian: pct(v.err, 50), wordAccuracy: mean(v.acc) }])),
    misses,
  };
}

/** The clean page at the output's size, grey: what OCR reads when the photo costs nothing. */
const ideal = (png: (s: PaperSample) => Buffer) => async (s: PaperSample, w: number, h: number) =>
  sharp(png(s)).resize(w, h, { fit: 'fill' }).greyscale().jpeg({ quality: 90 }).toBuffer();

const out: { machine: string; date: string; sets: SetFigures[] } = { machine: `${(await import('node:os')).cpus().length} cores, Node ${process.version}`, date: new Date().toISOString(), sets: [] };
try {
  if (WHICH !== 'reporting') out.sets.push(await run('tuning', 'tests/document-data (A)', SEED_A, generateSetA(N_A, SEED_A), N_A, ideal((s) => s.page)));
  if (WHICH !== 'tuning') out.sets.push(await run('reporting', 'tests/document-data2 (B)', SEED_B, generateSetB(N_B, SEED_B), N_B, ideal((s) => s.page)));
} finally {
  await worker?.terminate();
}
process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
