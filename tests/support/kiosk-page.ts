/**
 * The usual end-to-end rig: the real kiosk in its own process and one Chromium page on it at
 * 1920×1080 — and the two steps every resident test starts with (which screen is shown; a service
 * opened from the welcome screen up to its first question).
 */
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchChromium } from './browser.ts';
import { startKioskProcess, type KioskProcess } from './kiosk-process.ts';

export interface KioskPage {
  kiosk: KioskProcess;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

export async function openKioskPage(...args: Parameters<typeof startKioskProcess>): Promise<KioskPage> {
  const kiosk = await startKioskProcess(...args);
  const browser = await launchChromium();
  const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  return {
    kiosk,
    browser,
    page,
    close: async () => {
      await browser.close();
      await kiosk.stop();
    },
  };
}

/** The screen the renderer says it shows (`data-screen`). */
export const currentScreen = (page: Page): Promise<string | null> => page.locator('[data-screen]').first().getAttribute('data-screen');

/** From the welcome screen: start, the category, the service, "Nộp hồ sơ" — until the first question shows. */
export async function openService(page: Page, kioskUrl: string, category: string, serviceCode: string): Promise<void> {
  await page.goto(kioskUrl);
  await page.getByTestId('welcome-start').click();
  await page.getByTestId(`category-${category}`).click();
  await page.getByTestId(`service-${serviceCode}`).click();
  await page.getByTestId('service-apply').click();
  await expect.poll(() => currentScreen(page)).toBe('question');
}

/** Types on the kiosk's own on-screen keyboard, key by key, as a resident taps it (Telex when on). */
export async function typeOnKioskKeyboard(page: Page, text: string): Promise<void> {
  for (const ch of text) await page.getByTestId(ch === ' ' ? 'key-space' : `key-${ch.toLowerCase()}`).first().click();
}

/**
 * The birth registration's short path (fixture catalogue, service 1.001193), from its first
 * question to the check page, typed on the on-screen keyboard in Telex: the child Trần An, born
 * 05/09/2024, a girl; the requester's ID number 001190012345; no phone number.
 */
export async function fillShortBirthRegistration(page: Page): Promise<void> {
  const next = () => page.getByTestId('question-next').click();
  await page.getByTestId('kb-telex').click();
  await typeOnKioskKeyboard(page, 'traanf an');
  await next();
  await typeOnKioskKeyboard(page, '05092024');
  await next();
  await page.getByTestId('choice-nu').click();
  await next();
  await typeOnKioskKeyboard(page, '001190012345');
  await next();
  await next(); // the phone number is optional
  await expect.poll(() => currentScreen(page), { timeout: 10_000 }).toBe('check');
}
