/** Raw TCP (port 9100, "JetDirect"): one connection, opened on first use and reopened after a drop. */
import net from 'node:net';
import { ByteTransport, TransportError, type PrinterTransport } from './transport.ts';

export interface NetworkOptions {
  host: string;
  port: number;
  connectTimeoutMs?: number;
}

export class NetworkTransport extends ByteTransport implements PrinterTransport {
  readonly kind = 'network' as const;
  readonly address: string;
  private socket: net.Socket | null = null;
  private connecting: Promise<net.Socket> | null = null;
  private closed = false;

  constructor(private readonly opts: NetworkOptions) {
    super();
    this.address = `tcp://${opts.host}:${opts.port}`;
  }

  private connect(): Promise<net.Socket> {
    if (this.closed) return Promise.reject(new TransportError('transport closed', 'disconnected'));
    if (this.socket) return Promise.resolve(this.socket);
    if (this.connecting) return this.connecting;
    this.connecting = new Promise<net.Socket>((resolve, reject) => {
      const s = net.connect({ host: this.opts.host, port: this.opts.port });
      s.setNoDelay(true);
      const timer = setTimeout(() => s.destroy(new Error(`connect to ${this.address} timed out`)), this.opts.connectTimeoutMs ?? 3000);
      s.once('connect', () => {
        clearTimeout(timer);
        this.socket = s;
        resolve(s);
      });
      s.on('data', (d: Buffer) => this.received(d));
      s.on('error', () => {}); // reported through 'close'
      s.once('close', () => {
        clearTimeout(timer);
        const wasOpen = this.socket === s;
        if (wasOpen) this.socket = null;
        if (!wasOpen) reject(new TransportError(`cannot connect to ${this.address}`, 'disconnected'));
        else this.lost(new Error(`${this.address} closed the connection`));
      });
    }).finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  async write(bytes: Uint8Array): Promise<void> {
    const s = await this.connect();
    await new Promise<void>((resolve, reject) => {
      s.write(bytes, (err) => (err ? reject(new TransportError(err.message, 'io')) : resolve()));
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const s = this.socket;
    this.socket = null;
    if (s) await new Promise<void>((r) => s.end(() => r()));
    s?.destroy();
  }
}
