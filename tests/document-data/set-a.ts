/** The tuning set: generator A's papers photographed in each of its variants, round robin. */
import { renderPageA } from './page-a.ts';
import { seeded } from './rng.ts';
import { photograph, planScene, VARIANTS_A } from './scene-a.ts';

export interface PaperSample {
  name: string;
  variant: string;
  jpeg: Buffer;
  width: number;
  height: number;
  /** True corners of the page in the photo (TL, TR, BR, BL), continuous pixel coordinates. */
  corners: [number, number][];
  /** Whether all four corners lie inside the frame (the page can be found at all). */
  inside: boolean;
  /** The printed lines (ground truth for legibility). */
  lines: string[];
  /** The clean rendered page (PNG). */
  page: Buffer;
}

export async function* generateSetA(n: number, seed: number): AsyncGenerator<PaperSample> {
  for (let i = 0; i < n; i++) {
    const rng = seeded(seed + i * 7919);
    const variant = VARIANTS_A[i % VARIANTS_A.length]!;
    const page = renderPageA(rng);
    const scene = planScene(rng, variant);
    const p = await photograph(page, scene, rng);
    const inside = p.corners.every(([x, y]) => x >= 0 && y >= 0 && x <= p.width && y <= p.height);
    yield { name: `a${i}-${variant}`, variant, jpeg: p.jpeg, width: p.width, height: p.height, corners: p.corners, inside, lines: page.lines, page: page.png };
  }
}
