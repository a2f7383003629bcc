/**
 * A small seeded PRNG (mulberry32), so generated test data and spread figures are the same on
 * every run. The ID-card generators (tests/idcard-data*) keep their own on purpose: each was written
 * from scratch, apart from the others.
 */
export type Rng = () => number;

export function seeded(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
