import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKioskClient } from '../../../common/contract/client.ts';
import { KioskError } from '../../../common/contract/kiosk-api.ts';
import { backoffDelay, createWsTransport, tokenFromHash, wsUrl } from '../../../renderer/src/api/ws-transport.ts';

class FakeWS {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSING = 2;
  static CLOSED = 3;
  static instances: FakeWS[] = [];
  readyState = 0;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  constructor(public url: string) {
    FakeWS.instances.push(this);
  }
  send(s: string) {
    this.sent.push(s);
  }
  close() {
    this.readyState = 3;
    this.onclose?.();
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
  reply(data: unknown) {
    this.onmessage?.({ data: JSON.stringify(data) });
  }
}

const make = (extra = {}) =>
  createWsTransport({ url: 'ws://h/api?token=t', WebSocketImpl: FakeWS as unknown as typeof WebSocket, queueMs: 1000, baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.5, ...extra });

afterEach(() => {
  FakeWS.instances = [];
  vi.useRealTimers();
});

describe('token and URL', () => {
  it('reads the token from the hash and builds the /api URL', () => {
    expect(tokenFromHash('#token=abc123')).toBe('abc123');
    expect(tokenFromHash('#x=1&token=a%2Fb')).toBe('a/b');
    expect(tokenFromHash('')).toBeNull();
    expect(wsUrl({ protocol: 'http:', host: '127.0.0.1:4100' }, 'a/b')).toBe('ws://127.0.0.1:4100/api?token=a%2Fb');
    expect(wsUrl({ protocol: 'https:', host: 'k' }, null)).toBe('wss://k/api');
  });
  it('backs off exponentially up to a cap', () => {
    expect(backoffDelay(0, 300, 5000, () => 0.5)).toBe(300);
    expect(backoffDelay(3, 300, 5000, () => 0.5)).toBe(2400);
    expect(backoffDelay(10, 300, 5000, () => 0.5)).toBe(5000);
  });
});

describe('WebSocket transport', () => {
  it('sends call frames and resolves with the matching result; forwards events', async () => {
    const tr = make();
    const ws = FakeWS.instances[0]!;
    ws.open();
    const events: string[] = [];
    tr.on((e) => events.push(e));
    const p = tr.call('kiosk.info', {});
    await Promise.resolve();
    const frame = JSON.parse(ws.sent[0]!);
    expect(frame).toEqual({ t: 'call', id: frame.id, method: 'kiosk.info', params: {} });
    ws.reply({ t: 'event', event: 'session.ended', payload: { reason: 'timeout' } });
    ws.reply({ t: 'result', id: frame.id, envelope: { ok: true, result: 42 } });
    await expect(p).resolves.toEqual({ ok: true, result: 42 });
    // results bigger than the 64 KB client-frame cap (the catalogue) still arrive
    const big = tr.call('catalogue.list', {});
    await Promise.resolve();
    const bigFrame = JSON.parse(ws.sent[1]!);
    const payload = 'x'.repeat(200 * 1024);
    ws.reply({ t: 'result', id: bigFrame.id, envelope: { ok: true, result: payload } });
    await expect(big).resolves.toEqual({ ok: true, result: payload });
    expect(events).toEqual(['session.ended']);
    ws.reply({ t: 'bogus' });
    expect(events).toEqual(['session.ended']);
  });

  it('a call while disconnected waits, then fails with a Vietnamese error', async () => {
    vi.useFakeTimers();
    const client = createKioskClient(make());
    const p = client.call('session.state', {});
    const caught = p.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1001);
    const err = await caught;
    expect(err).toBeInstanceOf(KioskError);
    expect((err as KioskError).code).toBe('E_UNAVAILABLE');
    expect((err as KioskError).message).toMatch(/Không kết nối được/);
  });

  it('a call made before the socket opens goes through once it opens', async () => {
    const tr = make();
    const p = tr.call('session.state', {});
    const ws = FakeWS.instances[0]!;
    ws.open();
    await Promise.resolve();
    await Promise.resolve();
    const frame = JSON.parse(ws.sent[0]!);
    ws.reply({ t: 'result', id: frame.id, envelope: { ok: true, result: 'x' } });
    await expect(p).resolves.toEqual({ ok: true, result: 'x' });
  });

  it('fails in-flight calls on a drop and reconnects with backoff', async () => {
    vi.useFakeTimers();
    const tr = make();
    const statuses: string[] = [];
    tr.onStatus((s) => statuses.push(s));
    FakeWS.instances[0]!.open();
    const p = tr.call('session.state', {});
    await vi.advanceTimersByTimeAsync(0);
    FakeWS.instances[0]!.drop();
    const env = (await p) as { ok: boolean; error: { code: string } };
    expect(env.ok).toBe(false);
    expect(env.error.code).toBe('E_UNAVAILABLE');
    expect(FakeWS.instances).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(FakeWS.instances).toHaveLength(2);
    FakeWS.instances[1]!.drop();
    await vi.advanceTimersByTimeAsync(199);
    expect(FakeWS.instances).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeWS.instances).toHaveLength(3);
    FakeWS.instances[2]!.open();
    expect(statuses).toEqual(['open', 'reconnecting', 'open']);
    tr.close();
    expect(statuses.at(-1)).toBe('closed');
  });
});
