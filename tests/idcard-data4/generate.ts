/**
 * Generator 4 — the second held-out ID-card set (issue 15), written from scratch without reading the
 * other generators or the reader: its own holders, number rules, fonts (Liberation, FreeFont),
 * drawing path (own RGBA rasteriser + pango text via sharp) and scenes (hand-held with a thumb, a
 * gingham tablecloth, laminate glare, a plastic sleeve, the kiosk camera from above, moiré, low
 * light). Faces: both generations' fronts (a QR on about half the 2021 fronts), 2021 backs (MRZ),
 * 2024 backs (QR + MRZ).
 *
 *   node --import tsx tests/idcard-data4/generate.ts [--cards 24] [--seed 4404] [--out tests/artifacts/idcard4]
 *
 * Writes the images and `truth.json` (one entry per image: file, face, generation, scene, hasQr,
 * hasMrz, truth). Images are never committed (tests/artifacts/ is ignored).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { back2021, back2024, front2021, front2024, pickStyle, type FaceStyle } from './faces.ts';
import { makeHolder, truthOf, type Generation, type Holder } from './holders.ts';
import type { Img } from './raster.ts';
import { makeRand, type Rand } from './rng.ts';
import { renderScene, SCENES, type Scene } from './scenes.ts';
import { checkFonts } from './text.ts';

export const DEFAULT_SEED4 = 4404;

export type Face4 = 'front-2021' | 'front-2024' | 'back-2021' | 'back-2024';

export interface Sample4 {
  file: string;
  face: Face4;
  generation: Generation;
  scene: Scene;
  hasQr: boolean;
  hasMrz: boolean;
  /** The holder's fields as the kiosk contract writes them (dd/mm/yyyy, Nam/Nữ). */
  truth: Record<string, string>;
}

export interface Planned4 {
  sample: Sample4;
  holder: Holder;
  holderIndex: number;
}

/** What the set holds, without drawing it: holders, faces and scenes (deterministic per seed). */
export function planSet4(seed: number, cards: number): Planned4[] {
  const root = makeRand(seed);
  const plan: Planned4[] = [];
  // scenes dealt from shuffled decks of all six, so every scene meets every face
  let deck: Scene[] = [];
  const deal = (): Scene => {
    if (!deck.length) {
      deck = [...SCENES];
      const r = root.fork(`deck${plan.length}`);
      for (let i = deck.length - 1; i > 0; i--) {
        const j = r.int(0, i);
        [deck[i], deck[j]] = [deck[j]!, deck[i]!];
      }
    }
    return deck.pop()!;
  };
  for (let i = 0; i < cards; i++) {
    const r = root.fork(`holder${i}`);
    const generation: Generation = i % 5 < 3 ? 2021 : 2024;
    const holder = makeHolder(r, generation);
    const truth = truthOf(holder);
    const n = String(i + 1).padStart(3, '0');
    const add = (face: Face4, hasQr: boolean, hasMrz: boolean) => {
      const scene = deal();
      plan.push({ holder, holderIndex: i, sample: { file: `g4-${n}-${face}-${scene}.jpg`, face, generation, scene, hasQr, hasMrz, truth } });
    };
    if (generation === 2024) {
      add('front-2024', false, false);
      if (holder.mrz) add('back-2024', true, true);
    } else {
      add('front-2021', r.chance(0.5), false);
      if (holder.mrz) add('back-2021', false, true);
    }
  }
  return plan;
}

/** Draws one face of a card, flat, before any scene (RGBA, transparent outside the rounded corners). */
export function drawFace(face: Face4, h: Holder, style: FaceStyle, r: Rand, withQr: boolean): Promise<Img> {
  switch (face) {
    case 'front-2021':
      return front2021(h, style, r, withQr);
    case 'front-2024':
      return front2024(h, style, r);
    case 'back-2021':
      return back2021(h, style, r);
    case 'back-2024':
      return back2024(h, style, r);
  }
}

/** Draws one planned image (JPEG bytes). */
export async function drawSample4(seed: number, p: Planned4): Promise<Buffer> {
  const r = makeRand(seed).fork(`draw:${p.sample.file}`);
  const style = pickStyle(makeRand(seed).fork(`style${p.holderIndex}`));
  const { face, hasQr } = p.sample;
  const card = await drawFace(face, p.holder, style, r, hasQr);
  return renderScene(p.sample.scene, card, r);
}

export async function generateSet4(o: { outDir: string; cards?: number; seed?: number }): Promise<Sample4[]> {
  checkFonts();
  const seed = o.seed ?? DEFAULT_SEED4;
  const plan = planSet4(seed, o.cards ?? 24);
  mkdirSync(o.outDir, { recursive: true });
  for (const p of plan) writeFileSync(path.join(o.outDir, p.sample.file), await drawSample4(seed, p));
  const samples = plan.map((p) => p.sample);
  writeFileSync(path.join(o.outDir, 'truth.json'), JSON.stringify(samples, null, 1));
  return samples;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (n: string, d: string) => {
    const i = process.argv.indexOf(`--${n}`);
    return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : d;
  };
  const outDir = arg('out', path.join('tests', 'artifacts', 'idcard4'));
  const t0 = performance.now();
  const set = await generateSet4({ outDir, cards: Number(arg('cards', '24')), seed: Number(arg('seed', String(DEFAULT_SEED4))) });
  console.log(`generator 4: ${set.length} images in ${outDir} (${Math.round(performance.now() - t0)} ms)`);
}
