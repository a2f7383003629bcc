/**
 * What the sandboxed preload puts on `window.kioskBridge` (checklist #20):
 * two wrapped functions, never ipcRenderer itself. Calls outside the
 * contract's method list never reach IPC; events outside its event list are
 * never delivered; the IPC event object never reaches the page.
 * Layer: electron-preload; contextBridge and ipcRenderer are injected.
 */
import { BRIDGE_GLOBAL, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type KioskBridge } from '../../common/contract/bridge.ts';
import { KIOSK_EVENTS, KIOSK_METHODS, kioskError, type Envelope, type ErrorCode } from '../../common/contract/kiosk-api.ts';

export interface BridgeContextBridge {
  exposeInMainWorld(apiKey: string, api: unknown): void;
}

export interface BridgeIpcRenderer {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const methods = new Set<string>(KIOSK_METHODS);
const events = new Set<string>(KIOSK_EVENTS);

function failure(code: ErrorCode): Envelope {
  return { ok: false, error: kioskError(code).toShape() };
}

export function createKioskBridge(ipcRenderer: BridgeIpcRenderer): KioskBridge {
  return {
    call(method: string, params: unknown): Promise<unknown> {
      if (typeof method !== 'string' || !methods.has(method)) return Promise.resolve(failure('E_UNKNOWN_METHOD'));
      // Exactly two arguments cross IPC, whatever the page passed.
      return ipcRenderer.invoke(IPC_CALL_CHANNEL, method, params).catch(() => failure('E_INTERNAL'));
    },
    onEvent(listener: (event: string, payload: unknown) => void): () => void {
      if (typeof listener !== 'function') return () => {};
      const handler = (_ipcEvent: unknown, event: unknown, payload: unknown) => {
        if (typeof event === 'string' && events.has(event)) listener(event, payload);
      };
      ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
      };
    },
  };
}

/** Expose the bridge; returns the exposed object (for tests). */
export function exposeKioskBridge(contextBridge: BridgeContextBridge, ipcRenderer: BridgeIpcRenderer): KioskBridge {
  const bridge = createKioskBridge(ipcRenderer);
  const exposed: KioskBridge = Object.freeze({ call: bridge.call, onEvent: bridge.onEvent });
  contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, exposed);
  return exposed;
}
