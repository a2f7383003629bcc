/**
 * The kiosk services as the two carriers see them (Electron IPC in electron/,
 * the loopback WebSocket host in browser-host/). Layer: node.
 */
import type { Envelope, EndReason, KioskEvent, PayloadOf } from '../common/contract/kiosk-api.ts';

/** Who is calling: carriers fill it in after their own sender checks. */
export interface CallContext {
  carrier: 'electron' | 'browser';
}

export interface KioskServicesApi {
  /** Validate params against the contract, run the method, return an envelope. Never throws. */
  dispatch(method: string, params: unknown, ctx: CallContext): Promise<Envelope>;
  /** Subscribe to service events (all of them); returns unsubscribe. */
  onEvent(listener: <E extends KioskEvent>(event: E, payload: PayloadOf<E>) => void): () => void;
  /** End the current session (if any) and wipe it: used on renderer crash, hang or disconnect. */
  endSession(reason: EndReason): Promise<void>;
  /** Stop timers, close the store. */
  close(): Promise<void>;
}
