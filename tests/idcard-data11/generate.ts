/**
 * Generator 11 (session 13): fake Vietnamese citizen-ID card images — 2021 chip cards (front with QR, back with
 * MRZ) and 2024 cards (front without QR, back with QR and MRZ) — drawn by Java2D (Render11.java, one JVM per
 * set, one JSON job per face on its stdin) in M+ 1 / M+ 2 / Jura / Junicode with the MRZ in League Mono or
 * M+ 1 Code, and set in twelve scenes of its own. Written without reading the reader or generators 1–10
 * (docs/idcard-gen11.md).
 *
 *   node --import tsx tests/idcard-data11/generate.ts [--cards N] [--seed S] [--out DIR]
 *
 * The report seed (1111) is for the lead's held-out run only; use another seed to look at the pictures.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IdCardFields } from '../../common/idcard/fields.ts';
import { back2021, back2024, type CardDrawing, front2021, front2024, STYLES } from './faces.ts';
import { type Holder, makeHolder, Rng } from './holders.ts';
import { DEFAULT_CARDS11, DEFAULT_SEED11 } from './seed.ts';

export type Face11 = 'front-2021' | 'back-2021' | 'front-2024' | 'back-2024';
export const SCENES11 = ['turned', 'backlit', 'droplets', 'acrylic', 'sharpened', 'clipped', 'tiles', 'yellowed', 'autocrop', 'bluehour', 'cover', 'armlength'] as const;
export type Scene11 = (typeof SCENES11)[number];
export const AA_MODES11 = ['off', 'on', 'lcd', 'frac'] as const;

export interface Sample11 {
  file: string;
  face: Face11;
  generation: 2021 | 2024;
  /** The fields of common/idcard/fields.ts, ISO dates, the name as in the QR. */
  truth: IdCardFields;
  hasQr: boolean;
  hasMrz: boolean;
  /** The QR's text, when the face carries one. */
  qrPayload?: string;
  /** The MRZ's three lines, when the face carries them. */
  mrz?: [string, string, string];
  scene: Scene11;
  aa: (typeof AA_MODES11)[number];
  format: 'png' | 'jpg';
  style: string;
  width: number;
  height: number;
}

/** One face for Render11: the card drawing, the scene and how the file is written. */
export interface Job11 {
  out: string;
  format: 'png' | 'jpg';
  quality: number;
  aa: string;
  ppm: number;
  card: CardDrawing;
  scene: Record<string, string | number>;
}

const RENDERER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'Render11.java');

/**
 * Render11.java compiled once into the OS temp dir, keyed by the source's hash (javac; a stale or
 * half-written class directory is never used: it is compiled beside and renamed into place).
 */
export function compiledRenderer(): string {
  const src = readFileSync(RENDERER);
  const dir = path.join(tmpdir(), `render11-${createHash('sha256').update(src).digest('hex').slice(0, 16)}`);
  if (existsSync(path.join(dir, 'Render11.class'))) return dir;
  const work = `${dir}.${process.pid}.tmp`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    execFileSync('javac', ['-encoding', 'UTF-8', '-d', work, RENDERER], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    rmSync(work, { recursive: true, force: true });
    throw new Error(`generator 11: javac failed (install openjdk-17-jdk-headless): ${String((e as { stderr?: Buffer }).stderr ?? e).slice(0, 400)}`, { cause: e });
  }
  try {
    renameSync(work, dir);
  } catch {
    rmSync(work, { recursive: true, force: true }); // another process won the race: its copy is the same source
  }
  return dir;
}

/**
 * Runs one JVM over the jobs and returns its
 * answers in order: `{ ok: true, width, height }` or `{ ok: false, reason }`.
 */
