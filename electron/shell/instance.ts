/**
 * One kiosk per machine: a second launch writes a clear error and quits; the
 * first one comes back to the front (restored, focused, still in kiosk mode).
 * And the display is kept awake.
 * Layer: electron-main; the Electron API is injected.
 */
import type { App, BrowserWindow, ElectronApi } from './types.ts';

export const SECOND_INSTANCE_MESSAGE =
  'ward-kiosk: another instance is already running on this machine; this one exits. ' +
  '(ward-kiosk: đã có một phiên bản kiosk đang chạy trên máy này; phiên bản này sẽ thoát.)\n';

export type InstanceWindow = Pick<BrowserWindow, 'isDestroyed' | 'isMinimized' | 'restore' | 'show' | 'focus' | 'setKiosk'>;

export function acquireSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>,
  opts: { stderr: { write(chunk: string): unknown }; getWindow: () => InstanceWindow | null },
): boolean {
  if (!app.requestSingleInstanceLock()) {
    opts.stderr.write(SECOND_INSTANCE_MESSAGE);
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    const win = opts.getWindow();
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.setKiosk(true);
    win.focus();
  });
  return true;
}

/** Keep the screen on: a kiosk that dims looks broken. Returns the blocker id. */
export function keepDisplayAwake(powerSaveBlocker: Pick<ElectronApi['powerSaveBlocker'], 'start'>): number {
  return powerSaveBlocker.start('prevent-display-sleep');
}
