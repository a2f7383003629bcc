/**
 * A NEW kiosk and the ward's staff, for the fleet's end-to-end tests: a hub
 * (temp SQLite, demo users), the real kiosk process whose config names that
 * hub but which has no device secret yet, and two Chromium pages — the
 * kiosk's screen (1920×1080) and the staff console (1400×1000) — whose
 * errors are collected.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { HubOptions } from '../../hub/server/app.ts';
import { startHub, type Running } from '../unit/hub/helpers.ts';
import { launchChromium } from './browser.ts';
import { trackedPage } from './help-rig.ts';
import { ensureConsolesBuilt, seededSqlite } from './hub.ts';
import { startKioskProcess, writeConfig, type KioskProcess } from './kiosk-process.ts';

export interface FleetRig {
  hub: Running;
  kiosk: KioskProcess;
  browser: Browser;
  staff: Page;
  screen: Page;
  errors: string[];
  close(): Promise<void>;
}

export async function startFleetRig(label: string, hubOpts: HubOptions = {}, expectedStaffErrors: RegExp | null = null): Promise<FleetRig> {
  ensureConsolesBuilt();
  const hub = await startHub((await seededSqlite(label)).url, { fleet: { consoleFlushMs: 100 }, ...hubOpts });
  const kiosk = await startKioskProcess({ configPath: writeConfig((c) => (c.hub = { url: hub.url })) });
  const browser = await launchChromium();
  const errors: string[] = [];
  const contexts: BrowserContext[] = [];
  const staff = await trackedPage(browser, { width: 1400, height: 1000 }, 'staff', errors, contexts, expectedStaffErrors);
  const screen = await trackedPage(browser, { width: 1920, height: 1080 }, 'kiosk', errors, contexts);
  return {
    hub,
    kiosk,
    browser,
    staff,
    screen,
    errors,
    async close() {
      await browser.close().catch(() => undefined);
      await kiosk.stop();
      await hub.hub.close();
    },
  };
}
