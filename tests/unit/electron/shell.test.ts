import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../../common/contract/bridge.ts';
import { startShell, type ShellDeps } from '../../../electron/shell/shell.ts';
import { KIOSK_PARTITION, WELCOME_URL } from '../../../electron/shell/types.ts';
import { createFakeElectron, FakeBrowserWindow, FakeEvent, FakeServices, FakeWebContents, flush } from './fake-electron.ts';

async function boot(opts: { lock?: boolean } = {}) {
  const fake = createFakeElectron();
  fake.app.lockAvailable = opts.lock ?? true;
  const services = new FakeServices();
  const proc = new EventEmitter();
  const errors: string[] = [];
  const dataDirs: string[] = [];
  const deps: ShellDeps = {
    createServices: async ({ dataDir }) => {
      dataDirs.push(dataDir);
      return services;
    },
    rendererDir: '/nonexistent/renderer',
    preloadPath: '/app/dist/electron/preload.cjs',
    isProduction: true,
    process: proc as never,
    stderr: { write: (s: string) => errors.push(s) },
  };
  const started = startShell(fake.electron, deps);
  // Before 'ready': the scheme must already be privileged.
  const beforeReady = { privileged: [...fake.protocol.privileged] };
  fake.app.makeReady();
  const shell = await started;
  const win = FakeBrowserWindow.created[0];
  return { fake, services, proc, errors, dataDirs, shell, win, beforeReady };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('startShell', () => {
  it('#18 registers app:// as privileged before ready and serves it on the kiosk partition session', async () => {
    const { fake, beforeReady } = await boot();
    expect(beforeReady.privileged.map((s) => s.scheme)).toEqual(['app']);
    expect(fake.protocol.registeredBeforeReady).toBe(true);
    expect(fake.sessions.get(KIOSK_PARTITION)?.protocol.handlers.has('app')).toBe(true);
  });
  it('#1 loads only the secure app://kiosk/ welcome page, never http:// or file://', async () => {
    const { win } = await boot();
    expect(win?.webContents.loaded).toEqual([WELCOME_URL]);
    expect(new URL(WELCOME_URL).protocol).toBe('app:');
    expect(win?.webContents.navigate('will-navigate', 'http://example.com/')).toBe(true);
  });
  it('creates one locked-down kiosk window with services started in userData', async () => {
    const { win, dataDirs, fake, shell } = await boot();
    expect(FakeBrowserWindow.created).toHaveLength(1);
    expect(win?.options.kiosk).toBe(true);
    expect(win?.options.webPreferences?.sandbox).toBe(true);
    expect(win?.options.webPreferences?.devTools).toBe(false);
    expect(fake.menu.current).toBeNull();
    expect(dataDirs).toEqual(['/fake/userData']);
    expect(fake.powerSaveBlockers).toEqual(['prevent-display-sleep']);
    expect(shell?.media).toBeDefined();
  });
  it('#5 installs the permission policy on the kiosk session', async () => {
    const { fake } = await boot();
    const ses = fake.sessions.get(KIOSK_PARTITION)!;
    expect(await ses.request('geolocation', { requestingUrl: 'app://kiosk/' })).toBe(false);
    expect(await ses.request('media', { requestingUrl: 'app://kiosk/', mediaTypes: ['video'] })).toBe(false);
  });
  it('#13 #14 applies the navigation policy to every webContents (web-contents-created)', async () => {
    const { fake, win } = await boot();
    const other = new FakeWebContents();
    fake.app.emit('web-contents-created', new FakeEvent(), other);
    expect(other.navigate('will-navigate', 'https://example.com/')).toBe(true);
    expect(other.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(win?.webContents.navigate('will-redirect', 'https://example.com/')).toBe(true);
    expect(win?.webContents.listenerCount('will-navigate')).toBe(1);
  });
  it('blocks reload/devtools shortcuts in the kiosk window', async () => {
    const { win } = await boot();
    expect(win?.webContents.pressKey({ key: 'F5', code: 'F5' })).toBe(true);
    expect(win?.webContents.pressKey({ key: 'I', code: 'KeyI', control: true, shift: true })).toBe(true);
  });
  it('#17 wires IPC to the services for the kiosk frame only', async () => {
    const { fake, win, services } = await boot();
    const wc = win!.webContents;
    expect(await fake.ipcMain.invoke(IPC_CALL_CHANNEL, { sender: wc, senderFrame: wc.mainFrame }, 'kiosk.info', {})).toMatchObject({ ok: true });
    const other = new FakeWebContents();
    expect(await fake.ipcMain.invoke(IPC_CALL_CHANNEL, { sender: other, senderFrame: other.mainFrame }, 'kiosk.info', {})).toMatchObject({
      ok: false,
      error: { code: 'E_FORBIDDEN' },
    });
    expect(services.calls).toHaveLength(1);
    services.emit('session.warning', { secondsLeft: 20, endsAt: 0 });
    expect(wc.sent).toContainEqual([IPC_EVENT_CHANNEL, 'session.warning', { secondsLeft: 20, endsAt: 0 }]);
  });
  it('session.ended wipes renderer storage, caches and the clipboard, and releases media', async () => {
    const { fake, services, shell } = await boot();
    const ses = fake.sessions.get(KIOSK_PARTITION)!;
    shell!.media.need('camera', 'id-camera');
    services.emit('session.ended', { reason: 'timeout' });
    await flush();
    expect(ses.cleared.sort()).toEqual(['auth', 'cache', 'hostResolver', 'storage']);
    expect(fake.clipboardClears).toBe(1);
    expect(shell!.media.isNeeded('camera')).toBe(false);
  });
  it('#5 grants the microphone only while a volunteer is on the help call', async () => {
    const { services, shell } = await boot();
    expect(shell!.media.isNeeded('microphone')).toBe(false);
    services.emit('help.event', { type: 'help.accepted', seq: 1, requestId: 'r', call: {} });
    expect(shell!.media.isNeeded('microphone')).toBe(true);
    services.emit('help.event', { type: 'chat', seq: 2, callId: 'r', from: 'volunteer', text: 'x', at: 1 });
    expect(shell!.media.isNeeded('microphone')).toBe(true);
    services.emit('help.event', { type: 'call.ended', seq: 3, callId: 'r', by: 'volunteer' });
    expect(shell!.media.isNeeded('microphone')).toBe(false);
  });
  it('#5 grants the camera only while the ID camera step is open, and takes it back when it closes or the session ends', async () => {
    const { fake, services, shell } = await boot();
    const ses = fake.sessions.get(KIOSK_PARTITION)!;
    const video = { requestingUrl: 'app://kiosk/', isMainFrame: true, mediaTypes: ['video'], securityOrigin: 'app://kiosk/' };
    expect(await ses.request('media', video)).toBe(false);
    services.emit('idcard.camera', { open: true });
    expect(shell!.media.isNeeded('camera')).toBe(true);
    expect(await ses.request('media', video)).toBe(true);
    // the camera step does not open the microphone
    expect(await ses.request('media', { ...video, mediaTypes: ['audio'] })).toBe(false);
    services.emit('idcard.camera', { open: false });
    expect(shell!.media.isNeeded('camera')).toBe(false);
    expect(await ses.request('media', video)).toBe(false);
    services.emit('idcard.camera', { open: true });
    services.emit('session.ended', { reason: 'timeout' });
    await flush();
    expect(await ses.request('media', video)).toBe(false);
    // a help call's grant is independent of the camera step
    services.emit('help.event', { type: 'help.accepted', seq: 1, requestId: 'r', call: {} });
    services.emit('idcard.camera', { open: true });
    services.emit('idcard.camera', { open: false });
    expect(shell!.media.isNeeded('microphone')).toBe(true);
  });
  it('staff.exit leaves kiosk mode and quits', async () => {
    const { fake, services, win } = await boot();
    expect(fake.app.quitCalls).toBe(0);
    services.emit('staff.exit', {});
    expect(win?.kiosk).toBe(false);
    expect(win?.fullscreen).toBe(false);
    expect(fake.app.quitCalls).toBe(1);
  });
  it('closes the services before quitting', async () => {
    const { fake, services } = await boot();
    fake.app.emit('before-quit', new FakeEvent());
    await flush();
    expect(services.closed).toBe(1);
  });
  it('a renderer crash ends the session and reloads the welcome screen', async () => {
    const { win, services } = await boot();
    vi.useFakeTimers();
    win!.webContents.emit('render-process-gone', new FakeEvent(), { reason: 'crashed', exitCode: 11 });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(services.ended).toEqual(['crash']);
    expect(win!.webContents.loaded).toEqual([WELCOME_URL, WELCOME_URL]);
  });
  it('a fatal main-process error relaunches the app', async () => {
    const { fake, proc } = await boot();
    proc.emit('uncaughtException', new Error('boom'));
    expect(fake.app.relaunchCalls).toBe(1);
    expect(fake.app.exitCodes).toEqual([1]);
  });
  it('a second instance quits with an error before creating any window or starting services', async () => {
    const { fake, errors, dataDirs, shell } = await boot({ lock: false });
    expect(shell).toBeNull();
    expect(fake.app.quitCalls).toBe(1);
    expect(errors.join('')).toMatch(/another instance is already running/);
    expect(FakeBrowserWindow.created).toHaveLength(0);
    expect(dataDirs).toEqual([]);
    expect(fake.protocol.privileged).toEqual([]);
  });
  it('second-instance brings the existing kiosk window back to the front', async () => {
    const { fake, win } = await boot();
    win!.minimized = true;
    fake.app.emit('second-instance', new FakeEvent(), [], '/', {});
    expect(win!.minimized).toBe(false);
    expect(win!.focused).toBe(1);
  });
});
