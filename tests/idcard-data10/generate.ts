/**
 * Generator 10 — fake Vietnamese citizen-ID card images the reader has never seen, for the held-out 10 set.
 * Each face is hand-written PostScript (tests/idcard-data10/faces.ts) with its TrueType fonts embedded as
 * Type 42, drawn by Ghostscript into one of twelve scenes of its own (scenes.ts). Written from scratch by an
 * engineer who read neither the reader nor generators 1–9 (docs/idcard-gen10.md).
 *
 *   node --import tsx tests/idcard-data10/generate.ts [--cards N] [--seed S] [--out DIR]
 *
 * Default seed 1010 is the report seed: only the lead's quiet run generates it. Writes the images and
 * truth.json (the items below) into the out directory (default tests/artifacts/idcard10, ignored by git).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IdCardFields } from '../../common/idcard/fields.ts';
import { chooseFonts, drawFace, type FaceName, type FontKey } from './faces.ts';
import { makeHolder, makeRng, truthOf, type Rng } from './holders.ts';
import { drawScene, SCENES, type SceneName } from './scenes.ts';
import { DEFAULT_CARDS10, DEFAULT_SEED10 } from './seed.ts';

export { DEFAULT_CARDS10, DEFAULT_SEED10 } from './seed.ts';

export interface Sample10 {
  /** File name inside outDir. */
  file: string;
  face: FaceName;
  generation: 2021 | 2024;
  /** The holder's fields, ISO dates, the name as in the QR, `fullNameAscii` as the MRZ name line with spaces. */
  truth: IdCardFields;
  hasQr: boolean;
  hasMrz: boolean;
  scene: SceneName;
  /** The card's typefaces (labels/values) and the MRZ face. */
  fonts: string;
  holder: number;
  note: string;
}

export interface Options10 {
  outDir: string;
  cards?: number;
  seed?: number;
}

function shuffled<T>(rng: Rng, xs: readonly T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Both faces of `cards` holders (half of each card generation), each in a scene; returns the items and writes truth.json. */
export async function generateSet10({ outDir, cards = DEFAULT_CARDS10, seed = DEFAULT_SEED10 }: Options10): Promise<Sample10[]> {
  if (!Number.isInteger(cards) || cards < 1 || cards > 2000) throw new Error(`idcard-data10: cards must be an integer 1…2000, got ${cards}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`idcard-data10: seed must be an integer 0…2^32−1, got ${seed}`);
  mkdirSync(outDir, { recursive: true });
  const rng = makeRng(seed);
  const generations = shuffled(
    rng,
    Array.from({ length: cards }, (_, i) => (i % 2 ? 2024 : 2021) as 2021 | 2024),
  );
  // every scene about as often as the others, the two faces of one card in different scenes
  const scenes: SceneName[] = [];
  while (scenes.length < 2 * cards) scenes.push(...shuffled(rng, SCENES));
  const items: Sample10[] = [];
  for (let i = 0; i < cards; i++) {
    const generation = generations[i]!;
    // each holder draws from its own stream, so holder i is the same whatever `cards` is
    const hr = makeRng((seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0);
    const holder = makeHolder(hr, i, generation);
    const fonts = chooseFonts(hr);
    const sFront = scenes[2 * i]!;
    let sBack = scenes[2 * i + 1]!;
    if (sFront === sBack) sBack = SCENES[(SCENES.indexOf(sBack) + 1) % SCENES.length]!;
    for (const [side, scene] of [
      ['front', sFront],
      ['back', sBack],
    ] as const) {
      const face = `${side}-${generation}` as FaceName;
      const defined = new Set<FontKey>();
      const drawing = drawFace(face, holder, fonts, hr, defined);
      const base = `g10-${String(i).padStart(3, '0')}-${face}-${scene}`;
      const res = drawScene({ scene, face, cardPs: drawing.ps, fonts, defined, rng: hr, out: path.join(outDir, base) });
      items.push({
        file: `${base}.${res.ext}`,
        face,
        generation,
        truth: truthOf(holder),
        hasQr: drawing.qrText !== undefined,
        hasMrz: drawing.mrz !== undefined,
        scene,
        fonts: `${fonts.family}; MRZ ${fonts.mrz}`,
        holder: i,
        note: res.note,
      });
    }
  }
  writeFileSync(path.join(outDir, 'truth.json'), JSON.stringify(items, null, 1));
  return items;
}

function cliArg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const known = new Set(['--cards', '--seed', '--out']);
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i += 2) {
    if (!known.has(args[i]!) || args[i + 1] === undefined || args[i + 1]!.startsWith('--')) {
      console.error(`unknown or incomplete option ${args[i]}\nusage: node --import tsx tests/idcard-data10/generate.ts [--cards N] [--seed S] [--out DIR]\nNothing was generated.`);
      process.exit(2);
    }
  }
  const cards = Number(cliArg('cards') ?? DEFAULT_CARDS10);
  const seed = Number(cliArg('seed') ?? DEFAULT_SEED10);
  const outDir = cliArg('out') ?? path.join(process.cwd(), 'tests', 'artifacts', 'idcard10');
  const t0 = performance.now();
  const items = await generateSet10({ outDir, cards, seed });
  console.log(`${items.length} images of ${cards} cards (seed ${seed}${seed === DEFAULT_SEED10 ? ', the REPORT seed' : ''}) in ${outDir} — ${Math.round((performance.now() - t0) / 100) / 10} s`);
}
