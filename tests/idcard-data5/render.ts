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

/**
 * In the page: every block marked data-fit-* zoomed down (3 % steps, not below 0.6) until it fits its
 * limits; gives the smallest zoom. Plain script text: a compiled function would carry the test runner's
 * helpers into the page.
 */
const FIT_BLOCKS = `(() => {
  const card = document.getElementById('card').getBoundingClientRect();
  const mm = card.width / 85.6;
  let smallest = 1;
  for (const el of document.querySelectorAll('[data-fit-bottom]')) {
    const maxRight = card.left + Number(el.dataset.fitRight) * mm;
    const maxBottom = card.top + Number(el.dataset.fitBottom) * mm;
    const over = () => [...el.querySelectorAll('*')].some((d) => {
      const r = d.getBoundingClientRect();
      return r.right > maxRight || r.bottom > maxBottom;
    });
    let z = 1;
    while (over() && z > 0.6) {
      z -= 0.03;
      el.style.zoom = String(z);
    }
    smallest = Math.min(smallest, z);
  }
  return smallest;
})()`;

export class CardRenderer {
  /** the smallest zoom the last render needed to fit its text (1: none) */
  lastZoom = 1;

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
    this.lastZoom = (await this.page.evaluate(FIT_BLOCKS)) as number;
    return this.page.locator('#card').screenshot({ omitBackground: true, animations: 'disabled' });
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
