/**
 * The rows of a 12-digit number inside a word box that tesseract's layout made too tall (session 11, idfront4).
 *
 * Under a flash's hotspot or on a photocopy the page layout sometimes joins the number with the small label above it
 * and the name below into one word box (a 2024 front of generator 8, development seed 21: the box of
 * `026210897697` was 407 × 137 px on the page, three text lines). The box's readings scale the crop so that its
 * height is about 40 px, so the digits came out ~12 px high among two other lines, and all seven readings were empty:
 * the ID rested on the page's text alone (too few readings to agree: marked for the resident though right).
 *
 * A number of twelve digits is at most about a third as tall as it is wide in any type face (a digit's advance is
 * 0.45–0.75 of its height), so a box taller than a fifth of its width holds more than the number (or is about to be scaled too small). Its rows are
 * then found from the page's own pixels: per row, how many pixels are ink (darker than the box's mean by a fifth of
 * its range); the rows with ink are grouped into bands (gaps of up to a twentieth of the expected digit height close),
 * and the band with the most ink that is at least half the expected height is the number — the ID is printed large
 * and bold, the label above is small, and the name's line crosses only part of the number's width.
 *
 * Pure pixel code on a grey page.
 */
import type { Box } from '../../common/idcard/labels.ts';

export interface GreyPage {
  grey: Uint8Array | Buffer;
  width: number;
  height: number;
}

/** A box taller than this share of its width holds more than a 12-digit number's line. */
export const TALL_RATIO = 0.2;

/** The number's rows in a too-tall box, or undefined when the box is not too tall or no band stands out. */
export function numberRows(page: GreyPage, box: Box): Box | undefined {
  const w = box.x1 - box.x0;
  const h = box.y1 - box.y0;
  if (w <= 0 || h <= w * TALL_RATIO) return undefined;
  const x0 = Math.max(0, Math.floor(box.x0));
  const x1 = Math.min(page.width, Math.ceil(box.x1));
  const y0 = Math.max(0, Math.floor(box.y0));
  const y1 = Math.min(page.height, Math.ceil(box.y1));
  if (x1 - x0 < 12 || y1 - y0 < 4) return undefined;
  let min = 255;
  let max = 0;
  let sum = 0;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      const v = page.grey[y * page.width + x]!;
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
    }
  if (max - min < 40) return undefined;
  const mean = sum / ((x1 - x0) * (y1 - y0));
  const ink = mean - (max - min) / 5;
  const rows: number[] = [];
  for (let y = y0; y < y1; y++) {
    let n = 0;
    for (let x = x0; x < x1; x++) if (page.grey[y * page.width + x]! < ink) n++;
    rows.push(n);
  }
  // Expected digit height for twelve digits this wide (an advance of ~0.6 of the height).
  const expected = w / 12 / 0.6;
  const gap = Math.max(1, Math.round(expected / 20));
  const floor = Math.max(1, (x1 - x0) * 0.02);
  const bands: { from: number; to: number; ink: number }[] = [];
  let cur: { from: number; to: number; ink: number } | undefined;
  rows.forEach((n, i) => {
    if (n < floor) return;
    if (cur && i - cur.to <= gap + 1) {
      cur.to = i;
      cur.ink += n;
    } else {
      cur = { from: i, to: i, ink: n };
      bands.push(cur);
    }
  });
  const fit = bands.filter((b) => b.to - b.from + 1 >= expected * 0.5 && b.to - b.from + 1 <= expected * 1.8);
  if (fit.length === 0) return undefined;
  const best = fit.reduce((a, b) => (b.ink > a.ink ? b : a));
  return { x0: box.x0, x1: box.x1, y0: y0 + best.from, y1: y0 + best.to + 1 };
}
