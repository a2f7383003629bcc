/**
 * The kiosk services' slices (issue 19): each capability registers its handlers; the wiring
 * refuses a method registered by two slices, and ends up with exactly the contract's methods.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KIOSK_METHODS } from '../../../common/contract/kiosk-api.ts';
import { KioskServices } from '../../../services/kiosk-services.ts';
import { registerHandlers } from '../../../services/slices/slice.ts';

describe('kiosk services slices', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-slices-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('merges the slices’ handler tables', () => {
    const a = () => 1;
    const b = () => 2;
    expect(registerHandlers({ 'session.state': a }, { 'voice.speak': b })).toEqual({ 'session.state': a, 'voice.speak': b });
  });

  it('refuses a method two slices register', () => {
    expect(() => registerHandlers({ 'session.state': () => 1 }, { 'session.state': () => 2 })).toThrow(/session\.state is registered by two slices/);
  });

  it('answers every method of the contract from a slice (none falls through as unknown or internal)', async () => {
    const s = new KioskServices({ dataDir: path.join(dir, 'data'), carrier: 'browser', appVersion: 'test', tmpRoot: dir });
    try {
      const handlers = (s as unknown as { handlers: Record<string, unknown> }).handlers;
      expect(Object.keys(handlers).sort()).toEqual([...KIOSK_METHODS].sort());
      for (const m of KIOSK_METHODS) expect(typeof handlers[m], m).toBe('function');
    } finally {
      await s.close();
    }
  });
});
