/**
 * Voice guidance state for one session: "Tự đọc" (read every new screen) and
 * whether the resident has asked for reading at all (then the timeout warning
 * is read too). Owned by the Root, reset by the wipe. Layer: renderer.
 */
import { createContext, useContext } from 'react';

export interface VoiceControls {
  /** The kiosk offers voice guidance (config). */
  available: boolean;
  /** "Tự đọc": read each new screen. */
  auto: boolean;
  toggleAuto(): void;
  /** "Đọc to": read the current screen's heading and instruction now. */
  readScreen(): void;
  /** A screen appeared (Screen calls this): read it when "Tự đọc" is on. */
  screenShown(): void;
  /** Read a UI message (e.g. the timeout warning) if the resident uses voice. */
  announce(text: string): void;
}

export const VoiceContext = createContext<VoiceControls | null>(null);

export function useVoice(): VoiceControls | null {
  return useContext(VoiceContext);
}
