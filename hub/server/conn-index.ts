/**
 * The gateway's connections, indexed (issue 18): what the gateway used to find by walking every
 * open socket. When an instance dies, its kiosks (3,332 of 10,000) say hello to the survivors
 * within seconds, and for each of them every instance hears that the kiosk `moved` and looks for
 * the kiosk's older socket, and every upgrade counts the sockets of its address: one walk over
 * 5,000 sockets per hello is 16 million steps in a burst, which showed in the survivors' CPU
 * profiles (`current` alone 10 % of the busy time during the reconnect rush) and in the
 * heartbeat acks of the kiosks already connected there. Here each is a map lookup:
 *
 *  - `bySocket`: a socket's connection (the current connection of a party is its channel's socket);
 *  - per address: open sockets and kiosk sockets without a hello yet (the per-address caps);
 *  - the console connections (the staff and volunteers a broadcast goes to).
 * Layer: hub (node).
 */
import type { WebSocket } from 'ws';

/** What the index needs of a connection. */
export interface IndexedConn {
  kind: 'kiosk' | 'console';
  socket: WebSocket;
  addr: string;
  /** Counted as anonymous (a kiosk socket before its hello) while true. */
  anonymous: boolean;
}

interface Counts {
  all: number;
  anon: number;
}

export class ConnIndex<C extends IndexedConn> {
  private readonly bySocket = new Map<WebSocket, C>();
  private readonly byAddr = new Map<string, Counts>();
  /** Console connections (staff, volunteers). */
  readonly consoles = new Set<C>();

  get size(): number {
    return this.bySocket.size;
  }

  values(): IterableIterator<C> {
    return this.bySocket.values();
  }

  add(c: C): void {
    if (this.bySocket.has(c.socket)) return;
    this.bySocket.set(c.socket, c);
    if (c.kind === 'console') this.consoles.add(c);
    const n = this.byAddr.get(c.addr) ?? { all: 0, anon: 0 };
    n.all++;
    if (c.anonymous) n.anon++;
    this.byAddr.set(c.addr, n);
  }

  /** The connection said who it is (a kiosk's hello): no longer anonymous. Idempotent. */
  identified(c: C): void {
    if (!c.anonymous || this.bySocket.get(c.socket) !== c) return;
    c.anonymous = false;
    const n = this.byAddr.get(c.addr);
    if (n) n.anon--;
  }

  remove(c: C): void {
    if (this.bySocket.get(c.socket) !== c) return;
    this.bySocket.delete(c.socket);
    this.consoles.delete(c);
    const n = this.byAddr.get(c.addr);
    if (!n) return;
    n.all--;
    if (c.anonymous) n.anon--;
    if (n.all <= 0) this.byAddr.delete(c.addr);
  }

  /** The connection of a socket (a party's current one is its channel's socket). */
  of(socket: WebSocket | null | undefined): C | null {
    return socket ? (this.bySocket.get(socket) ?? null) : null;
  }

  /** Open sockets of an address key, and of those the anonymous ones. */
  countsOf(addr: string): Counts {
    const n = this.byAddr.get(addr);
    return { all: n?.all ?? 0, anon: n?.anon ?? 0 };
  }
}
