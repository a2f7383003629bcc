import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionManager, SESSION_TMP_PREFIX } from '../../../services/session.ts';
import { tempDir } from '../../support/paths.ts';

describe('session lifecycle', () => {
  let tmpRoot: string;
  let events: string[];
  let ended: string[];
  let m: SessionManager;

  beforeEach(() => {
    vi.useFakeTimers();
    tmpRoot = tempDir('session');
    events = [];
    ended = [];
    m = new SessionManager(
      () => ({ idleSeconds: 60, warningSeconds: 30 }),
      {
        warning: (s) => events.push(`warning:${s}`),
        extended: () => events.push('extended'),
        ended: (reason) => ended.push(reason),
      },
      () => 'vi',
      tmpRoot,
    );
  });
  afterEach(() => vi.useRealTimers());

  it('warns after the idle time, with a countdown, then ends with a timeout and wipes', () => {
    m.start('vi');
    m.saveAnswer('1.001193', 'childName', 'Phạm Văn Đức');
    const dir = m.tmpDir();
    writeFileSync(path.join(dir, 'frame.jpg'), 'camera frame');
    vi.advanceTimersByTime(59_999);
    expect(events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(events).toEqual(['warning:30']);
    expect(m.state().warningEndsAt).toBe(Date.now() + 30_000);
    vi.advanceTimersByTime(29_999);
    expect(m.active).toBe(true);
    vi.advanceTimersByTime(1);
    expect(ended).toEqual(['timeout']);
    expect(m.active).toBe(false);
    expect(existsSync(dir)).toBe(false);
    expect(() => m.draft('1.001193')).toThrow(/no active session/);
  });

  it('"Tôi cần thêm thời gian" restarts the clock, any number of times', () => {
    m.start('vi');
    for (let i = 1; i <= 12; i++) {
      vi.advanceTimersByTime(60_000 + 25_000);
      expect(m.active).toBe(true);
      m.extend();
      expect(m.state().extensions).toBe(i);
      expect(m.state().warningEndsAt).toBeNull();
    }
    expect(events.filter((e) => e === 'extended')).toHaveLength(12);
    expect(ended).toEqual([]);
  });

  it('a touch restarts the idle clock, but not once the warning shows', () => {
    m.start('vi');
    vi.advanceTimersByTime(50_000);
    m.activity();
    vi.advanceTimersByTime(50_000);
    expect(events).toEqual([]);
    vi.advanceTimersByTime(10_000);
    expect(events).toEqual(['warning:30']);
    m.activity();
    vi.advanceTimersByTime(30_000);
    expect(ended).toEqual(['timeout']);
  });

  it('a new start wipes the previous resident first', () => {
    m.start('vi');
    m.saveAnswer('s', 'q', 'bí mật');
    const first = m.tmpDir();
    m.start('en');
    expect(ended).toEqual(['cancelled']);
    expect(existsSync(first)).toBe(false);
    expect(m.draft('s')).toEqual({});
    expect(m.state().lang).toBe('en');
  });

  it('ending twice is harmless; calls without a session are refused', () => {
    expect(m.end('finished')).toBe(false);
    expect(() => m.extend()).toThrow();
    m.start('vi');
    expect(m.end('finished')).toBe(true);
    expect(m.end('finished')).toBe(false);
    expect(ended).toEqual(['finished']);
  });

  it('sweeps session folders left by a killed process', () => {
    mkdirSync(path.join(tmpRoot, `${SESSION_TMP_PREFIX}old1`));
    writeFileSync(path.join(tmpRoot, `${SESSION_TMP_PREFIX}old1`, 'scan.png'), 'x');
    mkdirSync(path.join(tmpRoot, 'unrelated'));
    expect(m.sweepLeftovers()).toBe(1);
    expect(readdirSync(tmpRoot)).toEqual(['unrelated']);
  });
});
