/**
 * A screenshot on request, personal fields masked: the real kiosk (services +
 * renderer in Chromium) enrolled with a real hub; a resident is mid-form with
 * their ID number typed; ward staff press "Chụp màn hình" on the device page
 * of the staff console; the kiosk acknowledges, and the console shows its
 * screen — the form's step and heading, the ID number as asterisks. Nothing
 * in what the hub stored contains the number. The same during a help call in
 * which the resident has shown their data to the volunteer: the volunteer's
 * live view shows it, the staff's screenshot does not.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, SCREENS_DIR } from '../support/paths.ts';
import { residentAtIdQuestion, startHelpRig, trackedPage, type HelpRig } from '../support/help-rig.ts';
import { get, login } from '../unit/hub/helpers.ts';

const ID_NUMBER = '079090012345';
const KIOSK_ID = (JSON.parse(readFileSync(DEFAULT_CONFIG, 'utf8')) as { kiosk: { id: string } }).kiosk.id;

describe('staff console: a masked screenshot of the real kiosk on request', () => {
  let rig: HelpRig;
  let staff: Page;

  beforeAll(async () => {
    rig = await startHelpRig();
    staff = await trackedPage(rig.browser, { width: 1400, height: 1000 }, 'staff', rig.errors, []);
  }, 120_000);
  afterAll(async () => {
    await staff?.context().close();
    await rig?.close();
  });

  it('shows the kiosk screen with the ID number masked', async () => {
    const kiosk = rig.kioskPage;
    await staff.goto(`${rig.hub.url}/staff/`);
    await staff.getByTestId('login-username').fill('canbo');
    await staff.getByTestId('login-password').fill('hotro-2468');
    await staff.getByTestId('login-submit').click();
    await staff.getByTestId(`kiosk-${KIOSK_ID}`).click({ timeout: 15_000 });
    // The resident reads a service's page (the device page follows: the renderer names its screen),
    // then stands on the ID-number question of its form.
    await residentAtIdQuestion(kiosk, rig.kiosk.url, ID_NUMBER, async () => {
      await expect.poll(() => staff.getByTestId('device-screen').innerText(), { timeout: 10_000 }).toBe('service:1.001193');
    });
    await expect.poll(() => staff.getByTestId('device-screen').innerText(), { timeout: 10_000 }).toBe('form:1.001193');
    await staff.getByTestId('cmd-screenshot').click();
    await expect.poll(() => staff.locator('[data-testid="command-screenshot"]').first().getAttribute('data-result'), { timeout: 15_000 }).toBe('ok');

    const shot = staff.frameLocator('[data-testid="screenshot-replay"] iframe');
    await expect.poll(() => shot.locator('[data-testid="step"]').innerText({ timeout: 2000 }).catch(() => ''), { timeout: 10_000 }).toMatch(/\b2\/\d+/);
    const shown = await shot.locator('[data-testid="question-input"]').evaluate((el) => (el as HTMLInputElement).value);
    expect(shown).toBe('*'.repeat(ID_NUMBER.length));
    mkdirSync(SCREENS_DIR, { recursive: true });
    await staff.screenshot({ path: path.join(SCREENS_DIR, 'staff-02-device-screenshot.png') });

    // What the hub keeps has no trace of the number or the name.
    const stored = await get(`${rig.hub.url}/api/fleet/kiosks/${KIOSK_ID}/screenshot`, { cookie: await login(rig.hub, 'canbo') });
    expect(stored.json.screenshot.format).toBe('rrweb');
    expect(stored.json.screenshot.data).not.toContain(ID_NUMBER);
    expect(stored.json.screenshot.data).not.toContain('Nguyễn Văn An');
    expect(stored.json.screenshot.data).not.toContain('127.0.0.1');
    expect(rig.errors).toEqual([]);
  });

  it('shows the kiosk’s recent logs on request, without the resident’s data', async () => {
    await staff.getByTestId('cmd-send-logs').click();
    await expect.poll(() => staff.locator('[data-testid="command-send-logs"]').first().getAttribute('data-result'), { timeout: 15_000 }).toBe('ok');
    await expect.poll(() => staff.getByTestId('kiosk-log-line').count(), { timeout: 10_000 }).toBeGreaterThan(3);
    const text = await staff.getByTestId('kiosk-logs').innerText();
    expect(text).toContain('fleet.command');
    expect(text).not.toContain(ID_NUMBER);
    expect(text).not.toContain('Nguyễn Văn An');
    expect(rig.errors).toEqual([]);
  });

  it('during a help call in which the resident shows their data to the volunteer, the screenshot still masks it', async () => {
    const kiosk = rig.kioskPage;
    const v1 = await rig.volunteer('tnv1');
    const replayedId = () =>
      v1
        .frameLocator('[data-testid="liveview-stage"] iframe')
        .locator('[data-testid="question-input"]')
        .evaluate((el) => (el as HTMLInputElement).value, undefined, { timeout: 2000 })
        .catch(() => null);
    // The resident is still on the ID-number question of the first test.
    await expect.poll(() => kiosk.getByTestId('step').innerText()).toMatch(/\b2\/\d+/);
    await kiosk.getByTestId('question-input').fill(ID_NUMBER);
    await kiosk.getByTestId('help').click();
    await v1.getByTestId('ring-accept').click({ timeout: 10_000 });
    await expect.poll(() => kiosk.getByTestId('help-panel').getAttribute('data-phase'), { timeout: 10_000 }).toBe('in-call');
    await kiosk.getByTestId('help-reveal').click();
    await expect.poll(replayedId, { timeout: 15_000 }).toBe(ID_NUMBER);

    // Staff ask for a screenshot while the live view records, unmasked, for the volunteer.
    await staff.getByTestId('cmd-screenshot').click();
    await expect.poll(() => staff.locator('[data-testid="command-screenshot"]').count(), { timeout: 5000 }).toBe(2);
    await expect.poll(() => staff.locator('[data-testid="command-screenshot"]').first().getAttribute('data-result'), { timeout: 15_000 }).toBe('ok');
    const stored = await get(`${rig.hub.url}/api/fleet/kiosks/${KIOSK_ID}/screenshot`, { cookie: await login(rig.hub, 'canbo') });
    expect(stored.json.screenshot.data).toContain('help-panel'); // taken during the call
    expect(stored.json.screenshot.data).not.toContain(ID_NUMBER);
    const shot = staff.frameLocator('[data-testid="screenshot-replay"] iframe');
    await expect.poll(() => shot.locator('[data-testid="help-panel"]').count(), { timeout: 10_000 }).toBe(1);
    expect(await shot.locator('[data-testid="question-input"]').evaluate((el) => (el as HTMLInputElement).value)).toBe('*'.repeat(ID_NUMBER.length));

    // The live view was not disturbed: it still follows the kiosk, as the resident chose, unmasked.
    await kiosk.getByTestId('question-input').fill('0790900');
    await expect.poll(replayedId, { timeout: 10_000 }).toBe('0790900');
    await v1.getByTestId('end-open').click();
    await v1.getByTestId('end-confirm').click();
    await expect.poll(() => kiosk.getByTestId('help-panel').getAttribute('data-phase'), { timeout: 10_000 }).toBe('ended');
    expect(rig.errors).toEqual([]);
  });
});
