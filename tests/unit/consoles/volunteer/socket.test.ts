import { describe, expect, it } from 'vitest';
import type { HubToConsole } from '../../../../common/contract/hub-console.ts';
import { backoffDelay, ConsoleSocket, type SocketLike, type SocketLink } from '../../../../consoles/volunteer/socket.ts';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: any[] = [];
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  send(text: string): void {
    this.sent.push(JSON.parse(text));
  }
  close(code = 1000): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  deliver(m: Record<string, unknown>): void {
    this.onmessage?.({ data: JSON.stringify(m) });
  }
  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

/** Manual timers: run() fires the earliest pending. */
class FakeTimers {
  private n = 0;
  pending = new Map<number, { fn: () => void; ms: number }>();
  setTimeout = (fn: () => void, ms: number): unknown => {
    this.pending.set(++this.n, { fn, ms });
    return this.n;
  };
  clearTimeout = (id: unknown): void => void this.pending.delete(id as number);
  delays(): number[] {
    return [...this.pending.values()].map((t) => t.ms);
  }
  fire(pred: (ms: number) => boolean): void {
    for (const [id, t] of this.pending) {
      if (pred(t.ms)) {
        this.pending.delete(id);
        t.fn();
        return;
      }
    }
    throw new Error('no such timer');
  }
}

const EPOCH = 'epochAAAA1';
function setup() {
  const sockets: FakeSocket[] = [];
  const timers = new FakeTimers();
  const got: HubToConsole[] = [];
  const links: SocketLink[] = [];
  const s = new ConsoleSocket({
    url: 'ws://hub/ws/console',
    create: () => {
      const f = new FakeSocket();
      sockets.push(f);
      return f;
    },
    parse: (d) => d as HubToConsole,
    onMessage: (m) => got.push(m),
    onLink: (l) => links.push(l),
    timers,
    now: () => 1000,
    random: () => 0.5,
    minBackoffMs: 100,
    maxBackoffMs: 1600,
    pingMs: 10_000,
    pongTimeoutMs: 5000,
  });
  return { s, sockets, timers, got, links };
}
const welcome = (seq: number, lastClientSeq: number, resumed = false, replayed = 0) => ({ type: 'welcome', seq, epoch: EPOCH, lastClientSeq, resumed, replayed });
const snapshot = (seq: number) => ({ type: 'snapshot', seq, user: {}, status: 'available', ringing: [], call: null });

describe('console socket', () => {
  it('reconnect backoff grows, is capped and jittered within bounds', () => {
    for (let a = 0; a < 60; a++) {
      for (const r of [0, 0.3, 0.999, 1]) {
        const d = backoffDelay(a, 250, 8000, () => r);
        expect(d).toBeGreaterThanOrEqual(125);
        expect(d).toBeLessThanOrEqual(8000);
      }
    }
    expect(backoffDelay(0, 250, 8000, () => 1)).toBe(250);
    expect(backoffDelay(3, 250, 8000, () => 1)).toBe(2000);
    expect(backoffDelay(50, 250, 8000, () => 1)).toBe(8000);
    expect(backoffDelay(1e9, 250, 8000, () => 0)).toBe(4000);
  });

  it('says hello, resends what the hub did not process, skips what it already had', () => {
    const { s, sockets, timers, got, links } = setup();
    s.start();
    sockets[0]!.open();
    expect(sockets[0]!.sent[0]).toEqual({ type: 'hello', seq: 1000, epoch: null, lastServerSeq: 0 });
    sockets[0]!.deliver(welcome(0, 0));
    sockets[0]!.deliver(snapshot(0));
    expect(links.at(-1)).toBe('online');
    const a = s.send({ type: 'status.set', status: 'available' });
    sockets[0]!.deliver({ type: 'status', seq: 1, status: 'available' });
    sockets[0]!.deliver({ type: 'ring', seq: 2, ring: {}, at: 1 });
    // The link drops; a chat and an accept are sent meanwhile (queued).
    sockets[0]!.drop();
    expect(links.at(-1)).toBe('offline');
    const b = s.send({ type: 'ring.accept', requestId: 'r1' });
    s.send({ type: 'pointer', callId: 'c', x: 0.5, y: 0.5, selector: null }); // stale later: not kept
    expect(timers.delays()).toEqual([75]); // first backoff: 100 × 0.75
    timers.fire(() => true);
    sockets[1]!.open();
    // hello carries the seq just below the oldest unconfirmed message, and what we have from the hub.
    expect(sockets[1]!.sent[0]).toEqual({ type: 'hello', seq: a - 1, epoch: EPOCH, lastServerSeq: 2 });
    // The hub had processed the status.set, not the accept: only the accept is resent.
    sockets[1]!.deliver(welcome(3, a, true, 2));
    expect(sockets[1]!.sent.slice(1).map((m) => [m.type, m.seq])).toEqual([['ring.accept', b]]);
    sockets[1]!.deliver({ type: 'ring', seq: 2, ring: {}, at: 1 }); // replay overlap: skipped
    sockets[1]!.deliver({ type: 'call.started', seq: 3, call: {} });
    sockets[1]!.deliver(snapshot(3));
    expect(got.map((m) => m.type)).toEqual(['welcome', 'snapshot', 'status', 'ring', 'welcome', 'call.started', 'snapshot']);
    s.stop();
  });

  it('a new hub epoch: the snapshot replaces everything and the counters follow the hub', () => {
    const { s, sockets, timers } = setup();
    s.start();
    sockets[0]!.open();
    sockets[0]!.deliver(welcome(40, 0));
    expect(s.lastServerSeq).toBe(40);
    sockets[0]!.drop();
    timers.fire(() => true);
    sockets[1]!.open();
    sockets[1]!.deliver({ ...welcome(0, 5000), epoch: 'epochBBBB2' });
    expect(s.epoch).toBe('epochBBBB2');
    expect(s.lastServerSeq).toBe(0);
    expect(s.send({ type: 'ping' })).toBe(5001); // above what the hub has seen from us
    s.stop();
  });

  it('a missing pong means a dead link: reconnect; a pong confirms what was sent before the ping', () => {
    const { s, sockets, timers, links } = setup();
    s.start();
    sockets[0]!.open();
    sockets[0]!.deliver(welcome(0, 0));
    s.send({ type: 'status.set', status: 'busy' });
    timers.fire((ms) => ms === 10_000); // ping
    expect(sockets[0]!.sent.at(-1).type).toBe('ping');
    sockets[0]!.deliver({ type: 'pong', seq: 1, at: 1 });
    expect(s.pending).toEqual([]);
    timers.fire((ms) => ms === 10_000); // the next ping gets no pong
    timers.fire((ms) => ms === 5000);
    expect(links.at(-1)).toBe('offline');
    expect(timers.delays()).toContain(75);
    s.stop();
  });

  it('close 4000 (the console opened elsewhere) stops reconnecting', () => {
    const { s, sockets, timers, links } = setup();
    s.start();
    sockets[0]!.open();
    sockets[0]!.deliver(welcome(0, 0));
    sockets[0]!.drop(4000);
    expect(links.at(-1)).toBe('replaced');
    expect(timers.pending.size).toBe(0);
  });
});
