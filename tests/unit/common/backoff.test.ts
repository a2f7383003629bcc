import { describe, expect, it } from 'vitest';
import { KIOSK_RECONNECT, reconnectDelay, reconnectWindow } from '../../../common/backoff.ts';
import { seeded } from '../../support/rng.ts';

describe('the kiosk reconnect back-off (common/backoff.ts)', () => {
  it('windows: urgent doubles from 250 ms, otherwise at least the 5 s spread; both capped at 10 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((a) => reconnectWindow(a, true))).toEqual([250, 500, 1000, 2000, 4000, 8000, 10_000]);
    expect([0, 1, 2, 3, 4, 5, 6].map((a) => reconnectWindow(a, false))).toEqual([5000, 5000, 5000, 5000, 5000, 8000, 10_000]);
    expect(reconnectWindow(1e9, false)).toBe(10_000);
    expect(reconnectWindow(Number.NaN, true)).toBe(10_000);
    expect(reconnectWindow(-3, true)).toBe(250);
  });

  it('full jitter: anywhere in [0, window), not only its upper half', () => {
    expect(reconnectDelay(0, false, KIOSK_RECONNECT, () => 0)).toBe(0);
    expect(reconnectDelay(0, false, KIOSK_RECONNECT, () => 0.5)).toBe(2500);
    expect(reconnectDelay(0, false, KIOSK_RECONNECT, () => 0.9999)).toBe(4999);
    expect(reconnectDelay(2, true, KIOSK_RECONNECT, () => 2)).toBe(1000); // a random() out of range is clamped
    const rnd = seeded(7);
    const draws = Array.from({ length: 2000 }, () => reconnectDelay(3, true, KIOSK_RECONNECT, rnd));
    const low = draws.filter((d) => d < 1000).length;
    expect(low / draws.length).toBeGreaterThan(0.4); // half jitter (window/2 … window) would give 0
    expect(Math.max(...draws)).toBeLessThan(2000);
  });

  it('a crowd dropped at once (an instance of 3,332 kiosks killed) comes back spread over 5 s, the urgent few first', () => {
    const rnd = seeded(18);
    const delays = Array.from({ length: 3332 }, () => reconnectDelay(0, false, KIOSK_RECONNECT, rnd));
    const buckets = new Array<number>(20).fill(0); // 250 ms each over 5 s
    for (const d of delays) buckets[Math.floor(d / 250)]!++;
    expect(delays.every((d) => d >= 0 && d < 5000)).toBe(true);
    // Even: no quarter second gets more than 1.4 × its share (3,332 / 20 ≈ 167); before, all 3,332 came within 250 ms.
    expect(Math.max(...buckets)).toBeLessThan(1.4 * (3332 / 20));
    expect(Math.min(...buckets)).toBeGreaterThan(0.6 * (3332 / 20));
    const urgent = Array.from({ length: 50 }, () => reconnectDelay(0, true, KIOSK_RECONNECT, rnd));
    expect(Math.max(...urgent)).toBeLessThan(250);
  });

  it('every kiosk is back within the 30 s target even if its first four tries fail', () => {
    const worst = [0, 1, 2, 3, 4].reduce((s, a) => s + reconnectWindow(a, false), 0);
    expect(worst).toBeLessThanOrEqual(30_000);
  });
});
