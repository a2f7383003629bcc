/**
 * A virtual ESC/POS printer for tests, the demo and staff training. It listens on TCP
 * (127.0.0.1, ephemeral port by default) and on a serial pty pair made by socat, takes the same
 * bytes a real printer would, answers DLE EOT (and GS r) with the status bytes of its current
 * condition, and renders what it printed to PNG: raster copied dot for dot, text drawn with the font.
 *
 * Conditions tests can set: paper out (now, or after N more bytes), paper near end, cover open,
 * offline, silent (no status replies), unplugged (TCP server gone).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import net from 'node:net';
import { createCanvas } from '@napi-rs/canvas';
import { SerialPort } from 'serialport';
import { cp1258 } from '../codepage.ts';
import { ensureFonts, FONT_BOLD, FONT_REGULAR } from '../fonts.ts';
import { bitmapToPng, threshold, type Bitmap } from '../raster.ts';
import { encodeStatus } from '../status.ts';
import { createRequire } from 'node:module';
import { EscPosParser, type Op } from './parser.ts';

const require = createRequire(import.meta.url);
const QRCode = require('qrcode') as { create(t: string, o: { errorCorrectionLevel: string }): { modules: { size: number; get(r: number, c: number): number | boolean } } };

export interface VirtualPrinterOptions {
  /** Dots per line: 576 (80 mm) or 384 (58 mm). */
  dots?: number;
  /** TCP port; 0 = any free port. Always 127.0.0.1. */
  port?: number;
  /** Also make a serial pty pair (needs socat). */
  serial?: boolean;
}

export interface Condition {
  paperOut: boolean;
  paperNearEnd: boolean;
  coverOpen: boolean;
  offline: boolean;
  /** Do not answer status queries (a printer that hangs or a wrong device). */
  silent: boolean;
}

interface TextRun {
  text: string;
  w: number;
  h: number;
  bold: boolean;
}

export interface Page {
  width: number;
  rows: Uint8Array[];
  /** Text lines received in text mode, decoded with the selected code page (NFC). */
  text: string[];
}

export interface VirtualPrinterEvents {
  page: [Page, number];
  data: [number];
}

const CELL_W = 12;
/** Bytes taken from the link at a time. */
const SLICE = 4096;
const graphemes = new Intl.Segmenter('vi', { granularity: 'grapheme' });
const CELL_H = 24;

export class VirtualPrinter extends EventEmitter<VirtualPrinterEvents> {
  readonly dots: number;
  readonly stride: number;
  readonly condition: Condition = { paperOut: false, paperNearEnd: false, coverOpen: false, offline: false, silent: false };
  readonly pages: Page[] = [];
  /** Partial prints torn off when the paper ran out. */
  readonly torn: Page[] = [];
  /** Every byte received, on any transport, in order. */
  received: Buffer[] = [];
  bytesReceived = 0;
  /** Print data discarded while the printer was stopped. */
  bytesDiscarded = 0;

  private parser = new EscPosParser();
  private server: net.Server | null = null;
  private sockets = new Set<net.Socket>();
  private socat: ChildProcess | null = null;
  private serialPort: SerialPort | null = null;
  private paperLeft = Infinity;
  private tcpPort = 0;
  serialPath: string | null = null;

  // print state
  private rows: Uint8Array[] = [];
  private textLines: string[] = [];
  private line: TextRun[] = [];
  /** Width of the buffered line in dots; a full line prints by itself, as on a real printer. */
  private lineDots = 0;
  private align: 0 | 1 | 2 = 0;
  private size = { w: 1, h: 1 };
  private bold = false;
  private codePage = 0;
  private qrData: Buffer | null = null;
  private qrModule = 3;

  constructor(private readonly opts: VirtualPrinterOptions = {}) {
    super();
    this.dots = opts.dots ?? 576;
    this.stride = this.dots >> 3;
  }

  get port(): number {
    return this.tcpPort;
  }

  /** The serial pty's socat, while there is one (tests). */
  get socatPid(): number | null {
    return this.socat?.pid ?? null;
  }

  get url(): string {
    return `tcp://127.0.0.1:${this.tcpPort}`;
  }

  async start(): Promise<this> {
    await this.listen(this.opts.port ?? 0);
    if (this.opts.serial) await this.startSerial();
    return this;
  }

