/**
 * A help-call rig for end-to-end tests and bench:help: a real hub (temp
 * SQLite, demo users), the real kiosk (services process + renderer in
 * Chromium) enrolled with it, and volunteer consoles in their own Chromium
 * contexts, all on loopback with Chromium's fake microphone and camera.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureConsolesBuilt, seededSqlite } from './hub.ts';
import { launchChromium, MEDIA_ARGS } from './browser.ts';
import { startKioskProcess, type KioskProcess } from './kiosk-process.ts';
import { DEFAULT_CONFIG, tempDir } from './paths.ts';
import { login, post, startHub, WARD, type Running } from '../unit/hub/helpers.ts';
import type { HubOptions } from '../../hub/server/app.ts';

export interface HelpRig {
  hub: Running;
  hubFile: string;
  port: number;
  kiosk: KioskProcess;
  browser: Browser;
  kioskPage: Page;
  /** Console errors of every page (favicon and the pre-login /api/me excepted). */
  errors: string[];
  volunteer(username: string, viewport?: { width: number; height: number }): Promise<Page>;
  restartHub(): Promise<void>;
  close(): Promise<void>;
}

export { ensureConsolesBuilt } from './hub.ts';

export async function startHelpRig(hubOpts: HubOptions = {}): Promise<HelpRig> {
  ensureConsolesBuilt();
  const dir = tempDir('help-rig');
  const { file: hubFile } = await seededSqlite('help-rig-hub');
  let hub = await startHub(`sqlite:${hubFile}`, { ringTimeoutMs: 60_000, escalateMs: 1000, callGraceMs: 30_000, ...hubOpts });
  const port = Number(new URL(hub.url).port);
  const code = (await post(`${hub.url}/api/enrolment-codes`, { ward: WARD, ttlMinutes: 10 }, await login(hub, 'canbo'))).json.code as string;
  const base = JSON.parse(readFileSync(DEFAULT_CONFIG, 'utf8')) as Record<string, unknown>;
  const configPath = path.join(dir, 'kiosk.json');
  writeFileSync(configPath, JSON.stringify({ ...base, hub: { url: hub.url } }));
  const kiosk = await startKioskProcess({ configPath, hubEnrolmentCode: code });
  const browser = await launchChromium([...MEDIA_ARGS, '--autoplay-policy=no-user-gesture-required']);
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  const page = (viewport: { width: number; height: number }, label: string) => trackedPage(browser, viewport, label, errors, contexts);
  const kioskPage = await page({ width: 1920, height: 1080 }, 'kiosk');

  const rig: HelpRig = {
    hub,
    hubFile,
    port,
    kiosk,
    browser,
    kioskPage,
    errors,
    async volunteer(username, viewport = { width: 1366, height: 768 }) {
      const p = await page(viewport, username);
      await p.goto(`${rig.hub.url}/volunteer/`);
      await p.getByTestId('login-username').fill(username);
      await p.getByTestId('login-password').fill('hotro-2468');
      await p.getByTestId('login-submit').click();
      await waitAttr(p, 'console', 'data-link', 'online', 10_000);
      await p.getByTestId('status-available').click();
      await waitAttr(p, 'console', 'data-status', 'available', 5000);
      return p;
    },
    async restartHub() {
      const from = errors.length;
      await hub.hub.close();
      hub = await startHub(`sqlite:${hubFile}`, { ringTimeoutMs: 60_000, escalateMs: 1000, callGraceMs: 30_000, ...hubOpts, port });
      rig.hub = hub;
      // While the hub was down, a page's reconnect attempt is refused and Chromium logs that itself as a console
      // error (the page handles it: backoff, then online). Only those are dropped, and only from this window.
      await new Promise((r) => setTimeout(r, 300));
      const refused = new RegExp(`WebSocket connection to 'ws://127\\.0\\.0\\.1:${port}/ws/[a-z-]+' failed: .*ERR_CONNECTION_REFUSED`);
      for (let i = errors.length - 1; i >= from; i--) if (refused.test(errors[i]!)) errors.splice(i, 1);
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await kiosk.stop();
      await hub.hub.close();
    },
  };
  return rig;
}

/** A page in its own context whose console errors and page errors are collected (the pre-login 401 of /api/me and a missing favicon excepted). */
export async function trackedPage(
  browser: Browser,
  viewport: { width: number; height: number },
  label: string,
  errors: string[],
  contexts: BrowserContext[],
  /** Further URLs whose expected error answers (a 404 for a mistyped code, …) are not errors of the page. */
  expected: RegExp | null = null,
): Promise<Page> {
  const ctx = await browser.newContext({ viewport });
  contexts.push(ctx);
  const p = await ctx.newPage();
  p.on('console', (m) => {
    const url = m.location().url;
    if (m.type() === 'error' && !/\/api\/me$|favicon\.ico$/.test(url) && !expected?.test(url)) errors.push(`${label}: ${m.text()} @ ${url}`);
  });
  p.on('pageerror', (e) => errors.push(`${label}: ${String(e)}`));
  return p;
}

/**
 * The resident starts a session, opens a form (birth registration 1.001193: the requester's name, then
 * their ID number) and stands on its ID-number question with
 * `idNumber` typed; `onServicePage` runs while they read the service's page.
 */
export async function residentAtIdQuestion(kiosk: Page, url: string, idNumber: string, onServicePage?: () => Promise<void>): Promise<void> {
  await kiosk.goto(url);
  await kiosk.getByTestId('welcome-start').click();
  await kiosk.getByTestId('category-ho-tich').click();
  await kiosk.getByTestId('service-1.001193').first().click();
  await onServicePage?.();
  await kiosk.getByTestId('service-apply').click();
  await kiosk.getByTestId('question-input').fill('Nguyễn Văn An');
  await kiosk.getByTestId('question-next').click();
  const until = Date.now() + 10_000;
  while (!/\b2\/\d+/.test(await kiosk.getByTestId('step').innerText())) {
    if (Date.now() > until) throw new Error('the form did not reach step 2');
    await new Promise((r) => setTimeout(r, 25));
  }
  await kiosk.getByTestId('question-input').fill(idNumber);
}

/** Polls until a test id's attribute has the value (or throws after the timeout). */
export async function waitAttr(page: Page, testId: string, attr: string, value: string | RegExp, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last: string | null = null;
  while (Date.now() < until) {
    last = await page
      .getByTestId(testId)
      .first()
      .getAttribute(attr, { timeout: 1000 })
      .catch(() => null);
    if (last !== null && (typeof value === 'string' ? last === value : value.test(last))) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${testId}[${attr}] is ${String(last)}, expected ${String(value)}`);
}
