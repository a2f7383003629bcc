/** drivers/idcard/components.ts: the shared connected-components pass (text-line.ts 8-connected, text-up.ts 4-connected). */
import { describe, expect, it } from 'vitest';
import { inkComponents } from '../../../common/image/components.ts';

/** A mask from rows of '#' (ink) and '.'. */
function mask(rows: string[]): { ink: Uint8Array; w: number; h: number } {
  const w = rows[0]!.length;
  return { ink: Uint8Array.from(rows.join('').split('').map((c) => (c === '#' ? 1 : 0))), w, h: rows.length };
}

describe('inkComponents', () => {
  const m = mask(['##....', '##....', '..#...', '.....#', '....##']);
  it('joins pixels touching at a corner only when 8-connected', () => {
    const four = inkComponents(m.ink, m.w, m.h, 4);
    const eight = inkComponents(m.ink, m.w, m.h, 8);
    expect(four.comps.map((c) => c.area)).toEqual([4, 1, 3]);
    expect(eight.comps.map((c) => c.area)).toEqual([5, 3]);
    expect(eight.comps[0]).toEqual({ x0: 0, y0: 0, x1: 2, y1: 2, area: 5 });
  });
  it('labels each ink pixel with its component, −1 elsewhere, in scan order', () => {
    const { label } = inkComponents(m.ink, m.w, m.h, 8);
    expect(label[0]).toBe(0);
    expect(label[2 * m.w + 2]).toBe(0);
    expect(label[3 * m.w + 5]).toBe(1);
    expect(label[m.w * m.h - 1]).toBe(1);
    expect(label[5]).toBe(-1);
  });
});
