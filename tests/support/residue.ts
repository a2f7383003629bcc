/**
 * Look for a resident's data in files: every regular file under the given
 * folders (databases, WAL and journals, temp files, logs, print spool, camera
 * frames), byte by byte, each needle in UTF-8, UTF-16LE and UTF-16BE, in its
 * NFC and NFD forms (a name typed or read in either normal form must not
 * survive in either). Used by the kiosk's end-to-end privacy test.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface Residue {
  file: string;
  needle: string;
  encoding: string;
  count: number;
}

function utf16be(s: string): Buffer {
  const le = Buffer.from(s, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return be;
}

/** Each needle's byte forms: utf-8 / utf-16le / utf-16be × NFC / NFD (duplicates dropped). */
export function needleForms(needle: string): { encoding: string; bytes: Buffer }[] {
  const out: { encoding: string; bytes: Buffer }[] = [];
  const seen = new Set<string>();
  for (const form of ['NFC', 'NFD'] as const) {
    const s = needle.normalize(form);
    for (const [enc, bytes] of [
      ['utf-8', Buffer.from(s, 'utf8')],
      ['utf-16le', Buffer.from(s, 'utf16le')],
      ['utf-16be', utf16be(s)],
    ] as const) {
      const key = bytes.toString('hex');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ encoding: `${enc} ${form}`, bytes });
    }
  }
  return out;
}

/** Every regular file under the folders (symlinks are not followed; missing folders are skipped). */
export function regularFiles(dirs: string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const full = path.join(dir, name);
      let st;
      try {
        st = lstatSync(full);
      } catch {
        continue; // removed meanwhile
      }
      if (st.isDirectory()) walk(full);
      else if (st.isFile()) files.push(full);
    }
  };
  for (const d of dirs) walk(d);
  return files;
}

function count(hay: Buffer, needle: Buffer): number {
  let n = 0;
  for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + 1)) n += 1;
  return n;
}

/** Where any needle is found, in any of its forms (an empty list: none anywhere). */
export function findResidue(dirs: string[], needles: string[], extra: { name: string; bytes: Buffer }[] = []): Residue[] {
  const found: Residue[] = [];
  const sources = [
    ...regularFiles(dirs).map((file) => ({ name: file, read: () => readFileSync(file) })),
    ...extra.map((x) => ({ name: x.name, read: () => x.bytes })),
  ];
  for (const src of sources) {
    let hay: Buffer;
    try {
      hay = src.read();
    } catch {
      continue;
    }
    for (const needle of needles)
      for (const f of needleForms(needle)) {
        const n = count(hay, f.bytes);
        if (n) found.push({ file: src.name, needle, encoding: f.encoding, count: n });
      }
  }
  return found;
}

/** The files (and extra sources) that hold these exact bytes (an image slice, a raster). */
export function filesHolding(dirs: string[], bytes: Buffer, extra: { name: string; bytes: Buffer }[] = []): string[] {
  const out: string[] = [];
  for (const file of regularFiles(dirs)) {
    try {
      if (readFileSync(file).includes(bytes)) out.push(file);
    } catch {
      // removed meanwhile
    }
  }
  for (const x of extra) if (x.bytes.includes(bytes)) out.push(x.name);
  return out;
}
