/**
 * Generator 7's own font reader: glyph outlines straight from the font file's tables — TrueType `glyf` (simple and
 * composite glyphs, quadratic contours) and CFF Type 2 charstrings (cubic, for the OCR-B `.otf`) — with `cmap`
 * (formats 4 and 12) and `hmtx` advances. No kerning, no hinting, no shaping: Vietnamese letters are precomposed
 * (NFC) code points, each with its own glyph in the fonts used (checked with fc-list :charset=1ec7).
 * Written for this generator so that no text engine used by generators 1–6 (nor any npm font library) is involved.
 */
import { readFileSync } from 'node:fs';

/** A contour: a list of commands in font units, y up. */
export type Seg = { t: 'M' | 'L'; x: number; y: number } | { t: 'Q'; cx: number; cy: number; x: number; y: number } | { t: 'C'; c1x: number; c1y: number; c2x: number; c2y: number; x: number; y: number };

export interface Font {
  unitsPerEm: number;
  glyphOf(codePoint: number): number;
  advance(glyph: number): number;
  outline(glyph: number): Seg[];
  /** the bounding box a TrueType glyph's header declares (xMin, yMin, xMax, yMax); undefined for CFF or an empty glyph */
  declaredBox(glyph: number): [number, number, number, number] | undefined;
}

export function loadFont(file: string): Font {
  const buf = readFileSync(file);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const u16 = (o: number) => dv.getUint16(o);
  const i16 = (o: number) => dv.getInt16(o);
  const u32 = (o: number) => dv.getUint32(o);
  const tables = new Map<string, number>();
  const n = u16(4);
  for (let i = 0; i < n; i++) {
    const r = 12 + i * 16;
    tables.set(buf.toString('latin1', r, r + 4), u32(r + 8));
  }
  const t = (tag: string) => {
    const o = tables.get(tag);
    if (o === undefined) throw new Error(`${file}: no ${tag} table`);
    return o;
  };
  const head = t('head');
  const unitsPerEm = u16(head + 18);
  const longLoca = i16(head + 50) === 1;
  const numGlyphs = u16(t('maxp') + 4);
  const numHMetrics = u16(t('hhea') + 34);
  const hmtx = t('hmtx');
  const advance = (g: number) => u16(hmtx + 4 * Math.min(g, numHMetrics - 1));

  // cmap: prefer a Unicode full-repertoire (format 12) subtable, else BMP (format 4)
  const cmap = t('cmap');
  let sub4 = -1;
  let sub12 = -1;
  for (let i = 0; i < u16(cmap + 2); i++) {
    const r = cmap + 4 + i * 8;
    const pid = u16(r);
    const eid = u16(r + 2);
    const off = cmap + u32(r + 4);
    const fmt = u16(off);
    if (fmt === 12 && (pid === 0 || (pid === 3 && eid === 10))) sub12 = off;
    if (fmt === 4 && (pid === 0 || (pid === 3 && eid === 1))) sub4 = off;
  }
  const cache = new Map<number, number>();
  const glyphOf = (cp: number): number => {
    const hit = cache.get(cp);
    if (hit !== undefined) return hit;
    let g = 0;
    if (sub12 >= 0) {
      const groups = u32(sub12 + 12);
      for (let i = 0; i < groups; i++) {
        const r = sub12 + 16 + i * 12;
        if (cp >= u32(r) && cp <= u32(r + 4)) {
          g = u32(r + 8) + cp - u32(r);
          break;
        }
      }
    } else if (sub4 >= 0 && cp <= 0xffff) {
      const segX2 = u16(sub4 + 6);
      const ends = sub4 + 14;
      const starts = ends + segX2 + 2;
      const deltas = starts + segX2;
      const ranges = deltas + segX2;
      for (let i = 0; i < segX2 / 2; i++) {
        if (cp > u16(ends + i * 2)) continue;
        const start = u16(starts + i * 2);
        if (cp < start) break;
        const ro = u16(ranges + i * 2);
        if (ro === 0) g = (cp + i16(deltas + i * 2)) & 0xffff;
        else {
          const gi = u16(ranges + i * 2 + ro + (cp - start) * 2);
          g = gi === 0 ? 0 : (gi + i16(deltas + i * 2)) & 0xffff;
        }
        break;
      }
    }
    cache.set(cp, g);
    return g;
  };

  const isGlyf = tables.has('glyf');
  const outline = isGlyf ? glyfOutlines(dv, t('glyf'), t('loca'), longLoca, numGlyphs) : cffOutlines(dv, t('CFF '));
  const declaredBox = (g: number): [number, number, number, number] | undefined => {
    if (!isGlyf || g >= numGlyphs) return undefined;
    const loca = t('loca');
    const at = (k: number) => (longLoca ? u32(loca + k * 4) : u16(loca + k * 2) * 2);
    if (at(g) === at(g + 1)) return undefined;
    const o = t('glyf') + at(g);
    return [i16(o + 2), i16(o + 4), i16(o + 6), i16(o + 8)];
  };
  return { unitsPerEm, glyphOf, advance, outline, declaredBox };
}

