/**
 * The help channel end to end: the real kiosk (renderer in Chromium + kiosk
 * services process) and a real hub; two volunteers as console clients over
 * WebSocket. The resident taps "Cần hỗ trợ": both ring, one accepts, the other
 * stops ringing, messages flow both ways, the volunteer's pointer appears on
 * the kiosk, hang-up; then the same with the hub restarted while the request waits.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRepository } from '../../hub/db/index.ts';
import { launchChromium, MEDIA_ARGS } from '../support/browser.ts';
import { startKioskProcess, type KioskProcess } from '../support/kiosk-process.ts';
import { DEFAULT_CONFIG, tempDir } from '../support/paths.ts';
import { consoleClient, login, post, seedUsers, startHub, WARD, type Running } from '../unit/hub/helpers.ts';

describe('help call: kiosk in Chromium ↔ hub ↔ volunteers', () => {
  let hub: Running;
  let hubFile: string;
  let port: number;
  let kiosk: KioskProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const dir = tempDir('help-e2e');
    hubFile = path.join(dir, 'hub.sqlite');
    const repo = await openRepository(`sqlite:${hubFile}`);
    await seedUsers(repo);
    await repo.close();
    hub = await startHub(`sqlite:${hubFile}`);
    port = Number(new URL(hub.url).port);
    const code = (await post(`${hub.url}/api/enrolment-codes`, { ward: WARD, ttlMinutes: 10 }, await login(hub, 'canbo'))).json.code as string;
    const base = JSON.parse(readFileSync(DEFAULT_CONFIG, 'utf8')) as Record<string, unknown>;
    const configPath = path.join(dir, 'kiosk.json');
    writeFileSync(configPath, JSON.stringify({ ...base, hub: { url: hub.url } }));
    kiosk = await startKioskProcess({ configPath, hubEnrolmentCode: code });
    browser = await launchChromium(MEDIA_ARGS);
    page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
    await hub?.hub.close();
  });

  const panel = () => page.getByTestId('help-panel');
  const ringOf = async (c: Awaited<ReturnType<typeof consoleClient>>) => c.received.find((m) => m.type === 'ring') ?? (await c.type('ring'));

  it('rings both, the first accept wins, messages both ways, the pointer shows, hang-up', async () => {
    await page.goto(kiosk.url);
    await page.getByTestId('welcome-start').click();
    const v1 = await consoleClient(hub, await login(hub, 'tnv1'), undefined, 'available');
    const v2 = await consoleClient(hub, await login(hub, 'tnv2'), undefined, 'available');
    await page.getByTestId('help').click();
    await expect.poll(() => panel().getAttribute('data-phase'), { timeout: 10_000 }).toBe('ringing');
    const [r1, r2] = await Promise.all([ringOf(v1), ringOf(v2)]);
    expect(r1.ring.requestId).toBe(r2.ring.requestId);
    expect(r1.ring.screen).toBe('home');

    v1.send({ type: 'ring.accept', requestId: r1.ring.requestId });
    await v1.type('call.started');
    await v2.next((m) => m.type === 'ring.cancel');
    await expect.poll(() => panel().getAttribute('data-phase'), { timeout: 10_000 }).toBe('in-call');
    await expect(page.getByTestId('help-volunteer').innerText()).resolves.toContain('Nguyễn Thị Lan');
    const callId = r1.ring.requestId as string;

    await page.getByTestId('help-quick-1').click();
    expect((await v1.type('chat')).text).toBe('Tôi nghe rõ.');
    v1.send({ type: 'chat', callId, text: 'Bác bấm vào ô "Tìm dịch vụ" ạ' });
    await expect.poll(() => page.getByTestId('help-chat').innerText()).toContain('Bác bấm vào ô "Tìm dịch vụ" ạ');

    v1.send({ type: 'pointer', callId, x: 0.5, y: 0.3, selector: '[data-testid="open-search"]' });
    await page.getByTestId('help-pointer').waitFor();
    expect(await page.getByTestId('open-search').evaluate((el) => el.classList.contains('help-pointed'))).toBe(true);

    v1.send({ type: 'call.end', callId, note: null });
    await expect.poll(() => panel().getAttribute('data-phase'), { timeout: 10_000 }).toBe('ended');
    await page.getByTestId('help-close').click();
    await v1.close();
    await v2.close();
  });

  it('keeps the request through a hub restart, then connects', async () => {
    await page.getByTestId('help').click();
    await expect.poll(() => panel().getAttribute('data-phase'), { timeout: 10_000 }).toBe('ringing');
    await hub.hub.close();
    hub = await startHub(`sqlite:${hubFile}`, { port });
    const v1 = await consoleClient(hub, await login(hub, 'tnv1'), undefined, 'available');
    const ring = await ringOf(v1);
    v1.send({ type: 'ring.accept', requestId: ring.ring.requestId });
    await v1.type('call.started');
    await expect.poll(() => panel().getAttribute('data-phase'), { timeout: 20_000 }).toBe('in-call');
    v1.send({ type: 'chat', callId: ring.ring.requestId, text: 'Cháu đây ạ' });
    await expect.poll(() => page.getByTestId('help-chat').innerText(), { timeout: 10_000 }).toContain('Cháu đây ạ');
    // The resident leaves: the call ends for the volunteer too.
    await page.getByTestId('exit').click();
    await page.getByTestId('exit-yes').click();
    expect((await v1.type('call.ended')).by).toBe('kiosk');
    await v1.close();
  });
});
