/**
 * The sandboxed preload (bundled to dist/electron/preload.cjs). In a sandboxed
 * renderer only `require('electron')` is available, so everything else it
 * needs is bundled in. The logic lives in ./preload/expose-bridge.ts.
 * Layer: electron-preload.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { exposeKioskBridge } from './preload/expose-bridge.ts';

exposeKioskBridge(contextBridge, ipcRenderer);
