/**
 * The staff console in Chromium against a real hub, with a simulated kiosk
 * (a `ws` client speaking the kiosk contract): log in, see the kiosk go online
 * and its printer run out of paper, publish a config and roll it back, run a
 * command and see its ack, see an application arrive and change its status
 * (and the kiosk's track answer follow).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { BASE_SETTINGS, beat, SMALL_CATALOGUE } from '../unit/fleet/helpers.ts';
import { enrolKiosk, kioskClient, startHub, WARD, type Client, type Running } from '../unit/hub/helpers.ts';
import { ensureConsolesBuilt, seededSqlite } from '../support/hub.ts';


describe('staff console in Chromium', () => {
  let hub: Running;
  let browser: Browser;
  let page: Page;
  let kiosk: Client;
  const errors: string[] = [];

  beforeAll(async () => {
    ensureConsolesBuilt();
    hub = await startHub((await seededSqlite('staff-e2e')).url, { fleet: { consoleFlushMs: 100 } });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    // The only expected errors: GET /api/me before logging in (401) and the missing favicon.
    page.on('console', (m) => m.type() === 'error' && !/\/api\/me$|favicon\.ico$/.test(m.location().url) && errors.push(`${m.text()} @ ${m.location().url}`));
    page.on('pageerror', (e) => errors.push(String(e)));
  });
  afterAll(async () => {
    await kiosk?.close();
    await browser?.close();
    await hub?.hub.close();
  });

  it('logs in, follows a kiosk live, publishes and rolls back, runs a command, handles an application', async () => {
    await page.goto(`${hub.url}/staff/`);
    await page.getByTestId('login-username').fill('canbo');
    await page.getByTestId('login-password').fill('hotro-2468');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('live-state').textContent(), { timeout: 10_000 }).toBe('Trực tiếp');

    // Enrolment code shown to staff.
    await page.getByTestId('make-code').click();
    await expect.poll(() => page.getByTestId('enrol-code').textContent(), { timeout: 5000 }).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);

    // A kiosk enrols and heartbeats: it appears online, then its paper runs out.
    const secret = await enrolKiosk(hub, 'hang-bai-01');
    kiosk = await kioskClient(hub, 'hang-bai-01', secret);
    await beat(kiosk, { screen: 'home' });
    const row = page.getByTestId('kiosk-hang-bai-01');
    await expect.poll(() => row.getAttribute('data-online'), { timeout: 10_000 }).toBe('true');
    await beat(kiosk, { printer: { state: 'paper-out', paperNearEnd: true } });
    await expect.poll(() => row.getByTestId('kiosk-printer').textContent(), { timeout: 5000 }).toBe('Hết giấy');
    await expect.poll(() => row.textContent(), { timeout: 5000 }).toContain('Hết giấy in');
    await page.getByTestId('tab-alerts').click();
    await expect.poll(() => page.getByTestId('alert-paper-out').getAttribute('data-state'), { timeout: 5000 }).toBe('open');

    // Publish version 1, then a bad edit (errors per field), then version 2, then roll back.
    await page.getByTestId('tab-config').click();
    await page.getByTestId('config-editor').fill(JSON.stringify(BASE_SETTINGS, null, 2));
    await page.getByTestId('catalogue-editor').fill(JSON.stringify(SMALL_CATALOGUE, null, 2));
    await page.getByTestId('publish').click();
    await expect.poll(() => page.getByTestId('current-version').textContent(), { timeout: 5000 }).toBe('phiên bản 1');
    expect((await kiosk.next((m) => m.type === 'config.available' && m.version === '1', 5000, 'v1')).configUrl).toBe('/api/fleet/kiosk/config/1');
    await page.getByTestId('config-editor').fill(JSON.stringify({ ...BASE_SETTINGS, timeouts: { idleSeconds: 90, warningSeconds: 5 } }, null, 2));
    await expect.poll(() => page.getByTestId('config-issues').textContent(), { timeout: 5000 }).toContain('timeouts.warningSeconds');
    expect(await page.getByTestId('publish').isDisabled()).toBe(true);
    await page.getByTestId('config-editor').fill(JSON.stringify({ ...BASE_SETTINGS, timeouts: { idleSeconds: 120, warningSeconds: 30 } }, null, 2));
    await page.getByTestId('publish').click();
    await expect.poll(() => page.getByTestId('current-version').textContent(), { timeout: 5000 }).toBe('phiên bản 2');
    await kiosk.next((m) => m.type === 'config.available' && m.version === '2', 5000, 'v2');
    await beat(kiosk, { configVersion: '2', printer: { state: 'paper-out', paperNearEnd: true } });
    await page.getByTestId('rollback').click();
    await expect.poll(() => page.getByTestId('current-version').textContent(), { timeout: 5000 }).toBe('phiên bản 3');
    await expect.poll(() => page.getByTestId('publish-result').textContent(), { timeout: 5000 }).toContain('phiên bản 1');
    await kiosk.next((m) => m.type === 'config.available' && m.version === '3', 5000, 'v3');
    expect(JSON.parse(await page.getByTestId('config-editor').inputValue()).timeouts.idleSeconds).toBe(90);

    // A command from the device page, acknowledged by the kiosk.
    await page.getByTestId('tab-fleet').click();
    await page.getByTestId('kiosk-hang-bai-01').click();
    await expect.poll(() => page.getByTestId('device-title').textContent(), { timeout: 5000 }).toContain('hang-bai-01');
    await page.getByTestId('screenshot-placeholder').waitFor({ timeout: 5000 });
    await page.getByTestId('cmd-print-test').click();
    const cmd = await kiosk.type('command', 5000);
    expect(cmd.command.kind).toBe('print-test');
    await expect.poll(() => page.getByTestId('command-print-test').getAttribute('data-result'), { timeout: 5000 }).toBe('pending');
    kiosk.send({ type: 'command.ack', commandId: cmd.command.id, result: 'ok', detail: null });
    await expect.poll(() => page.getByTestId('command-print-test').getAttribute('data-result'), { timeout: 5000 }).toBe('ok');
    await expect.poll(() => page.getByTestId('command-print-test').textContent(), { timeout: 5000 }).toContain('Đã thực hiện');

    // An application arrives; staff set "cần bổ sung"; the kiosk's track answer follows.
    await page.getByTestId('tab-inbox').click();
    const code = `${WARD}-251123-1001`;
    kiosk.send({ type: 'outbox.deliver', item: { id: '7f0c8a3e-1b2c-4d5e-8f9a-0b1c2d3e4f5a', code, serviceCode: '1.001193', submittedAt: Date.now(), answers: { childName: 'Lê Văn C' } } });
    await kiosk.type('outbox.ack', 5000);
    const app = page.getByTestId(`application-${code}`);
    await expect.poll(() => app.getAttribute('data-status'), { timeout: 5000 }).toBe('received');
    await app.getByTestId('status-select').selectOption('needs-more');
    await app.getByTestId('status-save').click();
    await expect.poll(() => app.getAttribute('data-status'), { timeout: 5000 }).toBe('needs-more');
    kiosk.send({ type: 'track', code });
    const tr = await kiosk.type('track.result', 5000);
    expect(tr.result.timeline.map((e: { status: string }) => e.status)).toEqual(['received', 'needs-more']);

    // Statistics draw their charts; the audit log lists what happened.
    await page.getByTestId('tab-stats').click();
    await page.getByTestId('chart-sessions').waitFor({ timeout: 5000 });
    await page.getByTestId('tab-audit').click();
    await expect.poll(() => page.getByTestId('audit-log').textContent(), { timeout: 5000 }).toContain('command.ack');
    expect(errors).toEqual([]); // CSP violations (inline script/style, eval) would show here
    expect(kiosk.invalid).toEqual([]);
  });
});
