/**
 * The resident's journey (issue 3), in Debian Chromium against the real kiosk,
 * in both languages, typing only on the on-screen keyboard: find birth
 * registration by typing "khai sinh" without diacritics, read it, apply,
 * correct a wrong date, check answers (with a "Sửa"), submit, get a code and a
 * printed receipt, rate, see the wipe; then track that code.
 *
 * Every screen gets an axe-core check (no serious or critical violation) and a
 * screenshot in tests/artifacts/screens/ for review.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_CODE_RE, type Envelope } from '../../common/contract/kiosk-api.ts';
import { pagePhoto, sendPhoto } from '../support/papers.ts';
import { connectWsTransport } from '../support/ws-transport.ts';
import { launchChromium } from '../support/browser.ts';
import { startKioskProcess, type KioskProcess } from '../support/kiosk-process.ts';
import { typeOnKioskKeyboard } from '../support/kiosk-page.ts';
import { ROOT } from '../support/paths.ts';

const SHOTS = path.join(ROOT, 'tests', 'artifacts', 'screens');

describe.each(['vi', 'en'] as const)('resident journey in %s (Chromium, on-screen keyboard only)', (lang) => {
  let kiosk: KioskProcess;
  let browser: Browser;
  let page: Page;
  let shot = 0;
  const axeReports: { screen: string; violations: string[] }[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    kiosk = await startKioskProcess();
    browser = await launchChromium();
    const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    // Count what the page plays (voice guidance), without changing what it does.
    await ctx.addInitScript(`(() => {
      const play = HTMLMediaElement.prototype.play;
      window.__played = [];
      HTMLMediaElement.prototype.play = function () { window.__played.push(this.currentSrc || this.src); return play.call(this); };
    })()`);
    page = await ctx.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
  });

  const screen = () => page.locator('[data-screen]').first().getAttribute('data-screen');
  const T = (vi: string, en: string) => (lang === 'vi' ? vi : en);

  /** Screenshot + axe on the screen as it is now. */
  async function review(name: string): Promise<void> {
    await page.waitForTimeout(150); // let transitions settle
    shot += 1;
    await page.screenshot({ path: path.join(SHOTS, `${lang}-${String(shot).padStart(2, '0')}-${name}.png`) });
    const result = await new AxeBuilder({ page }).analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    axeReports.push({ screen: name, violations: bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`) });
    expect(bad.map((v) => v.id), `axe on ${name}`).toEqual([]);
  }

  /** Type on the on-screen keyboard, key by key (Telex for Vietnamese words). */
  const typeKeys = (text: string) => typeOnKioskKeyboard(page, text);

  /** "Tiếp tục", then wait for the next page (its step number changes; an error keeps the page). */
  async function next(expected: string | null = 'question'): Promise<void> {
    const stepText = async () => ((await page.getByTestId('step').count()) ? await page.getByTestId('step').innerText() : '');
    const before = await stepText();
    await page.getByTestId('question-next').click();
    if (expected) await expect.poll(screen).toBe(expected);
    if (expected === 'question') await expect.poll(async () => (await stepText()) !== before || (await page.getByTestId('question-error').count()) > 0).toBe(true);
  }

  it('finds, reads, applies, corrects, submits, rates, is wiped, then tracks', async () => {
    await page.goto(kiosk.url);
    await page.getByTestId('welcome-start').waitFor();
    if (lang === 'en') await page.getByTestId('lang-en').click();
    await review('welcome');
    await page.getByTestId('welcome-start').click();
    await expect.poll(screen).toBe('home');
    await review('home');

    // Find: "khai sinh" without diacritics, on the on-screen keyboard.
    await page.getByTestId('open-search').click();
    await expect.poll(screen).toBe('search');
    await review('search-empty');
    await page.getByTestId('kb-telex').click();
    await typeKeys('khai sinh');
    await expect(page.getByTestId('search-input').inputValue()).resolves.toBe('khai sinh');
    const first = page.locator('[data-testid^="search-result-"]').first();
    await expect.poll(() => first.getAttribute('data-testid')).toBe('search-result-1.001193');
    await review('search-results');
    await first.click();

    // Understand.
    await expect.poll(screen).toBe('service');
    await expect(page.locator('h1').innerText()).resolves.toBe(T('Đăng ký khai sinh', 'Birth registration'));
    await review('service');
    // "Đọc to": Chromium here has no Web Speech voice, so the kiosk's offline voice (espeak-ng) is played.
    await page.getByTestId('voice').click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __played: string[] }).__played), { timeout: 10_000 }).toEqual([expect.stringMatching(/^blob:/)]);
    await page.getByTestId('service-apply').click();
    await expect.poll(screen).toBe('question');
    await review('question-text');

    // Apply: the official declaration, one question per page. First the person registering, typed in Telex.
    await page.getByTestId('kb-telex').click();
    await typeKeys('traanf thij lan');
    await expect(page.getByTestId('question-input').inputValue()).resolves.toBe('Trần Thị Lan');
    await next();
    await typeKeys('001190012345');
    await next();
    // The residence: an address in the 2025 units — the province, the ward found by typing part of
    // its name in Telex, then the street; the whole address shown as it will be written.
    await page.getByTestId('province-01').click();
    await typeKeys('hoanf kieesm');
    await page.getByTestId('ward-00070').click();
    await typeKeys('hangf bacj');
    await expect(page.getByTestId('address-summary').innerText()).resolves.toContain('hàng bạc, Phường Hoàn Kiếm, Thành phố Hà Nội');
    await review('question-address');
    await next();
    await page.getByTestId('choice-me').click(); // the mother registers: her answers will fill the mother's part
    await next();

    // The child: the name, the sex, a wrong date (31/02) refused in plain words, then corrected.
    await typeKeys('nguyeenx vawn an');
    await expect(page.getByTestId('question-input').inputValue()).resolves.toBe('Nguyễn Văn An');
    await next();
    await page.getByTestId('choice-Nam').click();
    await review('question-choice');
    await next();
    await typeKeys('31022024');
    await next();
    const err = page.getByTestId('question-error');
    await err.waitFor();
    await expect(err.innerText()).resolves.toContain(T('Ngày chưa đúng', 'not valid'));
    await review('question-date-error');
    await page.getByTestId('key-clear').click();
    await typeKeys('05092024');
    await next();
    // Born more than 60 days ago: the question that applies only then (optional) is asked.
    await expect.poll(() => page.locator('h1').innerText()).toContain(T('sau 60 ngày', 'more than 60 days'));
    await review('question-conditional');
    await typeKeys('chuaw kipj');
    await next();
    await typeKeys('haf nooij'); // place of birth
    await next();
    await page.getByTestId('choice-Kinh').click(); // ethnic group: a long list, Kinh first
    await review('question-list');
    await next();
    await page.getByTestId('choice-Việt Nam').click();
    await next();
    await typeKeys('haf nooij'); // home town
    await next();

    // The mother is the person registering: her name, residence and ID number are already there.
    await expect(page.getByTestId('question-input').inputValue()).resolves.toBe('Trần Thị Lan');
    await next();
    await typeKeys('02031990');
    await next();
    await page.getByTestId('choice-Kinh').click();
    await next();
    await page.getByTestId('choice-Việt Nam').click();
    await next();
    await expect(page.getByTestId('address-summary').innerText()).resolves.toContain('hàng bạc, Phường Hoàn Kiếm, Thành phố Hà Nội');
    await next();
    await expect(page.getByTestId('question-input').inputValue()).resolves.toBe('001190012345');
    await next();
    // The father is not known: his questions are not asked.
    await page.getByTestId('choice-no').click();
    await next();
    await page.getByTestId('copies-more').click();
    await page.getByTestId('copies-more').click();
    await review('question-copies');
    await next();
    await typeKeys('0912345678');
    await next('check');

    // Check answers by section, change one with "Sửa" (back to the check page after it), consent, submit.
    await review('check');
    for (const id of ['requester', 'child', 'mother', 'father', 'result']) expect(await page.getByTestId(`check-section-${id}`).count(), id).toBe(1);
    expect(await page.getByTestId('answer-fatherName').count()).toBe(0);
    await expect(page.getByTestId('answer-copies').innerText()).resolves.toContain(T('2 bản', '2 copies'));
    await expect(page.getByTestId('answer-childDateOfBirth').innerText()).resolves.toContain('05/09/2024');
    await page.getByTestId('change-childDateOfBirth').click();
    await expect.poll(screen).toBe('question');
    await page.getByTestId('key-clear').click();
    await typeKeys('06092024');
    await next('check');
    await expect(page.getByTestId('answer-childDateOfBirth').innerText()).resolves.toContain('06/09/2024');
    await page.getByTestId('submit').click();
    await expect.poll(() => page.getByTestId('error-summary').or(page.locator('[data-testid="consent"][aria-invalid="true"]')).count()).toBeGreaterThan(0);
    // The birth notice is a required paper. Until the renderer's papers step is in this journey, the
    // page is sent through the kiosk's API exactly as that step sends it (into this same session).
    const ws = await connectWsTransport(kiosk.base, kiosk.token);
    try {
      const sent = await sendPhoto({ dispatch: (m, p) => ws.call(m as never, p as never) as Promise<Envelope> }, '1.001193', pagePhoto(), 'birth-notice');
      expect(sent.ok).toBe(true);
    } finally {
      ws.close?.();
    }
    await page.getByTestId('consent').click();
    await page.getByTestId('submit').click();
    await expect.poll(screen, { timeout: 10_000 }).toBe('confirmation');
    const code = (await page.getByTestId('application-code').innerText()).trim();
    expect(code).toMatch(APPLICATION_CODE_RE);
    await review('confirmation');

    // Finish: rate, thanks, wipe, welcome.
    await page.getByTestId('finish').click();
    await expect.poll(screen).toBe('rating');
    await review('rating');
    await page.getByTestId('rating-5').click();
    await expect.poll(screen, { timeout: 10_000 }).toBe('welcome');
    const left = await page.evaluate(async () => ({ local: localStorage.length, session: sessionStorage.length, idb: (await indexedDB.databases()).length, text: document.body.innerText }));
    expect(left).toMatchObject({ local: 0, session: 0, idb: 0 });
    expect(left.text).not.toContain('Trần Thị Lan');
    expect(await kiosk.sessionDirs()).toEqual([]);

    // Track the code: enter it on the track keypad.
    if (lang === 'en') await page.getByTestId('lang-en').click();
    await page.getByTestId('welcome-track').click();
    await expect.poll(screen).toBe('track');
    await review('track');
    await typeKeys(code.replace(/[^0-9A-Za-z]/g, '')); // the keypad puts the dots and dashes in by itself
    await expect(page.getByTestId('track-input').inputValue()).resolves.toBe(code);
    await page.getByTestId('track-submit').click();
    const timeline = page.getByTestId('track-timeline');
    await timeline.waitFor({ timeout: 10_000 });
    await expect(timeline.innerText()).resolves.toMatch(T('Đã nộp tại kiosk', 'at the kiosk'));
    await review('track-result');
  });
});
