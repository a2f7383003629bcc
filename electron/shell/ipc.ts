/**
 * The main-process end of the Electron carrier: one invoke channel for calls,
 * one send channel for events.
 *
 * Every call's sender is checked (checklist #17): it must come from the main
 * frame of the kiosk window's webContents, showing an app://kiosk/ page;
 * anything else gets an E_FORBIDDEN envelope. Params are validated by the
 * services' schemas (dispatch). Nothing is ever thrown across IPC.
 * Layer: electron-main; the Electron API is injected.
 */
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../common/contract/bridge.ts';
import { kioskError, type Envelope, type ErrorCode, type KioskEvent } from '../../common/contract/kiosk-api.ts';
import type { KioskServicesApi } from '../../services/types.ts';
import type { IpcMain, IpcMainInvokeEvent, Log, WebContents, WebFrameMain } from './types.ts';
import { isAppUrl } from './types.ts';

export function errorEnvelope(code: ErrorCode): Envelope {
  return { ok: false, error: kioskError(code).toShape() };
}

export type IpcContents = Pick<WebContents, 'send' | 'isDestroyed' | 'mainFrame'>;
export type IpcEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/** True when the invoke came from the kiosk window's own main frame on app://kiosk/. */
export function isTrustedSender(event: IpcEvent, contents: IpcContents | null): boolean {
  if (!contents || contents.isDestroyed()) return false;
  if (event.sender !== (contents as unknown)) return false;
  let frame: WebFrameMain | null;
  try {
    frame = event.senderFrame; // a getter: null once the frame navigated or was destroyed
  } catch {
    return false;
  }
  if (!frame) return false;
  if (!sameFrame(frame, contents.mainFrame) || frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

/** Electron caches one WebFrameMain per frame, but compare by process and routing id as well. */
function sameFrame(a: WebFrameMain, b: WebFrameMain): boolean {
  if (a === b) return true;
  return (
    typeof a.processId === 'number' &&
    typeof a.routingId === 'number' &&
    a.processId === b.processId &&
    a.routingId === b.routingId
  );
}

export interface WireIpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  services: Pick<KioskServicesApi, 'dispatch' | 'onEvent'>;
  /** The kiosk window's webContents right now (null while there is none). */
  getContents: () => IpcContents | null;
  /** Service events the shell itself reacts to (after forwarding them to the page). */
  onServiceEvent?: (event: KioskEvent, payload: unknown) => void;
  log?: Log;
}

/** Wire IPC; returns a function that unwires it. */
export function wireIpc(opts: WireIpcOptions): () => void {
  const log = opts.log ?? (() => {});
  opts.ipcMain.handle(IPC_CALL_CHANNEL, async (event: IpcEvent, ...args: unknown[]): Promise<Envelope> => {
    if (!isTrustedSender(event, opts.getContents())) {
      log('ipc: refused a call from an untrusted sender');
      return errorEnvelope('E_FORBIDDEN');
    }
    // Exactly (method, params): wrong or extra arguments are refused here, the params by schema in dispatch.
    const [method, params] = args;
    if (args.length > 2 || typeof method !== 'string') return errorEnvelope('E_INVALID_PARAMS');
    try {
      return await opts.services.dispatch(method, params, { carrier: 'electron' });
    } catch (err) {
      log(`ipc: dispatch threw for ${method}: ${String(err)}`);
      return errorEnvelope('E_INTERNAL');
    }
  });

  const unsubscribe = opts.services.onEvent((event, payload) => {
    const contents = opts.getContents();
    if (contents && !contents.isDestroyed()) {
      try {
        contents.send(IPC_EVENT_CHANNEL, event, payload);
      } catch (err) {
        log(`ipc: could not deliver ${event}: ${String(err)}`);
      }
    }
    try {
      opts.onServiceEvent?.(event, payload);
    } catch (err) {
      log(`ipc: shell reaction to ${event} failed: ${String(err)}`);
    }
  });

  return () => {
    unsubscribe();
    opts.ipcMain.removeHandler(IPC_CALL_CHANNEL);
  };
}
