/**
 * Fuzzing the hub's WebSocket frames (issue 17) with fast-check: the kiosk socket and the
 * console socket each get thousands of frames — arbitrary text, arbitrary JSON, and valid
 * messages with one field replaced by arbitrary JSON — bounded in time. Properties: every
 * frame the contract refuses is answered with an `error` naming it (a clear error every
 * time), the socket stays open (limits raised so abuse detection does not end the run),
 * the hub never crashes or leaves a rejection unhandled, and afterwards nothing is lost:
 * a ping is answered in order and an application delivered after the storm is stored.
 */
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleToHub } from '../../../common/contract/hub-console.ts';
import { KioskToHub } from '../../../common/contract/hub-kiosk.ts';
import { addUser, consoleClient, kioskClient, login, seededDb, startHub, type Client, type Running } from '../../unit/hub/helpers.ts';
import { tempDir } from '../../support/paths.ts';
import { enrolIn, WARD } from '../../adversarial/hub/rig.ts';

const dir = tempDir('fuzz-ws');
let r: Running;
let secret: string;

beforeAll(async () => {
  const db = await seededDb({ name: 'sqlite', newUrl: async () => `sqlite:${path.join(dir, 'hub.sqlite')}` }, (repo) => addUser(repo, { username: 'admin', role: 'admin', ward: null }));
  r = await startHub(db, { limits: { ratePerSecond: 1e6, rateBurst: 1e6, strikesToClose: 1e9, maxQueued: 1e6 }, auditLimits: { perAddress: 1e6, global: 1e6 } });
  secret = await enrolIn(r, WARD, 'hang-bai-01');
}, 60_000);

afterAll(async () => {
  await r?.hub.close();
  rmSync(dir, { recursive: true, force: true });
});

const KIOSK_SEEDS: Record<string, unknown>[] = [
  { type: 'help.request', lang: 'vi', screen: 'welcome' },
  { type: 'help.cancel', requestId: randomUUID() },
  { type: 'heartbeat', health: {} },
  { type: 'track', code: `${WARD}-261206-1001` },
  { type: 'outbox.deliver', item: { id: randomUUID(), code: `${WARD}-261206-1001`, serviceCode: '1.000001', submittedAt: 1, answers: {} } },
  { type: 'chat', callId: randomUUID(), text: 'xin chào' },
  { type: 'stats', day: '2026-12-06' },
];
const CONSOLE_SEEDS: Record<string, unknown>[] = [
  { type: 'status.set', status: 'available' },
  { type: 'ring.accept', requestId: randomUUID() },
  { type: 'call.end', callId: randomUUID(), note: null },
  { type: 'chat', callId: randomUUID(), text: 'xin chào' },
  { type: 'pointer', callId: randomUUID(), x: 0.5, y: 0.5 },
];

/** A frame: raw text, any JSON, or a seed message with one field replaced by anything. */
const frame = (seeds: Record<string, unknown>[]) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    {
      weight: 4,
      arbitrary: fc.tuple(fc.constantFrom(...seeds), fc.constantFrom('type', 'seq', 'lang', 'screen', 'requestId', 'callId', 'text', 'code', 'item', 'health', 'status', 'x', 'note', 'extra'), fc.jsonValue({ maxDepth: 3 })).map(([seed, key, value]) => JSON.stringify({ ...seed, seq: 1, [key]: value })),
    },
  );

async function storm(c: Client, schema: { safeParse(v: unknown): { success: boolean } }, seeds: Record<string, unknown>[], runs: number): Promise<{ frames: number; refused: number }> {
  let seq = 1000;
  let frames = 0;
  let refused = 0;
  await fc.assert(
    fc.asyncProperty(frame(seeds), async (text) => {
      frames++;
      // Frames numbered by us where they are JSON objects with a numeric seq, so resends are not mistaken for duplicates.
      let out = text;
      let mySeq: number | null = null;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && typeof (parsed as { seq?: unknown }).seq === 'number') out = JSON.stringify({ ...(parsed as object), seq: (mySeq = ++seq) });
        parsed = JSON.parse(out);
      } catch {
        parsed = undefined;
      }
      const valid = parsed !== undefined && schema.safeParse(parsed).success;
      c.raw(out);
      if (!valid) {
        refused++;
        // Its own error (an earlier valid frame may be answered with an error of its own, e.g. not_found, named by its seq).
        const e = await c.next((m) => m.type === 'error' && (m.refSeq ?? null) === mySeq, 3000, `an error for ${out.slice(0, 80)}`);
        expect(['bad_message', 'too_large']).toContain(e.code);
        expect(typeof e.message).toBe('string');
      }
      expect(c.closeCode).toBeNull();
    }),
    { numRuns: runs, interruptAfterTimeLimit: 45_000 },
  );
  return { frames, refused };
}

describe('WebSocket frames', () => {
  it('kiosk socket: thousands of fuzzed frames, each refusal a clear error; nothing lost after', async () => {
    const k = await kioskClient(r, 'hang-bai-01', secret);
    const { frames, refused } = await storm(k, KioskToHub, KIOSK_SEEDS, 2500);
    expect(frames).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(frames / 2);
    k.send({ type: 'ping' }, 1_000_000);
    await k.type('pong', 5000);
    const id = randomUUID();
    k.send({ type: 'outbox.deliver', item: { id, code: `${WARD}-261206-1999`, serviceCode: '1.000001', submittedAt: Date.now(), answers: { hoTen: 'Nguyễn Văn B' } } }, 1_000_001);
    await k.next((m) => m.type === 'outbox.ack' && m.id === id, 5000, 'the ack');
    expect(await r.hub.applications.store.getApplication(id)).not.toBeNull();
    expect(k.invalid).toEqual([]); // everything the hub sent obeyed the contract
    process.stdout.write(`${JSON.stringify({ event: 'fuzz.ws.kiosk', frames, refused })}\n`);
    await k.close();
  }, 120_000);

  it('console socket: thousands of fuzzed frames, each refusal a clear error; the socket still works after', async () => {
    const c = await consoleClient(r, await login(r, 'tnv1'));
    const { frames, refused } = await storm(c, ConsoleToHub, CONSOLE_SEEDS, 2500);
    expect(frames).toBeGreaterThan(500);
    c.send({ type: 'ping' }, 1_000_000);
    await c.type('pong', 5000);
    expect(c.invalid).toEqual([]);
    process.stdout.write(`${JSON.stringify({ event: 'fuzz.ws.console', frames, refused })}\n`);
    await c.close();
  }, 120_000);
});
