/**
 * The idle warning's countdown. Layer: renderer, pure.
 *
 * The services send `endsAt` (epoch ms) and `secondsLeft`. Both run on the
 * same machine, so `endsAt` is used; if the two clocks disagree by more than
 * 2 s (a skewed clock) the local deadline from `secondsLeft` wins.
 */
export function warningDeadline(payload: { secondsLeft: number; endsAt: number }, receivedAt: number): number {
  const local = receivedAt + payload.secondsLeft * 1000;
  return Math.abs(payload.endsAt - local) > 2000 ? local : payload.endsAt;
}

export function secondsLeft(deadline: number, now: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

/** Seconds at which the polite live region speaks (not every second: that is noise). */
export function shouldAnnounce(seconds: number, first: boolean): boolean {
  return first || seconds === 20 || seconds === 10 || seconds === 5;
}
