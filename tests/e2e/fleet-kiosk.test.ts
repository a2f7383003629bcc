/**
 * Issue 7 end to end with the REAL kiosk: the kiosk host (services + fleet
 * agent, virtual printer and scanner) in its own process, its renderer in
 * Chromium, a real hub, and the staff console in a second Chromium page.
 *
 *  1. a new kiosk shows the enrolment screen; staff make a code in the console
 *     and type it on the kiosk's code pad behind the staff PIN; the kiosk
 *     appears online in the console;
 *  2. the virtual printer runs out of paper: the console shows it and alerts;
 *  3. staff publish a config (the kiosk runs it: new hotline on its screen, the
 *     console shows the version it reports), publish another, roll back;
 *  4. maintenance from the device page: the kiosk shows "Tạm ngưng phục vụ"
 *     with where to go instead; then off, welcome again;
 *  5. a resident applies at the kiosk; the application arrives in the inbox;
 *     staff set "cần bổ sung" with an internal note; the kiosk's track screen shows the status, never the note (issue 17).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_CODE_RE } from '../../common/contract/kiosk-api.ts';
import type { KioskProcess } from '../support/kiosk-process.ts';
import { typeOnKioskKeyboard, fillShortBirthRegistration } from '../support/kiosk-page.ts';
import { DEMO_PIN, FIXTURE_CATALOGUE, SCREENS_DIR } from '../support/paths.ts';
import { BASE_SETTINGS } from '../unit/fleet/helpers.ts';
import type { Running } from '../unit/hub/helpers.ts';
import { startFleetRig, type FleetRig } from '../support/fleet-rig.ts';

/** What staff publish: the test catalogue without its deliberately broken entry (the hub refuses broken entries). */
const fixture = JSON.parse(readFileSync(FIXTURE_CATALOGUE, 'utf8')) as { services: { code: string }[] } & Record<string, unknown>;
const CATALOGUE = { ...fixture, services: fixture.services.filter((s) => s.code !== '9.999999') };
const settings = (hotline: string) => ({ ...BASE_SETTINGS, ward: { ...BASE_SETTINGS.ward, hotline } });