  private listen(port: number): Promise<void> {
    const server = net.createServer((s) => {
      this.sockets.add(s);
      // status bytes go out as they are made, as a printer's would; with Nagle on, the second and
      // third byte of a DLE EOT 1/2/4 reply wait for delayed ACKs (up to 200 ms each on Linux)
      s.setNoDelay(true);
      s.on('data', (d: Buffer) => this.feed(d, (r) => s.write(r), () => !s.destroyed));
      s.on('error', () => {});
      s.on('close', () => {
        this.sockets.delete(s);
        // a dropped connection ends whatever command was half received (as network printers do)
        this.parser = new EscPosParser();
      });
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        this.tcpPort = (server.address() as net.AddressInfo).port;
        resolve();
      });
    });
  }

  /** socat makes two linked ptys; we hold one end, the driver opens `serialPath`. */
  private async startSerial(): Promise<void> {
    const socat = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.socat = socat;
    // never leave a socat behind, even if the owner forgets stop() or the process exits early
    process.once('exit', this.killSocat);
    const paths = await new Promise<string[]>((resolve, reject) => {
      let err = '';
      const timer = setTimeout(() => reject(new Error(`socat gave no pty paths: ${err.trim()}`)), 5000);
      socat.once('error', (e) => {
        clearTimeout(timer);
        reject(new Error(`cannot run socat (Debian package socat): ${e.message}`));
      });
      socat.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
        const found = [...err.matchAll(/PTY is (\S+)/g)].map((m) => m[1]!);
        if (found.length >= 2) {
          clearTimeout(timer);
          resolve(found);
        }
      });
    });
    const port = new SerialPort({ path: paths[0]!, baudRate: 115200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    port.on('data', (d: Buffer) => this.feed(d, (r) => port.write(r)));
    port.on('error', () => {});
    this.serialPort = port;
    this.serialPath = paths[1]!;
  }

  // ------------------------------------------------------------------ test controls

  set(c: Partial<Condition>): void {
    const reload = c.paperOut === false && this.condition.paperOut;
    Object.assign(this.condition, c);
    if (c.paperOut === false) this.paperLeft = Infinity;
    if (reload) {
      // a new roll: what was printed before the paper ran out left with the old one
      this.flushLine(false);
      if (this.rows.length) this.torn.push({ width: this.dots, rows: this.rows, text: this.textLines });
      this.rows = [];
      this.textLines = [];
    }
  }

  /** Paper runs out after `bytes` more bytes of print data (mid-job paper-out). */
  paperOutAfter(bytes: number): void {
    this.paperLeft = bytes;
  }

  /** Drop every TCP connection and stop listening (printer unplugged). */
  async unplug(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((r) => server.close(() => r()));
  }

  /** Listen again on the same port (printer plugged back in). */
  async replug(): Promise<void> {
    if (!this.server) await this.listen(this.tcpPort);
  }

  /** Calls `fn` once `n` bytes have been received in total (e.g. to unplug mid-job). */
  onBytes(n: number, fn: () => void): void {
    const check = (total: number) => {
      if (total >= n) {
        this.off('data', check);
        fn();
      }
    };
    this.on('data', check);
  }

  get stopped(): boolean {
    const c = this.condition;
    return c.paperOut || c.coverOpen || c.offline;
  }

  // ------------------------------------------------------------------ byte handling

  /**
   * Feeds bytes as if received; `reply` sends status bytes back on the same link. Large chunks
   * are taken in slices, as a printer's receive buffer would, and `alive` false stops the rest
   * (the cable was pulled while the data was still on its way).
   */
  feed(chunk: Buffer, reply: (b: Buffer) => void = () => {}, alive: () => boolean = () => true): void {
    for (let off = 0; off < chunk.length && alive(); off += SLICE) this.feedSlice(chunk.subarray(off, off + SLICE), reply);
  }

  private feedSlice(chunk: Buffer, reply: (b: Buffer) => void): void {
    this.received.push(Buffer.from(chunk));
    this.bytesReceived += chunk.length;
    let ops: Op[];
    try {
      ops = this.parser.feed(chunk);
    } catch {
      ops = []; // never crash on input
      this.parser = new EscPosParser();
    }
    for (const op of ops) {
      try {
        this.apply(op, reply);
      } catch {
        // a malformed command is dropped, as a printer would
      }
    }
    this.emit('data', this.bytesReceived);
  }

  private answer(n: number, reply: (b: Buffer) => void): void {
    if (this.condition.silent) return;
    const s = encodeStatus(this.condition);
    reply(Buffer.from([s[n as 1 | 2 | 3 | 4] ?? 0x12]));
  }

  private apply(op: Op, reply: (b: Buffer) => void): void {
    if (op.op === 'status') return this.answer(op.n, reply);
    if (op.op === 'statusGsR') {
      if (!this.condition.silent) reply(Buffer.from([this.condition.paperOut ? 0x0f : this.condition.paperNearEnd ? 0x03 : 0x00]));
      return;
    }
    if (op.op === 'skip') return;
    // print data: counts against the paper left; dropped while stopped
    const size = op.op === 'raster' ? op.data.length + 8 : op.op === 'text' ? op.bytes.length : 2;
    if (this.stopped) {
      this.bytesDiscarded += size;
      return;
    }
    this.paperLeft -= size;
    if (this.paperLeft <= 0) {
      this.condition.paperOut = true;
      this.bytesDiscarded += size;
      return;
    }
    switch (op.op) {
      case 'init':
        this.flushLine(false);
        this.align = 0;
        this.size = { w: 1, h: 1 };
        this.bold = false;
        this.codePage = 0;
        return;
      case 'text':
        return this.addText(this.decode(op.bytes));
      case 'lf':
        return this.flushLine(true);
      case 'align':
        this.align = op.n;
        return;
      case 'size':
        this.size = { w: op.w, h: op.h };
        return;
      case 'mode':
        this.size = { w: op.n & 0x20 ? 2 : 1, h: op.n & 0x10 ? 2 : 1 };
        this.bold = (op.n & 0x08) !== 0;
        return;
      case 'bold':
        this.bold = op.on;
        return;
      case 'codepage':
        this.codePage = op.n;
        return;
      case 'feedDots':
        this.flushLine(false);
        return this.blank(op.n);
      case 'feedLines':
        this.flushLine(true);
        return this.blank(op.n * 30);
      case 'raster':
        this.flushLine(false);
        return this.raster(op.widthBytes, op.height, op.data);
      case 'qrStore':
        this.qrData = op.data;
        return;
      case 'qrSize':
        this.qrModule = Math.max(1, Math.min(16, op.n));
        return;
      case 'qrPrint':
        return this.qr();
      case 'cut':
        return this.cut();
    }
  }

  private decode(bytes: Buffer): string {
    // ESC t 52 (Epson) / 27 (POS-5890): WPC1258; anything else is read as Latin-1
    if (this.codePage === 52 || this.codePage === 27) return cp1258.decode(bytes);
    return bytes.toString('latin1');
  }

  private blank(n: number): void {
    for (let i = 0; i < n; i++) this.rows.push(new Uint8Array(this.stride));
  }

  private raster(widthBytes: number, height: number, data: Buffer): void {
    const offset = this.align === 1 ? Math.max(0, (this.stride - widthBytes) >> 1) : this.align === 2 ? Math.max(0, this.stride - widthBytes) : 0;
    const copy = Math.min(widthBytes, this.stride - offset);
    for (let y = 0; y < height; y++) {
      const row = new Uint8Array(this.stride);
      row.set(data.subarray(y * widthBytes, y * widthBytes + copy), offset);
      this.rows.push(row);
    }
  }

  private pushBitmap(bm: Bitmap): void {
    for (let y = 0; y < bm.height; y++) this.rows.push(bm.bits.slice(y * bm.stride, (y + 1) * bm.stride));
  }

  /**
   * Buffers text for the current line. When the next character would not fit, the full line is
   * printed and the character starts a new one (ESC/POS printers wrap their line buffer the same
   * way), so no line is ever wider than the paper, however much text arrives without a LF.
   */
  private addText(text: string): void {
    const run = (t: string) => ({ text: t, w: this.size.w, h: this.size.h, bold: this.bold });
    const cell = CELL_W * this.size.w;
    let start = 0;
    let at = 0;
    for (const g of graphemes.segment(text)) {
      if (this.lineDots + cell > this.dots && this.lineDots > 0) {
        if (g.index > start) this.line.push(run(text.slice(start, g.index)));
        this.flushLine(false);
        start = g.index;
      }
      this.lineDots += cell;
      at = g.index + g.segment.length;
    }
    if (at > start) this.line.push(run(text.slice(start, at)));
  }

  /** Draws the buffered text line with the monospace font in 12×24 cells, as font A would. */
  private flushLine(force: boolean): void {
    const runs = this.line;
    this.line = [];
    this.lineDots = 0;
    if (!runs.length) {
      if (force) this.blank(CELL_H + 6);
      return;
    }
    ensureFonts();
    const seg = graphemes;
    const cells = (t: string) => [...seg.segment(t)].length;
    const h = Math.max(...runs.map((r) => r.h)) * CELL_H + 6;
    const total = runs.reduce((n, r) => n + cells(r.text) * CELL_W * r.w, 0);
    let x = this.align === 1 ? Math.max(0, (this.dots - total) / 2) : this.align === 2 ? Math.max(0, this.dots - total) : 0;
    const canvas = createCanvas(this.dots, h);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, this.dots, h);
    ctx.fillStyle = '#000';
    for (const r of runs) {
      ctx.save();
      ctx.translate(x, h - 8);
      ctx.scale(r.w, r.h);
      // one grapheme per 12-dot cell, drawn whole (letter + marks) and centred, so marks stay on
      // their letter and columns line up; DejaVu Sans Mono lacks the double-mark letters (ễ, ồ)
      ctx.font = `19px "${r.bold ? FONT_BOLD : FONT_REGULAR}"`;
      ctx.textAlign = 'center';
      let cx = CELL_W / 2;
      for (const g of seg.segment(r.text)) {
        ctx.fillText(g.segment, cx, 0, CELL_W);
        cx += CELL_W;
      }
      ctx.restore();
      x += cells(r.text) * CELL_W * r.w;
    }
    this.pushBitmap(threshold(ctx.getImageData(0, 0, this.dots, h).data, this.dots, h, 150));
    this.textLines.push(runs.map((r) => r.text).join('').normalize('NFC'));
  }

  private qr(): void {
    this.flushLine(false);
    if (!this.qrData) return;
    const m = QRCode.create(this.qrData.toString('latin1'), { errorCorrectionLevel: 'M' }).modules;
    const px = m.size * this.qrModule;
    const x0 = Math.max(0, Math.floor((this.dots - px) / 2));
    for (let r = 0; r < m.size; r++) {
      for (let k = 0; k < this.qrModule; k++) {
        const row = new Uint8Array(this.stride);
        for (let c = 0; c < m.size; c++) {
          if (!m.get(r, c)) continue;
          for (let d = 0; d < this.qrModule; d++) {
            const x = x0 + c * this.qrModule + d;
            if (x < this.dots) row[x >> 3]! |= 0x80 >> (x & 7);
          }
        }
        this.rows.push(row);
      }
    }
  }

  private cut(): void {
    this.flushLine(false);
    const page: Page = { width: this.dots, rows: this.rows, text: this.textLines };
    this.rows = [];
    this.textLines = [];
    this.pages.push(page);
    this.emit('page', page, this.pages.length - 1);
  }

  /** Resolves with the next page cut from now (or rejects after `timeoutMs`). */
  nextPage(timeoutMs = 10_000): Promise<Page> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('page', on);
        reject(new Error(`no page printed within ${timeoutMs} ms`));
      }, timeoutMs);
      const on = (p: Page) => {
        clearTimeout(timer);
        this.off('page', on);
        resolve(p);
      };
      this.on('page', on);
    });
  }

  pageBitmap(page: Page): Bitmap {
    const bits = new Uint8Array(page.rows.length * this.stride);
    page.rows.forEach((r, y) => bits.set(r, y * this.stride));
    return { width: page.width, height: page.rows.length, stride: this.stride, bits };
  }

  /** PNG of a page (default: the last one cut; if none, what is on the paper so far). */
  png(page?: Page): Buffer {
    const p = page ?? this.pages[this.pages.length - 1] ?? { width: this.dots, rows: this.rows, text: [] };
    if (!p.rows.length) p.rows = [new Uint8Array(this.stride)];
    return bitmapToPng(this.pageBitmap(p));
  }

  private readonly killSocat = (): void => {
    if (this.socat && this.socat.exitCode === null) this.socat.kill('SIGTERM');
  };

  async stop(): Promise<void> {
    await this.unplug();
    const port = this.serialPort;
    this.serialPort = null;
    if (port?.isOpen) await new Promise<void>((r) => port.close(() => r()));
    // already gone? (a socat killed outright by a signal has no exit code, only signalCode)
    if (this.socat && this.socat.exitCode === null && this.socat.signalCode === null) {
      const s = this.socat;
      await new Promise<void>((r) => {
        s.once('exit', () => r());
        s.kill('SIGTERM');
      });
    }
    this.socat = null;
    process.off('exit', this.killSocat);
  }
}
