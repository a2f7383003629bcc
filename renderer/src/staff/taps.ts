/**
 * Staff exit gesture: N taps within a window in one corner. Layer: renderer, pure.
 */
export function createTapCounter(taps: number, windowMs = 3000, now: () => number = Date.now) {
  let times: number[] = [];
  return {
    /** Record a tap; true when this tap completes the gesture (and the counter resets). */
    tap(): boolean {
      const t = now();
      times = times.filter((x) => t - x < windowMs);
      times.push(t);
      if (times.length >= taps) {
        times = [];
        return true;
      }
      return false;
    },
    reset() {
      times = [];
    },
  };
}
