/**
 * Account management in the consoles (issue 17), in Chromium against a real hub:
 *  - ward staff create a volunteer of their ward in the staff console's "Tài khoản" page and see
 *    its one-time password once; the new volunteer logs in to the volunteer console, must change
 *    the password first (rules refused in Vietnamese: too short, the user name, the old one), and
 *    only then reaches the console and its live socket;
 *  - staff reset that volunteer (the old password stops working, the open volunteer page loses its
 *    session) and disable it (login refused), then enable it again; another ward's volunteer is
 *    never listed; every change is in the ward's audit page;
 *  - an admin creates a ward staff account, which must change its password at first login in the
 *    staff console before it sees anything.
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRepository } from '../../hub/db/index.ts';
import { launchChromium } from '../support/browser.ts';
import { ensureConsolesBuilt, seededSqlite } from '../support/hub.ts';
import { SCREENS_DIR } from '../support/paths.ts';
import { addUser, post, startHub, WARD, type Running } from '../unit/hub/helpers.ts';

const OTHER_WARD = '000.00.99.H29';
const PASSWORD = 'hotro-2468';

describe('account management in the consoles', () => {
  let hub: Running;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  const newPage = async (): Promise<Page> => {
    const ctx = await browser.newContext({ viewport: { width: 1300, height: 950 } });
    contexts.push(ctx);
    const page = await ctx.newPage();
    // Expected: 401 on /api/me before logging in, the refusals this test provokes (409 on a taken name,
    // 401/403 on a wrong or spent password) and the volunteer's socket refused once its session ends.
    const expected = (url: string, text: string) =>
      /\/api\/me$|favicon\.ico$/.test(url) || (/\/api\/(password|login)$/.test(url) && /status of 40[13]/.test(text)) || (/\/api\/accounts$/.test(url) && /status of 409/.test(text)) || /\/ws\/console/.test(text);
    page.on('console', (m) => m.type() === 'error' && !expected(m.location().url, m.text()) && errors.push(`${m.text()} @ ${m.location().url}`));
    page.on('pageerror', (e) => errors.push(String(e)));
    return page;
  };
  const login = async (page: Page, path: '/staff/' | '/volunteer/', username: string, password: string) => {
    await page.goto(`${hub.url}${path}`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
  };
  const changePassword = async (page: Page, current: string, next: string, repeat = next) => {
    await page.getByTestId('password-current').fill(current);
    await page.getByTestId('password-new').fill(next);
    await page.getByTestId('password-repeat').fill(repeat);
    await page.getByTestId('password-submit').click();
  };
  const apiLogin = async (username: string, password: string) => (await post(`${hub.url}/api/login`, { username, password })).status;

  beforeAll(async () => {
    ensureConsolesBuilt();
    const db = await seededSqlite('accounts-e2e');
    const repo = await openRepository(db.url);
    await addUser(repo, { username: 'quantri', role: 'admin', ward: null });
    await addUser(repo, { username: 'tnv-khac', role: 'volunteer', ward: OTHER_WARD });
    await repo.close();
    hub = await startHub(db.url);
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await hub?.hub.close();
  });

  it('ward staff create, reset, disable and enable a volunteer of their ward; the volunteer must change the one-time password first', async () => {
    const staff = await newPage();
    await login(staff, '/staff/', 'canbo', PASSWORD);
    await staff.getByTestId('tab-accounts').click();
    const table = staff.getByTestId('accounts-table');
    await expect.poll(() => table.textContent(), { timeout: 10_000 }).toContain('tnv1');
    expect(await table.textContent()).not.toContain('tnv-khac'); // another ward's volunteer is not listed
    expect(await staff.getByTestId('account-role').count()).toBe(0); // ward staff create volunteers only

    // A user name the contract refuses is explained before anything is sent.
    await staff.getByTestId('account-username').fill('Hoa Phạm');
    await staff.getByTestId('account-display-name').fill('Phạm Thị Hoa');
    await staff.getByTestId('account-create-submit').click();
    await expect.poll(() => staff.getByTestId('account-create-error').textContent()).toContain('chữ thường không dấu');
    // A name already taken: the hub's 409 in Vietnamese.
    await staff.getByTestId('account-username').fill('tnv1');
    await staff.getByTestId('account-create-submit').click();
    await expect.poll(() => staff.getByTestId('account-create-error').textContent()).toContain('đã có người dùng');

    await staff.getByTestId('account-username').fill('tnv-hoa');
    await staff.getByTestId('account-lang-en').check();
    await staff.getByTestId('account-create-submit').click();
    const secret = staff.getByTestId('issued-secret');
    await expect.poll(() => secret.textContent(), { timeout: 5000 }).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    const temp = (await secret.textContent())!;
    const row = staff.getByTestId('account-tnv-hoa');
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 5000 }).toBe('must-change');
    expect(await row.textContent()).toContain('Chờ đổi mật khẩu lần đầu');
    await staff.screenshot({ path: path.join(SCREENS_DIR, 'staff-accounts.png'), fullPage: true });
    await staff.getByTestId('issued-close').click();
    expect(await staff.getByTestId('issued-password').count()).toBe(0); // shown once

    // The volunteer's first login: the password change comes first, and the rules are said in Vietnamese.
    const vol = await newPage();
    await login(vol, '/volunteer/', 'tnv-hoa', temp);
    await vol.getByTestId('password-change').waitFor({ timeout: 10_000 });
    expect(await vol.getByTestId('console').count()).toBe(0);
    await changePassword(vol, temp, 'ngắn quá');
    await expect.poll(() => vol.getByTestId('password-error').textContent()).toBe('Mật khẩu mới cần ít nhất 10 ký tự.');
    await changePassword(vol, temp, 'tnv-hoa-2026-moi');
    await expect.poll(() => vol.getByTestId('password-error').textContent()).toBe('Mật khẩu mới không được chứa tên đăng nhập.');
    await vol.screenshot({ path: path.join(SCREENS_DIR, 'volunteer-password-change.png') });
    await changePassword(vol, temp, 'Hoa sen nở giữa hồ', 'Hoa sen nở giữa hô');
    await expect.poll(() => vol.getByTestId('password-error').textContent()).toBe('Hai lần nhập mật khẩu mới không giống nhau.');
    await changePassword(vol, 'sai-mat-khau-mot-lan', 'Hoa sen nở giữa hồ');
    await expect.poll(() => vol.getByTestId('password-error').textContent()).toBe('Mật khẩu hiện tại không đúng.');
    await changePassword(vol, temp, 'Hoa sen nở giữa hồ');
    await vol.getByTestId('console').waitFor({ timeout: 10_000 });
    await expect.poll(() => vol.getByTestId('link-state').textContent(), { timeout: 10_000 }).toBe('Đã kết nối');
    expect(await apiLogin('tnv-hoa', temp)).toBe(401); // the one-time password is spent
    await staff.getByTestId('tab-fleet').click();
    await staff.getByTestId('tab-accounts').click();
    await expect.poll(() => staff.getByTestId('account-tnv-hoa').getAttribute('data-state'), { timeout: 5000 }).toBe('active');

    // Staff reset it: a new one-time password; the volunteer's open console loses its session.
    await staff.getByTestId('account-tnv-hoa').getByTestId('account-reset').click();
    await staff.getByTestId('account-confirm-yes').click();
    await expect.poll(() => secret.textContent(), { timeout: 5000 }).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    const temp2 = (await secret.textContent())!;
    expect(temp2).not.toBe(temp);
    await expect.poll(() => staff.getByTestId('account-tnv-hoa').getAttribute('data-state'), { timeout: 5000 }).toBe('must-change');
    await expect.poll(() => vol.getByTestId('link-state').textContent(), { timeout: 10_000 }).not.toBe('Đã kết nối');
    expect(await apiLogin('tnv-hoa', 'Hoa sen nở giữa hồ')).toBe(401);
    await vol.reload();
    await vol.getByTestId('login-form').waitFor({ timeout: 10_000 });

    // Disable: login refused; enable: the one-time password works again (and must still be changed).
    await staff.getByTestId('account-tnv-hoa').getByTestId('account-disable').click();
    await staff.getByTestId('account-confirm-yes').click();
    await expect.poll(() => staff.getByTestId('account-tnv-hoa').getAttribute('data-state'), { timeout: 5000 }).toBe('disabled');
    expect(await staff.getByTestId('accounts-notice').textContent()).toContain('Đã khoá tài khoản tnv-hoa');
    expect(await apiLogin('tnv-hoa', temp2)).not.toBe(200);
    await staff.getByTestId('account-tnv-hoa').getByTestId('account-enable').click();
    await staff.getByTestId('account-confirm-yes').click();
    await expect.poll(() => staff.getByTestId('account-tnv-hoa').getAttribute('data-state'), { timeout: 5000 }).toBe('must-change');
    await login(vol, '/volunteer/', 'tnv-hoa', temp2);
    await vol.getByTestId('password-change').waitFor({ timeout: 10_000 });

    // The ward's audit page lists every change (never a password).
    await staff.getByTestId('tab-audit').click();
    const log = staff.getByTestId('audit-log');
    for (const action of ['account.create', 'password.change', 'account.reset_password', 'account.disable', 'account.enable']) {
      await expect.poll(() => log.textContent(), { timeout: 5000 }).toContain(action);
    }
    const text = (await log.textContent())!;
    expect(text).not.toContain(temp);
    expect(text).not.toContain(temp2);
    expect(text).not.toContain('Hoa sen');
    expect(errors).toEqual([]);
  });

  it('an admin creates a ward staff account; at first login in the staff console it must change its password before anything else', async () => {
    const admin = await newPage();
    await login(admin, '/staff/', 'quantri', PASSWORD);
    await admin.getByTestId('tab-accounts').click();
    const table = admin.getByTestId('accounts-table');
    await expect.poll(() => table.textContent(), { timeout: 10_000 }).toContain('canbo');
    expect(await table.textContent()).toContain('tnv-khac'); // admins see every ward

    // Staff without a ward are refused, in Vietnamese.
    await admin.getByTestId('account-username').fill('canbo-lan');
    await admin.getByTestId('account-display-name').fill('Đỗ Thị Lan');
    await admin.getByTestId('account-role').selectOption('staff');
    await admin.getByTestId('account-create-submit').click();
    await expect.poll(() => admin.getByTestId('account-create-error').textContent()).toContain('Cần mã phường/xã');
    await admin.getByTestId('account-ward').fill(WARD);
    await admin.getByTestId('account-create-submit').click();
    const secret = admin.getByTestId('issued-secret');
    await expect.poll(() => secret.textContent(), { timeout: 5000 }).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    const temp = (await secret.textContent())!;
    await expect.poll(() => admin.getByTestId('account-canbo-lan').textContent(), { timeout: 5000 }).toContain('Cán bộ phường');

    const lan = await newPage();
    await login(lan, '/staff/', 'canbo-lan', temp);
    await lan.getByTestId('password-change').waitFor({ timeout: 10_000 });
    expect(await lan.getByTestId('tab-fleet').count()).toBe(0);
    await changePassword(lan, temp, 'Phường Cửa Nam 2026');
    await expect.poll(() => lan.getByTestId('live-state').textContent(), { timeout: 10_000 }).toBe('Trực tiếp');
    await lan.getByTestId('tab-accounts').click();
    await expect.poll(() => lan.getByTestId('accounts-table').textContent(), { timeout: 5000 }).toContain('tnv1');
    expect(await lan.getByTestId('accounts-table').textContent()).not.toContain('canbo'); // staff manage volunteers, not staff
    expect(errors).toEqual([]);
  });
});
