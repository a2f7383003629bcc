/**
 * Generator 9's faces — none used by generators 1–8 — from Debian packages (.ci/run installs them):
 * fonts-quicksand, fonts-comfortaa, fonts-vollkorn, fonts-texgyre, fonts-linuxlibertine,
 * fonts-roboto-slab, fonts-league-spartan for the card's words (each covers ư ơ ă đ and U+1EA0–1EF9),
 * and for the MRZ the monospaced fonts-firacode, fonts-mononoki, fonts-inconsolata and TeX Gyre Cursor.
 */
import { existsSync } from 'node:fs';
import { covers, loadFont, type SfntFont } from './font.ts';
import type { Rand } from './rand.ts';

const TG = '/usr/share/texmf/fonts/opentype/public/tex-gyre';
const FILES = {
  quicksand: '/usr/share/fonts/truetype/quicksand/Quicksand-Regular.ttf',
  quicksandMedium: '/usr/share/fonts/truetype/quicksand/Quicksand-Medium.ttf',
  quicksandBold: '/usr/share/fonts/truetype/quicksand/Quicksand-Bold.ttf',
  comfortaa: '/usr/share/fonts/truetype/comfortaa/Comfortaa-Regular.ttf',
  comfortaaBold: '/usr/share/fonts/truetype/comfortaa/Comfortaa-Bold.ttf',
  vollkorn: '/usr/share/fonts/truetype/vollkorn/Vollkorn-Regular.ttf',
  vollkornSemi: '/usr/share/fonts/truetype/vollkorn/Vollkorn-SemiBold.ttf',
  vollkornBlack: '/usr/share/fonts/truetype/vollkorn/Vollkorn-Black.ttf',
  heros: `${TG}/texgyreheros-regular.otf`,
  herosBold: `${TG}/texgyreheros-bold.otf`,
  herosCn: `${TG}/texgyreheroscn-regular.otf`,
  herosCnBold: `${TG}/texgyreheroscn-bold.otf`,
  termes: `${TG}/texgyretermes-regular.otf`,
  termesBold: `${TG}/texgyretermes-bold.otf`,
  pagella: `${TG}/texgyrepagella-regular.otf`,
  adventor: `${TG}/texgyreadventor-regular.otf`,
  adventorBold: `${TG}/texgyreadventor-bold.otf`,
  cursorBold: `${TG}/texgyrecursor-bold.otf`,
  biolinum: '/usr/share/fonts/opentype/linux-libertine/LinBiolinum_R.otf',
  biolinumBold: '/usr/share/fonts/opentype/linux-libertine/LinBiolinum_RB.otf',
  libertine: '/usr/share/fonts/opentype/linux-libertine/LinLibertine_R.otf',
  libertineBold: '/usr/share/fonts/opentype/linux-libertine/LinLibertine_RB.otf',
  slab: '/usr/share/fonts/opentype/roboto/slab/RobotoSlab-Light.otf',
  slabRegular: '/usr/share/fonts/opentype/roboto/slab/RobotoSlab-Regular.otf',
  slabBold: '/usr/share/fonts/opentype/roboto/slab/RobotoSlab-Bold.otf',
  spartan: '/usr/share/fonts/opentype/league-spartan/LeagueSpartan-Light.otf',
  spartanSemi: '/usr/share/fonts/opentype/league-spartan/LeagueSpartan-SemiBold.otf',
  spartanBold: '/usr/share/fonts/opentype/league-spartan/LeagueSpartan-Bold.otf',
  firaCode: '/usr/share/fonts/truetype/firacode/FiraCode-Medium.ttf',
  mononoki: '/usr/share/fonts/truetype/mononoki/mononoki-Regular.ttf',
  mononokiBold: '/usr/share/fonts/truetype/mononoki/mononoki-Bold.ttf',
  inconsolata: '/usr/share/fonts/truetype/inconsolata/Inconsolata.otf',
} as const;
export type FontKey = keyof typeof FILES;

const PACKAGES = 'fonts-quicksand fonts-comfortaa fonts-vollkorn fonts-texgyre fonts-linuxlibertine fonts-roboto-slab fonts-league-spartan fonts-firacode fonts-mononoki fonts-inconsolata';

export function font(key: FontKey): SfntFont {
  const file = FILES[key];
  if (!existsSync(file)) throw new Error(`gen9: font ${file} is missing — apt-get install ${PACKAGES}`);
  return loadFont(file);
}

export interface Typeset {
  name: string;
  label: SfntFont;
  value: SfntFont;
  /** The holder's name and the number: a bold face, sometimes condensed. */
  strong: SfntFont;
  idFont: SfntFont;
  mrz: SfntFont;
  condensed: number;
}

/** Pairings a card is drawn with (label face / value face / bold face / ID face). */
const SETS: [string, FontKey, FontKey, FontKey, FontKey][] = [
  ['Quicksand', 'quicksand', 'quicksandMedium', 'quicksandBold', 'quicksandBold'],
  ['Comfortaa + Heros Cn', 'comfortaa', 'herosCn', 'comfortaaBold', 'herosCnBold'],
  ['Vollkorn', 'vollkorn', 'vollkorn', 'vollkornSemi', 'vollkornBlack'],
  ['TeX Gyre Heros', 'heros', 'heros', 'herosBold', 'herosCnBold'],
  ['TeX Gyre Termes + Pagella', 'termes', 'pagella', 'termesBold', 'termesBold'],
  ['TeX Gyre Adventor', 'adventor', 'adventor', 'adventorBold', 'adventorBold'],
  ['Linux Biolinum', 'biolinum', 'biolinum', 'biolinumBold', 'biolinumBold'],
  ['Linux Libertine', 'libertine', 'libertine', 'libertineBold', 'biolinumBold'],
  ['Roboto Slab', 'slab', 'slabRegular', 'slabBold', 'slabBold'],
  ['League Spartan', 'spartan', 'spartan', 'spartanSemi', 'spartanBold'],
];
const MRZ_FONTS: FontKey[] = ['cursorBold', 'firaCode', 'mononoki', 'mononokiBold', 'inconsolata'];

export const VIETNAMESE_TEST = 'ĂÂĐÊÔƠƯăâđêôơư' + Array.from({ length: 0x1ef9 - 0x1ea0 + 1 }, (_, i) => String.fromCodePoint(0x1ea0 + i)).join('');

export function pickTypeset(r: Rand): Typeset {
  const [name, l, v, s, id] = r.pick(SETS);
  const t: Typeset = { name, label: font(l), value: font(v), strong: font(s), idFont: font(id), mrz: font(r.pick(MRZ_FONTS)), condensed: r.chance(0.3) ? r.int(84, 94) : 100 };
  for (const f of [t.label, t.value, t.strong]) if (!covers(f, VIETNAMESE_TEST)) throw new Error(`gen9: ${f.postscriptName} lacks Vietnamese letters`);
  return t;
}

export const ALL_TEXT_FONTS = SETS.flatMap(([, ...k]) => k);
export const ALL_MRZ_FONTS = MRZ_FONTS;
