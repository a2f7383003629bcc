/**
 * Carrier 1: the Electron preload's `window.kioskBridge` (contextBridge).
 * Layer: renderer.
 */
import { BRIDGE_GLOBAL, type KioskBridge } from '../../../common/contract/bridge.ts';
import type { Transport } from '../../../common/contract/client.ts';
import { disconnectedEnvelope } from './envelopes.ts';

export function getBridge(): KioskBridge | null {
  const b = (globalThis as Record<string, unknown>)[BRIDGE_GLOBAL] as Partial<KioskBridge> | undefined;
  return b && typeof b.call === 'function' && typeof b.onEvent === 'function' ? (b as KioskBridge) : null;
}

export function createBridgeTransport(bridge: KioskBridge): Transport {
  return {
    async call(method, params) {
      try {
        return await bridge.call(method, params);
      } catch {
        // The bridge promises envelopes; a raw rejection still must not blank the screen.
        return disconnectedEnvelope();
      }
    },
    on(listener) {
      return bridge.onEvent(listener);
    },
  };
}
