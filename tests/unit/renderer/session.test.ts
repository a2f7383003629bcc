import { describe, expect, it } from 'vitest';
import { throttle } from '../../../renderer/src/session/throttle.ts';
import { secondsLeft, shouldAnnounce, warningDeadline } from '../../../renderer/src/session/countdown.ts';
import { createTapCounter } from '../../../renderer/src/staff/taps.ts';
import { applyKey, keyboardFor } from '../../../renderer/src/keyboard/index.ts';

describe('throttle (session.activity at most once per 2 s)', () => {
  it('runs on the first call, then not again within the window', () => {
    let t = 1000;
    let calls = 0;
    const f = throttle(() => calls++, 2000, () => t);
    expect(f()).toBe(true);
    t += 500;
    expect(f()).toBe(false);
    t += 1499;
    expect(f()).toBe(false);
    expect(calls).toBe(1);
    t += 1;
    expect(f()).toBe(true);
    expect(calls).toBe(2);
  });
  it('reset lets the next call through', () => {
    let t = 0;
    let calls = 0;
    const f = throttle(() => calls++, 2000, () => t);
    f();
    t = 10;
    f.reset();
    f();
    expect(calls).toBe(2);
  });
});

describe('idle warning countdown', () => {
  it('uses endsAt when the clocks agree, else the local deadline', () => {
    expect(warningDeadline({ secondsLeft: 30, endsAt: 131_000 }, 100_000)).toBe(131_000);
    expect(warningDeadline({ secondsLeft: 30, endsAt: 999_999 }, 100_000)).toBe(130_000);
  });
  it('rounds up and never goes below zero', () => {
    expect(secondsLeft(130_000, 100_000)).toBe(30);
    expect(secondsLeft(130_000, 100_001)).toBe(30);
    expect(secondsLeft(130_000, 129_001)).toBe(1);
    expect(secondsLeft(130_000, 140_000)).toBe(0);
  });
  it('announces at the start and at a few points only', () => {
    expect(shouldAnnounce(30, true)).toBe(true);
    expect(shouldAnnounce(29, false)).toBe(false);
    expect(shouldAnnounce(10, false)).toBe(true);
  });
});

describe('staff exit taps', () => {
  it('opens after N taps within 3 s, not when they are spread out', () => {
    let t = 0;
    const c = createTapCounter(5, 3000, () => t);
    for (let i = 0; i < 4; i++) {
      expect(c.tap()).toBe(false);
      t += 500;
    }
    expect(c.tap()).toBe(true);
    // spread out: never 5 inside 3 s
    for (let i = 0; i < 10; i++) {
      t += 800;
      expect(c.tap()).toBe(false);
    }
  });
});

describe('keypad', () => {
  it('picks a keypad by question type', () => {
    expect(keyboardFor('date')).toBe('date');
    expect(keyboardFor('phone')).toBe('numeric');
    expect(keyboardFor('text')).toBe('text');
    expect(keyboardFor('yesNo')).toBe('none');
  });
  it('types dates with slashes and deletes through them', () => {
    let v = '';
    for (const k of '05091958') v = applyKey('date', v, k, 10);
    expect(v).toBe('05/09/1958');
    expect(applyKey('date', v, '1', 10)).toBe('05/09/1958');
    expect(applyKey('date', '05/', 'delete', 10)).toBe('0');
    expect(applyKey('numeric', '0912', 'delete', 10)).toBe('091');
    expect(applyKey('numeric', '0123456789', '1', 10)).toBe('0123456789');
    expect(applyKey('numeric', '12', 'clear', 10)).toBe('');
  });
});
