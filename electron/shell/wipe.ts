/**
 * Wipe everything of a resident's from the renderer side when a session ends:
 * storage (cookies, localStorage, IndexedDB, caches…), HTTP cache, auth cache,
 * host resolver cache, and the clipboard.
 * Layer: electron-main; the Electron API is injected.
 */
import type { ElectronApi, Log, Session } from './types.ts';

export type WipeSession = Pick<Session, 'clearStorageData' | 'clearCache' | 'clearAuthCache' | 'clearHostResolverCache'>;
export type WipeClipboard = Pick<ElectronApi['clipboard'], 'clear'>;

/** Every step runs even if another fails; failures are logged, never thrown. */
export async function wipeRendererSession(ses: WipeSession, clipboard: WipeClipboard, log: Log = () => {}): Promise<void> {
  try {
    clipboard.clear();
  } catch (err) {
    log(`wipe: clipboard failed: ${String(err)}`);
  }
  const steps: Array<[string, () => Promise<void>]> = [
    ['storage', () => ses.clearStorageData()],
    ['cache', () => ses.clearCache()],
    ['auth cache', () => ses.clearAuthCache()],
    ['host resolver cache', () => ses.clearHostResolverCache()],
  ];
  const results = await Promise.allSettled(steps.map(([, run]) => run()));
  results.forEach((r, i) => {
    if (r.status === 'rejected') log(`wipe: ${steps[i]?.[0]} failed: ${String(r.reason)}`);
  });
}
