/**
 * Vite config for the kiosk's touch UI. Layer: renderer (build only).
 * Built with `npm run build:renderer` into dist/renderer, which the browser-mode
 * host and the Electron custom protocol both serve under a strict CSP
 * (script-src 'self'; style-src 'self'; font-src 'self'): so no inline scripts,
 * no inline styles, no data: fonts and nothing from a CDN.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Fonts and images must be files: the CSP has font-src 'self' (no data:).
    assetsInlineLimit: 0,
    // The polyfill would be bundled anyway; Chromium/Electron support modulepreload.
    modulePreload: { polyfill: false },
    target: 'chrome120',
    sourcemap: false,
    reportCompressedSize: true,
  },
});
