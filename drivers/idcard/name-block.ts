/**
 * The last resort for the name (front-name.ts): no name label, and no page line between the ID number
 * and the next label — tesseract's page layout skipped the block altogether (a faint photocopy: the
 * page read the ID's line and the address, nothing between). The region below the ID's line, where
 * both card generations print the name (with its label), is cut out and read as sparse text (PSM 11:
 * on the photocopy's speckled block PSM 6 read the name line as "SA MU . ng", PSM 11 read every line
 * right); its lines that are a name in capitals — 2–6 Vietnamese syllables, no digits, not a label
 * or a heading — are the readings.
 */
import type { Box, LineBox } from '../../common/idcard/labels.ts';
import { looksLikeLabel } from '../../common/idcard/labels.ts';
import { allSyllables } from '../../common/idcard/name.ts';
import type { OcrPool } from './ocr-pool.ts';

/** The page line holding the ID number (its label garbled or absent): a run of 12 digits. */
export function idLineOf(lines: readonly LineBox[]): LineBox | undefined {
  return lines.find((l) => /\d{12}/.test(l.text.replace(/[\s.]/g, '')));
}

/**
 * The block below the ID's line where the name is: from the ID line's bottom down 6 of its heights,
 * from half a height left of it (the photo is further left) across to where a long name can reach (the crop is clamped to the page).
 */
export function blockBelowId(id: Box): Box {
  const h = Math.max(8, id.y1 - id.y0);
  return { x0: id.x0 - h * 0.5, y0: id.y1, x1: id.x0 + h * 18, y1: id.y1 + h * 6 };
}

/** A block line that is a name in capitals: 2–6 syllables, letters and spaces only. */
export function nameLineOfBlock(text: string): string | undefined {
  const t = text.replace(/^[^\p{L}]+|[^\p{L}\p{M}]+$/gu, '').trim();
  if (!t || /\d/.test(text) || /\p{Ll}/u.test(t) || !/^[\p{L}\p{M} ]+$/u.test(t) || looksLikeLabel(t)) return undefined;
  const words = t.split(/\s+/);
  return words.length >= 2 && words.length <= 6 && allSyllables(words.join(' ')) ? words.join(' ') : undefined;
}

/**
 * Sparse text splits a line where its words are far apart ("NGỤY MINH" | "LÂM"): the pieces whose
 * middles are within each other's height are joined, left to right, into one row.
 */
export function rowsOf(lines: readonly { text: string; confidence: number; bbox: Box }[]): { text: string; confidence: number }[] {
  const rows: { items: { text: string; confidence: number; bbox: Box }[]; y0: number; y1: number }[] = [];
  for (const l of [...lines].sort((a, b) => a.bbox.y0 - b.bbox.y0)) {
    const mid = (l.bbox.y0 + l.bbox.y1) / 2;
    const row = rows.find((r) => mid > r.y0 && mid < r.y1);
    if (row) row.items.push(l);
    else rows.push({ items: [l], y0: l.bbox.y0, y1: l.bbox.y1 });
  }
  return rows.map((r) => {
    const items = r.items.sort((a, b) => a.bbox.x0 - b.bbox.x0);
    return { text: items.map((i) => i.text.trim()).join(' '), confidence: Math.min(...items.map((i) => i.confidence)) };
  });
}

type Crop<P> = (page: P, b: Box, padX: number, padY: number, scale: number) => Promise<{ png: Buffer }>;

/** The name lines of the block below the ID's line, read as sparse text; empty when there are none. */
export async function readBlockBelowId<P>(page: P, id: Box, pool: OcrPool, crop: Crop<P>, isHeading: (t: string) => boolean): Promise<{ text: string; confidence: number }[]> {
  const h = Math.max(8, id.y1 - id.y0);
  // The ID's digits are about as tall as the name's capitals: bring them to ~40 px.
  const scale = Math.min(2.5, Math.max(0.5, 40 / h));
  const c = await crop(page, blockBelowId(id), 0, 0, scale);
  const r = await pool.recognize(c.png, { psm: '11' }).catch(() => undefined);
  if (!r) return [];
  const out: { text: string; confidence: number }[] = [];
  for (const l of rowsOf(r.lines)) {
    const name = nameLineOfBlock(l.text);
    if (name && !isHeading(name)) out.push({ text: name, confidence: l.confidence * 0.8 });
  }
  return out;
}
