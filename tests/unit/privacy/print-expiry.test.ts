/**
 * Issue 17, finding 14: a failed print job with the applicant's name stays on disk and may print
 * for the next resident. A job has an owner (the kiosk: the session id) and dies with it — in the
 * print queue (drivers/printer/queue.ts) and the kiosk's spool (its SQLite store) — whether the
 * session ends while the job waits, while it is printing, or the kiosk restarts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ReceiptPrinter } from '../../../drivers/printer/device.ts';
import { buildReceiptJob } from '../../../drivers/printer/job.ts';
import { PrintQueue } from '../../../drivers/printer/queue.ts';
import { NetworkTransport } from '../../../drivers/printer/transports/network.ts';
import { VirtualPrinter } from '../../../drivers/printer/virtual/printer.ts';
import { KioskStore } from '../../../services/store.ts';
import { tempDir } from '../../support/paths.ts';
import { regularFiles } from '../../support/residue.ts';
import { sampleReceipt, until } from '../printer/helpers.ts';

const jobA = buildReceiptJob(sampleReceipt({ applicantName: 'Đỗ Thị Thanh Hương', applicationCode: 'C-1' }), { paperWidthMm: 58 });
const jobB = buildReceiptJob(sampleReceipt({ applicantName: 'Vũ Văn Khoa', applicationCode: 'C-2' }), { paperWidthMm: 58 });
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function rig(file: string) {
  const vp = await new VirtualPrinter({ dots: 384 }).start();
  cleanup.push(() => vp.stop());
  const p = new ReceiptPrinter(new NetworkTransport({ host: '127.0.0.1', port: vp.port }), { pollMs: 50, statusTimeoutMs: 500 });
  cleanup.push(() => p.close());
  const store = new KioskStore(file);
  cleanup.push(() => store.close());
  const queue = new PrintQueue(store.db, p, { retryMs: 100, afterDelete: () => store.scrub() });
  cleanup.push(() => queue.close());
  await until(() => p.lastStatus?.state === 'ready', 3000, 'printer ready');
  return { vp, p, store, queue };
}

/** A slice from the middle of the job's raster: the applicant's name as printed dots. */
function rasterSlice(bytes: Buffer): Buffer {
  return bytes.subarray(Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 256);
}

function onDisk(dir: string, needle: Buffer): boolean {
  return regularFiles([dir]).some((f) => readFileSync(f).includes(needle));
}

describe('print jobs expire with the resident’s session', () => {
  it('paper out: the job fails and waits; the session ends: deleted, its bytes gone from disk, never printed — the next resident’s receipt prints', async () => {
    const dir = tempDir('print-expiry');
    const { vp, p, queue } = await rig(path.join(dir, 'k.sqlite'));
    vp.set({ paperOut: true });
    await until(() => p.lastStatus?.state === 'paper-out', 3000, 'the printer reports paper out');
    const a = queue.enqueue(jobA.bytes, 'C-1', 'session-a');
    expect(await queue.waitFor(a.id, true)).toMatchObject({ state: 'failed', reason: 'paper-out' });
    expect(onDisk(dir, rasterSlice(jobA.bytes))).toBe(true);

    expect(queue.expire('session-a')).toBe(1);
    expect(queue.pending()).toEqual([]);
    expect(onDisk(dir, rasterSlice(jobA.bytes))).toBe(false);

    vp.set({ paperOut: false });
    const b = queue.enqueue(jobB.bytes, 'C-2', 'session-b');
    expect(await queue.waitFor(b.id)).toMatchObject({ state: 'printed' });
    await new Promise((r) => setTimeout(r, 300));
    expect(vp.pages).toHaveLength(1); // B's, and only B's
    expect(vp.pages[0]!.rows.length).toBeGreaterThan(0);
  });

  it('the paper runs out while the job prints and the session ends meanwhile: the failed attempt is deleted, not retried', async () => {
    const dir = tempDir('print-expiry-inflight');
    const { vp, queue } = await rig(path.join(dir, 'k.sqlite'));
    vp.paperOutAfter(Math.floor(jobA.bytes.length / 2));
    const a = queue.enqueue(jobA.bytes, 'C-1', 'session-a');
    await until(() => queue.get(a.id)?.state === 'printing', 3000, 'printing');
    expect(queue.expire('session-a')).toBe(0); // in flight: not deleted under the printer's feet …
    await until(() => queue.get(a.id) === null, 5000, 'deleted after the failed attempt'); // … but once it failed
    vp.set({ paperOut: false });
    await new Promise((r) => setTimeout(r, 500));
    expect(queue.pending()).toEqual([]);
    expect(onDisk(dir, rasterSlice(jobA.bytes))).toBe(false);
  });

  it('a restart purges the jobs of sessions that died with the process; a staff test print (no owner) is kept and prints', async () => {
    const dir = tempDir('print-expiry-restart');
    const file = path.join(dir, 'k.sqlite');
    {
      const store = new KioskStore(file);
      const queue = new PrintQueue(store.db, null);
      queue.enqueue(jobA.bytes, 'C-1', 'session-a');
      queue.enqueue(jobB.bytes, 'test-print', null);
      queue.close();
      store.db.close(); // as a crash leaves it: no clean close
    }
    const { vp, queue } = await rig(file);
    await until(() => vp.pages.length === 1 && queue.pending().length === 0, 5000, 'the test print printed');
    await new Promise((r) => setTimeout(r, 300));
    expect(vp.pages).toHaveLength(1); // the test print only: session A's receipt was purged
    expect(onDisk(dir, rasterSlice(jobA.bytes))).toBe(false);
  });

  it('a staff clear and a printed job leave no job bytes on disk either', async () => {
    const dir = tempDir('print-expiry-printed');
    const { vp, queue } = await rig(path.join(dir, 'k.sqlite'));
    const a = queue.enqueue(jobA.bytes, 'C-1', 'session-a');
    expect(await queue.waitFor(a.id)).toMatchObject({ state: 'printed' });
    expect(onDisk(dir, rasterSlice(jobA.bytes))).toBe(false);
    vp.set({ paperOut: true });
    const b = queue.enqueue(jobB.bytes, 'C-2', 'session-b');
    await queue.waitFor(b.id, true);
    expect(queue.clear()).toBe(1);
    expect(onDisk(dir, rasterSlice(jobB.bytes))).toBe(false);
  });
});
