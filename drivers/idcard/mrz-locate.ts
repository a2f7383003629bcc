/**
 * The MRZ found anywhere in an image — a cropped or uncropped back, any position, slightly rotated:
 * dark ink under a local threshold, characters joined into line blobs by a horizontal smear, each
 * blob's axis and length from its second moments, then three long parallel blobs of about the same
 * length, evenly spaced: TD1's three lines of 30. The region is cut out along the lines' own angle
 * (bilinear sampling on the full-resolution grey image), straightened, onto a white margin.
 * Pure pixel code on 8-bit grey buffers (no sharp), unit-tested with drawn bars.
 */

import { closingBackground } from './flatten.ts';
import { dropShortRuns } from './mrz-bridges.ts';

/**
 * How ink is told from paper: `local` (darker than the local mean), `blackhat` (a shadow's edge across the lines), `cut`
 * (the local mean, then thin bridges between smeared lines cut: a hair across a scanned back, mrz-bridges.ts).
 */
export type InkBy = 'local' | 'blackhat' | 'cut';

export interface Grey {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface MrzCandidate {
  /** Centre, direction (unit vector along the lines) and size in the input's pixels. */
  cx: number;
  cy: number;
  angle: number;
  length: number;
  /** From the first line's centre line to the third's. */
  span: number;
  /** Mean line thickness. */
  thickness: number;
  score: number;
}

export interface Blob {
  n: number;
  cx: number;
  cy: number;
  angle: number;
  length: number;
  thickness: number;
  /** The ink's extent along the blob's axis, from the centroid (lo ≤ 0 ≤ hi): where the line really starts and ends. */
  lo: number;
  hi: number;
}

/** Downscale a grey image by an integer-free factor (box filter), for the search. */
function shrink(img: Grey, maxW: number): { g: Grey; f: number } {
  if (img.width <= maxW) return { g: img, f: 1 };
  const f = img.width / maxW;
  const w = maxW;
  const h = Math.max(1, Math.round(img.height / f));
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor(y * f);
    const y1 = Math.min(img.height, Math.max(y0 + 1, Math.floor((y + 1) * f)));
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor(x * f);
      const x1 = Math.min(img.width, Math.max(x0 + 1, Math.floor((x + 1) * f)));
      let s = 0;
      for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) s += img.data[yy * img.width + xx]!;
      out[y * w + x] = s / ((y1 - y0) * (x1 - x0));
    }
  }
  return { g: { data: out, width: w, height: h }, f };
}

/** Ink: darker than the local mean (window 2r+1) by `c`. Also the small picture's QR threshold (qr-image.ts `decodeSmallFrame`). */
export function localInk(g: Grey, r: number, c: number): Uint8Array {
  const { width: w, height: h, data } = g;
  const W = w + 1;
  const integ = new Float64Array(W * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += data[y * w + x]!;
      integ[(y + 1) * W + x + 1] = integ[y * W + x + 1]! + row;
    }
  }
  const ink = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - r);
    const y1 = Math.min(h, y + r + 1);
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - r);
      const x1 = Math.min(w, x + r + 1);
      const sum = integ[y1 * W + x1]! - integ[y0 * W + x1]! - integ[y1 * W + x0]! + integ[y0 * W + x0]!;
      const mean = sum / ((y1 - y0) * (x1 - x0));
      if (data[y * w + x]! < mean - c) ink[y * w + x] = 1;
    }
  }
  return ink;
}

/** Grey closing over a (2r+1)² window (flatten.ts's van Herk closing): fills dark strokes narrower than the window. */
export function closing(g: Grey, r: number): Uint8Array {
  return r < 1 ? g.data.slice() : closingBackground(g, 2 * r + 1);
}

/**
 * Ink by a black-hat: the closing minus the image, more than `c`. It keeps dark strokes narrower than
 * the window and ignores broad changes of light — the edge of a shadow across the card, which a
 * local-mean threshold turns into a band of "ink" that the smear then welds to every line it crosses.
 */
function blackHatInk(g: Grey, r: number, c: number): Uint8Array {
  const closed = closing(g, r);
  const ink = new Uint8Array(g.width * g.height);
  for (let i = 0; i < ink.length; i++) if (closed[i]! - g.data[i]! > Math.max(c, closed[i]! * 0.25)) ink[i] = 1;
  return ink;
}

/**
 * Even out the light under text (in place): each pixel divided by its closing (the paper's own
 * brightness around it), so a line half in shadow becomes dark glyphs on one white — tesseract's
 * single global threshold otherwise loses the shadowed half.
 */
