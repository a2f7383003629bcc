/**
 * The esbuild bundles are what Electron actually loads. Electron cannot run
 * here, so the bundles are loaded in Node with a fake 'electron' module: the
 * main bundle must start the shell and answer a real IPC call with the REAL
 * kiosk services; the preload bundle must expose only the wrapped bridge.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_GLOBAL, IPC_CALL_CHANNEL } from '../../../common/contract/bridge.ts';
import { createFakeElectron, FakeBrowserWindow, FakeEvent } from './fake-electron.ts';

const root = path.resolve(import.meta.dirname, '../../..');
// Two levels below the app root, like dist/electron, so the bundle finds kiosk-config/.
const outdir = path.join(root, 'dist', `electron-test-${process.pid}`);
const require = createRequire(import.meta.url);

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleWithLoad = Module as unknown as { _load: Loader };

function loadWithFakeElectron(file: string, fakeElectron: unknown): void {
  const original = moduleWithLoad._load;
  moduleWithLoad._load = function (request, parent, isMain) {
    if (request === 'electron') return fakeElectron;
    return original.call(this, request, parent, isMain);
  };
  try {
    delete require.cache[file];
    require(file);
  } finally {
    moduleWithLoad._load = original;
  }
}

beforeAll(() => {
  execFileSync(process.execPath, [path.join(root, 'scripts/build-electron.mjs'), `--outdir=${outdir}`], { cwd: root, stdio: 'pipe' });
}, 60_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('esbuild bundles', () => {
  it('main.cjs is CommonJS and only requires electron, runtime dependencies and Node built-ins', () => {
    const src = readFileSync(path.join(outdir, 'main.cjs'), 'utf8');
    const requires = new Set([...src.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!));
    const deps = Object.keys((JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies);
    for (const r of requires) {
      const pkgName = r.startsWith('@') ? r.split('/').slice(0, 2).join('/') : r.split('/')[0]!;
      expect(r === 'electron' || r.startsWith('node:') || deps.includes(pkgName), r).toBe(true);
    }
    expect(deps).not.toContain('electron'); // electron-builder wants it in devDependencies
    expect(requires.has('electron')).toBe(true);
    expect(src).not.toContain('import.meta');
  });
  it('preload.cjs requires nothing but electron (a sandboxed preload has no Node)', () => {
    const src = readFileSync(path.join(outdir, 'preload.cjs'), 'utf8');
    const requires = new Set([...src.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]));
    expect([...requires]).toEqual(['electron']);
  });
  it('the preload bundle exposes only { call, onEvent } and refuses unknown methods without IPC', async () => {
    const exposed = new Map<string, unknown>();
    const invoked: unknown[][] = [];
    loadWithFakeElectron(path.join(outdir, 'preload.cjs'), {
      contextBridge: { exposeInMainWorld: (k: string, v: unknown) => exposed.set(k, v) },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => (invoked.push(args), { ok: true, result: null }),
        on: () => undefined,
        removeListener: () => undefined,
      },
    });
    expect([...exposed.keys()]).toEqual([BRIDGE_GLOBAL]);
    const bridge = exposed.get(BRIDGE_GLOBAL) as { call(m: string, p: unknown): Promise<unknown> };
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onEvent']);
    expect(await bridge.call('fs.readFile', {})).toMatchObject({ ok: false, error: { code: 'E_UNKNOWN_METHOD' } });
    expect(invoked).toEqual([]);
    await bridge.call('kiosk.info', {});
    expect(invoked).toEqual([[IPC_CALL_CHANNEL, 'kiosk.info', {}]]);
  });
  it('the main bundle starts the shell and answers an IPC call with the real services', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-bundle-'));
    const fake = createFakeElectron();
    fake.app.getPath = () => dataDir;
    const listenersBefore = {
      uncaught: process.listeners('uncaughtException'),
      rejection: process.listeners('unhandledRejection'),
    };
    try {
      fake.app.makeReady();
      loadWithFakeElectron(path.join(outdir, 'main.cjs'), fake.electron);
      for (let i = 0; i < 200 && FakeBrowserWindow.created.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      const win = FakeBrowserWindow.created[0];
      expect(win, 'the bundle created the kiosk window').toBeDefined();
      expect(win!.options.webPreferences?.preload).toBe(path.join(outdir, 'preload.cjs'));
      expect(win!.options.webPreferences?.sandbox).toBe(true);
      for (let i = 0; i < 200 && !fake.ipcMain.handlers.has(IPC_CALL_CHANNEL); i++) await new Promise((r) => setTimeout(r, 10));
      const wc = win!.webContents;
      const env = (await fake.ipcMain.invoke(IPC_CALL_CHANNEL, { sender: wc, senderFrame: wc.mainFrame }, 'kiosk.info', {})) as {
        ok: boolean;
        result?: { carrier?: string; appVersion?: string };
      };
      expect(env.ok).toBe(true);
      expect(env.result?.carrier).toBe('electron');
      expect(env.result?.appVersion).toBe('0.1.0-test');
      const bad = await fake.ipcMain.invoke(IPC_CALL_CHANNEL, { sender: wc, senderFrame: wc.mainFrame }, 'kiosk.info', { extra: 1 });
      expect(bad).toMatchObject({ ok: false, error: { code: 'E_INVALID_PARAMS' } });
      fake.app.emit('before-quit', new FakeEvent());
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      // The bundle installed its fatal handlers on this process: take them off again.
      for (const l of process.listeners('uncaughtException')) if (!listenersBefore.uncaught.includes(l)) process.off('uncaughtException', l);
      for (const l of process.listeners('unhandledRejection')) if (!listenersBefore.rejection.includes(l)) process.off('unhandledRejection', l);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});
