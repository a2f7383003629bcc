/**
 * End to end in Chromium against the real kiosk with `devices.camera: true` (issue 4, item 2): the
 * fake camera plays a synthetic card photo of the test set (a Y4M written at test time), the resident
 * opens a form, taps "Đọc thẻ căn cước", consents, sees the live preview with its frame, and the
 * fields read from the card's QR fill the form after confirming; the camera (every track) is stopped
 * when the step closes. A photo with no card gives "không tìm thấy thẻ" guidance, and nothing crashes.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSample } from '../idcard-data/generate.ts';
import { makePerson, makeRng } from '../idcard-data/people.ts';
import { writeY4m } from '../idcard-data/y4m.ts';
import { launchChromium, MEDIA_ARGS } from '../support/browser.ts';
import { startKioskProcess, writeConfig, type KioskProcess } from '../support/kiosk-process.ts';
import { ROOT, tempDir } from '../support/paths.ts';

const SHOTS = path.join(ROOT, 'tests', 'artifacts', 'screens');

/** Record every camera stream the page opens, so the test can see that all its tracks are stopped. */
const RECORD_STREAMS = () => {
  const w = window as unknown as { __streams: MediaStream[] };
  w.__streams = [];
  const md = navigator.mediaDevices;
  const original = md.getUserMedia.bind(md);
  md.getUserMedia = async (c?: MediaStreamConstraints) => {
    const s = await original(c);
    w.__streams.push(s);
    return s;
  };
};

