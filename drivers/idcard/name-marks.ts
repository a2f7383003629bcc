/**
 * The tone and vowel marks of the name, seen in the pixels (session 11, idtone). The name is printed in
 * capitals on both card generations, so every mark of a letter lies outside the letters' body: the
 * circumflex, breve and tones acute, grave, hook above and tilde above the cap height (a tone over a
 * circumflex or breve is a second mark stacked over the first: Ầ Ẳ Ễ), the dot below under the baseline.
 * This module measures, on the very image of the name line that one OCR reading was made from (the
 * isolated line of text-line.ts, in the coordinates of that reading's hOCR word boxes), for each word:
 *  - how many separate marks stand above its letters (ink components wholly above the cap line),
 *    and whether ink joined to a letter rises above it (a mark run into its letter: then the count is
 *    not trusted — the horn of Ư and Ơ excepted, which is joined to its letter by design);
 *  - whether a dot stands below it (a small compact component wholly under the baseline);
 *  - the shape of the mark that is the tone, when the count says which one it is: acute (a long stroke
 *    rising to the right), grave (falling to the right), tilde (wide, flat and wavy). A hook above is
 *    not told: on the small, soft lines of photographed cards a short acute or grave is as compact.
 * Everything is in ratios of the line's own letter height (no pixel constant, no font): the body band
 * is the densest run of rows, as text-line.ts finds it.
 *
 * name-marks-vote.ts turns these observations into decisions on the voted name. Pure pixel and string
 * code (no sharp, no OCR: it costs a component labelling of a line already in memory).
 */
import { inkComponents, type Component } from '../../common/image/components.ts';
import { otsu } from './image.ts';
import { densestBand, type GreyImage } from './text-line.ts';

/** What the pixels show of one word's marks. */
export interface WordMarks {
  /** The word as that reading gave it (NFC). */
  word: string;
  /** Separate marks wholly above the cap line, over the word's letters. */
  above: number;
  /** Ink joined to a letter rises above the cap line (outside a horn's place): `above` may miss a mark. */
  joined: boolean;
  /** A dot stands below the baseline. */
  dotBelow: boolean;
  /** The tone's shape, when one mark is told apart as the tone and its shape is clear (a hook above is never told). */
  tone?: 'acute' | 'grave' | 'hook' | 'tilde';
  /** The tallest stack of marks, from the cap line up, in letter heights. */
  stack: number;
}

/** A word's box in the line image (hOCR `bbox`) and its text. */
export interface WordBox {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };
const unescape = (s: string) => s.replace(/&(amp|lt|gt|quot|apos|#39);/g, (_, e: string) => ENTITIES[e]!);

/** The words of a hOCR text with their boxes (words with no letter left out). */
export function hocrWordBoxes(hocr: string): WordBox[] {
  const out: WordBox[] = [];
  for (const m of hocr.matchAll(/<span class='ocrx_word'[^>]*title='bbox (\d+) (\d+) (\d+) (\d+)[^']*'[^>]*>([^<\n]*)/g)) {
    const text = unescape(m[5]!.trim()).normalize('NFC');
    if (!/\p{L}/u.test(text)) continue;
    out.push({ text, x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]) });
  }
  return out;
}

/**
 * The densest run of rows holding at least 35 % of the busiest row's ink, between columns x0 and x1: the
 * capitals' body [top, bottom]. Per word: a line photographed at a slant has its words at different heights.
 */
function bodyBand(ink: Uint8Array, w: number, h: number, x0 = 0, x1 = w - 1): [number, number] | undefined {
  const rows = new Float64Array(h);
  for (let y = 0; y < h; y++) for (let x = Math.max(0, x0); x <= Math.min(w - 1, x1); x++) rows[y]! += ink[y * w + x]!;
  return densestBand(rows);
}

