/**
 * Fonts with every Vietnamese glyph, from Debian packages (fonts-dejavu-core, fonts-noto-core):
 * nothing is downloaded. The first family whose regular and bold files both exist wins.
 */
import { existsSync } from 'node:fs';
import { GlobalFonts } from '@napi-rs/canvas';

interface FontCandidate {
  family: string;
  regular: string[];
  bold: string[];
  mono: string[];
}

/** Known Debian/Ubuntu locations (the only absolute paths in the printer driver). */
const CANDIDATES: FontCandidate[] = [
  {
    family: 'DejaVu Sans',
    regular: ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/TTF/DejaVuSans.ttf', '/usr/share/fonts/dejavu/DejaVuSans.ttf'],
    bold: ['/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf', '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf', '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf'],
    mono: ['/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf', '/usr/share/fonts/TTF/DejaVuSansMono.ttf', '/usr/share/fonts/dejavu/DejaVuSansMono.ttf'],
  },
  {
    family: 'Noto Sans',
    regular: ['/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf', '/usr/share/fonts/noto/NotoSans-Regular.ttf'],
    bold: ['/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf', '/usr/share/fonts/noto/NotoSans-Bold.ttf'],
    mono: ['/usr/share/fonts/truetype/noto/NotoSansMono-Regular.ttf', '/usr/share/fonts/noto/NotoSansMono-Regular.ttf'],
  },
];

/** Names the fonts are registered under, so a system font of the same name never substitutes. */
export const FONT_REGULAR = 'WardKiosk Receipt';
export const FONT_BOLD = 'WardKiosk Receipt Bold';
export const FONT_MONO = 'WardKiosk Receipt Mono';

export class FontNotFoundError extends Error {
  constructor(searched: string[]) {
    super(
      `no font with Vietnamese glyphs found for receipts; install the Debian package fonts-dejavu-core or fonts-noto-core. Searched: ${searched.join(', ')}`,
    );
    this.name = 'FontNotFoundError';
  }
}

export interface ResolvedFonts {
  family: string;
  regular: string;
  bold: string;
  mono: string;
}

const first = (paths: string[], exists: (p: string) => boolean): string | undefined => paths.find((p) => exists(p));

/** Pure resolution over a candidate list (tests pass their own `exists`). */
export function resolveFonts(exists: (p: string) => boolean = existsSync, candidates: FontCandidate[] = CANDIDATES): ResolvedFonts {
  const searched: string[] = [];
  for (const c of candidates) {
    const regular = first(c.regular, exists);
    const bold = first(c.bold, exists);
    searched.push(...c.regular);
    if (regular && bold) return { family: c.family, regular, bold, mono: first(c.mono, exists) ?? regular };
  }
  throw new FontNotFoundError(searched);
}

let registered: ResolvedFonts | null = null;

/** Registers the receipt fonts with Skia once; throws FontNotFoundError if none is installed. */
export function ensureFonts(): ResolvedFonts {
  if (registered) return registered;
  const fonts = resolveFonts();
  GlobalFonts.registerFromPath(fonts.regular, FONT_REGULAR);
  GlobalFonts.registerFromPath(fonts.bold, FONT_BOLD);
  GlobalFonts.registerFromPath(fonts.mono, FONT_MONO);
  registered = fonts;
  return fonts;
}
