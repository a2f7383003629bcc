/**
 * The card's red ink alone, for the ID's last look. The 2021 card prints its number in red; grey
 * (luminance) keeps red only half as dark as black, so a lamp's hotspot washes the red digits out
 * ("Z^ 47528" for 020179547528) and red digits printed over black text mix with it. Here each pixel's
 * redness — how far red stands above the brighter of green and blue — becomes ink: red print is dark
 * on white, black print and the paper (whatever their brightness) are white. Read as a page, the
 * red text — the ID — is what is left.
 *
 * Generic: no layout, no colour of a particular card; a card with no red ink gives an empty page
 * (nothing read), at the cost of one page reading, and only for a front whose ID is still weak after
 * every other look (front-labels.ts).
 */
import type { RgbImage } from './front-labels.ts';

/** The red ink as a grey RGB image: 255 − (R − max(G, B)), stretched so that the reddest ink is black. */
export function redInk(img: RgbImage): RgbImage {
  const n = img.width * img.height;
  const red = new Uint8Array(n);
  const hist = new Uint32Array(256);
  for (let i = 0; i < n; i++) {
    const r = img.data[i * 3]!;
    const g = img.data[i * 3 + 1]!;
    const b = img.data[i * 3 + 2]!;
    const v = Math.max(0, r - Math.max(g, b));
    red[i] = v;
    hist[v]!++;
  }
  // The stretch: the reddest 0.2 % of the pixels black (a few stray red pixels do not set it); an image
  // with no red ink (that level below 24) stays white.
  let top = 255;
  for (let c = 0; top > 0 && c + hist[top]! < n * 0.002; top--) c += hist[top]!;
  const k = top >= 24 ? 255 / top : 0;
  const data = Buffer.alloc(n * 3);
  for (let i = 0; i < n; i++) {
    const v = 255 - Math.min(255, Math.round(red[i]! * k));
    data[i * 3] = v;
    data[i * 3 + 1] = v;
    data[i * 3 + 2] = v;
  }
  return { data, width: img.width, height: img.height, channels: 3 };
}
