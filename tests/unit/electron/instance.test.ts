import { describe, expect, it } from 'vitest';
import { acquireSingleInstance, keepDisplayAwake, SECOND_INSTANCE_MESSAGE } from '../../../electron/shell/instance.ts';
import { FakeApp, FakeBrowserWindow, FakeEvent } from './fake-electron.ts';

describe('single instance', () => {
  it('a second instance writes a clear error to stderr and quits', () => {
    const app = new FakeApp();
    app.lockAvailable = false;
    const errors: string[] = [];
    const ok = acquireSingleInstance(app as never, { stderr: { write: (s: string) => errors.push(s) }, getWindow: () => null });
    expect(ok).toBe(false);
    expect(app.quitCalls).toBe(1);
    expect(errors.join('')).toBe(SECOND_INSTANCE_MESSAGE);
    expect(SECOND_INSTANCE_MESSAGE).toMatch(/another instance is already running/);
    expect(app.listenerCount('second-instance')).toBe(0);
  });
  it('the first instance keeps running and comes back to the front on second-instance', () => {
    const app = new FakeApp();
    const win = new FakeBrowserWindow({ kiosk: true });
    win.minimized = true;
    win.kiosk = false;
    const errors: string[] = [];
    const ok = acquireSingleInstance(app as never, { stderr: { write: (s: string) => errors.push(s) }, getWindow: () => win as never });
    expect(ok).toBe(true);
    expect(app.quitCalls).toBe(0);
    app.emit('second-instance', new FakeEvent(), ['ward-kiosk'], '/', {});
    expect(win.minimized).toBe(false);
    expect(win.focused).toBe(1);
    expect(win.kiosk).toBe(true);
    expect(errors).toEqual([]);
  });
  it('second-instance before the window exists is harmless', () => {
    const app = new FakeApp();
    acquireSingleInstance(app as never, { stderr: { write: () => true }, getWindow: () => null });
    expect(() => app.emit('second-instance', new FakeEvent(), [], '/', {})).not.toThrow();
  });
});

describe('display', () => {
  it('keeps the display awake', () => {
    const started: string[] = [];
    const id = keepDisplayAwake({ start: (type: string) => (started.push(type), 7) } as never);
    expect(started).toEqual(['prevent-display-sleep']);
    expect(id).toBe(7);
  });
});
