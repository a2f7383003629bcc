/**
 * Generator 10's raster side: Ghostscript (`gs`, Debian package ghostscript) renders each page of
 * hand-written PostScript — to PNG directly (png16m / pnggray) when the scene needs nothing after it, else
 * to a raw PPM that the scene's own pixel operations (below) change — and writes JPEGs through its `jpeg`
 * device from raw RGB drawn with the `image` operator. Its anti-aliasing (`-dTextAlphaBits`,
 * `-dGraphicsAlphaBits`: 1, 2 or 4) is chosen per scene. PNGs of changed pixels are written with pngjs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Rng } from './holders.ts';

interface PngLib {
  PNG: {
    sync: {
      write(png: { data: Buffer; width: number; height: number }, opts: { colorType: 0 | 2; inputColorType: 2; inputHasAlpha: false }): Buffer;
      read(buf: Buffer): { width: number; height: number; data: Buffer };
    };
  };
}
const { PNG } = createRequire(import.meta.url)('pngjs') as PngLib;

/** A PNG file's pixels, RGBA (pngjs). */
export function readPng(buf: Buffer): { width: number; height: number; data: Buffer } {
  return PNG.sync.read(buf);
}

export interface Raster {
  w: number;
  h: number;
  /** RGB, 3 bytes a pixel, rows top to bottom. */
  d: Uint8ClampedArray;
}

export interface RenderOptions {
  w: number;
  h: number;
  textAlpha: 1 | 2 | 4;
  graphicsAlpha: 1 | 2 | 4;
}

let gsChecked = false;
function gs(args: string[]): void {
  if (!gsChecked) {
    try {
      execFileSync('gs', ['--version'], { stdio: 'pipe' });
    } catch {
      throw new Error('idcard-data10: Ghostscript (gs) is not installed — apt-get install ghostscript (listed in .ci/run)');
    }
    gsChecked = true;
  }
  try {
    execFileSync('gs', ['-q', '-dSAFER', '-dBATCH', '-dNOPAUSE', '-dNOINTERPOLATE', ...args], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  } catch (e) {
    const x = e as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`idcard-data10: Ghostscript failed: ${String(x.stdout ?? '').slice(0, 600)} ${String(x.stderr ?? '').slice(0, 300)}`, { cause: e });
  }
}

function work(): { dir: string; done: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'idgen10-'));
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

function aaArgs(o: RenderOptions): string[] {
  return ['-r72', `-g${o.w}x${o.h}`, `-dTextAlphaBits=${o.textAlpha}`, `-dGraphicsAlphaBits=${o.graphicsAlpha}`];
}

/** The page (PostScript in pixel units, origin bottom left) straight to a PNG file, colour or grey. */
export function renderPng(ps: string, o: RenderOptions, out: string, grey = false): void {
  const t = work();
  try {
    const src = path.join(t.dir, 'page.ps');
    writeFileSync(src, `%!PS\n${ps}\nshowpage\n`);
    gs([`-sDEVICE=${grey ? 'pnggray' : 'png16m'}`, ...aaArgs(o), `-sOutputFile=${out}`, src]);
  } finally {
    t.done();
  }
}

/** The page to pixels (raw PPM read back). */
export function renderRaster(ps: string, o: RenderOptions): Raster {
  const t = work();
  try {
    const src = path.join(t.dir, 'page.ps');
    const out = path.join(t.dir, 'page.ppm');
    writeFileSync(src, `%!PS\n${ps}\nshowpage\n`);
    gs(['-sDEVICE=ppmraw', ...aaArgs(o), `-sOutputFile=${out}`, src]);
    return readPpm(readFileSync(out));
  } finally {
    t.done();
  }
}

export function readPpm(b: Buffer): Raster {
  // P6 <comments> w h 255 <one whitespace> data
  let i = 0;
  const tokens: string[] = [];
  while (tokens.length < 4) {
    while (/\s/.test(String.fromCharCode(b[i]!))) i++;
    if (b[i] === 0x23) {
      while (b[i] !== 0x0a) i++;
      continue;
    }
    let tok = '';
    while (!/\s/.test(String.fromCharCode(b[i]!))) tok += String.fromCharCode(b[i++]!);
    tokens.push(tok);
  }
  i++;
  if (tokens[0] !== 'P6' || tokens[3] !== '255') throw new Error('idcard-data10: not an 8-bit PPM');
  const w = Number(tokens[1]);
  const h = Number(tokens[2]);
  return { w, h, d: new Uint8ClampedArray(b.subarray(i, i + w * h * 3)) };
}

export function writePng(r: Raster, out: string, grey = false): void {
  const data = Buffer.from(r.d.buffer, r.d.byteOffset, r.d.byteLength);
  writeFileSync(out, PNG.sync.write({ data, width: r.w, height: r.h }, { colorType: grey ? 0 : 2, inputColorType: 2, inputHasAlpha: false }));
}

/** Raw RGB drawn by PostScript's `image` onto Ghostscript's `jpeg` device at quality `q` (its DCT encoder). */
export function writeJpeg(r: Raster, out: string, q: number): void {
  const t = work();
  try {
    const raw = path.join(t.dir, 'pixels.rgb');
    writeFileSync(raw, r.d);
    const src = path.join(t.dir, 'jpeg.ps');
    writeFileSync(
      src,
      `%!PS\n/DeviceRGB setcolorspace ${r.w} ${r.h} scale\n<< /ImageType 1 /Width ${r.w} /Height ${r.h} /BitsPerComponent 8 /Decode [0 1 0 1 0 1] /ImageMatrix [${r.w} 0 0 ${-r.h} 0 ${r.h}] /DataSource (${raw}) (r) file >> image\nshowpage\n`,
    );
    gs(['-sDEVICE=jpeg', `-dJPEGQ=${q}`, '-r72', `-g${r.w}x${r.h}`, `--permit-file-read=${t.dir}/`, `-sOutputFile=${out}`, src]);
  } finally {
    t.done();
  }
}

