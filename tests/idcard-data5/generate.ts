/**
 * Generator 5 — the fifth ID-card set, fully held out (session 7). Written from scratch by an engineer who
 * read neither the reader (drivers/idcard, common/idcard) nor generators 1–4; only cccd.md and public
 * descriptions of the cards. Its own holders and numbers (people.ts, names.ts), its own TD1 code (mrz.ts),
 * cards drawn as HTML/CSS by Debian's Chromium (card-html.ts, render.ts), its own homography and scenes
 * (warp.ts, scenes.ts).
 *
 *   node --import tsx tests/idcard-data5/generate.ts [--cards N] [--seed S] [--out DIR]
 *
 * Default seed 5505 (the held-out 5 set: run only to report), 24 holders, out tests/artifacts/idcard5.
 * Writes one JPEG per image and truth.json: per image file, face, generation, scene, hasQr, hasMrz and the
 * holder's truth (idNumber, fullName, fullNameAscii, dateOfBirth, sex, nationality, dateOfExpiry when the
 * card has one; dates ISO yyyy-mm-dd, as the readers give them).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { faceHtml, makeStyle, type Face } from './card-html.ts';
import { makeHolder, qrText, type Holder } from './people.ts';
import { CardRenderer } from './render.ts';
import { makeRng, type Rng } from './rng.ts';
import { RENDER_WIDTH, SCENES, photograph, type Scene } from './scenes.ts';

export const DEFAULT_SEED5 = 5505;

export interface Truth5 {
  idNumber: string;
  fullName: string;
  fullNameAscii: string;
  dateOfBirth: string;
  sex: 'Nam' | 'Nữ';
  nationality: string;
  dateOfExpiry?: string;
}

export interface Sample5 {
  file: string;
  face: Face;
  generation: 2021 | 2024;
  scene: Scene;
  hasQr: boolean;
  hasMrz: boolean;
  /** 6 when the JPEG is stored sideways with that EXIF Orientation (a phone photo; about 1 in 3 wooden-table photos) */
  exifOrientation?: 6;
  truth: Truth5;
}

/** One image to draw: the sample as written to truth.json, and what drawing it needs. */
export interface PlannedImage {
  sample: Sample5;
  holder: Holder;
  qr: string;
  rng: Rng;
}

function truthOf(h: Holder): Truth5 {
  const t: Truth5 = { idNumber: h.idNumber, fullName: h.name.full, fullNameAscii: h.fullNameAscii, dateOfBirth: h.dateOfBirth, sex: h.sex, nationality: 'Việt Nam' };
  if (h.dateOfExpiry) t.dateOfExpiry = h.dateOfExpiry;
  return t;
}

/**
 * The plan of a set: holders, faces and scenes, without drawing. Dealt from shuffled decks so that any
 * seed gives a balanced set: the two card generations in turn, a QR on every other 2021 front, a back for
 * three in four of the cards that have an expiry date, the eight scenes in rounds.
 */
export function planSet5(cards: number, seed: number): PlannedImage[] {
  const rng = makeRng(seed);
  const out: PlannedImage[] = [];
  const dealer = <T>(items: readonly T[]) => {
    let deck: T[] = [];
    return (): T => {
      if (!deck.length) {
        deck = [...items];
        for (let i = deck.length - 1; i > 0; i--) {
          const j = rng.int(0, i);
          [deck[i], deck[j]] = [deck[j]!, deck[i]!];
        }
      }
      return deck.pop()!;
    };
  };
  const nextScene = dealer(SCENES);
  const nextGeneration = dealer([2021, 2024] as const);
  const nextQr = dealer([true, false]);
  const nextBack = dealer([true, true, true, false]);
  const nextExif = dealer([true, false, false]);
  for (let i = 0; i < cards; i++) {
    const generation = nextGeneration();
    const holder = makeHolder(rng.fork(`holder${i}`), generation);
    const qr = qrText(holder, rng.fork(`qr${i}`));
    const faces: Face[] = [generation === 2021 ? 'front-2021' : 'front-2024'];
    if (holder.dateOfExpiry && nextBack()) faces.push(generation === 2021 ? 'back-2021' : 'back-2024');
    const frontQr = generation === 2021 && nextQr();
    for (const face of faces) {
      const hasQr = face === 'back-2024' || (face === 'front-2021' && frontQr);
      const scene = nextScene();
      const file = `c${String(i).padStart(3, '0')}-${face}-${scene}.jpg`;
      const sample: Sample5 = { file, face, generation, scene, hasQr, hasMrz: face.startsWith('back'), truth: truthOf(holder) };
      if (scene === 'wood-table' && nextExif()) sample.exifOrientation = 6;
      out.push({ sample, holder, qr, rng: rng.fork(file) });
    }
  }
  return out;
}

export async function generateSet5(opts: { outDir: string; cards?: number; seed?: number; only?: (p: PlannedImage) => boolean }): Promise<Sample5[]> {
  const plan = planSet5(opts.cards ?? 24, opts.seed ?? DEFAULT_SEED5).filter(opts.only ?? (() => true));
  mkdirSync(opts.outDir, { recursive: true });
  const renderer = await CardRenderer.open();
  try {
    for (const p of plan) {
      const style = makeStyle(p.rng);
      const html = faceHtml(p.sample.face, p.holder, style, p.rng, p.sample.hasQr, p.qr);
      const png = await renderer.render(html, RENDER_WIDTH[p.sample.scene]);
      const { jpeg } = await photograph(p.sample.scene, png, p.rng, p.sample.exifOrientation === 6, p.sample.face.startsWith('back'));
      writeFileSync(path.join(opts.outDir, p.sample.file), jpeg);
    }
  } finally {
    await renderer.close();
  }
  const samples = plan.map((p) => p.sample);
  writeFileSync(path.join(opts.outDir, 'truth.json'), JSON.stringify(samples, null, 1));
  return samples;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (n: string, d: string) => {
    const i = process.argv.indexOf(`--${n}`);
    return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : d;
  };
  const t0 = Date.now();
  const outDir = arg('out', path.join('tests', 'artifacts', 'idcard5'));
  const samples = await generateSet5({ outDir, cards: Number(arg('cards', '24')), seed: Number(arg('seed', String(DEFAULT_SEED5))) });
  console.log(JSON.stringify({ outDir, images: samples.length, ms: Date.now() - t0 }));
}
