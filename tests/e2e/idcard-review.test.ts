/**
 * End to end in Chromium against the real kiosk (virtual scanner): the confirmation screen marks the
 * fields the reader is unsure of "Xin kiểm tra lại" (common/idcard/review.ts) and nothing else. A card's
 * QR that agrees with itself shows no mark; a QR whose sex contradicts its ID number's century/sex digit
 * marks the ID and the sex, says how many boxes to look at, and a mark goes once the resident corrects
 * that box.
 */
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskProcess } from '../support/kiosk-process.ts';
import { openKioskPage, openService, type KioskPage } from '../support/kiosk-page.ts';
import { ROOT } from '../support/paths.ts';

// 079 0 90 …: born 1990, century/sex digit 0 = male.
const QR = '079090012345|025123456|Nguyễn Văn An|01011990|Nam|Số 12 Phố Huế, Hàng Bài, Hoàn Kiếm, Hà Nội|15042021';
const QR_WRONG_SEX = QR.replace('|Nam|', '|Nữ|');
const SHOTS = path.join(ROOT, 'tests', 'artifacts', 'screens');

describe('ID card confirmation: fields to check are marked (Chromium, virtual scanner)', () => {
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

  async function scan(qr: string) {
    await page.getByTestId('idcard-start').click();
    await page.getByTestId('idcard-consent').waitFor();
    await page.getByTestId('idcard-allow').click();
    await page.getByTestId('idcard-guide').waitFor();
    await kiosk.scan(qr);
    await page.getByTestId('idcard-confirm').waitFor();
  }

  it('a QR that agrees with itself: no field is marked', async () => {
    await openService(page, kiosk.url, 'ho-tich', '1.004873');
    await scan(QR);
    await expect(page.getByTestId('idcard-field-idNumber').inputValue()).resolves.toBe('079090012345');
    expect(await page.getByTestId('idcard-check-note').count()).toBe(0);
    expect(await page.locator('[data-review]').count()).toBe(0);
    await page.getByTestId('idcard-cancel').click();
    await page.getByTestId('idcard-confirm').waitFor({ state: 'detached' });
  });

  it('a sex that contradicts the ID number marks the ID and the sex, in words, until corrected', async () => {
    await scan(QR_WRONG_SEX);
    const note = page.getByTestId('idcard-check-note');
    await expect(note.innerText()).resolves.toContain('Máy đọc chưa chắc chắn ở 2 ô có dấu chấm than (!)');
    await expect(page.getByTestId('idcard-check-sex').innerText()).resolves.toContain('Xin kiểm tra lại: thông tin này không khớp với thông tin khác trên thẻ.');
    expect(await page.getByTestId('idcard-check-idNumber').isVisible()).toBe(true);
    expect((await page.locator('[data-review]').evaluateAll((els) => els.map((e) => e.getAttribute('data-review')))).sort()).toEqual(['disputed', 'disputed']);
    for (const f of ['fullName', 'dateOfBirth', 'placeOfResidence']) expect(await page.getByTestId(`idcard-check-${f}`).count()).toBe(0);
    // The mark is read out with its field (aria-describedby), not shown by colour alone.
    await expect(page.getByTestId('idcard-field-sex').getAttribute('aria-describedby')).resolves.toBe('idf-sex-check');
    await page.screenshot({ path: path.join(SHOTS, 'vi-24-idcard-confirm-check.png') });
    const axe = await new AxeBuilder({ page }).include('[data-testid="idcard-confirm"]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

    // The resident corrects the sex: its mark goes, the ID's stays, the count follows.
    await page.getByTestId('idcard-field-sex').fill('Nam');
    expect(await page.getByTestId('idcard-check-sex').count()).toBe(0);
    await expect(note.innerText()).resolves.toContain('ở 1 ô');
    await page.getByTestId('idcard-use').click();
    await page.getByTestId('idcard-confirm').waitFor({ state: 'detached' });
    await expect(page.getByTestId('question-input').inputValue()).resolves.toBe('Nguyễn Văn An');
  });
});
