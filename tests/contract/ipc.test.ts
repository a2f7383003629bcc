/**
 * The contract suite over the Electron carrier: REAL kiosk services, the REAL
 * main-side IPC wiring (electron/shell/ipc.ts) and the REAL preload bridge
 * (electron/preload/expose-bridge.ts), joined by an in-process ipcMain /
 * ipcRenderer pair that structured-clones every argument and result the way
 * Electron's IPC does. The Electron binary cannot run here; everything on
 * both sides of the wire is the production code.
 */
import { describe, expect, it } from 'vitest';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, BRIDGE_GLOBAL, type KioskBridge } from '../../common/contract/bridge.ts';
import type { Transport } from '../../common/contract/client.ts';
import { exposeKioskBridge, type BridgeIpcRenderer } from '../../electron/preload/expose-bridge.ts';
import { wireIpc } from '../../electron/shell/ipc.ts';
import { createKioskServices } from '../../services/kiosk-services.ts';
import { memoryLogger } from '../../services/log.ts';
import { FakeFrame, FakeIpcMain, FakeWebContents } from '../unit/electron/fake-electron.ts';
import { DEFAULT_CONFIG, FIXTURE_CATALOGUE, tempDir } from '../support/paths.ts';
import { runContractSuite } from './suite.ts';

type RendererListener = (event: unknown, ...args: unknown[]) => void;

/** One renderer (the kiosk window's main frame) talking to one ipcMain, with Electron's cloning semantics. */
function createIpcPair() {
  const ipcMain = new FakeIpcMain();
  const listeners = new Map<string, Set<RendererListener>>();
  const contents = new FakeWebContents();
  // main -> renderer: webContents.send clones and delivers asynchronously.
  contents.send = (channel: string, ...args: unknown[]) => {
    const cloned = structuredClone(args);
    setImmediate(() => {
      const ipcEvent = { sender: ipcRenderer, senderId: 0, ports: [] };
      for (const l of listeners.get(channel) ?? []) l(ipcEvent, ...cloned);
    });
  };
  /** Which frame the renderer's messages come from (tests may point it elsewhere). */
  let senderFrame: FakeFrame | null = contents.mainFrame;
  const ipcRenderer: BridgeIpcRenderer = {
    async invoke(channel, ...args) {
      const handler = ipcMain.handlers.get(channel);
      if (!handler) throw new Error(`Error invoking remote method '${channel}': No handler registered`);
      const result = await handler({ sender: contents, senderFrame, frameId: 1, processId: 1 }, ...structuredClone(args));
      return structuredClone(result);
    },
    on(channel, listener) {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener);
      return ipcRenderer;
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };
  // contextBridge: the page gets a copy of the API object with the functions proxied.
  const exposed = new Map<string, unknown>();
  const contextBridge = { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) };
  exposeKioskBridge(contextBridge, ipcRenderer);
  const bridge = exposed.get(BRIDGE_GLOBAL) as KioskBridge;
  /** What the renderer's carrier does with window.kioskBridge. */
  const transport: Transport = {
    call: async (method, params) => structuredClone(await bridge.call(method, structuredClone(params))),
    on: (listener) => bridge.onEvent(listener),
  };
  return {
    ipcMain,
    contents,
    transport,
    listeners,
    setSenderFrame: (f: FakeFrame | null) => (senderFrame = f),
  };
}

runContractSuite('electron', async (opts) => {
  const services = await createKioskServices({ ...opts, carrier: 'electron', appVersion: 'test', logger: memoryLogger() });
  const pair = createIpcPair();
  const unwire = wireIpc({ ipcMain: pair.ipcMain as never, services, getContents: () => pair.contents as never });
  return {
    transport: pair.transport,
    services,
    async close() {
      unwire();
      await services.close();
    },
  };
});

describe('Electron carrier guards (real services, real wiring)', () => {
  async function setup() {
    const services = await createKioskServices({
      configPath: DEFAULT_CONFIG,
      cataloguePath: FIXTURE_CATALOGUE,
      dataDir: tempDir('ipc'),
      tmpRoot: tempDir('ipc-tmp'),
      carrier: 'electron',
      appVersion: 'test',
      logger: memoryLogger(),
    });
    const pair = createIpcPair();
    const unwire = wireIpc({ ipcMain: pair.ipcMain as never, services, getContents: () => pair.contents as never });
    return { services, pair, async close() { unwire(); await services.close(); } };
  }

  it('#17 a call from a subframe or a foreign origin is refused before it reaches the services', async () => {
    const s = await setup();
    s.pair.setSenderFrame(new FakeFrame('app://kiosk/', s.pair.contents.mainFrame));
    expect(await s.pair.transport.call('session.start', { lang: 'vi' })).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });
    s.pair.contents.mainFrame = new FakeFrame('https://evil.example/');
    s.pair.setSenderFrame(s.pair.contents.mainFrame);
    expect(await s.pair.transport.call('session.start', { lang: 'vi' })).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });
    expect(s.services.sessions.active).toBe(false);
    await s.close();
  });

  it('#20 events reach the page only through the bridge, on the event channel', async () => {
    const s = await setup();
    const seen: string[] = [];
    s.pair.transport.on((e) => seen.push(e));
    expect(((await s.pair.transport.call('session.start', { lang: 'vi' })) as { ok: boolean }).ok).toBe(true);
    expect(((await s.pair.transport.call('session.end', { reason: 'cancelled' })) as { ok: boolean }).ok).toBe(true);
    const until = Date.now() + 2000;
    while (!seen.includes('session.ended') && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    expect(seen).toContain('session.ended');
    expect([...s.pair.listeners.keys()]).toEqual([IPC_EVENT_CHANNEL]);
    expect(s.pair.ipcMain.handlers.has(IPC_CALL_CHANNEL)).toBe(true);
    await s.close();
  });
});