describe('the real kiosk in the fleet (Chromium: kiosk screen + staff console)', () => {
  let rig: FleetRig;
  let hub: Running;
  let kiosk: KioskProcess;
  let staff: Page;
  let screen: Page;
  let errors: string[];

  beforeAll(async () => {
    // A new kiosk: its config names the ward's hub; it has no device secret yet.
    rig = await startFleetRig('fleet-e2e', {});
    ({ hub, kiosk, staff, screen, errors } = rig);
  });
  afterAll(async () => {
    await rig?.close();
  });

  const kioskScreen = () => screen.locator('[data-screen]').first().getAttribute('data-screen');
  const typeKeys = (text: string) => typeOnKioskKeyboard(screen, text);

  it('enrols, shows paper-out, runs a published config and its rollback, goes into maintenance and back, delivers and tracks an application', async () => {
    // ---------------------------------------------------------------- 1. enrolment
    await staff.goto(`${hub.url}/staff/`);
    await staff.getByTestId('login-username').fill('canbo');
    await staff.getByTestId('login-password').fill('hotro-2468');
    await staff.getByTestId('login-submit').click();
    await expect.poll(() => staff.getByTestId('live-state').textContent(), { timeout: 10_000 }).toBe('Trực tiếp');
    await staff.getByTestId('make-code').click();
    await expect.poll(() => staff.getByTestId('enrol-code').textContent(), { timeout: 5000 }).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    const code = (await staff.getByTestId('enrol-code').textContent())!;

    await screen.goto(kiosk.url);
    await expect.poll(kioskScreen, { timeout: 15_000 }).toBe('enrolment');
    await expect(screen.locator('h1').innerText()).resolves.toBe('Kiosk chưa được đăng ký với máy chủ của phường');
    await screen.getByTestId('enrol-open-staff').click();
    for (const d of DEMO_PIN) await screen.getByTestId(`pin-${d}`).click();
    await screen.getByTestId('pin-ok').click();
    await screen.getByTestId('staff-hub').waitFor({ timeout: 5000 });
    for (const ch of code) await screen.getByTestId(`enrol-key-${ch}`).click();
    await expect(screen.getByTestId('enrol-code-input').getAttribute('data-code')).resolves.toBe(code);
    await screen.getByTestId('enrol-submit').click();
    await expect.poll(() => screen.getByTestId('enrol-message').textContent(), { timeout: 10_000 }).toBe('Đã đăng ký. Kiosk đang kết nối với máy chủ của phường.');
    await expect.poll(() => screen.getByTestId('staff-hub-state').getAttribute('data-hub'), { timeout: 10_000 }).toBe('connected');
    await screen.getByTestId('staff-close').click();
    await expect.poll(kioskScreen, { timeout: 5000 }).toBe('welcome');

    const row = staff.getByTestId('kiosk-hang-bai-01');
    await expect.poll(() => row.getAttribute('data-online'), { timeout: 10_000 }).toBe('true');
    await expect.poll(() => row.textContent(), { timeout: 5000 }).toContain('Kiosk số 1');

    // ---------------------------------------------------------------- 2. paper out
    await kiosk.setPrinter({ paperOut: true });
    await expect.poll(() => row.getByTestId('kiosk-printer').textContent(), { timeout: 15_000 }).toBe('Hết giấy');
    await staff.getByTestId('tab-alerts').click();
    await expect.poll(() => staff.getByTestId('alert-paper-out').getAttribute('data-state'), { timeout: 5000 }).toBe('open');
    await kiosk.setPrinter({ paperOut: false });
    await staff.getByTestId('tab-fleet').click();
    await expect.poll(() => row.getByTestId('kiosk-printer').textContent(), { timeout: 15_000 }).not.toBe('Hết giấy');

    // ---------------------------------------------------------------- 3. config, rollback
    await staff.getByTestId('tab-config').click();
    await staff.getByTestId('config-editor').fill(JSON.stringify(settings('024 3825 9999'), null, 2));
    await staff.getByTestId('catalogue-editor').fill(JSON.stringify(CATALOGUE, null, 2));
    await staff.getByTestId('publish').click();
    await expect.poll(() => staff.getByTestId('current-version').textContent(), { timeout: 5000 }).toBe('phiên bản 1');
    // Nobody is using the kiosk: it applies the version at once.
    await expect.poll(() => screen.locator('main').innerText(), { timeout: 10_000 }).toContain('024 3825 9999');
    await staff.getByTestId('config-editor').fill(JSON.stringify(settings('024 3825 7777'), null, 2));
    await staff.getByTestId('publish').click();
    await expect.poll(() => staff.getByTestId('current-version').textContent(), { timeout: 5000 }).toBe('phiên bản 2');
    await expect.poll(() => screen.locator('main').innerText(), { timeout: 10_000 }).toContain('024 3825 7777');
    await staff.getByTestId('rollback').click();
    await expect.poll(() => staff.getByTestId('current-version').textContent(), { timeout: 5000 }).toBe('phiên bản 3');
    await expect.poll(() => screen.locator('main').innerText(), { timeout: 10_000 }).toContain('024 3825 9999');
    // The kiosk reports what it runs: version 3, the published one.
    await staff.getByTestId('tab-fleet').click();
    await expect.poll(() => row.getByTestId('kiosk-config').textContent(), { timeout: 10_000 }).toBe('3');

    // ---------------------------------------------------------------- 4. maintenance
    await row.click();
    await expect.poll(() => staff.getByTestId('device-title').textContent(), { timeout: 5000 }).toContain('hang-bai-01');
    await staff.getByTestId('maint-message').fill('Máy đang được bảo trì, xin lỗi ông/bà.');
    await staff.getByTestId('maint-instead').fill('Bộ phận một cửa, tầng 1 UBND phường');
    await staff.getByTestId('cmd-maintenance-on').click();
    await expect.poll(kioskScreen, { timeout: 10_000 }).toBe('maintenance');
    await expect(screen.locator('h1').innerText()).resolves.toBe('Tạm ngưng phục vụ');
    await expect(screen.getByTestId('maintenance-message').innerText()).resolves.toBe('Máy đang được bảo trì, xin lỗi ông/bà.');
    await expect(screen.getByTestId('maintenance-instead').innerText()).resolves.toBe('Xin mời ông/bà đến: Bộ phận một cửa, tầng 1 UBND phường');
    await expect.poll(() => staff.locator('[data-testid="command-maintenance"][data-result="ok"]').count(), { timeout: 5000 }).toBe(1);
    await staff.getByTestId('cmd-maintenance-off').click();
    await expect.poll(kioskScreen, { timeout: 10_000 }).toBe('welcome');
    await expect.poll(() => staff.locator('[data-testid="command-maintenance"][data-result="ok"]').count(), { timeout: 5000 }).toBe(2);

    // ---------------------------------------------------------------- 5. an application, its status, the track screen
    await screen.getByTestId('welcome-start').click();
    await expect.poll(kioskScreen).toBe('home');
    await screen.getByTestId('service-1.001193').first().click();
    await expect.poll(kioskScreen).toBe('service');
    await screen.getByTestId('service-apply').click();
    await expect.poll(kioskScreen).toBe('question');
    await fillShortBirthRegistration(screen);
    await screen.getByTestId('consent').click();
    await screen.getByTestId('submit').click();
    await expect.poll(kioskScreen, { timeout: 10_000 }).toBe('confirmation');
    const appCode = (await screen.getByTestId('application-code').innerText()).trim();
    expect(appCode).toMatch(APPLICATION_CODE_RE);
    // The tracking PIN printed on the receipt is on the confirmation too (issue 17).
    const pin = (await screen.getByTestId('tracking-pin').innerText()).replace(/\D/g, '');
    expect(pin).toMatch(/^\d{8}$/);
    await screen.getByTestId('finish').click();
    await screen.getByTestId('rating-5').click();
    await expect.poll(kioskScreen, { timeout: 10_000 }).toBe('welcome');

    await staff.getByTestId('tab-inbox').click();
    const app = staff.getByTestId(`application-${appCode}`);
    await expect.poll(() => app.getAttribute('data-status'), { timeout: 10_000 }).toBe('received');
    await app.getByTestId('status-select').selectOption('needs-more');
    await app.getByLabel('Ghi chú nội bộ (không hiện trên kiosk)').fill('Xin bổ sung bản sao giấy chứng sinh.');
    await app.getByTestId('status-save').click();
    await expect.poll(() => app.getAttribute('data-status'), { timeout: 5000 }).toBe('needs-more');

    await screen.getByTestId('welcome-track').click();
    await expect.poll(kioskScreen).toBe('track');
    await typeKeys(appCode.replace(/[^0-9A-Za-z]/g, ''));
    await expect(screen.getByTestId('track-input').inputValue()).resolves.toBe(appCode);
    await screen.getByTestId('track-submit').click();
    // Nothing without the PIN (issue 17, finding 6): a wrong one is refused in Vietnamese, the right one shows the status.
    await screen.getByTestId('track-pin').waitFor({ timeout: 10_000 });
    expect(await screen.getByTestId('track-timeline').count()).toBe(0);
    const typePin = async (p: string) => {
      await screen.getByTestId('pin-key-clear').click();
      for (const d of p) await screen.getByTestId(`pin-key-${d}`).click();
      await screen.getByTestId('track-pin-submit').click();
    };
    await typePin(String((Number(pin) + 1) % 1e8).padStart(8, '0'));
    await expect(screen.getByTestId('track-pin-wrong').innerText()).resolves.toContain('Mã hồ sơ hoặc mã PIN chưa đúng');
    await screen.screenshot({ path: path.join(SCREENS_DIR, 'vi-53-track-pin-wrong.png') });
    await typePin(pin);
    const timeline = screen.getByTestId('track-timeline');
    await timeline.waitFor({ timeout: 10_000 });
    await expect(screen.getByTestId('track-step-needs-more').innerText()).resolves.toContain('Cần bổ sung');
    await expect(timeline.innerText()).resolves.not.toContain('Xin bổ sung bản sao giấy chứng sinh.'); // status only (issue 17, finding 6)
    expect(await screen.getByTestId('track-outdated').count()).toBe(0); // the hub answered

    expect(errors).toEqual([]);
    expect(JSON.stringify(await hub.hub.repo.listAudit({ limit: 500 }))).not.toContain('Trần An');
  });
});
