/**
 * Generator 6's faces, registered with @napi-rs/canvas (Skia) under names of their own:
 *  - Be Vietnam Pro (a Vietnamese-designed face; the @fontsource/be-vietnam-pro .woff files, which come split in
 *    three unicode-range subsets — latin, latin-ext, vietnamese — registered as three families and listed in that
 *    order, so Skia takes each letter from the subset that has it), weights 300–800;
 *  - plain Noto Sans and Noto Serif (fonts-noto-core), regular and bold, and Charis SIL (fonts-sil-charis: SIL's
 *    serif, designed with Vietnamese in its coverage), regular, italic and bold — found through fontconfig (`fc-match`).
 */
import { GlobalFonts } from '@napi-rs/canvas';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
let done = false;
const BVP_WEIGHTS = [300, 400, 500, 700, 800] as const;
const SUBSETS = ['latin', 'latin-ext', 'vietnamese'] as const;

function fcFile(pattern: string, family: string): string {
  const out = execFileSync('fc-match', ['-f', '%{family}\n%{file}', pattern], { encoding: 'utf8' });
  const [fam, file] = out.split('\n');
  if (!fam || !fam.split(',').includes(family) || !file) throw new Error(`generator 6 needs the font "${pattern}" (Debian: fonts-noto-core, fonts-sil-charis); fontconfig gave "${fam}"`);
  return file;
}

export function registerFonts(): void {
  if (done) return;
  const dir = path.join(path.dirname(require.resolve('@fontsource/be-vietnam-pro/package.json')), 'files');
  for (const w of BVP_WEIGHTS)
    for (const s of SUBSETS) {
      const ok = GlobalFonts.register(readFileSync(path.join(dir, `be-vietnam-pro-${s}-${w}-normal.woff`)), `G6BVP${w}-${s}`);
      if (!ok) throw new Error(`Be Vietnam Pro ${s} ${w} did not register`);
    }
  const noto: Array<[string, string, string]> = [
    ['Noto Sans:style=Regular', 'Noto Sans', 'G6NotoSans'],
    ['Noto Sans:style=Bold', 'Noto Sans', 'G6NotoSansBold'],
    ['Noto Serif:style=Regular', 'Noto Serif', 'G6NotoSerif'],
    ['Noto Serif:style=Bold', 'Noto Serif', 'G6NotoSerifBold'],
    ['Charis SIL:style=Regular', 'Charis SIL', 'G6Charis'],
    ['Charis SIL:style=Italic', 'Charis SIL', 'G6CharisItalic'],
    ['Charis SIL:style=Bold', 'Charis SIL', 'G6CharisBold'],
  ];
  for (const [pat, fam, alias] of noto) if (!GlobalFonts.registerFromPath(fcFile(pat, fam), alias)) throw new Error(`${pat} did not register`);
  done = true;
}

export type Face = 'bvp300' | 'bvp400' | 'bvp500' | 'bvp700' | 'bvp800' | 'sans' | 'sansBold' | 'serif' | 'serifBold' | 'charis' | 'charisItalic' | 'charisBold';

/** The CSS font string of a face at a size in px. */
export function font(face: Face, px: number): string {
  const size = `${px.toFixed(2)}px`;
  if (face.startsWith('bvp')) {
    const w = face.slice(3);
    return `${size} ${SUBSETS.map((s) => `"G6BVP${w}-${s}"`).join(', ')}`;
  }
  const alias = { sans: 'G6NotoSans', sansBold: 'G6NotoSansBold', serif: 'G6NotoSerif', serifBold: 'G6NotoSerifBold', charis: 'G6Charis', charisItalic: 'G6CharisItalic', charisBold: 'G6CharisBold' }[face as 'sans'];
  return `${size} "${alias}"`;
}
