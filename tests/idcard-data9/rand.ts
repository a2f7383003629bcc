/**
 * Generator 9's own random source: sfc32 seeded through splitmix32, so the same seed draws the same
 * cards on every machine. Written for this generator alone (the other generators keep their own).
 */
export interface Rand {
  /** [0, 1) */
  (): number;
  int(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
  range(lo: number, hi: number): number;
  /** Roughly normal (sum of four uniforms), mean 0, sd ≈ 1. */
  gauss(): number;
  fork(salt: number): Rand;
}

function splitmix(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function makeRand(seed: number): Rand {
  const sm = splitmix(seed);
  let a = sm();
  let b = sm();
  let c = sm();
  let d = sm();
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const r = next as Rand;
  r.int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  r.pick = (xs) => xs[Math.floor(next() * xs.length)]!;
  r.chance = (p) => next() < p;
  r.range = (lo, hi) => lo + next() * (hi - lo);
  r.gauss = () => (next() + next() + next() + next() - 2) * 1.7320508;
  r.fork = (salt) => makeRand((Math.imul(seed ^ 0x5bd1e995, 31) + salt * 0x27d4eb2d) >>> 0);
  return r;
}
