/**
 * Issue 17 fuzzing: the kiosk's config and catalogue files, as staff (or a broken disk) leave them —
 * any bytes, any JSON, the real file with one part replaced by something hostile. Loading never
 * throws: a bad file names its problem and the kiosk runs on the last good one (nothing lost).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue, SHIPPED_CATALOGUE } from '../../../services/catalogue.ts';
import { loadConfig, SHIPPED_DEFAULT_CONFIG } from '../../../services/config-store.ts';
import { KioskStore } from '../../../services/store.ts';
import { tempDir } from '../../support/paths.ts';
import { FUZZ_RUNS, FUZZ_TIME_MS, hostileJson } from './arbitraries.ts';

const opts = { numRuns: FUZZ_RUNS, interruptAfterTimeLimit: FUZZ_TIME_MS, markInterruptAsFailure: false };
const goodConfig = JSON.parse(readFileSync(SHIPPED_DEFAULT_CONFIG, 'utf8')) as Record<string, unknown>;
const goodCatalogue = JSON.parse(readFileSync(SHIPPED_CATALOGUE, 'utf8')) as { services: Record<string, unknown>[] } & Record<string, unknown>;

let store: KioskStore;
let dir: string;
beforeAll(() => {
  dir = tempDir('fuzz-files');
  store = new KioskStore(path.join(dir, 'k.sqlite'));
  // the last good config and catalogue are the real ones
  expect(loadConfig(SHIPPED_DEFAULT_CONFIG, store).source).toBe('file');
  expect(loadCatalogue(SHIPPED_CATALOGUE, store, 'all').source).toBe('file');
});
afterAll(() => store.close());

/** The file's text: raw bytes, any JSON, or the good document with one top-level key (or one service's key) replaced. */
function fileText(good: Record<string, unknown>, keys: string[]): fc.Arbitrary<Buffer> {
  return fc.oneof(
    fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)),
    hostileJson.map((v) => Buffer.from(JSON.stringify(v) ?? 'undefined')),
    fc.tuple(fc.constantFrom(...keys), hostileJson).map(([k, v]) => Buffer.from(JSON.stringify({ ...good, [k]: v }))),
    fc.string({ maxLength: 3000 }).map((s) => Buffer.from(JSON.stringify(good).slice(0, s.length))),
  );
}

describe('fuzz: kiosk config file', () => {
  it('any content: loadConfig never throws; a bad file names its problem and the last good config runs', () => {
    const file = path.join(dir, 'kiosk.json');
    fc.assert(
      fc.property(fileText(goodConfig, Object.keys(goodConfig)), (bytes) => {
        writeFileSync(file, bytes);
        const r = loadConfig(file, store);
        if (r.source !== 'file') {
          expect(r.problems.length).toBeGreaterThan(0);
          for (const p of r.problems) expect(p).toMatch(/^(kiosk\.json|last good config|default\.json)/);
          expect(r.source).toBe('last-good');
          expect(r.config.kiosk.id).toBe((goodConfig.kiosk as { id: string }).id);
        }
        // restore the good one as the last good (a valid fuzzed file may have replaced it)
        loadConfig(SHIPPED_DEFAULT_CONFIG, store);
      }),
      opts,
    );
  });
});

describe('fuzz: catalogue file', () => {
  it('any content, or one service broken: loadCatalogue never throws; problems are named; good entries are kept', () => {
    const file = path.join(dir, 'services.json');
    const serviceKeys = Object.keys(goodCatalogue.services[0]!);
    const oneServiceBroken = fc
      .tuple(fc.nat({ max: goodCatalogue.services.length - 1 }), fc.constantFrom(...serviceKeys), hostileJson)
      .map(([i, k, v]) => {
        const services = goodCatalogue.services.map((s, j) => (j === i ? { ...s, [k]: v } : s));
        return { bytes: Buffer.from(JSON.stringify({ ...goodCatalogue, services })), broken: i };
      });
    fc.assert(
      fc.property(fc.oneof(fileText(goodCatalogue, Object.keys(goodCatalogue)).map((bytes) => ({ bytes, broken: -1 })), oneServiceBroken), ({ bytes, broken }) => {
        writeFileSync(file, bytes);
        const r = loadCatalogue(file, store, 'all');
        expect(Array.isArray(r.services)).toBe(true);
        if (r.source !== 'file') {
          expect(r.fileProblems.length).toBeGreaterThan(0);
          expect(r.source).toBe('last-good');
          expect(r.services.length).toBe(goodCatalogue.services.length);
        } else if (broken >= 0) {
          // the other services are all there; the broken one is either fine or listed as a problem
          expect(r.services.length + r.problems.length).toBeGreaterThanOrEqual(goodCatalogue.services.length);
        }
        loadCatalogue(SHIPPED_CATALOGUE, store, 'all');
      }),
      { ...opts, numRuns: Math.min(FUZZ_RUNS, 1000) },
    );
  });
});
