/**
 * Generator 5's own pseudo-random numbers: xoshiro128** seeded through splitmix32 (the other generators
 * use other PRNGs). Every choice of the generator goes through one of these, so a seed fixes the set.
 */
export interface Rng {
  /** [0, 1) */
  next(): number;
  int(lo: number, hi: number): number;
  range(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
  /** standard normal (Box–Muller) */
  normal(): number;
  /** a child stream, independent of how many numbers the parent draws later */
  fork(label: string): Rng;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function hashLabel(label: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (const ch of label) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return h >>> 0;
}

export function makeRng(seed: number): Rng {
  const sm = splitmix32(seed);
  const s = new Uint32Array([sm(), sm(), sm(), sm()]);
  if (!(s[0]! | s[1]! | s[2]! | s[3]!)) s[0] = 1;
  const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;
  const u32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s[1]!, 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1]! << 9) >>> 0;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  };
  const next = () => u32() / 4294967296;
  const rng: Rng = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    range: (lo, hi) => lo + next() * (hi - lo),
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
    chance: (p) => next() < p,
    normal: () => {
      const u = Math.max(next(), 1e-12);
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    fork: (label) => makeRng(hashLabel(label, u32())),
  };
  return rng;
}
