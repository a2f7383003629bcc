/**
 * The Electron main-process entry (bundled to dist/electron/main.cjs by
 * scripts/build-electron.mjs). Everything of substance lives in
 * electron/shell/, which takes the Electron API injected; this file only
 * builds the real dependencies and calls startShell.
 * Layer: electron-main.
 */
import path from 'node:path';
import * as electron from 'electron';
import { createKioskServices } from '../services/kiosk-services.ts';
import { startShell } from './shell/shell.ts';

const { app } = electron;

/** Where the bundle sits: dist/electron/ (CommonJS output, so __dirname exists at run time). */
const bundleDir = __dirname;

/** An explicit config file wins; a packaged app uses the one shipped in its resources; dev uses the repo's. */
function configPaths(): { configPath?: string; cataloguePath?: string } {
  const fromEnv = process.env.WARD_KIOSK_CONFIG;
  if (fromEnv) return { configPath: path.resolve(fromEnv) };
  if (app.isPackaged) {
    const dir = path.join(process.resourcesPath, 'kiosk-config');
    return { configPath: path.join(dir, 'default.json'), cataloguePath: path.join(dir, 'catalogue', 'services.json') };
  }
  return {};
}

const isProduction = app.isPackaged || process.env.NODE_ENV === 'production';

startShell(electron, {
  rendererDir: path.join(bundleDir, '..', 'renderer'),
  preloadPath: path.join(bundleDir, 'preload.cjs'),
  isProduction,
  createServices: ({ dataDir }) =>
    createKioskServices({
      dataDir,
      ...configPaths(),
      carrier: 'electron',
      appVersion: app.getVersion(),
      watchFiles: true,
      // Automated installs: a one-time hub enrolment code, used once (docs/fleet.md "Enrolment").
      hubEnrolmentCode: process.env.WARD_KIOSK_HUB_CODE,
      // The hub's restart command: start again after a clean quit (before-quit closes the services).
      restart: () => {
        app.relaunch();
        app.quit();
      },
    }),
}).catch((err: unknown) => {
  process.stderr.write(`ward-kiosk: the shell failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  // Relaunch, but not in a hot loop when the failure is persistent (e.g. an unreadable data dir).
  setTimeout(() => {
    app.relaunch();
    app.exit(1);
  }, 5_000);
});