/** Orientation of a component's pixels: the covariance of x and y over their variances (image y grows down). */
function shape(label: Int32Array, w: number, c: Component, i: number): { cov: number; vx: number; vy: number } {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let y = c.y0; y <= c.y1; y++) for (let x = c.x0; x <= c.x1; x++) if (label[y * w + x] === i) {
    n++;
    sx += x;
    sy += y;
  }
  const mx = sx / n;
  const my = sy / n;
  let vx = 0;
  let vy = 0;
  let cov = 0;
  for (let y = c.y0; y <= c.y1; y++) for (let x = c.x0; x <= c.x1; x++) if (label[y * w + x] === i) {
    vx += (x - mx) ** 2;
    vy += (y - my) ** 2;
    cov += (x - mx) * (y - my);
  }
  return { cov: cov / n, vx: vx / n, vy: vy / n };
}

/**
 * The component's middle line (each column's mean ink row) is a wave: its second fifth higher than its
 * fourth (a tilde's hump then its trough), each end lower than its neighbour fifth — not a circumflex or
 * a breve (symmetric), not a flat acute (a slope).
 */
function wavy(label: Int32Array, w: number, c: Component, i: number): boolean {
  const bins = [0, 0, 0, 0, 0].map(() => ({ s: 0, n: 0 }));
  const cw = c.x1 - c.x0 + 1;
  for (let x = c.x0; x <= c.x1; x++) {
    let s = 0;
    let n = 0;
    for (let y = c.y0; y <= c.y1; y++) if (label[y * w + x] === i) {
      s += y;
      n++;
    }
    if (n === 0) continue;
    const b = bins[Math.min(4, Math.floor(((x - c.x0) * 5) / cw))]!;
    b.s += s / n;
    b.n++;
  }
  if (bins.some((b) => b.n === 0)) return false;
  const [y1, y2, , y4, y5] = bins.map((b) => b.s / b.n) as [number, number, number, number, number];
  const ch = c.y1 - c.y0 + 1;
  return y4 - y2 >= 0.15 * ch && y1 >= y2 && y5 <= y4;
}

/**
 * The tone's shape from one component, letter height `H`: a stroke long against its width leaning up to
 * the right is an acute, down to the right a grave; wide, flat and wavy a tilde. Undefined when it is
 * none clearly.
 */
function toneShape(label: Int32Array, w: number, c: Component, i: number, H: number): WordMarks['tone'] {
  const { cov, vx, vy } = shape(label, w, c, i);
  const tr = vx + vy;
  const det = vx * vy - cov * cov;
  const l1 = tr / 2 + Math.sqrt(Math.max(0, (tr * tr) / 4 - det));
  const l2 = Math.max(1e-6, tr / 2 - Math.sqrt(Math.max(0, (tr * tr) / 4 - det)));
  const elong = Math.sqrt(l1 / l2);
  // the long axis' angle from the horizontal, in degrees, positive when it rises to the right
  const angle = (Math.atan2(-2 * cov, vx - vy) / 2) * (180 / Math.PI);
  // (a mark under 4 pixels either way has no direction to speak of: a hook squashed to 4×2 px leaned like a grave)
  if (c.x1 - c.x0 + 1 < 4 || c.y1 - c.y0 + 1 < 4) return undefined;
  const bw = (c.x1 - c.x0 + 1) / H;
  const bh = (c.y1 - c.y0 + 1) / H;
  if (elong >= 1.8 && Math.abs(angle) <= 15 && bw >= 1.6 * bh) return wavy(label, w, c, i) ? 'tilde' : undefined;
  if (elong >= 2.2 && angle >= 20 && angle <= 80) return 'acute';
  if (elong >= 2.2 && angle <= -20 && angle >= -80) return 'grave';
  // (a hook above is not told: on small, soft renderings a short acute or grave is as compact as a hook)
  return undefined;
}

/**
 * The marks of each word of a line image: `img` is the image one reading was made from (grey or black on
 * white), `words` that reading's word boxes. Words whose box holds no letter body are left out.
 */
