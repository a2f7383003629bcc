/**
 * Generator 7 — the seventh, fully held-out ID-card set (docs/idcard-gen7.md). Written from scratch by an engineer
 * who read neither the reader nor generators 1–6: its own font reader and text rasteriser (font.ts, raster.ts: glyph
 * outlines from the font tables, our own anti-aliasing), fonts none of the others used (Open Sans incl. Condensed, Lato, Carlito; the MRZ in OCR-B), its
 * own holders (people.ts) and ten scenes of its own (scenes.ts). Each holder gives two images: the front and the
 * back of a 2021 chip CCCD (QR on the front of some) or of a 2024 Căn cước (QR and MRZ on the back).
 *
 *   node --import tsx tests/idcard-data7/generate.ts [--cards N] [--seed S] [--out DIR]
 *
 * Default seed 7707 (the report seed: only ever run to report) and --out tests/artifacts/idcard7. truth.json lists
 * { file, face, generation, scene, hasQr, hasMrz, truth } with ISO dates, the name as in the QR (title case).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drawBack, drawFront, type Face } from './card.ts';
import { loadPlaces, makeHolder, mrzLines, qrPayload, truthOf, type Generation, type Holder, type Truth7 } from './people.ts';
import { rand, type Rand } from './rng.ts';
import { SCENES, shoot, type Scene } from './scenes.ts';

export { DEFAULT_SEED7 } from './seed.ts';
import { DEFAULT_SEED7 } from './seed.ts';

export interface Sample7 {
  file: string;
  face: 'front-2021' | 'back-2021' | 'front-2024' | 'back-2024';
  generation: Generation;
  scene: Scene;
  hasQr: boolean;
  hasMrz: boolean;
  truth: Truth7;
  /** what the QR on this face holds (when hasQr) and the MRZ's three lines (when hasMrz) — for the unit test */
  qr?: string;
  mrz?: [string, string, string];
  width: number;
  height: number;
}

/**
 * Holder i of a seed and its two flat faces (no scene) — independent of how many cards are asked for, so the
 * unit test can look at the flat QR without the scene around it.
 */
export function holderCards(seed: number, i: number, places = loadPlaces()): { h: Holder; truth: Truth7; faces: Face[]; r: Rand } {
  const r = rand(seed).fork(`holder ${i}`);
  const gen: Generation = i % 2 === 0 ? 2021 : 2024;
  const h = makeHolder(r.fork('person'), places, gen);
  const withQr = gen === 2021 && r.chance(2 / 3);
  return { h, truth: truthOf(h), faces: [drawFront(h, r.fork('front'), withQr), drawBack(h, r.fork('back'))], r };
}

export async function generateSet7(opts: { outDir: string; cards?: number; seed?: number }): Promise<Sample7[]> {
  const cards = opts.cards ?? 24;
  const seed = opts.seed ?? DEFAULT_SEED7;
  mkdirSync(opts.outDir, { recursive: true });
  const places = loadPlaces();
  const top = rand(seed);
  // scene slots: every scene in turn, in an order of this seed's own
  const order = [...SCENES];
  for (let i = order.length - 1; i > 0; i--) {
    const j = top.int(0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const out: Sample7[] = [];
  for (let i = 0; i < cards; i++) {
    const { h, truth, faces, r } = holderCards(seed, i, places);
    for (const [k, f] of faces.entries()) {
      // the pairing of faces and scenes shifts by one every round, so fronts and backs each meet every scene
      const scene = order[(i * 2 + k + Math.floor((i * 2) / order.length)) % order.length]!;
      const shot = await shoot(f.canvas, scene, r.fork(`scene ${k}`));
      const file = `${String(i + 1).padStart(2, '0')}-${f.face}-${scene}.${shot.ext}`;
      writeFileSync(path.join(opts.outDir, file), shot.image);
      const s: Sample7 = { file, face: f.face, generation: h.generation, scene, hasQr: f.hasQr, hasMrz: f.hasMrz, truth, width: shot.width, height: shot.height };
      if (f.hasQr) s.qr = qrPayload(h);
      if (f.hasMrz) s.mrz = mrzLines(h);
      out.push(s);
    }
  }
  writeFileSync(path.join(opts.outDir, 'truth.json'), JSON.stringify(out, null, 1));
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (n: string, d: string) => {
    const i = process.argv.indexOf(`--${n}`);
    return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : d;
  };
  const seed = Number(arg('seed', String(DEFAULT_SEED7)));
  const outDir = arg('out', path.join('tests', 'artifacts', 'idcard7'));
  const t0 = performance.now();
  const set = await generateSet7({ outDir, cards: Number(arg('cards', '24')), seed });
  process.stdout.write(`${set.length} images, seed ${seed}${seed === DEFAULT_SEED7 ? ' (the report seed: only ever run to report)' : ''}, in ${outDir} (${Math.round(performance.now() - t0)} ms)\n`);
}
