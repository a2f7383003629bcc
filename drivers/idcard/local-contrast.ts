/**
 * Local contrast stretch of a grey page: every pixel placed between the paper's brightness around it
 * (a grey closing: the strokes filled in) and the ink's (a grey opening: the paper between strokes
 * removed), so text keeps its full black-on-white contrast wherever it is — under a lamp's glare that
 * washed it to light grey on white, in a shadow, on a faded print. Where there is no ink (paper and
 * ink estimates within `floor` grey levels of each other) the stretch is limited to `floor`, so the
 * paper's grain is not blown up into black.
 *
 * This differs from flatten.ts (the page divided by its closing): dividing evens out the light but
 * keeps a washed-out stroke light grey; stretching by the local range makes it black. It is the
 * rendering of the front's second look when its ID or date of birth is missing or weak
 * (front-labels.ts). Pure; no allocation beyond the output and the two estimates.
 */
import { closingBackground, type GreyImage } from './flatten.ts';

/** Grey levels below which the local range is not stretched further (the paper's grain, JPEG noise). */
export const CONTRAST_FLOOR = 40;

export function localContrast(img: GreyImage, window: number, floor = CONTRAST_FLOOR): GreyImage {
  const paper = closingBackground(img, window);
  const inv = new Uint8Array(img.data.length);
  for (let i = 0; i < inv.length; i++) inv[i] = 255 - img.data[i]!;
  // The opening of the image = 255 − the closing of its negative.
  const inkInv = closingBackground({ data: inv, width: img.width, height: img.height }, window);
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < out.length; i++) {
    const p = paper[i]!;
    const range = Math.max(floor, p - (255 - inkInv[i]!));
    const v = 255 - ((p - img.data[i]!) * 255) / range;
    out[i] = v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
  }
  return { data: out, width: img.width, height: img.height };
}
