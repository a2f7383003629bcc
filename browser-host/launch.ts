/**
 * Start the kiosk in browser mode (services + loopback host) — used by the
 * standalone entry (main.ts), the demo and the end-to-end tests. Layer: node.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FleetOptions } from '../services/fleet/agent.ts';
import { createKioskServices, type KioskServices } from '../services/kiosk-services.ts';
import { SESSION_TMP_PREFIX } from '../services/session.ts';
import { startHost, type KioskHost } from './server.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUILT_RENDERER = path.join(REPO_ROOT, 'dist', 'renderer');

export interface LaunchOptions {
  port?: number;
  dataDir: string;
  configPath?: string;
  cataloguePath?: string;
  rendererDir?: string;
  token?: string;
  tmpRoot?: string;
  diagnostics?: boolean;
  /** Where the virtual printer saves receipts as PNG. */
  receiptsDir?: string;
  /** One-time code to enrol with the hub named in the config. */
  hubEnrolmentCode?: string;
  /** How the hub's restart command restarts this kiosk (browser-host/main.ts: exit with RESTART_EXIT_CODE). */
  restart?: () => void;
  /** Fleet agent timings (tests). */
  fleet?: FleetOptions;
}

export interface BrowserKiosk {
  services: KioskServices;
  host: KioskHost;
  close(): Promise<void>;
}

export async function launchBrowserKiosk(opts: LaunchOptions): Promise<BrowserKiosk> {
  const rendererDir = path.resolve(opts.rendererDir ?? BUILT_RENDERER);
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${path.join(rendererDir, 'index.html')} is missing). Run: npm run build:renderer`);
  }
  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  const tmpRoot = opts.tmpRoot ?? os.tmpdir();
  const services = await createKioskServices({
    dataDir: path.resolve(opts.dataDir),
    configPath: opts.configPath,
    cataloguePath: opts.cataloguePath,
    carrier: 'browser',
    appVersion: pkg.version,
    tmpRoot,
    receiptsDir: opts.receiptsDir,
    watchFiles: true,
    hubEnrolmentCode: opts.hubEnrolmentCode,
    restart: opts.restart,
    fleet: opts.fleet,
  });
  let host: KioskHost;
  try {
    host = await startHost({
      services,
      rendererDir,
      port: opts.port ?? 0,
      token: opts.token,
      diagnostics: opts.diagnostics
        ? {
            sessionTmpRoot: tmpRoot,
            listSessionDirs: () => readdirSync(tmpRoot).filter((n) => n.startsWith(SESSION_TMP_PREFIX)),
            devices: {
              scannerHostPath: () => services.idcard.virtualHostPath,
              setPrinter: (c) => {
                const vp = services.receipts.virtualPrinter;
                if (!vp) return false;
                vp.set(c);
                return true;
              },
              printedPages: () => services.receipts.virtualPrinter?.pages.length ?? null,
            },
          }
        : null,
    });
  } catch (e) {
    await services.close();
    throw e;
  }
  return {
    services,
    host,
    async close() {
      await host.close();
      await services.close();
    },
  };
}
