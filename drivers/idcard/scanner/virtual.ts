/**
 * A virtual 2D scanner in USB-CDC mode: a socat pty pair. The driver opens `devicePath` like a
 * /dev/ttyACM0; `feed()` writes bytes into the other end exactly as a scanner does (payload, then its
 * suffix), optionally split into chunks with pauses. `unplug()` / `plug()` kill and restart socat
 * with the same stable symlink names, to exercise the driver's reconnect.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, writeSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type Suffix = 'cr' | 'lf' | 'crlf' | 'none';
export const SUFFIX_BYTES: Record<Suffix, string> = { cr: '\r', lf: '\n', crlf: '\r\n', none: '' };

export interface FeedOptions {
  /** Split the bytes into chunks of this size (default: one write). */
  chunkSize?: number;
  /** Pause between chunks, ms (default 5). */
  gapMs?: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class VirtualScanner {
  readonly dir: string;
  /** Path the kiosk driver opens (a stable symlink to a pty). */
  readonly devicePath: string;
  /** Path the virtual scanner writes to. */
  readonly hostPath: string;
  private proc: ChildProcess | undefined;
  private fd: number | undefined;

  private constructor(dir: string) {
    this.dir = dir;
    this.devicePath = path.join(dir, 'ttyACM-scanner');
    this.hostPath = path.join(dir, 'scanner-host');
  }

  /** Start socat and wait for both ends. Throws when socat is missing. */
  static async create(): Promise<VirtualScanner> {
    const v = new VirtualScanner(mkdtempSync(path.join(tmpdir(), 'vscan-')));
    await v.plug();
    return v;
  }

  /** (Re)start the pty pair; the symlinks keep their names. */
  async plug(): Promise<void> {
    if (this.proc) return;
    const proc = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${this.devicePath}`, `pty,raw,echo=0,link=${this.hostPath}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.proc = proc;
    // socat -d -d prints "N PTY is /dev/pts/X" for each end, then "starting data transfer loop".
    const ptys: string[] = [];
    await new Promise<void>((resolve, reject) => {
      let err = '';
      const timer = setTimeout(() => reject(new Error(`socat did not start: ${err.slice(0, 300)}`)), 5000);
      proc.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      proc.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
        for (const m of err.matchAll(/PTY is (\S+)/g)) if (!ptys.includes(m[1]!)) ptys.push(m[1]!);
        if (ptys.length >= 2 && /starting data transfer loop/.test(err)) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`socat exited ${code}: ${err.slice(0, 300)}`));
      });
    });
    proc.stderr!.resume();
    if (!existsSync(this.devicePath) || !existsSync(this.hostPath)) throw new Error('socat links missing');
    this.fd = openSync(this.hostPath, 'w');
  }

  /** Simulate pulling the USB cable: the device path disappears. */
  async unplug(): Promise<void> {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    const p = this.proc;
    this.proc = undefined;
    // socat may be gone already: a terminal's Ctrl+C reaches the whole process group, and then
    // 'exit' has fired before we ask (waiting for it again hung the demo's shutdown)
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    await new Promise<void>((r) => {
      p.once('exit', () => r());
      p.kill('SIGTERM');
    });
  }

  /** socat's pid while plugged (tests). */
  get pid(): number | null {
    return this.proc?.pid ?? null;
  }

  /** Write a payload and its suffix as a scanner does. `payload` may be raw bytes (garbage tests). */
  async feed(payload: string | Buffer, suffix: Suffix = 'cr', opts: FeedOptions = {}): Promise<void> {
    if (this.fd === undefined) throw new Error('virtual scanner unplugged');
    const bytes = Buffer.concat([typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload, Buffer.from(SUFFIX_BYTES[suffix])]);
    const size = opts.chunkSize ?? bytes.length;
    for (let i = 0; i < bytes.length; i += size) {
      const chunk = bytes.subarray(i, i + size);
      let off = 0;
      while (off < chunk.length) off += writeSync(this.fd, chunk, off);
      if (i + size < bytes.length) await sleep(opts.gapMs ?? 5);
    }
  }

  async close(): Promise<void> {
    await this.unplug();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
