/**
 * The eighth ID-card set (held-out 8), written from scratch by an engineer who read neither the reader
 * nor generators 1–7: invented holders (people.ts), both generations' faces drawn by ImageMagick in
 * fonts no earlier set used (cards.ts), thirteen scenes of its own with its own homography, lens and
 * noise (scenes.ts, raster.ts), files written by ImageMagick's encoders. docs/idcard-gen8.md.
 *
 *   node --import tsx tests/idcard-data8/generate.ts [--cards N] [--seed S] [--out DIR]
 *
 * Default seed 8808 (the report seed: only the lead runs it through the reader, once), 24 holders,
 * out tests/artifacts/idcard8. Writes the pictures and truth.json (an array of Sample8).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drawFace, FONT_KITS, type Face } from './cards.ts';
import { ORIENTATION, withOrientation } from './exif.ts';
import { magick } from './magick.ts';
import { makeHolder, mrzLines, qrText, type Generation, type Holder } from './people.ts';
import { makeRand } from './rand.ts';
import { fromRgb, toRgb } from './raster.ts';
import { SCENE_NAMES, SCENES, type Encoding } from './scenes.ts';
import { DEFAULT_CARDS8, DEFAULT_SEED8 } from './seed.ts';

/** The truth of one picture: the fields that can be read from that face (ISO dates; the name as in the QR). */
export interface Truth8 {
  idNumber: string;
  oldIdNumber?: string;
  fullName?: string;
  fullNameAscii?: string;
  dateOfBirth: string;
  sex: 'Nam' | 'Nữ';
  nationality?: string;
  placeOfOrigin?: string;
  placeOfResidence?: string;
  issueDate?: string;
  dateOfExpiry?: string;
}

export interface Sample8 {
  file: string;
  face: Face;
  generation: Generation;
  truth: Truth8;
  hasQr: boolean;
  hasMrz: boolean;
  scene: string;
  fonts: string;
  /** What the QR holds when there is one, and the MRZ's lines (for the tests). */
  qr?: string;
  mrz?: string[];
}

function truthOf(h: Holder, face: Face, hasQr: boolean): Truth8 {
  const t: Truth8 = { idNumber: h.idNumber, dateOfBirth: h.dateOfBirth, sex: h.sex };
  const qr = () => {
    if (h.oldIdNumber) t.oldIdNumber = h.oldIdNumber;
    t.fullName = h.fullName;
    t.placeOfResidence = h.placeOfResidence;
    t.issueDate = h.issueDate;
  };
  if (face === 'front-2021') {
    Object.assign(t, { fullName: h.fullName, nationality: h.nationality, placeOfOrigin: h.placeOfOrigin, placeOfResidence: h.placeOfResidence });
    if (h.dateOfExpiry) t.dateOfExpiry = h.dateOfExpiry;
    if (hasQr) qr();
  } else if (face === 'front-2024') {
    Object.assign(t, { fullName: h.fullName, nationality: h.nationality });
  } else {
    Object.assign(t, { fullNameAscii: h.fullNameAscii, issueDate: h.issueDate, dateOfExpiry: h.dateOfExpiry });
    if (face === 'back-2024') qr();
  }
  return t;
}

async function writePicture(file: string, rgb: Buffer, w: number, h: number, enc: Encoding): Promise<void> {
  const args = ['-size', `${w}x${h}`, '-depth', '8', 'rgb:-'];
  if (enc.stamp) args.push('-gravity', 'NorthWest', '-font', 'JetBrains-Mono-Regular', '-pointsize', '15', '-fill', '#f0f0f0', '-undercolor', '#00000066', '-annotate', '+10+8', enc.stamp);
  if (enc.format === 'jpg') args.push('-quality', String(enc.quality ?? 85), '-sampling-factor', enc.sampling ?? '4:2:0');
  if (enc.format === 'png') args.push('-define', 'png:exclude-chunks=date,time'); // no time stamps: the same seed gives the same bytes
  args.push(`${enc.format}:-`);
  const bytes = await magick(args, rgb);
  writeFileSync(file, enc.orient ? withOrientation(bytes, ORIENTATION[enc.orient]) : bytes);
}

export interface Options8 {
  outDir: string;
  cards?: number;
  seed?: number;
  /** Only the first N pictures (the unit test draws a few). */
  limit?: number;
}

export async function generateSet8(opts: Options8): Promise<Sample8[]> {
  const cards = opts.cards ?? DEFAULT_CARDS8;
  const seed = opts.seed ?? DEFAULT_SEED8;
  mkdirSync(opts.outDir, { recursive: true });
  const root = makeRand(seed);
  // every scene turns up: a shuffled cycle of the thirteen, one per picture
  const order = [...SCENE_NAMES];
  for (let i = order.length - 1; i > 0; i--) {
    const j = root.int(0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const out: Sample8[] = [];
  let pic = 0;
  for (let i = 0; i < cards; i++) {
    const r = root.fork(i);
    const gen: Generation = i % 2 === 0 ? 2021 : 2024;
    const h = makeHolder(r, gen);
    const kit = FONT_KITS[(i + r.int(0, 4)) % FONT_KITS.length]!;
    const withQr = r.chance(0.7);
    const faces: Face[] = gen === 2021 ? ['front-2021', 'back-2021'] : ['front-2024', 'back-2024'];
    for (const face of faces) {
      if (face.startsWith('back') && !h.dateOfExpiry) continue; // valid for life: no back drawn (docs/idcard-gen8.md)
      if (opts.limit !== undefined && out.length >= opts.limit) return finish(opts.outDir, out);
      const fr = r.fork(face.length + (face.startsWith('back') ? 100 : 0));
      const drawn = await drawFace(h, face, kit, fr, withQr);
      const scene = order[pic % order.length]!;
      pic++;
      const shot = SCENES[scene]!(fromRgb(drawn.rgb, drawn.width, drawn.height), fr);
      const file = `h${String(i).padStart(2, '0')}-${face}-${scene}.${shot.enc.format}`;
      await writePicture(path.join(opts.outDir, file), toRgb(shot.img), shot.img.w, shot.img.h, shot.enc);
      out.push({
        file,
        face,
        generation: gen,
        truth: truthOf(h, face, drawn.hasQr),
        hasQr: drawn.hasQr,
        hasMrz: drawn.hasMrz,
        scene,
        fonts: kit.name,
        ...(drawn.hasQr ? { qr: qrText(h) } : {}),
        ...(drawn.hasMrz ? { mrz: [...mrzLines(h)!] } : {}),
      });
    }
  }
  return finish(opts.outDir, out);
}

function finish(dir: string, out: Sample8[]): Sample8[] {
  writeFileSync(path.join(dir, 'truth.json'), JSON.stringify(out, null, 1));
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (n: string, d: string) => {
    const i = process.argv.indexOf(`--${n}`);
    return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : d;
  };
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const outDir = path.resolve(arg('out', path.join(repo, 'tests/artifacts/idcard8')));
  const cards = Number(arg('cards', String(DEFAULT_CARDS8)));
  const seed = Number(arg('seed', String(DEFAULT_SEED8)));
  if (!Number.isInteger(cards) || cards < 1 || !Number.isInteger(seed)) {
    console.error('usage: node --import tsx tests/idcard-data8/generate.ts [--cards N] [--seed S] [--out DIR]');
    process.exit(2);
  }
  const t0 = performance.now();
  const set = await generateSet8({ outDir, cards, seed });
  console.log(`generator 8: ${set.length} pictures of ${cards} holders (seed ${seed}) in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${outDir}`);
}
