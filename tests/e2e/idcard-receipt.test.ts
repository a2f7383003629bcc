/**
 * End to end in Chromium against the real kiosk with its virtual devices:
 *  - issue 4: with a form open, the resident consents, the virtual serial
 *    scanner is fed a CCCD QR, the fields are shown for confirmation and fill
 *    the form; a QR that is not an ID card gets a clear Vietnamese message;
 *  - issue 5: the printer runs out of paper; the resident is told plainly,
 *    sees the code and a QR to photograph; once paper is back it prints.
 */
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskProcess } from '../support/kiosk-process.ts';
import { currentScreen, openKioskPage, openService, type KioskPage } from '../support/kiosk-page.ts';
import { ROOT } from '../support/paths.ts';

const QR = '079090012345|025123456|Nguyễn Văn An|01011990|Nam|Số 12 Phố Huế, Hàng Bài, Hoàn Kiếm, Hà Nội|15042021';
const SHOTS = path.join(ROOT, 'tests', 'artifacts', 'screens');

describe('ID card autofill and receipt printing (Chromium, virtual scanner and printer)', () => {
  let kiosk: KioskProcess;
  let rig: KioskPage;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    rig = await openKioskPage();
    ({ kiosk, page } = rig);
  });
  afterAll(async () => {
    await rig?.close();
  });

  const screen = () => currentScreen(page);
  const next = () => page.getByTestId('question-next').click();

  it('fills the form from the scanned card, and tells the resident when the printer is out of paper', async () => {
    await openService(page, kiosk.url, 'ho-tich', '1.004873');

    // Consent first, then the card.
    await page.getByTestId('idcard-start').click();
    await page.getByTestId('idcard-consent').waitFor();
    await expect(page.getByTestId('idcard-consent').innerText()).resolves.toContain('không lưu lại sau khi ông/bà rời đi');
    await page.getByTestId('idcard-allow').click();
    await page.getByTestId('idcard-guide').waitFor();

    // Something that is not an ID card: a clear reason, nothing filled.
    await kiosk.scan('https://example.com/khuyen-mai');
    await expect(page.getByTestId('idcard-error').innerText()).resolves.toContain('không phải mã QR của thẻ căn cước');

    await kiosk.scan(QR);
    const confirm = page.getByTestId('idcard-confirm');
    await confirm.waitFor();
    await expect(page.getByTestId('idcard-field-fullName').inputValue()).resolves.toBe('Nguyễn Văn An');
    await expect(page.getByTestId('idcard-field-idNumber').inputValue()).resolves.toBe('079090012345');
    await page.screenshot({ path: path.join(SHOTS, 'vi-20-idcard-confirm.png') });
    await page.getByTestId('idcard-use').click();
    await confirm.waitFor({ state: 'detached' });

    // The open question and the later ones are filled (the form follows the official declaration: 12 pages).
    await expect(page.getByTestId('question-input').inputValue()).resolves.toBe('Nguyễn Văn An');
    const step = (n: number) => expect.poll(() => page.getByTestId('step').innerText()).toMatch(new RegExp(`${n}/12`));
    await next();
    await step(2); // date of birth, from the card
    await expect(page.getByTestId('question-input').inputValue()).resolves.toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    await next();
    await step(3); // sex, from the card
    await expect(page.locator('[data-testid="question-input"] [aria-checked="true"]').count()).resolves.toBe(1);
    await next();
    await step(4); // ethnic group: not on the card — found by typing without diacritics
    await page.getByTestId('list-search').fill('kinh');
    await page.getByTestId('choice-Kinh').click();
    await next();
    await step(5); // nationality (the card's QR does not carry it): Việt Nam comes first
    await page.getByTestId('choice-Việt Nam').click();
    await expect(page.getByTestId('list-chosen').innerText()).resolves.toContain('Việt Nam');
    await next();
    await step(6);
    await expect(page.getByTestId('question-input').inputValue()).resolves.toBe('079090012345');
    await next();
    await step(7); // the address, from the card (old units: Hàng Bài went whole into Phường Cửa Nam in 2025)
    await expect(page.getByTestId('address-source').innerText()).resolves.toContain('Số 12 Phố Huế, Hàng Bài, Hoàn Kiếm, Hà Nội');
    await expect(page.getByTestId('address-converted').innerText()).resolves.toContain('Phường Hàng Bài nay là Phường Cửa Nam, Thành phố Hà Nội');
    await expect(page.getByTestId('address-summary').innerText()).resolves.toContain('Số 12 Phố Huế, Phường Cửa Nam, Thành phố Hà Nội');
    await page.screenshot({ path: path.join(SHOTS, 'vi-22-address-from-card.png') });
    // converted by the kiosk, so nothing is taken before the resident's tap: "Tiếp tục" alone stays on the page
    await next();
    await page.getByTestId('error-summary').waitFor();
    await expect(page.getByTestId('step').innerText()).resolves.toMatch(/7\/12/);
    await page.getByTestId('address-confirm').click();
    await expect(page.getByTestId('address-confirm').count()).resolves.toBe(0);
    await next();
    await step(8);
    await page.getByTestId('choice-chua-ket-hon').click();
    await next();
    await step(9); // optional: places lived before
    await next();
    await step(10);
    await page.getByTestId('choice-ket-hon').click();
    await next();
    await step(11); // copies: one by default is not assumed — the resident chooses
    await page.getByTestId('copies-more').click();
    await expect(page.getByTestId('question-input').innerText()).resolves.toBe('1 bản');
    await next();
    await step(12);
    for (const d of '0912345678') await page.getByTestId(`key-${d}`).click();
    await next();
    await expect.poll(screen).toBe('check');

    // The printer runs out of paper before the resident submits.
    await kiosk.setPrinter({ paperOut: true });
    await page.waitForTimeout(2500); // the printer's health poll notices
    await page.getByTestId('consent').click();
    await page.getByTestId('submit').click();
    await expect.poll(screen, { timeout: 10_000 }).toBe('confirmation');
    const status = page.getByTestId('receipt-status');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 10_000 }).toBe('failed');
    await expect(status.innerText()).resolves.toMatch(/hết giấy/);
    await expect(status.innerText()).resolves.toContain('chụp ảnh mã QR');
    expect(await page.getByTestId('tracking-qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'vi-21-receipt-failed.png') });

    // Paper back: the same receipt prints by itself and the screen says so.
    await kiosk.setPrinter({ paperOut: false });
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 15_000 }).toBe('printed');
    await expect(status.innerText()).resolves.toContain('Đã in xong');

    // The reading did not outlive the session.
    await page.getByTestId('finish').click();
    await page.getByTestId('rating-skip').click();
    await expect.poll(screen, { timeout: 10_000 }).toBe('welcome');
    expect(await kiosk.heapContains('079090', '012345')).toBe(false);
  });
});
