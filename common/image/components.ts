/**
 * Connected ink components of a binary mask, with their bounding boxes (inclusive) and a label per pixel. Shared by
 * the text line's isolation (drivers/idcard/text-line.ts, 8-connected: a letter's strokes that touch at a corner are
 * one letter), the marks-above-letters score and the name's marks (text-up.ts, name-marks.ts, 4-connected: a tone
 * mark that touches its letter only at a corner stays a mark) and the camera frame's card region
 * (common/idcard/card-region.ts, 4-connected). Pure arithmetic; components are numbered in scan order.
 */

export interface Component {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Its pixel count. */
  area: number;
}

export interface Components {
  comps: Component[];
  /** Each pixel's component index, −1 where there is no ink. */
  label: Int32Array;
}

/** The components of `ink` (non-zero = ink), `w` × `h`, 4- or 8-connected. */
export function inkComponents(ink: Uint8Array, w: number, h: number, connectivity: 4 | 8): Components {
  const label = new Int32Array(w * h).fill(-1);
  const comps: Component[] = [];
  const stack: number[] = [];
  for (let i = 0; i < w * h; i++) {
    if (!ink[i] || label[i] !== -1) continue;
    const l = comps.length;
    const c: Component = { x0: w, y0: h, x1: -1, y1: -1, area: 0 };
    comps.push(c);
    label[i] = l;
    stack.push(i);
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % w;
      const y = (p / w) | 0;
      c.area++;
      if (x < c.x0) c.x0 = x;
      if (x > c.x1) c.x1 = x;
      if (y < c.y0) c.y0 = y;
      if (y > c.y1) c.y1 = y;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          if ((dx === 0 && dy === 0) || (connectivity === 4 && dx !== 0 && dy !== 0)) continue;
          const xx = x + dx;
          if (xx < 0 || xx >= w) continue;
          const q = yy * w + xx;
          if (ink[q] && label[q] === -1) {
            label[q] = l;
            stack.push(q);
          }
        }
      }
    }
  }
  return { comps, label };
}
