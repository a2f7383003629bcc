/** Small image geometry for card photos: homography and perspective warp on raw pixel buffers. */

export type Point = [number, number];

/** Homography H (row-major 3×3, h33 = 1) mapping src[i] → dst[i] for 4 point pairs. */
export function homography(src: readonly Point[], dst: readonly Point[]): number[] {
  const A: number[][] = [];
  const b: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = src[i]!;
    const [u, v] = dst[i]!;
    A.push([x, y, 1, 0, 0, 0, -u * x, -u * y]);
    b.push(u);
    A.push([0, 0, 0, x, y, 1, -v * x, -v * y]);
    b.push(v);
  }
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[p]![c]!)) p = r;
    [A[c], A[p]] = [A[p]!, A[c]!];
    [b[c], b[p]] = [b[p]!, b[c]!];
    const piv = A[c]![c]!;
    if (Math.abs(piv) < 1e-12) throw new Error('degenerate quad');
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = A[r]![c]! / piv;
      if (f === 0) continue;
      for (let k = c; k < 8; k++) A[r]![k]! -= f * A[c]![k]!;
      b[r]! -= f * b[c]!;
    }
  }
  return [...b.map((v, i) => v / A[i]![i]!), 1];
}

/**
 * Warp: output pixel (x, y) of an outW × outH image samples the source at H·(x, y), bilinear.
 * `H` maps output → source coordinates. Pixels outside the source get `fill`. `srcChannels` (default `channels`):
 * the source's bands per pixel, when it has more than the output takes (RGBA read as RGB: the frame as decoded, with
 * no copy made without its alpha first). The terms of a row and 1 − f are worked out once, in the same order of
 * operations as per pixel (the same bytes out: session 13, idspeed).
 */
export function warpInverse(src: Uint8Array, w: number, h: number, channels: number, H: readonly number[], outW: number, outH: number, fill = 0, srcChannels = channels): Buffer {
  const outBuf = Buffer.alloc(outW * outH * channels, fill);
  // plain Uint8Array views: one element kind in the loop whatever the caller passes (a Buffer or a Uint8Array)
  const out = new Uint8Array(outBuf.buffer, outBuf.byteOffset, outBuf.length);
  const s = new Uint8Array(src.buffer, src.byteOffset, src.length);
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = H as [number, number, number, number, number, number, number, number, number];
  const row = w * srcChannels;
  for (let y = 0; y < outH; y++) {
    const a1 = h1 * y;
    const a4 = h4 * y;
    const a7 = h7 * y;
    for (let x = 0; x < outW; x++) {
      const d = h6 * x + a7 + h8;
      const sx = (h0 * x + a1 + h2) / d;
      const sy = (h3 * x + a4 + h5) / d;
      if (!(sx >= 0 && sy >= 0 && sx < w - 1 && sy < h - 1)) continue;
      const x0 = sx | 0;
      const y0 = sy | 0;
      const fx = sx - x0;
      const fy = sy - y0;
      const gx = 1 - fx;
      const gy = 1 - fy;
      const o = (y * outW + x) * channels;
      const i00 = (y0 * w + x0) * srcChannels;
      const i10 = i00 + srcChannels;
      const i01 = i00 + row;
      const i11 = i01 + srcChannels;
      if (channels === 3) {
        out[o] = (s[i00]! * gx + s[i10]! * fx) * gy + (s[i01]! * gx + s[i11]! * fx) * fy;
        out[o + 1] = (s[i00 + 1]! * gx + s[i10 + 1]! * fx) * gy + (s[i01 + 1]! * gx + s[i11 + 1]! * fx) * fy;
        out[o + 2] = (s[i00 + 2]! * gx + s[i10 + 2]! * fx) * gy + (s[i01 + 2]! * gx + s[i11 + 2]! * fx) * fy;
      } else
        for (let c = 0; c < channels; c++) out[o + c] = (s[i00 + c]! * gx + s[i10 + c]! * fx) * gy + (s[i01 + c]! * gx + s[i11 + c]! * fx) * fy;
    }
  }
  return outBuf;
}
