/**
 * Generator 4 draws in its own RGBA pixel buffers (shapes, patterns and a projective warp written
 * here); only text is rendered elsewhere (pango, through sharp's `text` input) and blended in.
 */
export type Rgb = readonly [number, number, number];

export class Img {
  readonly data: Float32Array;
  constructor(
    readonly w: number,
    readonly h: number,
  ) {
    this.data = new Float32Array(w * h * 4);
  }

  static fromRaw(raw: Uint8Array | Buffer, w: number, h: number, channels: number): Img {
    const img = new Img(w, h);
    for (let i = 0, j = 0; i < w * h; i++, j += channels) {
      img.data[i * 4] = raw[j]!;
      img.data[i * 4 + 1] = raw[j + (channels >= 3 ? 1 : 0)]!;
      img.data[i * 4 + 2] = raw[j + (channels >= 3 ? 2 : 0)]!;
      img.data[i * 4 + 3] = channels === 4 || channels === 2 ? raw[j + channels - 1]! / 255 : 1;
    }
    return img;
  }

  /** 8-bit RGB for sharp (alpha flattened on white). */
  toRgb(): Buffer {
    const out = Buffer.alloc(this.w * this.h * 3);
    for (let i = 0; i < this.w * this.h; i++) {
      const a = this.data[i * 4 + 3]!;
      for (let c = 0; c < 3; c++) out[i * 3 + c] = Math.max(0, Math.min(255, Math.round(this.data[i * 4 + c]! * a + 255 * (1 - a))));
    }
    return out;
  }

  /** Blend one colour over a pixel with coverage `a` (0–1). */
  blend(x: number, y: number, c: Rgb, a: number): void {
    if (x < 0 || y < 0 || x >= this.w || y >= this.h || a <= 0) return;
    const i = (y * this.w + x) * 4;
    const d = this.data;
    const da = d[i + 3]!;
    const oa = a + da * (1 - a);
    if (oa <= 0) return;
    for (let k = 0; k < 3; k++) d[i + k] = (c[k]! * a + d[i + k]! * da * (1 - a)) / oa;
    d[i + 3] = oa;
  }

  fill(c: Rgb, a = 1): void {
    for (let i = 0; i < this.w * this.h; i++) {
      this.data[i * 4] = c[0];
      this.data[i * 4 + 1] = c[1];
      this.data[i * 4 + 2] = c[2];
      this.data[i * 4 + 3] = a;
    }
  }

  /** Calls f for every pixel; f returns a colour and coverage, or undefined to leave the pixel. */
  shade(f: (x: number, y: number) => readonly [Rgb, number] | undefined, box?: { x0: number; y0: number; x1: number; y1: number }): void {
    const x0 = Math.max(0, Math.floor(box?.x0 ?? 0));
    const y0 = Math.max(0, Math.floor(box?.y0 ?? 0));
    const x1 = Math.min(this.w, Math.ceil(box?.x1 ?? this.w));
    const y1 = Math.min(this.h, Math.ceil(box?.y1 ?? this.h));
    for (let y = y0; y < y1; y++)
      for (let x = x0; x < x1; x++) {
        const r = f(x + 0.5, y + 0.5);
        if (r) this.blend(x, y, r[0], r[1]);
      }
  }

  /** A filled ellipse with a soft 1-px edge. */
  ellipse(cx: number, cy: number, rx: number, ry: number, c: Rgb, a = 1): void {
    this.shade(
      (x, y) => {
        const d = Math.hypot((x - cx) / rx, (y - cy) / ry);
        const edge = (1 - d) * Math.min(rx, ry);
        return edge > -0.5 ? [c, a * Math.min(1, edge + 0.5)] : undefined;
      },
      { x0: cx - rx - 1, y0: cy - ry - 1, x1: cx + rx + 1, y1: cy + ry + 1 },
    );
  }

  /** A filled rectangle with rounded corners (radius r) and a soft edge. */
  roundRect(x0: number, y0: number, x1: number, y1: number, r: number, c: Rgb, a = 1): void {
    this.shade(
      (x, y) => {
        const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
        const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
        const inside = r > 0 ? r - Math.hypot(dx, dy) : Math.min(x - x0, x1 - x, y - y0, y1 - y);
        const cov = Math.min(1, Math.max(0, inside + 0.5), x - x0 + 0.5, x1 - x + 0.5, y - y0 + 0.5, y1 - y + 0.5);
        return cov > 0 ? [c, a * Math.min(1, cov)] : undefined;
      },
      { x0: x0 - 1, y0: y0 - 1, x1: x1 + 1, y1: y1 + 1 },
    );
  }

  /** A filled polygon (even–odd rule), 4× vertical supersampling for the edges. */
  polygon(pts: readonly (readonly [number, number])[], c: Rgb, a = 1): void {
    const ys = pts.map((p) => p[1]);
    const xs = pts.map((p) => p[0]);
    const yTop = Math.max(0, Math.floor(Math.min(...ys)));
    const yBot = Math.min(this.h - 1, Math.ceil(Math.max(...ys)));
    const xL = Math.max(0, Math.floor(Math.min(...xs)));
    const xR = Math.min(this.w - 1, Math.ceil(Math.max(...xs)));
    const cov = new Float32Array(xR - xL + 2);
    for (let y = yTop; y <= yBot; y++) {
      cov.fill(0);
      for (let s = 0; s < 4; s++) {
        const sy = y + (s + 0.5) / 4;
        const hits: number[] = [];
        for (let i = 0; i < pts.length; i++) {
          const [ax, ay] = pts[i]!;
          const [bx, by] = pts[(i + 1) % pts.length]!;
          if ((ay <= sy && by > sy) || (by <= sy && ay > sy)) hits.push(ax + ((sy - ay) / (by - ay)) * (bx - ax));
        }
        hits.sort((p, q) => p - q);
        for (let k = 0; k + 1 < hits.length; k += 2) {
          const l = Math.max(xL, hits[k]!);
          const r = Math.min(xR + 1, hits[k + 1]!);
          for (let x = Math.floor(l); x < r; x++) {
            const part = Math.min(x + 1, r) - Math.max(x, l);
            if (part > 0) cov[x - xL]! += part / 4;
          }
        }
      }
      for (let x = xL; x <= xR; x++) if (cov[x - xL]! > 0) this.blend(x, y, c, a * Math.min(1, cov[x - xL]!));
    }
  }