export function flattenLight(g: Grey, r: number): Grey {
  const bg = closing(g, r);
  for (let i = 0; i < g.data.length; i++) g.data[i] = Math.min(255, Math.round((g.data[i]! * 255) / Math.max(1, bg[i]!)));
  return g;
}

/** Fill horizontal gaps shorter than `gap` between ink pixels. */
function smear(ink: Uint8Array, w: number, h: number, gap: number): Uint8Array {
  const out = ink.slice();
  for (let y = 0; y < h; y++) {
    let last = -1;
    for (let x = 0; x < w; x++) {
      if (!ink[y * w + x]) continue;
      if (last >= 0 && x - last > 1 && x - last <= gap) for (let k = last + 1; k < x; k++) out[y * w + k] = 1;
      last = x;
    }
  }
  return out;
}

function blobs(mask: Uint8Array, w: number, h: number, minLen: number): Blob[] {
  const seen = new Uint8Array(w * h);
  const out: Blob[] = [];
  const stack = new Int32Array(w * h);
  const members = new Int32Array(w * h);
  for (let i = 0; i < w * h; i++) {
    if (!mask[i] || seen[i]) continue;
    let sp = 0;
    stack[sp++] = i;
    seen[i] = 1;
    let n = 0;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let syy = 0;
    let sxy = 0;
    let minX = w;
    let maxX = 0;
    while (sp > 0) {
      const p = stack[--sp]!;
      const x = p % w;
      const y = (p / w) | 0;
      members[n] = p;
      n++;
      sx += x;
      sy += y;
      sxx += x * x;
      syy += y * y;
      sxy += x * y;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      for (const q of [x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1]) {
        if (q >= 0 && mask[q] && !seen[q]) {
          seen[q] = 1;
          stack[sp++] = q;
        }
      }
    }
    if (maxX - minX < minLen * 0.9) continue;
    const cx = sx / n;
    const cy = sy / n;
    const vxx = sxx / n - cx * cx;
    const vyy = syy / n - cy * cy;
    const vxy = sxy / n - cx * cy;
    const angle = 0.5 * Math.atan2(2 * vxy, vxx - vyy);
    const l1 = (vxx + vyy) / 2 + Math.sqrt(((vxx - vyy) / 2) ** 2 + vxy * vxy);
    const length = Math.sqrt(12 * l1);
    if (length < minLen) continue;
    const ux = Math.cos(angle);
    const uy = Math.sin(angle);
    let lo = 0;
    let hi = 0;
    for (let k = 0; k < n; k++) {
      const p = members[k]!;
      const t = ((p % w) - cx) * ux + (((p / w) | 0) - cy) * uy;
      if (t < lo) lo = t;
      if (t > hi) hi = t;
    }
    out.push({ n, cx, cy, angle, length, thickness: n / length, lo, hi });
  }
  return out;
}

const cutIf = (inkBy: InkBy, mask: Uint8Array, w: number, h: number): Uint8Array => (inkBy === 'cut' ? dropShortRuns(mask, w, h) : mask);

/**
 * Candidate MRZ regions, best first: triples of long, thin, parallel line blobs of about the same
 * length, evenly spaced and stacked along their normal.
 */
export function lineBlobs(img: Grey, gapShares: readonly number[] = [1 / 110], inkBy: InkBy = 'local'): { lines: Blob[][]; f: number } {
  const { g, f } = shrink(img, 800);
  const { width: w, height: h } = g;
  const ink = inkBy !== 'blackhat' ? localInk(g, Math.max(6, Math.round(w / 60)), 10) : blackHatInk(g, Math.max(4, Math.round(w / 100)), 14);
  const lines = gapShares.map((gs) =>
    blobs(cutIf(inkBy, smear(ink, w, h, Math.max(3, Math.round(w * gs))), w, h), w, h, w * 0.16).filter((b) => b.length / Math.max(1, b.thickness) >= 8 && Math.abs(b.angle) < 0.35),
  );
  return { lines, f };
}

/**
 * Candidate MRZ regions, best first, with ink found by the local mean (`local`, the default) or by a
 * black-hat (`blackhat`: a shadow's edge across the lines — the reader tries it when the first found
 * nothing readable). Each with two smears: tight (small text, a card far away) and wide (the MRZ's
 * spaced glyphs, a card close up). Candidates closer than their span to `exclude` are left out.
 */
