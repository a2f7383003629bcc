/**
 * The shape the Electron preload exposes on `window.kioskBridge` (contextBridge).
 * Layer: common. An allow-list of two wrapped calls — never raw ipcRenderer.
 */
export const IPC_CALL_CHANNEL = 'kiosk:call';
export const IPC_EVENT_CHANNEL = 'kiosk:event';
export const BRIDGE_GLOBAL = 'kioskBridge';

export interface KioskBridge {
  /** Resolves to an Envelope ({ok:true,result} | {ok:false,error}); never rejects with a raw Electron error. */
  call(method: string, params: unknown): Promise<unknown>;
  /** Subscribe to allow-listed service events; returns an unsubscribe function. */
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
}
