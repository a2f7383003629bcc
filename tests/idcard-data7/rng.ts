/**
 * Generator 7's own seeded random source (SplitMix32-style integer hash over a counter), written for this
 * generator alone so that nothing about it is shared with generators 1–6 or tests/support.
 */
export interface Rand {
  /** uniform in [0, 1) */
  next(): number;
  /** integer in [lo, hi] */
  int(lo: number, hi: number): number;
  /** uniform in [lo, hi) */
  range(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
  /** approximately normal (sum of four uniforms), mean 0, sd 1 */
  gauss(): number;
  /** a new independent stream derived from this one and a label */
  fork(label: string): Rand;
}

function hash32(x: number): number {
  x = (x + 0x9e3779b9) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x21f0aaad) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97) >>> 0;
  return (x ^ (x >>> 15)) >>> 0;
}

function labelHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export function rand(seed: number): Rand {
  let state = hash32(seed >>> 0);
  let counter = 0;
  const next = () => hash32((state ^ Math.imul(++counter, 0x85ebca6b)) >>> 0) / 4294967296;
  const r: Rand = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    range: (lo, hi) => lo + next() * (hi - lo),
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
    chance: (p) => next() < p,
    gauss: () => (next() + next() + next() + next() - 2) * Math.sqrt(3),
    fork: (label) => rand(hash32(state ^ labelHash(label))),
  };
  // decorrelate the first draws from the seed
  state = hash32(state ^ 0x5bd1e995);
  return r;
}