export function wordMarks(img: GreyImage, words: readonly WordBox[]): WordMarks[] {
  const { data, width: w, height: h } = img;
  if (w < 8 || h < 8 || words.length === 0) return [];
  const hist = new Uint32Array(256);
  for (let i = 0; i < w * h; i++) hist[data[i]!]!++;
  const thr = otsu(hist, w * h);
  const ink = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) ink[i] = data[i]! <= thr ? 1 : 0;
  const line = bodyBand(ink, w, h);
  if (!line || line[1] - line[0] + 1 < 8) return [];
  const { comps, label } = inkComponents(ink, w, h, 8);
  const out: WordMarks[] = [];
  const H0 = line[1] - line[0] + 1;
  const frames = words.map((wb) => wordFrame(comps, wb, words, H0));
  const heights = frames.filter((f) => f !== undefined).map((f) => f.B - f.T + 1);
  for (const [k, wb] of words.entries()) {
    const f = frames[k];
    if (!f) continue;
    const { inBox, T, B } = f;
    const H = B - T + 1;
    // A word taller than the others' letters: a mark run into its letters raised their top (a blurred
    // Ữ whose tilde touched it, and its neighbours touching it) — its cap line is not known.
    const others = heights.filter((_, j) => j !== heights.indexOf(H));
    const tall = others.length > 0 && H > 1.06 * Math.min(...others);
    const minArea = Math.max(3, 0.004 * H * H);
    const mine = inBox.filter(({ c }) => c.area >= minArea);
    const body = mine.filter(({ c }) => c.y1 >= T + 0.25 * H && c.y0 <= B - 0.25 * H);
    if (body.length === 0) continue;
    const x0 = Math.min(...body.map(({ c }) => c.x0));
    const x1 = Math.max(...body.map(({ c }) => c.x1));
    // above: wholly over the cap line (a little of its foot may reach the letters' top row, anti-aliased)
    // (a horn of Ư or Ơ drawn apart from its letter sits on the cap line, small, at most 0.3 letter heights over it: not a mark here)
    const horn = wb.text.normalize('NFD').includes('\u031B');
    // (its letters' extent, or the word's box where a faded letter's pieces are not all found as its body)
    const lo = Math.min(x0, wb.x0);
    const hi = Math.max(x1, wb.x1);
    const hornPiece = (c: Component) => horn && c.y1 >= T - 0.12 * H && T - c.y0 <= 0.3 * H && c.x1 - c.x0 + 1 <= 0.3 * H;
    const over = mine.filter(({ c }) => c.area >= 0.008 * H * H && c.y1 <= T + 0.08 * H && c.y0 >= T - 0.75 * H && !hornPiece(c) && (c.x0 + c.x1) / 2 >= lo + 0.15 * H && (c.x0 + c.x1) / 2 <= hi - 0.15 * H);
    // a mark sits on its letter, or on the mark under it (its middle over that mark), and no stack reaches 0.75
    // letter heights over the cap line: a speck floating higher, or what is left of the label above, is none (lowest first)
    const above: typeof over = [];
    for (const m of [...over].sort((a, b) => b.c.y1 - a.c.y1)) {
      const onLetter = m.c.y1 >= T - 0.3 * H;
      const mid = (m.c.x0 + m.c.x1) / 2;
      const onMark = above.some(({ c }) => m.c.y1 >= c.y0 - 0.25 * H && mid >= c.x0 - 0.25 * H && mid <= c.x1 + 0.25 * H);
      if (onLetter || onMark) above.push(m);
    }
    // a letter's ink rising above the cap line: a mark joined to it — but not a horn (on the letter's right, at most a fifth of a letter over)
    const hornish = (c: Component) => horn && T - c.y0 <= 0.22 * H;
    // (a small piece where a horn would be, apart from its letter, may as well be a small tone: not counted either way)
    const joined = tall || body.some(({ c }) => c.y0 < T - 0.12 * H && !hornish(c)) || mine.some(({ c }) => c.y1 <= T + 0.08 * H && hornPiece(c));
    const below = mine.filter(({ c }) => c.y0 >= B + 0.04 * H && c.y0 <= B + 0.6 * H && c.x1 - c.x0 + 1 <= 0.45 * H && c.y1 - c.y0 + 1 <= 0.4 * H && c.x0 >= x0 - 0.1 * H && c.x1 <= x1 + 0.1 * H);
    const dot = below.filter(({ c }) => {
      const bw = c.x1 - c.x0 + 1;
      const bh = c.y1 - c.y0 + 1;
      return bw <= 2.2 * bh && bh <= 2.2 * bw && c.area >= 0.35 * bw * bh;
    });
    const stack = above.length ? (T - Math.min(...above.map(({ c }) => c.y0))) / H : 0;
    const m: WordMarks = { word: wb.text, above: above.length, joined, dotBelow: dot.length >= 1, stack };
    // The tone among the marks: alone, or the upper of two stacked over one letter (the lower is the circumflex or breve).
    const tone = toneOf(above, wb.text);
    if (tone) {
      const t = toneShape(label, w, tone.c, tone.i, H);
      if (t) m.tone = t;
    }
    out.push(m);
  }
  return out;
}