describe('ID card from the camera (Chromium fake camera, real kiosk services)', () => {
  let kiosk: KioskProcess;
  let browser: Browser | undefined;
  const dir = tempDir('idcard-camera');
  const person = makePerson(makeRng(4401), 2021);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    kiosk = await startKioskProcess({ configPath: writeConfig((c) => (c.devices.camera = true)) });
  });
  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
  });

  async function openWith(y4m: string): Promise<Page> {
    await browser?.close();
    browser = await launchChromium([...MEDIA_ARGS, `--use-file-for-fake-video-capture=${y4m}`]);
    const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await page.addInitScript(RECORD_STREAMS);
    await page.goto(kiosk.url);
    await page.getByTestId('welcome-start').click();
    await page.getByTestId('category-ho-tich').click();
    await page.getByTestId('service-1.004873').click();
    await page.getByTestId('service-apply').click();
    await expect.poll(() => page.locator('[data-screen]').first().getAttribute('data-screen')).toBe('question');
    await page.getByTestId('idcard-start').click();
    await page.getByTestId('idcard-consent').waitFor();
    await page.getByTestId('idcard-allow').click();
    await page.getByTestId('idcard-camera').waitFor();
    return page;
  }

  const liveTracks = (page: Page) =>
    page.evaluate(() => (window as unknown as { __streams: MediaStream[] }).__streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length);

  it('reads the card shown to the camera and fills the form after the resident confirms', async () => {
    const photo = (await renderSample(person, 'front2021', 'clean', 4402)).data;
    const page = await openWith(await writeY4m(path.join(dir, 'card.y4m'), photo));

    // The preview runs with its card-shaped frame (unless the card was already read from the first frames).
    const confirm = page.getByTestId('idcard-confirm');
    await Promise.race([page.getByTestId('idcard-preview').and(page.locator('[data-state="live"]')).waitFor({ timeout: 15_000 }), confirm.waitFor({ timeout: 15_000 })]);
    if (await page.getByTestId('idcard-camera').isVisible()) {
      await expect(page.getByTestId('idcard-camera').innerText()).resolves.toContain('Đặt thẻ vào khung, mặt có mã QR hướng lên camera');
      expect(await page.getByTestId('idcard-guide-frame').isVisible()).toBe(true);
      const minButton = await page.getByTestId('idcard-capture-front').evaluate((b) => b.getBoundingClientRect().height);
      expect(minButton).toBeGreaterThanOrEqual(64);
    }

    await confirm.waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('idcard-field-fullName').inputValue()).resolves.toBe(person.fields.fullName);
    await expect(page.getByTestId('idcard-field-idNumber').inputValue()).resolves.toBe(person.fields.idNumber);
    // Every track of the camera is stopped once the card is read.
    await expect.poll(() => liveTracks(page)).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'vi-22-idcard-camera-confirm.png') });
    await page.getByTestId('idcard-use').click();
    await confirm.waitFor({ state: 'detached' });
    await expect(page.getByTestId('question-input').inputValue()).resolves.toBe(person.fields.fullName);

    // Leaving wipes the session: the reading is not in the services' memory any more.
    await page.getByTestId('exit').click();
    await page.getByTestId('exit-yes').click();
    await expect.poll(() => page.locator('[data-screen]').first().getAttribute('data-screen'), { timeout: 10_000 }).toBe('welcome');
    expect(await kiosk.heapContains(person.fields.idNumber.slice(0, 6), person.fields.idNumber.slice(6))).toBe(false);
  });

  it('a 2024 front has no QR: "Chụp mặt trước" reads the printed front (OCR) on request', async () => {
    const p2024 = makePerson(makeRng(4403), 2024);
    const photo = (await renderSample(p2024, 'front2024', 'clean', 4404)).data;
    const page = await openWith(await writeY4m(path.join(dir, 'front2024.y4m'), photo));
    await page.getByTestId('idcard-preview').and(page.locator('[data-state="live"]')).waitFor({ timeout: 15_000 });
    // Scan frames see a card without QR or MRZ: no error, the guidance says what to do.
    await page.waitForTimeout(2500);
    expect(await page.getByTestId('idcard-error').count()).toBe(0);
    await page.getByTestId('idcard-capture-front').click();
    await expect(page.getByTestId('idcard-camera-status').innerText()).resolves.toContain('Đang đọc mặt trước');
    const confirm = page.getByTestId('idcard-confirm');
    await confirm.waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('idcard-field-idNumber').inputValue()).resolves.toBe(p2024.fields.idNumber);
    await expect.poll(() => liveTracks(page)).toBe(0);
    await page.getByTestId('idcard-cancel').click();
    await confirm.waitFor({ state: 'detached' });
  });

  it('a photo with no card gives "không tìm thấy thẻ" guidance, never a crash, and cancelling stops the camera', async () => {
    // A table and nothing on it.
    const raw = Buffer.alloc(1280 * 720 * 3);
    for (let i = 0; i < raw.length; i += 3) {
      const n = ((i * 7919) % 23) - 11;
      raw[i] = 104 + n;
      raw[i + 1] = 78 + n;
      raw[i + 2] = 56 + n;
    }
    const table = await sharp(raw, { raw: { width: 1280, height: 720, channels: 3 } }).blur(1.2).png().toBuffer();
    const page = await openWith(await writeY4m(path.join(dir, 'table.y4m'), table));
    const error = page.getByTestId('idcard-error');
    await error.waitFor({ timeout: 30_000 });
    await expect(error.innerText()).resolves.toContain('không tìm thấy thẻ');
    await expect(error.innerText()).resolves.toContain('Xin đặt cả thẻ nằm gọn trong khung');
    expect(await error.getAttribute('data-code')).toBe('no_card');
    await page.screenshot({ path: path.join(SHOTS, 'vi-23-idcard-camera-no-card.png') });
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    expect(await liveTracks(page)).toBeGreaterThan(0);

    await page.getByTestId('idcard-cancel').click();
    await page.getByTestId('idcard-camera').waitFor({ state: 'detached' });
    await expect.poll(() => liveTracks(page)).toBe(0);
    // The kiosk lives on and the form is still there.
    expect(kiosk.child.exitCode).toBeNull();
    await expect.poll(() => page.locator('[data-screen]').first().getAttribute('data-screen')).toBe('question');
  });
});
