/**
 * Generator 4's own random numbers: a 128-bit "small fast counting" generator (sfc32) seeded through
 * a 32-bit mixer, so the same seed gives the same set on every machine and Node version.
 */
export interface Rand {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [lo, hi] (both included). */
  int(lo: number, hi: number): number;
  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(xs: readonly T[]): T;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** A child stream for one item, independent of how many draws other items took. */
  fork(label: string | number): Rand;
}

function mix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

function hashLabel(seed: number, label: string): number {
  let h = mix32(seed ^ 0x9e3779b9);
  for (const ch of label) h = mix32(h ^ (ch.codePointAt(0) ?? 0));
  return h;
}

export function makeRand(seed: number): Rand {
  let a = mix32(seed + 0x1234567);
  let b = mix32(a ^ 0xdeadbeef);
  let c = mix32(b + 0x51ed270b);
  let d = 1;
  const raw = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) raw();
  const r: Rand = {
    next: raw,
    int: (lo, hi) => lo + Math.floor(raw() * (hi - lo + 1)),
    range: (lo, hi) => lo + raw() * (hi - lo),
    chance: (p) => raw() < p,
    pick: (xs) => {
      if (!xs.length) throw new Error('pick from an empty list');
      return xs[Math.floor(raw() * xs.length)]!;
    },
    normal: () => {
      const u = Math.max(raw(), 1e-12);
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * raw());
    },
    fork: (label) => makeRand(hashLabel(seed, String(label))),
  };
  return r;
}
