/**
 * Otsu's threshold of a 256-bin grey histogram: the level that best separates ink from paper (the
 * largest between-class variance). Pure code, shared by the kiosk's card region rule
 * (common/idcard/card-region.ts, which runs in the renderer too) and the Node ID-card reader
 * (drivers/idcard/image.ts re-exports it).
 */
export function otsu(hist: Uint32Array, total: number): number {
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i]!;
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let thr = 0;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t]!;
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      thr = t;
    }
  }
  return thr;
}