export function locateMrz(img: Grey, maxCandidates = 3, inkBy: InkBy = 'local', exclude: readonly MrzCandidate[] = []): MrzCandidate[] {
  const out: MrzCandidate[] = [];
  const { lines, f } = lineBlobs(img, [1 / 110, 1 / 45], inkBy);
  for (const ls of lines) triples(ls, f, out);
  out.sort((p, q) => q.score - p.score);
  const chosen: MrzCandidate[] = [];
  for (const c of out) {
    if ([...exclude, ...chosen].some((d) => Math.hypot(d.cx - c.cx, d.cy - c.cy) < d.span)) continue;
    chosen.push(c);
    if (chosen.length >= maxCandidates) break;
  }
  return chosen;
}

/** Three lines stacked evenly: the gaps, the unit normal (nx, ny), each line's offset along it and the mean thickness. */
export interface Stacked {
  s1: number;
  s2: number;
  nx: number;
  ny: number;
  da: number;
  db: number;
  dc: number;
  thick: number;
}

/**
 * Lines a, b, c stacked in that order across the direction at angle `ang` (radians), at even gaps (differing by
 * at most `tol` of the larger) of 1.1–4.5 line thicknesses, as an MRZ's three lines are; else undefined. Shared by
 * the straight search (triples) and the steep one (mrz-perspective.ts).
 */
export function stackedEvenly(a: Blob, b: Blob, c: Blob, ang: number, tol: number): Stacked | undefined {
  const nx = -Math.sin(ang);
  const ny = Math.cos(ang);
  const da = a.cx * nx + a.cy * ny;
  const db = b.cx * nx + b.cy * ny;
  const dc = c.cx * nx + c.cy * ny;
  if (!(da < db && db < dc)) return undefined;
  const s1 = db - da;
  const s2 = dc - db;
  const thick = (a.thickness + b.thickness + c.thickness) / 3;
  if (Math.abs(s1 - s2) > tol * Math.max(s1, s2) || s1 < thick * 1.1 || s1 > thick * 4.5) return undefined;
  return { s1, s2, nx, ny, da, db, dc, thick };
}

/**
 * (session 10) The name line broken in two at its `<<`: in a face with wide spacing whose `<` has thin strokes, the
 * smear does not bridge `HUA<<DUC…` and line 3 is two blobs, neither long enough nor starting where lines 1 and 2 do
 * (a back filling the frame, generator 2). Two blobs on one line — about the same angle, their centres within half a
 * line's thickness across it, at most four thicknesses apart along it — are also offered joined, as a line 3 only.
 */
export function joinedPairs(lines: readonly Blob[]): Blob[] {
  const out: Blob[] = [];
  for (const a of lines)
    for (const b of lines) {
      if (a === b || Math.abs(a.angle - b.angle) > 0.05) continue;
      const ang = (a.angle + b.angle) / 2;
      const ux = Math.cos(ang);
      const uy = Math.sin(ang);
      const ta = a.cx * ux + a.cy * uy;
      const tb = b.cx * ux + b.cy * uy;
      if (tb <= ta) continue; // a left of b
      const thick = Math.max(a.thickness, b.thickness);
      const across = Math.abs((b.cx - a.cx) * -uy + (b.cy - a.cy) * ux);
      const gap = tb + b.lo - (ta + a.hi);
      if (across > thick / 2 || gap < 0 || gap > 4 * thick) continue;
      const n = a.n + b.n;
      const cx = (a.cx * a.n + b.cx * b.n) / n;
      const cy = (a.cy * a.n + b.cy * b.n) / n;
      const tc = cx * ux + cy * uy;
      const lo = ta + a.lo - tc;
      const hi = tb + b.hi - tc;
      out.push({ n, cx, cy, angle: ang, length: hi - lo, thickness: n / (hi - lo), lo, hi });
    }
  return out;
}

