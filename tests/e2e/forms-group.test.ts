/**
 * A repeating group in Chromium (issue 13): temporary residence (CT01) with household members —
 * "Thêm người" twice, one removed, a conditional part skipped (the resident is the household
 * head), and the check page grouped by section with each member under the group. Screenshots of
 * the group page and the check page go to tests/artifacts/screens/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerAddress } from '../support/address.ts';
import type { KioskProcess } from '../support/kiosk-process.ts';
import { currentScreen, openKioskPage, openService, type KioskPage } from '../support/kiosk-page.ts';
import { SCREENS_DIR } from '../support/paths.ts';

describe('a form with household members (Chromium)', () => {
  let kiosk: KioskProcess;
  let rig: KioskPage;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SCREENS_DIR, { recursive: true });
    rig = await openKioskPage();
    ({ kiosk, page } = rig);
  });
  afterAll(async () => {
    await rig?.close();
  });

  const screen = () => currentScreen(page);
  const step = () => page.getByTestId('step').innerText();
  /** "Tiếp tục", then wait until the page changed. */
  async function next(): Promise<void> {
    const before = await step();
    await page.getByTestId('question-next').click();
    await expect.poll(async () => (await screen()) !== 'question' && (await screen()) !== 'group' ? 'left' : await step()).not.toBe(before);
  }
  const fill = async (v: string) => page.getByTestId('question-input').fill(v);

  it('adds two members, removes one, skips the head’s part, and shows them on the check page', async () => {
    await openService(page, kiosk.url, 'cu-tru', '1.004194');

    await fill('Trần Văn Bình');
    await next();
    await fill('02/03/1985');
    await next();
    await page.getByTestId('choice-Nam').click();
    await next();
    await fill('001085012345');
    await next();
    await fill('0912345678');
    await next();
    await next(); // email: optional
    // where the applicant stays: picked in the 2025 units (province → ward typed without diacritics → street)
    expect(await answerAddress(page, { province: '01', wardQuery: 'hoan kiem', wardCode: '00070', line: 'so 12 ngo 5 hang bac' })).toBe('picked');
    await expect(page.getByTestId('address-summary').innerText()).resolves.toContain('so 12 ngo 5 hang bac, Phường Hoàn Kiếm, Thành phố Hà Nội');
    await next();
    await page.locator('[data-testid^="choice-"]').first().click();
    await next();
    await fill('01/01/2030');
    await next();
    await page.getByTestId('choice-chu-ho').click(); // the head: the head's name and number are not asked
    await next();

    // The group's page: nobody yet.
    await expect.poll(screen).toBe('group');
    await page.getByTestId('group-empty').waitFor();
    for (const [name, rel] of [
      ['Nguyễn Thị Cúc', 'vo'],
      ['Trần Minh Đức', 'con'],
    ] as const) {
      await page.getByTestId('group-add').click();
      await expect.poll(screen).toBe('question');
      await expect(page.getByTestId('group-prefix').innerText()).resolves.toMatch(/Thành viên thứ \d/);
      await fill(name);
      await next();
      await fill('05/06/1988');
      await next();
      await page.getByTestId('choice-Nữ').click();
      await next();
      await next(); // the member's ID number: optional
      await page.getByTestId(`choice-${rel}`).click();
      await next();
      await expect.poll(screen).toBe('group');
    }
    await expect(page.getByTestId('group-list').innerText()).resolves.toContain('Trần Minh Đức');
    await page.screenshot({ path: path.join(SCREENS_DIR, 'vi-30-form-group.png') });
    await page.getByTestId('group-remove-1').click();
    await expect.poll(() => page.locator('[data-testid^="group-item-"]').count()).toBe(1);

    await page.getByTestId('question-next').click();
    await expect.poll(screen, { timeout: 10_000 }).toBe('check');
    for (const id of ['person', 'request', 'head', 'members']) expect(await page.getByTestId(`check-section-${id}`).count(), id).toBe(1);
    expect(await page.getByTestId('answer-householdHeadName').count()).toBe(0);
    await expect(page.getByTestId('answer-members-0-memberName').innerText()).resolves.toContain('Nguyễn Thị Cúc');
    expect(await page.getByTestId('answer-members-1').count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENS_DIR, 'vi-31-form-check-group.png'), fullPage: true });

    // "Sửa" on a member's answer returns to the check page after the change.
    await page.getByTestId('change-members-0-memberName').click();
    await expect.poll(screen).toBe('question');
    await fill('Nguyễn Thị Cúc Hoa');
    await page.getByTestId('question-next').click();
    await expect.poll(screen).toBe('check');
    await expect(page.getByTestId('answer-members-0-memberName').innerText()).resolves.toContain('Nguyễn Thị Cúc Hoa');
  });
});
