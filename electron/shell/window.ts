/**
 * The kiosk window: fullscreen kiosk mode, no menu, and locked-down
 * webPreferences (checklist #2, #3, #4, #6, #8, #9, #10, #11).
 * Layer: electron-main; the Electron API is injected.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, ElectronApi } from './types.ts';
import { KIOSK_PARTITION } from './types.ts';

export interface KioskWindowOptions {
  /** Absolute path of the bundled preload (dist/electron/preload.cjs). */
  preloadPath: string;
  /** Production builds never get DevTools. */
  isProduction: boolean;
}

/** Matches the renderer's welcome screen background, so a reload never flashes white. */
export const KIOSK_BACKGROUND = '#0b3d6e';

export function kioskWindowOptions(opts: KioskWindowOptions): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    show: true,
    backgroundColor: KIOSK_BACKGROUND,
    title: 'Kiosk dịch vụ công',
    webPreferences: {
      preload: opts.preloadPath,
      // #3 / #4 / #2: the page gets no Node, runs sandboxed, and the preload's world is isolated.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      // #6 / #8 / #9: keep the web platform's own protections.
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // #10: enableBlinkFeatures is deliberately absent.
      // #11 / #12: no <webview> at all.
      webviewTag: false,
      devTools: !opts.isProduction,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // In-memory session: no `persist:` prefix.
      partition: KIOSK_PARTITION,
    },
  };
}

/** Create the kiosk window and remove the application menu (and with it Reload/DevTools accelerators). */
export function createKioskWindow(
  electron: Pick<ElectronApi, 'BrowserWindow' | 'Menu'>,
  opts: KioskWindowOptions,
): BrowserWindow {
  electron.Menu.setApplicationMenu(null);
  const win = new electron.BrowserWindow(kioskWindowOptions(opts));
  win.setMenuBarVisibility(false);
  return win;
}

/** Staff exit: leave kiosk mode so the operating system is reachable, then the caller quits. */
export function leaveKioskMode(win: Pick<BrowserWindow, 'setKiosk' | 'setFullScreen' | 'isDestroyed'>): void {
  if (win.isDestroyed()) return;
  win.setKiosk(false);
  win.setFullScreen(false);
}
