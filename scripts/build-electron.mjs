#!/usr/bin/env node
/**
 * Bundle the Electron main process and preload with esbuild.
 *   electron/main.ts    -> dist/electron/main.cjs     (node, cjs; electron and native modules external)
 *   electron/preload.ts -> dist/electron/preload.cjs  (sandboxed preload: only 'electron' may stay a require)
 *
 * The services compute their shipped kiosk-config/ folder from import.meta.url,
 * which CommonJS output does not have. The bundle defines it as the URL of a
 * file in <app root>/services/, so `../kiosk-config` resolves exactly as it
 * does from source: <repo>/kiosk-config in development, app.asar/kiosk-config
 * when packaged (electron-builder.yml ships kiosk-config/ inside the asar too).
 */
import { build } from 'esbuild';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
// --outdir=DIR (tests) must stay two levels below the app root, like dist/electron.
const outArg = process.argv.find((a) => a.startsWith('--outdir='));
const outdir = outArg ? path.resolve(outArg.slice('--outdir='.length)) : path.join(root, 'dist', 'electron');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: false,
  legalComments: 'none',
  logLevel: process.env.VITEST ? 'warning' : 'info',
  absWorkingDir: root,
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/main.ts'],
    outfile: path.join(outdir, 'main.cjs'),
    // Runtime dependencies ship in node_modules inside the asar (native addons, wasm, OCR data): never bundled.
    external: ['electron', ...Object.keys(pkg.dependencies ?? {})],
    banner: {
      js: 'const __kioskModuleUrl = require("node:url").pathToFileURL(require("node:path").join(__dirname, "..", "..", "services", "bundled.cjs")).href;',
    },
    define: { 'import.meta.url': '__kioskModuleUrl' },
  }),
  build({
    ...common,
    // A sandboxed preload runs in the renderer: no Node built-ins are available.
    platform: 'browser',
    entryPoints: ['electron/preload.ts'],
    outfile: path.join(outdir, 'preload.cjs'),
    external: ['electron'],
    target: 'chrome130',
    minify: true,
  }),
]);
