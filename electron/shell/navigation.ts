/**
 * What any webContents may do: navigate only within app://kiosk/ (#13), open
 * no windows (#14) and never hand a URL to shell.openExternal (#15), attach no
 * <webview> (#11, #12). Applied to every webContents via app
 * 'web-contents-created', and directly to the kiosk window.
 * Layer: electron-main; the Electron API is injected.
 */
import type { Input, Log, WebContents } from './types.ts';
import { isAppUrl } from './types.ts';

type Preventable = { preventDefault(): void; url?: string };

const hardened = new WeakSet<object>();

export type PolicyContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** Idempotent: safe to call from 'web-contents-created' and again for the kiosk window. */
export function applyContentsPolicy(contents: PolicyContents, log: Log = () => {}): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);

  const guard = (kind: string) => (event: Preventable, legacyUrl?: unknown) => {
    const target = typeof event.url === 'string' ? event.url : legacyUrl;
    if (isAppUrl(target)) return;
    event.preventDefault();
    log(`navigation: denied ${kind} to ${describeUrl(target)}`);
  };
  // The Electron typings overload `on` per event name; the handlers below
  // accept the details-event shape shared by all three.
  const on = contents.on.bind(contents) as unknown as (name: string, fn: (...args: never[]) => void) => void;
  on('will-navigate', guard('will-navigate'));
  on('will-frame-navigate', guard('will-frame-navigate'));
  on('will-redirect', guard('will-redirect'));
  on('will-attach-webview', (event: Preventable) => {
    event.preventDefault();
    log('navigation: denied <webview>');
  });
  contents.setWindowOpenHandler((details) => {
    log(`navigation: denied new window to ${describeUrl(details.url)}`);
    return { action: 'deny' };
  });
}

/** Origin only, never the path or query (which could carry a resident's data). */
function describeUrl(raw: unknown): string {
  if (typeof raw !== 'string') return '(none)';
  try {
    const u = new URL(raw);
    return `${u.protocol}//${u.host}`;
  } catch {
    return '(unparseable)';
  }
}

/** The subset of Electron's `Input` the key filter reads. */
export type KeyInput = Pick<Input, 'type' | 'key' | 'code' | 'control' | 'shift' | 'alt' | 'meta'>;

const BLOCKED_PLAIN = new Set(['F1', 'F3', 'F5', 'F7', 'F11', 'F12', 'BrowserBack', 'BrowserForward', 'BrowserRefresh', 'BrowserHome', 'BrowserSearch']);
const BLOCKED_WITH_CTRL = new Set(['r', 'w', 'q', 'p', 'l', 'n', 't', 'o', 's', 'u', 'f', 'g', 'h', 'j', 'd', 'e', 'k', '+', '=', '-', '_', '0', 'tab', 'pageup', 'pagedown', 'f4', 'f5']);
const BLOCKED_WITH_CTRL_SHIFT = new Set(['i', 'j', 'c', 'r', 'n', 't', 'w', 'q', 'delete', 'b', 'm']);
const BLOCKED_WITH_ALT = new Set(['f4', 'arrowleft', 'arrowright', 'home', 'tab', ' ', 'space']);
const SUPER_KEYS = new Set(['Meta', 'OS', 'Super', 'Hyper']);

/**
 * True when a key press must not reach Chromium: reload, DevTools, close,
 * quit, print, address bar, new window/tab, zoom, history navigation, and
 * anything with the Super/Windows key.
 */
export function isBlockedInput(input: KeyInput): boolean {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return false;
  const key = (input.key ?? '').toLowerCase();
  if (input.meta || SUPER_KEYS.has(input.key)) return true;
  if (BLOCKED_PLAIN.has(input.key) || BLOCKED_PLAIN.has(input.code)) return true;
  if (input.control && input.shift && BLOCKED_WITH_CTRL_SHIFT.has(key)) return true;
  if (input.control && BLOCKED_WITH_CTRL.has(key)) return true;
  if (input.alt && BLOCKED_WITH_ALT.has(key)) return true;
  // Zoom keys on the numeric keypad report code NumpadAdd / NumpadSubtract / Numpad0.
  if (input.control && ['NumpadAdd', 'NumpadSubtract', 'Numpad0', 'Equal', 'Minus', 'Digit0'].includes(input.code)) return true;
  return false;
}

/** Swallow blocked shortcuts before the page or Chromium sees them. */
export function blockShortcuts(contents: Pick<WebContents, 'on'>): void {
  contents.on('before-input-event', (event, input) => {
    if (isBlockedInput(input)) event.preventDefault();
  });
}
