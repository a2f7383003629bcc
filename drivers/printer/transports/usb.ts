/**
 * USB printer class device file (`/dev/usb/lp0`): plain writes; status replies read back from the
 * same file when the printer is bidirectional. Opened non-blocking and polled while a query waits,
 * so a silent printer never ties up a libuv thread.
 */
import { constants, promises as fsp } from 'node:fs';
import { ByteTransport, TransportError, type PrinterTransport } from './transport.ts';

export class UsbTransport extends ByteTransport implements PrinterTransport {
  readonly kind = 'usb' as const;
  readonly address: string;
  private fh: fsp.FileHandle | null = null;
  private opening: Promise<fsp.FileHandle> | null = null;
  private polling = false;
  private closed = false;

  constructor(
    private readonly path: string,
    private readonly pollMs = 15,
  ) {
    super();
    this.address = `usb:${path}`;
  }

  private open(): Promise<fsp.FileHandle> {
    if (this.closed) return Promise.reject(new TransportError('transport closed', 'disconnected'));
    if (this.fh) return Promise.resolve(this.fh);
    this.opening ??= fsp
      .open(this.path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY)
      .then((fh) => (this.fh = fh))
      .catch((e: Error) => {
        throw new TransportError(`cannot open ${this.path}: ${e.message}`, 'disconnected');
      })
      .finally(() => {
        this.opening = null;
      });
    return this.opening;
  }

  private async drop(err: Error): Promise<void> {
    const fh = this.fh;
    this.fh = null;
    await fh?.close().catch(() => {});
    this.lost(err);
  }

  async write(bytes: Uint8Array): Promise<void> {
    const fh = await this.open();
    let off = 0;
    while (off < bytes.length) {
      try {
        const { bytesWritten } = await fh.write(bytes, off, bytes.length - off);
        off += bytesWritten;
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        if (err.code === 'EAGAIN') {
          await new Promise((r) => setTimeout(r, this.pollMs));
          continue;
        }
        await this.drop(err);
        throw new TransportError(err.message, 'io');
      }
    }
  }

  protected override awaitingReply(): void {
    if (this.polling) return;
    this.polling = true;
    void (async () => {
      const buf = Buffer.alloc(64);
      try {
        while (this.waiting && this.fh) {
          try {
            const { bytesRead } = await this.fh.read(buf, 0, buf.length, null);
            if (bytesRead > 0) this.received(buf.subarray(0, bytesRead));
            else await new Promise((r) => setTimeout(r, this.pollMs));
          } catch (e) {
            const err = e as NodeJS.ErrnoException;
            if (err.code !== 'EAGAIN') {
              await this.drop(err);
              return;
            }
            await new Promise((r) => setTimeout(r, this.pollMs));
          }
        }
      } finally {
        this.polling = false;
      }
    })();
  }

  async close(): Promise<void> {
    this.closed = true;
    const fh = this.fh;
    this.fh = null;
    await fh?.close();
  }
}
