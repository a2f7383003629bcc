/**
 * Recovery: a crashed or hung renderer is back on the welcome screen within
 * seconds with the session ended ('crash') and wiped; a crash loop, or a fatal
 * error in the main process, relaunches the whole app.
 * Layer: electron-main; the Electron API is injected.
 */
import type { KioskServicesApi } from '../../services/types.ts';
import type { App, Log, WebContents } from './types.ts';

export const HANG_GRACE_MS = 5_000;
export const RELOAD_DELAY_MS = 1_000;
export const CRASH_LOOP_MAX = 3;
export const CRASH_LOOP_WINDOW_MS = 60_000;

export type RecoveryApp = Pick<App, 'relaunch' | 'exit'>;
export type RecoveryContents = Pick<WebContents, 'on' | 'loadURL' | 'forcefullyCrashRenderer' | 'isDestroyed'>;

export interface RecoveryOptions {
  app: RecoveryApp;
  contents: RecoveryContents;
  services: Pick<KioskServicesApi, 'endSession'>;
  welcomeUrl: string;
  /** Also run on every recovery (e.g. wipe the renderer session, release media). */
  onRecover?: () => Promise<void> | void;
  log?: Log;
  now?: () => number;
  hangGraceMs?: number;
  reloadDelayMs?: number;
}

export interface Recovery {
  /** Crash/hang recoveries inside the loop window right now. */
  recentCrashes(): number;
  dispose(): void;
}

export function installRecovery(opts: RecoveryOptions): Recovery {
  const log = opts.log ?? (() => {});
  const now = opts.now ?? Date.now;
  const graceMs = opts.hangGraceMs ?? HANG_GRACE_MS;
  const reloadDelayMs = opts.reloadDelayMs ?? RELOAD_DELAY_MS;
  const { contents, app } = opts;
  let crashes: number[] = [];
  let recovering = false;
  let hangTimer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;

  const clearHang = () => {
    if (hangTimer) clearTimeout(hangTimer);
    hangTimer = null;
  };

  /** True when this crash makes a loop: the app is relaunched instead. */
  const countCrash = (): boolean => {
    const t = now();
    crashes = crashes.filter((c) => t - c < CRASH_LOOP_WINDOW_MS);
    crashes.push(t);
    if (crashes.length > CRASH_LOOP_MAX) {
      log(`recovery: ${crashes.length} renderer crashes within ${CRASH_LOOP_WINDOW_MS / 1000} s — relaunching`);
      app.relaunch();
      app.exit(1);
      return true;
    }
    return false;
  };

  const recover = async (why: string): Promise<void> => {
    if (disposed || recovering) return;
    recovering = true;
    clearHang();
    try {
      log(`recovery: renderer ${why}`);
      if (countCrash()) return;
      await opts.services.endSession('crash').catch((err: unknown) => log(`recovery: endSession failed: ${String(err)}`));
      await Promise.resolve(opts.onRecover?.()).catch((err: unknown) => log(`recovery: wipe failed: ${String(err)}`));
      await new Promise<void>((resolve) => setTimeout(resolve, reloadDelayMs));
      if (!disposed && !contents.isDestroyed()) {
        await contents.loadURL(opts.welcomeUrl).catch((err: unknown) => log(`recovery: reload failed: ${String(err)}`));
      }
    } finally {
      recovering = false;
    }
  };

  contents.on('render-process-gone', (_event, details) => {
    void recover(`gone (${details.reason}, exit code ${details.exitCode})`);
  });
  contents.on('unresponsive', () => {
    if (hangTimer || recovering) return;
    log(`recovery: renderer unresponsive, waiting ${graceMs} ms`);
    hangTimer = setTimeout(() => {
      hangTimer = null;
      if (disposed || contents.isDestroyed()) return;
      log('recovery: renderer still hung — killing it');
      void recover('hung');
      try {
        contents.forcefullyCrashRenderer();
      } catch (err) {
        log(`recovery: forcefullyCrashRenderer failed: ${String(err)}`);
      }
    }, graceMs);
  });
  contents.on('responsive', clearHang);

  return {
    recentCrashes: () => crashes.filter((c) => now() - c < CRASH_LOOP_WINDOW_MS).length,
    dispose() {
      disposed = true;
      clearHang();
    },
  };
}

/** Log other Chromium processes (GPU, utility…) that died; Chromium restarts them itself. */
export function watchChildProcesses(app: Pick<App, 'on'>, log: Log): void {
  app.on('child-process-gone', (_event, details) => {
    log(`recovery: child process ${details.type}${details.name ? ` (${details.name})` : ''} gone: ${details.reason}, exit code ${details.exitCode}`);
  });
}

export interface FatalProcess {
  on(event: 'uncaughtException', listener: (err: Error) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

/**
 * A fatal error in the main process relaunches the app (a kiosk has nobody to
 * click "OK"). Returns the handler so it can be tested directly.
 */
export function installFatalHandlers(proc: FatalProcess, app: RecoveryApp, log: Log): (err: unknown) => void {
  let fired = false;
  const fatal = (err: unknown) => {
    if (fired) return;
    fired = true;
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    log(`fatal: ${detail} — relaunching`);
    try {
      app.relaunch();
    } finally {
      app.exit(1);
    }
  };
  proc.on('uncaughtException', (err) => fatal(err));
  proc.on('unhandledRejection', (reason) => fatal(reason));
  return fatal;
}
