/**
 * The kiosk's reconnect back-off to the hub (issue 18) — one function, used by the real kiosk
 * (services/hub/hub-client.ts) and by the simulated kiosks of the benchmarks and tests
 * (tests/bench/hub-load.ts, tests/support/sim-kiosk.ts), so a benchmark measures what kiosks do.
 *
 * Full jitter ("Exponential Backoff And Jitter", AWS Architecture Blog, 2015): the delay before
 * try `attempt` is uniform in [0, window(attempt)), window = min(cap, base · 2^attempt). Unlike
 * "half jitter" (window/2 … window), which the kiosk used before, it does not bunch a crowd in
 * the upper half of each window.
 *
 * The crowd that matters is an instance's death: a third of the fleet (3,332 of 10,000 kiosks)
 * loses its socket in the same millisecond. Even with full jitter a 250 ms first window sends them
 * all at the two survivors within a quarter of a second, which stalls their event loops and delays
 * the heartbeats of every kiosk already connected there. So a kiosk with nothing urgent spreads its
 * tries over at least `spreadMs` (5 s: 3,332 kiosks ≈ 670 hellos a second, well within what two
 * instances take while still acking heartbeats in time), and only a kiosk whose resident is
 * waiting for a volunteer or in a call (`urgent`) comes back within the short window — the call
 * waits for it on the hub (the grace time) and the resident is looking at the screen.
 * Every kiosk of a dead instance is back well within the 30 s target: the windows of the first
 * tries are 5 s each, the cap 10 s.
 * Layer: common (pure TS).
 */

export interface ReconnectPolicy {
  /** Window of the first try when urgent; doubles with each failed try. */
  baseMs: number;
  /** Largest window. */
  capMs: number;
  /** Smallest window when not urgent (the spread of a crowd dropped at once). */
  spreadMs: number;
}

/** The kiosk's policy (services/hub/hub-client.ts and the simulated kiosks). */
export const KIOSK_RECONNECT: ReconnectPolicy = { baseMs: 250, capMs: 10_000, spreadMs: 5_000 };

/** The window of try `attempt` (0 = the first try after a drop). */
export function reconnectWindow(attempt: number, urgent: boolean, p: ReconnectPolicy = KIOSK_RECONNECT): number {
  const a = Number.isFinite(attempt) ? Math.max(0, Math.min(30, Math.floor(attempt))) : 30;
  const exp = Math.min(p.capMs, p.baseMs * 2 ** a);
  return urgent ? exp : Math.min(p.capMs, Math.max(p.spreadMs, exp));
}

/** Milliseconds to wait before try `attempt`: uniform in [0, window) (full jitter). */
export function reconnectDelay(attempt: number, urgent: boolean, p: ReconnectPolicy = KIOSK_RECONNECT, random: () => number = Math.random): number {
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * reconnectWindow(attempt, urgent, p));
}
