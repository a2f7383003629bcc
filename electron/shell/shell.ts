/**
 * startShell: composes the shell. Order matters — the fatal handlers and the
 * single-instance lock come first, the privileged scheme is registered before
 * 'ready', the session is locked down before the window loads anything.
 * Layer: electron-main; the whole Electron API is injected.
 */
import type { KioskEvent } from '../../common/contract/kiosk-api.ts';
import type { KioskServicesApi } from '../../services/types.ts';
import { acquireSingleInstance, keepDisplayAwake } from './instance.ts';
import { wireIpc } from './ipc.ts';
import { applyContentsPolicy, blockShortcuts } from './navigation.ts';
import { applyPermissionPolicy, createMediaGate, type MediaGate } from './permissions.ts';
import { handleAppProtocol, registerAppScheme } from './protocol.ts';
import { installFatalHandlers, installRecovery, watchChildProcesses, type FatalProcess } from './recovery.ts';
import type { BrowserWindow, Log, ShellElectron } from './types.ts';
import { KIOSK_PARTITION, WELCOME_URL } from './types.ts';
import { wipeRendererSession } from './wipe.ts';
import { createKioskWindow, leaveKioskMode } from './window.ts';

export interface ShellDeps {
  /** Starts the kiosk services (after 'ready'; given the userData dir). */
  createServices: (ctx: { dataDir: string }) => Promise<KioskServicesApi>;
  /** The built renderer (index.html and assets). */
  rendererDir: string;
  /** The bundled preload script. */
  preloadPath: string;
  isProduction: boolean;
  /** Defaults: the real process and stderr. */
  process?: FatalProcess;
  stderr?: { write(chunk: string): unknown };
  log?: Log;
}

export interface Shell {
  window: BrowserWindow;
  services: KioskServicesApi;
  /** Features that need the camera/microphone declare it here (help call, ID camera). */
  media: MediaGate;
}

/** Returns null when another instance already runs (this one is quitting). */
export async function startShell(electron: ShellElectron, deps: ShellDeps): Promise<Shell | null> {
  const { app } = electron;
  const stderr = deps.stderr ?? process.stderr;
  const log: Log = deps.log ?? ((m) => stderr.write(`[shell] ${m}\n`));

  installFatalHandlers(deps.process ?? process, app, log);

  let win: BrowserWindow | null = null;
  if (!acquireSingleInstance(app, { stderr, getWindow: () => win })) return null;

  registerAppScheme(electron.protocol);
  app.on('web-contents-created', (_event, contents) => applyContentsPolicy(contents, log));
  watchChildProcesses(app, log);
  app.on('window-all-closed', () => app.quit());

  await app.whenReady();

  const ses = electron.session.fromPartition(KIOSK_PARTITION);
  handleAppProtocol(ses.protocol, deps.rendererDir);
  const media = createMediaGate();
  applyPermissionPolicy(ses, media, log);

  const services = await deps.createServices({ dataDir: app.getPath('userData') });
  app.on('before-quit', () => {
    void services.close().catch((err: unknown) => log(`services: close failed: ${String(err)}`));
  });

  const window = createKioskWindow(electron, { preloadPath: deps.preloadPath, isProduction: deps.isProduction });
  win = window;
  const contents = window.webContents;
  applyContentsPolicy(contents, log);
  blockShortcuts(contents);
  keepDisplayAwake(electron.powerSaveBlocker);

  const wipe = async () => {
    media.releaseAll();
    await wipeRendererSession(ses, electron.clipboard, log);
  };

  const onServiceEvent = (event: KioskEvent, payload?: unknown) => {
    if (event === 'session.ended') {
      void wipe();
    } else if (event === 'help.event') {
      // The microphone is granted only while a volunteer is on the call (checklist #5), then taken back.
      const m = payload as { type?: string; request?: { call?: unknown } | null } | undefined;
      if (m?.type === 'help.accepted' || (m?.type === 'snapshot' && m.request?.call)) media.need('microphone', 'help-call');
      else if (m?.type === 'call.ended' || (m?.type === 'snapshot' && !m.request?.call)) media.release('help-call');
    } else if (event === 'idcard.camera') {
      // The camera is granted only while the ID camera step is open (after consent, in a session), then taken back.
      if ((payload as { open?: unknown } | undefined)?.open === true) media.need('camera', 'id-camera');
      else media.release('id-camera');
    } else if (event === 'papers.camera') {
      // The same for the papers step's camera (document mode), in a session only.
      if ((payload as { open?: unknown } | undefined)?.open === true) media.need('camera', 'paper-camera');
      else media.release('paper-camera');
    } else if (event === 'staff.exit') {
      log('staff exit: leaving kiosk mode');
      leaveKioskMode(window);
      app.quit();
    }
  };
  wireIpc({
    ipcMain: electron.ipcMain,
    services,
    getContents: () => (window.isDestroyed() ? null : window.webContents),
    onServiceEvent,
    log,
  });
  installRecovery({ app, contents, services, welcomeUrl: WELCOME_URL, onRecover: wipe, log });

  await contents.loadURL(WELCOME_URL).catch((err: unknown) => log(`window: first load failed: ${String(err)}`));
  return { window, services, media };
}