// ---------------------------------------------------------------- pixel operations of the scenes

const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v);

/** Bilinear sample of channel c at (x, y); outside → the edge pixel. */
function sample(r: Raster, x: number, y: number, c: number): number {
  const x0 = Math.max(0, Math.min(r.w - 1, Math.floor(x)));
  const y0 = Math.max(0, Math.min(r.h - 1, Math.floor(y)));
  const x1 = Math.min(r.w - 1, x0 + 1);
  const y1 = Math.min(r.h - 1, y0 + 1);
  const fx = Math.max(0, Math.min(1, x - x0));
  const fy = Math.max(0, Math.min(1, y - y0));
  const a = r.d[(y0 * r.w + x0) * 3 + c]!;
  const b = r.d[(y0 * r.w + x1) * 3 + c]!;
  const cc = r.d[(y1 * r.w + x0) * 3 + c]!;
  const d = r.d[(y1 * r.w + x1) * 3 + c]!;
  return (a * (1 - fx) + b * fx) * (1 - fy) + (cc * (1 - fx) + d * fx) * fy;
}

/** Each output pixel from a source position (per channel), with a brightness factor. */
export function remap(r: Raster, at: (x: number, y: number, c: number) => [number, number], shade?: (x: number, y: number) => number): Raster {
  const out = new Uint8ClampedArray(r.w * r.h * 3);
  for (let y = 0; y < r.h; y++)
    for (let x = 0; x < r.w; x++) {
      const k = shade ? shade(x, y) : 1;
      for (let c = 0; c < 3; c++) {
        const [sx, sy] = at(x, y, c);
        out[(y * r.w + x) * 3 + c] = clamp(sample(r, sx, sy, c) * k);
      }
    }
  return { w: r.w, h: r.h, d: out };
}

/** Per-pixel colour change. */
export function mapColour(r: Raster, f: (rgb: [number, number, number], x: number, y: number) => [number, number, number]): Raster {
  const out = new Uint8ClampedArray(r.d.length);
  for (let y = 0; y < r.h; y++)
    for (let x = 0; x < r.w; x++) {
      const i = (y * r.w + x) * 3;
      const [a, b, c] = f([r.d[i]!, r.d[i + 1]!, r.d[i + 2]!], x, y);
      out[i] = clamp(a);
      out[i + 1] = clamp(b);
      out[i + 2] = clamp(c);
    }
  return { w: r.w, h: r.h, d: out };
}

/** Gaussian-ish sensor noise (sum of three uniforms), the same on all channels plus a little chroma. */
export function noise(r: Raster, rng: Rng, sigma: number): Raster {
  const out = new Uint8ClampedArray(r.d.length);
  for (let i = 0; i < r.d.length; i += 3) {
    const n = (rng() + rng() + rng() - 1.5) * 2 * sigma;
    for (let c = 0; c < 3; c++) out[i + c] = clamp(r.d[i + c]! + n + (rng() - 0.5) * sigma * 0.6);
  }
  return { w: r.w, h: r.h, d: out };
}

/** Box blur of radius `k` (separable, twice ≈ a soft lens). */
export function blur(r: Raster, k: number): Raster {
  if (k <= 0) return r;
  const pass = (src: Uint8ClampedArray, horizontal: boolean) => {
    const out = new Uint8ClampedArray(src.length);
    const n = horizontal ? r.w : r.h;
    const m = horizontal ? r.h : r.w;
    for (let j = 0; j < m; j++)
      for (let c = 0; c < 3; c++) {
        let acc = 0;
        const idx = (i: number) => ((horizontal ? j * r.w + i : i * r.w + j) * 3 + c);
        for (let i = -k; i <= k; i++) acc += src[idx(Math.max(0, Math.min(n - 1, i)))]!;
        for (let i = 0; i < n; i++) {
          out[idx(i)] = acc / (2 * k + 1);
          acc += src[idx(Math.min(n - 1, i + k + 1))]! - src[idx(Math.max(0, i - k))]!;
        }
      }
    return out;
  };
  return { w: r.w, h: r.h, d: pass(pass(r.d, true), false) };
}

/** Shrink by area averaging to width `w` (a gallery's or a chat app's thumbnail). */
export function shrink(r: Raster, w: number): Raster {
  const h = Math.round((r.h * w) / r.w);
  const out = new Uint8ClampedArray(w * h * 3);
  const sx = r.w / w;
  const sy = r.h / h;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor(x * sx);
      const x1 = Math.max(x0 + 1, Math.floor((x + 1) * sx));
      const y0 = Math.floor(y * sy);
      const y1 = Math.max(y0 + 1, Math.floor((y + 1) * sy));
      for (let c = 0; c < 3; c++) {
        let acc = 0;
        for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) acc += r.d[(yy * r.w + xx) * 3 + c]!;
        out[(y * w + x) * 3 + c] = acc / ((x1 - x0) * (y1 - y0));
      }
    }
  return { w, h, d: out };
}

/** Blend a colour over the pixels where `alpha(x, y)` > 0. */
export function overlay(r: Raster, rgb: [number, number, number], alpha: (x: number, y: number) => number): Raster {
  return mapColour(r, ([a, b, c], x, y) => {
    const t = alpha(x, y);
    if (t <= 0) return [a, b, c];
    return [a + (rgb[0] - a) * t, b + (rgb[1] - b) * t, c + (rgb[2] - c) * t];
  });
}
