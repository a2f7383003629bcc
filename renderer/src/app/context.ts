/**
 * What every screen may use: the typed client, the language, the kiosk's info
 * and catalogue, and a few actions owned by the Root. Layer: renderer.
 */
import { createContext, useContext } from 'react';
import type { KioskClient } from '../../../common/contract/client.ts';
import type { KioskInfo } from '../../../common/contract/kiosk-api.ts';
import type { Catalogue } from '../../../kiosk-config/catalogue.schema.ts';
import type { Lang, T } from '../i18n/index.ts';

export interface Kiosk {
  client: KioskClient;
  info: KioskInfo;
  catalogue: Catalogue;
  lang: Lang;
  t: T;
  setLang(lang: Lang): void;
  largeText: boolean;
  highContrast: boolean;
  toggleLargeText(): void;
  toggleHighContrast(): void;
  sessionActive: boolean;
  /** Start a session; `then: 'track'` opens the track screen first (welcome's "Tra cứu hồ sơ"). */
  startSession(then?: 'home' | 'track'): Promise<void>;
  /** Ask the services to end the session, then wipe the renderer (even if the call fails). */
  endSession(reason: 'finished' | 'cancelled'): Promise<void>;
  /** Show an error in the polite banner (KioskError → its own message). */
  reportError(error: unknown): void;
  clearError(): void;
}

export const KioskContext = createContext<Kiosk | null>(null);

export function useKiosk(): Kiosk {
  const k = useContext(KioskContext);
  if (!k) throw new Error('useKiosk outside KioskContext');
  return k;
}
