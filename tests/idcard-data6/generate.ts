/**
 * Generator 6 — the sixth, fully held-out ID-card set (session 8), written from scratch by an engineer who read
 * neither the reader nor generators 1–5: its own holders, its own card layouts over Be Vietnam Pro, Noto Sans and
 * Noto Serif drawn with @napi-rs/canvas, its own scenes (see scenes.ts). Only ever run to report at its default
 * seed 6606; any other seed is a development split.
 *
 *   node --import tsx tests/idcard-data6/generate.ts [--cards N] [--seed S] [--out DIR]
 *
 * Writes the images and truth.json (an array of Sample6; truth dates ISO, as the readers give them) into DIR
 * (default tests/artifacts/idcard6, git-ignored).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drawFace } from './cards.ts';
import { makeHolder, makeRand, truthOf, type Truth6 } from './people.ts';
import { SCENES, shoot, type Scene } from './scenes.ts';

export const DEFAULT_SEED6 = 6606;
/** Card pixels per millimetre before a scene (≈ 1200 px across the card; scenes scale down from it). */
const PX_PER_MM = 14;

export interface Sample6 {
  file: string;
  /** front-2021, front-2024, back-2021, back-2024, or front-photocopy-2021/2024 (both faces on one page) */
  face: string;
  generation: 2021 | 2024;
  scene: Scene;
  truth: Truth6;
  hasQr: boolean;
  hasMrz: boolean;
}

export interface Options6 {
  outDir: string;
  cards: number;
  seed: number;
}

export async function generateSet6(o: Options6): Promise<Sample6[]> {
  mkdirSync(o.outDir, { recursive: true });
  const r = makeRand(o.seed);
  // a seeded order of the scenes, walked by fronts and backs from different places, so each card's two faces
  // meet different scenes and every scene gets both generations; every fifth card (index 2, 7, 12, …: both
  // generations) has its back photocopied on one page with its front instead
  const order = [...SCENES];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const out: Sample6[] = [];
  for (let i = 0; i < o.cards; i++) {
    const h = makeHolder(r, i);
    const truth = truthOf(h);
    const g = h.generation;
    const front = drawFace(h, 'front', r, PX_PER_MM);
    const sceneF = order[i % order.length]!;
    const f = await shoot(sceneF, [front], r);
    const fFile = `g6-${String(i).padStart(3, '0')}-front-${sceneF}.${f.ext}`;
    writeFileSync(path.join(o.outDir, fFile), f.bytes);
    out.push({ file: fFile, face: `front-${g}`, generation: g, scene: sceneF, truth, hasQr: h.frontQr, hasMrz: false });
    if (!h.expiry) continue; // a card for life: generator 6 draws no back for it
    const back = drawFace(h, 'back', r, PX_PER_MM);
    if (i % 5 === 2) {
      const p = await shoot('photocopy', [front, back], r);
      const pFile = `g6-${String(i).padStart(3, '0')}-front-back-photocopy.${p.ext}`;
      writeFileSync(path.join(o.outDir, pFile), p.bytes);
      out.push({ file: pFile, face: `front-photocopy-${g}`, generation: g, scene: 'photocopy', truth, hasQr: h.frontQr || g === 2024, hasMrz: true });
    } else {
      const sceneB = order[(i + 4) % order.length]!;
      const b = await shoot(sceneB, [back], r);
      const bFile = `g6-${String(i).padStart(3, '0')}-back-${sceneB}.${b.ext}`;
      writeFileSync(path.join(o.outDir, bFile), b.bytes);
      out.push({ file: bFile, face: `back-${g}`, generation: g, scene: sceneB, truth, hasQr: g === 2024, hasMrz: true });
    }
  }
  writeFileSync(path.join(o.outDir, 'truth.json'), JSON.stringify(out, null, 1));
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (n: string, d: string) => {
    const i = process.argv.indexOf(`--${n}`);
    return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : d;
  };
  const cards = Number(arg('cards', '24'));
  const seed = Number(arg('seed', String(DEFAULT_SEED6)));
  if (!Number.isInteger(cards) || cards < 1 || !Number.isInteger(seed)) {
    console.error('usage: node --import tsx tests/idcard-data6/generate.ts [--cards N] [--seed S] [--out DIR]');
    process.exit(2);
  }
  const outDir = arg('out', path.join('tests', 'artifacts', 'idcard6'));
  const t0 = performance.now();
  const set = await generateSet6({ outDir, cards, seed });
  console.log(JSON.stringify({ outDir, seed, cards, images: set.length, ms: Math.round(performance.now() - t0) }));
}
