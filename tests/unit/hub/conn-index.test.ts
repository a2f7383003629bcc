import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { ConnIndex, type IndexedConn } from '../../../hub/server/conn-index.ts';

const sock = () => ({}) as WebSocket;
const conn = (kind: 'kiosk' | 'console', addr: string, anonymous = kind === 'kiosk'): IndexedConn & { id: number } => ({ kind, socket: sock(), addr, anonymous, id: Math.random() });

describe('the gateway connection index (hub/server/conn-index.ts)', () => {
  it('counts open and anonymous sockets per address, through hello and close', () => {
    const ix = new ConnIndex<ReturnType<typeof conn>>();
    const a1 = conn('kiosk', '10.0.0.1');
    const a2 = conn('kiosk', '10.0.0.1');
    const staff = conn('console', '10.0.0.1', false);
    const b = conn('kiosk', '10.0.0.2');
    for (const c of [a1, a2, staff, b]) ix.add(c);
    ix.add(a1); // twice: counted once
    expect(ix.countsOf('10.0.0.1')).toEqual({ all: 3, anon: 2 });
    expect(ix.countsOf('10.0.0.2')).toEqual({ all: 1, anon: 1 });
    expect(ix.countsOf('10.9.9.9')).toEqual({ all: 0, anon: 0 });
    ix.identified(a1);
    ix.identified(a1); // idempotent
    expect(a1.anonymous).toBe(false);
    expect(ix.countsOf('10.0.0.1')).toEqual({ all: 3, anon: 1 });
    ix.remove(a2); // closed before its hello
    ix.remove(a2);
    expect(ix.countsOf('10.0.0.1')).toEqual({ all: 2, anon: 0 });
    ix.remove(a1);
    ix.remove(staff);
    expect(ix.countsOf('10.0.0.1')).toEqual({ all: 0, anon: 0 });
    expect(ix.size).toBe(1);
    expect([...ix.values()]).toEqual([b]);
  });

  it('finds a connection by its socket, and keeps the consoles apart', () => {
    const ix = new ConnIndex<ReturnType<typeof conn>>();
    const k = conn('kiosk', 'x');
    const v = conn('console', 'y', false);
    ix.add(k);
    ix.add(v);
    expect(ix.of(k.socket)).toBe(k);
    expect(ix.of(v.socket)).toBe(v);
    expect(ix.of(sock())).toBeNull();
    expect(ix.of(null)).toBeNull();
    expect([...ix.consoles]).toEqual([v]);
    ix.remove(v);
    expect(ix.of(v.socket)).toBeNull();
    expect([...ix.consoles]).toEqual([]);
    // identified() of a connection not (or no longer) in the index changes no count
    ix.remove(k);
    ix.identified(k);
    expect(k.anonymous).toBe(true);
  });
});
