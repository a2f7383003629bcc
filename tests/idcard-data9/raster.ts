/**
 * Generator 9's renderer: MuPDF's `mutool draw` (its own scan converter and anti-aliasing, glyphs from
 * the embedded fonts, no hinting) turns each PDF page into pixels. A child process with an argument
 * array and a time limit; the PDF and PNG live in a temp folder of their own.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { PdfPage } from './pdf.ts';

/** An RGB picture, channels 0…255 as floats, row-major; `a` the coverage (1 inside the card). */
export interface Pic {
  w: number;
  h: number;
  rgb: Float32Array;
  a?: Float32Array;
}

function run(cmd: string, args: string[], ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: ms }, (err, _out, stderr) => {
      if (err) reject(new Error(`gen9: ${cmd} failed: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'not installed (apt-get install mupdf-tools)' : stderr.split('\n')[0] || err.message}`));
      else resolve();
    });
  });
}

/** Draw a page at `dpi` with MuPDF; `aa` its anti-aliasing bits (0–8) for shapes and text. */
export async function draw(page: PdfPage, dpi: number, aa: { shapes: number; text: number }): Promise<Pic> {
  const dir = mkdtempSync(path.join(tmpdir(), 'idgen9-'));
  try {
    const pdf = path.join(dir, 'face.pdf');
    const png = path.join(dir, 'face.png');
    writeFileSync(pdf, page.toBuffer());
    await run('mutool', ['draw', '-q', '-r', String(dpi), '-A', `${aa.shapes}/${aa.text}`, '-c', 'rgb', '-o', png, pdf], 30_000);
    const { data, info } = await sharp(readFileSync(png)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const rgb = new Float32Array(data.length);
    for (let i = 0; i < data.length; i++) rgb[i] = data[i]!;
    return { w: info.width, h: info.height, rgb };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Pixels → 8-bit RGB buffer for sharp. */
export function toBytes(p: Pic): Buffer {
  const b = Buffer.alloc(p.w * p.h * 3);
  for (let i = 0; i < b.length; i++) {
    const v = p.rgb[i]!;
    b[i] = v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
  }
  return b;
}
