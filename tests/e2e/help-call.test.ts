/**
 * The help channel end to end, three Chromium contexts with fake media: the
 * real kiosk (renderer + kiosk services process) and two volunteers in the
 * real volunteer console, through a real hub. The resident, mid-form with
 * their ID number typed, taps "Cần hỗ trợ": both consoles ring, one accepts,
 * the other stops ringing; audio connects (WebRTC through the hub's
 * signalling); chat both ways; the live view replays the kiosk screen with
 * the ID number masked — until the resident chooses to show it; the
 * volunteer's pointer appears on the kiosk; typing only after the resident
 * allows it; hang-up. Then the same with the hub restarted while the request
 * waits in the queue.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENS_DIR } from '../support/paths.ts';
import { residentAtIdQuestion, startHelpRig, waitAttr, type HelpRig } from '../support/help-rig.ts';

const ID_NUMBER = '079090012345';

describe('help call: kiosk and two volunteer consoles in Chromium, through the hub', () => {
  let rig: HelpRig;
  let kiosk: Page;
  let v1: Page;
  let v2: Page;

  beforeAll(async () => {
    rig = await startHelpRig();
    kiosk = rig.kioskPage;
    [v1, v2] = await Promise.all([rig.volunteer('tnv1'), rig.volunteer('tnv2', { width: 390, height: 844 })]);
  }, 120_000);
  afterAll(async () => {
    await rig?.close();
  });

  const phase = () => kiosk.getByTestId('help-panel').getAttribute('data-phase');
  const replayed = (): FrameLocator => v1.frameLocator('[data-testid="liveview-stage"] iframe');
  const replayedValue = () =>
    replayed()
      .locator('[data-testid="question-input"]')
      .evaluate((el) => (el as HTMLInputElement).value, undefined, { timeout: 2000 })
      .catch(() => null);

  it('rings both, one accepts, audio, chat, masked live view, pointer, typing when allowed, hang-up', async () => {
    // The resident is on the ID-number question of a form.
    await residentAtIdQuestion(kiosk, rig.kiosk.url, ID_NUMBER);
    // (its hint is the catalogue's own, said once — not followed by the generic one for ID numbers)
    expect((await kiosk.locator('.hint').first().innerText()).match(/Gồm 12 chữ số/g)).toHaveLength(1);

    await kiosk.getByTestId('help').click();
    await v1.getByTestId('ring-panel').waitFor({ timeout: 10_000 });
    await v2.getByTestId('ring-panel').waitFor({ timeout: 10_000 });
    await expect.poll(phase).toBe('ringing');
    expect(await v1.getByTestId('ring-lang').innerText()).toBe('Tiếng Việt');

    await v1.getByTestId('ring-accept').click();
    await v2.getByTestId('ring-panel').waitFor({ state: 'detached', timeout: 5000 });
    expect(await v2.getByTestId('console').getAttribute('data-ringing')).toBe('false');
    await expect.poll(phase, { timeout: 10_000 }).toBe('in-call');
    expect(await kiosk.getByTestId('help-volunteer').innerText()).toContain('Nguyễn Thị Lan');

    // Audio both ways: the console's ICE connects with the kiosk's microphone track, the kiosk hears the volunteer.
    await waitAttr(v1, 'call-panel', 'data-ice', /^(connected|completed)$/, 20_000);
    await expect.poll(() => v1.evaluate(() => window.__volunteerMetrics?.lastConnectMs ?? null), { timeout: 10_000 }).not.toBeNull();
    await waitAttr(kiosk, 'help-media', 'data-state', 'connected', 10_000);

    // Chat both ways.
    await v1.getByTestId('chat-input').fill('Chào bác, cháu nghe đây ạ');
    await v1.getByTestId('chat-send').click();
    await expect.poll(() => kiosk.getByTestId('help-chat').innerText(), { timeout: 5000 }).toContain('Chào bác, cháu nghe đây ạ');
    await kiosk.getByTestId('help-quick-1').click();
    await expect.poll(() => v1.getByTestId('chat-log').innerText(), { timeout: 5000 }).toContain('Tôi nghe rõ.');

    // Live view: the kiosk screen, with the ID number masked before it left the kiosk.
    await waitAttr(v1, 'liveview', 'data-has-screen', 'true', 15_000);
    await expect.poll(() => replayed().locator('[data-testid="step"]').innerText({ timeout: 2000 }).catch(() => ''), { timeout: 10_000 }).toMatch(/\b2\/\d+/);
    await expect.poll(replayedValue, { timeout: 10_000 }).toMatch(/^\*{12}$/);
    mkdirSync(SCREENS_DIR, { recursive: true });
    await v1.screenshot({ path: path.join(SCREENS_DIR, 'volunteer-01-call-liveview.png') });
    // (caret: 'initial': Playwright would otherwise inject a style into the page, which the live view would record)
    await kiosk.screenshot({ path: path.join(SCREENS_DIR, 'vi-40-help-call.png'), caret: 'initial' });
    // The resident chooses to show it: a new snapshot, unmasked; then hides it again.
    await kiosk.getByTestId('help-reveal').click();
    await expect.poll(replayedValue, { timeout: 10_000 }).toBe(ID_NUMBER);
    await kiosk.getByTestId('help-reveal').click();
    await expect.poll(replayedValue, { timeout: 10_000 }).toMatch(/^\*{12}$/);
    // A change on the kiosk follows live.
    await kiosk.getByTestId('question-input').fill('0790900');
    await expect.poll(replayedValue, { timeout: 10_000 }).toBe('*******');

    // Pointer: a click on the replayed "Tiếp tục" shows a ring on the kiosk and outlines the button.
    const stage = (await v1.locator('[data-testid="liveview-stage"] iframe').boundingBox())!;
    const next = (await kiosk.getByTestId('question-next').boundingBox())!;
    await v1.mouse.click(stage.x + ((next.x + next.width / 2) / 1920) * stage.width, stage.y + ((next.y + next.height / 2) / 1080) * stage.height);
    await kiosk.getByTestId('help-pointer').waitFor({ timeout: 5000 });
    await expect.poll(() => kiosk.getByTestId('question-next').evaluate((el) => el.classList.contains('help-pointed'))).toBe(true);

    // Typing: not before the resident allows it, then into the field the volunteer points at.
    expect(await v1.getByTestId('control-input').isDisabled()).toBe(true);
    await kiosk.getByTestId('help-control').click();
    await expect.poll(() => v1.getByTestId('control-state').innerText(), { timeout: 5000 }).toBe('Người dân đã cho phép điều khiển');
    const field = (await kiosk.getByTestId('question-input').boundingBox())!;
    await v1.mouse.click(stage.x + ((field.x + 30) / 1920) * stage.width, stage.y + ((field.y + field.height / 2) / 1080) * stage.height);
    await expect.poll(() => v1.getByTestId('control-input').isDisabled(), { timeout: 5000 }).toBe(false);
    await v1.getByTestId('control-input').fill(ID_NUMBER);
    await v1.getByTestId('control-send').click();
    await expect.poll(() => kiosk.getByTestId('question-input').inputValue(), { timeout: 5000 }).toBe(ID_NUMBER);
    await kiosk.getByTestId('help-control').click();
    await expect.poll(() => v1.getByTestId('control-input').isDisabled(), { timeout: 5000 }).toBe(true);

    // Hang-up with a note.
    await v1.getByTestId('end-open').click();
    await v1.getByTestId('end-note').fill('Hướng dẫn nhập số định danh');
    await v1.getByTestId('end-confirm').click();
    await expect.poll(phase, { timeout: 10_000 }).toBe('ended');
    await v1.getByTestId('ended').waitFor({ timeout: 5000 });
    await expect.poll(() => v1.getByTestId('history').innerText(), { timeout: 5000 }).toContain('Hướng dẫn nhập số định danh');
    await kiosk.getByTestId('help-close').click();
    expect(rig.errors).toEqual([]);
  });

  it('keeps the request through a hub restart while it waits, then connects', async () => {
    // Nobody free: the request waits in the queue.
    for (const v of [v1, v2]) {
      await v.getByTestId('status-busy').click();
      await waitAttr(v, 'console', 'data-status', 'busy', 5000);
    }
    await kiosk.getByTestId('help').click();
    await expect.poll(phase, { timeout: 10_000 }).toBe('ringing');

    await rig.restartHub();
    // Everyone reconnects on their own (backoff) and resyncs.
    await waitAttr(v1, 'console', 'data-link', 'online', 20_000);
    await waitAttr(v2, 'console', 'data-link', 'online', 20_000);
    await v2.getByTestId('status-available').click();
    await v2.getByTestId('ring-panel').waitFor({ timeout: 15_000 });
    await v2.getByTestId('ring-accept').click();
    await expect.poll(phase, { timeout: 20_000 }).toBe('in-call');
    await waitAttr(v2, 'call-panel', 'data-ice', /^(connected|completed)$/, 20_000);
    await v2.getByTestId('chat-input').fill('Cháu đây ạ');
    await v2.getByTestId('chat-send').click();
    await expect.poll(() => kiosk.getByTestId('help-chat').innerText(), { timeout: 10_000 }).toContain('Cháu đây ạ');
    await waitAttr(v2, 'liveview', 'data-has-screen', 'true', 15_000);

    // The resident leaves: the call ends on the volunteer's console too.
    await kiosk.getByTestId('exit').click();
    await kiosk.getByTestId('exit-yes').click();
    await v2.getByTestId('ended').waitFor({ timeout: 10_000 });
    expect(await v2.getByTestId('ended').getAttribute('data-by')).toBe('kiosk');
    expect(rig.errors).toEqual([]);
  });
});
