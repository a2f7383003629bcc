/**
 * Synthetic ID-card test set: fake people, both card generations, degraded photos, ground truth.
 *   node --import tsx tests/idcard-data/generate.ts [--out DIR] [--cards N] [--seed S] [--variants shadow,faded,hand,sleeve,dim,kiosk,…]
 * Default output: tests/artifacts/idcard/ (gitignored). Never commit generated images.
 *
 * Per card: front2021 + back2021 (2021 people) or front2024 + back2024 (2024 people), plus a bare-QR
 * photo; each face gets one variant, cycling through VARIANTS so every degradation is covered.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IdCardFields } from '../../common/idcard/fields.ts';
import { makePerson, makeRng, type FakePerson } from './people.ts';
import { photograph, renderBareQr, renderCard, VARIANTS, type Face, type Variant } from './render.ts';
import { isLightVariant, relight, type LightVariant } from './light.ts';
import { handScene, isHandVariant, type HandVariant } from './scenes-hand.ts';

export interface SampleTruth {
  file: string;
  face: Face;
  variant: Variant | LightVariant | HandVariant;
  generation: 2021 | 2024;
  /** What the card holds. */
  truth: IdCardFields;
  /** Whether the image shows a QR / an MRZ. */
  hasQr: boolean;
  hasMrz: boolean;
}

export interface GenerateOptions {
  outDir: string;
  cards: number;
  seed?: number;
  faces?: Face[];
  variants?: readonly (Variant | LightVariant | HandVariant)[];
}

export function truthOf(p: FakePerson): IdCardFields {
  return { ...p.fields, fullNameAscii: p.fullNameAscii };
}

/** Render one sample in memory (tests use this without touching the disk). */
export async function renderSample(p: FakePerson, face: Face, variant: Variant | LightVariant | HandVariant, seed: number): Promise<{ data: Buffer; ext: 'png' | 'jpg' }> {
  const rng = makeRng(seed);
  const card = face === 'qr' ? await renderBareQr(p) : await renderCard(p, face, rng);
  // A light scene (light.ts) is a clean photo relit.
  if (isHandVariant(variant)) return { data: await handScene(card, variant, rng), ext: 'jpg' }; // scenes-hand.ts
  if (isLightVariant(variant)) return { data: await relight((await photograph(card, rng, { variant: 'clean' })).data, variant, rng), ext: 'jpg' };
  return photograph(card, rng, { variant });
}

export async function generateSet(opts: GenerateOptions): Promise<SampleTruth[]> {
  const seed = opts.seed ?? 20240701;
  const rng = makeRng(seed);
  const variants = opts.variants ?? VARIANTS;
  mkdirSync(opts.outDir, { recursive: true });
  const out: SampleTruth[] = [];
  let k = 0;
  for (let i = 0; i < opts.cards; i++) {
    const generation: 2021 | 2024 = i % 2 === 0 ? 2021 : 2024;
    const p = makePerson(rng, generation);
    const faces: Face[] = (opts.faces ?? ['front2021', 'back2021', 'front2024', 'back2024', 'qr']).filter((f) => f === 'qr' || f.endsWith(String(generation)));
    for (const face of faces) {
      const variant = variants[k++ % variants.length]!;
      const { data, ext } = await renderSample(p, face, variant, seed + i * 101 + k);
      const file = `card${String(i).padStart(3, '0')}-${face}-${variant}.${ext}`;
      writeFileSync(path.join(opts.outDir, file), data);
      out.push({
        file,
        face,
        variant,
        generation,
        truth: truthOf(p),
        hasQr: face === 'qr' || face === 'front2021' || face === 'back2024',
        hasMrz: face === 'back2021' || face === 'back2024',
      });
    }
  }
  writeFileSync(path.join(opts.outDir, 'truth.json'), JSON.stringify(out, null, 1));
  return out;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const arg = (name: string, dflt: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : dflt;
  };
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const outDir = path.resolve(arg('out', path.join(root, 'tests/artifacts/idcard')));
  const t0 = Date.now();
  const variants = arg('variants', '') ? (arg('variants', '').split(',') as (Variant | LightVariant | HandVariant)[]) : undefined;
  const set = await generateSet({ outDir, cards: Number(arg('cards', '10')), seed: Number(arg('seed', '20240701')), ...(variants ? { variants } : {}) });
  console.log(`${set.length} images in ${outDir} (${Date.now() - t0} ms)`);
}
