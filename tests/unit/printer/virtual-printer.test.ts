/**
 * The driver against the virtual printer, over TCP and over a serial pty (socat): printing,
 * paper-out in the middle of a job, cover open, and the queue's recovery after a restart.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReceiptPrinter } from '../../../drivers/printer/device.ts';
import { buildReceiptJob } from '../../../drivers/printer/job.ts';
import { PrintQueue } from '../../../drivers/printer/queue.ts';
import { readPng, type Bitmap } from '../../../drivers/printer/raster.ts';
import type { PrinterStatus } from '../../../drivers/printer/status.ts';
import { NetworkTransport } from '../../../drivers/printer/transports/network.ts';
import { SerialTransport } from '../../../drivers/printer/transports/serial.ts';
import type { PrinterTransport } from '../../../drivers/printer/transports/transport.ts';
import { VirtualPrinter, type Page } from '../../../drivers/printer/virtual/printer.ts';
import { sampleReceipt, tempDir, until } from './helpers.ts';

const job = buildReceiptJob(sampleReceipt(), { paperWidthMm: 80 });

/** The page starts with exactly the receipt's raster, dot for dot. */
function expectSameDots(vp: VirtualPrinter, page: Page, bm: Bitmap): void {
  const got = vp.pageBitmap(page);
  expect(got.height).toBeGreaterThanOrEqual(bm.height);
  expect(Buffer.from(got.bits.subarray(0, bm.bits.length)).equals(Buffer.from(bm.bits))).toBe(true);
}

for (const kind of ['tcp', 'serial'] as const) {
  describe(`over ${kind}`, () => {
    let vp: VirtualPrinter;
    let tmp: ReturnType<typeof tempDir>;
    const open: { close(): unknown }[] = [];
    const link = (): PrinterTransport =>
      kind === 'tcp' ? new NetworkTransport({ host: '127.0.0.1', port: vp.port }) : new SerialTransport({ path: vp.serialPath!, baudRate: 115200 });
    const setup = (file = path.join(tmp.dir, 'kiosk.sqlite')) => {
      const printer = new ReceiptPrinter(link(), { pollMs: 50, statusTimeoutMs: 500 });
      const statuses: PrinterStatus[] = [];
      const alerts: PrinterStatus[] = [];
      printer.on('status', (s) => statuses.push(s));
      printer.on('alert', (s) => alerts.push(s));
      const queue = new PrintQueue(file, printer, { retryMs: 100 });
      open.push(queue, printer);
      return { printer, queue, statuses, alerts };
    };

    beforeEach(async () => {
      tmp = tempDir('printer-test');
      vp = await new VirtualPrinter({ serial: kind === 'serial' }).start();
    });
    afterEach(async () => {
      for (const o of open.splice(0).reverse()) await o.close();
      await vp.stop();
      tmp.cleanup();
    });

    it('prints a receipt and the virtual printer renders it to PNG', async () => {
      const { queue } = setup();
      const j = queue.enqueue(job.bytes, 'receipt 1');
      const done = await queue.waitFor(j.id);
      expect(done).toMatchObject({ state: 'printed', attempts: 1, reason: null });
      expect(vp.pages).toHaveLength(1);
      expectSameDots(vp, vp.pages[0]!, job.bitmap!);
      const png = readPng(vp.png());
      expect(png.width).toBe(576);
      expect(png.height).toBeGreaterThan(job.bitmap!.height);
    });

    it('paper runs out mid-job: the job waits, status says paper-out, new paper prints it by itself', async () => {
      const { queue, printer, statuses, alerts } = setup();
      await until(() => printer.lastStatus?.state === 'ready', 3000, 'printer ready');
      vp.paperOutAfter(Math.floor(job.bytes.length / 2));
      const j = queue.enqueue(job.bytes);
      const failed = await queue.waitFor(j.id, true);
      expect(failed).toMatchObject({ state: 'failed', reason: 'paper-out' });
      expect(printer.lastStatus).toMatchObject({ state: 'paper-out', paperOut: true, online: false });
      expect(alerts.map((s) => s.state)).toContain('paper-out');
      expect(vp.pages).toHaveLength(0);
      expect(vp.bytesDiscarded).toBeGreaterThan(0);
      // still waiting after a few polls: never dropped, never marked printed
      await new Promise((r) => setTimeout(r, 200));
      expect(queue.get(j.id)?.state).toBe('failed');

      vp.set({ paperOut: false });
      const printed = await queue.waitFor(j.id);
      expect(printed).toMatchObject({ state: 'printed', attempts: 2 });
      expect(statuses.map((s) => s.state)).toEqual(expect.arrayContaining(['ready', 'paper-out']));
      expect(vp.pages).toHaveLength(1);
      expect(vp.torn).toHaveLength(1); // the half receipt left with the empty roll
      expectSameDots(vp, vp.pages[0]!, job.bitmap!);
    });

    it('cover open: nothing is sent, the job waits, closing the cover prints it', async () => {
      vp.set({ coverOpen: true });
      const { queue, printer } = setup();
      const j = queue.enqueue(job.bytes);
      expect(await queue.waitFor(j.id, true)).toMatchObject({ state: 'failed', reason: 'cover-open' });
      expect(printer.lastStatus).toMatchObject({ coverOpen: true, state: 'cover-open' });
      expect(vp.bytesReceived).toBeLessThan(100); // status queries only
      vp.set({ coverOpen: false });
      expect(await queue.waitFor(j.id)).toMatchObject({ state: 'printed' });
      expect(vp.pages).toHaveLength(1);
    });

    it('queue recovery: closed mid-job (before the printer confirmed), reopened on the same file, the job completes', async () => {
      const file = path.join(tmp.dir, 'restart.sqlite');
      const first = setup(file);
      await until(() => first.printer.lastStatus?.state === 'ready', 3000, 'printer ready');
      // "crash" once the data is in the printer but before the final status round trip
      vp.once('page', () => first.queue.close());
      const j = first.queue.enqueue(job.bytes);
      await until(() => vp.pages.length === 1, 5000, 'first page');
      await first.printer.close();

      const second = setup(file);
      expect(second.queue.pending().map((p) => p.id)).toContain(j.id);
      const done = await second.queue.waitFor(j.id);
      expect(done).toMatchObject({ state: 'printed', attempts: 2 });
      expect(second.queue.pending()).toEqual([]);
      expect(vp.pages).toHaveLength(2); // printed again: a duplicate beats a lost receipt
    });
  });
}