/**
 * One word's components (centred in its box) and its cap line T and baseline B, or undefined when it has
 * no letter or its box reaches over another word's (tesseract gave one word the whole line).
 */
function wordFrame(comps: readonly Component[], wb: WordBox, words: readonly WordBox[], H0: number): { inBox: { c: Component; i: number }[]; T: number; B: number } | undefined {
  if (words.some((o) => o !== wb && Math.min(o.x1, wb.x1) - Math.max(o.x0, wb.x0) > 0.2 * Math.min(o.x1 - o.x0, wb.x1 - wb.x0))) return undefined;
  // The word's letters: components in its box about as tall as the line's body (or taller: a mark joined).
  const inBox = comps.map((c, i) => ({ c, i })).filter(({ c }) => (c.x0 + c.x1) / 2 >= wb.x0 - 2 && (c.x0 + c.x1) / 2 <= wb.x1 + 2);
  const letters = inBox.filter(({ c }) => c.y1 - c.y0 + 1 >= 0.6 * H0 && c.y1 - c.y0 + 1 <= 2.2 * H0);
  if (letters.length === 0) return undefined;
  // Its cap line and baseline (per word: a line photographed at a slant has its words at different heights):
  // the middle letter's top and bottom, the lower top and the higher bottom of two — a mark joined to a
  // letter raises its top, a dot joined lowers its bottom, so of two the other letter's is taken.
  const tops = letters.map(({ c }) => c.y0).sort((a, b) => a - b);
  const bottoms = letters.map(({ c }) => c.y1).sort((a, b) => a - b);
  const T = tops[Math.floor(tops.length / 2)]!;
  const B = bottoms[Math.ceil(bottoms.length / 2) - 1]!;
  const H = B - T + 1;
  // (a word far from the line's own height is no word of capitals: a speck, a stroke)
  if (H < 8 || H < 0.6 * H0 || H > 1.5 * H0) return undefined;
  return { inBox, T, B };
}

/** Circumflex or breve (NFD U+0302, U+0306) among the word's letters. */
const capCount = (word: string) => (word.normalize('NFD').match(/[\u0302\u0306]/gu) ?? []).length;

/** The component that is the tone: the one mark of a word with no circumflex/breve, or the upper of two over a word with one. */
function toneOf(above: readonly { c: Component; i: number }[], word: string): { c: Component; i: number } | undefined {
  const caps = capCount(word);
  if (above.length === 1 && caps === 0) return above[0];
  if (above.length === 2 && caps === 1) {
    const [a, b] = above;
    // the upper: the one whose bottom is higher
    return a!.c.y1 < b!.c.y1 ? a : b!.c.y1 < a!.c.y1 ? b : undefined;
  }
  return undefined;
}
