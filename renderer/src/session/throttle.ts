/**
 * Leading-edge throttle: runs `fn` at most once per `ms`. Layer: renderer, pure
 * (the clock is injected so tests control time). Used for `session.activity`.
 */
export interface Throttled {
  (): boolean;
  reset(): void;
}

export function throttle(fn: () => void, ms: number, now: () => number = Date.now): Throttled {
  let last = -Infinity;
  const run = (() => {
    const t = now();
    if (t - last < ms) return false;
    last = t;
    fn();
    return true;
  }) as Throttled;
  run.reset = () => {
    last = -Infinity;
  };
  return run;
}
