/** Turn anything thrown by a call into text for the resident: the error's own text, else the contract's E_INTERNAL text (each error text lives in one place). Layer: renderer. */
import { ERROR_TEXT, KioskError } from '../../../common/contract/kiosk-api.ts';

export interface Localized {
  vi: string;
  en: string;
}

export function errorText(error: unknown): Localized {
  if (error instanceof KioskError) return { vi: error.message, en: error.messageEn };
  return ERROR_TEXT.E_INTERNAL;
}

export function isNoSession(error: unknown): boolean {
  return error instanceof KioskError && error.code === 'E_NO_SESSION';
}
