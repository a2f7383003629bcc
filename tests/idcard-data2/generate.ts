/**
 * The second ID-card set — the REPORTING set (the reader is never tuned on it; tests/idcard-data is
 * the tuning set). Both card generations, every face, four scenes × eight degradations, ground truth.
 *   node --import tsx tests/idcard-data2/generate.ts [--out DIR] [--cards N] [--seed S]
 * Default output: tests/artifacts/idcard2/ (gitignored). Never commit generated images.
 *
 * Per card (holder): its two faces (2021: front with QR, back with MRZ; 2024: front without QR, back
 * with QR + MRZ). Scene and degradation cycle independently so every pair comes up.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drawFace, type Face2 } from './cards.ts';
import { holder, seeded, type CardHolder } from './people.ts';
import { DEGRADATIONS, SCENES, shoot, type Degradation, type Scene } from './scene.ts';

/** The fields a reader should return, in the reader's shape (ISO dates). */
export interface Truth2 {
  idNumber: string;
  oldIdNumber?: string;
  fullName: string;
  fullNameAscii: string;
  dateOfBirth: string;
  sex: 'Nam' | 'Nữ';
  nationality: string;
  placeOfOrigin: string;
  placeOfResidence: string;
  issueDate: string;
  dateOfExpiry?: string;
}

export interface Sample2 {
  file: string;
  face: Face2;
  generation: 2021 | 2024;
  scene: Scene;
  degradation: Degradation;
  truth: Truth2;
  hasQr: boolean;
  hasMrz: boolean;
}

export function truthOf2(h: CardHolder): Truth2 {
  const ascii = h.fullName.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'D').toUpperCase();
  return {
    idNumber: h.idNumber,
    ...(h.oldIdNumber ? { oldIdNumber: h.oldIdNumber } : {}),
    fullName: h.fullName,
    fullNameAscii: ascii,
    dateOfBirth: h.dateOfBirth,
    sex: h.sex,
    nationality: h.nationality,
    placeOfOrigin: h.placeOfOrigin,
    placeOfResidence: h.placeOfResidence,
    issueDate: h.issueDate,
    ...(h.dateOfExpiry ? { dateOfExpiry: h.dateOfExpiry } : {}),
  };
}

export const hasQr2 = (f: Face2) => f === 'front2021' || f === 'back2024';
export const hasMrz2 = (f: Face2) => f === 'back2021' || f === 'back2024';

/** One photographed face in memory (tests use this without writing a set). */
export async function shot2(h: CardHolder, face: Face2, scene: Scene, degradation: Degradation, seed: number, extraRotation = 0): Promise<Buffer> {
  const r = seeded(seed);
  const png = await drawFace(h, face, r);
  return (await shoot(png, r, { scene, degradation, extraRotation })).data;
}

export interface Generate2Options {
  outDir: string;
  cards: number;
  seed?: number;
  faces?: Face2[];
}

export async function generateSet2(o: Generate2Options): Promise<Sample2[]> {
  const seed = o.seed ?? 7_722_026;
  const r = seeded(seed);
  mkdirSync(o.outDir, { recursive: true });
  const out: Sample2[] = [];
  const count: Partial<Record<Face2, number>> = {};
  for (let i = 0; i < o.cards; i++) {
    const generation: 2021 | 2024 = i % 2 === 0 ? 2024 : 2021;
    const h = holder(r, generation);
    const faces = (o.faces ?? (['front2021', 'back2021', 'front2024', 'back2024'] as Face2[])).filter((f) => f.endsWith(String(generation)));
    for (const face of faces) {
      // per face: scene n mod 4, degradation shifted every 4 so all 32 pairs come up over 32 cards of a face
      const n = (count[face] = (count[face] ?? -1) + 1);
      const scene = SCENES[n % SCENES.length]!;
      const degradation = DEGRADATIONS[(n + Math.floor(n / SCENES.length)) % DEGRADATIONS.length]!;
      const data = await shot2(h, face, scene, degradation, seed * 31 + i * 7919 + face.length * 13 + (face.startsWith('back') ? 1 : 0));
      const file = `c${String(i).padStart(3, '0')}-${face}-${scene}-${degradation}.jpg`;
      writeFileSync(path.join(o.outDir, file), data);
      out.push({ file, face, generation, scene, degradation, truth: truthOf2(h), hasQr: hasQr2(face), hasMrz: hasMrz2(face) });
    }
  }
  writeFileSync(path.join(o.outDir, 'truth.json'), JSON.stringify(out, null, 1));
  return out;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const arg = (name: string, dflt: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : dflt;
  };
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const outDir = path.resolve(arg('out', path.join(root, 'tests/artifacts/idcard2')));
  const t0 = Date.now();
  const set = await generateSet2({ outDir, cards: Number(arg('cards', '12')), seed: Number(arg('seed', '7722026')) });
  console.log(`${set.length} images in ${outDir} (${Date.now() - t0} ms)`);
}