// ---------------------------------------------------------------- TrueType glyf
function glyfOutlines(dv: DataView, glyf: number, loca: number, longLoca: boolean, numGlyphs: number): (g: number) => Seg[] {
  const off = (g: number) => (longLoca ? dv.getUint32(loca + g * 4) : dv.getUint16(loca + g * 2) * 2);
  const one = (g: number, depth: number): Seg[] => {
    if (g >= numGlyphs || depth > 8) return [];
    const start = glyf + off(g);
    if (off(g + 1) === off(g)) return []; // empty glyph (space)
    const nc = dv.getInt16(start);
    if (nc >= 0) return simple(dv, start, nc);
    // composite: components with an offset (and maybe a scale)
    const out: Seg[] = [];
    let p = start + 10;
    for (;;) {
      const flags = dv.getUint16(p);
      const gi = dv.getUint16(p + 2);
      p += 4;
      let dx: number;
      let dy: number;
      if (flags & 1) {
        dx = dv.getInt16(p);
        dy = dv.getInt16(p + 2);
        p += 4;
      } else {
        dx = dv.getInt8(p);
        dy = dv.getInt8(p + 1);
        p += 2;
      }
      if (!(flags & 2)) {
        // point-matching offsets: not used by the fonts here
        dx = 0;
        dy = 0;
      }
      let a = 1;
      let b = 0;
      let c = 0;
      let d = 1;
      const f2 = (o: number) => dv.getInt16(o) / 16384;
      if (flags & 8) {
        a = d = f2(p);
        p += 2;
      } else if (flags & 0x40) {
        a = f2(p);
        d = f2(p + 2);
        p += 4;
      } else if (flags & 0x80) {
        a = f2(p);
        b = f2(p + 2);
        c = f2(p + 4);
        d = f2(p + 6);
        p += 8;
      }
      const tf = (x: number, y: number): [number, number] => [a * x + c * y + dx, b * x + d * y + dy];
      for (const s of one(gi, depth + 1)) {
        if (s.t === 'Q') {
          const [cx, cy] = tf(s.cx, s.cy);
          const [x, y] = tf(s.x, s.y);
          out.push({ t: 'Q', cx, cy, x, y });
        } else if (s.t === 'C') {
          const [c1x, c1y] = tf(s.c1x, s.c1y);
          const [c2x, c2y] = tf(s.c2x, s.c2y);
          const [x, y] = tf(s.x, s.y);
          out.push({ t: 'C', c1x, c1y, c2x, c2y, x, y });
        } else {
          const [x, y] = tf(s.x, s.y);
          out.push({ t: s.t, x, y });
        }
      }
      if (!(flags & 0x20)) break;
    }
    return out;
  };
  return (g) => one(g, 0);
}

