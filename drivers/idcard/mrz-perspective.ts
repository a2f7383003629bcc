/**
 * The MRZ of a back photographed at a steep angle (session 9, idcam2). Under strong perspective the three lines
 * converge — on a development back of generator 6 (seed 21, "steep") they ran at 0.006, 0.036 and 0.067 rad and the
 * name line started a character later than line 1 — so `locateMrz`'s triples (parallel within 0.05 rad, starting
 * together) found none, and a straight cut-out would have slanted the lines across each other anyway.
 *
 * Here the lines are taken as a **projective** family: three line blobs stacked along their normal, evenly spaced,
 * lines 1 and 2 of about the same length, whose angles change steadily from one to the next (as a plane's parallel
 * lines do seen at an angle) and differ by more than a plain triple allows. The ends of lines 1 and 2 give four
 * points of the card's plane; the homography that sends them to two straight, horizontal lines 44 px apart is
 * exact for a flat card, so line 3 below comes out straight too. The cut-out is made wide (the blobs of a line
 * split by the tight smear may cover only part of it) and trimmed to the ink of lines 1 and 2. Only tried after
 * every plain candidate failed to read, at most one candidate: a back read as before pays nothing.
 */
import { homography, warpInverse, type Point } from './geometry.ts';
import { lineBlobs, stackedEvenly, type Blob, type Grey } from './mrz-locate.ts';

export interface PerspectiveMrz {
  /** Start and end of line 1 and of line 2 (ink extent along each line's own axis), in the input's pixels. */
  line1: [Point, Point];
  line2: [Point, Point];
  score: number;
}

/** A plain triple allows 0.05 rad between a line and the mean; a perspective family spreads more than this between lines 1 and 3. */
const MIN_SPREAD = 0.03;
const MAX_SPREAD = 0.2;

function ends(b: Blob, f: number): [Point, Point] {
  const ux = Math.cos(b.angle);
  const uy = Math.sin(b.angle);
  return [
    [(b.cx + b.lo * ux) * f, (b.cy + b.lo * uy) * f],
    [(b.cx + b.hi * ux) * f, (b.cy + b.hi * uy) * f],
  ];
}

/** Candidate MRZs seen at a steep angle, best first (at most `max`). */
export function perspectiveCandidates(img: Grey, max = 1): PerspectiveMrz[] {
  const { lines, f } = lineBlobs(img, [1 / 110, 1 / 45]);
  const out: PerspectiveMrz[] = [];
  for (const ls of lines)
    for (const a of ls)
      for (const b of ls)
        for (const c of ls) {
          if (a === b || b === c || a === c) continue;
          // steady change of angle: b's is between a's and c's, halfway within a third of the spread
          const spread = c.angle - a.angle;
          if (Math.abs(spread) < MIN_SPREAD || Math.abs(spread) > MAX_SPREAD) continue;
          if (Math.abs(b.angle - (a.angle + c.angle) / 2) > Math.abs(spread) / 3) continue;
          const ang = b.angle;
          const gaps = stackedEvenly(a, b, c, ang, 0.3);
          if (!gaps) continue;
          const { s1, s2 } = gaps;
          const lmax = Math.max(a.length, b.length);
          if (Math.abs(a.length - b.length) > 0.2 * lmax || c.length > lmax * 1.15 || c.length < lmax * 0.3) continue;
          // along the lines they overlap: starts within a fifth of a line
          const ux = Math.cos(ang);
          const uy = Math.sin(ang);
          const start = (x: Blob) => x.cx * ux + x.cy * uy + x.lo;
          if (Math.abs(start(a) - start(b)) > 0.2 * lmax || Math.abs(start(a) - start(c)) > 0.2 * lmax) continue;
          out.push({ line1: ends(a, f), line2: ends(b, f), score: (a.length + b.length - Math.abs(s1 - s2) * 4) * f });
        }
  out.sort((p, q) => q.score - p.score);
  const chosen: PerspectiveMrz[] = [];
  for (const c of out) {
    if (chosen.length >= max) break;
    const mid = (p: PerspectiveMrz) => [(p.line1[0][0] + p.line1[1][0]) / 2, (p.line1[0][1] + p.line1[1][1]) / 2];
    if (chosen.some((d) => Math.hypot(mid(d)[0]! - mid(c)[0]!, mid(d)[1]! - mid(c)[1]!) < 20)) continue;
    chosen.push(c);
  }
  return chosen;
}

/**
 * Cut the candidate out through the homography that makes lines 1 and 2 straight and `lineHeight` px apart, wide,
 * then trimmed to the ink along lines 1 and 2 (bridging gaps under 1.5 line heights). (Upright only: an upside-down
 * back's short name line comes first and is not taken for line 1.)
 */
export function extractPerspective(img: Grey, c: PerspectiveMrz, opts: { lineHeight?: number } = {}): Grey {
  const lineH = opts.lineHeight ?? 44;
  const [a0, a1] = c.line1;
  const [b0, b1] = c.line2;
  const len = Math.hypot(a1[0] - a0[0], a1[1] - a0[1]);
  const spacing = Math.hypot((b0[0] + b1[0] - a0[0] - a1[0]) / 2, (b0[1] + b1[1] - a0[1] - a1[1]) / 2);
  const L = (len * lineH) / Math.max(4, spacing);
  const W = Math.round(L * 2.6);
  const pad = Math.round(L * 0.8);
  const margin = 16;
  const y1 = margin + Math.round(lineH * 0.95);
  const y2 = y1 + lineH;
  const H = y2 + lineH + Math.round(lineH * 0.95) + margin;
  // output → input
  const Hm = homography([[pad, y1], [W - pad, y1], [W - pad, y2], [pad, y2]], [a0, a1, b1, b0]);
  const wide = warpInverse(img.data, img.width, img.height, 1, Hm, W, H, 255);
  // the ink of lines 1 and 2 (their rows in the cut-out), from the known part outwards
  const [r0, r1] = [y1 - lineH / 2, y2 + lineH / 2];
  const inkAt = (x: number) => {
    let n = 0;
    for (let y = Math.max(0, Math.round(r0)); y < Math.min(H, Math.round(r1)); y++) if (wide[y * W + x]! < 110) n++;
    return n >= 2;
  };
  let x0 = pad;
  let x1 = W - pad;
  for (let x = pad, gap = 0; x >= 0 && gap <= lineH * 1.5; x--) {
    if (inkAt(x)) {
      x0 = x;
      gap = 0;
    } else gap++;
  }
  for (let x = W - pad, gap = 0; x < W && gap <= lineH * 1.5; x++) {
    if (inkAt(x)) {
      x1 = x;
      gap = 0;
    } else gap++;
  }
  const cx0 = Math.max(0, x0 - 24);
  const cw = Math.min(W, x1 + 25) - cx0;
  const data = new Uint8Array(cw * H);
  for (let y = 0; y < H; y++) data.set(wide.subarray(y * W + cx0, y * W + cx0 + cw), y * cw);
  return { data, width: cw, height: H };
}
