/**
 * Driver for a 2D barcode scanner in serial (USB-CDC) mode reading the CCCD QR.
 *
 * Bytes → frames (ReadlineParser on the configured suffix, or InterByteTimeoutParser when the scanner
 * sends none) → UTF-8 decoding of the whole frame (so a multi-byte letter split across USB packets is
 * safe) → checks → events:
 *   'scan'   {text, bytes, ms}        every well-formed frame
 *   'card'   {fields, issues, ms, …}  a frame that parses as an ID-card QR
 *   'error'  IdCardError              garbage / oversize / truncated / not_id_qr — dropped, never thrown
 *   'status' 'connected' | 'missing'  the port appeared / disappeared (it is reopened when it comes back)
 * Nothing is logged: payloads carry personal data.
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { InterByteTimeoutParser, ReadlineParser, SerialPort } from 'serialport';
import type { Transform } from 'node:stream';
import { IdCardError, type IdCardFields } from '../../../common/idcard/fields.ts';
import { looksLikeCccdQr, parseCccdQr, type QrParseResult } from '../../../common/idcard/qr.ts';
import { SUFFIX_BYTES, type Suffix } from './virtual.ts';

export type { Suffix } from './virtual.ts';
export type ScannerStatus = 'connected' | 'missing';

/** The part of a serialport stream the driver uses (SerialPort, SerialPortMock). */
export interface PortLike extends NodeJS.EventEmitter {
  readonly isOpen: boolean;
  open(cb: (err: Error | null) => void): void;
  close(cb?: (err: Error | null) => void): void;
}

export interface ScannerOptions {
  path: string;
  /** Ignored by USB-CDC devices, kept for real UARTs. */
  baudRate?: number;
  suffix?: Suffix;
  /** Frames longer than this are dropped and reported (default 1024 bytes; a card QR is ~150). */
  maxPayloadBytes?: number;
  /** Silence that ends a frame when the scanner sends no suffix (default 60 ms). */
  interByteTimeoutMs?: number;
  /** Silence after which bytes without their suffix are reported as truncated (default 400 ms). */
  frameTimeoutMs?: number;
  /** Interval of reopen attempts while the port is missing (default 500 ms). */
  reconnectMs?: number;
  /** For tests: build the port (default: serialport's SerialPort). */
  portFactory?: (path: string, baudRate: number) => PortLike;
}

export interface ScanEvent {
  text: string;
  bytes: number;
  /** ms from the frame's first byte to its decoding. */
  ms: number;
}

export interface CardEvent extends QrParseResult {
  fields: IdCardFields;
  /** ms from the frame's first byte to the parsed fields. */
  ms: number;
}

