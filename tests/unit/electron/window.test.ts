import { describe, expect, it } from 'vitest';
import { createKioskWindow, kioskWindowOptions, leaveKioskMode } from '../../../electron/shell/window.ts';
import { createFakeElectron, FakeBrowserWindow } from './fake-electron.ts';

const prod = kioskWindowOptions({ preloadPath: '/app/dist/electron/preload.cjs', isProduction: true });
const wp = prod.webPreferences ?? {};

describe('kiosk window options', () => {
  it('is a fullscreen kiosk window without a menu bar', () => {
    expect(prod.kiosk).toBe(true);
    expect(prod.fullscreen).toBe(true);
    expect(prod.autoHideMenuBar).toBe(true);
    expect(prod.frame).toBe(false);
    expect(prod.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });
  it('#2 gives the page no Node integration (window, workers, subframes)', () => {
    expect(wp.nodeIntegration).toBe(false);
    expect(wp.nodeIntegrationInWorker).toBe(false);
    expect(wp.nodeIntegrationInSubFrames).toBe(false);
  });
  it('#3 isolates the preload context', () => {
    expect(wp.contextIsolation).toBe(true);
  });
  it('#4 runs the renderer sandboxed, with the bundled preload', () => {
    expect(wp.sandbox).toBe(true);
    expect(wp.preload).toBe('/app/dist/electron/preload.cjs');
  });
  it('#6 keeps webSecurity on', () => {
    expect(wp.webSecurity).toBe(true);
  });
  it('#8 does not allow running insecure content', () => {
    expect(wp.allowRunningInsecureContent).toBe(false);
  });
  it('#9 does not enable experimental features', () => {
    expect(wp.experimentalFeatures).toBe(false);
  });
  it('#10 does not set enableBlinkFeatures', () => {
    expect(wp).not.toHaveProperty('enableBlinkFeatures');
    expect(Object.keys(wp).filter((k) => /blink/i.test(k))).toEqual([]);
  });
  it('#11 disables the <webview> tag', () => {
    expect(wp.webviewTag).toBe(false);
  });
  it('has no DevTools in production, and DevTools only in development', () => {
    expect(wp.devTools).toBe(false);
    expect(kioskWindowOptions({ preloadPath: 'p', isProduction: false }).webPreferences?.devTools).toBe(true);
  });
  it('uses an in-memory partition (no persist:) and no spellchecker', () => {
    expect(wp.partition).toBe('kiosk');
    expect(wp.partition?.startsWith('persist:')).toBe(false);
    expect(wp.spellcheck).toBe(false);
  });
});

describe('createKioskWindow', () => {
  it('removes the application menu (Reload/DevTools accelerators) and creates the locked window', () => {
    const fake = createFakeElectron();
    const win = createKioskWindow(fake.electron, { preloadPath: 'p.cjs', isProduction: true }) as unknown as FakeBrowserWindow;
    expect(fake.menu.current).toBeNull();
    expect(fake.menu.calls).toBe(1);
    expect(win.options.webPreferences?.sandbox).toBe(true);
    expect(win.kiosk).toBe(true);
    expect(win.menuBarVisible).toBe(false);
  });
  it('leaveKioskMode leaves kiosk and fullscreen', () => {
    const fake = createFakeElectron();
    const win = createKioskWindow(fake.electron, { preloadPath: 'p.cjs', isProduction: true }) as unknown as FakeBrowserWindow;
    leaveKioskMode(win as never);
    expect(win.kiosk).toBe(false);
    expect(win.fullscreen).toBe(false);
  });
});