export function renderJobs(jobs: Job11[]): Promise<({ ok: true; width: number; height: number } | { ok: false; reason: string })[]> {
  return new Promise((resolve, reject) => {
    let classes: string;
    try {
      classes = compiledRenderer();
    } catch (e) {
      return reject(e as Error);
    }
    const java = spawn('java', ['-Djava.awt.headless=true', '-Xmx1500m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-cp', classes, 'Render11'], { stdio: ['pipe', 'pipe', 'pipe'] });
    if (process.env.RENDER11_TIMES) java.stderr.pipe(process.stderr);
    let out = '';
    let err = '';
    java.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    java.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    java.on('error', (e) => reject(new Error(`generator 11: cannot start java (${e.message}); install openjdk-17-jdk-headless`)));
    java.on('close', (code) => {
      const lines = out.split('\n').filter(Boolean);
      if (code !== 0 || lines.length !== jobs.length) return reject(new Error(`generator 11: java exited ${code} after ${lines.length}/${jobs.length} faces: ${err.slice(0, 400)}`));
      resolve(
        lines.map((l) => {
          const [status, a, b, c] = l.split('\t');
          return status === 'ok' ? { ok: true as const, width: Number(b), height: Number(c) } : { ok: false as const, reason: a ?? '' };
        }),
      );
    });
    java.stdin.end(jobs.map((j) => JSON.stringify(j)).join('\n') + '\n');
  });
}

/** Each scene's own parameters for one face, from the seed. */
function sceneParams(kind: Scene11, face: Face11, rng: Rng): Record<string, string | number> {
  const seed = rng.int(1, 2 ** 31 - 1);
  const sign = rng.chance(0.5) ? 1 : -1;
  switch (kind) {
    case 'turned':
      return { kind, seed, deg: sign * rng.between(15, 40), squeeze: rng.between(0, 0.05) };
    case 'backlit':
      return { kind, seed, deg: rng.between(-4, 4), exposure: rng.between(0.45, 0.65), veil: rng.between(0.15, 0.35) };
    case 'droplets':
      return { kind, seed, deg: rng.between(-3, 3) };
    case 'acrylic':
      return { kind, seed, deg: rng.between(-2, 2), strength: rng.between(0.12, 0.28) };
    case 'sharpened':
      return { kind, seed, deg: rng.between(-6, 6), amount: rng.between(1.4, 2.6) };
    case 'clipped': {
      // a cancelled card's clipped corner on the emblem/photo side, and sometimes a lanyard hole at the left edge
      const corner = face === 'back-2021' && rng.chance(0.5) ? 'tr' : 'tl';
      return { kind, seed, deg: rng.between(-8, 8), cornerMm: rng.chance(0.75) ? rng.between(3.5, 6) : 0, corner, holeMm: rng.chance(0.6) ? rng.between(1.3, 2.0) : 0, holeX: 2.9, holeY: rng.between(24, 30) };
    }
    case 'tiles':
      return { kind, seed, deg: sign * rng.between(2, 12), squeeze: rng.between(0.03, 0.1) };
    case 'yellowed':
      return { kind, seed, deg: rng.between(-3, 3), age: rng.between(0.4, 0.9) };
    case 'autocrop': {
      // the MRZ runs close to the bottom edge of a back: there the scanner cuts at most 2 %
      const edge = rng.pick(['left', 'right', 'top', 'bottom']);
      return { kind, seed, edge, cut: edge === 'bottom' && face.startsWith('back') ? rng.between(0.01, 0.02) : rng.between(0.02, 0.04) };
    }
    case 'bluehour':
      return { kind, seed, deg: rng.between(-8, 8), dim: rng.between(0.6, 0.85) };
    case 'cover':
      return { kind, seed, deg: rng.between(-5, 5) };
    case 'armlength':
      return { kind, seed, deg: rng.between(-10, 10), cardW: rng.between(1500, 1900) };
  }
}

export interface GenerateOptions11 {
  outDir: string;
  cards?: number;
  seed?: number;
}

