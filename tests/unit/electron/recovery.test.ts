import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CRASH_LOOP_MAX,
  HANG_GRACE_MS,
  RELOAD_DELAY_MS,
  installFatalHandlers,
  installRecovery,
  watchChildProcesses,
} from '../../../electron/shell/recovery.ts';
import { WELCOME_URL } from '../../../electron/shell/types.ts';
import { FakeApp, FakeEvent, FakeServices, FakeWebContents } from './fake-electron.ts';
import { EventEmitter } from 'node:events';

function setup() {
  const app = new FakeApp();
  const contents = new FakeWebContents();
  const services = new FakeServices();
  const wipes: number[] = [];
  const logs: string[] = [];
  const recovery = installRecovery({
    app,
    contents: contents as never,
    services,
    welcomeUrl: WELCOME_URL,
    onRecover: () => {
      wipes.push(Date.now());
    },
    log: (m) => logs.push(m),
  });
  const crash = (reason = 'crashed') => contents.emit('render-process-gone', new FakeEvent(), { reason, exitCode: 139 });
  return { app, contents, services, wipes, logs, recovery, crash };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('renderer crash', () => {
  it('ends the session with "crash", wipes, and reloads the welcome screen within seconds', async () => {
    const { contents, services, wipes, crash } = setup();
    crash('oom');
    await vi.advanceTimersByTimeAsync(0);
    expect(services.ended).toEqual(['crash']);
    expect(wipes).toHaveLength(1);
    expect(contents.loaded).toEqual([]);
    await vi.advanceTimersByTimeAsync(RELOAD_DELAY_MS);
    expect(contents.loaded).toEqual([WELCOME_URL]);
    expect(RELOAD_DELAY_MS).toBeLessThanOrEqual(3_000);
  });
  it('still reloads when ending the session fails', async () => {
    const { contents, services, crash } = setup();
    services.endSession = async () => {
      throw new Error('store closed');
    };
    crash();
    await vi.advanceTimersByTimeAsync(RELOAD_DELAY_MS);
    expect(contents.loaded).toEqual([WELCOME_URL]);
  });
  it(`relaunches the app when the renderer crashes more than ${CRASH_LOOP_MAX} times in 60 s`, async () => {
    const { app, contents, crash } = setup();
    for (let i = 0; i < CRASH_LOOP_MAX; i++) {
      crash();
      await vi.advanceTimersByTimeAsync(RELOAD_DELAY_MS + 1_000);
    }
    expect(app.relaunchCalls).toBe(0);
    expect(contents.loaded).toHaveLength(CRASH_LOOP_MAX);
    crash();
    await vi.advanceTimersByTimeAsync(RELOAD_DELAY_MS + 1_000);
    expect(app.relaunchCalls).toBe(1);
    expect(app.exitCodes).toEqual([1]);
    expect(contents.loaded).toHaveLength(CRASH_LOOP_MAX); // no reload after deciding to relaunch
  });
  it('does not count crashes older than 60 s towards the loop', async () => {
    const { app, crash, recovery } = setup();
    for (let i = 0; i < CRASH_LOOP_MAX + 2; i++) {
      crash();
      await vi.advanceTimersByTimeAsync(25_000);
    }
    expect(app.relaunchCalls).toBe(0);
    expect(recovery.recentCrashes()).toBeLessThanOrEqual(CRASH_LOOP_MAX);
  });
});

describe('renderer hang', () => {
  it('kills the renderer after the grace period, ends the session with "crash" and reloads', async () => {
    const { contents, services } = setup();
    contents.emit('unresponsive');
    await vi.advanceTimersByTimeAsync(HANG_GRACE_MS - 1);
    expect(contents.forcedCrashes).toBe(0);
    expect(services.ended).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(contents.forcedCrashes).toBe(1);
    await vi.advanceTimersByTimeAsync(RELOAD_DELAY_MS);
    // The render-process-gone that follows the forced crash is the same recovery, not a second one.
    expect(services.ended).toEqual(['crash']);
    expect(contents.loaded).toEqual([WELCOME_URL]);
  });
  it('does nothing when the renderer becomes responsive within the grace period', async () => {
    const { contents, services } = setup();
    contents.emit('unresponsive');
    await vi.advanceTimersByTimeAsync(HANG_GRACE_MS / 2);
    contents.emit('responsive');
    await vi.advanceTimersByTimeAsync(HANG_GRACE_MS * 2);
    expect(contents.forcedCrashes).toBe(0);
    expect(services.ended).toEqual([]);
    expect(contents.loaded).toEqual([]);
  });
  it('recovers even when the forced crash emits no render-process-gone', async () => {
    const { contents, services } = setup();
    contents.emitGoneOnForcedCrash = false;
    contents.emit('unresponsive');
    contents.emit('unresponsive'); // repeated events do not stack timers
    await vi.advanceTimersByTimeAsync(HANG_GRACE_MS + RELOAD_DELAY_MS);
    expect(contents.forcedCrashes).toBe(1);
    expect(services.ended).toEqual(['crash']);
    expect(contents.loaded).toEqual([WELCOME_URL]);
  });
});

describe('other processes and fatal errors', () => {
  it('logs a child process that died', () => {
    const app = new FakeApp();
    const logs: string[] = [];
    watchChildProcesses(app as never, (m) => logs.push(m));
    app.emit('child-process-gone', new FakeEvent(), { type: 'GPU', reason: 'crashed', exitCode: 1 });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/GPU.*crashed/);
  });
  it('relaunches on an uncaught exception in the main process', () => {
    const app = new FakeApp();
    const proc = new EventEmitter();
    const logs: string[] = [];
    installFatalHandlers(proc as never, app, (m) => logs.push(m));
    proc.emit('uncaughtException', new Error('kaboom'));
    expect(app.relaunchCalls).toBe(1);
    expect(app.exitCodes).toEqual([1]);
    expect(logs[0]).toContain('kaboom');
  });
  it('relaunches on an unhandled rejection, once', () => {
    const app = new FakeApp();
    const proc = new EventEmitter();
    const fatal = installFatalHandlers(proc as never, app, () => {});
    proc.emit('unhandledRejection', new Error('lost promise'));
    proc.emit('unhandledRejection', 'again');
    fatal(new Error('third'));
    expect(app.relaunchCalls).toBe(1);
    expect(app.exitCodes).toEqual([1]);
  });
});
