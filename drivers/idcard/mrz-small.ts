/**
 * (session 11, idback4) A small, soft MRZ read again sharpened. A security camera's grab of a back (generator 8's
 * `cctv-grab`: the card 320–480 px wide in a 640×480 frame, soft, JPEG q 28–42) has MRZ characters 10–14 px high
 * whose strokes are smeared over 2–3 px. The lines are located and cut out upscaled to be read (mrz-locate.ts,
 * `extractMrz`, lines 44 px apart), which enlarges the blur with them: tesseract read `VNM<<<<<<<<<<<` as `VNN<` and
 * lost line 2 on every reading. An unsharp mask whose radius is that of the enlarged blur (σ ≈ 5 px at 44 px a line)
 * gives the strokes back their edges; on development seed 22's grab line 2 then read whole (`9901052M3901050VNM…`).
 * A second, lighter mask (σ 3) gives another reading whose slips differ: through the kiosk camera's frame of the same
 * grab (JPEG once more) only it proved line 2 — the readings' fields are then combined by common/idcard/mrz-readings.ts.
 *
 * Only where it can help and costs nothing else: after every usual reading of the MRZ has failed, only for candidates
 * whose first reading looked like an MRZ, and only when their lines were enlarged to be read (a line pitch in the
 * picture below the reading's), so a large MRZ that failed for another reason (a thumb, glare) is not read again.
 * The readings it gives go through the same strict parse, check digits and partial rules as any other.
 */
import type { MrzCandidate } from './mrz-locate.ts';

/** The line pitch the sharpened readings are cut at (as the first reading). */
export const SMALL_LINE_HEIGHT = 44;
/** The unsharp mask's sigmas tried, in the cut's pixels, in order. */
export const SHARPEN_SIGMAS = [5, 3] as const;
/** At most this many candidates are read again. */
export const MAX_SMALL = 2;

/** sharp's `sharpen` options for a sigma: flat areas lightly (m1), edges strongly (m2). */
export function sharpenFor(sigma: number): { sigma: number; m1: number; m2: number } {
  return { sigma, m1: 1, m2: 4 };
}

/** Lines enlarged to be read: the picture's line pitch below the reading's. */
export function isSmall(c: MrzCandidate): boolean {
  return c.span / 2 < SMALL_LINE_HEIGHT;
}

/**
 * A reading that shows line 2's core — birth date and its check digit, the sex letter, the expiry and its check digit
 * (`YYMMDDc` `M|F` `YYMMDDc`) — though its fillers were not read as `<` (a small soft MRZ's run of `<` reads `C<` or
 * nothing, so `looksLikeMrz`'s count of fillers misses it). A front's text does not read so.
 */
export function showsLine2(text: string): boolean {
  return /\d{7}[MF]\d{7}/.test(text.replace(/\s+/g, ''));
}
