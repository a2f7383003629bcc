/**
 * Generator 9: the held-out 9 set of ID-card images, written from scratch in session 11 by an engineer
 * who read neither the reader nor generators 1–8. Each holder's faces are written as PDF pages by hand
 * (pdf.ts, fonts nobody used: fonts.ts), drawn by MuPDF (raster.ts) and put in one of twelve scenes of
 * its own (scenes.ts). Output: images + truth.json in the shape bench:idcard reads.
 *
 *   node --import tsx tests/idcard-data9/generate.ts [--cards N] [--seed S] [--out DIR]
 *
 * Default seed 9909, 24 holders, out tests/artifacts/idcard9. Only the lead runs the reader on seed 9909.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { back2021, back2024, front2021, front2024 } from './faces.ts';
import { pickTypeset, type Typeset } from './fonts.ts';
import type { PdfPage } from './pdf.ts';
import { makeHolder, type Generation, type Holder } from './people.ts';
import { makeRand, type Rand } from './rand.ts';
import { makeScene, SCENES, type Scene } from './scenes.ts';
import { DEFAULT_CARDS9, DEFAULT_SEED9 } from './seed.ts';

export type Face9 = 'front-2021' | 'back-2021' | 'front-2024' | 'back-2024';

/** What bench:idcard reads (fields as the reader gives them: ISO dates, the name as in the QR). */
export interface Truth9 {
  idNumber: string;
  fullName: string;
  fullNameAscii: string;
  dateOfBirth: string;
  sex: 'Nam' | 'Nữ';
  nationality: string;
  placeOfOrigin: string;
  placeOfResidence: string;
  issueDate: string;
  dateOfExpiry?: string;
  oldIdNumber?: string;
}

export interface Sample9 {
  file: string;
  face: Face9;
  generation: Generation;
  scene: Scene;
  truth: Truth9;
  hasQr: boolean;
  hasMrz: boolean;
  /** For the unit test: what the QR holds and the MRZ lines, when drawn. */
  qrText?: string;
  mrz?: [string, string, string];
  fonts: string;
}

export interface Options9 {
  outDir: string;
  cards?: number;
  seed?: number;
  /** Only these holder indexes (a quick test). */
  only?: number[];
}

function truthOf(h: Holder): Truth9 {
  return {
    idNumber: h.idNumber,
    fullName: h.fullName,
    fullNameAscii: h.fullNameAscii,
    dateOfBirth: h.dateOfBirth,
    sex: h.sex,
    nationality: h.nationality,
    placeOfOrigin: h.placeOfOrigin,
    placeOfResidence: h.placeOfResidence,
    issueDate: h.issueDate,
    ...(h.dateOfExpiry ? { dateOfExpiry: h.dateOfExpiry } : {}),
    ...(h.oldIdNumber ? { oldIdNumber: h.oldIdNumber } : {}),
  };
}

export interface PlannedFace {
  face: Face9;
  page: PdfPage;
  hasQr: boolean;
  hasMrz: boolean;
  scene: Scene;
}
export interface Plan9 {
  index: number;
  holder: Holder;
  typeset: Typeset;
  aa: { shapes: number; text: number };
  faces: PlannedFace[];
  r: Rand;
}

/** The holders and their faces as PDF pages, scenes chosen, nothing drawn yet. */
export function planSet9(seed = DEFAULT_SEED9, cards = DEFAULT_CARDS9): Plan9[] {
  const sceneOffset = makeRand(seed ^ 0x9e37).int(0, SCENES.length - 1);
  const genOffset = makeRand(seed ^ 0x51ed).int(0, 1);
  const plans: Plan9[] = [];
  for (let i = 0; i < cards; i++) {
    const r = makeRand(seed).fork(i + 1);
    // the two generations alternate, so every set has as many of each
    const gen: Generation = (i + genOffset) % 2 ? 2024 : 2021;
    const holder = makeHolder(r, gen, i);
    const typeset = pickTypeset(r);
    const aa = r.pick([{ shapes: 8, text: 8 }, { shapes: 4, text: 4 }, { shapes: 8, text: 2 }, { shapes: 6, text: 6 }]);
    const withQr = gen === 2021 && r.chance(0.5);
    const faces: Omit<PlannedFace, 'scene'>[] = [];
    if (gen === 2021) faces.push({ face: 'front-2021', page: front2021(holder, typeset, r, withQr), hasQr: withQr, hasMrz: false });
    else faces.push({ face: 'front-2024', page: front2024(holder, typeset, r), hasQr: false, hasMrz: false });
    // a card valid for life: what its MRZ expiry field holds is in no source we could check, so no back is drawn
    if (holder.mrz) {
      if (gen === 2021) faces.push({ face: 'back-2021', page: back2021(holder, typeset, r), hasQr: false, hasMrz: true });
      else faces.push({ face: 'back-2024', page: back2024(holder, typeset, r), hasQr: true, hasMrz: true });
    }
    plans.push({ index: i, holder, typeset, aa, r, faces: faces.map((f, k) => ({ ...f, scene: SCENES[(sceneOffset + i * 5 + k * 7) % SCENES.length]! })) });
  }
  return plans;
}

export async function generateSet9(o: Options9): Promise<Sample9[]> {
  mkdirSync(o.outDir, { recursive: true });
  const out: Sample9[] = [];
  for (const { index: i, holder, typeset, aa, faces, r } of planSet9(o.seed ?? DEFAULT_SEED9, o.cards ?? DEFAULT_CARDS9)) {
    if (o.only && !o.only.includes(i)) continue;
    for (const [k, f] of faces.entries()) {
      const { bytes, ext } = await makeScene(f.scene, { face: f.page, holder, typeset, r: r.fork(100 + k), aa });
      const file = `${String(i + 1).padStart(2, '0')}-${f.face}-${f.scene}.${ext}`;
      writeFileSync(path.join(o.outDir, file), bytes);
      out.push({
        file,
        face: f.face,
        generation: holder.generation,
        scene: f.scene,
        truth: truthOf(holder),
        hasQr: f.hasQr,
        hasMrz: f.hasMrz,
        ...(f.hasQr ? { qrText: holder.qrText } : {}),
        ...(f.hasMrz ? { mrz: holder.mrz } : {}),
        fonts: `${typeset.name}; MRZ ${typeset.mrz.postscriptName}; MuPDF -A ${aa.shapes}/${aa.text}`,
      });
    }
  }
  writeFileSync(path.join(o.outDir, 'truth.json'), `${JSON.stringify(out, null, 1)}\n`);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (n: string, d: string) => {
    const i = process.argv.indexOf(`--${n}`);
    return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : d;
  };
  const t0 = Date.now();
  const outDir = arg('out', path.join('tests', 'artifacts', 'idcard9'));
  const set = await generateSet9({ outDir, cards: Number(arg('cards', String(DEFAULT_CARDS9))), seed: Number(arg('seed', String(DEFAULT_SEED9))) });
  console.log(`${set.length} images in ${outDir} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
