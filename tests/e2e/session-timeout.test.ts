/**
 * End to end, in Debian Chromium against the real kiosk process: a resident
 * starts a session, types into a form, walks away; the kiosk warns with a
 * countdown (extendable), then times out and wipes — nothing of the session is
 * left in the page's storage, the session's temp files or the services' memory.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { startKioskProcess, writeConfig, type KioskProcess } from '../support/kiosk-process.ts';
import { FIXTURE_CATALOGUE } from '../support/paths.ts';

// Typed in two halves so the test's own strings never form the whole marker in the kiosk's heap.
const HALF_A = 'ZQXK';
const HALF_B = 'WIPE4417';
const IDLE_S = 15;
const WARNING_S = 20;

describe('session timeout and wipe (Chromium, browser carrier)', () => {
  let kiosk: KioskProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const configPath = writeConfig((c) => {
      c.timeouts = { idleSeconds: IDLE_S, warningSeconds: WARNING_S };
    });
    kiosk = await startKioskProcess({ configPath, cataloguePath: FIXTURE_CATALOGUE });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
  });

  const screen = () => page.locator('[data-screen]').first().getAttribute('data-screen');

  it('warns, extends on request, then times out and leaves nothing behind', async () => {
    await page.goto(kiosk.url);
    await page.getByTestId('welcome-start').click();
    await expect.poll(screen, { timeout: 5000 }).toBe('home');

    // A resident starts a form and types their (fake) name.
    await page.getByTestId('service-1.001193').first().click();
    await expect.poll(screen).toBe('service');
    await page.getByTestId('service-apply').click();
    await expect.poll(screen).toBe('question');
    await page.getByTestId('question-input').fill(`Trần Thị ${HALF_A}${HALF_B}`);
    await page.getByTestId('question-next').click();
    await expect.poll(screen).toBe('question');

    // Whatever a page might leave behind, the wipe must clear: storage, IndexedDB, Cache Storage.
    await page.evaluate(async (marker) => {
      localStorage.setItem('draft', marker);
      sessionStorage.setItem('draft', marker);
      await new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('resident-drafts', 1);
        req.onupgradeneeded = () => req.result.createObjectStore('drafts');
        req.onsuccess = () => {
          const tx = req.result.transaction('drafts', 'readwrite');
          tx.objectStore('drafts').put(marker, 'name');
          tx.oncomplete = () => {
            req.result.close();
            resolve();
          };
        };
        req.onerror = () => reject(req.error);
      });
      await (await caches.open('scans')).put('/scan.png', new Response(marker));
    }, `${HALF_A}${HALF_B}`);
    // …and the session's temp folder (camera frames, scans) in the services.
    const dirs = await kiosk.sessionDirs();
    expect(dirs).toHaveLength(1);
    writeFileSync(path.join(kiosk.tmpRoot, dirs[0]!, 'frame-0001.jpg'), 'camera frame');

    // Positive control: the services hold the answer while the session lives.
    expect(await kiosk.heapContains(HALF_A, HALF_B)).toBe(true);

    // Walk away: the warning comes after the idle time, with a countdown of at least 20 s.
    const warning = page.getByTestId('timeout-warning');
    await warning.waitFor({ state: 'visible', timeout: (IDLE_S + 5) * 1000 });
    const first = Number(await page.getByTestId('timeout-countdown').innerText());
    expect(first).toBeGreaterThanOrEqual(WARNING_S - 3);
    expect(first).toBeLessThanOrEqual(WARNING_S);
    await expect.poll(async () => Number(await page.getByTestId('timeout-countdown').innerText()), { timeout: 5000 }).toBeLessThan(first);
    expect(await warning.getAttribute('role')).toBe('alertdialog');

    // "Tôi cần thêm thời gian": one tap, the dialog goes, the form is still there.
    await expect(page.getByTestId('timeout-extend').innerText()).resolves.toContain('Tôi cần thêm thời gian');
    await page.getByTestId('timeout-extend').click();
    await warning.waitFor({ state: 'hidden', timeout: 5000 });
    expect(await screen()).toBe('question');
    expect(await kiosk.heapContains(HALF_A, HALF_B)).toBe(true);

    // Walk away for good: warning, then the timeout takes the kiosk back to welcome.
    await warning.waitFor({ state: 'visible', timeout: (IDLE_S + 5) * 1000 });
    await expect.poll(screen, { timeout: (WARNING_S + 8) * 1000, interval: 500 }).toBe('welcome');

    // Nothing left in the page…
    const left = await page.evaluate(async () => ({
      local: localStorage.length,
      session: sessionStorage.length,
      idb: (await indexedDB.databases()).map((d) => d.name),
      caches: await caches.keys(),
      text: document.body.innerText,
    }));
    expect(left.local).toBe(0);
    expect(left.session).toBe(0);
    expect(left.idb).toEqual([]);
    expect(left.caches).toEqual([]);
    expect(left.text).not.toContain(HALF_B);
    expect(await page.context().cookies()).toEqual([]);
    // …nor in temp files…
    expect(await kiosk.sessionDirs()).toEqual([]);
    // …nor in the services' memory (a heap snapshot collects garbage first).
    expect(await kiosk.heapContains(HALF_A, HALF_B)).toBe(false);
    // The kiosk is ready for the next resident.
    await page.getByTestId('welcome-start').click();
    await expect.poll(screen, { timeout: 5000 }).toBe('home');
  });
});
