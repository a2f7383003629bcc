/** The reporting set: generator B's papers shot with each trouble in turn, on every desk in turn. */
import type { PaperSample } from '../document-data/set-a.ts';
import { DESKS_B, shoot, TROUBLES } from './camera.ts';
import { drawPaper, rand } from './paper.ts';

export async function* generateSetB(n: number, seed: number): AsyncGenerator<PaperSample> {
  for (let i = 0; i < n; i++) {
    const r = rand(seed * 31 + i * 1009);
    const paper = drawPaper(r);
    const trouble = TROUBLES[i % TROUBLES.length]!;
    const desk = DESKS_B[(i * 5 + Math.floor(i / TROUBLES.length)) % DESKS_B.length]!;
    const s = await shoot(paper, r, trouble, desk);
    const inside = s.corners.every(([x, y]) => x >= 0 && y >= 0 && x <= s.width && y <= s.height);
    yield { name: `b${i}-${trouble}-${desk}-${paper.layout}`, variant: trouble, jpeg: s.jpeg, width: s.width, height: s.height, corners: s.corners, inside, lines: paper.words, page: paper.png };
  }
}
