/** Deterministic randomness for the synthetic paper photos (mulberry32). */
import { seeded, type Rng } from '../support/rng.ts';

export { seeded, type Rng };
export const choose = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
export const between = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng();
/** Approximately normal (sum of uniforms). */
export const gauss = (rng: Rng): number => rng() + rng() + rng() + rng() + rng() + rng() - 3;