function triples(lines: Blob[], f: number, out: MrzCandidate[]): void {
  const thirds = [...lines, ...joinedPairs(lines)];
  for (let i = 0; i < lines.length; i++)
    for (let j = 0; j < lines.length; j++)
      for (let k = 0; k < thirds.length; k++) {
        if (i === j || j === k || i === k) continue;
        const a = lines[i]!;
        const b = lines[j]!;
        const c = thirds[k]!;
        if (c === a || c === b) continue;
        const ang = (a.angle + b.angle + c.angle) / 3;
        if (Math.max(Math.abs(a.angle - ang), Math.abs(b.angle - ang), Math.abs(c.angle - ang)) > 0.05) continue;
        const gaps = stackedEvenly(a, b, c, ang, 0.25);
        if (!gaps) continue;
        const { s1, s2, nx, ny, da, db, dc, thick } = gaps;
        const lens = [a.length, b.length, c.length];
        const lmax = Math.max(...lens);
        // line 3 (the name) may be shorter in ink, never longer; lines 1 and 2 are full
        if (Math.abs(a.length - b.length) > 0.15 * lmax) continue;
        if (c.length > lmax * 1.1 || c.length < lmax * 0.3) continue;
        // along the lines, they start at the same place
        const ux = Math.cos(ang);
        const uy = Math.sin(ang);
        const sa = a.cx * ux + a.cy * uy - a.length / 2;
        const sb = b.cx * ux + b.cy * uy - b.length / 2;
        const sc = c.cx * ux + c.cy * uy - c.length / 2;
        if (Math.abs(sa - sb) > 0.08 * lmax || Math.abs(sa - sc) > 0.12 * lmax) continue;
        // The region: where the ink of lines 1 and 2 (always a full 30 characters) starts and ends —
        // its real extent, not the moments' estimate, which falls short by a character or so when the
        // line ends in fillers (a card filling the frame lost its last check digit that way).
        const pa = a.cx * ux + a.cy * uy;
        const pb = b.cx * ux + b.cy * uy;
        const start = Math.min(pa + a.lo, pb + b.lo);
        const length = Math.max(pa + a.hi, pb + b.hi) - start;
        const mid = start + length / 2;
        const dm = db;
        const cx = mid * ux + dm * nx;
        const cy = mid * uy + dm * ny;
        const score = a.length + b.length - Math.abs(s1 - s2) * 4 - Math.abs(a.length - b.length);
        out.push({ cx: cx * f, cy: cy * f, angle: ang, length: length * f, span: (dc - da) * f, thickness: thick * f, score: score * f });
      }
}

/**
 * Cut the candidate out of the full-resolution grey image along its angle, scaled so a line is about
 * `lineHeight` px high, with a white margin; `flip` turns it 180° (an upside-down back); `turnOver` then turns it
 * over about its lines' axis (top ↔ bottom: a picture mirrored left ↔ right — a selfie camera's — read turned 180°
 * shows its lines upside down, in reverse order, each still left to right).
 */
export function extractMrz(img: Grey, c: MrzCandidate, opts: { lineHeight?: number; flip?: boolean; turnOver?: boolean; margin?: number } = {}): Grey {
  const lineH = c.span / 2; // centre-to-centre distance between lines
  const scale = (opts.lineHeight ?? 44) / Math.max(4, lineH);
  const padAlong = c.length * 0.05;
  const padAcross = lineH * 0.95;
  const srcW = c.length + 2 * padAlong;
  const srcH = c.span + 2 * padAcross;
  const margin = opts.margin ?? 16;
  const W = Math.max(8, Math.round(srcW * scale)) + 2 * margin;
  const H = Math.max(8, Math.round(srcH * scale)) + 2 * margin;
  const out = new Uint8Array(W * H).fill(255);
  const ux = Math.cos(c.angle);
  const uy = Math.sin(c.angle);
  const nx = -uy;
  const ny = ux;
  const { data, width: iw, height: ih } = img;
  for (let y = margin; y < H - margin; y++)
    for (let x = margin; x < W - margin; x++) {
      let a = (x - margin) / scale - srcW / 2;
      let b = (y - margin) / scale - srcH / 2;
      if (opts.flip) {
        a = -a;
        b = -b;
      }
      if (opts.turnOver) b = -b;
      const sx = c.cx + a * ux + b * nx;
      const sy = c.cy + a * uy + b * ny;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= iw || y0 + 1 >= ih) continue;
      const fx = sx - x0;
      const fy = sy - y0;
      const p = y0 * iw + x0;
      out[y * W + x] = Math.round(
        data[p]! * (1 - fx) * (1 - fy) + data[p + 1]! * fx * (1 - fy) + data[p + iw]! * (1 - fx) * fy + data[p + iw + 1]! * fx * fy,
      );
    }
  return { data: out, width: W, height: H };
}

/**
 * The skew of the text in an image (radians, positive = clockwise in image coordinates): the
 * length-weighted median angle of its long text-line blobs; 0 when fewer than three are found.
 */
export function textSkew(img: Grey): number {
  const { lines } = lineBlobs(img, [1 / 45]);
  const ls = (lines[0] ?? []).filter((b) => b.length / Math.max(1, b.thickness) >= 10).sort((a, b) => a.angle - b.angle);
  if (ls.length < 3) return 0;
  const total = ls.reduce((s, b) => s + b.length, 0);
  let acc = 0;
  for (const b of ls) {
    acc += b.length;
    if (acc >= total / 2) return b.angle;
  }
  return 0;
}