/** Generates the set into outDir (images and truth.json) and returns its items. */
export async function generateSet11(opts: GenerateOptions11): Promise<Sample11[]> {
  const cards = opts.cards ?? DEFAULT_CARDS11;
  const seed = opts.seed ?? DEFAULT_SEED11;
  if (!Number.isInteger(cards) || cards < 1 || cards > 500) throw new Error(`generator 11: cards must be 1–500, got ${cards}`);
  if (!Number.isInteger(seed)) throw new Error(`generator 11: seed must be an integer, got ${seed}`);
  mkdirSync(opts.outDir, { recursive: true });
  const rng = new Rng(seed);
  // scenes dealt out of a shuffled deck so that every scene appears as evenly as the set allows
  let deck: Scene11[] = [];
  const nextScene = (): Scene11 => {
    if (!deck.length) {
      deck = [...SCENES11];
      for (let i = deck.length - 1; i > 0; i--) {
        const j = rng.int(0, i);
        [deck[i], deck[j]] = [deck[j]!, deck[i]!];
      }
    }
    return deck.pop()!;
  };
  const pending: { sample: Omit<Sample11, 'width' | 'height'>; job: Job11 }[] = [];
  for (let i = 0; i < cards; i++) {
    const h: Holder = makeHolder(rng, i);
    const style = STYLES[(i + rng.int(0, STYLES.length - 1)) % STYLES.length]!;
    // a card valid for life has no documented MRZ expiry: only its front is drawn
    const faces: Face11[] = h.generation === 2021 ? ['front-2021', 'back-2021'] : ['front-2024', 'back-2024'];
    for (const face of faces) {
      if (face.startsWith('back') && !h.mrz) continue;
      const drawing = face === 'front-2021' ? front2021(h, style, rng) : face === 'back-2021' ? back2021(h, style, rng) : face === 'front-2024' ? front2024(h, style, rng) : back2024(h, style, rng);
      const scene = nextScene();
      const params = sceneParams(scene, face, rng);
      const lossless = scene === 'autocrop' || scene === 'clipped' || (scene === 'droplets' && rng.chance(0.5)) || (scene === 'yellowed' && rng.chance(0.5));
      const format: 'png' | 'jpg' = lossless ? 'png' : 'jpg';
      const aa = rng.pick(AA_MODES11);
      const file = `gen11-${String(i).padStart(3, '0')}-${face}.${format}`;
      const hasQr = face === 'front-2021' || face === 'back-2024';
      const hasMrz = face.startsWith('back');
      pending.push({
        sample: { file, face, generation: h.generation, truth: h.truth, hasQr, hasMrz, ...(hasQr ? { qrPayload: h.qrPayload } : {}), ...(hasMrz ? { mrz: h.mrz } : {}), scene, aa, format, style: style.name },
        job: { out: path.join(opts.outDir, file), format, quality: scene === 'armlength' ? rng.between(0.82, 0.9) : rng.between(0.7, 0.92), aa, ppm: scene === 'autocrop' ? 11.81 : rng.between(9.5, 13), card: drawing, scene: params },
      });
    }
  }
  const answers = await renderJobs(pending.map((p) => p.job));
  const samples: Sample11[] = pending.map((p, k) => {
    const a = answers[k]!;
    if (!a.ok) throw new Error(`generator 11: ${p.sample.file}: ${a.reason}`);
    return { ...p.sample, width: a.width, height: a.height };
  });
  writeFileSync(path.join(opts.outDir, 'truth.json'), JSON.stringify(samples, null, 1));
  return samples;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (n: string): string | undefined => {
    const i = process.argv.indexOf(`--${n}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const cards = Number(arg('cards') ?? DEFAULT_CARDS11);
  const seed = Number(arg('seed') ?? DEFAULT_SEED11);
  const outDir = arg('out') ?? path.join(process.cwd(), `idcard-data11-${seed}`);
  const t0 = Date.now();
  const set = await generateSet11({ outDir, cards, seed });
  console.log(`generator 11: ${set.length} images of ${cards} holders, seed ${seed}, in ${outDir} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
