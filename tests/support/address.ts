/**
 * The address picker in end-to-end tests (renderer/src/address/): answer an address question the
 * way a resident does — keep the card's converted address, choose among the candidate wards of a
 * split old ward, or pick province → ward by typing part of its name on the on-screen keyboard.
 */
import type { Page } from 'playwright-core';

export interface AddressPick {
  province: string;
  /** Typed on the on-screen keyboard to find the ward (no diacritics needed). */
  wardQuery: string;
  wardCode: string;
  /** Typed after the ward is chosen (house number, street), if any. */
  line?: string;
}

/** Types text key by key on the on-screen keyboard. */
export async function typeOnKeyboard(page: Page, text: string): Promise<void> {
  for (const ch of text) await page.getByTestId(ch === ' ' ? 'key-space' : `key-${ch.toLowerCase()}`).first().click();
}

/**
 * On an address question (prefix `address`) or the result by post (`delivery`): keeps what is
 * already complete (tapping “Đúng, dùng địa chỉ này” when the card's address waits for it), takes the first candidate ward when asked to choose, else picks `pick`.
 * Returns what it did.
 */
export async function answerAddress(page: Page, pick: AddressPick, prefix = 'address'): Promise<'kept' | 'confirmed' | 'candidate' | 'picked'> {
  await page.getByTestId(`${prefix}-picker`).waitFor();
  if (await page.getByTestId(`${prefix}-summary`).count()) {
    const confirm = page.getByTestId(`${prefix}-confirm`);
    if (!(await confirm.count())) return 'kept';
    await confirm.click();
    return 'confirmed';
  }
  const candidates = page.locator('[data-testid^="candidate-"]');
  if (await candidates.count()) {
    await candidates.first().click();
    await page.getByTestId(`${prefix}-summary`).waitFor();
    return 'candidate';
  }
  await page.getByTestId(`province-${pick.province}`).click();
  await typeOnKeyboard(page, pick.wardQuery);
  await page.getByTestId(`ward-${pick.wardCode}`).click();
  if (pick.line) await typeOnKeyboard(page, pick.line);
  await page.getByTestId(`${prefix}-summary`).waitFor();
  return 'picked';
}
