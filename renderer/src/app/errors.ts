/** Turn anything thrown by a call into text for the banner. Layer: renderer. */
import { KioskError } from '../../../common/contract/kiosk-api.ts';
import { strings } from '../i18n/strings.ts';

export interface Localized {
  vi: string;
  en: string;
}

export function errorText(error: unknown): Localized {
  if (error instanceof KioskError) return { vi: error.message, en: error.messageEn };
  return { vi: strings.errorUnexpected.vi, en: strings.errorUnexpected.en };
}

export function isNoSession(error: unknown): boolean {
  return error instanceof KioskError && error.code === 'E_NO_SESSION';
}
