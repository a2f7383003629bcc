/**
 * Issue 7, item 1, as the issue puts it — "enrolment of a new kiosk with a one-time code shown on
 * its screen" — with the REAL kiosk (host process, renderer in Chromium) and the staff console in a
 * second Chromium page, against a real hub:
 *
 *  1. the new kiosk shows its pairing code in very large type with its id, name and the
 *     instruction for staff (no PIN); axe finds nothing serious;
 *  2. staff press "Thêm kiosk" in the console, type a wrong code (a Vietnamese refusal), then the
 *     one on the kiosk's screen as they read it (lower case, with the space); the console shows
 *     which kiosk is asking; staff confirm it for their ward;
 *  3. the kiosk collects its device secret, shows the welcome screen and is online in the fleet list;
 *  4. staff retire it ("Gỡ kiosk khỏi hệ thống", two steps): it leaves the list; the kiosk forgets
 *     its secret and shows a new pairing code; paired again, it welcomes residents.
 * Screenshots of both pages go to tests/artifacts/screens/ for review.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskProcess } from '../support/kiosk-process.ts';
import { SCREENS_DIR as SHOTS } from '../support/paths.ts';
import { WARD, type Running } from '../unit/hub/helpers.ts';
import { startFleetRig, type FleetRig } from '../support/fleet-rig.ts';


describe('pairing a new kiosk by the code on its screen (Chromium: kiosk screen + staff console)', () => {
  let rig: FleetRig;
  let hub: Running;
  let kiosk: KioskProcess;
  let staff: Page;
  let screen: Page;
  let errors: string[];
  let firstCode = '';

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // A new kiosk: its config names the ward's hub; it has no device secret yet.
    rig = await startFleetRig('pairing-e2e', { pairing: { pollMs: 1000 } }, /\/api\/kiosks\/pairing\/lookup$/);
    ({ hub, kiosk, staff, screen, errors } = rig);
  });
  afterAll(async () => {
    await rig?.close();
  });

  const kioskScreen = () => screen.locator('[data-screen]').first().getAttribute('data-screen');

  it('the kiosk shows its code, staff type it in the console and confirm, the kiosk is enrolled and welcomes residents', async () => {
    // ---------------------------------------------------------------- 1. the code on the kiosk's screen
    await screen.goto(kiosk.url);
    await expect.poll(kioskScreen, { timeout: 15_000 }).toBe('enrolment');
    const codeEl = screen.getByTestId('pairing-code');
    await expect.poll(() => codeEl.getAttribute('data-code'), { timeout: 10_000 }).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    const code = (await codeEl.getAttribute('data-code'))!;
    expect(await codeEl.innerText()).toBe(`${code.slice(0, 4)} ${code.slice(4)}`);
    expect(await screen.getByTestId('pairing-instruction').innerText()).toBe('Cán bộ phường: mở trang quản lý kiosk, chọn “Thêm kiosk” và nhập mã này');
    expect(await screen.getByTestId('pairing-kiosk-id').innerText()).toBe('hang-bai-01');
    const kioskName = await screen.getByTestId('pairing-kiosk-name').innerText();
    expect(kioskName).toContain('Kiosk số 1');
    // Very large type: readable from across the room.
    const fontPx = await codeEl.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(fontPx).toBeGreaterThanOrEqual(64);
    const axe = await new AxeBuilder({ page: screen }).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await screen.screenshot({ path: path.join(SHOTS, 'vi-30-enrolment-pairing.png') });

    // ---------------------------------------------------------------- 2. staff: "Thêm kiosk"
    await staff.goto(`${hub.url}/staff/`);
    await staff.getByTestId('login-username').fill('canbo');
    await staff.getByTestId('login-password').fill('hotro-2468');
    await staff.getByTestId('login-submit').click();
    await expect.poll(() => staff.getByTestId('live-state').textContent(), { timeout: 10_000 }).toBe('Trực tiếp');
    await staff.getByTestId('add-kiosk-open').click();
    const wrong = code === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA';
    await staff.getByTestId('pairing-code-input').fill(wrong);
    await staff.getByTestId('pairing-lookup').click();
    await expect.poll(() => staff.getByTestId('pairing-error').textContent(), { timeout: 5000 }).toBe('Mã không đúng hoặc đã hết hạn. Xin xem lại mã đang hiện trên màn hình kiosk.');
    // As staff read it off the screen: lower case, with the space.
    await staff.getByTestId('pairing-code-input').fill(`${code.slice(0, 4).toLowerCase()} ${code.slice(4).toLowerCase()}`);
    await staff.getByTestId('pairing-lookup').click();
    const found = staff.getByTestId('pairing-found');
    await expect.poll(() => found.getAttribute('data-kiosk'), { timeout: 5000 }).toBe('hang-bai-01');
    expect(await staff.getByTestId('pairing-found-name').innerText()).toBe(kioskName);
    await staff.screenshot({ path: path.join(SHOTS, 'staff-01-add-kiosk.png') });
    await staff.getByTestId('pairing-approve').click();
    await expect.poll(() => staff.getByTestId('pairing-done').textContent(), { timeout: 5000 }).toContain(`vào phường ${WARD}`);

    // ---------------------------------------------------------------- 3. enrolled: welcome, online in the list
    await expect.poll(kioskScreen, { timeout: 15_000 }).toBe('welcome');
    const row = staff.getByTestId('kiosk-hang-bai-01');
    await expect.poll(() => row.getAttribute('data-online'), { timeout: 10_000 }).toBe('true');
    expect(await row.textContent()).toContain('Kiosk số 1');

    expect(errors).toEqual([]);
    const audit = await hub.hub.repo.listAudit({ limit: 200 });
    expect(audit.some((a) => a.action === 'kiosk.paired' && a.actor === 'user:canbo' && a.target === 'kiosk:hang-bai-01')).toBe(true);
    expect(audit.some((a) => a.action === 'kiosk.pair.refused' && a.actor === 'user:canbo' && a.detail === 'bad_code lookup')).toBe(true);
    // The code was never stored or logged as such.
    expect(JSON.stringify(audit)).not.toContain(code);
    expect(kiosk.stderr()).not.toContain(code);
    firstCode = code;
  });

  it('staff retire the kiosk: it drops off the fleet and shows a new pairing code; paired again, it welcomes residents', async () => {
    // ---------------------------------------------------------------- 4. "Gỡ kiosk khỏi hệ thống" on the device page
    await staff.getByTestId('kiosk-hang-bai-01').click();
    await staff.getByTestId('retire-open').click();
    const panel = staff.getByTestId('retire-panel');
    expect(await panel.innerText()).toContain('Hồ sơ đã nhận, thống kê, lịch sử và nhật ký kiểm tra vẫn được giữ.');
    await staff.screenshot({ path: path.join(SHOTS, 'staff-03-retire-kiosk.png') });
    await staff.getByTestId('retire-confirm').click();
    await expect.poll(() => staff.getByTestId('notice').textContent(), { timeout: 5000 }).toContain('Đã gỡ Kiosk số 1');
    expect(await staff.getByTestId('kiosk-hang-bai-01').count()).toBe(0);

    // ---------------------------------------------------------------- 5. the kiosk forgot its secret: a new code
    await expect.poll(kioskScreen, { timeout: 15_000 }).toBe('enrolment');
    const codeEl = screen.getByTestId('pairing-code');
    await expect.poll(() => codeEl.getAttribute('data-code'), { timeout: 10_000 }).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    const code = (await codeEl.getAttribute('data-code'))!;
    expect(code).not.toBe(firstCode);

    // ---------------------------------------------------------------- 6. paired again like a new kiosk
    await staff.getByTestId('add-kiosk-open').click();
    await staff.getByTestId('pairing-code-input').fill(code);
    await staff.getByTestId('pairing-lookup').click();
    await expect.poll(() => staff.getByTestId('pairing-found').getAttribute('data-kiosk'), { timeout: 5000 }).toBe('hang-bai-01');
    await staff.getByTestId('pairing-approve').click();
    await expect.poll(kioskScreen, { timeout: 15_000 }).toBe('welcome');
    await expect.poll(() => staff.getByTestId('kiosk-hang-bai-01').getAttribute('data-online'), { timeout: 10_000 }).toBe('true');

    expect(errors).toEqual([]);
    const audit = await hub.hub.repo.listAudit({ limit: 300 });
    expect(audit.some((a) => a.action === 'kiosk.retired' && a.actor === 'user:canbo' && a.target === 'kiosk:hang-bai-01')).toBe(true);
    expect(kiosk.stderr()).toContain('hub.retired');
  });
});
