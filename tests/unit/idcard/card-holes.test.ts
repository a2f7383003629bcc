/**
 * A card turned well off straight on a desk of nearly its own colour (generator 11's `turned` scene, session 13): the
 * parts of the card whose colour is the desk's — a pale back, a guilloche — drop out of its component, so the component
 * filled only 70–80 % of its quad and `detectCard` refused it; the whole picture was then read as the card, at 25°, and
 * nothing was found ("không tìm thấy thẻ", or the MRZ's time limit). The component's enclosed holes now count as card.
 * Drawn here with an SVG (no OCR): the card's corners are known.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { detectCard, loadFrame } from '../../../drivers/idcard/image.ts';

const W = 1400;
const H = 1100;
const DESK = 'rgb(219,213,201)';

/** The card (85.6 × 54 mm at 10 px/mm) turned `deg` about the picture's centre; its upper half the desk's colour. */
async function turnedCard(deg: number, shape: 'card' | 'ell' = 'card'): Promise<{ data: Buffer; corners: [number, number][] }> {
  const cw = 856;
  const ch = 540;
  const body =
    shape === 'card'
      ? `<rect x="${-cw / 2}" y="${-ch / 2}" width="${cw}" height="${ch}" rx="30" fill="rgb(250,250,248)"/>
         <rect x="${-cw / 2 + 40}" y="${-ch / 2 + 30}" width="${cw - 80}" height="${ch / 2}" fill="rgb(221,215,204)"/>
         <rect x="${-cw / 2 + 60}" y="${ch / 2 - 150}" width="${cw - 120}" height="24" fill="rgb(40,40,40)"/>
         <rect x="${-cw / 2 + 60}" y="${ch / 2 - 100}" width="${cw - 120}" height="24" fill="rgb(40,40,40)"/>`
      : // an L of the card's colour (not a card): its quad is half empty, with no hole
        `<rect x="${-cw / 2}" y="${-ch / 2}" width="${cw / 3}" height="${ch}" fill="rgb(250,250,248)"/>
         <rect x="${-cw / 2}" y="${ch / 2 - ch / 3}" width="${cw}" height="${ch / 3}" fill="rgb(250,250,248)"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="${DESK}"/>
    <g transform="translate(${W / 2} ${H / 2}) rotate(${deg})">${body}</g></svg>`;
  const data = await sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
  const r = (deg * Math.PI) / 180;
  const corners = ([[-cw / 2, -ch / 2], [cw / 2, -ch / 2], [cw / 2, ch / 2], [-cw / 2, ch / 2]] as const).map(
    ([x, y]) => [W / 2 + x * Math.cos(r) - y * Math.sin(r), H / 2 + x * Math.sin(r) + y * Math.cos(r)] as [number, number],
  );
  return { data, corners };
}

describe('a turned card on a desk of its own colour (detectCard counts its enclosed holes)', () => {
  for (const deg of [-33, -20, 25, 38]) {
    it(`finds the card turned ${deg}°, its corners within 3 % of its width`, async () => {
      const { data, corners } = await turnedCard(deg);
      const det = await detectCard(await loadFrame(data));
      expect(det).toBeDefined();
      // the found corners, in order top-left, top-right, bottom-right, bottom-left of the picture; the drawn ones
      // matched to the nearest (the card's rounded corners cut them a little)
      for (const c of det!.corners) {
        const d = Math.min(...corners.map(([x, y]) => Math.hypot(x - c[0], y - c[1])));
        expect(d).toBeLessThan(0.03 * 856 + 30);
      }
      expect(det!.card.width).toBeGreaterThan(0);
    });
  }

  it('still finds nothing card-like in an L of the card\'s colour (the holes rule adds no area outside the shape)', async () => {
    const { data } = await turnedCard(25, 'ell');
    expect(await detectCard(await loadFrame(data))).toBeUndefined();
  });
});
