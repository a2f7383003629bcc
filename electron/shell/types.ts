/**
 * The slices of the Electron API the shell uses, and the kiosk's fixed origin.
 *
 * Layer: electron-main. Every shell module receives the Electron API as a
 * parameter (typed from these aliases) instead of importing 'electron', so the
 * shell is unit-tested with fakes: the Electron binary cannot run on CI.
 * Only `import type` from 'electron' is allowed under electron/shell/.
 */
import type * as Electron from 'electron';

export type ElectronApi = typeof Electron;

/** What startShell needs from `import * as electron from 'electron'`. */
export type ShellElectron = Pick<
  ElectronApi,
  'app' | 'BrowserWindow' | 'Menu' | 'protocol' | 'session' | 'ipcMain' | 'powerSaveBlocker' | 'clipboard'
>;

export type App = ElectronApi['app'];
export type BrowserWindow = Electron.BrowserWindow;
export type BrowserWindowConstructorOptions = Electron.BrowserWindowConstructorOptions;
export type WebContents = Electron.WebContents;
export type WebFrameMain = Electron.WebFrameMain;
export type Session = Electron.Session;
export type Protocol = Electron.Protocol;
export type IpcMain = Electron.IpcMain;
export type IpcMainInvokeEvent = Electron.IpcMainInvokeEvent;
export type Input = Electron.Input;

/** Something that writes a line of diagnostics (never personal data). */
export type Log = (message: string) => void;

/** The custom scheme the renderer is served from (checklist #18). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
/** The origin Chromium reports for pages served from app://kiosk/ (a standard, secure scheme). */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const WELCOME_URL = `${APP_ORIGIN}/`;
/** No `persist:` prefix: an in-memory session, nothing of a resident's written to disk. */
export const KIOSK_PARTITION = 'kiosk';

/**
 * True only for app://kiosk/… URLs. Parsed with `new URL` (checklist #13):
 * never prefix-matched, so `app://kiosk.evil/`, `app://kiosk@evil/` or
 * `app://evil/?app://kiosk/` are all refused.
 */
export function isAppUrl(raw: unknown): boolean {
  if (typeof raw !== 'string' || raw.length === 0) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}

/**
 * True for the origin string Chromium hands to permission handlers
 * ('app://kiosk', sometimes with a trailing slash or a full URL).
 */
export function isAppOrigin(raw: unknown): boolean {
  if (typeof raw !== 'string') return false;
  return raw === APP_ORIGIN || isAppUrl(raw);
}
