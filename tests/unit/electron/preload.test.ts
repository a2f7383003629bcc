import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_GLOBAL, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type KioskBridge } from '../../../common/contract/bridge.ts';
import { Envelope } from '../../../common/contract/kiosk-api.ts';
import { exposeKioskBridge } from '../../../electron/preload/expose-bridge.ts';

class FakeIpcRenderer {
  invoke = vi.fn(async (_channel: string, method: unknown) => ({ ok: true, result: { method } }));
  readonly listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void) {
    let set = this.listeners.get(channel);
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(listener);
    return this;
  }
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void) {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }
  /** Deliver a message from the main process, with the raw IPC event object first. */
  deliver(channel: string, ...args: unknown[]) {
    const ipcEvent = { sender: this, senderId: 0, ports: [] };
    for (const l of this.listeners.get(channel) ?? []) l(ipcEvent, ...args);
  }
}

function setup() {
  const exposed = new Map<string, unknown>();
  const contextBridge = { exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.set(key, api)) };
  const ipc = new FakeIpcRenderer();
  exposeKioskBridge(contextBridge, ipc);
  const bridge = exposed.get(BRIDGE_GLOBAL) as KioskBridge;
  return { exposed, contextBridge, ipc, bridge };
}

describe('preload bridge', () => {
  it('#20 exposes exactly { call, onEvent } on window.kioskBridge — never ipcRenderer', () => {
    const { exposed, contextBridge, ipc, bridge } = setup();
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect([...exposed.keys()]).toEqual(['kioskBridge']);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onEvent']);
    for (const value of Object.values(bridge)) {
      expect(typeof value).toBe('function');
      expect(value).not.toBe(ipc);
      expect(value).not.toBe(ipc.invoke);
    }
    expect(Object.isFrozen(bridge)).toBe(true);
  });
  it('#20 forwards an allow-listed call over the call channel with exactly (method, params)', async () => {
    const { ipc, bridge } = setup();
    const env = await bridge.call('session.start', { lang: 'vi' });
    expect(env).toEqual({ ok: true, result: { method: 'session.start' } });
    expect(ipc.invoke).toHaveBeenCalledWith(IPC_CALL_CHANNEL, 'session.start', { lang: 'vi' });
    expect(ipc.invoke.mock.calls[0]).toHaveLength(3);
  });
  it('#20 resolves an unknown method to E_UNKNOWN_METHOD without touching IPC', async () => {
    const { ipc, bridge } = setup();
    for (const method of ['fs.readFile', '__proto__', 'constructor', 'kiosk.info ', '', 42 as unknown as string]) {
      const env = Envelope.parse(await bridge.call(method, {}));
      expect(env.ok).toBe(false);
      if (!env.ok) expect(env.error.code).toBe('E_UNKNOWN_METHOD');
    }
    expect(ipc.invoke).not.toHaveBeenCalled();
  });
  it('never rejects with a raw Electron error: a failed invoke resolves to E_INTERNAL', async () => {
    const { ipc, bridge } = setup();
    ipc.invoke.mockRejectedValueOnce(new Error("Error invoking remote method 'kiosk:call': secret stack"));
    const env = Envelope.parse(await bridge.call('kiosk.info', {}));
    expect(env.ok).toBe(false);
    if (!env.ok) expect(env.error.code).toBe('E_INTERNAL');
  });
  it('#20 delivers only allow-listed events, and never the IPC event object', () => {
    const { ipc, bridge } = setup();
    const got: unknown[][] = [];
    bridge.onEvent((...args) => got.push(args));
    ipc.deliver(IPC_EVENT_CHANNEL, 'session.ended', { reason: 'timeout' });
    ipc.deliver(IPC_EVENT_CHANNEL, 'internal.secret', { token: 'x' });
    ipc.deliver(IPC_EVENT_CHANNEL, 42, {});
    ipc.deliver('some:other-channel', 'session.ended', { reason: 'crash' });
    expect(got).toEqual([['session.ended', { reason: 'timeout' }]]);
  });
  it('onEvent returns an unsubscribe that removes the IPC listener', () => {
    const { ipc, bridge } = setup();
    const got: string[] = [];
    const off = bridge.onEvent((e) => got.push(e));
    expect(ipc.listeners.get(IPC_EVENT_CHANNEL)?.size).toBe(1);
    off();
    off();
    expect(ipc.listeners.get(IPC_EVENT_CHANNEL)?.size).toBe(0);
    ipc.deliver(IPC_EVENT_CHANNEL, 'staff.exit', {});
    expect(got).toEqual([]);
    expect(typeof bridge.onEvent('not a function' as never)).toBe('function');
  });
});