function simple(dv: DataView, start: number, nc: number): Seg[] {
  const ends: number[] = [];
  for (let i = 0; i < nc; i++) ends.push(dv.getUint16(start + 10 + i * 2));
  const np = nc ? ends[nc - 1]! + 1 : 0;
  let p = start + 10 + nc * 2;
  p += 2 + dv.getUint16(p); // instructions
  const flags: number[] = [];
  while (flags.length < np) {
    const f = dv.getUint8(p++);
    flags.push(f);
    if (f & 8) {
      const rep = dv.getUint8(p++);
      for (let k = 0; k < rep; k++) flags.push(f);
    }
  }
  const xs: number[] = [];
  const ys: number[] = [];
  let v = 0;
  for (const f of flags) {
    if (f & 2) {
      const d = dv.getUint8(p++);
      v += f & 16 ? d : -d;
    } else if (!(f & 16)) {
      v += dv.getInt16(p);
      p += 2;
    }
    xs.push(v);
  }
  v = 0;
  for (const f of flags) {
    if (f & 4) {
      const d = dv.getUint8(p++);
      v += f & 32 ? d : -d;
    } else if (!(f & 32)) {
      v += dv.getInt16(p);
      p += 2;
    }
    ys.push(v);
  }
  const out: Seg[] = [];
  let s = 0;
  for (const e of ends) {
    const pts: { x: number; y: number; on: boolean }[] = [];
    for (let i = s; i <= e; i++) pts.push({ x: xs[i]!, y: ys[i]!, on: (flags[i]! & 1) === 1 });
    s = e + 1;
    if (!pts.length) continue;
    // start on an on-curve point (or the midpoint of two off-curve ones)
    let k0 = pts.findIndex((q) => q.on);
    let first: { x: number; y: number };
    if (k0 < 0) {
      first = { x: (pts[0]!.x + pts[1 % pts.length]!.x) / 2, y: (pts[0]!.y + pts[1 % pts.length]!.y) / 2 };
      k0 = 0;
    } else first = pts[k0]!;
    out.push({ t: 'M', x: first.x, y: first.y });
    let ctrl: { x: number; y: number } | null = null;
    for (let j = 1; j <= pts.length; j++) {
      const q = pts[(k0 + j) % pts.length]!;
      const end = j === pts.length ? first : q;
      if (j === pts.length && !q.on) {
        // all points off-curve: the last one is a control point before the (implied) first
        if (ctrl) out.push({ t: 'Q', cx: ctrl.x, cy: ctrl.y, x: (ctrl.x + q.x) / 2, y: (ctrl.y + q.y) / 2 });
        out.push({ t: 'Q', cx: q.x, cy: q.y, x: first.x, y: first.y });
      } else if (q.on || j === pts.length) {
        if (ctrl) out.push({ t: 'Q', cx: ctrl.x, cy: ctrl.y, x: end.x, y: end.y });
        else out.push({ t: 'L', x: end.x, y: end.y });
        ctrl = null;
      } else {
        if (ctrl) {
          const mx = (ctrl.x + q.x) / 2;
          const my = (ctrl.y + q.y) / 2;
          out.push({ t: 'Q', cx: ctrl.x, cy: ctrl.y, x: mx, y: my });
        }
        ctrl = q;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------- CFF (Type 2 charstrings)
function cffOutlines(dv: DataView, cff: number): (g: number) => Seg[] {
  const u8 = (o: number) => dv.getUint8(o);
  const offAt = (o: number, size: number) => {
    let v = 0;
    for (let i = 0; i < size; i++) v = v * 256 + u8(o + i);
    return v;
  };
  /** an INDEX at o: its items' [start, end) and where it ends */
  const index = (o: number): { items: [number, number][]; end: number } => {
    const count = dv.getUint16(o);
    if (count === 0) return { items: [], end: o + 2 };
    const os = u8(o + 2);
    const base = o + 3 + (count + 1) * os - 1;
    const items: [number, number][] = [];
    for (let i = 0; i < count; i++) items.push([base + offAt(o + 3 + i * os, os), base + offAt(o + 3 + (i + 1) * os, os)]);
    return { items, end: base + offAt(o + 3 + count * os, os) };
  };
  const dict = (s: number, e: number): Map<number, number[]> => {
    const m = new Map<number, number[]>();
    let ops: number[] = [];
    let p = s;
    while (p < e) {
      const b = u8(p);
      if (b <= 21) {
        let op = b;
        p++;
        if (b === 12) op = 1200 + u8(p++);
        m.set(op, ops);
        ops = [];
      } else if (b === 28) {
        ops.push(dv.getInt16(p + 1));
        p += 3;
      } else if (b === 29) {
        ops.push(dv.getInt32(p + 1));
        p += 5;
      } else if (b === 30) {
        p++;
        for (;;) {
          const nib = u8(p++);
          if ((nib & 15) === 15 || nib >> 4 === 15) break;
        }
        ops.push(0);
      } else if (b <= 246) {
        ops.push(b - 139);
        p++;
      } else if (b <= 250) {
        ops.push((b - 247) * 256 + u8(p + 1) + 108);
        p += 2;
      } else {
        ops.push(-(b - 251) * 256 - u8(p + 1) - 108);
        p += 2;
      }
    }
    return m;
  };
  const hdrSize = u8(cff + 2);
  const names = index(cff + hdrSize);
  const tops = index(names.end);
  const strings = index(tops.end);
  const gsubrs = index(strings.end).items;
  const top = dict(...tops.items[0]!);
  const charStrings = index(cff + top.get(17)![0]!).items;
  const [privSize, privOff] = top.get(18) ?? [0, 0];
  const priv = dict(cff + privOff!, cff + privOff! + privSize!);
  const lsubrs = priv.has(19) ? index(cff + privOff! + priv.get(19)![0]!).items : [];
  const bias = (n: number) => (n < 1240 ? 107 : n < 33900 ? 1131 : 32768);

  return (g: number) => {
    const out: Seg[] = [];
    if (g >= charStrings.length) return out;
    const st: number[] = [];
    let x = 0;
    let y = 0;
    let stems = 0;
    let haveWidth = false;
    const move = (dx: number, dy: number) => {
      x += dx;
      y += dy;
      out.push({ t: 'M', x, y });
    };
    const line = (dx: number, dy: number) => {
      x += dx;
      y += dy;
      out.push({ t: 'L', x, y });
    };
    const curve = (a: number, b: number, c: number, d: number, e: number, f: number) => {
      const c1x = x + a;
      const c1y = y + b;
      const c2x = c1x + c;
      const c2y = c1y + d;
      x = c2x + e;
      y = c2y + f;
      out.push({ t: 'C', c1x, c1y, c2x, c2y, x, y });
    };
    /** the first stack-clearing operator may carry the glyph's width first: present when the count's parity is off */
    const width = (argsOdd: boolean) => {
      if (!haveWidth && st.length > 0 && st.length % 2 === (argsOdd ? 0 : 1)) st.shift();
      haveWidth = true;
    };
    const run = (s: number, e: number, depth: number): boolean => {
      let p = s;
      while (p < e) {
        const b = u8(p++);
        if (b >= 32 || b === 28) {
          if (b === 28) {
            st.push(dv.getInt16(p));
            p += 2;
          } else if (b <= 246) st.push(b - 139);
          else if (b <= 250) st.push((b - 247) * 256 + u8(p++) + 108);
          else if (b <= 254) st.push(-(b - 251) * 256 - u8(p++) - 108);
          else {
            st.push(dv.getInt32(p) / 65536);
            p += 4;
          }
          continue;
        }
        switch (b) {
          case 1: case 3: case 18: case 23: // hstem vstem hstemhm vstemhm
            width(false);
            stems += st.length >> 1;
            st.length = 0;
            break;
          case 19: case 20: // hintmask cntrmask
            width(false);
            stems += st.length >> 1;
            st.length = 0;
            p += (stems + 7) >> 3;
            break;
          case 21: width(false); move(st[0]!, st[1]!); st.length = 0; break; // rmoveto
          case 22: width(true); move(st[0]!, 0); st.length = 0; break; // hmoveto
          case 4: width(true); move(0, st[0]!); st.length = 0; break; // vmoveto
          case 5: for (let i = 0; i + 1 < st.length; i += 2) line(st[i]!, st[i + 1]!); st.length = 0; break; // rlineto
          case 6: case 7: { // hlineto vlineto
            let h = b === 6;
            for (const v of st) {
              if (h) line(v, 0);
              else line(0, v);
              h = !h;
            }
            st.length = 0;
            break;
          }
          case 8: for (let i = 0; i + 5 < st.length; i += 6) curve(st[i]!, st[i + 1]!, st[i + 2]!, st[i + 3]!, st[i + 4]!, st[i + 5]!); st.length = 0; break; // rrcurveto
          case 24: { // rcurveline
            let i = 0;
            for (; i + 7 < st.length; i += 6) curve(st[i]!, st[i + 1]!, st[i + 2]!, st[i + 3]!, st[i + 4]!, st[i + 5]!);
            line(st[i]!, st[i + 1]!);
            st.length = 0;
            break;
          }
          case 25: { // rlinecurve
            let i = 0;
            for (; i + 7 < st.length; i += 2) line(st[i]!, st[i + 1]!);
            curve(st[i]!, st[i + 1]!, st[i + 2]!, st[i + 3]!, st[i + 4]!, st[i + 5]!);
            st.length = 0;
            break;
          }
          case 26: { // vvcurveto
            let i = 0;
            let dx1 = 0;
            if (st.length % 4 === 1) dx1 = st[i++]!;
            for (; i + 3 < st.length; i += 4) {
              curve(dx1, st[i]!, st[i + 1]!, st[i + 2]!, 0, st[i + 3]!);
              dx1 = 0;
            }
            st.length = 0;
            break;
          }
          case 27: { // hhcurveto
            let i = 0;
            let dy1 = 0;
            if (st.length % 4 === 1) dy1 = st[i++]!;
            for (; i + 3 < st.length; i += 4) {
              curve(st[i]!, dy1, st[i + 1]!, st[i + 2]!, st[i + 3]!, 0);
              dy1 = 0;
            }
            st.length = 0;
            break;
          }
          case 30: case 31: { // vhcurveto hvcurveto
            let h = b === 31;
            let i = 0;
            while (i + 3 < st.length) {
              const last = i + 4 === st.length - 1;
              const f = last ? st[i + 4]! : 0;
              if (h) curve(st[i]!, 0, st[i + 1]!, st[i + 2]!, f, st[i + 3]!);
              else curve(0, st[i]!, st[i + 1]!, st[i + 2]!, st[i + 3]!, f);
              i += last ? 5 : 4;
              h = !h;
            }
            st.length = 0;
            break;
          }
          case 10: case 29: { // callsubr callgsubr
            const subrs = b === 10 ? lsubrs : gsubrs;
            const k = st.pop()! + bias(subrs.length);
            const sub = subrs[k];
            if (sub && depth < 10 && run(sub[0], sub[1], depth + 1)) return true;
            break;
          }
          case 12: { // two-byte operators: the flex family draws two curves; the rest (arithmetic) only clear
            const op = u8(p++);
            const a = st;
            if (op === 35) {
              curve(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!);
              curve(a[6]!, a[7]!, a[8]!, a[9]!, a[10]!, a[11]!);
            } else if (op === 34) {
              curve(a[0]!, 0, a[1]!, a[2]!, a[3]!, 0);
              curve(a[4]!, 0, a[5]!, -a[2]!, a[6]!, 0);
            } else if (op === 36) {
              curve(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, 0);
              curve(a[5]!, 0, a[6]!, a[7]!, a[8]!, -(a[1]! + a[3]! + a[7]!));
            } else if (op === 37) {
              const dx = a[0]! + a[2]! + a[4]! + a[6]! + a[8]!;
              const dy = a[1]! + a[3]! + a[5]! + a[7]! + a[9]!;
              curve(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!);
              if (Math.abs(dx) > Math.abs(dy)) curve(a[6]!, a[7]!, a[8]!, a[9]!, a[10]!, -dy);
              else curve(a[6]!, a[7]!, a[8]!, a[9]!, -dx, a[10]!);
            }
            st.length = 0;
            break;
          }
          case 11: return false; // return
          case 14: // endchar
            width(false);
            st.length = 0;
            return true;
          default:
            st.length = 0;
        }
      }
      return false;
    };
    const [s, e] = charStrings[g]!;
    run(s, e, 0);
    return out;
  };
}
