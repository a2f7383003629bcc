/**
 * Extra scenes of the tuning generator (issue 15, front OCR): light the reader must cope with. Not in
 * the default cycle (VARIANTS), so the benchmark's tuning set stays what it was; chosen by name
 * (`generateSet({ variants })`, `generate.ts --variants shadow,faded`).
 *   - shadow: a straight shadow edge across the frame at a random angle, one side 30–50 % as bright,
 *     the edge soft over a few pixels (a hand, a lamp's arm, the kiosk's own hood);
 *   - faded: a worn or washed-out print, the whole photo at 40–55 % contrast and lifted towards white,
 *     then JPEG q 45.
 */
import sharp from 'sharp';
import type { Rng } from './people.ts';

export const LIGHT_VARIANTS = ['shadow', 'faded'] as const;
export type LightVariant = (typeof LIGHT_VARIANTS)[number];

export function isLightVariant(v: string): v is LightVariant {
  return (LIGHT_VARIANTS as readonly string[]).includes(v);
}

/** Apply a light scene to an encoded photo; returns a JPEG. */
export async function relight(photo: Buffer, variant: LightVariant, rng: Rng): Promise<Buffer> {
  const { data, info } = await sharp(photo).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const { width: W, height: H } = info;
  const out = Buffer.from(data);
  if (variant === 'shadow') {
    // The edge passes near the middle; pixels on its far side are darkened.
    const angle = (rng() - 0.5) * Math.PI * 0.8 + (rng() < 0.5 ? 0 : Math.PI / 2);
    const nx = Math.cos(angle);
    const ny = Math.sin(angle);
    const cx = W * (0.4 + rng() * 0.2);
    const cy = H * (0.4 + rng() * 0.2);
    const dark = 0.3 + rng() * 0.2;
    const soft = 2 + rng() * 6;
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        const d = (x - cx) * nx + (y - cy) * ny;
        const t = Math.max(0, Math.min(1, 0.5 + d / (2 * soft)));
        const f = 1 - (1 - dark) * t;
        const i = (y * W + x) * 3;
        out[i] = Math.round(out[i]! * f);
        out[i + 1] = Math.round(out[i + 1]! * f);
        out[i + 2] = Math.round(out[i + 2]! * f * 1.05 > 255 ? 255 : out[i + 2]! * f * 1.05);
      }
  } else {
    const contrast = 0.4 + rng() * 0.15;
    const lift = 255 * (1 - contrast) * (0.75 + rng() * 0.2);
    for (let i = 0; i < out.length; i++) out[i] = Math.max(0, Math.min(255, Math.round(out[i]! * contrast + lift)));
  }
  return sharp(out, { raw: { width: W, height: H, channels: 3 } }).jpeg({ quality: variant === 'faded' ? 45 : 80 }).toBuffer();
}
