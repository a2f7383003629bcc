import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../../..');
const builder = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;

describe('Electron version and packaging', () => {
  it('#16 uses a current Electron (installed major >= 42)', () => {
    const installed = JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string };
    const major = Number(installed.version.split('.')[0]);
    expect(major).toBeGreaterThanOrEqual(42);
    const declared = (pkg.devDependencies as Record<string, string>).electron ?? '';
    expect(Number(declared.replace(/^[^\d]*/, '').split('.')[0])).toBeGreaterThanOrEqual(42);
  });
  it('#19 flips every hardening fuse in electron-builder.yml', () => {
    expect(builder.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });
  it('#19 only-load-from-asar is meaningful: the app is packed into an asar', () => {
    expect(builder.asar).toBe(true);
  });
  it('builds AppImage and deb for Linux and NSIS for Windows, with the app id and identity', () => {
    expect(builder.appId).toBe('vn.gov.wardkiosk');
    expect(builder.productName).toBeTruthy();
    const linux = builder.linux as Record<string, unknown>;
    expect(linux.target).toEqual(['AppImage', 'deb']);
    expect(linux.category).toBeTruthy();
    expect(linux.maintainer).toBeTruthy();
    expect((builder.win as Record<string, unknown>).target).toEqual(['nsis']);
  });
  it('ships the bundles, the renderer and the kiosk config, and rebuilds native modules for Electron', () => {
    expect(builder.files).toEqual(expect.arrayContaining(['dist/**', 'package.json', 'kiosk-config/**/*.json']));
    expect(builder.extraResources).toEqual([{ from: 'kiosk-config', to: 'kiosk-config', filter: ['**/*.json'] }]);
    expect(builder.npmRebuild).toBe(true);
    expect(pkg.main).toBe('dist/electron/main.cjs');
  });
  it("matches electron-builder's own configuration schema (an unknown or misspelt key fails)", async () => {
    const require = createRequire(import.meta.url);
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(structuredClone(builder), new DebugLogger(false))).resolves.toBeUndefined();
    const misspelt = { ...structuredClone(builder), electronFusez: builder.electronFuses };
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(/electronFusez/);
  });
});