const decoder = new TextDecoder('utf-8', { fatal: true });
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export class IdScanner extends EventEmitter {
  private readonly opts: Required<Omit<ScannerOptions, 'portFactory'>> & Pick<ScannerOptions, 'portFactory'>;
  private port: PortLike | undefined;
  private parser: Transform | undefined;
  private _status: ScannerStatus | undefined;
  private stopped = true;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private watchTimer: NodeJS.Timeout | undefined;
  private frameTimer: NodeJS.Timeout | undefined;
  private discarding = false;
  private frameStart = 0;
  private lastByteAt = 0;
  private pending = 0;

  constructor(options: ScannerOptions) {
    super();
    this.opts = {
      baudRate: 9600,
      suffix: 'cr',
      maxPayloadBytes: 1024,
      interByteTimeoutMs: 60,
      frameTimeoutMs: 400,
      reconnectMs: 500,
      ...options,
    };
  }

  get status(): ScannerStatus | undefined {
    return this._status;
  }

  /** Open the port (or keep trying until it appears). Resolves after the first attempt. */
  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    await this.tryOpen();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.watchTimer);
    clearTimeout(this.frameTimer);
    const p = this.port;
    this.teardown();
    if (p?.isOpen) await new Promise<void>((r) => p.close(() => r()));
  }

  /** An 'error' event without a listener would throw: bad input must never crash the kiosk. */
  private report(err: IdCardError): void {
    if (this.listenerCount('error') > 0) this.emit('error', err);
  }

  private setStatus(s: ScannerStatus): void {
    if (this._status === s) return;
    this._status = s;
    this.emit('status', s);
  }

  private teardown(): void {
    if (this.port) this.port.removeAllListeners();
    if (this.parser) {
      this.parser.removeAllListeners();
      this.parser.destroy();
    }
    this.port = undefined;
    this.parser = undefined;
    this.discarding = false;
    this.pending = 0;
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.tryOpen(), this.opts.reconnectMs);
    this.reconnectTimer.unref?.();
  }

  private async tryOpen(): Promise<void> {
    if (this.stopped) return;
    const factory = this.opts.portFactory ?? ((path, baudRate) => new SerialPort({ path, baudRate, autoOpen: false }) as unknown as PortLike);
    let port: PortLike;
    try {
      port = factory(this.opts.path, this.opts.baudRate);
    } catch {
      this.setStatus('missing');
      this.scheduleReconnect();
      return;
    }
    port.on('error', () => undefined); // surfaced as close/missing
    const err = await new Promise<Error | null>((r) => port.open(r));
    if (this.stopped) {
      if (port.isOpen) port.close();
      return;
    }
    if (err) {
      port.removeAllListeners();
      this.setStatus('missing');
      this.scheduleReconnect();
      return;
    }
    this.port = port;
    this.parser = this.makeParser();
    port.on('data', (chunk: Buffer) => this.onChunk(chunk));
    const lost = () => {
      if (this.port !== port) return;
      clearInterval(this.watchTimer);
      this.teardown();
      if (port.isOpen) port.close(() => undefined);
      this.setStatus('missing');
      this.scheduleReconnect();
    };
    port.on('close', lost);
    // Linux does not always report an unplugged USB-CDC device as a close: watch the device node too.
    clearInterval(this.watchTimer);
    if (this.opts.path.startsWith('/')) {
      this.watchTimer = setInterval(() => {
        if (!existsSync(this.opts.path)) lost();
      }, this.opts.reconnectMs);
      this.watchTimer.unref?.();
    }
    this.setStatus('connected');
  }

  private makeParser(): Transform {
    const max = this.opts.maxPayloadBytes;
    let parser: Transform;
    if (this.opts.suffix === 'none') {
      parser = new InterByteTimeoutParser({ interval: this.opts.interByteTimeoutMs, maxBufferSize: max + 1 });
    } else {
      parser = new ReadlineParser({ delimiter: Buffer.from(SUFFIX_BYTES[this.opts.suffix]), encoding: undefined });
    }
    parser.on('data', (frame: Buffer) => this.onFrame(frame));
    parser.on('error', () => undefined);
    return parser;
  }

  private onChunk(chunk: Buffer): void {
    const now = performance.now();
    if (this.pending === 0) this.frameStart = now;
    this.lastByteAt = now;
    this.pending += chunk.length;
    const parser = this.parser;
    if (!parser) return;
    parser.write(chunk);
    // Readline keeps unframed bytes in `buffer`: cap it so endless garbage cannot grow memory.
    const buf = (parser as unknown as { buffer?: Buffer }).buffer;
    if (this.opts.suffix !== 'none' && buf && buf.length > this.opts.maxPayloadBytes) {
      (parser as unknown as { buffer: Buffer }).buffer = Buffer.alloc(0);
      if (!this.discarding) this.report(new IdCardError('oversize', `> ${this.opts.maxPayloadBytes} byte`));
      this.discarding = true; // the tail up to the next suffix belongs to the same oversized frame
      this.pending = 0;
    }
    if (this.opts.suffix !== 'none') {
      clearTimeout(this.frameTimer);
      this.frameTimer = setTimeout(() => this.onSilence(), this.opts.frameTimeoutMs);
      this.frameTimer.unref?.();
    }
  }

  /** Bytes left without their suffix after a silence: a truncated scan. */
  private onSilence(): void {
    const parser = this.parser as unknown as { buffer?: Buffer } | undefined;
    if (!parser?.buffer || parser.buffer.length === 0) {
      if (this.discarding) this.discarding = false;
      return;
    }
    const len = parser.buffer.length;
    parser.buffer = Buffer.alloc(0);
    this.pending = 0;
    if (this.discarding) {
      this.discarding = false;
      return;
    }
    this.report(new IdCardError('truncated', `${len} byte không có ký tự kết thúc`));
  }

  private onFrame(frame: Buffer): void {
    const started = this.frameStart;
    this.pending = 0;
    if (this.opts.suffix === 'none') {
      const endedBySilence = performance.now() - this.lastByteAt >= this.opts.interByteTimeoutMs * 0.8;
      if (this.discarding) {
        if (endedBySilence) this.discarding = false;
        return;
      }
      if (frame.length > this.opts.maxPayloadBytes) {
        this.discarding = !endedBySilence;
        this.report(new IdCardError('oversize', `> ${this.opts.maxPayloadBytes} byte`));
        return;
      }
    } else {
      if (this.discarding) {
        this.discarding = false;
        return;
      }
      if (frame.length > this.opts.maxPayloadBytes) {
        this.report(new IdCardError('oversize', `> ${this.opts.maxPayloadBytes} byte`));
        return;
      }
    }
    // Tolerate a scanner configured CRLF when we expect CR or LF.
    let start = 0;
    let end = frame.length;
    while (start < end && (frame[start] === 0x0a || frame[start] === 0x0d)) start++;
    while (end > start && (frame[end - 1] === 0x0a || frame[end - 1] === 0x0d)) end--;
    if (end === start) return; // a bare suffix
    let text: string;
    try {
      text = decoder.decode(frame.subarray(start, end));
    } catch {
      this.report(new IdCardError('garbage', 'không phải UTF-8'));
      return;
    }
    if (CONTROL.test(text)) {
      this.report(new IdCardError('garbage', 'ký tự điều khiển'));
      return;
    }
    const scan: ScanEvent = { text, bytes: end - start, ms: performance.now() - started };
    this.emit('scan', scan);
    if (!looksLikeCccdQr(text)) {
      this.report(new IdCardError('not_id_qr'));
      return;
    }
    try {
      const parsed = parseCccdQr(text);
      const card: CardEvent = { ...parsed, ms: performance.now() - started };
      this.emit('card', card);
    } catch (e) {
      this.report(e instanceof IdCardError ? e : new IdCardError('garbage'));
    }
  }
}

export function createIdScanner(options: ScannerOptions): IdScanner {
  return new IdScanner(options);
}
