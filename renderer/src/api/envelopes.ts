/**
 * Error envelopes a carrier hands back when it cannot reach the services.
 * Layer: renderer. Shaped like the services' own, so the typed client turns
 * them into a KioskError with a Vietnamese message.
 */
import type { Envelope } from '../../../common/contract/kiosk-api.ts';
import { strings } from '../i18n/strings.ts';

export function disconnectedEnvelope(): Envelope {
  return { ok: false, error: { code: 'E_UNAVAILABLE', message: strings.disconnectedCall.vi, messageEn: strings.disconnectedCall.en } };
}

export function timeoutEnvelope(): Envelope {
  return { ok: false, error: { code: 'E_UNAVAILABLE', message: strings.callTimeout.vi, messageEn: strings.callTimeout.en } };
}
