import { describe, expect, it } from 'vitest';
import { binarize, flatten } from '../../../drivers/document/binarize.ts';
import { applyH, homography4, isConvex, orderCorners, warpGrey, type Pt, type Quad } from '../../../drivers/document/geometry.ts';
import { pageRatio } from '../../../drivers/document/rectify.ts';
import { convexHull, largestQuad } from '../../../drivers/document/detect.ts';

/** A w × h rectangle posed in 3-D (rotations about x and y, distance d) seen by a pinhole camera of focal f. */
function project(w: number, h: number, ax: number, ay: number, f: number, d: number, W: number, H: number): Quad {
  return (
    [
      [-w / 2, -h / 2],
      [w / 2, -h / 2],
      [w / 2, h / 2],
      [-w / 2, h / 2],
    ] as Pt[]
  ).map(([x, y]) => {
    const y1 = y * Math.cos(ax);
    const z1 = y * Math.sin(ax);
    const x2 = x * Math.cos(ay) + z1 * Math.sin(ay);
    const z2 = -x * Math.sin(ay) + z1 * Math.cos(ay);
    return [W / 2 + 40 + (f * x2) / (d + z2), H / 2 - 30 + (f * y1) / (d + z2)] as Pt;
  }) as Quad;
}

describe('geometry', () => {
  it('the 4-point homography maps each point to its pair', () => {
    const src: Pt[] = [
      [0, 0],
      [800, 0],
      [800, 1131],
      [0, 1131],
    ];
    const dst: Pt[] = [
      [312.5, 80.25],
      [1490, 140],
      [1380, 1290.75],
      [260, 1180],
    ];
    const H = homography4(src, dst);
    src.forEach((p, i) => {
      const [x, y] = applyH(H, p[0], p[1]);
      expect(x).toBeCloseTo(dst[i]![0], 6);
      expect(y).toBeCloseTo(dst[i]![1], 6);
    });
    expect(() => homography4(src, [dst[0]!, dst[0]!, dst[0]!, dst[0]!])).toThrow(/degenerate/);
  });

  it('warps bilinearly: the identity keeps the image, a shift by half a pixel averages neighbours', () => {
    const img = Uint8Array.from({ length: 16 }, (_, i) => (i % 4) * 60);
    const id = homography4(
      [
        [0, 0],
        [4, 0],
        [4, 4],
        [0, 4],
      ],
      [
        [0, 0],
        [4, 0],
        [4, 4],
        [0, 4],
      ],
    );
    expect([...warpGrey(img, 4, 4, id, 4, 4)]).toEqual([...img]);
    const half = [1, 0, 0.5, 0, 1, 0, 0, 0, 1];
    expect([...warpGrey(img, 4, 4, half, 3, 1)]).toEqual([30, 90, 150]);
  });

  it('orders corners clockwise from the top left and tells convex from not', () => {
    const q = orderCorners([
      [900, 1000],
      [100, 80],
      [120, 990],
      [880, 60],
    ]);
    expect(q).toEqual([
      [100, 80],
      [880, 60],
      [900, 1000],
      [120, 990],
    ]);
    expect(isConvex(q)).toBe(true);
    expect(isConvex([q[0], q[2], q[1], q[3]])).toBe(false);
  });

  it('recovers the true aspect ratio of a rectangle seen in perspective', () => {
    const W = 1920;
    const H = 1080;
    for (const [w, h] of [
      [600, 600],
      [500, 800],
      [800, 500],
    ] as const) {
      const q = project(w, h, 0.45, -0.3, 1500, 2400, W, H);
      // the raw side ratio is misleading under this tilt
      expect(Math.abs(pageRatio(q, W, H) - h / w) / (h / w)).toBeLessThan(0.03);
    }
    // an A4 page comes out exactly √2
    expect(pageRatio(project(500, 707, 0.3, 0.2, 1700, 2000, W, H), W, H)).toBe(Math.SQRT2);
  });

  it('finds the largest quadrilateral on a convex hull', () => {
    const pts: Pt[] = [];
    for (let k = 0; k < 200; k++) pts.push([100 + Math.random() * 400, 50 + Math.random() * 600]);
    pts.push([100, 50], [500, 50], [500, 650], [100, 650]);
    const q = largestQuad(convexHull(pts));
    expect(q).toEqual([
      [100, 50],
      [500, 50],
      [500, 650],
      [100, 650],
    ]);
  });
});

describe('flattening and threshold', () => {
  it('makes a page lit from one side evenly white and keeps the ink black', () => {
    const w = 600;
    const h = 400;
    const g = new Uint8Array(w * h);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const light = 0.45 + 0.55 * (x / w); // 45 % to 100 % of the light
        const ink = y % 40 >= 18 && y % 40 < 24 && x % 30 < 20; // strokes
        g[y * w + x] = Math.round((ink ? 40 : 235) * light);
      }
    const out = binarize(flatten(g, w, h), w, h);
    let paperDark = 0;
    let inkLight = 0;
    let paper = 0;
    let ink = 0;
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const isInk = y % 40 >= 18 && y % 40 < 24 && x % 30 < 20;
        const v = out[y * w + x]!;
        if (isInk) {
          ink++;
          if (v > 80) inkLight++;
        } else {
          // skip the stroke's own blurred border
          if (y % 40 >= 16 && y % 40 < 26 && (x % 30 < 22 || x % 30 > 28)) continue;
          paper++;
          if (v < 200) paperDark++;
        }
      }
    expect(paperDark / paper).toBeLessThan(0.01);
    expect(inkLight / ink).toBeLessThan(0.05);
  });
});
