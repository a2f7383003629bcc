/** RS-232 / USB-serial printers through `serialport` (node-thermal-printer has no serial support). */
import { SerialPort } from 'serialport';
import { ByteTransport, TransportError, type PrinterTransport } from './transport.ts';

export interface SerialOptions {
  path: string;
  baudRate: number;
}

export class SerialTransport extends ByteTransport implements PrinterTransport {
  readonly kind = 'serial' as const;
  readonly address: string;
  private port: SerialPort | null = null;
  private opening: Promise<SerialPort> | null = null;
  private closed = false;

  constructor(private readonly opts: SerialOptions) {
    super();
    this.address = `serial:${opts.path}`;
  }

  private open(): Promise<SerialPort> {
    if (this.closed) return Promise.reject(new TransportError('transport closed', 'disconnected'));
    if (this.port?.isOpen) return Promise.resolve(this.port);
    if (this.opening) return this.opening;
    this.opening = new Promise<SerialPort>((resolve, reject) => {
      const p = new SerialPort({ path: this.opts.path, baudRate: this.opts.baudRate, autoOpen: false });
      p.on('data', (d: Buffer) => this.received(d));
      p.on('error', () => {});
      p.once('close', () => {
        if (this.port === p) this.port = null;
        this.lost(new Error(`${this.address} closed`));
      });
      p.open((err) => {
        if (err) reject(new TransportError(`cannot open ${this.opts.path}: ${err.message}`, 'disconnected'));
        else {
          this.port = p;
          resolve(p);
        }
      });
    }).finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  async write(bytes: Uint8Array): Promise<void> {
    const p = await this.open();
    // the write callback fires once the OS has the bytes; no drain(): tcdrain() on a pty can
    // block a libuv thread until the far end reads
    await new Promise<void>((resolve, reject) => {
      p.write(Buffer.from(bytes), (err) => (err ? reject(new TransportError(err.message, 'io')) : resolve()));
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const p = this.port;
    this.port = null;
    if (p?.isOpen) await new Promise<void>((r) => p.close(() => r()));
  }
}
