/**
 * Issue 17 fuzzing: the kiosk API from the renderer's side — the IPC dispatch (what the Electron
 * carrier calls: any method name, any params) and the loopback WebSocket carrier (any frame text,
 * any call envelope). Every call gets exactly one answer that is a valid Envelope; an error is one
 * of the contract's codes with its Vietnamese text, never E_INTERNAL; no rejection escapes; the
 * kiosk still answers a good call afterwards and nothing of the params reaches a log.
 */
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_TEXT, Envelope, KIOSK_METHODS } from '../../../common/contract/kiosk-api.ts';
import { startHost, type KioskHost } from '../../../browser-host/server.ts';
import { createKioskServices, type KioskServices } from '../../../services/kiosk-services.ts';
import { memoryLogger } from '../../../services/log.ts';
import { writeConfig } from '../../support/kiosk-process.ts';
import { FIXTURE_CATALOGUE, tempDir } from '../../support/paths.ts';
import { FUZZ_RUNS, FUZZ_TIME_MS, hostileJson, hostileText } from './arbitraries.ts';

const opts = { numRuns: FUZZ_RUNS, interruptAfterTimeLimit: FUZZ_TIME_MS, markInterruptAsFailure: false };
const ctx = { carrier: 'electron' as const };
const logger = memoryLogger('fuzz');
let s: KioskServices;

/** A few strings long enough to be recognisable if they ever reached a log. */
const MARK = 'FUZZ-MARK-Đặng-Thị-Ngọc-079301234567';

beforeAll(async () => {
  // no devices (the serial scanner and printer have their own fuzzers); voice off (espeak would run per call)
  const configPath = writeConfig((c) => {
    c.devices = { printer: { transport: 'none' }, scanner: { transport: 'none' }, camera: false };
    c.accessibility.voiceGuidance = false;
  });
  s = await createKioskServices({ configPath, cataloguePath: FIXTURE_CATALOGUE, dataDir: tempDir('fuzz-api'), tmpRoot: tempDir('fuzz-api-tmp'), carrier: 'electron', appVersion: 't', logger });
});
afterAll(async () => s?.close());

function checkEnvelope(env: unknown): void {
  const parsed = Envelope.safeParse(env);
  expect(parsed.success).toBe(true);
  if (parsed.success && !parsed.data.ok) {
    expect(parsed.data.error.code).not.toBe('E_INTERNAL');
    expect(parsed.data.error.message).toBe(ERROR_TEXT[parsed.data.error.code].vi);
  }
}

/** Params built around what a method takes: any JSON, or an object with hostile values under plausible keys. */
const params = fc.oneof(
  hostileJson,
  fc.dictionary(
    fc.constantFrom('lang', 'reason', 'serviceCode', 'questionId', 'value', 'answers', 'consent', 'code', 'pin', 'screen', 'message', 'open', 'jpeg', 'mode', 'rating', 'allow', 'text', 'pageId', 'paperId', 'uploadId', 'part', 'parts', 'data', 'size', 'requestId', 'events', 'last'),
    fc.oneof(hostileText, fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('vi', 'en', '1.001193', 'childName', MARK), hostileJson),
    { maxKeys: 6 },
  ),
);

describe('fuzz: IPC dispatch (the Electron carrier)', () => {
  it('any method name: E_UNKNOWN_METHOD, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, hostileJson, async (method, p) => {
        const env = await s.dispatch(method, p, ctx);
        checkEnvelope(env);
        if (!(KIOSK_METHODS as readonly string[]).includes(method)) expect(env).toMatchObject({ ok: false, error: { code: 'E_UNKNOWN_METHOD' } });
      }),
      opts,
    );
  });

  it('every method with any params, in a session or not: one valid envelope, never E_INTERNAL', async () => {
    const methods = (KIOSK_METHODS as readonly string[]).filter((m) => m !== 'staff.unlock'); // scrypt per call: fuzzed below with fewer runs
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...methods), params, fc.boolean(), async (method, p, inSession) => {
        if (inSession && !s.sessions.active) await s.dispatch('session.start', { lang: 'vi' }, ctx);
        if (!inSession && s.sessions.active) s.sessions.end('cancelled');
        checkEnvelope(await s.dispatch(method, p, ctx));
      }),
      opts,
    );
    await fc.assert(
      fc.asyncProperty(params, async (p) => checkEnvelope(await s.dispatch('staff.unlock', p, ctx))),
      { ...opts, numRuns: 200 },
    );
    expect(await s.dispatch('kiosk.info', {}, ctx)).toMatchObject({ ok: true });
    expect(JSON.stringify(logger.lines)).not.toContain(MARK);
  });
});

describe('fuzz: the loopback WebSocket carrier', () => {
  let h: KioskHost;
  let ws: WebSocket;
  const results: { id: number | null; envelope: unknown }[] = [];
  beforeAll(async () => {
    const rendererDir = tempDir('fuzz-renderer');
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
    // generous limits: this is about the shape of frames, the flood limits have their own test
    h = await startHost({ services: s, rendererDir, logger, limits: { burst: 1_000_000, callsPerSecond: 1_000_000 } });
    const u = new URL(h.url);
    ws = new WebSocket(`ws://${u.host}/api?token=${h.token}`, { origin: `http://${u.host}` });
    ws.on('message', (d) => {
      const f = JSON.parse(String(d)) as { t: string; id: number | null; envelope: unknown };
      if (f.t === 'result') results.push(f);
    });
    await new Promise((r) => ws.once('open', r));
  });
  afterAll(async () => {
    ws?.close();
    await h?.close();
  });

  const answered = async (n: number) => {
    const end = Date.now() + 5000;
    while (results.length < n && Date.now() < end) await new Promise((r) => setTimeout(r, 1));
    return results.length;
  };

  it('any frame text, any call envelope: exactly one answer each, a valid envelope, the socket stays open', async () => {
    const frame = fc.oneof(
      hostileText,
      hostileJson.map((v) => JSON.stringify(v) ?? 'null'),
      fc.record({ t: fc.constantFrom('call', 'event', 'result', 'x'), id: fc.oneof(fc.nat(), fc.integer(), fc.double(), fc.string()), method: fc.oneof(fc.constantFrom(...KIOSK_METHODS), hostileText), params }).map((v) => JSON.stringify(v)),
      fc.record({ t: fc.constant('call'), id: fc.nat(), method: fc.constantFrom(...(KIOSK_METHODS as readonly string[]).filter((m) => m !== 'staff.unlock')), params }).map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(frame, async (text) => {
        const before = results.length;
        ws.send(text);
        expect(await answered(before + 1)).toBe(before + 1);
        checkEnvelope(results[before]!.envelope);
        expect(ws.readyState).toBe(ws.OPEN);
      }),
      opts,
    );
    const before = results.length;
    ws.send(JSON.stringify({ t: 'call', id: 424242, method: 'kiosk.info', params: {} }));
    await answered(before + 1);
    expect(results[before]).toMatchObject({ id: 424242, envelope: { ok: true } });
    expect(JSON.stringify(logger.lines)).not.toContain(MARK);
  });
});
