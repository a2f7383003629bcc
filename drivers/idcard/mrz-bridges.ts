/**
 * (session 11, idback4) Thin bridges cut between the MRZ's smeared lines. On a 600-dpi flatbed scan a hair (or a
 * scratch, a fibre) lying across the back runs through all three lines; once the characters are smeared into line
 * blobs, the hair's few pixels in the gaps between the lines weld the three into one blob — not a line, so no triple
 * is found and the back gave no MRZ at all, though its characters were crisp. A hair, like a speck of dust, is narrow
 * across the lines' direction: in a row of the smeared mask it is a run of one or two pixels, where a smeared text line
 * is a run of at least a character's width. Runs shorter than `minRun` are dropped (a horizontal opening of the mask
 * by a segment), which cuts the bridges and the specks and leaves every text line as it was, but a line's thinnest
 * top and bottom rows. Used only by the search that runs after the usual ones found nothing readable (mrz-image.ts).
 */

/** Shortest run kept, in the search's (≤ 800 px wide) pixels: a hair there is 1–2 px across, a smeared line far wider. */
export const MIN_RUN = 4;

/** Drop every horizontal run of set pixels shorter than `minRun` (in place of a copy). */
export function dropShortRuns(mask: Uint8Array, w: number, h: number, minRun = MIN_RUN): Uint8Array {
  if (mask.length !== w * h) throw new Error(`mask of ${mask.length} for ${w}×${h}`);
  const out = mask.slice();
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let x = 0;
    while (x < w) {
      if (!out[row + x]) {
        x++;
        continue;
      }
      let end = x;
      while (end < w && out[row + end]) end++;
      if (end - x < minRun) out.fill(0, row + x, row + end);
      x = end;
    }
  }
  return out;
}
