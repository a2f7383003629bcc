/**
 * Printer profiles: what we know about a model. Raster is the default and the fallback for any
 * model we do not know; text mode is used only when the profile names a code page whose encoder
 * round-trips every Vietnamese letter AND the model is known to combine tone marks.
 */
import { cp1258, roundTrips, type Codec } from './codepage.ts';
import { PAPER, type PaperSpec, type PaperWidthMm } from './receipt.ts';

export interface TextModeSpec {
  codec: Codec;
  /** The `ESC t n` number of that code page on this model. */
  escT: number;
  /** The firmware draws a combining tone over the previous letter (some print it beside it). */
  combinesMarks: boolean;
  /** Font A characters per line (12×24 dots). */
  columns: Record<PaperWidthMm, number>;
}

export interface PrinterProfile {
  model: string;
  label: string;
  /** Preferred mode; `effectiveMode` decides what is actually used. */
  mode: 'raster' | 'text';
  text?: TextModeSpec;
  cut: 'partial' | 'full';
  /** Dots fed before the cut so the last line clears the cutter. */
  feedBeforeCut: number;
  note: string;
}

export const DEFAULT_MODEL = 'generic';

export const PROFILES: Record<string, PrinterProfile> = {
  generic: {
    model: 'generic',
    label: 'Any ESC/POS printer (raster)',
    mode: 'raster',
    cut: 'partial',
    feedBeforeCut: 96,
    note: 'GS v 0 raster only: needs nothing from the printer but bit images.',
  },
  'epson-tm-t88vi': {
    model: 'epson-tm-t88vi',
    label: 'Epson TM-T88VI',
    mode: 'text',
    text: { codec: cp1258, escT: 52, combinesMarks: true, columns: { 58: 32, 80: 48 } },
    cut: 'partial',
    feedBeforeCut: 96,
    note: 'WPC1258 is page 52; Vietnamese round-tripped with base letter + combining tone.',
  },
  'pos-5890': {
    model: 'pos-5890',
    label: 'POS-5890 (58 mm)',
    mode: 'text',
    text: { codec: cp1258, escT: 0x1b, combinesMarks: false, columns: { 58: 32, 80: 48 } },
    cut: 'partial',
    feedBeforeCut: 96,
    note: 'Has WPC1258 (page 27) but prints tone marks beside the letter: raster.',
  },
};

export function resolveProfile(model: string | undefined): PrinterProfile {
  const key = (model ?? DEFAULT_MODEL).trim().toLowerCase();
  return PROFILES[key] ?? PROFILES[DEFAULT_MODEL]!;
}

export type EffectiveMode = { mode: 'raster'; why: string } | { mode: 'text'; text: TextModeSpec; why: string };

const roundTripCache = new WeakMap<Codec, boolean>();

export function effectiveMode(profile: PrinterProfile): EffectiveMode {
  if (profile.mode !== 'text' || !profile.text) return { mode: 'raster', why: 'profile prints raster' };
  const t = profile.text;
  if (!t.combinesMarks) return { mode: 'raster', why: `${profile.model} does not combine tone marks` };
  let ok = roundTripCache.get(t.codec);
  if (ok === undefined) roundTripCache.set(t.codec, (ok = roundTrips(t.codec)));
  if (!ok) return { mode: 'raster', why: `${t.codec.name} does not round-trip Vietnamese` };
  return { mode: 'text', text: t, why: `${t.codec.name} round-trips (ESC t ${t.escT})` };
}

export function paperSpec(widthMm: PaperWidthMm | undefined): PaperSpec {
  return PAPER[widthMm ?? 80];
}
