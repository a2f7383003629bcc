/**
 * Generator 5's drawing path: the card's HTML rendered by Debian's Chromium through playwright-core
 * (never a downloaded browser), one page reused for every face; the card element's screenshot is a PNG
 * with transparent rounded corners. Before rendering, the fonts are checked with fontconfig: the set
 * refuses to be drawn with a substitute font.
 */
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { MRZ_FONTS, TEXT_FONTS } from './card-html.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function checkFonts(): void {
  for (const family of [...TEXT_FONTS, ...MRZ_FONTS]) {
    let got: string;
    try {
      got = execFileSync('fc-match', ['-f', '%{family}', family], { encoding: 'utf8' });
    } catch {
      throw new Error('generator 5 needs fontconfig (fc-match)');
    }
    if (!got.split(',').includes(family))
      throw new Error(`generator 5 needs the font "${family}" (Debian: fonts-roboto-unhinted, fonts-inter, fonts-noto-core, fonts-noto-mono); fontconfig offers "${got}"`);
  }
}

export class CardRenderer {
  private constructor(
    private readonly browser: Browser,
    private page: Page,
  ) {}

  static async open(): Promise<CardRenderer> {
    checkFonts();
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--font-render-hinting=none', '--disable-gpu', '--disable-lcd-text'] });
    const page = await browser.newPage({ viewport: { width: 480, height: 300 }, deviceScaleFactor: 1 });
    return new CardRenderer(browser, page);
  }

  /** The card at `pxWide` pixels across (ID-1 is 85.6 mm: 1600 px ≈ 475 dpi). */
  async render(html: string, pxWide: number): Promise<Buffer> {
    const scale = pxWide / ((85.6 / 25.4) * 96);
    await this.page.close();
    this.page = await this.browser.newPage({ viewport: { width: 340, height: 220 }, deviceScaleFactor: scale });
    await this.page.setContent(html, { waitUntil: 'load' });
    await this.page.evaluate(() => document.fonts.ready);
    return this.page.locator('#card').screenshot({ omitBackground: true, animations: 'disabled' });
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
