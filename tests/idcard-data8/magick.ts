/**
 * ImageMagick as a child process (argument arrays, never a shell string; bounded time). Generator 8 draws
 * its cards' text with ImageMagick's own FreeType path (hinted glyphs, its own anti-aliasing and
 * compositing) and writes its final files with ImageMagick's encoders (JPEG with a chosen chroma
 * subsampling, EXIF orientation, PNG). Debian package `imagemagick` (IM 6: `convert-im6.q16`); an IM 7
 * `magick` is used when that is what the machine has.
 */
import { execFile, execFileSync } from 'node:child_process';

let bin: { cmd: string; pre: string[] } | undefined;
export function magickBinary(): { cmd: string; pre: string[] } {
  if (bin) return bin;
  for (const [cmd, pre] of [
    ['convert-im6.q16', []],
    ['magick', []],
    ['convert', []],
  ] as const) {
    try {
      const v = execFileSync(cmd, [...pre, '-version'], { encoding: 'utf8', timeout: 10000, stdio: ['ignore', 'pipe', 'ignore'] });
      if (/ImageMagick/.test(v)) return (bin = { cmd, pre: [...pre] });
    } catch {
      /* try the next name */
    }
  }
  throw new Error('generator 8 needs ImageMagick (Debian: apt-get install imagemagick)');
}

/** Runs ImageMagick with `args`, `input` on stdin; resolves with stdout's bytes. */
export function magick(args: string[], input?: Buffer, timeoutMs = 60000): Promise<Buffer> {
  const { cmd, pre } = magickBinary();
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, [...pre, ...args], { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024, timeout: timeoutMs }, (err, stdout, stderr) => {
      if (err) reject(new Error(`ImageMagick failed: ${String(stderr).slice(0, 400) || err.message}`));
      else resolve(stdout);
    });
    if (input) child.stdin!.end(input);
    else child.stdin!.end();
  });
}

/** ImageMagick reads `%` escapes in -annotate and label: text; a literal one is doubled. */
export const imText = (s: string) => s.replace(/%/g, '%%').replace(/\\/g, '\\\\');

/** Widths in pixels of `texts` set in `font` at `size` (one process for all of them). */
export async function measure(font: string, size: number, kerning: number, texts: string[]): Promise<number[]> {
  if (!texts.length) return [];
  const args = ['-font', font, '-pointsize', String(size), '-kerning', String(kerning)];
  for (const t of texts) args.push(`label:${imText(t)}`);
  args.push('-format', '%w\n', 'info:');
  const out = (await magick(args)).toString('utf8').trim().split('\n').map(Number);
  if (out.length !== texts.length || out.some((n) => !Number.isFinite(n))) throw new Error('ImageMagick measure: unexpected answer');
  return out;
}

let fontList: Promise<Set<string>> | undefined;
/**
 * Refuses to draw when a face is missing: ImageMagick would silently set the text in its default font,
 * and the set would no longer be the one documented. `packages` names what to install.
 */
export async function requireFonts(names: string[], packages: string): Promise<void> {
  fontList ??= magick(['-list', 'font']).then((b) => new Set([...b.toString('utf8').matchAll(/^\s*Font: (.+)$/gm)].map((m) => m[1]!.trim())));
  const have = await fontList;
  const missing = [...new Set(names)].filter((n) => !have.has(n));
  if (missing.length) throw new Error(`generator 8: ImageMagick lacks the fonts ${missing.join(', ')} (Debian: apt-get install ${packages})`);
}
