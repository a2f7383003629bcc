/**
 * Text for generator 4: laid out by pango (through sharp's `text` input, which uses the system's
 * fontconfig) and turned into an RGBA `Img` to blend onto the card. The fonts are ones no other set
 * uses: Liberation Sans/Serif/Mono (fonts-liberation2) and FreeSans/FreeSerif/FreeMono
 * (fonts-freefont-ttf); `checkFonts` refuses to draw with a fallback font.
 */
import { execFileSync } from 'node:child_process';
import sharp from 'sharp';
import { Img, type Rgb } from './raster.ts';

export const FAMILIES = ['Liberation Sans', 'Liberation Serif', 'Liberation Mono', 'FreeSans', 'FreeSerif', 'FreeMono'] as const;
export type Family = (typeof FAMILIES)[number];

let checked = false;
/** Throws (with the Debian packages to install) when a family is missing — pango would silently substitute another. */
export function checkFonts(): void {
  if (checked) return;
  let list: string;
  try {
    list = execFileSync('fc-list', [':', 'family'], { encoding: 'utf8' });
  } catch {
    throw new Error('generator 4 needs fontconfig (fc-list) and the fonts-liberation2 and fonts-freefont-ttf packages');
  }
  const have = new Set(list.split('\n').flatMap((l) => l.split(',').map((s) => s.trim())));
  const missing = FAMILIES.filter((f) => !have.has(f));
  if (missing.length) throw new Error(`generator 4 needs the fonts ${missing.join(', ')} (Debian: apt-get install fonts-liberation2 fonts-freefont-ttf)`);
  checked = true;
}

export interface TextStyle {
  family: Family;
  /** Em size in pixels. */
  px: number;
  color: Rgb;
  bold?: boolean;
  italic?: boolean;
  /** Extra space between letters, in pixels. */
  spacing?: number;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const hex = (c: Rgb) => `#${c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
const cache = new Map<string, Img>();

export async function textImg(text: string, st: TextStyle): Promise<Img> {
  const key = JSON.stringify([text, st]);
  const hit = cache.get(key);
  if (hit) return hit;
  checkFonts();
  const attrs = [
    `font_family="${st.family}"`,
    `font_size="${Math.round(st.px * 1024)}"`,
    `foreground="${hex(st.color)}"`,
    st.bold ? 'font_weight="bold"' : '',
    st.italic ? 'font_style="italic"' : '',
    st.spacing ? `letter_spacing="${Math.round(st.spacing * 1024)}"` : '',
  ].join(' ');
  // An invisible strut (a tall capital and a descender) gives every line the same height, so that
  // lines of one size share a baseline; it is cut off again on the right.
  const strut = `<span font_family="${st.family}" font_size="${Math.round(st.px * 1024)}" fgalpha="1">Ẫg</span>`;
  const { data, info } = await sharp({ text: { text: `<span ${attrs}>${escape(text)}</span>${strut}`, dpi: 72, rgba: true } })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const full = Img.fromRaw(data, info.width, info.height, info.channels);
  let right = 0;
  for (let x = full.w - 1; x >= 0 && !right; x--)
    for (let y = 0; y < full.h; y++)
      if (full.data[(y * full.w + x) * 4 + 3]! > 0.02) {
        right = x + 1;
        break;
      }
  const img = new Img(Math.max(1, right), full.h);
  for (let y = 0; y < full.h; y++) img.data.set(full.data.subarray(y * full.w * 4, (y * full.w + img.w) * 4), y * img.w * 4);
  if (cache.size > 400) cache.clear(); // labels repeat; values rarely do — keep the memory small
  cache.set(key, img);
  return img;
}