  /** A stroked polyline of width w (as quads). */
  stroke(pts: readonly (readonly [number, number])[], w: number, c: Rgb, a = 1): void {
    for (let i = 0; i + 1 < pts.length; i++) {
      const [ax, ay] = pts[i]!;
      const [bx, by] = pts[i + 1]!;
      const len = Math.hypot(bx - ax, by - ay) || 1;
      const nx = (-(by - ay) / len) * (w / 2);
      const ny = ((bx - ax) / len) * (w / 2);
      this.polygon([[ax + nx, ay + ny], [bx + nx, by + ny], [bx - nx, by - ny], [ax - nx, ay - ny]], c, a);
    }
  }

  /** Draw another image over this one at (dx, dy), with an opacity. */
  draw(src: Img, dx: number, dy: number, opacity = 1): void {
    const ox = Math.round(dx);
    const oy = Math.round(dy);
    for (let y = 0; y < src.h; y++) {
      const ty = y + oy;
      if (ty < 0 || ty >= this.h) continue;
      for (let x = 0; x < src.w; x++) {
        const tx = x + ox;
        if (tx < 0 || tx >= this.w) continue;
        const i = (y * src.w + x) * 4;
        const a = src.data[i + 3]! * opacity;
        if (a > 0) this.blend(tx, ty, [src.data[i]!, src.data[i + 1]!, src.data[i + 2]!], a);
      }
    }
  }

  /** Bilinear sample (colour premultiplied by alpha, then divided back). */
  sample(x: number, y: number): [number, number, number, number] {
    const x0 = Math.floor(x - 0.5);
    const y0 = Math.floor(y - 0.5);
    const fx = x - 0.5 - x0;
    const fy = y - 0.5 - y0;
    let r = 0, g = 0, b = 0, a = 0;
    for (let j = 0; j < 2; j++)
      for (let i = 0; i < 2; i++) {
        const px = x0 + i;
        const py = y0 + j;
        if (px < 0 || py < 0 || px >= this.w || py >= this.h) continue;
        const wgt = (i ? fx : 1 - fx) * (j ? fy : 1 - fy);
        const k = (py * this.w + px) * 4;
        const pa = this.data[k + 3]! * wgt;
        r += this.data[k]! * pa;
        g += this.data[k + 1]! * pa;
        b += this.data[k + 2]! * pa;
        a += pa;
      }
    return a > 1e-6 ? [r / a, g / a, b / a, a] : [0, 0, 0, 0];
  }
}

/** The 3×3 homography (row-major, h33 = 1) taking the four `from` points to the four `to` points. */
export function homography(from: readonly (readonly [number, number])[], to: readonly (readonly [number, number])[]): number[] {
  const A: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!;
    const [u, v] = to[i]!;
    A.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    A.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  // Gaussian elimination with partial pivoting on the 8×9 augmented matrix
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[p]![c]!)) p = r;
    [A[c], A[p]] = [A[p]!, A[c]!];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = A[r]![c]! / A[c]![c]!;
      for (let k = c; k < 9; k++) A[r]![k]! -= f * A[c]![k]!;
    }
  }
  const h = A.map((row, i) => row[8]! / row[i]!);
  return [...h, 1];
}

export function applyH(h: readonly number[], x: number, y: number): [number, number] {
  const w = h[6]! * x + h[7]! * y + h[8]!;
  return [(h[0]! * x + h[1]! * y + h[2]!) / w, (h[3]! * x + h[4]! * y + h[5]!) / w];
}

/**
 * Draw `src` onto `dst` so that its corners land on `quad` (top-left, top-right, bottom-right,
 * bottom-left): each destination pixel is mapped back through the inverse homography and sampled.
 * Downscaling more than 2× is smoothed by sampling a 2×2 grid per pixel.
 */
export function warpOnto(dst: Img, src: Img, quad: readonly (readonly [number, number])[]): void {
  const corners: [number, number][] = [[0, 0], [src.w, 0], [src.w, src.h], [0, src.h]];
  const inv = homography(quad, corners);
  const xs = quad.map((p) => p[0]);
  const ys = quad.map((p) => p[1]);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const x1 = Math.min(dst.w, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(dst.h, Math.ceil(Math.max(...ys)));
  const area = Math.abs((quad[1]![0] - quad[0]![0]) * (quad[3]![1] - quad[0]![1]) - (quad[1]![1] - quad[0]![1]) * (quad[3]![0] - quad[0]![0]));
  const ss = area < (src.w * src.h) / 4 ? 2 : 1;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let j = 0; j < ss; j++)
        for (let i = 0; i < ss; i++) {
          const [u, v] = applyH(inv, x + (i + 0.5) / ss, y + (j + 0.5) / ss);
          if (u < -1 || v < -1 || u > src.w + 1 || v > src.h + 1) continue;
          const s = src.sample(u, v);
          r += s[0] * s[3];
          g += s[1] * s[3];
          b += s[2] * s[3];
          a += s[3];
        }
      if (a > 1e-6) dst.blend(x, y, [r / a, g / a, b / a], a / (ss * ss));
    }
}
