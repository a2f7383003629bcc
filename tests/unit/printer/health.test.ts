/**
 * Status bits, timeouts, an unplugged printer, garbage input, and the USB device-file transport.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { cp1258 } from '../../../drivers/printer/codepage.ts';
import { ReceiptPrinter } from '../../../drivers/printer/device.ts';
import { buildReceiptJob } from '../../../drivers/printer/job.ts';
import { PrintQueue } from '../../../drivers/printer/queue.ts';
import { encodeStatus, isStatusByte, parseStatus, STATUS_QUERY, type PrinterStatus } from '../../../drivers/printer/status.ts';
import type { z } from 'zod';
import { PrinterConfig } from '../../../kiosk-config/config.schema.ts';
import { createTransport, type PrinterConfigInput } from '../../../drivers/printer/transports/index.ts';
import { NetworkTransport } from '../../../drivers/printer/transports/network.ts';
import { UsbTransport } from '../../../drivers/printer/transports/usb.ts';
import { VirtualPrinter } from '../../../drivers/printer/virtual/printer.ts';
import { killAndWait, settlesWithin } from '../../support/processes.ts';
import { sampleReceipt, until } from './helpers.ts';

const job = buildReceiptJob(sampleReceipt(), { paperWidthMm: 58 });
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function virtual(opts: ConstructorParameters<typeof VirtualPrinter>[0] = {}): Promise<VirtualPrinter> {
  const vp = await new VirtualPrinter({ dots: 384, ...opts }).start();
  cleanup.push(() => vp.stop());
  return vp;
}

function printerOn(port: number, opts: ConstructorParameters<typeof ReceiptPrinter>[1] = {}): ReceiptPrinter {
  const p = new ReceiptPrinter(new NetworkTransport({ host: '127.0.0.1', port }), { pollMs: 50, statusTimeoutMs: 300, ...opts });
  cleanup.push(() => p.close());
  return p;
}

describe('DLE EOT status bytes', () => {
  it('decodes the bits of n=1, 2 and 4', () => {
    expect(parseStatus(0x12, 0x12, 0x12)).toMatchObject({ state: 'ready', online: true, paperNearEnd: false });
    expect(parseStatus(0x12, 0x12, 0x1e)).toMatchObject({ state: 'ready', paperNearEnd: true });
    expect(parseStatus(0x1a, 0x32, 0x7e)).toMatchObject({ state: 'paper-out', paperOut: true, online: false });
    expect(parseStatus(0x1a, 0x16, 0x12)).toMatchObject({ state: 'cover-open', coverOpen: true });
    expect(parseStatus(0x1a, 0x12, 0x12)).toMatchObject({ state: 'offline', online: false });
    expect(parseStatus(0x1a, 0x52, 0x12)).toMatchObject({ state: 'error', error: true });
  });

  it('what the virtual printer answers decodes back to its condition', () => {
    for (const c of [{}, { paperOut: true }, { paperNearEnd: true }, { coverOpen: true }, { offline: true }]) {
      const s = encodeStatus(c);
      for (const b of Object.values(s)) expect(isStatusByte(b)).toBe(true);
      const p = parseStatus(s[1], s[2], s[4]);
      expect(p.paperOut).toBe(!!('paperOut' in c));
      expect(p.coverOpen).toBe(!!('coverOpen' in c));
      expect(p.online).toBe(Object.keys(c).length === 0 || 'paperNearEnd' in c);
    }
    expect(isStatusByte(0x00)).toBe(false);
  });
});

describe('health', () => {
  it('a printer that never answers times out as unreachable (offline), with an alert', async () => {
    const vp = await virtual();
    vp.set({ silent: true });
    const p = printerOn(vp.port);
    const alerts: PrinterStatus[] = [];
    p.on('alert', (s) => alerts.push(s));
    const t0 = Date.now();
    const s = await p.status();
    expect(s).toMatchObject({ state: 'unreachable', reachable: false, online: false });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(alerts).toHaveLength(1);
    vp.set({ silent: false });
    expect((await p.status()).state).toBe('ready');
  });

  it('nothing listening: unreachable, and the job is refused before any byte is sent', async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    const p = printerOn(port);
    const out = await p.print(job.bytes);
    expect(out).toMatchObject({ ok: false, reason: 'unreachable' });
  });

  it('paper near end still prints, but raises an alert', async () => {
    const vp = await virtual();
    vp.set({ paperNearEnd: true });
    const p = printerOn(vp.port);
    const alerts: PrinterStatus[] = [];
    p.on('alert', (s) => alerts.push(s));
    expect(await p.print(job.bytes)).toMatchObject({ ok: true, status: { paperNearEnd: true } });
    expect(alerts.map((a) => a.paperNearEnd)).toEqual([true]);
  });

  it('printer unplugged mid-job (TCP server closed): the job is kept, a health alert is raised, replugging prints it', async () => {
    const vp = await virtual();
    const p = printerOn(vp.port, { chunkBytes: 1024 });
    const queue = new PrintQueue(':memory:', p, { retryMs: 100 });
    cleanup.push(() => queue.close());
    const alerts: PrinterStatus[] = [];
    p.on('alert', (s) => alerts.push(s));
    await until(() => p.lastStatus?.state === 'ready', 3000, 'ready');
    vp.onBytes(job.bytes.length / 3, () => void vp.unplug());
    const j = queue.enqueue(job.bytes);
    const failed = await queue.waitFor(j.id, true);
    expect(failed).toMatchObject({ state: 'failed', reason: 'unreachable' });
    expect(alerts.map((a) => a.state)).toContain('unreachable');
    expect(queue.pending().map((x) => x.id)).toEqual([j.id]);
    expect(vp.pages).toHaveLength(0);

    await vp.replug();
    expect(await queue.waitFor(j.id)).toMatchObject({ state: 'printed' });
    expect(vp.pages).toHaveLength(1);
  });

  it('garbage bytes do not crash the virtual printer; it still answers and prints afterwards', async () => {
    const vp = await virtual();
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    const garbage = Buffer.from(Array.from({ length: 20_000 }, rnd));
    const nasty = [
      Buffer.from([0x1d, 0x76, 0x30, 0x00, 0xff, 0xff, 0xff, 0xff]), // 16 GB raster header
      Buffer.from([0x1d, 0x28, 0x6b, 0x03]), // truncated
      Buffer.from([0x1b]),
      Buffer.from([0x10, 0x04, 0x09]),
    ];
    for (const chunk of [garbage, ...nasty]) expect(() => vp.feed(chunk)).not.toThrow();
    // and over a socket: the connection's end resets the parser
    const s = net.connect(vp.port, '127.0.0.1');
    await new Promise((r) => s.once('connect', r));
    s.end(garbage);
    await new Promise((r) => s.once('close', r));
    // this test is about garbage, not timing: a generous reply timeout (the timeout tests use 300 ms)
    const p = printerOn(vp.port, { statusTimeoutMs: 3000 });
    expect((await p.status()).state).toBe('ready');
    expect(await p.print(job.bytes)).toMatchObject({ ok: true });
    expect(vp.pages.length).toBeGreaterThanOrEqual(1);
  });
});

describe('line buffer', () => {
  it('text that arrives without a line feed wraps at the paper width, as a printer prints a full line', () => {
    const vp = new VirtualPrinter({ dots: 384 }); // 32 cells of 12 dots
    const text = 'Nguyễn Thị Hồng Nhung '.repeat(5); // 110 graphemes, no LF
    const { bytes, unmappable } = cp1258.encode(text);
    expect(unmappable).toEqual([]);
    vp.feed(Buffer.from([0x1b, 0x40, 0x1b, 0x74, 52])); // ESC @, then ESC t 52 (WPC1258)
    vp.feed(bytes);
    vp.feed(Buffer.from([0x1d, 0x56, 0x00]));
    const page = vp.pages[0]!;
    expect(page.text.map((l) => [...new Intl.Segmenter('vi').segment(l)].length)).toEqual([32, 32, 32, 14]);
    expect(page.text.join('')).toBe(text.normalize('NFC'));
    expect(vp.pageBitmap(page).width).toBe(384);
  });
});

describe('virtual printer shutdown', () => {
  it('stops at once when its socat is already gone, killed outright (no exit code, only a signal)', async () => {
    const vp = await new VirtualPrinter({ dots: 384, serial: true }).start();
    await killAndWait(vp.socatPid!, 'SIGKILL');
    expect(await settlesWithin(vp.stop())).toBe('done');
  });
});

describe('transports from the kiosk config', () => {
  it('takes the kiosk config as parsed by its schema', () => {
    // type-level (tsc): the schema's input and output both fit the driver's config type
    const asWritten = (c: z.input<typeof PrinterConfig>): PrinterConfigInput => c;
    const asParsed = (c: z.output<typeof PrinterConfig>): PrinterConfigInput => c;
    const parsed = asParsed(PrinterConfig.parse({ transport: 'network', host: '127.0.0.1' }));
    expect(createTransport(parsed)?.address).toBe('tcp://127.0.0.1:9100');
    expect(createTransport(asWritten({ transport: 'usb', path: '/dev/usb/lp0' }))?.kind).toBe('usb');
  });

  it('none → no printer; network/serial/usb/virtual → the right transport', () => {
    expect(createTransport({ transport: 'none' })).toBeNull();
    expect(createTransport({ transport: 'network', host: '127.0.0.1' })?.address).toBe('tcp://127.0.0.1:9100');
    expect(createTransport({ transport: 'serial', path: '/dev/ttyS9' })?.kind).toBe('serial');
    expect(createTransport({ transport: 'usb', path: '/dev/usb/lp0' })?.address).toBe('usb:/dev/usb/lp0');
    expect(createTransport({ transport: 'virtual' }, { port: 1234 })?.address).toBe('tcp://127.0.0.1:1234');
    expect(() => createTransport({ transport: 'virtual' })).toThrow(/virtual printer/);
  });

  it('USB device file: writes and status read back through the file (a pty stands in for /dev/usb/lp0)', async () => {
    const vp = await virtual({ serial: true });
    const usb = new UsbTransport(vp.serialPath!);
    const p = new ReceiptPrinter(usb, { statusTimeoutMs: 500 });
    cleanup.push(() => p.close());
    expect([...(await usb.query(STATUS_QUERY, 3, 500))]).toEqual([0x12, 0x12, 0x12]);
    expect(await p.print(job.bytes)).toMatchObject({ ok: true });
    vp.set({ paperOut: true });
    expect((await p.status()).state).toBe('paper-out');
    expect(vp.pages).toHaveLength(1);
  });
});
