/**
 * Windows-1258 (Vietnamese) for printers whose text mode is proven to round-trip.
 *
 * CP1258 has ă â ê ô ơ ư đ (and their capitals) as single bytes but the five tones only as
 * combining marks (0xCC grave, 0xEC acute, 0xDE tilde, 0xD2 hook above, 0xF2 dot below). So a
 * precomposed letter such as ễ is sent as ê + U+0303 — the split iconv-lite's windows-1258 does not
 * do (it turns ễ into '?'), and node-thermal-printer's WPC1258 path sends wrong bytes altogether.
 */

/** Code points of bytes 0x80..0xFF (0 = undefined in CP1258). */
const HIGH = [
  0x20ac, 0, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0, 0x2039, 0x152, 0, 0, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0, 0x203a, 0x153, 0, 0, 0x178,
  0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf,
  0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xbb, 0xbc, 0xbd, 0xbe, 0xbf,
  0xc0, 0xc1, 0xc2, 0x102, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xcb, 0x300, 0xcd, 0xce, 0xcf,
  0x110, 0xd1, 0x309, 0xd3, 0xd4, 0x1a0, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0x1af, 0x303, 0xdf,
  0xe0, 0xe1, 0xe2, 0x103, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xeb, 0x301, 0xed, 0xee, 0xef,
  0x111, 0xf1, 0x323, 0xf3, 0xf4, 0x1a1, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0x1b0, 0x20ab, 0xff,
];

const TONES = new Set([0x300, 0x301, 0x303, 0x309, 0x323]);
const ENCODE = new Map<number, number>();
HIGH.forEach((cp, i) => {
  if (cp) ENCODE.set(cp, 0x80 + i);
});

export interface Codec {
  name: string;
  /** Bytes for the text, or the characters it cannot represent. */
  encode(text: string): { bytes: Buffer; unmappable: string[] };
  decode(bytes: Uint8Array): string;
}

function byteOf(cp: number): number | undefined {
  if (cp >= 0x20 && cp < 0x7f) return cp;
  return ENCODE.get(cp);
}

export const cp1258: Codec = {
  name: 'cp1258',
  encode(text) {
    const out: number[] = [];
    const unmappable: string[] = [];
    for (const ch of text.normalize('NFC')) {
      const direct = byteOf(ch.codePointAt(0)!);
      if (direct !== undefined) {
        out.push(direct);
        continue;
      }
      // split off the tone marks only; the rest (base + breve/circumflex/horn) recomposes
      const nfd = [...ch.normalize('NFD')];
      const tones = nfd.filter((c) => TONES.has(c.codePointAt(0)!));
      const base = nfd
        .filter((c) => !TONES.has(c.codePointAt(0)!))
        .join('')
        .normalize('NFC');
      const bytes = [...base, ...tones].map((c) => byteOf(c.codePointAt(0)!));
      if (base.length === 1 && bytes.every((b) => b !== undefined)) out.push(...(bytes as number[]));
      else {
        unmappable.push(ch);
        out.push(0x3f);
      }
    }
    return { bytes: Buffer.from(out), unmappable };
  },
  decode(bytes) {
    let s = '';
    for (const b of bytes) s += b < 0x80 ? String.fromCharCode(b) : HIGH[b - 0x80] ? String.fromCodePoint(HIGH[b - 0x80]!) : '\ufffd';
    return s.normalize('NFC');
  },
};

/** Every letter of the Vietnamese alphabet with every tone, lower and upper case, plus đ/Đ and ₫. */
export function vietnameseRepertoire(): string {
  const bases = 'aăâeêioôơuưy';
  const tones = ['', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];
  let s = 'đĐ₫ ';
  for (const b of bases + bases.toUpperCase()) for (const t of tones) s += (b + t).normalize('NFC');
  return s;
}

/** True when every Vietnamese letter survives encode → decode exactly (NFC on both sides). */
export function roundTrips(codec: Codec, sample = vietnameseRepertoire()): boolean {
  const { bytes, unmappable } = codec.encode(sample);
  return unmappable.length === 0 && codec.decode(bytes) === sample.normalize('NFC');
}
